"""The permuted adjacency matrix of a blockmodel (块模型矩阵图): actors sorted by
block, lines between the blocks, optionally the block densities written in."""

from __future__ import annotations

from typing import Any

import numpy as np

from govnet.errors import InvalidParameterError
from govnet.model.access import as_network, tie_weight
from govnet.plot.figures import TIER_COLORS, find_cjk_font
from govnet.positions.blockmodel import Blockmodel, blockmodel

__all__ = ["blockmodel_matrix"]


def blockmodel_matrix(net: Any, partition: Any = None, *, model: Blockmodel | None = None,
                      relation: Any = None, weight: str | None = None,
                      labels: str = "name", densities: bool = True, cmap: str = "Greys",
                      ax: Any = None, title: str | None = None) -> Any:
    """Heatmap of the adjacency matrix with the actors sorted by block.

    Rows send, columns receive; actors of one block are adjacent (in the
    network's actor order inside a block) and the blocks are separated by
    lines. With ``densities``, each block shows its density (the image
    matrix of :func:`govnet.blockmodel`). Tick labels are coloured by tier.

    Parameters
    ----------
    net : Network
    partition : as :func:`govnet.blockmodel` (``"tier"``, positions, ...)
    model : Blockmodel, optional
        An existing blockmodel of ``net`` (then ``partition``/``weight`` are not needed).
    labels : {"name", "id"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    net = as_network(net)
    weighted = tie_weight(net, weight)
    if labels not in ("name", "id"):
        raise InvalidParameterError(f"labels must be 'name' or 'id', got {labels!r}")
    if model is None:
        if partition is None:
            raise InvalidParameterError("pass a partition (e.g. 'tier') or model=")
        model = blockmodel(net, partition, relation=relation, weight=weight)
    elif not isinstance(model, Blockmodel):
        raise TypeError(f"model must be a govnet Blockmodel, got {type(model).__name__}")
    try:
        import matplotlib
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("govnet.plot needs matplotlib: pip install 'govnet[plot]'") from exc
    order = list(model.order)
    pos = net.positions(order)
    g = net.layer(relation)
    src, dst, w = g.edges()
    n = len(net)
    a = np.zeros((n, n))
    vals = np.asarray(w, dtype=float) if weighted and w is not None else np.ones(len(src))
    a[src, dst] = vals
    if not g.directed:
        a[dst, src] = vals
    m = a[np.ix_(pos, pos)]
    blocks = model.positions.loc[order].to_numpy()
    bounds = [i for i in range(1, n) if blocks[i] != blocks[i - 1]]
    actors = net.actors
    names = [str(actors.loc[x, "name"]) if labels == "name" else str(x) for x in order]
    colors = [TIER_COLORS.get(str(actors.loc[x, "tier"]), "black") for x in order]
    cjk = find_cjk_font()
    families = ([cjk] if cjk else []) + ["DejaVu Sans"]
    with matplotlib.rc_context({"font.family": families, "axes.unicode_minus": False}):
        if ax is None:
            _, ax = plt.subplots(figsize=(max(4.0, 0.3 * n + 2), max(4.0, 0.3 * n + 1.5)),
                                 layout="constrained")
        ax.imshow(m, cmap=cmap, interpolation="nearest", vmin=0, vmax=max(1.0, float(m.max())))
        for b in bounds:
            ax.axhline(b - 0.5, color="#D55E00", lw=1.2)
            ax.axvline(b - 0.5, color="#D55E00", lw=1.2)
        fs = 8 if n <= 40 else 5
        if n <= 80:
            ax.set_xticks(range(n), names, rotation=90, fontsize=fs)
            ax.set_yticks(range(n), names, fontsize=fs)
            for lab, c in zip(ax.get_xticklabels(), colors):
                lab.set_color(c)
            for lab, c in zip(ax.get_yticklabels(), colors):
                lab.set_color(c)
        else:
            ax.set_xticks([])
            ax.set_yticks([])
        if densities:
            edges = [0] + bounds + [n]
            img = model.image
            labs = list(img.index)
            for bi in range(len(edges) - 1):
                for bj in range(len(edges) - 1):
                    r = blocks[edges[bi]]
                    c = blocks[edges[bj]]
                    d = img.loc[r, c] if r in labs and c in labs else np.nan
                    if np.isfinite(d):
                        ax.text((edges[bj] + edges[bj + 1] - 1) / 2,
                                (edges[bi] + edges[bi + 1] - 1) / 2, f"{d:.2f}",
                                ha="center", va="center", fontsize=9, color="#0072B2",
                                bbox={"facecolor": "white", "alpha": 0.7, "lw": 0, "pad": 1})
        ax.set_title(title if title is not None else "blockmodel (块模型): permuted adjacency")
        for t in ax.findobj(matplotlib.text.Text):
            t.set_fontfamily(families)
    return ax
