#pragma once
// The core's one spdlog logger, "govnet". Records go to a buffer sink that the
// Python binding drains into logging.getLogger("govnet.core"); nothing is
// written to stderr.

#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace govnet {

struct LogRecord {
    int level;  ///< spdlog::level::level_enum value
    std::string message;
};

std::shared_ptr<spdlog::logger> logger();
/// Takes the buffered records (thread-safe).
std::vector<LogRecord> take_log_records();
/// Sets the level below which records are discarded at the source.
void set_log_level(spdlog::level::level_enum level);

}  // namespace govnet
