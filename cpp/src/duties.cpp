#include <govnet/duties.hpp>
#include <govnet/parallel.hpp>
#include <govnet/pvalues.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

namespace govnet {
namespace {

using Idx = std::size_t;
__extension__ typedef __int128 I128;  // exact variance numerators (GCC/Clang)
inline Idx ix(std::int64_t v) { return static_cast<Idx>(v); }

// Fixed number of row blocks, independent of the thread count.
std::int64_t num_blocks(NodeId rows) { return std::min<std::int64_t>(rows, 256); }

// Upper bound on the number of sharing pairs: min(C(R,2), sum_d C(h_d,2)).
double pair_bound(const TwoMode& t) {
    double s = 0;
    const auto& off = t.col_offsets();
    for (NodeId c = 0; c < t.num_cols(); ++c) {
        const double h = static_cast<double>(off[ix(c) + 1] - off[ix(c)]);
        s += h * (h - 1) / 2;
    }
    const double r = t.num_rows();
    return std::min(s, r * (r - 1) / 2);
}

// One matrix with the margins of t: `rows` holds each actor's duties (any
// order, at t.row_offsets()), `cols` each duty's holders ascending (at
// t.col_offsets()).
struct Sample {
    std::vector<NodeId> rows, cols;
};

// Lists of one dimension -> ascending lists of the other (margins are fixed,
// so the other dimension's offsets are the observed ones).
void transpose(const std::vector<EdgeIdx>& off, const std::vector<NodeId>& items,
               const std::vector<EdgeIdx>& other_off, std::vector<NodeId>& out,
               std::vector<EdgeIdx>& pos) {
    pos.assign(other_off.begin(), other_off.end() - 1);
    out.resize(items.size());
    const auto lines = static_cast<std::int64_t>(off.size()) - 1;
    for (std::int64_t l = 0; l < lines; ++l)
        for (EdgeIdx k = off[ix(l)]; k < off[ix(l) + 1]; ++k)
            out[ix(pos[ix(items[ix(k)])]++)] = static_cast<NodeId>(l);
}

// Scratch of one curveball chain.
struct Chain {
    std::vector<char> mark;
    std::vector<NodeId> pool, shared;
    std::vector<EdgeIdx> pos;
};

// Runs the chain of sample `index` from the observed matrix and fills s.
// Trades along the smaller dimension ("lines"); the other one is "items".
void run_chain(const TwoMode& t, std::int64_t trades, std::uint64_t seed, std::int64_t index,
               Chain& ch, Sample& s, const RunControl& ctl) {
    const bool by_rows = t.num_rows() <= t.num_cols();
    const auto& off = by_rows ? t.row_offsets() : t.col_offsets();
    const NodeId lines = by_rows ? t.num_rows() : t.num_cols();
    std::vector<NodeId>& items = by_rows ? s.rows : s.cols;
    items = by_rows ? t.row_cols() : t.col_rows();
    ch.mark.assign(static_cast<Idx>(by_rows ? t.num_cols() : t.num_rows()), 0);
    Rng rng(seed, static_cast<std::uint64_t>(index));
    if (lines >= 2) {
        for (std::int64_t step = 0; step < trades; ++step) {
            if ((step & 4095) == 0 && ctl.stop_requested()) return;
            const auto a = static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(lines)));
            auto b = static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(lines - 1)));
            if (b >= a) ++b;
            NodeId* pa = items.data() + off[ix(a)];
            NodeId* pb = items.data() + off[ix(b)];
            const auto na = static_cast<Idx>(off[ix(a) + 1] - off[ix(a)]);
            const auto nb = static_cast<Idx>(off[ix(b) + 1] - off[ix(b)]);
            if (na == 0 || nb == 0) continue;
            ch.pool.clear();
            ch.shared.clear();
            for (Idx i = 0; i < na; ++i) ch.mark[ix(pa[i])] = 1;
            for (Idx i = 0; i < nb; ++i) {
                if (ch.mark[ix(pb[i])]) {
                    ch.mark[ix(pb[i])] = 2;
                    ch.shared.push_back(pb[i]);
                } else {
                    ch.pool.push_back(pb[i]);
                }
            }
            Idx a_only = 0;
            for (Idx i = 0; i < na; ++i) {
                if (ch.mark[ix(pa[i])] == 1) {
                    ch.pool.push_back(pa[i]);
                    ++a_only;
                }
                ch.mark[ix(pa[i])] = 0;
            }
            const Idx b_only = ch.pool.size() - a_only;
            if (a_only == 0 || b_only == 0) continue;  // nothing to trade
            // A uniformly random subset of the pool, of the smaller side's size,
            // goes to that side (partial Fisher-Yates); the rest to the other.
            const Idx take = std::min(a_only, b_only);
            for (Idx i = 0; i < take; ++i) {
                const Idx j = i + static_cast<Idx>(rng.below(ch.pool.size() - i));
                std::swap(ch.pool[i], ch.pool[j]);
            }
            NodeId* first = a_only <= b_only ? pa : pb;
            NodeId* second = a_only <= b_only ? pb : pa;
            const auto t_end = ch.pool.begin() + static_cast<std::ptrdiff_t>(take);
            std::copy(ch.shared.begin(), ch.shared.end(), first);
            std::copy(ch.pool.begin(), t_end, first + ch.shared.size());
            std::copy(ch.shared.begin(), ch.shared.end(), second);
            std::copy(t_end, ch.pool.end(), second + ch.shared.size());
        }
    }
    if (by_rows) {
        transpose(t.row_offsets(), s.rows, t.col_offsets(), s.cols, ch.pos);
    } else {
        transpose(t.col_offsets(), s.cols, t.row_offsets(), s.rows, ch.pos);  // rows ascending
        transpose(t.row_offsets(), s.rows, t.col_offsets(), s.cols, ch.pos);  // cols ascending
    }
}

