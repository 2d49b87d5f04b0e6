#include <govnet/deliberation.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace govnet;

namespace {

InfluenceMatrix dense(const std::vector<std::vector<double>>& a) {
    const auto n = static_cast<NodeId>(a.size());
    std::vector<EdgeIdx> off{0};
    std::vector<NodeId> cols;
    std::vector<double> vals;
    for (NodeId i = 0; i < n; ++i) {
        for (NodeId j = 0; j < n; ++j)
            if (a[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] > 0) {
                cols.push_back(j);
                vals.push_back(a[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
            }
        off.push_back(static_cast<EdgeIdx>(cols.size()));
    }
    return make_influence_matrix(n, off, cols, vals);
}

RunControl threads(int t) {
    RunControl c;
    c.threads = t;
    return c;
}

}  // namespace

// Two actors, W = [[1-a, a], [b, 1-b]]: consensus (b x1 + a x2) / (a + b),
// social power (b, a) / (a + b).
TEST(Deliberation, TwoActorClosedForm) {
    const double a = 0.3, b = 0.1;
    const auto w = dense({{1 - a, a}, {b, 1 - b}});
    const auto r = degroot(w, {1.0, 0.0}, {});
    ASSERT_TRUE(r.converged);
    EXPECT_NEAR(r.opinions[0], b / (a + b), 1e-8);
    EXPECT_NEAR(r.opinions[1], b / (a + b), 1e-8);
    DegrootOptions tight;
    tight.tol = 1e-14;
    const auto p = left_perron(w, tight);
    EXPECT_NEAR(p.vector[0], b / (a + b), 1e-12);
    EXPECT_NEAR(p.vector[1], a / (a + b), 1e-12);
}

//   1
//   |        star, centre 0, self-weight s: every leaf listens to the centre only;
// 3-0-2      centre listens to leaves. pi_centre = 1/2 when s = 0 for the centre
//            and leaves (the chain is periodic then), so use s = 0.5.
TEST(Deliberation, StarGraphInfluence) {
    EdgeList el;
    el.sources = {0, 0, 0};
    el.targets = {1, 2, 3};
    const auto g = build_graph(4, el, {});
    InfluenceOptions o;
    o.self_weight = {0.5};
    const auto w = influence_matrix(g, o);
    ASSERT_EQ(w.nnz(), 4 + 3 * 2);
    // Centre: 0.5 self, 1/6 to each leaf. Leaf: 0.5 self, 0.5 to the centre.
    // Stationary: pi_c * 1/6 = pi_l * 1/2  =>  pi_c = 3 pi_l, pi_c + 3 pi_l = 1.
    DegrootOptions tight;
    tight.tol = 1e-14;
    const auto p = left_perron(w, tight);
    EXPECT_NEAR(p.vector[0], 0.5, 1e-12);
    for (int i = 1; i < 4; ++i) EXPECT_NEAR(p.vector[static_cast<std::size_t>(i)], 1.0 / 6, 1e-12);
    const auto r = degroot(w, {1, 0, 0, 0}, {});
    EXPECT_NEAR(r.opinions[2], 0.5, 1e-8);
}

TEST(Deliberation, PeriodicTwoCycleDetected) {
    const auto w = dense({{0, 1}, {1, 0}});
    const auto cs = chain_structure(w);
    ASSERT_EQ(cs.num_components, 1);
    EXPECT_EQ(cs.period[0], 2);
    EXPECT_TRUE(cs.closed[0]);
    DegrootOptions o;
    o.max_iter = 50;
    const auto r = degroot(w, {1, 0}, o);
    EXPECT_FALSE(r.converged);
    EXPECT_EQ(r.iterations, 50);
    EXPECT_DOUBLE_EQ(r.spread, 1.0);
}

TEST(Deliberation, TwoClosedClasses) {
    // 0 and 2 are stubborn (closed singletons), 1 listens to both.
    const auto w = dense({{1, 0, 0}, {0.25, 0.5, 0.25}, {0, 0, 1}});
    const auto cs = chain_structure(w);
    int closed = 0;
    for (NodeId c = 0; c < cs.num_components; ++c) {
        const auto ci = static_cast<std::size_t>(c);
        closed += cs.closed[ci];
        if (cs.closed[ci]) EXPECT_EQ(cs.period[ci], 1);
    }
    EXPECT_EQ(closed, 2);
    DegrootOptions o;
    o.stop_on_change = true;
    o.tol = 1e-12;
    const auto r = degroot(w, {0, 0, 1}, o);
    EXPECT_TRUE(r.converged);
    EXPECT_EQ(r.consensus_iteration, -1);
    EXPECT_NEAR(r.opinions[1], 0.5, 1e-10);
}

TEST(Deliberation, PeriodOfThreeCycleWithChord) {
    // 0->1->2->0 plus 0->2: cycles of length 3 and 2, gcd 1.
    const auto w = dense({{0, 0.5, 0.5}, {0, 0, 1}, {1, 0, 0}});
    EXPECT_EQ(chain_structure(w).period[0], 1);
    const auto w3 = dense({{0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
    EXPECT_EQ(chain_structure(w3).period[0], 3);
}

TEST(Deliberation, FriedkinJohnsenTwoActors) {
    // x* = (I - L W)^{-1} (I - L) x0, solved by hand for W = [[0,1],[1,0]],
    // L = diag(0.5, 1): x1 = 0.5 x2 + 0.5 * 1, x2 = x1  =>  x1 = x2 = 1.
    const auto w = dense({{0, 1}, {1, 0}});
    DegrootOptions o;
    o.tol = 1e-13;
    const auto r = friedkin_johnsen(w, {1, 0}, {0.5, 1.0}, o);
    ASSERT_TRUE(r.converged);
    EXPECT_NEAR(r.opinions[0], 1.0, 1e-11);
    EXPECT_NEAR(r.opinions[1], 1.0, 1e-11);
}

TEST(Deliberation, ThreadCountInvariant) {
    // A ring with chords, 100000 actors.
    const NodeId n = 100000;  // above the parallel threshold
    EdgeList el;
    for (NodeId i = 0; i < n; ++i) {
        el.sources.push_back(i);
        el.targets.push_back((i + 1) % n);
        el.sources.push_back(i);
        el.targets.push_back((i * 7 + 3) % n);
        el.weights.push_back(1.0 + i % 3);
        el.weights.push_back(0.5);
    }
    BuildOptions bo;
    bo.directed = true;
    const auto g = build_graph(n, el, bo);
    InfluenceOptions io;
    io.self_weight = {0.2};
    const auto w = influence_matrix(g, io);
    std::vector<double> x0(static_cast<std::size_t>(n));
    for (NodeId i = 0; i < n; ++i) x0[static_cast<std::size_t>(i)] = std::sin(i);
    DegrootOptions o;
    o.max_iter = 30;
    const auto a = degroot(w, x0, o, threads(1));
    const auto b = degroot(w, x0, o, threads(2));
    EXPECT_EQ(a.opinions, b.opinions);
    EXPECT_EQ(left_perron(w, o, threads(1)).vector, left_perron(w, o, threads(2)).vector);
}

TEST(Deliberation, RejectsBadMatrix) {
    EXPECT_THROW(make_influence_matrix(2, {0, 1, 2}, {0, 0}, {0.5, 1.0}), InvalidArgument);
    EXPECT_THROW(make_influence_matrix(2, {0, 1, 2}, {0, 3}, {1.0, 1.0}), InvalidArgument);
    const auto w = dense({{1}});
    EXPECT_THROW(degroot(w, {NAN}, {}), InvalidArgument);
    EXPECT_THROW(degroot(w, {1, 2}, {}), InvalidArgument);
}
