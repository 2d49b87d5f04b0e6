"""Deliberation (协商): meetings and platforms, opinion dynamics, the deliberation index."""

from __future__ import annotations

from govnet.deliberation.dynamics import (
    Decision,
    DegrootResult,
    FriedkinJohnsenResult,
    InfluenceMatrix,
    InfluenceStructure,
    degroot,
    friedkin_johnsen,
    influence_matrix,
    influence_structure,
    series_ids,
)
from govnet.deliberation.index import (
    DeliberationIndex,
    deliberation_index,
)
from govnet.deliberation.meetings import (
    attendance_matrix,
    co_attendance,
    co_attendance_ties,
    deliberation_network,
    meetings_from_frame,
    participation,
)

__all__ = [
    "meetings_from_frame",
    "attendance_matrix",
    "participation",
    "co_attendance_ties",
    "co_attendance",
    "deliberation_network",
    "InfluenceMatrix",
    "influence_matrix",
    "InfluenceStructure",
    "influence_structure",
    "Decision",
    "DegrootResult",
    "degroot",
    "series_ids",
    "FriedkinJohnsenResult",
    "friedkin_johnsen",
    "DeliberationIndex",
    "deliberation_index",
]
