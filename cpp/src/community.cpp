// Community detection: Louvain (Blondel et al. 2008), Leiden (Traag et al. 2019),
// an ensemble with Lancichinetti & Fortunato's consensus clustering, and connected
// components (union–find, iterative Tarjan).
//
// A seed fixes the result for any thread count: one Rng seeded from the options
// orders the nodes; the parallel parts (batches of local moving, refinement by
// community with per-community streams, aggregation by ranges) split the work by
// rules of the graph alone; the ensemble runs its members in parallel, each with
// its own seeded stream.

#include <govnet/community.hpp>
#include <govnet/parallel.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>
#include <type_traits>
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
    std::vector<double> w;         ///< empty: every tie weighs 1 (an unweighted read)
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
    if (opt.weighted) h.w.reserve(cap);
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
            if (opt.weighted) h.w.push_back(val);
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

/// Threads for one call: `threads` is the most a phase may use (1 inside the
/// ensemble, whose runs are the parallel tasks); each phase takes fewer when small.
struct Exec {
    const RunControl& ctl;
    int threads = 1;
    int for_work(double work) const { return std::min(threads, threads_for(ctl, work)); }
};

/// body(part, lo, hi) over [0, count) cut into `parts` contiguous ranges of about
/// equal work (prefix[i]: work of items [0, i); empty: equal items), one range per thread. Callers
/// make each item's result independent of the cut, so it never changes a result.
template <class Body>
void for_parts(std::int64_t count, const std::vector<double>& prefix, int parts, const Exec& ex,
               Body&& body) {
    auto cut = [&](int p) {
        if (p == 0) return std::int64_t{0};
        if (p == parts) return count;
        if (prefix.empty()) return count * p / parts;  // items of equal work
        const double target = prefix[ix(count)] * p / parts;
        return static_cast<std::int64_t>(std::lower_bound(prefix.begin(), prefix.end(), target) -
                                         prefix.begin());
    };
    if (parts <= 1) {
        body(0, std::int64_t{0}, count);
        return;
    }
    parallel_for(
        parts, parts, ex.ctl,
        [&](std::int64_t p) {
            const int q = static_cast<int>(p);
            body(q, std::min(cut(q), count), std::min(cut(q + 1), count));
        },
        Schedule::Static);
}

template <bool Unit>
inline double weight(const WGraph& h, EdgeIdx e) {
    if constexpr (Unit) {
        return 1.0;
    } else {
        return h.w[ix(e)];
    }
}

/// f(std::true_type{}) on an unweighted read (no weight array), else f(std::false_type{}).
template <class F>
auto by_weights(const WGraph& h, F&& f) {
    return h.w.empty() ? f(std::true_type{}) : f(std::false_type{});
}

inline void prefetch(const void* p) { __builtin_prefetch(p); }

/// Scratch for the tie weight from one node to each neighbouring community, the
/// communities in the order first met. A node of few ties finds a community in
/// the short list by a scan (no scattered access); one of many ties through
/// `slot` (dense over the labels, -1 when absent).
struct Neighbourhood {
    static constexpr EdgeIdx kShortList = 24;
    std::vector<NodeId> comm;
    std::vector<double> acc;
    std::vector<std::int32_t> slot;
    explicit Neighbourhood(NodeId labels) : slot(ix(labels), -1) {}

