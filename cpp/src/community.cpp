// Community detection: Louvain (Blondel et al. 2008), Leiden (Traag et al. 2019),
// an ensemble with Lancichinetti & Fortunato's consensus clustering, and connected
// components (union–find, iterative Tarjan).
//
// Every method is sequential and driven by one Rng seeded from the options, so a
// seed fixes the result; the ensemble runs its members in parallel, each with its
// own seeded stream, so the thread count never changes it.

#include <govnet/community.hpp>
#include <govnet/parallel.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

namespace govnet {
namespace {

inline std::size_t ix(std::int64_t i) { return static_cast<std::size_t>(i); }

/// Ctrl-C and progress from inside a method: the calling thread polls Python,
/// the others only look at the stop flag.
void poll(const RunControl& ctl, double done, double total) {
    if (is_calling_thread()) {
        if (!ctl.keep_going(done, total)) throw Cancelled();
    } else if (ctl.stop_requested()) {
        throw Cancelled();
    }
}

/// A symmetric weighted graph for the methods: neighbour lists without the
/// diagonal, which is kept apart (aggregated graphs have one).
struct WGraph {
    NodeId n = 0;
    std::vector<EdgeIdx> off;
    std::vector<NodeId> nbr;
    std::vector<double> w;
    std::vector<double> self;      ///< A_ii
    std::vector<double> node_w;    ///< k_i (modularity) or n_i (CPM)
    double total = 0;              ///< sum_ij A_ij (= 2m)
    EdgeIdx begin(NodeId v) const { return off[ix(v)]; }
    EdgeIdx end(NodeId v) const { return off[ix(v) + 1]; }
};

WGraph from_csr(const CsrGraph& g, const CommunityOptions& opt) {
    WGraph h;
    const NodeId n = g.num_nodes();
    h.n = n;
    h.off.assign(ix(n) + 1, 0);
    h.self.assign(ix(n), 0.0);
    const bool dir = g.directed();
    const std::size_t cap = g.out_targets().size() * (dir ? 2 : 1);
    check_allocation("community graph", static_cast<double>(cap), 12.0);
    h.nbr.reserve(cap);
    h.w.reserve(cap);
    std::vector<double> strength(ix(n), 0.0);
    for (NodeId v = 0; v < n; ++v) {
        auto on = g.out_neighbors(v);
        auto ow = g.out_weights(v);
        Span<const NodeId> in = dir ? g.in_neighbors(v) : Span<const NodeId>();
        Span<const double> iw = dir ? g.in_weights(v) : Span<const double>();
        std::size_t a = 0, b = 0;
        double s = 0;
        while (a < on.size() || b < in.size()) {
            NodeId x;
            double val;
            if (b >= in.size() || (a < on.size() && on[a] < in[b])) {
                x = on[a];
                val = ow.empty() ? 1.0 : ow[a];
                ++a;
            } else if (a >= on.size() || in[b] < on[a]) {
                x = in[b];
                val = iw.empty() ? 1.0 : iw[b];
                ++b;
            } else {
                x = on[a];
                val = (ow.empty() ? 1.0 : ow[a]) + (iw.empty() ? 1.0 : iw[b]);
                ++a;
                ++b;
            }
            if (x == v) continue;  // self-loops are ignored
            if (!opt.weighted) val = 1.0;
            h.nbr.push_back(x);
            h.w.push_back(val);
            s += val;
        }
        h.off[ix(v) + 1] = static_cast<EdgeIdx>(h.nbr.size());
        strength[ix(v)] = s;
        h.total += s;
    }
    if (opt.objective == CommunityObjective::Modularity) {
        h.node_w = std::move(strength);
    } else {
        h.node_w.assign(ix(n), 1.0);
    }
    return h;
}

/// gamma' of the move gain k_{v,C} - gamma' w_v W_C.
double scaled_resolution(const WGraph& h, const CommunityOptions& opt) {
    if (opt.objective == CommunityObjective::CPM) return opt.resolution;
    return opt.resolution / h.total;
}

/// Relabels to 0..k-1 by first node; returns k.
NodeId renumber(std::vector<NodeId>& memb) {
    const std::size_t n = memb.size();
    std::vector<NodeId> code(n, -1);
    NodeId k = 0;
    for (std::size_t i = 0; i < n; ++i) {
        NodeId& c = code[ix(memb[i])];
        if (c < 0) c = k++;
        memb[i] = c;
    }
    return k;
}

/// Scratch for the weight from one node to each neighbouring community (the
/// weight and its stamp side by side: one cache line per community touched).
struct Accumulator {
    struct Slot {
        double acc;
        std::int64_t stamp;
    };
    std::vector<Slot> slot;
    std::vector<NodeId> touched;
    std::int64_t now = 0;
    explicit Accumulator(NodeId n) : slot(ix(n), Slot{0.0, -1}) {}
    void start() {
        ++now;
        touched.clear();
    }
    void add(NodeId c, double x) {
        Slot& s = slot[ix(c)];
        if (s.stamp != now) {
            s.stamp = now;
            s.acc = 0.0;
            touched.push_back(c);
        }
        s.acc += x;
    }
    double get(NodeId c) const { return slot[ix(c)].stamp == now ? slot[ix(c)].acc : 0.0; }
    double at(NodeId c) const { return slot[ix(c)].acc; }
};

/// Relative tolerance of a strict improvement (keeps rounding from moving a node
/// back and forth between two communities of equal gain).
constexpr double kTol = 1e-12;

inline bool better(double gain, double scale, double best_gain, double best_scale) {
    return gain > best_gain + kTol * std::max(scale, best_scale);
}

/// Louvain's local moving phase on singletons: sweeps in one random order
/// until a sweep moves no node; a sweep visits only the nodes whose
/// neighbourhood changed since their last visit (a node that moves marks its
/// neighbours outside its new community; Ozaki, Tezuka & Inaba 2016), the
/// others would stay put. True if any node moved.
bool louvain_move(const WGraph& h, std::vector<NodeId>& memb, double gp, Rng& rng,
                  const RunControl& ctl, bool from_singletons = true) {
    const NodeId n = h.n;
    std::vector<double> W;
    if (from_singletons) {
        memb.resize(ix(n));
        std::iota(memb.begin(), memb.end(), 0);
        W = h.node_w;
    } else {  // from the given partition (labels below n)
        W.assign(ix(n), 0.0);
        for (NodeId v = 0; v < n; ++v) W[ix(memb[ix(v)])] += h.node_w[ix(v)];
    }
    std::vector<NodeId> order(ix(n));
    std::iota(order.begin(), order.end(), 0);
    rng.shuffle(order);
    Accumulator a(n);
    std::vector<char> active(ix(n), 1);
    bool any = false;
    std::int64_t visits = 0;
    for (int sweep = 0; sweep < 10000; ++sweep) {
        std::int64_t moves = 0;
        for (NodeId v : order) {
            if (!active[ix(v)]) continue;
            active[ix(v)] = 0;
            if ((++visits & 0xFFFF) == 0) poll(ctl, 0, 0);
            const NodeId cur = memb[ix(v)];
            a.start();
            for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) a.add(memb[ix(h.nbr[ix(e)])], h.w[ix(e)]);
            const double wv = h.node_w[ix(v)];
            W[ix(cur)] -= wv;
            NodeId best = cur;
            double kc = a.get(cur);
            double best_gain = kc - gp * wv * W[ix(cur)];
            double best_scale = kc + gp * wv * W[ix(cur)];
            for (NodeId c : a.touched) {
                if (c == cur) continue;
                const double k = a.at(c);
                const double pen = gp * wv * W[ix(c)];
                if (better(k - pen, k + pen, best_gain, best_scale)) {
                    best = c;
                    best_gain = k - pen;
                    best_scale = k + pen;
                }
            }
            W[ix(best)] += wv;
            if (best != cur) {
                memb[ix(v)] = best;
                ++moves;
                for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) {
                    const NodeId u = h.nbr[ix(e)];
                    if (memb[ix(u)] != best) active[ix(u)] = 1;
                }
            }
        }
        if (moves == 0) break;
        any = true;
    }
    return any;
}

