#include <govnet/bit_sweep.hpp>
#include <govnet/parallel.hpp>
#include <govnet/paths.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <limits>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

namespace govnet {
namespace {

// Per-thread scratch, allocated once per thread (no per-source allocation).
struct Scratch {
    std::vector<NodeId> queue;               // flat BFS queue / settled order
    std::vector<std::int32_t> hops;          // BFS distance, -1 = unseen
    std::vector<double> dist;                // Dijkstra distance, -1 = unseen
    std::vector<char> settled;               // Dijkstra only
    std::vector<NodeId> unvisited;           // bottom-up BFS steps
    std::vector<std::pair<double, NodeId>> heap;
    Scratch(NodeId n, bool weighted) {
        queue.reserve(static_cast<std::size_t>(n));
        if (weighted) {
            dist.assign(static_cast<std::size_t>(n), -1.0);
            settled.assign(static_cast<std::size_t>(n), 0);
        } else {
            hops.assign(static_cast<std::size_t>(n), -1);
            unvisited.reserve(static_cast<std::size_t>(n));
        }
    }
};

// Direction-optimising BFS (Beamer, Asanović & Patterson 2012): top-down while the
// frontier is small, bottom-up (each unvisited node looks for any parent in the
// frontier and stops at the first) while it is large, which skips most arc checks in
// the middle levels of small-world graphs. Only distances are needed here, so the
// early stop is valid. Sums are accumulated per level (count · d, count / d), so they
// do not depend on the order nodes are found in.
void bfs_sums(const CsrGraph& g, NodeId src, bool incoming, Scratch& s, double& reached,
              double& dsum, double& isum) {
    const NodeId n = g.num_nodes();
    auto& q = s.queue;
    auto& unvisited = s.unvisited;
    q.clear();
    unvisited.clear();
    bool have_unvisited = false;
    auto trav = [&](NodeId v) { return incoming ? g.in_neighbors(v) : g.out_neighbors(v); };
    auto rev = [&](NodeId v) { return incoming ? g.out_neighbors(v) : g.in_neighbors(v); };
    q.push_back(src);
    s.hops[static_cast<std::size_t>(src)] = 0;
    double frontier_arcs = static_cast<double>(trav(src).size());
    double unvisited_arcs = static_cast<double>(g.out_targets().size()) - frontier_arcs;
    std::int64_t total = 0;
    double inv = 0;
    std::size_t lo = 0, hi = 1;
    std::int32_t d = 0;
    bool bottom_up = false;
    while (lo < hi) {
        const std::size_t width = hi - lo;
        if (!bottom_up && frontier_arcs > unvisited_arcs / 14.0) {
            bottom_up = true;
        } else if (bottom_up && width < static_cast<std::size_t>(n) / 24) {
            bottom_up = false;
        }
        const std::int32_t dn = d + 1;
        double next_arcs = 0;
        if (!bottom_up) {
            for (std::size_t i = lo; i < hi; ++i)
                for (NodeId w : trav(q[i])) {
                    auto& dw = s.hops[static_cast<std::size_t>(w)];
                    if (dw < 0) {
                        dw = dn;
                        q.push_back(w);
                        next_arcs += static_cast<double>(trav(w).size());
                    }
                }
        } else {
            if (!have_unvisited) {
                for (NodeId u = 0; u < n; ++u)
                    if (s.hops[static_cast<std::size_t>(u)] < 0) unvisited.push_back(u);
                have_unvisited = true;
            }
            std::size_t k = 0;
            for (NodeId u : unvisited) {
                auto& du = s.hops[static_cast<std::size_t>(u)];
                if (du >= 0) continue;  // found top-down since the list was built
                bool found = false;
                for (NodeId w : rev(u))
                    if (s.hops[static_cast<std::size_t>(w)] == d) {
                        found = true;
                        break;
                    }
                if (found) {
                    du = dn;
                    q.push_back(u);
                    next_arcs += static_cast<double>(trav(u).size());
                } else {
                    unvisited[k++] = u;
                }
            }
            unvisited.resize(k);
        }
        lo = hi;
        hi = q.size();
        const auto count = static_cast<std::int64_t>(hi - lo);
        total += count * dn;
        inv += static_cast<double>(count) / dn;
        frontier_arcs = next_arcs;
        unvisited_arcs -= next_arcs;
        d = dn;
    }
    for (NodeId v : q) s.hops[static_cast<std::size_t>(v)] = -1;
    reached = static_cast<double>(q.size() - 1);
    dsum = static_cast<double>(total);
    isum = inv;
}

void dijkstra_sums(const CsrGraph& g, NodeId src, bool incoming, Scratch& s, double& reached,
                   double& dsum, double& isum) {
    auto& order = s.queue;
    auto& heap = s.heap;
    order.clear();
    heap.clear();
    std::vector<double>& dist = s.dist;
    // Settled nodes are marked by pushing them to `order`; a popped entry whose
    // distance is stale is skipped.
    const auto cmp = std::greater<std::pair<double, NodeId>>();
    dist[static_cast<std::size_t>(src)] = 0;
    heap.emplace_back(0.0, src);
    double total = 0, inv = 0;
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), cmp);
        const auto [d, v] = heap.back();
        heap.pop_back();
        if (s.settled[static_cast<std::size_t>(v)]) continue;
        s.settled[static_cast<std::size_t>(v)] = 1;
        order.push_back(v);
        if (v != src) {
            total += d;
            inv += 1.0 / d;
        }
        auto nb = incoming ? g.in_neighbors(v) : g.out_neighbors(v);
        auto ws = incoming ? g.in_weights(v) : g.out_weights(v);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            const double nd = d + ws[i];
            double& dw = dist[static_cast<std::size_t>(nb[i])];
            if (dw < 0 || nd < dw) {
                dw = nd;
                heap.emplace_back(nd, nb[i]);
                std::push_heap(heap.begin(), heap.end(), cmp);
            }
        }
    }
    for (NodeId v : order) {
        dist[static_cast<std::size_t>(v)] = -1;
        s.settled[static_cast<std::size_t>(v)] = 0;
    }
    reached = static_cast<double>(order.size() - 1);
    dsum = total;
    isum = inv;
}

}  // namespace

