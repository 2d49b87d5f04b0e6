"""Exactness where a shortcut used to fail (issue #13, item 6).

* Betweenness on a chain of k "diamonds" (2^k shortest paths end to end, past the
  double range for k >= 1024) against a closed form, weighted and unweighted,
  directed and undirected; and against networkx on short chains.
* Weighted betweenness with zero-length ties against a brute-force enumeration of
  every simple path (written here; networkx is not the reference).
* Discrete core-periphery against exhaustive search over every partition.
* Closeness and harmonic centrality in every weighted/unweighted x directed/
  undirected variant against the tool whose convention the docstring claims.
"""

import itertools
import math

import igraph as ig
import networkx as nx
import numpy as np
import pytest

import govnet
from govnet import datasets

# ----------------------------------------------------------- diamond chains


def diamond_chain(k, weighted):
    """Actors a_i = 3i (i = 0..k), b_i = 3i+1, c_i = 3i+2 (i < k); arcs
    a_i -> b_i -> a_{i+1} and a_i -> c_i -> a_{i+1}. Weighted: the two arms have
    lengths 1 + 2 and 2 + 1, so both stay shortest."""
    src, dst, w = [], [], []
    for i in range(k):
        a, b, c, nxt = 3 * i, 3 * i + 1, 3 * i + 2, 3 * i + 3
        src += [a, a, b, c]
        dst += [b, c, nxt, nxt]
        w += [1.0, 2.0, 2.0, 1.0]
    return 3 * k + 1, np.array(src), np.array(dst), (np.array(w) if weighted else None)


def diamond_closed_form(k, directed):
    """Raw betweenness (unordered pairs undirected, ordered pairs directed).

    Cut actor a_j has 3j actors before it and 3(k-j) after; every pair across it
    goes through it: 9 j (k-j). Undirected, the pairs (b_j, c_j) and (b_{j-1},
    c_{j-1}) have two shortest paths (around either end of their diamond), so each
    inner a_j adds 1/2 + 1/2, the two ends 1/2. b_i and c_i each carry half of the
    (3i+1)(3(k-i-1)+1) pairs from a_i-or-before to a_{i+1}-or-after.
    """
    bc = np.zeros(3 * k + 1)
    for j in range(k + 1):
        bc[3 * j] = 9 * j * (k - j)
        if not directed:
            bc[3 * j] += 1.0 if 0 < j < k else 0.5
    for i in range(k):
        bc[3 * i + 1] = bc[3 * i + 2] = (3 * i + 1) * (3 * (k - i) - 2) / 2
    return bc


def _net(n, src, dst, w, directed):
    return govnet.Network.from_arrays(src, dst, w, actors=n, directed=directed,
                                      duplicates="sum", self_loops="drop")


@pytest.mark.parametrize("k", [1100, 2100])
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_diamond_chain_betweenness_exact_beyond_double_range(k, directed, weighted):
    # 2^1100 and 2^2100 shortest paths from a_0 to a_k: both overflow a double.
    n, src, dst, w = diamond_chain(k, weighted)
    net = _net(n, src, dst, w, directed)
    got = govnet.betweenness_centrality(net, relation="tie", normalized=False,
                                        distance="weight" if weighted else None).to_numpy()
    want = diamond_closed_form(k, directed)
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)
    # normalised values too (the same scale as networkx)
    norm = govnet.betweenness_centrality(net, relation="tie",
                                         distance="weight" if weighted else None).to_numpy()
    scale = (1.0 if directed else 2.0) / ((n - 1) * (n - 2))
    np.testing.assert_allclose(norm, want * scale, rtol=1e-12, atol=0)


@pytest.mark.parametrize("k", [1, 2, 5, 9])
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_diamond_chain_closed_form_matches_networkx(k, directed, weighted):
    n, src, dst, w = diamond_chain(k, weighted)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    for i, (a, b) in enumerate(zip(src, dst)):
        G.add_edge(int(a), int(b), weight=1.0 if w is None else w[i])
    ref = nx.betweenness_centrality(G, normalized=False, weight="weight" if weighted else None)
    want = diamond_closed_form(k, directed)
    np.testing.assert_allclose([ref[i] for i in range(n)], want, rtol=1e-12)
    got = govnet.betweenness_centrality(_net(n, src, dst, w, directed), relation="tie",
                                        normalized=False,
                                        distance="weight" if weighted else None).to_numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_diamond_chain_sampled_sources_finite():
    n, src, dst, w = diamond_chain(1100, False)
    got = govnet.betweenness_centrality(_net(n, src, dst, w, False), relation="tie",
                                        k=50, seed=1)
    assert np.isfinite(got.to_numpy()).all()