    /// Collects sum of A_vu by key(u) over the neighbours u with key(u) >= 0.
    template <bool Unit, class Key>
    void gather(const WGraph& h, NodeId v, Key&& key) {
        comm.clear();
        acc.clear();
        const EdgeIdx b = h.begin(v), e = h.end(v);
        if (e - b <= kShortList) {
            for (EdgeIdx i = b; i < e; ++i) {
                const NodeId c = key(h.nbr[ix(i)]);
                if (c < 0) continue;
                std::size_t j = 0;
                while (j < comm.size() && comm[j] != c) ++j;
                if (j == comm.size()) {
                    comm.push_back(c);
                    acc.push_back(weight<Unit>(h, i));
                } else {
                    acc[j] += weight<Unit>(h, i);
                }
            }
            return;
        }
        for (EdgeIdx i = b; i < e; ++i) {
            const NodeId c = key(h.nbr[ix(i)]);
            if (c < 0) continue;
            std::int32_t& s = slot[ix(c)];
            if (s < 0) {
                s = static_cast<std::int32_t>(comm.size());
                comm.push_back(c);
                acc.push_back(weight<Unit>(h, i));
            } else {
                acc[ix(s)] += weight<Unit>(h, i);
            }
        }
        for (NodeId c : comm) slot[ix(c)] = -1;
    }
};

/// Relative tolerance of a strict improvement (keeps rounding from moving a node
/// back and forth between two communities of equal gain).
constexpr double kTol = 1e-12;

inline bool better(double gain, double scale, double best_gain, double best_scale) {
    return gain > best_gain + kTol * std::max(scale, best_scale);
}

constexpr NodeId kEmpty = -1;

/// A node's chosen move: community `to` (kEmpty: a new, empty one), with its
/// tie weights to `to` and to its own community (to re-check a batch's moves).
struct Move {
    NodeId to;
    double k_to, k_cur;
};

/// The best community for v by the gain k_{v,C} - gp w_v W_C (v out of its own
/// community `cur`; staying wins ties); an empty community when `offer_empty`
/// and v is not alone.
Move best_move(const Neighbourhood& nb, NodeId cur, double wv, double gp, const double* W,
               bool offer_empty, bool alone) {
    double kc = 0;
    for (std::size_t j = 0; j < nb.comm.size(); ++j)
        if (nb.comm[j] == cur) kc = nb.acc[j];
    const double wc = gp * wv * (W[cur] - wv);
    Move m{cur, kc, kc};
    double best_gain = kc - wc, best_scale = kc + wc;
    for (std::size_t j = 0; j < nb.comm.size(); ++j) {
        const NodeId c = nb.comm[j];
        if (c == cur) continue;
        const double k = nb.acc[j], pen = gp * wv * W[c];
        if (better(k - pen, k + pen, best_gain, best_scale)) {
            m.to = c;
            m.k_to = k;
            best_gain = k - pen;
            best_scale = k + pen;
        }
    }
    if (offer_empty && !alone && better(0.0, 0.0, best_gain, best_scale)) {
        m.to = kEmpty;
        m.k_to = 0;
    }
    return m;
}

/// Nodes of a batch of the local moving phase: none on small graphs (each move
/// decided against the state of the moment), else about n^2 / (64 arcs), so that
/// few nodes of a batch are neighbours. Depends on the graph only.
std::size_t batch_size(const WGraph& h) {
    const double n = h.n, arcs = static_cast<double>(h.nbr.size()) + 1;
    const double b = n * n / (64 * arcs);
    return b < 64 || n < 65536 ? 1 : static_cast<std::size_t>(std::min(b, 4096.0));
}

