"""The Network model: construction, views, layers, round trips, pickling, encodings."""

import pickle

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import InvalidNetworkError


def small():
    actors = pd.DataFrame({
        "id": ["pc", "rc", "ws", "pm", "so"],
        "name": ["社区综合党委", "居委会", "工作站", "物业", "社会组织"],
        "tier": ["core", "support", "support", "plural", "plural"],
        "kind": ["party_committee", "residents_committee", "work_station", "property_company",
                 "social_organization"],
        "budget": [1.0, 2.0, 3.0, 4.0, 5.0],
    })
    ties = pd.DataFrame({
        "source": ["pc", "pc", "pc", "rc", "rc", "pm"],
        "target": ["rc", "ws", "pm", "pm", "so", "rc"],
        "relation": ["leadership", "leadership", "leadership", "supervision", "deliberation",
                     "deliberation"],
        "weight": [1, 1, 2, 1, 3, 1],
        "evidence": ["stated"] * 6,
    })
    return govnet.Network.from_frames(actors, ties)


def test_basic_views():
    net = small()
    assert len(net) == 5
    assert net.relations == ["leadership", "supervision", "deliberation"]
    assert list(net.actors.index) == ["pc", "rc", "ws", "pm", "so"]
    assert net.actors.loc["pm", "tier"] == "plural"
    assert net.actors.loc["pc", "budget"] == 1.0
    assert net.relation_spec("leadership").directed
    assert not net.relation_spec("deliberation").directed
    assert net.tier_of("support") == ["rc", "ws"]
    assert net.tier_of("多元") == ["pm", "so"]
    t = net.ties("deliberation")
    assert list(t.columns[:4]) == ["source", "target", "relation", "weight"]
    assert t["evidence"].tolist() == ["stated", "stated"]
    assert net.num_ties("leadership") == 3


def test_layers_and_aggregate():
    net = small()
    lead = net.layer("leadership")
    assert lead.directed and lead.num_edges == 3
    assert lead.weight(0, 3) == 2.0 and lead.weight(3, 0) == 0.0
    agg = net.layer(["leadership", "deliberation"])
    # deliberation is undirected: counts both ways in the directed aggregate
    assert agg.directed
    assert agg.weight(1, 4) == 3.0 and agg.weight(4, 1) == 3.0
    assert agg.weight(0, 1) == 1.0 and agg.weight(1, 0) == 0.0
    anyt = net.layer("all", mode="any")
    assert not anyt.weighted
    assert net.layer(["leadership"]) is net.layer("leadership")


def test_duplicate_and_self_loop_policies():
    actors = pd.DataFrame({"id": ["a", "b"], "tier": ["core", "plural"]})
    ties = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "a"], "weight": [1, 2, 5]})
    summed = govnet.Network.from_frames(actors, ties, directed=False, duplicates="sum",
                                        self_loops="drop")
    assert summed.layer("tie").weight(0, 1) == 3.0
    assert summed.num_ties() == 1  # self-loop dropped
    kept = govnet.Network.from_frames(actors, ties, directed=False, duplicates="max",
                                      self_loops="keep")
    assert kept.layer("tie").weight(0, 1) == 2.0
    assert kept.num_ties() == 2
    with pytest.raises(InvalidNetworkError, match="duplicate tie"):
        govnet.Network.from_frames(actors, ties, directed=False, duplicates="raise", self_loops="drop")
    with pytest.raises(InvalidNetworkError, match="row 2.*self-loop"):
        govnet.Network.from_frames(actors, ties, directed=False, self_loops="raise")
    directed = govnet.Network.from_frames(actors, ties, directed=True, self_loops="drop")
    assert directed.num_ties() == 2


def test_frames_round_trip():
    net = small()
    actors, ties, duties = net.to_frames()
    back = govnet.Network.from_frames(actors, ties)
    pd.testing.assert_frame_equal(back.actors, net.actors)
    pd.testing.assert_frame_equal(back.ties(), net.ties())
    assert back.relation_spec("deliberation") == net.relation_spec("deliberation")
    assert duties is None