// Observed sharing pairs as CSR over the first actor (for the per-pair null).
struct PairIndex {
    std::vector<EdgeIdx> off;
    const SharedPairs* p = nullptr;
};

// Integer statistics of one matrix over all actor pairs (exact, so no
// summation order can change them).
struct MatrixStats {
    std::int64_t pairs = 0;   // pairs sharing >= 1 duty
    std::int64_t sum = 0;     // sum of shared counts (fixed by the duties' margins)
    std::int64_t sum_sq = 0;  // sum of squared shared counts
    std::int32_t max_shared = 0;
};

constexpr int kBatch = 8;  // samples in flight
constexpr EdgeIdx kAhead = 8;  // prefetch distance in duties

// Scans one matrix (rows: each actor's duties in any order at the observed
// row offsets; cols: each duty's holders ascending at the observed column
// offsets) over all actor pairs. If vals is given, writes the overlap of every
// observed pair there. One whole matrix per thread keeps its holder lists in
// the last-level cache (interleaving several samples per actor thrashed it).
MatrixStats scan_matrix(const TwoMode& t, const NodeId* rows, const NodeId* cols,
                        std::vector<std::int32_t>& cnt, std::vector<NodeId>& touched,
                        const PairIndex* pi, std::uint32_t* vals, const RunControl& ctl) {
    MatrixStats st;
    const auto& ro = t.row_offsets();
    const auto& co = t.col_offsets();
    for (NodeId a = 0; a < t.num_rows(); ++a) {
        if ((a & 255) == 0 && ctl.stop_requested()) return st;
        const EdgeIdx k0 = ro[ix(a)], k1 = ro[ix(a) + 1];
        for (EdgeIdx k = k0; k < k1; ++k) {
            // The duties' holder lists lie at random places: prefetch a few
            // duties ahead so their cache misses overlap.
            if (k + 2 * kAhead < k1) __builtin_prefetch(&co[ix(rows[ix(k + 2 * kAhead)])]);
            if (k + kAhead < k1) __builtin_prefetch(cols + co[ix(rows[ix(k + kAhead)])]);
            const NodeId d = rows[ix(k)];
            const NodeId* hi_p = cols + co[ix(d) + 1];
            for (const NodeId* p = std::upper_bound(cols + co[ix(d)], hi_p, a); p < hi_p; ++p)
                if (cnt[ix(*p)]++ == 0) touched.push_back(*p);
        }
        st.pairs += static_cast<std::int64_t>(touched.size());
        for (NodeId b : touched) {
            const std::int64_t x = cnt[ix(b)];
            st.sum += x;
            st.sum_sq += x * x;
            st.max_shared = std::max(st.max_shared, static_cast<std::int32_t>(x));
        }
        if (pi != nullptr) {
            const NodeId* ob = pi->p->b.data();
            for (EdgeIdx k = pi->off[ix(a)]; k < pi->off[ix(a) + 1]; ++k)
                vals[ix(k)] = static_cast<std::uint32_t>(cnt[ix(ob[ix(k)])]);
        }
        for (NodeId b : touched) cnt[ix(b)] = 0;
        touched.clear();
    }
    return st;
}

