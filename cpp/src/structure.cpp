#include <govnet/parallel.hpp>
#include <govnet/structure.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <numeric>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

namespace govnet {
namespace {

/// Runs body(b) for b in [0, blocks) through the guarded parallel_for
/// (parallel.hpp) on threads_for(ctl, work) threads. The work split is fixed by
/// the caller, so results do not depend on the thread count.
template <class F>
void parallel_blocks(std::int64_t blocks, const RunControl& ctl, double work, F&& body) {
    parallel_for(blocks, threads_for(ctl, work, blocks), ctl, std::forward<F>(body));
}

/// Undirected view with both arc values kept: for node v and each distinct
/// neighbour u != v (in- or out-), a_out = a(v->u), a_in = a(u->v), 0 if absent.
/// Undirected ties give a_out = a_in = w. Self-loops are dropped.
struct Mutual {
    std::vector<EdgeIdx> off;
    std::vector<NodeId> nbr;
    std::vector<double> a_out, a_in;
    NodeId n = 0;
    EdgeIdx begin(NodeId v) const { return off[static_cast<std::size_t>(v)]; }
    EdgeIdx end(NodeId v) const { return off[static_cast<std::size_t>(v) + 1]; }
};

Mutual build_mutual(const CsrGraph& g, bool weighted, const RunControl& ctl) {
    Mutual mu;
    const NodeId n = g.num_nodes();
    mu.n = n;
    mu.off.assign(static_cast<std::size_t>(n) + 1, 0);
    const bool use_w = weighted && g.weighted();
    const bool dir = g.directed();
    // Merge the sorted out- and in-lists of v; emit(u, out, in) per neighbour.
    auto walk = [&](NodeId v, auto&& emit) {
        auto on = g.out_neighbors(v);
        auto ow = g.out_weights(v);
        if (!dir) {
            for (std::size_t i = 0; i < on.size(); ++i)
                if (on[i] != v) {
                    const double w = use_w ? ow[i] : 1.0;
                    emit(on[i], w, w);
                }
            return;
        }
        auto in = g.in_neighbors(v);
        auto iw = g.in_weights(v);
        std::size_t i = 0, j = 0;
        while (i < on.size() || j < in.size()) {
            NodeId u;
            double a = 0, b = 0;
            if (j == in.size() || (i < on.size() && on[i] < in[j])) {
                u = on[i];
                a = use_w ? ow[i] : 1.0;
                ++i;
            } else if (i == on.size() || in[j] < on[i]) {
                u = in[j];
                b = use_w ? iw[j] : 1.0;
                ++j;
            } else {
                u = on[i];
                a = use_w ? ow[i] : 1.0;
                b = use_w ? iw[j] : 1.0;
                ++i;
                ++j;
            }
            if (u != v) emit(u, a, b);
        }
    };
    const std::int64_t blocks = std::min<std::int64_t>(std::max<NodeId>(n, 1), 256);
    parallel_blocks(blocks, ctl, static_cast<double>(g.num_edges()) * 4, [&](std::int64_t b) {
        const NodeId lo = static_cast<NodeId>(b * n / blocks), hi = static_cast<NodeId>((b + 1) * n / blocks);
        for (NodeId v = lo; v < hi; ++v) {
            EdgeIdx c = 0;
            walk(v, [&](NodeId, double, double) { ++c; });
            mu.off[static_cast<std::size_t>(v) + 1] = c;
        }
    });
    for (NodeId v = 0; v < n; ++v) mu.off[static_cast<std::size_t>(v) + 1] += mu.off[static_cast<std::size_t>(v)];
    const auto total = static_cast<std::size_t>(mu.off.back());
    check_allocation("mutual adjacency", static_cast<double>(total), 20.0);
    mu.nbr.resize(total);
    mu.a_out.resize(total);
    mu.a_in.resize(total);
    parallel_blocks(blocks, ctl, static_cast<double>(g.num_edges()) * 4, [&](std::int64_t b) {
        const NodeId lo = static_cast<NodeId>(b * n / blocks), hi = static_cast<NodeId>((b + 1) * n / blocks);
        for (NodeId v = lo; v < hi; ++v) {
            auto k = static_cast<std::size_t>(mu.off[static_cast<std::size_t>(v)]);
            walk(v, [&](NodeId u, double a, double bb) {
                mu.nbr[k] = u;
                mu.a_out[k] = a;
                mu.a_in[k] = bb;
                ++k;
            });
        }
    });
    return mu;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// ------------------------------------------------------------------ k-cores

namespace {

/// f(v, list) for each neighbour list of v whose nodes lose a degree when v is peeled:
/// an undirected graph's one list; directed, u's in-degree counts the arc v -> u (u is an
/// out-neighbour of v) and its out-degree the arc u -> v.
template <class F>
void peeled_ties(const CsrGraph& g, CoreMode mode, NodeId v, F&& f) {
    if (!g.directed()) {
        f(v, g.out_neighbors(v));
        return;
    }
    if (mode != CoreMode::Out) f(v, g.out_neighbors(v));
    if (mode != CoreMode::In) f(v, g.in_neighbors(v));
}

// Level-synchronous parallel peeling (Kabir & Madduri 2017, "PKC"): at level k each
// thread collects its remaining nodes of degree k, then removes them, lowering their
// neighbours' degrees with atomic decrements; a neighbour brought down to k joins the
// thread's list at once, one brought below k is put back (its core is k, reached by
// another removal). Every node ends with its degree equal to its core number, the
// unique value the sequential bucket algorithm gives, for any thread count. Each level
// scans only the nodes still present, so the scans cost sum(core) <= 2m in all.
std::vector<std::int32_t> core_number_parallel(const CsrGraph& g, CoreMode mode,
                                               const std::vector<std::int32_t>& deg0,
                                               int threads,
                                               const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    std::vector<std::atomic<std::int32_t>> deg(static_cast<std::size_t>(n));
    for (NodeId v = 0; v < n; ++v)
        deg[static_cast<std::size_t>(v)].store(deg0[static_cast<std::size_t>(v)],
                                               std::memory_order_relaxed);
    const auto T = static_cast<std::size_t>(threads);
    std::vector<std::vector<NodeId>> remaining(T), found(T);
    for (std::size_t t = 0; t < T; ++t) {
        const auto lo = static_cast<NodeId>(std::int64_t{n} * static_cast<std::int64_t>(t) /
                                            threads);
        const auto hi = static_cast<NodeId>(std::int64_t{n} * static_cast<std::int64_t>(t + 1) /
                                            threads);
        remaining[t].resize(static_cast<std::size_t>(hi - lo));
        std::iota(remaining[t].begin(), remaining[t].end(), lo);
    }
    std::int64_t done = 0;
    for (std::int32_t k = 0; done < n; ++k) {
        // Scan (degrees do not change here): nodes of degree k are found; nodes below k
        // were removed at an earlier level by another thread's decrement: dropped.
        parallel_for(
            threads, threads, ctl,
            [&](std::int64_t ti) {
                const auto t = static_cast<std::size_t>(ti);
                auto& rem = remaining[t];
                found[t].clear();
                std::size_t keep = 0;
                for (NodeId v : rem) {
                    const std::int32_t d =
                        deg[static_cast<std::size_t>(v)].load(std::memory_order_relaxed);
                    if (d == k) found[t].push_back(v);
                    else if (d > k) rem[keep++] = v;
                }
                rem.resize(keep);
            },
            Schedule::Static);
        // Remove: every node found, and every node brought down to k meanwhile.
        parallel_for(
            threads, threads, ctl,
            [&](std::int64_t ti) {
                auto& list = found[static_cast<std::size_t>(ti)];
                auto lower = [&](NodeId v, Span<const NodeId> nb) {
                    for (NodeId u : nb) {
                        if (u == v) continue;
                        auto& du = deg[static_cast<std::size_t>(u)];
                        if (du.load(std::memory_order_relaxed) <= k) continue;
                        const std::int32_t before = du.fetch_sub(1, std::memory_order_relaxed);
                        if (before == k + 1) list.push_back(u);
                        else if (before <= k) du.fetch_add(1, std::memory_order_relaxed);
                    }
                };
                for (std::size_t i = 0; i < list.size(); ++i) peeled_ties(g, mode, list[i], lower);
            },
            Schedule::Static);
        for (std::size_t t = 0; t < T; ++t) done += static_cast<std::int64_t>(found[t].size());
        ctl.checkpoint(static_cast<double>(done), static_cast<double>(n));
    }
    std::vector<std::int32_t> out(static_cast<std::size_t>(n));
    for (NodeId v = 0; v < n; ++v)
        out[static_cast<std::size_t>(v)] = deg[static_cast<std::size_t>(v)].load();
    return out;
}

}  // namespace

std::vector<std::int32_t> core_number(const CsrGraph& g, CoreMode mode, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    const bool dir = g.directed();
    std::vector<std::int32_t> deg(static_cast<std::size_t>(n), 0);
    const bool loops = g.has_self_loops();
    auto count = [loops](Span<const NodeId> s, NodeId v) {
        if (!loops) return static_cast<std::int32_t>(s.size());
        std::int32_t c = 0;
        for (NodeId u : s) c += (u != v);
        return c;
    };
    for (NodeId v = 0; v < n; ++v) {
        std::int32_t d = 0;
        if (!dir) d = count(g.out_neighbors(v), v);
        else {
            if (mode != CoreMode::In) d += count(g.out_neighbors(v), v);
            if (mode != CoreMode::Out) d += count(g.in_neighbors(v), v);
        }
        deg[static_cast<std::size_t>(v)] = d;
    }
    const int threads = threads_for(ctl, static_cast<double>(n) +
                                             static_cast<double>(g.out_targets().size()));
    if (threads > 1) return core_number_parallel(g, mode, deg, threads, ctl);
    const std::int32_t md = n ? *std::max_element(deg.begin(), deg.end()) : 0;
    std::vector<std::int32_t> bin(static_cast<std::size_t>(md) + 2, 0);
    for (auto d : deg) ++bin[static_cast<std::size_t>(d)];
    std::int32_t start = 0;
    for (auto& b : bin) {
        const std::int32_t c = b;
        b = start;
        start += c;
    }
    std::vector<std::int32_t> pos(static_cast<std::size_t>(n)), vert(static_cast<std::size_t>(n));
    for (NodeId v = 0; v < n; ++v) {
        auto& b = bin[static_cast<std::size_t>(deg[static_cast<std::size_t>(v)])];
        pos[static_cast<std::size_t>(v)] = b;
        vert[static_cast<std::size_t>(b)] = v;
        ++b;
    }
    for (std::size_t d = bin.size() - 1; d > 0; --d) bin[d] = bin[d - 1];
    bin[0] = 0;
    // Removing v lowers the degree of every node whose degree counts a tie to v.
    auto lower = [&](NodeId v, Span<const NodeId> nb) {
        const std::int32_t dv = deg[static_cast<std::size_t>(v)];
        for (NodeId u : nb) {
            if (u == v) continue;
            const auto ui = static_cast<std::size_t>(u);
            const std::int32_t du = deg[ui];
            if (du > dv) {
                const std::int32_t pu = pos[ui], pw = bin[static_cast<std::size_t>(du)];
                const NodeId w = vert[static_cast<std::size_t>(pw)];
                if (u != w) {
                    pos[ui] = pw;
                    vert[static_cast<std::size_t>(pu)] = w;
                    pos[static_cast<std::size_t>(w)] = pu;
                    vert[static_cast<std::size_t>(pw)] = u;
                }
                ++bin[static_cast<std::size_t>(du)];
                --deg[ui];
            }
        }
    };
    for (NodeId i = 0; i < n; ++i) {
        peeled_ties(g, mode, vert[static_cast<std::size_t>(i)], lower);
        if ((i & 0xFFFFF) == 0) ctl.checkpoint(i, n);
    }
    return deg;
}

// ------------------------------------------------------- structural holes

StructuralHoles structural_holes(const CsrGraph& g, const StructuralHoleOptions& opt,
                                 const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    const Mutual mu = build_mutual(g, opt.weighted, ctl);
    const auto nn = static_cast<std::size_t>(n);
    // Strength s_v = sum of mutual weights, and the largest mutual weight.
    std::vector<double> strength(nn, 0.0), maxw(nn, 0.0);
    for (NodeId v = 0; v < n; ++v)
        for (EdgeIdx e = mu.begin(v); e < mu.end(v); ++e) {
            const double m = mu.a_out[static_cast<std::size_t>(e)] + mu.a_in[static_cast<std::size_t>(e)];
            strength[static_cast<std::size_t>(v)] += m;
            maxw[static_cast<std::size_t>(v)] = std::max(maxw[static_cast<std::size_t>(v)], m);
        }
    StructuralHoles out;
    out.constraint.assign(nn, kNaN);
    out.effective_size.assign(nn, kNaN);
    out.efficiency.assign(nn, kNaN);
    out.hierarchy.assign(nn, kNaN);
    const std::int64_t blocks = std::min<std::int64_t>(std::max<NodeId>(n, 1), 1024);
    // Work: sum over egos of the degrees of their contacts (the inner loop).
    double work = 0;
    for (NodeId v = 0; v < n; ++v) work += static_cast<double>(mu.end(v) - mu.begin(v));
    work *= 8;
    const int threads = threads_for(ctl, work, blocks);
    check_allocation("structural-hole scratch", static_cast<double>(std::max(1, threads)) * n, 20.0);
    RegionGuard guard(ctl);
#pragma omp parallel num_threads(threads)
    {
        // Per-thread scratch; rows are independent, so any thread may take any block.
        std::vector<NodeId> mark;
        std::vector<double> acc_c, acc_r;
        guard.run([&] {
            mark.assign(nn, -1);
            acc_c.assign(nn, 0.0);
            acc_r.assign(nn, 0.0);
        });
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t b = 0; b < blocks; ++b) {
          guard.run([&] {
            const NodeId lo = static_cast<NodeId>(b * n / blocks), hi = static_cast<NodeId>((b + 1) * n / blocks);
            for (NodeId v = lo; v < hi; ++v) {
                const EdgeIdx e0 = mu.begin(v), e1 = mu.end(v);
                if (e0 == e1) continue;  // isolate: NaN (networkx)
                auto p = [&](NodeId x, EdgeIdx e) {
                    const double s = strength[static_cast<std::size_t>(x)];
                    const double m = mu.a_out[static_cast<std::size_t>(e)] + mu.a_in[static_cast<std::size_t>(e)];
                    return s > 0 ? m / s : 0.0;
                };
                for (EdgeIdx e = e0; e < e1; ++e) {
                    const auto j = static_cast<std::size_t>(mu.nbr[static_cast<std::size_t>(e)]);
                    mark[j] = v;
                    acc_c[j] = p(v, e);
                    acc_r[j] = 0.0;
                }
                for (EdgeIdx e = e0; e < e1; ++e) {
                    const NodeId q = mu.nbr[static_cast<std::size_t>(e)];
                    const double pvq = p(v, e);
                    if (pvq == 0.0) continue;
                    auto add = [&](std::size_t j, EdgeIdx f) {
                        const double mqj = mu.a_out[static_cast<std::size_t>(f)] + mu.a_in[static_cast<std::size_t>(f)];
                        acc_c[j] += pvq * p(q, f);
                        if (maxw[j] > 0) acc_r[j] += pvq * mqj / maxw[j];
                    };
                    const EdgeIdx f0 = mu.begin(q), f1 = mu.end(q);
                    if (f1 - f0 <= 8 * (e1 - e0)) {
                        // Scan q's contacts, keeping those that are also v's.
                        for (EdgeIdx f = f0; f < f1; ++f) {
                            const auto j = static_cast<std::size_t>(mu.nbr[static_cast<std::size_t>(f)]);
                            if (mark[j] == v) add(j, f);
                        }
                    } else {
                        // q is a hub: look v's contacts up in q's sorted row instead, so
                        // a hub costs deg(v) log deg(q) per ego, not deg(q). Same order
                        // of additions per j (over q), so the same sums.
                        const NodeId* row = mu.nbr.data() + f0;
                        const NodeId* row_end = mu.nbr.data() + f1;
                        for (EdgeIdx e2 = e0; e2 < e1; ++e2) {
                            const NodeId j = mu.nbr[static_cast<std::size_t>(e2)];
                            const NodeId* it = std::lower_bound(row, row_end, j);
                            if (it != row_end && *it == j) add(static_cast<std::size_t>(j), f0 + (it - row));
                        }
                    }
                }
                double c = 0, es = 0;
                for (EdgeIdx e = e0; e < e1; ++e) {
                    const auto j = static_cast<std::size_t>(mu.nbr[static_cast<std::size_t>(e)]);
                    acc_c[j] *= acc_c[j];  // local constraint c_vj
                    c += acc_c[j];
                    es += 1.0 - acc_r[j];
                }
                const double deg = static_cast<double>(e1 - e0);
                const auto vi = static_cast<std::size_t>(v);
                out.constraint[vi] = c;
                out.effective_size[vi] = es;
                out.efficiency[vi] = es / deg;
                // Burt (1992) hierarchy: sum r ln r / (N ln N), r = c_vj / (C / N).
                if (deg == 1.0) {
                    out.hierarchy[vi] = 0.0;
                } else if (c > 0) {
                    double h = 0;
                    for (EdgeIdx e = e0; e < e1; ++e) {
                        const double r = acc_c[static_cast<std::size_t>(mu.nbr[static_cast<std::size_t>(e)])] / (c / deg);
                        if (r > 0) h += r * std::log(r);
                    }
                    out.hierarchy[vi] = h / (deg * std::log(deg));
                }
            }
          });
          guard.progress(static_cast<double>(b + 1), static_cast<double>(blocks));
        }
    }
    guard.finish();
    return out;
}

// --------------------------------------------------------------- brokerage

std::vector<double> brokerage(const CsrGraph& g, Span<const std::int32_t> groups,
                              const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    if (groups.size() != static_cast<std::size_t>(n))
        throw InvalidArgument("brokerage: groups has " + std::to_string(groups.size()) +
                              " entries for " + std::to_string(n) + " nodes");
    const auto nn = static_cast<std::size_t>(n);
    std::vector<double> out(nn * 5, 0.0);
    const std::int64_t blocks = std::min<std::int64_t>(std::max<NodeId>(n, 1), 1024);
    double work = 0;
    for (NodeId j = 0; j < n; ++j)
        work += static_cast<double>(g.in_degree(j)) * static_cast<double>(g.out_degree(j) + 1);
    RegionGuard guard(ctl);
#pragma omp parallel num_threads(threads_for(ctl, work, blocks))
    {
        std::vector<NodeId> stamp;  // stamp[k] == i: arc i -> k exists
        guard.run([&] { stamp.assign(nn, -1); });
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t b = 0; b < blocks; ++b) {
          guard.run([&] {
            const NodeId lo = static_cast<NodeId>(b * n / blocks), hi = static_cast<NodeId>((b + 1) * n / blocks);
            for (NodeId j = lo; j < hi; ++j) {
                double cnt[5] = {0, 0, 0, 0, 0};
                const std::int32_t gj = groups[static_cast<std::size_t>(j)];
                auto outs = g.out_neighbors(j);
                for (NodeId i : g.in_neighbors(j)) {
                    if (i == j) continue;
                    for (NodeId k : g.out_neighbors(i)) stamp[static_cast<std::size_t>(k)] = i;
                    const std::int32_t gi = groups[static_cast<std::size_t>(i)];
                    for (NodeId k : outs) {
                        if (k == j || k == i || stamp[static_cast<std::size_t>(k)] == i) continue;
                        const std::int32_t gk = groups[static_cast<std::size_t>(k)];
                        // sna's classification order: coordinator, representative,
                        // gatekeeper, itinerant, liaison.
                        if (gi == gj) cnt[gj == gk ? 0 : 2] += 1;
                        else if (gj == gk) cnt[3] += 1;
                        else if (gi == gk) cnt[1] += 1;
                        else cnt[4] += 1;
                    }
                    // Stale stamps stay valid: stamp[k] == i always means the arc i -> k exists.
                }
                for (int r = 0; r < 5; ++r) out[static_cast<std::size_t>(j) * 5 + r] = cnt[r];
            }
          });
          guard.progress(static_cast<double>(b + 1), static_cast<double>(blocks));
        }
    }
    guard.finish();
    return out;
}

// ---------------------------------------------------------- core–periphery

namespace {

/// Running sums of the discrete core–periphery fit for one partition.
struct CpState {
    const Mutual* mu;
    bool missing;
    double n;
    double S, Q;              // sum and sum of squares of a_ij over all ordered pairs
    double Wcc = 0, Qcc = 0;  // within-core sums
    double Wpp = 0, Qpp = 0;  // within-periphery sums
    double c = 0;             // core size
    std::vector<std::uint8_t> core;
    std::vector<double> sC, qC, sP, qP;  // per node: sums of a_vu + a_uv (and squares) to core / periphery

