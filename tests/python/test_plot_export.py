"""Figures for a paper: PDF/SVG with the Chinese font embedded (the text read back
out of the saved PDF with pypdf), labels that do not collide on 25-60 actor
networks (measured on the rendered text boxes), one colour per relation with a
legend, sizes that scale inside subplots."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import govnet  # noqa: E402
from govnet.plot import figures  # noqa: E402

pypdf = pytest.importorskip("pypdf")

STRUCTURAL = ["leadership", "membership", "cross_appointment", "guidance"]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def community(n: int, seed: int = 0) -> govnet.Network:
    """An n-actor community with realistic Chinese names (long ones included) and three
    relations; built here so the label test does not depend on a dataset's size."""
    rng = np.random.default_rng(seed)
    stems = ["桂园社区", "南山街道", "荔湾", "前海", "蛇口", "招商", "西丽", "粤海", "沙河", "桃源"]
    kinds = ["股份合作公司", "业主委员会", "物业服务中心", "社会组织", "志愿者协会", "楼栋长小组",
             "老年协会", "妇女之家", "青年突击队", "幼儿园"]
    ids, names, tiers = ["core"], ["社区综合党委"], ["core"]
    support = ["居民委员会", "社区工作站", "社区服务中心"]
    for k, s in enumerate(support):
        ids.append(f"s{k}")
        names.append(s)
        tiers.append("support")
    for k in range(n - 1 - len(support)):
        ids.append(f"p{k}")
        names.append(stems[k % len(stems)] + kinds[(k * 7 + k // len(stems)) % len(kinds)])
        tiers.append("external" if k % 6 == 5 else "plural")
    actors = pd.DataFrame({"id": ids, "name": names, "tier": tiers})
    rows = []
    for a in ids[1:]:
        rows.append(("core", a, "leadership"))
    for a, b in itertools.combinations(ids[1:], 2):
        if rng.random() < 0.06:
            rows.append((a, b, "deliberation"))
        if rng.random() < 0.03:
            rows.append((a, b, "information"))
    ties = pd.DataFrame(rows, columns=["source", "target", "relation"])
    return govnet.Network.from_frames(actors, ties, directed={"information": False})


def overlaps(ax) -> list[tuple[str, str]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(ax.figure)
    canvas.draw()
    r = canvas.get_renderer()
    # the text's own box (an Annotation's extent would include its leader line)
    boxes = [(t.get_text(), Text.get_window_extent(t, r)) for t in ax.texts]
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2)
            if ba.overlaps(bb) and min(ba.x1, bb.x1) - max(ba.x0, bb.x0) > 0.5
            and min(ba.y1, bb.y1) - max(ba.y0, bb.y0) > 0.5]


def test_pdf_embeds_the_cjk_font_and_keeps_the_text(tmp_path):
    net = govnet.datasets.nanshan()
    ax = govnet.plot.structure(net, relation=STRUCTURAL, centrality="betweenness")
    ax.set_title("南山区“一核多元”社区治理结构")  # set after drawing: export still finds a CJK font
    path = govnet.plot.save_figure(ax, tmp_path / "structure.pdf")
    assert path == tmp_path / "structure.pdf"
    reader = pypdf.PdfReader(path)
    text = reader.pages[0].extract_text()
    for name in ["社区综合党委", "社区居民委员会", "街道办事处", "南山区“一核多元”社区治理结构"]:
        assert name in text, (name, text[:200])
    assert net.actors.loc["party_committee", "name"] in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        desc = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        desc = desc.get_object()
        if any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            embedded.append(str(font["/BaseFont"]))
    cjk = govnet.plot.find_cjk_font()
    assert any(cjk.replace(" ", "").lower() in f.lower() for f in embedded), embedded


def test_svg_text_and_path_modes(tmp_path):
    net = govnet.datasets.nanshan()
    ax = govnet.plot.structure(net, relation=STRUCTURAL)
    as_text = govnet.plot.save_figure(ax, tmp_path / "s.svg", svg_text="text").read_text("utf-8")
    assert "社区综合党委" in as_text and "<text" in as_text
    assert govnet.plot.find_cjk_font() in as_text  # the font is named for the viewer
    as_path = govnet.plot.save_figure(ax.figure, tmp_path / "p.svg").read_text("utf-8")
    assert "<text" not in as_path
    # glyph outlines of the CJK face are in the file, and the strings as comments
    face = govnet.plot.find_cjk_font().replace(" ", "")
    assert re.search(rf'<path id="{face[:8]}[^"]*"', as_path.replace("-", ""), re.I) or \
        re.search(r'<path id="[^"]*CJK[^"]*"', as_path), as_path[:500]
    assert "<!-- 社区综合党委 -->" in as_path


def test_png_and_bad_arguments(tmp_path):
    ax = govnet.plot.structure(govnet.datasets.nanshan(), relation="leadership")
    raw = govnet.plot.save_figure(ax, tmp_path / "s.png", dpi=50).read_bytes()
    assert raw.startswith(b"\x89PNG")
    with pytest.raises(govnet.InvalidParameterError, match="format must be one of"):
        govnet.plot.save_figure(ax, tmp_path / "s.bmp")
    with pytest.raises(govnet.InvalidParameterError, match="svg_text"):
        govnet.plot.save_figure(ax, tmp_path / "s.svg", svg_text="font")
    with pytest.raises(govnet.InvalidParameterError, match="dpi"):
        govnet.plot.save_figure(ax, tmp_path / "s.png", dpi=0)
    with pytest.raises(TypeError, match="Figure or Axes"):
        govnet.plot.save_figure("not a figure", tmp_path / "s.png")
    assert govnet.plot.has_cjk("桂园") and not govnet.plot.has_cjk("Guiyuan")


@pytest.mark.parametrize("n", [25, 40, 60])
def test_labels_do_not_collide(n):
    net = community(n)
    ax = govnet.plot.structure(net, relation="all", ax=Figure(figsize=(10, 10)).add_subplot())
    assert len(ax.texts) == n
    assert overlaps(ax) == []
    # the same drawing without decluttering collides: the test can fail
    plain = govnet.plot.structure(net, relation="all", declutter=False,
                                  ax=Figure(figsize=(10, 10)).add_subplot())
    assert len(overlaps(plain)) > 0


def test_declutter_labels_separates_boxes():
    anchors = np.zeros((5, 2)) + np.array([[0, 0], [1, 0], [2, 0], [0, 1], [1, 1]])
    ext = np.full((5, 2), 20.0)
    out = figures.declutter_labels(anchors, ext, np.full(5, 3.0))
    for i, j in itertools.combinations(range(5), 2):
        dx, dy = np.abs(out[i] - out[j])
        assert dx >= 20 or dy >= 20, (i, j, out)
    for i in range(5):  # no label covers a node
        for j in range(5):
            dx, dy = np.abs(out[i] - anchors[j])
            assert dx >= 10 + 3 or dy >= 10 + 3
    np.testing.assert_array_equal(out, figures.declutter_labels(anchors, ext, np.full(5, 3.0)))


def test_one_colour_per_relation_with_a_legend():
    net = community(25)
    ax = govnet.plot.structure(net, relation=["leadership", "deliberation", "information"])
    arrows = [p for p in ax.patches if type(p).__name__ == "FancyArrowPatch"]
    colours = {mpl.colors.to_hex(p.get_edgecolor()) for p in arrows}
    assert colours == {c.lower() for c in govnet.plot.RELATION_COLORS[:3]}
    legend = {t.get_text(): h for t, h in zip(ax.get_legend().get_texts(),
                                             ax.get_legend().legend_handles)}
    for k, rel in enumerate(["leadership", "deliberation", "information"]):
        label = next(t for t in legend if rel in t)
        assert mpl.colors.to_hex(legend[label].get_color()) == govnet.plot.RELATION_COLORS[k].lower()
    assert any("领导" in t for t in legend)


def test_sizes_scale_inside_subplots():
    net = community(25)
    big = govnet.plot.structure(net, relation="all", ax=Figure(figsize=(8, 8)).add_axes((0, 0, 1, 1)))
    fig = Figure(figsize=(8, 8))
    small = govnet.plot.structure(net, relation="all", ax=fig.add_axes((0, 0, 0.5, 0.5)))
    ratio = small.collections[0].get_sizes().max() / big.collections[0].get_sizes().max()
    assert ratio == pytest.approx(0.25)  # area scales with the square of the side
    assert small.texts[0].get_fontsize() == pytest.approx(max(5.0, 9 * 0.5))
    fixed = govnet.plot.structure(net, relation="all", scale=1.0, ax=fig.add_axes((0.5, 0.5, 0.5, 0.5)))
    assert fixed.collections[0].get_sizes().max() == pytest.approx(2200.0)
    with pytest.raises(govnet.InvalidParameterError, match="scale"):
        govnet.plot.structure(net, scale=0)


@pytest.mark.parametrize("n", [25, 60])
def test_nodes_do_not_overlap(n):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    ax = govnet.plot.structure(community(n), relation="all", ax=Figure(figsize=(10, 10)).add_subplot())
    FigureCanvasAgg(ax.figure).draw()
    dots = ax.collections[-1]
    centres = ax.transData.transform(dots.get_offsets()) * 72 / ax.figure.dpi  # points
    radii = np.sqrt(dots.get_sizes()) / 2
    for i, j in itertools.combinations(range(n), 2):
        gap = np.hypot(*(centres[i] - centres[j])) - radii[i] - radii[j]
        assert gap > 0, (i, j, gap)
    # the same drawing without the crowding rule (the Axes' scale given) overlaps on 60 actors
    if n == 60:
        fixed = govnet.plot.structure(community(n), relation="all", scale=figures._axes_scale(ax),
                                      ax=Figure(figsize=(10, 10)).add_subplot())
        dots = fixed.collections[-1]
        centres = fixed.transData.transform(dots.get_offsets()) * 72 / fixed.figure.dpi
        radii = np.sqrt(dots.get_sizes()) / 2
        assert any(np.hypot(*(centres[i] - centres[j])) < radii[i] + radii[j]
                   for i, j in itertools.combinations(range(n), 2))
