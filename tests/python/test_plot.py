"""Figures: the 1+3+N layout, clustered order against scipy, Chinese labels
without missing glyphs (pytest turns matplotlib's missing-glyph warning into
an error), and the warning when no CJK font is installed."""

from __future__ import annotations

import io
import math
import warnings

import numpy as np
import pandas as pd
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import govnet  # noqa: E402
import govnet.plot as gp  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def png_of(ax) -> bytes:
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=60)
    return buf.getvalue()


def test_structure_layout_rings():
    net = govnet.datasets.nanshan()
    pos = gp.structure_layout(net)
    radius = {a: round(math.hypot(*pos[a]), 9) for a in pos}
    tiers = net.actors["tier"].astype(str)
    assert {radius[a] for a in tiers.index[tiers == "core"]} == {0.0}
    assert {radius[a] for a in tiers.index[tiers == "support"]} == {1.0}
    assert {radius[a] for a in tiers.index[tiers == "plural"]} == {2.0}
    assert {radius[a] for a in tiers.index[tiers == "external"]} == {2.8}
    # the ring is evenly spaced: the 3 support actors 120 degrees apart
    sup = [pos[a] for a in tiers.index[tiers == "support"]]
    d = [math.dist(sup[i], sup[(i + 1) % 3]) for i in range(3)]
    np.testing.assert_allclose(d, math.sqrt(3), rtol=1e-12)


def test_structure_draws_everything_with_chinese_labels():
    net = govnet.datasets.nanshan()
    ax = gp.structure(net, centrality="betweenness")
    png = png_of(ax)  # a missing glyph would raise here (filterwarnings=error)
    assert png.startswith(b"\x89PNG")
    texts = [t.get_text() for t in ax.texts]
    assert "社区综合党委" in texts and len(texts) == len(net)
    # one arrow or line per drawn tie (self-loops skipped), legend names every relation
    assert len(ax.patches) - 3 == sum(len(net.ties(r)) for r in net.relations)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("leadership" in t for t in legend) and any("一核" in t for t in legend)
    # node size follows the centrality: the largest marker is the top actor
    sizes = ax.collections[0].get_sizes()
    top = govnet.betweenness_centrality(net, relation="all").idxmax()
    assert sizes.argmax() == net.position(top)


def test_structure_relation_subset_and_series_sizes():
    net = govnet.datasets.nanshan()
    sizes = pd.Series(np.arange(len(net), dtype=float), index=net.actor_ids, name="rank")
    ax = gp.structure(net, relation="leadership", centrality=sizes, labels="id", legend=False)
    assert len(ax.patches) - 3 == len(net.ties("leadership"))
    assert ax.collections[0].get_sizes().argmax() == len(net) - 1
    with pytest.raises(govnet.RelationNotFoundError):
        gp.structure(net, relation="nope")


def test_clustered_order_matches_scipy():
    from scipy.cluster.hierarchy import dendrogram, linkage

    rng = np.random.default_rng(3)
    ids = [f"a{i}" for i in range(9)]
    m = rng.integers(0, 6, (9, 9)).astype(float)
    m = m + m.T
    frame = pd.DataFrame(m, index=ids, columns=ids)
    # an independent route to the same leaf order: scipy's dendrogram on the same linkage
    z = linkage(m, method="average", metric="euclidean")
    ref = [ids[i] for i in dendrogram(z, no_plot=True)["leaves"]]
    assert gp.clustered_order(frame) == ref
    ax = gp.duty_overlap_heatmap(frame)
    assert [t.get_text() for t in ax.get_yticklabels()] == ref
    np.testing.assert_array_equal(ax.images[0].get_array(), frame.loc[ref, ref].to_numpy())
    png_of(ax)


def test_heatmap_with_network_names_and_bad_input():
    net = govnet.datasets.nanshan()
    ids = list(net.actor_ids)[:5]
    frame = pd.DataFrame(np.eye(5), index=ids, columns=ids)
    ax = gp.duty_overlap_heatmap(frame, net=net, cluster=False)
    assert ax.get_yticklabels()[0].get_text() == net.actors.loc[ids[0], "name"]
    png_of(ax)
    with pytest.raises(govnet.InvalidNetworkError, match="square"):
        gp.duty_overlap_heatmap(frame.iloc[:, :3])


def test_bar_and_comparison():
    net = govnet.datasets.nanshan()
    deg = govnet.degree_centrality(net, relation="all")
    ax = gp.centrality_bar(deg, net=net, top=5)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    top5 = deg.sort_values(ascending=False).head(5)
    assert labels[::-1] == [net.actors.loc[a, "name"] for a in top5.index]
    np.testing.assert_allclose([p.get_width() for p in ax.patches][::-1], top5.to_numpy())
    png_of(ax)
    frame = pd.DataFrame({"核心中介度": [0.5, 0.3, 0.7], "密度": [0.2, 0.4, 0.3],
                          "note": ["a", "b", "c"]}, index=["南山社区", "沙头社区", "蛇口社区"])
    axes = gp.community_comparison(frame, title="社区比较")
    assert axes.size == 2 and axes.ravel()[0].get_title() == "核心中介度"
    png_of(axes.ravel()[0])
    with pytest.raises(govnet.InvalidNetworkError):
        gp.community_comparison(pd.DataFrame())


def test_cjk_font_found_and_missing_glyph_detection_works():
    assert gp.find_cjk_font() is not None, "fonts-noto-cjk is expected on this machine"
    # Control: without a CJK font, matplotlib does warn, so the tests above can fail.
    fig, ax = plt.subplots()
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        ax.set_title("社区")
        with pytest.warns(UserWarning, match="missing from font"):
            fig.canvas.draw()


def test_warns_with_install_hint_when_no_cjk_font(monkeypatch):
    gp.figures._find_cjk_font.cache_clear()
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans"])
    try:
        with pytest.warns(gp.CJKFontWarning, match="apt-get install fonts-noto-cjk"):
            assert gp.find_cjk_font() is None
    finally:
        monkeypatch.undo()
        gp.figures._find_cjk_font.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gp.find_cjk_font() is not None


def test_structure_many_ties_fast_path():
    net = govnet.datasets.nanshan()
    ax = gp.structure(net, max_arrows=0, labels=None, centrality=None)
    assert len(ax.patches) == 3  # only the ring guides: ties went into line collections
    lines = ax.collections[:-1]
    assert sum(len(c.get_segments()) for c in lines) == sum(
        int((net.ties(r)["source"] != net.ties(r)["target"]).sum()) for r in net.relations)
    png_of(ax)


def test_axes_made_by_the_caller_get_the_cjk_font():
    """A figure made before (outside govnet's font settings) still shows Chinese."""
    from matplotlib.figure import Figure

    net = govnet.datasets.nanshan()
    ids = list(net.actor_ids)[:4]
    calls = [
        lambda ax: gp.structure(net, ax=ax, title="南山"),
        lambda ax: gp.centrality_bar(govnet.degree_centrality(net, relation="all"), net=net, ax=ax, title="度数"),
        lambda ax: gp.duty_overlap_heatmap(pd.DataFrame(np.eye(4), index=ids, columns=ids),
                                           net=net, ax=ax),
        lambda ax: gp.community_comparison(pd.DataFrame({"密度": [0.1, 0.2]}, index=["甲", "乙"]),
                                           axes=np.array([ax]), title="比较")[0],
    ]
    for draw in calls:
        ax = Figure().add_subplot()
        draw(ax)
        png_of(ax)  # missing glyphs would raise
