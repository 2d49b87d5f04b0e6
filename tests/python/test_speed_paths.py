"""Fast paths give the plain paths' results.

* betweenness: the plain-double path counts equal the overflow-free scaled
  counts bit for bit; past 2^512 (chains of diamonds, 2^k shortest paths) the
  values are finite and equal the closed form;
* the power iterations are invariant to the scale of the tie weights (a power
  of two: bit for bit; 1e-6 and 1e200: to rounding), against networkx;
* core_profile's one-call figures equal the separate kernels, and
  Collection.core_profile's C++ batch equals one core_profile call per community;
  the one-pass single removals equal a removal_effect of each g - v, bit for bit;
* the pyarrow CSV path gives the C engine's frame cell for cell; read_csv's
  tie ends coded once (categoricals) and the relation codes give the row-by-row
  cleaning's network, names and errors;
* a per-actor result does not share its index object with the network.
"""

from __future__ import annotations

import io
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import _core, synthetic
from govnet.io import tables
from govnet.measures.centrality import CENTRALITIES, centrality_values
from govnet.model.access import layer_of
from govnet.model.validation import relation_codes


def _net(g: nx.Graph, weights: np.ndarray | None = None) -> govnet.Network:
    edges = list(g.edges())
    ties = pd.DataFrame({"source": [str(u) for u, _ in edges], "target": [str(v) for _, v in edges],
                         "relation": "r"})
    if weights is not None:
        ties["weight"] = weights
    actors = pd.DataFrame({"id": [str(v) for v in g.nodes()], "tier": "plural"})
    return govnet.Network.from_frames(actors, ties, directed=g.is_directed())


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [False, True])
def test_betweenness_fast_counts_equal_scaled_counts(seed, directed):
    g = nx.gnm_random_graph(60, 150 + 20 * seed, seed=seed, directed=directed)
    net = _net(g)
    layer = net.layer(None)
    for kw in ({}, {"endpoints": True}, {"normalized": False}, {"k": 17, "seed": seed}):
        fast = _core.betweenness(layer, **kw)
        plain = _core.betweenness(layer, scaled_counts=True, **kw)
        assert np.array_equal(fast, plain)
    # and both are networkx's
    ref = nx.betweenness_centrality(g)
    np.testing.assert_allclose(govnet.betweenness_centrality(net).to_numpy(),
                               [ref[v] for v in g.nodes()], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("threads", [None, 1, 2])
def test_betweenness_counts_beyond_double_range(threads):
    # A chain of k diamonds: 2^k shortest paths end to end, past 2^1024 at k = 1100.
    k = 1100
    g = nx.Graph()
    for i in range(k):
        j, j2 = f"j{i}", f"j{i + 1}"
        g.add_edges_from([(j, f"a{i}"), (j, f"b{i}"), (f"a{i}", j2), (f"b{i}", j2)])
    net = _net(g)
    got = govnet.betweenness_centrality(net, normalized=False, threads=threads)
    assert np.isfinite(got.to_numpy()).all()
    layer = net.layer(None)
    assert np.array_equal(_core.betweenness(layer, normalized=False, threads=threads or 0),
                          _core.betweenness(layer, normalized=False, scaled_counts=True))
    # Closed form: junction j_i has 3i actors before it and 3(k - i) after, every
    # path between the two sides passes it, and it carries half of the paths between
    # the two middles of each diamond it closes; a middle actor of diamond i carries
    # half of the paths between the 3i + 1 actors up to j_i and the 3(k-i) - 2 from j_(i+1).
    for i in (0, 1, 7, 512, 1099):
        ends = 0.5 if i == 0 else 1.0
        assert got[f"j{i}"] == pytest.approx(9.0 * i * (k - i) + ends, rel=1e-12)
        assert got[f"a{i}"] == pytest.approx((3 * i + 1) * (3 * (k - i) - 2) / 2, rel=1e-12)
    assert got[f"j{k}"] == 0.5


def _weighted(directed: bool, seed: int) -> tuple[nx.Graph, np.ndarray]:
    g = nx.gnm_random_graph(40, 120, seed=seed, directed=directed)
    w = np.random.default_rng(seed).integers(1, 9, g.number_of_edges()).astype(float)
    for (u, v), x in zip(g.edges(), w):
        g[u][v]["weight"] = x
    return g, w


@pytest.mark.parametrize("seed", range(3))
def test_power_iterations_invariant_to_weight_scale(seed):
    g, w = _weighted(False, seed)
    ref_ev = nx.eigenvector_centrality(g, weight="weight", tol=1e-12, max_iter=10000)
    ref_pr = nx.pagerank(g, weight="weight", tol=1e-14)
    ref_hub, _ = nx.hits(g, tol=1e-14, max_iter=10000)
    base = _net(g, w)
    nodes = [str(v) for v in g.nodes()]
    out = {}
    for scale in (1.0, 2.0 ** -40, 2.0 ** 300, 1e-6, 1e200):
        net = _net(g, w * scale)
        ev = govnet.eigenvector_centrality(net, weight="weight", tol=1e-12, max_iter=10000)
        pr = govnet.pagerank(net, tol=1e-14, max_iter=1000)
        hub, _ = govnet.hits(net, tol=1e-14, max_iter=10000)
        np.testing.assert_allclose(ev[nodes].to_numpy(), [ref_ev[v] for v in g.nodes()],
                                   atol=1e-9)
        np.testing.assert_allclose(pr[nodes].to_numpy(), [ref_pr[v] for v in g.nodes()],
                                   atol=1e-12)
        np.testing.assert_allclose(hub[nodes].to_numpy(), [ref_hub[v] for v in g.nodes()],
                                   atol=1e-10)
        out[scale] = (ev.to_numpy(), pr.to_numpy(), hub.to_numpy())
    # a power-of-two scale gives the same bits
    for scale in (2.0 ** -40, 2.0 ** 300):
        for a, b in zip(out[scale], out[1.0]):
            assert np.array_equal(a, b)
    assert len(base) == 40


def test_tiny_and_huge_weights_do_not_stop_early_or_vanish():
    # A star plus a triangle: unit weights give networkx's vector; so must 1e-6 and 1e200.
    g = nx.star_graph(6)
    g.add_edges_from([(1, 2), (2, 3), (1, 3)])
    ref = nx.eigenvector_centrality(g, tol=1e-10, max_iter=10000)
    for scale in (1e-6, 1e-300, 1e200, 1e300):
        net = _net(g, np.full(g.number_of_edges(), scale))
        ev = govnet.eigenvector_centrality(net, weight="weight", tol=1e-10, max_iter=10000)
        np.testing.assert_allclose(ev[[str(v) for v in g.nodes()]].to_numpy(),
                                   [ref[v] for v in g.nodes()], atol=1e-8)


def test_unconverged_iterations_raise():
    g, w = _weighted(True, 1)
    net = _net(g, w)
    with pytest.raises(govnet.ConvergenceError):
        govnet.eigenvector_centrality(net, max_iter=2)
    with pytest.raises(govnet.ConvergenceError):
        govnet.pagerank(net, max_iter=2)
    with pytest.raises(govnet.ConvergenceError):
        govnet.hits(net, max_iter=2)
    with pytest.raises(govnet.ConvergenceError):
        govnet.katz_centrality(net, alpha=0.9, weight="weight")    # alpha > 1/lambda: diverges
    with pytest.raises(govnet.ConvergenceError):
        govnet.katz_centrality(net, alpha=0.9, weight="weight", max_iter=100000)


def test_result_index_is_not_the_networks():
    net = govnet.datasets.nanshan()
    s = govnet.degree_centrality(net, relation="leadership")
    s.index.name = "renamed"
    assert net.actor_ids.name != "renamed"
    s.iloc[0] = 99.0
    assert govnet.degree_centrality(net, relation="leadership").iloc[0] != 99.0


def test_core_profile_numbers_equal_separate_kernels():
    for seed in range(4):
        net = synthetic.community(seed, index=seed)
        for relation in ("all", "leadership"):
            g = net.layer(relation)
            core = net.tier_of("core")
            mask = np.isin(net.actor_ids, core).astype(np.uint8)
            x = _core.core_profile_numbers(g, mask, seed=seed, restarts=10)
            assert x["pair_dependency"] == _core.pair_dependency(g, mask)[0] or (
                np.isnan(x["pair_dependency"]) and np.isnan(_core.pair_dependency(g, mask)[0]))
            assert np.array_equal(x["distance"], _core.distance_from_set(g, mask))
            assert x["intact"] == tuple(_core.removal_effect(g, np.zeros(len(net), np.uint8)))
            assert x["without_core"] == tuple(_core.removal_effect(g, mask))
            singles = _core.single_removal_effects(g)
            for key in ("efficiency", "components", "largest_share"):
                assert np.array_equal(x["singles"][key], singles[key])
            cp = govnet.core_periphery(net, relation=relation, restarts=10, seed=seed)
            assert x["cp_ok"]
            assert np.array_equal(np.asarray(x["cp_core"]).astype(bool),
                                  cp.partition.eq("core").to_numpy())
            assert x["cp_fit"] == cp.fit


@pytest.mark.parametrize("kwargs", [{}, {"relation": "leadership"},
                                    {"relation": "all", "undirected": True}, {"seed": 5}])
def test_collection_core_profile_batch_equals_per_community_calls(kwargs):
    c = synthetic.district(4, communities=25, duties=False)
    opts = dict(kwargs)
    base = opts.pop("seed", None)
    if "relation" not in opts:
        opts["relation"] = "all"
    got = c.core_profile(**opts, seed=base, with_table=False)
    for threads in (1, 2):
        again = c.core_profile(**opts, seed=base, with_table=False, threads=threads)
        pd.testing.assert_frame_equal(again, got)
    for cid, net in c.items():
        kw = dict(opts)
        if base is not None:
            kw["seed"] = govnet.collection.community_seed(base, cid)
        p = govnet.core_profile(net, **kw)
        row = got.loc[cid]
        assert row["core_profile_core_vulnerability_rank"] == p.core_vulnerability_rank
        assert row["core_profile_in_empirical_core"] == p.in_empirical_core
        for f in ("pair_dependency", "cp_fit"):
            v = getattr(p, f)
            assert row[f"core_profile_{f}"] == v or (np.isnan(v) and np.isnan(row[f"core_profile_{f}"]))
    # the apply path (one Python call per community) gives the same frame
    slow = c.apply(govnet.core_profile, name="core_profile", with_table=False, seed=base, **opts)
    pd.testing.assert_frame_equal(got, slow, check_dtype=False, check_names=False)


def _odd_networks():
    """Small networks with what the one-pass removal kernels must get right:
    directed and undirected, disconnected, isolates, self-loops kept, trees and
    chains (articulation points everywhere), bridges between cliques, stars."""
    rng = np.random.default_rng(20)
    nets = []
    for k in range(36):
        n = int(rng.integers(3, 70))
        kind = k % 6
        if kind == 0:      # sparse random, often disconnected, with isolates
            m = int(rng.integers(0, 2 * n))
            src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
        elif kind == 1:    # a random tree
            dst = np.arange(1, n)
            src = np.array([rng.integers(0, v) for v in dst], dtype=np.int64)
        elif kind == 2:    # a chain plus a few chords
            src, dst = np.arange(n - 1), np.arange(1, n)
            extra = rng.integers(0, n, (3, 2))
            src, dst = np.r_[src, extra[:, 0]], np.r_[dst, extra[:, 1]]
        elif kind == 3:    # two dense blocks joined through one node, one isolate
            h = n // 2
            pairs = [(a, b) for a in range(h) for b in range(h) if a != b and rng.random() < 0.5]
            pairs += [(a, b) for a in range(h, n - 1) for b in range(h, n - 1)
                      if a != b and rng.random() < 0.5]
            pairs += [(0, h), (h, 0)]
            src, dst = np.array([p[0] for p in pairs] or [0]), np.array([p[1] for p in pairs] or [1])
        elif kind == 4:    # a star with spokes both ways
            src, dst = np.zeros(n - 1, np.int64), np.arange(1, n)
            src, dst = np.r_[src, dst[::2]], np.r_[dst, src[::2]]
        else:              # dense random with self-loops
            mask = rng.random((n, n)) < 0.3
            src, dst = np.nonzero(mask)
        nets.append(govnet.Network.from_arrays(src, dst, actors=n, directed=bool(k % 2),
                                               duplicates="sum",
                                               self_loops="keep" if kind == 5 else "drop"))
    return nets


def test_single_removal_effects_equal_one_removal_at_a_time():
    # The one-pass kernel (dominators, articulation points) against removal_effect
    # of each g - v (a sweep of the whole graph): the same doubles, bit for bit.
    for net in _odd_networks():
        for g in (net.layer("tie"), net.layer("tie", undirected=True)):
            n = g.num_nodes
            singles = _core.single_removal_effects(g)
            for v in range(n):
                gone = np.zeros(n, np.uint8)
                gone[v] = 1
                eff, comp, share = _core.removal_effect(g, gone)
                assert singles["efficiency"][v] == eff, (n, v)
                assert singles["components"][v] == comp, (n, v)
                assert singles["largest_share"][v] == share, (n, v)


@pytest.mark.parametrize("core_size", [1, 3])
def test_collection_core_profile_batch_on_odd_networks(core_size):
    # Disconnected networks, isolates, chains and stars; a one-actor core and a
    # core of several actors: the batch equals one core_profile call per network.
    nets = {f"n{i}": net for i, net in enumerate(_odd_networks())}
    c = govnet.Collection.from_networks(nets)
    core = [str(a) for a in range(core_size)]
    for undirected in (False, True):
        got = c.core_profile(core=core, relation="tie", undirected=undirected,
                             with_table=False, threads=2)
        for cid, net in nets.items():
            p = govnet.core_profile(net, core=core, relation="tie", undirected=undirected)
            row = got.loc[cid]
            assert row["core_profile_core_vulnerability_rank"] == p.core_vulnerability_rank
            assert row["core_profile_in_empirical_core"] == p.in_empirical_core
            for f in ("pair_dependency", "cp_fit"):
                v = getattr(p, f)
                assert row[f"core_profile_{f}"] == v or (
                    np.isnan(v) and np.isnan(row[f"core_profile_{f}"]))


def test_collection_core_profile_batch_names_the_community():
    c = synthetic.district(2, communities=3, duties=False)
    with pytest.raises(govnet.GovnetError) as err:
        c.core_profile(core="no_such_actor", relation="all")
    assert "in community" in "".join(getattr(err.value, "__notes__", [""]))


CSV_CASES = [
    "source,target,relation,weight\na,b,r,1\n007,NA,r,\nc,\"d,e\",r,2\n",
    "source,target,relation\nx,y,r\n\"multi\nline\",y,r\n\"q\"\"uote\",z,r\n",
    "a,a,b\n1,2,3\n,,\n",
    "source,target\n甲,乙\nnull,None\n#,nan\n",
]


@pytest.mark.parametrize("text", CSV_CASES)
def test_pyarrow_csv_equals_c_engine(text, monkeypatch):
    # With pyarrow installed (the "fast" extra) the fast path reads the C engine's
    # frame cell for cell; without it the path declines and read_table uses the C engine.
    ref = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    monkeypatch.setattr(tables, "_FAST_CSV_BYTES", 0)
    got = tables._read_csv_fast(text)
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        assert got is None
        return
    assert got is not None
    pd.testing.assert_frame_equal(got, ref)


def _messy_ties(seed: int) -> pd.DataFrame:
    # ids and relations with padding, blanks and repeats: what a hand-typed sheet holds
    rng = np.random.default_rng(seed)
    ids = np.array(["a", " e", "b ", "c", "乙", "d", "007", ""], dtype=object)
    rels = np.array(["r", " r", "s", "", None, "协商", "s "], dtype=object)
    m = int(rng.integers(1, 40))
    return pd.DataFrame({"source": ids[rng.integers(0, 3, m)],
                         "target": ids[rng.integers(2, 7 + (seed % 4 == 0), m)],  # some blank
                         "relation": rels[rng.integers(0, 7, m)], "weight": rng.integers(1, 4, m)})


@pytest.mark.parametrize("seed", range(20))
def test_relation_codes_equal_row_by_row_cleaning(seed):
    t = _messy_ties(seed)
    # the 0.3 rule, row by row: blank -> default, stripped, names in order of first appearance
    rel = t["relation"].astype(object).where(t["relation"].notna(), "tie").astype(str).str.strip()
    if (rel == "").any():
        first = int(np.flatnonzero(rel == "")[0])
        with pytest.raises(govnet.GovnetError, match=f"^ties row {first}: relation is empty"):
            relation_codes(t, "relation", "tie")
        return
    codes, names = relation_codes(t, "relation", "tie")
    assert names == list(dict.fromkeys(rel))
    assert [names[c] for c in codes] == rel.tolist()


def test_relation_codes_refuse_all_and_default_when_no_column():
    t = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "relation": ["r", " all"]})
    with pytest.raises(govnet.GovnetError, match="^ties row 1: a relation may not be named 'all'"):
        relation_codes(t, "relation", "tie")
    codes, names = relation_codes(t.drop(columns="relation"), "relation", "tie")
    assert names == ["tie"] and codes.tolist() == [0, 0]


