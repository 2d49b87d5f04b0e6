#include <govnet/deliberation.hpp>
#include <govnet/csr_graph.hpp>
#include <govnet/parallel.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>
#include <numeric>
#include <string>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace govnet {
namespace {

std::size_t uz(std::int64_t i) { return static_cast<std::size_t>(i); }

std::int64_t gcd64(std::int64_t a, std::int64_t b) {
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b != 0) {
        const std::int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

// Transposed CSR (columns become rows), sources ascending within each row, so
// the gather in left_perron sums in a fixed order.
InfluenceMatrix transpose(const InfluenceMatrix& w) {
    InfluenceMatrix t;
    t.n = w.n;
    t.offsets.assign(uz(w.n) + 1, 0);
    for (NodeId c : w.cols) ++t.offsets[uz(c) + 1];
    for (NodeId i = 0; i < w.n; ++i) t.offsets[uz(i) + 1] += t.offsets[uz(i)];
    t.cols.resize(w.cols.size());
    t.vals.resize(w.vals.size());
    std::vector<EdgeIdx> fill(t.offsets.begin(), t.offsets.end() - 1);
    for (NodeId i = 0; i < w.n; ++i) {
        for (EdgeIdx k = w.offsets[uz(i)]; k < w.offsets[uz(i) + 1]; ++k) {
            const EdgeIdx at = fill[uz(w.cols[uz(k)])]++;
            t.cols[uz(at)] = i;
            t.vals[uz(at)] = w.vals[uz(k)];
        }
    }
    return t;
}

void check_vector(const std::vector<double>& x, NodeId n, const char* what) {
    if (x.size() != uz(n))
        throw InvalidArgument(std::string(what) + " has " + std::to_string(x.size()) +
                              " entries, the matrix has " + std::to_string(n) + " rows");
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]))
            throw InvalidArgument(std::string(what) + "[" + std::to_string(i) + "] is not finite");
}

// One step y = L (W x) + (1 - L) x0 (L = nullptr: plain DeGroot). Returns
// max |y - x|, and the min and max of y; max/min reductions do not depend on
// the order, so the result is the same for any thread count.
struct StepStats {
    double change = 0, lo = 0, hi = 0;
};


// Uninitialised opinion vector of n doubles (huge pages for large n).
struct OpinionBuffer {
    explicit OpinionBuffer(std::int64_t n)
        : bytes(uz(std::max<std::int64_t>(n, 1)) * sizeof(double)),
          data(static_cast<double*>(huge_page_allocate(bytes))) {}
    ~OpinionBuffer() { huge_page_deallocate(data, bytes); }
    OpinionBuffer(const OpinionBuffer&) = delete;
    OpinionBuffer& operator=(const OpinionBuffer&) = delete;
    std::size_t bytes;
    double* data;
};

StepStats step(const InfluenceMatrix& w, const double* xp, double* yp, const double* lambda,
               const double* x0, const RunControl& ctl) {
    const std::int64_t n = w.n;
    const EdgeIdx* off = w.offsets.data();
    const NodeId* col = w.cols.data();
    const double* val = w.vals.data();
    // Row blocks of equal work (max / min are exact, so any split gives the same result);
    // small matrices run on the calling thread (threads_for, parallel.hpp).
    const std::vector<std::int64_t> bounds = work_blocks(off, n);
    const auto blocks = static_cast<std::int64_t>(bounds.size()) - 1;
    std::vector<StepStats> part(static_cast<std::size_t>(blocks), StepStats{0.0, INFINITY, -INFINITY});
    const double work = static_cast<double>(n) + static_cast<double>(w.nnz());
    parallel_for(
        blocks, threads_for(ctl, work, blocks), ctl,
        [&](std::int64_t b) {
            StepStats st{0.0, INFINITY, -INFINITY};
            const std::int64_t hi_row = bounds[static_cast<std::size_t>(b) + 1];
            for (std::int64_t i = bounds[static_cast<std::size_t>(b)]; i < hi_row; ++i) {
                double s = gather_sum(col + off[i], val + off[i],
                                      static_cast<std::size_t>(off[i + 1] - off[i]), xp);
                if (lambda != nullptr) s = lambda[i] * s + (1.0 - lambda[i]) * x0[i];
                yp[i] = s;
                st.change = std::max(st.change, std::fabs(s - xp[i]));
                st.lo = std::min(st.lo, s);
                st.hi = std::max(st.hi, s);
            }
            part[static_cast<std::size_t>(b)] = st;
        },
        Schedule::Static);
    StepStats r{0.0, INFINITY, -INFINITY};
    for (const StepStats& st : part) {
        r.change = std::max(r.change, st.change);
        r.lo = std::min(r.lo, st.lo);
        r.hi = std::max(r.hi, st.hi);
    }
    return r;
}

