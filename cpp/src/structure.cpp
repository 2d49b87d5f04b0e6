#include <govnet/structure.hpp>

namespace govnet {}  // namespace govnet
