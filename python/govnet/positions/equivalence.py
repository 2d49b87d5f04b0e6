"""Structural and regular equivalence (结构对等 / 角色对等): distances as R
``sna::sedist``, hierarchical clustering into positions as ``sna::equiv.clust``,
CONCOR, and REGE as R ``blockmodeling::REGE``.

Every function reads one layer (or a pooled set, ``relation=``) as a dense
n × n matrix ``A`` (row = sender; an undirected tie counts both ways; 0/1
unless ``weight="weight"``; self-loops ignored). A layer with missing dyads
raises ``InvalidNetworkError``: equivalence compares every dyad.

References
----------
Lorrain, F. & White, H. C. (1971). Structural equivalence of individuals in social
networks. Journal of Mathematical Sociology 1(1), 49–80. doi:10.1080/0022250X.1971.9989788
Breiger, R. L., Boorman, S. A. & Arabie, P. (1975). An algorithm for clustering relational
data with applications to social network analysis and comparison with multidimensional
scaling. Journal of Mathematical Psychology 12(3), 328–383. doi:10.1016/0022-2496(75)90028-0
White, D. R. & Reitz, K. P. (1983). Graph and semigroup homomorphisms on networks of
relations. Social Networks 5(2), 193–234. doi:10.1016/0378-8733(83)90025-4
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import warnings

import numpy as np
import pandas as pd
from scipy.spatial.distance import cdist

from govnet.errors import GovnetWarning, InvalidParameterError, TooLargeError
from govnet.model.access import Relation
from govnet.positions._common import dense_layer, html_table

__all__ = [
    "structural_distance",
    "EquivalenceClustering",
    "equivalence_clustering",
    "hclust",
    "cutree",
    "concor",
    "rege",
]

_SE_METHODS = ("hamming", "euclidean", "correlation")
_LINKAGES = {"single": 2, "complete": 3, "average": 4, "mcquitty": 5}


def _profiles(mats: list[np.ndarray]) -> np.ndarray:
    """Row i: actor i's out-ties then in-ties in each layer (sna's ``c(d[, i, ], d[, , i])``)."""
    return np.hstack([m for a in mats for m in (a, a.T)])


def _se_matrix(mats: list[np.ndarray], method: str, diag: bool) -> np.ndarray:
    n = mats[0].shape[0]
    x = _profiles(mats)
    binary = bool(np.all((x == 0) | (x == 1)))
    # per pair (i, j), without the diagonal, each layer's positions i, j of the row part and
    # of the column part drop out (sna: NA, na.rm / pairwise); with a zero diagonal their
    # contributions are these:
    sym = sum(a + a.T for a in mats)
    sym2 = sum(a * a + (a * a).T for a in mats)
    if method == "correlation":
        if diag:
            with np.errstate(invalid="ignore", divide="ignore"):
                r = np.corrcoef(x)
        else:
            m = float(len(mats)) * (2.0 * n - 4.0)
            s = x.sum(axis=1)
            s2 = (x * x).sum(axis=1)
            cross = x @ x.T            # unchanged: the dropped terms are 0 × a_ij
            si = s[:, None] - sym      # actor i's sum without positions j, n+j (i's are 0)
            sj = s[None, :] - sym
            si2 = s2[:, None] - sym2
            sj2 = s2[None, :] - sym2
            num = m * cross - si * sj
            den = np.sqrt(np.maximum(m * si2 - si * si, 0.0) * np.maximum(m * sj2 - sj * sj, 0.0))
            with np.errstate(invalid="ignore", divide="ignore"):
                r = num / den
        r = np.where(np.isfinite(r), r, 0.0)   # sna: an undefined correlation is 0
        r = np.clip(r, -1.0, 1.0)
        # an actor with itself: 1, or 0 for a constant profile (sna's NA -> 0)
        np.fill_diagonal(r, np.where(np.ptp(x, axis=1) > 0, 1.0, 0.0))
        return r
    if method == "euclidean" or binary:
        sq = (x * x).sum(axis=1)
        d2 = sq[:, None] + sq[None, :] - 2.0 * (x @ x.T)
        if not diag:
            d2 = d2 - 2.0 * sym2
        d2 = np.maximum(d2, 0.0)
        if binary and method == "hamming":
            out = np.rint(d2)
        else:
            out = np.sqrt(d2) if method == "euclidean" else d2
    else:
        out = cdist(x, x, "cityblock")
        if not diag:
            out = out - 2.0 * sum(np.abs(a) + np.abs(a).T for a in mats)
    np.fill_diagonal(out, 0.0)
    return out


def _layers(net: Any, relation: Relation, weight: str | None, stack: bool,
            undirected: bool = False) -> tuple[Any, list[np.ndarray]]:
    """The matrices compared: one (the pooled layers) or, with ``stack``, one per layer."""
    if not isinstance(stack, bool):
        raise TypeError(f"stack must be True or False, got {type(stack).__name__}")
    if not stack:
        net, a, _ = dense_layer(net, relation, weight, undirected)
        return net, [a]
    net, first, _ = dense_layer(net, relation, weight, undirected)   # validates the arguments
    names = net.relation_names(relation)
    if len(names) == 1:
        return net, [first]
    return net, [dense_layer(net, name, weight, undirected)[1] for name in names]


def _check_method(method: Any) -> str:
    if method not in _SE_METHODS:
        raise InvalidParameterError(f"method must be one of {_SE_METHODS}, got {method!r}")
    return str(method)


def structural_distance(net: Any, *, relation: Relation = None, method: str = "hamming",
                        weight: str | None = None, diag: bool = False,
                        stack: bool = False, undirected: bool = False) -> pd.DataFrame:
    """Structural equivalence between every pair of actors, as R ``sna::sedist``.

    Actor ``i``'s profile is its row and its column of ``A`` (``c(A[i, ], A[, i])``,
    2n values: whom it sends ties to, who sends to it). Two actors are structurally
    equivalent when their profiles agree (Lorrain & White 1971).

    * ``"hamming"`` (sna's default): ``sum |x_i − x_j|``, the number of
      differing ties on 0/1 data;
    * ``"euclidean"``: ``sqrt(sum (x_i − x_j)²)``;
    * ``"correlation"``: Pearson's correlation of the profiles — a *similarity*
      (1 = equivalent), as ``sedist(code.diss=FALSE)``; undefined (a constant
      profile, e.g. an isolate) gives 0, as sna — also an isolate with itself.

    sna's conventions, reproduced exactly: with ``diag=False`` (sna's default)
    the diagonal is unobserved (``NA``), so for the pair (i, j) the four
    positions ``A[i, i]``, ``A[j, j]`` (rows) and ``A[i, i]``, ``A[j, j]``
    (columns) are left out — the comparison uses ``k ∉ {i, j}``
    (``na.rm=TRUE``, ``use="pairwise"``); ``diag=True`` compares the full 2n
    values (a zero diagonal). sna's ``mode=`` argument has no effect on
    ``sedist``; an undirected layer is a symmetric matrix whose row and
    column are both used (every difference counted twice), as sna does.

    Parameters
    ----------
    relation : layer name(s), see docs/conventions.md
    method : {"hamming", "euclidean", "correlation"}
    weight : None or "weight"
        Valued ties (sna reads the matrix as given).
    diag : bool, default False
    stack : bool, default False
        With several layers (``relation=[...]`` or ``"all"``): ``False`` compares
        the pooled layer (summed weights, docs/conventions.md); ``True``
        concatenates the profiles of every layer, as sna's
        ``sedist(joint.analysis=TRUE)`` / ``equiv.clust`` on a list of graphs
        (and UCINET's stacked relations).
    undirected : bool, default False
        Read a directed layer as undirected (each arc a tie both ways;
        docs/conventions.md).

    Returns
    -------
    DataFrame
        actor × actor, symmetric, in actor order; 0 (hamming, euclidean) or 1
        (correlation) on the diagonal.

    Notes
    -----
    Dense: O(n²) memory, O(n³) time through matrix products (valued Hamming
    distances use scipy's ``cdist``).

    Examples
    --------
    >>> import govnet
    >>> d = govnet.structural_distance(govnet.datasets.kite())
    >>> int(d.loc["Andre", "Beverly"]), int(d.loc["Andre", "Carol"])
    (8, 2)
    """
    method = _check_method(method)
    net, mats = _layers(net, relation, weight, stack, undirected)
    ids = net.actor_ids
    return pd.DataFrame(_se_matrix(mats, method, bool(diag)), index=ids.copy(),
                        columns=ids.copy())


def hclust(d: Any, method: str = "complete") -> dict[str, np.ndarray]:
    """Agglomerative clustering of a dissimilarity matrix exactly as R's ``hclust``.

    Murtagh's nearest-neighbour-list algorithm of R's ``hclust.f``, so ties
    between equal dissimilarities are broken as R breaks them (lowest index
    first) and the merges, heights and order equal R's. scipy's ``linkage``
    breaks ties otherwise (same heights on tie-free data, possibly other
    merges with ties).

    Parameters
    ----------
    d : square array or DataFrame of dissimilarities
    method : {"complete", "single", "average", "mcquitty"}

    Returns
    -------
    dict
        ``merge`` ((n−1) × 2, R's coding: −k singleton k (1-based), +s the
        cluster of step s), ``height``, ``order`` (1-based, R's ``order``)
        and ``linkage`` (the same tree as a scipy linkage matrix, for
        ``scipy.cluster.hierarchy.dendrogram``/``fcluster``).
    """
    if method not in _LINKAGES:
        raise InvalidParameterError(f"linkage must be one of {tuple(_LINKAGES)}, got {method!r}")
    diss = np.array(d, dtype=float)
    n = diss.shape[0]
    if diss.ndim != 2 or diss.shape[1] != n or n < 2:
        raise InvalidParameterError("hclust needs a square matrix of at least 2 × 2")
    if not np.all(np.isfinite(diss)):
        raise InvalidParameterError("hclust: the dissimilarities must be finite")
    inf = 1e300
    flag = np.ones(n, dtype=bool)
    membr = np.ones(n)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    work = np.where(upper, diss, inf)           # only j > i is used, as DISS(IOFFST(i, j))
    nn = np.zeros(n, dtype=np.int64)
    disnn = np.full(n, inf)
    for i in range(n - 1):
        j = int(np.argmin(work[i, i + 1:])) + i + 1
        nn[i], disnn[i] = j, work[i, j]
    ia = np.zeros(n - 1, dtype=np.int64)
    ib = np.zeros(n - 1, dtype=np.int64)
    crit = np.zeros(n - 1)
    opt = _LINKAGES[method]
    for step in range(n - 1):
        cand = np.where(flag[: n - 1], disnn[: n - 1], np.inf)
        im = int(np.argmin(cand))
        jm = int(nn[im])
        i2, j2 = min(im, jm), max(im, jm)
        ia[step], ib[step], crit[step] = i2, j2, cand[im]
        flag[j2] = False
        ks = np.flatnonzero(flag)
        ks = ks[ks != i2]
        d1 = np.where(i2 < ks, work[i2, ks], work[ks, i2])
        d2 = np.where(j2 < ks, work[j2, ks], work[ks, j2])
        if opt == 2:
            new = np.minimum(d1, d2)
        elif opt == 3:
            new = np.maximum(d1, d2)
        elif opt == 4:
            new = (membr[i2] * d1 + membr[j2] * d2) / (membr[i2] + membr[j2])
        else:
            new = (d1 + d2) / 2
        right = ks > i2
        work[i2, ks[right]] = new[right]
        work[ks[~right], i2] = new[~right]
        left = ks[~right]
        lnew = new[~right]
        better = lnew < disnn[left]             # R's fix for non-monotone updates
        disnn[left[better]] = lnew[better]
        nn[left[better]] = i2
        membr[i2] += membr[j2]
        if right.any():
            r = int(np.argmin(new[right]))
            disnn[i2], nn[i2] = new[right][r], ks[right][r]
        else:
            disnn[i2] = inf
        redo = np.flatnonzero(flag[: n - 1] & ((nn[: n - 1] == i2) | (nn[: n - 1] == j2)))
        for i in redo.tolist():
            js = np.flatnonzero(flag[i + 1:]) + i + 1
            if js.size == 0:
                disnn[i] = inf
                continue
            r = int(np.argmin(work[i, js]))
            nn[i], disnn[i] = js[r], work[i, js[r]]
    # HCASS2: R's merge coding (1-based).
    a1, b1 = ia + 1, ib + 1
    iia, iib = a1.copy(), b1.copy()
    for s in range(n - 2):
        k = min(a1[s], b1[s])
        later = np.arange(s + 1, n - 1)
        iia[later[a1[later] == k]] = -(s + 1)
        iib[later[b1[later] == k]] = -(s + 1)
    iia, iib = -iia, -iib
    for s in range(n - 1):
        if iia[s] > 0 and iib[s] < 0:
            iia[s], iib[s] = iib[s], iia[s]
        if iia[s] > 0 and iib[s] > 0:
            iia[s], iib[s] = min(iia[s], iib[s]), max(iia[s], iib[s])
    merge = np.column_stack([iia, iib]).astype(np.int64)
    order: list[int] = []
    stack = [int(merge[n - 2, 1]), int(merge[n - 2, 0])]
    while stack:
        c = stack.pop()
        if c < 0:
            order.append(-c)
        else:
            stack.append(int(merge[c - 1, 1]))
            stack.append(int(merge[c - 1, 0]))
    sizes = np.zeros(n - 1)
    z = np.zeros((n - 1, 4))
    for s in range(n - 1):
        ids = []
        for c in merge[s]:
            if c < 0:
                ids.append((-c - 1, 1.0))
            else:
                ids.append((n + c - 1, sizes[c - 1]))
        sizes[s] = ids[0][1] + ids[1][1]
        z[s] = [ids[0][0], ids[1][0], crit[s], sizes[s]]
    return {"merge": merge, "height": crit, "order": np.array(order, dtype=np.int64),
            "linkage": z}


def cutree(merge: Any, k: int) -> np.ndarray:
    """R's ``cutree(tree, k)`` of an R-coded ``merge`` matrix (as :func:`hclust`
    returns): apply the first n − k merges; groups numbered 1, 2, ... in order of
    their first member."""
    merge = np.asarray(merge, dtype=np.int64)
    n = merge.shape[0] + 1
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer, got {type(k).__name__}")
    if not 1 <= k <= n:
        raise InvalidParameterError(f"k must be in 1..{n}, got {k}")
    parent = np.arange(n)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    rep = np.zeros(n - 1, dtype=np.int64)      # a member of each step's cluster
    for s in range(n - k):
        members = []
        for c in merge[s]:
            members.append(-c - 1 if c < 0 else int(rep[c - 1]))
        ra, rb = find(members[0]), find(members[1])
        parent[rb] = ra
        rep[s] = ra
    roots = np.array([find(i) for i in range(n)])
    _, first = np.unique(roots, return_index=True)
    label = {int(roots[f]): g + 1 for g, f in enumerate(np.sort(first))}
    return np.array([label[int(r)] for r in roots], dtype=np.int64)


@dataclass(frozen=True)
class EquivalenceClustering:
    """Hierarchical clustering of actors by structural equivalence (see
    :func:`equivalence_clustering`); ``cut(k=)`` or ``cut(height=)`` gives positions."""

    distances: pd.DataFrame = field(repr=False)
    method: str
    linkage_method: str
    merge: np.ndarray = field(repr=False)
    height: np.ndarray = field(repr=False)
    order: tuple[str, ...] = field(repr=False)
    linkage: np.ndarray = field(repr=False)
    positions: pd.Series | None = field(repr=False)

    def cut(self, k: int | None = None, *, height: float | None = None) -> pd.Series:
        """Positions (1, 2, ... numbered in actor order, as R's ``cutree``): ``k``
        positions, or the clusters below ``height`` (merges at heights ≤ h)."""
        n = len(self.distances)
        if (k is None) == (height is None):
            raise InvalidParameterError("cut needs exactly one of k= or height=")
        if height is not None:
            if np.any(np.diff(self.height) < 0):
                raise InvalidParameterError("the heights are not increasing; cut by k=")
            k = int(n - np.count_nonzero(self.height <= float(height)))
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
            raise TypeError(f"k must be an integer, got {type(k).__name__}")
        if not 1 <= k <= n:
            raise InvalidParameterError(f"k must be in 1..{n}, got {k}")
        codes = cutree(self.merge, int(k))
        return pd.Series(codes, index=self.distances.index.copy(), name="position")

    def __repr__(self) -> str:
        n = len(self.distances)
        cut = "" if self.positions is None else f", {self.positions.nunique()} positions"
        return (f"EquivalenceClustering({n} actors, {self.method} distances, "
                f"{self.linkage_method} linkage{cut})")

    def _repr_html_(self) -> str:
        rows: list[tuple[str, Any]] = [("actors", len(self.distances)),
                                       ("distance", self.method),
                                       ("linkage", self.linkage_method),
                                       ("highest merge", float(self.height[-1]))]
        table = None
        if self.positions is not None:
            rows.append(("positions", int(self.positions.nunique())))
            table = self.positions.groupby(self.positions).apply(
                lambda s: ", ".join(map(str, s.index))).to_frame("actors")
        return html_table("Structural equivalence clustering", rows, table)


def equivalence_clustering(net: Any, *, relation: Relation = None, method: str = "hamming",
                           linkage: str = "complete", k: int | None = None,
                           height: float | None = None, weight: str | None = None,
                           diag: bool = False, stack: bool = False,
                           undirected: bool = False) -> EquivalenceClustering:
    """Positions by hierarchical clustering of structural equivalence, as R
    ``sna::equiv.clust``.

    The dissimilarities are :func:`structural_distance` (``method``, ``diag``,
    ``stack``, ``undirected`` as there); for ``"correlation"`` the dissimilarity is ``−r``
    (``sedist(code.diss=TRUE)``, as ``equiv.clust`` calls it; an undefined
    correlation is 0 here, where sna would pass NA to ``hclust`` and fail).
    They are clustered by :func:`hclust` — R's ``hclust`` algorithm, complete
    linkage by default as sna — and cut into ``k`` positions or at ``height``
    (R's ``cutree``).

    Returns
    -------
    EquivalenceClustering
        ``distances``, ``merge``/``height``/``order`` (R's ``hclust`` fields,
        ``order`` as actor ids), ``linkage`` (scipy), ``positions`` (a Series
        actor → position 1..k when ``k`` or ``height`` is given) and ``cut()``.

    Examples
    --------
    >>> import govnet
    >>> ec = govnet.equivalence_clustering(govnet.datasets.kite(), k=3)
    >>> ec.positions.tolist()
    [1, 2, 1, 1, 2, 1, 2, 3, 3, 3]
    """
    method = _check_method(method)
    net, mats = _layers(net, relation, weight, stack, undirected)
    if len(net) < 2:
        raise InvalidParameterError("equivalence clustering needs at least 2 actors")
    dist = _se_matrix(mats, method, bool(diag))
    if method == "correlation":
        dist = -dist
    tree = hclust(dist, linkage)
    ids = net.actor_ids
    res = EquivalenceClustering(
        distances=pd.DataFrame(dist, index=ids.copy(), columns=ids.copy()), method=method,
        linkage_method=linkage, merge=tree["merge"], height=tree["height"],
        order=tuple(str(ids[i - 1]) for i in tree["order"]), linkage=tree["linkage"],
        positions=None)
    if k is not None or height is not None:
        object.__setattr__(res, "positions", res.cut(k, height=height))
    return res


def _concor_split(x: np.ndarray, max_iter: int, cutoff: float) -> np.ndarray:
    """One CONCOR split of the columns of x: True/False by the sign of the iterated
    correlation with the first column (after at most ``max_iter`` iterations, as concoR)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.corrcoef(x, rowvar=False)
    it = 0
    while np.any(np.abs(r) <= cutoff) and it < max_iter:
        with np.errstate(invalid="ignore", divide="ignore"):
            nxt = np.corrcoef(r, rowvar=False)
        if not np.all(np.isfinite(nxt)):
            break
        r = nxt
        it += 1
    if np.any(np.abs(r) <= cutoff):
        warnings.warn(f"CONCOR: a split of {x.shape[1]} actors did not converge in {max_iter} "
                      "iterations (some |r| ≤ cutoff); the signs reached are used, as R's "
                      "concoR does. Raise max_iter= to iterate further.", GovnetWarning,
                      stacklevel=3)
    return r[:, 0] > 0


def concor(net: Any, *, relation: Relation = None, depth: int = 1, weight: str | None = None,
           max_iter: int = 50, cutoff: float = 0.9999999, stack: bool = False,
           undirected: bool = False) -> pd.Series:
    """CONCOR positions (CONvergence of iterated CORrelations; Breiger, Boorman &
    Arabie 1975).

    The columns of the stacked matrix ``[A; Aᵀ]`` (actor j's in-ties and
    out-ties) are correlated, then the correlation matrix is correlated again,
    until every entry is ±1 (``|r| > cutoff``); the sign of the converged
    correlation with the block's first actor splits the block in two. Each
    block is split again, on its own columns, ``depth`` times (up to
    ``2^depth`` positions; a block of one actor is not split). This is the
    procedure of UCINET and of R's ``concoR`` package (``concor(nsplit=depth)``).
    ``stack=True`` stacks ``[A₁; A₁ᵀ; A₂; A₂ᵀ; ...]`` over the layers of
    ``relation`` (concoR's list of matrices), ``False`` reads the pooled layer;
    ``undirected=True`` reads a directed layer as undirected.
    A split that has not converged after ``max_iter`` iterations uses the
    signs reached (as concoR) and warns (``GovnetWarning``).

    Actors whose stacked profile is constant (isolates) have no correlation:
    they form one position of their own, set aside before the splits (stated
    here; CONCOR's original definition leaves them undefined).

    Returns
    -------
    Series
        actor → position 1, 2, ... numbered in actor order of first appearance.

    Examples
    --------
    >>> import govnet
    >>> govnet.concor(govnet.datasets.kite(), depth=1).tolist()
    [1, 1, 1, 1, 1, 1, 1, 2, 2, 2]
    """
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)):
        raise TypeError(f"depth must be an integer, got {type(depth).__name__}")
    if depth < 1:
        raise InvalidParameterError(f"depth must be ≥ 1, got {depth}")
    net, mats = _layers(net, relation, weight, stack, undirected)
    n = len(net)
    stacked = np.vstack([m for a in mats for m in (a, a.T)])
    const = np.ptp(stacked, axis=0) == 0
    blocks: list[np.ndarray] = [np.flatnonzero(~const)]
    for _ in range(int(depth)):
        nxt: list[np.ndarray] = []
        for b in blocks:
            if b.size <= 1:
                nxt.append(b)
                continue
            sub = stacked[:, b]
            # a column constant within the block's own columns can appear only via rows
            # (the stacked matrix keeps all 2n rows), so every column still varies.
            side = _concor_split(sub, max_iter, cutoff)
            nxt += [x for x in (b[side], b[~side]) if x.size]
        blocks = nxt
    if const.any():
        blocks.append(np.flatnonzero(const))
    raw = np.zeros(n, dtype=np.int64)
    for k, b in enumerate(blocks):
        raw[b] = k
    _, first = np.unique(raw, return_index=True)
    relabel = {int(raw[f]): g + 1 for g, f in enumerate(np.sort(first))}
    return pd.Series([relabel[int(v)] for v in raw], index=net.actor_ids.copy(), name="concor")


def rege(net: Any, *, relation: Relation = None, weight: str | None = None,
         iterations: int = 3, until_change: bool = True, use_diag: bool = True,
         undirected: bool = False) -> pd.DataFrame:
    """Regular equivalence (角色对等) by REGE (White & Reitz 1983), exactly as R
    ``blockmodeling::REGE``.

    Starting from ``E⁰ = 1``, each iteration sets, for i ≠ j,
    ``E_ij = Σ_k [max_m E_km M_ijkm + max_m E_km M_jikm] / D_ij`` with
    ``M_ijkm = min(A_ik, A_jm) + min(A_ki, A_mj)`` (how well j's tie to m matches
    i's tie to k, out and in) and ``D_ij`` the total of rows and columns i and
    j of ``A``; ``E_ij = 1`` when ``D_ij = 0``; the diagonal is 1. It stops
    after ``iterations`` (R's default 3) or, with ``until_change``, when an
    iteration changes nothing. ``use_diag=False`` zeroes ``A``'s diagonal
    (govnet's layers have none, so it has no effect). ``undirected=True``
    reads a directed layer as undirected.

    Returns
    -------
    DataFrame
        actor × actor similarities in [0, 1] (1 = regularly equivalent).

    Notes
    -----
    O(iterations · n⁴) time (chunks of at most 4·10⁶ values); refused above 400 actors
    (``TooLargeError``).

    Examples
    --------
    >>> import govnet
    >>> e = govnet.rege(govnet.datasets.kite())
    >>> round(float(e.loc["Andre", "Beverly"]), 4)
    1.0
    """
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)):
        raise TypeError(f"iterations must be an integer, got {type(iterations).__name__}")
    if iterations < 1:
        raise InvalidParameterError(f"iterations must be ≥ 1, got {iterations}")
    net, a, _ = dense_layer(net, relation, weight, undirected)
    n = len(net)
    if n > 400:
        raise TooLargeError(f"REGE is O(n⁴): {n} actors is too many here (at most 400)")
    if not use_diag:
        np.fill_diagonal(a, 0.0)
    e = np.ones((n, n))
    den = a.sum(axis=1) + a.sum(axis=0)
    for _ in range(int(iterations)):
        new = np.ones((n, n))
        chunk = max(1, 4_000_000 // max(1, n * n))
        for i in range(1, n):
            for start in range(0, i, chunk):
                js = np.arange(start, min(i, start + chunk))
                # match[j, k, m] = min(A_ik, A_jm) + min(A_ki, A_mj), and with i, j swapped
                m_ij = (np.minimum(a[i][None, :, None], a[js][:, None, :])
                        + np.minimum(a[:, i][None, :, None], a[:, js].T[:, None, :]))
                m_ji = (np.minimum(a[js][:, :, None], a[i][None, None, :])
                        + np.minimum(a[:, js].T[:, :, None], a[:, i][None, None, :]))
                num = ((e[None, :, :] * m_ij).max(axis=2).sum(axis=1)
                       + (e[None, :, :] * m_ji).max(axis=2).sum(axis=1))
                d = den[i] + den[js]        # R: sum(M[c(i, j), ]) + sum(M[, c(i, j)])
                val = np.where(d != 0, num / np.where(d != 0, d, 1.0), 1.0)
                new[i, js] = val
                new[js, i] = val
        np.fill_diagonal(new, 1.0)
        done = until_change and np.array_equal(new, e)
        e = new
        if done:
            break
    ids = net.actor_ids
    return pd.DataFrame(e, index=ids.copy(), columns=ids.copy())
