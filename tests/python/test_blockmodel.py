"""Structural equivalence, hclust, CONCOR, REGE and blockmodels against independent
references: brute-force loops written from the definitions (sna's NA conventions),
scipy's linkage on tie-free data, closed forms on constructed networks."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

import govnet
from govnet.positions import cutree, hclust


def random_net(n, p, seed, directed, weighted=False):
    rng = np.random.default_rng(seed)
    ids = [f"a{i:02d}" for i in range(n)]
    rows = []
    for i in range(n):
        for j in range(n):
            if i == j or (not directed and j < i):
                continue
            if rng.random() < p:
                rows.append((ids[i], ids[j], float(rng.integers(1, 5)) if weighted else 1.0))
    actors = pd.DataFrame({"id": ids, "tier": rng.choice(["core", "support", "plural"], n)})
    ties = pd.DataFrame(rows, columns=["source", "target", "weight"])
    ties["relation"] = "r"
    net = govnet.Network.from_frames(actors, ties, directed={"r": directed})
    a = np.zeros((n, n))
    for s, t, w in rows:
        a[ids.index(s), ids.index(t)] = w
        if not directed:
            a[ids.index(t), ids.index(s)] = w
    return net, a


def brute_sedist(a, method, diag):
    """sna::sedist written out: profiles c(A[i, ], A[, i]) with NA on the diagonal
    unless diag; pairwise-complete comparison."""
    n = a.shape[0]
    m = a.astype(float).copy()
    if not diag:
        np.fill_diagonal(m, np.nan)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            x = np.concatenate([m[i, :], m[:, i]])
            y = np.concatenate([m[j, :], m[:, j]])
            ok = ~(np.isnan(x) | np.isnan(y))
            x, y = x[ok], y[ok]
            if method == "hamming":
                out[i, j] = np.abs(x - y).sum()
            elif method == "euclidean":
                out[i, j] = math.sqrt(((x - y) ** 2).sum())
            else:
                if x.std() == 0 or y.std() == 0:
                    out[i, j] = 0.0
                else:
                    out[i, j] = np.corrcoef(x, y)[0, 1]
    return out


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("method", ["hamming", "euclidean", "correlation"])
@pytest.mark.parametrize("diag", [False, True])
def test_structural_distance_brute_force(directed, weighted, method, diag):
    for seed in range(4):
        net, a = random_net(9, 0.35, seed, directed, weighted)
        d = govnet.structural_distance(net, method=method, diag=diag,
                                       weight="weight" if weighted else None)
        np.testing.assert_allclose(d.to_numpy(), brute_sedist(a, method, diag), atol=1e-10)
        assert list(d.index) == list(net.actor_ids)


def test_hclust_matches_scipy_without_ties():
    rng = np.random.default_rng(3)
    for n in (2, 3, 7, 25):
        x = rng.normal(size=(n, 3))
        d = squareform(np.sqrt(((x[:, None] - x[None]) ** 2).sum(-1)), checks=False)
        full = squareform(d)
        for method in ("complete", "single", "average"):
            ours = hclust(full, method)
            ref = linkage(d, method=method)
            np.testing.assert_allclose(ours["height"], ref[:, 2], atol=1e-12)
            for k in range(1, n + 1):
                a = cutree(ours["merge"], k)
                b = fcluster(ours["linkage"], k, criterion="maxclust")
                c = fcluster(ref, k, criterion="maxclust")
                # the same partitions (labels differ)
                assert len(set(zip(a, b))) == len(set(a)) == len(set(b))
                assert len(set(zip(a, c))) == len(set(a)) == len(set(c))


def test_equivalence_clustering_perfect_positions():
    # two stars joined at their hubs: the leaves of a hub are structurally equivalent
    ties = [("h1", x) for x in ("a", "b", "c")] + [("h2", x) for x in ("d", "e", "f")]
    ties.append(("h1", "h2"))
    net = govnet.Network.from_frames(
        pd.DataFrame({"id": ["h1", "h2", "a", "b", "c", "d", "e", "f"], "tier": "plural"}),
        pd.DataFrame(ties, columns=["source", "target"]).assign(relation="r"),
        directed={"r": False})
    ec = govnet.equivalence_clustering(net, k=4)
    assert ec.positions.to_dict() == {"h1": 1, "h2": 2, "a": 3, "b": 3, "c": 3,
                                      "d": 4, "e": 4, "f": 4}
    assert ec.height[0] == 0
    assert ec.cut(height=0).nunique() == 4
    assert "4 positions" in repr(ec) and "<table>" in ec._repr_html_()
    # CONCOR: the first split separates the two stars' leaves (hub goes with the other leaves)
    c = govnet.concor(net, depth=1)
    assert c["a"] == c["b"] == c["c"] != c["d"] == c["e"] == c["f"]
    # REGE: the leaves are regularly equivalent to each other
    e = govnet.rege(net)
    assert e.loc["a", "d"] == pytest.approx(1.0)
    assert e.loc["h1", "h2"] == pytest.approx(1.0)


def test_concor_depth_and_isolates():
    net, _ = random_net(16, 0.3, 5, False)
    for depth in (1, 2, 3):
        c = govnet.concor(net, depth=depth, max_iter=500)
        assert 2 <= c.nunique() <= 2 ** depth
        assert c.iloc[0] == 1
    # an isolate is set aside as its own position
    iso = govnet.Network.from_frames(
        pd.DataFrame({"id": ["a", "b", "c", "z"], "tier": "plural"}),
        pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "relation": "r"}),
        directed={"r": False})
    c = govnet.concor(iso)
    assert c["z"] not in set(c[["a", "b", "c"]])
    with pytest.raises(govnet.InvalidParameterError):
        govnet.concor(iso, depth=0)


def brute_rege(a, iters):
    n = a.shape[0]
    e = np.ones((n, n))
    for _ in range(iters):
        new = np.ones((n, n))
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                num = 0.0
                for k in range(n):
                    num += max(e[k, m] * (min(a[i, k], a[j, m]) + min(a[k, i], a[m, j]))
                               for m in range(n))
                    num += max(e[k, m] * (min(a[j, k], a[i, m]) + min(a[k, j], a[m, i]))
                               for m in range(n))
                den = a[[i, j], :].sum() + a[:, [i, j]].sum()
                new[i, j] = num / den if den else 1.0
        same = np.array_equal(new, e)
        e = new
        if same:
            break
    return e


@pytest.mark.parametrize("directed", [True, False])
def test_rege_brute_force(directed):
    for seed in range(3):
        net, a = random_net(7, 0.4, seed, directed, weighted=True)
        e = govnet.rege(net, weight="weight", iterations=4)
        np.testing.assert_allclose(e.to_numpy(), brute_rege(a, 4), atol=1e-12)


def brute_blockmodel(a, codes, directed):
    k = codes.max() + 1
    n = a.shape[0]
    dens = np.full((k, k), np.nan)
    for r in range(k):
        for c in range(k):
            cells = [(i, j) for i in range(n) for j in range(n) if i != j
                     and codes[i] == r and codes[j] == c and (directed or r != c or i < j)]
            if cells:
                dens[r, c] = np.mean([a[i, j] for i, j in cells])
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    x = np.array([a[i, j] for i, j in pairs])
    f = np.array([dens[codes[i], codes[j]] for i, j in pairs])
    return dens, ((x - f) ** 2).sum(), np.corrcoef(x, f)[0, 1], x.mean()


@pytest.mark.parametrize("directed", [True, False])
def test_blockmodel_brute_force(directed):
    for seed in range(4):
        net, a = random_net(12, 0.3, seed, directed, weighted=seed % 2 == 1)
        w = "weight" if seed % 2 == 1 else None
        if w is None:
            a = (a > 0).astype(float)
        bm = govnet.blockmodel(net, "tier", weight=w)
        codes = pd.factorize(net.actors["tier"])[0]
        dens, ss, corr, overall = brute_blockmodel(a, codes, directed)
        np.testing.assert_allclose(bm.image.to_numpy(), dens, atol=1e-12)
        assert bm.sum_of_squares == pytest.approx(ss, abs=1e-10)
        assert bm.correlation == pytest.approx(corr, abs=1e-10)
        assert bm.r_squared == pytest.approx(corr ** 2, abs=1e-10)
        assert bm.density == pytest.approx(overall)
        assert bm.cutoff == pytest.approx(overall)
        np.testing.assert_array_equal(bm.reduced.to_numpy(),
                                      np.nan_to_num(dens, nan=-1) >= overall)
        bm2 = govnet.blockmodel(net, "tier", weight=w, alpha=0.5)
        np.testing.assert_array_equal(bm2.reduced.to_numpy(), np.nan_to_num(dens, nan=-1) >= 0.5)
        assert list(bm.order) == sorted(net.actor_ids, key=lambda x: (codes[net.position(x)],
                                                                      net.position(x)))


def test_blockmodel_of_equivalence_positions_and_html():
    net = govnet.datasets.kite()
    pos = govnet.equivalence_clustering(net, k=3).positions
    bm = govnet.blockmodel(net, pos)
    assert bm.image.shape == (3, 3)
    assert "Blockmodel(3 blocks" in repr(bm)
    assert "<table>" in bm._repr_html_()
    with pytest.raises(govnet.InvalidParameterError):
        govnet.blockmodel(net, pos, alpha=-1)
    with pytest.raises(TypeError):
        govnet.blockmodel(net, pos, alpha="high")


def test_bad_input():
    net = govnet.datasets.kite()
    with pytest.raises(govnet.InvalidParameterError, match="method"):
        govnet.structural_distance(net, method="jaccard")
    with pytest.raises(govnet.InvalidParameterError, match="linkage"):
        govnet.equivalence_clustering(net, linkage="ward")
    ec = govnet.equivalence_clustering(net)
    assert ec.positions is None
    with pytest.raises(govnet.InvalidParameterError, match="exactly one"):
        ec.cut()
    with pytest.raises(govnet.InvalidParameterError, match="1..10"):
        ec.cut(11)
    with pytest.raises(TypeError):
        ec.cut(2.5)
    with pytest.raises(govnet.InvalidParameterError, match="weight"):
        govnet.rege(net, weight="strength")
    with pytest.raises(govnet.InvalidParameterError, match="every actor needs one"):
        govnet.blockmodel(net, {"Andre": 1})           # actors without a block
    big, _ = random_net(401, 0.0, 0, False)
    with pytest.raises(govnet.TooLargeError, match="REGE"):
        govnet.rege(big)


def test_missing_dyads_raise():
    net = govnet.datasets.kite()
    missing = pd.DataFrame({"source": ["Andre"], "target": ["Jane"], "relation": ["tie"]})
    net2 = net._replace(missing=missing)    # the optional table (docs/conventions.md)
    with pytest.raises(govnet.InvalidNetworkError, match="missing dyad"):
        govnet.structural_distance(net2)


def test_plot_blockmodel_matrix():
    import matplotlib

    matplotlib.use("Agg")
    import warnings

    net = govnet.datasets.kite()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", govnet.plot.CJKFontWarning)
        ax = govnet.plot.blockmodel_matrix(net, govnet.concor(net))
    # one block boundary: one horizontal and one vertical line
    assert len(ax.lines) == 2
    img = ax.images[0].get_array()
    assert img.shape == (10, 10) and float(img.sum()) == 36.0
    assert any(t.get_text() == "0.67" for t in ax.texts)
    matplotlib.pyplot.close(ax.figure)


def test_stacking_a_layer_twice_changes_nothing_but_scale():
    # two identical layers: Hamming distances double, correlations and CONCOR unchanged
    net = govnet.datasets.krackhardt_managers()
    ties = net.ties(relation="advice")
    twice = govnet.Network.from_frames(
        net.actors.reset_index(),
        pd.concat([ties, ties.assign(relation="advice2")]),
        directed={"advice": True, "advice2": True})
    one = govnet.structural_distance(twice, relation="advice")
    two = govnet.structural_distance(twice, relation=["advice", "advice2"], stack=True)
    np.testing.assert_allclose(two.to_numpy(), 2 * one.to_numpy())
    c1 = govnet.structural_distance(twice, relation="advice", method="correlation")
    c2 = govnet.structural_distance(twice, relation=["advice", "advice2"], method="correlation",
                                    stack=True, diag=True)
    c1d = govnet.structural_distance(twice, relation="advice", method="correlation", diag=True)
    np.testing.assert_allclose(c2.to_numpy(), c1d.to_numpy(), atol=1e-12)
    assert not np.allclose(c1.to_numpy(), c1d.to_numpy())
    pd.testing.assert_series_equal(
        govnet.concor(twice, relation="advice", depth=2, max_iter=500),
        govnet.concor(twice, relation=["advice", "advice2"], depth=2, max_iter=500, stack=True))
    with pytest.raises(TypeError, match="stack"):
        govnet.structural_distance(twice, relation="advice", stack="yes")


def test_undirected_reads_a_directed_layer_as_undirected():
    for seed in range(3):
        net, a = random_net(9, 0.3, seed, True)
        sym = ((a + a.T) > 0).astype(float)
        for method in ("hamming", "euclidean", "correlation"):
            d = govnet.structural_distance(net, method=method, undirected=True)
            np.testing.assert_allclose(d.to_numpy(), brute_sedist(sym, method, False), atol=1e-10)
        e = govnet.rege(net, undirected=True, iterations=2)
        np.testing.assert_allclose(e.to_numpy(), brute_rege(sym, 2), atol=1e-12)
        bm = govnet.blockmodel(net, "tier", undirected=True)
        dens, *_ = brute_blockmodel(sym, pd.factorize(net.actors["tier"])[0], False)
        np.testing.assert_allclose(bm.image.to_numpy(), dens, atol=1e-12)
        assert not bm.directed
