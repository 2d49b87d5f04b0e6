#pragma once
// Shortest-path distance sums from every node: the one all-pairs kernel behind
// closeness, harmonic centrality, average shortest path length and global efficiency.

#include <govnet/csr_graph.hpp>

#include <vector>

namespace govnet {

struct DistanceOptions {
    bool weighted = false;  ///< weights read as distances (Dijkstra); else every tie has length 1
    /// true: distances d(u, v) *to* each node v (networkx's closeness and harmonic on a
    /// digraph); false: distances *from* v (igraph mode="out", sna). Same on undirected graphs.
    bool incoming = true;
};

/// Per node v, over the other nodes u it is connected to (in the chosen direction):
/// how many (reached), the sum of d (dist_sum) and the sum of 1/d (inv_dist_sum).
/// Zero-length paths (weight-0 ties) give 1/d = inf, as networkx.
struct DistanceSums {
    std::vector<double> reached;
    std::vector<double> dist_sum;
    std::vector<double> inv_dist_sum;
};

/// One BFS (or Dijkstra) per node; O(nm) unweighted, O(nm + n^2 log n) weighted.
/// Each node's sums are accumulated in its own traversal order, so the result is
/// bit-identical for any thread count.
DistanceSums distance_sums(const CsrGraph& g, const DistanceOptions& opt = {},
                           const RunControl& ctl = {});

}  // namespace govnet