# ------------------------------------------------- zero-length ties, brute force


def brute_force_betweenness(n, arcs, directed):
    """Raw betweenness by enumerating every simple path.

    govnet's convention: a shortest s-t path has minimum total length and, among
    those, the fewest ties of length 0; each such path counts once.
    """
    out = {v: [] for v in range(n)}
    for (u, v), w in arcs.items():
        out[u].append((v, w))
        if not directed:
            out[v].append((u, w))
    bc = np.zeros(n)
    for s in range(n):
        paths = {t: [] for t in range(n)}   # t -> [(length, zeros, inner nodes)]

        def walk(v, seen, length, zeros):
            paths[v].append((length, zeros, seen[1:-1]))  # noqa: B023 (called within this iteration)
            for u, w in out[v]:
                if u not in seen:
                    walk(u, seen + [u], length + w, zeros + (w == 0))

        walk(s, [s], 0.0, 0)
        for t in range(n):
            if t == s or not paths[t]:
                continue
            best = min((p[0], p[1]) for p in paths[t])
            shortest = [p[2] for p in paths[t] if (p[0], p[1]) == best]
            for inner in shortest:
                for v in inner:
                    bc[v] += 1.0 / len(shortest)
    return bc if directed else bc / 2


def _arcs_net(n, arcs, directed):
    src = np.array([u for u, _ in arcs], dtype=np.int64)
    dst = np.array([v for _, v in arcs], dtype=np.int64)
    return _net(n, src, dst, np.array(list(arcs.values()), dtype=float), directed)


def _weighted_bc(n, arcs, directed, **kw):
    return govnet.betweenness_centrality(_arcs_net(n, arcs, directed), relation="tie",
                                         normalized=False, distance="weight", **kw).to_numpy()


def test_zero_length_tie_makes_an_intermediate():
    # s -0- v -1- t: the one shortest s-t path goes through v.
    arcs = {(0, 1): 0.0, (1, 2): 1.0}
    np.testing.assert_allclose(_weighted_bc(3, arcs, False), [0, 1, 0])
    np.testing.assert_allclose(_weighted_bc(3, arcs, True), [0, 1, 0])
    # s -0- v -0- t, and v -0- w in a star: v is on every path.
    arcs = {(0, 1): 0.0, (1, 2): 0.0, (1, 3): 0.0}
    np.testing.assert_allclose(_weighted_bc(4, arcs, False), [0, 3, 0, 0])


def test_zero_distance_twins_share():
    # s -1- u -1- t, s -1- v -1- t, u -0- v: the detours s-u-v-t and s-v-u-t have
    # the same length but a zero-length tie more, so u and v share s-t (1/2 each).
    arcs = {(0, 1): 1.0, (1, 3): 1.0, (0, 2): 1.0, (2, 3): 1.0, (1, 2): 0.0}
    np.testing.assert_allclose(_weighted_bc(4, arcs, False), [0, 0.5, 0.5, 0])
    np.testing.assert_allclose(_weighted_bc(4, arcs, False),
                               brute_force_betweenness(4, arcs, False))


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_zero_weights_match_brute_force(directed, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 8))
    p = float(rng.uniform(0.3, 0.7))
    arcs = {}
    for u, v in itertools.permutations(range(n), 2) if directed else itertools.combinations(range(n), 2):
        if rng.uniform() < p:
            # many zeros and many equal lengths, so ties are everywhere
            arcs[(u, v)] = float(rng.choice([0.0, 0.0, 1.0, 1.0, 2.0]))
    if not arcs:
        arcs[(0, 1)] = 0.0
    want = brute_force_betweenness(n, arcs, directed)
    got = _weighted_bc(n, arcs, directed)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    # endpoints=True adds the reached pairs, as networkx
    reach = np.zeros(n)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(arcs)
    for s in range(n):
        for t in nx.descendants(G, s) if directed else nx.node_connected_component(G, s) - {s}:
            reach[s] += 1
            reach[t] += 1
    if not directed:
        reach /= 2
    np.testing.assert_allclose(_weighted_bc(n, arcs, directed, endpoints=True),
                               want + reach, rtol=1e-12, atol=1e-12)


