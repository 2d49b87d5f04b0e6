// Community detection (Louvain, Leiden, ensemble + consensus) and connected components.

#include <govnet/community.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {

CommunityOptions options(const std::string& objective, double resolution, bool weighted,
                         std::uint64_t seed, int n_iterations, double randomness) {
    CommunityOptions opt;
    if (objective == "modularity") {
        opt.objective = CommunityObjective::Modularity;
    } else if (objective == "cpm") {
        opt.objective = CommunityObjective::CPM;
    } else {
        throw InvalidArgument("objective must be 'modularity' or 'cpm', got '" + objective + "'");
    }
    opt.resolution = resolution;
    opt.weighted = weighted;
    opt.seed = seed;
    opt.n_iterations = n_iterations;
    opt.randomness = randomness;
    return opt;
}

py::dict result_dict(CommunityResult&& r) {
    py::dict d;
    d["membership"] = to_numpy(std::move(r.membership));
    d["quality"] = r.quality;
    d["n_communities"] = r.n_communities;
    d["levels"] = r.levels;
    d["iterations"] = r.iterations;
    return d;
}

}  // namespace

void bind_community(py::module_& m) {
    m.def(
        "community_detect",
        [](const CsrGraph& g, const std::string& method, const std::string& objective,
           double resolution, bool weighted, std::uint64_t seed, int n_iterations, double randomness,
           int threads, py::object progress) {
            const CommunityOptions opt =
                options(objective, resolution, weighted, seed, n_iterations, randomness);
            if (method != "louvain" && method != "leiden")
                throw InvalidArgument("method must be 'louvain' or 'leiden', got '" + method + "'");
            const bool use_leiden = method == "leiden";
            return result_dict(run_released(
                [&](const RunControl& ctl) {
                    return use_leiden ? leiden(g, opt, ctl) : louvain(g, opt, ctl);
                },
                threads, progress));
        },
        py::arg("graph"), py::arg("method"), py::arg("objective") = "modularity",
        py::arg("resolution") = 1.0, py::arg("weighted") = false, py::arg("seed") = 0,
        py::arg("n_iterations") = 2, py::arg("randomness") = 0.01, py::arg("threads") = 0,
        py::arg("progress") = py::none(),
        "Louvain or Leiden: dict of membership, quality, n_communities, levels, iterations.");

    m.def(
        "community_quality",
        [](const CsrGraph& g, const py::array_t<NodeId, py::array::c_style | py::array::forcecast>&
                                  membership,
           const std::string& objective, double resolution, bool weighted) {
            const CommunityOptions opt = options(objective, resolution, weighted, 0, 2, 0.01);
            return community_quality(g, from_numpy<NodeId>(membership), opt);
        },
        py::arg("graph"), py::arg("membership"), py::arg("objective") = "modularity",
        py::arg("resolution") = 1.0, py::arg("weighted") = false,
        "Modularity or CPM quality of a membership, the graph read as the methods read it.");

    m.def(
        "community_ensemble",
        [](const CsrGraph& g, const std::string& method, const std::string& objective,
           double resolution, bool weighted, std::uint64_t seed, int n_iterations, double randomness,
           int n_runs, double threshold, int max_rounds, int threads, py::object progress) {
            const CommunityOptions opt =
                options(objective, resolution, weighted, seed, n_iterations, randomness);
            if (method != "louvain" && method != "leiden")
                throw InvalidArgument("method must be 'louvain' or 'leiden', got '" + method + "'");
            const bool use_leiden = method == "leiden";
            auto r = run_released(
                [&](const RunControl& ctl) {
                    return community_ensemble(g, opt, use_leiden, n_runs, threshold, max_rounds, ctl);
                },
                threads, progress);
            py::dict d;
            d["runs"] = to_numpy(std::move(r.runs)).attr("reshape")(r.n_runs, r.n);
            d["qualities"] = to_numpy(std::move(r.qualities));
            d["consensus"] = to_numpy(std::move(r.consensus));
            d["rounds"] = r.consensus_rounds;
            d["converged"] = r.consensus_converged;
            return d;
        },
        py::arg("graph"), py::arg("method"), py::arg("objective") = "modularity",
        py::arg("resolution") = 1.0, py::arg("weighted") = false, py::arg("seed") = 0,
        py::arg("n_iterations") = 2, py::arg("randomness") = 0.01, py::arg("n_runs") = 50,
        py::arg("threshold") = 0.5, py::arg("max_rounds") = 10, py::arg("threads") = 0,
        py::arg("progress") = py::none(),
        "n_runs seeded runs (run r seeded by (seed, r)) and Lancichinetti-Fortunato consensus.");

    m.def(
        "connected_components",
        [](const CsrGraph& g, bool strong, py::object progress) {
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return connected_components(g, strong, ctl); }, 1,
                progress));
        },
        py::arg("graph"), py::arg("strong") = false, py::arg("progress") = py::none(),
        "Component labels (weak: union-find; strong: Tarjan), 0 = largest, ties by first node.");
}

}  // namespace govnet::py_bind
