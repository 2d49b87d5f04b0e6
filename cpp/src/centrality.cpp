#include <govnet/centrality.hpp>
#include <govnet/parallel.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

#if __has_include(<Spectra/SymEigsSolver.h>)
#include <Spectra/SymEigsSolver.h>
#define GOVNET_HAVE_SPECTRA 1
#endif

namespace govnet {
namespace {

/// Sum of x over v's in-neighbours, weighted by the tie weights when asked.
inline double in_sum(const CsrGraph& g, NodeId v, const std::vector<double>& x, bool weighted) {
    auto nb = g.in_neighbors(v);
    return gather_sum(nb.data(), weighted ? g.in_weights(v).data() : nullptr, nb.size(), x.data());
}

inline std::size_t ix(NodeId v) { return static_cast<std::size_t>(v); }

/// 2^-e with the largest weight times it in [1, 2) (1 unweighted or without ties):
/// the power iterations multiply their weighted sums by it, so tie strengths of any
/// scale (1e-6, 1e200) give the same iterates (bit for bit when the scales differ by
/// a power of two) instead of stopping early or overflowing.
double weight_scale(const CsrGraph& g, bool weighted) {
    if (!weighted) return 1.0;
    double mx = 0;
    for (double w : g.out_weight_array()) mx = std::max(mx, w);
    if (!(mx > 0) || !std::isfinite(mx)) return 1.0;
    int e = 0;
    std::frexp(mx, &e);  // mx = f * 2^e, f in [0.5, 1)
    return std::ldexp(1.0, 1 - e);
}

// ---------------------------------------------------------------- Brandes

// Path counts sigma = m * 2^e: a double mantissa m and a power-of-two exponent e,
// so counts never overflow (a chain of k diamonds has 2^k shortest paths; 2^1024
// overflows a double). While m stays below 2^kRenorm (every count below ~1e154) e is
// 0 and the arithmetic is the plain double arithmetic; a mantissa passing 2^kRenorm
// moves 2^kRenorm into the exponent. Brandes only needs ratios sigma_v / sigma_w,
// formed as ldexp(m_v / m_w, e_v - e_w) with e_v <= e_w on the shortest-path DAG.
constexpr int kRenorm = 512;
constexpr double kRenormAt = 0x1p512;

/// (m, e) += (sm, se): the count of a predecessor added to its successor's.
inline void add_count(double& m, std::int32_t& e, double sm, std::int32_t se) {
    if (e == se) {
        m += sm;
    } else if (e > se) {
        m += std::ldexp(sm, se - e);
    } else {
        m = std::ldexp(m, e - se) + sm;
        e = se;
    }
    if (m >= kRenormAt) {
        m = std::ldexp(m, -kRenorm);
        e += kRenorm;
    }
}

/// c * 2^(ev - ew): a successor's coefficient (1 + delta_w) / m_w seen from v.
inline double scaled(double c, std::int32_t ev, std::int32_t ew) {
    return ev == ew ? c : std::ldexp(c, ev - ew);
}

// Unweighted Brandes keeps each node's state in one 24-byte record, so a neighbour
// visit touches one cache line instead of three arrays.
struct BfsNode {
    double sigma;  // number of shortest paths from the source: sigma * 2^exp
    double coef;   // (1 + delta) / sigma (mantissa), once the node's dependency is final
    std::int32_t hops;  // distance from the source, -1 = unseen
    std::int32_t exp;   // exponent of the path count
};

// Per-thread scratch for one single-source shortest-path pass, allocated once.
struct Sssp {
    std::vector<NodeId> order;   // nodes in non-decreasing distance (flat BFS queue)
    std::vector<double> sigma;   // weighted: path-count mantissa
    std::vector<std::int32_t> sexp;  // weighted: path-count exponent
    std::vector<double> dist;        // Dijkstra distance, -1 = unseen (weighted)
    std::vector<std::int32_t> zeros; // weighted: zero-length ties on the path (tie-break)
    std::vector<double> delta;
    std::vector<char> settled;       // Dijkstra only
    struct Key {
        double d;
        std::int32_t z;
        NodeId v;
        bool operator>(const Key& o) const {
            if (d != o.d) return d > o.d;
            if (z != o.z) return z > o.z;
            return v > o.v;
        }
    };
    std::vector<Key> heap;
    std::vector<BfsNode> nodes;      // unweighted
    std::vector<NodeId> succ;        // unweighted: successors, grouped by queue position
    std::vector<EdgeIdx> succ_begin; // unweighted: start of each queue position's group
    Sssp(NodeId n, bool weighted, EdgeIdx arcs) {
        order.reserve(ix(n));
        if (weighted) {
            sigma.assign(ix(n), 0.0);
            sexp.assign(ix(n), 0);
            delta.assign(ix(n), 0.0);
            dist.assign(ix(n), -1.0);
            zeros.assign(ix(n), 0);
            settled.assign(ix(n), 0);
        } else {
            nodes.assign(ix(n), BfsNode{0.0, 0.0, -1, 0});
            succ.resize(static_cast<std::size_t>(arcs));
            succ_begin.resize(ix(n) + 1);
        }
    }
};

// One source of unweighted Brandes: BFS with a flat queue counting paths, then the
// dependencies in reverse BFS order, each node *pulling* from its successors
// (out-neighbours one step further), so every write is to the node itself.
// On an undirected graph (`reach` = the source's component size, else -1) the forward
// pass stops before expanding the deepest level, which has no successors.
//
// Scaled = false is the fast path: plain double counts, no exponent arithmetic.
// It returns false (and has touched neither `acc` nor, after its reset, the scratch)
// as soon as a count reaches 2^kRenorm; the caller then reruns the source with
// Scaled = true. Below 2^kRenorm the scaled path's exponents are all 0 and its
// arithmetic is the plain one operation for operation, so both give the same bits.
// `mult`: the source stands for itself and mult - 1 folded leaves (see brandes()).
template <bool Scaled>
bool brandes_bfs(const CsrGraph& g, NodeId src, bool endpoints, NodeId reach, Sssp& s,
                 std::vector<double>& acc, double mult = 1.0) {
    BfsNode* nd = s.nodes.data();
    // Raw CSR arrays: out_neighbors() is not inlined across translation units.
    // Per source: forward reads each arc once and writes the DAG's arcs to `succ`
    // sequentially; backward reads only the DAG's arcs.
    const EdgeIdx* off = g.out_offsets().data();
    const NodeId* adj = g.out_targets().data();
    auto& order = s.order;
    order.clear();
    nd[src].sigma = 1;
    nd[src].hops = 0;
    order.push_back(src);
    // The forward pass records each node's successors (the shortest-path DAG), so the
    // backward pass reads only those instead of re-scanning every neighbour.
    NodeId* succ = s.succ.data();
    EdgeIdx* sb = s.succ_begin.data();
    EdgeIdx ns = 0;
    std::size_t level_start = 0;  // first queue index of the deepest level found so far
    std::size_t head = 0;
    bool big = false;  // plain path: a count reached 2^kRenorm
    for (; head < order.size(); ++head) {
        const NodeId v = order[head];
        const std::int32_t dn = nd[v].hops + 1;
        sb[head] = ns;
        // Everything reachable is found and v is on the deepest level: no successors left.
        if (head >= level_start && static_cast<NodeId>(order.size()) == reach) break;
        const double sv = nd[v].sigma;
        const std::int32_t ev = nd[v].exp;
        for (EdgeIdx e = off[v], end = off[v + 1]; e < end; ++e) {
            const NodeId w = adj[e];
            BfsNode& x = nd[w];
            if (x.hops < 0) {
                if (nd[order.back()].hops < dn) level_start = order.size();
                x.hops = dn;
                order.push_back(w);
            }
            if (x.hops == dn) {
                if constexpr (Scaled) {
                    add_count(x.sigma, x.exp, sv, ev);
                } else {
                    x.sigma += sv;
                    big |= x.sigma >= kRenormAt;
                }
                succ[ns++] = w;
            }
        }
        if constexpr (!Scaled) {
            if (big) {
                for (NodeId u : order) nd[u] = BfsNode{0.0, 0.0, -1, 0};
                return false;
            }
        }
    }
    for (; head <= order.size(); ++head) sb[head] = ns;
    const double extra = endpoints ? 1.0 : 0.0;
    if (endpoints) acc[ix(src)] += static_cast<double>(order.size() - 1);
    for (std::size_t i = order.size(); i-- > 1;) {
        const NodeId v = order[i];
        BfsNode& x = nd[v];
        double pull = 0;
        for (EdgeIdx e = sb[i], end = sb[i + 1]; e < end; ++e) {
            const BfsNode& y = nd[succ[e]];
            if constexpr (Scaled) {
                pull += scaled(y.coef, x.exp, y.exp);
            } else {
                pull += y.coef;
            }
        }
        const double delta = x.sigma * pull;
        x.coef = (1.0 + delta) / x.sigma;
        acc[ix(v)] += mult * delta + extra;
    }
    for (NodeId v : order) nd[v] = BfsNode{0.0, 0.0, -1, 0};
    return true;
}

void reset(Sssp& s) {
    for (NodeId v : s.order) {
        s.sigma[ix(v)] = 0;
        s.sexp[ix(v)] = 0;
        s.delta[ix(v)] = 0;
        s.dist[ix(v)] = -1;
        s.zeros[ix(v)] = 0;
        s.settled[ix(v)] = 0;
    }
    s.order.clear();
}

// Size of each node's connected component (undirected graphs), for the early stop above.
std::vector<NodeId> component_sizes(const CsrGraph& g) {
    const NodeId n = g.num_nodes();
    std::vector<NodeId> label(ix(n), -1), queue, size;
    queue.reserve(ix(n));
    for (NodeId r = 0; r < n; ++r) {
        if (label[ix(r)] >= 0) continue;
        const auto c = static_cast<NodeId>(size.size());
        queue.clear();
        queue.push_back(r);
        label[ix(r)] = c;
        for (std::size_t h = 0; h < queue.size(); ++h)
            for (NodeId w : g.out_neighbors(queue[h]))
                if (label[ix(w)] < 0) {
                    label[ix(w)] = c;
                    queue.push_back(w);
                }
        size.push_back(static_cast<NodeId>(queue.size()));
    }
    for (NodeId v = 0; v < n; ++v) label[ix(v)] = size[ix(label[ix(v)])];
    return label;
}

// Is the tie u -> v (length w) on a shortest path from the source? Shortest paths
// minimise the total length, then (ties of length 0 only) the number of zero-length
// ties: a path that detours through a zero-length tie is not shortest when a path of
// the same length without the detour exists. The key (dist, zeros) strictly grows
// along every tie, so the tight ties form a DAG and Dijkstra on that key settles each
// node after all its predecessors. A tie counts as zero-length when adding it leaves
// the distance unchanged in floating point (w == 0, or w = 1e-300 after a length of 4):
// otherwise an absorbed self-loop or a pair of such ties would be tight both ways and
// count paths twice.
inline bool zero_step(double d, double w) { return d + w == d; }

inline bool tight(const Sssp& s, std::size_t u, double w, std::size_t v) {
    return s.settled[u] && s.dist[u] + w == s.dist[v] &&
           s.zeros[u] + (zero_step(s.dist[u], w) ? 1 : 0) == s.zeros[v];
}

// Dijkstra from src on the key (distance, zero-length ties): order (settling order),
// dist, zeros, then sigma in that order from in-neighbours with tight ties (exact
// equality of distances, as networkx compares them).
void dijkstra_paths(const CsrGraph& g, NodeId src, Sssp& s) {
    const auto cmp = std::greater<Sssp::Key>();
    auto& heap = s.heap;
    heap.clear();
    s.dist[ix(src)] = 0;
    s.zeros[ix(src)] = 0;
    heap.push_back({0.0, 0, src});
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), cmp);
        const Sssp::Key k = heap.back();
        heap.pop_back();
        const NodeId v = k.v;
        if (s.settled[ix(v)]) continue;
        s.settled[ix(v)] = 1;
        s.order.push_back(v);
        auto nb = g.out_neighbors(v);
        auto ws = g.out_weights(v);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            const double nd = k.d + ws[i];
            const std::int32_t nz = k.z + (zero_step(k.d, ws[i]) ? 1 : 0);
            double& dw = s.dist[ix(nb[i])];
            std::int32_t& zw = s.zeros[ix(nb[i])];
            if (dw < 0 || nd < dw || (nd == dw && nz < zw)) {
                dw = nd;
                zw = nz;
                heap.push_back({nd, nz, nb[i]});
                std::push_heap(heap.begin(), heap.end(), cmp);
            }
        }
    }
    s.sigma[ix(src)] = 1;
    for (NodeId v : s.order) {
        if (v == src) continue;
        double m = 0;
        std::int32_t e = 0;
        auto nb = g.in_neighbors(v);
        auto ws = g.in_weights(v);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            const auto u = ix(nb[i]);
            if (tight(s, u, ws[i], ix(v))) add_count(m, e, s.sigma[u], s.sexp[u]);
        }
        s.sigma[ix(v)] = m;
        s.sexp[ix(v)] = e;
    }
}

