"""
govnet compiled core (C++17). Use the functions in the govnet package instead.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['CsrGraph', 'ErgmModel', 'ErgmTermSpec', 'InfluenceMatrix', 'TwoMode', 'aggregate', 'betweenness', 'betweenness_approx', 'brokerage', 'chain_structure', 'closeness', 'community_detect', 'community_ensemble', 'community_quality', 'connected_components', 'core_number', 'core_periphery_continuous', 'core_periphery_discrete', 'core_profile_batch', 'core_profile_numbers', 'curveball_samples', 'curveball_trades', 'degroot', 'distance_from_set', 'distance_sums', 'duty_null_model', 'ei_test', 'eigenvector', 'eigenvector_krylov', 'friedkin_johnsen', 'graph_correlation', 'harmonic', 'has_krylov', 'has_openmp', 'hits', 'hypergeom_sf', 'influence_matrix', 'influence_matvec', 'katz', 'left_perron', 'log_message', 'make_influence_matrix', 'mrqap', 'node_permutation_test', 'null_graph', 'pagerank', 'pair_dependency', 'permutation_p_values', 'qap_test', 'qap_test_sparse', 'removal_effect', 'shared_pairs', 'single_removal_effects', 'structural_holes', 'triad_census', 'triangle_weights']
class CsrGraph:
    """
    Immutable compressed-sparse-row graph (one relation layer).
    """
    @staticmethod
    def build(n: typing.SupportsInt | typing.SupportsIndex, sources: numpy.ndarray, targets: numpy.ndarray, weights: typing.Any = None, directed: bool = False, duplicates: str = 'sum', self_loops: str = 'drop') -> CsrGraph:
        """
        Build from integer-coded ties (validated; GIL released).
        """
    def __getstate__(self) -> tuple[int, bool, ..., ..., ...]:
        ...
    def __init__(self) -> None:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def edges(self) -> tuple:
        """
        (sources, targets, weights), each tie once, sorted.
        """
    def in_degrees(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    def out_degrees(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    def out_offsets(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    def out_targets(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    def out_weights(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    def to_undirected(self, take_max: bool = False) -> CsrGraph:
        ...
    def weight(self, u: typing.SupportsInt | typing.SupportsIndex, v: typing.SupportsInt | typing.SupportsIndex) -> float:
        ...
    @property
    def directed(self) -> bool:
        ...
    @property
    def memory_bytes(self) -> int:
        ...
    @property
    def num_edges(self) -> int:
        ...
    @property
    def num_nodes(self) -> int:
        ...
    @property
    def weighted(self) -> bool:
        ...
class TwoMode:
    """
    Actor x duty incidence, CSR both ways.
    """
    def __init__(self, rows: typing.SupportsInt | typing.SupportsIndex, cols: typing.SupportsInt | typing.SupportsIndex, row_ids: numpy.ndarray, col_ids: numpy.ndarray, roles: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8]) -> None:
        ...
    def col_offsets(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    def col_rows(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    def row_cols(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    def row_offsets(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def num_cols(self) -> int:
        ...
    @property
    def num_incidences(self) -> int:
        ...
    @property
    def num_rows(self) -> int:
        ...
class InfluenceMatrix:
    """
    Row-stochastic CSR influence matrix.
    """
    def cols(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    def offsets(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    def vals(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def nnz(self) -> int:
        ...
class ErgmTermSpec:
    """
    One ERGM term as the core takes it (internal).
    """
    def __init__(self) -> None:
        ...
    @property
    def cat(self) -> list[int]:
        ...
    @cat.setter
    def cat(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
    @property
    def decay(self) -> float:
        ...
    @decay.setter
    def decay(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def k(self) -> int:
        ...
    @k.setter
    def k(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def kind(self) -> int:
        ...
    @kind.setter
    def kind(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def map(self) -> list[int]:
        ...
    @map.setter
    def map(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
    @property
    def mat(self) -> list[float]:
        ...
    @mat.setter
    def mat(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    @property
    def nlevels(self) -> int:
        ...
    @nlevels.setter
    def nlevels(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def nstats(self) -> int:
        ...
    @nstats.setter
    def nstats(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def power(self) -> float:
        ...
    @power.setter
    def power(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def x(self) -> list[float]:
        ...
    @x.setter
    def x(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
class ErgmModel:
    """
    An ERGM's terms on n nodes (internal).
    """
    def __init__(self, n: typing.SupportsInt | typing.SupportsIndex, directed: bool, n1: typing.SupportsInt | typing.SupportsIndex, terms: collections.abc.Sequence[ErgmTermSpec]) -> None:
        ...
    def mple_data(self, src: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], dst: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], missing_src: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], missing_dst: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> tuple:
        """
        (add_deltas, y, i, j) for every dyad not missing.
        """
    def sample(self, src: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], dst: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], theta: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], burnin: typing.SupportsInt | typing.SupportsIndex, interval: typing.SupportsInt | typing.SupportsIndex, samplesize: typing.SupportsInt | typing.SupportsIndex, chains: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex, keep_networks: bool, free_src: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], free_dst: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None, start_nets: typing.Any = None, start_offset: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] = ...) -> tuple[numpy.typing.NDArray[numpy.float64], list, float, numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64], list]:
        """
        (stats, networks, acceptance, final, edges, final_nets): TNT Metropolis-Hastings samples; stats are g(y_k) - g(src/dst), one row per sampled network; start_nets (one (src, dst) per chain) with start_offset (chains x nstats, g(start) - g(src/dst)) continue chains.
        """
    def statistics(self, src: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], dst: typing.Annotated[numpy.typing.ArrayLike, numpy.int32]) -> numpy.typing.NDArray[numpy.float64]:
        """
        Statistics of the network with these ties.
        """
    def toggle_changes(self, src: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], dst: typing.Annotated[numpy.typing.ArrayLike, numpy.int32]) -> tuple:
        """
        (changes, present, i, j): the signed change of toggling every dyad.
        """
    @property
    def ndyads(self) -> int:
        ...
    @property
    def nstats(self) -> int:
        ...
def _parallel_fault_for_tests(kind: str, n_tasks: typing.SupportsInt | typing.SupportsIndex, fail_at: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 2) -> int:
    """
    Test hook: a guarded parallel loop whose task fail_at throws.
    """
def aggregate(layers: collections.abc.Sequence[CsrGraph], mode: str = 'sum') -> CsrGraph:
    """
    Combine layers over the same nodes.
    """
def betweenness(graph: CsrGraph, normalized: bool = True, endpoints: bool = False, weighted: bool = False, k: typing.SupportsInt | typing.SupportsIndex = 0, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None, scaled_counts: bool = False, no_folding: bool = False) -> numpy.typing.NDArray[numpy.float64]:
    """
    Brandes betweenness (networkx conventions). scaled_counts: always use the overflow-free path counts (the default switches to them only past 2^512).
    """
def betweenness_approx(graph: CsrGraph, epsilon: typing.SupportsFloat | typing.SupportsIndex = 0.01, delta: typing.SupportsFloat | typing.SupportsIndex = 0.1, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> tuple[numpy.typing.NDArray[numpy.float64], int, int]:
    """
    Riondato–Kornaropoulos sampled betweenness: (values over n(n-1), samples, VD bound).
    """
def brokerage(graph: CsrGraph, groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> numpy.ndarray:
    """
    Gould–Fernandez raw brokerage counts, n x 5 (sna's column order).
    """
def chain_structure(w: InfluenceMatrix) -> dict:
    """
    SCCs, closed classes and periods of the chain W.
    """
def closeness(graph: CsrGraph, weighted: bool = False, incoming: bool = True, wf_improved: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> numpy.typing.NDArray[numpy.float64]:
    """
    Closeness centrality (networkx conventions).
    """
def community_detect(graph: CsrGraph, method: str, objective: str = 'modularity', resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, weighted: bool = False, seed: typing.SupportsInt | typing.SupportsIndex = 0, n_iterations: typing.SupportsInt | typing.SupportsIndex = 2, randomness: typing.SupportsFloat | typing.SupportsIndex = 0.01, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    Louvain or Leiden: dict of membership, quality, n_communities, levels, iterations.
    """
def community_ensemble(graph: CsrGraph, method: str, objective: str = 'modularity', resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, weighted: bool = False, seed: typing.SupportsInt | typing.SupportsIndex = 0, n_iterations: typing.SupportsInt | typing.SupportsIndex = 2, randomness: typing.SupportsFloat | typing.SupportsIndex = 0.01, n_runs: typing.SupportsInt | typing.SupportsIndex = 50, threshold: typing.SupportsFloat | typing.SupportsIndex = 0.5, max_rounds: typing.SupportsInt | typing.SupportsIndex = 10, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    n_runs seeded runs (run r seeded by (seed, r)) and Lancichinetti-Fortunato consensus.
    """
def community_quality(graph: CsrGraph, membership: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], objective: str = 'modularity', resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, weighted: bool = False) -> float:
    """
    Modularity or CPM quality of a membership, the graph read as the methods read it.
    """
def connected_components(graph: CsrGraph, strong: bool = False, progress: typing.Any = None) -> numpy.typing.NDArray[numpy.int32]:
    """
    Component labels (weak: union-find; strong: Tarjan), 0 = largest, ties by first node.
    """
def core_number(graph: CsrGraph, mode: str = 'all', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> numpy.typing.NDArray[numpy.int32]:
    """
    k-core numbers (Batagelj–Zaversnik).
    """
def core_periphery_continuous(graph: CsrGraph, weighted: bool = False, max_iter: typing.SupportsInt | typing.SupportsIndex = 1000, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-10, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> tuple[numpy.typing.NDArray[numpy.float64], float, int]:
    """
    Borgatti–Everett continuous model: (coreness, fit, iterations).
    """
def core_periphery_discrete(graph: CsrGraph, between: str = 'ones', weighted: bool = False, restarts: typing.SupportsInt | typing.SupportsIndex = 20, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None, plain_enumeration: bool = False) -> tuple[numpy.typing.NDArray[numpy.uint8], float, int]:
    """
    Borgatti–Everett discrete model: (core mask, fit, restart).
    """
def core_profile_batch(graphs: list, masks: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8], offsets: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], seeds: typing.Annotated[numpy.typing.ArrayLike, numpy.uint64], restarts: typing.SupportsInt | typing.SupportsIndex = 10, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    core_profile's scalar fields for many graphs (dict of arrays, input order).
    """
def core_profile_numbers(graph: CsrGraph, mask: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8], seed: typing.SupportsInt | typing.SupportsIndex = 0, restarts: typing.SupportsInt | typing.SupportsIndex = 10, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    core_profile's figures besides the centralities, in one call (dict).
    """
def curveball_samples(incidence: TwoMode, n_samples: typing.SupportsInt | typing.SupportsIndex, trades: typing.SupportsInt | typing.SupportsIndex = 0, seed: typing.SupportsInt | typing.SupportsIndex = 0, first: typing.SupportsInt | typing.SupportsIndex = 0) -> list:
    """
    Null samples first..first+n-1 as (rows, cols) incidence arrays.
    """
def curveball_trades(incidence: TwoMode, trades: typing.SupportsInt | typing.SupportsIndex = 0) -> int:
    """
    Trades per chain the options give.
    """
def degroot(w: InfluenceMatrix, x0: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], max_iter: typing.SupportsInt | typing.SupportsIndex = 10000, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-09, stop_on_change: bool = False, record: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    DeGroot iteration x(t+1) = W x(t).
    """
def distance_from_set(graph: CsrGraph, in_set: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8]) -> numpy.typing.NDArray[numpy.int32]:
    """
    Steps from the set ignoring direction (-1 unreachable).
    """
def distance_sums(graph: CsrGraph, weighted: bool = False, incoming: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> tuple[numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64]]:
    """
    Per node (reached, sum of d, sum of 1/d) over shortest paths.
    """
def duty_null_model(incidence: TwoMode, n_samples: typing.SupportsInt | typing.SupportsIndex = 1000, trades: typing.SupportsInt | typing.SupportsIndex = 0, seed: typing.SupportsInt | typing.SupportsIndex = 0, pair_stats: bool = True, p_convention: str = 'plus_one', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    Curveball null model: observed and per-sample statistics (pairs_sharing, overlap_sd, max_shared, ambiguity), per-pair sums.
    """
def ei_test(graph: CsrGraph, groups: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], n_groups: typing.SupportsInt | typing.SupportsIndex, n_permutations: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, p_convention: str = 'plus_one', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    E-I index (global, per group) with a label-permutation test.
    """
def eigenvector(graph: CsrGraph, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06, weighted: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Eigenvector centrality (networkx's power iteration on (A+I)^T).
    """
def eigenvector_krylov(graph: CsrGraph, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-10, weighted: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Eigenvector centrality of an undirected graph by Lanczos (Spectra).
    """
def friedkin_johnsen(w: InfluenceMatrix, x0: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], susceptibility: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], max_iter: typing.SupportsInt | typing.SupportsIndex = 10000, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-09, record: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    Friedkin–Johnsen iteration.
    """
def graph_correlation(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], ordered: bool = True) -> float:
    """
    Graph correlation over off-diagonal cells (sna::gcor).
    """
def harmonic(graph: CsrGraph, weighted: bool = False, incoming: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> numpy.typing.NDArray[numpy.float64]:
    """
    Harmonic centrality, unnormalised (networkx conventions).
    """
def hits(graph: CsrGraph, max_iter: typing.SupportsInt | typing.SupportsIndex = 1000, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-08, weighted: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> tuple[numpy.typing.NDArray[numpy.float64], numpy.typing.NDArray[numpy.float64]]:
    """
    HITS (hubs, authorities).
    """
def hypergeom_sf(k: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], K: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], n: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], N: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    P(X >= k), X ~ Hypergeometric(N, K, n), elementwise.
    """
def influence_matrix(graph: CsrGraph, self_weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], reverse: bool = False) -> InfluenceMatrix:
    """
    Row-normalised influence matrix of a layer.
    """
def influence_matvec(w: InfluenceMatrix, x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    y = W x.
    """
def katz(graph: CsrGraph, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.1, beta: typing.Any = None, normalized: bool = True, max_iter: typing.SupportsInt | typing.SupportsIndex = 1000, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06, weighted: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Katz centrality (networkx).
    """
def left_perron(w: InfluenceMatrix, max_iter: typing.SupportsInt | typing.SupportsIndex = 10000, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-12, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> tuple[numpy.typing.NDArray[numpy.float64], int, bool, float]:
    """
    Left Perron vector of W by power iteration.
    """
def log_message(arg0: typing.SupportsInt | typing.SupportsIndex, arg1: str) -> None:
    """
    Emit a record through the C++ logger (for tests of the bridge).
    """
def make_influence_matrix(n: typing.SupportsInt | typing.SupportsIndex, offsets: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], cols: typing.Annotated[numpy.typing.ArrayLike, numpy.int32], vals: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], tol: typing.SupportsFloat | typing.SupportsIndex = 1e-09) -> InfluenceMatrix:
    """
    Validated influence matrix from CSR arrays.
    """
def mrqap(y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], xs: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], ordered: bool = True, method: str = 'dsp', logistic: bool = False, intercept: bool = True, beta_statistic: bool = False, n_permutations: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, p_convention: str = 'plus_one', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    Regression QAP (sna::netlm / netlogit).
    """
def node_permutation_test(graph: CsrGraph, targets: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], statistic: str = 'degree', model: str = 'label', n_permutations: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, swaps_per_edge: typing.SupportsFloat | typing.SupportsIndex = 10.0, p_convention: str = 'plus_one', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    Permutation test of the targets' mean centrality.
    """
def null_graph(graph: CsrGraph, model: str, seed: typing.SupportsInt | typing.SupportsIndex, index: typing.SupportsInt | typing.SupportsIndex, swaps_per_edge: typing.SupportsFloat | typing.SupportsIndex = 10.0) -> CsrGraph:
    """
    One null-model graph from Rng(seed, index).
    """
def pagerank(graph: CsrGraph, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.85, personalization: typing.Any = None, dangling: typing.Any = None, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06, weighted: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    PageRank (networkx conventions, L1 tolerance not scaled by n).
    """
def pair_dependency(graph: CsrGraph, in_set: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> tuple[float, int]:
    """
    (mean share of shortest paths between outside pairs through the set, pairs).
    """
def permutation_p_values(null: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], observed: typing.SupportsFloat | typing.SupportsIndex, p_convention: str = 'plus_one') -> dict:
    """
    p-values of an observed statistic against a null sample (docs/p-values.md).
    """
def qap_test(x: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], ordered: bool = True, n_permutations: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, p_convention: str = 'plus_one', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    QAP test of graph correlation.
    """
def qap_test_sparse(x_rows: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], x_cols: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], x_vals: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], y_rows: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], y_cols: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], y_vals: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], n: typing.SupportsInt | typing.SupportsIndex, ordered: bool = True, n_permutations: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, p_convention: str = 'plus_one', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    QAP test of graph correlation on sparse relations (non-zero cells; no n x n matrix).
    """
def removal_effect(graph: CsrGraph, removed: typing.Annotated[numpy.typing.ArrayLike, numpy.uint8]) -> tuple[float, int, float]:
    """
    (global efficiency, weak components, largest share) without the masked nodes.
    """
def shared_pairs(incidence: TwoMode, min_shared: typing.SupportsInt | typing.SupportsIndex = 1, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> tuple[numpy.typing.NDArray[numpy.int32], numpy.typing.NDArray[numpy.int32], numpy.typing.NDArray[numpy.int32], numpy.typing.NDArray[numpy.int32]]:
    """
    Row pairs sharing columns: (a, b, shared, both_lead), sorted by (a, b).
    """
def single_removal_effects(graph: CsrGraph, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    removal_effect for each single node removed (dict of arrays).
    """
def structural_holes(graph: CsrGraph, weighted: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> dict:
    """
    Burt's constraint, effective size, efficiency and hierarchy (dict of arrays).
    """
def triad_census(graph: CsrGraph, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> numpy.typing.NDArray[numpy.int64]:
    """
    The 16 MAN triad counts (Batagelj-Mrvar), in networkx's order.
    """
def triangle_weights(graph: CsrGraph, weighted: bool = False, ignore_direction: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None) -> numpy.typing.NDArray[numpy.float64]:
    """
    Per-node triangle weights: 2 x triangles undirected, [(A + A^T)^3]_vv directed.
    """
has_krylov: bool = True
has_openmp: bool = True