def test_networkx_round_trip():
    net = small()
    g = net.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes["pc"]["tier"] == "core"
    assert g.nodes["pc"]["name"] == "社区综合党委"
    assert g.edges["pc", "pm", "leadership"]["weight"] == 2.0
    back = govnet.Network.from_networkx(g)
    assert back.relations == net.relations
    for rel in net.relations:
        assert back.relation_spec(rel).directed == net.relation_spec(rel).directed
        a, b = net.layer(rel).edges(), back.layer(rel).edges()
        for x, y in zip(a, b):
            np.testing.assert_array_equal(x, y)
    pd.testing.assert_series_equal(back.actors["kind"], net.actors["kind"])


def test_from_plain_networkx_graph():
    g = nx.karate_club_graph()
    net = govnet.Network.from_networkx(g, default_tier="plural")
    assert len(net) == 34 and net.num_ties() == 78
    assert not net.relation_spec("tie").directed
    with pytest.raises(InvalidNetworkError, match="no 'tier' attribute"):
        govnet.Network.from_networkx(g)


def test_from_arrays_fast_path():
    rng = np.random.default_rng(1)
    src = rng.integers(0, 1000, 5000)
    dst = rng.integers(0, 1000, 5000)
    net = govnet.Network.from_arrays(src, dst, actors=1000, duplicates="sum", self_loops="drop")
    assert len(net) == 1000
    ref = nx.Graph()
    ref.add_nodes_from(range(1000))
    ref.add_edges_from((int(a), int(b)) for a, b in zip(src, dst) if a != b)
    assert net.num_ties() == ref.number_of_edges()
    with pytest.raises(InvalidNetworkError, match=r"targets\[0\] = 5"):
        govnet.Network.from_arrays(np.array([0]), np.array([5]), actors=3)


def test_pickle_round_trip():
    net = govnet.datasets.nanshan()
    data = pickle.dumps(net)
    back = pickle.loads(data)
    assert repr(back) == repr(net)
    pd.testing.assert_frame_equal(back.actors, net.actors)
    pd.testing.assert_frame_equal(back.ties(), net.ties())
    pd.testing.assert_frame_equal(back.meetings, net.meetings)
    g = back.layer("leadership")
    assert pickle.loads(pickle.dumps(g)).num_edges == g.num_edges


def test_pickle_is_compact():
    rng = np.random.default_rng(2)
    n, m = 10_000, 100_000
    net = govnet.Network.from_arrays(rng.integers(0, n, m), rng.integers(0, n, m), actors=n, duplicates="sum", self_loops="drop")
    size = len(pickle.dumps(net))
    # Arrays, not Python objects per tie: ~17 bytes a tie plus the actor table.
    assert size < m * 20 + n * 60


def test_repr_html():
    html = govnet.datasets.nanshan()._repr_html_()
    assert "<table>" in html and "leadership" in html and "社区综合党委" in html


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(tmp_path, encoding):
    actors = "id,name,tier,kind\n党委,社区综合党委,一核,party_committee\n居委会,居民委员会,support,residents_committee\n"
    ties = "source,target,relation\n党委,居委会,leadership\n"
    (tmp_path / "a.csv").write_bytes(actors.encode(encoding))
    (tmp_path / "t.csv").write_bytes(ties.encode(encoding))
    net = govnet.read_tables(tmp_path / "a.csv", tmp_path / "t.csv")
    assert net.actors.loc["党委", "name"] == "社区综合党委"
    assert net.actors.loc["党委", "tier"] == "core"
    assert net.num_ties("leadership") == 1


def test_excel(tmp_path):
    pytest.importorskip("openpyxl")
    net = small()
    actors, ties, _ = net.to_frames()
    actors.to_excel(tmp_path / "a.xlsx", index=False)
    ties.to_excel(tmp_path / "t.xlsx", index=False)
    back = govnet.read_tables(tmp_path / "a.xlsx", tmp_path / "t.xlsx")
    assert back.num_ties("deliberation") == 2


