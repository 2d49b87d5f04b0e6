#pragma once
// The one way govnet runs an OpenMP region (style.md §5-6):
//
// * RegionGuard: an exception thrown inside a region is caught where it is
//   thrown, the first one is kept (one std::exception_ptr), the stop flag is
//   set so the other threads skip their remaining work, and finish() rethrows
//   it after the region, so it raises in Python instead of terminating.
//   Progress / Ctrl-C polling goes through progress(), which runs only on the
//   calling thread (OpenMP thread 0) and cannot throw.
// * threads_for: one thread-count heuristic. One thread for small work (below
//   kMinParallelWork elementary steps, e.g. edge visits, per region), else
//   min(requested, hardware threads, tasks): never more than asked for or than
//   the machine has. Results never depend on it (fixed work split).
// * parallel_for / parallel_for_scratch: a guarded loop over [0, count).
// * work_blocks: contiguous row blocks of about equal work for sweeps over a CSR
//   matrix, so a static schedule stays balanced when a few hubs hold most entries.

#include <govnet/common.hpp>

#include <atomic>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>

namespace govnet {

/// Below this many elementary steps in one region, threads cost more than they save.
constexpr double kMinParallelWork = 1e5;

/// Hardware threads (at least 1).
int hardware_threads();

/// Threads for a region of `work` elementary steps split into `tasks` tasks:
/// 1 if work < kMinParallelWork (or NaN), else min(ctl.num_threads(),
/// hardware_threads(), tasks), at least 1.
int threads_for(const RunControl& ctl, double work,
                std::int64_t tasks = std::numeric_limits<std::int64_t>::max());

/// Boundaries [0 = b[0] < b[1] < ... < b[B] = rows) of contiguous row blocks holding
/// about `block_work` of (rows + entries) each, entries counted from CSR offsets
/// (`offsets[0..rows]`, plus `more` when given: a directed graph's in- and out-arcs).
/// Depends only on the offsets, never on the thread count, so per-block partial sums
/// reduce in the same order for any number of threads. A row holding more than
/// `block_work` entries is a block of its own.
std::vector<std::int64_t> work_blocks(const EdgeIdx* offsets, std::int64_t rows,
                                      const EdgeIdx* more = nullptr, double block_work = 32768);

/// Exception capture and polling for one parallel region. Construct before
/// the region, call run()/progress() inside it, finish() after it.
class RegionGuard {
public:
    explicit RegionGuard(const RunControl& ctl) : ctl_(ctl) {}
    RegionGuard(const RegionGuard&) = delete;
    RegionGuard& operator=(const RegionGuard&) = delete;

    /// Runs f() unless a stop was requested; an exception is kept, never propagated.
    template <class F>
    void run(F&& f) noexcept {
        if (ctl_.stop_requested()) return;
        try {
            std::forward<F>(f)();
        } catch (...) {
            capture();
        }
    }
    /// Keeps the current exception (call inside a catch block) and stops the others.
    void capture() noexcept {
        std::exception_ptr e = std::current_exception();
#pragma omp critical(govnet_region_guard)
        {
            if (!error_) error_ = e;
        }
        ctl_.request_stop();
    }
    /// Progress and Ctrl-C polling: on the calling thread only; never throws
    /// (a failing poll is captured like any other exception).
    void progress(double done, double total) noexcept {
        if (!is_calling_thread()) return;
        try {
            ctl_.keep_going(done, total);
        } catch (...) {
            capture();
        }
    }
    bool stopped() const { return ctl_.stop_requested(); }
    /// After the region: rethrows the kept exception, or Cancelled if asked to stop.
    void finish() const {
        if (error_) std::rethrow_exception(error_);
        if (ctl_.stop_requested()) throw Cancelled();
    }

private:
    const RunControl& ctl_;
    std::exception_ptr error_;
};

enum class Schedule : std::uint8_t { Dynamic, Static };

/// body(i) for i in [0, count) on `threads` threads (threads_for), guarded.
/// Dynamic: one index at a time, progress polled after each; Static: contiguous
/// chunks, no polling (for short numeric sweeps; the caller checkpoints between).
template <class Body>
void parallel_for(std::int64_t count, int threads, const RunControl& ctl, Body&& body,
                  Schedule schedule = Schedule::Dynamic) {
    RegionGuard guard(ctl);
    if (threads <= 1) {
        // No OpenMP region: entering one costs about a microsecond even for one thread,
        // which is the whole of a small graph's PageRank iteration.
        for (std::int64_t i = 0; i < count && !guard.stopped(); ++i) {
            guard.run([&] { body(i); });
            if (schedule == Schedule::Dynamic)
                guard.progress(static_cast<double>(i + 1), static_cast<double>(count));
        }
        guard.finish();
        return;
    }
    if (schedule == Schedule::Dynamic) {
        std::atomic<std::int64_t> done{0};
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (std::int64_t i = 0; i < count; ++i) {
            guard.run([&] { body(i); });
            const std::int64_t d = ++done;
            guard.progress(static_cast<double>(d), static_cast<double>(count));
        }
    } else {
#pragma omp parallel for schedule(static) num_threads(threads)
        for (std::int64_t i = 0; i < count; ++i) guard.run([&] { body(i); });
    }
    guard.finish();
}

/// As parallel_for (dynamic), with per-thread scratch made by make() inside the
/// region (a failing make() is captured too): body(i, scratch).
template <class Make, class Body>
void parallel_for_scratch(std::int64_t count, int threads, const RunControl& ctl, Make&& make,
                          Body&& body) {
    using Scratch = std::decay_t<decltype(make())>;
    RegionGuard guard(ctl);
    if (threads < 1) threads = 1;
    std::atomic<std::int64_t> done{0};
#pragma omp parallel num_threads(threads)
    {
        std::optional<Scratch> scratch;
        guard.run([&] { scratch.emplace(make()); });
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t i = 0; i < count; ++i) {
            if (scratch) guard.run([&] { body(i, *scratch); });
            const std::int64_t d = ++done;
            guard.progress(static_cast<double>(d), static_cast<double>(count));
        }
    }
    guard.finish();
}

}  // namespace govnet
