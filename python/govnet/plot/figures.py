"""Figures for papers and slides (matplotlib; ``pip install govnet[plot]``).

* :func:`structure` — the concentric "1+3+N" drawing: the core (一核) at the
  centre, the support tier (the "3") on the inner ring, the plural tier (the
  "N", 多元) outside it, external actors on the outermost ring; colour by
  tier, line style by relation, node size by a centrality, with a legend
  (like 南山区“一核多元”社区治理结构图).
* :func:`duty_overlap_heatmap` — an actor × actor duty-overlap matrix in a
  hierarchically clustered order (职责交叉).
* :func:`centrality_bar` and :func:`community_comparison` — a measure per
  actor, and measures across communities.

Chinese labels: govnet looks for an installed CJK font (Noto Sans/Serif CJK,
Source Han, WenQuanYi, SimHei, Microsoft YaHei, PingFang...) and uses it for
every figure it draws; when none is installed it warns once
(:class:`CJKFontWarning`) and says how to install one
(``apt-get install fonts-noto-cjk`` on Debian/Ubuntu). Every function returns
the matplotlib Axes it drew on (an array of Axes for several panels); pass
``ax=`` to draw into your own figure.

Examples
--------
>>> import govnet
>>> net = govnet.datasets.nanshan()
>>> ax = govnet.plot.structure(net, relation=["leadership", "membership", "cross_appointment",
...                                           "guidance"], centrality="betweenness")  # doctest: +SKIP
>>> ax.figure.savefig("structure.png", dpi=200, bbox_inches="tight")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.measures.centrality import CENTRALITIES
from govnet.model.access import as_network
from govnet.model.vocab import RELATIONS, TIERS
from govnet.plot._common import plain_text_rc

__all__ = [
    "structure",
    "duty_overlap_heatmap",
    "clustered_order",
    "centrality_bar",
    "community_comparison",
    "find_cjk_font",
    "CJKFontWarning",
    "TIER_COLORS",
    "RELATION_COLORS",
    "declutter_labels",
]

#: Tier colours (colour-blind safe, Okabe–Ito): core red, support blue, plural green, external grey.
TIER_COLORS = {"core": "#D55E00", "support": "#0072B2", "plural": "#009E73", "external": "#999999"}

_LINE_STYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3))]

#: One colour per drawn relation, in order (Paul Tol's muted scheme, distinct from the tier
#: colours); together with the line style each relation is told apart in colour and in grey.
RELATION_COLORS = ["#332288", "#CC6677", "#44AA99", "#882255", "#999933", "#88CCEE", "#AA4499",
                   "#117733", "#DDCC77", "#661100"]

#: The figure size at which ``node_size`` and ``font_size`` apply as given: inside a smaller
#: Axes (a subplot) they shrink with the Axes' shorter side (see :func:`structure`).
_REFERENCE_INCHES = 8.0

# In order of preference: simplified-Chinese faces first.
_CJK_FONTS = [
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "SimHei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
    "SimSun", "Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Serif CJK TC",
    "Noto Serif CJK JP", "AR PL UMing CN", "AR PL UKai CN", "Droid Sans Fallback",
]


class CJKFontWarning(UserWarning):
    """No font able to show Chinese characters is installed."""


def _mpl() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError("govnet.plot needs matplotlib: pip install 'govnet[plot]' "
                          "(or pip install matplotlib)") from exc
    return matplotlib


@lru_cache(maxsize=1)
def _find_cjk_font() -> str | None:
    _mpl()
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _CJK_FONTS:
        if name in installed:
            return name
    for name in sorted(installed):  # any other CJK family
        if any(key in name for key in ("CJK", "Han Sans", "Han Serif", "WenQuanYi", "Hei", "Ming")):
            return name
    return None


def find_cjk_font(*, warn: bool = True) -> str | None:
    """The family name of an installed font with Chinese glyphs, or None.

    With ``warn`` and no such font, warns (:class:`CJKFontWarning`) with
    install instructions; Chinese labels then show as empty boxes.
    """
    name = _find_cjk_font()
    if name is None and warn:
        warnings.warn(
            "no CJK font found: Chinese labels will show as empty boxes. Install one, e.g. "
            "`apt-get install fonts-noto-cjk` (Debian/Ubuntu), `dnf install "
            "google-noto-sans-cjk-fonts` (Fedora) or `brew install --cask font-noto-sans-cjk` "
            "(macOS), then delete matplotlib's font cache (matplotlib.get_cachedir()).",
            CJKFontWarning, stacklevel=3)
    return name


@contextmanager
def _style() -> Iterator[None]:
    """rcParams under which govnet's figures are made: a CJK font first, DejaVu Sans as
    fallback for any glyph it lacks, and a proper minus sign."""
    matplotlib = _mpl()
    families = _font_families()
    # Explicit family names, not the generic "sans-serif": text objects resolve a generic
    # family at draw time, when this context is gone (savefig after the call returns).
    with matplotlib.rc_context({"font.family": families, "axes.unicode_minus": False,
                                **plain_text_rc()}):
        yield


def _font_families() -> list[str]:
    cjk = find_cjk_font()
    return ([cjk] if cjk else []) + ["DejaVu Sans"]


def _apply_font(*axes: Any) -> None:
    """Give every text of these Axes the CJK font list. Needed when the caller made the
    Axes: their title, tick and axis-label texts took the font of that moment."""
    from matplotlib.text import Text

    families = _font_families()
    for ax in axes:
        for t in ax.findobj(Text):
            t.set_fontfamily(families)


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _ring_positions(ids: Sequence[str], radius: float, offset: float) -> dict[str, tuple[float, float]]:
    n = len(ids)
    if n == 0:
        return {}
    if n == 1 and radius == 0:
        return {ids[0]: (0.0, 0.0)}
    out = {}
    for k, a in enumerate(ids):
        t = math.pi / 2 + offset + 2 * math.pi * k / n
        out[a] = (radius * math.cos(t), radius * math.sin(t))
    return out


def structure_layout(net: Any) -> dict[str, tuple[float, float]]:
    """Positions of the concentric 1+3+N layout: core at radius 0 (several core
    actors on a small circle), support at 1, plural at 2, external at 2.8; actors
    keep their order within a ring."""
    actors = net.actors
    pos: dict[str, tuple[float, float]] = {}
    radii = {"core": 0.0, "support": 1.0, "plural": 2.0, "external": 2.8}
    for i, tier in enumerate(TIERS):
        ids = [str(a) for a in actors.index[actors["tier"] == tier]]
        r = radii[tier]
        if tier == "core" and len(ids) > 1:
            r = 0.35
        pos.update(_ring_positions(ids, r, offset=0.3 * i))
    return pos


def structure(net: Any, *, relation: str | Sequence[str] | None = None,
              centrality: str | pd.Series | None = "degree", labels: str = "name",
              ax: Any = None, legend: bool = True, title: str | None = None,
              node_size: tuple[float, float] = (250.0, 2200.0), font_size: float = 9.0,
              max_arrows: int = 1500, declutter: bool = True, scale: float | None = None) -> Any:
    """Draw the concentric "1+3+N" structure of a governance network.

    Core actors (一核) sit at the centre, the support tier (the "3") on the
    inner ring, the plural tier (the "N", 多元) on the next and external
    actors on the outermost ring. Node colour shows the tier; each relation
    has its own line colour and line style (arrows for directed relations),
    named in the legend; node area shows a centrality.

    Parameters
    ----------
    net : Network
    relation : str, list of str, "all" or None
        Relations to draw (default, or ``"all"``: every layer), each with its
        own colour and line style.
    centrality : {"degree", "betweenness"}, a Series indexed by actor id, or None
        Node area is proportional to it (scaled into ``node_size``); computed
        on the drawn relations; None draws equal nodes.
    labels : {"name", "id", "name_en"} or None
        Which actor column labels the nodes (Chinese names by default).
    ax : matplotlib Axes, optional
    legend, title, node_size, font_size
        Presentation. ``node_size`` (areas in points²) and ``font_size``
        (points) are for an Axes of about 8 inches; see ``scale``.
    max_arrows : int
        Above this many ties, ties are drawn as plain thin lines (one
        collection per relation, no arrow heads) to keep drawing fast.
    declutter : bool
        Move labels apart so that no two overlap and none covers a node
        (a deterministic repulsion of the labels' boxes, in points, with a
        thin leader line to a label moved away from its node); labels start
        outside their ring, away from the centre. When a crowded drawing has
        no room, the labels' font shrinks by 10% a step (down to 5 pt) until
        none overlap. Up to 400 labelled actors.
    scale : float, optional
        Multiplies node areas (by ``scale``²), fonts, line widths and arrow
        heads. Default: the Axes' shorter side over 8 inches (between 0.3
        and 1.5), so a drawing in a subplot keeps its proportions, and
        smaller still on a crowded ring, so that no two nodes overlap.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    net = as_network(net)
    rels = net.relations if relation is None or relation == "all" else (
        [relation] if isinstance(relation, str) else list(relation))
    for r in rels:
        net.relation_spec(r)
    actors = net.actors
    pos = structure_layout(net)
    if isinstance(centrality, str):
        fn = CENTRALITIES.get(centrality)
        if fn is None:
            raise InvalidParameterError(f"unknown centrality {centrality!r}; one of "
                                        f"{', '.join(CENTRALITIES)}, or pass a Series")
        size_values = fn(net, relation=rels) if rels else pd.Series(0.0, index=net.actor_ids)
        size_label = centrality
    elif isinstance(centrality, pd.Series):
        size_values = centrality.reindex(net.actor_ids).fillna(0.0).astype(float)
        size_label = str(centrality.name or "centrality")
    else:
        size_values = pd.Series(1.0, index=net.actor_ids)
        size_label = ""
    lo, hi = node_size
    v = size_values.to_numpy(dtype=float)
    span = v.max() - v.min() if len(v) else 0.0
    sizes = np.full(len(v), (lo + hi) / 3) if span <= 0 else lo + (hi - lo) * (v - v.min()) / span
    size_of = dict(zip(map(str, net.actor_ids), sizes))

    with _style():
        ax = _axes(ax, (10, 10))
        if scale is None:
            scale = _axes_scale(ax)
            scale *= _crowding(ax, [pos[str(a)] for a in net.actor_ids], np.sqrt(sizes) * scale)
        elif not isinstance(scale, (int, float)) or isinstance(scale, bool) or not scale > 0:
            raise InvalidParameterError(f"scale must be a positive number or None, got {scale!r}")
        sizes = sizes * scale ** 2
        size_of = {a: s * scale ** 2 for a, s in size_of.items()}
        font_size = max(5.0, font_size * scale)
        for ring in (1.0, 2.0, 2.8):  # faint guides for the tiers
            ax.add_patch(_circle(ring))
        styles = {}
        total = sum(len(net.ties(r)) for r in rels)
        for k, r in enumerate(rels):
            style = _LINE_STYLES[k % len(_LINE_STYLES)]
            color = RELATION_COLORS[k % len(RELATION_COLORS)]
            styles[r] = (style, color)
            spec = net.relation_spec(r)
            t = net.ties(r)
            keep = (t["source"] != t["target"]).to_numpy()
            src = t["source"].astype(str).to_numpy()[keep]
            dst = t["target"].astype(str).to_numpy()[keep]
            wts = t["weight"].to_numpy(dtype=float)[keep]
            if total > max_arrows:
                # Many ties: one LineCollection per relation (arrows per tie would take minutes).
                from matplotlib.collections import LineCollection

                segs = [(pos[a], pos[b]) for a, b in zip(src, dst)]
                ax.add_collection(LineCollection(segs, linestyles=[style], linewidths=0.4 * scale,
                                                 colors=color, alpha=0.3, zorder=1))
                continue
            for a, b, w in zip(src, dst, wts):
                arrow = FancyArrowPatch(
                    pos[a], pos[b], arrowstyle="-|>" if spec.directed else "-",
                    mutation_scale=12 * scale, linestyle=style,
                    linewidth=(0.6 + 0.6 * min(float(w), 4.0)) * scale, color=color, alpha=0.75, shrinkA=math.sqrt(size_of[a]) / 2 + 1,
                    shrinkB=math.sqrt(size_of[b]) / 2 + 1, zorder=1,
                    connectionstyle="arc3,rad=0.08" if spec.directed else "arc3,rad=0")
                ax.add_patch(arrow)
        ids = [str(a) for a in net.actor_ids]
        xy = np.array([pos[a] for a in ids])
        colors = [TIER_COLORS[str(t)] for t in actors["tier"]]
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="white",
                   linewidths=1.2 * scale, zorder=2)
        ax.set_aspect("equal")
        ax.set_xlim(-3.3, 3.3)
        ax.set_ylim(-3.4, 3.3)
        ax.axis("off")
        if labels:
            col = labels if labels in actors.columns else None
            if labels != "id" and col is None:
                raise InvalidParameterError(f"labels must be 'name', 'id', 'name_en' or None, got {labels!r}")
            texts = []
            for a in ids:
                text = a if labels == "id" else actors.loc[a, col]
                texts.append(text if isinstance(text, str) and text else a)
            radii = np.array([math.sqrt(size_of[a]) / 2 for a in ids])
            _draw_labels(ax, xy, texts, radii, font_size, declutter=declutter and len(ids) <= 400)
        if title is None:
            title = str(net.meta.get("name", ""))
        if title:
            ax.set_title(title)
        if legend:
            handles = [Line2D([], [], marker="o", linestyle="", markersize=10,
                              markerfacecolor=TIER_COLORS[t], markeredgecolor="white",
                              label=f"{TIERS[t].zh} {t}")
                       for t in TIERS if (actors["tier"] == t).any()]
            for r, (st, color) in styles.items():
                zh = RELATIONS[r].zh if r in RELATIONS else ""
                arrow = "→" if net.relation_spec(r).directed else "—"
                handles.append(Line2D([], [], color=color, linestyle=st, linewidth=1.5,
                                      label=f"{zh} {r} {arrow}".strip()))
            if size_label:
                handles.append(Line2D([], [], linestyle="", label=f"node size: {size_label}"))
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                      fontsize=font_size)
        _apply_font(ax)
    return ax


