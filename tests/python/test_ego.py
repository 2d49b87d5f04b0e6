"""Ego networks (issue 18, item 4) against networkx's ego_graph, effective_size and
constraint, brute-force composition and the IQV's closed form."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet.errors import InvalidNetworkError, InvalidParameterError

TIERS = ["core", "support", "plural", "external"]
KINDS = ["party_committee", "work_station", "social_organization", "owners_committee"]


def _random_net(seed, directed):
    rng = np.random.default_rng(seed)
    g = nx.gnp_random_graph(14, 0.3, seed=int(seed), directed=directed)
    g.add_node(14)  # an isolate
    for v in g.nodes:
        g.nodes[v]["tier"] = TIERS[int(rng.integers(0, 3))]
        g.nodes[v]["kind"] = KINDS[int(rng.integers(0, 4))]
    net = govnet.Network.from_networkx(g)
    return g, net


def _iqv_count_form(counts, k):
    """IQV = K (N^2 - sum n_c^2) / (N^2 (K - 1)): the count form of the closed formula."""
    n = sum(counts)
    if n == 0 or k < 2:
        return float("nan")
    return k * (n * n - sum(c * c for c in counts)) / (n * n * (k - 1))


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ego_table_against_networkx_and_brute_force(seed, directed):
    g, net = _random_net(seed, directed)
    tab = govnet.ego_table(net)
    tiers_present = len({g.nodes[v]["tier"] for v in g})
    kinds_present = len({g.nodes[v]["kind"] for v in g})
    und = g.to_undirected()
    eff = nx.effective_size(und)
    con = nx.constraint(und)
    for v in g.nodes:
        row = tab.loc[str(v)]
        ego = nx.ego_graph(g, v, radius=1, undirected=True)
        alters = ego.copy()
        alters.remove_node(v)
        assert row["size"] == alters.number_of_nodes()
        assert row["ties"] == alters.number_of_edges()
        if alters.number_of_nodes() >= 2:
            assert row["density"] == pytest.approx(nx.density(alters))
        else:
            assert np.isnan(row["density"])
        if not directed:
            if np.isnan(eff[v]):
                assert np.isnan(row["effective_size"])
            else:
                assert row["effective_size"] == pytest.approx(eff[v])
                assert row["constraint"] == pytest.approx(con[v])
        tier_counts = [sum(1 for a in alters if g.nodes[a]["tier"] == t) for t in TIERS]
        assert [row[f"n_tier_{t}"] for t in TIERS] == tier_counts
        kind_counts = [sum(1 for a in alters if g.nodes[a]["kind"] == k) for k in KINDS
                       if f"n_kind_{k}" in tab.columns]
        assert [row[f"n_kind_{k}"] for k in KINDS if f"n_kind_{k}" in tab.columns] == kind_counts
        want = _iqv_count_form(tier_counts, tiers_present)
        assert (np.isnan(row["iqv_tier"]) and np.isnan(want)) or row["iqv_tier"] == pytest.approx(want)
        want_k = _iqv_count_form(kind_counts, kinds_present)
        assert (np.isnan(row["iqv_kind"]) and np.isnan(want_k)) or row["iqv_kind"] == pytest.approx(want_k)
    if directed:  # Burt's measures as govnet's own (networkx's digraph version is buggy)
        holes = govnet.structural_holes(net)
        np.testing.assert_allclose(tab["constraint"], holes["constraint"], equal_nan=True)
        und_tab = govnet.ego_table(net, undirected=True)
        for v in g.nodes:
            alters = nx.ego_graph(und, v, radius=1)
            alters.remove_node(v)
            assert und_tab.loc[str(v), "ties"] == alters.number_of_edges()
            if alters.number_of_nodes() >= 2:
                assert und_tab.loc[str(v), "density"] == pytest.approx(nx.density(alters))
            if not np.isnan(eff[v]):
                assert und_tab.loc[str(v), "effective_size"] == pytest.approx(eff[v])
                assert und_tab.loc[str(v), "constraint"] == pytest.approx(con[v])
    assert tab.loc["14", "size"] == 0 and np.isnan(tab.loc["14", "iqv_tier"])


def test_iqv_closed_form_values():
    assert govnet.iqv([3, 3]) == pytest.approx(1.0)
    assert govnet.iqv([5, 0, 0]) == pytest.approx(0.0)
    assert govnet.iqv([2, 1, 1]) == pytest.approx(_iqv_count_form([2, 1, 1], 3))
    assert govnet.iqv([1, 1], categories=4) == pytest.approx(4 / 3 * 0.5)
    assert np.isnan(govnet.iqv([0, 0])) and np.isnan(govnet.iqv([4]))


def test_ego_composition_normalized_and_errors():
    _, net = _random_net(5, False)
    counts = govnet.ego_composition(net, "kind")
    shares = govnet.ego_composition(net, "kind", normalized=True)
    tot = counts.sum(axis=1)
    np.testing.assert_allclose(shares[tot > 0].sum(axis=1), 1.0)
    assert shares.loc["14"].isna().all()
    with pytest.raises(InvalidParameterError, match="attribute 'colour' is not an actor column"):
        govnet.ego_composition(net, "colour")


def test_ego_measures_on_name_generator_data_and_missing_dyads(tmp_path):
    ng = pd.DataFrame({"受访组织": ["党委", "党委", "党委", "居委会", "居委会", "物业"],
                       "提名组织": ["居委会", "物业", "业委会", "物业", "业委会", "业委会"],
                       "类型": ["residents_committee", "property_company", "owners_committee",
                              "property_company", "owners_committee", "owners_committee"]})
    path = tmp_path / "ng.csv"
    ng.to_csv(path, index=False, encoding="utf-8-sig")
    data = govnet.read_name_generator(path, columns={"受访组织": "ego", "提名组织": "alter", "类型": "kind"})
    assert data.egos == ["党委", "居委会", "物业"] and list(data.alters["id"]) == ["居委会", "物业", "业委会"]
    actors = pd.DataFrame({"id": ["党委", "居委会", "物业", "业委会"],
                           "tier": ["core", "support", "plural", "plural"]})
    net = govnet.Network.from_frames(actors, data.ties.drop(columns="row"), directed={"contact": True})
    tab = govnet.ego_table(net, relation="contact", attributes=("tier",))
    assert tab.loc["党委", "size"] == 3 and tab.loc["党委", "ties"] == 3  # arcs among its alters
    assert tab.loc["党委", "density"] == pytest.approx(3 / 6)
    missing = pd.DataFrame({"source": ["业委会"], "target": ["党委"], "relation": ["contact"]})
    net_m = govnet.Network.from_frames(actors, data.ties.drop(columns="row"),
                                       directed={"contact": True}, missing=missing)
    with pytest.raises(InvalidNetworkError, match="'contact' has 1 missing dyad"):
        govnet.ego_table(net_m, relation="contact")
