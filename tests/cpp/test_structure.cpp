#include <govnet/batch.hpp>
#include <govnet/structure.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace govnet;

namespace {

CsrGraph undirected(NodeId n, std::vector<NodeId> s, std::vector<NodeId> t) {
    return build_graph(n, EdgeList{std::move(s), std::move(t), {}});
}

CsrGraph directed(NodeId n, std::vector<NodeId> s, std::vector<NodeId> t) {
    BuildOptions bo;
    bo.directed = true;
    return build_graph(n, EdgeList{std::move(s), std::move(t), {}}, bo);
}

}  // namespace

TEST(CoreNumber, TriangleWithTailAndIsolate) {
    // triangle 0-1-2, tail 2-3, isolate 4: cores 2, 2, 2, 1, 0
    CsrGraph g = undirected(5, {0, 1, 0, 2}, {1, 2, 2, 3});
    auto k = core_number(g);
    EXPECT_EQ(k, (std::vector<std::int32_t>{2, 2, 2, 1, 0}));
}

TEST(CoreNumber, DirectedModes) {
    // directed 3-cycle 0->1->2->0: in = out = 1 each, all = 2 (networkx counts in + out)
    CsrGraph g = directed(3, {0, 1, 2}, {1, 2, 0});
    EXPECT_EQ(core_number(g, CoreMode::All), (std::vector<std::int32_t>{2, 2, 2}));
    EXPECT_EQ(core_number(g, CoreMode::In), (std::vector<std::int32_t>{1, 1, 1}));
    EXPECT_EQ(core_number(g, CoreMode::Out), (std::vector<std::int32_t>{1, 1, 1}));
    // out-star from 0: the centre has in-degree 0, so once it is peeled no leaf keeps
    // an in-tie (all in-cores 0); symmetric for out-cores. Together: 1 each.
    CsrGraph s = directed(4, {0, 0, 0}, {1, 2, 3});
    EXPECT_EQ(core_number(s, CoreMode::In), (std::vector<std::int32_t>{0, 0, 0, 0}));
    EXPECT_EQ(core_number(s, CoreMode::Out), (std::vector<std::int32_t>{0, 0, 0, 0}));
    EXPECT_EQ(core_number(s, CoreMode::All), (std::vector<std::int32_t>{1, 1, 1, 1}));
    // 0 <-> 1 and 2 -> 0: in-degrees 2, 1, 0 -> in-cores 1, 1, 0
    CsrGraph t = directed(3, {0, 1, 2}, {1, 0, 0});
    EXPECT_EQ(core_number(t, CoreMode::In), (std::vector<std::int32_t>{1, 1, 0}));
}

TEST(CoreNumber, ParallelPeelingEqualsBucketAlgorithm) {
    // Above the parallel threshold (n + arcs >= 1e5) two threads peel level by level with
    // atomic decrements; one thread runs the sequential bucket algorithm (Batagelj &
    // Zaversnik). Core numbers are unique, so they must agree exactly, on every run (the
    // decrements race), for hub-dominated, clique-holding, self-looped and directed graphs.
    Rng rng(11);
    const NodeId n = 40000;
    std::vector<NodeId> s, t;
    for (NodeId v = 1; v < n; ++v)
        for (int k = 0; k < 3; ++k) {
            s.push_back(v);
            // hubs, then an age bias towards early nodes, so cores range widely
            const auto r = rng.below(100);
            t.push_back(r < 5 ? static_cast<NodeId>(rng.below(5))
                              : static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(v))));
        }
    for (NodeId a = 100; a < 160; ++a)  // a 60-clique: core 59
        for (NodeId b = a + 1; b < 160; ++b) {
            s.push_back(a);
            t.push_back(b);
        }
    for (NodeId v = 0; v < 50; ++v) {  // self-loops never count
        s.push_back(v * 7);
        t.push_back(v * 7);
    }
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    BuildOptions ub;
    ub.self_loops = SelfLoopPolicy::Keep;
    const CsrGraph u = build_graph(n, EdgeList{s, t, {}}, ub);
    const auto want = core_number(u, CoreMode::All, one);
    EXPECT_EQ(want[100], 59);
    for (int rep = 0; rep < 5; ++rep) EXPECT_EQ(core_number(u, CoreMode::All, two), want);
    BuildOptions db = ub;
    db.directed = true;
    const CsrGraph d = build_graph(n, EdgeList{s, t, {}}, db);
    for (CoreMode m : {CoreMode::All, CoreMode::In, CoreMode::Out}) {
        const auto w = core_number(d, m, one);
        for (int rep = 0; rep < 3; ++rep) EXPECT_EQ(core_number(d, m, two), w);
    }
}