def _axes_scale(ax: Any) -> float:
    """The Axes' shorter side (inches) over the reference size, clipped to [0.3, 1.5]."""
    w, h = ax.figure.get_size_inches()
    box = ax.get_position()
    side = min(box.width * w, box.height * h)
    return float(min(1.5, max(0.3, side / _REFERENCE_INCHES)))


def _crowding(ax: Any, xy: Sequence[tuple[float, float]], diameters: np.ndarray) -> float:
    """A factor <= 1 for node diameters (points) so that no two nodes of the concentric
    layout overlap: the smallest centre distance over the mean of the two diameters,
    with a 5% gap; 1 when nothing would overlap (or above 2,000 nodes: not checked)."""
    n = len(xy)
    if n < 2 or n > 2000:
        return 1.0
    w, h = ax.figure.get_size_inches()
    box = ax.get_position()
    pt_per_unit = min(box.width * w / 6.6, box.height * h / 6.7) * 72.0  # the axes limits
    p = np.asarray(xy, dtype=float) * pt_per_unit
    d = np.hypot(p[:, None, 0] - p[None, :, 0], p[:, None, 1] - p[None, :, 1])
    need = (diameters[:, None] + diameters[None, :]) / 2
    np.fill_diagonal(d, np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(need > 0, 0.95 * d / need, np.inf)
    return float(min(1.0, ratio.min()))


def _label_extent(text: str, font_size: float) -> tuple[float, float]:
    """A generous estimate of a label's box (width, height) in points: a CJK or full-width
    character is one em wide, another character 0.62 em; plus the box padding."""
    ems = sum(1.0 if ord(ch) > 0x2E80 else 0.62 for ch in text)
    return (ems + 0.4) * font_size, 1.3 * font_size


def declutter_labels(anchors: np.ndarray, extents: np.ndarray, radii: np.ndarray, *,
                     iterations: int = 800, gap: float = 1.0) -> np.ndarray:
    """Centres of label boxes (points) so that no two boxes overlap and none covers a node.

    ``anchors`` (n × 2) are the nodes' positions in points, ``extents`` (n × 2)
    the boxes' widths and heights, ``radii`` the nodes' radii. Each label starts
    just outside its node, on the side away from the centroid of the nodes;
    then overlapping boxes (and boxes over a node's square) are pushed apart
    along the axis of least overlap, half each, for up to ``iterations`` rounds
    or until nothing overlaps. Deterministic (no randomness).
    """
    n = len(anchors)
    out = np.array(anchors, dtype=float)
    if n == 0:
        return out
    half = np.asarray(extents, dtype=float) / 2 + gap / 2
    centre = anchors.mean(axis=0)
    d = anchors - centre
    norm = np.hypot(d[:, 0], d[:, 1])
    d = np.where(norm[:, None] > 1e-9, d / np.maximum(norm, 1e-9)[:, None], [0.0, -1.0])
    # start outside the node along d: distance so that the box clears the node's square
    reach = radii + 2 + np.abs(d[:, 0]) * half[:, 0] + np.abs(d[:, 1]) * half[:, 1]
    out = anchors + d * reach[:, None]
    # nodes as fixed squares: obstacles for every label
    node_half = np.stack([radii, radii], axis=1)
    own = np.eye(n, dtype=bool)
    for _ in range(iterations):
        moved = False
        # label vs label
        dx = out[:, None, 0] - out[None, :, 0]
        dy = out[:, None, 1] - out[None, :, 1]
        ox = half[:, None, 0] + half[None, :, 0] - np.abs(dx)
        oy = half[:, None, 1] + half[None, :, 1] - np.abs(dy)
        hit = (ox > 0) & (oy > 0) & ~own
        if hit.any():
            moved = True
            push = np.zeros_like(out)
            along_x = hit & (ox < oy)
            along_y = hit & ~(ox < oy)
            # ties in position: break by index so the pair separates
            sx = np.where(dx == 0, np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]), np.sign(dx))
            sy = np.where(dy == 0, np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]), np.sign(dy))
            push[:, 0] = (np.where(along_x, ox * sx, 0.0) * 0.5).sum(axis=1)
            push[:, 1] = (np.where(along_y, oy * sy, 0.0) * 0.5).sum(axis=1)
            out += push * 0.6 + np.sign(push) * 0.2
        # label vs node
        dx = out[:, None, 0] - anchors[None, :, 0]
        dy = out[:, None, 1] - anchors[None, :, 1]
        ox = half[:, None, 0] + node_half[None, :, 0] - np.abs(dx)
        oy = half[:, None, 1] + node_half[None, :, 1] - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        if hit.any():
            moved = True
            sx = np.where(dx == 0, 1.0, np.sign(dx))
            sy = np.where(dy == 0, -1.0, np.sign(dy))
            along_x = hit & (ox < oy)
            along_y = hit & ~(ox < oy)
            out[:, 0] += np.where(along_x, (ox + 0.2) * sx, 0.0).sum(axis=1)
            out[:, 1] += np.where(along_y, (oy + 0.2) * sy, 0.0).sum(axis=1)
        if not moved:
            break
    return out


