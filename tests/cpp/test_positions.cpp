#include <govnet/positions.hpp>
#include <gtest/gtest.h>

#include <numeric>

using namespace govnet;

namespace {

CsrGraph graph(NodeId n, std::vector<NodeId> s, std::vector<NodeId> t, bool dir) {
    BuildOptions bo;
    bo.directed = dir;
    return build_graph(n, EdgeList{std::move(s), std::move(t), {}}, bo);
}

}  // namespace

TEST(TriangleWeights, TriangleWithTail) {
    // triangle 0-1-2, tail 2-3, isolate 4: t = 2 x triangles at each node
    const auto t = triangle_weights(graph(5, {0, 1, 0, 2}, {1, 2, 2, 3}, false));
    EXPECT_EQ(t, (std::vector<double>{2, 2, 2, 0, 0}));
}

TEST(TriangleWeights, DirectedCycleFagiolo) {
    // 0->1->2->0: (A + A^T)^3 has 2 on the diagonal
    const auto t = triangle_weights(graph(3, {0, 1, 2}, {1, 2, 0}, true));
    EXPECT_EQ(t, (std::vector<double>{2, 2, 2}));
    TriangleOptions opt;
    opt.ignore_direction = true;
    EXPECT_EQ(triangle_weights(graph(3, {0, 1, 2, 1}, {1, 2, 0, 0}, true), opt),
              (std::vector<double>{2, 2, 2}));
}

TEST(TriadCensus, SumsToChoose3AndThreadInvariant) {
    const auto g = graph(6, {0, 1, 1, 2, 3, 4, 5, 0}, {1, 0, 2, 3, 1, 5, 0, 3}, true);
    const auto c = triad_census(g);
    EXPECT_EQ(std::accumulate(c.begin(), c.end(), std::int64_t{0}), 20);
    RunControl ctl;
    ctl.threads = 2;
    EXPECT_EQ(triad_census(g, ctl), c);
}

TEST(TriadCensus, MutualDyadAndCycle) {
    // 0<->1 with an isolate: one 102; a 3-cycle: one 030C
    auto c = triad_census(graph(3, {0, 1}, {1, 0}, true));
    EXPECT_EQ(c[2], 1);
    c = triad_census(graph(3, {0, 1, 2}, {1, 2, 0}, true));
    EXPECT_EQ(c[9], 1);
    c = triad_census(graph(3, {0, 1, 0}, {1, 2, 2}, false));
    EXPECT_EQ(c[15], 1);
}
