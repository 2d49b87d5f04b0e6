#include <govnet/inference.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

using namespace govnet;

namespace {

std::vector<double> random_matrix(NodeId n, std::uint64_t seed, double density) {
    Rng rng(seed);
    std::vector<double> m(static_cast<std::size_t>(n) * n, 0.0);
    for (auto& v : m) v = rng.uniform() < density ? 1.0 + std::floor(3 * rng.uniform()) : 0.0;
    return m;
}

}  // namespace

TEST(GraphCorrelation, HandComputed) {
    // 3 actors, ordered off-diagonal cells (01, 02, 10, 12, 20, 21):
    // x = 1 0 0 1 0 0, y = 1 0 0 0 0 0 -> r = (1 - 6 * 1/3 * 1/6) / sqrt((2 - 4/6)(1 - 1/6))
    const std::vector<double> x = {0, 1, 0, 0, 0, 1, 0, 0, 0};
    const std::vector<double> y = {0, 1, 0, 0, 0, 0, 0, 0, 0};
    const double expected = (1.0 - 1.0 / 3.0) / std::sqrt((2.0 - 4.0 / 6.0) * (1.0 - 1.0 / 6.0));
    EXPECT_NEAR(graph_correlation(x, y, 3, Cells::Ordered), expected, 1e-15);
    EXPECT_TRUE(std::isnan(graph_correlation(x, std::vector<double>(9, 0.0), 3, Cells::Ordered)));
    EXPECT_THROW(graph_correlation(x, std::vector<double>(8, 0.0), 3, Cells::Ordered),
                 InvalidArgument);
}

TEST(QapTest, ThreadInvarianceAndIdentityStatistic) {
    const NodeId n = 40;
    const auto x = random_matrix(n, 1, 0.1), y = random_matrix(n, 2, 0.5);
    QapOptions opt;
    opt.n_permutations = 300;
    opt.seed = 9;
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    const auto a = qap_test(x, y, n, opt, one);
    const auto b = qap_test(x, y, n, opt, two);
    EXPECT_EQ(a.null_distribution, b.null_distribution);
    EXPECT_EQ(a.p_greater, b.p_greater);
    EXPECT_NEAR(a.statistic, graph_correlation(x, y, n, Cells::Ordered), 0.0);
    for (double v : a.null_distribution) EXPECT_LE(std::abs(v), 1.0 + 1e-12);
}

TEST(QapTest, CancelledByPoll) {
    const NodeId n = 60;
    const auto x = random_matrix(n, 1, 0.3), y = random_matrix(n, 2, 0.3);
    QapOptions opt;
    opt.n_permutations = 100000;
    RunControl ctl;
    ctl.threads = 2;
    ctl.poll = [](double done, double) { return done > 10; };
    EXPECT_THROW(qap_test(x, y, n, opt, ctl), Cancelled);
}

TEST(Mrqap, SimpleRegressionClosedForm) {
    // One predictor: slope = cov(x, y) / var(x) over the cells.
    const NodeId n = 12;
    const auto x = random_matrix(n, 3, 0.4), y = random_matrix(n, 4, 0.6);
    double m = 0, sx = 0, sy = 0;
    for (NodeId i = 0; i < n; ++i)
        for (NodeId j = 0; j < n; ++j)
            if (i != j) sx += x[i * n + j], sy += y[i * n + j], m += 1;
    double sxy = 0, sxx = 0;
    for (NodeId i = 0; i < n; ++i)
        for (NodeId j = 0; j < n; ++j)
            if (i != j) {
                sxy += (x[i * n + j] - sx / m) * (y[i * n + j] - sy / m);
                sxx += (x[i * n + j] - sx / m) * (x[i * n + j] - sx / m);
            }
    MrqapOptions opt;
    opt.n_permutations = 50;
    const auto r = mrqap(y, {x}, n, opt);
    EXPECT_NEAR(r.coefficients[1], sxy / sxx, 1e-12);
    EXPECT_NEAR(r.coefficients[0], sy / m - sxy / sxx * sx / m, 1e-12);
    EXPECT_EQ(r.n_obs, n * (n - 1));
    EXPECT_EQ(r.null_distribution.size(), 100u);
    // With one predictor, DSP's t for x equals the QAP-on-residual t; it must be finite.
    for (double v : r.null_distribution) EXPECT_TRUE(std::isfinite(v));
}

TEST(NullGraph, RewirePreservesDegreesDirected) {
    BuildOptions bo;
    bo.directed = true;
    EdgeList el;
    Rng rng(5);
    for (NodeId u = 0; u < 30; ++u)
        for (NodeId v = 0; v < 30; ++v)
            if (u != v && rng.uniform() < 0.1) el.sources.push_back(u), el.targets.push_back(v);
    const CsrGraph g = build_graph(30, el, bo);
    const CsrGraph h = null_graph(g, NullModel::Rewire, 1, 0);
    ASSERT_EQ(h.num_edges(), g.num_edges());
    for (NodeId v = 0; v < 30; ++v) {
        EXPECT_EQ(h.out_degree(v), g.out_degree(v));
        EXPECT_EQ(h.in_degree(v), g.in_degree(v));
        for (NodeId w : h.out_neighbors(v)) EXPECT_NE(w, v);
    }
    const CsrGraph k = null_graph(g, NullModel::Gnm, 1, 0);
    EXPECT_EQ(k.num_edges(), g.num_edges());
}

TEST(EiIndex, Star) {
    // Star 0-1, 0-2, 0-3, 1-2; groups {0}, {1, 2, 3}: E = 3, I = 1.
    const CsrGraph g = build_graph(4, EdgeList{{0, 0, 0, 1}, {1, 2, 3, 2}, {}});
    const auto c = ei_counts(g, {0, 1, 1, 1}, 2);
    EXPECT_EQ(c.external, 3.0);
    EXPECT_EQ(c.internal, 1.0);
    EXPECT_EQ(c.group_external[0], 3.0);
    EXPECT_EQ(c.group_internal[0], 0.0);
    EXPECT_EQ(c.group_external[1], 3.0);
    EXPECT_EQ(c.group_internal[1], 1.0);
    const auto t = ei_test(g, {0, 1, 1, 1}, 2, 100, 1);
    EXPECT_DOUBLE_EQ(t[0].statistic, 0.5);
    EXPECT_THROW(ei_counts(g, {0, 1, 2, 1}, 2), InvalidArgument);
}