def _box_overlaps(centres: np.ndarray, extents: np.ndarray) -> int:
    """The number of pairs of boxes (centres, widths and heights) that overlap."""
    half = extents / 2
    ox = half[:, None, 0] + half[None, :, 0] - np.abs(centres[:, None, 0] - centres[None, :, 0])
    oy = half[:, None, 1] + half[None, :, 1] - np.abs(centres[:, None, 1] - centres[None, :, 1])
    hit = (ox > 1e-9) & (oy > 1e-9)
    return int((hit.sum() - np.trace(hit)) // 2)


def _draw_labels(ax: Any, xy: np.ndarray, texts: list[str], radii: np.ndarray, font_size: float,
                 *, declutter: bool) -> None:
    bbox = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}
    if not declutter:
        for (x, y), text, r in zip(xy, texts, radii):
            ax.annotate(text, (x, y), xytext=(0, -(r + 2)), textcoords="offset points",
                        ha="center", va="top", fontsize=font_size, zorder=3, bbox=bbox)
        return
    ax.apply_aspect()
    to_pt = 72.0 / ax.figure.dpi
    anchors = ax.transData.transform(xy) * to_pt
    # A crowded ring may have no room at this font size: shrink the labels (by 10% a
    # step, down to 5 pt) until the repulsion leaves no overlap.
    while True:
        extents = np.array([_label_extent(t, font_size) for t in texts])
        centres = declutter_labels(anchors, extents, radii)
        if font_size <= 5.0 or not _box_overlaps(centres, extents):
            break
        font_size = max(5.0, font_size * 0.9)
    for (x, y), text, a, c, r in zip(xy, texts, anchors, centres, radii):
        off = c - a
        far = float(np.hypot(*off)) > r + 1.6 * font_size + 0.5 * _label_extent(text, font_size)[0]
        arrow = {"arrowstyle": "-", "color": "#888888", "linewidth": 0.5, "shrinkA": 0,
                 "shrinkB": r} if far else None
        ax.annotate(text, (x, y), xytext=(float(off[0]), float(off[1])), textcoords="offset points",
                    ha="center", va="center", fontsize=font_size, zorder=3, bbox=bbox,
                    arrowprops=arrow)


