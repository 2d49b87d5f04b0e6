#pragma once
// Node centralities. Conventions follow networkx unless an option says otherwise.

#include <govnet/csr_graph.hpp>

#include <vector>

namespace govnet {

struct BetweennessOptions {
    bool normalized = true;  ///< networkx: x 2/((n-1)(n-2)) undirected, 1/((n-1)(n-2)) directed
    bool endpoints = false;
    bool weighted = false;   ///< weights read as distances (Dijkstra)
    std::int64_t k = 0;      ///< > 0: use k sampled sources (scaled by n/k)
    std::uint64_t seed = 0;
};

/// Brandes (2001) betweenness. O(nm) unweighted, O(nm + n^2 log n) weighted.
/// Deterministic for any thread count: sources are split into fixed blocks
/// reduced in block order. Path counts are doubles (no overflow on grids).
std::vector<double> betweenness(const CsrGraph& g, const BetweennessOptions& opt = {},
                                const RunControl& ctl = {});

}  // namespace govnet
