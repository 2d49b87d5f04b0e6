"""Helpers shared inside govnet.people: the posts incidence (persons × organisations)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.network import Network
from govnet.model.people import ROLES, post_incidence
from govnet.model.vocab import TIERS, normalize_tier

#: The roles that make a person a member of an organisation's committee (书记,
#: 副书记, 委员, 兼职委员): the default ``core_roles`` of the two-level measures.
COMMITTEE_ROLES = tuple(k for k, v in ROLES.items() if v.committee)


@dataclass(frozen=True)
class Incidence:
    """Posts as integer arrays: one entry per post kept (``person``, ``actor``
    positions), and the distinct (person, actor) pairs (``pp``, ``pa``)."""

    persons: pd.Index          # person ids, persons-table order
    actors: pd.Index           # actor ids, network order
    post_person: np.ndarray    # per kept post
    post_actor: np.ndarray
    post_rows: np.ndarray      # row of the posts table
    pp: np.ndarray             # distinct pairs, sorted by (person, actor)
    pa: np.ndarray


def require_posts(net: Network, what: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not isinstance(net, Network):
        raise TypeError(f"{what} expects a govnet.Network, got {type(net).__name__}")
    tables = net.optional_tables()
    posts = tables.get("posts")
    if posts is None:
        raise InvalidNetworkError(
            f"{what}: the network has no posts table; build it with "
            f"Network.from_frames(..., persons=..., posts=...) or net.with_people(persons, posts)")
    return tables["persons"], posts


def incidence(net: Network, roles: Any = None, at: Any = None, what: str = "people") -> Incidence:
    """The posts of ``net`` (those of ``roles``, active at ``at``) as integer arrays."""
    persons, posts = require_posts(net, what)
    pid = pd.Index(persons["id"])
    pp, pa, rows, up, ua = post_incidence(persons, posts, net.actor_ids, roles, at)
    return Incidence(pid, net.actor_ids, pp, pa, rows, up, ua)


def tier_codes(net: Network) -> np.ndarray:
    """Tier code per actor (0 core, 1 support, 2 plural, 3 external)."""
    return net.actors["tier"].cat.codes.to_numpy().astype(np.int64)


def core_actor_mask(net: Network, core: Any) -> np.ndarray:
    """Actors of the core: ``core`` ids, or (None) the actors of tier ``core``."""
    n = len(net)
    mask = np.zeros(n, dtype=bool)
    if core is None:
        mask[tier_codes(net) == 0] = True
    else:
        ids = [core] if isinstance(core, str) else list(core)
        if not ids:
            raise InvalidParameterError("core is empty")
        mask[net.positions(ids)] = True
    if not mask.any():
        raise InvalidNetworkError("the network has no actor of tier 'core'; pass core=[...]")
    return mask


def tier_name(code: int) -> str:
    return list(TIERS)[code]


def check_tier(value: str) -> str:
    t = normalize_tier(value)
    if t is None:
        raise InvalidParameterError(f"unknown tier {value!r}; expected one of {list(TIERS)}")
    return t
