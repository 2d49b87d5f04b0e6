#include <govnet/centrality.hpp>
#include <govnet/paths.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace govnet;

namespace {

CsrGraph path4() {
    // 0 - 1 - 2 - 3
    return build_graph(4, EdgeList{{0, 1, 2}, {1, 2, 3}, {}});
}

CsrGraph star(int leaves) {
    // centre 0 joined to 1..leaves
    EdgeList el;
    for (int i = 1; i <= leaves; ++i) {
        el.sources.push_back(0);
        el.targets.push_back(i);
    }
    return build_graph(leaves + 1, el);
}

// A directed random graph big enough (n + m > 2M) for the power iterations to use threads.
CsrGraph big_random(NodeId n, int arcs_per_node) {
    EdgeList el;
    Rng rng(42);
    for (NodeId u = 0; u < n; ++u)
        for (int k = 0; k < arcs_per_node; ++k) {
            el.sources.push_back(u);
            el.targets.push_back(static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n))));
            el.weights.push_back(1.0 + static_cast<double>(rng.below(4)));
        }
    BuildOptions bo;
    bo.directed = true;
    return build_graph(n, el, bo);
}

}  // namespace

TEST(Betweenness, PathGraph) {
    // raw undirected betweenness 0, 2, 2, 0
    CsrGraph g = path4();
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

TEST(Betweenness, TiesAbsorbedByTheDistanceCountAsZeroLength) {
    // 0 -(4)- 2 -(7)- 1 with loops of length 1e-300 at 2 and 2 at 1 (found by the fuzzer):
    // 4 + 1e-300 == 4, so the loop at 2 must not count as a second path through 2.
    // Likewise a tie of 1e-300 between two nodes at distance 4 is not tight both ways.
    BuildOptions bo;
    bo.self_loops = SelfLoopPolicy::Keep;
    CsrGraph g = build_graph(3, EdgeList{{0, 2, 2, 1}, {2, 1, 2, 1}, {4, 7, 1e-300, 2}}, bo);
    BetweennessOptions opt;
    opt.normalized = false;
    opt.weighted = true;
    auto bc = betweenness(g, opt);
    EXPECT_DOUBLE_EQ(bc[0], 0.0);
    EXPECT_DOUBLE_EQ(bc[1], 0.0);
    EXPECT_DOUBLE_EQ(bc[2], 1.0);
    // 0 -(4)- 1, 0 -(4)- 2, 1 -(1e-300)- 2: from 0, 1 and 2 are both at 4 and the tie
    // between them is absorbed, so neither lies on the other's path from 0. From 1,
    // 1e-300 + 4 rounds to 4, so 1-2-0 ties with 1-0 (equality in floating point, as
    // networkx compares): half of the pair (0, 1) passes 2 and half of (0, 2) passes 1.
    // networkx gives 1.0 and 0.25 here, and 3.0 for bc[2] above: it counts the
    // absorbed ties as tight both ways.
    CsrGraph h = build_graph(3, EdgeList{{0, 0, 1}, {1, 2, 2}, {4, 4, 1e-300}});
    bc = betweenness(h, opt);
    EXPECT_DOUBLE_EQ(bc[0], 0.0);
    EXPECT_DOUBLE_EQ(bc[1], 0.25);
    EXPECT_DOUBLE_EQ(bc[2], 0.25);
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
    // The grid's symmetries: the four corners agree, and so do mirrored nodes.
    const int last = side * side - 1;
    EXPECT_NEAR(a[0], a[static_cast<std::size_t>(last)], 1e-15);
    EXPECT_NEAR(a[0], a[side - 1], 1e-15);
    EXPECT_NEAR(a[1], a[side], 1e-15);
}

TEST(Betweenness, NullGraphAndIsolates) {
    EXPECT_TRUE(betweenness(CsrGraph{}).empty());
    CsrGraph g = build_graph(3, EdgeList{});
    EXPECT_EQ(betweenness(g), std::vector<double>(3, 0.0));
}

TEST(Paths, DistanceSumsOnPathBothDirections) {
    // Directed path 0 -> 1 -> 2: incoming distances to 2 are 1 (from 1) and 2 (from 0).
    BuildOptions bo;
    bo.directed = true;
    CsrGraph g = build_graph(3, EdgeList{{0, 1}, {1, 2}, {}}, bo);
    DistanceSums in = distance_sums(g);
    EXPECT_EQ(in.reached, (std::vector<double>{0, 1, 2}));
    EXPECT_EQ(in.dist_sum, (std::vector<double>{0, 1, 3}));
    EXPECT_DOUBLE_EQ(in.inv_dist_sum[2], 1.5);
    DistanceOptions out;
    out.incoming = false;
    DistanceSums o = distance_sums(g, out);
    EXPECT_EQ(o.reached, (std::vector<double>{2, 1, 0}));
    EXPECT_EQ(o.dist_sum, (std::vector<double>{3, 1, 0}));
}

TEST(Paths, WeightedDijkstraTakesTheShorterDetour) {
    // 0 -(5)- 1, 0 -(1)- 2 -(1)- 1 : d(0,1) = 2
    CsrGraph g = build_graph(3, EdgeList{{0, 0, 2}, {1, 2, 1}, {5, 1, 1}});
    DistanceOptions opt;
    opt.weighted = true;
    DistanceSums s = distance_sums(g, opt);
    EXPECT_DOUBLE_EQ(s.dist_sum[0], 3.0);  // 2 + 1
    EXPECT_DOUBLE_EQ(s.dist_sum[1], 3.0);  // 2 + 1
    EXPECT_DOUBLE_EQ(s.dist_sum[2], 2.0);
}

// distance_sums by the bit sweep (shallow graphs of <= 4096 nodes) and by the BFS per
// source it falls back to (a chain: more than 64 levels) against Floyd–Warshall,
// both directions; the sums are integers and sums of count/d, so equality is exact
// for the reached counts and distance sums.
TEST(Paths, DistanceSumsBitSweepAgreesWithFloydWarshall) {
    for (int k = 0; k < 6; ++k) {
        const bool directed = k % 2 == 1;
        const NodeId n = k < 4 ? 40 + 50 * k : 130;
        EdgeList el;
        Rng rng(11 + static_cast<std::uint64_t>(k));
        for (NodeId i = 0; i < (k < 4 ? 2 * n : n - 1); ++i) {
            el.sources.push_back(k < 4 ? static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n))) : i);
            el.targets.push_back(k < 4 ? static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(n))) : i + 1);
        }
        BuildOptions bo;
        bo.directed = directed;
        const CsrGraph g = build_graph(n, el, bo);
        const auto nn = static_cast<std::size_t>(n);
        const int inf = 1 << 20;
        std::vector<int> d(nn * nn, inf);
        for (std::size_t v = 0; v < nn; ++v) {
            d[v * nn + v] = 0;
            for (NodeId u : g.out_neighbors(static_cast<NodeId>(v)))
                if (static_cast<std::size_t>(u) != v) d[v * nn + static_cast<std::size_t>(u)] = 1;
        }
        for (std::size_t m = 0; m < nn; ++m)
            for (std::size_t i = 0; i < nn; ++i)
                for (std::size_t j = 0; j < nn; ++j)
                    d[i * nn + j] = std::min(d[i * nn + j], d[i * nn + m] + d[m * nn + j]);
        for (bool incoming : {true, false}) {
            DistanceOptions opt;
            opt.incoming = incoming;
            const DistanceSums s = distance_sums(g, opt);
            for (std::size_t v = 0; v < nn; ++v) {
                double reached = 0, dsum = 0, isum = 0;
                for (std::size_t u = 0; u < nn; ++u) {
                    const int duv = incoming ? d[u * nn + v] : d[v * nn + u];
                    if (u == v || duv >= inf) continue;
                    ++reached;
                    dsum += duv;
                    isum += 1.0 / duv;
                }
                EXPECT_EQ(s.reached[v], reached) << "graph " << k << " node " << v;
                EXPECT_EQ(s.dist_sum[v], dsum) << "graph " << k << " node " << v;
                EXPECT_NEAR(s.inv_dist_sum[v], isum, 1e-12) << "graph " << k << " node " << v;
            }
        }
    }
}