double ambiguity_index(const TwoMode& t) {
    if (t.num_cols() == 0) return std::numeric_limits<double>::quiet_NaN();
    std::int64_t multi = 0;
    for (NodeId d = 0; d < t.num_cols(); ++d)
        if (t.col_offsets()[ix(d) + 1] - t.col_offsets()[ix(d)] >= 2) ++multi;
    return static_cast<double>(multi) / t.num_cols();
}

}  // namespace

SharedPairs shared_pairs(const TwoMode& t, std::int32_t min_shared, const RunControl& ctl) {
    if (min_shared < 1) throw InvalidArgument("min_shared must be at least 1");
    SharedPairs out;
    const NodeId R = t.num_rows();
    if (R < 2) return out;
    check_allocation("actor pairs sharing duties", pair_bound(t), 16.0);
    const std::int64_t nb = num_blocks(R);
    std::vector<SharedPairs> parts(ix(nb));
    RegionGuard err(ctl);
    std::atomic<std::int64_t> done{0};
    constexpr std::uint64_t kLeadUnit = std::uint64_t{1} << 32;  // both-lead count above bit 32
    const double work = pair_bound(t) + static_cast<double>(t.num_incidences());
#pragma omp parallel num_threads(threads_for(ctl, work, nb))
    {
        std::vector<std::uint64_t> cnt;
        std::vector<NodeId> touched;
        err.run([&] { cnt.assign(static_cast<Idx>(R), 0); });
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t blk = 0; blk < nb; ++blk) {
            if (ctl.stop_requested()) continue;
            try {
                const auto lo = static_cast<NodeId>(blk * R / nb);
                const auto hi = static_cast<NodeId>((blk + 1) * R / nb);
                SharedPairs& part = parts[ix(blk)];
                for (NodeId a = lo; a < hi; ++a) {
                    auto duties = t.row(a);
                    auto roles = t.row_roles(a);
                    for (Idx i = 0; i < duties.size(); ++i) {
                        if (i + 8 < duties.size()) __builtin_prefetch(t.col(duties[i + 8]).data());
                        const bool a_lead = roles[i] == HolderRole::Lead;
                        auto holders = t.col(duties[i]);
                        auto hroles = t.col_roles(duties[i]);
                        auto j = static_cast<Idx>(
                            std::upper_bound(holders.begin(), holders.end(), a) - holders.begin());
                        for (; j < holders.size(); ++j) {
                            auto& x = cnt[ix(holders[j])];
                            if (x == 0) touched.push_back(holders[j]);
                            x += 1 + (a_lead && hroles[j] == HolderRole::Lead ? kLeadUnit : 0);
                        }
                    }
                    const auto emit = [&](NodeId b) {
                        const std::uint64_t x = cnt[ix(b)];
                        const auto s = static_cast<std::int32_t>(x & 0xFFFFFFFFu);
                        if (s >= min_shared) {
                            part.a.push_back(a);
                            part.b.push_back(b);
                            part.shared.push_back(s);
                            part.both_lead.push_back(static_cast<std::int32_t>(x >> 32));
                        }
                        cnt[ix(b)] = 0;
                    };
                    // Output sorted by b: sort the touched list, or scan the range when dense.
                    if (touched.size() * 16 > static_cast<Idx>(R - a)) {
                        for (NodeId b = a + 1; b < R; ++b)
                            if (cnt[ix(b)] != 0) emit(b);
                    } else {
                        std::sort(touched.begin(), touched.end());
                        for (NodeId b : touched) emit(b);
                    }
                    touched.clear();
                }
                const std::int64_t d = done += hi - lo;
                err.progress(static_cast<double>(d), R);
            } catch (...) {
                err.capture();
            }
        }
    }
    err.finish();
    std::size_t total = 0;
    for (const auto& p : parts) total += p.a.size();
    out.a.reserve(total);
    out.b.reserve(total);
    out.shared.reserve(total);
    out.both_lead.reserve(total);
    for (auto& p : parts) {
        out.a.insert(out.a.end(), p.a.begin(), p.a.end());
        out.b.insert(out.b.end(), p.b.begin(), p.b.end());
        out.shared.insert(out.shared.end(), p.shared.begin(), p.shared.end());
        out.both_lead.insert(out.both_lead.end(), p.both_lead.begin(), p.both_lead.end());
        p = SharedPairs();
    }
    return out;
}