// Weighted dependency accumulation in reverse settling order, pushing to predecessors
// found by re-scanning in-neighbours with tight ties (no predecessor lists).
void accumulate(const CsrGraph& g, NodeId src, bool endpoints, Sssp& s,
                std::vector<double>& acc) {
    if (endpoints) acc[ix(src)] += static_cast<double>(s.order.size() - 1);
    for (auto it = s.order.rbegin(); it != s.order.rend(); ++it) {
        const NodeId w = *it;
        if (w == src) continue;
        const double coeff = (1.0 + s.delta[ix(w)]) / s.sigma[ix(w)];
        const std::int32_t ew = s.sexp[ix(w)];
        auto nb = g.in_neighbors(w);
        auto ws = g.in_weights(w);
        for (std::size_t i = 0; i < nb.size(); ++i) {
            const auto vi = ix(nb[i]);
            if (tight(s, vi, ws[i], ix(w)))
                s.delta[vi] += s.sigma[vi] * scaled(coeff, s.sexp[vi], ew);
        }
        acc[ix(w)] += s.delta[ix(w)] + (endpoints ? 1.0 : 0.0);
    }
}

// ------------------------------------------------------- blocked reductions

// Node blocks for the power iterations: of about equal work (nodes + the arcs they
// pull, parallel.hpp's work_blocks), so a static schedule is balanced on hub-dominated
// graphs; fixed by the graph, so sums reduce in the same order for any thread count.
struct NodeBlocks {
    std::vector<std::int64_t> bounds;
    NodeId count() const { return static_cast<NodeId>(bounds.size() - 1); }
    NodeId begin(NodeId b) const { return static_cast<NodeId>(bounds[ix(b)]); }
    NodeId end(NodeId b) const { return static_cast<NodeId>(bounds[ix(b) + 1]); }
};

