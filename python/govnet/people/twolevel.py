"""Two-level measures: how far the core and the Party reach into each organisation
through the persons who hold its posts, and what each person links.

Definitions (``B`` the 0/1 persons × organisations incidence of the posts kept):

* **core members** — persons holding a post of one of ``core_roles`` (default
  the committee roles 书记, 副书记, 委员, 兼职委员) in a core organisation
  (``core=`` ids, default the actors of tier ``core``);
* **party share** of an organisation — posts held by Party members / posts held
  by persons whose Party membership is known (NaN if none is known);
* **core share** — posts held by core members / posts (NaN without posts);
* a person's **cross-tier brokerage** — the number of pairs of their
  organisations that lie in different tiers, ``(k² − Σ_t k_t²) / 2`` with
  ``k_t`` their organisations in tier *t* (a person in the core and in two
  owners' committees brokers 2 such pairs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidParameterError
from govnet.model.network import Network
from govnet.model.people import normalize_role
from govnet.model.vocab import TIERS
from govnet.model.people import active, check_date, role_filter
from govnet.people._common import (
    COMMITTEE_ROLES,
    core_actor_mask,
    incidence,
    require_posts,
    tier_codes,
)

__all__ = ["core_members", "organisation_shares", "person_profile", "ConcurrentRule",
           "CONCURRENT_RULES", "concurrent_posts"]


def _core_member_mask(net: Network, core: Any, core_roles: Any, at: Any) -> np.ndarray:
    roles = role_filter(COMMITTEE_ROLES if core_roles is None else core_roles)
    inc = incidence(net, roles, at, "core_members")
    in_core = core_actor_mask(net, core)[inc.pa]
    mask = np.zeros(len(inc.persons), dtype=bool)
    mask[inc.pp[in_core]] = True
    return mask


def core_members(net: Network, *, core: Any = None, core_roles: Any = None,
                 at: Any = None) -> list[str]:
    """Ids of the persons holding a ``core_roles`` post (default the committee
    roles) in a core organisation (``core``, default tier ``core``), at ``at``."""
    persons, _ = require_posts(net, "core_members")
    mask = _core_member_mask(net, core, core_roles, at)
    return list(persons["id"].to_numpy()[mask])


def organisation_shares(net: Network, *, core: Any = None, core_roles: Any = None,
                        roles: Any = None, at: Any = None) -> pd.DataFrame:
    """Per organisation: how much of it the Party and the core's members hold.

    Returns a DataFrame indexed by actor id (every actor, network order) with
    ``posts``, ``persons`` (distinct), ``party_posts``, ``unknown_party``
    (posts whose holder's membership is unknown), ``party_share``,
    ``core_posts`` and ``core_share`` (see the module docstring). ``roles``
    restricts the posts counted; ``core_roles`` / ``core`` define the core's
    members; ``at`` a day.
    """
    persons, posts = require_posts(net, "organisation_shares")
    inc = incidence(net, roles, at, "organisation_shares")
    n = len(net)
    party = persons["party_member"]
    known = party.notna().to_numpy()
    member = party.fillna(False).to_numpy(dtype=bool)
    core_mask = _core_member_mask(net, core, core_roles, at)
    pp, pa = inc.post_person, inc.post_actor
    posts_n = np.bincount(pa, minlength=n).astype(float)
    known_n = np.bincount(pa, weights=known[pp].astype(float), minlength=n)
    party_n = np.bincount(pa, weights=member[pp].astype(float), minlength=n)
    core_n = np.bincount(pa, weights=core_mask[pp].astype(float), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame({
            "posts": posts_n.astype(np.int64),
            "persons": np.bincount(inc.pa, minlength=n),
            "party_posts": party_n.astype(np.int64),
            "unknown_party": (posts_n - known_n).astype(np.int64),
            "party_share": np.where(known_n > 0, party_n / known_n, np.nan),
            "core_posts": core_n.astype(np.int64),
            "core_share": np.where(posts_n > 0, core_n / posts_n, np.nan),
        }, index=net.actor_ids.copy())
    out.index.name = "actor"
    return out


def person_profile(net: Network, *, core: Any = None, core_roles: Any = None, roles: Any = None,
                   at: Any = None) -> pd.DataFrame:
    """Per person: what they link (persons-table order, indexed by person id).

    Columns: ``posts``, ``organisations`` (distinct), one count per tier
    (``core``, ``support``, ``plural``, ``external``: organisations of that
    tier), ``tiers`` (distinct tiers), ``brokerage`` (pairs of their
    organisations in different tiers, see the module docstring), ``core_member``
    (a ``core_roles`` post in the core), ``bridges_core_plural`` (posts in a core
    and in a plural organisation: the "1" and the "N"), ``party_member``.
    """
    persons, _ = require_posts(net, "person_profile")
    inc = incidence(net, roles, at, "person_profile")
    m = len(inc.persons)
    tc = tier_codes(net)[inc.pa]
    counts = np.bincount(inc.pp * len(TIERS) + tc, minlength=m * len(TIERS)).reshape(m, len(TIERS))
    k = counts.sum(axis=1)
    out = pd.DataFrame({"posts": np.bincount(inc.post_person, minlength=m),
                        "organisations": k}, index=pd.Index(inc.persons, name="person"))
    for j, t in enumerate(TIERS):
        out[t] = counts[:, j]
    out["tiers"] = (counts > 0).sum(axis=1)
    out["brokerage"] = (k * k - (counts * counts).sum(axis=1)) // 2
    out["core_member"] = _core_member_mask(net, core, core_roles, at)
    out["bridges_core_plural"] = (counts[:, 0] > 0) & (counts[:, 2] > 0)
    out["party_member"] = persons["party_member"].to_numpy()
    return out


@dataclass(frozen=True)
class ConcurrentRule:
    """A concurrent-posts rule: a person meets it by holding, at one time, one post
    matching each clause. A clause is ``(selector, roles)``: ``selector`` maps an
    actor column (``kind``, ``tier``, ``id``, ...) to the values it may take (all
    entries must match), ``roles`` the roles the post may have (keys or labels)."""

    name: str
    clauses: tuple[tuple[Mapping[str, Sequence[str]], tuple[str, ...]], ...]
    label_zh: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise InvalidParameterError("a ConcurrentRule needs a name")
        if len(self.clauses) < 2:
            raise InvalidParameterError(f"rule {self.name!r}: at least two clauses are needed")
        clean = []
        for sel, roles in self.clauses:
            if not isinstance(sel, Mapping) or not sel:
                raise InvalidParameterError(f"rule {self.name!r}: a selector must be a non-empty "
                                            f"mapping column -> values, got {sel!r}")
            roles_t = tuple(normalize_role(r) for r in ([roles] if isinstance(roles, str) else roles))
            sel_t = {str(c): tuple([v] if isinstance(v, str) else v) for c, v in sel.items()}
            clean.append((sel_t, roles_t))
        object.__setattr__(self, "clauses", tuple(clean))


_PARTY_KINDS = ("party_committee", "community_party_committee", "party_general_branch",
                "party_organization")

#: The built-in rules (一肩挑 and its kin); pass ``rules=`` to change them.
CONCURRENT_RULES: tuple[ConcurrentRule, ...] = (
    ConcurrentRule("secretary_and_director", (
        ({"kind": _PARTY_KINDS}, ("secretary",)),
        ({"kind": ("residents_committee",)}, ("director",))),
        "一肩挑：党组织书记兼居委会主任"),
    ConcurrentRule("secretary_and_station_head", (
        ({"kind": _PARTY_KINDS}, ("secretary",)),
        ({"kind": ("work_station",)}, ("station_head",))), "党组织书记兼工作站站长"),
    ConcurrentRule("secretary_and_company_chair", (
        ({"kind": _PARTY_KINDS}, ("secretary",)),
        ({"kind": ("shareholding_company", "village_shareholding_company")}, ("chair",))),
        "党组织书记兼股份公司董事长"),
)


def concurrent_posts(net: Network, *, rules: Sequence[ConcurrentRule] | None = None,
                     at: Any = None) -> pd.DataFrame:
    """Persons holding concurrent top posts (一肩挑 and similar) under ``rules``.

    A person meets a rule when, for every clause, they hold a matching post and
    the matching posts overlap in time (``max(start) <= min(end)``, blank dates
    open; with ``at``, all held that day). Default rules:
    :data:`CONCURRENT_RULES` (Party secretary and residents' committee
    director; secretary and work-station head; secretary and shareholding
    company chair).

    Returns a DataFrame, one row per (person, rule): ``person``, ``rule``,
    ``label_zh``, ``actors`` (tuple, one per clause), ``roles``, ``start``
    (latest start of the chosen posts), ``end`` (earliest end).
    """
    _, posts = require_posts(net, "concurrent_posts")
    rules = CONCURRENT_RULES if rules is None else tuple(rules)
    for r in rules:
        if not isinstance(r, ConcurrentRule):
            raise TypeError(f"rules must be ConcurrentRule objects, got {type(r).__name__}")
    when = check_date(at)
    p = posts[active(posts, when)].reset_index(drop=True)
    actors = net.actors
    rows = []
    for rule in rules:
        masks = []
        for sel, roles in rule.clauses:
            ok = p["role"].isin(roles).to_numpy().copy()
            for col, values in sel.items():
                if col == "id":
                    vals = p["actor"].to_numpy()
                elif col in actors.columns:
                    vals = actors[col].astype(str).reindex(p["actor"]).to_numpy()
                else:
                    raise InvalidParameterError(f"rule {rule.name!r}: no actor column {col!r}")
                ok &= np.isin(vals, [str(v) for v in values])
            masks.append(ok)
        cand = set(p["person"][masks[0]])
        for mk in masks[1:]:
            cand &= set(p["person"][mk])
        for person in sorted(cand):
            mine = (p["person"] == person).to_numpy()
            choices = [p[mine & mk] for mk in masks]
            best = _overlapping(choices)
            if best is not None:
                rows.append({"person": person, "rule": rule.name, "label_zh": rule.label_zh,
                             "actors": tuple(r["actor"] for r in best),
                             "roles": tuple(r["role"] for r in best),
                             "start": max((r["start"] for r in best if not pd.isna(r["start"])),
                                          default=pd.NaT),
                             "end": min((r["end"] for r in best if not pd.isna(r["end"])),
                                        default=pd.NaT)})
    cols = ["person", "rule", "label_zh", "actors", "roles", "start", "end"]
    return pd.DataFrame(rows, columns=cols)


def _overlapping(choices: list[pd.DataFrame]) -> list[Any] | None:
    """The first combination of one post per clause whose date intervals overlap."""
    lo, hi = pd.Timestamp.min, pd.Timestamp.max

    def rec(i: int, start: pd.Timestamp, end: pd.Timestamp, picked: list[Any]) -> list[Any] | None:
        if i == len(choices):
            return picked
        for _, r in choices[i].iterrows():
            s = start if pd.isna(r["start"]) else max(start, r["start"])
            e = end if pd.isna(r["end"]) else min(end, r["end"])
            if s <= e:
                got = rec(i + 1, s, e, picked + [r])
                if got is not None:
                    return got
        return None

    return rec(0, lo, hi, [])
