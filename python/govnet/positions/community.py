"""Communities (社区 / 凝聚子群): the modularity of a given partition, Louvain and
Leiden community detection, and an ensemble of runs with a consensus partition.

Conventions shared by :func:`louvain`, :func:`leiden` and
:func:`community_ensemble`:

* **The graph read.** An undirected layer as it is; a directed layer is read as
  undirected — a pair tied in either direction is one tie, of weight
  ``w_ij + w_ji`` with ``weight="weight"`` and 1 without (igraph's
  ``as_undirected``, networkx's ``louvain_communities`` on ``G.to_undirected()``
  with summed weights). The reported quality is that of this undirected view:
  ``modularity(net, partition, undirected=True)`` gives the same number.
  Self-loops are ignored, as in :func:`modularity`.
* **Objectives.** ``"modularity"``: Newman's
  ``Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)`` (γ = ``resolution``);
  ``"cpm"``: the constant Potts model ``H = Σ_c [e_c − γ n_c (n_c − 1) / 2]``,
  ``e_c`` the tie weight inside community ``c`` and ``n_c`` its number of
  actors (Traag et al. 2011's Hamiltonian with the sign flipped; leidenalg's
  ``CPMVertexPartition.quality()`` sums over ordered pairs and gives 2H). Under CPM,
  γ is a density: a community's inner density must exceed γ.
* **Reproducibility.** ``seed=`` fixes the result for any ``threads``. Each
  run is in the C++ core (GIL released, Ctrl-C honoured). On graphs of 65,536
  actors or more, local moving takes the queued actors in batches (about
  n²/(64·ties) of them, a rule of the graph alone): their moves are decided in
  parallel against the state before the batch and applied in queue order, an
  actor with a neighbour moved in the batch deciding again, so every move is
  exact; Leiden's refinement runs community by community (each with its own
  random stream) and aggregation by ranges of communities, in parallel.
  :func:`community_ensemble` runs its members in parallel instead, run ``r``
  seeded by ``(seed, r)``: no result depends on the thread count.
* **Numbering.** Communities are numbered by size, largest first, ties by their
  first actor in actor order (as :func:`govnet.components`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_seed, check_threads, dense_zeros, progress_bar
from govnet.errors import InvalidParameterError
from govnet.model.access import Relation, as_network, layer_of, tie_weight
from govnet.positions._common import layer_arrays
from govnet.positions._partition import partition_codes

__all__ = ["modularity", "Communities", "louvain", "leiden", "CommunityEnsemble",
           "community_ensemble"]

_REFS = """
    References
    ----------
    Newman, M. E. J. (2006). Modularity and community structure in networks.
    PNAS 103(23), 8577–8582. doi:10.1073/pnas.0601602103.
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast
    unfolding of communities in large networks. J. Stat. Mech. P10008.
    doi:10.1088/1742-5468/2008/10/P10008.
    Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden:
    guaranteeing well-connected communities. Scientific Reports 9, 5233.
    doi:10.1038/s41598-019-41695-z.
    Reichardt, J. & Bornholdt, S. (2006). Statistical mechanics of community
    detection. Physical Review E 74, 016110. doi:10.1103/PhysRevE.74.016110.
    Rotta, R. & Noack, A. (2011). Multilevel local search algorithms for
    modularity clustering. ACM J. Experimental Algorithmics 16, 2.3.
    Ozaki, N., Tezuka, H. & Inaba, M. (2016). A simple acceleration method for
    the Louvain algorithm. Int. J. Computer and Electrical Engineering 8(3), 207–218.
    Traag, V. A., Van Dooren, P. & Nesterov, Y. (2011). Narrow scope for
    resolution-limit-free community detection. Physical Review E 84, 016114.