@pytest.mark.parametrize("seed", range(20))
def test_coded_tie_ends_equal_plain_frames(seed):
    # read_csv codes both ends at once; from_frames on the uncoded frame is the reference
    t = _messy_ties(seed)
    t["relation"] = t["relation"].where(t["relation"].fillna("").str.strip() != "", "r")
    actors, coded = tables._actors_from_ties(t, "ties.csv", "plural", {})
    assert isinstance(coded["source"].dtype, pd.CategoricalDtype)
    ids = list(dict.fromkeys(v for v in pd.concat([t["source"], t["target"]]) if v.strip()))
    assert actors["id"].tolist() == ids
    kw = dict(directed=True, duplicates="sum", self_loops="drop")
    try:
        plain = govnet.Network.from_frames(actors, t, **kw)
    except govnet.GovnetError as err:   # the same message from the coded frame
        with pytest.raises(type(err), match=re.escape(str(err))):
            govnet.Network.from_frames(actors, coded, **kw)
        return
    fast = govnet.Network.from_frames(actors, coded, **kw)
    pd.testing.assert_frame_equal(fast.ties(), plain.ties())
    assert fast.relation_names("all") == plain.relation_names("all")
    pd.testing.assert_frame_equal(fast.actors, plain.actors)


def test_pyarrow_csv_declines_what_only_the_c_engine_reads(monkeypatch):
    monkeypatch.setattr(tables, "_FAST_CSV_BYTES", 0)
    assert tables._read_csv_fast("a,b\n1, 2\n") is None        # skipinitialspace
    assert tables._read_csv_fast("a,b\n1,2,3,4\n") is None      # ragged: C engine words it


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("between", ["ones", "missing"])
def test_core_periphery_bitmask_enumeration_equals_plain(seed, between):
    # The exact search (<= 22 actors) on 0/1 ties: bit masks vs the O(deg) updates.
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 17))
    g = nx.gnp_random_graph(n, float(rng.uniform(0.15, 0.5)), seed=seed, directed=seed % 2 == 1)
    if g.number_of_edges() == 0:
        g.add_edge(0, 1)
    layer = _net(g).layer(None)
    fast = _core.core_periphery_discrete(layer, between=between)
    plain = _core.core_periphery_discrete(layer, between=between, plain_enumeration=True)
    assert np.array_equal(fast[0], plain[0])
    assert fast[1] == plain[1]
    assert fast[2] == plain[2] == -1


