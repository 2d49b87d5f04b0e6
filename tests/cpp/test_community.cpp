#include <govnet/community.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace govnet;

namespace {

CsrGraph graph(NodeId n, std::vector<NodeId> s, std::vector<NodeId> t, bool dir) {
    BuildOptions bo;
    bo.directed = dir;
    return build_graph(n, EdgeList{std::move(s), std::move(t), {}}, bo);
}

/// Two 4-cliques {0..3}, {4..7} joined by the tie 3-4.
CsrGraph two_cliques() {
    std::vector<NodeId> s, t;
    for (NodeId base : {0, 4})
        for (NodeId i = 0; i < 4; ++i)
            for (NodeId j = i + 1; j < 4; ++j) {
                s.push_back(base + i);
                t.push_back(base + j);
            }
    s.push_back(3);
    t.push_back(4);
    return graph(8, s, t, false);
}

}  // namespace

TEST(Community, TwoCliquesLouvainAndLeiden) {
    const auto g = two_cliques();
    // Q = 2 * [6/13 - (25/26)^2 / 4]: each clique has 6 ties and degree sum 13 (m = 13)
    const double q = 2 * (6.0 / 13 - (13.0 / 26) * (13.0 / 26));
    for (int method = 0; method < 2; ++method) {
        CommunityOptions opt;
        opt.seed = 7;
        const auto r = method ? leiden(g, opt) : louvain(g, opt);
        EXPECT_EQ(r.n_communities, 2);
        EXPECT_EQ(r.membership, (std::vector<NodeId>{0, 0, 0, 0, 1, 1, 1, 1}));
        EXPECT_NEAR(r.quality, q, 1e-15);
        EXPECT_NEAR(community_quality(g, r.membership, opt), q, 1e-15);
    }
}

TEST(Community, CpmQualityClosedForm) {
    const auto g = two_cliques();
    CommunityOptions opt;
    opt.objective = CommunityObjective::CPM;
    opt.resolution = 0.5;
    const auto r = leiden(g, opt);
    // H = 2 * (6 - 0.5 * 6) = 6
    EXPECT_EQ(r.n_communities, 2);
    EXPECT_DOUBLE_EQ(r.quality, 6.0);
    opt.resolution = 1.5;  // denser than any community can be: singletons, H = 0
    EXPECT_EQ(leiden(g, opt).n_communities, 8);
}

TEST(Community, EmptyGraphIsSingletons) {
    const auto g = graph(3, {}, {}, false);
    const auto r = louvain(g);
    EXPECT_EQ(r.n_communities, 3);
    EXPECT_TRUE(std::isnan(r.quality));
}

TEST(Community, EnsembleOfCliquesConverges) {
    const auto g = two_cliques();
    CommunityOptions opt;
    opt.seed = 3;
    RunControl ctl;
    ctl.threads = 2;
    const auto e = community_ensemble(g, opt, true, 8, 0.5, 5, ctl);
    EXPECT_TRUE(e.consensus_converged);
    EXPECT_EQ(e.consensus, (std::vector<NodeId>{0, 0, 0, 0, 1, 1, 1, 1}));
    const auto e1 = community_ensemble(g, opt, true, 8, 0.5, 5);
    EXPECT_EQ(e.runs, e1.runs);
}

TEST(Components, WeakAndStrong) {
    // 0->1->2->0 a cycle, 2->3, 4 isolated, 5<->6
    const auto g = graph(7, {0, 1, 2, 2, 5, 6}, {1, 2, 0, 3, 6, 5}, true);
    EXPECT_EQ(connected_components(g, false), (std::vector<NodeId>{0, 0, 0, 0, 2, 1, 1}));
    EXPECT_EQ(connected_components(g, true), (std::vector<NodeId>{0, 0, 0, 2, 3, 1, 1}));
}

TEST(Community, CancelledByPoll) {
    const auto g = two_cliques();
    RunControl ctl;
    ctl.poll = [](double, double) { return true; };  // Ctrl-C at the first check
    EXPECT_THROW(louvain(g, {}, ctl), Cancelled);
    RunControl ctl2;
    ctl2.poll = [](double, double) { return true; };
    EXPECT_THROW(leiden(g, {}, ctl2), Cancelled);
}

TEST(Community, LeidenSeedAndThreadInvariance) {
    // a ring of 6 triangles: many equivalent optima, so the seed matters
    std::vector<NodeId> s, t;
    for (NodeId k = 0; k < 6; ++k) {
        const NodeId b = 3 * k;
        s.insert(s.end(), {b, b + 1, b});
        t.insert(t.end(), {b + 1, b + 2, b + 2});
        s.push_back(b + 2);
        t.push_back((b + 3) % 18);
    }
    const auto g = graph(18, s, t, false);
    CommunityOptions opt;
    opt.seed = 42;
    const auto a = leiden(g, opt);
    RunControl ctl;
    ctl.threads = 4;
    EXPECT_EQ(leiden(g, opt, ctl).membership, a.membership);
    EXPECT_EQ(a.n_communities, 6);  // each triangle its own community
}

namespace {

/// A planted partition of n nodes in blocks of 50, ~2n ties, a quarter of them
/// between blocks; big enough that local moving runs in parallel batches.
CsrGraph planted_graph(NodeId n) {
    std::vector<NodeId> s, t;
    std::uint64_t x = 12345;
    auto next = [&x](std::uint64_t m) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<NodeId>((x >> 33) % m);
    };
    for (NodeId i = 0; i < 2 * n; ++i) {
        const NodeId a = next(static_cast<std::uint64_t>(n));
        const NodeId b = next(4) == 0 ? next(static_cast<std::uint64_t>(n))
                                      : std::min<NodeId>(n - 1, a / 50 * 50 + next(50));
        if (a == b) continue;
        s.push_back(a);
        t.push_back(b);
    }
    return graph(n, s, t, false);
}

/// True if the ties inside each community join all its nodes.
bool communities_connected(const CsrGraph& g, const std::vector<NodeId>& memb, NodeId k) {
    std::vector<NodeId> s, t;
    for (NodeId v = 0; v < g.num_nodes(); ++v)
        for (NodeId u : g.out_neighbors(v))
            if (u > v && memb[static_cast<std::size_t>(u)] == memb[static_cast<std::size_t>(v)]) {
                s.push_back(v);
                t.push_back(u);
            }
    const auto comp = connected_components(graph(g.num_nodes(), s, t, false), false);
    return *std::max_element(comp.begin(), comp.end()) + 1 == k;
}

}  // namespace

TEST(Community, ParallelBatchesDoNotDependOnThreads) {
    const auto g = planted_graph(70000);  // over the size that moves nodes in parallel batches
    for (bool weighted : {false, true}) {
        CommunityOptions opt;
        opt.seed = 7;
        opt.weighted = weighted;
        RunControl one, two;
        one.threads = 1;
        two.threads = 2;
        const auto l1 = louvain(g, opt, one), l2 = louvain(g, opt, two);
        EXPECT_EQ(l1.membership, l2.membership);
        EXPECT_EQ(l1.quality, l2.quality);
        EXPECT_GT(l1.quality, 0.6);
        const auto d1 = leiden(g, opt, one), d2 = leiden(g, opt, two);
        EXPECT_EQ(d1.membership, d2.membership);
        EXPECT_EQ(d1.quality, d2.quality);
        EXPECT_GT(d1.quality, 0.6);
        EXPECT_TRUE(communities_connected(g, d1.membership, d1.n_communities));
        EXPECT_EQ(community_quality(g, d1.membership, opt), d1.quality);
    }
}
