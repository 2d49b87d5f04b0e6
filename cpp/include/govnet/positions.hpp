#pragma once
// Cohesion kernels: triangle weights (clustering, transitivity) and the triad census.
// Conventions follow networkx; see python/govnet/positions/cohesion.py.

#include <govnet/csr_graph.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace govnet {

struct TriangleOptions {
    /// Scale each tie to (w / max w)^(1/3) (Onnela et al.; networkx's weighted clustering).
    bool weighted = false;
    /// Read a directed graph as a simple undirected one (a tie if either arc is
    /// present, value 1 or its scaled weight sum). Ignored on undirected graphs.
    bool ignore_direction = false;
};

/// Per node v: t_v = sum over ordered pairs (j, k) of neighbours of v with j ~ k of
/// s_vj s_jk s_kv, where s is the tie value (1, or the scaled weight) on an
/// undirected graph and s = a + aᵀ (Fagiolo 2007) on a directed one. So t_v is
/// twice the (weighted) triangles at v undirected and [(A + Aᵀ)³]_vv directed.
/// Self-loops are ignored. O(sum_v sum_{j ~ v} deg j); each t_v is summed in a
/// fixed order, so the result does not depend on the thread count.
std::vector<double> triangle_weights(const CsrGraph& g, const TriangleOptions& opt = {},
                                     const RunControl& ctl = {});

/// The 16 MAN triad counts in the order 003, 012, 102, 021D, 021U, 021C, 111D,
/// 111U, 030T, 030C, 201, 120D, 120U, 120C, 210, 300 (Holland & Leinhardt 1970)
/// by Batagelj & Mrvar's (2001) algorithm; an undirected tie is mutual.
/// Integer counts: identical for any thread count. n must be below 3.8e6 (C(n,3) in int64).
std::array<std::int64_t, 16> triad_census(const CsrGraph& g, const RunControl& ctl = {});

}  // namespace govnet