def _circle(radius: float) -> Any:
    from matplotlib.patches import Circle

    return Circle((0, 0), radius, fill=False, linestyle=(0, (1, 4)), color="#bbbbbb", zorder=0)


def clustered_order(matrix: pd.DataFrame, *, method: str = "average",
                    metric: str = "euclidean") -> list[Any]:
    """Row labels in the leaf order of a hierarchical clustering of the rows
    (scipy ``linkage(pdist(rows, metric), method)`` then ``leaves_list``), as
    seaborn's clustermap orders them; fewer than 3 rows keep their order."""
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import pdist

    values = matrix.to_numpy(dtype=float)
    if len(values) < 3:
        return list(matrix.index)
    z = linkage(pdist(values, metric=metric), method=method)
    return [matrix.index[i] for i in leaves_list(z)]


def duty_overlap_heatmap(overlap: pd.DataFrame, *, net: Any = None, cluster: bool = True,
                         method: str = "average", annotate: bool | None = None,
                         cmap: str = "Blues", ax: Any = None, title: str | None = None) -> Any:
    """Heatmap of an actor × actor duty-overlap matrix (职责交叉), clustered.

    Parameters
    ----------
    overlap : DataFrame
        Square, rows and columns the same actor ids (e.g. shared duties).
    net : Network, optional
        Labels rows with the actors' names and colours them by tier.
    cluster : bool
        Order actors by :func:`clustered_order` (scipy hierarchical
        clustering of the rows, ``method``); otherwise keep the given order.
    annotate : bool, optional
        Write the values in the cells (default: up to 20 actors).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not isinstance(overlap, pd.DataFrame) or overlap.shape[0] != overlap.shape[1]:
        raise InvalidNetworkError("overlap must be a square DataFrame (actor x actor)")
    if list(overlap.index) != list(overlap.columns):
        overlap = overlap.reindex(columns=overlap.index)
        if overlap.isna().any().any():
            raise InvalidNetworkError("overlap's rows and columns must name the same actors")
    order = clustered_order(overlap, method=method) if cluster else list(overlap.index)
    m = overlap.loc[order, order]
    n = len(order)
    if annotate is None:
        annotate = n <= 20
    names = [str(a) for a in order]
    tier_colors = None
    if net is not None:
        actors = net.actors
        names = [str(actors.loc[a, "name"]) if a in actors.index else str(a) for a in order]
        tier_colors = [TIER_COLORS.get(str(actors.loc[a, "tier"]), "black") if a in actors.index
                       else "black" for a in order]
    with _style():
        ax = _axes(ax, (max(5.0, 0.45 * n + 3), max(4.0, 0.45 * n + 2)))
        im = ax.imshow(m.to_numpy(dtype=float), cmap=cmap, interpolation="nearest")
        bar = ax.figure.colorbar(im, ax=ax, shrink=0.8)
        ax.set_xticks(range(n), names, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(n), names, fontsize=8)
        if tier_colors:
            for lab, c in zip(ax.get_xticklabels(), tier_colors):
                lab.set_color(c)
            for lab, c in zip(ax.get_yticklabels(), tier_colors):
                lab.set_color(c)
        if annotate:
            vals = m.to_numpy(dtype=float)
            top = np.nanmax(vals) if vals.size else 0
            for i in range(n):
                for j in range(n):
                    x = vals[i, j]
                    ax.text(j, i, f"{x:g}", ha="center", va="center", fontsize=7,
                            color="white" if top and x > 0.6 * top else "black")
        ax.set_title(title if title is not None else "duty overlap (职责交叉)")
        _apply_font(ax, bar.ax)
    return ax


def centrality_bar(values: pd.Series, *, net: Any = None, top: int | None = None, ax: Any = None,
                   title: str | None = None, xlabel: str | None = None) -> Any:
    """Horizontal bars of one measure per actor, largest at the top.

    ``net`` labels actors by name and colours bars by tier; ``top`` keeps the
    largest ``top`` actors.
    """
    if not isinstance(values, pd.Series):
        raise InvalidParameterError(f"values must be a pandas Series indexed by actor, got {type(values).__name__}")
    s = values.astype(float).sort_values(ascending=False)
    if top is not None:
        s = s.head(top)
    s = s.iloc[::-1]
    labels = [str(a) for a in s.index]
    colors = ["#555555"] * len(s)
    if net is not None:
        actors = net.actors
        labels = [str(actors.loc[a, "name"]) if a in actors.index else str(a) for a in s.index]
        colors = [TIER_COLORS.get(str(actors.loc[a, "tier"]), "#555555") if a in actors.index
                  else "#555555" for a in s.index]
    with _style():
        ax = _axes(ax, (7, max(3.0, 0.32 * len(s) + 1.2)))
        ax.barh(range(len(s)), s.to_numpy(), color=colors)
        ax.set_yticks(range(len(s)), labels, fontsize=8)
        ax.set_xlabel(xlabel if xlabel is not None else str(values.name or "value"))
        ax.spines[["top", "right"]].set_visible(False)
        if title:
            ax.set_title(title)
        if net is not None:
            from matplotlib.patches import Patch

            present = {str(t) for t in net.actors["tier"]}
            ax.legend(handles=[Patch(color=TIER_COLORS[t], label=f"{TIERS[t].zh} {t}")
                               for t in TIERS if t in present], frameon=False, fontsize=8,
                      loc="lower right")
        _apply_font(ax)
    return ax


def community_comparison(frame: pd.DataFrame, *, measures: Sequence[str] | None = None,
                         axes: Any = None, title: str | None = None) -> Any:
    """Compare communities on several measures: one bar panel per measure.

    ``frame`` has one row per community (its index names them, Chinese
    welcome) and one column per measure (e.g. the core's betweenness, density,
    number of actors). Returns the array of Axes.
    """
    if not isinstance(frame, pd.DataFrame) or frame.empty:
        raise InvalidNetworkError("frame must be a non-empty DataFrame (communities x measures)")
    cols = list(measures) if measures is not None else list(frame.select_dtypes("number").columns)
    if not cols:
        raise InvalidNetworkError("frame has no numeric measure columns")
    with _style():
        if axes is None:
            import matplotlib.pyplot as plt

            k = len(cols)
            ncols = min(k, 3)
            nrows = math.ceil(k / ncols)
            _, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 0.28 * len(frame) * nrows + 2.5 * nrows),
                                   squeeze=False, layout="constrained")
        flat = np.asarray(axes).ravel()
        names = [str(i) for i in frame.index]
        for ax, c in zip(flat, cols):
            vals = frame[c].astype(float).to_numpy()
            ax.barh(range(len(vals)), vals, color="#0072B2")
            ax.set_yticks(range(len(vals)), names, fontsize=8)
            ax.invert_yaxis()
            ax.set_title(str(c), fontsize=10)
            ax.spines[["top", "right"]].set_visible(False)
        for ax in flat[len(cols):]:
            ax.axis("off")
        if title:
            flat[0].figure.suptitle(title, fontfamily=_font_families())
        _apply_font(*flat)
    return np.asarray(axes)
