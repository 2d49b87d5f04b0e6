#include <govnet/batch.hpp>
#include <govnet/parallel.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace govnet {

CoreProfileNumbers core_profile_numbers(const CsrGraph& g, Span<const std::uint8_t> mask,
                                        std::uint64_t seed, int restarts,
                                        const RunControl& ctl) {
    const NodeId n = g.num_nodes();
    if (mask.size() != static_cast<std::size_t>(n))
        throw InvalidArgument("core mask must have one entry per node");
    CoreProfileNumbers x;
    x.pair_dependency = pair_dependency(g, mask, ctl).mean_share;
    x.distance = distance_from_set(g, mask);
    const std::vector<std::uint8_t> none(static_cast<std::size_t>(n), 0);
    x.intact = removal_effect(g, Span<const std::uint8_t>(none), ctl);
    x.without_core = removal_effect(g, mask, ctl);
    x.singles = single_removal_effects(g, ctl);
    // As govnet.core_periphery(restarts=restarts, seed=seed): undefined below 3 nodes
    // or without ties; a refusal of the kernel leaves the model out too.
    x.cp_fit = std::numeric_limits<double>::quiet_NaN();
    if (n >= 3 && g.num_edges() > 0) {
        CorePeripheryOptions opt;
        opt.restarts = restarts;
        opt.seed = seed;
        try {
            CorePeripheryDiscrete cp = core_periphery_discrete(g, opt, ctl);
            x.cp_ok = true;
            x.cp_core = std::move(cp.core);
            x.cp_fit = cp.fit;
        } catch (const InvalidArgument&) {
        } catch (const NotConverged&) {
        } catch (const TooLarge&) {
        }
    }
    return x;
}

CoreProfileRow core_profile_row(const CoreProfileNumbers& x, Span<const std::uint8_t> mask) {
    CoreProfileRow r;
    r.pair_dependency = x.pair_dependency;
    const double core_drop = x.intact.efficiency - x.without_core.efficiency;
    std::int64_t above = 0;
    for (const RemovalEffect& e : x.singles)
        if (x.intact.efficiency - e.efficiency > core_drop) ++above;
    r.core_vulnerability_rank = 1 + above;
    bool inside = x.cp_ok;
    for (std::size_t v = 0; inside && v < mask.size(); ++v)
        if (mask[v] && !x.cp_core[v]) inside = false;
    r.in_empirical_core = inside;
    r.cp_fit = x.cp_fit;
    return r;
}

std::vector<CoreProfileRow> core_profile_batch(const std::vector<const CsrGraph*>& graphs,
                                               Span<const std::uint8_t> masks,
                                               Span<const std::int64_t> mask_offsets,
                                               Span<const std::uint64_t> seeds, int restarts,
                                               const RunControl& ctl) {
    const auto count = static_cast<std::int64_t>(graphs.size());
    if (mask_offsets.size() != graphs.size() + 1 || seeds.size() != graphs.size())
        throw InvalidArgument("core_profile_batch: one mask range and one seed per graph");
    if (mask_offsets[0] != 0 ||
        mask_offsets[graphs.size()] != static_cast<std::int64_t>(masks.size()))
        throw InvalidArgument("core_profile_batch: mask offsets do not cover the masks");
    double work = 0;
    for (const CsrGraph* g : graphs) {
        const double nv = g->num_nodes(), m = static_cast<double>(g->out_targets().size());
        work += nv * (nv + m) + 10.0 * restarts * (nv * nv + m);  // removal BFS + model
    }
    std::vector<CoreProfileRow> rows(graphs.size());
    const int threads = threads_for(ctl, work, count);
    parallel_for(count, threads, ctl, [&](std::int64_t i) {
        const auto c = static_cast<std::size_t>(i);
        const std::int64_t lo = mask_offsets[c], hi = mask_offsets[c + 1];
        if (lo < 0 || hi < lo || hi - lo != graphs[c]->num_nodes())
            throw InvalidArgument("core_profile_batch: graph " + std::to_string(i) +
                                  " has a mask of the wrong length");
        Span<const std::uint8_t> mask(masks.data() + lo, static_cast<std::size_t>(hi - lo));
        RunControl one;  // each community on one thread
        one.threads = 1;
        rows[c] = core_profile_row(core_profile_numbers(*graphs[c], mask, seeds[c], restarts, one),
                                   mask);
    });
    return rows;
}

}  // namespace govnet
