"""People behind the organisations: layers derived from the posts table
(cross-appointment, co-membership), two-level measures (the Party's and the
core's reach into each organisation, what each person links, concurrent top
posts) and two-mode centralities of persons and organisations."""

from __future__ import annotations

from govnet.people._common import COMMITTEE_ROLES
from govnet.people.layers import (
    DERIVED_RELATION,
    co_membership,
    compare_cross_appointment,
    cross_appointment,
    with_cross_appointment,
)
from govnet.people.twolevel import (
    CONCURRENT_RULES,
    ConcurrentRule,
    concurrent_posts,
    core_members,
    organisation_shares,
    person_profile,
)
from govnet.people.twomode import TwoModeCentrality, bipartite_edges, two_mode_centrality

__all__ = [
    "COMMITTEE_ROLES",
    "DERIVED_RELATION",
    "cross_appointment",
    "with_cross_appointment",
    "compare_cross_appointment",
    "co_membership",
    "core_members",
    "organisation_shares",
    "person_profile",
    "ConcurrentRule",
    "CONCURRENT_RULES",
    "concurrent_posts",
    "TwoModeCentrality",
    "two_mode_centrality",
    "bipartite_edges",
]