TEST(Closeness, StarAndIsolate) {
    // Star with 3 leaves plus an isolated node 4 (n = 5).
    CsrGraph g = build_graph(5, EdgeList{{0, 0, 0}, {1, 2, 3}, {}});
    auto c = closeness(g);
    // centre: r = 3, S = 3 -> (3/4) * (3/3)
    EXPECT_DOUBLE_EQ(c[0], 0.75);
    // leaf: r = 3, S = 1 + 2 + 2 = 5 -> (3/4) * (3/5)
    EXPECT_DOUBLE_EQ(c[1], 0.45);
    EXPECT_EQ(c[4], 0.0);
    ClosenessOptions raw;
    raw.wf_improved = false;
    EXPECT_DOUBLE_EQ(closeness(g, raw)[1], 0.6);
    auto h = harmonic(g);
    EXPECT_DOUBLE_EQ(h[0], 3.0);
    EXPECT_DOUBLE_EQ(h[1], 2.0);
    EXPECT_EQ(h[4], 0.0);
}

TEST(Spectral, StarClosedForms) {
    // Star K_{1,4}: leading eigenvector (2, 1, 1, 1, 1)/sqrt(8) (lambda = 2).
    CsrGraph g = star(4);
    IterationOptions it;
    it.tol = 1e-14;
    it.max_iter = 10000;
    auto x = eigenvector(g, it);
    EXPECT_NEAR(x[0], 2 / std::sqrt(8.0), 1e-10);
    EXPECT_NEAR(x[1], 1 / std::sqrt(8.0), 1e-10);
    // PageRank sums to 1 and the centre ranks first; leaves are equal.
    PagerankOptions po;
    po.iter.tol = 1e-14;
    po.iter.max_iter = 10000;
    auto pr = pagerank(g, po);
    EXPECT_NEAR(std::accumulate(pr.begin(), pr.end(), 0.0), 1.0, 1e-12);
    // Closed form: c = 0.15/5 + 0.85 * 4l, l = 0.15/5 + 0.85 * c/4, so c = 0.03 (1 + 3.4) / (1 - 0.85^2).
    const double c = 0.03 * (1 + 3.4) / (1 - 0.85 * 0.85);
    EXPECT_NEAR(pr[0], c, 1e-12);
    EXPECT_NEAR(pr[1], pr[4], 1e-15);
    // Katz with alpha = 0.1: leaf = 1 + 0.1 c, centre = 1 + 0.4 leaf.
    KatzOptions ko;
    ko.normalized = false;
    ko.iter.tol = 1e-15;
    auto k = katz(g, ko);
    const double centre = (1 + 0.4) / (1 - 0.04);
    EXPECT_NEAR(k[0], centre, 1e-12);
    EXPECT_NEAR(k[1], 1 + 0.1 * centre, 1e-12);
}

