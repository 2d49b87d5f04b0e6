#include <govnet/centrality.hpp>
#include <govnet/csr_graph.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace govnet;

namespace {
EdgeList make(std::vector<NodeId> s, std::vector<NodeId> t, std::vector<double> w = {}) {
    return EdgeList{std::move(s), std::move(t), std::move(w)};
}
std::vector<NodeId> to_vec(Span<const NodeId> s) { return {s.begin(), s.end()}; }
}  // namespace

TEST(CsrGraph, EmptyGraph) {
    CsrGraph g = build_graph(0, {});
    EXPECT_EQ(g.num_nodes(), 0);
    EXPECT_EQ(g.num_edges(), 0);
}

TEST(CsrGraph, UndirectedNeighboursSortedBothWays) {
    //  0 - 1 - 2, 0 - 2 given as 2 -> 0
    CsrGraph g = build_graph(3, make({1, 0, 2}, {2, 1, 0}));
    EXPECT_FALSE(g.directed());
    EXPECT_EQ(g.num_edges(), 3);
    EXPECT_EQ(to_vec(g.out_neighbors(0)), (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(to_vec(g.out_neighbors(1)), (std::vector<NodeId>{0, 2}));
    EXPECT_EQ(to_vec(g.out_neighbors(2)), (std::vector<NodeId>{0, 1}));
    EXPECT_EQ(to_vec(g.in_neighbors(2)), (std::vector<NodeId>{0, 1}));
}

TEST(CsrGraph, DirectedInAndOutLists) {
    // 0 -> 1, 0 -> 2, 2 -> 1, 1 -> 0
    BuildOptions opt;
    opt.directed = true;
    CsrGraph g = build_graph(3, make({0, 0, 2, 1}, {1, 2, 1, 0}), opt);
    EXPECT_EQ(g.num_edges(), 4);
    EXPECT_EQ(to_vec(g.out_neighbors(0)), (std::vector<NodeId>{1, 2}));
    EXPECT_EQ(to_vec(g.in_neighbors(1)), (std::vector<NodeId>{0, 2}));
    EXPECT_EQ(to_vec(g.in_neighbors(0)), (std::vector<NodeId>{1}));
    EXPECT_EQ(g.in_degree(1), 2);
    EXPECT_EQ(g.out_degree(2), 1);
}

TEST(CsrGraph, DuplicatePolicies) {
    auto el = make({0, 1, 0}, {1, 0, 1}, {2.0, 3.0, 0.5});
    BuildOptions opt;  // undirected: 0-1 three times
    EXPECT_DOUBLE_EQ(build_graph(2, el, opt).weight(0, 1), 5.5);
    opt.duplicates = DuplicatePolicy::Max;
    EXPECT_DOUBLE_EQ(build_graph(2, el, opt).weight(1, 0), 3.0);
    opt.duplicates = DuplicatePolicy::Raise;
    EXPECT_THROW(build_graph(2, el, opt), InvalidArgument);
    // Directed: 0->1 twice, 1->0 once.
    opt.directed = true;
    opt.duplicates = DuplicatePolicy::Sum;
    CsrGraph d = build_graph(2, el, opt);
    EXPECT_DOUBLE_EQ(d.weight(0, 1), 2.5);
    EXPECT_DOUBLE_EQ(d.weight(1, 0), 3.0);
    EXPECT_EQ(d.num_edges(), 2);
}

TEST(CsrGraph, SelfLoopPolicies) {
    auto el = make({0, 1}, {0, 2});
    BuildOptions opt;
    EXPECT_EQ(build_graph(3, el, opt).num_edges(), 1);
    opt.self_loops = SelfLoopPolicy::Keep;
    CsrGraph k = build_graph(3, el, opt);
    EXPECT_EQ(k.num_edges(), 2);
    EXPECT_EQ(to_vec(k.out_neighbors(0)), (std::vector<NodeId>{0}));
    opt.self_loops = SelfLoopPolicy::Raise;
    EXPECT_THROW(build_graph(3, el, opt), InvalidArgument);
}

TEST(CsrGraph, RejectsBadInput) {
    EXPECT_THROW(build_graph(2, make({0}, {2})), InvalidArgument);
    EXPECT_THROW(build_graph(2, make({-1}, {1})), InvalidArgument);
    EXPECT_THROW(build_graph(2, make({0}, {1}, {-1.0})), InvalidArgument);
    EXPECT_THROW(build_graph(2, make({0}, {1}, {std::nan("")})), InvalidArgument);
    EXPECT_THROW(build_graph(2, make({0, 1}, {1})), InvalidArgument);
    EXPECT_THROW(build_graph(-1, {}), InvalidArgument);
}

TEST(CsrGraph, EdgesRoundTripAndToUndirected) {
    BuildOptions opt;
    opt.directed = true;
    CsrGraph d = build_graph(3, make({0, 1, 1}, {1, 0, 2}, {1, 2, 4}), opt);
    EdgeList e = d.edges();
    EXPECT_EQ(e.sources, (std::vector<NodeId>{0, 1, 1}));
    EXPECT_EQ(e.targets, (std::vector<NodeId>{1, 0, 2}));
    CsrGraph u = d.to_undirected();
    EXPECT_EQ(u.num_edges(), 2);
    EXPECT_DOUBLE_EQ(u.weight(0, 1), 3.0);
    EXPECT_DOUBLE_EQ(u.weight(2, 1), 4.0);
}

TEST(CsrGraph, AggregateSumAndAnyTie) {
    CsrGraph a = build_graph(3, make({0}, {1}, {2.0}));
    BuildOptions opt;
    opt.directed = true;
    CsrGraph b = build_graph(3, make({1, 1}, {0, 2}, {3.0, 1.0}), opt);
    CsrGraph s = aggregate({&a, &b}, AggregateMode::Sum);
    EXPECT_TRUE(s.directed());
    EXPECT_DOUBLE_EQ(s.weight(0, 1), 2.0);
    EXPECT_DOUBLE_EQ(s.weight(1, 0), 5.0);
    EXPECT_DOUBLE_EQ(s.weight(1, 2), 1.0);
    CsrGraph any = aggregate({&a, &b}, AggregateMode::AnyTie);
    EXPECT_DOUBLE_EQ(any.weight(1, 0), 1.0);
    EXPECT_FALSE(any.weighted());
}

TEST(Rng, BelowIsInRangeAndDeterministic) {
    Rng a(42, 3), b(42, 3), c(42, 4);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        auto x = a.below(7);
        EXPECT_LT(x, 7u);
        EXPECT_EQ(x, b.below(7));
        differs = differs || (x != c.below(7));
    }
    EXPECT_TRUE(differs);
}

TEST(Allocation, RefusesHugeResults) {
    EXPECT_THROW(check_allocation("dense matrix", 1e12, 8.0), TooLarge);
    EXPECT_NO_THROW(check_allocation("small", 10, 8.0));
}