/// Local moving (Leiden's fast local moving, Traag et al. 2019, for Louvain too):
/// a queue of the nodes in a random order; each moves to its best community, and
/// a node that moves puts its neighbours outside its new community back in the
/// queue (Ozaki et al. 2016's pruning). Leiden also offers an empty community.
/// On large graphs a batch of queued nodes decides its moves in parallel against
/// the state before the batch, then the moves apply in queue order: a node with a
/// neighbour moved in the batch decides again, the others re-check their gain
/// against the community weights of the moment (so every move is exact, and
/// two neighbours cannot swap forever). `memb` holds labels below h.n.
template <bool Unit>
void move_nodes(std::bool_constant<Unit>, const WGraph& h, std::vector<NodeId>& memb, double gp,
                bool offer_empty, Rng& rng, const Exec& ex) {
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
    // per node: kQueued, and kMoved while it has moved in the current batch
    constexpr char kQueued = 1, kMoved = 2;
    std::vector<char> flag(ix(n), kQueued);
    std::size_t head = 0, size = ix(n);
    const std::size_t B = batch_size(h);
    const int T = B > 1 ? ex.for_work(static_cast<double>(h.nbr.size()) + n) : 1;
    std::vector<Neighbourhood> nbs(ix(T), Neighbourhood(n));
    std::vector<NodeId> batch(B);
    std::vector<Move> moves(B);
    std::vector<NodeId> moved_now;
    // nodes 12, 6, 3 places ahead: their adjacency, then their neighbours' labels in cache
    auto ahead = [&](auto&& at, std::size_t avail) {
        if (avail > 12) prefetch(&h.off[ix(at(12))]);
        if (avail > 6) {
            const EdgeIdx b = h.begin(at(6));
            prefetch(&h.nbr[ix(b)]);
            if constexpr (!Unit) prefetch(&h.w[ix(b)]);
        }
        if (avail > 3) {  // a hub's long scan needs no hint
            const NodeId u = at(3);
            const EdgeIdx e0 = h.begin(u), e1 = std::min(h.end(u), e0 + Neighbourhood::kShortList);
            for (EdgeIdx e = e0; e < e1; ++e) prefetch(&memb[ix(h.nbr[ix(e)])]);
        }
    };
    auto decide = [&](NodeId v, Neighbourhood& nb) {
        nb.gather<Unit>(h, v, [&](NodeId u) { return memb[ix(u)]; });
        const NodeId cur = memb[ix(v)];
        return best_move(nb, cur, h.node_w[ix(v)], gp, W.data(), offer_empty, cnt[ix(cur)] == 1);
    };
    std::int64_t pops = 0;
    const std::int64_t max_pops = 1000 * static_cast<std::int64_t>(n) + 1000000;
    while (size > 0 && pops < max_pops) {
        const std::size_t b = std::min(B, size);
        for (std::size_t j = 0; j < b; ++j) flag[ix(batch[j] = queue[(head + j) % ix(n)])] = 0;
        if ((pops & 0xFFFF) + static_cast<std::int64_t>(b) > 0xFFFF) poll(ex.ctl, 0, 0);
        pops += static_cast<std::int64_t>(b);
        if (b == 1) {  // one node at a time, prefetching from the queue
            ahead(
                [&](std::size_t j) {
                    const std::size_t p = head + j;
                    return queue[p < ix(n) ? p : p - ix(n)];
                },
                size);
            moves[0] = decide(batch[0], nbs[0]);
        } else {
            for_parts(static_cast<std::int64_t>(b), {}, T, ex,
                      [&](int part, std::int64_t lo, std::int64_t hi) {
                          for (std::int64_t j = lo; j < hi; ++j) {
                              ahead([&](std::size_t d) { return batch[ix(j) + d]; }, ix(hi - j));
                              moves[ix(j)] = decide(batch[ix(j)], nbs[ix(part)]);
                          }
                      });
        }
        head = (head + b) % ix(n);
        size -= b;
        for (std::size_t j = 0; j < b; ++j) {
            const NodeId v = batch[j];
            if (b > 1 && j + 8 < b && moves[j + 8].to != memb[ix(batch[j + 8])]) {
                const NodeId x = batch[j + 8];  // a mover ahead: its neighbours' flags and labels
                const EdgeIdx e1 = std::min(h.end(x), h.begin(x) + Neighbourhood::kShortList);
                for (EdgeIdx e = h.begin(x); e < e1; ++e) {
                    prefetch(&flag[ix(h.nbr[ix(e)])]);
                    prefetch(&memb[ix(h.nbr[ix(e)])]);
                }
            }
            Move m = moves[j];
            const NodeId cur = memb[ix(v)];
            if (m.to == cur) continue;
            const double wv = h.node_w[ix(v)];
            if (b > 1) {  // decided against the state before the batch
                bool stale = false;
                for (EdgeIdx e = h.begin(v); e < h.end(v) && !stale; ++e)
                    stale = (flag[ix(h.nbr[ix(e)])] & kMoved) != 0;
                if (stale) {  // a neighbour moved since: decide again
                    m = decide(v, nbs[0]);
                } else {  // only community weights changed: re-check the gain
                    const double wc = gp * wv * (W[ix(cur)] - wv);
                    const double pen = m.to == kEmpty ? 0.0 : gp * wv * W[ix(m.to)];
                    if ((m.to == kEmpty && cnt[ix(cur)] == 1) ||
                        !better(m.k_to - pen, m.k_to + pen, m.k_cur - wc, m.k_cur + wc))
                        continue;
                }
                if (m.to == cur) continue;
                flag[ix(v)] |= kMoved;
                moved_now.push_back(v);
            }
            NodeId to = m.to;
            if (to == kEmpty) {
                to = empties.back();
                empties.pop_back();
            }
            W[ix(cur)] -= wv;
            W[ix(to)] += wv;
            --cnt[ix(cur)];
            ++cnt[ix(to)];
            if (cnt[ix(cur)] == 0) empties.push_back(cur);
            memb[ix(v)] = to;
            for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) {
                const NodeId u = h.nbr[ix(e)];
                if (!(flag[ix(u)] & kQueued) && memb[ix(u)] != to) {
                    queue[(head + size) % ix(n)] = u;
                    ++size;
                    flag[ix(u)] |= kQueued;
                }
            }
        }
        for (NodeId v : moved_now) flag[ix(v)] &= ~kMoved;
        moved_now.clear();
    }
}

