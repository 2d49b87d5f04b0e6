#pragma once
// Community detection (Louvain, Leiden, an ensemble with a consensus partition)
// and connected components. Conventions: python/govnet/positions/community.py
// and python/govnet/positions/components.py.

#include <govnet/csr_graph.hpp>

#include <cstdint>
#include <vector>

namespace govnet {

enum class CommunityObjective : std::uint8_t {
    /// Q = (1/2m) sum_ij (A_ij - gamma k_i k_j / 2m) delta(c_i, c_j) (Newman 2006).
    Modularity,
    /// H = sum_c [e_c - gamma n_c (n_c - 1) / 2] (Reichardt & Bornholdt; Traag et al. 2011),
    /// e_c the tie weight inside c, n_c its number of nodes (leidenalg's CPM quality).
    CPM,
};

struct CommunityOptions {
    CommunityObjective objective = CommunityObjective::Modularity;
    double resolution = 1.0;  ///< gamma >= 0
    bool weighted = false;    ///< false: every tie counts 1
    std::uint64_t seed = 0;
    /// Leiden: iterations of the whole algorithm; negative: until an iteration changes nothing.
    int n_iterations = 2;
    /// Leiden: theta of the randomised refinement, in tie-weight units (igraph's beta).
    double randomness = 0.01;
};

struct CommunityResult {
    /// Community of each node, numbered 0, 1, ... by first node.
    std::vector<NodeId> membership;
    double quality = 0;  ///< modularity Q or CPM H of `membership` on the input graph
    NodeId n_communities = 0;
    int levels = 0;      ///< aggregation levels (summed over Leiden's iterations)
    int iterations = 0;  ///< Leiden iterations run (1 for Louvain)
};

/// The graph as the community methods read it: a directed graph is read as
/// undirected (A_ij = w_ij + w_ji weighted; 1 for a tie in either direction
/// unweighted); self-loops are ignored.
///
/// Local moving (both methods) is a queue of nodes in a random order; a node
/// that moves requeues its neighbours outside its new community. From 65,536
/// nodes a batch of queued nodes (about n^2 / (64 arcs), fixed by the graph)
/// decides in parallel against the state before it and applies in queue order,
/// a node with a neighbour moved in the batch deciding again: the result never
/// depends on the thread count.
///
/// Louvain (Blondel et al. 2008): local moving from singletons, then
/// aggregation, until a level merges nothing; last, one local moving phase of
/// the nodes from the final partition (refinement).
CommunityResult louvain(const CsrGraph& g, const CommunityOptions& opt = {},
                        const RunControl& ctl = {});

/// Leiden (Traag, Waltman & van Eck 2019): fast local moving (the queue), the
/// randomised refinement within each community (well-connected nodes merge into
/// well-connected subcommunities, probability ~ exp(gain / randomness) among
/// non-negative gains; each community its own stream, refined in parallel),
/// aggregation on the refined partition with the unrefined one as the start.
/// Every community of the result is connected.
CommunityResult leiden(const CsrGraph& g, const CommunityOptions& opt = {},
                       const RunControl& ctl = {});

/// Quality (modularity or CPM, as CommunityObjective) of any membership (values
/// 0..k-1) on the graph read as the methods read it.
double community_quality(const CsrGraph& g, const std::vector<NodeId>& membership,
                         const CommunityOptions& opt);

struct EnsembleResult {
    NodeId n = 0;
    int n_runs = 0;
    /// Run r's membership at [r * n, (r + 1) * n).
    std::vector<NodeId> runs;
    std::vector<double> qualities;
    /// Consensus membership (Lancichinetti & Fortunato 2012) and its rounds.
    std::vector<NodeId> consensus;
    int consensus_rounds = 0;
    bool consensus_converged = false;
};

/// n_runs runs of Louvain or Leiden, run r seeded by (seed, r) (parallel over
/// runs; the result does not depend on the thread count), then consensus
/// clustering: the co-assignment matrix D (share of runs with i, j together),
/// entries below `threshold` dropped, the same method run n_runs times on D as
/// a weighted graph, until every run gives the same partition (or max_rounds).
/// Dense in n (n^2 doubles).
EnsembleResult community_ensemble(const CsrGraph& g, const CommunityOptions& opt, bool use_leiden,
                                  int n_runs, double threshold, int max_rounds,
                                  const RunControl& ctl = {});

/// Connected components: weak (direction ignored; union–find) or strong
/// (directed paths both ways; iterative Tarjan). Labels numbered by component
/// size, largest first, ties by their first node. O(n + m).
std::vector<NodeId> connected_components(const CsrGraph& g, bool strong,
                                         const RunControl& ctl = {});

}  // namespace govnet
