// CsrGraph, TwoMode and layer aggregation.

#include <govnet/csr_graph.hpp>
#include <govnet/two_mode.hpp>

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

CsrGraph build(NodeId n, const IdArray& src, const IdArray& tgt, const py::object& weights,
               bool directed, const std::string& duplicates, const std::string& self_loops) {
    EdgeList el;
    el.sources = from_numpy<NodeId>(src);
    el.targets = from_numpy<NodeId>(tgt);
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
        .def("to_undirected", &CsrGraph::to_undirected, py::arg("take_max") = false)
        .def_property_readonly("memory_bytes", &CsrGraph::memory_bytes)
        .def(py::pickle(
            [](const CsrGraph& g) {
                auto e = edges_tuple(g);
                return py::make_tuple(g.num_nodes(), g.directed(), e[0], e[1], e[2]);
            },
            [](const py::tuple& t) {
                if (t.size() != 5) throw InvalidArgument("bad CsrGraph pickle state");
                return build(t[0].cast<NodeId>(), t[2].cast<IdArray>(), t[3].cast<IdArray>(),
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
        .def(py::init([](NodeId rows, NodeId cols, const IdArray& r, const IdArray& c,
                         const py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>& roles) {
                 std::vector<HolderRole> rl(static_cast<std::size_t>(roles.size()));
                 for (py::ssize_t i = 0; i < roles.size(); ++i) {
                     if (roles.data()[i] > 1) throw InvalidArgument("holder role code must be 0 (lead) or 1 (assist)");
                     rl[static_cast<std::size_t>(i)] = static_cast<HolderRole>(roles.data()[i]);
                 }
                 return TwoMode(rows, cols, from_numpy<NodeId>(r), from_numpy<NodeId>(c), rl);
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
