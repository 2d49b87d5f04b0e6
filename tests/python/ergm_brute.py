"""Brute-force ERGM statistics from a dense adjacency matrix (numpy, written from
statnet's term definitions; shares no code with govnet). Used by test_ergm*.py."""

from __future__ import annotations

import itertools
from math import comb

import numpy as np


def _ties(A: np.ndarray, directed: bool) -> list[tuple[int, int]]:
    n = len(A)
    if directed:
        return [(i, j) for i in range(n) for j in range(n) if A[i, j]]
    return [(i, j) for i in range(n) for j in range(i + 1, n) if A[i, j]]


def _transitive_triads(A: np.ndarray) -> int:
    n = len(A)
    count = 0
    for tri in itertools.combinations(range(n), 3):
        any_path, closed = False, True
        for x, y, z in itertools.permutations(tri, 3):
            if A[x, y] and A[y, z]:
                any_path = True
                if not A[x, z]:
                    closed = False
        count += any_path and closed
    return count


def stat(name: str, A: np.ndarray, directed: bool, n1: int = 0, **kw: object) -> float:
    """One statistic of the network with adjacency A (symmetric when undirected)."""
    n = len(A)
    ties = _ties(A, directed)
    deg = A.sum(axis=1) + (A.sum(axis=0) if directed else 0)
    indeg, outdeg = A.sum(axis=0), A.sum(axis=1)
    two = A @ A  # two[i, j]: paths i -> k -> j
    a = kw.get("a")
    x = kw.get("x")
    if name == "edges":
        return len(ties)
    if name == "mutual":
        return float(np.sum(A * A.T) / 2)
    if name == "nodecov":
        return float(sum(x[i] + x[j] for i, j in ties))
    if name == "nodeocov":
        return float(sum(x[i] for i, j in ties))
    if name == "nodeicov":
        return float(sum(x[j] for i, j in ties))
    if name == "nodefactor":
        return float(sum(deg[i] for i in range(n) if a[i] == kw["level"]))
    if name == "nodeofactor":
        return float(sum(outdeg[i] for i in range(n) if a[i] == kw["level"]))
    if name == "nodeifactor":
        return float(sum(indeg[i] for i in range(n) if a[i] == kw["level"]))
    if name == "nodematch":
        return float(sum(a[i] == a[j] for i, j in ties))
    if name == "nodematch_diff":
        return float(sum(a[i] == a[j] == kw["level"] for i, j in ties))
    if name == "nodemix":
        u, v = kw["cell"]
        if directed or n1:
            return float(sum(a[i] == u and a[j] == v for i, j in ties))
        return float(sum(sorted((a[i], a[j])) == [u, v] for i, j in ties))
    if name == "absdiff":
        return float(sum(abs(x[i] - x[j]) ** kw.get("pow", 1) for i, j in ties))
    if name == "edgecov":
        M = kw["M"]
        return float(sum(M[i, j] for i, j in ties))
    if name == "kstar":
        return float(sum(comb(int(d), kw["k"]) for d in deg))
    if name == "istar":
        return float(sum(comb(int(d), kw["k"]) for d in indeg))
    if name == "ostar":
        return float(sum(comb(int(d), kw["k"]) for d in outdeg))
    if name == "b1star":
        return float(sum(comb(int(d), kw["k"]) for d in deg[:n1]))
    if name == "b2star":
        return float(sum(comb(int(d), kw["k"]) for d in deg[n1:]))
    if name == "triangle":
        if not directed:
            return float(np.trace(A @ A @ A) / 6)
        return stat("ttriple", A, directed) + stat("ctriple", A, directed)
    if name == "ttriple":
        return float(np.sum(two * A))
    if name == "ctriple":
        return float(np.trace(A @ A @ A) / 3)
    if name == "transitive":
        return float(_transitive_triads(A))
    if name == "transitiveties":
        return float(sum(two[i, j] > 0 for i, j in ties))
    if name == "cyclicalties":
        return float(sum(two[j, i] > 0 for i, j in ties))
    if name == "isolates":
        return float(np.sum(deg == 0))
    al = kw.get("decay", 0.0)
    r = 1 - np.exp(-al)
    if name == "gwesp":
        return float(np.exp(al) * sum(1 - r ** two[i, j] for i, j in ties))
    if name == "gwdsp":
        pairs = ([(i, j) for i in range(n) for j in range(n) if i != j] if directed
                 else [(i, j) for i in range(n) for j in range(i + 1, n)])
        return float(np.exp(al) * sum(1 - r ** two[i, j] for i, j in pairs))
    if name == "gwnsp":
        return stat("gwdsp", A, directed, decay=al) - stat("gwesp", A, directed, decay=al)
    if name == "gwdegree":
        return float(np.exp(al) * np.sum(1 - r ** deg))
    if name == "gwidegree":
        return float(np.exp(al) * np.sum(1 - r ** indeg))
    if name == "gwodegree":
        return float(np.exp(al) * np.sum(1 - r ** outdeg))
    if name == "gwb1degree":
        return float(np.exp(al) * np.sum(1 - r ** deg[:n1]))
    if name == "gwb2degree":
        return float(np.exp(al) * np.sum(1 - r ** deg[n1:]))
    if name == "b1factor":
        return float(sum(deg[i] for i in range(n1) if a[i] == kw["level"]))
    if name == "b2factor":
        return float(sum(deg[i] for i in range(n1, n) if a[i] == kw["level"]))
    raise KeyError(name)
