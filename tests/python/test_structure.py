"""Structure measures against networkx, igraph, R sna fixtures and small numpy references."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govnet
from conftest import read_classic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# (edges file, nodes file, directed, weighted)
CLASSIC = {
    "karate": ("karate_edges.csv", "karate_nodes.csv", False, False),
    "florentine_marriage": ("florentine_marriage_edges.csv", "florentine_nodes.csv", False, False),
    "florentine_business": ("florentine_business_edges.csv", "florentine_nodes.csv", False, False),
    "kite": ("kite_edges.csv", "kite_nodes.csv", False, False),
    "krack_advice": ("krack_advice_edges.csv", "krack_nodes.csv", True, False),
    "krack_friendship": ("krack_friendship_edges.csv", "krack_nodes.csv", True, False),
    "random_dw": ("random_dw_edges.csv", "random_dw_nodes.csv", True, True),
}


def load(name: str) -> tuple[govnet.Network, nx.Graph]:
    edges_file, nodes_file, directed, weighted = CLASSIC[name]
    nodes = read_classic(nodes_file)
    edges = read_classic(edges_file)
    actors = nodes.assign(tier="plural")
    ties = edges[["source", "target"]].copy()
    ties["weight"] = edges["weight"].astype(float) if weighted else 1.0
    net = govnet.Network.from_frames(actors, ties, directed=directed)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(nodes["id"])  # keeps isolates (Pucci)
    for s, t, w in ties.itertuples(index=False):
        G.add_edge(s, t, weight=w)
    return net, G


def to_igraph(G: nx.Graph) -> ig.Graph:
    nodes = list(G)
    pos = {v: i for i, v in enumerate(nodes)}
    h = ig.Graph(n=len(nodes), edges=[(pos[u], pos[v]) for u, v in G.edges], directed=G.is_directed())
    h.es["weight"] = [d.get("weight", 1.0) for _, _, d in G.edges(data=True)]
    return h


def as_array(d: dict, G: nx.Graph) -> np.ndarray:
    return np.array([d[v] for v in G], dtype=float)


# ---------------------------------------------------------------------------
# k-cores


@pytest.mark.parametrize("name", list(CLASSIC))
def test_core_number_matches_networkx(name: str) -> None:
    net, G = load(name)
    got = govnet.core_number(net)
    ref = nx.core_number(G)
    assert got.index.tolist() == list(G)
    np.testing.assert_array_equal(got.to_numpy(), as_array(ref, G))
    assert got.dtype == np.int64


@pytest.mark.parametrize("name", ["krack_advice", "krack_friendship", "random_dw"])
@pytest.mark.parametrize("mode", ["all", "in", "out"])
def test_core_number_modes_match_igraph(name: str, mode: str) -> None:
    net, G = load(name)
    ref = to_igraph(G).coreness(mode=mode)
    np.testing.assert_array_equal(govnet.core_number(net, direction=mode).to_numpy(), ref)


@pytest.mark.parametrize("name", list(CLASSIC) [:0] + ["karate", "florentine_marriage",
                                                       "krack_advice", "krack_friendship",
                                                       "random_dw"])
def test_core_number_matches_sna_fixture(name: str) -> None:
    ref = pd.read_csv(FIXTURES / "sna_structure_kcores.csv", dtype={"id": str})
    ref = ref[ref["dataset"] == name].set_index("id")
    net, _ = load(name)
    for mode, col in (("all", "freeman"), ("in", "indegree"), ("out", "outdegree")):
        got = govnet.core_number(net, direction=mode)
        np.testing.assert_array_equal(got.to_numpy(), ref.loc[got.index, col].to_numpy())


# ---------------------------------------------------------------------------
# Burt's structural holes


def burt_reference(G: nx.Graph, weight: str | None) -> pd.DataFrame:
    """Dense numpy implementation of Burt (1992) from the formulas (independent of govnet)."""
    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=weight, nonedge=0.0)
    np.fill_diagonal(A, 0.0)
    M = A + A.T
    present = (nx.to_numpy_array(G, nodelist=nodes, weight=None) > 0)
    present = present | present.T
    np.fill_diagonal(present, False)
    rows = []
    for i in range(len(nodes)):
        nb = np.flatnonzero(present[i])
        if nb.size == 0:
            rows.append((np.nan, np.nan, np.nan, np.nan))
            continue
        s = M[i].sum()
        p = M[i] / s if s > 0 else np.zeros(len(nodes))
        P = np.divide(M, M.sum(axis=1, keepdims=True), out=np.zeros_like(M),
                      where=M.sum(axis=1, keepdims=True) > 0)
        mx = M.max(axis=1)
        local = np.array([(p[j] + sum(p[q] * P[q, j] for q in nb)) ** 2 for j in nb])
        red = np.array([sum(p[q] * (M[j, q] / mx[j] if mx[j] > 0 else 0.0) for q in nb) for j in nb])
        C = local.sum()
        es = float((1 - red).sum())
        N = nb.size
        if N == 1:
            h = 0.0
        else:
            r = local / (C / N)
            h = float(np.sum(np.where(r > 0, r * np.log(np.where(r > 0, r, 1)), 0.0)) / (N * math.log(N)))
        rows.append((C, es, es / N, h))
    return pd.DataFrame(rows, index=nodes, columns=["constraint", "effective_size", "efficiency",
                                                    "hierarchy"])


@pytest.mark.parametrize("name", list(CLASSIC))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_structural_holes_match_networkx_and_reference(name: str, weight: str | None) -> None:
    net, G = load(name)
    got = govnet.structural_holes(net, weight=weight)
    ref = burt_reference(G, weight)
    for col in ref.columns:
        np.testing.assert_allclose(got[col].to_numpy(), ref[col].to_numpy(), rtol=1e-12,
                                   atol=1e-14, err_msg=col)
    # networkx: constraint, and effective size through its node-by-node path
    # (networkx 3.6's all-nodes sparse path divides by the wrong row maximum on
    # weighted or directed graphs, so it is not a reference there).
    nxc = as_array(nx.constraint(G, weight=weight), G)
    nxe = as_array(nx.effective_size(G, nodes=list(G), weight=weight), G)
    # networkx's digraph bug: NaN for actors with in-ties only; compare the others.
    ok = ~np.isnan(nxc)
    np.testing.assert_allclose(got["constraint"].to_numpy()[ok], nxc[ok], rtol=1e-12)
    ok = ~np.isnan(nxe)
    np.testing.assert_allclose(got["effective_size"].to_numpy()[ok], nxe[ok], rtol=1e-12, atol=1e-12)
    contacts = np.array([len(set(nx.all_neighbors(G, v)) - {v}) for v in G], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        np.testing.assert_allclose(got["efficiency"], got["effective_size"] / contacts, rtol=1e-15)


@pytest.mark.parametrize("name", list(CLASSIC))
def test_constraint_matches_igraph(name: str) -> None:
    net, G = load(name)
    h = to_igraph(G)
    for weight in (None, "weight"):
        ref = np.array(h.constraint(weights=weight))
        got = govnet.constraint(net, weight=weight).to_numpy()
        both = ~np.isnan(got)
        np.testing.assert_allclose(got[both], ref[both], rtol=1e-12)
        assert np.isnan(got).sum() == sum(1 for v in G if G.degree(v) == 0)


def test_isolates_are_nan_and_in_only_actor_gets_values() -> None:
    net, G = load("florentine_marriage")
    holes = govnet.structural_holes(net)
    assert holes.loc["Pucci"].isna().all()
    assert holes.drop("Pucci").notna().all().all()
    # a -> b, c -> b, a -> c: b has only in-ties. networkx 3.6's effective
    # size (node-by-node path) gives NaN there (its digraph bug); govnet gives values.
    D = nx.DiGraph([("a", "b"), ("c", "b"), ("a", "c")])
    got = govnet.structural_holes(D)
    assert math.isnan(nx.effective_size(D, nodes=list(D))["b"])
    np.testing.assert_allclose(got["constraint"], to_igraph(D).constraint(), rtol=1e-12)
    ref = burt_reference(D, None)
    np.testing.assert_allclose(got.to_numpy(), ref.to_numpy(), rtol=1e-12)
    assert not got.isna().any().any()


def test_hierarchy_closed_forms() -> None:
    star = nx.star_graph(4)  # centre 0 with 4 equal leaves: no hierarchy; leaves one contact
    h = govnet.hierarchy(star)
    assert h["0"] == pytest.approx(0.0, abs=1e-15)  # networkx node 0 -> actor id "0"
    assert (h.drop("0") == 0.0).all()
    # effective size of a star centre is its degree, of a clique member 1
    assert govnet.effective_size(star)["0"] == pytest.approx(4.0)
    assert govnet.effective_size(nx.complete_graph(5)).to_numpy() == pytest.approx(np.ones(5))
    assert govnet.efficiency(nx.complete_graph(5)).to_numpy() == pytest.approx(np.full(5, 0.25))


def graphs(directed: bool):
    @st.composite
    def build(draw):
        n = draw(st.integers(2, 14))
        pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
        chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
        ws = draw(st.lists(st.integers(1, 5), min_size=len(chosen), max_size=len(chosen)))
        G = nx.DiGraph() if directed else nx.Graph()
        G.add_nodes_from(range(n))
        for (i, j), w in zip(chosen, ws):
            G.add_edge(i, j, weight=float(w))
        return G
    return build()


@settings(max_examples=60, deadline=None)
@given(G=graphs(directed=False))
def test_hypothesis_undirected(G: nx.Graph) -> None:
    np.testing.assert_array_equal(govnet.core_number(G).to_numpy(), as_array(nx.core_number(G), G))
    for weight in (None, "weight"):
        got = govnet.structural_holes(G, weight=weight)
        np.testing.assert_allclose(got["constraint"], as_array(nx.constraint(G, weight=weight), G),
                                   rtol=1e-12)
        np.testing.assert_allclose(got["effective_size"],
                                   as_array(nx.effective_size(G, nodes=list(G), weight=weight), G),
                                   rtol=1e-12, atol=1e-12)
        ref = burt_reference(G, weight)
        np.testing.assert_allclose(got["hierarchy"], ref["hierarchy"], rtol=1e-10, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(G=graphs(directed=True))
def test_hypothesis_directed(G: nx.DiGraph) -> None:
    np.testing.assert_array_equal(govnet.core_number(G).to_numpy(), as_array(nx.core_number(G), G))
    h = to_igraph(G)
    for mode in ("in", "out"):
        np.testing.assert_array_equal(govnet.core_number(G, direction=mode).to_numpy(), h.coreness(mode=mode))
    for weight in (None, "weight"):
        got = govnet.structural_holes(G, weight=weight)
        ref = burt_reference(G, weight)
        for col in ref.columns:
            np.testing.assert_allclose(got[col], ref[col], rtol=1e-10, atol=1e-12, err_msg=col)
        c = np.array(h.constraint(weights=weight))
        ok = ~np.isnan(got["constraint"].to_numpy())
        np.testing.assert_allclose(got["constraint"].to_numpy()[ok], c[ok], rtol=1e-12)


def test_threads_do_not_change_results() -> None:
    # large enough that the core really starts two threads (small work runs on one)
    G = nx.barabasi_albert_graph(20000, 4, seed=7)
    net = govnet.Network.from_networkx(G, default_tier="plural")
    a = govnet.structural_holes(net, threads=1)
    b = govnet.structural_holes(net, threads=2)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    r1 = govnet.core_periphery(net, seed=3, restarts=4, threads=1)
    r2 = govnet.core_periphery(net, seed=3, restarts=4, threads=2)
    pd.testing.assert_series_equal(r1.partition, r2.partition)
    assert r1.fit == r2.fit


# ---------------------------------------------------------------------------
# Brokerage

SNA_COLUMNS = {"coordinator": "w_I", "itinerant": "w_O", "representative": "b_IO",
               "gatekeeper": "b_OI", "liaison": "b_O", "total": "t"}


@pytest.mark.parametrize("name, attr", [
    ("florentine_marriage", "group3"), ("florentine_business", "group3"),
    ("krack_advice", "dept"), ("krack_friendship", "dept"), ("random_dw", None),
    ("karate", "club")])
def test_brokerage_matches_sna(name: str, attr: str | None) -> None:
    ref = pd.read_csv(FIXTURES / "sna_structure_brokerage.csv", dtype={"id": str, "group": str})
    ref = ref[ref["dataset"] == name].set_index("id")
    net, _ = load(name)
    groups = ref["group"] if attr is None else attr
    got = govnet.brokerage(net, groups=groups)
    assert list(got.columns) == list(SNA_COLUMNS)
    for col, sna_col in SNA_COLUMNS.items():
        np.testing.assert_array_equal(got[col].to_numpy(), ref.loc[got.index, sna_col].to_numpy(),
                                      err_msg=col)
    assert got["total"].sum() > 0


def brokerage_reference(A: np.ndarray, g: np.ndarray) -> np.ndarray:
    n = len(A)
    out = np.zeros((n, 5), dtype=int)
    for i, j, k in itertools.permutations(range(n), 3):
        if A[i, j] and A[j, k] and not A[i, k]:
            if g[i] == g[j] == g[k]:
                out[j, 0] += 1
            elif g[i] == g[k]:
                out[j, 1] += 1
            elif g[i] == g[j]:
                out[j, 2] += 1
            elif g[j] == g[k]:
                out[j, 3] += 1
            else:
                out[j, 4] += 1
    return out


@settings(max_examples=40, deadline=None)
@given(G=graphs(directed=True), seed=st.integers(0, 1000))
def test_brokerage_hypothesis(G: nx.DiGraph, seed: int) -> None:
    rng = np.random.default_rng(seed)
    groups = pd.Series(rng.integers(0, 3, len(G)), index=[str(v) for v in G])
    A = nx.to_numpy_array(G, nodelist=list(G), weight=None)
    got = govnet.brokerage(G, groups=groups)
    ref = brokerage_reference(A, groups.to_numpy())
    np.testing.assert_array_equal(got.iloc[:, :5].to_numpy(), ref)


def test_brokerage_groups_errors_and_tier_default() -> None:
    net = govnet.datasets.nanshan()
    by_tier = govnet.brokerage(net, relation="all")
    assert set(by_tier.columns) == set(SNA_COLUMNS) and (by_tier["total"] >= 0).all()
    with pytest.raises(govnet.InvalidNetworkError, match="no actor attribute 'nope'"):
        govnet.brokerage(net, groups="nope")
    with pytest.raises(govnet.InvalidNetworkError, match="no value for actor"):
        govnet.brokerage(net, groups=pd.Series({"party_committee": "a"}))


# ---------------------------------------------------------------------------
# Core–periphery


def cp_fit(A: np.ndarray, core: np.ndarray, between: str) -> float:
    """Correlation of A with the ideal pattern over ordered pairs i != j (numpy)."""
    n = len(A)
    off = ~np.eye(n, dtype=bool)
    cc = np.outer(core, core)
    pp = np.outer(~core, ~core)
    if between == "ones":
        ideal = (~pp).astype(float)
        use = off
    else:
        ideal = cc.astype(float)
        use = off & (cc | pp)
    x, y = A[use], ideal[use]
    if x.std() == 0 or y.std() == 0:
        return -np.inf
    return float(np.corrcoef(x, y)[0, 1])


def exhaustive_best(A: np.ndarray, between: str) -> float:
    n = len(A)
    best = -np.inf
    for bits in range(1, 2 ** n):
        core = np.array([(bits >> i) & 1 for i in range(n)], dtype=bool)
        c = core.sum()
        if n - c < 2 or (between == "missing" and c < 2):
            continue
        best = max(best, cp_fit(A, core, between))
    return best


@pytest.mark.parametrize("between", ["ones", "missing"])
@pytest.mark.parametrize("name", ["kite", "random_dw"])
def test_discrete_core_periphery_exhaustive_on_classics(name: str, between: str) -> None:
    net, G = load(name)
    A = nx.to_numpy_array(G, nodelist=list(G), weight=None)
    res = govnet.core_periphery(net, between=between, seed=1)
    core = (res.partition == "core").to_numpy()
    assert res.fit == pytest.approx(cp_fit(A, core, between), abs=1e-12)
    assert res.fit == pytest.approx(exhaustive_best(A, between), abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(G=st.one_of(graphs(directed=False), graphs(directed=True)),
       between=st.sampled_from(["ones", "missing"]), weighted=st.booleans())
def test_discrete_core_periphery_exhaustive_hypothesis(G: nx.Graph, between: str, weighted: bool) -> None:
    n = len(G)
    if n < 5 or G.number_of_edges() == 0 or n > 11:
        return
    A = nx.to_numpy_array(G, nodelist=list(G), weight="weight" if weighted else None)
    if np.all(A[~np.eye(n, dtype=bool)] == A[0, 1]):
        return  # no variance
    best = exhaustive_best(A, between)
    if not np.isfinite(best):
        return
    res = govnet.core_periphery(G, between=between, weight="weight" if weighted else None, seed=5)
    core = (res.partition == "core").to_numpy()
    assert res.fit == pytest.approx(cp_fit(A, core, between), abs=1e-12)
    assert res.fit == pytest.approx(best, abs=1e-12)


def continuous_fit(A: np.ndarray, c: np.ndarray) -> float:
    n = len(A)
    off = ~np.eye(n, dtype=bool)
    return float(np.corrcoef(A[off], np.outer(c, c)[off])[0, 1])


@pytest.mark.parametrize("name", ["karate", "kite", "florentine_marriage", "krack_advice", "random_dw"])
def test_continuous_core_periphery_against_scipy(name: str) -> None:
    from scipy.optimize import minimize

    net, G = load(name)
    weight = "weight" if name == "random_dw" else None
    A = nx.to_numpy_array(G, nodelist=list(G), weight=weight)
    res = govnet.core_periphery(net, model="continuous", weight=weight)
    c = res.coreness.to_numpy()
    assert res.partition is None
    assert (c >= 0).all() and np.linalg.norm(c) == pytest.approx(1.0)
    assert res.fit == pytest.approx(continuous_fit(A, c), abs=1e-8)
    # The coreness minimises sum_{i != j} (a_ij - c_i c_j)^2 up to scale: an
    # independent optimiser (scipy L-BFGS from several starts) finds no lower residual.
    off = ~np.eye(len(A), dtype=bool)

    def resid(v: np.ndarray) -> float:
        return float(((A - np.outer(v, v))[off] ** 2).sum())

    # govnet reports unit norm; the least-squares scale is (c.A_sym.c) / sum_{i!=j} c_i^2 c_j^2.
    scale = np.sqrt((np.outer(c, c)[off] * A[off]).sum() / (np.outer(c, c)[off] ** 2).sum())
    rng = np.random.default_rng(0)
    starts = [A.sum(0) + A.sum(1) + 0.1] + [rng.random(len(A)) for _ in range(3)]
    fits = [minimize(resid, x0 / np.linalg.norm(x0), method="L-BFGS-B",
                     options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10000}) for x0 in starts]
    best = min(fits, key=lambda r: r.fun)
    assert resid(scale * c) <= best.fun + 1e-9 * (1 + best.fun)
    ref = np.abs(best.x) / np.linalg.norm(best.x)
    np.testing.assert_allclose(c, ref, atol=1e-5)


def test_core_periphery_result_repr_and_errors() -> None:
    net, G = load("karate")
    res = govnet.core_periphery(net, seed=2)
    assert "fit=" in repr(res) and "core size" in repr(res)
    assert "<table>" in res._repr_html_()
    assert set(res.core) <= set(net.actor_ids)
    with pytest.raises(AttributeError):
        res.fit = 0.0  # frozen
    # a star is a perfect core-periphery structure (between="ones")
    star = govnet.core_periphery(nx.star_graph(6), seed=0)
    assert star.core == ["0"] and star.fit == pytest.approx(1.0)
    with pytest.raises(govnet.InvalidParameterError, match="model"):
        govnet.core_periphery(net, model="nope")
    with pytest.raises(govnet.InvalidNetworkError, match="no ties"):
        govnet.core_periphery(nx.empty_graph(5))
    with pytest.raises(govnet.InvalidParameterError, match="direction must be"):
        govnet.core_number(net, direction="both")


def test_relation_argument_selects_layers() -> None:
    net = govnet.datasets.nanshan()
    ties = net.ties("leadership")
    D = nx.DiGraph()
    D.add_nodes_from(net.actor_ids)
    D.add_edges_from(zip(ties["source"], ties["target"]))
    nx.set_node_attributes(D, dict(net.actors["tier"]), "tier")
    got = govnet.brokerage(net, relation="leadership")
    ref = govnet.brokerage(D)
    pd.testing.assert_frame_equal(got, ref.loc[got.index])
    A = nx.to_numpy_array(D, nodelist=list(net.actor_ids), weight=None)
    codes = pd.factorize(net.actors["tier"])[0]
    np.testing.assert_array_equal(got.iloc[:, :5].to_numpy(), brokerage_reference(A, codes))
    both = govnet.core_number(net, relation=["leadership", "deliberation"])
    # the aggregate is directed (leadership is): networkx counts in + out degree
    Dg = nx.DiGraph()
    Dg.add_nodes_from(net.actor_ids)
    for rel in ("leadership", "deliberation"):
        t = net.ties(rel)
        Dg.add_edges_from(zip(t["source"], t["target"]))
        if not net.relation_spec(rel).directed:
            Dg.add_edges_from(zip(t["target"], t["source"]))
    ref_k = nx.core_number(Dg)
    np.testing.assert_array_equal(both.to_numpy(), [ref_k[v] for v in net.actor_ids])