NodeBlocks node_blocks(const CsrGraph& g) {
    const NodeId n = g.num_nodes();
    if (!g.directed()) return {work_blocks(g.out_offsets().data(), n)};
    return {work_blocks(g.in_offsets().data(), n, g.out_offsets().data())};
}

double ordered_sum(const std::vector<double>& part) {
    double s = 0;
    for (double x : part) s += x;
    return s;
}

// One power-iteration step visits every node and arc once: the one heuristic of
// parallel.hpp (one thread below kMinParallelWork) decides per step.
int threads_for(const CsrGraph& g, const RunControl& ctl, const NodeBlocks& blocks) {
    const double work = static_cast<double>(g.num_nodes()) +
                        static_cast<double>(g.out_targets().size());
    return govnet::threads_for(ctl, work, blocks.count());
}

[[noreturn]] void not_converged(const char* what, int max_iter, double err, double tol) {
    throw NotConverged(std::string(what) + " did not converge in " + std::to_string(max_iter) +
                       " iterations (last change " + std::to_string(err) + ", tolerance " +
                       std::to_string(tol) + "); raise max_iter or tol");
}

void check_iteration(const IterationOptions& opt) {
    if (opt.max_iter < 1)
        throw InvalidArgument("max_iter must be >= 1, got " + std::to_string(opt.max_iter));
    if (!(opt.tol > 0) || !std::isfinite(opt.tol))
        throw InvalidArgument("tol must be a positive number, got " + std::to_string(opt.tol));
}

}  // namespace

namespace {

// Nodes renumbered in BFS order from the highest-degree node (ties in either
// direction), the unreached ones after in id order: perm[old] = new. Neighbours then
// sit close in memory, which halves Brandes' time on large graphs whose ids are
// scattered (measured 2x at 10^6 nodes).
std::vector<NodeId> bfs_relabel(const CsrGraph& g) {
    const NodeId n = g.num_nodes();
    std::vector<NodeId> perm(ix(n), -1), queue;
    queue.reserve(ix(n));
    NodeId root = 0;
    for (NodeId v = 1; v < n; ++v)
        if (g.out_degree(v) + g.in_degree(v) > g.out_degree(root) + g.in_degree(root)) root = v;
    NodeId next = 0;
    auto visit = [&](NodeId r) {
        perm[ix(r)] = next++;
        queue.clear();
        queue.push_back(r);
        for (std::size_t h = 0; h < queue.size(); ++h) {
            const NodeId v = queue[h];
            for (auto nb : {g.out_neighbors(v), g.in_neighbors(v)})
                for (NodeId w : nb)
                    if (perm[ix(w)] < 0) {
                        perm[ix(w)] = next++;
                        queue.push_back(w);
                    }
        }
    };
    visit(root);
    for (NodeId v = 0; v < n; ++v)
        if (perm[ix(v)] < 0) visit(v);
    return perm;
}

CsrGraph relabelled(const CsrGraph& g, const std::vector<NodeId>& perm) {
    EdgeList el = g.edges();
    for (auto& u : el.sources) u = perm[ix(u)];
    for (auto& v : el.targets) v = perm[ix(v)];
    BuildOptions bo;
    bo.directed = g.directed();
    bo.self_loops = SelfLoopPolicy::Keep;
    return build_graph(g.num_nodes(), el, bo);
}

// Raw Brandes accumulation over `sources` (fixed blocks reduced in block order).
std::vector<double> brandes(const CsrGraph& g, const std::vector<NodeId>& sources,
                            const BetweennessOptions& opt, const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    std::vector<double> bc(ix(n), 0.0);
    const bool weighted = opt.weighted && g.weighted();
    // Degree-1 folding (exact; undirected, unweighted, every source, no endpoints): a
    // leaf l whose neighbour h has degree >= 2 lies inside no shortest path, and its
    // paths to every t != h are h's with l in front. So l is not run as a source: h's
    // dependencies count 1 + (h's folded leaves) times, and h gains comp(h) - 2 (every
    // target but h and l) per folded leaf. Only the order of additions changes.
    std::vector<NodeId> folded_at;  // per node: leaves folded into it
    std::vector<NodeId> kept;
    const bool fold = !weighted && !g.directed() && !opt.endpoints && !opt.no_folding &&
                      static_cast<NodeId>(sources.size()) == n;
    if (fold) {
        folded_at.assign(ix(n), 0);
        std::vector<char> is_folded(ix(n), 0);
        for (NodeId v = 0; v < n; ++v) {
            if (g.out_degree(v) != 1) continue;
            const NodeId h = g.out_targets()[static_cast<std::size_t>(g.out_offsets()[ix(v)])];
            if (h == v || g.out_degree(h) < 2) continue;
            ++folded_at[ix(h)];
            is_folded[ix(v)] = 1;
        }
        for (NodeId v : sources)
            if (!is_folded[ix(v)]) kept.push_back(v);
    }
    const std::vector<NodeId>& srcs = fold ? kept : sources;
    const auto ns = static_cast<std::int64_t>(srcs.size());
    // Fixed blocks, independent of the thread count, reduced in block order.
    // Fewer (larger) blocks on big graphs keep the accumulators' memory small.
    const std::int64_t max_blocks = n > 200000 ? 8 : 32;
    const std::int64_t blocks = std::min<std::int64_t>(ns, max_blocks);
    // One thread for small work (parallel.hpp's heuristic): ns sources, each a
    // pass over the nodes and arcs.
    const double work = static_cast<double>(ns) *
                        (static_cast<double>(n) + static_cast<double>(g.out_targets().size()));
    const int threads = govnet::threads_for(ctl, work, blocks);
    check_allocation("betweenness accumulators", static_cast<double>(blocks + threads) * n,
                     8.0 * 4);
    check_allocation("betweenness successor lists", static_cast<double>(threads) *
                     static_cast<double>(g.out_targets().size()), 4.0);
    std::vector<std::vector<double>> partial(static_cast<std::size_t>(blocks));
    std::vector<Sssp> scratch;
    const auto arcs = static_cast<EdgeIdx>(g.out_targets().size());
    for (int t = 0; t < threads; ++t) scratch.emplace_back(n, weighted, arcs);
    for (auto& p : partial) p.assign(ix(n), 0.0);
    // Reachable-set sizes are known up front on undirected graphs only.
    const std::vector<NodeId> reach_of =
        (!weighted && !g.directed()) ? component_sizes(g) : std::vector<NodeId>{};
    std::exception_ptr error;
    std::atomic<std::int64_t> done{0};

#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::int64_t b = 0; b < blocks; ++b) {
        Sssp& s = scratch[static_cast<std::size_t>(thread_index())];
        std::vector<double>& acc = partial[static_cast<std::size_t>(b)];
        const std::int64_t lo = b * ns / blocks, hi = (b + 1) * ns / blocks;
        for (std::int64_t si = lo; si < hi && !ctl.stop_requested(); ++si) {
            const NodeId src = srcs[static_cast<std::size_t>(si)];
            try {
                if (weighted) {
                    dijkstra_paths(g, src, s);
                    accumulate(g, src, opt.endpoints, s, acc);
                    reset(s);
                } else {
                    const NodeId reach = reach_of.empty() ? -1 : reach_of[ix(src)];
                    const double mult = fold ? 1.0 + folded_at[ix(src)] : 1.0;
                    if (opt.scaled_counts ||
                        !brandes_bfs<false>(g, src, opt.endpoints, reach, s, acc, mult))
                        brandes_bfs<true>(g, src, opt.endpoints, reach, s, acc, mult);
                }
            } catch (...) {
#pragma omp critical
                if (!error) error = std::current_exception();
                ctl.request_stop();
                break;
            }
            const std::int64_t d = ++done;
            // Only the calling thread (OpenMP thread 0) may poll Python.
            if (is_calling_thread())
                ctl.keep_going(static_cast<double>(d), static_cast<double>(ns));
        }
    }
    if (error) std::rethrow_exception(error);
    if (ctl.stop_requested()) throw Cancelled();
    for (const auto& p : partial)
        for (std::size_t i = 0; i < p.size(); ++i) bc[i] += p[i];
    if (fold)
        for (NodeId h = 0; h < n; ++h)
            if (folded_at[ix(h)] > 0)
                bc[ix(h)] += static_cast<double>(folded_at[ix(h)]) *
                             static_cast<double>(reach_of[ix(h)] - 2);
    return bc;
}

}  // namespace

