"""Node centralities and graph-level measures against networkx, igraph, numpy and R sna.

Reference values come from independent implementations run on the fly (networkx,
python-igraph, dense numpy/scipy linear algebra) and from R sna fixtures made by
tests/fixtures/make_sna_fixtures_centrality.R. Tolerance: 1e-9 relative.
"""

import math
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.sparse.csgraph import shortest_path

import govnet
from conftest import read_classic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RTOL = 1e-9


def _edges_frame(name):
    e = read_classic(name)
    if "weight" in e:
        e["weight"] = e["weight"].astype(float)
    return e


def load(name):
    """(govnet Network, networkx graph) for a classic data set, all actors kept."""
    directed = name in ("krack_advice", "random_dw")
    if name == "davis_projected":
        inc = read_classic("davis_incidence.csv")
        women = list(read_classic("davis_women.csv")["id"])
        b = nx.Graph()
        b.add_nodes_from(women, bipartite=0)
        b.add_edges_from(zip(inc["woman"], inc["event"]))
        g = nx.bipartite.weighted_projected_graph(b, women)
        edges = pd.DataFrame([(u, v, float(d["weight"])) for u, v, d in g.edges(data=True)],
                             columns=["source", "target", "weight"])
        nodes = women
    else:
        nodes_file = {"florentine_marriage": "florentine_nodes.csv",
                      "krack_advice": "krack_nodes.csv"}.get(name, f"{name}_nodes.csv")
        nodes = list(read_classic(nodes_file)["id"])
        edges = _edges_frame(f"{name}_edges.csv")
        g = nx.DiGraph() if directed else nx.Graph()
        g.add_nodes_from(nodes)
        for r in edges.itertuples():
            g.add_edge(r.source, r.target, weight=float(getattr(r, "weight", 1.0)))
    actors = pd.DataFrame({"id": nodes, "tier": "plural"})
    net = govnet.Network.from_frames(actors, edges, directed=directed)
    return net, g


UNDIRECTED = ["karate", "florentine_marriage", "kite", "davis_projected"]
DIRECTED = ["krack_advice", "random_dw"]
ALL = UNDIRECTED + DIRECTED
WEIGHTED = ["davis_projected", "random_dw"]


@pytest.fixture(scope="module", params=ALL)
def data(request):
    net, g = load(request.param)
    return request.param, net, g


def check(got, ref, rtol=RTOL, atol=1e-13):
    """got: Series indexed by actor id; ref: dict or Series keyed by the same ids."""
    ref = pd.Series(ref, dtype=float)
    assert set(ref.index) == set(got.index)
    np.testing.assert_allclose(got.to_numpy(), ref[got.index].to_numpy(), rtol=rtol, atol=atol)


def to_igraph(net, g):
    """python-igraph graph with the same vertex order as the govnet network."""
    ids = list(net.actor_ids)
    pos = {v: i for i, v in enumerate(ids)}
    h = ig.Graph(n=len(ids), directed=g.is_directed())
    h.add_edges([(pos[u], pos[v]) for u, v in g.edges()])
    h.es["weight"] = [d.get("weight", 1.0) for _, _, d in g.edges(data=True)]
    return h, ids


def dense(net, g, weight="weight"):
    return nx.to_numpy_array(g, nodelist=list(net.actor_ids), weight=weight)


# -- degree family -------------------------------------------------------------


def test_degree_family(data):
    name, net, g = data
    check(govnet.degree_centrality(net), nx.degree_centrality(g))
    check(govnet.strength(net), dict(g.degree(weight="weight")))
    if g.is_directed():
        check(govnet.in_degree_centrality(net), nx.in_degree_centrality(g))
        check(govnet.out_degree_centrality(net), nx.out_degree_centrality(g))
        check(govnet.strength(net, direction="in"), dict(g.in_degree(weight="weight")))
        check(govnet.strength(net, direction="out"), dict(g.out_degree(weight="weight")))
        check(govnet.degree_centrality(net, undirected=True),
              nx.degree_centrality(g.to_undirected()))
    else:
        with pytest.raises(govnet.InvalidNetworkError, match="directed"):
            govnet.in_degree_centrality(net)


