"""Synthetic “1+3+N” communities and districts, calibrated to Nanshan (南山区) facts.

Everything made here is **synthetic**: ``net.meta["synthetic"] = True``,
network and community names start with ``synthetic``, and a district's
community table has a ``synthetic`` column. Use it to try methods at scale,
to teach, and to test — never as data about real communities.

* :func:`community` — one community: core (1), support (3), plural (N) and
  external tiers; relation layers drawn with a probability per
  (relation, tier, tier); the Party committee's part-time members (兼职委员)
  as cross-appointment ties; a duty list (职责清单) with the Nanshan counts per
  subject and a sharing rate; optionally a person level (Party members in
  branches 支部, residents in buildings 楼栋) of any size.
* :func:`persons` — the person level alone, up to millions of nodes, built
  from numpy arrays (no Python object per tie).
* :func:`posts_network` — organisations with a persons table and a posts table
  (committee members, part-time members, posts in the “3” and the “N”), up to
  millions of persons, for the person-level measures of :mod:`govnet.people`.
* :func:`district` — many communities in sub-districts (街道), calibrated to
  the published Nanshan figures exactly: 100 communities in 8 sub-districts,
  76 comprehensive Party committees (社区综合党委) and 24 general branches
  (党总支), 597 committee members and 221 part-time members; the calibration
  table is in ``collection.meta["calibration"]`` (see :func:`calibration`).
* :func:`compare_by_committee_type` — means of core measures by committee type.

Reproducibility: community ``i`` of seed ``s`` draws from
``numpy.random.SeedSequence(s).spawn(n)[i]`` (equivalently
``SeedSequence(s, spawn_key=(i,))``), so it is the same whatever the number of
communities generated, their order or where they are generated. The
district-level draws (sizes, sub-districts, committee types) use a separate
stream, ``SeedSequence(s, spawn_key=(2**32,))``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from govnet._runtime import check_seed, progress_bar
from govnet.collection.communities import Collection
from govnet.datasets import nanshan_duty_counts
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.measures.centrality import betweenness_centrality, degree_centrality
from govnet.model.network import Network
from govnet.model.people import remember_positions, sorted_unique
from govnet.model.validation import relation_spec, validate_duties
from govnet.model.vocab import KINDS, RELATIONS, TIERS

__all__ = ["community", "persons", "posts_network", "district", "allocate", "calibration",
           "compare_by_committee_type", "DEFAULT_TIE_PROBABILITY", "NANSHAN_TARGETS"]

_DISTRICT_KEY = 2**32  # spawn key of the district-level stream (communities use 0, 1, ...)

#: Default probability of a tie per (relation, from tier, to tier). Directed
#: relations read "from → to"; undirected ones are symmetric (give one order).
#: Illustrative values following the sources' description: the core leads
#: every organisation, the sub-district guides the “3”, the joint meetings
#: bring core and “3” together more often than the “N”.
DEFAULT_TIE_PROBABILITY: dict[tuple[str, str, str], float] = {
    ("leadership", "core", "support"): 1.0,
    ("leadership", "core", "plural"): 0.8,
    ("membership", "support", "core"): 0.7,
    ("membership", "plural", "core"): 0.3,
    ("guidance", "external", "support"): 0.8,
    ("guidance", "support", "plural"): 0.3,
    ("cross_appointment", "support", "support"): 0.3,
    ("deliberation", "core", "support"): 0.9,
    ("deliberation", "core", "plural"): 0.6,
    ("deliberation", "core", "external"): 0.3,
    ("deliberation", "support", "support"): 0.8,
    ("deliberation", "support", "plural"): 0.5,
    ("deliberation", "plural", "plural"): 0.15,
    ("service", "support", "plural"): 0.4,
    ("supervision", "plural", "support"): 0.2,
}

#: The Nanshan figures :func:`district` calibrates to (per 100 communities).
NANSHAN_TARGETS = {"communities": 100, "sub_districts": 8, "party_committee": 76,
                   "party_general_branch": 24, "committee_members": 597,
                   "part_time_members": 221, "managed_population": 2_010_000}

_SUPPORT_KINDS = ["residents_committee", "work_station", "service_center"]
# Duty-list subjects first, so that N >= 5 gives every Nanshan subject an actor.
_PLURAL_KINDS = ["social_organization", "owners_committee", "property_company",
                 "shareholding_company", "resident_unit", "trade_union", "youth_league",
                 "womens_federation", "deputy", "resident_representative", "elderly_association"]
_COMMITTEE_TYPES = ("party_committee", "party_general_branch")
_PERSON_LAYERS = ("same_building", "same_branch", "acquaintance", "party_member_of")
_PERSON_KINDS = ("resident", "party_member")
_TIER_CODE = {t: i for i, t in enumerate(TIERS)}


def _directed(relation: str) -> bool:
    if relation == "party_member_of":
        return True
    return RELATIONS[relation].directed if relation in RELATIONS else False


def _rng(seed: int, index: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(int(index),)))


def allocate(total: int, weights: Any, *, minimum: Any = 0) -> np.ndarray:
    """Split an integer ``total`` in proportion to ``weights`` exactly (largest remainder).

    Each part gets ``minimum`` (a number or an array) first; the rest is split
    by Hamilton's largest-remainder rule: floors of the quotas, then one more
    unit to the largest fractional parts, ties to the lower index. Deterministic.

    >>> allocate(10, [1, 1, 1]).tolist()
    [4, 3, 3]
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or w.size == 0 or (w < 0).any() or not np.isfinite(w).all() or w.sum() <= 0:
        raise InvalidParameterError("weights must be a non-empty 1-d array of non-negative "
                                  "finite numbers with a positive sum")
    base = np.broadcast_to(np.asarray(minimum, dtype=np.int64), w.shape).copy()
    rest = int(total) - int(base.sum())
    if rest < 0:
        raise InvalidNetworkError(f"total {total} is less than the minimums' sum {int(base.sum())}")
    quota = rest * w / w.sum()
    part = np.floor(quota).astype(np.int64)
    left = rest - int(part.sum())
    order = np.argsort(-(quota - part), kind="stable")
    part[order[:left]] += 1
    return base + part


