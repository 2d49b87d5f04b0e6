#pragma once
// Shared vocabulary of the core: ids, a minimal span, errors, run control
// (threads, cancellation, progress) and deterministic random numbers.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace govnet {

using NodeId = std::int32_t;
using EdgeIdx = std::int64_t;

/// Read-only view of contiguous memory (until C++20's std::span).
template <class T>
class Span {
public:
    Span() = default;
    Span(T* data, std::size_t size) : data_(data), size_(size) {}
    template <class V>
    Span(V& v) : data_(v.data()), size_(v.size()) {}  // NOLINT: implicit on purpose
    T* begin() const { return data_; }
    T* end() const { return data_ + size_; }
    T& operator[](std::size_t i) const { return data_[i]; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T* data() const { return data_; }

private:
    T* data_ = nullptr;
    std::size_t size_ = 0;
};

/// Bad input that passed (or bypassed) Python validation.
class InvalidArgument : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};
/// An iterative method did not reach its tolerance.
class NotConverged : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
/// The caller asked to stop (Ctrl-C).
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};
/// A result would not fit in memory; refused before allocating.
class TooLarge : public std::length_error {
public:
    using std::length_error::length_error;
};
/// A broken invariant inside govnet (a bug, not the user's fault).
class InternalError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

/// Threads, cancellation and progress for one call.
///
/// `poll` is called only from the calling thread (see checkpoint); it returns
/// true when the caller wants to stop. Worker threads read `stop_requested()`.
struct RunControl {
    int threads = 0;  ///< 0: all hardware threads
    std::function<bool(double done, double total)> poll;

    int num_threads() const;
    /// Call from the calling thread only. Throws Cancelled when asked to stop.
    void checkpoint(double done, double total) const;
    /// Same as checkpoint but returns false instead of throwing (for use inside parallel regions).
    bool keep_going(double done, double total) const;
    bool stop_requested() const { return stop_->load(std::memory_order_relaxed); }
    void request_stop() const { stop_->store(true, std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> stop_ = std::make_shared<std::atomic<bool>>(false);
};

/// Index of the current OpenMP thread (0 outside parallel regions or without OpenMP).
int thread_index();
/// True on the thread that called into the core: OpenMP thread 0, the only one
/// allowed to poll Python through RunControl::keep_going / checkpoint.
inline bool is_calling_thread() { return thread_index() == 0; }

/// Throws TooLarge naming `what` if count * bytes_each exceeds `limit_bytes`
/// (default: 8 GiB, a third of this project's reference machine).
void check_allocation(const char* what, double count, double bytes_each,
                      double limit_bytes = 8.0 * 1024 * 1024 * 1024);

/// SplitMix64: seeds one independent generator per task from (seed, task).
inline std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// xoshiro256** generator with our own bounded draw, so results are the same
/// with every standard library and every thread count.
class Rng {
public:
    explicit Rng(std::uint64_t seed, std::uint64_t task = 0);
    std::uint64_t next();
    /// Uniform integer in [0, n) (Lemire's method, unbiased). n must be > 0.
    std::uint64_t below(std::uint64_t n);
    /// Uniform double in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Fisher–Yates shuffle.
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            std::size_t j = static_cast<std::size_t>(below(i));
            std::swap(v[i - 1], v[j]);
        }
    }

private:
    std::uint64_t s_[4];
};

// Inline: the ERGM sampler draws two or three numbers per proposal.
inline std::uint64_t Rng::next() {
    const auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

inline std::uint64_t Rng::below(std::uint64_t n) {
    // Lemire's nearly-divisionless method with rejection: exactly uniform.
    __uint128_t m = static_cast<__uint128_t>(next()) * n;
    std::uint64_t low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<__uint128_t>(next()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}


}  // namespace govnet
