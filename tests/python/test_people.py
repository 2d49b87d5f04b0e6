"""Persons and posts: validation (errors naming the row), roles, storage round trips,
two-mode export, derived layers against numpy on the incidence matrix."""

from __future__ import annotations

import pickle

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import people
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.people import ROLES, normalize_role, role_label

ACTORS = pd.DataFrame({
    "id": ["pc", "rc", "ws", "oc1", "oc2", "pm"],
    "tier": ["core", "support", "support", "plural", "plural", "plural"],
    "kind": ["party_committee", "residents_committee", "work_station", "owners_committee",
             "owners_committee", "property_company"]})
TIES = pd.DataFrame({"source": ["pc", "pc", "pc"], "target": ["rc", "ws", "oc1"],
                     "relation": "leadership"})
PERSONS = pd.DataFrame({"id": ["a", "b", "c", "d", "e"], "name": ["张", "李", "王", "赵", ""],
                        "party_member": ["是", "否", "1", "", "党员"], "gender": list("fmfmf")})
POSTS = pd.DataFrame({
    "person": ["a", "a", "b", "b", "c", "c", "d", "e", "e"],
    "actor": ["pc", "rc", "pc", "oc1", "pc", "oc2", "pm", "ws", "oc1"],
    "role": ["书记", "主任", "兼职委员", "委员", "part-time member", "member", "经理", "站长",
             "主任"],
    "start": ["2013-01-01", "2013-01-01", "", "", "2013-01-01", "", "2010-01-01", "", ""],
    "end": ["", "", "", "2014-06-30", "", "", "", "", ""]})


def make(**kw):
    return govnet.Network.from_frames(ACTORS, TIES, persons=kw.get("persons", PERSONS),
                                      posts=kw.get("posts", POSTS))


def test_tables_validated():
    net = make()
    persons, posts = net.persons, net.posts
    assert list(persons["party_member"]) == [True, False, True, pd.NA, True]
    assert isinstance(persons["party_member"].dtype, pd.BooleanDtype)
    assert list(persons["name"])[-1] == "e"  # blank name -> the id
    assert list(persons["gender"]) == list("fmfmf")
    assert list(posts["role"]) == ["secretary", "director", "part_time_member", "member",
                                   "part_time_member", "member", "manager", "station_head",
                                   "director"]
    assert posts["start"].iloc[0] == pd.Timestamp("2013-01-01") and pd.isna(posts["end"].iloc[0])
    assert "4 persons" not in repr(net) and "5 persons, 9 posts" in repr(net)
    assert "Persons: 5" in net._repr_html_()


def test_roles_vocabulary():
    assert normalize_role("书记") == "secretary"
    assert normalize_role("Part-time member") == "part_time_member"
    assert normalize_role(" 楼长 ") == "楼长"  # a user role, kept
    assert normalize_role(None) == "member" and normalize_role("") == "member"
    assert role_label("part_time_member") == "兼职委员"
    assert role_label("secretary", "en") == "secretary"
    assert role_label("楼长") == "楼长"
    for key, info in ROLES.items():
        assert normalize_role(info.zh) == key and normalize_role(info.en) == key


@pytest.mark.parametrize("change, match", [
    (lambda p, q: (p, q.assign(person=["a", "a", "b", "b", "c", "c", "d", "e", "zz"])),
     r"posts row 8: person 'zz' is not a person"),
    (lambda p, q: (p, q.assign(actor=["pc", "rc", "pc", "oc1", "pc", "oc2", "pm", "ws", "x"])),
     r"posts row 8: actor 'x' is not an actor"),
    (lambda p, q: (p.assign(id=["a", "b", "c", "a", "e"]), q),
     r"persons row 3: duplicate person id 'a' \(first at row 0\)"),
    (lambda p, q: (p.assign(party_member=["是", "否", "maybe", "", ""]), q),
     r"persons row 2: party_member 'maybe'"),
    (lambda p, q: (p, q.assign(start=["2013-01-01", "soon", "", "", "", "", "", "", ""])),
     r"posts row 1: start 'soon' is not a date"),
    (lambda p, q: (p, q.assign(end=["2012-01-01", "", "", "", "", "", "", "", ""])),
     r"posts row 0: end 2012-01-01 is before start 2013-01-01"),
    (lambda p, q: (p, pd.concat([q, q.iloc[[3]]], ignore_index=True)),
     r"posts row 9: repeats row 3"),
    (lambda p, q: (p, q.drop(columns="actor")), r"missing column\(s\) 'actor'"),
], ids=["unknown person", "unknown actor", "duplicate person id", "bad party_member",
        "bad date", "end before start", "repeated post", "no actor column"])
def test_bad_rows_named(change, match):
    p, q = change(PERSONS.copy(), POSTS.copy())
    with pytest.raises(InvalidNetworkError, match=match):
        make(persons=p, posts=q)


