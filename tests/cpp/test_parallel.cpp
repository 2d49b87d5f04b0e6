// parallel.hpp: an exception inside an OpenMP region surfaces after it (no
// std::terminate), the stop flag stops the other threads, polling cannot throw,
// and the thread-count heuristic never exceeds what was asked or the hardware.

#include <govnet/parallel.hpp>
#include <govnet/pvalues.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

using namespace govnet;

namespace {
// Tasks that take a little time, so the calling thread takes some of them (with
// empty tasks a worker can finish the whole loop before thread 0 starts).
void busy(std::int64_t) { std::this_thread::sleep_for(std::chrono::microseconds(200)); }

RunControl two_threads() {
    RunControl ctl;
    ctl.threads = 2;
    return ctl;
}
}  // namespace

TEST(Parallel, ExceptionInsideRegionSurfacesAfterIt) {
    for (Schedule sched : {Schedule::Dynamic, Schedule::Static}) {
        RunControl ctl = two_threads();
        std::atomic<int> ran{0};
        try {
            parallel_for(
                1000, 2, ctl,
                [&](std::int64_t i) {
                    ++ran;
                    if (i == 37) throw std::runtime_error("task 37 failed");
                },
                sched);
            FAIL() << "no exception";
        } catch (const std::runtime_error& e) {
            EXPECT_EQ(std::string(e.what()), "task 37 failed");
        }
        EXPECT_TRUE(ctl.stop_requested());
        EXPECT_GE(ran.load(), 1);
        EXPECT_LE(ran.load(), 1000);
    }
}

TEST(Parallel, ExceptionOnAWorkerThreadSurfacesWithItsType) {
    RunControl ctl = two_threads();
    // Every task of thread 1 (if there is one) throws TooLarge; otherwise thread 0 does.
    EXPECT_THROW(parallel_for(200, 2, ctl,
                              [&](std::int64_t) {
                                  check_allocation("test block", 1e12, 8.0, 1.0);
                              }),
                 TooLarge);
}

TEST(Parallel, FirstExceptionIsKeptAndOthersStop) {
    RunControl ctl = two_threads();
    std::atomic<int> thrown{0};
    EXPECT_THROW(parallel_for(10000, 2, ctl,
                              [&](std::int64_t) {
                                  ++thrown;
                                  throw InvalidArgument("bad");
                              }),
                 InvalidArgument);
    // After the first failure the stop flag makes the rest skip: at most one
    // task per thread can start before it is seen.
    EXPECT_LE(thrown.load(), 2 + 2);
}

TEST(Parallel, ScratchFailureIsCapturedToo) {
    RunControl ctl = two_threads();
    EXPECT_THROW(parallel_for_scratch(
                     100, 2, ctl,
                     []() -> std::vector<double> { throw TooLarge("scratch too large"); },
                     [](std::int64_t, std::vector<double>&) {}),
                 TooLarge);
}

TEST(Parallel, ScratchIsPerThread) {
    RunControl ctl = two_threads();
    std::vector<double> out(500, 0.0);
    parallel_for_scratch(
        500, 2, ctl, [] { return std::vector<double>(10, 1.0); },
        [&](std::int64_t i, std::vector<double>& s) {
            s[0] += 1;  // private: no race
            out[static_cast<std::size_t>(i)] = static_cast<double>(i) * s[1];
        });
    for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], static_cast<double>(i));
}

TEST(Parallel, PollThatThrowsDoesNotTerminate) {
    RunControl ctl = two_threads();
    ctl.poll = [](double, double) -> bool { throw std::runtime_error("poll failed"); };
    EXPECT_THROW(parallel_for(100, 2, ctl, busy), std::runtime_error);
}

TEST(Parallel, PollAskingToStopCancels) {
    RunControl ctl = two_threads();
    std::atomic<int> polls{0};
    ctl.poll = [&](double, double) {
        ++polls;
        return true;
    };
    EXPECT_THROW(parallel_for(1000, 2, ctl, busy), Cancelled);
    EXPECT_GE(polls.load(), 1);
}

TEST(Parallel, PollRunsOnTheCallingThreadOnly) {
    RunControl ctl = two_threads();
    std::atomic<int> off_thread{0}, on_thread{0};
    ctl.poll = [&](double, double) {
        if (thread_index() != 0) ++off_thread;
        else ++on_thread;
        return false;
    };
    parallel_for(200, 2, ctl, busy);
    EXPECT_EQ(off_thread.load(), 0);
    EXPECT_GE(on_thread.load(), 1);
}