namespace {

/// distance_sums by the bit sweep: per node and level the count of nodes at that
/// distance, summed as bfs_sums sums its levels (count · d in integers, count / d in
/// increasing d), so the result is the same double. False if the sweep gave up.
bool bit_sums(const CsrGraph& g, bool incoming, DistanceSums& out) {
    const NodeId n = g.num_nodes();
    std::vector<std::int64_t> total(static_cast<std::size_t>(n), 0);
    BitSweepScratch scratch;
    const bool done = bit_sweep(n, SweepArcs(g, incoming), nullptr, scratch,
                                [&](NodeId v, int d, std::int64_t count) {
        const auto vi = static_cast<std::size_t>(v);
        out.reached[vi] += static_cast<double>(count);
        total[vi] += count * d;
        out.inv_dist_sum[vi] += static_cast<double>(count) / d;
    });
    if (!done) return false;
    for (std::size_t v = 0; v < total.size(); ++v) out.dist_sum[v] = static_cast<double>(total[v]);
    return true;
}

}  // namespace

DistanceSums distance_sums(const CsrGraph& g, const DistanceOptions& opt, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    DistanceSums out;
    check_allocation("distance sums", static_cast<double>(n), 3 * 8.0);
    out.reached.assign(static_cast<std::size_t>(n), 0.0);
    out.dist_sum.assign(static_cast<std::size_t>(n), 0.0);
    out.inv_dist_sum.assign(static_cast<std::size_t>(n), 0.0);
    const bool weighted = opt.weighted && g.weighted();
    if (!weighted && n <= kBitSweepNodes) {
        if (bit_sums(g, opt.incoming, out)) return out;
        std::fill(out.reached.begin(), out.reached.end(), 0.0);  // gave up: plain BFS
        std::fill(out.inv_dist_sum.begin(), out.inv_dist_sum.end(), 0.0);
    }
    std::exception_ptr error;
    std::atomic<std::int64_t> done{0};
    // Scratch per thread, allocated before the region so nothing throws inside it but the
    // traversal, which is caught per source.
    const int threads = threads_for(ctl, static_cast<double>(n) * (static_cast<double>(n) +
                                                                 static_cast<double>(g.out_targets().size())), n);
    check_allocation("path scratch", static_cast<double>(threads) * n, 24.0);
    std::vector<Scratch> scratch;
    for (int t = 0; t < threads; ++t) scratch.emplace_back(n, weighted);
#pragma omp parallel num_threads(threads)
    {
#ifdef GOVNET_HAVE_OPENMP
        Scratch& s = scratch[static_cast<std::size_t>(thread_index())];
#else
        Scratch& s = scratch[0];
#endif
#pragma omp for schedule(dynamic, 16)
        for (NodeId v = 0; v < n; ++v) {
            if (ctl.stop_requested()) continue;
            const auto vi = static_cast<std::size_t>(v);
            try {
                if (weighted)
                    dijkstra_sums(g, v, opt.incoming, s, out.reached[vi], out.dist_sum[vi],
                                  out.inv_dist_sum[vi]);
                else
                    bfs_sums(g, v, opt.incoming, s, out.reached[vi], out.dist_sum[vi],
                             out.inv_dist_sum[vi]);
            } catch (...) {
#pragma omp critical
                if (!error) error = std::current_exception();
                ctl.request_stop();
            }
            const std::int64_t d = ++done;
            if (is_calling_thread())
                ctl.keep_going(static_cast<double>(d), static_cast<double>(n));
        }
    }
    if (error) std::rethrow_exception(error);
    if (ctl.stop_requested()) throw Cancelled();
    return out;
}

}  // namespace govnet
