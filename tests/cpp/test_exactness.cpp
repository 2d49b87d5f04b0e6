// Exactness where a shortcut used to fail (issue #13, item 6): betweenness on
// chains of diamonds (2^k shortest paths) against a closed form, zero-length ties
// against hand counts, and the discrete core-periphery model against a naive
// enumeration of every partition.
#include <govnet/centrality.hpp>
#include <govnet/structure.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace govnet;

namespace {

// a_i = 3i, b_i = 3i+1, c_i = 3i+2; arcs a_i -> b_i -> a_{i+1}, a_i -> c_i -> a_{i+1},
// arm lengths 1 + 2 and 2 + 1 when weighted.
CsrGraph diamond_chain(int k, bool directed, bool weighted) {
    EdgeList el;
    for (int i = 0; i < k; ++i) {
        const NodeId a = 3 * i, b = a + 1, c = a + 2, nxt = a + 3;
        el.sources.insert(el.sources.end(), {a, a, b, c});
        el.targets.insert(el.targets.end(), {b, c, nxt, nxt});
        if (weighted) el.weights.insert(el.weights.end(), {1.0, 2.0, 2.0, 1.0});
    }
    BuildOptions bo;
    bo.directed = directed;
    return build_graph(3 * k + 1, el, bo);
}

// Raw betweenness: cut actor a_j carries the 9 j (k-j) pairs across it (+1/2 for each
// neighbouring diamond's (b, c) pair when undirected); b_i and c_i half of the
// (3i+1)(3(k-i)-2) pairs across their diamond.
std::vector<double> closed_form(int k, bool directed) {
    std::vector<double> bc(static_cast<std::size_t>(3 * k + 1));
    for (int j = 0; j <= k; ++j) {
        double v = 9.0 * j * (k - j);
        if (!directed) v += (j > 0 && j < k) ? 1.0 : 0.5;
        bc[static_cast<std::size_t>(3 * j)] = v;
    }
    for (int i = 0; i < k; ++i)
        bc[static_cast<std::size_t>(3 * i + 1)] = bc[static_cast<std::size_t>(3 * i + 2)] =
            (3.0 * i + 1) * (3.0 * (k - i) - 2) / 2;
    return bc;
}

void expect_close(const std::vector<double>& got, const std::vector<double>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        ASSERT_TRUE(std::isfinite(got[i])) << i;
        EXPECT_NEAR(got[i], want[i], 1e-12 * std::max(1.0, std::fabs(want[i]))) << i;
    }
}

}  // namespace

TEST(Exactness, DiamondChainPastDoubleRange) {
    // 2^600 (renormalised mantissa) and 2^1100 (past DBL_MAX) shortest paths end to end.
    for (int k : {7, 600, 1100})
        for (bool directed : {false, true})
            for (bool weighted : {false, true}) {
                BetweennessOptions opt;
                opt.normalized = false;
                opt.weighted = weighted;
                SCOPED_TRACE("k=" + std::to_string(k) + " directed=" + std::to_string(directed) +
                             " weighted=" + std::to_string(weighted));
                expect_close(betweenness(diamond_chain(k, directed, weighted), opt),
                             closed_form(k, directed));
            }
}

TEST(Exactness, ZeroLengthTieMakesAnIntermediate) {
    // 0 -0- 1 -1- 2: actor 1 is on the one shortest 0-2 path.
    BetweennessOptions opt;
    opt.normalized = false;
    opt.weighted = true;
    for (bool directed : {false, true}) {
        BuildOptions bo;
        bo.directed = directed;
        const auto g = build_graph(3, EdgeList{{0, 1}, {1, 2}, {0.0, 1.0}}, bo);
        expect_close(betweenness(g, opt), {0, 1, 0});
    }
    // Node 2 has a lower id than its zero-length predecessor 3 at the same distance
    // (a heap ordered by (distance, id) settles it first): 0 -1-> 3 -0-> 2 -1-> 1.
    BuildOptions bo;
    bo.directed = true;
    const auto g = build_graph(4, EdgeList{{0, 3, 2}, {3, 2, 1}, {1.0, 0.0, 1.0}}, bo);
    // pairs: 0->2 via 3; 0->1 via 3, 2; 3->1 via 2.
    expect_close(betweenness(g, opt), {0, 0, 2, 2});
}

