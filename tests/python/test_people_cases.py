"""The people and time parts of the Nanshan case data: stated facts, the rules of the
illustrative community, the phases as waves (measures checked against networkx)."""

from __future__ import annotations

import networkx as nx
import pytest

import govnet
from govnet import people


def test_stated_facts():
    f = govnet.datasets.nanshan_people_facts().set_index("fact")
    assert f.loc["committee_members_2013", "value"] == "597"
    assert f.loc["part_time_members_2013", "value"] == "221"
    assert "班子成员597名" in f.loc["committee_members_2013", "quote"]
    assert "兼职委员221名" in f.loc["part_time_members_2013", "quote"]
    assert "否决权" in f.loc["veto_holder", "quote"] and f.loc["veto_holder", "value"] == \
        "party_committee"
    assert (f["evidence"] == "stated").all()


def test_illustrative_community_follows_its_rules():
    net = govnet.datasets.nanshan_people()
    posts, persons = net.posts, net.persons.set_index("id")
    committee = posts[(posts["actor"] == "party_committee")
                      & posts["role"].isin(["secretary", "deputy_secretary", "member"])]
    assert len(committee) == round(597 / 100)  # the rounded district average
    part_time = posts[posts["role"] == "part_time_member"]
    assert len(part_time) == round(221 / 100)
    # the stated rule: part-time members are Party members of owners' committees,
    # property companies or social organisations
    for p in part_time["person"]:
        assert persons.loc[p, "party_member"]
        elsewhere = set(posts[(posts["person"] == p) & (posts["actor"] != "party_committee")]["actor"])
        assert elsewhere and elsewhere <= {"owners_committee", "property_company",
                                           "social_organization"}
    assert (persons["evidence"] == "illustrative").all()
    stated = posts[posts["evidence"] == "stated"]
    assert list(stated["role"]) == ["deputy_secretary"]


def test_core_reach_through_part_time_members():
    net = govnet.datasets.nanshan_people()
    shares = people.organisation_shares(net)
    # brute force: posts in the owners' committee held by core members
    core = set(people.core_members(net))
    oc = net.posts[net.posts["actor"] == "owners_committee"]
    assert shares.loc["owners_committee", "core_share"] == pytest.approx(
        oc["person"].isin(core).mean())
    derived = govnet.with_cross_appointment(net, relation="cross_appointment_posts")
    cmp = people.compare_cross_appointment(derived, "cross_appointment")
    both = cmp[cmp["typed"] & cmp["derived"]]
    assert {"owners_committee", "property_company"} <= set(both["target"])


def test_phases_measured_on_stated_structures():
    w = govnet.datasets.nanshan_phases()
    assert w.labels == ("1990", "2005", "2013")
    assert [len(x) for x in w.networks] == [3, 4, 7]
    long = w.measures(["betweenness"], relation="all")
    for lab, x in zip(w.labels, w.networks):
        dg = nx.DiGraph()
        dg.add_nodes_from(x.actor_ids)
        for r in x.relations:
            t = x.ties(r)
            dg.add_edges_from(zip(t["source"], t["target"]))
        ref = nx.betweenness_centrality(dg)
        got = long[long["wave"] == lab].set_index("actor")["value"]
        assert got.to_dict() == pytest.approx(ref)
    ac = w.actor_change()
    assert set(ac[ac["wave"] == "2005"]["actor"]) == {"work_station"}
