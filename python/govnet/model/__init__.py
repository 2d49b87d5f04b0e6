"""The model: :class:`Network` (actors in tiers, relation layers, duties, meetings), its
validation and the bilingual vocabulary of tiers, kinds and relations."""

from __future__ import annotations

from govnet.model import access, missing, validation, vocab
from govnet.model.network import (
    Network,
)
from govnet.model.validation import RelationSpec
from govnet.model.vocab import (
    KINDS,
    RELATIONS,
    TIERS,
    KindInfo,
    Label,
    RelationInfo,
    normalize_tier,
    tier_code,
)

__all__ = [
    "Network",
    "Label",
    "TIERS",
    "KindInfo",
    "KINDS",
    "RelationInfo",
    "RELATIONS",
    "normalize_tier",
    "tier_code",
    "RelationSpec",
    "vocab",
    "validation",
    "access",
    "missing",
]
