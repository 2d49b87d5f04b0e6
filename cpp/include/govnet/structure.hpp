#pragma once
// Structural position: k-cores, core–periphery models, Gould–Fernandez
// brokerage, Burt's structural holes, and node-removal vulnerability.
// Conventions follow networkx unless an option says otherwise.

#include <govnet/csr_graph.hpp>

#include <cstdint>
#include <vector>

namespace govnet {

// ---------------------------------------------------------------- k-cores

/// Which degree defines the k-core of a directed graph.
/// All: in + out (networkx; a mutual pair counts twice); In / Out: igraph's modes.
enum class CoreMode : std::uint8_t { All, In, Out };

/// Core number of every node (Batagelj & Zaversnik 2003 bucket algorithm, O(n + m)).
/// Weights are ignored; self-loops are ignored (networkx refuses them).
std::vector<std::int32_t> core_number(const CsrGraph& g, CoreMode mode = CoreMode::All,
                                      const RunControl& ctl = {});

// ------------------------------------------------------ Burt's structural holes

struct StructuralHoleOptions {
    bool weighted = false;  ///< use weights as tie strengths (else every arc counts 1)
};

/// Per-node constraint, effective size, efficiency and hierarchy (NaN for isolates).
struct StructuralHoles {
    std::vector<double> constraint;
    std::vector<double> effective_size;
    std::vector<double> efficiency;
    std::vector<double> hierarchy;
};

/// Burt (1992) measures with networkx's definitions (mutual weight a_ij + a_ji,
/// neighbours = in- and out-neighbours). Unlike networkx, a node with only
/// in-ties gets values. O(sum_v deg(v)^2); deterministic for any thread count.
StructuralHoles structural_holes(const CsrGraph& g, const StructuralHoleOptions& opt = {},
                                 const RunControl& ctl = {});

// ------------------------------------------------------------- brokerage

/// Gould & Fernandez (1989) brokerage role counts of each node as broker j in
/// open two-paths i -> j -> k (i, j, k distinct, no arc i -> k), as R sna's
/// brokerage()$raw.nli. Row-major n x 5: coordinator, itinerant,
/// representative, gatekeeper, liaison. Undirected ties count both ways.
std::vector<double> brokerage(const CsrGraph& g, Span<const std::int32_t> groups,
                              const RunControl& ctl = {});

// -------------------------------------------------------- core–periphery

enum class CorePeripheryBetween : std::uint8_t { Ones, Missing };

/// Networks with at most this many nodes are solved exactly (all 2^n partitions).
constexpr NodeId kCorePeripheryExactNodes = 22;
/// Up to this many nodes each restart ends with a pair-move polish.
constexpr NodeId kCorePeripheryPolishNodes = 2000;

struct CorePeripheryOptions {
    CorePeripheryBetween between = CorePeripheryBetween::Ones;
    bool weighted = false;
    int restarts = 20;
    std::uint64_t seed = 0;
    /// Exact search on 0/1 ties: the O(deg) enumeration instead of the bit-mask one
    /// (for tests: both give the same partition and fit).
    bool plain_enumeration = false;
};

struct CorePeripheryDiscrete {
    std::vector<std::uint8_t> core;  ///< 1 = core
    double fit = 0;                  ///< Pearson correlation with the ideal pattern
    int best_restart = 0;
};

/// Borgatti & Everett (2000) discrete model: the partition maximising the
/// correlation over ordered pairs i != j.
/// n <= kCorePeripheryExactNodes: exact, by enumerating every partition in Gray-code
/// order (restarts and seed unused, best_restart = -1), O(2^n * mean degree).
/// Larger: a heuristic. Restart 0 starts from the best degree prefix, the others
/// from random partitions; each is improved by single-node moves until no move
/// improves the fit, then (n <= kCorePeripheryPolishNodes) by moves of two nodes at
/// once. O(restarts * sweeps * (n + m)), plus O(n^2) per polish sweep.
CorePeripheryDiscrete core_periphery_discrete(const CsrGraph& g,
                                              const CorePeripheryOptions& opt = {},
                                              const RunControl& ctl = {});

struct CorePeripheryContinuous {
    std::vector<double> coreness;  ///< unit L2 norm, non-negative
    double fit = 0;
    int iterations = 0;
};

/// Borgatti & Everett (2000) continuous model by minimum residuals: c minimises
/// sum_{i != j} (a_ij - c_i c_j)^2 (L-BFGS); fit = correlation of a_ij with
/// c_i c_j over ordered pairs i != j, computed without cancellation.
/// Coreness returned non-negative with unit norm. O(iterations * (n + m)).
CorePeripheryContinuous core_periphery_continuous(const CsrGraph& g, bool weighted = false,
                                                  int max_iter = 1000, double tol = 1e-10,
                                                  const RunControl& ctl = {});

// ------------------------------------------------------------ vulnerability

/// Effect of removing a node set: global efficiency (mean of 1/d over ordered
/// pairs of the remaining nodes, unweighted, directed if g is), number of weakly
/// connected components and the largest component's share of the remaining nodes.
struct RemovalEffect {
    double efficiency = 0;
    std::int64_t components = 0;
    double largest_share = 0;
};

/// Global figures for g with the nodes flagged in `removed` taken out.
RemovalEffect removal_effect(const CsrGraph& g, Span<const std::uint8_t> removed,
                             const RunControl& ctl = {});

/// Up to this many nodes single_removal_effects takes one pass of dominators and
/// articulation points (n^2 distances held: 4 MiB) instead of a sweep of each g - v.
constexpr NodeId kSingleRemovalDominatorNodes = 1024;

/// removal_effect for the graph without each single node: from 3 to
/// kSingleRemovalDominatorNodes nodes, n BFS for the dominators plus one BFS per
/// (source, node) pair whose distances the removal changes; above, n sweeps of g - v.
/// Parallel over nodes; deterministic; the same figures either way.
std::vector<RemovalEffect> single_removal_effects(const CsrGraph& g, const RunControl& ctl = {});

/// Pair dependency on a node set: over ordered pairs (s, t) of nodes outside
/// the set with t reachable from s, the mean share of shortest s-t paths
/// (unweighted, along arcs) that pass through at least one node of the set.
struct PairDependency {
    double mean_share = 0;  ///< NaN when no pair is connected
    std::int64_t pairs = 0;
};
PairDependency pair_dependency(const CsrGraph& g, Span<const std::uint8_t> in_set,
                               const RunControl& ctl = {});

/// Steps from the nearest node of the set, ignoring direction (-1: unreachable).
std::vector<std::int32_t> distance_from_set(const CsrGraph& g, Span<const std::uint8_t> in_set);

}  // namespace govnet
