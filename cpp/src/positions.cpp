#include <govnet/positions.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <string>

namespace govnet {
namespace {

int threads_for(const RunControl& ctl, double work) { return work < 1e6 ? 1 : ctl.num_threads(); }

/// body(b, scratch_thread) for b in [0, blocks); the split is fixed by the caller,
/// exceptions are caught inside the region and rethrown after it.
template <class F>
void parallel_blocks(std::int64_t blocks, const RunControl& ctl, double work, F&& body) {
    std::exception_ptr error;
    std::atomic<std::int64_t> done{0};
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_for(ctl, work))
    for (std::int64_t b = 0; b < blocks; ++b) {
        if (ctl.stop_requested()) continue;
        try {
            body(b);
        } catch (...) {
#pragma omp critical
            if (!error) error = std::current_exception();
            ctl.request_stop();
        }
        const std::int64_t d = ++done;
        if (is_calling_thread()) ctl.keep_going(static_cast<double>(d), static_cast<double>(blocks));
    }
    if (error) std::rethrow_exception(error);
    if (ctl.stop_requested()) throw Cancelled();
}

inline std::size_t ix(std::int64_t i) { return static_cast<std::size_t>(i); }

/// Union neighbourhoods (in- or out-, no self-loops), sorted, with the arc
/// bits (1: v->u, 2: u->v) and the summed arc values.
struct Union {
    std::vector<EdgeIdx> off;
    std::vector<NodeId> nbr;
    std::vector<std::uint8_t> bits;
    std::vector<double> val;
    EdgeIdx begin(NodeId v) const { return off[ix(v)]; }
    EdgeIdx end(NodeId v) const { return off[ix(v) + 1]; }
};

Union build_union(const CsrGraph& g) {
    const NodeId n = g.num_nodes();
    Union u;
    u.off.assign(ix(n) + 1, 0);
    const bool dir = g.directed();
    check_allocation("neighbourhood union", static_cast<double>(g.out_targets().size()) * 2, 24.0);
    for (NodeId v = 0; v < n; ++v) {
        auto on = g.out_neighbors(v);
        auto ow = g.out_weights(v);
        std::size_t a = 0, b = 0;
        Span<const NodeId> in = dir ? g.in_neighbors(v) : Span<const NodeId>();
        Span<const double> iw = dir ? g.in_weights(v) : Span<const double>();
        while (a < on.size() || b < in.size()) {
            NodeId x;
            std::uint8_t bit = 0;
            double s = 0;
            if (b >= in.size() || (a < on.size() && on[a] < in[b])) {
                x = on[a];
                bit = 1;
                s = ow.empty() ? 1.0 : ow[a];
                ++a;
            } else if (a >= on.size() || in[b] < on[a]) {
                x = in[b];
                bit = 2;
                s = iw.empty() ? 1.0 : iw[b];
                ++b;
            } else {
                x = on[a];
                bit = 3;
                s = (ow.empty() ? 1.0 : ow[a]) + (iw.empty() ? 1.0 : iw[b]);
                ++a;
                ++b;
            }
            if (!dir) bit = 3;
            if (x == v) continue;
            u.nbr.push_back(x);
            u.bits.push_back(bit);
            u.val.push_back(s);
        }
        u.off[ix(v) + 1] = static_cast<EdgeIdx>(u.nbr.size());
    }
    return u;
}

constexpr std::array<int, 64> kTricodes = {
    1, 2, 2, 3, 2, 4, 6, 8, 2, 6, 5, 7, 3, 8, 7, 11, 2, 6, 4, 8, 5, 9, 9, 13, 6, 10, 9, 14, 7, 14, 12, 15,
    2, 5, 6, 7, 6, 9, 10, 14, 4, 9, 9, 12, 8, 13, 14, 15, 3, 7, 8, 11, 7, 12, 14, 15, 8, 14, 13, 15, 11, 15, 15, 16};

}  // namespace