"""


def _check_resolution(resolution: Any) -> float:
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float, np.floating,
                                                                   np.integer)):
        raise TypeError(f"resolution must be a number, got {type(resolution).__name__}")
    if not (resolution >= 0) or not math.isfinite(resolution):
        raise InvalidParameterError(f"resolution must be a finite number ≥ 0, got {resolution!r}")
    return float(resolution)


def _check_int(value: Any, name: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if not lo <= value <= hi:
        raise InvalidParameterError(f"{name} must be in [{lo}, {hi}], got {value!r}")
    return int(value)


def modularity(net: Any, partition: Any, *, relation: Relation = None, weight: str | None = None,
               resolution: float = 1.0, undirected: bool = False) -> float:
    """Modularity (模块度) of a partition of the actors, as networkx's ``modularity``.

    Undirected: ``Q = sum_c [ L_c / m − γ (d_c / 2m)² ]``; directed:
    ``Q = sum_c [ L_c / m − γ d_c^out d_c^in / m² ]``, with ``m`` the number
    (weighted: total weight) of ties, ``L_c`` the ties inside block ``c`` and
    ``d_c`` the sum of its actors' degrees (strengths). ``resolution`` is γ
    (Reichardt & Bornholdt). Equal to networkx's
    ``community.modularity(G, communities, weight=..., resolution=...)`` and to
    igraph's ``modularity`` (``directed=True`` on a directed layer).

    Parameters
    ----------
    partition : str, Series, mapping or list of sets
        An actor column (``"tier"``, ``"kind"``), a Series or mapping actor ->
        block label, or disjoint sets of actors covering every actor. An actor
        without a block raises ``InvalidParameterError``.
    weight : None or "weight"
        Tie weights as strengths (docs/conventions.md).
    resolution : float, default 1.0
        γ ≥ 0; below 1 favours larger blocks.
    undirected : bool, default False
        Read a directed layer as undirected (a pair tied either way is one tie,
        its weight the sum of the two arcs'): the graph :func:`louvain` and
        :func:`leiden` optimise.

    Notes
    -----
    A layer without ties gives NaN (networkx divides by zero). Self-loops are
    not part of govnet's layers.

    References
    ----------
    Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community
    structure in networks. Physical Review E 69, 026113. doi:10.1103/PhysRevE.69.026113.
    Leicht, E. A. & Newman, M. E. J. (2008). Community structure in directed
    networks. Physical Review Letters 100, 118703. doi:10.1103/PhysRevLett.100.118703.
    """
    net = as_network(net)
    weighted = tie_weight(net, weight)
    gamma = _check_resolution(resolution)
    codes, labels = partition_codes(net, partition)
    net, g, src, dst, w = layer_arrays(net, relation, undirected=undirected)
    if not weighted:
        w = np.ones(src.size)
    m = math.fsum(w)
    if m == 0:
        return math.nan
    k = len(labels)
    inside = np.bincount(codes[src][codes[src] == codes[dst]],
                         weights=w[codes[src] == codes[dst]], minlength=k)
    out_c = np.bincount(codes[src], weights=w, minlength=k)
    in_c = np.bincount(codes[dst], weights=w, minlength=k)
    if g.directed:
        expected = out_c * in_c / (m * m)
    else:
        deg = out_c + in_c
        expected = deg * deg / (4 * m * m)
    return math.fsum(inside / m - gamma * expected)


@dataclass(frozen=True)
class Communities:
    """Communities found by :func:`louvain` or :func:`leiden` (or a consensus).

    ``membership``: community of each actor (int, 0 = the largest, ties by the
    first actor in actor order); ``sizes``: actors per community;
    ``quality``: the objective's value (modularity ``Q`` at the given
    resolution, or the CPM quality ``H``); ``modularity``: Newman's modularity
    (γ = 1) of the same partition, for comparison across objectives; both on
    the graph the methods read (a directed layer as undirected).
    """

    membership: pd.Series
    sizes: pd.Series
    quality: float
    modularity: float
    method: str
    objective: str
    resolution: float
    seed: int
    levels: int
    iterations: int

    @property
    def n_communities(self) -> int:
        return int(self.sizes.size)

    def members(self, label: int) -> list[Any]:
        """The actor ids of community ``label``."""
        return list(self.membership.index[self.membership.to_numpy() == label])

    def partition(self) -> list[set[Any]]:
        """The communities as a list of sets of actors (networkx's form)."""
        return [set(self.members(k)) for k in range(self.n_communities)]

    def __repr__(self) -> str:
        head = ", ".join(str(int(s)) for s in self.sizes.iloc[:10])
        more = ", …" if self.sizes.size > 10 else ""
        return (f"Communities({self.method}, {self.objective} γ={self.resolution:g}: "
                f"{self.n_communities} communities, quality {self.quality:.6g}, "
                f"modularity {self.modularity:.6g}, sizes [{head}{more}])")

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{k}</td><td>{int(s)}</td><td>"
                       f"{escape(', '.join(map(str, self.members(k)[:8])))}"
                       f"{' …' if s > 8 else ''}</td></tr>"
                       for k, s in self.sizes.iloc[:20].items())
        return (f"<div><strong>Communities</strong> ({escape(self.method)}, "
                f"{escape(self.objective)}, γ = {self.resolution:g}, seed {self.seed}): "
                f"{self.n_communities} communities, quality {self.quality:.6g}, "
                f"modularity {self.modularity:.6g}"
                f"<table><tr><th>community</th><th>size</th><th>actors</th></tr>{rows}"
                f"</table></div>")