DegrootResult iterate(const InfluenceMatrix& w, const std::vector<double>& x0,
                      const double* lambda, const DegrootOptions& opt, const RunControl& ctl) {
    const NodeId n = w.n;
    check_vector(x0, n, "initial opinions");
    if (opt.max_iter < 0) throw InvalidArgument("max_iter must be >= 0");
    if (!(opt.tol >= 0)) throw InvalidArgument("tol must be >= 0");
    if (opt.record < 0) throw InvalidArgument("record must be >= 0");
    const std::int64_t states = std::min(opt.record, opt.max_iter) + 1;
    check_allocation("opinion trajectory", static_cast<double>(states) * n, 8.0);
    DegrootResult r;
    OpinionBuffer xb(n), yb(n);
    double* x = xb.data;
    double* y = yb.data;
    std::copy(x0.begin(), x0.end(), x);
    if (opt.record > 0) {
        r.trajectory.reserve(uz(states) * uz(n));
        r.trajectory.insert(r.trajectory.end(), x, x + n);
    }
    double lo = INFINITY, hi = -INFINITY;
    for (NodeId i = 0; i < n; ++i) {
        lo = std::min(lo, x[i]);
        hi = std::max(hi, x[i]);
    }
    r.spread = n > 0 ? hi - lo : 0.0;
    const bool plain = lambda == nullptr;
    if (plain && r.spread <= opt.tol) r.consensus_iteration = 0;
    const bool stop_on_change = opt.stop_on_change || !plain;
    if (!stop_on_change && r.consensus_iteration == 0) r.converged = true;
    if (n == 0) r.converged = true;
    for (std::int64_t t = 1; t <= opt.max_iter && !r.converged; ++t) {
        const StepStats s = step(w, x, y, lambda, x0.data(), ctl);
        std::swap(x, y);
        r.iterations = t;
        r.spread = s.hi - s.lo;
        r.last_change = s.change;
        if (r.consensus_iteration < 0 && plain && r.spread <= opt.tol) r.consensus_iteration = t;
        if (t < states) r.trajectory.insert(r.trajectory.end(), x, x + n);
        r.converged = stop_on_change ? s.change <= opt.tol : r.spread <= opt.tol;
        ctl.checkpoint(static_cast<double>(t), static_cast<double>(opt.max_iter));
    }
    r.opinions.assign(x, x + n);
    return r;
}

}  // namespace

namespace {
constexpr std::size_t kHugePage = std::size_t{1} << 21;
constexpr std::size_t kHugeMin = std::size_t{4} << 20;
}  // namespace

void* huge_page_allocate(std::size_t bytes) {
    if (bytes < kHugeMin) return ::operator new(bytes);
    const std::size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
#ifdef __linux__
    madvise(p, rounded, MADV_HUGEPAGE);  // a hint; failure is harmless
#endif
    return p;
}

void huge_page_deallocate(void* p, std::size_t bytes) noexcept {
    if (bytes < kHugeMin) {
        ::operator delete(p);
    } else {
        std::free(p);
    }
}

InfluenceMatrix influence_matrix(const CsrGraph& g, const InfluenceOptions& opt) {
    const NodeId n = g.num_nodes();
    if (opt.self_weight.size() != 1 && opt.self_weight.size() != uz(n))
        throw InvalidArgument("self_weight must have 1 or n = " + std::to_string(n) + " entries");
    for (std::size_t i = 0; i < opt.self_weight.size(); ++i) {
        const double s = opt.self_weight[i];
        if (!(s >= 0.0 && s <= 1.0))
            throw InvalidArgument("self_weight[" + std::to_string(i) + "] = " + std::to_string(s) +
                                  " is not in [0, 1]");
    }
    check_allocation("influence matrix", static_cast<double>(g.num_edges()) * 2 + n, 12.0);
    // Row i lists the actors i listens to: in-neighbours of i (a tie u -> v
    // means u influences v), or out-neighbours when reversed. Undirected
    // graphs store both directions, so either view is the neighbour list.
    const bool use_out = opt.reverse || !g.directed();
    InfluenceMatrix w;
    w.n = n;
    w.offsets.assign(uz(n) + 1, 0);
    w.cols.reserve(uz(g.num_edges()) * (g.directed() ? 1 : 2) + uz(n));
    w.vals.reserve(w.cols.capacity());
    for (NodeId i = 0; i < n; ++i) {
        const auto nb = use_out ? g.out_neighbors(i) : g.in_neighbors(i);
        const auto ws = use_out ? g.out_weights(i) : g.in_weights(i);
        const double self =
            opt.self_weight.size() == 1 ? opt.self_weight[0] : opt.self_weight[uz(i)];
        double total = 0;
        for (std::size_t k = 0; k < nb.size(); ++k)
            if (nb[k] != i) total += ws.empty() ? 1.0 : ws[k];
        if (total <= 0) {  // listens to nobody: keeps its own opinion
            w.cols.push_back(i);
            w.vals.push_back(1.0);
        } else {
            const double scale = (1.0 - self) / total;
            bool placed = self <= 0;
            for (std::size_t k = 0; k < nb.size(); ++k) {
                if (nb[k] == i) continue;
                if (!placed && nb[k] > i) {
                    w.cols.push_back(i);
                    w.vals.push_back(self);
                    placed = true;
                }
                const double v = (ws.empty() ? 1.0 : ws[k]) * scale;
                if (v > 0) {
                    w.cols.push_back(nb[k]);
                    w.vals.push_back(v);
                }
            }
            if (!placed) {
                w.cols.push_back(i);
                w.vals.push_back(self);
            }
        }
        w.offsets[uz(i) + 1] = static_cast<EdgeIdx>(w.cols.size());
    }
    return w;
}