/// Members of each community (labels 0..k-1), in node order: start[k + 1], list.
void members_of(const std::vector<NodeId>& memb, NodeId k, std::vector<EdgeIdx>& start,
                std::vector<NodeId>& list) {
    start.assign(ix(k) + 1, 0);
    for (NodeId c : memb) ++start[ix(c) + 1];
    for (NodeId c = 0; c < k; ++c) start[ix(c) + 1] += start[ix(c)];
    list.resize(memb.size());
    std::vector<EdgeIdx> pos(start.begin(), start.end() - 1);
    for (std::size_t v = 0; v < memb.size(); ++v)
        list[ix(pos[ix(memb[v])]++)] = static_cast<NodeId>(v);
}

/// prefix[c]: the work (members and their ties) of communities [0, c).
std::vector<double> community_work(const WGraph& h, const std::vector<EdgeIdx>& start,
                                   const std::vector<NodeId>& list) {
    const std::size_t k = start.size() - 1;
    std::vector<double> prefix(k + 1, 0.0);
    for (std::size_t c = 0; c < k; ++c) {
        double s = 0;
        for (EdgeIdx p = start[c]; p < start[c + 1]; ++p) {
            const NodeId v = list[ix(p)];
            s += 1 + static_cast<double>(h.end(v) - h.begin(v));
        }
        prefix[c + 1] = prefix[c] + s;
    }
    return prefix;
}

