#include <govnet/common.hpp>
#include <govnet/pvalues.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace govnet {

PConvention p_convention_of(const std::string& name) {
    if (name == "plus_one") return PConvention::PlusOne;
    if (name == "sna") return PConvention::Sna;
    throw InvalidArgument("p_convention must be 'plus_one' or 'sna', got '" + name + "'");
}

TailCounts tail_counts(const double* null, std::size_t count, std::size_t stride, double obs) {
    TailCounts c;
    const double tol = kPValueTol * std::max(1.0, std::abs(obs));
    for (std::size_t i = 0; i < count; ++i) {
        const double v = null[i * stride];
        if (std::isnan(v)) continue;
        ++c.valid;
        c.ge += v >= obs - tol;
        c.le += v <= obs + tol;
        c.abs_ge += std::abs(v) >= std::abs(obs) - tol;
    }
    return c;
}

PValues p_values(const TailCounts& c, PConvention conv) {
    PValues p;
    if (c.valid <= 0) {
        p.greater = p.less = p.two_sided = std::numeric_limits<double>::quiet_NaN();
        return p;
    }
    const auto R = static_cast<double>(c.valid);
    if (conv == PConvention::Sna) {
        p.greater = static_cast<double>(c.ge) / R;
        p.less = static_cast<double>(c.le) / R;
        p.two_sided = static_cast<double>(c.abs_ge) / R;
    } else {
        p.greater = (1.0 + static_cast<double>(c.ge)) / (1.0 + R);
        p.less = (1.0 + static_cast<double>(c.le)) / (1.0 + R);
        p.two_sided = std::min(1.0, 2.0 * std::min(p.greater, p.less));
    }
    return p;
}

PValues permutation_p_values(const double* null, std::size_t count, std::size_t stride,
                             double obs, PConvention conv) {
    if (std::isnan(obs)) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan, nan};
    }
    return p_values(tail_counts(null, count, stride, obs), conv);
}

}  // namespace govnet
