// ERGM core: statistics against hand counts, toggling consistency, and a
// sampler whose results do not depend on the thread count.

#include <govnet/ergm.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace govnet;
using namespace govnet::ergm;

namespace {
TermSpec term(TermKind k, int order = 0, double decay = 0.0) {
    TermSpec t;
    t.kind = static_cast<int>(k);
    t.k = order;
    t.decay = decay;
    return t;
}
}  // namespace

TEST(Ergm, UndirectedCountsOnAKnownGraph) {
    // a triangle 0-1-2 plus a pendant 2-3 and an isolate 4
    std::vector<int> src{0, 1, 0, 2}, dst{1, 2, 2, 3};
    Model m(5, false, 0,
            {term(TermKind::Edges), term(TermKind::Triangle), term(TermKind::KStar, 2),
             term(TermKind::Isolates), term(TermKind::GwEsp, 0, 0.0)});
    auto g = m.statistics(src, dst);
    EXPECT_DOUBLE_EQ(g[0], 4);
    EXPECT_DOUBLE_EQ(g[1], 1);
    EXPECT_DOUBLE_EQ(g[2], 1 + 1 + 3);  // degrees 2, 2, 3, 1
    EXPECT_DOUBLE_EQ(g[3], 1);
    EXPECT_DOUBLE_EQ(g[4], 3);  // decay 0: edges with at least one shared partner
}

TEST(Ergm, ToggleChangesAddUpToStatistics) {
    std::vector<int> src{0, 1, 2, 3, 1, 4}, dst{1, 2, 0, 0, 3, 2};
    Model m(6, true, 0,
            {term(TermKind::Edges), term(TermKind::Mutual), term(TermKind::GwEsp, 0, 0.5),
             term(TermKind::Transitive), term(TermKind::CyclicalTies)});
    auto g = m.statistics(src, dst);
    State s = m.make_state(src, dst);
    std::vector<double> d(m.nstats());
    // removing every tie one by one must reach the empty network's statistics
    for (std::size_t e = 0; e < src.size(); ++e) {
        m.toggle_change(s, src[e], dst[e], d.data());
        for (int t = 0; t < m.nstats(); ++t) g[t] += d[t];
        s.toggle(src[e], dst[e]);
    }
    auto e0 = m.empty_stats();
    for (int t = 0; t < m.nstats(); ++t) EXPECT_NEAR(g[t], e0[t], 1e-12);
}

TEST(Ergm, SamplerIsThreadIndependent) {
    std::vector<int> src{0, 1, 2}, dst{1, 2, 3};
    Model m(8, false, 0, {term(TermKind::Edges), term(TermKind::GwEsp, 0, 0.5)});
    SampleOptions opt;
    opt.burnin = 1000;
    opt.interval = 50;
    opt.samplesize = 40;
    opt.chains = 4;
    opt.seed = 7;
    RunControl one, many;
    one.threads = 1;
    many.threads = 4;
    auto a = sample(m, src, dst, {-1.0, 0.2}, opt, one);
    auto b = sample(m, src, dst, {-1.0, 0.2}, opt, many);
    ASSERT_EQ(a.stats.size(), b.stats.size());
    for (std::size_t k = 0; k < a.stats.size(); ++k) EXPECT_EQ(a.stats[k], b.stats[k]);
    EXPECT_GT(a.acceptance, 0.0);
}

TEST(Ergm, RejectsBadDyads) {
    Model m(4, false, 2, {term(TermKind::Edges)});
    EXPECT_THROW(m.statistics({0}, {1}), InvalidArgument);  // both in mode 1
    EXPECT_NO_THROW(m.statistics({0}, {3}));
}
