"""govnet.synthetic: calibration to the Nanshan facts, tie probabilities, duty counts,
person layers, reproducibility, and compare_by_committee_type against networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import synthetic


@pytest.fixture(scope="module")
def nanshan_like() -> govnet.Collection:
    return synthetic.district(2014)


# -- allocate (largest remainder) --------------------------------------------


def test_allocate_largest_remainder_by_hand():
    assert synthetic.allocate(10, [1, 1, 1]).tolist() == [4, 3, 3]
    # quotas 4.2, 2.8, 3.0 (of 10 in proportion 21:14:15): floors 4,2,3, one left to the 0.8
    assert synthetic.allocate(10, [21, 14, 15]).tolist() == [4, 3, 3]
    # Hamilton's method on a classic example: 100 seats, votes 4300/2500/1600/1600
    assert synthetic.allocate(100, [4300, 2500, 1600, 1600]).tolist() == [43, 25, 16, 16]
    assert synthetic.allocate(7, [1, 0, 1], minimum=[1, 2, 0]).tolist() == [3, 2, 2]
    with pytest.raises(govnet.InvalidNetworkError, match="less than the minimums"):
        synthetic.allocate(2, [1, 1], minimum=2)
    with pytest.raises(govnet.InvalidParameterError, match="weights"):
        synthetic.allocate(2, [0, 0])


@pytest.mark.parametrize("total", [0, 1, 221, 597, 10_007])
def test_allocate_sums_exactly_and_is_within_one_of_quota(total):
    w = np.random.default_rng(total).random(37)
    a = synthetic.allocate(total, w)
    assert a.sum() == total
    assert np.all(np.abs(a - total * w / w.sum()) < 1)


# -- district calibration -------------------------------------------------------


def test_district_reproduces_nanshan_facts_exactly(nanshan_like):
    d = nanshan_like
    facts = govnet.datasets.nanshan_district()
    f = facts["facts"].set_index("quantity")["value"]
    t = d.table
    # counted independently here, from the networks and the table
    core_kinds = pd.Series([n.actors.loc[n.tier_of("core")[0], "kind"] for n in d.values()])
    expected = facts["communities"].set_index("committee_type")["communities"]
    assert len(d) == f["communities"] == 100
    assert t["sub_district"].nunique() == f["sub_districts"] == 8
    assert core_kinds.value_counts().to_dict() == expected.to_dict()
    assert (core_kinds.to_numpy() == t["committee_type"].to_numpy()).all()
    assert t["committee_members"].sum() == f["committee_members_2013"] == 597
    assert sum(n.meta["committee_members"] for n in d.values()) == 597
    part_time = 0.0
    for n in d.values():
        core = n.tier_of("core")[0]
        ties = n.ties("cross_appointment")
        part_time += ties.loc[(ties["source"] == core) | (ties["target"] == core), "weight"].sum()
    assert part_time == f["part_time_members_2013"] == 221
    assert t["population"].sum() == f["managed_population"]
    cal = d.meta["calibration"]
    assert cal["match"].all()
    assert set(cal["quantity"]) >= {"communities", "party_committee", "committee_members",
                                    "part_time_members"}
    pd.testing.assert_frame_equal(synthetic.calibration(d), cal)
    assert "Calibration (targets vs generated)" in d._repr_html_()
    # the most populous communities have the comprehensive committees
    pc = t["committee_type"] == "party_committee"
    assert t.loc[pc, "population"].min() >= t.loc[~pc, "population"].max()
    assert (t.loc[pc, "committee_members"] >= 5).all() and (t["committee_members"] >= 3).all()


def test_district_scales_targets_and_labels_synthetic():
    d = synthetic.district(5, communities=250, duties=False, progress=True)
    cal = d.meta["calibration"].set_index("quantity")
    assert cal.loc["party_committee", "target"] == 190
    assert cal.loc["committee_members", "target"] == round(597 * 2.5)
    assert cal["match"].all()
    assert d.meta["synthetic"] is True and d.meta["name"].startswith("synthetic")
    assert d.table["synthetic"].all()
    assert all(cid.startswith("synthetic") for cid in d)
    assert all(n.meta["synthetic"] and n.meta["name"].startswith("synthetic") for n in d.values())
    # sub-districts scale too: 20 of 12 or 13 communities (250 / 20 = 12.5)
    assert d.table["sub_district"].nunique() == 20
    assert set(d.table["sub_district"].value_counts()) == {12, 13}


def test_community_i_is_the_same_whatever_the_district(nanshan_like):
    row = nanshan_like.table.loc["synthetic_0042"]
    alone = synthetic.community(2014, index=42, committee_type=row["committee_type"],
                                plural=int(row["plural"]),
                                committee_members=int(row["committee_members"]),
                                part_time_members=int(row["part_time_members"]),
                                sub_district=row["sub_district"], name="synthetic_0042")
    pd.testing.assert_frame_equal(alone.ties(), nanshan_like["synthetic_0042"].ties())
    pd.testing.assert_frame_equal(alone.duties, nanshan_like["synthetic_0042"].duties)
    # the stream is SeedSequence(seed).spawn(n)[i], whatever n
    for n in (43, 500):
        child = np.random.SeedSequence(2014).spawn(n)[42]
        a = np.random.default_rng(child).random(5)
        b = np.random.default_rng(np.random.SeedSequence(2014, spawn_key=(42,))).random(5)
        assert (a == b).all()
    again = synthetic.district(2014)
    pd.testing.assert_frame_equal(again.table, nanshan_like.table)
    other = synthetic.district(2015)
    assert not other.table["population"].equals(nanshan_like.table["population"])


# -- one community ---------------------------------------------------------------


def test_community_tiers_kinds_and_valid_network():
    net = synthetic.community(3, support=4, plural=12, external=2,
                              committee_type="party_general_branch")
    counts = net.actors["tier"].value_counts()
    assert counts.to_dict() == {"core": 1, "support": 4, "plural": 12, "external": 2}
    assert net.actors.loc["party_general_branch", "kind"] == "party_general_branch"
    assert "residents_committee_2" in net.actor_ids
    assert net.meta["committee_members"] == 5 and net.meta["synthetic"]
    # built from arrays without validation: from_frames must accept it unchanged
    actors, ties, duties = net.to_frames()
    back = govnet.Network.from_frames(actors, ties, duties, duplicates="max")
    for rel in net.relations:
        assert back.num_ties(rel) == net.num_ties(rel)
        assert back.relation_spec(rel).directed == net.relation_spec(rel).directed
    pd.testing.assert_frame_equal(back.ties().drop(columns="weight"),
                                  net.ties().drop(columns="weight"))


def test_tie_probabilities_per_relation_and_tier_pair():
    p = {("deliberation", "plural", "plural"): 0.3, ("leadership", "core", "plural"): 1.0,
         ("guidance", "plural", "core"): 0.0, ("service", "support", "plural"): 0.5}
    net = synthetic.community(8, plural=300, support=3, tie_probability=p, part_time_members=0,
                              duties=False)
    pairs = 300 * 299 / 2
    k = net.num_ties("deliberation")
    assert abs(k - 0.3 * pairs) < 5 * np.sqrt(pairs * 0.3 * 0.7)
    lead = net.ties("leadership")
    assert len(lead) == 300 and (lead["source"] == "party_committee").all()
    assert "guidance" not in net.relations or net.num_ties("guidance") == 0
    assert net.relation_spec("service").directed
    s = net.ties("service")
    assert set(net.actors.loc[s["source"], "tier"]) == {"support"}
    assert abs(len(s) - 450) < 5 * np.sqrt(900 * 0.25)
    with pytest.raises(govnet.InvalidNetworkError, match="twice"):
        synthetic.community(1, tie_probability={("deliberation", "core", "plural"): 0.1,
                                                ("deliberation", "plural", "core"): 0.2})
    with pytest.raises(govnet.InvalidNetworkError, match="unknown tier 'middle'"):
        synthetic.community(1, tie_probability={("deliberation", "core", "middle"): 0.1})
    with pytest.raises(govnet.InvalidNetworkError, match="not a probability"):
        synthetic.community(1, tie_probability={("deliberation", "core", "plural"): 1.5})


def test_duty_lists_have_nanshan_counts_and_sharing_rate():
    counts = govnet.datasets.nanshan_duty_counts()
    assert counts["sub_items"].tolist() == [34, 16, 21, 157, 5, 7, 8, 8, 21]
    net = synthetic.community(4, plural=9, sharing_rate=0.0)
    d = net.duties
    lead = d[d["role"] == "lead"].groupby("actor").size()
    expected = dict(zip(counts["actor"], counts["sub_items"]))
    assert lead.to_dict() == expected
    assert (d["role"] == "lead").all() and len(d) == 277
    shared = synthetic.community(4, plural=9, sharing_rate=0.25).duties
    n_assist = int((shared["role"] == "assist").sum())
    assert abs(n_assist - 0.25 * 277) < 5 * np.sqrt(277 * 0.25 * 0.75)
    assist = shared[shared["role"] == "assist"]
    owners = shared[shared["role"] == "lead"].set_index("duty")["actor"]
    assert (assist["actor"].to_numpy() != owners.loc[assist["duty"]].to_numpy()).all()
    custom = synthetic.community(4, duty_counts={"work_station": 3, "party_committee": 2,
                                                 "no_such_kind": 5}, sharing_rate=0.0).duties
    assert custom.groupby("actor").size().to_dict() == {"work_station": 3, "party_committee": 2}
    # a general-branch core carries the Party subject's list
    gb = synthetic.community(4, committee_type="party_general_branch", sharing_rate=0.0).duties
    assert (gb["actor"] == "party_general_branch").sum() == 34


# -- person level -------------------------------------------------------------------


def test_persons_layers_stay_within_buildings_and_branches():
    net = synthetic.persons(20_000, seed=5, building_size=100, branch_size=25,
                            building_ties=6.0, branch_ties=3.0, members_share=0.1)
    a = net.actors
    assert len(net) == 20_000 and (a["tier"] == "plural").all()
    members = a["kind"] == "party_member"
    assert abs(members.mean() - 0.1) < 5 * np.sqrt(0.1 * 0.9 / 20_000)
    assert (a.loc[members, "branch"] >= 0).all() and (a.loc[~members, "branch"] == -1).all()
    sizes = a.loc[members].groupby("branch").size()
    assert sizes.max() - sizes.min() <= 1 and abs(sizes.mean() - 25) <= 1
    g = net.layer("same_building")
    s, t, _ = g.edges()
    b = a["building"].to_numpy()
    assert (b[s] == b[t]).all() and (s != t).all()
    mean_deg = 2 * g.num_edges / len(net)
    assert 5.7 < mean_deg < 6.05          # 6 minus the few merged duplicate draws
    s2, t2, _ = net.layer("same_branch").edges()
    br = a["branch"].to_numpy()
    assert (br[s2] == br[t2]).all() and (br[s2] >= 0).all()
    assert a["building"].nunique() == pytest.approx(200, abs=2)
    acq = net.layer("acquaintance")
    assert 0.9 < 2 * acq.num_edges / len(net) < 1.01
    s3, t3, _ = acq.edges()
    assert (b[s3] != b[t3]).mean() > 0.95          # acquaintances mostly cross buildings
    # with them the buildings form one giant component (scipy reference)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pairs = [net.layer(rel).edges()[:2] for rel in net.relations]
    rows = np.concatenate([p[0] for p in pairs])
    cols = np.concatenate([p[1] for p in pairs])
    adj = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(len(net), len(net)))
    _, labels = connected_components(adj, directed=False)
    assert np.bincount(labels).max() > 0.95 * len(net)


def test_persons_reproducible_and_community_with_residents():
    a = synthetic.persons(5000, seed=3)
    b = synthetic.persons(5000, seed=3)
    pd.testing.assert_frame_equal(a.ties(), b.ties())
    assert not synthetic.persons(5000, seed=4).ties().equals(a.ties())
    net = synthetic.community(6, residents=3000)
    members = net.actors.index[net.actors["kind"] == "party_member"]
    m = net.ties("party_member_of")
    to_core = m[m["target"] == "party_committee"]
    assert set(members) <= set(to_core["source"])
    assert {"same_building", "same_branch", "acquaintance"} <= set(net.relations)
    assert net.relation_spec("party_member_of").directed
    with pytest.raises(govnet.InvalidParameterError, match="members_share"):
        synthetic.persons(10, members_share=2.0)


# -- comparison by committee type against networkx ---------------------------------------


def test_compare_by_committee_type_matches_networkx():
    d = synthetic.district(17, communities=16, duties=False)
    out = synthetic.compare_by_committee_type(d, threads=2)
    rows = []
    for cid, net in d.items():
        g = nx.DiGraph()
        g.add_nodes_from(net.actor_ids)
        for rel in net.relations:
            t = net.ties(rel)
            g.add_edges_from(zip(t["source"], t["target"]))
            if not net.relation_spec(rel).directed:
                g.add_edges_from(zip(t["target"], t["source"]))
        core = net.tier_of("core")[0]
        u = nx.Graph(g)
        deg = pd.Series(dict(u.degree()))
        n = len(u)
        rows.append({"committee_type": d.table.loc[cid, "committee_type"],
                     "core_degree": nx.degree_centrality(g)[core],
                     "core_betweenness": nx.betweenness_centrality(g)[core],
                     "degree_centralization": (deg.max() - deg).sum() / ((n - 1) * (n - 2)),
                     "density": nx.density(u), "actors": n})
    ref = pd.DataFrame(rows).groupby("committee_type").mean()
    assert list(out.index) == ["party_committee", "party_general_branch"]
    assert out["communities"].tolist() == [12, 4]
    for col in ref.columns:
        np.testing.assert_allclose(out[col].to_numpy(), ref[col].to_numpy(), rtol=1e-12,
                                   err_msg=col)
    np.testing.assert_allclose(out["part_time_members"],
                               d.table.groupby("committee_type")["part_time_members"].mean())
    assert out.attrs["synthetic"] is True and out["synthetic"].all()


def test_district_with_person_level():
    d = synthetic.district(3, communities=4, residents=10_000, duties=False)
    t = d.table
    assert t["residents"].sum() == 10_000
    for cid, net in d.items():
        persons = net.actors["kind"].isin(["resident", "party_member"]).sum()
        assert persons == t.loc[cid, "residents"]
    out = synthetic.compare_by_committee_type(d)   # the person level is left out
    bare = synthetic.district(3, communities=4, duties=False)
    pd.testing.assert_frame_equal(out, synthetic.compare_by_committee_type(bare))


def test_district_tie_probability_by_committee_type():
    weak = {**synthetic.DEFAULT_TIE_PROBABILITY, ("leadership", "core", "plural"): 0.0,
            ("deliberation", "core", "plural"): 0.0}
    d = synthetic.district(21, communities=20, duties=False,
                           tie_probability={"party_general_branch": weak})
    for net in d.values():
        lead = net.ties("leadership")
        to_plural = net.actors.loc[lead["target"], "tier"].eq("plural").sum()
        if net.meta["committee_type"] == "party_general_branch":
            assert to_plural == 0
        else:
            assert to_plural > 0
    out = synthetic.compare_by_committee_type(d)
    assert out.loc["party_general_branch", "core_degree"] < out.loc["party_committee", "core_degree"]
