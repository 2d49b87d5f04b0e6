"""Collections of communities (a district's networks) and synthetic districts."""

from __future__ import annotations

from govnet.collection import synthetic
from govnet.collection.communities import (
    Collection,
    community_seed,
)

__all__ = [
    "Collection",
    "community_seed",
    "synthetic",
]