@pytest.mark.parametrize("seed", range(6))
def test_core_periphery_pruned_enumeration_equals_plain(seed):
    # 17-22 actors: the blocks of 2^10 Gray codes that cannot beat the best fit are
    # skipped; the partition (first in Gray order with the highest fit) is unchanged,
    # on sparse and dense graphs, with ties of fit (structurally equivalent leaves).
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(17, 23))
    g = nx.gnp_random_graph(n, float(rng.uniform(0.08, 0.5)), seed=seed, directed=seed % 2 == 1)
    g.add_edges_from([(0, n - 1), (0, n - 2)])   # two leaves of one node: tied partitions
    layer = _net(g).layer(None)
    fast = _core.core_periphery_discrete(layer, between="ones")
    plain = _core.core_periphery_discrete(layer, between="ones", plain_enumeration=True)
    assert np.array_equal(fast[0], plain[0])
    assert fast[1] == plain[1]


def test_core_periphery_bitmask_on_classic_sets():
    for g in (nx.florentine_families_graph(), nx.krackhardt_kite_graph()):
        layer = _net(g).layer(None)
        for between in ("ones", "missing"):
            fast = _core.core_periphery_discrete(layer, between=between)
            plain = _core.core_periphery_discrete(layer, between=between, plain_enumeration=True)
            assert np.array_equal(fast[0], plain[0]) and fast[1] == plain[1]