def _by_size(raw: np.ndarray) -> np.ndarray:
    """Relabel 0..k-1 by size (largest first), ties by first position.

    The core numbers communities 0..k-1 by first node, so a stable sort of the
    sizes keeps ties in first-node order (O(n + k log k), no sort of n labels).
    """
    if raw.size == 0:
        return raw.astype(np.int64)
    raw = np.asarray(raw, dtype=np.int64).ravel()
    counts = np.bincount(raw)
    order = np.argsort(-counts, kind="stable")
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    return rank[raw]


def _objective(objective: Any) -> str:
    if objective not in ("modularity", "cpm"):
        raise InvalidParameterError(f"objective must be 'modularity' or 'cpm', got {objective!r}")
    return str(objective)


def _communities(net: Any, g: Any, raw: np.ndarray, *, weighted: bool, method: str,
                 objective: str, resolution: float, seed: int, levels: int, iterations: int,
                 quality: float | None = None) -> Communities:
    codes = _by_size(np.asarray(raw))
    if quality is None:
        quality = float(_core.community_quality(g, codes.astype(np.int32), objective=objective,
                                                resolution=resolution, weighted=weighted))
    if objective == "modularity" and resolution == 1.0:
        q1 = float(quality)  # the same number: no second pass over the graph
    else:
        q1 = float(_core.community_quality(g, codes.astype(np.int32), objective="modularity",
                                           resolution=1.0, weighted=weighted))
    membership = pd.Series(codes, index=net.actor_ids.copy(), name="community", dtype="int64")
    sizes = pd.Series(np.bincount(codes), name="size", dtype="int64")
    sizes.index.name = "community"
    return Communities(membership=membership, sizes=sizes, quality=float(quality), modularity=q1,
                       method=method, objective=objective, resolution=resolution, seed=seed,
                       levels=levels, iterations=iterations)


def _detect(net: Any, method: str, relation: Relation, weight: Any, objective: Any,
            resolution: Any, n_iterations: int, randomness: float, seed: Any, threads: Any,
            progress: Any) -> Communities:
    net = as_network(net)
    weighted = tie_weight(net, weight)
    objective = _objective(objective)
    gamma = _check_resolution(resolution)
    s = check_seed(seed)
    t = check_threads(threads)
    g = layer_of(net, relation)
    with progress_bar(progress, method) as cb:
        r = _core.community_detect(g, method, objective=objective, resolution=gamma,
                                   weighted=weighted, seed=s, n_iterations=n_iterations,
                                   randomness=randomness, threads=t, progress=cb)
    return _communities(net, g, r["membership"], weighted=weighted, method=method,
                        objective=objective, resolution=gamma, seed=s, levels=int(r["levels"]),
                        iterations=int(r["iterations"]), quality=float(r["quality"]))


