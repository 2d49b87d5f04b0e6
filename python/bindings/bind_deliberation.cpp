// Deliberation: influence matrices, DeGroot and Friedkin–Johnsen dynamics.

#include <govnet/deliberation.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {

using DArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

template <class T>
py::array_t<T> copy_array(const HugeVector<T>& v) {
    return to_numpy(std::vector<T>(v.begin(), v.end()));
}

DegrootOptions options(std::int64_t max_iter, double tol, bool stop_on_change,
                       std::int64_t record) {
    DegrootOptions o;
    o.max_iter = max_iter;
    o.tol = tol;
    o.stop_on_change = stop_on_change;
    o.record = record;
    return o;
}

py::dict result_dict(DegrootResult&& r, NodeId n) {
    py::dict d;
    const auto cols = static_cast<py::ssize_t>(n);
    const auto states =
        static_cast<py::ssize_t>(n == 0 ? 0 : r.trajectory.size() / static_cast<std::size_t>(n));
    d["opinions"] = to_numpy(std::move(r.opinions));
    d["iterations"] = r.iterations;
    d["converged"] = r.converged;
    d["consensus_iteration"] = r.consensus_iteration;
    d["spread"] = r.spread;
    d["last_change"] = r.last_change;
    d["trajectory"] = to_numpy(std::move(r.trajectory)).reshape({states, cols});
    return d;
}

}  // namespace

void bind_deliberation(py::module_& m) {
    py::class_<InfluenceMatrix>(m, "InfluenceMatrix", "Row-stochastic CSR influence matrix.")
        .def_property_readonly("n", [](const InfluenceMatrix& w) { return w.n; })
        .def_property_readonly("nnz", &InfluenceMatrix::nnz)
        .def("offsets", [](const InfluenceMatrix& w) { return copy_array(w.offsets); })
        .def("cols", [](const InfluenceMatrix& w) { return copy_array(w.cols); })
        .def("vals", [](const InfluenceMatrix& w) { return copy_array(w.vals); });

    m.def(
        "influence_matrix",
        [](const CsrGraph& g, const DArray& self_weight, bool reverse) {
            InfluenceOptions o;
            o.self_weight = from_numpy<double>(self_weight);
            o.reverse = reverse;
            py::gil_scoped_release nogil;
            return influence_matrix(g, o);
        },
        py::arg("graph"), py::arg("self_weight"), py::arg("reverse") = false,
        "Row-normalised influence matrix of a layer.");

    m.def(
        "make_influence_matrix",
        [](NodeId n, const py::array_t<EdgeIdx, py::array::c_style | py::array::forcecast>& off,
           const py::array_t<NodeId, py::array::c_style | py::array::forcecast>& cols,
           const DArray& vals, double tol) {
            auto o = from_numpy<EdgeIdx>(off);
            auto c = from_numpy<NodeId>(cols);
            auto v = from_numpy<double>(vals);
            py::gil_scoped_release nogil;
            return make_influence_matrix(n, std::move(o), std::move(c), std::move(v), tol);
        },
        py::arg("n"), py::arg("offsets"), py::arg("cols"), py::arg("vals"), py::arg("tol") = 1e-9,
        "Validated influence matrix from CSR arrays.");

    m.def(
        "influence_matvec",
        [](const InfluenceMatrix& w, const DArray& x, int threads) {
            auto xv = from_numpy<double>(x);
            return to_numpy(run_released(
                [&](const RunControl& ctl) {
                    std::vector<double> y;
                    influence_matvec(w, xv, y, ctl);
                    return y;
                },
                threads));
        },
        py::arg("w"), py::arg("x"), py::arg("threads") = 0, "y = W x.");

    m.def(
        "chain_structure",
        [](const InfluenceMatrix& w) {
            ChainStructure cs;
            {
                py::gil_scoped_release nogil;
                cs = chain_structure(w);
            }
            py::dict d;
            d["component"] = to_numpy(std::move(cs.component));
            d["closed"] = to_numpy(std::move(cs.closed));
            d["period"] = to_numpy(std::move(cs.period));
            d["size"] = to_numpy(std::move(cs.size));
            return d;
        },
        py::arg("w"), "SCCs, closed classes and periods of the chain W.");

    m.def(
        "degroot",
        [](const InfluenceMatrix& w, const DArray& x0, std::int64_t max_iter, double tol,
           bool stop_on_change, std::int64_t record, int threads, py::object progress) {
            auto x = from_numpy<double>(x0);
            const auto o = options(max_iter, tol, stop_on_change, record);
            auto r = run_released([&](const RunControl& ctl) { return degroot(w, x, o, ctl); },
                                  threads, progress);
            return result_dict(std::move(r), w.n);
        },
        py::arg("w"), py::arg("x0"), py::arg("max_iter") = 10000, py::arg("tol") = 1e-9,
        py::arg("stop_on_change") = false, py::arg("record") = 0, py::arg("threads") = 0,
        py::arg("progress") = py::none(), "DeGroot iteration x(t+1) = W x(t).");

    m.def(
        "friedkin_johnsen",
        [](const InfluenceMatrix& w, const DArray& x0, const DArray& lam, std::int64_t max_iter,
           double tol, std::int64_t record, int threads, py::object progress) {
            auto x = from_numpy<double>(x0);
            auto l = from_numpy<double>(lam);
            const auto o = options(max_iter, tol, true, record);
            auto r = run_released(
                [&](const RunControl& ctl) { return friedkin_johnsen(w, x, l, o, ctl); }, threads,
                progress);
            return result_dict(std::move(r), w.n);
        },
        py::arg("w"), py::arg("x0"), py::arg("susceptibility"), py::arg("max_iter") = 10000,
        py::arg("tol") = 1e-9, py::arg("record") = 0, py::arg("threads") = 0,
        py::arg("progress") = py::none(), "Friedkin–Johnsen iteration.");

    m.def(
        "left_perron",
        [](const InfluenceMatrix& w, std::int64_t max_iter, double tol, int threads,
           py::object progress) {
            const auto o = options(max_iter, tol, true, 0);
            auto r = run_released([&](const RunControl& ctl) { return left_perron(w, o, ctl); },
                                  threads, progress);
            return py::make_tuple(to_numpy(std::move(r.vector)), r.iterations, r.converged,
                                  r.last_change);
        },
        py::arg("w"), py::arg("max_iter") = 10000, py::arg("tol") = 1e-12, py::arg("threads") = 0,
        py::arg("progress") = py::none(), "Left Perron vector of W by power iteration.");
}

}  // namespace govnet::py_bind
