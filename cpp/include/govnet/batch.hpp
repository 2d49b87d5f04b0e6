#pragma once
// Many small networks in one call: the figures of a community collection
// (govnet.Collection's batch measures) computed community by community in C++,
// parallel over communities, each community on one thread. Every per-community
// figure is the one the single-network kernel gives (same functions, same order).

#include <govnet/csr_graph.hpp>
#include <govnet/structure.hpp>

#include <cstdint>
#include <vector>

namespace govnet {

/// Everything core_profile needs besides the centralities, for one network and
/// one core (mask[v] = 1 for the core's nodes).
struct CoreProfileNumbers {
    double pair_dependency = 0;          ///< pair_dependency(g, mask).mean_share
    std::vector<std::int32_t> distance;  ///< distance_from_set(g, mask)
    RemovalEffect intact;                ///< removal_effect with nothing removed
    RemovalEffect without_core;          ///< removal_effect with the core removed
    std::vector<RemovalEffect> singles;  ///< single_removal_effects(g)
    /// Discrete core–periphery model (between = ones, unweighted): cp_ok is false
    /// when it is undefined (fewer than 3 nodes, no tie) or refused; then cp_fit is NaN.
    bool cp_ok = false;
    std::vector<std::uint8_t> cp_core;
    double cp_fit = 0;
};

/// The numbers above, each from its single-network kernel, run with `ctl`.
CoreProfileNumbers core_profile_numbers(const CsrGraph& g, Span<const std::uint8_t> mask,
                                        std::uint64_t seed, int restarts,
                                        const RunControl& ctl = {});

/// One community's scalar core-profile fields (CoreProfile's scalar fields).
struct CoreProfileRow {
    double pair_dependency = 0;
    std::int64_t core_vulnerability_rank = 0;  ///< 1 + #units whose efficiency drop exceeds the core's
    bool in_empirical_core = false;            ///< every core node is in the model's core
    double cp_fit = 0;                         ///< NaN when the model is undefined
};

/// Scalar fields from the numbers (the same arithmetic as govnet.core_profile).
CoreProfileRow core_profile_row(const CoreProfileNumbers& x, Span<const std::uint8_t> mask);

/// core_profile_row for every graph: masks concatenated (mask_offsets has
/// graphs.size() + 1 entries), one seed per graph. Parallel over graphs (each on
/// one thread; results do not depend on the thread count), in input order.
std::vector<CoreProfileRow> core_profile_batch(const std::vector<const CsrGraph*>& graphs,
                                               Span<const std::uint8_t> masks,
                                               Span<const std::int64_t> mask_offsets,
                                               Span<const std::uint64_t> seeds, int restarts,
                                               const RunControl& ctl = {});

}  // namespace govnet
