// Centralities and other node-level measures.

#include <govnet/centrality.hpp>

#include "common.hpp"

namespace govnet::py_bind {

void bind_centrality(py::module_& m) {
    m.def(
        "betweenness",
        [](const CsrGraph& g, bool normalized, bool endpoints, bool weighted, std::int64_t k,
           std::uint64_t seed, int threads, py::object progress) {
            BetweennessOptions opt;
            opt.normalized = normalized;
            opt.endpoints = endpoints;
            opt.weighted = weighted;
            opt.k = k;
            opt.seed = seed;
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return betweenness(g, opt, ctl); }, threads,
                progress));
        },
        py::arg("graph"), py::arg("normalized") = true, py::arg("endpoints") = false,
        py::arg("weighted") = false, py::arg("k") = 0, py::arg("seed") = 0,
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Brandes betweenness (networkx conventions).");
}

}  // namespace govnet::py_bind