/// The graph of communities: A'_CD = sum_{i in C, j in D} A_ij (the diagonal
/// kept apart), node weights summed; a community's neighbours in the order first
/// met from its members in node order. Built by contiguous ranges of communities
/// in parallel, joined in order.
template <bool Unit>
WGraph aggregate(std::bool_constant<Unit>, const WGraph& h, const std::vector<NodeId>& memb,
                 NodeId k, const Exec& ex) {
    std::vector<EdgeIdx> start;
    std::vector<NodeId> members;
    members_of(memb, k, start, members);
    WGraph a;
    a.n = k;
    a.off.assign(ix(k) + 1, 0);
    a.self.assign(ix(k), 0.0);
    a.node_w.assign(ix(k), 0.0);
    a.total = h.total;
    const std::vector<double> prefix = community_work(h, start, members);
    const int T = ex.for_work(prefix[ix(k)]);
    std::vector<std::vector<NodeId>> nbr(ix(T));
    std::vector<std::vector<double>> w(ix(T));
    std::vector<NodeId> first(ix(T) + 1, k);
    for_parts(k, prefix, T, ex, [&](int part, std::int64_t lo, std::int64_t hi) {
        first[ix(part)] = static_cast<NodeId>(lo);
        std::vector<std::int32_t> slot(ix(k), -1);
        std::vector<NodeId>& out = nbr[ix(part)];
        std::vector<double>& ow = w[ix(part)];
        // at most the range's ties: no regrowth
        const auto most = ix(static_cast<std::int64_t>(prefix[ix(hi)] - prefix[ix(lo)]) -
                             (start[ix(hi)] - start[ix(lo)]));
        out.reserve(most);
        ow.reserve(most);
        for (auto c = static_cast<NodeId>(lo); c < hi; ++c) {
            const std::size_t row = out.size();
            double self = 0, nw = 0;
            for (EdgeIdx p = start[ix(c)]; p < start[ix(c) + 1]; ++p) {
                const NodeId v = members[ix(p)];
                self += h.self[ix(v)];
                nw += h.node_w[ix(v)];
                for (EdgeIdx e = h.begin(v); e < h.end(v); ++e) {
                    const NodeId d = memb[ix(h.nbr[ix(e)])];
                    if (d == c) {
                        self += weight<Unit>(h, e);
                        continue;
                    }
                    std::int32_t& s = slot[ix(d)];
                    if (s < 0) {
                        s = static_cast<std::int32_t>(out.size() - row);
                        out.push_back(d);
                        ow.push_back(weight<Unit>(h, e));
                    } else {
                        ow[row + ix(s)] += weight<Unit>(h, e);
                    }
                }
            }
            for (std::size_t j = row; j < out.size(); ++j) slot[ix(out[j])] = -1;
            a.off[ix(c) + 1] = static_cast<EdgeIdx>(out.size() - row);
            a.self[ix(c)] = self;
            a.node_w[ix(c)] = nw;
        }
    });
    for (NodeId c = 0; c < k; ++c) a.off[ix(c) + 1] += a.off[ix(c)];
    a.nbr.resize(ix(a.off[ix(k)]));
    a.w.resize(a.nbr.size());
    parallel_for(
        T, T, ex.ctl,
        [&](std::int64_t p) {
            const EdgeIdx at = a.off[ix(first[ix(p)])];
            std::copy(nbr[ix(p)].begin(), nbr[ix(p)].end(), a.nbr.begin() + at);
            std::copy(w[ix(p)].begin(), w[ix(p)].end(), a.w.begin() + at);
        },
        Schedule::Static);
    return a;
}

