// Many small networks in one call (govnet.Collection's batch measures).

#include <govnet/batch.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {
template <class T>
using Arr = py::array_t<T, py::array::c_style | py::array::forcecast>;

}  // namespace

void bind_batch(py::module_& m) {
    m.def(
        "core_profile_numbers",
        [](const CsrGraph& g, const Arr<std::uint8_t>& mask, std::uint64_t seed, int restarts,
           int threads, py::object progress) {
            auto mk = from_numpy<std::uint8_t>(mask);
            CoreProfileNumbers x = run_released(
                [&](const RunControl& ctl) {
                    return core_profile_numbers(g, Span<const std::uint8_t>(mk), seed, restarts,
                                                ctl);
                },
                threads, progress);
            py::dict d;
            d["pair_dependency"] = x.pair_dependency;
            d["distance"] = to_numpy(std::move(x.distance));
            d["intact"] = py::make_tuple(x.intact.efficiency, x.intact.components,
                                         x.intact.largest_share);
            d["without_core"] = py::make_tuple(x.without_core.efficiency,
                                               x.without_core.components,
                                               x.without_core.largest_share);
            d["singles"] = effects_dict(x.singles);
            d["cp_ok"] = x.cp_ok;
            d["cp_core"] = to_numpy(std::move(x.cp_core));
            d["cp_fit"] = x.cp_fit;
            return d;
        },
        py::arg("graph"), py::arg("mask"), py::arg("seed") = 0, py::arg("restarts") = 10,
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        "core_profile's figures besides the centralities, in one call (dict).");

    m.def(
        "core_profile_batch",
        [](const py::list& graphs, const Arr<std::uint8_t>& masks,
           const Arr<std::int64_t>& offsets, const Arr<std::uint64_t>& seeds, int restarts,
           int threads, py::object progress) {
            std::vector<const CsrGraph*> gs;
            gs.reserve(graphs.size());
            for (const auto& h : graphs) gs.push_back(&h.cast<const CsrGraph&>());
            auto mk = from_numpy<std::uint8_t>(masks);
            auto off = from_numpy<std::int64_t>(offsets);
            auto sd = from_numpy<std::uint64_t>(seeds);
            auto rows = run_released(
                [&](const RunControl& ctl) {
                    return core_profile_batch(gs, Span<const std::uint8_t>(mk),
                                              Span<const std::int64_t>(off),
                                              Span<const std::uint64_t>(sd), restarts, ctl);
                },
                threads, progress);
            std::vector<double> dep(rows.size()), fit(rows.size());
            std::vector<std::int64_t> rank(rows.size());
            std::vector<std::uint8_t> inside(rows.size());
            for (std::size_t i = 0; i < rows.size(); ++i) {
                dep[i] = rows[i].pair_dependency;
                rank[i] = rows[i].core_vulnerability_rank;
                inside[i] = rows[i].in_empirical_core ? 1 : 0;
                fit[i] = rows[i].cp_fit;
            }
            py::dict d;
            d["pair_dependency"] = to_numpy(std::move(dep));
            d["core_vulnerability_rank"] = to_numpy(std::move(rank));
            d["in_empirical_core"] = to_numpy(std::move(inside));
            d["cp_fit"] = to_numpy(std::move(fit));
            return d;
        },
        py::arg("graphs"), py::arg("masks"), py::arg("offsets"), py::arg("seeds"),
        py::arg("restarts") = 10, py::arg("threads") = 0, py::arg("progress") = py::none(),
        "core_profile's scalar fields for many graphs (dict of arrays, input order).");
}

}  // namespace govnet::py_bind
