"""The HTML report of one network."""

from __future__ import annotations

from govnet.report.html import (
    MEASURES,
    duty_overlap_counts,
    node_measures,
    stderr_progress,
    write_report,
)

__all__ = [
    "MEASURES",
    "node_measures",
    "duty_overlap_counts",
    "write_report",
    "stderr_progress",
]