def test_nanshan_dataset():
    net = govnet.datasets.nanshan()
    assert net.tier_of("core") == ["party_committee"]
    assert set(net.tier_of("support")) == {"residents_committee", "work_station", "service_center"}
    assert net.meta["veto"] == "party_committee"
    a = net.actors
    assert set(a["evidence"]) == {"stated", "illustrative"}
    assert set(net.ties()["evidence"]) == {"stated", "illustrative"}
    m = net.meetings
    assert m["meeting"].nunique() == 1  # the source gives one combined list for both meetings
    assert m.groupby("meeting").size().tolist() == [15]
    counts = govnet.datasets.nanshan_duty_counts()
    assert counts["sub_items"].tolist() == [34, 16, 21, 157, 5, 7, 8, 8, 21]
    assert counts["sub_items"].sum() == 277
    assert counts.attrs["major_items"] == 75


def test_vocab_labels():
    assert govnet.vocab.KINDS["work_station"].zh == "社区工作站"
    assert govnet.vocab.RELATIONS["supervision"].zh == "监督"
    assert govnet.vocab.TIERS["core"].zh == "一核"


def test_classic_datasets():
    k = govnet.datasets.karate()
    assert len(k) == 34 and k.num_ties() == 78
    assert nx.is_isomorphic(nx.Graph(k.to_networkx()), nx.karate_club_graph())
    f = govnet.datasets.florentine()
    assert len(f) == 16 and f.num_ties("marriage") == 20 and f.num_ties("business") == 15
    assert "Pucci" in f.actor_ids
    assert len(govnet.datasets.kite()) == 10 and govnet.datasets.kite().num_ties() == 18
    km = govnet.datasets.krackhardt_managers()
    assert len(km) == 21 and km.num_ties("advice") == 190 and km.num_ties("friendship") == 102
    assert km.relation_spec("advice").directed
    d = govnet.datasets.davis()
    assert len(d) == 18 and len(d.meetings) == 89 and d.meetings["meeting"].nunique() == 14
    ref = nx.davis_southern_women_graph()
    assert sorted(d.actor_ids) == sorted(ref.graph["top"])
    r = govnet.datasets.random_dw()
    assert len(r) == 12 and r.num_ties() == 30 and r.layer().weighted


def test_nanshan_duties_reproduce_published_counts():
    net = govnet.datasets.nanshan()
    d = net.duties
    counts = govnet.datasets.nanshan_duty_counts()
    per_actor = d.groupby("actor").size()
    for actor, n in zip(counts["actor"], counts["sub_items"]):
        assert per_actor[actor] == n
    assert len(d) == 277
    assert d["category"].nunique() == 75
    assert d["duty"].nunique() == 251
    assert set(d["evidence"]) == {"illustrative"}


def test_case_study_datasets():
    s = govnet.datasets.shatou()
    assert set(s.tier_of("support")) == {"work_station", "residents_committee", "shareholding_company"}
    assert (s.meta["communities"], s.meta["residents_committees"], s.meta["shareholding_companies"]) == (12, 14, 5)
    assert s.meta["residents"] == 328_000 and s.meta["area_km2"] == 13.59
    m = govnet.datasets.market_inclusive()
    assert m.num_ties("supervision") == 4
    assert "supervision" not in govnet.datasets.market_inclusive(supervision=False).relations
    for f in (govnet.datasets.zhaoshang, govnet.datasets.baibuting, govnet.datasets.village_residence):
        net = f()
        assert len(net.tier_of("core")) == 1
        assert set(net.actors["evidence"]) <= {"stated", "illustrative"}
        assert set(net.ties()["evidence"]) <= {"stated", "illustrative"}
    dist = govnet.datasets.nanshan_district()
    facts = dist["facts"].set_index("quantity")["value"]
    assert facts["sub_districts"] == 8 and facts["communities"] == 100
    assert facts["committee_members_2013"] == 597 and facts["part_time_members_2013"] == 221
    assert dist["communities"]["communities"].tolist() == [76, 24]
    assert dist["timeline"]["year"].min() == 1990 and dist["timeline"]["year"].max() == 2014
