"""Node centralities and graph-level measures (networkx's names and defaults).

Every function takes a :class:`govnet.Network` or a networkx graph (converted
on the fly), a ``relation`` (one layer name, a list of names to pool, or
``"all"``; None only on a one-layer network — see docs/conventions.md) and returns a ``pandas.Series`` indexed by actor id
(graph-level measures return a float). The work runs in the C++ core with the
GIL released.

Common options
--------------
undirected : bool, default False
    Analyse a directed layer as undirected (every arc becomes a tie; mutual
    arcs merge into one tie whose weight is the sum of the two). python-igraph's
    ``mode="all"`` and sna's ``gmode="graph"`` on symmetrised data.
threads : int, optional
    Worker threads (default: all cores). Results are bit-identical for any
    thread count.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_seed, check_threads, progress_bar
from govnet.errors import (
    ConvergenceError,
    EmptyNetworkError,
    InvalidNetworkError,
    InvalidParameterError,
)
from govnet.model.access import Relation, as_network, fresh_series, layer_of, tie_weight

__all__ = [
    "degree_centrality",
    "in_degree_centrality",
    "out_degree_centrality",
    "strength",
    "closeness_centrality",
    "harmonic_centrality",
    "betweenness_centrality",
    "approximate_betweenness",
    "eigenvector_centrality",
    "katz_centrality",
    "pagerank",
    "hits",
    "centralization",
    "density",
    "reciprocity",
    "average_shortest_path_length",
    "global_efficiency",
]

_BRANDES = ("Brandes, U. (2001). A faster algorithm for betweenness centrality. "
            "Journal of Mathematical Sociology 25(2), 163–177. doi:10.1080/0022250X.2001.9990249")


# -- helpers ---------------------------------------------------------------


def _graph(net: Any, relation: Relation, undirected: bool) -> tuple[Any, Any]:
    """(Network, C++ graph) for ``relation``, made undirected on request."""
    net = as_network(net)
    return net, layer_of(net, relation, undirected=undirected)


def _distance_graph(net: Any, relation: Relation, undirected: bool,
                    distance: str | None) -> tuple[Any, Any]:
    """(Network, C++ graph) whose weights are read as distances.

    With ``undirected=True`` on a directed layer, a pair tied both ways keeps
    the *shorter* of its two lengths (python-igraph's ``mode="all"``: either
    arc may be walked in either direction), not their sum, which is what the
    strength view :meth:`CsrGraph.to_undirected` gives.
    """
    net = as_network(net)
    g = layer_of(net, relation)
    if distance is not None and g.weighted:
        _refuse_summed_lengths(net, relation, g)
    if not (undirected and g.directed):
        return net, g
    if distance is None or not g.weighted:
        return net, g.to_undirected()
    src, dst, w = g.edges()
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    order = np.lexsort((w, hi, lo))          # by pair, shortest first
    lo, hi, w = lo[order], hi[order], w[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    g = _core.CsrGraph.build(g.num_nodes, lo[first], hi[first], w[first], directed=False,
                             duplicates="raise", self_loops="keep")
    return net, g


def _refuse_summed_lengths(net: Any, relation: Relation, g: Any) -> None:
    """Pooling layers sums the weights of a pair tied in several of them: right for
    tie strengths, wrong for lengths (two ties of length 1 are not a path of length
    2). Raise, naming the count, when ``distance=`` would read such sums."""
    names = net.relation_names(relation)
    if len(names) < 2:
        return
    separate = sum(net.layer(r).num_edges for r in names)
    if g.num_edges < separate:
        raise InvalidParameterError(
            f"distance='weight' on relations {names}: {separate - g.num_edges} pair(s) are "
            f"tied in more than one of them, and pooling sums their weights, which is not a "
            f"length. Choose one relation, or build the pooled layer you mean (say the "
            f"shortest tie per pair) with Network.with_layer")


#: Below this many elementary steps a call ends well within the half second after
#: which a progress bar would appear: no bar is set up at all (the fast path of
#: small networks; ``progress=True`` still shows one).
_QUIET_WORK = 1e7
_QUIET: AbstractContextManager[None] = nullcontext(None)


def _bar(progress: bool | None, desc: str, g: Any, sources: int | None = None) -> Any:
    """progress_bar(progress, desc, n), skipped for small work unless asked for."""
    n = g.num_nodes
    if progress is not True and (progress is False or
                                 (sources or n) * (n + 2.0 * g.num_edges) < _QUIET_WORK):
        return _QUIET
    return progress_bar(progress, desc, n)


def _nonempty(net: Any, what: str) -> None:
    if len(net) == 0:
        raise EmptyNetworkError(f"{what} is not defined for a network without actors")


def _check_direction(direction: str) -> bool:
    """True for incoming distances (networkx), False for outgoing (igraph/sna)."""
    if direction not in ("in", "out"):
        raise InvalidParameterError(f"direction must be 'in' or 'out', got {direction!r}")
    return direction == "in"


def _check_iter(max_iter: Any, tol: Any) -> tuple[int, float]:
    if not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise InvalidParameterError(f"max_iter must be a positive integer, got {max_iter!r}")
    if not isinstance(tol, (int, float, np.floating)) or not (tol > 0) or not math.isfinite(tol):
        raise InvalidParameterError(f"tol must be a positive number, got {tol!r}")
    return int(max_iter), float(tol)


def _per_actor(net: Any, values: Any, what: str, *, default: float | None = 0.0,
               normalize: bool = False) -> np.ndarray:
    """A mapping/Series actor id -> value as an array in actor order.

    Missing actors get ``default`` (None: every actor is required); unknown ids
    and negative or non-finite values are errors. ``normalize`` divides by the sum.
    """
    if not isinstance(values, (Mapping, pd.Series)):
        raise InvalidParameterError(f"{what} must be a dict or a pandas Series keyed by actor id, "
                                  f"got {type(values).__name__}")
    items = values.items()
    out = np.full(len(net), np.nan if default is None else default, dtype=float)
    for key, val in items:
        pos = net.position(key)
        try:
            v = float(val)
        except (TypeError, ValueError):
            raise InvalidNetworkError(f"{what}[{key!r}] = {val!r} is not a number") from None
        if not math.isfinite(v):
            raise InvalidNetworkError(f"{what}[{key!r}] = {val!r} is not finite")
        out[pos] = v
    if default is None and np.isnan(out).any():
        missing = net.actor_ids[np.flatnonzero(np.isnan(out))[0]]
        raise InvalidNetworkError(f"{what} has no value for actor {missing!r}")
    if normalize:
        if (out < 0).any():
            raise InvalidParameterError(f"{what} values must be >= 0")
        total = out.sum()
        if not total > 0:
            raise InvalidParameterError(f"{what} values must not all be zero")
        out = out / total
    return out


# -- degree ----------------------------------------------------------------


def degree_centrality(net: Any, *, relation: Relation = None,
                      undirected: bool = False) -> pd.Series:
    """Degree centrality (度数中心度): the share of other actors an actor is tied to.

    ``C_D(v) = deg(v) / (n - 1)``, as networkx. On a directed layer the degree
    is in-degree plus out-degree (so values may reach 2), as networkx; use
    ``undirected=True`` to count each neighbour once. Weights are ignored (see
    :func:`strength`); duplicate ties were merged when the layer was built and
    self-loops dropped. A network of one actor gives 1 (networkx). O(n).

    Examples
    --------
    >>> import govnet
    >>> net = govnet.datasets.nanshan()
    >>> round(float(govnet.degree_centrality(net, relation="leadership")["party_committee"]), 3)
    0.667
    """
    net, g = _graph(net, relation, undirected)
    n = len(net)
    if n <= 1:  # networkx's convention for a single actor
        return fresh_series(net, np.ones(n), "degree_centrality")
    deg = g.out_degrees() + (g.in_degrees() if g.directed else 0.0)
    return fresh_series(net, deg / (n - 1), "degree_centrality")


def _directed_degree(net: Any, relation: Relation, which: str) -> pd.Series:
    net, g = _graph(net, relation, False)
    if not g.directed:
        raise InvalidNetworkError(
            f"{which}_degree_centrality needs a directed relation (networkx raises too); "
            f"use degree_centrality on undirected layers")
    n = len(net)
    if n <= 1:  # networkx's convention for a single actor
        return fresh_series(net, np.ones(n), f"{which}_degree_centrality")
    deg = g.in_degrees() if which == "in" else g.out_degrees()
    return fresh_series(net, deg / (n - 1), f"{which}_degree_centrality")


def in_degree_centrality(net: Any, *, relation: Relation = None) -> pd.Series:
    """In-degree centrality ``indeg(v) / (n - 1)`` on a directed layer (networkx).

    Raises InvalidNetworkError on an undirected layer, as networkx. O(n).
    """
    return _directed_degree(net, relation, "in")


def out_degree_centrality(net: Any, *, relation: Relation = None) -> pd.Series:
    """Out-degree centrality ``outdeg(v) / (n - 1)`` on a directed layer (networkx).

    Raises InvalidNetworkError on an undirected layer, as networkx. O(n).
    """
    return _directed_degree(net, relation, "out")


def strength(net: Any, *, relation: Relation = None, direction: str = "all",
             weight: str | None = "weight", undirected: bool = False) -> pd.Series:
    """Strength (加权度): the sum of the weights of an actor's ties.

    networkx's ``G.degree(weight="weight")`` and igraph's ``strength``.
    ``direction`` on a directed layer (govnet 0.1's ``mode=``): ``"all"`` (in +
    out, networkx and igraph's default), ``"in"`` or ``"out"``; on an undirected
    layer every direction gives the sum over incident ties. Weights are tie
    strengths (``weight="weight"``); ``weight=None`` gives the degree. O(m).
    """
    if direction not in ("all", "in", "out"):
        raise InvalidParameterError(
            f"direction must be 'all', 'in' or 'out', got {direction!r}")
    net, g = _graph(net, relation, undirected)
    n = len(net)
    src, dst, w = g.edges()
    if not tie_weight(net, weight):
        w = np.ones_like(w)
    out = np.bincount(src, weights=w, minlength=n)
    inn = np.bincount(dst, weights=w, minlength=n)
    if not g.directed:
        # Each tie is listed once with u <= v; a self-loop (kept by choice) counts twice.
        values = out + inn
    else:
        values = {"all": out + inn, "in": inn, "out": out}[direction]
    return fresh_series(net, values, "strength")


# -- shortest paths ---------------------------------------------------------


def closeness_centrality(net: Any, *, relation: Relation = None, distance: str | None = None,
                         wf_improved: bool = True, direction: str = "in",
                         undirected: bool = False, threads: int | None = None,
                         progress: bool | None = None) -> pd.Series:
    """Closeness centrality (接近中心度).

    ``C(v) = (r / (n-1)) · (r / S)`` where ``r`` is the number of other actors
    connected to ``v`` and ``S`` the sum of their shortest-path distances
    (Wasserman & Faust's version for disconnected graphs, networkx's default);
    0 when ``r = 0``.

    Parameters
    ----------
    distance : str or None
        None: every tie has length 1. A string (networkx's edge attribute name;
        govnet keeps one weight per tie, so any string switches it on): the
        layer's weights are read as distances (Dijkstra).
    wf_improved : bool, default True
        False gives ``r / S``, which is also python-igraph's
        ``closeness(normalized=True)`` (igraph returns NaN where r = 0, govnet 0).
    direction : {"in", "out"}, default "in"
        On a directed layer, networkx uses distances *to* ``v`` (incoming);
        ``"out"`` uses distances *from* ``v``, as R igraph and sna.
        ``undirected=True`` ignores direction (python-igraph's default
        ``mode="all"``): with ``distance``, a pair tied both ways keeps the
        shorter of its two lengths, as igraph walks either arc either way.
        Each of these claims (networkx's default; igraph's ``normalized=True``
        with ``wf_improved=False`` for ``"in"``, ``"out"`` and ``undirected``)
        is tested weighted and unweighted, on directed and undirected layers.

    Notes
    -----
    sna's ``closeness`` instead gives 0 to every actor that cannot reach all
    others; :func:`centralization` with ``measure="closeness"`` uses that
    convention. One BFS per actor: O(nm), or O(nm + n² log n) with distances.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual
    clarification. Social Networks 1(3), 215–239. doi:10.1016/0378-8733(78)90021-7
    Wasserman, S. & Faust, K. (1994). Social Network Analysis. Cambridge UP.
    doi:10.1017/CBO9780511815478
    """
    incoming = _check_direction(direction)
    net, g = _distance_graph(net, relation, undirected, distance)
    with _bar(progress, "closeness", g) as cb:
        values = _core.closeness(g, weighted=tie_weight(net, distance, "distance"), incoming=incoming,
                                 wf_improved=bool(wf_improved), threads=check_threads(threads),
                                 progress=cb)
    return fresh_series(net, values, "closeness_centrality")


def harmonic_centrality(net: Any, *, relation: Relation = None, distance: str | None = None,
                        normalized: bool = False, direction: str = "in",
                        undirected: bool = False, threads: int | None = None,
                        progress: bool | None = None) -> pd.Series:
    """Harmonic centrality: ``H(v) = sum_{u != v} 1 / d(u, v)``, with 1/∞ = 0.

    Unnormalised by default, as networkx; ``normalized=True`` divides by
    ``n - 1``, as python-igraph's default. Disconnected pairs add 0, so no
    special case is needed. ``direction``, ``distance``, ``undirected`` as in
    :func:`closeness_centrality` (networkx uses incoming distances on a
    digraph). O(nm), or O(nm + n² log n) with distances.

    References
    ----------
    Marchiori, M. & Latora, V. (2000). Harmony in the small-world. Physica A
    285(3–4), 539–546. doi:10.1016/S0378-4371(00)00311-3
    """
    incoming = _check_direction(direction)
    net, g = _distance_graph(net, relation, undirected, distance)
    n = len(net)
    with _bar(progress, "harmonic", g) as cb:
        values = _core.harmonic(g, weighted=tie_weight(net, distance, "distance"), incoming=incoming,
                                threads=check_threads(threads), progress=cb)
    if normalized:
        values = values / (n - 1) if n > 1 else values * 0.0
    return fresh_series(net, values, "harmonic_centrality")


def betweenness_centrality(net: Any, *, relation: Relation = None, normalized: bool = True,
                           endpoints: bool = False, distance: str | None = None,
                           k: int | None = None, seed: int | None = None,
                           undirected: bool = False, threads: int | None = None,
                           progress: bool | None = None) -> pd.Series:
    """Shortest-path betweenness (中介中心度, Brandes 2001).

    ``C_B(v) = sum_{s != v != t} sigma_st(v) / sigma_st`` over ordered pairs
    on a directed layer and unordered pairs on an undirected one.

    Parameters
    ----------
    normalized : bool, default True
        Divide by ``(n-1)(n-2)`` (directed) or ``(n-1)(n-2)/2`` (undirected),
        as networkx; ``n(n-1)`` with ``endpoints``. sna's raw values are
        ``normalized=False`` (with ``gmode="graph"`` on undirected data).
    endpoints : bool, default False
        Count the end points of each path.
    distance : "weight" or None
        None: every tie has length 1. ``"weight"``: the tie weights are lengths
        (Dijkstra; networkx's ``weight=``, igraph's ``weights=``; govnet 0.1 called
        this ``weight=``). Any other name raises.
    k : int, optional
        Sample ``k`` source actors (uniformly, reproducibly with ``seed``) and
        scale by ``n/k``, as networkx (the sample differs from networkx's).
    threads : int, optional
        Worker threads (default: all cores). Results are bit-identical for any
        thread count.

    undirected : bool, default False
        Ignore tie direction. With ``distance``, a pair tied both ways keeps the
        shorter of its two lengths (python-igraph's ``mode="all"``).

    Notes
    -----
    Disconnected pairs contribute nothing. Path counts are kept as a
    mantissa and a power-of-two exponent, so they never overflow (a chain of
    k "diamonds" has 2^k shortest paths, past the double range at k = 1024;
    the values stay exact to rounding). Weighted distances are compared
    exactly, as networkx and igraph do (sna's weighted betweenness has a
    known bug, see docs/conventions.md). O(nm) unweighted, O(nm + n² log n)
    weighted.

    **Ties of length 0.** Weights are lengths ``>= 0``. A shortest ``s``–``t``
    path is a path of minimum total length and, among those, with the fewest
    ties of length 0; each such path counts once. With positive weights this
    is the usual definition (networkx, igraph). With zero-length ties it
    keeps the shortest paths simple and finite in number: in ``s -0- v -1- t``
    the actor ``v`` lies on the one shortest path (1.0); for zero-distance
    twins ``u -0- v`` that both join ``s`` and ``t`` by ties of length 1, the
    detours ``s-u-v-t`` and ``s-v-u-t`` are not shortest and ``u`` and ``v``
    share the pair (0.5 each). Counting *every* simple path of minimum length
    instead is #P-hard once zero-length ties form cycles (as each undirected
    one does). networkx's Dijkstra-based betweenness settles zero-distance
    ties in arbitrary order and can miss or double-count such paths; the tests
    compare govnet with a brute-force enumeration of all simple paths.

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality.
    Journal of Mathematical Sociology 25(2), 163–177. doi:10.1080/0022250X.2001.9990249
    """
    net, g = _distance_graph(net, relation, undirected, distance)
    n = len(net)
    if k is not None and (not isinstance(k, (int, np.integer)) or k < 1 or k > n):
        raise InvalidParameterError(f"k must be an integer in [1, {n}], got {k!r}")
    with _bar(progress, "betweenness", g, k) as cb:
        values = _core.betweenness(g, normalized=normalized, endpoints=endpoints,
                                   weighted=tie_weight(net, distance, "distance"), k=int(k or 0),
                                   seed=check_seed(seed) if k else 0,
                                   threads=check_threads(threads), progress=cb)
    return fresh_series(net, values, "betweenness_centrality")


def approximate_betweenness(net: Any, *, relation: Relation = None, epsilon: float = 0.01,
                            delta: float = 0.1, normalized: bool = True,
                            undirected: bool = False, seed: int | None = None,
                            threads: int | None = None,
                            progress: bool | None = None) -> pd.Series:
    """Sampled shortest-path betweenness with an error guarantee (Riondato &
    Kornaropoulos 2016), unweighted.

    Draws ``r = ceil((0.5/ε²)(⌊log2(VD − 2)⌋ + 1 + ln(1/δ)))`` ordered pairs
    ``(s, t)``, ``s != t``, uniformly, and for each one shortest ``s``–``t``
    path uniformly among all of them; each inner actor of the path gains
    ``1/r``. ``VD`` bounds the vertex diameter (actors on a longest shortest
    path): ``2·ecc + 1`` from one actor per component (undirected), the
    largest weak component's size (directed).

    Guarantee: with probability at least ``1 − δ``, *every* actor's estimate
    of ``sum_{s != t} σ_st(v)/σ_st / (n(n−1))`` is within ``ε`` of it. With
    ``normalized=True`` (default) values are on networkx's scale (as
    :func:`betweenness_centrality`: ÷ ``(n−1)(n−2)`` over ordered pairs), so the
    bound there is ``ε · n/(n−2)``; ``normalized=False`` gives raw pair
    counts (unordered pairs on an undirected layer), bound ``ε · n(n−1)``
    (halved undirected). ``Series.attrs`` holds ``samples``,
    ``diameter_bound``, ``epsilon`` and ``delta``. Reproducible with ``seed``
    for any ``threads``. O(r (n + m)) at worst; each sample's BFS stops at
    ``t``'s level.

    References
    ----------
    Riondato, M. & Kornaropoulos, E. M. (2016). Fast approximation of
    betweenness centrality through sampling. Data Mining and Knowledge
    Discovery 30(2), 438–475. doi:10.1007/s10618-015-0423-0
    """
    for name, v in (("epsilon", epsilon), ("delta", delta)):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.floating)) or not 0 < v < 1:
            raise InvalidParameterError(f"{name} must be a number in (0, 1), got {v!r}")
    net, g = _graph(net, relation, undirected)
    n = len(net)
    with _bar(progress, "approximate betweenness", g) as cb:
        est, samples, vd = _core.betweenness_approx(g, epsilon=float(epsilon), delta=float(delta),
                                                    seed=check_seed(seed),
                                                    threads=check_threads(threads), progress=cb)
    if n > 2:
        est = est * (n / (n - 2.0) if normalized else
                     n * (n - 1.0) * (1.0 if g.directed else 0.5))
    out = fresh_series(net, est, "betweenness_centrality")
    out.attrs.update({"samples": int(samples), "diameter_bound": int(vd),
                      "epsilon": float(epsilon), "delta": float(delta)})
    return out


# -- spectral -----------------------------------------------------------------


#: eigenvector_centrality(method="auto") uses Lanczos from this many actors (undirected).
_KRYLOV_FROM = 10_000


def eigenvector_centrality(net: Any, *, relation: Relation = None, weight: str | None = None,
                           max_iter: int = 100, tol: float = 1e-6, scale: str = "l2",
                           method: str = "auto", undirected: bool = False,
                           threads: int | None = None) -> pd.Series:
    """Eigenvector centrality (特征向量中心度, Bonacich 1972).

    The leading eigenvector ``x`` of ``A^T x = λ x``: an actor is central when
    it receives ties from central actors. On a directed layer networkx and
    igraph use *in*-ties (left eigenvector); ``sna::evcent`` uses out-ties
    (pass ``undirected=True`` to ignore direction, as R igraph's default).

    Computed as networkx does: power iteration on ``(A + I)^T`` from the
    uniform vector (the shift keeps bipartite graphs from oscillating), unit
    L2 norm, stopping when ``sum |x_new - x| < n · tol``.

    Parameters
    ----------
    weight : str or None
        None (default, as networkx): ties count 1. A string: weights as tie
        strengths.
    scale : {"l2", "max"}, default "l2"
        Unit Euclidean norm (networkx, sna) or maximum 1 (igraph).
    method : {"auto", "power", "krylov"}, default "auto"
        ``"power"``: networkx's power iteration only (raises if it has not
        converged after ``max_iter`` steps). ``"krylov"`` (undirected layers):
        the Lanczos method (implicitly restarted, Spectra; residual below
        ``min(tol, 1e-10)`` relative to the eigenvalue) from the same uniform
        start, which converges on hub-dominated graphs where the spectral gap
        is small and power iteration crawls. ``"auto"``: on an undirected
        layer of 10,000 actors or more, Lanczos; otherwise power iteration,
        and on an undirected layer Lanczos if that does not converge (so an
        undirected layer always gets its vector, equal to networkx's within
        networkx's tolerance). Directed layers use power iteration.

    Weights of any scale give the same vector: the iteration runs on the
    weights divided by a power of two that brings the largest into [1, 2)
    (unweighted layers and weights up to 2 are unchanged; weights that differ
    by a power of two give the same bits; tiny weights such as 1e-6 no
    longer stop the iteration at once, nor do huge ones such as 1e200
    overflow).

    Raises
    ------
    ConvergenceError
        If power iteration has not reached the tolerance within ``max_iter``
        iterations (and Lanczos is not used or fails too); never an
        unconverged vector.

    Notes
    -----
    On a disconnected graph the result depends on the start vector (networkx's
    uniform start is used, so values match networkx). Isolates get 0 once the
    iteration has converged on a graph with ties. O(m) per iteration.

    References
    ----------
    Bonacich, P. (1972). Factoring and weighting approaches to status scores and
    clique identification. Journal of Mathematical Sociology 2(1), 113–120.
    doi:10.1080/0022250X.1972.9989806
    """
    if scale not in ("l2", "max"):
        raise InvalidParameterError(f"scale must be 'l2' or 'max', got {scale!r}")
    if method not in ("auto", "power", "krylov"):
        raise InvalidParameterError(f"method must be 'auto', 'power' or 'krylov', got {method!r}")
    max_iter, tol = _check_iter(max_iter, tol)
    net, g = _graph(net, relation, undirected)
    _nonempty(net, "eigenvector centrality")
    if method == "krylov" and g.directed:
        raise InvalidParameterError(
            "method='krylov' needs an undirected layer (pass undirected=True, or method='power')")
    values = _eigenvector_values(g, tie_weight(net, weight), max_iter, tol, method,
                                 check_threads(threads))
    if scale == "max" and values.max() > 0:
        values = values / values.max()
    return fresh_series(net, values, "eigenvector_centrality")


def _eigenvector_values(g: Any, weighted: bool, max_iter: int, tol: float, method: str,
                        th: int) -> np.ndarray:
    """eigenvector_centrality's vector (unit L2 norm) on the layer graph g."""
    lanczos = not g.directed and (method == "krylov" or
                                  (method == "auto" and g.num_nodes >= _KRYLOV_FROM))
    if lanczos:
        return _core.eigenvector_krylov(g, tol=min(tol, 1e-10), weighted=weighted, threads=th)
    try:
        return _core.eigenvector(g, max_iter=max_iter, tol=tol, weighted=weighted, threads=th)
    except ConvergenceError:
        if method != "auto" or g.directed:
            raise
        return _core.eigenvector_krylov(g, tol=min(tol, 1e-10), weighted=weighted, threads=th)


def katz_centrality(net: Any, *, relation: Relation = None, alpha: float = 0.1,
                    beta: float | Mapping[Any, float] | pd.Series = 1.0, max_iter: int = 1000,
                    tol: float = 1e-6, normalized: bool = True, weight: str | None = None,
                    undirected: bool = False, threads: int | None = None) -> pd.Series:
    """Katz centrality: ``x = alpha · A^T x + beta`` (in-ties, as networkx and igraph).

    Iterated from 0 as networkx, stopping when ``sum |x_new - x| < n · tol``;
    with ``normalized=True`` (default, networkx) scaled to unit L2 norm. It
    converges only when ``alpha < 1 / λ_max``. ``beta`` is a number or a
    dict/Series with a value for every actor. ``weight`` as in
    :func:`eigenvector_centrality`. ``sna::bonpow`` uses out-ties.

    Raises
    ------
    ConvergenceError
        If the tolerance is not reached within ``max_iter`` iterations
        (usually ``alpha`` too large).

    References
    ----------
    Katz, L. (1953). A new status index derived from sociometric analysis.
    Psychometrika 18(1), 39–43. doi:10.1007/BF02289026
    """
    max_iter, tol = _check_iter(max_iter, tol)
    net, g = _graph(net, relation, undirected)
    _nonempty(net, "Katz centrality")
    if isinstance(beta, (Mapping, pd.Series)):
        b = _per_actor(net, beta, "beta", default=None)
    else:
        try:
            b = np.array([float(beta)])
        except (TypeError, ValueError):
            raise InvalidParameterError(f"beta must be a number or a mapping, got {beta!r}") from None
    values = _core.katz(g, alpha=float(alpha), beta=b, normalized=bool(normalized),
                        max_iter=max_iter, tol=tol, weighted=tie_weight(net, weight),
                        threads=check_threads(threads))
    return fresh_series(net, values, "katz_centrality")


def pagerank(net: Any, *, relation: Relation = None, alpha: float = 0.85,
             personalization: Mapping[Any, float] | pd.Series | None = None,
             max_iter: int = 100, tol: float = 1e-6,
             dangling: Mapping[Any, float] | pd.Series | None = None,
             weight: str | None = "weight", undirected: bool = False,
             threads: int | None = None) -> pd.Series:
    """PageRank (Brin & Page 1998) with networkx's conventions.

    ``x = alpha · (x P + (sum of x over dangling actors) · d) + (1 - alpha) · p``
    where ``P`` is the tie-strength matrix with rows divided by the actor's
    out-strength, ``p`` the personalization (uniform by default) and ``d`` the
    dangling distribution (default ``p``). An undirected tie counts both ways.

    Parameters
    ----------
    alpha : float, default 0.85
        Damping factor (igraph's ``damping``).
    personalization, dangling : dict or Series actor id -> value, optional
        Missing actors get 0; values are normalised to sum 1 (networkx).
    weight : str or None, default "weight"
        As networkx, weights are used by default, as tie strengths; an
        unweighted layer has every weight 1. None ignores them.
    tol : float, default 1e-6
        Stops when ``sum |x_new - x| < tol``. networkx compares with
        ``n · tol``, which at 10^6 actors stops after the first iteration; govnet
        does not scale the tolerance, so the result really is within about
        ``tol · alpha / (1 - alpha)`` of the fixed point.

    Raises
    ------
    ConvergenceError
        If the tolerance is not reached within ``max_iter`` iterations.

    Notes
    -----
    Values sum to 1. An actor with no out-ties (or only zero-weight ones) is
    dangling. igraph's PRPACK solver gives the exact fixed point; compare with
    a small ``tol``. O(m) per iteration, parallel over actors.

    References
    ----------
    Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual web
    search engine. Computer Networks 30(1–7), 107–117. doi:10.1016/S0169-7552(98)00110-X
    """
    max_iter, tol = _check_iter(max_iter, tol)
    if not isinstance(alpha, (int, float, np.floating)) or not 0 <= alpha <= 1:
        raise InvalidParameterError(f"alpha must be a number in [0, 1], got {alpha!r}")
    net, g = _graph(net, relation, undirected)
    _nonempty(net, "PageRank")
    p = None if personalization is None else _per_actor(net, personalization, "personalization",
                                                         normalize=True)
    d = None if dangling is None else _per_actor(net, dangling, "dangling", normalize=True)
    values = _core.pagerank(g, alpha=float(alpha), personalization=p, dangling=d,
                            max_iter=max_iter, tol=tol, weighted=tie_weight(net, weight),
                            threads=check_threads(threads))
    return fresh_series(net, values, "pagerank")


def hits(net: Any, *, relation: Relation = None, max_iter: int = 1000, tol: float = 1e-8,
         normalized: bool = True, weight: str | None = "weight", undirected: bool = False,
         threads: int | None = None) -> tuple[pd.Series, pd.Series]:
    """HITS hubs and authorities (Kleinberg 1999): ``(hubs, authorities)``.

    Authorities ``a ∝ A^T h`` (receive ties from good hubs), hubs ``h ∝ A a``:
    the leading singular vectors of the tie-strength matrix, each summing to 1
    with ``normalized=True`` (networkx; igraph scales to maximum 1, use
    ``h / h.max()``). Weights are used by default, as networkx. Power
    iteration on ``A A^T`` from the uniform vector, stopping when the
    sum-normalised hub vector changes by less than ``tol`` in L1.

    Returns
    -------
    (hubs, authorities) : tuple of Series indexed by actor id.

    Raises
    ------
    ConvergenceError
        If not converged within ``max_iter`` iterations (a tie for the largest
        singular value converges slowly).

    Notes
    -----
    With no ties at all every actor gets ``1/n``. O(m) per iteration.

    References
    ----------
    Kleinberg, J. M. (1999). Authoritative sources in a hyperlinked
    environment. Journal of the ACM 46(5), 604–632. doi:10.1145/324133.324140
    """
    max_iter, tol = _check_iter(max_iter, tol)
    net, g = _graph(net, relation, undirected)
    _nonempty(net, "HITS")
    h, a = _core.hits(g, max_iter=max_iter, tol=tol, weighted=tie_weight(net, weight),
                      threads=check_threads(threads))
    if not normalized:
        h = h / h.max() if h.max() > 0 else h
        a = a / a.max() if a.max() > 0 else a
    return fresh_series(net, h, "hubs"), fresh_series(net, a, "authorities")


# -- graph level ---------------------------------------------------------------


_CENTRALIZATION = ("degree", "in_degree", "out_degree", "closeness", "betweenness")


def centralization(net: Any, measure: str = "degree", *, relation: Relation = None,
                   normalized: bool = True, undirected: bool = False,
                   threads: int | None = None) -> float:
    """Freeman centralization (中心势) of a layer, as R ``sna::centralization``.

    ``C = sum_v (max_u c(u) - c(v)) / max_G sum_v (max_u c(u) - c(v))``, the
    denominator being the value for the most centralized graph of the same
    size and kind (a star). Raw, unnormalised scores are used, as sna:

    - ``"degree"``: tie counts; on a directed layer in + out (sna's
      ``cmode="freeman"``). Maximum ``(n-1)(n-2)`` undirected and
      ``2(n-1)(n-2)`` directed.
    - ``"in_degree"`` / ``"out_degree"`` (directed): maximum ``(n-1)²``; on an
      undirected layer the same as ``"degree"``.
    - ``"betweenness"``: maximum ``(n-1)²(n-2)/2`` undirected, ``(n-1)²(n-2)``
      directed.
    - ``"closeness"``: sna's ``(n-1) / S`` from *outgoing* distances, and **0 for
      an actor that cannot reach every other** (so a disconnected layer's
      closeness values are all 0 and its centralization 0). Maximum
      ``(n-1)(n-2)/(2n-3)`` undirected, ``(n-1)²/n`` directed.

    An undirected layer is treated as sna's ``gmode="graph"`` and a directed
    one as ``gmode="digraph"`` (sna's default treats every matrix as a digraph,
    which doubles undirected degree and betweenness). Weights are ignored
    (sna's ``degree`` sums tie values: give it binary data to compare).
    ``normalized=False`` returns the numerator. Networks of fewer than 3 actors
    give NaN (the maximum is 0). igraph's ``centralization.degree`` divides by
    ``n(n-1)`` by default (``loops=TRUE``), not Freeman's maximum.

    Returns
    -------
    float

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual
    clarification. Social Networks 1(3), 215–239. doi:10.1016/0378-8733(78)90021-7
    """
    if measure not in _CENTRALIZATION:
        raise InvalidParameterError(f"measure must be one of {_CENTRALIZATION}, got {measure!r}")
    net, g = _graph(net, relation, undirected)
    n = len(net)
    _nonempty(net, "centralization")
    directed = g.directed
    if measure in ("in_degree", "out_degree") and not directed:
        measure = "degree"
    if measure == "degree":
        c = g.out_degrees() + (g.in_degrees() if directed else 0.0)
        cmax = 2.0 * (n - 1) * (n - 2) if directed else float((n - 1) * (n - 2))
    elif measure == "in_degree":
        c, cmax = g.in_degrees(), float((n - 1) ** 2)
    elif measure == "out_degree":
        c, cmax = g.out_degrees(), float((n - 1) ** 2)
    elif measure == "betweenness":
        c = _core.betweenness(g, normalized=False, threads=check_threads(threads))
        cmax = (n - 1) ** 2 * (n - 2) * (1.0 if directed else 0.5)
    else:
        reached, total, _ = _core.distance_sums(g, weighted=False, incoming=False,
                                                threads=check_threads(threads))
        c = np.zeros(n)
        full = (reached == n - 1) & (total > 0)
        c[full] = (n - 1) / total[full]
        cmax = (n - 1) ** 2 / n if directed else (n - 1) * (n - 2) / (2 * n - 3)
    dev = float(np.sum(c.max() - c))
    if not normalized:
        return dev
    return dev / cmax if cmax > 0 else math.nan


def density(net: Any, *, relation: Relation = None, undirected: bool = False) -> float:
    """Density (密度): ties present / ties possible, as networkx.

    ``m / (n(n-1))`` on a directed layer, ``2m / (n(n-1))`` on an undirected
    one; 0 for fewer than 2 actors (networkx). Duplicate ties were merged and
    self-loops dropped when the layer was built; weights are ignored. O(1).
    """
    net, g = _graph(net, relation, undirected)
    n = len(net)
    if n < 2:
        return 0.0
    m = float(g.num_edges)
    return m / (n * (n - 1)) * (1.0 if g.directed else 2.0)


_RECIPROCITY = ("edgewise", "dyadic", "dyadic.nonnull", "edgewise.lrr")


def reciprocity(net: Any, *, relation: Relation = None, method: str = "edgewise") -> float:
    """Reciprocity (互惠性), in R sna's ``grecip`` variants.

    With ``M`` mutual, ``A`` asymmetric and ``N`` null dyads
    (:func:`govnet.dyad_census`):

    - ``"edgewise"`` (default): the share of arcs whose reverse arc is present,
      ``2M / (2M + A)``; networkx's ``overall_reciprocity``, igraph's default
      and sna's ``measure="edgewise"``;
    - ``"dyadic"``: the share of symmetric dyads, ``(M + N) / (M + A + N)``
      (sna's default ``measure="dyadic"``);
    - ``"dyadic.nonnull"``: ``M / (M + A)`` (sna; igraph's ``mode="ratio"``);
    - ``"edgewise.lrr"``: ``log(edgewise / density)``, the log-ratio of
      reciprocity to its chance level (sna).

    An undirected layer: every tie is mutual, so edgewise gives 1 (igraph;
    networkx raises) and so do the dyadic variants. A layer without ties gives
    NaN for the variants that divide by the ties (networkx raises); ``"dyadic"``
    is then 1 (sna). Self-loops are ignored (sna's ``diag=FALSE``). O(m log d).
    """
    if method not in _RECIPROCITY:
        raise InvalidParameterError(
            f"method must be one of {', '.join(map(repr, _RECIPROCITY))}, got {method!r}")
    net, g = _graph(net, relation, False)
    src, dst, _ = g.edges()
    keep = src != dst
    src, dst = src[keep], dst[keep]
    n = len(net)
    if method == "edgewise" and not g.directed:
        return 1.0
    if g.directed:
        key = src.astype(np.int64) * n + dst
        rev = dst.astype(np.int64) * n + src
        mutual_arcs = int(np.isin(rev, key).sum())
        m, a = mutual_arcs // 2, int(src.size) - mutual_arcs
    else:
        m, a = int(src.size), 0
    if method == "dyadic":
        dyads = n * (n - 1) // 2
        return math.nan if dyads == 0 else (dyads - a) / dyads
    if m + a == 0:
        return math.nan
    if method == "dyadic.nonnull":
        return m / (m + a)
    edgewise = 2 * m / (2 * m + a)
    if method == "edgewise":
        return edgewise
    density = (2 * m + a) / (n * (n - 1))
    return math.log(edgewise / density) if edgewise > 0 else -math.inf


def average_shortest_path_length(net: Any, *, relation: Relation = None,
                                 distance: str | None = None, disconnected: str = "raise",
                                 undirected: bool = False, threads: int | None = None,
                                 progress: bool | None = None) -> float:
    """Mean shortest-path length over ordered pairs of distinct actors (平均路径长度).

    ``L = sum_{u != v} d(u, v) / (n(n-1))`` (networkx). ``distance="weight"``
    reads the tie weights as lengths (networkx's ``weight=``); None counts steps.

    Parameters
    ----------
    disconnected : {"raise", "reachable"}, default "raise"
        A disconnected (directed: not strongly connected) layer raises
        InvalidNetworkError, as networkx. ``"reachable"`` averages over the
        connected pairs only, as igraph's default ``unconn=True`` (NaN if there
        are none).

    Notes
    -----
    One actor gives 0 (networkx). O(nm) unweighted.
    """
    if disconnected not in ("raise", "reachable"):
        raise InvalidParameterError(
            f"disconnected must be 'raise' or 'reachable', got {disconnected!r}")
    net, g = _distance_graph(net, relation, undirected, distance)
    n = len(net)
    _nonempty(net, "average shortest path length")
    if n == 1:
        return 0.0
    with _bar(progress, "average path length", g) as cb:
        reached, total, _ = _core.distance_sums(
            g, weighted=tie_weight(net, distance, "distance"), incoming=False,
            threads=check_threads(threads), progress=cb)
    pairs = float(reached.sum())
    if pairs < n * (n - 1):
        if disconnected == "raise":
            kind = "strongly connected" if g.directed else "connected"
            raise InvalidNetworkError(
                f"the network is not {kind}: average_shortest_path_length is undefined; "
                f"pass disconnected='reachable' to average over connected pairs")
        if pairs == 0:
            return math.nan
    return math.fsum(total) / pairs


def global_efficiency(net: Any, *, relation: Relation = None, distance: str | None = None,
                      undirected: bool = False, threads: int | None = None,
                      progress: bool | None = None) -> float:
    """Global efficiency (Latora & Marchiori 2001): the mean of ``1/d(u, v)``.

    ``E = sum_{u != v} 1/d(u, v) / (n(n-1))`` with ``1/∞ = 0``, so
    disconnected pairs count as 0 and no special case is needed; fewer than 2
    actors give 0 (networkx). networkx handles undirected graphs only; on a
    directed layer govnet uses ordered pairs and directed distances (igraph's
    ``global_efficiency(directed=True)``). ``distance="weight"`` reads the tie
    weights as lengths (igraph's ``weights=``; networkx ignores weights). O(nm)
    unweighted.

    References
    ----------
    Latora, V. & Marchiori, M. (2001). Efficient behavior of small-world
    networks. Physical Review Letters 87(19), 198701. doi:10.1103/PhysRevLett.87.198701
    """
    net, g = _distance_graph(net, relation, undirected, distance)
    n = len(net)
    if n < 2:
        return 0.0
    with _bar(progress, "global efficiency", g) as cb:
        _, _, inv = _core.distance_sums(g, weighted=tie_weight(net, distance, "distance"),
                                        incoming=False, threads=check_threads(threads),
                                        progress=cb)
    return math.fsum(inv) / (n * (n - 1))


#: The per-actor centralities by short name, in the order :func:`core_profile`
#: reports them; the measure registry (:mod:`govnet.registry`) lists them too.
def centrality_values(net: Any, g: Any, short: str, threads: int) -> np.ndarray:
    """``CENTRALITIES[short](net, relation=..., undirected=...)`` with its default
    options, as an array, on ``g``, the layer graph that call reads (``layer_of(net,
    relation, undirected=undirected)``); ``threads`` already checked. The fast path
    of :func:`govnet.core_profile` (no Series, no second layer look-up per measure);
    tested equal to the public functions. Raises ConvergenceError as they do."""
    n = g.num_nodes
    if short == "degree":
        if n <= 1:
            return np.ones(n)
        return (g.out_degrees() + (g.in_degrees() if g.directed else 0.0)) / (n - 1)
    if short == "betweenness":
        return _core.betweenness(g, normalized=True, endpoints=False, weighted=False, k=0,
                                 seed=0, threads=threads, progress=None)
    if short == "closeness":
        return _core.closeness(g, weighted=False, incoming=True, wf_improved=True,
                               threads=threads, progress=None)
    if short == "harmonic":
        return _core.harmonic(g, weighted=False, incoming=True, threads=threads, progress=None)
    _nonempty(net, f"{short} centrality")
    if short == "eigenvector":
        return _eigenvector_values(g, False, 100, 1e-6, "auto", threads)
    if short == "pagerank":
        return _core.pagerank(g, alpha=0.85, personalization=None, dangling=None, max_iter=100,
                              tol=1e-6, weighted=True, threads=threads)
    raise InvalidParameterError(f"unknown centrality {short!r}; expected one of {list(CENTRALITIES)}")


CENTRALITIES: dict[str, Any] = {
    "degree": degree_centrality,
    "betweenness": betweenness_centrality,
    "closeness": closeness_centrality,
    "harmonic": harmonic_centrality,
    "eigenvector": eigenvector_centrality,
    "pagerank": pagerank,
}