def louvain(net: Any, *, relation: Relation = None, weight: str | None = None,
            resolution: float = 1.0, objective: str = "modularity", seed: int | None = None,
            threads: int | None = None, progress: bool | None = None) -> Communities:
    """Louvain community detection (Blondel et al. 2008), in the C++ core.

    Local moving — a queue of the actors, in a random order; each moves to the
    neighbouring community with the largest gain of the objective (staying on
    ties), and an actor that moves puts its neighbours outside its new
    community back in the queue (Traag et al. 2019's fast local moving; Ozaki,
    Tezuka & Inaba 2016's pruning), until the queue is empty — then the
    communities become the nodes of an aggregated graph, until a level
    merges nothing. Last, one more local-moving phase moves the actors
    themselves from the final partition (a refinement: NetworKit PLM's
    ``refine=True`` and Rotta & Noack's multi-level refinement do it at every
    level, here at the finest only); it only raises the quality. The module docstring states
    the graph read (a directed layer as undirected), the objectives, the
    parallel scheme and the numbering.

    Parameters
    ----------
    weight : None or "weight"
        Tie weights as strengths (docs/conventions.md).
    resolution : float, default 1.0
        γ ≥ 0 of the objective.
    objective : {"modularity", "cpm"}
        Modularity (default) or the constant Potts model.
    seed : int or None
        The node order's random stream (docs/conventions.md); the same seed
        gives the same partition for any ``threads``.

    Returns
    -------
    Communities
        ``membership`` (Series actor -> community), ``quality``,
        ``modularity``, ``n_communities``, ``sizes``.

    Louvain's communities can be internally disconnected (Traag et al. 2019);
    :func:`leiden` guarantees connected ones.
    """
    return _detect(net, "louvain", relation, weight, objective, resolution, 1, 0.01, seed,
                   threads, progress)


def _check_leiden(n_iterations: Any, randomness: Any) -> tuple[int, float]:
    if isinstance(n_iterations, bool) or not isinstance(n_iterations, (int, np.integer)):
        raise TypeError(f"n_iterations must be an integer, got {type(n_iterations).__name__}")
    if n_iterations == 0 or n_iterations < -1 or n_iterations > 10_000:
        raise InvalidParameterError(
            f"n_iterations must be -1 (until stable) or in [1, 10000], got {n_iterations!r}")
    if isinstance(randomness, bool) or not isinstance(randomness, (int, float, np.floating,
                                                                   np.integer)):
        raise TypeError(f"randomness must be a number, got {type(randomness).__name__}")
    if not (randomness >= 0) or not math.isfinite(randomness):
        raise InvalidParameterError(f"randomness must be a finite number ≥ 0, got {randomness!r}")
    return int(n_iterations), float(randomness)


def leiden(net: Any, *, relation: Relation = None, weight: str | None = None,
           objective: str = "modularity", resolution: float = 1.0, n_iterations: int = 2,
           randomness: float = 0.01, seed: int | None = None, threads: int | None = None,
           progress: bool | None = None) -> Communities:
    """Leiden community detection (Traag, Waltman & van Eck 2019), in the C++ core.

    Each iteration: fast local moving (a queue of actors, random order first;
    an actor that moves puts its neighbours outside its new community back in
    the queue; an empty community is a candidate), then the *refinement*: in
    each community, actors still alone and well connected to it (tie weight to
    the rest ≥ γ w_v (W_S − w_v)) merge into well-connected subcommunities,
    one chosen at random with probability ∝ exp(gain / ``randomness``) among
    non-negative gains (staying alone: gain 0); the refined communities become
    the nodes of the aggregated graph, starting from the unrefined partition.
    Every community of the result is connected (γ-connected: Traag et al.'s
    guarantee). When a refinement merges nothing, the unrefined partition is
    aggregated (igraph's rule).

    Parameters
    ----------
    objective : {"modularity", "cpm"}
        Modularity (default) or the constant Potts model (``resolution`` is
        then γ, the density threshold).
    resolution : float, default 1.0
        γ ≥ 0.
    n_iterations : int, default 2
        Iterations of the whole algorithm, each starting from the previous
        partition (igraph's and leidenalg's default 2); ``-1`` until an
        iteration changes nothing.
    randomness : float, default 0.01
        θ of the refinement, in tie-weight units (igraph's ``beta``); 0 takes
        the largest gain.
    seed : int or None
        The random stream; the same seed gives the same partition for any
        ``threads``.

    Returns
    -------
    Communities
    """
    n_it, theta = _check_leiden(n_iterations, randomness)
    return _detect(net, "leiden", relation, weight, objective, resolution, n_it, theta, seed,
                   threads, progress)


