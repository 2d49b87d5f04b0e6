"""The HTML report of one network."""

from __future__ import annotations

from govnet.report.html import (
    MEASURES,
    duty_overlap_counts,
    duty_table,
    meeting_table,
    node_measures,
    stderr_progress,
    write_report,
)

__all__ = [
    "MEASURES",
    "node_measures",
    "duty_overlap_counts",
    "duty_table",
    "meeting_table",
    "write_report",
    "stderr_progress",
]
