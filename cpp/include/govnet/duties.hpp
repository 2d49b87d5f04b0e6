#pragma once
// Duty-list (职责清单) overlap: actor pairs sharing duties, hypergeometric
// tail probabilities, and a fixed-margin null model (curveball sampler).
//
// Rows of the TwoMode are actors, columns duties. Everything works on the
// sparse incidence; nothing is O(actors x duties).

#include <govnet/common.hpp>
#include <govnet/pvalues.hpp>
#include <govnet/two_mode.hpp>

#include <cstdint>
#include <vector>

namespace govnet {

/// Actor pairs (a < b) that share at least `min_shared` duties, sorted by (a, b).
struct SharedPairs {
    std::vector<NodeId> a, b;
    std::vector<std::int32_t> shared;     ///< duties held by both
    std::vector<std::int32_t> both_lead;  ///< duties both hold as lead (牵头)
};

/// All row pairs sharing >= min_shared (>= 1) columns. Cost: sum over duties of
/// holders^2 / 2, plus the output. Deterministic for any thread count (fixed
/// blocks of rows concatenated in order). Refuses outputs that would not fit
/// (TooLarge), counting pairs before allocating them.
SharedPairs shared_pairs(const TwoMode& t, std::int32_t min_shared = 1,
                         const RunControl& ctl = {});

/// P(X >= k) for X ~ Hypergeometric(population N, K successes, n draws), for
/// each (k[i], K[i], n[i]). Summed from the mode outwards with the ratio
/// recurrence of the pmf; accurate to ~1e-14 relative for small tails.
std::vector<double> hypergeom_sf(const std::vector<std::int32_t>& k,
                                 const std::vector<std::int32_t>& K,
                                 const std::vector<std::int32_t>& n, std::int64_t N,
                                 const RunControl& ctl = {});

struct CurveballOptions {
    /// Trades per sample chain; 0 means the default max(100, 5 * L), where L
    /// is the smaller dimension (the chain trades along that dimension).
    std::int64_t trades = 0;
    std::uint64_t seed = 0;
};

/// The number of trades the options give for this matrix.
std::int64_t curveball_trades(const TwoMode& t, const CurveballOptions& opt);

/// One null sample with the margins of t: the chain starts at the observed
/// matrix and runs `trades` curveball trades (Strona et al. 2014) with
/// Rng(seed, index). Returns the rows and columns of its incidences, sorted
/// by (row, col). Samples of duty_null_model use the same chains.
void curveball_sample(const TwoMode& t, const CurveballOptions& opt, std::int64_t index,
                      std::vector<NodeId>& rows, std::vector<NodeId>& cols);

struct DutyNullOptions {
    std::int64_t n_samples = 1000;
    CurveballOptions curveball;
    bool pair_stats = true;  ///< accumulate per observed pair (memory 20 bytes per pair)
    PConvention p_convention = PConvention::PlusOne;  ///< pvalues.hpp
};

/// Global statistics of one matrix; index order of DutyNullResult::statistics.
/// pairs_sharing: actor pairs sharing >= 1 duty; overlap_sd: population sd of
/// the shared count over all actor pairs (its mean is fixed by the duties'
/// margins, so the sd measures how concentrated the overlap is); max_shared;
/// ambiguity: share of duties with >= 2 holders (fixed by the margins).
enum DutyStatistic : int { kPairsSharing = 0, kOverlapSd, kMaxShared, kAmbiguity, kNumStats };

struct DutyNullResult {
    std::int64_t n_samples = 0, trades = 0;
    /// observed[s] and samples[s * n_samples + i] for statistic s (DutyStatistic).
    std::vector<double> observed;
    std::vector<double> samples;
    /// Per observed sharing pair (the order of shared_pairs(t, 1)): sum and sum
    /// of squares of the null overlap over samples, and how many samples had an
    /// overlap >= the observed one. Integer sums, so thread order cannot matter.
    std::vector<std::int64_t> pair_sum, pair_sum_sq, pair_ge;
    /// Per statistic (pvalues.hpp): P(null >= observed), P(null <= observed), two-sided.
    std::vector<double> p_greater, p_less, p_two_sided;
    /// Per observed pair: P(null overlap >= observed overlap) (pvalues.hpp).
    std::vector<double> pair_p;
};

/// Fixed-margin null model: n_samples independent curveball chains (sample i
/// seeded from (seed, i)), each evaluated on all actor pairs. Bit-identical for
/// any thread count. Cost per sample: 2 * trades * mean line length for the
/// chain plus sum over duties of holders^2 / 2 for the overlaps.
DutyNullResult duty_null_model(const TwoMode& t, const DutyNullOptions& opt,
                               const RunControl& ctl = {});

}  // namespace govnet