    static double corr(double M, double K, double S, double Q, double T) {
        const double vx = M * Q - S * S, vy = M * K - K * K;
        if (!(vx > 0) || !(vy > 0)) return -std::numeric_limits<double>::infinity();
        return (M * T - S * K) / std::sqrt(vx * vy);
    }
    double fit_with(double c_, double Wcc_, double Qcc_, double Wpp_, double Qpp_) const {
        const double p = n - c_;
        if (!missing) {
            if (c_ < 1 || p < 2) return -std::numeric_limits<double>::infinity();
            const double M = n * (n - 1);
            return corr(M, M - p * (p - 1), S, Q, S - Wpp_);
        }
        if (c_ < 2 || p < 2) return -std::numeric_limits<double>::infinity();
        const double M = c_ * (c_ - 1) + p * (p - 1);
        return corr(M, c_ * (c_ - 1), Wcc_ + Wpp_, Qcc_ + Qpp_, Wcc_);
    }
    double fit() const { return fit_with(c, Wcc, Qcc, Wpp, Qpp); }
    /// Fit if v changed sides.
    double fit_if_flipped(NodeId v) const {
        const auto i = static_cast<std::size_t>(v);
        if (core[i]) return fit_with(c - 1, Wcc - sC[i], Qcc - qC[i], Wpp + sP[i], Qpp + qP[i]);
        return fit_with(c + 1, Wcc + sC[i], Qcc + qC[i], Wpp - sP[i], Qpp - qP[i]);
    }
    void init(const std::vector<std::uint8_t>& part) {
        core = part;
        const auto nn = core.size();
        sC.assign(nn, 0);
        qC.assign(nn, 0);
        sP.assign(nn, 0);
        qP.assign(nn, 0);
        Wcc = Qcc = Wpp = Qpp = 0;
        c = 0;
        for (std::size_t v = 0; v < nn; ++v) {
            c += core[v];
            for (EdgeIdx e = mu->begin(static_cast<NodeId>(v)); e < mu->end(static_cast<NodeId>(v)); ++e) {
                const auto ei = static_cast<std::size_t>(e);
                const auto u = static_cast<std::size_t>(mu->nbr[ei]);
                const double s = mu->a_out[ei] + mu->a_in[ei];
                const double q = mu->a_out[ei] * mu->a_out[ei] + mu->a_in[ei] * mu->a_in[ei];
                if (core[u]) { sC[v] += s; qC[v] += q; }
                else { sP[v] += s; qP[v] += q; }
            }
            if (core[v]) { Wcc += sC[v]; Qcc += qC[v]; }
            else { Wpp += sP[v]; Qpp += qP[v]; }
        }
        // Each within-block pair was counted from both ends (a_vu + a_uv twice).
        Wcc /= 2; Qcc /= 2; Wpp /= 2; Qpp /= 2;
    }
    void flip(NodeId v) {
        const auto i = static_cast<std::size_t>(v);
        const bool to_core = !core[i];
        if (to_core) {
            Wcc += sC[i]; Qcc += qC[i]; Wpp -= sP[i]; Qpp -= qP[i]; c += 1;
        } else {
            Wcc -= sC[i]; Qcc -= qC[i]; Wpp += sP[i]; Qpp += qP[i]; c -= 1;
        }
        core[i] = to_core;
        for (EdgeIdx e = mu->begin(v); e < mu->end(v); ++e) {
            const auto ei = static_cast<std::size_t>(e);
            const auto u = static_cast<std::size_t>(mu->nbr[ei]);
            const double s = mu->a_out[ei] + mu->a_in[ei];
            const double q = mu->a_out[ei] * mu->a_out[ei] + mu->a_in[ei] * mu->a_in[ei];
            if (to_core) { sC[u] += s; qC[u] += q; sP[u] -= s; qP[u] -= q; }
            else { sC[u] -= s; qC[u] -= q; sP[u] += s; qP[u] += q; }
        }
    }
};

/// Single-node moves in random order until a full sweep improves nothing.
void local_search(CpState& st, Rng& rng, const RunControl& ctl) {
    const auto n = static_cast<NodeId>(st.core.size());
    std::vector<NodeId> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    double cur = st.fit();
    for (int sweep = 0; sweep < 10000; ++sweep) {
        rng.shuffle(order);
        bool moved = false;
        for (NodeId v : order) {
            const double f = st.fit_if_flipped(v);
            if (f > cur + 1e-12 * (1.0 + std::fabs(cur))) {
                st.flip(v);
                cur = st.fit();
                moved = true;
            }
        }
        if (!moved || ctl.stop_requested()) break;
    }
}

/// Moves of one or two nodes: after the single-node search has converged, try every
/// node u flipped together with every other node v (a swap of sides, or two nodes
/// joining or leaving the core together) and keep the first pair that raises the fit;
/// repeat (single moves included) until no pair improves. O(n (n + deg)) per sweep.
void pair_polish(CpState& st, Rng& rng, const RunControl& ctl) {
    const auto n = static_cast<NodeId>(st.core.size());
    const auto better = [](double f, double cur) { return f > cur + 1e-12 * (1.0 + std::fabs(cur)); };
    for (int round = 0; round < 10000 && !ctl.stop_requested(); ++round) {
        double cur = st.fit();
        bool moved = false;
        for (NodeId u = 0; u < n && !moved; ++u) {
            st.flip(u);
            if (better(st.fit(), cur)) {
                moved = true;
                break;
            }
            for (NodeId v = u + 1; v < n; ++v)
                if (better(st.fit_if_flipped(v), cur)) {
                    st.flip(v);
                    moved = true;
                    break;
                }
            if (!moved) st.flip(u);
        }
        if (!moved) break;
        local_search(st, rng, ctl);
    }
}

/// The partition a Gray code stands for: bit v set = node v in the core.
std::vector<std::uint8_t> partition_of(std::uint64_t code, std::size_t nn) {
    std::vector<std::uint8_t> part(nn, 0);
    for (std::size_t v = 0; v < nn; ++v) part[v] = static_cast<std::uint8_t>((code >> v) & 1U);
    return part;
}

/// Every partition, in Gray-code order (one node flips per step, O(deg) update,
/// O(1) fit), keeping the first with the highest fit. O(2^n * mean degree).
std::vector<std::uint8_t> exhaustive_partition(CpState& st, std::size_t nn, const RunControl& ctl) {
    st.init(std::vector<std::uint8_t>(nn, 0));
    double best = -std::numeric_limits<double>::infinity();
    std::uint64_t best_code = 0;
    const std::uint64_t total = std::uint64_t{1} << nn;
    for (std::uint64_t i = 1; i < total; ++i) {
        st.flip(static_cast<NodeId>(__builtin_ctzll(i)));
        const double f = st.fit();
        if (f > best) {
            best = f;
            best_code = i ^ (i >> 1);
        }
        if ((i & 0xFFFFF) == 0 && ctl.stop_requested()) break;
    }
    return partition_of(best_code, nn);
}

/// exhaustive_partition for 0/1 ties (n <= 32): neighbourhoods as bit masks, so a flip
/// costs four popcounts. The block sums are integers, exact in either version, and
/// the fit is the same fit_with on the same sums in the same Gray-code order: the
/// partition and fit are those of exhaustive_partition, bit for bit (tested).
///
/// With between = ones the enumeration runs in blocks of 2^k consecutive Gray codes
/// (k low nodes vary, the high nodes are fixed), and a block whose upper bound on the
/// fit is below the best fit so far is skipped: no partition in it could replace the
/// best, so the result is still the first partition in Gray-code order with the
/// highest fit. The bound: the fit falls as the periphery's internal arcs P rise (for
/// a core size c), and P >= the high periphery's own arcs + the fewest arcs inside
/// a low periphery of that size + the smallest arc counts between low nodes and the
/// high periphery. The first bound comes from the best prefix of the degree ranking,
/// a partition the enumeration also visits.
std::vector<std::uint8_t> exhaustive_partition_bits(const CpState& st, std::size_t nn,
                                                    const RunControl& ctl) {
    const Mutual& mu = *st.mu;
    std::vector<std::uint32_t> outm(nn, 0), inm(nn, 0);
    for (std::size_t v = 0; v < nn; ++v)
        for (EdgeIdx e = mu.begin(static_cast<NodeId>(v)); e < mu.end(static_cast<NodeId>(v)); ++e) {
            const auto ei = static_cast<std::size_t>(e);
            const auto u = static_cast<std::uint32_t>(mu.nbr[ei]);
            if (u == v) continue;
            if (mu.a_out[ei] != 0) outm[v] |= 1U << u;
            if (mu.a_in[ei] != 0) inm[v] |= 1U << u;
        }
    const std::uint32_t all = nn == 32 ? ~0U : ((1U << nn) - 1U);
    // between = ones: the fit depends on the core size c and W_pp only; K(c) and
    // sqrt(vx * vy(c)) of CpState::corr are tabulated (denom 0: fit -inf, as corr and
    // fit_with give for c < 1, p < 2 or no variance).
    const bool ones = !st.missing;
    std::vector<double> kk(nn + 1, 0.0), denom(nn + 1, 0.0);
    if (ones) {
        const double M = st.n * (st.n - 1);
        for (std::size_t cc = 0; cc <= nn; ++cc) {
            const double p = st.n - static_cast<double>(cc);
            if (cc < 1 || p < 2) continue;
            const double K = M - p * (p - 1);
            const double vx = M * st.Q - st.S * st.S, vy = M * K - K * K;
            if (!(vx > 0) || !(vy > 0)) continue;
            kk[cc] = K;
            denom[cc] = std::sqrt(vx * vy);
        }
    }
    auto fit_of = [&](std::int64_t c, std::int64_t wcc, std::int64_t wpp) {
        const double W = static_cast<double>(wcc), P = static_cast<double>(wpp);
        if (ones) {  // corr() with its per-core-size terms from the table: the same operations
            const auto ci = static_cast<std::size_t>(c);
            return denom[ci] > 0 ? (st.n * (st.n - 1) * (st.S - P) - st.S * kk[ci]) / denom[ci]
                                 : -std::numeric_limits<double>::infinity();
        }
        return st.fit_with(static_cast<double>(c), W, W, P, P);
    };
    auto arcs_within = [&](std::uint32_t set) {
        std::int64_t w = 0;
        for (std::uint32_t r = set; r != 0; r &= r - 1)
            w += __builtin_popcount(outm[static_cast<std::size_t>(__builtin_ctz(r))] & set);
        return w;
    };

    // Blocks: the k low nodes vary inside a block. Pruning needs the ones fit.
    const std::size_t k = ones ? std::min<std::size_t>(nn, 10) : nn;
    const std::uint32_t low = k == 32 ? ~0U : ((1U << k) - 1U);
    // Fewest arcs inside a low periphery of each size (all 2^k low subsets).
    std::vector<std::int64_t> min_pll(k + 1, std::numeric_limits<std::int64_t>::max());
    if (ones)
        for (std::uint32_t sub = 0; sub <= low; ++sub) {
            auto& m = min_pll[static_cast<std::size_t>(__builtin_popcount(sub))];
            m = std::min(m, arcs_within(sub));
            if (sub == low) break;
        }
    double best = -std::numeric_limits<double>::infinity();
    double bound_floor = best;  // a fit some partition has: blocks below it are skipped
    if (ones) {
        std::vector<std::size_t> order(nn);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return __builtin_popcount(outm[a] | inm[a]) > __builtin_popcount(outm[b] | inm[b]);
        });
        std::uint32_t core = 0;
        for (std::size_t i = 0; i < nn; ++i) {
            core |= 1U << order[i];
            bound_floor = std::max(bound_floor, fit_of(static_cast<std::int64_t>(i + 1),
                                                       arcs_within(core), arcs_within(all & ~core)));
        }
    }
    std::uint64_t best_code = 0;
    const std::uint64_t blocks = std::uint64_t{1} << (nn - k);
    const std::uint64_t per_block = std::uint64_t{1} << k;
    std::vector<std::int64_t> t(k);
    for (std::uint64_t blk = 0; blk < blocks; ++blk) {
        const std::uint64_t first = blk * per_block;
        const auto start = static_cast<std::uint32_t>(first ^ (first >> 1));  // its partition
        if (ones && nn > k) {
            const std::uint32_t high_peri = all & ~low & ~start;
            const auto c_high = static_cast<std::int64_t>(__builtin_popcount(start & ~low));
            const std::int64_t p_hh = arcs_within(high_peri);
            for (std::size_t l = 0; l < k; ++l)
                t[l] = __builtin_popcount(outm[l] & high_peri) + __builtin_popcount(inm[l] & high_peri);
            std::sort(t.begin(), t.end());
            double ub = -std::numeric_limits<double>::infinity();
            std::int64_t tsum = 0;  // the p_low smallest arc counts to the high periphery
            for (std::size_t p_low = 0; p_low <= k; ++p_low) {
                if (p_low > 0) tsum += t[p_low - 1];
                const auto c = c_high + static_cast<std::int64_t>(k - p_low);
                ub = std::max(ub, fit_of(c, 0, p_hh + min_pll[p_low] + tsum));
            }
            if (ub < std::max(best, bound_floor)) continue;
        }
        // The block's first partition from scratch, then one flip per Gray step.
        std::uint32_t core = start, peri = all & ~start;
        std::int64_t c = __builtin_popcount(core), wcc = arcs_within(core), wpp = arcs_within(peri);
        for (std::uint64_t i = first; i < first + per_block; ++i) {
            if (i != first) {
                const auto v = static_cast<std::size_t>(__builtin_ctzll(i));
                const std::uint32_t bit = 1U << v;
                const std::uint32_t nb_o = outm[v], nb_i = inm[v];
                if (core & bit) {  // to the periphery
                    core ^= bit;
                    wcc -= __builtin_popcount(nb_o & core) + __builtin_popcount(nb_i & core);
                    wpp += __builtin_popcount(nb_o & peri) + __builtin_popcount(nb_i & peri);
                    peri |= bit;
                    --c;
                } else {           // to the core
                    peri ^= bit;
                    wpp -= __builtin_popcount(nb_o & peri) + __builtin_popcount(nb_i & peri);
                    wcc += __builtin_popcount(nb_o & core) + __builtin_popcount(nb_i & core);
                    core |= bit;
                    ++c;
                }
            }
            if (i == 0) continue;  // the empty core, as the plain enumeration starts at 1
            const double f = fit_of(c, wcc, wpp);
            if (f > best) {
                best = f;
                best_code = i ^ (i >> 1);
            }
        }
        if ((blk & 0xFF) == 0 && ctl.stop_requested()) break;
    }
    return partition_of(best_code, nn);
}