/// Leiden's refinement: within each community S of `memb` (labels 0..k-1),
/// singletons merge, well-connected nodes into well-connected subcommunities of
/// S, chosen at random with probability ~ exp(gain / theta) among gains >= 0
/// (staying alone has gain 0). Nodes are visited in one random order; each
/// community draws from its own stream (seeded from rng and its label), so the
/// communities are refined in parallel. Returns the refined membership
/// (renumbered) and its number of communities.
template <bool Unit>
std::pair<std::vector<NodeId>, NodeId> refine(std::bool_constant<Unit>, const WGraph& h,
                                              const std::vector<NodeId>& memb, NodeId k,
                                              double gp, double theta, Rng& rng, const Exec& ex) {
    const NodeId n = h.n;
    const int T = ex.for_work(static_cast<double>(h.nbr.size()) + n);
    std::vector<double> kS(ix(n), 0.0);
    std::vector<double> node_prefix(ix(n) + 1);
    for (NodeId v = 0; v <= n; ++v) node_prefix[ix(v)] = static_cast<double>(h.off[ix(v)] + v);
    for_parts(n, node_prefix, T, ex, [&](int, std::int64_t lo, std::int64_t hi) {
        for (auto v = static_cast<NodeId>(lo); v < hi; ++v) {
            double s = 0;
            for (EdgeIdx e = h.begin(v); e < h.end(v); ++e)
                if (memb[ix(h.nbr[ix(e)])] == memb[ix(v)]) s += weight<Unit>(h, e);
            kS[ix(v)] = s;
        }
    });
    std::vector<double> WS(ix(k), 0.0);
    for (NodeId v = 0; v < n; ++v) WS[ix(memb[ix(v)])] += h.node_w[ix(v)];
    std::vector<NodeId> order(ix(n));
    std::iota(order.begin(), order.end(), 0);
    rng.shuffle(order);
    const std::uint64_t seed = rng.next();
    // the random order grouped by community (a stable counting sort)
    std::vector<EdgeIdx> start;
    std::vector<NodeId> list;
    {
        std::vector<NodeId> by(ix(n));
        for (NodeId i = 0; i < n; ++i) by[ix(i)] = memb[ix(order[ix(i)])];
        members_of(by, k, start, list);
        for (NodeId& p : list) p = order[ix(p)];
    }
    const std::vector<double> prefix = community_work(h, start, list);
    std::vector<NodeId> r(ix(n));
    std::iota(r.begin(), r.end(), 0);
    std::vector<double> Wr(h.node_w);
    std::vector<NodeId> rsize(ix(n), 1);
    std::vector<double> ext(kS);
    for_parts(k, prefix, T, ex, [&](int, std::int64_t lo, std::int64_t hi) {
        Neighbourhood a(n);
        std::vector<NodeId> cand;
        std::vector<double> gains, kc;
        std::int64_t visits = 0;
        for (auto S = static_cast<NodeId>(lo); S < hi; ++S) {
            Rng draw(seed, static_cast<std::uint64_t>(S));
            for (EdgeIdx p = start[ix(S)]; p < start[ix(S) + 1]; ++p) {
                if ((++visits & 0xFFFF) == 0) poll(ex.ctl, 0, 0);
                const NodeId v = list[ix(p)];
                if (r[ix(v)] != v || rsize[ix(v)] != 1) continue;  // not a singleton any more
                const double wv = h.node_w[ix(v)];
                if (kS[ix(v)] < gp * wv * (WS[ix(S)] - wv)) continue;  // v not well connected to S
                a.gather<Unit>(h, v, [&](NodeId u) { return memb[ix(u)] == S ? r[ix(u)] : -1; });
                cand.assign(1, v);
                gains.assign(1, 0.0);
                kc.assign(1, 0.0);
                double max_gain = 0.0;
                for (std::size_t j = 0; j < a.comm.size(); ++j) {
                    const NodeId c = a.comm[j];
                    const double wc = Wr[ix(c)];
                    if (ext[ix(c)] < gp * wc * (WS[ix(S)] - wc)) continue;  // c not well connected
                    const double gain = a.acc[j] - gp * wv * wc;
                    if (gain < 0) continue;
                    cand.push_back(c);
                    gains.push_back(gain);
                    kc.push_back(a.acc[j]);
                    max_gain = std::max(max_gain, gain);
                }
                if (cand.size() == 1) continue;
                std::size_t chosen = 0;
                if (theta > 0) {
                    double sum = 0;
                    for (double& g : gains) {
                        g = std::exp((g - max_gain) / theta);
                        sum += g;
                    }
                    double u = draw.uniform() * sum;
                    chosen = cand.size() - 1;
                    for (std::size_t i = 0; i < cand.size(); ++i) {
                        if (u < gains[i]) {
                            chosen = i;
                            break;
                        }
                        u -= gains[i];
                    }
                } else {  // the first largest gain
                    chosen = ix(std::max_element(gains.begin(), gains.end()) - gains.begin());
                }
                if (chosen == 0) continue;
                const NodeId c = cand[chosen];
                r[ix(v)] = c;
                Wr[ix(c)] += wv;
                Wr[ix(v)] = 0;
                ++rsize[ix(c)];
                rsize[ix(v)] = 0;
                ext[ix(c)] += kS[ix(v)] - 2 * kc[chosen];
            }
        }
    });
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
            if (memb[ix(h.nbr[ix(e)])] == c) s += h.w.empty() ? 1.0 : h.w[ix(e)];
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

CommunityResult louvain_on(const WGraph& h, const CommunityOptions& opt, const Exec& ex) {
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
        memb = identity(cur->n);
        by_weights(*cur, [&](auto u) { return move_nodes(u, *cur, memb, gp, false, rng, ex); });
        const NodeId k = renumber(memb);
        if (k == cur->n) break;
        for (NodeId& m : map) m = memb[ix(m)];
        WGraph next = by_weights(*cur, [&](auto u) { return aggregate(u, *cur, memb, k, ex); });
        agg = std::move(next);
        cur = &agg;
        ++levels;
        poll(ex.ctl, 0, 0);
    }
    // refinement: local moving of the actors themselves from the final partition
    if (levels > 0)
        by_weights(h, [&](auto u) { return move_nodes(u, h, map, gp, false, rng, ex); });
    return finish(h, std::move(map), opt, levels, 1);
}