InfluenceMatrix make_influence_matrix(NodeId n, std::vector<EdgeIdx> offsets,
                                      std::vector<NodeId> cols, std::vector<double> vals,
                                      double tol) {
    if (n < 0) throw InvalidArgument("n must be >= 0");
    if (offsets.size() != uz(n) + 1 || offsets[0] != 0)
        throw InvalidArgument("offsets must have n + 1 entries starting at 0");
    if (cols.size() != vals.size() || static_cast<EdgeIdx>(cols.size()) != offsets.back())
        throw InvalidArgument("cols and vals must have offsets[n] entries");
    for (NodeId i = 0; i < n; ++i) {
        const EdgeIdx a = offsets[uz(i)], b = offsets[uz(i) + 1];
        if (b < a) throw InvalidArgument("offsets decrease at row " + std::to_string(i));
        double sum = 0;
        for (EdgeIdx k = a; k < b; ++k) {
            const NodeId c = cols[uz(k)];
            if (c < 0 || c >= n)
                throw InvalidArgument("row " + std::to_string(i) + ": column " + std::to_string(c) +
                                      " out of range");
            if (k > a && c <= cols[uz(k) - 1])
                throw InvalidArgument("row " + std::to_string(i) +
                                      ": columns must be sorted and distinct");
            const double v = vals[uz(k)];
            if (!(v > 0) || !std::isfinite(v))
                throw InvalidArgument("row " + std::to_string(i) + ": entry " + std::to_string(v) +
                                      " must be positive and finite");
            sum += v;
        }
        if (std::fabs(sum - 1.0) > tol)
            throw InvalidArgument("row " + std::to_string(i) + " sums to " + std::to_string(sum) +
                                  ", not 1 (an influence matrix is row-stochastic)");
    }
    InfluenceMatrix w;
    w.n = n;
    w.offsets.assign(offsets.begin(), offsets.end());
    w.cols.assign(cols.begin(), cols.end());
    w.vals.assign(vals.begin(), vals.end());
    return w;
}

void influence_matvec(const InfluenceMatrix& w, const std::vector<double>& x,
                      std::vector<double>& y, const RunControl& ctl) {
    check_vector(x, w.n, "x");
    y.resize(uz(w.n));
    step(w, x.data(), y.data(), nullptr, nullptr, ctl);
}

