"""govnet.Collection: construction, mapping protocol, batch apply (threads), wrappers, pickling.

References: per-community results are recomputed with networkx in a plain loop.
"""

from __future__ import annotations

import dataclasses
import pickle

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import synthetic
from govnet import registry
from govnet.collection import community_seed


def fake_measure(monkeypatch, name, func, options=None):
    """Replace a registered measure's function (the registry is what Collection reads)."""
    spec = registry.MEASURES[name]
    monkeypatch.setitem(registry.MEASURES, name, dataclasses.replace(
        spec, func=func, options=spec.options if options is None else options))


@pytest.fixture(scope="module")
def small() -> govnet.Collection:
    return synthetic.district(11, communities=12, duties=False)


def nx_layer(net: govnet.Network, relation: str) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(net.actor_ids)
    t = net.ties(relation)
    g.add_edges_from(zip(t["source"], t["target"]))
    return g


# -- construction and mapping ------------------------------------------------


def test_from_networks_dict_and_table_order():
    nets = {"a": govnet.datasets.kite(), "b": govnet.datasets.karate(),
            "c": govnet.datasets.florentine()}
    table = pd.DataFrame({"community": ["c", "a", "b"], "region": ["x", "y", "x"]})
    c = govnet.Collection.from_networks(nets, table)
    assert len(c) == 3
    assert list(c) == ["c", "a", "b"]          # table order
    assert c["b"] is nets["b"]
    assert "a" in c and "z" not in c
    assert c.table.loc["a", "region"] == "y"
    assert c.table.index.name == "community"
    assert [k for k, _ in c.items()] == ["c", "a", "b"]


def test_from_networks_list_uses_meta_id_or_position():
    c = govnet.Collection.from_networks([govnet.datasets.kite(), govnet.datasets.karate()])
    assert list(c) == ["0", "1"]
    d = synthetic.district(1, communities=3, duties=False)
    c2 = govnet.Collection.from_networks(list(d.values()))
    assert list(c2) == list(d)


def test_from_networks_errors_name_the_problem():
    k = govnet.datasets.kite()
    with pytest.raises(govnet.InvalidNetworkError, match="no table row for \\['b'\\]"):
        govnet.Collection.from_networks({"a": k, "b": k}, pd.DataFrame({"community": ["a"]}))
    with pytest.raises(govnet.InvalidNetworkError, match="no network for \\['z'\\]"):
        govnet.Collection.from_networks({"a": k}, pd.DataFrame({"community": ["a", "z"]}))
    with pytest.raises(govnet.InvalidNetworkError, match="community 'x'.*int"):
        govnet.Collection.from_networks({"x": 3})
    with pytest.raises(govnet.InvalidNetworkError, match="duplicate community id 'a'"):
        govnet.Collection.from_networks({"a": k}, pd.DataFrame({"community": ["a", "a"]}))
    with pytest.raises(KeyError, match="community 'nope' is not in the collection"):
        govnet.Collection.from_networks({"a": k})["nope"]


def test_select_by_ids_and_mask(small):
    pc = small.select(small.table["committee_type"] == "party_committee")
    assert set(pc.table["committee_type"]) == {"party_committee"}
    assert len(pc) == int((small.table["committee_type"] == "party_committee").sum())
    two = small.select(list(small)[:2])
    assert list(two) == list(small)[:2]


def test_repr_and_html_say_synthetic(small):
    assert "12 communities" in repr(small) and "synthetic" in repr(small)
    html = small._repr_html_()
    assert "govnet.Collection" in html and "(synthetic)" in html and "synthetic_0000" in html
    assert "… 2 more" in html


# -- apply ------------------------------------------------------------------


def degree_centralization(net: govnet.Network) -> float:
    """Freeman degree centralization of the deliberation layer via govnet degree_centrality."""
    d = govnet.degree_centrality(net, relation="deliberation")
    n = len(net)
    return float((d.max() - d).sum() / (n - 2))


def nx_degree_centralization(g: nx.Graph) -> float:
    d = pd.Series(nx.degree_centrality(g))
    return float((d.max() - d).sum() / (len(g) - 2))


