"""Cohesion and local structure (凝聚子群与局部结构): transitivity, clustering,
the dyad and triad censuses, maximal cliques, components, cut-points and bridges.

Every function takes a :class:`govnet.Network` (or a networkx graph) first and
keyword-only options (docs/conventions.md). Per-actor results are
``pandas.Series`` indexed by actor id in the network's actor order. Self-loops
are ignored throughout. Triangles (transitivity, clustering) and the triad
census run in the C++ core, and components (:mod:`.components`, re-exported
here); cliques, cut-points and bridges are pure Python.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_threads
from govnet.errors import InvalidParameterError
from govnet.model.access import Relation, as_network, layer_of, series, tie_weight
from govnet.positions._common import adjacency, layer_arrays, neighbor_sets
from govnet.positions.components import Components, components

__all__ = [
    "transitivity",
    "clustering",
    "dyad_census",
    "triad_census",
    "TRIAD_TYPES",
    "cliques",
    "clique_comembership",
    "Components",
    "components",
    "articulation_points",
    "bridges",
]

_HL1970 = ("Holland, P. W. & Leinhardt, S. (1970). A method for detecting structure in "
           "sociometric data. American Journal of Sociology 76(3), 492–513. doi:10.1086/224954")

#: The 16 MAN triad types in the order of networkx, igraph and R sna.
TRIAD_TYPES: tuple[str, ...] = ("003", "012", "102", "021D", "021U", "021C", "111D", "111U",
                                "030T", "030C", "201", "120D", "120U", "120C", "210", "300")

def _binary_symmetric(net: Any, relation: Relation) -> tuple[Any, Any]:
    net, g, src, dst, w = layer_arrays(net, relation)
    a = adjacency(len(net), src, dst, np.ones(src.size), symmetric=True)
    a.data[:] = 1.0
    return net, a


def transitivity(net: Any, *, relation: Relation = None, threads: int | None = None) -> float:
    """Global transitivity (传递性): the share of connected triples that close.

    ``T = 3 × triangles / connected triples = sum_v 2t_v / sum_v d_v(d_v − 1)``
    (networkx's ``transitivity``, igraph's ``transitivity_undirected``, sna's
    ``gtrans`` with ``gmode="graph"``). A directed layer is read as undirected
    (an arc, or a mutual pair, is one tie; igraph's convention); weights are
    ignored. No connected triple gives 0 (networkx; igraph gives NaN).
    Triangles are counted in the C++ core (``threads=``: docs/conventions.md).

    References
    ----------
    Wasserman, S. & Faust, K. (1994). Social Network Analysis. Cambridge UP, §6.2.
    """
    net, a = _binary_symmetric(net, relation)
    d = np.asarray(a.sum(axis=1)).ravel()
    two_t = _core.triangle_weights(layer_of(net, relation), weighted=False, ignore_direction=True,
                                   threads=check_threads(threads))
    tri = float(two_t.sum())
    if tri == 0:
        return 0.0
    return tri / float((d * (d - 1)).sum())


def clustering(net: Any, *, relation: Relation = None, weight: str | None = None,
               undirected: bool = False, threads: int | None = None) -> pd.Series:
    """Local clustering coefficient (局部聚类系数), as networkx's ``clustering``.

    Undirected: ``c_v = 2 t_v / (d_v (d_v − 1))``, ``t_v`` the triangles at
    ``v`` (igraph's ``transitivity_local_undirected`` with ``mode="zero"``).
    Weighted (``weight="weight"``): Onnela et al.'s geometric mean,
    ``c_v = sum_{u,w} (ŵ_vu ŵ_vw ŵ_uw)^{1/3} / (d_v (d_v − 1))`` with
    ``ŵ = w / max(w)`` over the layer (networkx). Directed (a directed layer,
    ``undirected=False``): Fagiolo's coefficient,
    ``c_v = [(A + Aᵀ)³]_vv / (2 [d_v^tot (d_v^tot − 1) − 2 d_v^↔])`` with ``A``
    the (weighted: ``ŵ^{1/3}``) adjacency, ``d^tot`` in- plus out-degree and
    ``d^↔`` the reciprocated neighbours (networkx). ``undirected=True`` reads a
    directed layer as undirected (mutual arcs merge, their weights summed).

    Conventions: 0 for an actor with fewer than two neighbours or without
    triangles (networkx; igraph's default gives NaN). The triangle weights are
    summed in the C++ core, each actor's in a fixed order (any ``threads``
    gives the same result).

    References
    ----------
    Watts, D. J. & Strogatz, S. H. (1998). Nature 393, 440–442. doi:10.1038/30918.
    Onnela, J.-P. et al. (2005). Physical Review E 71, 065103. doi:10.1103/PhysRevE.71.065103.
    Fagiolo, G. (2007). Physical Review E 76, 026107. doi:10.1103/PhysRevE.76.026107.
    """
    net = as_network(net)
    weighted = tie_weight(net, weight)
    net, g, src, dst, w = layer_arrays(net, relation, undirected=undirected)
    n = len(net)
    t = _core.triangle_weights(g, weighted=weighted, ignore_direction=False,
                               threads=check_threads(threads))
    b = adjacency(n, src, dst, np.ones(src.size), symmetric=not g.directed)
    b.data[:] = 1.0
    if not g.directed:
        d = np.asarray(b.sum(axis=1)).ravel()
        denom = d * (d - 1)
    else:
        dtot = np.asarray(b.sum(axis=1)).ravel() + np.asarray(b.sum(axis=0)).ravel()
        drec = np.asarray(b.multiply(b.T).sum(axis=1)).ravel()
        denom = 2.0 * (dtot * (dtot - 1) - 2 * drec)
    out = np.zeros(n)
    ok = (t != 0) & (denom > 0)
    out[ok] = t[ok] / denom[ok]
    return series(net, out, "clustering")


def dyad_census(net: Any, *, relation: Relation = None) -> pd.Series:
    """The dyad census (二元组普查): mutual, asymmetric and null dyads.

    A Series ``M, A, N`` (ints) summing to ``n(n − 1)/2``, as R sna's
    ``dyad.census`` and igraph's ``dyad_census``. An undirected tie is mutual.
    """
    net, g, src, dst, _ = layer_arrays(net, relation)
    n = len(net)
    if g.directed:
        key = src * n + dst
        mutual_arcs = int(np.isin(dst * n + src, key).sum())
        m, a = mutual_arcs // 2, src.size - mutual_arcs
    else:
        m, a = src.size, 0
    total = n * (n - 1) // 2
    return pd.Series([m, a, total - m - a], index=["M", "A", "N"], name="dyad_census",
                     dtype="int64")


def triad_census(net: Any, *, relation: Relation = None, threads: int | None = None) -> pd.Series:
    """The triad census (三元组普查): counts of the 16 MAN isomorphism classes.

    A Series of ints indexed by :data:`TRIAD_TYPES` (``"003"`` … ``"300"``, the
    order of networkx, igraph and R sna), summing to ``C(n, 3)``. The code gives
    the Mutual, Asymmetric and Null dyads, then D(own)/U(p)/C(yclic)/T(ransitive).
    An undirected tie counts as mutual (sna; networkx refuses undirected graphs),
    so an undirected layer has only 003, 102, 201 and 300.

    Batagelj & Mrvar's O(m Δ) algorithm (networkx's) in the C++ core; integer
    counts, identical for any ``threads``.

    References
    ----------
    Holland, P. W. & Leinhardt, S. (1970). A method for detecting structure in
    sociometric data. American Journal of Sociology 76(3), 492–513. doi:10.1086/224954.
    Batagelj, V. & Mrvar, A. (2001). A subquadratic triad census algorithm for
    large sparse networks with small maximum degree. Social Networks 23(3), 237–243.
    """
    net = as_network(net)
    census = _core.triad_census(layer_of(net, relation), threads=check_threads(threads))
    return pd.Series(census, index=list(TRIAD_TYPES), name="triad_census", dtype="int64")


def _bron_kerbosch(nbrs: list[set[int]]) -> list[list[int]]:
    """Maximal cliques: Bron–Kerbosch with Tomita's pivot, iterative (networkx's scheme)."""
    out: list[list[int]] = []
    n = len(nbrs)
    for v in range(n):                       # isolates are maximal cliques of size 1
        if not nbrs[v]:
            out.append([v])
    cand = {v for v in range(n) if nbrs[v]}
    if not cand:
        return out
    q: list[int] = []
    subg = set(cand)
    u = max(subg, key=lambda x: (len(cand & nbrs[x]), -x))
    ext_u = cand - nbrs[u]
    stack: list[tuple[set[int], set[int], set[int]]] = []
    while True:
        if ext_u:
            q_node = min(ext_u)
            ext_u.discard(q_node)
            cand.discard(q_node)
            q.append(q_node)
            adj_q = nbrs[q_node]
            subg_q = subg & adj_q
            if not subg_q:
                out.append(sorted(q))
                q.pop()
            else:
                cand_q = cand & adj_q
                if cand_q:
                    stack.append((subg, cand, ext_u))
                    subg, cand = subg_q, cand_q
                    u = max(subg, key=lambda x: (len(cand & nbrs[x]), -x))
                    ext_u = cand - nbrs[u]
                else:
                    q.pop()
        else:
            if not stack:
                break
            q.pop()
            subg, cand, ext_u = stack.pop()
    return out


def _clique_positions(net: Any, relation: Relation, min_size: Any) -> tuple[Any, list[list[int]]]:
    if isinstance(min_size, bool) or not isinstance(min_size, (int, np.integer)):
        raise TypeError(f"min_size must be an integer, got {type(min_size).__name__}")
    if min_size < 1:
        raise InvalidParameterError(f"min_size must be at least 1, got {min_size}")
    net, _, src, dst, _ = layer_arrays(net, relation)
    found = [c for c in _bron_kerbosch(neighbor_sets(len(net), src, dst)) if len(c) >= min_size]
    found.sort(key=lambda c: (-len(c), c))
    return net, found


def cliques(net: Any, *, relation: Relation = None, min_size: int = 1) -> list[list[Any]]:
    """Maximal cliques (派系): maximal sets of actors all tied to one another.

    A list of cliques, each a list of actor ids in actor order; cliques sorted
    by size (largest first), then by their actors' positions. Direction is
    ignored (a directed layer is read as undirected, as igraph); an isolate is
    a clique of size 1 and a tie in no triangle one of size 2 (networkx's
    ``find_cliques``, igraph's ``maximal_cliques``). ``min_size=3`` gives
    UCINET's and sna's ``clique.census`` usual cut.

    Bron–Kerbosch with Tomita's pivot (the neighbour of most candidates).

    References
    ----------
    Bron, C. & Kerbosch, J. (1973). Algorithm 457: finding all cliques of an
    undirected graph. Communications of the ACM 16(9), 575–577. doi:10.1145/362342.362367.
    Tomita, E., Tanaka, A. & Takahashi, H. (2006). The worst-case time complexity
    for generating all maximal cliques. Theoretical Computer Science 363(1), 28–42.
    """
    net, found = _clique_positions(net, relation, min_size)
    ids = net.actor_ids
    return [[ids[i] for i in c] for c in found]


def clique_comembership(net: Any, *, relation: Relation = None, min_size: int = 3) -> pd.DataFrame:
    """Clique co-membership (派系共享): actor × actor counts of shared maximal cliques.

    Entry ``(i, j)`` is the number of maximal cliques of at least ``min_size``
    actors that contain both; the diagonal is each actor's number of cliques
    (UCINET's clique co-membership matrix). ``min_size`` defaults to 3
    (UCINET); ``min_size=1`` counts every maximal clique of :func:`cliques`.
    """
    net, found = _clique_positions(net, relation, min_size)
    n = len(net)
    m = np.zeros((n, n), dtype=np.int64)
    for c in found:
        idx = np.asarray(c)
        m[np.ix_(idx, idx)] += 1
    ids = net.actor_ids
    return pd.DataFrame(m, index=ids.copy(), columns=ids.copy())


def _dfs_lowpoints(nbrs: list[list[int]]) -> tuple[set[int], list[tuple[int, int]]]:
    """Articulation points and bridges of an undirected simple graph (Hopcroft–Tarjan), iterative."""
    n = len(nbrs)
    disc = [-1] * n
    low = [0] * n
    cut: set[int] = set()
    brs: list[tuple[int, int]] = []
    t = 0
    for root in range(n):
        if disc[root] >= 0:
            continue
        disc[root] = low[root] = t
        t += 1
        children = 0
        stack = [(root, -1, iter(nbrs[root]))]
        while stack:
            v, parent, it = stack[-1]
            advanced = False
            for w in it:
                if w == parent:
                    continue
                if disc[w] < 0:
                    disc[w] = low[w] = t
                    t += 1
                    if v == root:
                        children += 1
                    stack.append((w, v, iter(nbrs[w])))
                    advanced = True
                    break
                low[v] = min(low[v], disc[w])
            if advanced:
                continue
            stack.pop()
            if parent >= 0:
                low[parent] = min(low[parent], low[v])
                if low[v] > disc[parent]:
                    brs.append((min(parent, v), max(parent, v)))
                if parent != root and low[v] >= disc[parent]:
                    cut.add(parent)
        if children > 1:
            cut.add(root)
    return cut, brs


def _undirected_lists(net: Any, relation: Relation) -> tuple[Any, list[list[int]]]:
    net, _, src, dst, _ = layer_arrays(net, relation)
    return net, [sorted(s) for s in neighbor_sets(len(net), src, dst)]


def articulation_points(net: Any, *, relation: Relation = None) -> list[Any]:
    """Articulation points (cut-points, 割点): actors whose removal disconnects their component.

    A list of actor ids in actor order. Direction is ignored (networkx's
    ``articulation_points`` on the undirected view; igraph's
    ``articulation_points``). Hopcroft–Tarjan depth-first search, O(n + m).

    References
    ----------
    Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
    graph manipulation. Communications of the ACM 16(6), 372–378. doi:10.1145/362248.362272.
    """
    net, nbrs = _undirected_lists(net, relation)
    cut, _ = _dfs_lowpoints(nbrs)
    ids = net.actor_ids
    return [ids[i] for i in sorted(cut)]


def bridges(net: Any, *, relation: Relation = None) -> pd.DataFrame:
    """Bridges (桥): ties whose removal disconnects their component.

    A DataFrame with columns ``source`` and ``target`` (actor ids, the earlier
    actor in actor order first), one row per bridge, sorted. Direction is
    ignored: a pair with arcs both ways is one tie (networkx's ``bridges`` on
    the undirected view; igraph's ``bridges``). O(n + m).
    """
    net, nbrs = _undirected_lists(net, relation)
    _, brs = _dfs_lowpoints(nbrs)
    brs.sort()
    ids = net.actor_ids
    return pd.DataFrame({"source": [ids[u] for u, _ in brs],
                         "target": [ids[v] for _, v in brs]})

