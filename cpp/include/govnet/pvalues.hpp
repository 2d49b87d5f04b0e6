#pragma once
// The one p-value routine of govnet: QAP, MRQAP, node permutation tests, the
// E-I test and the duty null model all call it (docs/p-values.md).
//
// Default (PConvention::PlusOne, Phipson & Smyth 2010): with R valid null
// draws and b of them at least as extreme as the observed value,
//   p_greater   = (1 + #{null >= obs - tol}) / (1 + R)
//   p_less      = (1 + #{null <= obs + tol}) / (1 + R)
//   p_two_sided = min(1, 2 * min(p_greater, p_less))
// never 0. PConvention::Sna reproduces R sna's qaptest / netlm: #{...} / R for
// greater and less, and #{|null| >= |obs| - tol} / R two-sided (can be 0).
// tol = kPValueTol * max(1, |obs|). NaN draws are left out of R; a NaN
// observed value or no valid draw gives NaN.

#include <cstddef>
#include <cstdint>
#include <string>

namespace govnet {

enum class PConvention : std::uint8_t { PlusOne, Sna };

/// Relative tie tolerance: null values within kPValueTol * max(1, |obs|) of the
/// observed value count as ties (as extreme as the observed value).
constexpr double kPValueTol = 1e-10;

/// Parses "plus_one" or "sna"; throws InvalidArgument otherwise.
PConvention p_convention_of(const std::string& name);

struct TailCounts {
    std::int64_t ge = 0;     ///< #{null >= obs - tol}
    std::int64_t le = 0;     ///< #{null <= obs + tol}
    std::int64_t abs_ge = 0; ///< #{|null| >= |obs| - tol} (sna's two-sided count)
    std::int64_t valid = 0;  ///< non-NaN draws, R
};

struct PValues {
    double greater = 0.0, less = 0.0, two_sided = 0.0;
};

/// Counts `count` null values null[0], null[stride], ... against obs.
TailCounts tail_counts(const double* null, std::size_t count, std::size_t stride, double obs);

/// p-values from counts under a convention (NaN if valid == 0).
PValues p_values(const TailCounts& c, PConvention conv);

/// tail_counts + p_values; NaN p-values when obs is NaN.
PValues permutation_p_values(const double* null, std::size_t count, std::size_t stride,
                             double obs, PConvention conv);

}  // namespace govnet