/// The graph of communities: A'_CD = sum_{i in C, j in D} A_ij (the diagonal
/// kept apart), node weights summed.
WGraph aggregate(const WGraph& h, const std::vector<NodeId>& memb, NodeId k) {
    std::vector<EdgeIdx> start(ix(k) + 1, 0);
    for (NodeId v = 0; v < h.n; ++v) ++start[ix(memb[ix(v)]) + 1];
    for (NodeId c = 0; c < k; ++c) start[ix(c) + 1] += start[ix(c)];
    std::vector<NodeId> members(ix(h.n));
    {
        std::vector<EdgeIdx> pos(start.begin(), start.end() - 1);
        for (NodeId v = 0; v < h.n; ++v) members[ix(pos[ix(memb[ix(v)])]++)] = v;
    }
    WGraph a;
    a.n = k;
    a.off.assign(ix(k) + 1, 0);
    a.self.assign(ix(k), 0.0);
    a.node_w.assign(ix(k), 0.0);
    a.total = h.total;
    a.nbr.reserve(std::min(h.nbr.size(), ix(k) * 8));
    a.w.reserve(a.nbr.capacity());
    Accumulator acc(k);
    for (NodeId c = 0; c < k; ++c) {
        acc.start();
        double self = 0, nw = 0;
        for (EdgeIdx p = start[ix(c)]; p < start[ix(c) + 1]; ++p) {
            const NodeId v = members[ix(p)];
            self += h.self[ix(v)];
            nw += h.node_w[ix(v)];
            for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) {
                const NodeId d = memb[ix(h.nbr[ix(e)])];
                if (d == c) {
                    self += h.w[ix(e)];
                } else {
                    acc.add(d, h.w[ix(e)]);
                }
            }
        }
        std::sort(acc.touched.begin(), acc.touched.end());
        for (NodeId d : acc.touched) {
            a.nbr.push_back(d);
            a.w.push_back(acc.at(d));
        }
        a.off[ix(c) + 1] = static_cast<EdgeIdx>(a.nbr.size());
        a.self[ix(c)] = self;
        a.node_w[ix(c)] = nw;
    }
    return a;
}