# -- shortest-path measures --------------------------------------------------------


@pytest.mark.parametrize("wf_improved", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
def test_closeness_matches_networkx(data, wf_improved, weighted):
    name, net, g = data
    dist = "weight" if weighted else None
    got = govnet.closeness_centrality(net, distance=dist, wf_improved=wf_improved)
    check(got, nx.closeness_centrality(g, distance=dist, wf_improved=wf_improved))
    if g.is_directed():
        out = govnet.closeness_centrality(net, distance=dist, wf_improved=wf_improved,
                                          direction="out")
        check(out, nx.closeness_centrality(g.reverse(), distance=dist, wf_improved=wf_improved))


def test_closeness_matches_igraph_outgoing(data):
    name, net, g = data
    h, ids = to_igraph(net, g)
    # igraph normalized=True is r/S (networkx wf_improved=False); NaN where r = 0.
    ref = np.array(h.closeness(mode="out", normalized=True))
    got = govnet.closeness_centrality(net, wf_improved=False, direction="out").to_numpy()
    ok = ~np.isnan(ref)
    np.testing.assert_allclose(got[ok], ref[ok], rtol=RTOL)
    assert np.all(got[~ok] == 0)
    ref_all = np.array(h.closeness(mode="all", normalized=True))
    got_all = govnet.closeness_centrality(net, wf_improved=False, undirected=True).to_numpy()
    ok = ~np.isnan(ref_all)
    np.testing.assert_allclose(got_all[ok], ref_all[ok], rtol=RTOL)


@pytest.mark.parametrize("weighted", [False, True])
def test_harmonic_matches_networkx(data, weighted):
    name, net, g = data
    dist = "weight" if weighted else None
    check(govnet.harmonic_centrality(net, distance=dist), nx.harmonic_centrality(g, distance=dist))
    n = len(net)
    check(govnet.harmonic_centrality(net, distance=dist, normalized=True),
          {k: v / (n - 1) for k, v in nx.harmonic_centrality(g, distance=dist).items()})
    if g.is_directed():
        check(govnet.harmonic_centrality(net, distance=dist, direction="out"),
              nx.harmonic_centrality(g.reverse(), distance=dist))


@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("endpoints", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
def test_betweenness_matches_networkx(data, normalized, endpoints, weighted):
    name, net, g = data
    w = "weight" if weighted else None
    got = govnet.betweenness_centrality(net, normalized=normalized, endpoints=endpoints, distance=w)
    check(got, nx.betweenness_centrality(g, normalized=normalized, endpoints=endpoints, weight=w))


@pytest.mark.parametrize("weighted", [False, True])
def test_betweenness_matches_igraph(data, weighted):
    name, net, g = data
    h, ids = to_igraph(net, g)
    ref = h.betweenness(directed=g.is_directed(), weights="weight" if weighted else None)
    got = govnet.betweenness_centrality(net, normalized=False,
                                        distance="weight" if weighted else None)
    np.testing.assert_allclose(got.to_numpy(), ref, rtol=RTOL, atol=1e-12)


def test_betweenness_undirected_option_matches_networkx():
    net, g = load("krack_advice")
    check(govnet.betweenness_centrality(net, undirected=True),
          nx.betweenness_centrality(g.to_undirected()))


def test_betweenness_sampling_is_reproducible_and_exact_when_k_is_n():
    net, g = load("karate")
    a = govnet.betweenness_centrality(net, k=10, seed=3)
    b = govnet.betweenness_centrality(net, k=10, seed=3, threads=1)
    assert np.array_equal(a.to_numpy(), b.to_numpy())
    assert not np.allclose(a.to_numpy(), govnet.betweenness_centrality(net).to_numpy())
    check(govnet.betweenness_centrality(net, k=34, seed=1), nx.betweenness_centrality(g))


def test_grid_40x40_path_counts_do_not_overflow():
    # Shortest-path counts reach C(78, 39) ~ 2.7e22 > 2^64 between opposite corners.
    g = nx.grid_2d_graph(40, 40)
    g = nx.relabel_nodes(g, {v: f"{v[0]}_{v[1]}" for v in g})
    net = govnet.Network.from_networkx(g, default_tier="plural")
    h, ids = to_igraph(net, g)
    got = govnet.betweenness_centrality(net, normalized=False)
    np.testing.assert_allclose(got.to_numpy(), h.betweenness(), rtol=RTOL)
    assert np.all(np.isfinite(got))
    clo = govnet.closeness_centrality(net)
    np.testing.assert_allclose(clo.to_numpy(), h.closeness(normalized=True), rtol=RTOL)


# -- spectral ------------------------------------------------------------------


@pytest.mark.parametrize("weighted", [False, True])
def test_eigenvector_matches_networkx(data, weighted):
    name, net, g = data
    w = "weight" if weighted else None
    got = govnet.eigenvector_centrality(net, weight=w, tol=1e-14, max_iter=100000)
    ref = nx.eigenvector_centrality(g, weight=w, tol=1e-14, max_iter=100000)
    check(got, ref, atol=1e-10)


@pytest.mark.parametrize("name", ["karate", "kite", "davis_projected"])
def test_eigenvector_matches_numpy_and_igraph(name):
    net, g = load(name)
    a = dense(net, g)
    vals, vecs = np.linalg.eigh(a)
    ref = np.abs(vecs[:, -1])
    got = govnet.eigenvector_centrality(net, weight="weight", tol=1e-14, max_iter=100000)
    np.testing.assert_allclose(got.to_numpy(), ref / np.linalg.norm(ref), rtol=RTOL)
    h, _ = to_igraph(net, g)
    got_max = govnet.eigenvector_centrality(net, weight="weight", tol=1e-14, max_iter=100000,
                                            scale="max")
    np.testing.assert_allclose(got_max.to_numpy(), h.eigenvector_centrality(weights="weight"),
                               rtol=RTOL)


def test_eigenvector_convergence_failure_raises():
    net, _ = load("karate")
    with pytest.raises(govnet.ConvergenceError, match="did not converge"):
        govnet.eigenvector_centrality(net, max_iter=3, method="power")


@pytest.mark.parametrize("weighted", [False, True])
def test_katz_matches_networkx_and_linear_solve(data, weighted):
    name, net, g = data
    w = "weight" if weighted else None
    a = dense(net, g, weight=w if weighted else None)
    lam = max(abs(np.linalg.eigvals(a)))
    alpha = 0.5 / lam if lam > 0 else 0.1
    got = govnet.katz_centrality(net, alpha=alpha, weight=w, tol=1e-15, max_iter=100000)
    ref = nx.katz_centrality(g, alpha=alpha, weight=w, tol=1e-15, max_iter=100000)
    check(got, ref)
    # Closed form: x = (I - alpha A^T)^{-1} beta, unit L2 norm.
    x = np.linalg.solve(np.eye(len(a)) - alpha * a.T, np.ones(len(a)))
    np.testing.assert_allclose(got.to_numpy(), x / np.linalg.norm(x), rtol=RTOL)
    raw = govnet.katz_centrality(net, alpha=alpha, weight=w, tol=1e-15, max_iter=100000,
                                 normalized=False, beta=dict(zip(net.actor_ids, range(1, 99))))
    xb = np.linalg.solve(np.eye(len(a)) - alpha * a.T, np.arange(1.0, len(a) + 1))
    np.testing.assert_allclose(raw.to_numpy(), xb, rtol=RTOL)


def test_katz_divergence_raises():
    net, _ = load("karate")
    with pytest.raises(govnet.ConvergenceError):
        govnet.katz_centrality(net, alpha=0.5, max_iter=200)


@pytest.mark.parametrize("weighted", [False, True])
def test_pagerank_matches_networkx_and_igraph(data, weighted):
    name, net, g = data
    w = "weight" if weighted else None
    got = govnet.pagerank(net, weight=w, tol=1e-14, max_iter=10000)
    ref = nx.pagerank(g, weight=w, tol=1e-16, max_iter=10000)
    check(got, ref)
    assert math.isclose(got.sum(), 1.0, rel_tol=1e-12)
    h, _ = to_igraph(net, g)
    check(got, dict(zip(net.actor_ids, h.pagerank(weights="weight" if weighted else None))))


def test_pagerank_personalization_and_dangling_match_networkx():
    net, g = load("random_dw")
    ids = list(net.actor_ids)
    pers = {ids[0]: 2.0, ids[3]: 1.0, ids[5]: 1.0}
    dang = {ids[1]: 1.0, ids[2]: 3.0}
    got = govnet.pagerank(net, alpha=0.7, personalization=pers, dangling=dang, tol=1e-14,
                          max_iter=10000)
    ref = nx.pagerank(g, alpha=0.7, personalization=pers, dangling=dang, tol=1e-16,
                      max_iter=10000)
    check(got, ref)
    with pytest.raises(govnet.ActorNotFoundError):
        govnet.pagerank(net, personalization={"nobody": 1.0})
    with pytest.raises(govnet.InvalidParameterError, match="zero"):
        govnet.pagerank(net, personalization={ids[0]: 0.0})


def test_pagerank_tolerance_is_not_scaled_by_n():
    # networkx stops when the L1 change is below n * tol; govnet below tol.
    g = nx.barabasi_albert_graph(3000, 3, seed=1)
    net = govnet.Network.from_networkx(g, default_tier="plural")
    exact = nx.pagerank(g, tol=1e-15, max_iter=10000)
    ref = pd.Series(exact, dtype=float)
    ref.index = ref.index.astype(str)
    got = govnet.pagerank(net, tol=1e-6)
    assert np.abs(got.to_numpy() - ref[got.index].to_numpy()).sum() < 1e-5
    with pytest.raises(govnet.ConvergenceError):
        govnet.pagerank(net, tol=1e-15, max_iter=5)


@pytest.mark.parametrize("name", ["karate", "kite", "krack_advice", "random_dw", "davis_projected"])
@pytest.mark.parametrize("weighted", [False, True])
def test_hits_matches_svd_and_networkx(name, weighted):
    net, g = load(name)
    w = "weight" if weighted else None
    hubs, auth = govnet.hits(net, weight=w, tol=1e-13, max_iter=100000)
    a = dense(net, g, weight=w)
    u, s, vt = np.linalg.svd(a)
    hu, au = np.abs(u[:, 0]), np.abs(vt[0])
    np.testing.assert_allclose(hubs.to_numpy(), hu / hu.sum(), rtol=1e-8, atol=1e-14)
    np.testing.assert_allclose(auth.to_numpy(), au / au.sum(), rtol=1e-8, atol=1e-14)
    if weighted:
        h_nx, a_nx = nx.hits(g, tol=1e-12, max_iter=10000)
        check(hubs, h_nx, rtol=1e-7, atol=1e-12)
        check(auth, a_nx, rtol=1e-7, atol=1e-12)


# -- graph level -----------------------------------------------------------------


def test_density_and_reciprocity(data):
    name, net, g = data
    assert math.isclose(govnet.density(net), nx.density(g), rel_tol=1e-12)
    if g.is_directed():
        assert math.isclose(govnet.reciprocity(net), nx.overall_reciprocity(g), rel_tol=1e-12)
        h, _ = to_igraph(net, g)
        assert math.isclose(govnet.reciprocity(net), h.reciprocity(), rel_tol=1e-12)
        assert math.isclose(govnet.density(net, undirected=True),
                            nx.density(g.to_undirected()), rel_tol=1e-12)
    else:
        assert govnet.reciprocity(net) == 1.0


@pytest.mark.parametrize("weighted", [False, True])
def test_path_length_and_efficiency(data, weighted):
    name, net, g = data
    w = "weight" if weighted else None
    a = dense(net, g)
    d = shortest_path(a if weighted else (a > 0).astype(float), directed=g.is_directed(),
                      unweighted=not weighted)
    off = ~np.eye(len(a), dtype=bool)
    n = len(a)
    finite = np.isfinite(d) & off
    connected = finite[off].all()
    if connected:
        ref = nx.average_shortest_path_length(g, weight=w)
        assert math.isclose(govnet.average_shortest_path_length(net, distance=w), ref, rel_tol=RTOL)
    else:
        with pytest.raises(govnet.InvalidNetworkError, match="connected"):
            govnet.average_shortest_path_length(net, distance=w)
    got = govnet.average_shortest_path_length(net, distance=w, disconnected="reachable")
    assert math.isclose(got, d[finite].mean(), rel_tol=RTOL)
    if not weighted:
        h, _ = to_igraph(net, g)
        assert math.isclose(got, h.average_path_length(directed=True, unconn=True), rel_tol=RTOL)
    eff = np.where(finite, 1.0 / np.where(finite, d, 1.0), 0.0).sum() / (n * (n - 1))
    assert math.isclose(govnet.global_efficiency(net, distance=w), eff, rel_tol=RTOL)
    if not g.is_directed() and not weighted:
        assert math.isclose(govnet.global_efficiency(net), nx.global_efficiency(g), rel_tol=RTOL)


def sna_fixture():
    f = pd.read_csv(FIXTURES / "sna_centralization.csv")
    return [(r.dataset, r.measure, float(r.value)) for r in f.itertuples()]


@pytest.mark.parametrize("dataset,measure,value", sna_fixture())
def test_centralization_matches_sna(dataset, measure, value):
    net, _ = load(dataset)
    assert math.isclose(govnet.centralization(net, measure), value, rel_tol=RTOL, abs_tol=1e-14)


def test_centralization_star_is_one_and_closed_forms():
    star = nx.star_graph(6)
    assert math.isclose(govnet.centralization(star, "degree"), 1.0)
    assert math.isclose(govnet.centralization(star, "betweenness"), 1.0)
    assert math.isclose(govnet.centralization(star, "closeness"), 1.0)
    cyc = nx.cycle_graph(7)
    for m in ("degree", "betweenness", "closeness"):
        assert govnet.centralization(cyc, m) == 0.0
    # Unnormalised degree centralization of the kite: max degree 6, degrees sum 36, n = 10.
    kite, _ = load("kite")
    assert govnet.centralization(kite, "degree", normalized=False) == 6 * 10 - 36
    assert math.isnan(govnet.centralization(nx.path_graph(2), "degree"))
    with pytest.raises(govnet.InvalidParameterError, match="measure"):
        govnet.centralization(kite, "eigenvector")


# -- options, inputs, determinism -------------------------------------------------------


def test_relation_choice_and_aggregate():
    net = govnet.datasets.nanshan()
    one = net.relations[0]
    a = govnet.pagerank(net, relation=one)
    b = govnet.pagerank(net, relation="all")
    assert a.index.equals(net.actor_ids) and b.index.equals(net.actor_ids)
    assert math.isclose(a.sum(), 1.0) and math.isclose(b.sum(), 1.0)
    with pytest.raises(govnet.RelationNotFoundError):
        govnet.closeness_centrality(net, relation="no such relation")


def test_networkx_graph_accepted_directly():
    g = nx.krackhardt_kite_graph()
    clo = {str(k): v for k, v in nx.closeness_centrality(g).items()}
    check(govnet.closeness_centrality(g), clo)


def test_threads_give_identical_results():
    rng = np.random.default_rng(7)
    n = 25000
    src = rng.integers(0, n, 4 * n)
    dst = (src + 1 + rng.geometric(0.001, 4 * n)) % n
    net = govnet.Network.from_arrays(src, dst, rng.integers(1, 5, 4 * n), actors=n,
                                     directed=True, duplicates="sum", self_loops="drop")
    # Power iterations use threads only above ~2M nodes + arcs: tests/cpp/test_centrality.cpp
    # checks them on a graph that large.
    for f in (lambda t: govnet.pagerank(net, threads=t),
              lambda t: govnet.betweenness_centrality(net, k=50, seed=1, threads=t),
              lambda t: govnet.betweenness_centrality(net, k=50, seed=1, distance="weight",
                                                      threads=t)):
        assert np.array_equal(f(1).to_numpy(), f(2).to_numpy())
    small = load("karate")[0]
    for f in (govnet.closeness_centrality, govnet.harmonic_centrality,
              govnet.betweenness_centrality):
        assert np.array_equal(f(small, threads=1).to_numpy(), f(small, threads=2).to_numpy())


def test_bad_options_raise():
    net, _ = load("kite")
    with pytest.raises(govnet.InvalidParameterError, match="direction"):
        govnet.closeness_centrality(net, direction="both")
    with pytest.raises(govnet.InvalidParameterError, match="alpha"):
        govnet.pagerank(net, alpha=1.5)
    with pytest.raises(govnet.InvalidParameterError, match="max_iter"):
        govnet.eigenvector_centrality(net, max_iter=0)
    with pytest.raises(govnet.InvalidNetworkError, match="beta"):
        govnet.katz_centrality(net, beta={"Andre": 1.0})
    with pytest.raises(govnet.InvalidParameterError, match="disconnected"):
        govnet.average_shortest_path_length(net, disconnected="ignore")


def test_ctrl_c_interrupts_closeness(assert_ctrl_c_stops):
    rng = np.random.default_rng(3)
    n = 20000
    src = rng.integers(0, n, 5 * n)
    net = govnet.Network.from_arrays(src, (src + 1 + rng.integers(0, n - 1, 5 * n)) % n,
                                     actors=n, duplicates="sum", self_loops="drop")
    assert_ctrl_c_stops(lambda: govnet.closeness_centrality(net, threads=2))
    assert govnet.density(net) > 0


@pytest.mark.parametrize("directed", [False, True])
def test_closeness_on_a_larger_sparse_graph_matches_igraph(directed):
    # Large enough for the direction-optimising BFS to switch to bottom-up and back.
    rng = np.random.default_rng(11)
    n = 3000
    src = rng.integers(0, n, 3 * n)
    dst = (src * rng.random(3 * n) ** 2).astype(np.int64)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    net = govnet.Network.from_arrays(src, dst, actors=n, directed=directed, duplicates="sum", self_loops="drop")
    h = ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=directed).simplify()
    for direction, mode in (("in", "in"), ("out", "out")):
        got = govnet.closeness_centrality(net, wf_improved=False, direction=direction).to_numpy()
        ref = np.array(h.closeness(mode=mode, normalized=True))
        ok = ~np.isnan(ref)
        np.testing.assert_allclose(got[ok], ref[ok], rtol=RTOL)
        assert np.all(got[~ok] == 0)
        harm = govnet.harmonic_centrality(net, direction=direction, normalized=True).to_numpy()
        np.testing.assert_allclose(harm, h.harmonic_centrality(mode=mode), rtol=RTOL)


@pytest.mark.parametrize("name", ["karate", "random_dw"])
@pytest.mark.parametrize("weighted", [False, True])
def test_betweenness_large_graph_renumbering_gives_the_same_scores(name, weighted):
    # From 10^5 actors on, Brandes runs on a BFS renumbering of the graph; isolates
    # added to a classic graph do not change its raw scores.
    net, g = load(name)
    ids = list(net.actor_ids)
    pos = {v: i for i, v in enumerate(ids)}
    src = np.array([pos[u] for u, v in g.edges()])
    dst = np.array([pos[v] for u, v in g.edges()])
    w = np.array([d["weight"] for _, _, d in g.edges(data=True)])
    big = govnet.Network.from_arrays(src, dst, w, actors=100_000, directed=g.is_directed(), duplicates="sum", self_loops="drop")
    weight = "weight" if weighted else None
    got = govnet.betweenness_centrality(big, normalized=False, distance=weight).to_numpy()
    ref = nx.betweenness_centrality(g, normalized=False, weight=weight)
    np.testing.assert_allclose(got[:len(ids)], [ref[v] for v in ids], rtol=RTOL, atol=1e-12)
    assert not got[len(ids):].any()
