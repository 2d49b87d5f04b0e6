"""Two-level measures against brute force over the posts table, two-mode centralities
against networkx.algorithms.bipartite and hand-derived closed forms, and property tests
of the derivations on random posts tables (hypothesis)."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnet
from govnet import people
from govnet.errors import InvalidParameterError
from govnet.model.vocab import TIERS

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROLE_POOL = ["secretary", "member", "part_time_member", "director", "manager", "楼长"]
TIER_POOL = ["core", "support", "plural", "plural", "external"]


@st.composite
def posts_networks(draw, min_posts=1):
    n_act = draw(st.integers(2, 7))
    n_per = draw(st.integers(1, 9))
    tiers = draw(st.lists(st.sampled_from(TIER_POOL), min_size=n_act, max_size=n_act))
    tiers[0] = "core"
    actors = pd.DataFrame({"id": [f"o{i}" for i in range(n_act)], "tier": tiers,
                           "kind": ["party_committee"] + ["residents_committee"] * (n_act - 1)})
    party = draw(st.lists(st.sampled_from(["1", "0", ""]), min_size=n_per, max_size=n_per))
    persons = pd.DataFrame({"id": [f"p{i}" for i in range(n_per)], "party_member": party})
    rows = draw(st.lists(st.tuples(st.integers(0, n_per - 1), st.integers(0, n_act - 1),
                                   st.sampled_from(ROLE_POOL)),
                         min_size=min_posts, max_size=25, unique=True))
    posts = pd.DataFrame({"person": [f"p{p}" for p, _, _ in rows],
                          "actor": [f"o{a}" for _, a, _ in rows],
                          "role": [r for _, _, r in rows]})
    return govnet.Network.from_frames(actors, None, persons=persons, posts=posts)


def bipartite_nx(net):
    g = nx.Graph()
    persons = [("P", p) for p in net.persons["id"]]
    orgs = [("A", a) for a in net.actor_ids]
    g.add_nodes_from(persons)
    g.add_nodes_from(orgs)
    g.add_edges_from((("P", p), ("A", a)) for p, a in zip(net.posts["person"], net.posts["actor"]))
    return g, persons, orgs


# -- two-level measures ------------------------------------------------------------


@SETTINGS
@given(posts_networks())
def test_organisation_shares_brute_force(net):
    got = people.organisation_shares(net)
    posts = net.posts
    party = dict(zip(net.persons["id"], net.persons["party_member"].astype(object)))
    tiers = net.actors["tier"].astype(str)
    committee = {"secretary", "deputy_secretary", "member", "part_time_member"}
    core_members = {p for p, a, r in zip(posts["person"], posts["actor"], posts["role"])
                    if tiers[a] == "core" and r in committee}
    assert sorted(people.core_members(net)) == sorted(core_members)
    for a in net.actor_ids:
        mine = posts[posts["actor"] == a]
        holders = list(mine["person"])
        known = [p for p in holders if party[p] is not pd.NA]
        yes = [p for p in known if party[p]]
        row = got.loc[a]
        assert row["posts"] == len(holders) and row["persons"] == len(set(holders))
        assert row["party_posts"] == len(yes) and row["unknown_party"] == len(holders) - len(known)
        if known:
            assert row["party_share"] == pytest.approx(len(yes) / len(known))
        else:
            assert np.isnan(row["party_share"])
        core = [p for p in holders if p in core_members]
        assert row["core_posts"] == len(core)
        if holders:
            assert row["core_share"] == pytest.approx(len(core) / len(holders))


@SETTINGS
@given(posts_networks())
def test_person_profile_brute_force(net):
    got = people.person_profile(net)
    posts = net.posts
    tiers = net.actors["tier"].astype(str)
    for p in net.persons["id"]:
        orgs = sorted(set(posts.loc[posts["person"] == p, "actor"]))
        row = got.loc[p]
        assert row["organisations"] == len(orgs)
        for t in TIERS:
            assert row[t] == sum(tiers[o] == t for o in orgs)
        pairs = sum(tiers[x] != tiers[y] for x, y in itertools.combinations(orgs, 2))
        assert row["brokerage"] == pairs
        assert row["tiers"] == len({tiers[o] for o in orgs})
        assert row["bridges_core_plural"] == ({"core", "plural"} <= {tiers[o] for o in orgs})


@SETTINGS
@given(posts_networks())
def test_cross_appointment_and_co_membership_numpy(net):
    persons, actors = list(net.persons["id"]), list(net.actor_ids)
    b = np.zeros((len(persons), len(actors)), dtype=int)
    for p, a in zip(net.posts["person"], net.posts["actor"]):
        b[persons.index(p), actors.index(a)] = 1
    ca = people.cross_appointment(net)
    c = b.T @ b
    want = {(actors[i], actors[j]): c[i, j] for i, j in zip(*np.triu_indices(len(actors), 1))
            if c[i, j]}
    assert dict(zip(zip(ca["source"], ca["target"]), ca["weight"])) == want
    assert all(len(ps) == w for ps, w in zip(ca["persons"], ca["weight"]))
    cm = people.co_membership(net)
    d = b @ b.T
    t = cm.ties()
    want = {(persons[i], persons[j]): d[i, j] for i, j in zip(*np.triu_indices(len(persons), 1))
            if d[i, j]}
    assert dict(zip(zip(t["source"], t["target"]), t["weight"])) == want


def test_brokerage_closed_form_example():
    actors = pd.DataFrame({"id": ["pc", "oc1", "oc2", "rc"],
                           "tier": ["core", "plural", "plural", "support"]})
    posts = pd.DataFrame({"person": ["x", "x", "x", "x"], "actor": ["pc", "oc1", "oc2", "rc"],
                          "role": ["兼职委员", "委员", "委员", "委员"]})
    prof = people.person_profile(govnet.Network.from_frames(actors, posts=posts))
    # four organisations, tiers core 1, plural 2, support 1: (16 - 1 - 4 - 1) / 2 = 5
    assert prof.loc["x", "brokerage"] == 5 and prof.loc["x", "core_member"]


# -- concurrent posts --------------------------------------------------------------


def concurrent_net(posts):
    actors = pd.DataFrame({"id": ["pc", "rc", "ws", "co"], "tier": ["core", "support", "support",
                                                                    "plural"],
                           "kind": ["party_committee", "residents_committee", "work_station",
                                    "shareholding_company"]})
    return govnet.Network.from_frames(actors, posts=pd.DataFrame(posts))


def test_concurrent_posts_default_rules_and_dates():
    net = concurrent_net({
        "person": ["a", "a", "b", "b", "c", "c", "d"],
        "actor": ["pc", "rc", "pc", "rc", "pc", "co", "rc"],
        "role": ["书记", "主任", "书记", "主任", "书记", "董事长", "主任"],
        "start": ["2010-01-01", "2012-01-01", "2005-01-01", "2012-01-01", "", "", ""],
        "end": ["", "", "2010-12-31", "", "", "", ""]})
    got = people.concurrent_posts(net)
    assert set(zip(got["person"], got["rule"])) == {("a", "secretary_and_director"),
                                                   ("c", "secretary_and_company_chair")}
    row = got[got["person"] == "a"].iloc[0]
    assert row["actors"] == ("pc", "rc") and row["start"] == pd.Timestamp("2012-01-01")
    assert "一肩挑" in row["label_zh"]
    assert list(people.concurrent_posts(net, at="2011-06-01")["person"]) == ["c"]
    # b's posts never overlap: not concurrent
    assert "b" not in set(got["person"])


def test_concurrent_posts_user_rule():
    net = concurrent_net({"person": ["a", "a", "b"], "actor": ["pc", "ws", "ws"],
                          "role": ["委员", "站长", "站长"]})
    rule = people.ConcurrentRule("member_and_station", (({"tier": "core"}, "member"),
                                                        ({"id": ["ws"]}, ["站长"])))
    got = people.concurrent_posts(net, rules=[rule])
    assert list(got["person"]) == ["a"] and got["roles"].iloc[0] == ("member", "station_head")
    with pytest.raises(InvalidParameterError, match="at least two clauses"):
        people.ConcurrentRule("x", (({"tier": "core"}, "member"),))
    with pytest.raises(InvalidParameterError, match="no actor column"):
        people.concurrent_posts(net, rules=[people.ConcurrentRule(
            "y", (({"nope": "x"}, "member"), ({"tier": "core"}, "member")))])


# -- two-mode centralities -----------------------------------------------------------


def check_against_networkx(net):
    res = people.two_mode_centrality(net)
    g, persons, orgs = bipartite_nx(net)
    deg = nx.bipartite.degree_centrality(g, persons)
    clo = nx.bipartite.closeness_centrality(g, persons)
    try:
        bet = nx.bipartite.betweenness_centrality(g, persons)
    except ZeroDivisionError:  # a two-mode maximum of 0: govnet reports 0 for that set
        raw = nx.betweenness_centrality(g, normalized=False)
        bet = {}
        for mine, other in ((persons, orgs), (orgs, persons)):
            n, m = len(mine), len(other)
            s, t = divmod(n - 1, m)
            top = ((m ** 2) * ((s + 1) ** 2) + m * (s + 1) * (2 * t - s - 1)
                   - t * (2 * s - t + 3)) / 2.0  # networkx's bet_max_top, transcribed
            if top == 0:
                assert all(raw[v] == 0 for v in mine)
            bet.update({v: raw[v] / top if top else 0.0 for v in mine})
    for frame, nodes in ((res.persons, persons), (res.organisations, orgs)):
        for (_, key), node in zip(nodes, nodes):
            assert frame.loc[key, "degree"] == pytest.approx(deg[node], abs=1e-12)
            assert frame.loc[key, "closeness"] == pytest.approx(clo[node], abs=1e-12)
            assert frame.loc[key, "betweenness"] == pytest.approx(bet[node], abs=1e-12)
    return res, g, persons, orgs


@SETTINGS
@given(posts_networks())
def test_two_mode_centrality_networkx(net):
    res, g, persons, orgs = check_against_networkx(net)
    if nx.is_connected(g):
        ev = nx.eigenvector_centrality_numpy(g)
        got = np.r_[res.persons["eigenvector"], res.organisations["eigenvector"]]
        np.testing.assert_allclose(got, [ev[v] for v in persons + orgs], atol=1e-9)


def test_two_mode_closed_forms_star():
    # One person in all m organisations, n - 1 other persons in organisation o0 only.
    m, n = 4, 3
    actors = pd.DataFrame({"id": [f"o{j}" for j in range(m)], "tier": "plural"})
    posts = pd.DataFrame({"person": ["x"] * m + ["y", "z"], "actor": [f"o{j}" for j in range(m)]
                          + ["o0", "o0"]})
    res = people.two_mode_centrality(govnet.Network.from_frames(actors, posts=posts))
    p, o = res.persons, res.organisations
    assert p.loc["x", "degree"] == 1.0 and p.loc["y", "degree"] == 1 / m
    assert o.loc["o0", "degree"] == 1.0 and o.loc["o1", "degree"] == 1 / n
    # x reaches 4 orgs at 1 and 2 persons at 2: S = 8; (m + 2(n-1)) / S = 8 / 8
    assert p.loc["x", "closeness"] == pytest.approx(1.0)
    # x lies on every path between o1..o3 and the rest: raw betweenness of x
    raw_x = 3 * 3 + 3  # o_k (k>=1) to {o0, y, z} and the 3 pairs among o1..o3
    s, t = divmod(n - 1, m)
    top_max = ((m * (s + 1)) ** 2 + m * (s + 1) * (2 * t - s - 1) - t * (2 * s - t + 3)) / 2
    assert p.loc["x", "betweenness"] == pytest.approx(raw_x / top_max)
    # eigenvector: Bonacich duality, persons' scores ∝ B o, organisations' ∝ Bᵀ x
    b = np.array([[1, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=float)
    lam2, vec = np.linalg.eigh(b.T @ b)
    ov = np.abs(vec[:, -1])
    pv = b @ ov / np.sqrt(lam2[-1])
    full = np.r_[pv, ov] / np.linalg.norm(np.r_[pv, ov])
    np.testing.assert_allclose(np.r_[p["eigenvector"], o["eigenvector"]], full, atol=1e-12)


def test_two_mode_large_sparse_eigen_path():
    rng = np.random.default_rng(3)
    n_per, n_org = 500, 60
    actors = pd.DataFrame({"id": [f"o{j}" for j in range(n_org)], "tier": "plural"})
    pairs = {(f"p{i}", f"o{j}") for i in range(n_per) for j in rng.choice(n_org, 2, replace=False)}
    pairs |= {(f"p{i}", "o0") for i in range(n_per)}  # connected
    posts = pd.DataFrame(sorted(pairs), columns=["person", "actor"])
    net = govnet.Network.from_frames(actors, posts=posts)
    res = people.two_mode_centrality(net, threads=2)
    g, persons, orgs = bipartite_nx(net)
    ev = nx.eigenvector_centrality_numpy(g)
    got = np.r_[res.persons["eigenvector"], res.organisations["eigenvector"]]
    np.testing.assert_allclose(got, [ev[v] for v in persons + orgs], atol=1e-8)
    assert "TwoModeCentrality(500 persons" in repr(res) and "<table>" in res._repr_html_()


@SETTINGS
@given(posts_networks(min_posts=2), st.sampled_from([None, ["member", "secretary"]]))
def test_derived_layer_strength_is_btb_row_sum(net, roles):
    persons, actors = list(net.persons["id"]), list(net.actor_ids)
    b = np.zeros((len(persons), len(actors)))
    for p, a, r in zip(net.posts["person"], net.posts["actor"], net.posts["role"]):
        if roles is None or r in roles:
            b[persons.index(p), actors.index(a)] = 1
    c = b.T @ b
    np.fill_diagonal(c, 0)
    if not c.any():
        with pytest.raises(govnet.InvalidNetworkError, match="would be empty"):
            people.with_cross_appointment(net, roles=roles)
        return
    lay = people.with_cross_appointment(net, roles=roles)
    s = govnet.strength(lay, relation="cross_appointment", weight="weight")
    np.testing.assert_allclose(s.to_numpy(), c.sum(axis=1))


@SETTINGS
@given(net=posts_networks())
def test_storage_round_trip_of_random_posts(tmp_path_factory, net):
    path = tmp_path_factory.mktemp("rt") / "n.govnet"
    govnet.save(net, path)
    back = govnet.load(path)
    pd.testing.assert_frame_equal(back.posts, net.posts)
    pd.testing.assert_frame_equal(back.persons, net.persons)
    assert people.cross_appointment(back).equals(people.cross_appointment(net))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["pc", "rc", "ws"]),
                          st.sampled_from(["secretary", "director", "station_head", "member"]),
                          st.one_of(st.none(), st.integers(2000, 2010)),
                          st.one_of(st.none(), st.integers(2000, 2010))),
                min_size=1, max_size=10, unique_by=lambda r: r[:3]))
def test_concurrent_posts_brute_force(rows):
    rows = [r for r in rows if r[3] is None or r[4] is None or r[3] <= r[4]]
    if not rows:
        return
    posts = {"person": [r[0] for r in rows], "actor": [r[1] for r in rows],
             "role": [r[2] for r in rows],
             "start": ["" if r[3] is None else f"{r[3]}-01-01" for r in rows],
             "end": ["" if r[4] is None else f"{r[4]}-12-31" for r in rows]}
    got = people.concurrent_posts(concurrent_net(posts))
    got = set(zip(got["person"], got["rule"]))
    kind = {"pc": "party_committee", "rc": "residents_committee", "ws": "work_station"}
    want = set()
    for rule in people.CONCURRENT_RULES:
        for person in "abc":
            options = []
            for sel, roles in rule.clauses:
                options.append([r for r in rows if r[0] == person and r[2] in roles
                                and kind[r[1]] in sel["kind"]])
            for combo in itertools.product(*options):
                lo = max((r[3] for r in combo if r[3] is not None), default=-1)
                hi = min((r[4] for r in combo if r[4] is not None), default=10 ** 6)
                if lo <= hi:
                    want.add((person, rule.name))
    assert got == want
