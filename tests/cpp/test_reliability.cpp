// Memory guards: results that would not fit are refused up front with
// TooLarge naming the size, never an out-of-memory kill.

#include <govnet/centrality.hpp>
#include <govnet/common.hpp>
#include <govnet/csr_graph.hpp>
#include <govnet/two_mode.hpp>
#include <gtest/gtest.h>

#include <limits>
#include <string>

using namespace govnet;

TEST(CheckAllocation, DenseActorByActorResultForAMillionActors) {
    // A dense n x n matrix of doubles for 10^6 actors: 8e12 bytes.
    try {
        check_allocation("dense actor x actor matrix", 1e6 * 1e6, 8.0);
        FAIL() << "expected TooLarge";
    } catch (const TooLarge& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("dense actor x actor matrix"), std::string::npos) << msg;
        EXPECT_NE(msg.find("1e+12 entries"), std::string::npos) << msg;
        EXPECT_NE(msg.find("GiB"), std::string::npos) << msg;
    }
}

TEST(CheckAllocation, AcceptsWhatFitsAndRejectsNaN) {
    EXPECT_NO_THROW(check_allocation("small", 1000, 8.0));
    EXPECT_NO_THROW(check_allocation("exactly the limit", 1024, 1.0, 1024.0));
    EXPECT_THROW(check_allocation("one byte over", 1025, 1.0, 1024.0), TooLarge);
    // A size computed from garbage must not slip through as NaN.
    EXPECT_THROW(check_allocation("nan", std::numeric_limits<double>::quiet_NaN(), 8.0), TooLarge);
    EXPECT_THROW(check_allocation("inf", std::numeric_limits<double>::infinity(), 8.0), TooLarge);
}

TEST(CheckAllocation, GraphWithAbsurdNodeCountIsRefused) {
    // 2^31 - 1 nodes and no ties: the offset arrays alone would need ~48 GiB.
    try {
        build_graph(std::numeric_limits<NodeId>::max(), EdgeList{}, BuildOptions{});
        FAIL() << "expected TooLarge";
    } catch (const TooLarge& e) {
        EXPECT_NE(std::string(e.what()).find("2.14748e+09 entries"), std::string::npos) << e.what();
    }
}

TEST(CheckAllocation, TwoModeWithAbsurdDimensionsIsRefused) {
    const NodeId big = std::numeric_limits<NodeId>::max();
    EXPECT_THROW(TwoMode(big, big, {}, {}, {}), TooLarge);
}

TEST(BuildGraph, SummedDuplicateWeightsMustStayFinite) {
    // Two finite weights whose sum overflows to infinity.
    const double big = std::numeric_limits<double>::max();
    EdgeList el{{0, 0}, {1, 1}, {big, big}};
    EXPECT_THROW(build_graph(2, el, BuildOptions{}), InvalidArgument);
    BuildOptions keep_max;
    keep_max.duplicates = DuplicatePolicy::Max;
    EXPECT_DOUBLE_EQ(build_graph(2, el, keep_max).weight(0, 1), big);
}