/// Every a_ij is 0 or 1 (unweighted, or weights all 1).
bool binary_ties(const Mutual& mu) {
    for (std::size_t e = 0; e < mu.nbr.size(); ++e)
        if ((mu.a_out[e] != 0 && mu.a_out[e] != 1) || (mu.a_in[e] != 0 && mu.a_in[e] != 1))
            return false;
    return true;
}

}  // namespace

CorePeripheryDiscrete core_periphery_discrete(const CsrGraph& g, const CorePeripheryOptions& opt,
                                              const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    const bool missing = opt.between == CorePeripheryBetween::Missing;
    if (n < (missing ? 4 : 3))
        throw InvalidArgument("core_periphery needs at least " + std::to_string(missing ? 4 : 3) +
                              " nodes, got " + std::to_string(n));
    if (opt.restarts < 1) throw InvalidArgument("core_periphery: restarts must be >= 1");
    const Mutual mu = build_mutual(g, opt.weighted, ctl);
    const auto nn = static_cast<std::size_t>(n);
    double S = 0, Q = 0;
    for (std::size_t e = 0; e < mu.nbr.size(); ++e) {
        S += mu.a_out[e];
        Q += mu.a_out[e] * mu.a_out[e];
    }
    if (!(S > 0)) throw InvalidArgument("core_periphery: the network has no ties (no variance to correlate)");
    CpState proto;
    proto.mu = &mu;
    proto.missing = missing;
    proto.n = static_cast<double>(n);
    proto.S = S;
    proto.Q = Q;

    if (n <= kCorePeripheryExactNodes) {
        CpState st = proto;
        CorePeripheryDiscrete res;
        res.core = (!opt.plain_enumeration && nn <= 32 && binary_ties(mu))
                       ? exhaustive_partition_bits(proto, nn, ctl)
                       : exhaustive_partition(st, nn, ctl);
        if (ctl.stop_requested()) throw Cancelled();
        st.init(res.core);
        res.fit = st.fit();
        res.best_restart = -1;
        return res;
    }
    std::vector<CorePeripheryDiscrete> results(static_cast<std::size_t>(opt.restarts));
    parallel_blocks(opt.restarts, ctl, 50.0 * opt.restarts * (static_cast<double>(n) + static_cast<double>(mu.nbr.size())),
                    [&](std::int64_t r) {
        CpState st = proto;
        Rng rng(opt.seed, static_cast<std::uint64_t>(r));
        std::vector<std::uint8_t> part(nn, 0);
        if (r == 0) {
            // Best prefix of the strength ranking.
            std::vector<double> s(nn, 0);
            for (NodeId v = 0; v < n; ++v)
                for (EdgeIdx e = mu.begin(v); e < mu.end(v); ++e)
                    s[static_cast<std::size_t>(v)] += mu.a_out[static_cast<std::size_t>(e)] + mu.a_in[static_cast<std::size_t>(e)];
            std::vector<NodeId> order(nn);
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
                return s[static_cast<std::size_t>(a)] > s[static_cast<std::size_t>(b)];
            });
            st.init(part);
            double best = -std::numeric_limits<double>::infinity();
            std::size_t best_k = 1;
            for (std::size_t k = 0; k < nn; ++k) {
                st.flip(order[k]);
                const double f = st.fit();
                if (f > best) { best = f; best_k = k + 1; }
            }
            std::fill(part.begin(), part.end(), 0);
            for (std::size_t k = 0; k < best_k; ++k) part[static_cast<std::size_t>(order[k])] = 1;
        } else {
            const double prob = 0.05 + 0.5 * rng.uniform();
            std::size_t c = 0;
            for (auto& x : part) { x = rng.uniform() < prob; c += x; }
            // Make the start valid: enough core and periphery members.
            const std::size_t cmin = missing ? 2 : 1;
            while (c < cmin) { auto v = rng.below(nn); if (!part[v]) { part[v] = 1; ++c; } }
            while (nn - c < 2) { auto v = rng.below(nn); if (part[v]) { part[v] = 0; --c; } }
        }
        st.init(part);
        local_search(st, rng, ctl);
        if (n <= kCorePeripheryPolishNodes) pair_polish(st, rng, ctl);
        auto& res = results[static_cast<std::size_t>(r)];
        res.core = st.core;
        // Recompute from scratch so the reported fit carries no drift.
        st.init(st.core);
        res.fit = st.fit();
        res.best_restart = static_cast<int>(r);
    });
    std::size_t best = 0;
    for (std::size_t r = 1; r < results.size(); ++r)
        if (results[r].fit > results[best].fit) best = r;
    return std::move(results[best]);
}

