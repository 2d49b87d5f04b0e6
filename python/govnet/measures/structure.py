"""Structural position: k-cores (k-核), core–periphery (核心–边缘), brokerage (中介/经纪)
and Burt's structural holes (结构洞).

Every function takes a :class:`govnet.Network` or a networkx graph and a
``relation`` (one layer name, a list of names to aggregate, or None for all
layers; aggregated weights are summed) and returns pandas objects indexed by
actor id, or a small frozen dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from contextlib import nullcontext
from html import escape
from typing import Any, Mapping

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
from govnet.measures.centrality import CENTRALITIES, centrality_values
from govnet.model.access import Relation, as_network, layer_of, series, tie_weight
from govnet.model.network import Network

__all__ = [
    "core_number",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    "structural_holes",
    "brokerage",
    "core_periphery",
    "CorePeripheryResult",
    "core_profile",
    "CoreProfile",
    "core_mask",
]


# ---------------------------------------------------------------------------
# k-cores


def core_number(net: Any, *, relation: Relation = None, direction: str = "all",
                undirected: bool = False, threads: int | None = None,
                progress: bool | None = None) -> pd.Series:
    """Core number (k-核数) of every actor: the largest k such that the actor
    belongs to a subgraph where every actor has degree >= k.

    Parameters
    ----------
    direction : {"all", "in", "out"}
        Degree used on a directed layer (govnet 0.1's ``mode=``). ``"all"`` (default, networkx) counts
        in-degree plus out-degree, so a mutual pair of arcs counts twice;
        ``"in"`` and ``"out"`` are igraph's ``coreness(mode=...)``. Ignored on
        undirected layers.

    Notes
    -----
    Weights are ignored; self-loops are ignored (networkx refuses graphs with
    them). Isolates have core number 0. R ``sna::kcores`` treats every matrix
    as a digraph, so its undirected values are twice these. Batagelj–Zaversnik
    bucket algorithm, O(n + m).

    References
    ----------
    Batagelj, V. & Zaversnik, M. (2003). An O(m) algorithm for cores
    decomposition of networks. arXiv:cs/0310049. doi:10.48550/arXiv.cs/0310049

    Examples
    --------
    >>> import govnet
    >>> net = govnet.datasets.nanshan()
    >>> govnet.core_number(net, relation="leadership")["party_committee"]
    np.int64(1)
    """
    net = as_network(net)
    if direction not in ("all", "in", "out"):
        raise InvalidParameterError(
            f"direction must be 'all', 'in' or 'out', got {direction!r}")
    g = layer_of(net, relation, undirected=undirected)
    with progress_bar(progress, "core_number", len(net)) as cb:
        values = _core.core_number(g, mode=direction, threads=check_threads(threads), progress=cb)
    return pd.Series(values.astype(np.int64), index=net.actor_ids.view(), name="core_number", copy=False)


# ---------------------------------------------------------------------------
# Burt's structural holes


def structural_holes(net: Any, *, relation: Relation = None, weight: str | None = None,
                     undirected: bool = False, threads: int | None = None,
                     progress: bool | None = None) -> pd.DataFrame:
    """Burt's structural-hole measures in one pass: constraint, effective
    size, efficiency and hierarchy (columns), indexed by actor.

    Definitions (Burt 1992; networkx's for the first two). For ego ``i`` with
    contacts ``N(i)`` (in- or out-neighbours), the mutual weight is
    ``m_ij = a_ij + a_ji`` and the proportional tie ``p_ij = m_ij / sum_k m_ik``.

    * constraint ``C_i = sum_{j in N(i)} c_ij``, local constraint
      ``c_ij = (p_ij + sum_{q in N(i)} p_iq p_qj)^2``;
    * effective size ``E_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq / max_k m_jk)``
      (for undirected unweighted graphs this is Borgatti's ``n - 2t/n``);
    * efficiency ``E_i / |N(i)|``;
    * hierarchy ``H_i = sum_j r_j ln r_j / (N ln N)`` with ``r_j = c_ij / (C_i / N)``,
      ``N = |N(i)|``; 0 for one contact (the formula is 0/0 there).

    Parameters
    ----------
    weight : str or None
        None: every arc counts 1 (a mutual pair 2). Any string: use the layer's
        weights as tie strengths (networkx's ``weight=`` on the same weights).

    Notes
    -----
    Isolates get NaN (networkx). Unlike networkx on a digraph (see
    conventions.md), an actor with only incoming ties gets values: networkx
    returns NaN for it because it checks successors only; igraph and Burt's
    formula give values. Self-loops are ignored. Cost
    O(sum_i sum_{q in N(i)} deg(q)); parallel over egos, identical for any
    thread count.

    References
    ----------
    Burt, R. S. (1992). Structural Holes. Harvard University Press.
    doi:10.4159/9780674029095
    Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
    measures. Connections 20(1), 35–38.
    """
    net = as_network(net)
    g = layer_of(net, relation, undirected=undirected)
    with progress_bar(progress, "structural holes", len(net)) as cb:
        d = _core.structural_holes(g, weighted=tie_weight(net, weight),
                                   threads=check_threads(threads), progress=cb)
    return pd.DataFrame({k: d[k] for k in ("constraint", "effective_size", "efficiency", "hierarchy")},
                        index=net.actor_ids.copy())


def _hole(name: str, net: Any, relation: Relation, weight: str | None, undirected: bool,
          threads: int | None, progress: bool | None) -> pd.Series:
    net = as_network(net)
    g = layer_of(net, relation, undirected=undirected)
    with progress_bar(progress, name, len(net)) as cb:
        d = _core.structural_holes(g, weighted=tie_weight(net, weight),
                                   threads=check_threads(threads), progress=cb)
    return series(net, d[name], name)


def constraint(net: Any, *, relation: Relation = None, weight: str | None = None,
               undirected: bool = False, threads: int | None = None,
               progress: bool | None = None) -> pd.Series:
    """Burt's constraint ``C_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` (networkx's
    definition; weights as strengths). Low values: an actor spanning
    structural holes. Isolates: NaN. See :func:`structural_holes` for the
    full definitions and conventions. Matches ``networkx.constraint`` and
    ``igraph.Graph.constraint`` (except networkx's digraph bug).
    """
    return _hole("constraint", net, relation, weight, undirected, threads, progress)


def effective_size(net: Any, *, relation: Relation = None, weight: str | None = None,
                   undirected: bool = False, threads: int | None = None,
                   progress: bool | None = None) -> pd.Series:
    """Burt's effective size: contacts minus their redundancy (networkx's
    definition; weights as strengths). Isolates: NaN. See :func:`structural_holes`."""
    return _hole("effective_size", net, relation, weight, undirected, threads, progress)


def efficiency(net: Any, *, relation: Relation = None, weight: str | None = None,
               undirected: bool = False, threads: int | None = None,
               progress: bool | None = None) -> pd.Series:
    """Burt's efficiency: effective size divided by the number of contacts.
    Isolates: NaN. (Not networkx's ``efficiency(G, u, v)``, which is 1/distance.)
    See :func:`structural_holes`."""
    return _hole("efficiency", net, relation, weight, undirected, threads, progress)


def hierarchy(net: Any, *, relation: Relation = None, weight: str | None = None,
              undirected: bool = False, threads: int | None = None,
              progress: bool | None = None) -> pd.Series:
    """Burt's (1992) hierarchy: how much an actor's constraint is concentrated
    on one contact (Coleman–Theil disorder index of the local constraints,
    0 = equal, 1 = all on one). One contact: 0; isolates: NaN.
    See :func:`structural_holes`."""
    return _hole("hierarchy", net, relation, weight, undirected, threads, progress)


# ---------------------------------------------------------------------------
# Brokerage

_BROKERAGE_COLUMNS = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


def _group_codes(net: Any, groups: Any) -> tuple[np.ndarray, pd.Series]:
    if isinstance(groups, str):
        actors = net.actors
        if groups not in actors.columns:
            raise InvalidNetworkError(
                f"no actor attribute {groups!r} for groups; attributes: {list(actors.columns)}")
        values = actors[groups]
    elif isinstance(groups, (pd.Series, Mapping)):
        s = pd.Series(groups) if isinstance(groups, Mapping) else groups
        s = s.copy()
        s.index = s.index.map(lambda v: str(v).strip())
        missing = net.actor_ids.difference(s.index)
        if len(missing):
            raise InvalidNetworkError(
                f"groups has no value for actor(s) {list(missing[:5])}"
                f"{' ...' if len(missing) > 5 else ''}")
        values = s.reindex(net.actor_ids)
    else:
        raise InvalidNetworkError(
            f"groups must be an actor attribute name or a Series indexed by actor id, "
            f"got {type(groups).__name__}")
    values = pd.Series(values.to_numpy(), index=net.actor_ids.copy(), name="group")
    bad = values.isna() | (values.astype(str).str.strip() == "")
    if bad.any():
        raise InvalidNetworkError(f"groups: actor {values.index[bad.to_numpy()][0]!r} has no group")
    codes, _ = pd.factorize(values)
    return codes.astype(np.int32), values


def brokerage(net: Any, groups: Any = "tier", *, relation: Relation = None,
              undirected: bool = False, threads: int | None = None,
              progress: bool | None = None) -> pd.DataFrame:
    """Gould–Fernandez brokerage roles (中介角色): for each actor ``j``, the
    number of open two-paths ``i -> j -> k`` (``i, j, k`` distinct, no tie
    ``i -> k``) in which ``j`` is the broker, by the groups of ``i``, ``j``, ``k``:

    ============== ============================== ==========
    column         groups (source i, broker j, target k)  sna
    ============== ============================== ==========
    coordinator    all three the same              ``w_I``
    itinerant      i and k same, j different       ``w_O``
    representative i and j same, k different       ``b_IO``
    gatekeeper     j and k same, i different       ``b_OI``
    liaison        all three different             ``b_O``
    total          sum of the five                 ``t``
    ============== ============================== ==========

    Parameters
    ----------
    groups : str or Series, default "tier"
        An actor attribute name (e.g. ``"tier"``: core / support / plural /
        external) or a Series (or dict) mapping every actor id to its group.

    Notes
    -----
    Counts equal R ``sna::brokerage(g, cl)$raw.nli``. Ties are read as
    directed; an undirected layer counts each tie both ways, so every open
    two-path is counted twice (once per direction) and representative equals
    gatekeeper totals — exactly what sna does, since sna treats every matrix
    as a digraph. Weights are ignored (any tie counts). Self-loops are
    ignored. O(sum_j sum_{i in in(j)} (outdeg(i) + outdeg(j))).

    References
    ----------
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
    approach to brokerage in transaction networks. Sociological Methodology
    19, 89–126. doi:10.2307/270949
    """
    net = as_network(net)
    codes, _ = _group_codes(net, groups)
    g = layer_of(net, relation, undirected=undirected)
    with progress_bar(progress, "brokerage", len(net)) as cb:
        raw = _core.brokerage(g, codes, threads=check_threads(threads), progress=cb)
    frame = pd.DataFrame(np.asarray(raw).astype(np.int64), index=net.actor_ids.copy(),
                         columns=_BROKERAGE_COLUMNS)
    frame["total"] = frame.sum(axis=1)
    return frame


# ---------------------------------------------------------------------------
# Core–periphery


@dataclass(frozen=True)
class CorePeripheryResult:
    """Result of :func:`core_periphery`.

    Attributes
    ----------
    model : "discrete" or "continuous"
    coreness : Series
        Discrete: 1.0 for core members, 0.0 for the periphery. Continuous:
        the MINRES coreness vector (non-negative, unit Euclidean norm).
    partition : Series or None
        Discrete model: "core" / "periphery" per actor.
    fit : float
        Pearson correlation between the observed ties and the ideal pattern.
    between : str
        Treatment of core–periphery pairs in the discrete model ("ones" or "missing").
    restarts, seed : int
        Search settings (discrete model).
    """

    model: str
    coreness: pd.Series
    partition: pd.Series | None
    fit: float
    between: str = "ones"
    restarts: int = 0
    seed: int | None = None
    detail: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def core(self) -> list[str]:
        """Ids of the core (discrete), or of actors with coreness above the mean (continuous)."""
        if self.partition is not None:
            return list(self.partition.index[self.partition == "core"])
        return list(self.coreness.index[self.coreness > self.coreness.mean()])

    def __repr__(self) -> str:
        core = self.core
        shown = ", ".join(map(str, core[:8])) + (" ..." if len(core) > 8 else "")
        extra = f", between={self.between!r}" if self.model == "discrete" else ""
        return (f"CorePeripheryResult(model={self.model!r}, fit={self.fit:.4f}, "
                f"core size={len(core)} of {len(self.coreness)}{extra}, core=[{shown}])")

    def _repr_html_(self) -> str:
        top = self.coreness.sort_values(ascending=False).head(10)
        rows = "".join(f"<tr><td>{escape(str(k))}</td><td>{v:.4f}</td>"
                       f"<td>{escape(str(self.partition[k])) if self.partition is not None else ''}</td></tr>"
                       for k, v in top.items())
        return (f"<div><strong>Core–periphery ({escape(self.model)} model)</strong>: "
                f"fit (correlation) = {self.fit:.4f}; core size {len(self.core)} of "
                f"{len(self.coreness)}<table><tr><th>actor</th><th>coreness</th>"
                f"<th>block</th></tr>{rows}</table></div>")


def core_periphery(net: Any, *, relation: Relation = None, model: str = "discrete",
                   between: str = "ones", weight: str | None = None, restarts: int = 20,
                   seed: int | None = None, max_iter: int = 1000, tol: float = 1e-10,
                   undirected: bool = False, threads: int | None = None,
                   progress: bool | None = None) -> CorePeripheryResult:
    """Borgatti–Everett (2000) core–periphery models (核心–边缘结构).

    The fit is the Pearson correlation, over all ordered pairs ``i != j``
    (the diagonal is ignored), between the observed ties ``a_ij`` (0/1, or
    the weights with ``weight``) and an ideal pattern ``δ_ij``.

    * ``model="discrete"``: actors are split into core and periphery; the
      ideal pattern is core–core 1, periphery–periphery 0, and core–periphery
      1 (``between="ones"``, the paper's ideal structure) or left out of the
      correlation (``between="missing"``, UCINET's default). A core needs
      >= 1 actor (``"ones"``) or >= 2 (``"missing"``) and the periphery >= 2,
      so the correlation is defined.

      *Guarantee.* Up to 22 actors the result is the global optimum, found by
      enumerating every partition (Gray-code order, one actor moves per step;
      ties of fit go to the first partition in that order). With 0/1 ties and
      ``between="ones"`` blocks of 1,024 consecutive partitions whose upper
      bound on the fit is below the best so far are skipped, which gives the
      same partition (tested against the full enumeration) in a few
      milliseconds at 22 actors instead of 40; ``restarts`` and ``seed`` are then unused and
      ``best_restart`` is -1. This covers the classic data sets (Florentine
      families, kite, Krackhardt's managers) for any seed. Above 22 actors the
      search is a heuristic that cannot prove optimality: restart 0 starts
      from the best prefix of the strength ranking, the others from random
      partitions (reproducible with ``seed``); each moves single actors, in
      random order, while a move raises the fit, then (up to 2,000 actors)
      tries every pair of actors moved together (swaps included), until
      nothing improves. The best restart wins (ties: the lowest restart). On
      Zachary's karate club (34 actors) every seed tested (0–29) reaches the
      best fit of 2,000 restarts.
    * ``model="continuous"``: the ideal pattern is ``δ_ij = c_i c_j`` with a
      coreness vector ``c``, fitted by minimum residuals (MINRES, Comrey 1962,
      as Borgatti & Everett suggest): ``c`` minimises
      ``sum_{i != j} (a_ij - c_i c_j)^2`` (L-BFGS from the strength vector);
      the fit is the correlation of ``a_ij`` with ``c_i c_j``. Maximising that
      correlation directly is ill-posed (its supremum can be reached only in
      the limit where one actor holds all coreness, e.g. the Florentine
      marriages), so govnet does not. Coreness is non-negative with unit
      Euclidean norm; isolates get 0.

    On a directed layer ordered pairs keep their direction (``a_ij`` and
    ``a_ji`` are separate observations); an undirected layer gives the same
    fit as over unordered pairs. The tests compare with an exhaustive search
    written independently (numpy) on every classic data set of <= 21 actors.

    Returns
    -------
    CorePeripheryResult

    References
    ----------
    Borgatti, S. P. & Everett, M. G. (2000). Models of core/periphery
    structures. Social Networks 21(4), 375–395. doi:10.1016/S0378-8733(99)00019-2
    Comrey, A. L. (1962). The minimum residual method of factor analysis.
    Psychological Reports 11(1), 15–18. doi:10.2466/pr0.1962.11.1.15
    """
    net = as_network(net)
    if model not in ("discrete", "continuous"):
        raise InvalidParameterError(f"model must be 'discrete' or 'continuous', got {model!r}")
    if between not in ("ones", "missing"):
        raise InvalidParameterError(f"between must be 'ones' or 'missing', got {between!r}")
    need = 4 if (model == "discrete" and between == "missing") else 3
    if len(net) < need:
        raise EmptyNetworkError(f"core_periphery needs at least {need} actors, the network has {len(net)}")
    g = layer_of(net, relation, undirected=undirected)
    if g.num_edges == 0:
        raise InvalidNetworkError("core_periphery: the network has no ties in the chosen relation(s)")
    ids = net.actor_ids.copy()
    if model == "discrete":
        if not isinstance(restarts, (int, np.integer)) or restarts < 1:
            raise InvalidParameterError(f"restarts must be a positive integer, got {restarts!r}")
        s = check_seed(seed)
        with progress_bar(progress, "core_periphery", restarts) as cb:
            mask, fit, best = _core.core_periphery_discrete(
                g, between=between, weighted=tie_weight(net, weight), restarts=int(restarts), seed=s,
                threads=check_threads(threads), progress=cb)
        mask = np.asarray(mask).astype(bool)
        part = pd.Series(np.where(mask, "core", "periphery"), index=ids, name="block")
        return CorePeripheryResult("discrete", pd.Series(mask.astype(float), index=ids.copy(),
                                                         name="coreness"),
                                   part, float(fit), between, int(restarts), s,
                                   {"best_restart": int(best)})
    with progress_bar(progress, "core_periphery", max_iter) as cb:
        c, fit, iters = _core.core_periphery_continuous(
            g, weighted=tie_weight(net, weight), max_iter=int(max_iter), tol=float(tol),
            threads=check_threads(threads), progress=cb)
    return CorePeripheryResult("continuous", pd.Series(c, index=ids, name="coreness"), None,
                               float(fit), between, 0, None, {"iterations": int(iters)})


# ---------------------------------------------------------------------------
# The designated core's profile



@dataclass(frozen=True)
class _ProfileTables:
    """The arrays behind CoreProfile's tables, and how to lay them out."""

    names: list
    rows: list                  # (best_rank, share, value) per centrality
    reach_values: dict          # steps -> share
    actor_ids: pd.Index
    efficiency: np.ndarray      # per actor, then the core as a whole
    drop: np.ndarray
    components: np.ndarray
    largest_share: np.ndarray

    @property
    def n_actors(self) -> int:
        return len(self.actor_ids)

    def centrality(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, index=self.names, columns=["best_rank", "share", "value"])

    def reach(self) -> pd.Series:
        return pd.Series(self.reach_values, name="reach")

    def vulnerability(self) -> pd.DataFrame:
        order = np.argsort(-self.drop, kind="stable")
        return pd.DataFrame({"efficiency": self.efficiency[order],
                             "efficiency_drop": self.drop[order],
                             "components": self.components[order],
                             "largest_share": self.largest_share[order]},
                            index=self.actor_ids.append(pd.Index(["<core>"]))[order])


@dataclass(frozen=True)
class CoreProfile:
    """Result of :func:`core_profile`: how central, how much of a broker and
    how hard to do without the designated core (一核) is.

    Attributes
    ----------
    core : list of str
        The designated core actors.
    centrality : DataFrame
        One row per centrality available in :mod:`govnet.centrality`:
        ``best_rank`` (1 = most central; the best core member, ties take the
        best rank), ``share`` (core's sum / everyone's sum), ``value`` (core's sum).
    pair_dependency : float
        Mean share of shortest paths between ordered pairs of non-core actors
        (connected pairs only) that pass through the core; NaN if none.
    reach : Series
        Share of non-core actors within 1, 2, 3 steps of the core (ties in
        either direction).
    vulnerability : DataFrame
        Per removed unit (the core as a whole, labelled ``"<core>"``, and
        every single actor): global efficiency after removal, its drop from
        the intact network, weak components and largest-component share,
        sorted by efficiency drop (largest first).
    core_vulnerability_rank : int
        Rank of the core's efficiency drop among all rows (1 = most damaging).
    empirical_core : list of str
        Core of the discrete core–periphery model (:func:`core_periphery`).
    in_empirical_core : bool
        Every designated core actor is in the empirical core.
    cp_fit : float
        Fit of that core–periphery model.
    """

    core: list
    pair_dependency: float
    core_vulnerability_rank: int
    empirical_core: list
    in_empirical_core: bool
    cp_fit: float
    _tables: _ProfileTables = field(repr=False, compare=False)

    # The three tables are built on first use: pandas objects cost more than the
    # whole computation on a 30-actor network, and a batch reads only the numbers.
    @cached_property
    def centrality(self) -> pd.DataFrame:
        return self._tables.centrality()

    @cached_property
    def reach(self) -> pd.Series:
        return self._tables.reach()

    @cached_property
    def vulnerability(self) -> pd.DataFrame:
        return self._tables.vulnerability()

    @property
    def _n_ranked(self) -> int:
        return self._tables.n_actors

    def __repr__(self) -> str:
        cen = "; ".join(f"{k.replace('_centrality', '')} #{int(r.best_rank)} ({r.share:.0%})"
                        for k, r in self.centrality.iterrows())
        reach = ", ".join(f"{k} step{'s' if k > 1 else ''} {v:.0%}" for k, v in self.reach.items())
        return (f"CoreProfile(core={self.core}; {cen}; pair dependency {self.pair_dependency:.1%}; "
                f"reach {reach}; removal rank {self.core_vulnerability_rank} of "
                f"{self._n_ranked} actors; in empirical core: {self.in_empirical_core} "
                f"(fit {self.cp_fit:.3f}))")

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{escape(k)}</td><td>{int(r.best_rank)}</td><td>{r.share:.1%}</td></tr>"
                       for k, r in self.centrality.iterrows())
        reach = "".join(f"<tr><td>within {k} step(s)</td><td>{v:.1%}</td></tr>"
                        for k, v in self.reach.items())
        v = self.vulnerability.loc["<core>"]
        return (f"<div><strong>Core profile</strong> (一核): {escape(', '.join(map(str, self.core)))}"
                f"<table><tr><th>centrality</th><th>best rank</th><th>share</th></tr>{rows}</table>"
                f"<table><tr><th>pair dependency</th><td>{self.pair_dependency:.1%}</td></tr>{reach}"
                f"<tr><td>efficiency drop without the core</td><td>{v.efficiency_drop:.3f} "
                f"(rank {self.core_vulnerability_rank} of {self._n_ranked} actors)</td></tr>"
                f"<tr><td>components without the core</td><td>{int(v.components)}</td></tr>"
                f"<tr><td>in the empirical core</td><td>{self.in_empirical_core} "
                f"(fit {self.cp_fit:.3f})</td></tr></table></div>")


#: Restarts of the core–periphery search inside :func:`core_profile`.
CORE_PROFILE_RESTARTS = 10
_QUIET: Any = nullcontext(None)


def core_mask(net: Network, core: Any = None) -> tuple[list, np.ndarray]:
    """(core ids in the given order as the network spells them, uint8 mask over the
    actors) for ``core=`` of :func:`core_profile`: an id or a list of ids, default
    the actors of tier ``core``. Raises as :func:`core_profile` does."""
    pos, mask = core_positions(net, core)
    ids = net.actor_ids
    return [ids[p] for p in pos], mask


def core_positions(net: Network, core: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """(positions, uint8 mask) of :func:`core_mask`, without the list of ids (a batch
    of many communities allocates nothing per community the collector must track)."""
    if core is None:
        pos = net.tier_positions("core")
        if len(pos) == 0:
            raise EmptyNetworkError("the network has no actor of tier 'core'; pass core=[...]")
    else:
        core_ids = [core] if isinstance(core, str) else list(core)
        if not core_ids:
            raise InvalidNetworkError("core is empty")
        pos = net.positions(core_ids)
    n = len(net)
    mask = np.zeros(n, dtype=np.uint8)
    mask[pos] = 1
    if int(mask.sum()) == n:
        raise InvalidNetworkError("the core cannot contain every actor")
    return pos, mask


def core_profile(net: Any, core: Any = None, *, relation: Relation = None,
                 undirected: bool = False, seed: int | None = 0, threads: int | None = None,
                 progress: bool | None = None) -> CoreProfile:
    """Profile of the designated core (一核): centrality ranks and shares,
    pair dependency, reach, vulnerability and core–periphery membership.

    Parameters
    ----------
    core : actor id or list of ids, optional
        Default: the actors of tier ``core``.
    relation : str, list or "all"
        Layer(s) used for every figure (see docs/conventions.md; None only on a
        one-layer network).
    undirected : bool
        Read directed layers as undirected for every figure.
    seed : int, optional
        Seed of the core–periphery search (default 0, reproducible).

    Notes
    -----
    Centralities are those of :data:`govnet.measures.centrality.CENTRALITIES`
    (degree, betweenness, closeness, harmonic, eigenvector, PageRank), each with
    its default options; one whose power iteration does not converge on this
    network (eigenvector on some digraphs) has rank 0 and NaN share and value.
    Pair dependency and global efficiency use unweighted shortest paths along
    tie direction; reach and components ignore direction. Global efficiency
    is networkx's (mean of 1/d over ordered pairs of the remaining actors).
    Vulnerability costs n all-pairs BFS: O(n² (n + m)).

    Examples
    --------
    >>> import govnet
    >>> p = govnet.core_profile(govnet.datasets.nanshan(), relation=["leadership", "membership"])
    >>> p.core
    ['party_committee']
    """
    net = as_network(net)
    core_ids, mask = core_mask(net, core)
    pos = np.flatnonzero(mask)
    n = len(net)
    g = layer_of(net, relation, undirected=undirected)
    th = check_threads(threads)
    s = check_seed(seed)

    names: list[str] = []
    rows: list[tuple[int, float, float]] = []
    values: list[np.ndarray | None] = []
    for short, fn in CENTRALITIES.items():
        names.append(fn.__name__)
        try:
            values.append(centrality_values(net, g, short, th))
        except ConvergenceError:
            # Only a power iteration that does not converge (eigenvector on some
            # digraphs) is left out; the row says so instead of vanishing.
            values.append(None)
    done = [v for v in values if v is not None]
    if done:  # all measures at once: numpy calls cost more than the sums on 30 actors
        stack = np.vstack(done)
        at_core = stack[:, pos]
        ranks = 1 + np.count_nonzero(stack > at_core.max(axis=1)[:, None], axis=1)
        totals, core_sums = stack.sum(axis=1), at_core.sum(axis=1)
    k = 0
    for v in values:
        if v is None:
            rows.append((0, float("nan"), float("nan")))
            continue
        total, core_sum = float(totals[k]), float(core_sums[k])
        rows.append((int(ranks[k]), core_sum / total if total > 0 else float("nan"), core_sum))
        k += 1

    # Pair dependency, reach, vulnerability and the core–periphery model in one call
    # (the same kernels as pair_dependency, removal_effect, single_removal_effects and
    # core_periphery(restarts=10), also run by Collection.core_profile's batch).
    bar = _QUIET if progress is not True and n < 300 else progress_bar(progress, "vulnerability", n)
    with bar as cb:
        x = _core.core_profile_numbers(g, mask, seed=s, restarts=CORE_PROFILE_RESTARTS,
                                       threads=th, progress=cb)  # each kernel's own thread rule
    others = x["distance"][mask == 0]
    reached = others[others >= 0]
    reach = {k: np.count_nonzero(reached <= k) / len(others) for k in (1, 2, 3)}
    base_eff = x["intact"][0]
    eff, comp, share = x["without_core"]
    singles = x["singles"]
    effs = np.append(singles["efficiency"], eff)
    drop = base_eff - effs
    rank = int(1 + np.count_nonzero(drop > drop[-1]))
    if x["cp_ok"]:
        empirical = [net.actor_ids[i] for i in np.flatnonzero(x["cp_core"])]
        fit = float(x["cp_fit"])
    else:
        empirical, fit = [], float("nan")
    tables = _ProfileTables(names, rows, reach, net.actor_ids, effs, drop,
                            np.append(singles["components"], comp),
                            np.append(singles["largest_share"], share))
    return CoreProfile(list(core_ids), float(x["pair_dependency"]), rank, empirical,
                       bool(set(core_ids) <= set(empirical)), fit, tables)
