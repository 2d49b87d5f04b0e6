"""Tiers vs positions and the assortativity permutation test: ARI and NMI against
python-igraph's compare_communities and a brute-force pair count; permutation
p-values uniform under the null (KS tests on many seeded random instances, with
randomised p-values where the statistic has ties); exact cases; values of Newman's
coefficient against networkx."""

import itertools

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.stats import kstest

import govnet


def make_net(n, p, seed, directed=False, k=3, attr=None):
    rng = np.random.default_rng(seed)
    ids = [f"v{i:02d}" for i in range(n)]
    rows = [(ids[i], ids[j]) for i in range(n) for j in range(n)
            if i != j and (directed or i < j) and rng.random() < p]
    actors = pd.DataFrame({"id": ids, "tier": "plural",
                           "group": rng.integers(0, k, n).astype(str),
                           "x": rng.normal(size=n)})
    ties = pd.DataFrame(rows, columns=["source", "target"]).assign(relation="r")
    return govnet.Network.from_frames(actors, ties, directed={"r": directed})


def brute_ari(a, b):
    n = len(a)
    pairs = list(itertools.combinations(range(n), 2))
    ss = sum(1 for i, j in pairs if a[i] == a[j] and b[i] == b[j])
    sa = sum(1 for i, j in pairs if a[i] == a[j])
    sb = sum(1 for i, j in pairs if b[i] == b[j])
    expected = sa * sb / len(pairs)
    return (ss - expected) / ((sa + sb) / 2 - expected)


def test_agreement_against_igraph_and_brute_force():
    rng = np.random.default_rng(0)
    for t in range(30):
        n = int(rng.integers(5, 25))
        net = make_net(n, 0.2, t)
        a = pd.Series(rng.integers(0, 3, n), index=net.actor_ids)
        b = pd.Series(rng.integers(0, 4, n), index=net.actor_ids)
        if a.nunique() < 2 or b.nunique() < 2:
            continue
        res = govnet.partition_agreement(net, a, b)
        assert res["ari"] == pytest.approx(
            ig.compare_communities(a.tolist(), b.tolist(), method="adjusted_rand"), abs=1e-12)
        assert res["nmi"] == pytest.approx(
            ig.compare_communities(a.tolist(), b.tolist(), method="nmi"), abs=1e-12)
        assert res["ari"] == pytest.approx(brute_ari(a.tolist(), b.tolist()), abs=1e-12)
    net = make_net(10, 0.3, 1)
    same = govnet.partition_agreement(net, "group", "group")
    assert same["ari"] == pytest.approx(1.0) and same["nmi"] == pytest.approx(1.0)


def randomised_p(p_greater, p_less, R, u):
    """Exactly uniform under an exchangeable null: ties broken by u ~ U(0, 1)."""
    eq = round((p_greater + p_less) * (1 + R)) - 2 - R   # #{null == obs}
    gt = round(p_greater * (1 + R)) - 1 - eq              # #{null > obs}
    return (gt + u * (eq + 1)) / (R + 1)


def test_tier_fit_agreement_p_uniform_under_null():
    # formal labels and positions independent: the ARI p-value is (super-)uniform; ARI
    # has ties, so the randomised p-value from the same counts is exactly uniform
    rng = np.random.default_rng(11)
    R = 39
    plain, rand = [], []
    for t in range(150):
        net = make_net(14, 0.15, 1000 + t)
        pos = pd.Series(rng.integers(0, 3, 14), index=net.actor_ids)
        res = govnet.tier_fit(net, "group", positions=pos, n_permutations=R, seed=t)
        plain.append(res.ari_p)
        null = _ari_null(net, pos, R, t)
        assert res.ari_null_mean == pytest.approx(null.mean(), abs=1e-12)
        gt, eq = int((null > res.ari + 1e-10).sum()), int((abs(null - res.ari) <= 1e-10).sum())
        assert res.ari_p == pytest.approx((1 + gt + eq) / (1 + R))
        rand.append((gt + rng.random() * (eq + 1)) / (R + 1))
    p = np.array(plain)
    for a in (0.05, 0.1, 0.25, 0.5):
        assert (p <= a).mean() <= a + 0.07
    assert kstest(rand, "uniform").pvalue > 0.001


