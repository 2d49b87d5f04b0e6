#include <govnet/duties.hpp>

namespace govnet {}  // namespace govnet
