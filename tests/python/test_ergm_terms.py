"""Every ERGM term's statistic and change statistic against a brute-force
recomputation (tests/python/ergm_brute.py), toggling every dyad of random
directed, undirected and bipartite graphs; formula parsing and its errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from ergm_brute import stat

import govnet
from govnet.ergm import build_model, parse_formula

LEVELS = ["a", "b", "c"]


def _one_mode(n: int, directed: bool, density: float, seed: int) -> tuple[govnet.Network, np.ndarray]:
    rng = np.random.default_rng(seed)
    A = (rng.random((n, n)) < density).astype(int)
    np.fill_diagonal(A, 0)
    if not directed:
        A = np.triu(A, 1)
        A = A + A.T
    ids = [f"v{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "tier": "plural", "kind": "node",
                           "grp": [LEVELS[i % 3] for i in range(n)],
                           "size": rng.integers(1, 6, n).astype(float)})
    src, dst = np.nonzero(np.triu(A) if not directed else A)
    ties = pd.DataFrame({"source": [ids[i] for i in src], "target": [ids[j] for j in dst],
                         "relation": "tie"})
    # a second layer as a dyadic covariate
    B = (rng.random((n, n)) < 0.3).astype(int)
    np.fill_diagonal(B, 0)
    s2, d2 = np.nonzero(B)
    cov = pd.DataFrame({"source": [ids[i] for i in s2], "target": [ids[j] for j in d2],
                        "relation": "other"})
    net = govnet.Network.from_frames(actors, pd.concat([ties, cov], ignore_index=True),
                                     directed={"tie": directed, "other": True})
    return net, A


def _cov_matrix(net: govnet.Network, directed: bool) -> np.ndarray:
    n = len(net)
    M = np.zeros((n, n))
    for _, r in net.ties("other").iterrows():
        M[net.position(r["source"]), net.position(r["target"])] = 1
    if not directed:
        M = np.maximum(M, M.T)
    return M


def _expected(names: list[str], A: np.ndarray, directed: bool, n1: int, a: list, x: np.ndarray,
              M: np.ndarray | None) -> np.ndarray:
    out = []
    for nm in names:
        parts = nm.split(".")
        head = parts[0]
        if nm.startswith(("gwesp.fixed", "gwdsp.fixed", "gwnsp.fixed", "gwdeg.fixed", "gwideg.fixed",
                          "gwodeg.fixed", "gwb1deg.fixed", "gwb2deg.fixed")):
            decay = float(nm.split(".fixed.")[1])
            kind = {"gwdeg": "gwdegree", "gwideg": "gwidegree", "gwodeg": "gwodegree",
                    "gwb1deg": "gwb1degree", "gwb2deg": "gwb2degree"}.get(head, head)
            out.append(stat(kind, A, directed, n1, decay=decay))
        elif head in ("nodefactor", "nodeofactor", "nodeifactor", "b1factor", "b2factor"):
            out.append(stat(head, A, directed, n1, a=a, level=parts[2]))
        elif head == "nodematch" and len(parts) == 3:
            out.append(stat("nodematch_diff", A, directed, n1, a=a, level=parts[2]))
        elif head == "nodematch":
            out.append(stat("nodematch", A, directed, n1, a=a))
        elif head == "mix":
            out.append(stat("nodemix", A, directed, n1, a=a, cell=(parts[2], parts[3])))
        elif head in ("nodecov", "nodeocov", "nodeicov"):
            out.append(stat(head, A, directed, n1, x=x))
        elif head.startswith("absdiff"):
            pw = float(head[7:]) if len(head) > 7 else 1.0
            out.append(stat("absdiff", A, directed, n1, x=x, pow=pw))
        elif head == "edgecov":
            out.append(stat("edgecov", A, directed, n1, M=M))
        elif head.rstrip("0123456789") in ("kstar", "istar", "ostar", "b1star", "b2star"):
            base = head.rstrip("0123456789")
            out.append(stat(base, A, directed, n1, k=int(head[len(base):])))
        else:
            out.append(stat(head, A, directed, n1))
    return np.array(out)


def _check_model(model, A: np.ndarray, directed: bool, n1: int, a: list, x: np.ndarray,
                 M: np.ndarray | None) -> None:
    names = list(model.names)
    g = _expected(names, A, directed, n1, a, x, M)
    np.testing.assert_allclose(model.observed, g, rtol=1e-12, atol=1e-12, err_msg=str(names))
    d = model.data
    ch, present, ii, jj = model.core.toggle_changes(d.src, d.dst)
    assert len(ii) == d.ndyads
    for row, (i, j) in enumerate(zip(ii, jj)):
        B = A.copy()
        B[i, j] = 1 - B[i, j]
        if not directed:
            B[j, i] = B[i, j]
        want = _expected(names, B, directed, n1, a, x, M) - g
        np.testing.assert_allclose(ch[row], want, rtol=1e-10, atol=1e-10,
                                   err_msg=f"dyad ({i}, {j}) of {names}")
        assert bool(present[row]) == bool(A[i, j])


UNDIRECTED = ("edges + nodecov('size') + nodefactor('grp') + nodematch('grp') + "
              "nodematch('grp', diff=True) + nodemix('grp') + absdiff('size') + absdiff('size', pow=2) + "
              "edgecov('other') + kstar([2, 3]) + triangle + gwesp(0.5, fixed=True) + "
              "gwesp(0, fixed=True) + gwdsp(0.7, fixed=True) + gwnsp(0.3, fixed=True) + "
              "gwdegree(0.8, fixed=True) + isolates")
DIRECTED = ("edges + mutual + nodecov('size') + nodeocov('size') + nodeicov('size') + "
            "nodefactor('grp') + nodeofactor('grp') + nodeifactor('grp') + nodematch('grp') + "
            "nodematch('grp', diff=True) + nodemix('grp') + absdiff('size') + edgecov('other') + "
            "istar(2) + ostar([2, 3]) + triangle + ttriple + ctriple + transitive + transitiveties + "
            "cyclicalties + gwesp(0.5, fixed=True) + gwdsp(0.5, fixed=True) + gwnsp(1.2, fixed=True) + "
            "gwidegree(0.5, fixed=True) + gwodegree(1.5, fixed=True) + isolates")


@pytest.mark.parametrize("seed,density", [(1, 0.3), (2, 0.55), (3, 0.1)])
def test_undirected_terms(seed: int, density: float) -> None:
    net, A = _one_mode(8, False, density, seed)
    model = build_model(net, UNDIRECTED, relation="tie")
    acts = net.actors
    _check_model(model, A, False, 0, list(acts["grp"]), acts["size"].to_numpy(),
                 _cov_matrix(net, False))


@pytest.mark.parametrize("seed,density", [(4, 0.25), (5, 0.5)])
def test_directed_terms(seed: int, density: float) -> None:
    net, A = _one_mode(7, True, density, seed)
    model = build_model(net, DIRECTED, relation="tie")
    acts = net.actors
    _check_model(model, A, True, 0, list(acts["grp"]), acts["size"].to_numpy(),
                 _cov_matrix(net, True))


@pytest.mark.parametrize("seed", [6, 7])
def test_bipartite_terms(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n1, n2 = 5, 4
    ids = [f"w{i}" for i in range(n1)]
    inc = rng.random((n1, n2)) < 0.45
    rows = [(ids[i], f"m{j}") for i in range(n1) for j in range(n2) if inc[i, j]]
    meetings = pd.DataFrame({"meeting": [m for _, m in rows], "actor": [a for a, _ in rows],
                             "kind": "meeting"})
    actors = pd.DataFrame({"id": ids, "tier": "plural", "kind": "person",
                           "grp": [LEVELS[i % 2] for i in range(n1)]})
    net = govnet.Network.from_frames(actors, None, meetings=meetings)
    f = ("edges + b1star([2, 3]) + b2star(2) + gwb1degree(0.5, fixed=True) + "
         "gwb2degree(1, fixed=True) + b1factor('grp') + isolates")
    model = build_model(net, f, two_mode="meetings")
    d = model.data
    assert d.n1 == n1 and d.n == n1 + len(set(meetings["meeting"]))
    A = np.zeros((d.n, d.n), dtype=int)
    A[d.src, d.dst] = 1
    A = A + A.T
    a = list(actors["grp"]) + [None] * (d.n - n1)
    _check_model(model, A, False, n1, a, np.zeros(d.n), None)


def test_coefficient_names_follow_statnet() -> None:
    net, _A = _one_mode(6, False, 0.4, 11)
    m = build_model(net, "edges + nodefactor('grp') + nodematch('grp', diff=TRUE) + nodemix('grp') + "
                         "gwesp(0.25, fixed = TRUE) + gwdegree(1, fixed=T) + kstar(c(2, 3))",
                    relation="tie")
    assert list(m.names) == ["edges", "nodefactor.grp.b", "nodefactor.grp.c", "nodematch.grp.a",
                             "nodematch.grp.b", "nodematch.grp.c", "mix.grp.a.b", "mix.grp.b.b",
                             "mix.grp.a.c", "mix.grp.b.c", "mix.grp.c.c", "gwesp.fixed.0.25",
                             "gwdeg.fixed.1", "kstar2", "kstar3"]


def test_formula_parser() -> None:
    calls = parse_formula("net ~ edges + offset(nodematch('tier', diff=TRUE)) + gwesp(0.5, fixed=TRUE)")
    assert [c.name for c in calls] == ["edges", "nodematch", "gwesp"]
    assert calls[1].offset and calls[1].kwargs == {"diff": True}
    assert calls[2].args == (0.5,) and calls[2].kwargs == {"fixed": True}


@pytest.mark.parametrize("formula,match", [
    ("edges + nosuchterm", "unknown ERGM term 'nosuchterm'"),
    ("edges + gwesp(0.5)", "curved"),
    ("edges + nodematch('nope')", "no node attribute 'nope'"),
    ("edges + kstar(0)", "star order"),
    ("edges + nodematch('grp', dif=True)", "unknown argument 'dif'"),
    ("edges + mutual", "mutual needs a directed network"),
    ("edges + edgecov('zzz')", "no covariate 'zzz'"),
    ("edges + edges", "twice"),
    ("edges +", "cannot parse"),
    ("edges + nodematch(grp)", "not a number, string"),
])
def test_formula_errors_name_the_term(formula: str, match: str) -> None:
    net, _A = _one_mode(5, False, 0.4, 3)
    with pytest.raises(govnet.InvalidParameterError, match=match):
        build_model(net, formula, relation="tie")