std::vector<double> triangle_weights(const CsrGraph& g, const TriangleOptions& opt, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    std::vector<double> t(ix(n), 0.0);
    if (n == 0) return t;
    Union u = build_union(g);
    // Tie values s: 1 unweighted; weighted: scaled arcs (w / max w)^(1/3), summed over
    // the two arcs of a directed pair (Fagiolo's A + Aᵀ), or one value if direction is ignored.
    double wmax = 0;
    for (double w : g.out_weight_array()) wmax = std::max(wmax, w);
    if (g.out_weight_array().empty() || wmax <= 0) wmax = 1.0;
    const bool dir = g.directed();
    const auto nn = ix(n);
    std::vector<double> s(u.nbr.size());
    for (NodeId v = 0; v < n; ++v) {
        for (EdgeIdx e = u.begin(v); e < u.end(v); ++e) {
            const std::uint8_t bit = u.bits[ix(e)];
            if (!dir) {
                s[ix(e)] = opt.weighted ? std::cbrt(u.val[ix(e)] / wmax) : 1.0;
            } else if (opt.ignore_direction) {
                s[ix(e)] = opt.weighted ? std::cbrt(u.val[ix(e)] / wmax) : 1.0;
            } else if (!opt.weighted) {
                s[ix(e)] = bit == 3 ? 2.0 : 1.0;
            } else {
                // the two arcs separately: cbrt(w_vj) + cbrt(w_jv)
                const NodeId j = u.nbr[ix(e)];
                const double wout = (bit & 1) ? g.weight(v, j) : 0.0;
                const double win = (bit & 2) ? g.weight(j, v) : 0.0;
                s[ix(e)] = std::cbrt(wout / wmax) + std::cbrt(win / wmax);
            }
        }
    }
    const std::int64_t blocks = std::min<std::int64_t>(n, 1024);
    double work = 0;
    for (NodeId v = 0; v < n; ++v)
        for (EdgeIdx e = u.begin(v); e < u.end(v); ++e) {
            const NodeId j = u.nbr[ix(e)];
            work += static_cast<double>(u.end(j) - u.begin(j));
        }
    const int threads = threads_for(ctl, work);
    check_allocation("triangle scratch", static_cast<double>(std::max(1, threads)) * n, 12.0);
    std::vector<std::vector<double>> mark_val(ix(std::max(1, ctl.num_threads())));
    std::vector<std::vector<NodeId>> mark(mark_val.size());
    parallel_blocks(blocks, ctl, work, [&](std::int64_t b) {
        const auto tid = ix(thread_index());
        auto& mk = mark[tid];
        auto& mv = mark_val[tid];
        if (mk.size() != nn) {
            mk.assign(nn, -1);
            mv.assign(nn, 0.0);
        }
        const NodeId lo = static_cast<NodeId>(b * n / blocks), hi = static_cast<NodeId>((b + 1) * n / blocks);
        for (NodeId v = lo; v < hi; ++v) {
            for (EdgeIdx e = u.begin(v); e < u.end(v); ++e) {
                mk[ix(u.nbr[ix(e)])] = v;
                mv[ix(u.nbr[ix(e)])] = s[ix(e)];
            }
            double acc = 0;
            for (EdgeIdx e = u.begin(v); e < u.end(v); ++e) {
                const NodeId j = u.nbr[ix(e)];
                double inner = 0;
                for (EdgeIdx f = u.begin(j); f < u.end(j); ++f) {
                    const NodeId k = u.nbr[ix(f)];
                    if (mk[ix(k)] == v) inner += s[ix(f)] * mv[ix(k)];
                }
                acc += s[ix(e)] * inner;
            }
            t[ix(v)] = acc;
        }
    });
    return t;
}

