"""Missing dyads (issue 18, item 3): carried by the network, the one default error of
every measure, imputation, symmetrisation rules (against brute force), bounds of the
core's profile (against networkx)."""

from __future__ import annotations

import itertools
import pickle

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import registry
from govnet.errors import InvalidNetworkError, InvalidParameterError


def _net(missing=None, directed_rel="report"):
    actors = pd.DataFrame({"id": ["pc", "rc", "ws", "so", "oc", "pm"],
                           "tier": ["core", "support", "support", "plural", "plural", "plural"],
                           "kind": ["party_committee", "residents_committee", "work_station",
                                    "social_organization", "owners_committee", "property_company"]})
    ties = pd.DataFrame({
        "source": ["pc", "pc", "rc", "ws", "so", "rc", "pc", "oc", "pc", "ws"],
        "target": ["rc", "ws", "pc", "so", "ws", "oc", "so", "pm", "oc", "pc"],
        "relation": [directed_rel] * 6 + ["leadership"] * 4})
    return govnet.Network.from_frames(actors, ties, directed={directed_rel: True}, missing=missing)


MISSING = pd.DataFrame({"source": ["pm", "pm", "pm", "pm", "pm"],
                        "target": ["pc", "rc", "ws", "so", "oc"], "relation": "report"})


def test_missing_is_carried_saved_and_pickled(tmp_path):
    net = _net(MISSING)
    assert len(net.missing) == 5 and set(net.missing.columns) == {"source", "target", "relation"}
    assert "5 missing dyads" in repr(net)
    again = pickle.loads(pickle.dumps(net))
    pd.testing.assert_frame_equal(again.missing, net.missing)
    govnet.save(net, tmp_path / "n.govnet")
    pd.testing.assert_frame_equal(govnet.load(tmp_path / "n.govnet").missing, net.missing)


@pytest.mark.parametrize("bad, match", [
    (pd.DataFrame({"source": ["zz"], "target": ["pc"], "relation": ["report"]}),
     r"missing row 0: source 'zz' is not an actor"),
    (pd.DataFrame({"source": ["pc"], "target": ["pc"], "relation": ["report"]}),
     r"missing row 0: a missing dyad of 'pc' with itself"),
    (pd.DataFrame({"source": ["pc"], "target": ["rc"], "relation": ["report"]}),
     r"missing row 0: 'pc' -> 'rc' in 'report' is both a tie and a missing dyad"),
    (pd.DataFrame({"source": ["pc"], "target": ["rc"], "relation": ["nope"]}),
     r"missing row 0: relation 'nope' is not a layer"),
    (pd.DataFrame({"source": ["pc"], "target": ["pm"]}), r"no 'relation' column, and the network has 2"),
    (pd.DataFrame({"source": [""], "target": ["pm"], "relation": ["report"]}), r"missing row 0: source is empty"),
])
def test_bad_missing_tables_name_the_row_and_value(bad, match):
    with pytest.raises(InvalidNetworkError, match=match):
        _net(bad)


def test_undirected_missing_pair_is_one_row():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "tier": "plural"})
    ties = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "relation": ["deliberation", "leadership"]})
    pairs = pd.DataFrame({"source": ["c", "b"], "target": ["b", "c"]})
    und = govnet.Network.from_frames(actors, ties, missing=pairs.assign(relation="deliberation"))
    assert und.missing.to_dict("records") == [{"source": "b", "target": "c", "relation": "deliberation"}]
    dirn = govnet.Network.from_frames(actors, ties, missing=pairs.assign(relation="leadership"))
    assert len(dirn.missing) == 2  # directed: c->b and b->c are two dyads
    with pytest.raises(InvalidNetworkError, match="'a' -- 'b' in 'deliberation' is both a tie"):
        govnet.Network.from_frames(actors, ties, missing=pd.DataFrame(
            {"source": ["b"], "target": ["a"], "relation": ["deliberation"]}))


