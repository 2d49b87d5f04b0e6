#include <govnet/centrality.hpp>

#include <algorithm>
#include <exception>
#include <limits>
#include <numeric>
#include <queue>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

namespace govnet {
namespace {

// Per-thread scratch for one single-source shortest-path pass.
struct Sssp {
    std::vector<NodeId> order;   // nodes in non-decreasing distance
    std::vector<double> sigma;   // number of shortest paths
    std::vector<double> dist;
    std::vector<double> delta;
    std::vector<char> settled;  // Dijkstra only
    explicit Sssp(NodeId n)
        : sigma(static_cast<std::size_t>(n)), dist(static_cast<std::size_t>(n), -1),
          delta(static_cast<std::size_t>(n)), settled(static_cast<std::size_t>(n), 0) {}
};

// Fills s.order, s.sigma and s.dist from one source. Predecessors are not
// stored: the accumulation re-scans in-neighbours with tight distances.
void shortest_paths(const CsrGraph& g, NodeId src, bool weighted, Sssp& s) {
    for (NodeId v : s.order) {
        s.sigma[static_cast<std::size_t>(v)] = 0;
        s.dist[static_cast<std::size_t>(v)] = -1;
        s.delta[static_cast<std::size_t>(v)] = 0;
        s.settled[static_cast<std::size_t>(v)] = 0;
    }
    s.order.clear();
    s.sigma[static_cast<std::size_t>(src)] = 1;
    s.dist[static_cast<std::size_t>(src)] = 0;
    if (!weighted) {
        s.order.push_back(src);
        for (std::size_t head = 0; head < s.order.size(); ++head) {
            const NodeId v = s.order[head];
            const double dv = s.dist[static_cast<std::size_t>(v)];
            for (NodeId w : g.out_neighbors(v)) {
                auto& dw = s.dist[static_cast<std::size_t>(w)];
                if (dw < 0) {
                    dw = dv + 1;
                    s.order.push_back(w);
                }
                if (dw == dv + 1) s.sigma[static_cast<std::size_t>(w)] += s.sigma[static_cast<std::size_t>(v)];
            }
        }
        return;
    }
    using Item = std::pair<double, NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> pq;
    pq.emplace(0.0, src);
    while (!pq.empty()) {
        const auto [d, v] = pq.top();
        pq.pop();
        const auto vi = static_cast<std::size_t>(v);
        if (s.settled[vi] || d > s.dist[vi]) continue;
        s.settled[vi] = 1;
        s.order.push_back(v);
        auto nb = g.out_neighbors(v);
        auto ws = g.out_weights(v);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            const double nd = d + ws[i];
            auto& dw = s.dist[static_cast<std::size_t>(nb[i])];
            if (dw < 0 || nd < dw) {
                dw = nd;
                pq.emplace(nd, nb[i]);
            }
        }
    }
    // Path counts in distance order over in-neighbours with tight distances
    // (exact equality, as networkx compares them).
    for (NodeId v : s.order) {
        if (v == src) continue;
        double sg = 0;
        auto nb = g.in_neighbors(v);
        auto ws = g.in_weights(v);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            const double du = s.dist[static_cast<std::size_t>(nb[i])];
            if (du >= 0 && du + ws[i] == s.dist[static_cast<std::size_t>(v)])
                sg += s.sigma[static_cast<std::size_t>(nb[i])];
        }
        s.sigma[static_cast<std::size_t>(v)] = sg;
    }
}

}  // namespace

std::vector<double> betweenness(const CsrGraph& g, const BetweennessOptions& opt,
                                const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    std::vector<double> bc(static_cast<std::size_t>(n), 0.0);
    if (n == 0) return bc;
    std::vector<NodeId> sources(static_cast<std::size_t>(n));
    std::iota(sources.begin(), sources.end(), 0);
    if (opt.k > 0 && opt.k < n) {
        Rng rng(opt.seed);
        rng.shuffle(sources);
        sources.resize(static_cast<std::size_t>(opt.k));
        std::sort(sources.begin(), sources.end());
    }
    const auto ns = static_cast<std::int64_t>(sources.size());
    // Fixed blocks, independent of the thread count, reduced in block order.
    const std::int64_t blocks = std::min<std::int64_t>(ns, 32);
    check_allocation("betweenness accumulators", static_cast<double>(blocks) * n, 8.0);
    std::vector<std::vector<double>> partial(static_cast<std::size_t>(blocks));
    const bool weighted = opt.weighted && g.weighted();
    std::exception_ptr error;
    std::atomic<std::int64_t> done{0};

#pragma omp parallel num_threads(ctl.num_threads())
    {
        Sssp s(n);
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t b = 0; b < blocks; ++b) {
            std::vector<double> acc(static_cast<std::size_t>(n), 0.0);
            const std::int64_t lo = b * ns / blocks, hi = (b + 1) * ns / blocks;
            for (std::int64_t si = lo; si < hi && !ctl.stop_requested(); ++si) {
                const NodeId src = sources[static_cast<std::size_t>(si)];
                try {
                    shortest_paths(g, src, weighted, s);
                } catch (...) {
#pragma omp critical
                    if (!error) error = std::current_exception();
                    ctl.request_stop();
                    break;
                }
                if (opt.endpoints) acc[static_cast<std::size_t>(src)] += static_cast<double>(s.order.size() - 1);
                for (auto it = s.order.rbegin(); it != s.order.rend(); ++it) {
                    const NodeId w = *it;
                    const auto wi = static_cast<std::size_t>(w);
                    const double coeff = (1.0 + s.delta[wi]) / s.sigma[wi];
                    auto nb = g.in_neighbors(w);
                    auto ws = g.in_weights(w);
                    for (std::size_t i = 0; i < nb.size(); ++i) {
                        const auto vi = static_cast<std::size_t>(nb[i]);
                        if (s.dist[vi] < 0) continue;
                        const double step = weighted ? ws[i] : 1.0;
                        if (s.dist[vi] + step == s.dist[wi]) s.delta[vi] += s.sigma[vi] * coeff;
                    }
                    if (w != src) acc[wi] += s.delta[wi] + (opt.endpoints ? 1.0 : 0.0);
                }
                const std::int64_t d = ++done;
                // Only the calling thread (OpenMP thread 0) may poll Python.
#ifdef GOVNET_HAVE_OPENMP
                if (omp_get_thread_num() == 0) ctl.keep_going(static_cast<double>(d), static_cast<double>(ns));
#else
                ctl.keep_going(static_cast<double>(d), static_cast<double>(ns));
#endif
            }
            partial[static_cast<std::size_t>(b)] = std::move(acc);
        }
    }
    if (error) std::rethrow_exception(error);
    if (ctl.stop_requested()) throw Cancelled();
    for (const auto& p : partial)
        for (std::size_t i = 0; i < p.size(); ++i) bc[i] += p[i];

    // networkx's _rescale: normalised values divide by the number of ordered
    // pairs (undirected accumulations already count each pair twice);
    // raw undirected values are halved; sampling scales by n/k.
    double scale = 1.0;
    const double nd = static_cast<double>(n);
    if (opt.normalized) {
        if (opt.endpoints ? n >= 2 : n > 2)
            scale = opt.endpoints ? 1.0 / (nd * (nd - 1.0)) : 1.0 / ((nd - 1.0) * (nd - 2.0));
    } else if (!g.directed()) {
        scale = 0.5;
    }
    if (opt.k > 0 && opt.k < n) scale *= nd / static_cast<double>(opt.k);
    for (double& x : bc) x *= scale;
    return bc;
}

}  // namespace govnet
