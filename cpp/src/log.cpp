#include <govnet/log.hpp>

#include <spdlog/sinks/base_sink.h>

#include <mutex>

namespace govnet {
namespace {

// spdlog 1.10 has no callback_sink: a small sink that buffers records.
class BufferSink : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::vector<LogRecord> take() {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<LogRecord> out;
        out.swap(records_);
        return out;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        // Bound the buffer so a chatty loop without a drain cannot grow memory.
        if (records_.size() < 10000)
            records_.push_back({static_cast<int>(msg.level),
                                std::string(msg.payload.data(), msg.payload.size())});
    }
    void flush_() override {}

private:
    std::vector<LogRecord> records_;
};

struct State {
    std::shared_ptr<BufferSink> sink = std::make_shared<BufferSink>();
    std::shared_ptr<spdlog::logger> log = std::make_shared<spdlog::logger>("govnet", sink);
    State() { log->set_level(spdlog::level::warn); }
};

State& state() {
    static State s;
    return s;
}

}  // namespace

std::shared_ptr<spdlog::logger> logger() { return state().log; }
std::vector<LogRecord> take_log_records() { return state().sink->take(); }
void set_log_level(spdlog::level::level_enum level) { state().log->set_level(level); }

}  // namespace govnet
