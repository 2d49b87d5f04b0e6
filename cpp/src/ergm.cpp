// ERGM core: network state, change statistics (see ergm.hpp), MPLE rows and the
// TNT sampler.

#include <govnet/ergm.hpp>
#include <govnet/parallel.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <unordered_map>

namespace govnet::ergm {

// ---------------------------------------------------------------- State

State::State(int n, bool directed, int n1) : n_(n), directed_(directed), n1_(n1) {
    if (n < 0) throw InvalidArgument("ergm: negative number of nodes");
    if (n1 < 0 || n1 > n) throw InvalidArgument("ergm: bipartite size outside [0, n]");
    if (directed && n1 > 0) throw InvalidArgument("ergm: bipartite networks are undirected");
    check_allocation("ergm network state", static_cast<double>(n) * n, directed ? 9.0 : 5.0);
    adj_.assign(static_cast<std::size_t>(n) * n, 0);
    opos_.assign(static_cast<std::size_t>(n) * n, -1);
    out_.resize(n);
    if (directed) {
        in_.resize(n);
        ipos_.assign(static_cast<std::size_t>(n) * n, -1);
    }
}

namespace {
// Removes v[pos[key]] by moving the last entry into its place; pos holds, for each
// entry x of v, its index at key_of(x).
template <class KeyOf>
inline void erase_at(std::vector<int>& v, std::vector<int>& pos, std::size_t key, KeyOf key_of) {
    const int p = pos[key];
    const int last = v.back();
    v[p] = last;
    pos[key_of(last)] = p;
    v.pop_back();
    pos[key] = -1;
}
}  // namespace

void State::toggle(int i, int j) {
    const std::size_t n = static_cast<std::size_t>(n_);
    const std::size_t a = static_cast<std::size_t>(i) * n + j;
    const std::size_t b = static_cast<std::size_t>(j) * n + i;
    if (adj_[a]) {
        adj_[a] = 0;
        erase_at(out_[i], opos_, a, [&](int x) { return static_cast<std::size_t>(i) * n + x; });
        if (directed_) {
            erase_at(in_[j], ipos_, a, [&](int x) { return static_cast<std::size_t>(x) * n + j; });
        } else {
            adj_[b] = 0;
            erase_at(out_[j], opos_, b, [&](int x) { return static_cast<std::size_t>(j) * n + x; });
        }
        --edges_;
    } else {
        adj_[a] = 1;
        opos_[a] = static_cast<int>(out_[i].size());
        out_[i].push_back(j);
        if (directed_) {
            ipos_[a] = static_cast<int>(in_[j].size());
            in_[j].push_back(i);
        } else {
            adj_[b] = 1;
            opos_[b] = static_cast<int>(out_[j].size());
            out_[j].push_back(i);
        }
        ++edges_;
    }
}

int State::two_paths(int a, int b) const {
    const auto& oa = out_[a];
    const auto& ib = in(b);
    int c = 0;
    if (oa.size() <= ib.size()) {
        for (int k : oa)
            if (k != b && has(k, b)) ++c;
    } else {
        for (int k : ib)
            if (k != a && has(a, k)) ++c;
    }
    return c;
}

void State::edge_list(std::vector<int>& src, std::vector<int>& dst) const {
    src.clear();
    dst.clear();
    for (int i = 0; i < n_; ++i) {
        std::vector<int> nb = out_[i];
        std::sort(nb.begin(), nb.end());
        for (int j : nb) {
            if (!directed_ && j < i) continue;
            src.push_back(i);
            dst.push_back(j);
        }
    }
}

// ---------------------------------------------------------------- terms

namespace {

inline double choose(double d, int k) {
    if (k < 0 || d < k) return 0.0;
    double r = 1.0;
    for (int t = 1; t <= k; ++t) r = r * (d - k + t) / t;
    return r;
}

// Triads of the transitive classes 030T, 120D, 120U, 300: every two-path with
// distinct ends is closed and at least one such two-path exists. Index bits:
// 0 i->j, 1 j->i, 2 i->k, 3 k->i, 4 j->k, 5 k->j.
std::array<std::uint8_t, 64> make_transitive_table() {
    std::array<std::uint8_t, 64> t{};
    for (int code = 0; code < 64; ++code) {
        bool a[3][3] = {};
        a[0][1] = code & 1;
        a[1][0] = code & 2;
        a[0][2] = code & 4;
        a[2][0] = code & 8;
        a[1][2] = code & 16;
        a[2][1] = code & 32;
        bool any = false, closed = true;
        for (int x = 0; x < 3; ++x)
            for (int y = 0; y < 3; ++y)
                for (int z = 0; z < 3; ++z) {
                    if (x == y || y == z || x == z) continue;
                    if (a[x][y] && a[y][z]) {
                        any = true;
                        if (!a[x][z]) closed = false;
                    }
                }
        t[code] = (any && closed) ? 1 : 0;
    }
    return t;
}
const std::array<std::uint8_t, 64> kTransitive = make_transitive_table();

inline int triad_code(const State& s, int i, int j, int k) {
    return (s.has(i, j) ? 1 : 0) | (s.has(j, i) ? 2 : 0) | (s.has(i, k) ? 4 : 0) |
           (s.has(k, i) ? 8 : 0) | (s.has(j, k) ? 16 : 0) | (s.has(k, j) ? 32 : 0);
}

// GW edgewise shared partners of adding (i, j), absent.
// rp[k] = (1 - exp(-alpha))^k, precomputed per term
double gwesp_delta(const State& s, int i, int j, double alpha, const std::vector<double>& rp) {
    double d = 0.0;
    if (!s.directed()) {
        int L = 0;
        const auto& ni = s.out(i);
        for (int k : ni) {
            if (k == j || !s.has(k, j)) continue;
            ++L;
            d += rp[s.two_paths(i, k)] + rp[s.two_paths(j, k)];
        }
        d += std::exp(alpha) * (1.0 - rp[L]);
        return d;
    }
    const int L = s.two_paths(i, j);
    d += std::exp(alpha) * (1.0 - rp[L]);
    for (int b : s.out(j))
        if (b != i && s.has(i, b)) d += rp[s.two_paths(i, b)];
    for (int a : s.in(i))
        if (a != j && s.has(a, j)) d += rp[s.two_paths(a, j)];
    return d;
}

double gwdsp_delta(const State& s, int i, int j, const std::vector<double>& rp) {
    double d = 0.0;
    if (!s.directed()) {
        for (int k : s.out(j))
            if (k != i) d += rp[s.two_paths(i, k)];
        for (int k : s.out(i))
            if (k != j) d += rp[s.two_paths(j, k)];
        return d;
    }
    for (int b : s.out(j))
        if (b != i) d += rp[s.two_paths(i, b)];
    for (int a : s.in(i))
        if (a != j) d += rp[s.two_paths(a, j)];
    return d;
}

// Ties a->b with a two-path a->c->b (transitive) or b->c->a (cyclical), adding (i, j).
double closure_ties_delta(const State& s, int i, int j, bool cyclical) {
    double d = 0.0;
    if (!cyclical) {
        if (s.two_paths(i, j) > 0) d += 1;
        for (int b : s.out(j))
            if (b != i && s.has(i, b) && s.two_paths(i, b) == 0) d += 1;
        for (int a : s.in(i))
            if (a != j && s.has(a, j) && s.two_paths(a, j) == 0) d += 1;
        return d;
    }
    if (s.two_paths(j, i) > 0) d += 1;
    // two-path i -> j -> a closes tie a -> i
    for (int a : s.out(j))
        if (a != i && s.has(a, i) && s.two_paths(i, a) == 0) d += 1;
    // two-path b -> i -> j closes tie j -> b
    for (int b : s.in(i))
        if (b != j && s.has(j, b) && s.two_paths(b, j) == 0) d += 1;
    return d;
}

int count_common(const std::vector<int>& a, const State& s, int other, bool out_of_other) {
    // |a ∩ N(other)|: out_of_other: other -> k, else k -> other
    int c = 0;
    for (int k : a)
        if (k != other && (out_of_other ? s.has(other, k) : s.has(k, other))) ++c;
    return c;
}

}  // namespace

// ---------------------------------------------------------------- Model

Model::Model(int n, bool directed, int n1, std::vector<TermSpec> terms)
    : n_(n), directed_(directed), n1_(n1), terms_(std::move(terms)) {
    if (n < 1) throw InvalidArgument("ergm: a model needs at least one node");
    if (directed && n1 > 0) throw InvalidArgument("ergm: bipartite networks are undirected");
    for (const auto& t : terms_) {
        if (t.kind < 0 || t.kind >= static_cast<int>(TermKind::Count_))
            throw InvalidArgument("ergm: unknown term kind " + std::to_string(t.kind));
        if (t.nstats < 1) throw InvalidArgument("ergm: a term needs at least one statistic");
        if (!t.cat.empty() && static_cast<int>(t.cat.size()) != n)
            throw InvalidArgument("ergm: a categorical attribute needs one value per node");
        for (int c : t.cat)
            if (c < 0 || c >= t.nlevels) throw InvalidArgument("ergm: category code out of range");
        for (int v : t.map)
            if (v >= t.nstats) throw InvalidArgument("ergm: level map outside the term's statistics");
        if (!t.x.empty() && static_cast<int>(t.x.size()) != n)
            throw InvalidArgument("ergm: a node covariate needs one value per node");
        if (!t.mat.empty() && t.mat.size() != static_cast<std::size_t>(n) * n)
            throw InvalidArgument("ergm: a dyadic covariate needs n x n values");
        offset_.push_back(nstats_);
        nstats_ += t.nstats;
        switch (static_cast<TermKind>(t.kind)) {
            case TermKind::Edges: case TermKind::NodeCov: case TermKind::NodeOCov: case TermKind::NodeICov:
            case TermKind::NodeFactor: case TermKind::NodeOFactor: case TermKind::NodeIFactor:
            case TermKind::B1Factor: case TermKind::B2Factor: case TermKind::NodeMatch:
            case TermKind::NodeMatchDiff: case TermKind::NodeMix: case TermKind::AbsDiff:
            case TermKind::EdgeCov: break;
            case TermKind::Mutual: if (!directed) delta_ignores_dyad_ = false; break;  // reads (j, i)
            default: delta_ignores_dyad_ = false;
        }
        std::vector<double> rp(static_cast<std::size_t>(n) + 1, 1.0);
        const double r = 1.0 - std::exp(-t.decay);
        for (int k = 1; k <= n; ++k) rp[k] = std::pow(r, k);  // pow(0, 0) = 1 at k = 0
        rpow_.push_back(std::move(rp));
    }
}

std::int64_t Model::ndyads() const {
    const std::int64_t n = n_;
    if (n1_ > 0) return static_cast<std::int64_t>(n1_) * (n - n1_);
    return directed_ ? n * (n - 1) : n * (n - 1) / 2;
}

void Model::check_dyad(int i, int j) const {
    if (i < 0 || j < 0 || i >= n_ || j >= n_ || i == j)
        throw InvalidArgument("ergm: dyad outside the network or a self-loop");
    if (n1_ > 0 && !(i < n1_ && j >= n1_))
        throw InvalidArgument("ergm: a bipartite dyad joins a mode-1 node to a mode-2 node");
    if (!directed_ && n1_ == 0 && i > j) throw InvalidArgument("ergm: undirected dyads have i < j");
}

void Model::add_delta(const State& s, int i, int j, double* out) const {
    const bool dir = directed_;
    for (std::size_t t = 0; t < terms_.size(); ++t) {
        const TermSpec& T = terms_[t];
        double* o = out + offset_[t];
        switch (static_cast<TermKind>(T.kind)) {
            case TermKind::Edges: o[0] += 1; break;
            case TermKind::Mutual: o[0] += s.has(j, i) ? 1 : 0; break;
            case TermKind::NodeCov: o[0] += T.x[i] + T.x[j]; break;
            case TermKind::NodeOCov: o[0] += T.x[i]; break;
            case TermKind::NodeICov: o[0] += T.x[j]; break;
            case TermKind::NodeFactor: {
                const int a = T.map[T.cat[i]], b = T.map[T.cat[j]];
                if (a >= 0) o[a] += 1;
                if (b >= 0) o[b] += 1;
                break;
            }
            case TermKind::NodeOFactor:
            case TermKind::B1Factor: {
                const int a = T.map[T.cat[i]];
                if (a >= 0) o[a] += 1;
                break;
            }
            case TermKind::NodeIFactor:
            case TermKind::B2Factor: {
                const int b = T.map[T.cat[j]];
                if (b >= 0) o[b] += 1;
                break;
            }
            case TermKind::NodeMatch: o[0] += (T.cat[i] == T.cat[j]) ? 1 : 0; break;
            case TermKind::NodeMatchDiff:
                if (T.cat[i] == T.cat[j] && T.map[T.cat[i]] >= 0) o[T.map[T.cat[i]]] += 1;
                break;
            case TermKind::NodeMix: {
                int a = T.cat[i], b = T.cat[j];
                if (!dir && n1_ == 0 && a > b) std::swap(a, b);
                const int idx = T.map[static_cast<std::size_t>(a) * T.nlevels + b];
                if (idx >= 0) o[idx] += 1;
                break;
            }
            case TermKind::AbsDiff: o[0] += std::pow(std::fabs(T.x[i] - T.x[j]), T.power); break;
            case TermKind::EdgeCov: {
                const int a = dir ? i : std::min(i, j), b = dir ? j : std::max(i, j);
                o[0] += T.mat[static_cast<std::size_t>(a) * n_ + b];
                break;
            }
            case TermKind::KStar: o[0] += choose(s.outdeg(i), T.k - 1) + choose(s.outdeg(j), T.k - 1); break;
            case TermKind::OStar: o[0] += choose(s.outdeg(i), T.k - 1); break;
            case TermKind::IStar: o[0] += choose(s.indeg(j), T.k - 1); break;
            case TermKind::B1Star: o[0] += choose(s.outdeg(i), T.k - 1); break;
            case TermKind::B2Star: o[0] += choose(s.outdeg(j), T.k - 1); break;
            case TermKind::Triangle:
                if (!dir) {
                    o[0] += s.two_paths(i, j);
                } else {
                    o[0] += s.two_paths(i, j) + count_common(s.out(i), s, j, true) +
                            count_common(s.in(i), s, j, false) + s.two_paths(j, i);
                }
                break;
            case TermKind::TTriple:
                o[0] += s.two_paths(i, j) + count_common(s.out(i), s, j, true) +
                        count_common(s.in(i), s, j, false);
                break;
            case TermKind::CTriple: o[0] += s.two_paths(j, i); break;
            case TermKind::GwEsp: o[0] += gwesp_delta(s, i, j, T.decay, rpow_[t]); break;
            case TermKind::GwDsp: o[0] += gwdsp_delta(s, i, j, rpow_[t]); break;
            case TermKind::GwNsp:
                o[0] += gwdsp_delta(s, i, j, rpow_[t]) - gwesp_delta(s, i, j, T.decay, rpow_[t]);
                break;
            case TermKind::GwDegree: o[0] += rpow_[t][s.outdeg(i)] + rpow_[t][s.outdeg(j)]; break;
            case TermKind::GwB1Degree:
            case TermKind::GwODegree: o[0] += rpow_[t][s.outdeg(i)]; break;
            case TermKind::GwB2Degree: o[0] += rpow_[t][s.outdeg(j)]; break;
            case TermKind::GwIDegree: o[0] += rpow_[t][s.indeg(j)]; break;
            case TermKind::Isolates: {
                const int di = dir ? s.outdeg(i) + s.indeg(i) : s.outdeg(i);
                const int dj = dir ? s.outdeg(j) + s.indeg(j) : s.outdeg(j);
                o[0] -= (di == 0 ? 1 : 0) + (dj == 0 ? 1 : 0);
                break;
            }
            case TermKind::Transitive: {
                int d = 0;
                for (int k = 0; k < n_; ++k) {
                    if (k == i || k == j) continue;
                    const int c = triad_code(s, i, j, k);  // i->j absent: bit 0 clear
                    d += kTransitive[c | 1] - kTransitive[c];
                }
                o[0] += d;
                break;
            }
            case TermKind::CyclicalTies: o[0] += closure_ties_delta(s, i, j, true); break;
            case TermKind::TransitiveTies: o[0] += closure_ties_delta(s, i, j, false); break;
            case TermKind::Count_: break;
        }
    }
}

void Model::toggle_change(State& s, int i, int j, double* out) const {
    std::fill(out, out + nstats_, 0.0);
    if (s.has(i, j)) {
        s.toggle(i, j);
        add_delta(s, i, j, out);
        s.toggle(i, j);
        for (int t = 0; t < nstats_; ++t) out[t] = -out[t];
    } else {
        add_delta(s, i, j, out);
    }
}

std::vector<double> Model::empty_stats() const {
    std::vector<double> g(nstats_, 0.0);
    for (std::size_t t = 0; t < terms_.size(); ++t)
        if (static_cast<TermKind>(terms_[t].kind) == TermKind::Isolates) g[offset_[t]] = n_;
    return g;
}

State Model::make_state(const std::vector<int>& src, const std::vector<int>& dst) const {
    if (src.size() != dst.size()) throw InvalidArgument("ergm: sources and targets differ in length");
    State s(n_, directed_, n1_);
    for (std::size_t e = 0; e < src.size(); ++e) {
        int i = src[e], j = dst[e];
        if (!directed_ && n1_ == 0 && i > j) std::swap(i, j);
        if (n1_ > 0 && i > j) std::swap(i, j);
        check_dyad(i, j);
        if (s.has(i, j)) throw InvalidArgument("ergm: a tie is listed twice");
        s.toggle(i, j);
    }
    return s;
}

std::vector<double> Model::statistics(const std::vector<int>& src, const std::vector<int>& dst) const {
    std::vector<double> g = empty_stats();
    State s(n_, directed_, n1_);
    std::vector<double> d(nstats_);
    for (std::size_t e = 0; e < src.size(); ++e) {
        int i = src[e], j = dst[e];
        if (!directed_ && i > j) std::swap(i, j);
        check_dyad(i, j);
        if (s.has(i, j)) throw InvalidArgument("ergm: a tie is listed twice");
        std::fill(d.begin(), d.end(), 0.0);
        add_delta(s, i, j, d.data());
        for (int t = 0; t < nstats_; ++t) g[t] += d[t];
        s.toggle(i, j);
    }
    return g;
}

namespace {
template <class F>
void for_each_dyad(const Model& m, F&& f) {
    const int n = m.n(), n1 = m.n1();
    if (n1 > 0) {
        for (int i = 0; i < n1; ++i)
            for (int j = n1; j < n; ++j) f(i, j);
    } else if (m.directed()) {
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                if (i != j) f(i, j);
    } else {
        for (int i = 0; i < n; ++i)
            for (int j = i + 1; j < n; ++j) f(i, j);
    }
}
}  // namespace

MpleData mple_data(const Model& m, const std::vector<int>& src, const std::vector<int>& dst,
                   const std::vector<int>& miss_src, const std::vector<int>& miss_dst,
                   const RunControl& ctl) {
    State s = m.make_state(src, dst);
    const int n = m.n(), p = m.nstats();
    std::vector<std::uint8_t> miss(static_cast<std::size_t>(n) * n, 0);
    if (miss_src.size() != miss_dst.size()) throw InvalidArgument("ergm: missing dyad lists differ");
    for (std::size_t e = 0; e < miss_src.size(); ++e) {
        int i = miss_src[e], j = miss_dst[e];
        if (!m.directed() && i > j) std::swap(i, j);
        m.check_dyad(i, j);
        miss[static_cast<std::size_t>(i) * n + j] = 1;
    }
    MpleData out;
    check_allocation("MPLE change statistics", static_cast<double>(m.ndyads()), 8.0 * (p + 1));
    out.x.reserve(static_cast<std::size_t>(m.ndyads()) * p);
    std::vector<double> d(p);
    std::int64_t done = 0;
    for_each_dyad(m, [&](int i, int j) {
        if (++done % 65536 == 0) ctl.checkpoint(static_cast<double>(done), static_cast<double>(m.ndyads()));
        if (miss[static_cast<std::size_t>(i) * n + j]) return;
        const bool present = s.has(i, j);
        std::fill(d.begin(), d.end(), 0.0);
        if (present) s.toggle(i, j);
        m.add_delta(s, i, j, d.data());
        if (present) s.toggle(i, j);
        out.x.insert(out.x.end(), d.begin(), d.end());
        out.y.push_back(present ? 1 : 0);
        out.i.push_back(i);
        out.j.push_back(j);
        ++out.rows;
    });
    return out;
}

MpleData toggle_changes(const Model& m, const std::vector<int>& src, const std::vector<int>& dst) {
    State s = m.make_state(src, dst);
    const int p = m.nstats();
    MpleData out;
    std::vector<double> d(p);
    for_each_dyad(m, [&](int i, int j) {
        m.toggle_change(s, i, j, d.data());
        out.x.insert(out.x.end(), d.begin(), d.end());
        out.y.push_back(s.has(i, j) ? 1 : 0);
        out.i.push_back(i);
        out.j.push_back(j);
        ++out.rows;
    });
    return out;
}

// ---------------------------------------------------------------- sampler

namespace {

// The dyads a chain may toggle and its free ties (for TNT's tie draw).
class FreeSet {
public:
    FreeSet(const Model& m, const State& s, const std::vector<int>& fs, const std::vector<int>& fd)
        : m_(m), n_(m.n()) {
        explicit_ = !fs.empty();
        const std::size_t nn = static_cast<std::size_t>(n_) * n_;
        pos_.assign(nn, -1);
        if (explicit_) {
            free_.assign(nn, 0);
            for (std::size_t e = 0; e < fs.size(); ++e) {
                int i = fs[e], j = fd[e];
                if (!m.directed() && i > j) std::swap(i, j);
                m.check_dyad(i, j);
                const std::int64_t key = static_cast<std::int64_t>(i) * n_ + j;
                if (free_[key]) continue;
                free_[key] = 1;
                dyads_.push_back(pack(i, j));
            }
            ndyads_ = static_cast<std::int64_t>(dyads_.size());
        } else {
            ndyads_ = m.ndyads();
        }
        std::vector<int> src, dst;
        s.edge_list(src, dst);
        for (std::size_t e = 0; e < src.size(); ++e) {
            const std::int64_t key = static_cast<std::int64_t>(src[e]) * n_ + dst[e];
            if (explicit_ && !free_[key]) continue;
            add(key, pack(src[e], dst[e]));
        }
    }
    // A dyad as (i << 32) | j: its ends without a 64-bit division per proposal.
    static std::uint64_t pack(int i, int j) {
        return (static_cast<std::uint64_t>(i) << 32) | static_cast<std::uint32_t>(j);
    }
    static int first(std::uint64_t code) { return static_cast<int>(code >> 32); }
    static int second(std::uint64_t code) { return static_cast<int>(code & 0xffffffffULL); }
    std::int64_t key(std::uint64_t code) const {
        return static_cast<std::int64_t>(first(code)) * n_ + second(code);
    }
    std::int64_t ndyads() const { return ndyads_; }
    std::int64_t nedges() const { return static_cast<std::int64_t>(edges_.size()); }
    std::uint64_t random_dyad(Rng& rng) const {
        if (explicit_) return dyads_[rng.below(static_cast<std::uint64_t>(ndyads_))];
        const int n1 = m_.n1();
        if (n1 > 0) {
            const int i = static_cast<int>(rng.below(n1));
            const int j = n1 + static_cast<int>(rng.below(n_ - n1));
            return pack(i, j);
        }
        int i = static_cast<int>(rng.below(n_));
        int j = static_cast<int>(rng.below(n_ - 1));
        if (j >= i) ++j;
        if (!m_.directed() && i > j) std::swap(i, j);
        return pack(i, j);
    }
    std::uint64_t random_edge(Rng& rng) const { return edges_[rng.below(edges_.size())]; }
    void toggled(std::uint64_t code, bool now_present) {
        const std::int64_t k = key(code);
        if (now_present) {
            add(k, code);
        } else {
            const std::int64_t p = pos_[k];
            const std::uint64_t last = edges_.back();
            edges_[p] = last;
            pos_[key(last)] = p;
            edges_.pop_back();
            pos_[k] = -1;
        }
    }

private:
    void add(std::int64_t k, std::uint64_t code) {
        pos_[k] = static_cast<std::int64_t>(edges_.size());
        edges_.push_back(code);
    }
    const Model& m_;
    int n_;
    bool explicit_ = false;
    std::int64_t ndyads_ = 0;
    std::vector<std::uint8_t> free_;
    std::vector<std::uint64_t> dyads_;
    std::vector<std::int64_t> pos_;
    std::vector<std::uint64_t> edges_;
};

}  // namespace

SampleResult sample(const Model& m, const std::vector<int>& src, const std::vector<int>& dst,
                    const std::vector<double>& theta, const SampleOptions& opt, const RunControl& ctl) {
    const int p = m.nstats();
    if (static_cast<int>(theta.size()) != p) throw InvalidArgument("ergm: theta has the wrong length");
    if (opt.chains < 1) throw InvalidArgument("ergm: chains must be positive");
    if (opt.samplesize < 1 || opt.interval < 1 || opt.burnin < 0)
        throw InvalidArgument("ergm: samplesize and interval must be positive, burnin not negative");
    if (opt.free_src.size() != opt.free_dst.size()) throw InvalidArgument("ergm: free dyad lists differ");
    const int chains = opt.chains;
    const bool restart = !opt.start_src.empty();
    if (restart && (static_cast<int>(opt.start_src.size()) != chains ||
                    static_cast<int>(opt.start_dst.size()) != chains ||
                    opt.start_offset.size() != static_cast<std::size_t>(chains) * p))
        throw InvalidArgument("ergm: start networks and offsets need one entry per chain");
    const State start = m.make_state(src, dst);
    std::vector<State> starts;
    if (restart)
        for (int c = 0; c < chains; ++c) starts.push_back(m.make_state(opt.start_src[c], opt.start_dst[c]));
    const double n = m.n();
    check_allocation("ergm chains", static_cast<double>(chains) * n * n, 17.0);
    check_allocation("ergm sample", static_cast<double>(opt.samplesize), 8.0 * p);
    SampleResult res;
    res.rows = opt.samplesize;
    res.stats.assign(static_cast<std::size_t>(opt.samplesize) * p, 0.0);
    res.final_stats.assign(static_cast<std::size_t>(chains) * p, 0.0);
    res.edges.assign(static_cast<std::size_t>(opt.samplesize), 0.0);
    res.final_src.resize(chains);
    res.final_dst.resize(chains);
    if (opt.keep_networks) {
        res.net_src.resize(opt.samplesize);
        res.net_dst.resize(opt.samplesize);
    }
    std::vector<std::int64_t> first(chains + 1, 0);
    for (int c = 0; c < chains; ++c)
        first[c + 1] = first[c] + opt.samplesize / chains + (c < opt.samplesize % chains ? 1 : 0);
    const double total = static_cast<double>(opt.burnin * chains) +
                         static_cast<double>(opt.samplesize) * static_cast<double>(opt.interval);
    std::atomic<std::int64_t> done{0};
    std::vector<std::int64_t> accepted(chains, 0), proposed(chains, 0);
    const int threads = threads_for(ctl, total, chains);
    RegionGuard guard(ctl);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (int c = 0; c < chains; ++c) {
        guard.run([&] {
            State s = restart ? std::move(starts[c]) : start;
            FreeSet fs(m, s, opt.free_src, opt.free_dst);
            Rng rng(opt.seed, static_cast<std::uint64_t>(c));
            std::vector<double> dev(p, 0.0), d(p, 0.0);
            if (restart)
                std::copy(opt.start_offset.begin() + static_cast<std::ptrdiff_t>(c) * p,
                          opt.start_offset.begin() + static_cast<std::ptrdiff_t>(c + 1) * p, dev.begin());
            const double D = static_cast<double>(fs.ndyads());
            // dyadic models: a present tie is removed only once its removal is accepted
            const bool lazy = m.delta_ignores_dyad();
            std::int64_t local = 0;
            auto step = [&] {
                if (D <= 0) return;
                const std::int64_t E = fs.nedges();
                std::uint64_t key;
                if (E > 0 && rng.uniform() < 0.5) {
                    key = fs.random_edge(rng);
                } else {
                    key = fs.random_dyad(rng);
                }
                const int i = FreeSet::first(key), j = FreeSet::second(key);
                const bool present = s.has(i, j);
                std::fill(d.begin(), d.end(), 0.0);
                double qf, qr;
                if (present) {
                    if (!lazy) s.toggle(i, j);
                    m.add_delta(s, i, j, d.data());
                    for (int t = 0; t < p; ++t) d[t] = -d[t];
                    qf = 0.5 / D + 0.5 / static_cast<double>(E);
                    qr = (E - 1 > 0) ? 0.5 / D : 1.0 / D;
                } else {
                    m.add_delta(s, i, j, d.data());
                    qf = (E > 0) ? 0.5 / D : 1.0 / D;
                    qr = 0.5 / D + 0.5 / static_cast<double>(E + 1);
                }
                double w = 0.0;
                for (int t = 0; t < p; ++t) w += theta[t] * d[t];
                ++proposed[c];
                // the Metropolis-Hastings ratio without a log: one exp per proposal
                const double r = (qr / qf) * std::exp(w);
                const bool accept = r >= 1.0 || rng.uniform() < r;
                if (accept) {
                    if (!present || lazy) s.toggle(i, j);
                    fs.toggled(key, !present);
                    for (int t = 0; t < p; ++t) dev[t] += d[t];
                    ++accepted[c];
                } else if (present && !lazy) {
                    s.toggle(i, j);  // restore
                }
                if ((++local & 4095) == 0) {
                    const std::int64_t dn = done.fetch_add(4096) + 4096;
                    guard.progress(static_cast<double>(dn), total);
                    if (guard.stopped()) throw Cancelled();
                }
            };
            for (std::int64_t b = 0; b < opt.burnin; ++b) step();
            std::vector<int> es, ed;
            for (std::int64_t r = first[c]; r < first[c + 1]; ++r) {
                for (std::int64_t k = 0; k < opt.interval; ++k) step();
                std::copy(dev.begin(), dev.end(), res.stats.begin() + r * p);
                res.edges[r] = static_cast<double>(s.edges());
                if (opt.keep_networks) {
                    s.edge_list(es, ed);
                    res.net_src[r] = es;
                    res.net_dst[r] = ed;
                }
            }
            std::copy(dev.begin(), dev.end(), res.final_stats.begin() + static_cast<std::size_t>(c) * p);
            s.edge_list(res.final_src[c], res.final_dst[c]);
        });
    }
    guard.finish();
    std::int64_t acc = 0, prop = 0;
    for (int c = 0; c < chains; ++c) {
        acc += accepted[c];
        prop += proposed[c];
    }
    res.acceptance = prop > 0 ? static_cast<double>(acc) / static_cast<double>(prop) : 0.0;
    return res;
}

}  // namespace govnet::ergm