# ---------------------------------------------------------------------------
# Network assembly from arrays (validated by construction; no Python object per tie)


def _assemble(ids: Any, names: Any, tier_codes: np.ndarray, kinds: Any, extra: Mapping[str, Any],
              src: np.ndarray, dst: np.ndarray, rel: np.ndarray, weight: np.ndarray,
              relations: list[str], duties: pd.DataFrame | None, meta: dict) -> Network:
    index = pd.Index(ids, name="id", dtype=object)
    actors = pd.DataFrame({"name": np.asarray(names, dtype=object),
                           "tier": pd.Categorical.from_codes(tier_codes.astype(np.int8),
                                                             categories=list(TIERS)),
                           "kind": np.asarray(kinds, dtype=object) if isinstance(kinds, list)
                           else kinds, **extra}, index=index)
    used = sorted(set(np.unique(rel).tolist())) if rel.size else []
    names_used = [relations[i] for i in used]
    remap = np.full(len(relations), -1, dtype=np.int16)
    remap[used] = np.arange(len(used))
    ties = pd.DataFrame({
        "src": src.astype(np.int32, copy=False),
        "dst": dst.astype(np.int32, copy=False),
        "relation": pd.Categorical.from_codes(remap[rel].astype(np.int16), categories=names_used),
        "weight": weight.astype(float, copy=False),
    })
    specs = {r: relation_spec(r, _directed(r)) for r in names_used}
    duty_frame = None if duties is None else validate_duties(duties, index)
    return Network(actors, ties, specs, duties=duty_frame, meta=meta,
                   options={"duplicates": "max", "self_loops": "drop"})


def _within_groups(rng: np.random.Generator, group_start: np.ndarray, group_size: np.ndarray,
                   members: np.ndarray, mean_degree: float) -> tuple[np.ndarray, np.ndarray]:
    """Random ties inside groups of contiguous positions: each member draws
    Poisson(mean_degree / 2) partners uniformly among the other members of its
    group, so the expected degree is about ``mean_degree`` (duplicates merge)."""
    m = group_size[members]
    ok = m > 1
    members = members[ok]
    draws = rng.poisson(mean_degree / 2.0, size=members.size)
    who = np.repeat(np.arange(members.size), draws)
    mm = group_size[members][who]
    start = group_start[members][who]
    offset = members[who] - start
    r = (rng.random(who.size) * (mm - 1)).astype(np.int64)
    partner = start + (offset + 1 + r) % mm
    return members[who], partner


def _person_arrays(rng: np.random.Generator, n: int, members_share: float, building_size: float,
                   branch_size: float, building_ties: float, branch_ties: float,
                   acquaintance_ties: float) -> dict[str, Any]:
    if n < 0:
        raise InvalidParameterError(f"the number of residents must be >= 0, got {n}")
    for label, v in (("members_share", members_share),):
        if not 0.0 <= v <= 1.0:
            raise InvalidParameterError(f"{label} must be in [0, 1], got {v!r}")
    for label, v in (("building_size", building_size), ("branch_size", branch_size)):
        if not v >= 1:
            raise InvalidParameterError(f"{label} must be >= 1, got {v!r}")
    for label, v in (("building_ties", building_ties), ("branch_ties", branch_ties),
                     ("acquaintance_ties", acquaintance_ties)):
        if not v >= 0:
            raise InvalidParameterError(f"{label} must be >= 0, got {v!r}")
    n_buildings = max(1, int(np.ceil(n / building_size))) if n else 0
    building = np.sort(rng.integers(0, n_buildings, size=n)) if n else np.zeros(0, np.int64)
    b_size = np.bincount(building, minlength=n_buildings)
    b_start = np.concatenate([[0], np.cumsum(b_size)[:-1]]) if n else np.zeros(0, np.int64)
    everyone = np.arange(n)
    s1, d1 = _within_groups(rng, b_start[building], b_size[building], everyone, building_ties) \
        if n else (np.zeros(0, np.int64),) * 2
    # _within_groups indexes per member: pass per-person start and size arrays
    member = rng.random(n) < members_share
    mem_pos = np.flatnonzero(member)
    n_mem = mem_pos.size
    n_branches = max(1, int(np.ceil(n_mem / branch_size))) if n_mem else 0
    # Branches are organised by residential area: consecutive members (by building) share one.
    branch_of_member = (np.arange(n_mem) * n_branches) // max(n_mem, 1)
    br_size = np.bincount(branch_of_member, minlength=n_branches)
    br_start = np.concatenate([[0], np.cumsum(br_size)[:-1]]) if n_mem else np.zeros(0, np.int64)
    if n_mem:
        s2, d2 = _within_groups(rng, br_start[branch_of_member], br_size[branch_of_member],
                                np.arange(n_mem), branch_ties)
        s2, d2 = mem_pos[s2], mem_pos[d2]
    else:
        s2 = d2 = np.zeros(0, np.int64)
    branch = np.full(n, -1, dtype=np.int32)
    branch[mem_pos] = branch_of_member
    # Acquaintances anywhere in the area (one group of everyone): links the buildings.
    s3, d3 = (_within_groups(rng, np.zeros(n, np.int64), np.full(n, n), everyone,
                             acquaintance_ties) if n else (np.zeros(0, np.int64),) * 2)
    return {"building": building.astype(np.int32), "branch": branch, "member": member,
            "building_ties": (s1, d1), "branch_ties": (s2, d2), "acquaintance_ties": (s3, d3)}