std::vector<double> betweenness(const CsrGraph& g, const BetweennessOptions& opt,
                                const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    if (n == 0) return {};
    if (opt.k < 0) throw InvalidArgument("k must be >= 0, got " + std::to_string(opt.k));
    std::vector<NodeId> sources(ix(n));
    std::iota(sources.begin(), sources.end(), 0);
    const bool sampled = opt.k > 0 && opt.k < n;
    if (sampled) {
        Rng rng(opt.seed);
        rng.shuffle(sources);
        sources.resize(static_cast<std::size_t>(opt.k));
        std::sort(sources.begin(), sources.end());
    }
    std::vector<double> bc;
    if (n >= 100000) {
        // Large graphs: run on a locality-friendly numbering, map the scores back.
        const std::vector<NodeId> perm = bfs_relabel(g);
        const CsrGraph h = relabelled(g, perm);
        for (auto& v : sources) v = perm[ix(v)];
        std::sort(sources.begin(), sources.end());
        const std::vector<double> raw = brandes(h, sources, opt, ctl);
        bc.resize(ix(n));
        for (NodeId v = 0; v < n; ++v) bc[ix(v)] = raw[ix(perm[ix(v)])];
    } else {
        bc = brandes(g, sources, opt, ctl);
    }

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
    if (sampled) scale *= nd / static_cast<double>(opt.k);
    for (double& x : bc) x *= scale;
    return bc;
}


namespace {

// BFS levels from r ignoring direction (weak components): (eccentricity, component size).
std::pair<std::int32_t, NodeId> weak_bfs(const CsrGraph& g, NodeId r, std::vector<std::int32_t>& lvl,
                                         std::vector<NodeId>& queue) {
    queue.clear();
    queue.push_back(r);
    lvl[ix(r)] = 0;
    std::int32_t ecc = 0;
    for (std::size_t h = 0; h < queue.size(); ++h) {
        const NodeId v = queue[h];
        for (auto nb : {g.out_neighbors(v), g.in_neighbors(v)})
            for (NodeId w : nb)
                if (lvl[ix(w)] < 0) {
                    lvl[ix(w)] = lvl[ix(v)] + 1;
                    ecc = std::max(ecc, lvl[ix(w)]);
                    queue.push_back(w);
                }
    }
    return {ecc, static_cast<NodeId>(queue.size())};
}

}  // namespace