/// Leiden's fast local moving: a queue of nodes (random order first); a node
/// that moves puts its neighbours outside its new community back in the queue.
/// An empty community is always a candidate. `memb` holds labels below h.n.
void fast_move(const WGraph& h, std::vector<NodeId>& memb, double gp, Rng& rng,
               const RunControl& ctl) {
    const NodeId n = h.n;
    std::vector<double> W(ix(n), 0.0);
    std::vector<NodeId> cnt(ix(n), 0);
    for (NodeId v = 0; v < n; ++v) {
        W[ix(memb[ix(v)])] += h.node_w[ix(v)];
        ++cnt[ix(memb[ix(v)])];
    }
    std::vector<NodeId> empties;
    for (NodeId c = n; c-- > 0;)
        if (cnt[ix(c)] == 0) empties.push_back(c);
    std::vector<NodeId> queue(ix(n));
    std::iota(queue.begin(), queue.end(), 0);
    rng.shuffle(queue);
    std::vector<char> queued(ix(n), 1);
    std::size_t head = 0, size = ix(n);
    Accumulator a(n);
    std::int64_t pops = 0;
    const std::int64_t max_pops = 1000 * static_cast<std::int64_t>(n) + 1000000;
    while (size > 0 && pops < max_pops) {
        if ((++pops & 0xFFFF) == 0) poll(ctl, 0, 0);
        const NodeId v = queue[head];
        head = (head + 1) % ix(n);
        --size;
        queued[ix(v)] = 0;
        const NodeId cur = memb[ix(v)];
        a.start();
        for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) a.add(memb[ix(h.nbr[ix(e)])], h.w[ix(e)]);
        const double wv = h.node_w[ix(v)];
        W[ix(cur)] -= wv;
        --cnt[ix(cur)];
        NodeId best = cur;
        const double kc = a.get(cur);
        double best_gain = kc - gp * wv * W[ix(cur)];
        double best_scale = kc + gp * wv * W[ix(cur)];
        for (NodeId c : a.touched) {
            if (c == cur) continue;
            const double k = a.at(c);
            const double pen = gp * wv * W[ix(c)];
            if (better(k - pen, k + pen, best_gain, best_scale)) {
                best = c;
                best_gain = k - pen;
                best_scale = k + pen;
            }
        }
        if (cnt[ix(cur)] > 0 && better(0.0, 0.0, best_gain, best_scale)) {
            best = empties.back();
            empties.pop_back();
        }
        memb[ix(v)] = best;
        W[ix(best)] += wv;
        ++cnt[ix(best)];
        if (best != cur) {
            if (cnt[ix(cur)] == 0) empties.push_back(cur);
            for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) {
                const NodeId u = h.nbr[ix(e)];
                if (!queued[ix(u)] && memb[ix(u)] != best) {
                    queue[(head + size) % ix(n)] = u;
                    ++size;
                    queued[ix(u)] = 1;
                }
            }
        }
    }
}