def persons(n: int, *, seed: int | None = None, index: int = 0, members_share: float = 0.08,
            building_size: float = 200, branch_size: float = 30, building_ties: float = 4.0,
            branch_ties: float = 4.0, acquaintance_ties: float = 1.0) -> Network:
    """A synthetic person-level network: residents in buildings (楼栋), Party members in branches.

    ``n`` residents are placed in about ``n / building_size`` buildings
    (uniformly at random); a share ``members_share`` are Party members (党员),
    grouped into branches (党支部) of about ``branch_size`` members by
    residential area (consecutive buildings). Three undirected layers:
    ``same_building`` (neighbour ties, mean degree about ``building_ties``),
    ``same_branch`` (ties among members of one branch, mean degree about
    ``branch_ties``) and ``acquaintance`` (uniformly random ties across the
    whole area, mean degree about ``acquaintance_ties``, which connect the
    buildings into one giant component). Built from numpy arrays; 2,000,000 residents take about
    1–2 GB and tens of seconds.

    Actors: ids ``p0`` … , tier ``plural`` (residents belong to the “N”), kind
    ``resident`` or ``party_member``, columns ``building`` and ``branch``
    (-1 for non-members). ``meta["synthetic"]`` is True.
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise InvalidParameterError(f"n must be a positive integer, got {n!r}")
    seed = check_seed(seed)
    rng = _rng(seed, index)
    p = _person_arrays(rng, int(n), members_share, building_size, branch_size, building_ties,
                       branch_ties, acquaintance_ties)
    s1, d1 = p["building_ties"]
    s2, d2 = p["branch_ties"]
    s3, d3 = p["acquaintance_ties"]
    ids = ("p" + pd.Index(np.arange(n)).astype(str)).astype(object)
    kinds = pd.Categorical.from_codes(p["member"].astype(np.int8), ["resident", "party_member"])
    src = np.concatenate([s1, s2, s3])
    dst = np.concatenate([d1, d2, d3])
    rel = np.repeat(np.arange(3, dtype=np.int16), [s1.size, s2.size, s3.size])
    return _assemble(ids, ids, np.full(n, _TIER_CODE["plural"]), kinds,
                     {"building": p["building"], "branch": p["branch"]},
                     src, dst, rel, np.ones(src.size),
                     ["same_building", "same_branch", "acquaintance"], None,
                     {"name": f"synthetic persons ({n} residents)", "synthetic": True,
                      "seed": seed, "index": int(index)})


# ---------------------------------------------------------------------------


def _tier_pairs(tie_probability: Mapping[tuple[str, str, str], float]
                ) -> list[tuple[str, str, str, float]]:
    out = []
    seen: dict[tuple[str, str, str], float] = {}
    for key, p in tie_probability.items():
        if not (isinstance(key, tuple) and len(key) == 3):
            raise InvalidParameterError(
                f"tie_probability keys must be (relation, tier_a, tier_b), got {key!r}")
        rel, a, b = key
        for t in (a, b):
            if t not in TIERS:
                raise InvalidNetworkError(f"tie_probability {key!r}: unknown tier {t!r}; "
                                          f"expected one of {list(TIERS)}")
        if not (isinstance(p, (int, float, np.floating)) and 0.0 <= float(p) <= 1.0):
            raise InvalidNetworkError(f"tie_probability {key!r}: {p!r} is not a probability")
        directed = _directed(rel)
        norm = (rel, a, b) if directed or _TIER_CODE[a] <= _TIER_CODE[b] else (rel, b, a)
        if norm in seen:
            raise InvalidNetworkError(f"tie_probability gives the undirected relation {rel!r} "
                                      f"between {a!r} and {b!r} twice (both orders)")
        seen[norm] = float(p)
        out.append((*norm, float(p)))
    return out


def community(seed: int | None = None, *, index: int = 0, committee_type: str = "party_committee",
              support: int = 3, plural: int = 8, external: int = 1,
              tie_probability: Mapping[tuple[str, str, str], float] | None = None,
              committee_members: int | None = None, part_time_members: int = 2,
              duties: bool = True, duty_counts: pd.DataFrame | Mapping[str, int] | None = None,
              sharing_rate: float = 0.1, residents: int = 0, members_share: float = 0.08,
              building_size: float = 200, branch_size: float = 30, building_ties: float = 4.0,
              branch_ties: float = 4.0, acquaintance_ties: float = 1.0,
              sub_district: str | None = None,
              name: str | None = None) -> Network:
    """One synthetic “1+3+N” community.

    Parameters
    ----------
    seed, index : int
        The community draws from ``SeedSequence(seed, spawn_key=(index,))``:
        community ``index`` of a :func:`district` with the same seed has the
        same network when given the same table row.
    committee_type : {"party_committee", "party_general_branch"}
        The core: a comprehensive Party committee (社区综合党委) or a general
        branch (党总支).
    support, plural, external : int
        Tier sizes (core is 1). Kinds: residents' committee, work station,
        service centre for the “3” (repeated with suffixes beyond 3); the
        duty-list subjects first for the “N” (social organisation, owners'
        committee, property company, shareholding company, resident unit,
        then mass organisations, deputies, ...); a sub-district office first
        for external.
    tie_probability : dict, optional
        ``{(relation, tier_a, tier_b): p}``; default
        :data:`DEFAULT_TIE_PROBABILITY`. Directed relations (by
        :data:`govnet.vocab.RELATIONS`) draw a→b ties, undirected ones each
        unordered pair once. Every pair is an independent Bernoulli draw.
        A dict given replaces the default; to change one entry pass
        ``{**synthetic.DEFAULT_TIE_PROBABILITY, ("deliberation", "plural",
        "plural"): 0.3}``.
    committee_members, part_time_members : int
        Party committee members (班子成员; default 7 for a committee, 5 for a
        general branch; kept in ``meta``) and part-time members (兼职委员):
        each comes from a support or plural organisation drawn at random, and
        the ``cross_appointment`` tie core–organisation has weight = number of
        its part-time members (so their sum at the core equals
        ``part_time_members``).
    duties : bool
        Add a duty list: each Nanshan subject present gets its count of items
        (``duty_counts``: ``{kind: count}`` or a table with ``actor`` (kind)
        and ``sub_items`` columns; default
        :func:`govnet.datasets.nanshan_duty_counts`: 34, 16, 21, 157, 5, 7, 8,
        8, 21) as lead; each item is shared, with
        probability ``sharing_rate``, with one other organisation as assist.
    residents : int
        Add a person level of this many residents (see :func:`persons`):
        layers ``same_building``, ``same_branch``, ``acquaintance`` and
        ``party_member_of`` (directed) ties from every Party member to the core.

    Returns
    -------
    Network
        ``meta`` has ``synthetic=True``, ``name`` ("synthetic community …"),
        ``seed``, ``index``, ``committee_type``, ``committee_members``,
        ``part_time_members``, ``sub_district``.
    """
    if committee_type not in _COMMITTEE_TYPES:
        raise InvalidParameterError(f"committee_type must be one of {_COMMITTEE_TYPES}, "
                                  f"got {committee_type!r}")
    for label, v, lo in (("support", support, 0), ("plural", plural, 0), ("external", external, 0),
                         ("part_time_members", part_time_members, 0), ("residents", residents, 0)):
        if not isinstance(v, (int, np.integer)) or v < lo:
            raise InvalidParameterError(f"{label} must be an integer >= {lo}, got {v!r}")
    if not 0.0 <= sharing_rate <= 1.0:
        raise InvalidParameterError(f"sharing_rate must be in [0, 1], got {sharing_rate!r}")
    if committee_members is None:
        committee_members = 7 if committee_type == "party_committee" else 5
    seed = check_seed(seed)
    rng = _rng(seed, index)
    probs = _tier_pairs(DEFAULT_TIE_PROBABILITY if tie_probability is None else tie_probability)

    # Actors: core, support, plural, external.
    kinds = [committee_type]
    kinds += [_SUPPORT_KINDS[i % 3] for i in range(support)]
    kinds += [_PLURAL_KINDS[i % len(_PLURAL_KINDS)] for i in range(plural)]
    kinds += ["street_office" if i == 0 else "district_department" for i in range(external)]
    tiers = np.repeat([0, 1, 2, 3], [1, support, plural, external])
    seen: dict[str, int] = {}
    ids = []
    for k in kinds:
        seen[k] = seen.get(k, 0) + 1
        ids.append(k if seen[k] == 1 else f"{k}_{seen[k]}")
    names = [(KINDS[k].zh if k in KINDS else "区职能部门") + ("" if i == k else i[len(k):])
             for k, i in zip(kinds, ids)]
    n_org = len(ids)

    relations: list[str] = []
    src_l: list[np.ndarray] = []
    dst_l: list[np.ndarray] = []
    rel_l: list[np.ndarray] = []
    w_l: list[np.ndarray] = []

    def add(rel: str, s: np.ndarray, d: np.ndarray, w: np.ndarray | None = None) -> None:
        if rel not in relations:
            relations.append(rel)
        src_l.append(s)
        dst_l.append(d)
        rel_l.append(np.full(s.size, relations.index(rel), np.int16))
        w_l.append(np.ones(s.size) if w is None else w)

    for rel, a, b, p in probs:
        ia = np.flatnonzero(tiers == _TIER_CODE[a])
        ib = np.flatnonzero(tiers == _TIER_CODE[b])
        s, d = (x.ravel() for x in np.meshgrid(ia, ib, indexing="ij"))
        directed = _directed(rel)
        keep = s != d if directed or a != b else s < d
        s, d = s[keep], d[keep]
        hit = rng.random(s.size) < p
        add(rel, s[hit], d[hit])

    # Part-time committee members (兼职委员) from the support and plural organisations.
    pool = np.flatnonzero((tiers == 1) | (tiers == 2))
    if part_time_members and pool.size == 0:
        raise InvalidNetworkError(
            "part_time_members > 0 needs at least one support or plural actor")
    if part_time_members:
        origin = rng.choice(pool, size=int(part_time_members), replace=True)
        counts = np.bincount(origin, minlength=n_org)
        orgs = np.flatnonzero(counts)
        add("cross_appointment", np.zeros(orgs.size, np.int64), orgs, counts[orgs].astype(float))

    duty_frame = None
    if duties:
        if duty_counts is None:
            dc = _nanshan_counts()
        elif isinstance(duty_counts, Mapping):
            dc = pd.DataFrame({"actor": list(duty_counts), "sub_items": list(duty_counts.values())})
        else:
            dc = duty_counts
        if not {"actor", "sub_items"} <= set(dc.columns):
            raise InvalidNetworkError("duty_counts needs columns 'actor' (a kind) and 'sub_items'")
        rows_actor, rows_duty, rows_cat, rows_role = [], [], [], []
        holders = np.flatnonzero(tiers <= 2)
        for subject, count in zip(dc["actor"], dc["sub_items"].astype(int)):
            owner = 0 if subject in _COMMITTEE_TYPES else (
                ids.index(subject) if subject in ids else -1)
            if owner < 0:
                continue
            duty_ids = [f"{ids[owner]}:{j + 1:03d}" for j in range(count)]
            rows_actor += [ids[owner]] * count
            rows_duty += duty_ids
            rows_cat += [ids[owner]] * count
            rows_role += ["lead"] * count
            shared = rng.random(count) < sharing_rate
            others = holders[holders != owner]
            if others.size and shared.any():
                partner = rng.choice(others, size=int(shared.sum()))
                rows_actor += [ids[p_] for p_ in partner]
                rows_duty += [d for d, s in zip(duty_ids, shared) if s]
                rows_cat += [ids[owner]] * int(shared.sum())
                rows_role += ["assist"] * int(shared.sum())
        duty_frame = pd.DataFrame({"actor": rows_actor, "duty": rows_duty,
                                   "category": rows_cat, "role": rows_role})

    all_ids: Any = ids
    all_names: Any = names
    all_kinds: Any = kinds
    all_tiers = tiers
    extra: dict[str, Any] = {}
    if residents:
        p = _person_arrays(rng, int(residents), members_share, building_size, branch_size,
                           building_ties, branch_ties, acquaintance_ties)
        pid = list(("p" + pd.Index(np.arange(residents)).astype(str)).astype(object))
        all_ids = ids + pid
        all_names = names + pid
        all_kinds = kinds + list(np.where(p["member"], "party_member", "resident"))
        all_tiers = np.concatenate([tiers, np.full(residents, _TIER_CODE["plural"])])
        extra = {"building": np.concatenate([np.full(n_org, -1), p["building"]]),
                 "branch": np.concatenate([np.full(n_org, -1), p["branch"]])}
        for rel, (s, d) in (("same_building", p["building_ties"]),
                            ("same_branch", p["branch_ties"]),
                            ("acquaintance", p["acquaintance_ties"])):
            add(rel, s + n_org, d + n_org)
        mem = np.flatnonzero(p["member"]) + n_org
        add("party_member_of", mem, np.zeros(mem.size, np.int64))

    cid = f"synthetic_{index:04d}" if name is None else name
    meta = {"name": f"synthetic community {cid}", "id": cid, "synthetic": True, "seed": seed,
            "index": int(index), "committee_type": committee_type,
            "committee_members": int(committee_members),
            "part_time_members": int(part_time_members), "sub_district": sub_district}
    cat = lambda parts: np.concatenate(parts) if parts else np.zeros(0, np.int64)  # noqa: E731
    return _assemble(all_ids, all_names, all_tiers, all_kinds, extra, cat(src_l), cat(dst_l),
                     cat(rel_l).astype(np.int16), cat(w_l).astype(float), relations, duty_frame,
                     meta)


def _nanshan_counts() -> pd.DataFrame:
    return nanshan_duty_counts()


def district(seed: int | None = None, *, communities: int = 100, sub_districts: int | None = None,
             comprehensive: int | None = None, committee_members: int | None = None,
             part_time_members: int | None = None, population: int | None = None,
             plural: tuple[int, int] = (5, 14), residents: int = 0, duties: bool = True,
             sharing_rate: float = 0.1,
             tie_probability: Mapping[Any, Any] | None = None,
             name: str | None = None, progress: bool | None = None) -> Collection:
    """A synthetic district of communities, calibrated to the Nanshan figures.

    Defaults reproduce Nanshan exactly (:data:`NANSHAN_TARGETS`): 100
    communities in 8 sub-districts, 76 comprehensive Party committees and 24
    general branches, 597 committee members and 221 part-time members, a
    managed population of 2,010,000. For another number of communities the
    targets scale with it (rounded): 76 % committees, 5.97 members and 2.21
    part-time members per community, sub-districts of about 12.5 communities.

    Rules (deterministic given the seed):

    * community ``i`` has ``plural`` organisations drawn uniformly from the
      range and a managed population drawn log-normally; the population is
      scaled to ``population`` exactly by :func:`allocate`;
    * the ``comprehensive`` most populous communities have a comprehensive
      Party committee, the others a general branch (the sources: smaller
      communities have a general branch);
    * committee members: 5 per committee and 3 per general branch, the rest
      allocated in proportion to population; part-time members in proportion
      to the number of organisations (largest remainder, so totals are exact);
    * sub-districts: equal sizes by :func:`allocate`, communities shuffled;
    * ``residents`` > 0 adds a person level of that many residents in total,
      split in proportion to population.

    ``tie_probability`` is as for :func:`community`, or a dict by committee
    type (``{"party_committee": {...}, "party_general_branch": {...}}``; a
    missing type uses the default), so the two kinds of community can differ
    in structure. With one dict for all, they differ only in size and
    committee members, so measures compared by committee type differ little
    by construction.

    ``progress`` shows a tqdm bar (default: only in interactive sessions);
    10,000 communities take about 20–40 s to generate.

    Returns
    -------
    Collection
        Community table columns: ``sub_district``, ``committee_type``,
        ``plural``, ``population``, ``committee_members``,
        ``part_time_members``, ``residents``, ``synthetic``;
        ``meta["calibration"]`` compares targets with the generated totals
        (counted from the networks, see :func:`calibration`).
    """
    if not isinstance(communities, (int, np.integer)) or communities < 1:
        raise InvalidParameterError(f"communities must be a positive integer, got {communities!r}")
    n = int(communities)
    scale = n / NANSHAN_TARGETS["communities"]
    sub_districts = max(1, round(8 * scale)) if sub_districts is None else int(sub_districts)
    comprehensive = round(76 * scale) if comprehensive is None else int(comprehensive)
    committee_members = round(597 * scale) if committee_members is None else int(committee_members)
    part_time_members = round(221 * scale) if part_time_members is None else int(part_time_members)
    population = round(2_010_000 * scale) if population is None else int(population)
    if not 0 <= comprehensive <= n:
        raise InvalidParameterError(f"comprehensive must be in [0, {n}], got {comprehensive}")
    if not 1 <= sub_districts <= n:
        raise InvalidParameterError(f"sub_districts must be in [1, {n}], got {sub_districts}")
    lo, hi = plural
    if not 0 <= lo <= hi:
        raise InvalidParameterError(
            f"plural must be a range (low, high) with 0 <= low <= high, got {plural!r}")
    seed = check_seed(seed)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_DISTRICT_KEY,)))
    n_plural = rng.integers(lo, hi + 1, size=n)
    pop = allocate(population, rng.lognormal(0.0, 0.5, size=n))
    order = np.argsort(-pop, kind="stable")
    ctype = np.full(n, "party_general_branch", dtype=object)
    ctype[order[:comprehensive]] = "party_committee"
    is_pc = ctype == "party_committee"
    members = allocate(committee_members, pop, minimum=np.where(is_pc, 5, 3))
    part_time = allocate(part_time_members, 4 + n_plural)
    sd_sizes = allocate(n, np.ones(sub_districts))
    sd = np.repeat(np.arange(sub_districts), sd_sizes)[rng.permutation(n)]
    sd_names = np.array([f"synthetic_subdistrict_{k + 1:02d}" for k in range(sub_districts)],
                        dtype=object)[sd]
    res = allocate(residents, pop) if residents else np.zeros(n, dtype=np.int64)
    ids = [f"synthetic_{i:04d}" for i in range(n)]  # as community(index=i) names itself
    table = pd.DataFrame({"sub_district": sd_names, "committee_type": ctype,
                          "plural": n_plural, "population": pop, "committee_members": members,
                          "part_time_members": part_time, "residents": res, "synthetic": True},
                         index=pd.Index(ids, name="community"))
    nets = {}
    with progress_bar(progress, "synthetic communities", n) as bar:
        for i, cid in enumerate(ids):
            nets[cid] = _district_community(i, cid, seed, ctype, n_plural, members, part_time,
                                            res, duties, sharing_rate, tie_probability, sd_names)
            if bar and (i % 100 == 99 or i == n - 1):
                bar(i + 1, n)
    targets = {"communities": n, "sub_districts": sub_districts,
               "party_committee": comprehensive, "party_general_branch": n - comprehensive,
               "committee_members": committee_members, "part_time_members": part_time_members,
               "managed_population": population}
    meta = {"name": name or f"synthetic district ({n} communities, seed {seed})",
            "synthetic": True, "seed": seed, "targets": targets,
            "source": "calibrated to Nanshan District figures (陈家喜、林电锋; 王慧琼 2014)"}
    coll = Collection(nets, table, meta)
    coll.meta["calibration"] = calibration(coll)
    return coll


def _district_community(i: int, cid: str, seed: int, ctype: np.ndarray, n_plural: np.ndarray,
                        members: np.ndarray, part_time: np.ndarray, res: np.ndarray,
                        duties: bool, sharing_rate: float,
                        tie_probability: Mapping[Any, Any] | None,
                        sd_names: np.ndarray) -> Network:
    if tie_probability is not None and tie_probability and all(
            k in _COMMITTEE_TYPES for k in tie_probability):
        tie_probability = tie_probability.get(str(ctype[i]))  # per committee type (or default)
    return community(seed, index=i, committee_type=str(ctype[i]), plural=int(n_plural[i]),
                     committee_members=int(members[i]), part_time_members=int(part_time[i]),
                     residents=int(res[i]), duties=duties, sharing_rate=sharing_rate,
                     tie_probability=tie_probability, sub_district=str(sd_names[i]), name=cid)


def calibration(collection: Collection) -> pd.DataFrame:
    """Targets against generated totals for a synthetic district.

    ``generated`` is counted from the networks where they carry the quantity
    (committee type from the core actor's kind, part-time members as the
    core's cross-appointment weight, committee members from ``meta``), from
    the community table otherwise. Columns: quantity, target, generated,
    match.
    """
    targets = collection.meta.get("targets") or {
        k: round(v * len(collection) / 100) for k, v in NANSHAN_TARGETS.items()}
    t = collection.table
    core_kind = []
    part_time = 0.0
    members = 0
    for net in collection.values():
        core = net.tier_of("core")[0]
        core_kind.append(net._actors.at[core, "kind"])
        if "cross_appointment" in net.relations:
            s, d, w = net.layer("cross_appointment").edges()
            pos = net.position(core)
            part_time += float(w[(s == pos) | (d == pos)].sum())
        members += int(net.meta.get("committee_members", 0))
    kinds = pd.Series(core_kind)
    generated = {"communities": len(collection),
                 "sub_districts": int(t["sub_district"].nunique()) if "sub_district" in t else None,
                 "party_committee": int((kinds == "party_committee").sum()),
                 "party_general_branch": int((kinds == "party_general_branch").sum()),
                 "committee_members": members,
                 "part_time_members": int(round(part_time)),
                 "managed_population": int(t["population"].sum()) if "population" in t else None}
    rows = [(k, targets.get(k), generated.get(k)) for k in generated]
    out = pd.DataFrame(rows, columns=["quantity", "target", "generated"])
    out["match"] = out["target"] == out["generated"]
    out.attrs["synthetic"] = True
    return out


def _core_measures(net: Network) -> dict[str, float]:
    """Measures of the core on the aggregate of the organisation layers."""
    net = _organisations(net)
    org_layers = [r for r in net.relations if r not in _PERSON_LAYERS]
    core = net.tier_of("core")[0]
    deg = degree_centrality(net, relation=org_layers)
    g = net.layer(org_layers, mode="any")
    n = len(net)
    sym = _undirected_degree(g, n)
    dmax = sym.max()
    # Freeman degree centralization on the symmetrised aggregate: sum(max - d) / ((n-1)(n-2)).
    central = float((dmax - sym).sum() / ((n - 1) * (n - 2))) if n > 2 else 0.0
    btw = betweenness_centrality(net, relation=org_layers, threads=1)
    density = float(sym.sum() / (n * (n - 1))) if n > 1 else 0.0
    return {"actors": float(n), "core_degree": float(deg[core]),
            "core_betweenness": float(btw[core]), "degree_centralization": central,
            "density": density}


def _organisations(net: Network) -> Network:
    """The network without its person level (residents, Party members), or itself."""
    persons = net._actors["kind"].isin(_PERSON_KINDS).to_numpy()
    if not persons.any():
        return net
    actors, ties, duties = net.to_frames()
    keep = set(net.actor_ids[~persons])
    ties = ties[ties["source"].isin(keep) & ties["target"].isin(keep)]
    return Network.from_frames(actors[~persons], ties, duties, duplicates="max", meta=net.meta)


def _undirected_degree(g: Any, n: int) -> np.ndarray:
    s, t, _ = g.edges()
    a = np.minimum(s, t)
    b = np.maximum(s, t)
    keep = a != b
    key = np.unique(a[keep].astype(np.int64) * n + b[keep])
    return np.bincount(np.concatenate([key // n, key % n]), minlength=n).astype(float)


def compare_by_committee_type(collection: Collection, *, threads: int | None = None,
                              client: Any = None) -> pd.DataFrame:
    """Means of core measures by committee type (社区综合党委 vs 党总支).

    For each community, on the aggregate of its organisation layers (any tie;
    the person level, if any, left out): number of organisations, the core's degree centrality
    (networkx convention: in + out on directed layers), the core's
    betweenness (normalised, networkx), Freeman's degree centralization
    ``sum_v (d_max - d_v) / ((n-1)(n-2))`` and density on the symmetrised
    graph, plus the table's committee and part-time members. Returns one row
    per committee type with the number of communities, the means, and a
    ``synthetic`` column (True for a collection made by :func:`district`).

    Examples
    --------
    >>> from govnet import synthetic
    >>> d = synthetic.district(2014)            # 100 synthetic Nanshan-like communities
    >>> synthetic.compare_by_committee_type(d)  # doctest: +SKIP
    """
    if "committee_type" not in collection.table.columns:
        raise InvalidNetworkError("the collection's table has no 'committee_type' column")
    per = collection.apply(_core_measures, threads=threads, client=client)
    cols = ["actors", "core_degree", "core_betweenness", "degree_centralization", "density"]
    cols += [c for c in ("committee_members", "part_time_members") if c in per.columns]
    grouped = per.groupby("committee_type")
    out = grouped[cols].mean()
    out.insert(0, "communities", grouped.size())
    synthetic_data = bool(collection.meta.get("synthetic", False))
    out["synthetic"] = synthetic_data          # visible in every output, not only in attrs
    out.attrs["synthetic"] = synthetic_data
    return out


_POSTS_PLURAL_KINDS = ("owners_committee", "property_company", "social_organization",
                       "resident_unit")


def posts_network(n_persons: int = 2_000_000, n_organisations: int = 100_000, *,
                  seed: int | None = None, core_share: float = 0.01, support_share: float = 0.02,
                  party_share: float = 0.3, extra_posts: float = 0.25, committee: int = 4,
                  part_time: int = 2, concurrent_share: float = 0.5) -> Network:
    """A synthetic network of organisations with the persons who hold their posts.

    ``n_organisations`` organisations in communities: one core Party committee
    (``party_committee``, tier core) per community (``core_share`` of the
    organisations), ``support_share`` residents' committees (support), the
    rest plural organisations (owners' committees, property companies, social
    organisations, resident units in turn), each led by its community's core
    (a ``leadership`` layer). ``n_persons`` persons, a share ``party_share``
    of them Party members; each holds a ``member`` post in one support or
    plural organisation drawn at random, plus Poisson(``extra_posts``) more;
    each core committee has a secretary and ``committee - 1`` members drawn
    from the Party members, and ``part_time`` part-time members (兼职委员)
    who are Party members holding a post in a plural organisation of the
    community; a share ``concurrent_share`` of the secretaries also direct
    the community's residents' committee (一肩挑). Everything is synthetic
    (``meta["synthetic"] = True``); built from numpy arrays: 2,000,000 persons
    and 100,000 organisations take a few seconds and about 1 GB.
    """
    for name, v in (("n_persons", n_persons), ("n_organisations", n_organisations)):
        if not isinstance(v, (int, np.integer)) or v < 1:
            raise InvalidParameterError(f"{name} must be a positive integer, got {v!r}")
    seed = check_seed(seed)
    rng = _rng(seed, 0)
    n, m = int(n_persons), int(n_organisations)
    n_core = max(1, int(round(m * core_share)))
    n_sup = min(max(1, int(round(m * support_share))), m - n_core)
    if n_core + n_sup >= m:
        raise InvalidParameterError("n_organisations is too small for one core, support and "
                                    "plural organisation each")
    tiers = np.full(m, _TIER_CODE["plural"], dtype=np.int64)
    tiers[:n_core] = _TIER_CODE["core"]
    tiers[n_core:n_core + n_sup] = _TIER_CODE["support"]
    kinds = np.array(["party_committee"] * n_core + ["residents_committee"] * n_sup
                     + [_POSTS_PLURAL_KINDS[i % len(_POSTS_PLURAL_KINDS)] for i in range(m - n_core - n_sup)],
                     dtype=object)
    community = np.r_[np.arange(n_core), np.arange(m - n_core) % n_core]
    org_ids = ("o" + pd.Index(np.arange(m)).astype(str)).astype(object)
    party = rng.random(n) < party_share
    # member posts: one in a support or plural organisation, plus Poisson(extra_posts)
    k = 1 + rng.poisson(extra_posts, size=n)
    who = np.repeat(np.arange(n, dtype=np.int64), k)
    where = n_core + rng.integers(0, m - n_core, size=who.size)
    key = sorted_unique(who * m + where)
    who, where = key // m, key % m
    roles = [np.full(who.size, "member", dtype=object)]
    people_p, orgs_p = [who], [where]
    members = np.flatnonzero(party)
    if members.size:
        # core committees: a secretary and committee - 1 members from the Party members
        picks = rng.choice(members, size=(n_core, max(committee, 1)), replace=members.size
                           < n_core * committee)
        people_p.append(picks.ravel())
        orgs_p.append(np.repeat(np.arange(n_core), picks.shape[1]))
        r = np.full(picks.shape, "member", dtype=object)
        r[:, 0] = "secretary"
        roles.append(r.ravel())
        # part-time members: Party members holding a plural post in the community
        plural_post = party[who] & (tiers[where] == _TIER_CODE["plural"])
        cand_p, cand_c = who[plural_post], community[where[plural_post]]
        if cand_p.size and part_time > 0:
            order = np.lexsort((rng.random(cand_p.size), cand_c))
            cand_p, cand_c = cand_p[order], cand_c[order]
            first = np.searchsorted(cand_c, cand_c, side="left")
            rank = np.arange(cand_c.size) - first
            keep = rank < part_time
            pt_p, pt_c = cand_p[keep], cand_c[keep]
            taken = np.isin(pt_p * m + pt_c, picks.ravel() * m + np.repeat(np.arange(n_core),
                                                                            picks.shape[1]))
            people_p.append(pt_p[~taken])
            orgs_p.append(pt_c[~taken])
            roles.append(np.full(int((~taken).sum()), "part_time_member", dtype=object))
        # 一肩挑: secretaries directing a residents' committee of their community
        sec = picks[:, 0]
        sup_of = n_core + np.arange(n_core) % n_sup
        dual = rng.random(n_core) < concurrent_share
        people_p.append(sec[dual])
        orgs_p.append(sup_of[dual])
        roles.append(np.full(int(dual.sum()), "director", dtype=object))
    pp = np.concatenate(people_p)
    po = np.concatenate(orgs_p)
    pr = np.concatenate(roles)
    # a secretary drawn twice for one committee (few Party members): keep one post
    pk = pp * m + po
    order = np.argsort(pk, kind="stable")
    dup = np.zeros(pp.size, dtype=bool)
    dup[order[1:]] = pk[order][1:] == pk[order][:-1]
    committee_dup = dup & (pr == "member") & (po < n_core)
    pp, po, pr = pp[~committee_dup], po[~committee_dup], pr[~committee_dup]
    person_ids = ("p" + pd.Index(np.arange(n)).astype(str)).astype(object)
    persons_frame = pd.DataFrame({"id": np.asarray(person_ids), "name": np.asarray(person_ids),
                                  "party_member": pd.array(party, dtype="boolean")})
    nat = np.full(pp.size, np.datetime64("NaT"), dtype="datetime64[ns]")
    posts_frame = pd.DataFrame({"person": np.asarray(person_ids)[pp], "actor": np.asarray(org_ids)[po],
                                "role": pr, "start": nat, "end": nat.copy()})
    led = np.arange(n_core, m)
    base = _assemble(org_ids, org_ids, tiers, list(kinds), {"community": community},
                     community[led], led, np.zeros(led.size, dtype=np.int16), np.ones(led.size),
                     ["leadership"], None,
                     {"name": f"synthetic posts ({n} persons, {m} organisations)", "synthetic": True,
                      "seed": seed})
    out = Network(base._actors, base._ties, {r: base.relation_spec(r) for r in base.relations},
                  meta=base.meta, options=base.options, persons=persons_frame, posts=posts_frame)
    remember_positions(persons_frame, posts_frame, out.actor_ids, pp, po)
    return out
