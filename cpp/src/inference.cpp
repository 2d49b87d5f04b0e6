#include <govnet/inference.hpp>

namespace govnet {}  // namespace govnet