/// Leiden's refinement: within each community S of `memb` (labels 0..k-1),
/// singletons merge, well-connected nodes into well-connected subcommunities of
/// S, chosen at random with probability ~ exp(gain / theta) among gains >= 0
/// (staying alone has gain 0). Returns the refined membership (renumbered) and
/// its number of communities.
std::pair<std::vector<NodeId>, NodeId> refine(const WGraph& h, const std::vector<NodeId>& memb,
                                              NodeId k, double gp, double theta, Rng& rng,
                                              const RunControl& ctl) {
    const NodeId n = h.n;
    std::vector<double> WS(ix(k), 0.0);
    std::vector<double> kS(ix(n), 0.0);
    for (NodeId v = 0; v < n; ++v) {
        WS[ix(memb[ix(v)])] += h.node_w[ix(v)];
        double s = 0;
        for (EdgeIdx e = h.begin(v); e < h.end(v); ++e)
            if (memb[ix(h.nbr[ix(e)])] == memb[ix(v)]) s += h.w[ix(e)];
        kS[ix(v)] = s;
    }
    std::vector<NodeId> r(ix(n));
    std::iota(r.begin(), r.end(), 0);
    std::vector<double> Wr(h.node_w);
    std::vector<NodeId> rsize(ix(n), 1);
    std::vector<double> ext(kS);
    std::vector<NodeId> order(ix(n));
    std::iota(order.begin(), order.end(), 0);
    rng.shuffle(order);
    Accumulator a(n);
    std::vector<NodeId> cand;
    std::vector<double> gains;
    std::int64_t visits = 0;
    for (NodeId v : order) {
        if ((++visits & 0xFFFF) == 0) poll(ctl, 0, 0);
        if (r[ix(v)] != v || rsize[ix(v)] != 1) continue;  // not a singleton any more
        const NodeId S = memb[ix(v)];
        const double wv = h.node_w[ix(v)];
        if (kS[ix(v)] < gp * wv * (WS[ix(S)] - wv)) continue;  // v not well connected to S
        a.start();
        for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) {
            const NodeId u = h.nbr[ix(e)];
            if (memb[ix(u)] == S) a.add(r[ix(u)], h.w[ix(e)]);
        }
        cand.assign(1, v);
        gains.assign(1, 0.0);
        double max_gain = 0.0;
        for (NodeId c : a.touched) {
            const double wc = Wr[ix(c)];
            if (ext[ix(c)] < gp * wc * (WS[ix(S)] - wc)) continue;  // c not well connected
            const double gain = a.at(c) - gp * wv * wc;
            if (gain < 0) continue;
            cand.push_back(c);
            gains.push_back(gain);
            max_gain = std::max(max_gain, gain);
        }
        if (cand.size() == 1) continue;
        NodeId chosen = v;
        if (theta > 0) {
            double sum = 0;
            for (double& g : gains) {
                g = std::exp((g - max_gain) / theta);
                sum += g;
            }
            double u = rng.uniform() * sum;
            chosen = cand.back();
            for (std::size_t i = 0; i < cand.size(); ++i) {
                if (u < gains[i]) {
                    chosen = cand[i];
                    break;
                }
                u -= gains[i];
            }
        } else {
            for (std::size_t i = 0; i < cand.size(); ++i)
                if (gains[i] == max_gain) {
                    chosen = cand[i];
                    break;
                }
        }
        if (chosen == v) continue;
        r[ix(v)] = chosen;
        Wr[ix(chosen)] += wv;
        Wr[ix(v)] = 0;
        ++rsize[ix(chosen)];
        rsize[ix(v)] = 0;
        ext[ix(chosen)] += kS[ix(v)] - 2 * a.at(chosen);
    }
    const NodeId kr = renumber(r);
    return {std::move(r), kr};
}

