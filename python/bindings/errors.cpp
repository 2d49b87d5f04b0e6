// Translates C++ exceptions to govnet.errors classes (imported at raise time,
// so no static py::object outlives the interpreter).

#include <govnet/common.hpp>
#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace govnet::py_bind {

namespace {
void raise(const char* cls, const char* what) {
    py::object type = py::module_::import("govnet.errors").attr(cls);
    PyErr_SetString(type.ptr(), what);
}
}  // namespace

void register_errors(py::module_& m) {
    (void)m;
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const Cancelled&) {
            if (!PyErr_Occurred()) PyErr_SetNone(PyExc_KeyboardInterrupt);
        } catch (const InvalidArgument& e) {
            raise("InvalidNetworkError", e.what());
        } catch (const NotConverged& e) {
            raise("ConvergenceError", e.what());
        } catch (const TooLarge& e) {
            raise("TooLargeError", e.what());
        } catch (const InternalError& e) {
            raise("GovnetInternalError", e.what());
        } catch (const std::bad_alloc&) {
            raise("TooLargeError", "out of memory in the govnet core");
        }
        // Anything else (py::error_already_set, std::exception) falls through to
        // pybind11's own translators.
    });
}

}  // namespace govnet::py_bind