def _call(name, net, relation):
    m = registry.MEASURES[name]
    kwargs = {"relation": relation}
    if name == "deliberation_index":
        kwargs["meetings"] = pd.DataFrame({"meeting": ["m", "m"], "actor": ["pc", "rc"]})
    return m(net, **kwargs)


TIE_MEASURES = [n for n, m in registry.MEASURES.items()
                if m.reads in ("ties", "meetings") and "relation" in m.options
                and n != "missing_sensitivity"]


@pytest.mark.parametrize("name", TIE_MEASURES)
def test_every_registered_measure_refuses_a_layer_with_missing_dyads(name):
    net = _net(MISSING)
    with pytest.raises(InvalidNetworkError, match=r"relation 'report' has 5 missing dyads"):
        _call(name, net, "report")
    with pytest.raises(InvalidNetworkError, match=r"'report' has 5 missing dyads"):
        _call(name, net, ["report", "leadership"])  # pooled: still refused


def test_other_layers_and_imputed_networks_are_measured():
    net = _net(MISSING)
    assert govnet.degree_centrality(net, relation="leadership").notna().all()
    low = govnet.impute_missing(net, "non_ties")
    assert low.missing is None
    pd.testing.assert_series_equal(govnet.degree_centrality(low, relation="report"),
                                   govnet.degree_centrality(_net(), relation="report"))
    high = govnet.impute_missing(net, "ties")
    g = nx.DiGraph()
    g.add_nodes_from(net.actor_ids)
    g.add_edges_from(zip(net.ties("report")["source"], net.ties("report")["target"]))
    g.add_edges_from(zip(MISSING["source"], MISSING["target"]))
    ref = pd.Series(nx.out_degree_centrality(g))
    got = govnet.out_degree_centrality(high, relation="report")
    np.testing.assert_allclose(got.to_numpy(), ref.reindex(got.index).to_numpy())


def test_impute_only_the_chosen_layers_and_bad_values():
    net = _net(pd.concat([MISSING, pd.DataFrame({"source": ["so"], "target": ["pm"],
                                                 "relation": ["leadership"]})]))
    out = govnet.impute_missing(net, "ties", relation="report")
    assert out.missing.to_dict("records") == [{"source": "so", "target": "pm", "relation": "leadership"}]
    with pytest.raises(InvalidParameterError, match="as_ must be"):
        govnet.impute_missing(net, "maybe")


def _reference_symmetrize(mat, miss, rule):
    """Brute force over pairs: the documented rule, one side's report when the other is missing."""
    n = len(mat)
    out, still_missing = np.zeros((n, n)), set()
    for i, j in itertools.combinations(range(n), 2):
        a, b = mat[i, j], mat[j, i]
        if miss[i, j] and miss[j, i]:
            still_missing.add((i, j))
            continue
        if miss[i, j] or miss[j, i]:
            x = b if miss[i, j] else a
            v = float(x > 0) if rule in ("either", "both") else x
        else:
            v = {"either": float(a > 0 or b > 0), "both": float(a > 0 and b > 0), "min": min(a, b),
                 "max": max(a, b), "mean": (a + b) / 2}[rule]
        out[i, j] = out[j, i] = v
    return out, still_missing