/// Neumaier-compensated sum.
struct Sum {
    double s = 0, c = 0;
    void add(double x) {
        const double t = s + x;
        c += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
        s = t;
    }
    double value() const { return s + c; }
};

double quality_of(const WGraph& h, const std::vector<NodeId>& memb, const CommunityOptions& opt) {
    const NodeId n = h.n;
    NodeId k = 0;
    for (NodeId c : memb) k = std::max(k, static_cast<NodeId>(c + 1));
    std::vector<double> inside(ix(k), 0.0), W(ix(k), 0.0);
    for (NodeId v = 0; v < n; ++v) {
        const NodeId c = memb[ix(v)];
        W[ix(c)] += h.node_w[ix(v)];
        double s = h.self[ix(v)];
        for (EdgeIdx e = h.begin(v); e < h.end(v); ++e)
            if (memb[ix(h.nbr[ix(e)])] == c) s += h.w[ix(e)];
        inside[ix(c)] += s;
    }
    Sum q;
    if (opt.objective == CommunityObjective::Modularity) {
        if (!(h.total > 0)) return std::numeric_limits<double>::quiet_NaN();
        for (NodeId c = 0; c < k; ++c) {
            const double frac = W[ix(c)] / h.total;
            q.add(inside[ix(c)] / h.total - opt.resolution * frac * frac);
        }
    } else {
        for (NodeId c = 0; c < k; ++c)
            q.add(inside[ix(c)] / 2 - opt.resolution * W[ix(c)] * (W[ix(c)] - 1) / 2);
    }
    return q.value();
}

void check_options(const CommunityOptions& opt) {
    if (!(opt.resolution >= 0) || !std::isfinite(opt.resolution))
        throw InvalidArgument("resolution must be a finite number >= 0");
    if (!(opt.randomness >= 0) || !std::isfinite(opt.randomness))
        throw InvalidArgument("randomness must be a finite number >= 0");
}

CommunityResult finish(const WGraph& h, std::vector<NodeId>&& memb, const CommunityOptions& opt,
                       int levels, int iterations) {
    CommunityResult r;
    r.n_communities = renumber(memb);
    r.membership = std::move(memb);
    r.quality = quality_of(h, r.membership, opt);
    r.levels = levels;
    r.iterations = iterations;
    return r;
}

std::vector<NodeId> identity(NodeId n) {
    std::vector<NodeId> v(ix(n));
    std::iota(v.begin(), v.end(), 0);
    return v;
}

CommunityResult louvain_on(const WGraph& h, const CommunityOptions& opt, const RunControl& ctl) {
    const NodeId n = h.n;
    if (n == 0 || !(h.total > 0)) return finish(h, identity(n), opt, 0, 1);
    const double gp = scaled_resolution(h, opt);
    Rng rng(opt.seed, 0);
    std::vector<NodeId> map = identity(n);
    WGraph agg;
    const WGraph* cur = &h;
    std::vector<NodeId> memb;
    int levels = 0;
    while (true) {
        louvain_move(*cur, memb, gp, rng, ctl);
        const NodeId k = renumber(memb);
        if (k == cur->n) break;
        for (NodeId& m : map) m = memb[ix(m)];
        WGraph next = aggregate(*cur, memb, k);
        agg = std::move(next);
        cur = &agg;
        ++levels;
        poll(ctl, 0, 0);
    }
    // refinement: local moving of the actors themselves from the final partition
    if (levels > 0) louvain_move(h, map, gp, rng, ctl, false);
    return finish(h, std::move(map), opt, levels, 1);
}

