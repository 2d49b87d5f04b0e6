#include <govnet/duties.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace govnet;

namespace {

// Actors 0..3 x duties 0..4 (L = lead, a = assist):
//        d0 d1 d2 d3 d4
//   a0    L  L  .  .  .
//   a1    L  a  L  .  .
//   a2    .  .  a  .  .
//   a3    .  .  .  .  L        (d3 uncovered)
// shared: (0,1) = 2 [both lead on d0 only], (1,2) = 1 [d2, lead + assist]
TwoMode hand() {
    using R = HolderRole;
    return TwoMode(4, 5, {0, 0, 1, 1, 1, 2, 3}, {0, 1, 0, 1, 2, 2, 4},
                   {R::Lead, R::Lead, R::Lead, R::Assist, R::Lead, R::Assist, R::Lead});
}

TwoMode random_incidence(NodeId rows, NodeId cols, double p, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<NodeId> r, c;
    for (NodeId i = 0; i < rows; ++i)
        for (NodeId j = 0; j < cols; ++j)
            if (rng.uniform() < p) {
                r.push_back(i);
                c.push_back(j);
            }
    return TwoMode(rows, cols, r, c, std::vector<HolderRole>(r.size(), HolderRole::Lead));
}

}  // namespace

TEST(SharedPairs, HandExample) {
    SharedPairs p = shared_pairs(hand());
    ASSERT_EQ(p.a.size(), 2u);
    EXPECT_EQ(p.a[0], 0);
    EXPECT_EQ(p.b[0], 1);
    EXPECT_EQ(p.shared[0], 2);
    EXPECT_EQ(p.both_lead[0], 1);
    EXPECT_EQ(p.a[1], 1);
    EXPECT_EQ(p.b[1], 2);
    EXPECT_EQ(p.shared[1], 1);
    EXPECT_EQ(p.both_lead[1], 0);
    EXPECT_EQ(shared_pairs(hand(), 2).a.size(), 1u);
    EXPECT_THROW(shared_pairs(hand(), 0), InvalidArgument);
}

TEST(SharedPairs, MatchesDenseCountAndThreadsAgree) {
    TwoMode t = random_incidence(300, 200, 0.05, 7);
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    SharedPairs p1 = shared_pairs(t, 1, one), p2 = shared_pairs(t, 1, two);
    EXPECT_EQ(p1.a, p2.a);
    EXPECT_EQ(p1.b, p2.b);
    EXPECT_EQ(p1.shared, p2.shared);
    std::vector<int> dense(300 * 300, 0);
    for (NodeId d = 0; d < t.num_cols(); ++d)
        for (NodeId u : t.col(d))
            for (NodeId v : t.col(d))
                if (u < v) ++dense[static_cast<std::size_t>(u) * 300 + static_cast<std::size_t>(v)];
    std::size_t k = 0;
    for (int u = 0; u < 300; ++u)
        for (int v = u + 1; v < 300; ++v)
            if (dense[static_cast<std::size_t>(u) * 300 + static_cast<std::size_t>(v)] > 0) {
                ASSERT_LT(k, p1.a.size());
                EXPECT_EQ(p1.a[k], u);
                EXPECT_EQ(p1.b[k], v);
                EXPECT_EQ(p1.shared[k],
                          dense[static_cast<std::size_t>(u) * 300 + static_cast<std::size_t>(v)]);
                ++k;
            }
    EXPECT_EQ(k, p1.a.size());
}

TEST(SharedPairs, RefusesOutputThatWouldNotFit) {
    // One duty held by 100,000 actors: ~5e9 pairs.
    const NodeId n = 100000;
    std::vector<NodeId> r(static_cast<std::size_t>(n)), c(static_cast<std::size_t>(n), 0);
    std::iota(r.begin(), r.end(), 0);
    TwoMode t(n, 1, r, c, {});
    EXPECT_THROW(shared_pairs(t), TooLarge);
}

TEST(Hypergeometric, ClosedForms) {
    // N = 4, K = 2, n = 2: P(X = 0) = 1/6, P(X = 1) = 4/6, P(X = 2) = 1/6.
    auto p = hypergeom_sf({0, 1, 2, 3}, {2, 2, 2, 2}, {2, 2, 2, 2}, 4);
    EXPECT_DOUBLE_EQ(p[0], 1.0);
    EXPECT_NEAR(p[1], 5.0 / 6.0, 1e-15);
    EXPECT_NEAR(p[2], 1.0 / 6.0, 1e-15);
    EXPECT_EQ(p[3], 0.0);
    // Far tail: P(X >= 10) with N = 1000, K = n = 10 is 1 / C(1000, 10).
    auto q = hypergeom_sf({10}, {10}, {10}, 1000);
    const double log_c = std::lgamma(1001.0) - std::lgamma(11.0) - std::lgamma(991.0);
    EXPECT_NEAR(q[0] / std::exp(-log_c), 1.0, 1e-10);
    EXPECT_THROW(hypergeom_sf({1}, {5}, {2}, 4), InvalidArgument);
}

TEST(Curveball, SamplesKeepMarginsExactly) {
    for (auto [rows, cols] : {std::pair<NodeId, NodeId>{20, 35}, {35, 20}}) {
        TwoMode t = random_incidence(rows, cols, 0.3, 3);
        CurveballOptions opt;
        opt.seed = 42;
        for (int i = 0; i < 10; ++i) {
            std::vector<NodeId> r, c;
            curveball_sample(t, opt, i, r, c);
            std::vector<std::size_t> rs(static_cast<std::size_t>(rows), 0);
            std::vector<std::size_t> cs(static_cast<std::size_t>(cols), 0);
            for (std::size_t k = 0; k < r.size(); ++k) {
                ++rs[static_cast<std::size_t>(r[k])];
                ++cs[static_cast<std::size_t>(c[k])];
                if (k > 0) EXPECT_TRUE(r[k - 1] < r[k] || (r[k - 1] == r[k] && c[k - 1] < c[k]));
            }
            for (NodeId v = 0; v < rows; ++v)
                EXPECT_EQ(rs[static_cast<std::size_t>(v)], t.row(v).size());
            for (NodeId d = 0; d < cols; ++d)
                EXPECT_EQ(cs[static_cast<std::size_t>(d)], t.col(d).size());
        }
    }
}

TEST(DutyNull, ThreadCountDoesNotChangeResults) {
    TwoMode t = random_incidence(60, 90, 0.1, 5);
    DutyNullOptions opt;
    opt.n_samples = 40;
    opt.curveball.seed = 9;
    RunControl one, two;
    one.threads = 1;
    two.threads = 2;
    DutyNullResult a = duty_null_model(t, opt, one), b = duty_null_model(t, opt, two);
    EXPECT_EQ(a.samples, b.samples);
    EXPECT_EQ(a.pair_sum, b.pair_sum);
    EXPECT_EQ(a.pair_sum_sq, b.pair_sum_sq);
    EXPECT_EQ(a.pair_ge, b.pair_ge);
    // The ambiguity index depends on the duties' holder counts only: constant.
    for (std::int64_t i = 0; i < opt.n_samples; ++i)
        EXPECT_EQ(a.samples[static_cast<std::size_t>(kAmbiguity * opt.n_samples + i)],
                  a.observed[kAmbiguity]);
}

TEST(DutyNull, StopsWhenAsked) {
    TwoMode t = random_incidence(60, 90, 0.1, 5);
    DutyNullOptions opt;
    opt.n_samples = 1000;
    RunControl ctl;
    ctl.poll = [](double, double) { return true; };
    EXPECT_THROW(duty_null_model(t, opt, ctl), Cancelled);
}
