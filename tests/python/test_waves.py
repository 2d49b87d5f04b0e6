"""Waves: change statistics against a direct set computation on the tie rows, dated
cuts against a hand filter, per-wave measures against the per-network calls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnet
from govnet import waves
from govnet.errors import InvalidParameterError

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def snapshots(draw):
    pool = [f"a{i}" for i in range(7)]
    k = draw(st.integers(2, 4))
    nets, raw = [], []
    for _ in range(k):
        ids = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=7, unique=True))
        pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)),
                              max_size=12))
        pairs = [(a, b) for a, b in pairs if a != b]
        actors = pd.DataFrame({"id": ids, "tier": ["core"] + ["plural"] * (len(ids) - 1)})
        ties = pd.DataFrame({"source": [a for a, _ in pairs], "target": [b for _, b in pairs],
                             "relation": "deliberation"})
        nets.append(govnet.Network.from_frames(actors, ties if pairs else None, duplicates="sum"))
        raw.append((set(ids), {tuple(sorted(p)) for p in pairs}))
    return nets, raw


@SETTINGS
@given(snapshots())
def test_change_against_sets(data):
    nets, raw = data
    w = waves.from_snapshots(nets)
    if "deliberation" not in w.relations:
        with pytest.raises(InvalidParameterError):
            w.change(relation="deliberation")
        return
    ch = w.change(relation="deliberation")
    assert len(ch) == len(nets) - 1
    for i, row in enumerate(ch.itertuples()):
        x, y = raw[i][1], raw[i + 1][1]
        assert (row.kept, row.added, row.dropped) == (len(x & y), len(y - x), len(x - y))
        assert row.hamming == len(x ^ y)
        if x | y:
            assert row.jaccard == pytest.approx(len(x & y) / len(x | y))
        else:
            assert np.isnan(row.jaccard)
        assert row.stable_actors == len(raw[i][0] & raw[i + 1][0])
    ac = w.actor_change()
    for i in range(1, len(nets)):
        lab = str(i + 1)
        entered = set(ac[(ac["wave"] == lab) & (ac["change"] == "entered")]["actor"])
        left = set(ac[(ac["wave"] == lab) & (ac["change"] == "left")]["actor"])
        assert entered == raw[i][0] - raw[i - 1][0] and left == raw[i - 1][0] - raw[i][0]


def test_hamming_equals_adjacency_difference():
    a = govnet.Network.from_frames(pd.DataFrame({"id": list("abcd"), "tier": "plural"}),
                                   pd.DataFrame({"source": list("aab"), "target": list("bcc"),
                                                 "relation": "leadership"}))
    b = govnet.Network.from_frames(pd.DataFrame({"id": list("abcd"), "tier": "plural"}),
                                   pd.DataFrame({"source": list("abd"), "target": list("bad"[:2] + "a"),
                                                 "relation": "leadership"}))
    w = waves.from_snapshots([a, b], labels=[2013, 2016])
    ch = w.change(relation="leadership").iloc[0]
    xa = govnet.to_adjacency(a, relation="leadership")[0]
    xb = govnet.to_adjacency(b, relation="leadership")[0]
    assert ch["hamming"] == int(np.abs(xa - xb).sum())  # directed: every arc once
    assert ch["from"] == "2013" and ch["to"] == "2016"


def dated_network():
    actors = pd.DataFrame({"id": ["pc", "rc", "ws", "oc"], "tier": ["core", "support", "support",
                                                                   "plural"],
                           "start": ["", "", "2005-01-01", "2014-01-01"],
                           "end": ["", "", "", ""]})
    ties = pd.DataFrame({"source": ["pc", "pc", "pc", "rc", "ws"],
                         "target": ["rc", "ws", "oc", "ws", "oc"],
                         "relation": ["leadership", "leadership", "leadership", "collaboration",
                                      "collaboration"],
                         "start": ["2000-01-01", "2005-01-01", "2014-06-01", "", "2014-01-01"],
                         "end": ["", "", "", "2013-12-31", ""]})
    persons = pd.DataFrame({"id": ["x", "y"], "party_member": [1, 0]})
    posts = pd.DataFrame({"person": ["x", "x", "y"], "actor": ["pc", "rc", "oc"],
                          "role": ["书记", "主任", "委员"], "start": ["2001-01-01", "2010-01-01",
                                                              "2014-01-01"],
                          "end": ["", "2013-12-31", ""]})
    return govnet.Network.from_frames(actors, ties, persons=persons, posts=posts)


def test_from_dates_against_hand_filter():
    net = dated_network()
    w = waves.from_dates(net, ["2004-01-01", "2012-01-01", "2015-01-01"])
    assert w.labels == ("2004-01-01", "2012-01-01", "2015-01-01")
    assert [list(x.actor_ids) for x in w.networks] == [["pc", "rc"], ["pc", "rc", "ws"],
                                                       ["pc", "rc", "ws", "oc"]]
    assert waves.tie_set(w.networks[0], "leadership") == {("pc", "rc")}
    assert waves.tie_set(w.networks[1], "collaboration") == {("rc", "ws")}
    assert waves.tie_set(w.networks[2], "collaboration") == {("oc", "ws")}
    assert waves.tie_set(w.networks[2], "leadership") == {("pc", "rc"), ("pc", "ws"), ("pc", "oc")}
    assert [len(x.posts) for x in w.networks] == [1, 2, 2]
    ch = w.change(relation=["leadership", "collaboration"])
    assert ch[ch["relation"] == "collaboration"][["kept", "added", "dropped"]].values.tolist() == \
        [[0, 1, 0], [0, 1, 1]]
    shares = w.tier_shares()
    assert shares.loc["2015-01-01", "plural"] == 0.25 and shares["actors"].tolist() == [2, 3, 4]
    ac = w.actor_change()
    assert ac[ac["wave"] == "2015-01-01"]["actor"].tolist() == ["oc"]
    with pytest.raises(InvalidParameterError, match="increasing"):
        waves.from_dates(net, ["2015-01-01", "2012-01-01"])


def test_per_wave_measures_long_table():
    w = waves.from_dates(dated_network(), ["2012-01-01", "2015-01-01"])
    long = w.measures(["degree", "betweenness"], relation="leadership")
    for lab, x in zip(w.labels, w.networks):
        for m, f in (("degree", govnet.degree_centrality),
                     ("betweenness", govnet.betweenness_centrality)):
            got = long[(long["wave"] == lab) & (long["measure"] == m)].set_index("actor")["value"]
            pd.testing.assert_series_equal(got, f(x, relation="leadership"), check_names=False)
    cz = w.centralization("degree", relation="leadership")
    assert cz.tolist() == pytest.approx([govnet.centralization(x, "degree", relation="leadership")
                                         for x in w.networks])
    core = w.core_over_time(relation="leadership")
    assert core.loc["2015-01-01", "degree_centrality_share"] == pytest.approx(
        govnet.core_profile(w.networks[1], relation="leadership").centrality.loc[
            "degree_centrality", "share"])
    assert "Waves(2 waves" in repr(w) and "<table>" in w._repr_html_()
    with pytest.raises(InvalidParameterError, match="ambiguous"):
        w.change()


def test_apply_stacks_people_measures():
    from govnet import people

    w = waves.from_dates(dated_network(), ["2012-01-01", "2015-01-01"])
    got = w.apply(people.organisation_shares)
    for lab, x in zip(w.labels, w.networks):
        want = people.organisation_shares(x)
        part = got[got["wave"] == lab].set_index("key")
        assert part["core_share"].equals(want["core_share"].rename_axis("key"))
    dens = w.apply(lambda x: govnet.density(x, relation="all"), name="density")
    assert dens["value"].tolist() == [govnet.density(x, relation="all") for x in w.networks]
    deg = w.apply(lambda x: govnet.degree_centrality(x, relation="leadership"))
    assert set(deg.columns) == {"wave", "key", "measure", "value"}


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(list("abcde")), st.sampled_from(list("abcde")),
                          st.one_of(st.none(), st.integers(2000, 2020)),
                          st.one_of(st.none(), st.integers(2000, 2020))), min_size=1, max_size=15),
       st.lists(st.integers(1999, 2021), min_size=1, max_size=4, unique=True))
def test_from_dates_against_a_direct_filter(rows, years):
    rows = [(a, b, s, e) for a, b, s, e in rows if a != b and (s is None or e is None or s <= e)]
    if not rows:
        return
    actors = pd.DataFrame({"id": list("abcde"), "tier": "plural"})
    ties = pd.DataFrame({"source": [r[0] for r in rows], "target": [r[1] for r in rows],
                         "relation": "deliberation",
                         "start": ["" if r[2] is None else f"{r[2]}-01-01" for r in rows],
                         "end": ["" if r[3] is None else f"{r[3]}-12-31" for r in rows]})
    net = govnet.Network.from_frames(actors, ties, duplicates="sum")
    days = [f"{y}-06-30" for y in sorted(years)]
    w = waves.from_dates(net, days)
    for day, x in zip(sorted(years), w.networks):
        want = {tuple(sorted((a, b))) for a, b, s, e in rows
                if (s is None or s <= day) and (e is None or e >= day)}
        assert waves.tie_set(x, "deliberation") == want
