"""Networks over time: a series of waves (from snapshots or dated ties and posts),
per-wave measures in one long table, change between waves (ties kept, added,
dropped; Jaccard; Hamming), the core's profile, centralization and the tiers'
shares over time, actors entering and leaving."""

from __future__ import annotations

from govnet.waves.series import Waves, from_dates, from_snapshots, tie_set

__all__ = ["Waves", "from_snapshots", "from_dates", "tie_set"]
