#include <govnet/paths.hpp>

namespace govnet {}  // namespace govnet