TEST(Spectral, HitsOnADirectedStar) {
    // 0 -> 1, 0 -> 2, 0 -> 3: 0 is the only hub, 1..3 share the authority.
    BuildOptions bo;
    bo.directed = true;
    CsrGraph g = build_graph(4, EdgeList{{0, 0, 0}, {1, 2, 3}, {}}, bo);
    HitsResult r = hits(g);
    EXPECT_NEAR(r.hubs[0], 1.0, 1e-12);
    EXPECT_NEAR(r.authorities[0], 0.0, 1e-12);
    EXPECT_NEAR(r.authorities[2], 1.0 / 3, 1e-12);
}

TEST(Spectral, NonConvergenceThrows) {
    CsrGraph g = star(5);
    IterationOptions it;
    it.max_iter = 2;
    it.tol = 1e-15;
    EXPECT_THROW(eigenvector(g, it), NotConverged);
    PagerankOptions po;
    po.iter = it;
    EXPECT_THROW(pagerank(g, po), NotConverged);
    KatzOptions ko;
    ko.alpha = 1.0;  // > 1/lambda_max = 1/sqrt(5): diverges
    EXPECT_THROW(katz(g, ko), NotConverged);
    it.max_iter = 0;
    EXPECT_THROW(eigenvector(g, it), InvalidArgument);
}