CLASSIC = [nx.karate_club_graph, nx.florentine_families_graph, nx.les_miserables_graph,
           nx.davis_southern_women_graph, nx.krackhardt_kite_graph]


@pytest.mark.parametrize("make", CLASSIC)
def test_krylov_eigenvector_equals_networkx(make):
    g = nx.Graph(make())
    net = _net(g)
    nodes = [str(v) for v in g.nodes()]
    ref = nx.eigenvector_centrality(g, tol=1e-13, max_iter=100000)
    got = govnet.eigenvector_centrality(net, method="krylov")
    np.testing.assert_allclose(got[nodes].to_numpy(), [ref[v] for v in g.nodes()], atol=1e-9)
    # the default power iteration stops once sum |change| < n * 1e-6 (networkx's rule)
    power = govnet.eigenvector_centrality(net, method="power")
    np.testing.assert_allclose(got.to_numpy(), power.to_numpy(), atol=len(g) * 1e-6)


def test_auto_answers_where_power_iteration_crawls():
    # Two near-equal stars joined centre to centre: the spectral gap is tiny, so 100
    # power steps are far from converged; "auto" switches to Lanczos.
    g = nx.Graph()
    g.add_edges_from(("h1", f"x{i}") for i in range(60))
    g.add_edges_from(("h2", f"y{i}") for i in range(59))
    g.add_edge("h1", "h2")
    net = _net(g)
    with pytest.raises(govnet.ConvergenceError):
        govnet.eigenvector_centrality(net, method="power", tol=1e-9)
    got = govnet.eigenvector_centrality(net, tol=1e-9)
    ref = nx.eigenvector_centrality_numpy(g)
    nodes = [str(v) for v in g.nodes()]
    np.testing.assert_allclose(got[nodes].to_numpy(), [ref[v] for v in g.nodes()], atol=1e-8)
    with pytest.raises(govnet.InvalidParameterError):
        govnet.eigenvector_centrality(_net(nx.gnm_random_graph(10, 20, seed=1, directed=True)),
                                      method="krylov")


