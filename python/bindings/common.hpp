#pragma once
// Helpers shared by every bind_<area>.cpp: numpy conversion without copies,
// and run_released (GIL released, Ctrl-C, progress, log draining).

#include <govnet/common.hpp>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/pybind11.h>

#include <chrono>
#include <thread>
#include <utility>
#include <vector>

namespace govnet {
struct RemovalEffect;
}

namespace govnet::py_bind {

namespace py = pybind11;

/// The per-actor removal effects (efficiency, components, largest share) as a dict of
/// numpy arrays; defined in bind_structure.cpp, used by the structure and batch bindings.
py::dict effects_dict(const std::vector<RemovalEffect>& v);

/// Moves a vector into a numpy array (no copy: a capsule owns the buffer).
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& v) {
    auto* owner = new std::vector<T>(std::move(v));
    py::capsule cap(owner, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<T>({static_cast<py::ssize_t>(owner->size())}, {sizeof(T)}, owner->data(),
                          cap);
}

/// Copies a 1-d numpy array (any numeric dtype convertible to T) into a vector.
template <class T>
std::vector<T> from_numpy(const py::array_t<T, py::array::c_style | py::array::forcecast>& a) {
    if (a.ndim() != 1) throw InvalidArgument("expected a one-dimensional array");
    return std::vector<T>(a.data(), a.data() + a.size());
}

/// Forwards buffered C++ log records to logging.getLogger("govnet.core"). GIL held.
void drain_logs();
/// Sets the C++ log level from the Python logger's effective level. GIL held.
void sync_log_level();

/// Runs f(ctl) with the GIL released. The calling thread polls for Ctrl-C and
/// drives an optional progress callable progress(done, total) about every 50 ms.
template <class F>
auto run_released(F&& f, int threads, py::object progress = py::none()) {
    sync_log_level();
    const auto owner = std::this_thread::get_id();
    auto last = std::make_shared<std::chrono::steady_clock::time_point>(
        std::chrono::steady_clock::now());
    RunControl ctl;
    ctl.threads = threads;
    // A borrowed pointer: copying a py::object inside a worker thread would
    // touch its reference count without the GIL. `progress` outlives the call.
    PyObject* prog = progress.is_none() ? nullptr : progress.ptr();
    ctl.poll = [owner, last, prog](double done, double total) {
        if (std::this_thread::get_id() != owner) return false;
        const auto now = std::chrono::steady_clock::now();
        if (now - *last < std::chrono::milliseconds(50)) return false;
        *last = now;
        py::gil_scoped_acquire gil;
        drain_logs();
        if (PyErr_CheckSignals() != 0) return true;
        if (prog != nullptr) {
            try {
                py::handle callback(prog);
                callback(done, total);
            } catch (py::error_already_set& e) {
                e.restore();  // the error surfaces when the call returns
                return true;
            }
        }
        return false;
    };
    try {
        auto out = [&] {
            py::gil_scoped_release nogil;
            return f(ctl);
        }();
        drain_logs();
        return out;
    } catch (const Cancelled&) {
        drain_logs();
        if (PyErr_Occurred()) throw py::error_already_set();
        throw;
    }
}

}  // namespace govnet::py_bind