def test_positive_weights_unchanged_against_networkx():
    # Without zero-length ties the convention is the usual one: equal-length paths
    # with different numbers of ties are all shortest.
    for seed in range(10):
        G = nx.gnp_random_graph(12, 0.35, seed=seed, directed=bool(seed % 2))
        rng = np.random.default_rng(seed)
        arcs = {(u, v): float(rng.choice([1.0, 2.0, 3.0])) for u, v in G.edges()}
        nx.set_edge_attributes(G, arcs, "weight")
        ref = nx.betweenness_centrality(G, normalized=False, weight="weight")
        got = _weighted_bc(12, arcs, G.is_directed())
        np.testing.assert_allclose(got, [ref[i] for i in range(12)], rtol=1e-12, atol=1e-12)


# ------------------------------------------------------ core-periphery, exhaustive


def dense(net, relation):
    g = net.layer(relation)
    src, dst, _ = g.edges()
    a = np.zeros((len(net), len(net)))
    a[src, dst] = 1
    if not g.directed:
        a[dst, src] = 1
    return a


def exhaustive_fit(a, between):
    """Best Borgatti-Everett correlation over every partition (ties a_ij, ordered
    pairs i != j; a core of >= 1 ("ones") or >= 2 ("missing") and a periphery of
    >= 2 actors), in blocks of 2^16 partitions."""
    n = len(a)
    S, Q, a2 = a.sum(), (a * a).sum(), a * a
    best = -np.inf
    codes = np.arange(1 << n, dtype=np.int64)
    for lo in range(0, 1 << n, 1 << 16):
        core = ((codes[lo:lo + (1 << 16), None] >> np.arange(n)) & 1).astype(float)
        peri = 1.0 - core
        k, p = core.sum(1), peri.sum(1)
        wcc = np.einsum("ci,ij,cj->c", core, a, core)
        wpp = np.einsum("ci,ij,cj->c", peri, a, peri)
        if between == "ones":
            m, ideal, s, q, t = n * (n - 1), n * (n - 1) - p * (p - 1), S, Q, S - wpp
            ok = (k >= 1) & (p >= 2)
        else:
            qin = (np.einsum("ci,ij,cj->c", core, a2, core)
                   + np.einsum("ci,ij,cj->c", peri, a2, peri))
            m, ideal, s, q, t = k * (k - 1) + p * (p - 1), k * (k - 1), wcc + wpp, qin, wcc
            ok = (k >= 2) & (p >= 2)
        vx, vy = m * q - s * s, m * ideal - ideal * ideal
        with np.errstate(all="ignore"):
            fit = np.where(ok & (vx > 0) & (vy > 0), (m * t - s * ideal) / np.sqrt(vx * vy), -np.inf)
        best = max(best, float(fit.max()))
    return best


SMALL_CASES = [("florentine", "marriage"), ("florentine", "business"), ("kite", "tie")]
# exhaustive_fit on the 21 Krackhardt managers (2^21 partitions, ~6 s each), run once:
KRACKHARDT_OPTIMUM = {
    ("advice", "ones"): 0.34995481290820835,
    ("advice", "missing"): 0.5072783791625913,
    ("friendship", "ones"): 0.3149376235959153,
    ("friendship", "missing"): 0.5214838146783505,
    ("reports_to", "ones"): 0.30313675443913407,
    ("reports_to", "missing"): 0.4330127018922193,
}


