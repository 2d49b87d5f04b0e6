#pragma once
// Decodes fuzzer bytes into sizes, ids and weights, and checks the invariants
// every builder result must keep. Shared by the libFuzzer targets
// (tests/fuzz/fuzz_<target>.cpp) and their replay binaries, which build with
// any compiler (no clang-only FuzzedDataProvider).

#include <govnet/csr_graph.hpp>
#include <govnet/two_mode.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

namespace govnet::fuzz {

/// Reads little-endian values from the input; zeros once it is used up.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    bool empty() const { return pos_ >= size_; }
    std::size_t left() const { return size_ - pos_; }
    std::uint8_t u8() { return empty() ? 0 : data_[pos_++]; }
    std::uint16_t u16() {
        const unsigned lo = u8();  // two statements: operands of | are unsequenced
        const unsigned hi = u8();
        return static_cast<std::uint16_t>(lo | (hi << 8));
    }
    /// An id in [-2, n + 1]: mostly valid, sometimes just out of range.
    NodeId id(NodeId n) {
        const std::int64_t span = static_cast<std::int64_t>(n < 0 ? 0 : n) + 4;
        return static_cast<NodeId>(static_cast<std::int64_t>(u16()) % span - 2);
    }
    /// A weight: ordinary values and the special ones builders must refuse or survive.
    double weight() {
        static const double table[] = {1.0, 2.0, 0.5, 0.0, 3.25, 1e-300, 1e300,
                                       std::numeric_limits<double>::max(), -1.0, -0.0,
                                       std::numeric_limits<double>::quiet_NaN(),
                                       std::numeric_limits<double>::infinity(),
                                       -std::numeric_limits<double>::infinity(),
                                       std::numeric_limits<double>::denorm_min()};
        const std::uint8_t b = u8();
        if (b < 200) return 1.0 + b % 7;
        return table[b % (sizeof(table) / sizeof(table[0]))];
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}
#define GOVNET_FUZZ_CHECK(cond) \
    do {                        \
        if (!(cond)) ::govnet::fuzz::fail(#cond); \
    } while (0)

/// Every built CsrGraph: sorted, in-range, duplicate-free rows, finite
/// non-negative weights, in-lists the transpose of out-lists.
inline void check_graph(const CsrGraph& g) {
    const NodeId n = g.num_nodes();
    GOVNET_FUZZ_CHECK(n >= 0);
    GOVNET_FUZZ_CHECK(g.out_offsets().size() == static_cast<std::size_t>(n) + 1);
    GOVNET_FUZZ_CHECK(g.out_offsets().front() == 0);
    GOVNET_FUZZ_CHECK(static_cast<std::size_t>(g.out_offsets().back()) == g.out_targets().size());
    std::int64_t in_total = 0;
    for (NodeId v = 0; v < n; ++v) {
        auto nb = g.out_neighbors(v);
        auto ws = g.out_weights(v);
        GOVNET_FUZZ_CHECK(nb.size() == ws.size());
        for (std::size_t i = 0; i < nb.size(); ++i) {
            GOVNET_FUZZ_CHECK(nb[i] >= 0 && nb[i] < n);
            GOVNET_FUZZ_CHECK(i == 0 || nb[i - 1] < nb[i]);
            GOVNET_FUZZ_CHECK(std::isfinite(ws[i]) && ws[i] >= 0);
            GOVNET_FUZZ_CHECK(g.weight(v, nb[i]) == ws[i]);
            if (!g.directed()) GOVNET_FUZZ_CHECK(g.weight(nb[i], v) == ws[i]);
        }
        in_total += g.in_degree(v);
        auto inb = g.in_neighbors(v);
        for (std::size_t i = 0; i < inb.size(); ++i) {
            GOVNET_FUZZ_CHECK(inb[i] >= 0 && inb[i] < n);
            GOVNET_FUZZ_CHECK(g.weight(inb[i], v) == g.in_weights(v)[i]);
        }
    }
    GOVNET_FUZZ_CHECK(in_total == static_cast<std::int64_t>(g.out_targets().size()));
    const EdgeList el = g.edges();
    GOVNET_FUZZ_CHECK(static_cast<EdgeIdx>(el.sources.size()) == g.num_edges());
}

inline void check_two_mode(const TwoMode& t) {
    GOVNET_FUZZ_CHECK(t.row_offsets().size() == static_cast<std::size_t>(t.num_rows()) + 1);
    GOVNET_FUZZ_CHECK(t.col_offsets().size() == static_cast<std::size_t>(t.num_cols()) + 1);
    std::int64_t seen = 0;
    for (NodeId r = 0; r < t.num_rows(); ++r) {
        auto cols = t.row(r);
        GOVNET_FUZZ_CHECK(cols.size() == t.row_roles(r).size());
        for (std::size_t i = 0; i < cols.size(); ++i) {
            GOVNET_FUZZ_CHECK(cols[i] >= 0 && cols[i] < t.num_cols());
            GOVNET_FUZZ_CHECK(i == 0 || cols[i - 1] < cols[i]);
        }
        seen += static_cast<std::int64_t>(cols.size());
    }
    GOVNET_FUZZ_CHECK(seen == t.num_incidences());
    std::int64_t seen_cols = 0;
    for (NodeId c = 0; c < t.num_cols(); ++c) {
        auto rows = t.col(c);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            GOVNET_FUZZ_CHECK(rows[i] >= 0 && rows[i] < t.num_rows());
            GOVNET_FUZZ_CHECK(i == 0 || rows[i - 1] < rows[i]);
        }
        seen_cols += static_cast<std::int64_t>(rows.size());
    }
    GOVNET_FUZZ_CHECK(seen_cols == t.num_incidences());
}

/// Decodes one graph: header (n, flags) then ties until the input ends.
struct GraphInput {
    NodeId n = 0;
    EdgeList edges;
    BuildOptions opt;
};

inline GraphInput read_graph(Bytes& in, std::size_t max_ties = 4096) {
    GraphInput g;
    // Sizes stay small enough for the fuzzer's memory limit; absurd sizes are
    // the job of check_allocation, tested in tests/cpp/test_reliability.cpp.
    g.n = static_cast<NodeId>(static_cast<int>(in.u16() % 1030) - 4);  // [-4, 1025]
    const std::uint8_t flags = in.u8();
    g.opt.directed = (flags & 1) != 0;
    g.opt.duplicates = static_cast<DuplicatePolicy>((flags >> 1) % 3);
    g.opt.self_loops = static_cast<SelfLoopPolicy>((flags >> 3) % 3);
    const bool weighted = (flags & 0x20) != 0;
    const bool ragged = (flags & 0xC0) == 0xC0;  // weights of the wrong length
    const std::size_t m = in.u16() % (max_ties + 1);
    for (std::size_t i = 0; i < m && !in.empty(); ++i) {
        g.edges.sources.push_back(in.id(g.n));
        g.edges.targets.push_back(in.id(g.n));
        if (weighted) g.edges.weights.push_back(in.weight());
    }
    if (ragged) g.edges.weights.push_back(1.0);
    return g;
}

}  // namespace govnet::fuzz
