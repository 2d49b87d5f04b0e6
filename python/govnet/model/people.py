"""Persons and posts: the people behind the organisations, validated; the role vocabulary.

A network may carry two optional tables (see docs/conventions.md, "Optional
tables of a network"):

* ``persons`` — one row per person: ``id`` (unique, non-empty text), ``name``
  (default: the id), ``party_member`` (nullable boolean: 1/0, true/false,
  yes/no, 是/否, 党员/群众; blank = unknown) and any other attribute columns
  (gender, age, ...), kept as given;
* ``posts`` — one row per post a person holds in an organisation (an actor of
  the network): ``person``, ``actor``, ``role`` and optional ``start`` and
  ``end`` dates (inclusive; blank = open), plus any other columns.

Roles are an open vocabulary: a built-in role's Chinese or English label
(书记 / secretary, 兼职委员 / part-time member, ...) is stored as its key
(``secretary``, ``part_time_member``; :data:`ROLES`), as tiers are; any other
text is a user role, kept as given (stripped). A posts table without a
``role`` column, or a blank role cell, means ``member`` (委员), as a tie
without a weight has weight 1.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.validation import as_bool, clean_ids, require_columns, row_label

__all__ = ["ROLES", "RoleInfo", "normalize_role", "role_label", "validate_persons",
           "validate_posts", "validate_people", "PERSON_COLUMNS", "POST_COLUMNS", "post_incidence",
           "active", "check_date", "role_filter", "remember_positions", "sorted_unique"]


class RoleInfo(NamedTuple):
    """A built-in role: Chinese and English labels; ``committee`` is True for the
    roles that make a person a member of the organisation's committee (书记,
    副书记, 委员, 兼职委员); ``head`` for the organisation's top post."""

    zh: str
    en: str
    committee: bool
    head: bool


#: Built-in roles (keys are what the posts table stores). Open: any other role is kept.
ROLES: dict[str, RoleInfo] = {
    "secretary": RoleInfo("书记", "secretary", True, True),
    "deputy_secretary": RoleInfo("副书记", "deputy secretary", True, False),
    "member": RoleInfo("委员", "member", True, False),
    "part_time_member": RoleInfo("兼职委员", "part-time member", True, False),
    "director": RoleInfo("主任", "director", False, True),
    "deputy_director": RoleInfo("副主任", "deputy director", False, False),
    "station_head": RoleInfo("站长", "station head", False, True),
    "deputy_station_head": RoleInfo("副站长", "deputy station head", False, False),
    "council_chair": RoleInfo("理事长", "council chair", False, True),
    "president": RoleInfo("会长", "president (of an association)", False, True),
    "chair": RoleInfo("董事长", "chair (of a company board)", False, True),
    "manager": RoleInfo("经理", "manager", False, True),
    "staff": RoleInfo("工作人员", "staff", False, False),
    "volunteer": RoleInfo("志愿者", "volunteer", False, False),
}

# Spellings that find a built-in role: key, Chinese label, English label (any case).
_ROLE_ALIASES: dict[str, str] = {}
for _key, _info in ROLES.items():
    for _alias in (_key, _info.zh, _info.en, _key.replace("_", " "), _key.replace("_", "-")):
        _ROLE_ALIASES[_alias.lower()] = _key
_ROLE_ALIASES.update({"委员会委员": "member", "兼职": "part_time_member", "part-time member":
                      "part_time_member", "chairman": "chair", "居委会主任": "director",
                      "工作站站长": "station_head", "党委书记": "secretary"})

#: Columns the validated tables always have (others are kept after them).
PERSON_COLUMNS = ("id", "name", "party_member")
POST_COLUMNS = ("person", "actor", "role", "start", "end")

_PARTY_WORDS = {"党员": True, "中共党员": True, "群众": False, "非党员": False,
                "party member": True, "non-member": False}


