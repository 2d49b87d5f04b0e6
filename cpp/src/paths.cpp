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

bool is_calling_thread() {
#ifdef GOVNET_HAVE_OPENMP
    return omp_get_thread_num() == 0;
#else
    return true;
#endif
}

// Per-thread scratch, allocated once per thread (no per-source allocation).
struct Scratch {
    std::vector<NodeId> queue;               // flat BFS queue / settled order
    std::vector<std::int32_t> hops;          // BFS distance, -1 = unseen
    std::vector<double> dist;                // Dijkstra distance, -1 = unseen
    std::vector<char> settled;               // Dijkstra only
    std::vector<std::pair<double, NodeId>> heap;
    Scratch(NodeId n, bool weighted) {
        queue.reserve(static_cast<std::size_t>(n));
        if (weighted) {
            dist.assign(static_cast<std::size_t>(n), -1.0);
            settled.assign(static_cast<std::size_t>(n), 0);
        } else {
            hops.assign(static_cast<std::size_t>(n), -1);
        }
    }
};

void bfs_sums(const CsrGraph& g, NodeId src, bool incoming, Scratch& s, double& reached,
              double& dsum, double& isum) {
    auto& q = s.queue;
    q.clear();
    q.push_back(src);
    s.hops[static_cast<std::size_t>(src)] = 0;
    // Integer distance sums are exact; 1/d is added in BFS order (fixed per source).
    std::int64_t total = 0;
    double inv = 0;
    std::size_t head = 0;
    while (head < q.size()) {
        const NodeId v = q[head++];
        const std::int32_t dw_new = s.hops[static_cast<std::size_t>(v)] + 1;
        const double inv_new = 1.0 / dw_new;
        auto nb = incoming ? g.in_neighbors(v) : g.out_neighbors(v);
        for (NodeId w : nb) {
            auto& dw = s.hops[static_cast<std::size_t>(w)];
            if (dw < 0) {
                dw = dw_new;
                q.push_back(w);
                total += dw_new;
                inv += inv_new;
            }
        }
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

DistanceSums distance_sums(const CsrGraph& g, const DistanceOptions& opt, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    DistanceSums out;
    check_allocation("distance sums", static_cast<double>(n), 3 * 8.0);
    out.reached.assign(static_cast<std::size_t>(n), 0.0);
    out.dist_sum.assign(static_cast<std::size_t>(n), 0.0);
    out.inv_dist_sum.assign(static_cast<std::size_t>(n), 0.0);
    const bool weighted = opt.weighted && g.weighted();
    std::exception_ptr error;
    std::atomic<std::int64_t> done{0};
    // Scratch per thread, allocated before the region so nothing throws inside it but the
    // traversal, which is caught per source.
    const int threads = ctl.num_threads();
    check_allocation("path scratch", static_cast<double>(threads) * n, 24.0);
    std::vector<Scratch> scratch;
    for (int t = 0; t < threads; ++t) scratch.emplace_back(n, weighted);
#pragma omp parallel num_threads(threads)
    {
#ifdef GOVNET_HAVE_OPENMP
        Scratch& s = scratch[static_cast<std::size_t>(omp_get_thread_num())];
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