ApproxBetweenness betweenness_approx(const CsrGraph& g, const ApproxBetweennessOptions& opt,
                                     const RunControl& ctl) {
    if (!(opt.epsilon > 0 && opt.epsilon < 1))
        throw InvalidArgument("epsilon must be in (0, 1), got " + std::to_string(opt.epsilon));
    if (!(opt.delta > 0 && opt.delta < 1))
        throw InvalidArgument("delta must be in (0, 1), got " + std::to_string(opt.delta));
    const NodeId n = g.num_nodes();
    ApproxBetweenness out;
    out.values.assign(ix(n), 0.0);
    if (n < 3) return out;
    // Vertex-diameter bound.
    std::int64_t vd = 0;
    {
        std::vector<std::int32_t> lvl(ix(n), -1);
        std::vector<NodeId> queue;
        queue.reserve(ix(n));
        for (NodeId r = 0; r < n; ++r) {
            if (lvl[ix(r)] >= 0) continue;
            auto [ecc, size] = weak_bfs(g, r, lvl, queue);
            const std::int64_t b = g.directed() ? std::int64_t{size}
                                                : std::min<std::int64_t>(size, 2 * std::int64_t{ecc} + 1);
            vd = std::max(vd, b);
        }
    }
    out.diameter_bound = vd;
    const double lg = vd > 3 ? std::floor(std::log2(static_cast<double>(vd - 2))) : 0.0;
    const double r_real =
        std::ceil(0.5 / (opt.epsilon * opt.epsilon) * (lg + 1.0 + std::log(1.0 / opt.delta)));
    const auto r = static_cast<std::int64_t>(r_real);
    out.samples = r;
    // Fixed blocks of samples, each with its own stream; integer hit counts.
    constexpr std::int64_t kSampleBlock = 256;
    const std::int64_t blocks = (r + kSampleBlock - 1) / kSampleBlock;
    const double work = static_cast<double>(r) *
                        (static_cast<double>(n) + static_cast<double>(g.out_targets().size()));
    const int threads = govnet::threads_for(ctl, work, blocks);
    struct Scratch {
        std::vector<std::int32_t> hops;
        std::vector<double> sm;        // path-count mantissa
        std::vector<std::int32_t> se;  // path-count exponent
        std::vector<NodeId> order;
        // balanced bidirectional search
        std::vector<std::int32_t> ds, dt;
        std::vector<double> cs, ct;
        std::vector<NodeId> fs, ft, next, vis_s, vis_t, meet;
    };
    // Hits per thread: integer sums are exact, so which thread drew which block
    // does not change the totals.
    check_allocation("approximate betweenness counters", static_cast<double>(threads) * n, 8.0);
    std::vector<std::vector<std::int64_t>> hits(static_cast<std::size_t>(threads),
                                                std::vector<std::int64_t>(ix(n), 0));
    const NodeId* adj = g.out_targets().data();
    const EdgeIdx* off = g.out_offsets().data();
    // One uniform shortest u-v path by a balanced bidirectional BFS (as KADABRA): grow
    // whichever side has the smaller frontier degree sum, one level at a time, until
    // the two balls meet. Then every shortest path crosses exactly one node w of the
    // side just grown with d_s(w) + d_t(w) = d(u, v) (the balls were disjoint one level
    // earlier), sigma_uv = sum_w sigma_s(w) sigma_t(w): w is drawn by that product,
    // then each half walked back by path counts. False (nothing recorded) if a count
    // passes 1e300: the caller then uses the one-sided BFS with scaled counts.
    auto two_way = [&](NodeId u, NodeId v, Rng& rng, Scratch& s,
                       std::vector<std::int64_t>& hit) -> bool {
        auto& ds = s.ds;
        auto& dt = s.dt;
        auto& cs = s.cs;
        auto& ct = s.ct;
        s.vis_s.assign(1, u);
        s.vis_t.assign(1, v);
        s.fs.assign(1, u);
        s.ft.assign(1, v);
        s.meet.clear();
        ds[ix(u)] = 0;
        cs[ix(u)] = 1;
        dt[ix(v)] = 0;
        ct[ix(v)] = 1;
        std::int32_t ls = 0, lt = 0;
        const bool dir = g.directed();
        while (s.meet.empty() && !s.fs.empty() && !s.ft.empty()) {
            double cost_s = 0, cost_t = 0;
            for (NodeId x : s.fs) cost_s += static_cast<double>(g.out_degree(x));
            for (NodeId x : s.ft) cost_t += static_cast<double>(dir ? g.in_degree(x) : g.out_degree(x));
            const bool grow_s = cost_s <= cost_t;
            auto& d_me = grow_s ? ds : dt;
            auto& c_me = grow_s ? cs : ct;
            auto& d_other = grow_s ? dt : ds;
            auto& front = grow_s ? s.fs : s.ft;
            auto& vis = grow_s ? s.vis_s : s.vis_t;
            const std::int32_t lvl = (grow_s ? ls : lt) + 1;
            s.next.clear();
            for (NodeId x : front) {
                auto nb = grow_s ? g.out_neighbors(x) : g.in_neighbors(x);
                for (NodeId w : nb) {
                    if (d_me[ix(w)] < 0) {
                        d_me[ix(w)] = lvl;
                        c_me[ix(w)] = 0;
                        vis.push_back(w);
                        s.next.push_back(w);
                    }
                    if (d_me[ix(w)] == lvl) c_me[ix(w)] += c_me[ix(x)];
                }
            }
            front.swap(s.next);
            (grow_s ? ls : lt) = lvl;
            for (NodeId w : front)
                if (d_other[ix(w)] >= 0) s.meet.push_back(w);
        }
        bool ok = true;
        if (!s.meet.empty()) {
            double total = 0;
            for (NodeId w : s.meet) {
                if (!(cs[ix(w)] < 1e300) || !(ct[ix(w)] < 1e300)) ok = false;
                total += cs[ix(w)] * ct[ix(w)];
            }
            if (!(total < 1e300)) ok = false;
            if (ok) {
                const double target = rng.uniform() * total;
                double acc = 0;
                NodeId w = s.meet.back();
                for (NodeId x : s.meet) {
                    acc += cs[ix(x)] * ct[ix(x)];
                    if (acc > target) {
                        w = x;
                        break;
                    }
                }
                if (w != u && w != v) ++hit[ix(w)];
                // Walk from w back to one end: each step picks a neighbour one level
                // nearer that end, with probability by its path count.
                auto walk_back = [&](const std::vector<std::int32_t>& d,
                                     const std::vector<double>& c, bool towards_source) {
                    for (NodeId x = w; d[ix(x)] > 1;) {
                        const double t = rng.uniform();
                        double a = 0;
                        NodeId pick = -1;
                        for (NodeId p : towards_source ? g.in_neighbors(x) : g.out_neighbors(x)) {
                            if (d[ix(p)] != d[ix(x)] - 1) continue;
                            pick = p;
                            a += c[ix(p)] / c[ix(x)];
                            if (a > t) break;
                        }
                        ++hit[ix(pick)];
                        x = pick;
                    }
                };
                walk_back(ds, cs, true);   // towards u: predecessors, by sigma_s
                walk_back(dt, ct, false);  // towards v: successors, by sigma_t
            }
        }
        for (NodeId x : s.vis_s) ds[ix(x)] = -1;
        for (NodeId x : s.vis_t) dt[ix(x)] = -1;
        return ok;
    };
    parallel_for_scratch(
        blocks, threads, ctl,
        [&] {
            Scratch s;
            s.hops.assign(ix(n), -1);
            s.sm.assign(ix(n), 0.0);
            s.se.assign(ix(n), 0);
            s.order.reserve(ix(n));
            s.ds.assign(ix(n), -1);
            s.dt.assign(ix(n), -1);
            s.cs.assign(ix(n), 0.0);
            s.ct.assign(ix(n), 0.0);
            return s;
        },
        [&](std::int64_t b, Scratch& s) {
            Rng rng(opt.seed, static_cast<std::uint64_t>(b));
            std::vector<std::int64_t>& hit = hits[static_cast<std::size_t>(thread_index())];
            const std::int64_t hi = std::min(r, (b + 1) * kSampleBlock);
            for (std::int64_t i = b * kSampleBlock; i < hi; ++i) {
                const auto u = static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n)));
                auto v = static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n - 1)));
                if (v >= u) ++v;
                if (two_way(u, v, rng, s, hit)) continue;
                // BFS from u counting paths (scaled), stopped after v's level is complete.
                s.order.clear();
                s.order.push_back(u);
                s.hops[ix(u)] = 0;
                s.sm[ix(u)] = 1;
                s.se[ix(u)] = 0;
                for (std::size_t h = 0; h < s.order.size(); ++h) {
                    const NodeId x = s.order[h];
                    if (s.hops[ix(v)] >= 0 && s.hops[ix(x)] >= s.hops[ix(v)]) break;
                    const std::int32_t dn = s.hops[ix(x)] + 1;
                    for (EdgeIdx e = off[x]; e < off[x + 1]; ++e) {
                        const NodeId w = adj[e];
                        if (s.hops[ix(w)] < 0) {
                            s.hops[ix(w)] = dn;
                            s.sm[ix(w)] = 0;
                            s.se[ix(w)] = 0;
                            s.order.push_back(w);
                        }
                        if (s.hops[ix(w)] == dn) add_count(s.sm[ix(w)], s.se[ix(w)], s.sm[ix(x)], s.se[ix(x)]);
                    }
                }
                if (s.hops[ix(v)] > 0) {
                    // Walk back from v: predecessor p of w drawn with probability sigma_p / sigma_w.
                    NodeId w = v;
                    while (true) {
                        const double target = rng.uniform();
                        double accp = 0;
                        NodeId pick = -1;
                        const std::int32_t want = s.hops[ix(w)] - 1;
                        for (NodeId p : g.in_neighbors(w)) {
                            if (s.hops[ix(p)] != want) continue;
                            pick = p;
                            accp += scaled(s.sm[ix(p)] / s.sm[ix(w)], s.se[ix(p)], s.se[ix(w)]);
                            if (accp > target) break;
                        }
                        if (pick == u || pick < 0) break;
                        ++hit[ix(pick)];
                        w = pick;
                    }
                }
                for (NodeId x : s.order) s.hops[ix(x)] = -1;
            }
        });
    const double inv_r = 1.0 / static_cast<double>(r);
    for (NodeId v = 0; v < n; ++v) {
        std::int64_t total = 0;
        for (const auto& h : hits) total += h[ix(v)];
        out.values[ix(v)] = static_cast<double>(total) * inv_r;
    }
    return out;
}

