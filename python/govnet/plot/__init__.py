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
from govnet.plot.time import change_over_time, measure_over_time, tier_shares_over_time

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
    "measure_over_time",
    "change_over_time",
    "tier_shares_over_time",
]
