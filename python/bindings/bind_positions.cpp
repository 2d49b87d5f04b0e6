// Cohesion kernels: triangle weights and the triad census.

#include <govnet/positions.hpp>

#include "common.hpp"

namespace govnet::py_bind {

void bind_positions(py::module_& m) {
    m.def(
        "triangle_weights",
        [](const CsrGraph& g, bool weighted, bool ignore_direction, int threads, py::object progress) {
            TriangleOptions opt;
            opt.weighted = weighted;
            opt.ignore_direction = ignore_direction;
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return triangle_weights(g, opt, ctl); }, threads, progress));
        },
        py::arg("graph"), py::arg("weighted") = false, py::arg("ignore_direction") = false,
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Per-node triangle weights: 2 x triangles undirected, [(A + A^T)^3]_vv directed.");

    m.def(
        "triad_census",
        [](const CsrGraph& g, int threads, py::object progress) {
            auto c = run_released([&](const RunControl& ctl) { return triad_census(g, ctl); }, threads,
                                  progress);
            return to_numpy(std::vector<std::int64_t>(c.begin(), c.end()));
        },
        py::arg("graph"), py::arg("threads") = 0, py::arg("progress") = py::none(),
        "The 16 MAN triad counts (Batagelj-Mrvar), in networkx's order.");
}

}  // namespace govnet::py_bind