@pytest.mark.parametrize("between", ["ones", "missing"])
@pytest.mark.parametrize("name,relation", SMALL_CASES)
def test_core_periphery_reaches_exhaustive_optimum_every_seed(name, relation, between):
    net = getattr(datasets, name)()
    best = exhaustive_fit(dense(net, relation), between)
    for seed in range(30):
        res = govnet.core_periphery(net, relation=relation, between=between, seed=seed)
        assert res.fit == pytest.approx(best, rel=1e-12, abs=1e-12), seed
        # the reported partition has the reported fit
        core = (res.partition == "core").to_numpy().astype(float)
        assert exhaustive_fit_of(dense(net, relation), core, between) == pytest.approx(res.fit, rel=1e-12)


def davis_projection(weighted):
    meetings = datasets.davis().meetings
    ties = datasets.co_attendance_ties(meetings)
    ids = sorted(set(meetings["actor"]))
    pos = {a: i for i, a in enumerate(ids)}
    src = ties["source"].map(pos).to_numpy()
    dst = ties["target"].map(pos).to_numpy()
    w = ties["weight"].to_numpy(dtype=float) if weighted else None
    net = govnet.Network.from_arrays(src, dst, w, actors=ids, duplicates="sum", self_loops="drop")
    a = np.zeros((len(ids), len(ids)))
    a[src, dst] = a[dst, src] = 1.0 if w is None else w
    return net, a


@pytest.mark.parametrize("between", ["ones", "missing"])
@pytest.mark.parametrize("weighted", [False, True])
def test_core_periphery_davis_projection_optimum(weighted, between):
    # Davis's 18 women, tied by co-attendance (counts as weights when weighted).
    net, a = davis_projection(weighted)
    best = exhaustive_fit(a, between)
    for seed in (0, 3, 11):
        res = govnet.core_periphery(net, relation="tie", between=between, seed=seed,
                                    weight="weight" if weighted else None)
        assert res.fit == pytest.approx(best, rel=1e-10), seed


def exhaustive_fit_of(a, core, between):
    n = len(a)
    i, j = np.where(~np.eye(n, dtype=bool))
    both_core, both_peri = core[i] * core[j], (1 - core[i]) * (1 - core[j])
    x = a[i, j]
    if between == "ones":
        return float(np.corrcoef(x, 1 - both_peri)[0, 1])
    keep = (both_core + both_peri) > 0
    return float(np.corrcoef(x[keep], both_core[keep])[0, 1])


@pytest.mark.parametrize("between", ["ones", "missing"])
@pytest.mark.parametrize("relation", ["advice", "friendship", "reports_to"])
def test_core_periphery_krackhardt_optimum(relation, between):
    net = datasets.krackhardt_managers()
    for seed in (0, 7):
        res = govnet.core_periphery(net, relation=relation, between=between, seed=seed)
        assert res.fit == pytest.approx(KRACKHARDT_OPTIMUM[(relation, between)], rel=1e-12)


@pytest.mark.parametrize("between", ["ones", "missing"])
def test_core_periphery_karate_every_seed(between):
    # 34 actors: heuristic (restarts + pair polish). Reference: the best of
    # 4 x 500 restarts; every seed at the default must reach it.
    net = datasets.karate()
    ref = max(govnet.core_periphery(net, relation="tie", between=between, seed=s,
                                    restarts=500).fit for s in range(4))
    for seed in range(30):
        res = govnet.core_periphery(net, relation="tie", between=between, seed=seed)
        assert res.fit == pytest.approx(ref, rel=1e-12), seed


def test_core_periphery_exhaustive_brute_force_random():
    # random 0/1 graphs of 9-12 actors, directed and not, against the enumeration
    for seed in range(12):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(9, 13))
        directed = bool(seed % 2)
        G = nx.gnp_random_graph(n, float(rng.uniform(0.2, 0.5)), seed=seed, directed=directed)
        if G.number_of_edges() == 0:
            continue
        src, dst = map(np.array, zip(*G.edges()))
        net = _net(n, src, dst, None, directed)
        for between in ("ones", "missing"):
            want = exhaustive_fit(dense(net, "tie"), between)
            got = govnet.core_periphery(net, relation="tie", between=between, seed=seed).fit
            assert got == pytest.approx(want, rel=1e-12), (seed, between)


# ------------------------------------------------------------ closeness conventions


