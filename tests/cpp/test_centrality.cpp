#include <govnet/centrality.hpp>
#include <gtest/gtest.h>

#include <cmath>

using namespace govnet;

TEST(Betweenness, PathGraph) {
    // 0 - 1 - 2 - 3 : raw undirected betweenness 0, 2, 2, 0
    CsrGraph g = build_graph(4, EdgeList{{0, 1, 2}, {1, 2, 3}, {}});
    BetweennessOptions opt;
    opt.normalized = false;
    auto bc = betweenness(g, opt);
    EXPECT_DOUBLE_EQ(bc[0], 0.0);
    EXPECT_DOUBLE_EQ(bc[1], 2.0);
    EXPECT_DOUBLE_EQ(bc[2], 2.0);
    opt.normalized = true;
    bc = betweenness(g, opt);
    EXPECT_DOUBLE_EQ(bc[1], 2.0 / 3.0);
}

TEST(Betweenness, WeightedDistancesFromConventionsDoc) {
    // Arcs 1->2 (3), 2->1 (3), 2->3 (1), 2->4 (3), 3->4 (1); right answer 0, 2, 2, 0
    // (sna's weighted betweenness gives 0, 2, 3, 0: a known bug).
    BuildOptions bo;
    bo.directed = true;
    CsrGraph g = build_graph(4, EdgeList{{0, 1, 1, 1, 2}, {1, 0, 2, 3, 3}, {3, 3, 1, 3, 1}}, bo);
    BetweennessOptions opt;
    opt.normalized = false;
    opt.weighted = true;
    auto bc = betweenness(g, opt);
    EXPECT_DOUBLE_EQ(bc[0], 0.0);
    EXPECT_DOUBLE_EQ(bc[1], 2.0);
    EXPECT_DOUBLE_EQ(bc[2], 2.0);
    EXPECT_DOUBLE_EQ(bc[3], 0.0);
}

TEST(Betweenness, GridDoesNotOverflowAndThreadsAgree) {
    const int side = 40;
    EdgeList el;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            const int v = r * side + c;
            if (c + 1 < side) { el.sources.push_back(v); el.targets.push_back(v + 1); }
            if (r + 1 < side) { el.sources.push_back(v); el.targets.push_back(v + side); }
        }
    CsrGraph g = build_graph(side * side, el);
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    auto a = betweenness(g, {}, one);
    auto b = betweenness(g, {}, two);
    ASSERT_EQ(a, b);  // bit-identical
    for (double x : a) {
        EXPECT_TRUE(std::isfinite(x));
        EXPECT_GE(x, 0.0);
        EXPECT_LE(x, 1.0);
    }
}