def test_posts_without_persons_and_with_people():
    net = govnet.Network.from_frames(ACTORS, TIES, posts=POSTS)
    assert list(net.persons["id"]) == ["a", "b", "c", "d", "e"]
    assert net.persons["party_member"].isna().all()
    bare = govnet.Network.from_frames(ACTORS, TIES)
    assert bare.persons is None
    net2 = bare.with_people(PERSONS, POSTS)
    assert net2.posts.equals(make().posts) and bare.posts is None


def test_save_load_pickle_round_trip(tmp_path):
    net = make()
    path = tmp_path / "n.govnet"
    govnet.save(net, path)
    back = govnet.load(path)
    pd.testing.assert_frame_equal(back.persons, net.persons)
    pd.testing.assert_frame_equal(back.posts, net.posts)
    p = pickle.loads(pickle.dumps(net))
    pd.testing.assert_frame_equal(p.posts, net.posts)


def _same_people(a, b):
    pa, pb = a.persons, b.persons
    assert list(pa["id"]) == list(pb["id"]) and list(pa["name"]) == list(pb["name"])
    assert pa["party_member"].astype(object).fillna("NA").tolist() == \
        pb["party_member"].astype(object).fillna("NA").tolist()
    qa, qb = a.posts, b.posts
    for c in ("person", "actor", "role"):
        assert list(qa[c]) == list(qb[c])
    for c in ("start", "end"):
        assert qa[c].astype(str).tolist() == qb[c].astype(str).tolist()


def test_csv_round_trip(tmp_path):
    net = make()
    govnet.write_csv(net, tmp_path / "n.csv")
    assert (tmp_path / "n.persons.csv").exists() and (tmp_path / "n.posts.csv").exists()
    _same_people(govnet.read_csv(tmp_path / "n.csv"), net)
    back = govnet.read_tables(tmp_path / "n.actors.csv", tmp_path / "n.csv",
                              persons=tmp_path / "n.persons.csv", posts=tmp_path / "n.posts.csv")
    _same_people(back, net)


def test_excel_round_trip(tmp_path):
    net = make()
    govnet.write_excel(net, tmp_path / "n.xlsx")
    _same_people(govnet.read_excel(tmp_path / "n.xlsx"), net)


def test_csv_error_names_file_line(tmp_path):
    bad = POSTS.copy()
    bad.loc[2, "actor"] = "nowhere"
    bad.to_csv(tmp_path / "posts.csv", index=False)
    ACTORS.to_csv(tmp_path / "actors.csv", index=False)
    with pytest.raises(InvalidNetworkError, match=r"posts row 2 .*posts.csv line 4.*'nowhere'"):
        govnet.read_tables(tmp_path / "actors.csv", posts=tmp_path / "posts.csv")


def incidence_matrix(net, roles=None, at=None):
    """B from the posts table by plain Python (the reference)."""
    persons, posts = list(net.persons["id"]), net.posts
    actors = list(net.actor_ids)
    b = np.zeros((len(persons), len(actors)))
    for r in posts.itertuples():
        if roles is not None and r.role not in roles:
            continue
        if at is not None:
            day = pd.Timestamp(at)
            if (not pd.isna(r.start) and r.start > day) or (not pd.isna(r.end) and r.end < day):
                continue
        b[persons.index(r.person), actors.index(r.actor)] = 1
    return b


@pytest.mark.parametrize("roles, at", [(None, None), (["secretary", "兼职委员", "director"], None),
                                       (None, "2015-01-01"), (None, "2012-01-01")])
def test_cross_appointment_is_btb(roles, at):
    net = make()
    b = incidence_matrix(net, None if roles is None else [normalize_role(r) for r in roles], at)
    c = b.T @ b
    got = people.cross_appointment(net, roles=roles, at=at)
    ids = list(net.actor_ids)
    want = {(ids[i], ids[j]): c[i, j] for i in range(len(ids)) for j in range(i + 1, len(ids))
            if c[i, j] > 0}
    assert dict(zip(zip(got["source"], got["target"]), got["weight"])) == want
    persons = list(net.persons["id"])
    for s, t, ps in zip(got["source"], got["target"], got["persons"]):
        i, j = ids.index(s), ids.index(t)
        assert list(ps) == [persons[k] for k in range(len(persons)) if b[k, i] and b[k, j]]


def test_with_cross_appointment_layer_used_by_measures():
    net = people.with_cross_appointment(make())
    assert net.relation_spec("cross_appointment").directed is False
    t = net.ties("交叉任职")
    assert set(zip(t["source"], t["target"], t["persons"])) == {
        ("pc", "rc", "a"), ("pc", "oc1", "b"), ("pc", "oc2", "c"), ("ws", "oc1", "e")}
    deg = govnet.degree_centrality(net, relation="cross_appointment")
    g = nx.Graph(list(zip(t["source"], t["target"])))
    g.add_nodes_from(net.actor_ids)
    assert deg.to_dict() == pytest.approx(nx.degree_centrality(g))
    # weighted: the number of shared persons
    assert govnet.strength(net, relation="cross_appointment", weight="weight")["pc"] == 3


