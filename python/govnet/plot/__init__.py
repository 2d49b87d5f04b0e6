"""Figures: the concentric 1+3+N drawing with Chinese labels, heatmaps, bar charts.
matplotlib is imported only when drawing."""

from __future__ import annotations

from govnet.plot.figures import (
    TIER_COLORS,
    CJKFontWarning,
    centrality_bar,
    clustered_order,
    community_comparison,
    duty_overlap_heatmap,
    find_cjk_font,
    structure,
    structure_layout,
)

# -- blockmodel heatmap (area: blockmodel) --
from govnet.plot.blockmodel import blockmodel_matrix

__all__ = [
    "TIER_COLORS",
    "CJKFontWarning",
    "find_cjk_font",
    "structure_layout",
    "structure",
    "clustered_order",
    "duty_overlap_heatmap",
    "centrality_bar",
    "community_comparison",
    "blockmodel_matrix",
]
