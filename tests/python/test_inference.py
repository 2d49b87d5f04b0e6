"""Inference (QAP, MRQAP, permutation tests, E-I, Krackhardt hierarchy) against
R sna fixtures (tests/fixtures/make_sna_fixtures_inference.R), exact
enumeration and small numpy references."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import govnet
import numpy as np
import pandas as pd
import pytest
from conftest import CLASSIC
from govnet import _core
from govnet.errors import InvalidNetworkError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "inference"


@pytest.fixture(scope="module")
def sna() -> dict[str, float]:
    t = pd.read_csv(FIX / "sna_values.csv", dtype={"value": float})
    return {f"{c}/{k}": v for c, k, v in zip(t["case"], t["key"], t["value"])}


def vec(sna: dict[str, float], case: str, key: str) -> np.ndarray:
    out = []
    i = 0
    while f"{case}/{key}[{i}]" in sna:
        out.append(sna[f"{case}/{key}[{i}]"])
        i += 1
    return np.array(out if out else [sna[f"{case}/{key}"]])


def rand(name: str) -> np.ndarray:
    return np.loadtxt(FIX / f"rand_{name}.csv", delimiter=",")


def florentine() -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    nodes = pd.read_csv(CLASSIC / "florentine_nodes.csv")
    ids = list(nodes["id"])

    def adj(file: str) -> pd.DataFrame:
        e = pd.read_csv(CLASSIC / file)
        m = pd.DataFrame(0.0, index=ids, columns=ids)
        for s, t in zip(e["source"], e["target"]):
            m.loc[s, t] = m.loc[t, s] = 1.0
        return m

    w = nodes["wealth"].to_numpy(float)
    return (
        adj("florentine_marriage_edges.csv"),
        adj("florentine_business_edges.csv"),
        np.abs(w[:, None] - w[None, :]),
    )


def florentine_network() -> govnet.Network:
    nodes = pd.read_csv(CLASSIC / "florentine_nodes.csv").assign(tier="plural")
    ties = pd.concat(
        [
            pd.read_csv(CLASSIC / "florentine_marriage_edges.csv").assign(relation="marriage"),
            pd.read_csv(CLASSIC / "florentine_business_edges.csv").assign(relation="business"),
        ]
    )
    return govnet.Network.from_frames(nodes, ties, directed=False)


def mc_close(p: float, q: float, r1: int, r2: int, z: float = 4.5) -> bool:
    """Two Monte Carlo p-values agree within z standard errors."""
    pbar = (p + q) / 2
    return abs(p - q) <= z * math.sqrt(max(pbar * (1 - pbar), 1e-4) * (1 / r1 + 1 / r2)) + 1e-9


# ---------------------------------------------------------------------------
# QAP correlation


def test_gcor_matches_sna_exactly(sna):
    mar, bus, _ = florentine()
    assert govnet.qap_correlation(mar, bus) == pytest.approx(sna["flo/gcor_graph"], abs=1e-13)
    assert govnet.qap_correlation(mar, bus, directed=True) == pytest.approx(
        sna["flo/gcor_digraph"], abs=1e-13
    )
    assert govnet.qap_correlation(rand("x1"), rand("y")) == pytest.approx(
        sna["rand/gcor_x1_y"], abs=1e-13
    )
    assert govnet.qap_correlation(rand("x2"), rand("ylin")) == pytest.approx(
        sna["rand/gcor_x2_ylin"], abs=1e-13
    )


def test_gcor_from_network_layers_and_label_alignment(sna):
    net = florentine_network()
    r = govnet.qap_correlation((net, "marriage"), (net, "business"))
    assert r == pytest.approx(sna["flo/gcor_graph"], abs=1e-13)
    mar, bus, _ = florentine()
    shuffled = bus.iloc[::-1, ::-1]  # same labels, other order: aligned by label
    assert govnet.qap_correlation(mar, shuffled) == pytest.approx(r, abs=1e-13)
    assert govnet.qap_correlation((net, "marriage"), shuffled) == pytest.approx(r, abs=1e-13)


def test_gcor_numpy_reference_valued_directed():
    rng = np.random.default_rng(5)
    for n in (3, 7, 20):
        x = rng.normal(size=(n, n))
        y = rng.poisson(1.0, size=(n, n)).astype(float)
        off = ~np.eye(n, dtype=bool)
        ref = np.corrcoef(x[off], y[off])[0, 1]
        assert govnet.qap_correlation(x, y) == pytest.approx(ref, abs=1e-12)


@pytest.mark.parametrize("case,a,b", [("flo", "mar", "bus"), ("rand", "x2", "ylin")])
def test_qap_p_values_match_sna_within_monte_carlo(sna, case, a, b):
    if case == "flo":
        mar, bus, _ = florentine()
        x, y = mar, bus
    else:
        x, y = rand(a), rand(b)
    R = 5000
    res = govnet.qap_test(x, y, n_permutations=R, seed=11, p_convention="sna")
    assert mc_close(res.p_greater, sna[f"{case}/qap_pgreq"], R, 5000)
    assert mc_close(res.p_less, sna[f"{case}/qap_pleeq"], R, 5000)
    sd = sna[f"{case}/qap_null_sd"]
    assert res.null_mean == pytest.approx(sna[f"{case}/qap_null_mean"], abs=5 * sd / math.sqrt(R))
    assert res.null_sd == pytest.approx(sd, rel=0.06)


def test_qap_null_is_the_exact_permutation_distribution():
    # n = 4 directed: 24 relabellings. Every null draw must be one of their
    # correlations, and the p-values must match exact enumeration.
    rng = np.random.default_rng(3)
    n = 4
    x = rng.normal(size=(n, n))
    y = rng.normal(size=(n, n))
    off = ~np.eye(n, dtype=bool)
    exact = np.array(
        [np.corrcoef(x[off], y[np.ix_(p, p)][off])[0, 1] for p in itertools.permutations(range(n))]
    )
    obs = np.corrcoef(x[off], y[off])[0, 1]
    R = 20000
    res = govnet.qap_test(x, y, n_permutations=R, seed=2, keep_null=True, p_convention="sna")
    assert res.statistic == pytest.approx(obs, abs=1e-12)
    null = res.null_distribution
    assert np.abs(null[:, None] - exact[None, :]).min(axis=1).max() < 1e-12
    p_exact = np.mean(exact >= obs - 1e-12)
    assert mc_close(res.p_greater, p_exact, R, 10**9)
    assert mc_close(res.p_two_sided, np.mean(np.abs(exact) >= abs(obs) - 1e-12), R, 10**9)


def test_qap_binary_ties_are_counted_as_ties():
    # Identical binary relations: r = 1 and the null reaches 1 only for automorphisms;
    # p_less must then be 1 exactly (every draw <= 1 despite rounding).
    mar, _, _ = florentine()
    res = govnet.qap_test(mar, mar, n_permutations=500, seed=1)
    assert res.statistic == pytest.approx(1.0)
    assert res.p_less == 1.0


def test_qap_p_values_uniform_under_true_null():
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(20261128)
    ps = []
    for k in range(200):
        x = rng.normal(size=(8, 8))
        y = rng.normal(size=(8, 8))
        ps.append(govnet.qap_test(x, y, n_permutations=199, seed=k, threads=1).p_greater)
    assert stats.kstest(ps, "uniform").pvalue > 0.01


# ---------------------------------------------------------------------------
# MRQAP


def _check_netlm(fit, sna, case, R_sna, tol=1e-8):
    t = fit.table
    np.testing.assert_allclose(t["coef"], vec(sna, case, "coef"), rtol=tol, atol=tol)
    np.testing.assert_allclose(t["std_error"], vec(sna, case, "se"), rtol=tol, atol=tol)
    np.testing.assert_allclose(t["statistic"], vec(sna, case, "tstat"), rtol=tol, atol=tol)
    for ours, theirs in (("p_greater", "pgreq"), ("p_less", "pleeq"), ("p_two_sided", "pgreqabs")):
        for p, q in zip(t[ours], vec(sna, case, theirs)):
            assert mc_close(p, q, fit.n_permutations, R_sna), (ours, p, q)


@pytest.mark.parametrize("method,nh", [("dsp", "qapspp"), ("qapy", "qapy")])
def test_netlm_random_directed(sna, method, nh):
    fit = govnet.mrqap(
        rand("ylin"),
        [rand("x1"), rand("x2"), rand("x3")],
        method=method,
        n_permutations=3000,
        seed=7,
        p_convention="sna",
    )
    case = f"rand_netlm_{nh}"
    _check_netlm(fit, sna, case, 5000)
    assert fit.r_squared == pytest.approx(sna[f"{case}/r2"], abs=1e-10)
    assert list(fit.table["term"]) == ["(intercept)", "x1", "x2", "x3"]


@pytest.mark.parametrize("directed,mode", [(True, "digraph"), (False, "graph")])
def test_netlm_symmetric_pairs_counted_as_sna(sna, directed, mode):
    mar, bus, wdiff = florentine()
    fit = govnet.mrqap(
        mar, {"business": bus, "wealth_diff": wdiff}, directed=directed, n_permutations=3000, seed=9,
        p_convention="sna",
    )
    case = f"flo_netlm_{mode}"
    _check_netlm(fit, sna, case, 5000)
    assert fit.n_obs == (240 if directed else 120)
    assert fit.r_squared == pytest.approx(sna[f"{case}/r2"], abs=1e-10)


def test_netlm_default_counts_undirected_pairs_once(sna):
    mar, bus, wdiff = florentine()
    fit = govnet.mrqap(mar, [bus, wdiff], n_permutations=10, seed=1)
    assert not fit.directed
    np.testing.assert_allclose(fit.table["std_error"], vec(sna, "flo_netlm_graph", "se"), rtol=1e-8)


def test_netlm_coefficients_against_numpy_lstsq():
    rng = np.random.default_rng(1)
    n = 9
    y, a, b = rng.normal(size=(3, n, n))
    off = ~np.eye(n, dtype=bool)
    X = np.column_stack([np.ones(off.sum()), a[off], b[off]])
    beta, *_ = np.linalg.lstsq(X, y[off], rcond=None)
    fit = govnet.mrqap(y, [a, b], n_permutations=10, seed=1)
    np.testing.assert_allclose(fit.table["coef"], beta, rtol=1e-10)


@pytest.mark.parametrize("method,nh", [("dsp", "qapspp"), ("qapy", "qapy")])
def test_netlogit_random(sna, method, nh):
    R_sna = 2000 if nh == "qapy" else 1000
    fit = govnet.mrqap(
        rand("y"),
        [rand("x1"), rand("x2"), rand("x3")],
        family="logistic",
        method=method,
        n_permutations=1000,
        seed=3,
        p_convention="sna",
    )
    case = f"rand_netlogit_{nh}"
    # govnet's IRLS follows glm.fit (inside netlogit): same start, same stopping
    # rule (relative deviance change < 1e-8), standard errors from the last solve.
    _check_netlm(fit, sna, case, R_sna, tol=1e-8)
    assert fit.deviance == pytest.approx(sna[f"{case}/deviance"], rel=1e-10)
    assert fit.aic == pytest.approx(sna[f"{case}/aic"], rel=1e-10)
    assert fit.bic == pytest.approx(sna[f"{case}/bic"], rel=1e-10)
    # sna's null.deviance is that of p = 1/2 (glm without the intercept, which sna
    # passes as a column): 2 m log 2. govnet's is the intercept-only model's.
    assert sna[f"{case}/null_deviance"] == pytest.approx(2 * fit.n_obs * math.log(2), rel=1e-12)
    yv = rand("y")[~np.eye(14, dtype=bool)]
    p = yv.mean()
    ref = -2 * np.sum(yv * np.log(p) + (1 - yv) * np.log(1 - p))
    assert fit.null_deviance == pytest.approx(ref, rel=1e-12)


# ---------------------------------------------------------------------------
# determinism across threads


def test_results_identical_for_any_thread_count():
    rng = np.random.default_rng(4)
    x = (rng.random((30, 30)) < 0.2).astype(float)
    y = rng.normal(size=(30, 30))
    a = govnet.qap_test(x, y, n_permutations=400, seed=5, threads=1, keep_null=True)
    b = govnet.qap_test(x, y, n_permutations=400, seed=5, threads=2, keep_null=True)
    assert np.array_equal(a.null_distribution, b.null_distribution) and a == b
    for kw in ({"method": "dsp"}, {"method": "qapy"}, {"family": "logistic", "method": "dsp"}):
        yy = x if kw.get("family") == "logistic" else y
        f1 = govnet.mrqap(
            yy, [x.T, y.T], n_permutations=60, seed=5, threads=1, keep_null=True, **kw
        )
        f2 = govnet.mrqap(
            yy, [x.T, y.T], n_permutations=60, seed=5, threads=2, keep_null=True, **kw
        )
        assert f1.null_distribution.equals(f2.null_distribution)
        pd.testing.assert_frame_equal(f1.table, f2.table)
    net = florentine_network()
    for null in ("label", "rewire", "gnm"):
        p1 = govnet.permutation_test(
            net,
            "betweenness",
            relation="marriage",
            actors=["Medici"],
            null=null,
            n_permutations=100,
            seed=8,
            threads=1,
            keep_null=True,
        )
        p2 = govnet.permutation_test(
            net,
            "betweenness",
            relation="marriage",
            actors=["Medici"],
            null=null,
            n_permutations=100,
            seed=8,
            threads=2,
            keep_null=True,
        )
        assert np.array_equal(p1.null_distribution, p2.null_distribution)
    e1 = govnet.ei_index(
        net, "group3", relation="marriage", n_permutations=200, seed=1, threads=1, keep_null=True
    )
    e2 = govnet.ei_index(
        net, "group3", relation="marriage", n_permutations=200, seed=1, threads=2, keep_null=True
    )
    assert e1.null_distribution.equals(e2.null_distribution)


# ---------------------------------------------------------------------------
# null graphs and node permutation tests


def _adj(g) -> np.ndarray:
    n = g.num_nodes
    a = np.zeros((n, n), dtype=int)
    s, t, _ = g.edges()
    np.add.at(a, (s, t), 1)
    if not g.directed:
        np.add.at(a, (t, s), 1)
    return a


@pytest.mark.parametrize("directed", [False, True])
def test_rewiring_keeps_degrees_and_simplicity(directed):
    rng = np.random.default_rng(2)
    n = 40
    s, t = np.nonzero(np.triu(rng.random((n, n)) < 0.1, 1))
    if directed:
        flip = rng.random(s.size) < 0.5
        s, t = np.where(flip, t, s), np.where(flip, s, t)
    g = _core.CsrGraph.build(n, s.astype(np.int32), t.astype(np.int32), directed=directed)
    a = _adj(g)
    changed = 0
    for i in range(5):
        h = _core.null_graph(g, "rewire", 1, i)
        b = _adj(h)
        assert b.max() == 1 and np.trace(b) == 0 and h.directed == directed
        np.testing.assert_array_equal(b.sum(axis=1), a.sum(axis=1))
        np.testing.assert_array_equal(b.sum(axis=0), a.sum(axis=0))
        changed += int((a != b).sum())
        k = _core.null_graph(g, "gnm", 1, i)
        c = _adj(k)
        assert k.num_edges == g.num_edges and c.max() == 1 and np.trace(c) == 0
    assert changed > 0


def test_gnm_is_uniform_over_pairs():
    # G(n, m) with n = 5, m = 1 (undirected): each of the 10 pairs equally likely.
    g = _core.CsrGraph.build(5, np.array([0], np.int32), np.array([1], np.int32))
    counts = np.zeros((5, 5))
    R = 5000
    for i in range(R):
        counts += np.triu(_adj(_core.null_graph(g, "gnm", 3, i)))
    freq = counts[np.triu_indices(5, 1)] / R
    assert np.all(np.abs(freq - 0.1) < 4.5 * math.sqrt(0.09 / R))


def test_label_null_degree_matches_exact_p():
    # One actor, label null: the null is the degree of a uniformly random actor.
    net = florentine_network()
    deg = govnet.degree_centrality(net, relation="marriage")
    R = 20000
    res = govnet.permutation_test(
        net, "degree", relation="marriage", actors=["Medici"], n_permutations=R, seed=4
    )
    assert res.statistic == pytest.approx(deg["Medici"])
    exact = float(np.mean(deg.to_numpy() >= deg["Medici"] - 1e-12))
    assert mc_close(res.p_greater, exact, R, 10**9)
    assert res.null_mean == pytest.approx(deg.mean(), abs=4.5 * deg.std() / math.sqrt(R))


def test_callable_statistic_sees_the_same_null_graphs():
    net = florentine_network()
    built_in = govnet.permutation_test(
        net,
        "betweenness",
        relation="marriage",
        actors=["Medici"],
        null="rewire",
        n_permutations=30,
        seed=6,
        keep_null=True,
    )

    def medici_betweenness(h: govnet.Network) -> float:
        return float(govnet.betweenness_centrality(h, relation="marriage")["Medici"])

    user = govnet.permutation_test(
        net,
        medici_betweenness,
        relation="marriage",
        null="rewire",
        n_permutations=30,
        seed=6,
        keep_null=True,
    )
    assert user.statistic == pytest.approx(built_in.statistic, abs=1e-12)
    np.testing.assert_allclose(user.null_distribution, built_in.null_distribution, atol=1e-12)
    assert "medici_betweenness" in repr(user)


def test_core_tier_is_the_default_target():
    net = govnet.datasets.nanshan()
    res = govnet.permutation_test(net, "degree", relation="leadership", n_permutations=50, seed=1)
    assert res.actors == tuple(net.tier_of("core"))


# ---------------------------------------------------------------------------
# Krackhardt hierarchy and E-I index


@pytest.mark.parametrize(
    "name,file,directed",
    [
        ("krack_reports_to", "krack_reports_to_edges.csv", True),
        ("krack_advice", "krack_advice_edges.csv", True),
        ("krack_friendship", "krack_friendship_edges.csv", True),
        ("random_dw", "random_dw_edges.csv", True),
        ("florentine_marriage", None, False),
    ],
)
def test_krackhardt_measures_match_sna(sna, name, file, directed):
    if file is None:
        net = florentine_network()
        h = govnet.krackhardt_hierarchy(net, relation="marriage")
    else:
        nodes_file = "random_dw_nodes.csv" if name == "random_dw" else "krack_nodes.csv"
        nodes = pd.read_csv(CLASSIC / nodes_file, dtype=str).assign(tier="plural")
        ties = pd.read_csv(CLASSIC / file, dtype={"source": str, "target": str})
        net = govnet.Network.from_frames(
            nodes[["id", "tier"]], ties[["source", "target"]], directed=directed
        )
        h = govnet.krackhardt_hierarchy(net)
    for key in ("connectedness", "hierarchy", "efficiency", "lubness"):
        ref = sna[f"krack_{name}/{key}"]
        got = getattr(h, key)
        assert (math.isnan(ref) and math.isnan(got)) or got == pytest.approx(ref, abs=1e-12), key


def test_hierarchy_permutation_test_runs_and_refuses_label_null():
    net = govnet.datasets.nanshan()
    res = govnet.permutation_test(
        net, "hierarchy", relation="leadership", null="gnm", n_permutations=50, seed=1
    )
    assert res.statistic == 1.0 and 0 <= res.p_greater <= 1
    with pytest.raises(govnet.InvalidNetworkError, match="unchanged"):
        govnet.permutation_test(net, "hierarchy", relation="leadership", null="label")


def test_ei_index_hand_count():
    net = florentine_network()
    groups = net.actors["group3"].astype(str)
    e = pd.read_csv(CLASSIC / "florentine_marriage_edges.csv")
    gs, gt = groups[e["source"]].to_numpy(), groups[e["target"]].to_numpy()
    E, I = int((gs != gt).sum()), int((gs == gt).sum())
    res = govnet.ei_index(net, "group3", relation="marriage", n_permutations=200, seed=1)
    assert (res.external, res.internal) == (E, I)
    assert res.ei == pytest.approx((E - I) / (E + I))
    for g in sorted(set(groups)):
        ext = int(((gs == g) != (gt == g)).sum())
        internal = int(((gs == g) & (gt == g)).sum())
        row = res.groups.loc[g]
        assert (row["external"], row["internal"]) == (ext, internal)
        assert row["ei"] == pytest.approx((ext - internal) / (ext + internal))
    mapping = groups.to_dict()
    again = govnet.ei_index(net, mapping, relation="marriage", n_permutations=200, seed=1)
    assert again.ei == res.ei and again.p_greater == res.p_greater


# ---------------------------------------------------------------------------
# bad input and display


def test_bad_input_is_named():
    x = np.zeros((4, 4))
    with pytest.raises(govnet.InvalidNetworkError, match="square"):
        govnet.qap_test(np.zeros((3, 4)), x)
    with pytest.raises(govnet.InvalidNetworkError, match="actors"):
        govnet.qap_test(np.zeros((5, 5)), x)
    asym = np.arange(16.0).reshape(4, 4)
    with pytest.raises(govnet.InvalidNetworkError, match="not symmetric"):
        govnet.qap_test(asym, asym.T, directed=False)
    with pytest.raises(govnet.InvalidNetworkError, match="constant"):
        govnet.qap_test(x, asym)
    with pytest.raises(govnet.InvalidNetworkError, match="binary"):
        govnet.mrqap(asym, [asym.T], family="logistic")
    with pytest.raises(govnet.InvalidParameterError, match="method"):
        govnet.mrqap(asym, [asym.T], method="qapx")
    with pytest.raises(govnet.InvalidParameterError, match="n_permutations"):
        govnet.qap_test(asym, asym.T, n_permutations=0)
    a = pd.DataFrame(asym, index=list("abcd"), columns=list("abcd"))
    b = pd.DataFrame(asym, index=list("abce"), columns=list("abce"))
    with pytest.raises(govnet.InvalidNetworkError, match="labels"):
        govnet.qap_correlation(a, b)
    with pytest.raises(ValueError, match="collinear"):
        govnet.mrqap(asym, [asym.T, 2 * asym.T], n_permutations=10)


def test_results_display():
    mar, bus, _ = florentine()
    q = govnet.qap_test(mar, bus, n_permutations=50, seed=1)
    assert "QAPResult(r=" in repr(q) and "<table>" in q._repr_html_()
    with pytest.raises(AttributeError):
        q.statistic = 0  # frozen
    f = govnet.mrqap(mar, {"business": bus}, n_permutations=50, seed=1)
    assert "business" in repr(f) and "business" in f._repr_html_()
    assert "KrackhardtHierarchy" in repr(govnet.krackhardt_hierarchy(florentine_network(), relation="all"))


def test_ei_permutation_p_value_matches_exact_enumeration():
    # 6 actors, groups of 3 and 3: the label-permutation null has 20 equally likely
    # partitions; compare govnet's Monte Carlo p with the exact one.
    ties = [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (1, 4)]
    net = govnet.Network.from_arrays(
        np.array([a for a, _ in ties]), np.array([b for _, b in ties]), actors=6
    , duplicates="sum", self_loops="drop")
    groups = {str(i): "A" if i < 3 else "B" for i in range(6)}

    def ei(lab):
        e = sum(lab[a] != lab[b] for a, b in ties)
        return (e - (len(ties) - e)) / len(ties)

    obs = ei([groups[str(i)] for i in range(6)])
    null = []
    for members in itertools.combinations(range(6), 3):
        null.append(ei(["A" if i in members else "B" for i in range(6)]))
    null = np.array(null)
    R = 20000
    res = govnet.ei_index(net, groups, n_permutations=R, seed=2)
    assert res.ei == pytest.approx(obs)
    assert mc_close(res.p_less, float(np.mean(null <= obs + 1e-12)), R, 10**9)
    assert mc_close(res.p_greater, float(np.mean(null >= obs - 1e-12)), R, 10**9)
    assert res.null_mean == pytest.approx(null.mean(), abs=0.01)


def test_gcor_property_against_numpy():
    hyp = pytest.importorskip("hypothesis")
    st = pytest.importorskip("hypothesis.strategies")

    @hyp.settings(max_examples=60, deadline=None)
    @hyp.given(n=st.integers(3, 9), seed=st.integers(0, 2**32 - 1), sym=st.booleans())
    def check(n, seed, sym):
        rng = np.random.default_rng(seed)
        x = rng.integers(0, 3, size=(n, n)).astype(float)
        y = rng.normal(size=(n, n))
        if sym:
            x, y = np.triu(x, 1) + np.triu(x, 1).T, np.triu(y, 1) + np.triu(y, 1).T
        cells = np.triu(np.ones((n, n), bool), 1) if sym else ~np.eye(n, dtype=bool)
        if np.ptp(x[cells]) == 0:
            return
        ref = np.corrcoef(x[cells], y[cells])[0, 1]
        assert govnet.qap_correlation(x, y) == pytest.approx(ref, abs=1e-12)
        res = govnet.qap_test(x, y, n_permutations=20, seed=seed, keep_null=True)
        assert res.directed == (not sym)
        assert np.all(np.abs(res.null_distribution) <= 1 + 1e-12)

    check()


def _sparse_two_layer_network(n: int, seed: int) -> tuple[govnet.Network, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    ids = [f"a{i}" for i in range(n)]
    frames, mats = [], []
    for rel, directed, p in (("advice", True, 0.02), ("friend", False, 0.03)):
        m = (rng.random((n, n)) < p) * rng.integers(1, 4, size=(n, n)).astype(float)
        np.fill_diagonal(m, 0.0)
        if not directed:
            m = np.triu(m, 1)
        s, t = np.nonzero(m)
        frames.append(pd.DataFrame({"source": [ids[i] for i in s], "target": [ids[j] for j in t],
                                    "weight": m[s, t], "relation": rel}))
        mats.append(m if directed else m + m.T)
    net = govnet.Network.from_frames(pd.DataFrame({"id": ids, "tier": "plural"}), pd.concat(frames),
                                     directed={"advice": True, "friend": False})
    return net, mats[0], mats[1]


@pytest.mark.parametrize("pair", [("advice", "friend"), ("friend", "advice")])
def test_qap_reads_sparse_layers_without_a_dense_matrix(pair, monkeypatch):
    # Network layers go to _core.qap_test_sparse (no n x n matrix); the result equals
    # the dense path on the same matrices: same permutations, statistic to rounding.
    net, adv, fr = _sparse_two_layer_network(150, 4)
    mats = {"advice": adv, "friend": fr}
    a, b = pair
    called = []
    real = _core.qap_test_sparse
    monkeypatch.setattr(_core, "qap_test_sparse", lambda *a_, **k: called.append(1) or real(*a_, **k))
    sparse = govnet.qap_test((net, a), (net, b), n_permutations=300, seed=5, keep_null=True)
    assert called
    dense = govnet.qap_test(mats[a], mats[b], n_permutations=300, seed=5, keep_null=True)
    assert sparse.directed == dense.directed
    assert sparse.statistic == pytest.approx(dense.statistic, abs=1e-13)
    np.testing.assert_allclose(sparse.null_distribution, dense.null_distribution, atol=1e-12)
    assert (sparse.p_greater, sparse.p_less, sparse.p_two_sided) == (
        dense.p_greater, dense.p_less, dense.p_two_sided)
    assert sparse.statistic == pytest.approx(govnet.qap_correlation(mats[a], mats[b]), abs=1e-13)


def test_qap_sparse_cells_are_checked():
    with pytest.raises(InvalidNetworkError, match="twice"):
        _core.qap_test_sparse([0, 0], [1, 1], [1.0, 1.0], [0], [2], [1.0], 3)
    with pytest.raises(InvalidNetworkError, match="out of range"):
        _core.qap_test_sparse([0], [5], [1.0], [0], [2], [1.0], 3)
