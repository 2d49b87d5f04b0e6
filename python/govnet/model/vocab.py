"""Built-in vocabulary: tiers, actor kinds and relation layers, with Chinese and English labels.

The vocabularies are open: any other kind or relation name may be used; these
only give labels and defaults (a relation's direction, a kind's usual tier).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["TIERS", "KINDS", "RELATIONS", "Label", "tier_code", "normalize_tier"]


class Label(NamedTuple):
    zh: str
    en: str


#: Tiers of the "1+3+N" model, in their code order (the C++ ``Tier`` enum).
TIERS: dict[str, Label] = {
    "core": Label("一核", "core"),
    "support": Label("支撑 (“3”)", "support (the “3”)"),
    "plural": Label("多元 (“N”)", "plural (the “N”)"),
    "external": Label("外部", "external"),
}

# Aliases users type for tiers (Chinese and the model's own numbers).
_TIER_ALIASES = {
    "一核": "core", "核心": "core", "1": "core",
    "支撑": "support", "3": "support",
    "多元": "plural", "n": "plural",
    "外部": "external",
}


class KindInfo(NamedTuple):
    zh: str
    en: str
    usual_tier: str


#: Built-in actor kinds. Tier is set per actor, not derived from kind (Shatou
#: puts shareholding companies in its "3"); ``usual_tier`` is only a hint.
KINDS: dict[str, KindInfo] = {
    "party_committee": KindInfo("社区综合党委", "community comprehensive Party committee", "core"),
    "party_general_branch": KindInfo("党总支", "Party general branch", "core"),
    "party_branch": KindInfo("党支部", "Party branch", "plural"),
    "residents_committee": KindInfo("居委会", "residents' committee", "support"),
    "work_station": KindInfo("社区工作站", "community work station", "support"),
    "service_center": KindInfo("社区服务中心", "community service centre", "support"),
    "social_organization": KindInfo("社区社会组织", "community social organisation", "plural"),
    "owners_committee": KindInfo("业主委员会", "owners' committee", "plural"),
    "owners_assembly": KindInfo("业主大会", "owners' assembly", "plural"),
    "property_company": KindInfo("物业管理公司", "property management company", "plural"),
    "shareholding_company": KindInfo("股份合作公司", "shareholding cooperative company", "plural"),
    "resident_unit": KindInfo("驻区单位", "resident enterprise or institution", "plural"),
    "trade_union": KindInfo("工会", "trade union", "plural"),
    "youth_league": KindInfo("共青团", "Communist Youth League", "plural"),
    "womens_federation": KindInfo("妇联", "Women's Federation", "plural"),
    "deputy": KindInfo("两代表一委员", "deputies and CPPCC members", "plural"),
    "resident_representative": KindInfo("居民代表", "residents' representatives", "plural"),
    "elderly_association": KindInfo("老年协会", "elderly association", "plural"),
    "village_committee": KindInfo("村委会", "village committee", "core"),
    "street_office": KindInfo("街道", "sub-district office", "external"),
    # Kinds the case-study sources name (govnet.datasets; each label is the source's own term).
    "party_organization": KindInfo("党组织", "Party organisation", "core"),
    "community_party_committee": KindInfo("社区党委", "community Party committee", "core"),
    "street_party_working_committee": KindInfo("街道党工委", "sub-district Party working committee",
                                               "external"),
    "part_time_member": KindInfo("兼职委员", "part-time committee members", "plural"),
    "party_members": KindInfo("党员", "Party members", "plural"),
    "residents": KindInfo("居民", "residents", "plural"),
    "villagers": KindInfo("村民", "villagers", "plural"),
    "village_shareholding_company": KindInfo("农城化股份公司", "urbanised-village shareholding company",
                                             "plural"),
    "collective_economy": KindInfo("集体经济组织", "collective economic organisation", "plural"),
    "social_group": KindInfo("社会团体", "social group", "plural"),
    "social_worker": KindInfo("社工", "social workers", "plural"),
    "volunteer": KindInfo("志愿者", "volunteers", "plural"),
    "nonprofit": KindInfo("非营利组织", "non-profit organisation", "plural"),
    "higher_government": KindInfo("上级政府", "higher-level government", "external"),
}


class RelationInfo(NamedTuple):
    zh: str
    en: str
    directed: bool


#: Built-in relation layers with their default direction.
RELATIONS: dict[str, RelationInfo] = {
    "leadership": RelationInfo("领导", "leadership", True),
    "guidance": RelationInfo("指导", "guidance", True),
    "cross_appointment": RelationInfo("交叉任职/兼职", "cross-appointment", False),
    "membership": RelationInfo("隶属", "membership", True),
    "deliberation": RelationInfo("协商", "deliberation", False),
    "service": RelationInfo("服务", "service", True),
    "supervision": RelationInfo("监督", "supervision", True),
    "information": RelationInfo("信息/诉求", "information", True),
    "resource": RelationInfo("资源", "resource", True),
    # Relations the case-study sources name (govnet.datasets).
    "collaboration": RelationInfo("协同", "collaboration", False),
    "mobilization": RelationInfo("动员", "mobilisation", True),
}


def normalize_tier(value: object) -> str | None:
    """The canonical tier name for ``value`` (case-insensitive, Chinese aliases), or None."""
    if not isinstance(value, str):
        return None
    v = value.strip().lower()
    if v in TIERS:
        return v
    return _TIER_ALIASES.get(v)


def tier_code(tier: str) -> int:
    """Integer code of a canonical tier name (the C++ ``Tier`` enum value)."""
    return list(TIERS).index(tier)