std::vector<double> hypergeom_sf(const std::vector<std::int32_t>& k,
                                 const std::vector<std::int32_t>& K,
                                 const std::vector<std::int32_t>& n, std::int64_t N,
                                 const RunControl& ctl) {
    const std::size_t m = k.size();
    if (K.size() != m || n.size() != m) throw InvalidArgument("k, K and n differ in length");
    if (N < 0) throw InvalidArgument("population size must be >= 0");
    for (std::size_t i = 0; i < m; ++i)
        if (K[i] < 0 || n[i] < 0 || K[i] > N || n[i] > N)
            throw InvalidArgument("hypergeometric parameters out of range at position " +
                                  std::to_string(i));
    check_allocation("log-factorial table", static_cast<double>(N) + 1, 8.0);
    std::vector<double> lf(ix(N) + 1, 0.0);  // log(x!)
    for (std::int64_t x = 2; x <= N; ++x)
        lf[ix(x)] = lf[ix(x - 1)] + std::log(static_cast<double>(x));
    std::vector<double> out(m);
    const auto logpmf = [&](std::int64_t x, std::int64_t KK, std::int64_t nn) {
        return lf[ix(KK)] - lf[ix(x)] - lf[ix(KK - x)] + lf[ix(N - KK)] - lf[ix(nn - x)] -
               lf[ix(N - KK - nn + x)] - (lf[ix(N)] - lf[ix(nn)] - lf[ix(N - nn)]);
    };
    const auto sm = static_cast<std::int64_t>(m);
    // Each tail sums at most a few hundred terms (stopped at 1e-17 relative).
    parallel_for(sm, threads_for(ctl, 64.0 * static_cast<double>(sm), sm), ctl,
                 [&](std::int64_t i) {
        const std::int64_t kk = k[ix(i)], KK = K[ix(i)], nn = n[ix(i)];
        const std::int64_t lo = std::max<std::int64_t>(0, nn + KK - N), hi = std::min(KK, nn);
        double r;
        if (kk <= lo) {
            r = 1.0;
        } else if (kk > hi) {
            r = 0.0;
        } else {
            const auto mode = static_cast<std::int64_t>(
                std::floor(static_cast<double>(nn + 1) * static_cast<double>(KK + 1) /
                           static_cast<double>(N + 2)));
            double s = 0;
            if (kk > mode) {  // decreasing terms from k upwards
                double term = std::exp(logpmf(kk, KK, nn));
                for (std::int64_t x = kk; x <= hi && term > 0; ++x) {
                    s += term;
                    if (term < s * 1e-17) break;
                    term *= static_cast<double>((KK - x) * (nn - x)) /
                            static_cast<double>((x + 1) * (N - KK - nn + x + 1));
                }
                r = std::min(1.0, s);
            } else {  // 1 - P(X <= k-1), decreasing terms from k-1 downwards
                double term = std::exp(logpmf(kk - 1, KK, nn));
                for (std::int64_t x = kk - 1; x >= lo && term > 0; --x) {
                    s += term;
                    if (term < s * 1e-17) break;
                    term *= static_cast<double>(x * (N - KK - nn + x)) /
                            static_cast<double>((KK - x + 1) * (nn - x + 1));
                }
                r = std::max(0.0, 1.0 - s);
            }
        }
        out[ix(i)] = r;
    }, Schedule::Static);
    return out;
}

std::int64_t curveball_trades(const TwoMode& t, const CurveballOptions& opt) {
    if (opt.trades < 0) throw InvalidArgument("trades must be >= 0");
    if (opt.trades > 0) return opt.trades;
    const std::int64_t lines = std::min(t.num_rows(), t.num_cols());
    return std::max<std::int64_t>(100, 5 * lines);
}

