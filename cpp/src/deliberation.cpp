#include <govnet/deliberation.hpp>

namespace govnet {}  // namespace govnet