std::vector<double> closeness(const CsrGraph& g, const ClosenessOptions& opt,
                              const RunControl& ctl) {
    DistanceOptions dopt;
    dopt.weighted = opt.weighted;
    dopt.incoming = opt.incoming;
    DistanceSums s = distance_sums(g, dopt, ctl);
    const NodeId n = g.num_nodes();
    std::vector<double> out(ix(n), 0.0);
    for (std::size_t v = 0; v < out.size(); ++v) {
        const double r = s.reached[v], total = s.dist_sum[v];
        if (total > 0 && n > 1) {
            out[v] = r / total;
            if (opt.wf_improved) out[v] *= r / static_cast<double>(n - 1);
        }
    }
    return out;
}

std::vector<double> harmonic(const CsrGraph& g, const DistanceOptions& opt,
                             const RunControl& ctl) {
    return distance_sums(g, opt, ctl).inv_dist_sum;
}

std::vector<double> eigenvector(const CsrGraph& g, const IterationOptions& opt,
                                const RunControl& ctl) {
    check_iteration(opt);
    const NodeId n = g.num_nodes();
    if (n == 0) return {};
    const bool weighted = opt.weighted && g.weighted();
    const double wscale = weight_scale(g, weighted);
    std::vector<double> x(ix(n), 1.0 / n), next(ix(n));
    const NodeBlocks blocks = node_blocks(g);
    std::vector<double> part(ix(blocks.count()));
    const int threads = threads_for(g, ctl, blocks);
    double err = 0;
    for (int it = 0; it < opt.max_iter; ++it) {
        // next = (A / 2^e + I)^T x, the weights scaled by weight_scale: each node pulls from its in-neighbours (networkx's shift by I
        // keeps the iteration from oscillating on bipartite graphs).
        parallel_for(
            blocks.count(), threads, ctl,
            [&](std::int64_t bi) {
                const auto b = static_cast<NodeId>(bi);
            double sq = 0;
            const NodeId hi = blocks.end(b);
            for (NodeId v = blocks.begin(b); v < hi; ++v) {
                const double pulled = in_sum(g, v, x, weighted);
                const double acc = x[ix(v)] + (weighted ? wscale * pulled : pulled);
                next[ix(v)] = acc;
                sq += acc * acc;
            }
            part[ix(b)] = sq;
                    },
            Schedule::Static);
        double norm = std::sqrt(ordered_sum(part));
        if (norm == 0) norm = 1;
        const double inv = 1.0 / norm;
        parallel_for(
            blocks.count(), threads, ctl,
            [&](std::int64_t bi) {
                const auto b = static_cast<NodeId>(bi);
            double e = 0;
            const NodeId hi = blocks.end(b);
            for (NodeId v = blocks.begin(b); v < hi; ++v) {
                next[ix(v)] *= inv;
                e += std::abs(next[ix(v)] - x[ix(v)]);
            }
            part[ix(b)] = e;
                    },
            Schedule::Static);
        err = ordered_sum(part);
        x.swap(next);
        if (err < n * opt.tol) return x;
        if ((it & 7) == 7) ctl.checkpoint(it + 1, opt.max_iter);  // polls cost ~25 ns
    }
    not_converged("eigenvector centrality", opt.max_iter, err, n * opt.tol);
}