TEST(Parallel, ThreadHeuristic) {
    RunControl ctl;
    ctl.threads = 64;
    EXPECT_EQ(threads_for(ctl, 10.0), 1);
    EXPECT_EQ(threads_for(ctl, kMinParallelWork * 0.99), 1);
    EXPECT_EQ(threads_for(ctl, std::nan("")), 1);
    const int big = threads_for(ctl, 1e12);
    EXPECT_LE(big, hardware_threads());
    EXPECT_GE(big, 1);
    EXPECT_EQ(threads_for(ctl, 1e12, 1), 1);  // one task: one thread
    ctl.threads = 1;
    EXPECT_EQ(threads_for(ctl, 1e12), 1);  // never more than requested
    ctl.threads = 2;
    EXPECT_LE(threads_for(ctl, 1e12), 2);
}

TEST(Parallel, WorkBlocksAreBalancedAndCoverEveryRow) {
    // Five hub rows with 50,000 entries each, then 100,000 rows with 3 each.
    std::vector<EdgeIdx> off{0};
    for (int r = 0; r < 5; ++r) off.push_back(off.back() + 50000);
    for (int r = 0; r < 100000; ++r) off.push_back(off.back() + 3);
    const auto rows = static_cast<std::int64_t>(off.size()) - 1;
    const double block_work = 32768;
    const auto b = work_blocks(off.data(), rows, nullptr, block_work);
    ASSERT_GE(b.size(), 2u);
    EXPECT_EQ(b.front(), 0);
    EXPECT_EQ(b.back(), rows);
    auto work = [&](std::int64_t lo, std::int64_t hi) {
        return static_cast<double>(hi - lo + off[static_cast<std::size_t>(hi)] -
                                   off[static_cast<std::size_t>(lo)]);
    };
    const double total = work(0, rows);
    const double target = total / static_cast<double>(b.size() - 1);
    for (std::size_t k = 0; k + 1 < b.size(); ++k) {
        ASSERT_LT(b[k], b[k + 1]);  // no empty block
        const double w = work(b[k], b[k + 1]);
        // A block is about the target, or a single row heavier than it (a hub).
        if (b[k + 1] - b[k] > 1) EXPECT_LE(w, target + 50001 + 1) << k;
    }
    // Node-count blocks would give the first block all five hubs; here each hub row
    // heavier than a block is alone.
    for (int r = 0; r < 5; ++r) EXPECT_EQ(b[static_cast<std::size_t>(r) + 1], r + 1);
    // A second offsets array (out-arcs of a directed graph) adds its entries.
    const auto b2 = work_blocks(off.data(), rows, off.data(), block_work);
    EXPECT_EQ(b2.back(), rows);
    EXPECT_GT(b2.size(), b.size());
    // Empty and tiny inputs: one block.
    const std::vector<EdgeIdx> one{0, 2};
    EXPECT_EQ(work_blocks(one.data(), 1), (std::vector<std::int64_t>{0, 1}));
}

TEST(PValues, PlusOneAndSna) {
    const std::vector<double> null = {0.1, 0.5, 0.5, 0.9, std::nan("")};
    const PValues p = permutation_p_values(null.data(), null.size(), 1, 0.5, PConvention::PlusOne);
    EXPECT_DOUBLE_EQ(p.greater, (1.0 + 3) / (1 + 4));
    EXPECT_DOUBLE_EQ(p.less, (1.0 + 3) / (1 + 4));
    EXPECT_DOUBLE_EQ(p.two_sided, 1.0);
    const PValues q = permutation_p_values(null.data(), null.size(), 1, 2.0, PConvention::Sna);
    EXPECT_EQ(q.greater, 0.0);
    EXPECT_EQ(q.less, 1.0);
    const PValues r = permutation_p_values(null.data(), null.size(), 1, 2.0, PConvention::PlusOne);
    EXPECT_DOUBLE_EQ(r.greater, 1.0 / 5);
    EXPECT_DOUBLE_EQ(r.two_sided, 2.0 / 5);
    EXPECT_THROW(p_convention_of("exact"), InvalidArgument);
}