ChainStructure chain_structure(const InfluenceMatrix& w) {
    const NodeId n = w.n;
    ChainStructure cs;
    cs.component.assign(uz(n), -1);
    // Iterative Tarjan.
    std::vector<NodeId> index(uz(n), -1), low(uz(n), 0), stack;
    std::vector<std::uint8_t> on_stack(uz(n), 0);
    std::vector<std::pair<NodeId, EdgeIdx>> call;  // (node, next arc)
    NodeId counter = 0;
    for (NodeId root = 0; root < n; ++root) {
        if (index[uz(root)] >= 0) continue;
        call.emplace_back(root, w.offsets[uz(root)]);
        index[uz(root)] = low[uz(root)] = counter++;
        stack.push_back(root);
        on_stack[uz(root)] = 1;
        while (!call.empty()) {
            auto& [v, k] = call.back();
            if (k < w.offsets[uz(v) + 1]) {
                const NodeId u = w.cols[uz(k)];
                ++k;
                if (index[uz(u)] < 0) {
                    index[uz(u)] = low[uz(u)] = counter++;
                    stack.push_back(u);
                    on_stack[uz(u)] = 1;
                    call.emplace_back(u, w.offsets[uz(u)]);
                } else if (on_stack[uz(u)]) {
                    low[uz(v)] = std::min(low[uz(v)], index[uz(u)]);
                }
                continue;
            }
            const NodeId done = v;
            call.pop_back();
            if (!call.empty()) {
                const NodeId parent = call.back().first;
                low[uz(parent)] = std::min(low[uz(parent)], low[uz(done)]);
            }
            if (low[uz(done)] == index[uz(done)]) {
                const NodeId c = cs.num_components++;
                NodeId x;
                do {
                    x = stack.back();
                    stack.pop_back();
                    on_stack[uz(x)] = 0;
                    cs.component[uz(x)] = c;
                } while (x != done);
            }
        }
    }
    const auto nc = uz(cs.num_components);
    cs.closed.assign(nc, 1);
    cs.period.assign(nc, 0);
    cs.size.assign(nc, 0);
    for (NodeId i = 0; i < n; ++i) {
        ++cs.size[uz(cs.component[uz(i)])];
        for (EdgeIdx k = w.offsets[uz(i)]; k < w.offsets[uz(i) + 1]; ++k)
            if (cs.component[uz(w.cols[uz(k)])] != cs.component[uz(i)])
                cs.closed[uz(cs.component[uz(i)])] = 0;
    }
    // Period: BFS levels inside each component from its first actor; the
    // period is the gcd of level(u) + 1 - level(v) over internal arcs u -> v.
    std::vector<std::int64_t> level(uz(n), -1);
    std::vector<NodeId> queue;
    for (NodeId root = 0; root < n; ++root) {
        const NodeId c = cs.component[uz(root)];
        // Only closed classes decide convergence: skip the others' periods.
        if (level[uz(root)] >= 0 || !cs.closed[uz(c)]) continue;
        queue.assign(1, root);
        level[uz(root)] = 0;
        std::int64_t g = 0;
        for (std::size_t h = 0; h < queue.size(); ++h) {
            const NodeId v = queue[h];
            for (EdgeIdx k = w.offsets[uz(v)]; k < w.offsets[uz(v) + 1]; ++k) {
                const NodeId u = w.cols[uz(k)];
                if (cs.component[uz(u)] != c) continue;
                if (level[uz(u)] < 0) {
                    level[uz(u)] = level[uz(v)] + 1;
                    queue.push_back(u);
                } else {
                    g = gcd64(g, level[uz(v)] + 1 - level[uz(u)]);
                }
            }
        }
        cs.period[uz(c)] = g;
    }
    return cs;
}

DegrootResult degroot(const InfluenceMatrix& w, const std::vector<double>& x0,
                      const DegrootOptions& opt, const RunControl& ctl) {
    return iterate(w, x0, nullptr, opt, ctl);
}

DegrootResult friedkin_johnsen(const InfluenceMatrix& w, const std::vector<double>& x0,
                               const std::vector<double>& susceptibility,
                               const DegrootOptions& opt, const RunControl& ctl) {
    check_vector(susceptibility, w.n, "susceptibility");
    for (std::size_t i = 0; i < susceptibility.size(); ++i)
        if (susceptibility[i] < 0 || susceptibility[i] > 1)
            throw InvalidArgument("susceptibility[" + std::to_string(i) + "] is not in [0, 1]");
    return iterate(w, x0, susceptibility.data(), opt, ctl);
}

PowerResult left_perron(const InfluenceMatrix& w, const DegrootOptions& opt,
                        const RunControl& ctl) {
    const NodeId n = w.n;
    PowerResult r;
    if (n == 0) {
        r.converged = true;
        return r;
    }
    check_allocation("transposed influence matrix", static_cast<double>(w.nnz()), 12.0);
    const InfluenceMatrix t = transpose(w);
    OpinionBuffer pb(n), qb(n);
    double* p = pb.data;
    double* q = qb.data;
    std::fill(p, p + n, 1.0 / n);
    for (std::int64_t it = 1; it <= opt.max_iter; ++it) {
        const StepStats s = step(t, p, q, nullptr, nullptr, ctl);
        std::swap(p, q);
        r.iterations = it;
        r.last_change = s.change;
        if (s.change <= opt.tol) {
            r.converged = true;
            break;
        }
        ctl.checkpoint(static_cast<double>(it), static_cast<double>(opt.max_iter));
    }
    // Renormalise away rounding drift (a fixed-order sum: deterministic).
    const double total = std::accumulate(p, p + n, 0.0);
    r.vector.assign(p, p + n);
    if (total > 0)
        for (double& v : r.vector) v /= total;
    return r;
}

}  // namespace govnet