CommunityResult leiden_on(const WGraph& h, const CommunityOptions& opt, const Exec& ex) {
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
            by_weights(*cur, [&](auto u) { return move_nodes(u, *cur, P, gp, true, rng, ex); });
            const NodeId k = renumber(P);
            if (k == cur->n) break;
            // named references, not a structured binding: C++17 lambdas cannot capture those
            auto refined = by_weights(
                *cur, [&](auto u) { return refine(u, *cur, P, k, gp, opt.randomness, rng, ex); });
            auto& r = std::get<0>(refined);
            auto& kr = std::get<1>(refined);
            if (kr == cur->n) {  // nothing merged: aggregate the unrefined partition (igraph)
                r = P;
                kr = k;
            }
            std::vector<NodeId> start(ix(kr));
            for (NodeId v = 0; v < cur->n; ++v) start[ix(r[ix(v)])] = P[ix(v)];
            for (NodeId& m : map) m = r[ix(m)];
            WGraph next = by_weights(*cur, [&](auto u) { return aggregate(u, *cur, r, kr, ex); });
            agg = std::move(next);
            cur = &agg;
            P = std::move(start);
            ++levels;
            poll(ex.ctl, 0, 0);
        }
        for (NodeId i = 0; i < n; ++i) memb[ix(i)] = P[ix(map[ix(i)])];
        renumber(memb);
        ++it;
        if (opt.n_iterations < 0 && memb == before) break;
    }
    return finish(h, std::move(memb), opt, levels, it);
}

/// The threads of one method call: the caller's, for a graph large enough.
Exec top_level(const WGraph& h, const RunControl& ctl) {
    return Exec{ctl, threads_for(ctl, 20 * (static_cast<double>(h.nbr.size()) + h.n))};
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
        const Exec one{ctl, 1};  // the runs are the parallel tasks
        CommunityResult res = use_leiden ? leiden_on(h, o, one) : louvain_on(h, o, one);
        std::copy(res.membership.begin(), res.membership.end(), runs.begin() + r * n);
        qualities[ix(r)] = res.quality;
    });
}

}  // namespace

CommunityResult louvain(const CsrGraph& g, const CommunityOptions& opt, const RunControl& ctl) {
    check_options(opt);
    const WGraph h = from_csr(g, opt);
    return louvain_on(h, opt, top_level(h, ctl));
}

CommunityResult leiden(const CsrGraph& g, const CommunityOptions& opt, const RunControl& ctl) {
    check_options(opt);
    const WGraph h = from_csr(g, opt);
    return leiden_on(h, opt, top_level(h, ctl));
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