#ifdef GOVNET_HAVE_SPECTRA
namespace {
// y = (A / 2^e) x for a symmetric (undirected) CSR graph: Spectra's operator, over the
// power iterations' equal-work node blocks (each y[v] is one node's sum: any thread count
// gives the same vector).
class CsrSymOp {
public:
    using Scalar = double;
    CsrSymOp(const CsrGraph& g, bool weighted, double scale, const RunControl& ctl)
        : g_(g), weighted_(weighted), scale_(scale), ctl_(ctl), blocks_(node_blocks(g)),
          threads_(threads_for(g, ctl, blocks_)) {}
    Eigen::Index rows() const { return g_.num_nodes(); }
    Eigen::Index cols() const { return g_.num_nodes(); }
    void perform_op(const double* x, double* y) const {
        const EdgeIdx* off = g_.out_offsets().data();
        const NodeId* adj = g_.out_targets().data();
        const double* w = g_.out_weight_array().data();
        parallel_for(
            blocks_.count(), threads_, ctl_,
            [&](std::int64_t bi) {
                const auto b = static_cast<NodeId>(bi);
                for (NodeId v = blocks_.begin(b); v < blocks_.end(b); ++v) {
                    const auto k = static_cast<std::size_t>(off[v + 1] - off[v]);
                    const double acc =
                        gather_sum(adj + off[v], weighted_ ? w + off[v] : nullptr, k, x);
                    y[v] = weighted_ ? acc * scale_ : acc;
                }
            },
            Schedule::Static);
    }

private:
    const CsrGraph& g_;
    bool weighted_;
    double scale_;
    const RunControl& ctl_;
    NodeBlocks blocks_;
    int threads_;
};
}  // namespace
#endif

bool eigenvector_krylov_available() {
#ifdef GOVNET_HAVE_SPECTRA
    return true;
#else
    return false;
#endif
}

std::vector<double> eigenvector_krylov(const CsrGraph& g, bool weighted_opt, double tol,
                                       const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    if (n == 0) return {};
    if (g.directed())
        throw InvalidArgument("eigenvector_krylov: undirected graphs only (Lanczos needs a "
                              "symmetric matrix)");
#ifndef GOVNET_HAVE_SPECTRA
    (void)weighted_opt;
    (void)tol;
    (void)ctl;
    throw NotConverged("eigenvector centrality: this build has no Krylov solver (Spectra)");
#else
    if (!(tol > 0) || !std::isfinite(tol)) throw InvalidArgument("tol must be a positive number");
    const bool weighted = weighted_opt && g.weighted();
    if (g.out_targets().empty() || n < 3) {
        // No ties: networkx's uniform vector; tiny graphs: the power iteration handles them.
        if (g.out_targets().empty()) return std::vector<double>(ix(n), 1.0 / std::sqrt(n));
        throw NotConverged("eigenvector centrality: the Krylov solver needs >= 3 nodes");
    }
    CsrSymOp op(g, weighted, weight_scale(g, weighted), ctl);
    const Eigen::Index ncv = std::min<Eigen::Index>(n, 24);
    Spectra::SymEigsSolver<CsrSymOp> eigs(op, 1, ncv);
    // networkx's start vector: on a graph whose leading eigenvalue is not simple the
    // Ritz vector is the start's projection on its eigenspace, as with power iteration.
    const std::vector<double> start(ix(n), 1.0 / n);
    eigs.init(start.data());
    eigs.compute(Spectra::SortRule::LargestAlge, 10000, std::min(tol, 1e-10));
    ctl.checkpoint(1, 1);
    if (eigs.info() != Spectra::CompInfo::Successful)
        throw NotConverged("eigenvector centrality: the Lanczos solver did not converge");
    Eigen::VectorXd v = eigs.eigenvectors().col(0);
    if (v.sum() < 0) v = -v;
    const double big = v.cwiseAbs().maxCoeff();
    std::vector<double> x(ix(n));
    double sq = 0;
    for (NodeId i = 0; i < n; ++i) {
        double xi = v[i];
        if (xi < 0) {
            if (xi < -1e-8 * big)
                throw NotConverged("eigenvector centrality: the leading eigenvector has entries "
                                   "of both signs (its eigenvalue is not simple)");
            xi = 0;
        }
        x[ix(i)] = xi;
        sq += xi * xi;
    }
    const double inv = 1.0 / std::sqrt(sq);
    for (double& xi : x) xi *= inv;
    return x;
#endif
}

std::vector<double> katz(const CsrGraph& g, const KatzOptions& opt, const RunControl& ctl) {
    check_iteration(opt.iter);
    const NodeId n = g.num_nodes();
    if (n == 0) return {};
    if (!(opt.beta.empty() || opt.beta.size() == 1 || opt.beta.size() == ix(n)))
        throw InvalidArgument("beta must be a number or one value per node");
    if (!std::isfinite(opt.alpha)) throw InvalidArgument("alpha must be finite");
    const bool weighted = opt.iter.weighted && g.weighted();
    auto beta = [&](NodeId v) {
        return opt.beta.empty() ? 1.0 : opt.beta.size() == 1 ? opt.beta[0] : opt.beta[ix(v)];
    };
    std::vector<double> x(ix(n), 0.0), next(ix(n));
    const NodeBlocks blocks = node_blocks(g);
    std::vector<double> part(ix(blocks.count()));
    const int threads = threads_for(g, ctl, blocks);
    double err = 0;
    for (int it = 0; it < opt.iter.max_iter; ++it) {
        parallel_for(
            blocks.count(), threads, ctl,
            [&](std::int64_t bi) {
                const auto b = static_cast<NodeId>(bi);
            double e = 0;
            const NodeId hi = blocks.end(b);
            for (NodeId v = blocks.begin(b); v < hi; ++v) {
                const double acc = in_sum(g, v, x, weighted);
                next[ix(v)] = opt.alpha * acc + beta(v);
                e += std::abs(next[ix(v)] - x[ix(v)]);
            }
            part[ix(b)] = e;
                    },
            Schedule::Static);
        err = ordered_sum(part);
        x.swap(next);
        if (!std::isfinite(err)) break;
        if (err < n * opt.iter.tol) {
            if (opt.normalized) {
                double sq = 0;
                for (double v : x) sq += v * v;
                const double s = sq > 0 ? 1.0 / std::sqrt(sq) : 1.0;
                for (double& v : x) v *= s;
            }
            return x;
        }
        if ((it & 7) == 7) ctl.checkpoint(it + 1, opt.iter.max_iter);  // polls cost ~25 ns
    }
    not_converged("Katz centrality (alpha may exceed 1/largest eigenvalue)", opt.iter.max_iter,
                  err, n * opt.iter.tol);
}

