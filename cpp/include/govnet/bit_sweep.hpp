#pragma once
// All-pairs unweighted distances of a small graph by one multi-source BFS on bit
// sets (Then et al. 2014, "The more the merrier: efficient multi-source graph
// traversal", PVLDB 8(4)): one bit per source, so a level costs (n + m) n / 64 word
// operations for all n sources at once instead of n + m per source. The kernel
// behind distance_sums (closeness, harmonic) and the removal effects of small graphs.

#include <govnet/csr_graph.hpp>

#include <cstdint>
#include <vector>

namespace govnet {

/// Up to this many nodes the bit sweep is used (3 n^2 / 8 bytes of scratch: 6 MiB).
constexpr NodeId kBitSweepNodes = 4096;
/// Past this many levels a plain BFS per source is cheaper (it costs n (n + m) in
/// all, 64 levels of the bit sweep as much): the sweep gives up, at most doubling
/// the cost on long chains.
constexpr int kBitSweepLevels = 64;

/// The arcs a sweep follows into each node v, as the graph's own raw CSR arrays:
/// v's in-arcs (the bits reaching v are the sources u with d(u, v) = level:
/// incoming distances) or its out-arcs (the targets u with d(v, u) = level:
/// outgoing distances). An undirected graph's in-arcs are its out-arcs.
struct SweepArcs {
    const EdgeIdx* off;
    const NodeId* nbr;
    SweepArcs(const CsrGraph& g, bool in_arcs)
        : off(g.directed() && in_arcs ? g.in_offsets().data() : g.out_offsets().data()),
          nbr(g.directed() && in_arcs ? g.in_sources().data() : g.out_targets().data()) {}
};

struct BitSweepScratch {
    std::vector<std::uint64_t> reach, front, next;
    std::vector<std::int64_t> left;
};

/// Multi-source BFS over the nodes with !gone[v] (gone may be null): for every level
/// d >= 1 and node v, found(v, d, count) with count > 0 the number of nodes first
/// reached at distance d (in the direction of `arcs`), in increasing d, and v in
/// increasing order within a level. Returns false, having stopped, past
/// kBitSweepLevels levels: the calls made so far are then to be discarded.
template <class Found>
bool bit_sweep(NodeId num_nodes, const SweepArcs& arcs, const std::uint8_t* gone,
               BitSweepScratch& s, Found&& found);

namespace detail {

template <std::size_t kW, class Found>
bool bit_sweep_words(std::size_t n, std::size_t w_any, const SweepArcs& arcs,
                     const std::uint8_t* gone, BitSweepScratch& s, Found& found) {
    const std::size_t W = kW != 0 ? kW : w_any;  // words per node; 1 and 2 unrolled
    s.reach.assign(n * W, 0);
    s.front.assign(n * W, 0);
    s.next.resize(n * W);
    // left[v]: nodes v has not reached yet; at 0 v is skipped (most nodes of a
    // small-world graph are done well before the last level).
    std::int64_t alive = 0;
    for (std::size_t v = 0; v < n; ++v)
        if (gone == nullptr || !gone[v]) {
            s.reach[v * W + v / 64] = s.front[v * W + v / 64] = std::uint64_t{1} << (v % 64);
            ++alive;
        }
    s.left.assign(n, alive - 1);
    std::int64_t* left = s.left.data();
    std::uint64_t* reach = s.reach.data();
    for (int d = 1;; ++d) {
        const std::uint64_t* front = s.front.data();
        std::uint64_t* next = s.next.data();
        bool any = false;
        for (std::size_t v = 0; v < n; ++v) {
            std::uint64_t* nx = next + v * W;
            for (std::size_t w = 0; w < W; ++w) nx[w] = 0;
            if (left[v] <= 0 || (gone != nullptr && gone[v])) continue;
            // a gone node's frontier set stays empty: no test needed on u
            for (EdgeIdx e = arcs.off[v], end = arcs.off[v + 1]; e < end; ++e) {
                const std::uint64_t* fu = front + static_cast<std::size_t>(arcs.nbr[e]) * W;
                for (std::size_t w = 0; w < W; ++w) nx[w] |= fu[w];
            }
            std::uint64_t* rv = reach + v * W;
            std::int64_t count = 0;
            for (std::size_t w = 0; w < W; ++w) {
                nx[w] &= ~rv[w];
                rv[w] |= nx[w];
                count += __builtin_popcountll(nx[w]);
            }
            if (count != 0) {
                if (d > kBitSweepLevels) return false;
                left[v] -= count;
                any = true;
                found(static_cast<NodeId>(v), d, count);
            }
        }
        if (!any) return true;
        s.front.swap(s.next);
    }
}

}  // namespace detail

template <class Found>
bool bit_sweep(NodeId num_nodes, const SweepArcs& arcs, const std::uint8_t* gone,
               BitSweepScratch& s, Found&& found) {
    const auto n = static_cast<std::size_t>(num_nodes);
    const std::size_t W = (n + 63) / 64;
    if (W == 1) return detail::bit_sweep_words<1>(n, W, arcs, gone, s, found);
    if (W == 2) return detail::bit_sweep_words<2>(n, W, arcs, gone, s, found);
    return detail::bit_sweep_words<0>(n, W, arcs, gone, s, found);
}

}  // namespace govnet