CommunityResult leiden_on(const WGraph& h, const CommunityOptions& opt, const RunControl& ctl) {
    const NodeId n = h.n;
    if (n == 0 || !(h.total > 0)) return finish(h, identity(n), opt, 0, 0);
    const double gp = scaled_resolution(h, opt);
    Rng rng(opt.seed, 0);
    std::vector<NodeId> memb = identity(n);
    int levels = 0, it = 0;
    while (opt.n_iterations < 0 || it < opt.n_iterations) {
        const std::vector<NodeId> before = memb;
        std::vector<NodeId> P = memb;
        std::vector<NodeId> map = identity(n);
        WGraph agg;
        const WGraph* cur = &h;
        while (true) {
            fast_move(*cur, P, gp, rng, ctl);
            const NodeId k = renumber(P);
            if (k == cur->n) break;
            auto [r, kr] = refine(*cur, P, k, gp, opt.randomness, rng, ctl);
            if (kr == cur->n) {  // nothing merged: aggregate the unrefined partition (igraph)
                r = P;
                kr = k;
            }
            std::vector<NodeId> start(ix(kr));
            for (NodeId v = 0; v < cur->n; ++v) start[ix(r[ix(v)])] = P[ix(v)];
            for (NodeId& m : map) m = r[ix(m)];
            WGraph next = aggregate(*cur, r, kr);
            agg = std::move(next);
            cur = &agg;
            P = std::move(start);
            ++levels;
            poll(ctl, 0, 0);
        }
        for (NodeId i = 0; i < n; ++i) memb[ix(i)] = P[ix(map[ix(i)])];
        renumber(memb);
        ++it;
        if (opt.n_iterations < 0 && memb == before) break;
    }
    return finish(h, std::move(memb), opt, levels, it);
}

std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run) {
    return splitmix64(seed ^ splitmix64(run + 0x51ED2701ULL));
}

/// Runs [first, first + count) of a method on h into runs (count * n), in parallel.
void run_many(const WGraph& h, const CommunityOptions& opt, bool use_leiden, std::uint64_t first,
              int count, std::vector<NodeId>& runs, std::vector<double>& qualities,
              const RunControl& ctl) {
    const NodeId n = h.n;
    runs.assign(ix(count) * ix(n), 0);
    qualities.assign(ix(count), 0.0);
    const double work = static_cast<double>(count) * (static_cast<double>(h.nbr.size()) + n) * 20;
    parallel_for(count, threads_for(ctl, work, count), ctl, [&](std::int64_t r) {
        CommunityOptions o = opt;
        o.seed = run_seed(opt.seed, first + static_cast<std::uint64_t>(r));
        CommunityResult res = use_leiden ? leiden_on(h, o, ctl) : louvain_on(h, o, ctl);
        std::copy(res.membership.begin(), res.membership.end(), runs.begin() + r * n);
        qualities[ix(r)] = res.quality;
    });
}

}  // namespace

CommunityResult louvain(const CsrGraph& g, const CommunityOptions& opt, const RunControl& ctl) {
    check_options(opt);
    return louvain_on(from_csr(g, opt), opt, ctl);
}

CommunityResult leiden(const CsrGraph& g, const CommunityOptions& opt, const RunControl& ctl) {
    check_options(opt);
    return leiden_on(from_csr(g, opt), opt, ctl);
}

double community_quality(const CsrGraph& g, const std::vector<NodeId>& membership,
                         const CommunityOptions& opt) {
    check_options(opt);
    if (membership.size() != ix(g.num_nodes()))
        throw InvalidArgument("membership must have one entry per node");
    for (NodeId c : membership)
        if (c < 0 || c >= g.num_nodes()) throw InvalidArgument("membership values must be in [0, n)");
    return quality_of(from_csr(g, opt), membership, opt);
}

