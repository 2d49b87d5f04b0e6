// CsrGraph, TwoMode and layer aggregation.

#include <govnet/csr_graph.hpp>
#include <govnet/two_mode.hpp>

#include <cstdint>
#include <string>

#include "common.hpp"

namespace govnet::py_bind {

namespace {

DuplicatePolicy parse_duplicates(const std::string& s) {
    if (s == "sum") return DuplicatePolicy::Sum;
    if (s == "max") return DuplicatePolicy::Max;
    if (s == "raise") return DuplicatePolicy::Raise;
    throw InvalidArgument("duplicates must be 'sum', 'max' or 'raise', got '" + s + "'");
}

SelfLoopPolicy parse_self_loops(const std::string& s) {
    if (s == "drop") return SelfLoopPolicy::Drop;
    if (s == "keep") return SelfLoopPolicy::Keep;
    if (s == "raise") return SelfLoopPolicy::Raise;
    throw InvalidArgument("self_loops must be 'drop', 'keep' or 'raise', got '" + s + "'");
}

using IdArray = py::array_t<NodeId, py::array::c_style | py::array::forcecast>;
using WArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// Node ids from any array, refusing what a cast to int32 would silently
/// change: non-integer dtypes (0.9 -> 0) and values outside int32 (2^32 -> 0).
std::vector<NodeId> checked_ids(const py::array& a, const char* what) {
    if (a.size() > 0) {
        const char kind = a.dtype().kind();
        if (kind != 'i' && kind != 'u')
            throw InvalidArgument(std::string(what) + " must be an integer array, got dtype " +
                                  py::str(a.dtype()).cast<std::string>());
        auto refuse = [&](py::ssize_t i, const std::string& value) {
            throw InvalidArgument(std::string(what) + "[" + std::to_string(i) + "] = " + value +
                                  " does not fit a node id (int32)");
        };
        if (kind == 'u' && a.itemsize() >= 4) {
            auto u = a.cast<py::array_t<std::uint64_t, py::array::forcecast>>();
            for (py::ssize_t i = 0; i < u.size(); ++i)
                if (u.data()[i] > static_cast<std::uint64_t>(INT32_MAX))
                    refuse(i, std::to_string(u.data()[i]));
        } else if (kind == 'i' && a.itemsize() > 4) {
            auto w = a.cast<py::array_t<std::int64_t, py::array::forcecast>>();
            for (py::ssize_t i = 0; i < w.size(); ++i)
                if (w.data()[i] < INT32_MIN || w.data()[i] > INT32_MAX)
                    refuse(i, std::to_string(w.data()[i]));
        }
    }
    return from_numpy<NodeId>(a.cast<IdArray>());
}

CsrGraph build(NodeId n, const py::array& src, const py::array& tgt, const py::object& weights,
               bool directed, const std::string& duplicates, const std::string& self_loops) {
    EdgeList el;
    el.sources = checked_ids(src, "sources");
    el.targets = checked_ids(tgt, "targets");
    if (!weights.is_none()) el.weights = from_numpy<double>(weights.cast<WArray>());
    BuildOptions opt;
    opt.directed = directed;
    opt.duplicates = parse_duplicates(duplicates);
    opt.self_loops = parse_self_loops(self_loops);
    py::gil_scoped_release nogil;
    return build_graph(n, el, opt);
}

py::tuple edges_tuple(const CsrGraph& g) {
    EdgeList el = g.edges();
    return py::make_tuple(to_numpy(std::move(el.sources)), to_numpy(std::move(el.targets)),
                          to_numpy(std::move(el.weights)));
}

template <class T>
py::array_t<T> copy_array(const std::vector<T>& v) {
    return to_numpy(std::vector<T>(v));
}

}  // namespace

void bind_graph(py::module_& m) {
    py::class_<CsrGraph>(m, "CsrGraph", "Immutable compressed-sparse-row graph (one relation layer).")
        .def(py::init<>())
        .def_static("build", &build, py::arg("n"), py::arg("sources"), py::arg("targets"),
                    py::arg("weights") = py::none(), py::arg("directed") = false,
                    py::arg("duplicates") = "sum", py::arg("self_loops") = "drop",
                    "Build from integer-coded ties (validated; GIL released).")
        .def_property_readonly("num_nodes", &CsrGraph::num_nodes)
        .def_property_readonly("num_edges", &CsrGraph::num_edges)
        .def_property_readonly("directed", &CsrGraph::directed)
        .def_property_readonly("weighted", &CsrGraph::weighted)
        .def("edges", &edges_tuple, "(sources, targets, weights), each tie once, sorted.")
        .def("out_offsets", [](const CsrGraph& g) { return copy_array(g.out_offsets()); })
        .def("out_targets", [](const CsrGraph& g) { return copy_array(g.out_targets()); })
        .def("out_weights", [](const CsrGraph& g) { return copy_array(g.out_weight_array()); })
        .def("out_degrees",
             [](const CsrGraph& g) {
                 std::vector<double> d(static_cast<std::size_t>(g.num_nodes()));
                 for (NodeId v = 0; v < g.num_nodes(); ++v)
                     d[static_cast<std::size_t>(v)] = static_cast<double>(g.out_degree(v));
                 return to_numpy(std::move(d));
             })
        .def("in_degrees",
             [](const CsrGraph& g) {
                 std::vector<double> d(static_cast<std::size_t>(g.num_nodes()));
                 for (NodeId v = 0; v < g.num_nodes(); ++v)
                     d[static_cast<std::size_t>(v)] = static_cast<double>(g.in_degree(v));
                 return to_numpy(std::move(d));
             })
        .def("weight", &CsrGraph::weight, py::arg("u"), py::arg("v"))
        // O(m) copy: the GIL is released so other Python threads run meanwhile
        .def("to_undirected", &CsrGraph::to_undirected, py::arg("take_max") = false,
             py::call_guard<py::gil_scoped_release>())
        .def_property_readonly("memory_bytes", &CsrGraph::memory_bytes)
        .def(py::pickle(
            [](const CsrGraph& g) {
                auto e = edges_tuple(g);
                return py::make_tuple(g.num_nodes(), g.directed(), e[0], e[1], e[2]);
            },
            [](const py::tuple& t) {
                if (t.size() != 5) throw InvalidArgument("bad CsrGraph pickle state");
                return build(t[0].cast<NodeId>(), t[2].cast<py::array>(), t[3].cast<py::array>(),
                             t[4], t[1].cast<bool>(), "raise", "keep");
            }));

    m.def(
        "aggregate",
        [](const std::vector<const CsrGraph*>& layers, const std::string& mode) {
            AggregateMode am;
            if (mode == "sum") am = AggregateMode::Sum;
            else if (mode == "any") am = AggregateMode::AnyTie;
            else throw InvalidArgument("aggregate mode must be 'sum' or 'any', got '" + mode + "'");
            py::gil_scoped_release nogil;
            return aggregate(layers, am);
        },
        py::arg("layers"), py::arg("mode") = "sum", "Combine layers over the same nodes.");

    py::class_<TwoMode>(m, "TwoMode", "Actor x duty incidence, CSR both ways.")
        .def(py::init([](NodeId rows, NodeId cols, const py::array& r, const py::array& c,
                         const py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>& roles) {
                 std::vector<HolderRole> rl(static_cast<std::size_t>(roles.size()));
                 for (py::ssize_t i = 0; i < roles.size(); ++i) {
                     if (roles.data()[i] > 1) throw InvalidArgument("holder role code must be 0 (lead) or 1 (assist)");
                     rl[static_cast<std::size_t>(i)] = static_cast<HolderRole>(roles.data()[i]);
                 }
                 return TwoMode(rows, cols, checked_ids(r, "row_ids"), checked_ids(c, "col_ids"), rl);
             }),
             py::arg("rows"), py::arg("cols"), py::arg("row_ids"), py::arg("col_ids"), py::arg("roles"))
        .def_property_readonly("num_rows", &TwoMode::num_rows)
        .def_property_readonly("num_cols", &TwoMode::num_cols)
        .def_property_readonly("num_incidences", &TwoMode::num_incidences)
        .def("row_offsets", [](const TwoMode& t) { return copy_array(t.row_offsets()); })
        .def("row_cols", [](const TwoMode& t) { return copy_array(t.row_cols()); })
        .def("col_offsets", [](const TwoMode& t) { return copy_array(t.col_offsets()); })
        .def("col_rows", [](const TwoMode& t) { return copy_array(t.col_rows()); });
}

}  // namespace govnet::py_bind
