// Forwards spdlog records from the core to Python's logging, on the calling thread.

#include <govnet/log.hpp>
#include <pybind11/pybind11.h>

#include "common.hpp"

namespace govnet::py_bind {

namespace {
// Python logging levels for spdlog's trace..critical.
int python_level(int spd) {
    switch (spd) {
        case spdlog::level::trace:
        case spdlog::level::debug: return 10;
        case spdlog::level::info: return 20;
        case spdlog::level::warn: return 30;
        case spdlog::level::err: return 40;
        default: return 50;
    }
}
}  // namespace

void drain_logs() {
    auto records = take_log_records();
    if (records.empty()) return;
    py::object log = py::module_::import("logging").attr("getLogger")("govnet.core");
    for (const auto& r : records) log.attr("log")(python_level(r.level), r.message);
}

void sync_log_level() {
    // The logger is looked up once (a small network's whole call is ~10 us; the import
    // and getLogger cost ~0.7 us of it). A reference kept for the process: no
    // destructor touches Python at exit.
    static PyObject* const log =
        py::module_::import("logging").attr("getLogger")("govnet.core").release().ptr();
    const int lvl = py::handle(log).attr("getEffectiveLevel")().cast<int>();
    spdlog::level::level_enum spd = spdlog::level::critical;
    if (lvl <= 10) spd = spdlog::level::debug;
    else if (lvl <= 20) spd = spdlog::level::info;
    else if (lvl <= 30) spd = spdlog::level::warn;
    else if (lvl <= 40) spd = spdlog::level::err;
    set_log_level(spd);
}

void bind_log(py::module_& m) {
    m.def("log_message", [](int level, const std::string& msg) {
        sync_log_level();
        logger()->log(static_cast<spdlog::level::level_enum>(level), msg);
        drain_logs();
    }, "Emit a record through the C++ logger (for tests of the bridge).");
}

}  // namespace govnet::py_bind