def _random_layer(seed, directed, n=14):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(n, 0.25, seed=seed, directed=directed)
    arcs = {(u, v): float(rng.choice([1.0, 2.0, 3.5])) for u, v in G.edges()}
    src = np.array([u for u, _ in arcs], dtype=np.int64)
    dst = np.array([v for _, v in arcs], dtype=np.int64)
    net = _net(n, src, dst, np.array(list(arcs.values())), directed)
    h = ig.Graph(n=n, edges=list(arcs), directed=directed)
    h.es["weight"] = list(arcs.values())
    nx.set_edge_attributes(G, arcs, "weight")
    return net, G, h


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_closeness_claims(seed, directed, weighted):
    net, G, h = _random_layer(seed, directed)
    n = len(net)
    dist = "weight" if weighted else None
    wts = "weight" if weighted else None

    def ours(**kw):
        return govnet.closeness_centrality(net, relation="tie", distance=dist, **kw).to_numpy()

    # networkx's closeness (incoming distances on a digraph, wf_improved)
    ref = nx.closeness_centrality(G, distance=dist)
    np.testing.assert_allclose(ours(), [ref[i] for i in range(n)], rtol=1e-12)
    # wf_improved=False is python-igraph's closeness(normalized=True), NaN -> 0
    for direction, mode in (("in", "in"), ("out", "out")):
        ref_ig = np.nan_to_num(np.array(h.closeness(mode=mode if directed else "all",
                                                    weights=wts, normalized=True)))
        np.testing.assert_allclose(ours(wf_improved=False, direction=direction), ref_ig,
                                   rtol=1e-12)
    # undirected=True is python-igraph's default mode="all"
    ref_all = np.nan_to_num(np.array(h.closeness(mode="all", weights=wts, normalized=True)))
    np.testing.assert_allclose(ours(wf_improved=False, undirected=True), ref_all, rtol=1e-12)
    # harmonic: networkx (incoming), igraph mode="all" with undirected=True
    href = nx.harmonic_centrality(G, distance=dist)
    got = govnet.harmonic_centrality(net, relation="tie", distance=dist).to_numpy()
    np.testing.assert_allclose(got, [href[i] for i in range(n)], rtol=1e-12)
    got = govnet.harmonic_centrality(net, relation="tie", distance=dist, undirected=True,
                                     normalized=True).to_numpy()
    np.testing.assert_allclose(got, h.harmonic_centrality(mode="all", weights=wts, normalized=True),
                               rtol=1e-12)


def test_undirected_view_keeps_the_shorter_reciprocal_length():
    # a -> b length 1, b -> a length 3: with undirected=True the pair is 1 apart,
    # as igraph's mode="all" (summing would give 4).
    net = _net(3, np.array([0, 1, 1]), np.array([1, 0, 2]), np.array([1.0, 3.0, 2.0]), True)
    got = govnet.closeness_centrality(net, relation="tie", distance="weight", undirected=True,
                                      wf_improved=False)
    h = ig.Graph(n=3, edges=[(0, 1), (1, 0), (1, 2)], directed=True)
    want = h.closeness(mode="all", weights=[1.0, 3.0, 2.0], normalized=True)
    np.testing.assert_allclose(got.to_numpy(), want, rtol=1e-12)
    assert math.isclose(got.iloc[0], 2 / (1 + 3))


def test_distance_summaries_use_the_shorter_reciprocal_length():
    # average_shortest_path_length and global_efficiency read the same undirected
    # distance view as closeness: a -> b length 1, b -> a length 3 gives d(a, b) = 1.
    net = _net(3, np.array([0, 1, 1]), np.array([1, 0, 2]), np.array([1.0, 3.0, 2.0]), True)
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 1.0), (1, 2, 2.0)])
    got = govnet.average_shortest_path_length(net, relation="tie", distance="weight",
                                              undirected=True)
    assert got == pytest.approx(nx.average_shortest_path_length(G, weight="weight"), rel=1e-12)
    eff = govnet.global_efficiency(net, relation="tie", distance="weight", undirected=True)
    want = np.mean([1 / 1.0, 1 / 2.0, 1 / 3.0])   # pairs (0,1), (1,2), (0,2)
    assert eff == pytest.approx(want, rel=1e-12)