def _ari_null(net, pos, R, seed):
    """The null the documentation states: formal labels shuffled by
    default_rng(SeedSequence(seed)), ARI by igraph."""
    formal = pd.factorize(net.actors["group"])[0]
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    return np.array([ig.compare_communities(formal[rng.permutation(formal.size)].tolist(),
                                            pos.tolist(), method="adjusted_rand")
                     for _ in range(R)])


def test_density_test_p_uniform_under_gnp():
    # G(n, p) given its degrees is uniform over the graphs with those degrees: the
    # degree-preserving null is then exact, and randomised p-values are U(0, 1)
    rng = np.random.default_rng(5)
    R = 49
    ps = []
    for t in range(160):
        net = make_net(12, 0.3, 2000 + t, directed=bool(t % 2), k=2)
        res = govnet.tier_density_test(net, "group", n_permutations=R, seed=t)
        row = res.table.iloc[0]
        if not np.isfinite(row["p_greater"]):
            continue
        ps.append(randomised_p(row["p_greater"], row["p_less"], R, rng.random()))
    assert len(ps) > 120
    assert kstest(ps, "uniform").pvalue > 0.001


def test_density_test_exact_cases():
    # a star: its degree sequence has one realisation, so the null is the observed graph
    leaves = [f"l{i}" for i in range(6)]
    star = govnet.Network.from_frames(
        pd.DataFrame({"id": ["hub"] + leaves, "tier": ["core"] + ["plural"] * 6}),
        pd.DataFrame({"source": "hub", "target": leaves, "relation": "r"}),
        directed={"r": False})
    res = govnet.tier_density_test(star, n_permutations=30, seed=1)
    t = res.table.set_index(["from", "to"])
    assert t.loc[("core", "plural"), "observed"] == 1.0
    assert t.loc[("core", "plural"), "null_mean"] == 1.0
    assert t.loc[("core", "plural"), "p_greater"] == 1.0
    assert t.loc[("core", "plural"), "p_less"] == 1.0
    assert t.loc[("core", "plural"), "verdict"] == "as chance"
    assert t.loc[("core", "core"), "verdict"] == "undefined"
    assert len(res.table) == 3                           # undirected: unordered pairs
    # two 5-cliques joined by one tie: inside more, between less than the degrees imply
    a = [f"a{i}" for i in range(5)]
    b = [f"b{i}" for i in range(5)]
    rows = list(itertools.combinations(a, 2)) + list(itertools.combinations(b, 2)) + [("a0", "b0")]
    two = govnet.Network.from_frames(
        pd.DataFrame({"id": a + b, "tier": "plural", "side": ["A"] * 5 + ["B"] * 5}),
        pd.DataFrame(rows, columns=["source", "target"]).assign(relation="r"),
        directed={"r": False})
    res = govnet.tier_density_test(two, "side", n_permutations=200, seed=3)
    t = res.table.set_index(["from", "to"])
    assert t.loc[("A", "A"), "verdict"] == "more than chance"
    assert t.loc[("A", "B"), "verdict"] == "less than chance"
    assert t.loc[("A", "A"), "observed"] == 1.0
    assert t.loc[("A", "B"), "observed"] == pytest.approx(1 / 25)
    assert t.loc[("A", "A"), "p_greater"] == pytest.approx(1 / 201)
    assert "more than chance" in repr(res) or "1 tied more" in repr(res)
    fit = govnet.tier_fit(two, "side", positions="structural", n_permutations=200, seed=3)
    assert fit.ari == pytest.approx(1.0) and fit.nmi == pytest.approx(1.0)
    # a relabelling that swaps the two sides whole also gives ARI 1 (2 of C(10, 5))
    assert fit.ari_p <= 4 / 201
    assert "agree with the formal partition more than chance" in fit.verdict
    assert "Do the tiers describe the structure?" in fit._repr_html_()
    # the same seed gives the same answer
    again = govnet.tier_fit(two, "side", positions="structural", n_permutations=200, seed=3)
    pd.testing.assert_frame_equal(fit.densities.table, again.densities.table)


def test_tier_fit_methods_on_nanshan():
    net = govnet.datasets.nanshan()
    for method in ("structural", "concor", "rege"):
        res = govnet.tier_fit(net, positions=method, relation="leadership",
                              n_permutations=20, seed=1)
        assert res.method == method
        assert res.crosstab.to_numpy().sum() == len(net)
        assert -1 <= res.ari <= 1 and 0 <= res.nmi <= 1
    with pytest.raises(govnet.InvalidParameterError, match="positions"):
        govnet.tier_fit(net, positions="louvain", relation="leadership")
    with pytest.raises(govnet.InvalidParameterError):
        govnet.tier_fit(net, relation="leadership", n_permutations=0)