@pytest.mark.parametrize("seed", range(8))
def test_degree_one_folding_keeps_betweenness_exact(seed):
    # A random core with trees and pendant leaves hung on it (many degree-1 actors),
    # plus a separate pair and an isolate: folding vs every source, and networkx.
    rng = np.random.default_rng(seed)
    g = nx.gnm_random_graph(25, 45, seed=seed)
    nxt = 25
    for _ in range(40):
        g.add_edge(int(rng.integers(0, nxt)), nxt)
        nxt += 1
    g.add_edge(nxt, nxt + 1)
    g.add_node(nxt + 2)
    net = _net(g)
    layer = net.layer(None)
    for kw in ({}, {"normalized": False}):
        folded = _core.betweenness(layer, **kw)
        every = _core.betweenness(layer, no_folding=True, **kw)
        np.testing.assert_allclose(folded, every, rtol=1e-12, atol=1e-12)
    ref = nx.betweenness_centrality(g)
    np.testing.assert_allclose(govnet.betweenness_centrality(net)[[str(v) for v in g]].to_numpy(),
                               [ref[v] for v in g], rtol=1e-12, atol=1e-15)
    assert np.array_equal(_core.betweenness(layer, threads=1), _core.betweenness(layer, threads=2))


def test_sampled_betweenness_within_epsilon():
    # Riondato–Kornaropoulos: with probability >= 1 - delta every estimate is within
    # epsilon (on the n(n-1) scale); over 40 seeds at delta = 0.1 at most a few may miss.
    g = nx.barabasi_albert_graph(300, 2, seed=3)
    net = _net(g)
    n = len(g)
    exact = govnet.betweenness_centrality(net).to_numpy() * (n - 2) / n   # the n(n-1) scale
    eps, delta = 0.02, 0.1
    misses = 0
    total = np.zeros(n)
    for seed in range(40):
        est = govnet.approximate_betweenness(net, epsilon=eps, delta=delta, seed=seed)
        assert est.attrs["samples"] > 0
        scaled = est.to_numpy() * (n - 2) / n
        misses += np.abs(scaled - exact).max() > eps
        total += scaled
    assert misses <= 8
    # unbiased: the mean of 40 runs is much closer (each path drawn uniformly)
    assert np.abs(total / 40 - exact).max() < eps / 3
    a = govnet.approximate_betweenness(net, epsilon=0.05, seed=7, threads=1)
    b = govnet.approximate_betweenness(net, epsilon=0.05, seed=7, threads=2)
    assert np.array_equal(a.to_numpy(), b.to_numpy())
    dg = nx.gnm_random_graph(80, 300, seed=2, directed=True)
    dnet = _net(dg)
    m = len(dg)
    d = govnet.approximate_betweenness(dnet, epsilon=0.03, delta=0.01, seed=1)
    dref = govnet.betweenness_centrality(dnet).to_numpy()
    assert np.abs(d.to_numpy() - dref).max() * (m - 2) / m <= 0.03
    raw = govnet.approximate_betweenness(dnet, epsilon=0.03, delta=0.01, seed=1, normalized=False)
    np.testing.assert_allclose(raw.to_numpy(), d.to_numpy() * (m - 1) * (m - 2), rtol=1e-12)
    with pytest.raises(govnet.InvalidParameterError):
        govnet.approximate_betweenness(net, epsilon=0)