TEST(StructuralHoles, StarClosedForms) {
    // star: centre 0 with 3 leaves. Centre: p = 1/3 each, no indirect paths,
    // constraint 3 * (1/3)^2 = 1/3, effective size 3, efficiency 1, hierarchy 0.
    // Leaf: one contact, constraint 1, effective size 1, hierarchy 0. Isolate 4: NaN.
    CsrGraph g = undirected(5, {0, 0, 0}, {1, 2, 3});
    auto h = structural_holes(g);
    EXPECT_NEAR(h.constraint[0], 1.0 / 3.0, 1e-15);
    EXPECT_DOUBLE_EQ(h.effective_size[0], 3.0);
    EXPECT_DOUBLE_EQ(h.efficiency[0], 1.0);
    EXPECT_NEAR(h.hierarchy[0], 0.0, 1e-15);
    EXPECT_DOUBLE_EQ(h.constraint[1], 1.0);
    EXPECT_DOUBLE_EQ(h.effective_size[1], 1.0);
    EXPECT_DOUBLE_EQ(h.hierarchy[1], 0.0);
    EXPECT_TRUE(std::isnan(h.constraint[4]) && std::isnan(h.hierarchy[4]));
}

TEST(StructuralHoles, TriangleAndThreadsAgree) {
    // triangle: p = 1/2, c_ij = (1/2 + 1/4)^2 = 9/16, C = 9/8; effective size 2 - 2*1/2 = 1
    CsrGraph t = undirected(3, {0, 1, 0}, {1, 2, 2});
    auto h = structural_holes(t);
    EXPECT_NEAR(h.constraint[0], 9.0 / 8.0, 1e-15);
    EXPECT_NEAR(h.effective_size[0], 1.0, 1e-15);
    // determinism on a larger graph
    EdgeList el;
    for (NodeId v = 1; v < 2000; ++v) {
        el.sources.push_back(v);
        el.targets.push_back((v * 7919) % v);
        el.sources.push_back(v);
        el.targets.push_back((v * 104729 + 3) % v);
    }
    CsrGraph g = build_graph(2000, el);
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    auto a = structural_holes(g, {}, one), b = structural_holes(g, {}, two);
    for (std::size_t i = 0; i < a.constraint.size(); ++i) {
        if (std::isnan(a.constraint[i])) {
            EXPECT_TRUE(std::isnan(b.constraint[i]));
            continue;
        }
        EXPECT_EQ(a.constraint[i], b.constraint[i]);
        EXPECT_EQ(a.effective_size[i], b.effective_size[i]);
    }
}

TEST(Brokerage, TwoPathRoles) {
    // 0 -> 1 -> 2 with no 0 -> 2; groups: 0:A 1:A 2:B => node 1 is a representative.
    CsrGraph g = directed(3, {0, 1}, {1, 2});
    std::vector<std::int32_t> gr{0, 0, 1};
    auto b = brokerage(g, Span<const std::int32_t>(gr));
    EXPECT_EQ(b[1 * 5 + 2], 1.0);
    double total = 0;
    for (double x : b) total += x;
    EXPECT_EQ(total, 1.0);
    // closing the triad removes the brokerage
    CsrGraph closed = directed(3, {0, 1, 0}, {1, 2, 2});
    auto c = brokerage(closed, Span<const std::int32_t>(gr));
    for (double x : c) EXPECT_EQ(x, 0.0);
    std::vector<std::int32_t> bad{0, 1};
    EXPECT_THROW(brokerage(g, Span<const std::int32_t>(bad)), InvalidArgument);
}

TEST(CorePeriphery, StarIsPerfect) {
    CsrGraph g = undirected(6, {0, 0, 0, 0, 0}, {1, 2, 3, 4, 5});
    CorePeripheryOptions opt;
    opt.restarts = 4;
    opt.seed = 1;
    auto r = core_periphery_discrete(g, opt);
    EXPECT_NEAR(r.fit, 1.0, 1e-12);
    EXPECT_EQ(r.core, (std::vector<std::uint8_t>{1, 0, 0, 0, 0, 0}));
    EXPECT_THROW(core_periphery_discrete(undirected(2, {0}, {1}), opt), InvalidArgument);
    auto c = core_periphery_continuous(g);
    EXPECT_GT(c.coreness[0], c.coreness[1]);
    EXPECT_NEAR(c.coreness[1], c.coreness[5], 1e-8);
}

TEST(Vulnerability, PathRemoval) {
    // path 0-1-2: removing 1 leaves 2 isolated nodes (efficiency 0, 2 components, share 1/2)
    CsrGraph g = undirected(3, {0, 1}, {1, 2});
    auto all = single_removal_effects(g);
    EXPECT_DOUBLE_EQ(all[1].efficiency, 0.0);
    EXPECT_EQ(all[1].components, 2);
    EXPECT_DOUBLE_EQ(all[1].largest_share, 0.5);
    EXPECT_DOUBLE_EQ(all[0].efficiency, 1.0);
    EXPECT_EQ(all[0].components, 1);
    std::vector<std::uint8_t> none(3, 0);
    auto base = removal_effect(g, Span<const std::uint8_t>(none));
    EXPECT_NEAR(base.efficiency, (1.0 + 1.0 + 0.5) * 2 / 6.0, 1e-15);
}