std::array<std::int64_t, 16> triad_census(const CsrGraph& g, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    std::array<std::int64_t, 16> census{};
    if (n > 3800000) throw InvalidArgument("triad_census: more than 3.8e6 nodes overflow the count of triads");
    if (n < 3) return census;
    const Union u = build_union(g);
    const auto nn = ix(n);
    const std::int64_t blocks = std::min<std::int64_t>(n, 1024);
    std::vector<std::array<std::int64_t, 16>> partial(ix(blocks));
    double work = 0;
    for (NodeId v = 0; v < n; ++v) work += static_cast<double>(u.end(v) - u.begin(v)) * 4;
    std::vector<std::vector<std::uint8_t>> bits_of_v(ix(std::max(1, ctl.num_threads())));
    std::vector<std::vector<NodeId>> mark(bits_of_v.size());
    parallel_blocks(blocks, ctl, work, [&](std::int64_t b) {
        const auto tid = ix(thread_index());
        auto& mk = mark[tid];
        auto& bv = bits_of_v[tid];
        if (mk.size() != nn) {
            mk.assign(nn, -1);
            bv.assign(nn, 0);
        }
        auto& c = partial[ix(b)];
        c.fill(0);
        const NodeId lo = static_cast<NodeId>(b * n / blocks), hi = static_cast<NodeId>((b + 1) * n / blocks);
        for (NodeId v = lo; v < hi; ++v) {
            // bv[x]: arcs between v and x (1: v->x, 2: x->v), valid where mk[x] == v
            for (EdgeIdx e = u.begin(v); e < u.end(v); ++e) {
                mk[ix(u.nbr[ix(e)])] = v;
                bv[ix(u.nbr[ix(e)])] = u.bits[ix(e)];
            }
            for (EdgeIdx e = u.begin(v); e < u.end(v); ++e) {
                const NodeId w2 = u.nbr[ix(e)];  // networkx's u
                if (w2 <= v) continue;
                const std::uint8_t vu = u.bits[ix(e)];
                // S = N(v) ∪ N(u) \ {u, v}: merge the two sorted lists
                std::int64_t size_s = 0;
                EdgeIdx a = u.begin(v), a1 = u.end(v), f = u.begin(w2), f1 = u.end(w2);
                while (a < a1 || f < f1) {
                    NodeId w;
                    std::uint8_t uw = 0;  // arcs between u and w (1: u->w, 2: w->u)
                    if (f >= f1 || (a < a1 && u.nbr[ix(a)] < u.nbr[ix(f)])) {
                        w = u.nbr[ix(a)];
                        ++a;
                    } else if (a >= a1 || u.nbr[ix(f)] < u.nbr[ix(a)]) {
                        w = u.nbr[ix(f)];
                        uw = u.bits[ix(f)];
                        ++f;
                    } else {
                        w = u.nbr[ix(a)];
                        uw = u.bits[ix(f)];
                        ++a;
                        ++f;
                    }
                    if (w == v || w == w2) continue;
                    ++size_s;
                    const bool w_adj_v = mk[ix(w)] == v;
                    if (w2 < w || (v < w && w < w2 && !w_adj_v)) {
                        const std::uint8_t vw = w_adj_v ? bv[ix(w)] : 0;
                        const int code = ((vu & 1) ? 1 : 0) | ((vu & 2) ? 2 : 0) | ((vw & 1) ? 4 : 0) |
                                         ((vw & 2) ? 8 : 0) | ((uw & 1) ? 16 : 0) | ((uw & 2) ? 32 : 0);
                        ++c[ix(kTricodes[ix(code)] - 1)];
                    }
                }
                c[vu == 3 ? 2 : 1] += static_cast<std::int64_t>(n) - size_s - 2;
            }
        }
    });
    for (const auto& p : partial)
        for (std::size_t i = 1; i < 16; ++i) census[i] += p[i];
    // C(n, 3) without overflow for n < 3.8e6: divide the factors before multiplying
    std::uint64_t a = static_cast<std::uint64_t>(n), b = a - 1, c3 = a - 2;
    if (a % 3 == 0) a /= 3; else if (b % 3 == 0) b /= 3; else c3 /= 3;
    if (a % 2 == 0) a /= 2; else b /= 2;
    std::int64_t rest = 0;
    for (std::size_t i = 1; i < 16; ++i) rest += census[i];
    census[0] = static_cast<std::int64_t>(a * b * c3) - rest;
    return census;
}

}  // namespace govnet