TEST(Exactness, ZeroDistanceTwinsShare) {
    // s=0 -1- u=1 -1- t=3, s -1- v=2 -1- t, u -0- v: u and v share s-t.
    BetweennessOptions opt;
    opt.normalized = false;
    opt.weighted = true;
    const auto g = build_graph(4, EdgeList{{0, 1, 0, 2, 1}, {1, 3, 2, 3, 2}, {1, 1, 1, 1, 0}});
    expect_close(betweenness(g, opt), {0, 0.5, 0.5, 0});
}

namespace {

// Correlation over ordered pairs i != j, computed from scratch (no running sums).
double naive_fit(const std::vector<std::vector<double>>& a, const std::vector<int>& core,
                 bool missing) {
    const std::size_t n = a.size();
    std::vector<double> x, y;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j) continue;
            const bool cc = core[i] && core[j], pp = !core[i] && !core[j];
            if (missing && !cc && !pp) continue;
            x.push_back(a[i][j]);
            y.push_back(pp ? 0.0 : 1.0);
        }
    const double m = static_cast<double>(x.size());
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        syy += y[i] * y[i];
        sxy += x[i] * y[i];
    }
    const double vx = m * sxx - sx * sx, vy = m * syy - sy * sy;
    if (!(vx > 0) || !(vy > 0)) return -std::numeric_limits<double>::infinity();
    return (m * sxy - sx * sy) / std::sqrt(vx * vy);
}

}  // namespace

TEST(Exactness, CorePeripheryExhaustiveMatchesNaiveEnumeration) {
    for (std::uint64_t seed = 0; seed < 6; ++seed) {
        Rng rng(seed);
        const NodeId n = 8 + static_cast<NodeId>(seed % 3);
        const bool directed = seed % 2 == 1;
        EdgeList el;
        std::vector<std::vector<double>> a(static_cast<std::size_t>(n),
                                           std::vector<double>(static_cast<std::size_t>(n), 0.0));
        for (NodeId u = 0; u < n; ++u)
            for (NodeId v = directed ? 0 : u + 1; v < n; ++v) {
                if (u == v || rng.uniform() > 0.35) continue;
                el.sources.push_back(u);
                el.targets.push_back(v);
                a[static_cast<std::size_t>(u)][static_cast<std::size_t>(v)] = 1;
                if (!directed) a[static_cast<std::size_t>(v)][static_cast<std::size_t>(u)] = 1;
            }
        BuildOptions bo;
        bo.directed = directed;
        const auto g = build_graph(n, el, bo);
        for (bool missing : {false, true}) {
            double best = -std::numeric_limits<double>::infinity();
            for (std::uint32_t code = 0; code < (1U << n); ++code) {
                std::vector<int> core(static_cast<std::size_t>(n));
                int c = 0;
                for (NodeId v = 0; v < n; ++v) c += core[static_cast<std::size_t>(v)] = (code >> v) & 1U;
                if (c < (missing ? 2 : 1) || n - c < 2) continue;
                best = std::max(best, naive_fit(a, core, missing));
            }
            CorePeripheryOptions opt;
            opt.between = missing ? CorePeripheryBetween::Missing : CorePeripheryBetween::Ones;
            opt.seed = seed;
            const auto res = core_periphery_discrete(g, opt);
            EXPECT_NEAR(res.fit, best, 1e-12) << "seed " << seed << " missing " << missing;
            std::vector<int> core(res.core.begin(), res.core.end());
            EXPECT_NEAR(naive_fit(a, core, missing), res.fit, 1e-12);
            EXPECT_EQ(res.best_restart, -1);
        }
    }
}