@pytest.mark.parametrize("threads", [1, 3])
def test_apply_scalar_matches_networkx_loop(small, threads):
    out = small.apply(degree_centralization, threads=threads)
    assert list(out.index) == list(small)
    assert list(out.columns[:-1]) == list(small.table.columns)
    ref = [nx_degree_centralization(nx_layer(net, "deliberation")) for net in small.values()]
    np.testing.assert_allclose(out["degree_centralization"].to_numpy(), ref, rtol=0, atol=1e-12)


def test_apply_dict_with_betweenness_matches_networkx(small):
    def core_stats(net):
        core = net.tier_of("core")[0]
        b = govnet.betweenness_centrality(net, relation="deliberation", threads=1)
        return {"core_betweenness": b[core], "max_betweenness": b.max(), "core": core}

    out = small.apply(core_stats, threads=4, with_table=False)
    assert list(out.columns) == ["core_betweenness", "max_betweenness", "core"]
    for cid, net in small.items():
        ref = nx.betweenness_centrality(nx_layer(net, "deliberation"))
        core = net.tier_of("core")[0]
        assert out.loc[cid, "core"] == core
        assert out.loc[cid, "core_betweenness"] == pytest.approx(ref[core], abs=1e-12)
        assert out.loc[cid, "max_betweenness"] == pytest.approx(max(ref.values()), abs=1e-12)


def test_apply_lambda_args_kwargs_series_and_name(small):
    out = small.apply(lambda net: len(net), with_table=False)
    assert list(out.columns) == ["value"]
    assert out["value"].tolist() == [len(n) for n in small.values()]
    out = small.apply(lambda net, rel, scale=1: net.num_ties(rel) * scale, "leadership",
                      scale=10, name="ties10", with_table=False)
    assert out["ties10"].tolist() == [10 * n.num_ties("leadership") for n in small.values()]
    out = small.apply(lambda net: net.actors["tier"].value_counts().sort_index(), with_table=False)
    assert set(out.columns) == {"core", "support", "plural", "external"}
    assert (out["core"] == 1).all() and (out["support"] == 3).all()
    assert out["plural"].tolist() == small.table["plural"].tolist()


def test_apply_one_row_dataframe_and_dataclass(small):
    @dataclasses.dataclass(frozen=True)
    class Result:
        size: int
        label: str
        per_actor: pd.Series

    out = small.apply(lambda n: Result(len(n), n.meta["committee_type"], pd.Series([1.0])),
                      name="r", with_table=False)
    assert list(out.columns) == ["r_size", "r_label"]      # non-scalar fields left out
    assert out["r_label"].tolist() == small.table["committee_type"].tolist()
    out = small.apply(lambda n: pd.DataFrame({"a": [len(n)], "b": [2]}), with_table=False)
    assert out["b"].tolist() == [2] * len(small)


def test_apply_per_actor_tables_give_long_form(small):
    out = small.apply(lambda n: n.actors[["tier"]].assign(
        degree=govnet.degree_centrality(n, relation="deliberation")))
    assert out.index.names == ["community", "id"]
    assert len(out) == sum(len(n) for n in small.values())
    first = small["synthetic_0001"]
    part = out.loc["synthetic_0001"]
    assert list(part.index) == list(first.actor_ids)
    ref = nx.degree_centrality(nx_layer(first, "deliberation"))
    np.testing.assert_allclose(part["degree"].to_numpy(), [ref[a] for a in part.index])
    assert (part["committee_type"] == small.table.loc["synthetic_0001", "committee_type"]).all()
    assert out.groupby(level=0).size().tolist() == [len(n) for n in small.values()]


def test_apply_errors(small):
    with pytest.raises(govnet.InvalidNetworkError, match="one kind of result"):
        small.apply(lambda n: pd.DataFrame({"a": [1, 2]}) if n.meta["index"] else 1)
    with pytest.raises(govnet.InvalidNetworkError, match="returned list"):
        small.apply(lambda n: [1, 2])
    with pytest.raises(govnet.InvalidNetworkError, match="committee_type.*clash"):
        small.apply(lambda n: {"committee_type": 1})
    with pytest.raises(govnet.InvalidParameterError, match="callable"):
        small.apply(3)

    def boom(net):
        if net.meta["index"] == 5:
            raise ValueError("bad community")
        return 1

    for threads in (1, 4):
        with pytest.raises(ValueError, match="bad community") as info:
            small.apply(boom, threads=threads)
        assert "in community 'synthetic_0005'" in "".join(info.value.__notes__)