def normalize_role(value: Any) -> str:
    """The key of a built-in role for its key or Chinese / English label (书记 ->
    ``"secretary"``); any other text stripped and unchanged (a user role); a blank
    or missing value -> ``"member"``."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "member"
    text = str(value).strip()
    if text == "":
        return "member"
    return _ROLE_ALIASES.get(text.lower(), text)


def role_label(role: str, lang: str = "zh") -> str:
    """A role's Chinese (``lang="zh"``) or English label; a user role is its own label."""
    info = ROLES.get(role)
    if info is None:
        return role
    return info.zh if lang == "zh" else info.en


def _party_cell(v: Any) -> bool | None:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, str):
        s = v.strip().lower()
        if s == "":
            return None
        if s in _PARTY_WORDS:
            return _PARTY_WORDS[s]
    b = as_bool(v)
    if b is None:
        raise ValueError(v)
    return b


def validate_persons(persons: pd.DataFrame) -> pd.DataFrame:
    """The persons table, validated: ``id`` unique non-empty text, ``name``
    (default the id), ``party_member`` as a nullable boolean (``pd.BooleanDtype``),
    other columns kept. Raises :class:`InvalidNetworkError` naming the row."""
    if not isinstance(persons, pd.DataFrame):
        raise InvalidNetworkError(f"persons must be a DataFrame, got {type(persons).__name__}")
    frame = persons
    if "id" not in frame.columns and frame.index.name == "id":
        frame = frame.reset_index()
    require_columns(frame, "persons", ["id"])
    ids = clean_ids(frame["id"], frame, "persons", "id")
    dup = pd.Index(ids).duplicated()
    if dup.any():
        pos = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero(ids == ids[pos])[0])
        raise InvalidNetworkError(f"{row_label(frame, 'persons', pos)}: duplicate person id "
                                  f"{ids[pos]!r} (first at row {first})")
    out = pd.DataFrame({"id": ids})
    if "name" in frame.columns:
        names = frame["name"].to_numpy(dtype=object)
        blank = pd.isna(names) | (pd.Series(names).astype(str).str.strip() == "").to_numpy()
        out["name"] = np.where(blank, ids, names).astype(str)
    else:
        out["name"] = ids
    party = np.empty(len(frame), dtype=object)
    if "party_member" in frame.columns:
        for pos, v in enumerate(frame["party_member"].to_numpy(dtype=object)):
            try:
                party[pos] = _party_cell(v)
            except ValueError:
                raise InvalidNetworkError(
                    f"{row_label(frame, 'persons', pos)}: party_member {v!r} is not a yes/no value "
                    f"(use 1/0, true/false, yes/no, 是/否, 党员/群众, or blank for unknown)") from None
    out["party_member"] = pd.array(party, dtype="boolean")
    for c in frame.columns:
        if c not in PERSON_COLUMNS:
            out[str(c)] = frame[c].to_numpy()
    return out


