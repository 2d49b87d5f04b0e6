"""Figures: the concentric 1+3+N drawing with Chinese labels, heatmaps, bar charts;
saving them as PDF/SVG with the Chinese font embedded. matplotlib is imported only
when drawing."""

from __future__ import annotations

from govnet.plot import interactive
from govnet.plot.export import FORMATS, has_cjk, save_figure
from govnet.plot.figures import (
    RELATION_COLORS,
    TIER_COLORS,
    CJKFontWarning,
    centrality_bar,
    clustered_order,
    community_comparison,
    declutter_labels,
    duty_overlap_heatmap,
    find_cjk_font,
    structure,
    structure_layout,
)
from govnet.plot.time import change_over_time, measure_over_time, tier_shares_over_time

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
    "RELATION_COLORS",
    "declutter_labels",
    "save_figure",
    "FORMATS",
    "has_cjk",
    "interactive",
    "view",
    "view_html",
    "view_data",
    "measure_over_time",
    "change_over_time",
    "tier_shares_over_time",
]

# the interactive view (govnet.plot.interactive): widget, standalone page, its data
view = interactive.interactive
view_html = interactive.to_html
view_data = interactive.view_data