@pytest.mark.parametrize("rule", govnet.model.missing.SYMMETRIZE_RULES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_symmetrize_rules_against_brute_force(rule, seed):
    rng = np.random.default_rng(seed)
    n = 9
    ids = [f"a{i}" for i in range(n)]
    mat = rng.integers(0, 4, size=(n, n)) * (rng.random((n, n)) < 0.4)
    np.fill_diagonal(mat, 0)
    miss = np.zeros((n, n), dtype=bool)
    for who in rng.choice(n, size=2, replace=False):  # two non-respondents
        miss[who, :] = True
        mat[who, :] = 0
    np.fill_diagonal(miss, False)
    s, t = np.nonzero(mat)
    ties = pd.DataFrame({"source": [ids[i] for i in s], "target": [ids[j] for j in t],
                         "relation": "r", "weight": mat[s, t].astype(float)})
    ms, mt = np.nonzero(miss)
    missing = pd.DataFrame({"source": [ids[i] for i in ms], "target": [ids[j] for j in mt], "relation": "r"})
    net = govnet.Network.from_frames(pd.DataFrame({"id": ids, "tier": "plural"}), ties,
                                     directed={"r": True}, missing=missing)
    res = govnet.symmetrize(net, "r", rule)
    ref, still = _reference_symmetrize(mat.astype(float), miss, rule)
    got = np.zeros((n, n))
    for row in res.network.ties("r").itertuples():
        i, j = ids.index(row.source), ids.index(row.target)
        got[i, j] = got[j, i] = row.weight
    np.testing.assert_allclose(got, ref)
    assert not res.network.relation_spec("r").directed
    got_missing = {tuple(sorted((ids.index(a), ids.index(b))))
                   for a, b in zip(res.network.missing["source"], res.network.missing["target"])} \
        if res.network.missing is not None else set()
    assert got_missing == still
    # disagreements: both reported, reports differ
    want = {(ids[i], ids[j]) for i, j in itertools.combinations(range(n), 2)
            if not miss[i, j] and not miss[j, i] and mat[i, j] != mat[j, i]}
    assert set(zip(res.disagreements["a"], res.disagreements["b"])) == want
    assert "reported differently" in repr(res)


def test_symmetrize_new_name_keeps_the_reports_and_refuses_bad_input():
    net = _net(MISSING)
    res = govnet.symmetrize(net, "report", "both", name="report_both")
    assert res.network.relation_spec("report").directed
    assert not res.network.relation_spec("report_both").directed
    assert set(res.network.missing["relation"]) == {"report"}  # the reports keep theirs
    with pytest.raises(InvalidParameterError, match="rule must be one of"):
        govnet.symmetrize(net, "report", "any")
    with pytest.raises(InvalidParameterError, match="already undirected"):
        govnet.symmetrize(res.network, "report_both", "either")
    with pytest.raises(InvalidParameterError, match="already exists"):
        govnet.symmetrize(net, "report", "either", name="leadership")


def _reach1(net, relation):
    g = nx.Graph()
    g.add_nodes_from(net.actor_ids)
    for r in relation:
        g.add_edges_from(zip(net.ties(r)["source"], net.ties(r)["target"]))
    others = [a for a in net.actor_ids if a != "pc"]
    return sum(1 for a in others if g.has_edge("pc", a)) / len(others)


def test_missing_sensitivity_bounds_the_profile():
    net = _net(pd.DataFrame({"source": ["pm", "so", "pm"], "target": ["pc", "oc", "so"],
                             "relation": "report"}))
    rel = ["report", "leadership"]
    s = govnet.missing_sensitivity(net, relation=rel)
    assert s.missing == {"report": 3}
    low, high = govnet.impute_missing(net, "non_ties"), govnet.impute_missing(net, "ties")
    assert s.bounds.loc["reach_1", "as_non_ties"] == pytest.approx(_reach1(low, rel))
    assert s.bounds.loc["reach_1", "as_ties"] == pytest.approx(_reach1(high, rel))
    assert repr(s.as_ties) == repr(govnet.core_profile(high, relation=rel))
    b = s.bounds
    assert (b["low"] <= b["high"]).all()
    assert not b.loc["reach_1", "stable"]
    assert "move between the bounds" in repr(s) and "<table" in s._repr_html_()
    with pytest.raises(InvalidNetworkError, match="missing dyads"):
        govnet.core_profile(net, relation=rel)  # the default: refused
    full = govnet.missing_sensitivity(_net(), relation=rel)
    assert full.bounds["stable"].all() and full.missing == {}


def test_csv_and_excel_keep_the_missing_dyads(tmp_path):
    net = _net(MISSING)
    govnet.write_csv(net, tmp_path / "n.csv")
    back = govnet.read_csv(tmp_path / "n.csv")
    pd.testing.assert_frame_equal(back.missing, net.missing)
    govnet.write_excel(net, tmp_path / "n.xlsx")
    pd.testing.assert_frame_equal(govnet.read_excel(tmp_path / "n.xlsx").missing, net.missing)