TEST(Spectral, ThreadCountDoesNotChangeBits) {
    // n + m above the threshold where the power iterations go parallel.
    CsrGraph g = big_random(300000, 6);
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    PagerankOptions po;
    EXPECT_EQ(pagerank(g, po, one), pagerank(g, po, two));
    IterationOptions it;
    it.weighted = true;
    it.max_iter = 1000;
    EXPECT_EQ(eigenvector(g, it, one), eigenvector(g, it, two));
    KatzOptions ko;
    ko.alpha = 0.01;
    EXPECT_EQ(katz(g, ko, one), katz(g, ko, two));
    it.tol = 1e-6;
    auto h1 = hits(g, it, one), h2 = hits(g, it, two);
    EXPECT_EQ(h1.hubs, h2.hubs);
    EXPECT_EQ(h1.authorities, h2.authorities);
}

TEST(Spectral, HubGraphThreadsAgree) {
    // A hub-dominated undirected graph (five hubs hold a third of the ties): the power
    // iterations' blocks are cut by work, not node count, and still reduce in one order.
    const NodeId n = 60000;
    EdgeList el;
    Rng rng(7);
    for (NodeId u = 5; u < n; ++u)
        for (int k = 0; k < 3; ++k) {
            el.sources.push_back(u);
            el.targets.push_back(k == 0 ? static_cast<NodeId>(rng.below(5))
                                        : static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(u))));
        }
    BuildOptions bo;
    bo.duplicates = DuplicatePolicy::Sum;
    CsrGraph g = build_graph(n, el, bo);
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    EXPECT_EQ(pagerank(g, {}, one), pagerank(g, {}, two));
    IterationOptions it;
    it.max_iter = 1000;
    EXPECT_EQ(eigenvector(g, it, one), eigenvector(g, it, two));
    if (eigenvector_krylov_available())
        EXPECT_EQ(eigenvector_krylov(g, false, 1e-6, one), eigenvector_krylov(g, false, 1e-6, two));
    KatzOptions ko;
    ko.alpha = 0.001;
    EXPECT_EQ(katz(g, ko, one), katz(g, ko, two));
}

TEST(Runtime, CancelledStopsAllPairs) {
    CsrGraph g = big_random(20000, 3);
    RunControl ctl;
    ctl.poll = [](double, double) { return true; };  // asks to stop at once
    EXPECT_THROW(betweenness(g, {}, ctl), Cancelled);
    RunControl ctl2;
    ctl2.poll = [](double, double) { return true; };
    EXPECT_THROW(distance_sums(g, {}, ctl2), Cancelled);
}

// The plain-double fast path and the scaled counts give the same bits; folding the
// degree-1 actors keeps the values (a star with a tail: leaves everywhere).
TEST(Betweenness, FastPathsEqualPlainPaths) {
    EdgeList el;
    Rng rng(7);
    for (NodeId v = 1; v < 300; ++v) {
        el.sources.push_back(v);
        el.targets.push_back(static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(v))));
        if (v % 3 == 0) {
            el.sources.push_back(v);
            el.targets.push_back(static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(v))));
        }
    }
    BuildOptions bo;
    bo.duplicates = DuplicatePolicy::Max;
    const CsrGraph g = build_graph(300, el, bo);
    BetweennessOptions fast, scaled, every;
    scaled.scaled_counts = true;
    every.no_folding = true;
    const auto a = betweenness(g, fast), b = betweenness(g, scaled), c = betweenness(g, every);
    ASSERT_EQ(a.size(), c.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i], b[i]);
        EXPECT_NEAR(a[i], c[i], 1e-12 * (1.0 + std::fabs(c[i])));
    }
}

TEST(Betweenness, ApproximateIsDeterministicAndBounded) {
    const CsrGraph g = star(30);
    ApproxBetweennessOptions opt;
    opt.epsilon = 0.05;
    opt.seed = 3;
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    const auto a = betweenness_approx(g, opt, one), b = betweenness_approx(g, opt, two);
    EXPECT_EQ(a.values, b.values);
    // The centre lies on every path between two leaves: 30*29 of the 31*30 ordered pairs.
    EXPECT_NEAR(a.values[0], 30.0 * 29.0 / (31.0 * 30.0), opt.epsilon);
    for (std::size_t i = 1; i < a.values.size(); ++i) EXPECT_EQ(a.values[i], 0.0);
}