def test_apply_seed_is_per_community_id(small):
    out = small.apply(lambda net, seed: seed, seed=42, with_table=False)
    sub = small.select(list(small)[::-1][:5]).apply(lambda net, seed: seed, seed=42,
                                                    with_table=False)
    assert (sub["value"] == out.loc[sub.index, "value"]).all()
    assert out["value"].nunique() == len(small)
    assert out.loc["synthetic_0003", "value"] == community_seed(42, "synthetic_0003")
    other = small.apply(lambda net, seed: seed, seed=43, with_table=False)
    assert (other["value"] != out["value"]).all()


def test_apply_sampled_betweenness_same_for_any_threads(small):
    def sampled(net, seed):
        return govnet.betweenness_centrality(net, relation="deliberation", k=5, seed=seed,
                                             threads=1).max()

    a = small.apply(sampled, seed=9, threads=1)
    b = small.apply(sampled, seed=9, threads=4)
    pd.testing.assert_frame_equal(a, b)


def test_apply_progress_bar_runs(small, capsys):
    out = small.apply(lambda n: 1, progress=True, threads=2)
    assert out["value"].sum() == len(small)


def test_empty_collection_apply():
    c = govnet.Collection.from_networks({})
    assert len(c) == 0
    assert c.apply(lambda n: 1).empty


# -- built-in batch measures ---------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FakeCentralization:
    value: float
    n: int


def test_builtin_wrappers_call_the_govnet_function(small, monkeypatch):
    calls = []

    def centralization(net, *, relation=None, threads=None, progress=None):
        calls.append((relation, threads, progress))
        return FakeCentralization(degree_centralization(net), len(net))

    fake_measure(monkeypatch, "centralization", centralization, ("relation", "threads", "progress"))
    out = small.centralization(relation="deliberation", threads=2)
    assert list(out.columns[-2:]) == ["centralization_value", "centralization_n"]
    np.testing.assert_allclose(out["centralization_value"],
                               small.apply(degree_centralization)["degree_centralization"])
    # one thread inside each measure, no per-community progress bars
    assert set(calls) == {("deliberation", 1, False)}
    calls.clear()
    small.centralization(relation="deliberation", measure_threads=3, threads=1)
    assert set(calls) == {("deliberation", 3, False)}

    def core_profile(net):
        return pd.Series({"core_share": 1 / len(net)})

    def duty_summary(net, scale=1):
        return {"duties": scale * (0 if net.duties is None else len(net.duties))}

    def deliberation_index(net):
        return 0.5

    for name, f in (("core_profile", core_profile), ("duty_summary", duty_summary),
                    ("deliberation_index", deliberation_index)):
        fake_measure(monkeypatch, name, f, ("scale",) if name == "duty_summary" else ())
    assert small.core_profile()["core_share"].tolist() == [1 / len(n) for n in small.values()]
    assert (small.duty_summary(scale=2, with_table=False)["duties"] == 0).all()
    assert (small.deliberation_index()["deliberation_index"] == 0.5).all()


@pytest.mark.parametrize("name", ["centralization", "core_profile", "duty_summary",
                                  "deliberation_index"])
def test_missing_builtin_measure_raises_clear_error(small, monkeypatch, name):
    # A measure missing from the registry is an error naming it, never a silently empty column.
    monkeypatch.delitem(registry.MEASURES, name)
    with pytest.raises(govnet.InvalidParameterError, match=f"no measure '{name}'; registered"):
        getattr(small, name)()


# -- pickling --------------------------------------------------------------


def test_collection_pickles_compactly_and_round_trips():
    d = synthetic.district(3, communities=20)
    d.apply(lambda n: n.num_ties())             # builds the C++ layers: must not be pickled
    blob = pickle.dumps(d)
    parts = sum(len(pickle.dumps(n)) for n in d.values()) + len(pickle.dumps(d.table))
    assert len(blob) <= parts + len(pickle.dumps(d.meta)) + 4096
    back = pickle.loads(blob)
    pd.testing.assert_frame_equal(back.table, d.table)
    assert back.meta["synthetic"] is True
    for cid in d:
        pd.testing.assert_frame_equal(back[cid].ties(), d[cid].ties())
        pd.testing.assert_frame_equal(back[cid].duties, d[cid].duties)
    pd.testing.assert_frame_equal(back.apply(degree_centralization), d.apply(degree_centralization))
