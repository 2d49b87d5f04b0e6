#pragma once
// Placeholder: filled by the issue that owns this area.

#include <govnet/csr_graph.hpp>

namespace govnet {}  // namespace govnet