def _dates(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(pd.NaT, index=pd.RangeIndex(len(frame)), dtype="datetime64[ns]")
    raw = frame[column]
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        out = pd.to_datetime(raw).reset_index(drop=True)
        if isinstance(out.dtype, pd.DatetimeTZDtype):
            out = out.dt.tz_localize(None)
        return out.astype("datetime64[ns]")
    text = raw.astype(object).where(raw.notna(), "").astype(str).str.strip().reset_index(drop=True)
    parsed = pd.to_datetime(text.where(text != "", None), errors="coerce", format="mixed")
    bad = parsed.isna().to_numpy() & (text != "").to_numpy()
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise InvalidNetworkError(f"{row_label(frame, 'posts', pos)}: {column} {text.iloc[pos]!r} "
                                  f"is not a date (use YYYY-MM-DD, or blank for open)")
    return parsed.astype("datetime64[ns]")


def validate_posts(posts: pd.DataFrame, codes: pd.Index, person_ids: pd.Index) -> pd.DataFrame:
    """The posts table, validated (see :func:`posts_and_positions`)."""
    return posts_and_positions(posts, codes, person_ids)[0]


def posts_and_positions(posts: pd.DataFrame, codes: pd.Index, person_ids: pd.Index
                        ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The posts table, validated against the network's actors (``codes``) and the
    persons (``person_ids``): columns person, actor, role (see :func:`normalize_role`),
    start, end (``datetime64``, NaT = open), other columns kept. A repeated row
    (same person, actor, role, start and end) or an end before its start raises
    :class:`InvalidNetworkError` naming the row, as does an unknown person or actor."""
    if not isinstance(posts, pd.DataFrame):
        raise InvalidNetworkError(f"posts must be a DataFrame, got {type(posts).__name__}")
    require_columns(posts, "posts", ["person", "actor"])
    people = clean_ids(posts["person"], posts, "posts", "person")
    actors = clean_ids(posts["actor"], posts, "posts", "actor")
    found = []
    for ids, index, col, what in ((people, person_ids, "person", "a person of the persons table"),
                                  (actors, codes, "actor", "an actor of the network")):
        pos = index.get_indexer(ids) if len(ids) else np.zeros(0, np.int64)
        found.append(pos)
        if (pos < 0).any():
            p = int(np.flatnonzero(pos < 0)[0])
            raise InvalidNetworkError(f"{row_label(posts, 'posts', p)}: {col} {ids[p]!r} is not "
                                      f"{what}")
    if "role" in posts.columns:
        raw = posts["role"].to_numpy(dtype=object)
        uniq, inv = np.unique(pd.Series(raw).astype(object).where(pd.notna(raw), "")
                              .astype(str).to_numpy(), return_inverse=True)
        roles = np.array([normalize_role(u) for u in uniq], dtype=object)[inv]
    else:
        roles = np.full(len(posts), "member", dtype=object)
    start = _dates(posts, "start")
    end = _dates(posts, "end")
    early = (end < start).to_numpy()
    if early.any():
        p = int(np.flatnonzero(early)[0])
        raise InvalidNetworkError(f"{row_label(posts, 'posts', p)}: end {end.iloc[p].date()} is "
                                  f"before start {start.iloc[p].date()}")
    out = pd.DataFrame({"person": people, "actor": actors, "role": roles,
                        "start": start.to_numpy(), "end": end.to_numpy()})
    key = pd.Series(list(zip(*(out[c].astype(str).to_numpy() for c in POST_COLUMNS))))
    dup = key.duplicated().to_numpy()
    if dup.any():
        p = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero((key == key.iloc[p]).to_numpy())[0])
        raise InvalidNetworkError(
            f"{row_label(posts, 'posts', p)}: repeats row {first} (person {people[p]!r}, actor "
            f"{actors[p]!r}, role {roles[p]!r}, same dates)")
    for c in posts.columns:
        if c not in POST_COLUMNS:
            out[str(c)] = posts[c].to_numpy()
    return out, found[0], found[1]


def validate_people(persons: pd.DataFrame | None, posts: pd.DataFrame | None,
                    codes: pd.Index) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Both tables validated together. Posts without a persons table: the persons
    are the ids the posts name (``party_member`` unknown)."""
    p = None if persons is None else validate_persons(persons)
    if posts is None:
        return p, None
    if p is None:
        if not isinstance(posts, pd.DataFrame) or "person" not in posts.columns:
            require_columns(posts, "posts", ["person", "actor"])
        ids = clean_ids(posts["person"], posts, "posts", "person")
        p = validate_persons(pd.DataFrame({"id": list(dict.fromkeys(ids.tolist()))}))
    q, pp, pa = posts_and_positions(posts, codes, pd.Index(p["id"]))
    remember_positions(p, q, codes, pp, pa)
    return p, q


def role_filter(roles: Any) -> tuple[str, ...] | None:
    if roles is None:
        return None
    if isinstance(roles, str):
        roles = [roles]
    if not isinstance(roles, Iterable):
        raise TypeError(f"roles must be a role, a list of roles or None, got {type(roles).__name__}")
    out = tuple(dict.fromkeys(normalize_role(r) for r in roles))
    if not out:
        raise InvalidParameterError("roles is empty")
    return out


def check_date(at: Any) -> pd.Timestamp | None:
    if at is None:
        return None
    try:
        ts = pd.Timestamp(at)
    except (ValueError, TypeError):
        raise InvalidParameterError(f"at must be a date (YYYY-MM-DD), got {at!r}") from None
    if ts is pd.NaT:
        raise InvalidParameterError(f"at must be a date, got {at!r}")
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def active(frame: pd.DataFrame, at: pd.Timestamp | None) -> np.ndarray:
    """Rows whose [start, end] (inclusive, blank = open) contains ``at`` (all rows if None)."""
    if at is None:
        return np.ones(len(frame), dtype=bool)
    start = frame["start"].to_numpy() if "start" in frame.columns else None
    end = frame["end"].to_numpy() if "end" in frame.columns else None
    keep = np.ones(len(frame), dtype=bool)
    t = np.datetime64(at.to_datetime64(), "ns")
    if start is not None:
        s = pd.to_datetime(start).to_numpy()
        keep &= np.isnat(s) | (s <= t)
    if end is not None:
        e = pd.to_datetime(end).to_numpy()
        keep &= np.isnat(e) | (e >= t)
    return keep


# Positions of every post's person and actor, per posts table (a network's tables
# are never modified, so they are computed once, by the validator when it can):
# id(posts) -> (weak ref to posts, weak ref to persons, actors index, persons, actors).
_POSITIONS: dict[int, tuple[Any, Any, pd.Index, np.ndarray, np.ndarray]] = {}


def remember_positions(persons: pd.DataFrame, posts: pd.DataFrame, actor_ids: pd.Index,
                       pp: np.ndarray, pa: np.ndarray) -> None:
    """Record the person and actor positions of every row of a validated posts table."""
    key = id(posts)
    _POSITIONS[key] = (weakref.ref(posts, lambda _r: _POSITIONS.pop(key, None)),
                       weakref.ref(persons), actor_ids, np.asarray(pp, dtype=np.int64),
                       np.asarray(pa, dtype=np.int64))


def _positions(persons: pd.DataFrame, posts: pd.DataFrame, actor_ids: pd.Index
               ) -> tuple[np.ndarray, np.ndarray]:
    hit = _POSITIONS.get(id(posts))
    if hit is not None and hit[0]() is posts and hit[1]() is persons \
            and (hit[2] is actor_ids or hit[2].equals(actor_ids)):
        return hit[3], hit[4]
    pp = pd.Index(persons["id"]).get_indexer(posts["person"].to_numpy()).astype(np.int64)
    pa = actor_ids.get_indexer(posts["actor"].to_numpy()).astype(np.int64)
    remember_positions(persons, posts, actor_ids, pp, pa)
    return pp, pa


def post_incidence(persons: pd.DataFrame, posts: pd.DataFrame, actor_ids: pd.Index,
                   roles: Any = None, at: Any = None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The validated posts of ``roles`` held at ``at`` as integer arrays: per post
    kept (person position, actor position, posts row), then the distinct
    (person, actor) pairs sorted by person, then actor."""
    keep_roles = role_filter(roles)
    when = check_date(at)
    keep = active(posts, when)
    if keep_roles is not None:
        keep &= posts["role"].isin(keep_roles).to_numpy()
    rows = np.flatnonzero(keep)
    all_pp, all_pa = _positions(persons, posts, actor_ids)
    pp, pa = all_pp[rows], all_pa[rows]
    na = max(len(actor_ids), 1)
    key = sorted_unique(pp * np.int64(na) + pa)
    return pp, pa, rows, key // na, key % na


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy's hash-based unique is slower on millions of ints)."""
    k = np.sort(values, kind="stable")
    if k.size < 2:
        return k
    return k[np.r_[True, k[1:] != k[:-1]]]
