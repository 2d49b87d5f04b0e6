// govnet._core: the compiled core. Only pybind11 glue lives under python/bindings.

#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace govnet::py_bind {
void register_errors(py::module_& m);
void bind_log(py::module_& m);
void bind_graph(py::module_& m);
void bind_centrality(py::module_& m);
void bind_structure(py::module_& m);
void bind_duties(py::module_& m);
void bind_inference(py::module_& m);
void bind_deliberation(py::module_& m);
void bind_positions(py::module_& m);
void bind_ergm(py::module_& m);
void bind_community(py::module_& m);
void bind_batch(py::module_& m);
}  // namespace govnet::py_bind

PYBIND11_MODULE(_core, m) {
    m.doc() = "govnet compiled core (C++17). Use the functions in the govnet package instead.";
    using namespace govnet::py_bind;
    register_errors(m);
    bind_log(m);
    bind_graph(m);
    bind_centrality(m);
    bind_structure(m);
    bind_duties(m);
    bind_inference(m);
    bind_deliberation(m);
    bind_positions(m);
    bind_ergm(m);
    bind_community(m);
    bind_batch(m);
#ifdef GOVNET_HAVE_OPENMP
    m.attr("has_openmp") = true;
#else
    m.attr("has_openmp") = false;
#endif
}