@pytest.mark.parametrize("directed", [False, True])
def test_assortativity_test_value_against_networkx(directed):
    for t in range(5):
        net = make_net(15, 0.25, 300 + t, directed=directed)
        g = nx.DiGraph() if directed else nx.Graph()
        for a, row in net.actors.iterrows():
            g.add_node(a, group=row["group"], x=row["x"])
        for _, r in net.ties().iterrows():
            g.add_edge(r["source"], r["target"])
        cat = govnet.assortativity_test(net, "group", n_permutations=9, seed=t)
        num = govnet.assortativity_test(net, "x", n_permutations=9, seed=t)
        assert cat.kind == "categorical" and num.kind == "numeric"
        assert cat.statistic == pytest.approx(
            nx.attribute_assortativity_coefficient(g, "group"), abs=1e-12)
        assert num.statistic == pytest.approx(
            nx.numeric_assortativity_coefficient(g, "x"), abs=1e-12)


def test_assortativity_test_p_uniform_under_null():
    R = 59
    ps = []
    for t in range(250):
        net = make_net(16, 0.25, 500 + t)
        res = govnet.assortativity_test(net, "x", n_permutations=R, seed=t)
        ps.append(res.p_greater)
    assert kstest(ps, "uniform").pvalue > 0.001
    # reproducible, and a different seed gives other draws
    net = make_net(16, 0.25, 9)
    a = govnet.assortativity_test(net, "group", n_permutations=50, seed=4, keep_null=True)
    b = govnet.assortativity_test(net, "group", n_permutations=50, seed=4, keep_null=True)
    c = govnet.assortativity_test(net, "group", n_permutations=50, seed=5, keep_null=True)
    np.testing.assert_array_equal(a.null_distribution, b.null_distribution)
    assert not np.array_equal(a.null_distribution, c.null_distribution)
    assert "AssortativityTest" in repr(a) and "<table>" in a._repr_html_()
    with pytest.raises(TypeError):
        govnet.assortativity_test(net, "group", n_permutations=1.5)


def test_assortativity_test_strong_homophily():
    res = govnet.assortativity_test(govnet.datasets.karate(), "club", n_permutations=199, seed=1)
    assert res.p_greater == pytest.approx(1 / 200)
    assert res.p_less == pytest.approx(1.0)


@pytest.mark.parametrize("directed", [False, True])
def test_density_test_observed_is_the_blockmodel_image(directed):
    # blockmodel's image is checked against a brute-force count in test_blockmodel.py
    for t in range(4):
        net = make_net(13, 0.3, 40 + t, directed=directed, k=3)
        res = govnet.tier_density_test(net, "group", n_permutations=5, seed=t)
        bm = govnet.blockmodel(net, "group")
        np.testing.assert_allclose(res.observed.to_numpy(), bm.image.to_numpy(), atol=1e-12)
        assert len(res.table) == (9 if directed else 6)
        # every rewired graph keeps the number of ties: Σ null density × dyads = m
        ties = np.nan_to_num(res.null_mean.to_numpy()) * bm.dyads.to_numpy()
        total = ties.sum() if directed else np.triu(ties).sum()
        assert total == pytest.approx(net.num_ties("r"))


def test_assortativity_on_a_clique_is_label_free():
    # closed form: on a clique of c actors Newman's categorical r = −1/(c − 1) for any labels
    ids = [f"c{i}" for i in range(7)]
    clique = govnet.Network.from_frames(
        pd.DataFrame({"id": ids, "tier": "plural", "g": list("aabbbcd")}),
        pd.DataFrame(list(itertools.combinations(ids, 2)),
                     columns=["source", "target"]).assign(relation="r"),
        directed={"r": False})
    res = govnet.assortativity_test(clique, "g", n_permutations=30, seed=2)
    assert res.statistic == pytest.approx(-1 / 6)
    assert res.null_mean == pytest.approx(-1 / 6)
    assert res.null_sd == 0.0
    assert res.p_greater == 1.0 and res.p_less == 1.0
