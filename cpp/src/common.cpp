#include <govnet/common.hpp>
#include <govnet/parallel.hpp>

#include <algorithm>
#include <cmath>

#include <sstream>
#include <thread>

#ifdef GOVNET_HAVE_OPENMP
#include <omp.h>
#endif

namespace govnet {

int RunControl::num_threads() const {
    if (threads > 0) return threads;
#ifdef GOVNET_HAVE_OPENMP
    return omp_get_max_threads();
#else
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
#endif
}

int hardware_threads() {
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
}

int threads_for(const RunControl& ctl, double work, std::int64_t tasks) {
    if (!(work >= kMinParallelWork) || tasks <= 1) return 1;
    std::int64_t t = std::min<std::int64_t>(ctl.num_threads(), hardware_threads());
    t = std::min(t, tasks);
    return static_cast<int>(std::max<std::int64_t>(t, 1));
}

std::vector<std::int64_t> work_blocks(const EdgeIdx* offsets, std::int64_t rows,
                                      const EdgeIdx* more, double block_work) {
    if (rows <= 0) return {0, 0};
    // prefix(v): work of rows [0, v), nondecreasing in v.
    auto prefix = [&](std::int64_t v) {
        return static_cast<double>(v) + static_cast<double>(offsets[v]) +
               (more != nullptr ? static_cast<double>(more[v]) : 0.0);
    };
    const double total = prefix(rows);
    const auto count = static_cast<std::int64_t>(std::max(1.0, std::ceil(total / block_work)));
    std::vector<std::int64_t> b{0};
    b.reserve(static_cast<std::size_t>(count) + 1);
    for (std::int64_t k = 1; k < count; ++k) {
        const double target = total * static_cast<double>(k) / static_cast<double>(count);
        std::int64_t lo = b.back(), hi = rows;  // first v in (lo, rows] with prefix(v) >= target
        while (lo < hi) {
            const std::int64_t mid = lo + (hi - lo) / 2;
            if (prefix(mid) < target) lo = mid + 1; else hi = mid;
        }
        if (lo > b.back() && lo < rows) b.push_back(lo);
    }
    b.push_back(rows);
    return b;
}

int thread_index() {
#ifdef GOVNET_HAVE_OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

void RunControl::checkpoint(double done, double total) const {
    if (!keep_going(done, total)) throw Cancelled();
}

bool RunControl::keep_going(double done, double total) const {
    if (stop_requested()) return false;
    if (poll && poll(done, total)) {
        request_stop();
        return false;
    }
    return true;
}

void check_allocation(const char* what, double count, double bytes_each, double limit_bytes) {
    const double bytes = count * bytes_each;
    if (!(bytes <= limit_bytes)) {
        std::ostringstream os;
        os << what << " would need " << bytes / (1024.0 * 1024.0 * 1024.0) << " GiB ("
           << count << " entries), more than the limit of "
           << limit_bytes / (1024.0 * 1024.0 * 1024.0) << " GiB";
        throw TooLarge(os.str());
    }
}

Rng::Rng(std::uint64_t seed, std::uint64_t task) {
    std::uint64_t x = splitmix64(seed ^ splitmix64(task + 0x632BE59BD9B4E019ULL));
    for (auto& s : s_) {
        x = splitmix64(x);
        s = x;
    }
}

}  // namespace govnet