louvain.__doc__ = (louvain.__doc__ or "") + _REFS
leiden.__doc__ = (leiden.__doc__ or "") + _REFS


@dataclass(frozen=True)
class CommunityEnsemble:
    """An ensemble of community detection runs (:func:`community_ensemble`).

    ``coassignment``: actor × actor share of runs that put the two actors in one
    community (diagonal 1); ``consensus``: the consensus partition
    (:class:`Communities`, quality on the network); ``stability``: per actor,
    the mean over runs of the Jaccard index between its community in the run
    and its consensus community (1: every run gives it exactly its consensus
    community); ``runs``: actor × run memberships; ``qualities``: each run's
    quality; ``converged``: whether the consensus rounds reached one partition;
    ``rounds``: consensus rounds run.
    """

    coassignment: pd.DataFrame
    consensus: Communities
    stability: pd.Series
    runs: pd.DataFrame
    qualities: pd.Series
    method: str
    n_runs: int
    threshold: float
    converged: bool
    rounds: int

    def __repr__(self) -> str:
        return (f"CommunityEnsemble({self.method}, {self.n_runs} runs: consensus "
                f"{self.consensus.n_communities} communities, quality "
                f"{self.consensus.quality:.6g} (runs {self.qualities.min():.6g}–"
                f"{self.qualities.max():.6g}), mean stability {self.stability.mean():.3f}, "
                f"{'converged' if self.converged else 'not converged'} in {self.rounds} "
                f"round(s))")

    def _repr_html_(self) -> str:
        low = self.stability.sort_values().iloc[:10]
        rows = "".join(f"<tr><td>{escape(str(a))}</td><td>{int(self.consensus.membership[a])}"
                       f"</td><td>{v:.3f}</td></tr>" for a, v in low.items())
        return (f"<div><strong>Community ensemble</strong> ({escape(self.method)}, "
                f"{self.n_runs} runs, threshold {self.threshold:g}): consensus of "
                f"{self.consensus.n_communities} communities, quality "
                f"{self.consensus.quality:.6g}; runs' quality {self.qualities.min():.6g}–"
                f"{self.qualities.max():.6g}; mean stability {self.stability.mean():.3f}; "
                f"{'converged' if self.converged else 'not converged'} in {self.rounds} "
                f"round(s).<table><tr><th>least stable actor</th><th>community</th>"
                f"<th>stability</th></tr>{rows}</table></div>")