def test_hand_typed_layer_never_merged():
    typed = pd.concat([TIES, pd.DataFrame({"source": ["pc", "rc"], "target": ["rc", "pm"],
                                           "relation": "交叉任职"})], ignore_index=True)
    net = govnet.Network.from_frames(ACTORS, typed, persons=PERSONS, posts=POSTS)
    with pytest.raises(InvalidNetworkError, match="not merged"):
        people.with_cross_appointment(net)
    both = people.with_cross_appointment(net, relation="cross_appointment_posts")
    assert both.num_ties("交叉任职") == 2 and both.num_ties("cross_appointment_posts") == 4
    cmp = people.compare_cross_appointment(net, "交叉任职")
    rows = {(s, t): (a, b) for s, t, a, b in zip(cmp["source"], cmp["target"], cmp["typed"],
                                                  cmp["derived"])}
    assert rows == {("pc", "rc"): (True, True), ("rc", "pm"): (True, False),
                    ("pc", "oc1"): (False, True), ("pc", "oc2"): (False, True),
                    ("ws", "oc1"): (False, True)}


def test_empty_derived_layer_refused():
    with pytest.raises(InvalidNetworkError, match="would be empty"):
        people.with_cross_appointment(make(), roles=["manager"])


def test_co_membership_is_bbt():
    net = make()
    cm = people.co_membership(net)
    b = incidence_matrix(net)
    c = b @ b.T
    ids = list(net.persons["id"])
    t = cm.ties()
    want = {(ids[i], ids[j]): c[i, j] for i in range(len(ids)) for j in range(i + 1, len(ids))
            if c[i, j] > 0}
    assert dict(zip(zip(t["source"], t["target"]), t["weight"])) == want
    assert cm.actors["tier"].astype(str).to_dict() == {
        "a": "core", "b": "core", "c": "core", "d": "plural", "e": "support"}
    assert govnet.degree_centrality(cm, relation="co_membership")["a"] == pytest.approx(2 / 4)


def test_no_posts_table_is_an_error():
    with pytest.raises(InvalidNetworkError, match="no posts table"):
        people.cross_appointment(govnet.Network.from_frames(ACTORS, TIES))
    with pytest.raises(InvalidParameterError, match="at must be a date"):
        people.cross_appointment(make(), at="someday")


def test_two_mode_exports(tmp_path):
    net = make()
    govnet.write_pajek_posts(net, tmp_path / "p.net")
    back = govnet.read_pajek(tmp_path / "p.net")
    b = incidence_matrix(net)
    assert list(back.actor_ids) == list(net.persons["id"])
    m = back.meetings
    got = {(a, o) for a, o in zip(m["actor"], m["meeting"])}
    ids, orgs = list(net.persons["id"]), list(net.actor_ids)
    assert got == {(ids[i], orgs[j]) for i, j in zip(*np.nonzero(b))}
    for fmt in ("fullmatrix", "edgelist1"):
        govnet.write_dl_posts(net, tmp_path / f"p_{fmt}.dl", format=fmt)
        d = govnet.read_dl(tmp_path / f"p_{fmt}.dl")
        mm = d.meetings
        assert {(a, o) for a, o in zip(mm["actor"], mm["meeting"])} == got


def test_synthetic_posts_network_is_valid_and_follows_its_rules():
    from govnet.collection import synthetic

    net = synthetic.posts_network(3000, 200, seed=5, part_time=2, committee=4)
    assert net.meta["synthetic"] is True
    actors, ties, _ = net.to_frames()
    again = govnet.Network.from_frames(actors, ties, persons=net.persons, posts=net.posts)
    pd.testing.assert_frame_equal(again.posts, net.posts)
    pd.testing.assert_frame_equal(again.persons, net.persons)
    posts, tiers = net.posts, net.actors["tier"].astype(str)
    core = posts[posts["actor"].map(tiers) == "core"]
    party = dict(zip(net.persons["id"], net.persons["party_member"]))
    assert all(party[p] for p in core["person"])  # committees are Party members
    pt = core[core["role"] == "part_time_member"]
    community = net.actors["community"]
    for p, a in zip(pt["person"], pt["actor"]):
        mine = posts[(posts["person"] == p) & (posts["actor"].map(tiers) == "plural")]["actor"]
        assert (community[mine] == community[a]).any()
    assert (core.groupby("actor")["role"].apply(lambda r: (r == "secretary").sum()) == 1).all()
    # the same seed, the same network
    again = synthetic.posts_network(3000, 200, seed=5, part_time=2, committee=4)
    pd.testing.assert_frame_equal(again.posts, net.posts)