void curveball_sample(const TwoMode& t, const CurveballOptions& opt, std::int64_t index,
                      std::vector<NodeId>& rows, std::vector<NodeId>& cols) {
    Chain ch;
    Sample s;
    run_chain(t, curveball_trades(t, opt), opt.seed, index, ch, s, RunControl{});
    // s.cols is ascending per duty; rows sorted by (row, col) via one more transpose.
    std::vector<NodeId> sorted_rows;
    transpose(t.col_offsets(), s.cols, t.row_offsets(), sorted_rows, ch.pos);
    rows.resize(sorted_rows.size());
    cols.resize(sorted_rows.size());
    for (NodeId r = 0; r < t.num_rows(); ++r)
        for (EdgeIdx k = t.row_offsets()[ix(r)]; k < t.row_offsets()[ix(r) + 1]; ++k) {
            rows[ix(k)] = r;
            cols[ix(k)] = sorted_rows[ix(k)];
        }
}

DutyNullResult duty_null_model(const TwoMode& t, const DutyNullOptions& opt,
                               const RunControl& ctl) {
    if (opt.n_samples < 1) throw InvalidArgument("n_samples must be at least 1");
    DutyNullResult res;
    res.n_samples = opt.n_samples;
    res.trades = curveball_trades(t, opt.curveball);
    const NodeId R = t.num_rows();
    const std::int64_t S = opt.n_samples;
    check_allocation("null-model statistics", static_cast<double>(S) * kNumStats, 8.0);
    res.samples.assign(ix(S * kNumStats), 0.0);
    const double amb = ambiguity_index(t);

    // Observed pairs and statistics.
    SharedPairs obs = shared_pairs(t, 1, ctl);
    PairIndex pi;
    pi.p = &obs;
    pi.off.assign(ix(R) + 1, 0);
    for (NodeId a : obs.a) ++pi.off[ix(a) + 1];
    for (Idx i = 1; i < pi.off.size(); ++i) pi.off[i] += pi.off[i - 1];
    const auto P = static_cast<double>(obs.a.size());
    if (opt.pair_stats) {
        check_allocation("per-pair null accumulators", P, 24.0);
        res.pair_sum.assign(obs.a.size(), 0);
        res.pair_sum_sq.assign(obs.a.size(), 0);
        res.pair_ge.assign(obs.a.size(), 0);
    }
    const auto record = [&](const MatrixStats& m, double* out, std::int64_t stride) {
        out[kPairsSharing * stride] = static_cast<double>(m.pairs);
        // Population sd of the shared count over all C(R, 2) pairs, from exact
        // integer sums: var = (Np * sum_sq - sum^2) / Np^2.
        double sd = std::numeric_limits<double>::quiet_NaN();
        if (R >= 2) {
            const auto np = static_cast<I128>(static_cast<std::int64_t>(R) * (R - 1) / 2);
            const I128 num = np * m.sum_sq - static_cast<I128>(m.sum) * m.sum;
            const auto npd = static_cast<double>(np);
            sd = std::sqrt(static_cast<double>(num) / (npd * npd));
        }
        out[kOverlapSd * stride] = sd;
        out[kMaxShared * stride] = m.max_shared;
        out[kAmbiguity * stride] = amb;
    };
    {
        std::vector<std::int32_t> cnt(ix(R), 0);
        std::vector<NodeId> touched;
        res.observed.assign(kNumStats, 0.0);
        record(scan_matrix(t, t.row_cols().data(), t.col_rows().data(), cnt, touched, nullptr,
                           nullptr, ctl),
               res.observed.data(), 1);
    }

    // Batches of kBatch samples (a constant, so results cannot depend on the
    // thread count): each thread runs whole chains and scans them, writing the
    // overlaps of the observed pairs; then the pairs' integer sums are updated
    // in parallel chunks.
    const std::int64_t batch = std::min<std::int64_t>(S, kBatch);
    check_allocation("null samples in flight",
                     static_cast<double>(batch) * 2 * static_cast<double>(t.num_incidences()), 4.0);
    std::vector<Sample> slots(ix(batch));
    std::vector<std::uint32_t> vals;
    if (opt.pair_stats) {
        check_allocation("per-pair null overlaps of a batch", static_cast<double>(batch) * P, 4.0);
        vals.assign(ix(batch) * obs.a.size(), 0);
    }
    const auto n_obs = static_cast<std::int64_t>(obs.a.size());
    const std::int64_t chunks =
        std::max<std::int64_t>(1, std::min<std::int64_t>(n_obs / 4096, 256));
    std::vector<MatrixStats> stats(ix(batch));
    RegionGuard err(ctl);
    // Work per sample: the chain (2 trades x mean line length) plus the overlap scan.
    const double per_sample = 2.0 * static_cast<double>(res.trades) *
                                  (static_cast<double>(t.num_incidences()) /
                                   std::max<double>(1.0, std::min(t.num_rows(), t.num_cols()))) +
                              pair_bound(t);
    const int threads = threads_for(ctl, per_sample * static_cast<double>(batch), batch);
    for (std::int64_t start = 0; start < S; start += batch) {
        const std::int64_t nbatch = std::min(batch, S - start);
#pragma omp parallel num_threads(threads)
        {
            Chain ch;
            std::vector<std::int32_t> cnt;
            std::vector<NodeId> touched;
            err.run([&] { cnt.assign(ix(R), 0); });
#pragma omp for schedule(dynamic, 1)
            for (std::int64_t i = 0; i < nbatch; ++i) {
                if (ctl.stop_requested()) continue;
                try {
                    Sample& sm = slots[ix(i)];
                    run_chain(t, res.trades, opt.curveball.seed, start + i, ch, sm, ctl);
                    stats[ix(i)] = scan_matrix(t, sm.rows.data(), sm.cols.data(), cnt, touched,
                                               opt.pair_stats ? &pi : nullptr,
                                               vals.data() + ix(i) * obs.a.size(), ctl);
                } catch (...) {
                    err.capture();
                }
                err.progress(static_cast<double>(start + i), static_cast<double>(S));
            }
            if (opt.pair_stats) {
#pragma omp for schedule(static)
                for (std::int64_t ck = 0; ck < chunks; ++ck) {
                    if (ctl.stop_requested()) continue;
                    const std::int64_t lo = ck * n_obs / chunks, hi = (ck + 1) * n_obs / chunks;
                    // Each pair's accumulators are read and written once per batch.
                    const std::uint32_t* v = vals.data();
                    const Idx P_ = obs.a.size();
                    for (std::int64_t k = lo; k < hi; ++k) {
                        std::int64_t s1 = 0, s2 = 0, g = 0;
                        const std::int32_t o = obs.shared[ix(k)];
                        for (std::int64_t i = 0; i < nbatch; ++i) {
                            const std::int64_t x = v[ix(i) * P_ + ix(k)];
                            s1 += x;
                            s2 += x * x;
                            g += x >= o ? 1 : 0;
                        }
                        res.pair_sum[ix(k)] += s1;
                        res.pair_sum_sq[ix(k)] += s2;
                        res.pair_ge[ix(k)] += g;
                    }
                }
            }
        }
        err.finish();
        for (std::int64_t i = 0; i < nbatch; ++i)
            record(stats[ix(i)], res.samples.data() + start + i, S);
        if (!ctl.keep_going(static_cast<double>(start + nbatch), S)) throw Cancelled();
    }
    // p-values: the one routine of pvalues.hpp (statistic s occupies samples[s*S, (s+1)*S)).
    for (int st = 0; st < kNumStats; ++st) {
        const PValues p = permutation_p_values(res.samples.data() + ix(st) * ix(S), ix(S), 1,
                                               res.observed[ix(st)], opt.p_convention);
        res.p_greater.push_back(p.greater);
        res.p_less.push_back(p.less);
        res.p_two_sided.push_back(p.two_sided);
    }
    if (opt.pair_stats) {
        // The overlaps are integers, so pair_ge is the exact #{null >= observed}.
        res.pair_p.resize(res.pair_ge.size());
        for (Idx k = 0; k < res.pair_ge.size(); ++k) {
            TailCounts c;
            c.ge = res.pair_ge[k];
            c.valid = S;
            res.pair_p[k] = p_values(c, opt.p_convention).greater;
        }
    }
    return res;
}

}  // namespace govnet