def community_ensemble(net: Any, *, method: str = "leiden", relation: Relation = None,
                       weight: str | None = None, objective: str = "modularity",
                       resolution: float = 1.0, n_runs: int = 50, threshold: float = 0.5,
                       max_rounds: int = 10, n_iterations: int = 2, randomness: float = 0.01,
                       seed: int | None = None, threads: int | None = None,
                       progress: bool | None = None) -> CommunityEnsemble:
    """An ensemble of ``n_runs`` Louvain or Leiden runs and their consensus (共识划分).

    Run ``r`` is seeded by ``(seed, r)`` and the runs go in parallel in the C++
    core (``threads=``): the result does not depend on the thread count.

    * **Co-assignment matrix** ``D``: ``D_ij`` the share of runs that put
      ``i`` and ``j`` in one community.
    * **Consensus partition**: Lancichinetti & Fortunato's consensus
      clustering — entries of ``D`` below ``threshold`` are dropped, the same
      method (same objective and resolution) runs ``n_runs`` times on ``D`` as
      a weighted graph, and the new co-assignment replaces ``D``, until all
      runs agree (``converged``) or after ``max_rounds`` rounds (then the
      partition found most often in the last round, the first on ties). Its
      ``quality`` is on the network.
    * **Stability** of an actor: the mean over the original runs of the
      Jaccard index ``|C_r(i) ∩ C*(i)| / |C_r(i) ∪ C*(i)|`` of its community
      in run ``r`` and in the consensus.

    The co-assignment matrix is dense (n² numbers; refused above the memory
    guard). Other parameters as :func:`leiden`.

    References
    ----------
    Lancichinetti, A. & Fortunato, S. (2012). Consensus clustering in complex
    networks. Scientific Reports 2, 336. doi:10.1038/srep00336.
    """
    if method not in ("louvain", "leiden"):
        raise InvalidParameterError(f"method must be 'louvain' or 'leiden', got {method!r}")
    net = as_network(net)
    weighted = tie_weight(net, weight)
    objective = _objective(objective)
    gamma = _check_resolution(resolution)
    n_it, theta = _check_leiden(n_iterations, randomness)
    runs_n = _check_int(n_runs, "n_runs", 1, 100_000)
    rounds_max = _check_int(max_rounds, "max_rounds", 0, 1000)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.floating,
                                                                 np.integer)):
        raise TypeError(f"threshold must be a number, got {type(threshold).__name__}")
    if not 0 <= threshold <= 1:
        raise InvalidParameterError(f"threshold must be in [0, 1], got {threshold!r}")
    s = check_seed(seed)
    t = check_threads(threads)
    g = layer_of(net, relation)
    n = len(net)
    d = dense_zeros(n, n, "the co-assignment matrix")
    with progress_bar(progress, f"{method} ensemble", runs_n) as cb:
        r = _core.community_ensemble(g, method, objective=objective, resolution=gamma,
                                     weighted=weighted, seed=s,
                                     n_iterations=n_it if method == "leiden" else 1,
                                     randomness=theta, n_runs=runs_n, threshold=float(threshold),
                                     max_rounds=rounds_max, threads=t, progress=cb)
    runs = np.asarray(r["runs"], dtype=np.int64).reshape(runs_n, n)
    for row in runs:
        d += row[:, None] == row[None, :]
    d /= runs_n
    ids = net.actor_ids
    consensus = _communities(net, g, np.asarray(r["consensus"]), weighted=weighted,
                             method=f"{method} consensus", objective=objective, resolution=gamma,
                             seed=s, levels=0, iterations=int(r["rounds"]))
    cons = consensus.membership.to_numpy()
    size_c = np.bincount(cons, minlength=1)
    stab = np.zeros(n)
    for row in runs:
        key = row * (cons.max(initial=0) + 1) + cons
        _, inv, cnt = np.unique(key, return_inverse=True, return_counts=True)
        inter = cnt[inv.ravel()]
        size_r = np.bincount(row)[row]
        stab += inter / (size_r + size_c[cons] - inter)
    stab /= runs_n
    return CommunityEnsemble(
        coassignment=pd.DataFrame(d, index=ids.copy(), columns=ids.copy()),
        consensus=consensus,
        stability=pd.Series(stab, index=ids.copy(), name="stability"),
        runs=pd.DataFrame(runs.T, index=ids.copy(),
                          columns=pd.RangeIndex(runs_n, name="run")),
        qualities=pd.Series(np.asarray(r["qualities"], dtype=float), name="quality",
                            index=pd.RangeIndex(runs_n, name="run")),
        method=method, n_runs=runs_n, threshold=float(threshold), converged=bool(r["converged"]),
        rounds=int(r["rounds"]))