std::vector<double> pagerank(const CsrGraph& g, const PagerankOptions& opt,
                             const RunControl& ctl) {
    check_iteration(opt.iter);
    const NodeId n = g.num_nodes();
    if (n == 0) return {};
    if (!(opt.alpha >= 0 && opt.alpha <= 1))
        throw InvalidArgument("alpha must be in [0, 1], got " + std::to_string(opt.alpha));
    if (!opt.personalization.empty() && opt.personalization.size() != ix(n))
        throw InvalidArgument("personalization must have one value per node");
    if (!opt.dangling.empty() && opt.dangling.size() != ix(n))
        throw InvalidArgument("dangling must have one value per node");
    const bool weighted = opt.iter.weighted && g.weighted();
    const double alpha = opt.alpha;
    const double uniform = 1.0 / n;
    const std::vector<double>& p = opt.personalization;
    const std::vector<double>& dw = opt.dangling.empty() ? p : opt.dangling;
    auto pers = [&](NodeId v) { return p.empty() ? uniform : p[ix(v)]; };
    auto dang = [&](NodeId v) { return dw.empty() ? uniform : dw[ix(v)]; };

    // inv_out[u] = 1 / out-strength (0 for dangling nodes), the strengths scaled by
    // weight_scale (applied again to each in-sum), so any weight scale works.
    const double wscale = weight_scale(g, weighted);
    std::vector<double> inv_out(ix(n));
    for (NodeId u = 0; u < n; ++u) {
        double s = 0;
        if (weighted) {
            for (double w : g.out_weights(u)) s += w;
            s *= wscale;
        } else {
            s = static_cast<double>(g.out_degree(u));
        }
        inv_out[ix(u)] = s > 0 ? 1.0 / s : 0.0;
    }
    std::vector<double> x(ix(n), uniform), next(ix(n));
    // contrib[u] = x[u] / out-strength(u), double-buffered so one fused pass per
    // iteration computes the new ranks, their change and the next contributions.
    std::vector<double> contrib(ix(n)), contrib_next(ix(n));
    const NodeBlocks blocks = node_blocks(g);
    const NodeId nblocks = blocks.count();
    std::vector<double> err_part(ix(nblocks)), dangling_part(ix(nblocks));
    double dangling_mass = 0;
    for (NodeId u = 0; u < n; ++u) {
        contrib[ix(u)] = x[ix(u)] * inv_out[ix(u)];
        if (inv_out[ix(u)] == 0) dangling_mass += x[ix(u)];
    }
    const int threads = threads_for(g, ctl, blocks);
    double err = 0;
    // Bytes moved per iteration (unweighted, n nodes, m stored arcs): in-offsets 8n,
    // in-sources 4m, gathers of contrib up to 8m (cache-dependent), x read 8n, next
    // written 8n, inv_out read 8n, contrib_next written 8n: about 40n + 4m streamed
    // plus the gathers (weighted: + 8m for the weights).
    for (int it = 0; it < opt.iter.max_iter; ++it) {
        const double dmass = alpha * dangling_mass;
        parallel_for(
            blocks.count(), threads, ctl,
            [&](std::int64_t bi) {
                const auto b = static_cast<NodeId>(bi);
            double e = 0, dm = 0;
            const NodeId hi = blocks.end(b);
            for (NodeId v = blocks.begin(b); v < hi; ++v) {
                const double acc = wscale * in_sum(g, v, contrib, weighted);
                const double xv = alpha * acc + dmass * dang(v) + (1.0 - alpha) * pers(v);
                e += std::abs(xv - x[ix(v)]);
                next[ix(v)] = xv;
                const double io = inv_out[ix(v)];
                contrib_next[ix(v)] = xv * io;
                if (io == 0) dm += xv;
            }
            err_part[ix(b)] = e;
            dangling_part[ix(b)] = dm;
                    },
            Schedule::Static);
        err = ordered_sum(err_part);
        dangling_mass = ordered_sum(dangling_part);
        x.swap(next);
        contrib.swap(contrib_next);
        if (err < opt.iter.tol) return x;
        if ((it & 7) == 7) ctl.checkpoint(it + 1, opt.iter.max_iter);  // polls cost ~25 ns
    }
    not_converged("PageRank", opt.iter.max_iter, err, opt.iter.tol);
}

HitsResult hits(const CsrGraph& g, const IterationOptions& opt, const RunControl& ctl) {
    check_iteration(opt);
    const NodeId n = g.num_nodes();
    HitsResult r;
    if (n == 0) return r;
    const bool weighted = opt.weighted && g.weighted();
    const double wscale = weight_scale(g, weighted);
    std::vector<double> h(ix(n), 1.0 / n), a(ix(n)), next(ix(n));
    const NodeBlocks blocks = node_blocks(g);
    const NodeId nblocks = blocks.count();
    std::vector<double> part(ix(nblocks));
    const int threads = threads_for(g, ctl, blocks);
    // y[v] = sum over v's in- (or out-) neighbours u of w * x[u]; returns sum(y).
    auto multiply = [&](const std::vector<double>& xin, std::vector<double>& y, bool in) {
        parallel_for(
            blocks.count(), threads, ctl,
            [&](std::int64_t bi) {
                const auto b = static_cast<NodeId>(bi);
            double s = 0;
            const NodeId hi = blocks.end(b);
            for (NodeId v = blocks.begin(b); v < hi; ++v) {
                auto nb = in ? g.in_neighbors(v) : g.out_neighbors(v);
                const double* ws =
                    weighted ? (in ? g.in_weights(v) : g.out_weights(v)).data() : nullptr;
                double acc = gather_sum(nb.data(), ws, nb.size(), xin.data());
                if (weighted) acc *= wscale;
                y[ix(v)] = acc;
                s += acc;
            }
            part[ix(b)] = s;
                    },
            Schedule::Static);
        return ordered_sum(part);
    };
    auto scale = [](std::vector<double>& y, double total) {
        if (total > 0)
            for (double& v : y) v /= total;
    };
    double err = 0;
    for (int it = 0; it < opt.max_iter; ++it) {
        multiply(h, a, true);                      // authorities: a = A^T h
        const double total = multiply(a, next, false);  // hubs: h = A a
        if (total == 0) {  // no ties: every node equal, as networkx's empty case
            std::fill(h.begin(), h.end(), 1.0 / n);
            std::fill(a.begin(), a.end(), 1.0 / n);
            r.hubs = h;
            r.authorities = a;
            return r;
        }
        scale(next, total);
        err = 0;
        for (NodeId v = 0; v < n; ++v) err += std::abs(next[ix(v)] - h[ix(v)]);
        h.swap(next);
        if (err < opt.tol) {
            scale(a, multiply(h, a, true));
            r.hubs = std::move(h);
            r.authorities = std::move(a);
            return r;
        }
        if ((it & 7) == 7) ctl.checkpoint(it + 1, opt.max_iter);  // polls cost ~25 ns
    }
    not_converged("HITS", opt.max_iter, err, opt.tol);
}

}  // namespace govnet
