// Structural position: k-cores, core–periphery, brokerage, structural holes, vulnerability.

#include <govnet/structure.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {

CoreMode core_mode(const std::string& s) {
    if (s == "all") return CoreMode::All;
    if (s == "in") return CoreMode::In;
    if (s == "out") return CoreMode::Out;
    throw InvalidArgument("mode must be 'all', 'in' or 'out', got '" + s + "'");
}

}  // namespace

// Shared with bind_batch.cpp (declared in common.hpp).
py::dict effects_dict(const std::vector<RemovalEffect>& v) {
    std::vector<double> eff(v.size()), share(v.size());
    std::vector<std::int64_t> comp(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        eff[i] = v[i].efficiency;
        comp[i] = v[i].components;
        share[i] = v[i].largest_share;
    }
    py::dict d;
    d["efficiency"] = to_numpy(std::move(eff));
    d["components"] = to_numpy(std::move(comp));
    d["largest_share"] = to_numpy(std::move(share));
    return d;
}

void bind_structure(py::module_& m) {
    m.def(
        "core_number",
        [](const CsrGraph& g, const std::string& mode, int threads, py::object progress) {
            const CoreMode cm = core_mode(mode);
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return core_number(g, cm, ctl); }, threads, progress));
        },
        py::arg("graph"), py::arg("mode") = "all", py::arg("threads") = 0,
        py::arg("progress") = py::none(), "k-core numbers (Batagelj–Zaversnik).");

    m.def(
        "structural_holes",
        [](const CsrGraph& g, bool weighted, int threads, py::object progress) {
            StructuralHoleOptions opt;
            opt.weighted = weighted;
            auto r = run_released(
                [&](const RunControl& ctl) { return structural_holes(g, opt, ctl); }, threads,
                progress);
            py::dict d;
            d["constraint"] = to_numpy(std::move(r.constraint));
            d["effective_size"] = to_numpy(std::move(r.effective_size));
            d["efficiency"] = to_numpy(std::move(r.efficiency));
            d["hierarchy"] = to_numpy(std::move(r.hierarchy));
            return d;
        },
        py::arg("graph"), py::arg("weighted") = false, py::arg("threads") = 0,
        py::arg("progress") = py::none(),
        "Burt's constraint, effective size, efficiency and hierarchy (dict of arrays).");

    m.def(
        "brokerage",
        [](const CsrGraph& g, const py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>& groups,
           int threads, py::object progress) {
            auto gr = from_numpy<std::int32_t>(groups);
            auto v = run_released(
                [&](const RunControl& ctl) { return brokerage(g, Span<const std::int32_t>(gr), ctl); },
                threads, progress);
            const auto n = static_cast<py::ssize_t>(g.num_nodes());
            auto arr = to_numpy(std::move(v));
            return arr.reshape({n, static_cast<py::ssize_t>(5)});
        },
        py::arg("graph"), py::arg("groups"), py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Gould–Fernandez raw brokerage counts, n x 5 (sna's column order).");

    m.def(
        "core_periphery_discrete",
        [](const CsrGraph& g, const std::string& between, bool weighted, int restarts,
           std::uint64_t seed, int threads, py::object progress, bool plain_enumeration) {
            CorePeripheryOptions opt;
            opt.plain_enumeration = plain_enumeration;
            if (between == "ones") opt.between = CorePeripheryBetween::Ones;
            else if (between == "missing") opt.between = CorePeripheryBetween::Missing;
            else throw InvalidArgument("between must be 'ones' or 'missing', got '" + between + "'");
            opt.weighted = weighted;
            opt.restarts = restarts;
            opt.seed = seed;
            auto r = run_released(
                [&](const RunControl& ctl) { return core_periphery_discrete(g, opt, ctl); }, threads,
                progress);
            return py::make_tuple(to_numpy(std::move(r.core)), r.fit, r.best_restart);
        },
        py::arg("graph"), py::arg("between") = "ones", py::arg("weighted") = false,
        py::arg("restarts") = 20, py::arg("seed") = 0, py::arg("threads") = 0,
        py::arg("progress") = py::none(), py::arg("plain_enumeration") = false,
        "Borgatti–Everett discrete model: (core mask, fit, restart).");

    m.def(
        "core_periphery_continuous",
        [](const CsrGraph& g, bool weighted, int max_iter, double tol, int threads,
           py::object progress) {
            auto r = run_released(
                [&](const RunControl& ctl) {
                    return core_periphery_continuous(g, weighted, max_iter, tol, ctl);
                },
                threads, progress);
            return py::make_tuple(to_numpy(std::move(r.coreness)), r.fit, r.iterations);
        },
        py::arg("graph"), py::arg("weighted") = false, py::arg("max_iter") = 1000,
        py::arg("tol") = 1e-10, py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Borgatti–Everett continuous model: (coreness, fit, iterations).");

    m.def(
        "removal_effect",
        [](const CsrGraph& g, const py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>& removed) {
            auto mask = from_numpy<std::uint8_t>(removed);
            auto r = run_released(
                [&](const RunControl& ctl) { return removal_effect(g, Span<const std::uint8_t>(mask), ctl); }, 1);
            return py::make_tuple(r.efficiency, r.components, r.largest_share);
        },
        py::arg("graph"), py::arg("removed"),
        "(global efficiency, weak components, largest share) without the masked nodes.");

    m.def(
        "single_removal_effects",
        [](const CsrGraph& g, int threads, py::object progress) {
            return effects_dict(run_released(
                [&](const RunControl& ctl) { return single_removal_effects(g, ctl); }, threads,
                progress));
        },
        py::arg("graph"), py::arg("threads") = 0, py::arg("progress") = py::none(),
        "removal_effect for each single node removed (dict of arrays).");

    m.def(
        "pair_dependency",
        [](const CsrGraph& g, const py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>& in_set,
           int threads) {
            auto mask = from_numpy<std::uint8_t>(in_set);
            auto r = run_released(
                [&](const RunControl& ctl) { return pair_dependency(g, Span<const std::uint8_t>(mask), ctl); },
                threads);
            return py::make_tuple(r.mean_share, r.pairs);
        },
        py::arg("graph"), py::arg("in_set"), py::arg("threads") = 0,
        "(mean share of shortest paths between outside pairs through the set, pairs).");

    m.def(
        "distance_from_set",
        [](const CsrGraph& g, const py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>& in_set) {
            auto mask = from_numpy<std::uint8_t>(in_set);
            return to_numpy(run_released(
                [&](const RunControl&) { return distance_from_set(g, Span<const std::uint8_t>(mask)); }, 1));
        },
        py::arg("graph"), py::arg("in_set"), "Steps from the set ignoring direction (-1 unreachable).");
}

}  // namespace govnet::py_bind