EnsembleResult community_ensemble(const CsrGraph& g, const CommunityOptions& opt, bool use_leiden,
                                  int n_runs, double threshold, int max_rounds,
                                  const RunControl& ctl) {
    check_options(opt);
    if (n_runs < 1) throw InvalidArgument("n_runs must be at least 1");
    if (!(threshold >= 0 && threshold <= 1)) throw InvalidArgument("threshold must be in [0, 1]");
    if (max_rounds < 0) throw InvalidArgument("max_rounds must be >= 0");
    const WGraph h = from_csr(g, opt);
    const NodeId n = h.n;
    EnsembleResult out;
    out.n = n;
    out.n_runs = n_runs;
    run_many(h, opt, use_leiden, 0, n_runs, out.runs, out.qualities, ctl);
    check_allocation("co-assignment matrix", static_cast<double>(n) * n, 8.0);
    std::vector<NodeId> runs = out.runs;
    std::vector<double> qual;
    std::vector<double> D(ix(n) * ix(n));
    std::vector<EdgeIdx> start;
    std::vector<NodeId> members(ix(n));
    CommunityOptions copt = opt;
    copt.weighted = true;
    for (int round = 0;; ++round) {
        bool same = true;
        for (int r = 1; r < n_runs && same; ++r)
            same = std::equal(runs.begin(), runs.begin() + n, runs.begin() + r * n);
        if (same) {
            out.consensus.assign(runs.begin(), runs.begin() + n);
            out.consensus_converged = true;
            out.consensus_rounds = round;
            break;
        }
        if (round == max_rounds) {
            // no agreement: the partition found most often in the last round (first on ties)
            int best = 0, best_count = 0;
            for (int r = 0; r < n_runs; ++r) {
                int c = 0;
                for (int s = 0; s < n_runs; ++s)
                    c += std::equal(runs.begin() + r * n, runs.begin() + (r + 1) * n,
                                    runs.begin() + s * n);
                if (c > best_count) {
                    best = r;
                    best_count = c;
                }
            }
            out.consensus.assign(runs.begin() + best * n, runs.begin() + (best + 1) * n);
            out.consensus_rounds = round;
            break;
        }
        std::fill(D.begin(), D.end(), 0.0);
        for (int r = 0; r < n_runs; ++r) {
            const NodeId* m = runs.data() + ix(r) * ix(n);
            NodeId k = 0;
            for (NodeId i = 0; i < n; ++i) k = std::max(k, static_cast<NodeId>(m[i] + 1));
            start.assign(ix(k) + 1, 0);
            for (NodeId i = 0; i < n; ++i) ++start[ix(m[i]) + 1];
            for (NodeId c = 0; c < k; ++c) start[ix(c) + 1] += start[ix(c)];
            std::vector<EdgeIdx> pos(start.begin(), start.end() - 1);
            for (NodeId i = 0; i < n; ++i) members[ix(pos[ix(m[i])]++)] = i;
            for (NodeId c = 0; c < k; ++c)
                for (EdgeIdx p = start[ix(c)]; p < start[ix(c) + 1]; ++p)
                    for (EdgeIdx q = p + 1; q < start[ix(c) + 1]; ++q) {
                        const NodeId i = members[ix(p)], j = members[ix(q)];
                        D[ix(std::min(i, j)) * ix(n) + ix(std::max(i, j))] += 1.0;
                    }
            poll(ctl, 0, 0);
        }
        EdgeList el;
        for (NodeId i = 0; i < n; ++i)
            for (NodeId j = i + 1; j < n; ++j) {
                const double d = D[ix(i) * ix(n) + ix(j)] / n_runs;
                if (d > 0 && d >= threshold) {
                    el.sources.push_back(i);
                    el.targets.push_back(j);
                    el.weights.push_back(d);
                }
            }
        const CsrGraph dg = build_graph(n, el, BuildOptions{});
        run_many(from_csr(dg, copt), copt, use_leiden,
                 static_cast<std::uint64_t>(round + 1) * static_cast<std::uint64_t>(n_runs), n_runs,
                 runs, qual, ctl);
    }
    return out;
}