// Efficiency by Floyd–Warshall (an independent recomputation): mean of 1/d over
// ordered pairs of the nodes not in `gone`, along arcs.
double brute_efficiency(const CsrGraph& g, const std::vector<std::uint8_t>& gone) {
    const auto n = static_cast<std::size_t>(g.num_nodes());
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> d(n * n, inf);
    for (std::size_t v = 0; v < n; ++v) {
        if (gone[v]) continue;
        d[v * n + v] = 0;
        for (NodeId u : g.out_neighbors(static_cast<NodeId>(v)))
            if (!gone[static_cast<std::size_t>(u)] && static_cast<std::size_t>(u) != v)
                d[v * n + static_cast<std::size_t>(u)] = 1;
    }
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                d[i * n + j] = std::min(d[i * n + j], d[i * n + k] + d[k * n + j]);
    double sum = 0, alive = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (gone[i]) continue;
        ++alive;
        for (std::size_t j = 0; j < n; ++j)
            if (j != i && !gone[j] && d[i * n + j] < inf) sum += 1.0 / d[i * n + j];
    }
    return alive > 1 ? sum / (alive * (alive - 1)) : 0.0;
}

// The bit-set sweep (small, shallow graphs), the plain BFS sweep (more than 64
// levels: a long chain, directed and undirected) and Floyd–Warshall agree.
TEST(Vulnerability, EfficiencySweepsAgreeWithFloydWarshall) {
    for (int k = 0; k < 8; ++k) {
        const bool directed = k % 2 == 1;
        const NodeId n = k < 6 ? 20 + 23 * k : 150;  // 20 .. 135 nodes, then chains
        EdgeList el;
        Rng rng(7 + static_cast<std::uint64_t>(k));
        if (k < 6) {
            for (NodeId i = 0; i < 2 * n; ++i) {
                el.sources.push_back(static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n))));
                el.targets.push_back(static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n))));
            }
        } else {
            for (NodeId v = 1; v < n; ++v) {  // a chain of 150 with one chord
                el.sources.push_back(v - 1);
                el.targets.push_back(v);
            }
            el.sources.push_back(10);
            el.targets.push_back(40);
        }
        BuildOptions bo;
        bo.directed = directed;
        const CsrGraph g = build_graph(n, el, bo);
        std::vector<std::uint8_t> gone(static_cast<std::size_t>(n), 0);
        EXPECT_NEAR(removal_effect(g, Span<const std::uint8_t>(gone)).efficiency,
                    brute_efficiency(g, gone), 1e-13) << "graph " << k;
        const auto singles = single_removal_effects(g);
        for (NodeId v = 0; v < n; v += 7) {
            gone[static_cast<std::size_t>(v)] = 1;
            EXPECT_NEAR(singles[static_cast<std::size_t>(v)].efficiency, brute_efficiency(g, gone), 1e-13)
                << "graph " << k << " without " << v;
            // the single removals and the masked call give the same double
            EXPECT_EQ(singles[static_cast<std::size_t>(v)].efficiency,
                      removal_effect(g, Span<const std::uint8_t>(gone)).efficiency);
            gone[static_cast<std::size_t>(v)] = 0;
        }
    }
}

// The batch gives, graph by graph, the rows of the single-graph kernel.
TEST(Batch, CoreProfileBatchEqualsSingleCalls) {
    std::vector<CsrGraph> graphs;
    std::vector<std::uint8_t> masks;
    std::vector<std::int64_t> offsets{0};
    std::vector<std::uint64_t> seeds;
    for (int k = 0; k < 12; ++k) {
        const NodeId n = 8 + k * 3;  // 8 .. 41: exact and heuristic core–periphery
        EdgeList el;
        Rng rng(100 + static_cast<std::uint64_t>(k));
        for (NodeId v = 1; v < n; ++v) {
            el.sources.push_back(v);
            el.targets.push_back(static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(v))));
            el.sources.push_back(v);
            el.targets.push_back(static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n))));
        }
        BuildOptions bo;
        bo.duplicates = DuplicatePolicy::Max;
        graphs.push_back(build_graph(n, el, bo));
        for (NodeId v = 0; v < n; ++v) masks.push_back(v < 2 ? 1 : 0);
        offsets.push_back(static_cast<std::int64_t>(masks.size()));
        seeds.push_back(static_cast<std::uint64_t>(k));
    }
    std::vector<const CsrGraph*> ptrs;
    for (const auto& g : graphs) ptrs.push_back(&g);
    RunControl two;
    two.threads = 2;
    const auto rows = core_profile_batch(ptrs, masks, offsets, seeds, 10, two);
    ASSERT_EQ(rows.size(), graphs.size());
    for (std::size_t k = 0; k < graphs.size(); ++k) {
        Span<const std::uint8_t> mask(masks.data() + offsets[k],
                                      static_cast<std::size_t>(offsets[k + 1] - offsets[k]));
        const auto one = core_profile_row(core_profile_numbers(graphs[k], mask, seeds[k], 10), mask);
        EXPECT_EQ(rows[k].core_vulnerability_rank, one.core_vulnerability_rank);
        EXPECT_EQ(rows[k].in_empirical_core, one.in_empirical_core);
        EXPECT_EQ(rows[k].cp_fit, one.cp_fit);
        EXPECT_TRUE(rows[k].pair_dependency == one.pair_dependency ||
                    (std::isnan(rows[k].pair_dependency) && std::isnan(one.pair_dependency)));
    }
}
