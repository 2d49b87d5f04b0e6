// Placeholder: filled by the issue that owns this area.

#include "common.hpp"

namespace govnet::py_bind {

void bind_structure(py::module_& m) { (void)m; }

}  // namespace govnet::py_bind