std::vector<NodeId> connected_components(const CsrGraph& g, bool strong, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    std::vector<NodeId> raw(ix(n));
    const auto& off = g.out_offsets();
    const auto& tgt = g.out_targets();
    NodeId k = 0;
    if (!strong || !g.directed()) {
        // union–find: union by index (the smaller root wins), path halving
        std::vector<NodeId> parent(ix(n));
        std::iota(parent.begin(), parent.end(), 0);
        auto find = [&](NodeId x) {
            while (parent[ix(x)] != x) {
                parent[ix(x)] = parent[ix(parent[ix(x)])];
                x = parent[ix(x)];
            }
            return x;
        };
        for (NodeId v = 0; v < n; ++v) {
            if ((v & 0xFFFFF) == 0) ctl.checkpoint(v, n);
            for (EdgeIdx e = off[ix(v)]; e < off[ix(v) + 1]; ++e) {
                const NodeId u = tgt[ix(e)];
                if (!g.directed() && u < v) continue;  // each undirected tie once
                NodeId a = find(v), b = find(u);
                if (a == b) continue;
                if (a < b) std::swap(a, b);
                parent[ix(a)] = b;
            }
        }
        std::vector<NodeId> code(ix(n), -1);
        for (NodeId v = 0; v < n; ++v) {
            const NodeId r = find(v);
            if (code[ix(r)] < 0) code[ix(r)] = k++;
            raw[ix(v)] = code[ix(r)];
        }
    } else {
        // iterative Tarjan; a node without in- or out-arcs is its own component
        // at once, and raw[u] >= 0 marks a node whose component is known (so no
        // on-stack flags are needed)
        std::fill(raw.begin(), raw.end(), -1);
        for (NodeId v = 0; v < n; ++v)
            if (g.out_degree(v) == 0 || g.in_degree(v) == 0) raw[ix(v)] = k++;
        std::vector<NodeId> index(ix(n), -1), low(ix(n), 0);
        std::vector<NodeId> stack;
        std::vector<std::pair<NodeId, EdgeIdx>> calls;
        NodeId t = 0;
        for (NodeId s = 0; s < n; ++s) {
            if (raw[ix(s)] >= 0 || index[ix(s)] >= 0) continue;
            if ((s & 0xFFFF) == 0) ctl.checkpoint(t, n);
            index[ix(s)] = low[ix(s)] = t++;
            stack.push_back(s);
            calls.emplace_back(s, off[ix(s)]);
            while (!calls.empty()) {
                const NodeId v = calls.back().first;
                EdgeIdx& e = calls.back().second;
                if (e < off[ix(v) + 1]) {
                    const NodeId u = tgt[ix(e)];
                    ++e;
                    if (raw[ix(u)] >= 0) continue;  // in a finished component
                    if (index[ix(u)] < 0) {
                        index[ix(u)] = low[ix(u)] = t++;
                        stack.push_back(u);
                        calls.emplace_back(u, off[ix(u)]);
                    } else {
                        low[ix(v)] = std::min(low[ix(v)], index[ix(u)]);
                    }
                    continue;
                }
                if (low[ix(v)] == index[ix(v)]) {
                    NodeId x;
                    do {
                        x = stack.back();
                        stack.pop_back();
                        raw[ix(x)] = k;
                    } while (x != v);
                    ++k;
                }
                calls.pop_back();
                if (!calls.empty()) {
                    const NodeId p = calls.back().first;
                    low[ix(p)] = std::min(low[ix(p)], low[ix(v)]);
                }
            }
        }
    }
    // number by size (largest first), ties by first node: comps in order of
    // first appearance, then a stable counting sort by size (O(n + k))
    std::vector<NodeId> size(ix(k), 0), seen_order;
    seen_order.reserve(ix(k));
    std::vector<char> seen(ix(k), 0);
    for (NodeId v = 0; v < n; ++v) {
        const NodeId c = raw[ix(v)];
        ++size[ix(c)];
        if (!seen[ix(c)]) {
            seen[ix(c)] = 1;
            seen_order.push_back(c);
        }
    }
    std::vector<NodeId> start(ix(n) + 2, 0);  // start[s]: comps larger than s come first
    for (NodeId c = 0; c < k; ++c) ++start[ix(n - size[ix(c)]) + 1];
    for (NodeId i = 0; i <= n; ++i) start[ix(i) + 1] += start[ix(i)];
    std::vector<NodeId> rank(ix(k));
    for (NodeId c : seen_order) rank[ix(c)] = start[ix(n - size[ix(c)])]++;
    for (NodeId& c : raw) c = rank[ix(c)];
    return raw;
}

}  // namespace govnet
