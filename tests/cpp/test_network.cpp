#include <govnet/network.hpp>
#include <gtest/gtest.h>

using namespace govnet;

TEST(Network, LayersAndAggregate) {
    Network net;
    net.tier = {Tier::Core, Tier::Support, Tier::Plural, Tier::Plural};
    net.kind = {0, 3, 6, 7};
    net.add_layer("leadership", build_graph(4, EdgeList{{0, 0}, {1, 2}, {}}));
    net.add_layer("deliberation", build_graph(4, EdgeList{{1, 2}, {2, 3}, {}}));
    EXPECT_THROW(net.add_layer("leadership", build_graph(4, {})), InvalidArgument);
    EXPECT_THROW(net.add_layer("x", build_graph(3, {})), InvalidArgument);
    EXPECT_EQ(net.layer_index("deliberation"), 1u);
    EXPECT_THROW(net.layer_index("nope"), InvalidArgument);
    CsrGraph all = net.aggregate({}, AggregateMode::Sum);
    EXPECT_EQ(all.num_edges(), 4);
    EXPECT_DOUBLE_EQ(all.weight(1, 2), 1.0);
    EXPECT_EQ(net.actors_of(Tier::Plural), (std::vector<NodeId>{2, 3}));
    EXPECT_STREQ(tier_name(Tier::Support), "support");
}

TEST(TwoMode, BothDirectionsAndDuplicates) {
    // actors 0,1 ; duties 0,1,2 ; 0 holds 0,2 ; 1 holds 2 (assist)
    TwoMode t(2, 3, {0, 1, 0}, {2, 2, 0}, {HolderRole::Lead, HolderRole::Assist, HolderRole::Lead});
    EXPECT_EQ(t.num_incidences(), 3);
    auto r0 = t.row(0);
    ASSERT_EQ(r0.size(), 2u);
    EXPECT_EQ(r0[0], 0);
    EXPECT_EQ(r0[1], 2);
    auto c2 = t.col(2);
    ASSERT_EQ(c2.size(), 2u);
    EXPECT_EQ(c2[1], 1);
    EXPECT_EQ(t.col_roles(2)[1], HolderRole::Assist);
    EXPECT_EQ(t.col(1).size(), 0u);
    EXPECT_THROW(TwoMode(2, 3, {0, 0}, {1, 1}, {}), InvalidArgument);
    EXPECT_THROW(TwoMode(2, 3, {2}, {1}, {}), InvalidArgument);
}