CorePeripheryContinuous core_periphery_continuous(const CsrGraph& g, bool weighted, int max_iter,
                                                  double tol, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    if (n < 3) throw InvalidArgument("core_periphery needs at least 3 nodes, got " + std::to_string(n));
    const Mutual mu = build_mutual(g, weighted, ctl);
    const auto nn = static_cast<std::size_t>(n);
    const double M = static_cast<double>(n) * (n - 1);
    double Sx = 0, Sxx = 0;
    for (std::size_t e = 0; e < mu.nbr.size(); ++e) {
        Sx += mu.a_out[e];
        Sxx += mu.a_out[e] * mu.a_out[e];
    }
    const double D = M * Sxx - Sx * Sx;
    if (!(D > 0)) throw InvalidArgument("core_periphery: the ties have no variance (empty or complete network)");
    std::vector<double> h(nn);
    // Correlation between a_ij and c_i c_j over ordered pairs i != j, and its gradient.
    std::vector<double> sm(nn, 0.0);  // mutual strength: sum_j a_vj + a_jv
    for (NodeId v = 0; v < n; ++v)
        for (EdgeIdx e = mu.begin(v); e < mu.end(v); ++e)
            sm[static_cast<std::size_t>(v)] += mu.a_out[static_cast<std::size_t>(e)] + mu.a_in[static_cast<std::size_t>(e)];
    const double nd = static_cast<double>(n);
    // Sums over y_ij = c_i c_j are taken about a constant shift: with mu = mean(c)
    // and d = c - mu, z_ij = y_ij - mu^2 = mu (d_i + d_j) + d_i d_j has the same
    // variance and covariance as y but no catastrophic cancellation when c is
    // nearly uniform (the raw-moment formulas lose ~7 digits there).
    std::vector<double> dv(nn);
    auto correlation = [&](const std::vector<double>& c) {
        double mean = 0;
        for (double v : c) mean += v;
        mean /= nd;
        double D1 = 0, D2 = 0, D3 = 0, D4 = 0;
        for (std::size_t v = 0; v < nn; ++v) {
            const double d = c[v] - mean;
            dv[v] = d;
            D1 += d;
            D2 += d * d;
            D3 += d * d * d;
            D4 += d * d * d * d;
        }
        double Sxz = 0;
        for (std::size_t v = 0; v < nn; ++v) {
            double hv = 0;
            for (EdgeIdx e = mu.begin(static_cast<NodeId>(v)); e < mu.end(static_cast<NodeId>(v)); ++e) {
                const auto ei = static_cast<std::size_t>(e);
                hv += (mu.a_out[ei] + mu.a_in[ei]) * dv[static_cast<std::size_t>(mu.nbr[ei])];
            }
            h[v] = hv;
            Sxz += mean * dv[v] * sm[v] + 0.5 * dv[v] * hv;
        }
        const double Sz = 2 * mean * (nd - 1) * D1 + D1 * D1 - D2;
        const double Szz = mean * mean * (2 * (nd - 2) * D2 + 2 * D1 * D1) +
                           4 * mean * (D2 * D1 - D3) + D2 * D2 - D4;
        const double A = M * Sxz - Sx * Sz, B = M * Szz - Sz * Sz;
        return B > 0 ? A / std::sqrt(D * B) : kNaN;
    };
    // MINRES (Comrey 1962): c minimises f(c) = sum_{i != j} (a_ij - c_i c_j)^2, with
    // gradient -2 h_k + 4 c_k (sum c^2 - c_k^2), h_k = sum_j (a_kj + a_jk) c_j.
    // Maximising the correlation itself is ill-posed: its supremum can lie in the
    // limit where one actor holds all coreness (seen on the Florentine marriages).
    std::vector<double> x(nn, 0.0), c(nn), hx(nn);
    double stot = 0;
    for (double v : sm) stot += v;
    for (std::size_t k = 0; k < nn; ++k) x[k] = (sm[k] + 1e-3) / std::sqrt(stot);
    double Sxx_half = 0;  // sum over ordered pairs of a_ij^2
    for (std::size_t e = 0; e < mu.nbr.size(); ++e) Sxx_half += mu.a_out[e] * mu.a_out[e];
    auto f_and_grad = [&](const std::vector<double>& xv, std::vector<double>* grad) {
        double S2 = 0, S4 = 0, cross = 0;
        for (std::size_t v = 0; v < nn; ++v) {
            double hv = 0;
            for (EdgeIdx e = mu.begin(static_cast<NodeId>(v)); e < mu.end(static_cast<NodeId>(v)); ++e) {
                const auto ei = static_cast<std::size_t>(e);
                hv += (mu.a_out[ei] + mu.a_in[ei]) * xv[static_cast<std::size_t>(mu.nbr[ei])];
            }
            hx[v] = hv;
            cross += 0.5 * xv[v] * hv;
            S2 += xv[v] * xv[v];
            S4 += xv[v] * xv[v] * xv[v] * xv[v];
        }
        if (grad) {
            grad->resize(nn);
            for (std::size_t k = 0; k < nn; ++k)
                (*grad)[k] = -2.0 * hx[k] + 4.0 * xv[k] * (S2 - xv[k] * xv[k]);
        }
        return Sxx_half - 2.0 * cross + (S2 * S2 - S4);
    };
    auto dot = [](const std::vector<double>& a, const std::vector<double>& b) {
        double s = 0;
        for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
        return s;
    };
    const int hist = 8;
    std::vector<std::vector<double>> S, Y;
    std::vector<double> rho;
    std::vector<double> gr, gnew, d(nn), xt(nn), alpha(hist);
    double fx = f_and_grad(x, &gr);
    int it = 0, quiet = 0;
    for (; it < max_iter; ++it) {
        if ((it & 15) == 0) ctl.checkpoint(it, max_iter);
        // Two-loop recursion: d = -H g.
        for (std::size_t k = 0; k < nn; ++k) d[k] = -gr[k];
        const int h = static_cast<int>(S.size());
        for (int i = h - 1; i >= 0; --i) {
            alpha[static_cast<std::size_t>(i)] = rho[static_cast<std::size_t>(i)] * dot(S[static_cast<std::size_t>(i)], d);
            for (std::size_t k = 0; k < nn; ++k) d[k] -= alpha[static_cast<std::size_t>(i)] * Y[static_cast<std::size_t>(i)][k];
        }
        if (h > 0) {
            const double gamma = dot(S.back(), Y.back()) / dot(Y.back(), Y.back());
            for (double& v : d) v *= gamma;
        } else {
            const double gn = std::sqrt(dot(gr, gr));
            if (!(gn > 0)) break;
            const double xn = std::sqrt(dot(x, x));
            for (double& v : d) v *= 0.1 * xn / gn;
        }
        for (int i = 0; i < h; ++i) {
            const double beta = rho[static_cast<std::size_t>(i)] * dot(Y[static_cast<std::size_t>(i)], d);
            for (std::size_t k = 0; k < nn; ++k) d[k] += S[static_cast<std::size_t>(i)][k] * (alpha[static_cast<std::size_t>(i)] - beta);
        }
        double slope = dot(gr, d);
        if (!(slope < 0)) {  // not a descent direction: restart from steepest descent
            S.clear(); Y.clear(); rho.clear();
            for (std::size_t k = 0; k < nn; ++k) d[k] = -gr[k];
            slope = dot(gr, d);
            if (!(slope < 0)) break;
        }
        double t = 1.0, ft = 0;
        bool ok = false;
        for (int ls = 0; ls < 60; ++ls) {
            for (std::size_t k = 0; k < nn; ++k) xt[k] = x[k] + t * d[k];
            ft = f_and_grad(xt, nullptr);
            if (ft <= fx + 1e-4 * t * slope) { ok = true; break; }
            t *= 0.5;
        }
        if (!ok) break;
        f_and_grad(xt, &gnew);
        std::vector<double> sv(nn), yv(nn);
        for (std::size_t k = 0; k < nn; ++k) { sv[k] = xt[k] - x[k]; yv[k] = gnew[k] - gr[k]; }
        const double sy = dot(sv, yv);
        if (sy > 1e-16 * std::sqrt(dot(sv, sv) * dot(yv, yv))) {
            if (static_cast<int>(S.size()) == hist) { S.erase(S.begin()); Y.erase(Y.begin()); rho.erase(rho.begin()); }
            S.push_back(std::move(sv)); Y.push_back(std::move(yv)); rho.push_back(1.0 / sy);
        }
        const double gain = fx - ft;
        x.swap(xt);
        gr.swap(gnew);
        fx = ft;
        quiet = gain < tol * (1.0 + std::fabs(fx)) ? quiet + 1 : 0;
        if (quiet >= 3) { ++it; break; }
    }
    // The solution is determined up to sign; report it non-negative.
    double sum = 0;
    for (double v : x) sum += v;
    for (std::size_t k = 0; k < nn; ++k) c[k] = sum < 0 ? -x[k] : x[k];
    double norm = std::sqrt(dot(c, c));
    for (double& v : c) v /= norm;
    CorePeripheryContinuous out;
    out.fit = correlation(c);
    out.coreness = std::move(c);
    out.iterations = it;
    return out;
}

}  // namespace govnet
