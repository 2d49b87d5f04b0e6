"""Duty lists (职责清单): the duty table, overlap, summaries and the null model."""

from __future__ import annotations

from govnet.duties.null import (
    DutyNullResult,
    duty_null_model,
    duty_null_samples,
)
from govnet.duties.overlap import (
    actor_duties,
    duty_concentration,
    duty_holders,
    duty_overlap,
    duty_projection,
)
from govnet.duties.table import (
    DutyTable,
    as_duty_table,
    duty_summary,
)

__all__ = [
    "DutyTable",
    "as_duty_table",
    "duty_summary",
    "duty_overlap",
    "duty_holders",
    "actor_duties",
    "duty_concentration",
    "duty_projection",
    "DutyNullResult",
    "duty_null_model",
    "duty_null_samples",
]