def test_collection_core_profile_batch_on_dask_equals_local():
    import distributed

    c = synthetic.district(6, communities=14, duties=False)
    local = c.core_profile(relation="all", seed=3)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=":0", silence_logs=40)
    try:
        with distributed.Client(cluster) as client:
            for chunk_size in (4, None):
                remote = c.core_profile(relation="all", seed=3, client=client,
                                        chunk_size=chunk_size)
                pd.testing.assert_frame_equal(remote, local)
    finally:
        cluster.close()


@pytest.mark.parametrize("relation,undirected", [("leadership", False), ("leadership", True),
                                                 (["leadership", "membership"], False),
                                                 ("all", False)])
def test_core_profile_centralities_are_the_public_functions_bit_for_bit(relation, undirected):
    net = govnet.datasets.nanshan()
    g = layer_of(net, relation, undirected=undirected)
    for short, fn in CENTRALITIES.items():
        try:
            plain = fn(net, relation=relation, undirected=undirected).to_numpy()
        except govnet.ConvergenceError:  # eigenvector on the directed leadership layer
            with pytest.raises(govnet.ConvergenceError):
                centrality_values(net, g, short, 1)
            continue
        np.testing.assert_array_equal(centrality_values(net, g, short, 1), plain, err_msg=short)


def test_core_profile_tables_built_on_first_use_are_stable():
    p = govnet.core_profile(govnet.datasets.nanshan(), relation=["leadership", "membership"])
    assert "centrality" not in vars(p)          # not built yet
    first = p.vulnerability
    assert p.vulnerability is first             # built once
    assert p.vulnerability.index[0] in list(p.vulnerability.index)
    assert len(p.centrality) == 6 and list(p.reach.index) == [1, 2, 3]
    with pytest.raises(AttributeError):
        p.core = []                             # still a frozen result
