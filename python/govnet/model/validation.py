"""Validation of user tables: every check names the table, row (and file line) and value.

Used by the model and by every reader; the functions are internal (not exported from
govnet) but public within the package."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import (
    EmptyNetworkError,
    GovnetWarning,
    InvalidNetworkError,
    RelationNotFoundError,
    TooLargeError,
)
from govnet.model.vocab import RELATIONS, TIERS, normalize_tier

DUP_POLICIES = ("sum", "max", "raise")


LOOP_POLICIES = ("drop", "keep", "raise")


ROLES = ("lead", "assist")


ROLE_ALIASES = {"lead": "lead", "牵头": "lead", "主责": "lead", "assist": "assist", "协助": "assist",
                 "配合": "assist"}


@dataclass(frozen=True)
class RelationSpec:
    """A relation layer's name, direction and labels."""

    name: str
    directed: bool
    label_zh: str = ""
    label_en: str = ""


def row_label(frame: pd.DataFrame, what: str, pos: int) -> str:
    """'ties row 7' (0-based data row), plus the file line for files."""
    label = frame.index[pos]
    text = f"{what} row {pos}"
    if not (isinstance(frame.index, pd.RangeIndex) and label == pos):
        text += f" (index {label!r})"
    path = frame.attrs.get("govnet_file")
    if path:
        text += f" ({os.path.basename(path)} line {pos + 1 + frame.attrs.get('govnet_header_lines', 1)})"
    return text


def require_columns(frame: pd.DataFrame, what: str, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidNetworkError(
            f"{what}: missing column(s) {', '.join(map(repr, missing))}; "
            f"columns present: {', '.join(map(repr, map(str, frame.columns)))}")


def clean_ids(values: pd.Series, frame: pd.DataFrame, what: str, column: str) -> np.ndarray:
    """Ids as stripped strings; raises on missing or empty ones, naming the row."""
    codes, ids = clean_id_codes(values, frame, what, column)
    return ids[codes]


def clean_id_codes(values: pd.Series, frame: pd.DataFrame, what: str, column: str
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(row codes, distinct ids): :func:`clean_ids` is ``ids[codes]``. The cleaning runs
    on the distinct values (a million tie rows name about 200,000 actors), the errors
    still name the first offending row."""
    categorical = isinstance(values.dtype, pd.CategoricalDtype)
    if categorical:  # already coded (read_csv codes both tie ends at once): clean the categories
        codes = np.asarray(values.cat.codes, dtype=np.int64)
        missing = codes < 0
    else:
        missing = pd.isna(values).to_numpy()
    if missing.any():
        pos = int(np.flatnonzero(missing)[0])
        raise InvalidNetworkError(f"{row_label(frame, what, pos)}: {column} is missing")
    if categorical:
        arr = np.asarray(values.cat.categories, dtype=object)
        text = pd.api.types.infer_dtype(arr, skipna=False) == "string"
    elif text := pd.api.types.infer_dtype(values, skipna=False) == "string":
        codes, uniques = pd.factorize(values)  # distinct strings are distinct ids before stripping
        arr = np.asarray(uniques, dtype=object)
    else:     # 1, 1.0 and True hash alike: clean row by row
        arr = values.to_numpy(dtype=object)
        codes = np.arange(len(arr))
    if text:
        out = np.array([v.strip() for v in arr], dtype=object)  # all text: id_str, faster
    else:
        out = np.array([id_str(v) for v in arr], dtype=object)
    if len(out) == 0:
        out = np.zeros(0, dtype=object)
    try:
        "".join(out.tolist()).encode("utf-8")
    except UnicodeEncodeError:
        check_unicode(out[codes], frame, what, column)  # names the row
    empty = out == ""
    if empty.any() and (rows := np.flatnonzero(empty[codes])).size:  # categories may go unused
        raise InvalidNetworkError(f"{row_label(frame, what, int(rows[0]))}: {column} is empty")
    return codes, out


def check_unicode(values: np.ndarray, frame: pd.DataFrame, what: str, column: str) -> None:
    """Text that cannot be written as UTF-8 (lone surrogates, as a bad decode or a
    crafted file leaves them) is refused, naming the row."""
    texts = [v if isinstance(v, str) else "" for v in values.tolist()]
    try:
        "".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        for pos, v in enumerate(texts):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidNetworkError(
                    f"{row_label(frame, what, pos)}: {column} {v!r} is not valid Unicode "
                    f"(a lone surrogate); fix the text or the file's encoding") from None


def id_str(v: Any) -> str:
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        v = int(v)  # 3.0 -> "3": ids read as floats by pandas
    return str(v).strip()


def check_weights(values: Any, frame: pd.DataFrame, what: str, column: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind in "OUS" and len(arr) > 1000:
        # text read from a file: parse each distinct value once (weights repeat)
        codes, uniques = pd.factorize(arr, use_na_sentinel=False)
        num = pd.to_numeric(pd.Series(np.asarray(uniques, dtype=object)),
                            errors="coerce").to_numpy(dtype=float)[codes]
    else:
        num = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(num) | (num < 0)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raw = pd.Series(values).iloc[pos]
        raw = raw.item() if isinstance(raw, np.generic) else raw
        reason = ("is negative" if np.isfinite(num[pos]) else
                  "is not a finite number")
        raise InvalidNetworkError(f"{row_label(frame, what, pos)}: {column} {raw!r} {reason}")
    return num


# Rough heap cost of one actor built by from_arrays (id string, name, tier,
# kind, index entries): used to refuse absurd counts before allocating.
BYTES_PER_ACTOR = 200.0


MEMORY_LIMIT = 8.0 * 1024**3  # as the C++ core's check_allocation


def check_size(what: str, count: float, bytes_each: float, limit: float = MEMORY_LIMIT) -> None:
    need = float(count) * bytes_each
    if not need <= limit:
        raise TooLargeError(f"{what}: {count:.6g} entries would need about {need / 1024**3:.3g} GiB, "
                            f"more than the limit of {limit / 1024**3:.3g} GiB")


def validate_loaded(actors: pd.DataFrame, ties: pd.DataFrame,
                     relations: Mapping[str, RelationSpec], optional: Mapping[str, pd.DataFrame],
                     options: Mapping[str, str]) -> None:
    """Invariants of a network decoded from a file (govnet.storage), which
    bypassed from_frames: raises InvalidNetworkError naming the first problem."""
    ids = actors.index
    if len(ids) == 0:
        raise EmptyNetworkError("the network has no actors")
    if not ids.is_unique:
        raise InvalidNetworkError("actor ids are not unique")
    if not all(isinstance(i, str) and i != "" for i in ids):
        raise InvalidNetworkError("actor ids must be non-empty strings")
    for col in ("name", "tier", "kind"):
        if col not in actors.columns:
            raise InvalidNetworkError(f"actors have no {col!r} column")
    tier = actors["tier"]
    if not isinstance(tier.dtype, pd.CategoricalDtype) or list(tier.cat.categories) != list(TIERS) \
            or tier.isna().any():
        raise InvalidNetworkError(f"actor tiers must be one of {list(TIERS)}")
    for col, dtype in (("src", np.int32), ("dst", np.int32), ("weight", np.float64)):
        if col not in ties.columns or ties[col].dtype != dtype:
            raise InvalidNetworkError(f"ties column {col!r} missing or not {np.dtype(dtype)}")
    n = len(ids)
    for col in ("src", "dst"):
        v = ties[col].to_numpy()
        if v.size and (v.min() < 0 or v.max() >= n):
            raise InvalidNetworkError(f"ties column {col!r} has positions outside [0, {n})")
    w = ties["weight"].to_numpy()
    if not (np.isfinite(w).all() and (w >= 0).all()):
        raise InvalidNetworkError("tie weights must be finite and non-negative")
    rel = ties.get("relation")
    if rel is None or not isinstance(rel.dtype, pd.CategoricalDtype) \
            or list(rel.cat.categories) != list(relations) or rel.isna().any():
        raise InvalidNetworkError("tie relations do not match the relation list")
    if options.get("duplicates") not in DUP_POLICIES or options.get("self_loops") not in LOOP_POLICIES:
        raise InvalidNetworkError(f"bad build options {dict(options)}")
    recheck_loaded(actors, ties, relations, optional)
    # Each optional table's own validator belongs here too (persons/posts: the
    # people issue; missing: the missing-dyads work); these are the basic invariants.
    for name, cols, actor_cols in (
            ("duties", ("actor", "duty", "role"), ("actor",)),
            ("meetings", ("meeting", "actor"), ("actor",)),
            ("persons", ("id", "name", "party_member"), ()),
            ("posts", ("person", "actor", "role", "start", "end"), ("actor",)),
            ("missing", ("source", "target", "relation"), ("source", "target"))):
        frame = optional.get(name)
        if frame is None:
            continue
        for c in cols:
            if c not in frame.columns:
                raise InvalidNetworkError(f"{name} have no {c!r} column")
        for c in actor_cols:
            if len(frame) and (ids.get_indexer(frame[c].astype(object)) < 0).any():
                raise InvalidNetworkError(f"{name} name actors that are not in the network")
    check_loaded_people(optional.get("persons"), optional.get("posts"))


def check_loaded_people(persons: pd.DataFrame | None, posts: pd.DataFrame | None) -> None:
    """Invariants of persons and posts decoded from a file (the form
    :mod:`govnet.model.people` validates them to): raises InvalidNetworkError."""
    if persons is not None:
        pid = persons["id"]
        if not pid.is_unique or not all(isinstance(i, str) and i != "" for i in pid):
            raise InvalidNetworkError("person ids must be unique non-empty strings")
        if not isinstance(persons["party_member"].dtype, pd.BooleanDtype):
            raise InvalidNetworkError("persons column 'party_member' is not a nullable boolean")
    if posts is not None:
        if persons is None:
            raise InvalidNetworkError("posts without a persons table")
        if len(posts) and (pd.Index(persons["id"]).get_indexer(posts["person"].astype(object)) < 0).any():
            raise InvalidNetworkError("posts name persons that are not in the persons table")
        for c in ("start", "end"):
            if not pd.api.types.is_datetime64_dtype(posts[c].dtype):
                raise InvalidNetworkError(f"posts column {c!r} is not a date column")


#: Actor columns govnet stores itself (the roles id_col, name_col, tier_col and
#: kind_col map to, and ``name_en``): no other user column may take these names.
ACTOR_RESERVED = ("id", "name", "name_en", "tier", "kind")

#: Tie columns govnet stores or shows itself: the roles (source, target,
#: relation, weight), the ``directed`` column, and the internal actor positions
#: ``src`` and ``dst``. No extra user column may take these names.
TIE_RESERVED = ("source", "target", "relation", "weight", "directed", "src", "dst")


def extra_columns(frame: pd.DataFrame, what: str, roles: Mapping[str, str],
                  reserved: Iterable[str], consumed: Iterable[str] = ()) -> list[Any]:
    """The user columns of ``frame`` that are not mapped to a role, checked so that
    they can never collide with govnet's own columns.

    ``roles`` maps each role (its stored column name, e.g. ``"weight"``) to the
    user column that fills it (``weight_col``). Raises InvalidNetworkError, naming
    both columns, when an unmapped column is named like a role that another column
    fills (a ``weight`` column beside ``weight_col="w"``), when an extra column takes
    an internal name (``src``, ``dst``), when two roles are mapped to the same column,
    or when two columns have the same name (as text).
    """
    names = [str(c) for c in frame.columns]
    seen: dict[str, int] = {}
    for i, c in enumerate(names):
        if c in seen:
            raise InvalidNetworkError(
                f"{what}: two columns are named {c!r} (columns {seen[c]} and {i}); "
                f"column names must be unique")
        seen[c] = i
    by_col: dict[str, str] = {}
    for role, col in roles.items():
        if not isinstance(col, str):
            raise TypeError(f"{role}_col must be a column name (str), got {type(col).__name__}")
        if col in by_col:
            raise InvalidNetworkError(
                f"{what}: {by_col[col]}_col and {role}_col both name column {col!r}; "
                f"each role needs its own column")
        by_col[col] = role
    used = set(by_col) | {str(c) for c in consumed}
    extra = [c for c in frame.columns if str(c) not in used]
    reserved = tuple(reserved)
    for c in extra:
        name = str(c)
        if name not in reserved:
            continue
        if name in roles:
            raise InvalidNetworkError(
                f"{what}: column {name!r} and {name}_col={roles[name]!r} both give the {name}; "
                f"the mapping is ambiguous: drop or rename column {name!r}, or pass "
                f"{name}_col={name!r}")
        raise InvalidNetworkError(
            f"{what}: column {name!r} has a name govnet reserves for its own "
            f"{'internal ' if name in ('src', 'dst') else ''}column "
            f"(reserved: {', '.join(reserved)}); rename it")
    return extra


def recheck_loaded(actors: pd.DataFrame, ties: pd.DataFrame,
                   relations: Mapping[str, RelationSpec],
                   optional: Mapping[str, pd.DataFrame]) -> None:
    """Run from_frames's own validators on decoded tables, so that a saved file whose
    checksums are valid but whose content is inconsistent is refused with the errors
    from_frames gives (called by :func:`validate_loaded`)."""
    ids = actors.index
    check_unicode(ids.to_numpy(dtype=object), actors, "actors", "id")
    for col in ("name", "kind"):
        check_unicode(actors[col].to_numpy(dtype=object), actors, "actors", col)
    frame = actors.reset_index(names="id") if "id" not in actors.columns else actors
    checked = validate_actors(frame, "id", "name", "tier", "kind")
    clean = checked.index.to_numpy()
    if not (clean == ids.to_numpy()).all():
        pos = int(np.flatnonzero(clean != ids.to_numpy())[0])
        raise InvalidNetworkError(f"actors row {pos}: id {ids[pos]!r} has leading or trailing "
                                  f"blanks, which from_frames strips")
    for col in ("name", "kind"):
        vals = actors[col].to_numpy(dtype=object)
        bad = [i for i, v in enumerate(vals)
               if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
               or (isinstance(v, str) and (v if col == "name" else v.strip()) == "")]
        if bad:
            raise InvalidNetworkError(f"actors row {bad[0]}: {col} is missing")
    extra_columns(ties, "ties", {"source": "src", "target": "dst", "relation": "relation",
                                 "weight": "weight"}, TIE_RESERVED)
    for key, spec in relations.items():
        if not isinstance(key, str) or key != spec.name or key.strip() == "" \
                or key == ALL_RELATIONS:
            raise InvalidNetworkError(f"bad relation name {key!r}")
        check_unicode(np.array([key], dtype=object), pd.DataFrame(index=[0]), "relations", "name")
    for name, validate, key_cols in (("duties", validate_duties, ("actor", "duty")),
                                     ("meetings", validate_meetings, ("meeting", "actor"))):
        table = optional.get(name)
        if table is None:
            continue
        if name == "duties":
            role = table["role"]
            if not isinstance(role.dtype, pd.CategoricalDtype) \
                    or list(role.cat.categories) != list(ROLES) or role.isna().any():
                bad = [i for i, v in enumerate(role.astype(object)) if v not in ROLES]
                raise InvalidNetworkError(
                    f"duties row {bad[0] if bad else 0}: unknown role "
                    f"{role.astype(object).iloc[bad[0]] if bad else role.dtype!r}; "
                    f"expected 'lead' or 'assist'")
        validate(table, ids)
        dup = table.duplicated(subset=list(key_cols)).to_numpy()
        if dup.any():
            pos = int(np.flatnonzero(dup)[0])
            raise InvalidNetworkError(
                f"{name} row {pos} repeats "
                f"{', '.join(f'{c} {table[c].iloc[pos]!r}' for c in key_cols)} of an earlier row "
                f"(from_frames merges such rows, so a saved table never has them)")


def validate_actors(actors: pd.DataFrame, id_col: str, name_col: str, tier_col: str,
                     kind_col: str) -> pd.DataFrame:
    if not isinstance(actors, pd.DataFrame):
        raise InvalidNetworkError(f"actors must be a DataFrame, got {type(actors).__name__}")
    if len(actors) == 0:
        raise EmptyNetworkError("actors: the table has no rows; a network needs at least one actor")
    frame = actors
    if id_col not in frame.columns and frame.index.name == id_col:
        frame = frame.reset_index()
    extra = extra_columns(frame, "actors", {"id": id_col, "name": name_col, "tier": tier_col,
                                            "kind": kind_col}, ACTOR_RESERVED, ("name_en",))
    require_columns(frame, "actors", [id_col, tier_col])
    ids = clean_ids(frame[id_col], frame, "actors", id_col)
    dup = pd.Index(ids).duplicated()
    if dup.any():
        pos = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero(ids == ids[pos])[0])
        raise InvalidNetworkError(
            f"{row_label(frame, 'actors', pos)}: duplicate actor id {ids[pos]!r} "
            f"(first at row {first})")
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    names = frame[name_col] if name_col in frame.columns else pd.Series(ids)
    names = names.reset_index(drop=True).where(lambda s: s.notna() & (s.astype(str) != ""),
                                               pd.Series(ids))
    check_unicode(names.to_numpy(dtype=object), frame, "actors", name_col)
    out["name"] = names.astype(str).to_numpy()
    if "name_en" in frame.columns:
        out["name_en"] = frame["name_en"].to_numpy()
    out["tier"] = tier_categorical(frame, tier_col, ids)
    if kind_col in frame.columns:
        kinds = frame[kind_col].fillna("actor").astype(str).str.strip().replace("", "actor")
    else:
        kinds = pd.Series("actor", index=frame.index)
    out["kind"] = kinds.to_numpy()
    for c in extra:
        out[str(c)] = frame[c].to_numpy()
    return out


def tier_categorical(frame: pd.DataFrame, tier_col: str, ids: Any) -> pd.Categorical:
    """Tier names normalised once per distinct value; raises naming the first bad row."""
    codes, uniques = pd.factorize(frame[tier_col], use_na_sentinel=True)
    canon = [normalize_tier(u) for u in uniques]
    lookup = np.array([-1 if c is None else list(TIERS).index(c) for c in canon] + [-1])
    tier_codes = lookup[codes]  # code -1 (missing) maps to the trailing -1
    if (tier_codes < 0).any():
        pos = int(np.flatnonzero(tier_codes < 0)[0])
        raw = frame[tier_col].iloc[pos]
        raise InvalidNetworkError(
            f"{row_label(frame, 'actors', pos)}: unknown tier {raw!r} for actor "
            f"{ids[pos]!r}; expected one of {', '.join(TIERS)}")
    return pd.Categorical.from_codes(tier_codes.astype(np.int8), categories=list(TIERS))


#: Chinese labels of the built-in relations (领导 -> leadership, ...). A layer named
#: by one keeps the name the data gave it, takes the built-in's direction, and
#: answers to either name in ``relation=``.
RELATION_ALIASES: dict[str, str] = {
    part: name for name, info in RELATIONS.items()
    for part in [info.zh, *info.zh.split("/")]}

#: The word that pools every layer (``relation="all"``); no layer may be named so.
ALL_RELATIONS = "all"


def canonical_relation(name: str) -> str:
    """A built-in relation's name for its Chinese label; other names unchanged."""
    return RELATION_ALIASES.get(name, name)


def relation_spec(name: str, directed: bool | None) -> RelationSpec:
    """The spec of relation ``name``; ``directed=None`` takes the built-in's direction
    and is an error for any other name (its direction must be declared)."""
    info = RELATIONS.get(canonical_relation(name))
    if directed is None:
        if info is None:
            raise InvalidNetworkError(undeclared_message([name]))
        directed = info.directed
    return RelationSpec(name, bool(directed), info.zh if info else "", info.en if info else name)


def undeclared_message(names: list[str]) -> str:
    example = ", ".join(f"{n!r}: True" for n in names[:3])
    return (f"the direction of relation(s) {', '.join(map(repr, names))} is not declared "
            f"(only the built-in relations {', '.join(RELATIONS)} have a known direction); "
            f"declare it with directed={{{example}}} (True = directed, False = undirected), "
            f"directed=True/False for every relation, or a 'directed' column in the ties")


#: Spellings of a boolean cell (a 'directed' column); anything else is refused.
TRUE_WORDS = frozenset({"true", "t", "1", "1.0", "yes", "y", "directed", "是", "有向"})
FALSE_WORDS = frozenset({"false", "f", "0", "0.0", "no", "n", "undirected", "否", "无向"})


def validate_ties(ties: pd.DataFrame | None, codes: pd.Index, source_col: str, target_col: str,
                   relation_col: str, weight_col: str,
                   directed: bool | Mapping[str, bool] | None, default_relation: str,
                   self_loops: str | None, duplicates: str | None = "sum"
                   ) -> tuple[pd.DataFrame, dict[str, RelationSpec]]:
    empty = pd.DataFrame({"src": np.zeros(0, np.int32), "dst": np.zeros(0, np.int32),
                          "relation": pd.Categorical([]), "weight": np.zeros(0)})
    if ties is None:
        return empty, {}
    if not isinstance(ties, pd.DataFrame):
        raise InvalidNetworkError(f"ties must be a DataFrame, got {type(ties).__name__}")
    extra = extra_columns(ties, "ties", {"source": source_col, "target": target_col,
                                         "relation": relation_col, "weight": weight_col},
                          TIE_RESERVED, ("directed",))
    require_columns(ties, "ties", [source_col, target_col])
    if len(ties) == 0:
        return empty, {}
    ends = []
    for col in (source_col, target_col):  # positions looked up once per distinct id
        row_codes, ids = clean_id_codes(ties[col], ties, "ties", col)
        arr = codes.get_indexer(ids)[row_codes] if len(ids) else np.zeros(0, np.int64)
        if (arr < 0).any():
            pos = int(np.flatnonzero(arr < 0)[0])
            raise InvalidNetworkError(
                f"{row_label(ties, 'ties', pos)}: {col} {ids[row_codes[pos]]!r} is not an actor")
        ends.append(arr)
    src, dst = ends
    rel_codes, names = relation_codes(ties, relation_col, default_relation)
    if weight_col in ties.columns:
        w = check_weights(ties[weight_col].to_numpy(), ties, "ties", weight_col)
    else:
        w = np.ones(len(ties))
    declared: dict[str, bool | None]
    if isinstance(directed, Mapping):
        given = {str(k): v for k, v in directed.items()}
        unknown = [k for k in given if k not in names]
        if unknown:
            raise RelationNotFoundError(f"directed names relation(s) {unknown} with no ties; "
                                        f"relations: {names}")
        declared = {n: given.get(n) for n in names}
    else:
        declared = {n: directed for n in names}
    if "directed" in ties.columns:
        # A per-row 'directed' column (as to_frames writes) must agree within a relation
        # and with an explicit directed= argument.
        flags = bool_column(ties, "directed")
        for n in names:
            vals = pd.unique(flags[rel_codes == names.index(n)])
            vals = [v for v in vals if v is not None]
            if len(vals) > 1:
                raise InvalidNetworkError(f"ties: relation {n!r} is marked both directed and undirected "
                                          f"in the 'directed' column")
            if vals:
                if declared[n] is not None and bool(declared[n]) != bool(vals[0]):
                    raise InvalidNetworkError(
                        f"ties: relation {n!r} is declared directed={declared[n]} but the "
                        f"'directed' column says {bool(vals[0])}")
                declared[n] = bool(vals[0])
    missing = [n for n in names if declared[n] is None and canonical_relation(n) not in RELATIONS]
    if missing:
        raise InvalidNetworkError(undeclared_message(missing))
    specs = {n: relation_spec(n, declared[n]) for n in names}
    report_ties_changed(src, dst, rel_codes, names, [specs[n].directed for n in names], ties,
                        codes.to_numpy(), duplicates, self_loops)
    out = pd.DataFrame({
        "src": src.astype(np.int32),
        "dst": dst.astype(np.int32),
        "relation": pd.Categorical.from_codes(rel_codes, categories=names),
        "weight": w,
    })
    for c in extra:
        out[str(c)] = ties[c].to_numpy()
    return out, specs


def relation_codes(ties: pd.DataFrame, relation_col: str, default_relation: str
                   ) -> tuple[np.ndarray, list[str]]:
    """(row codes, relation names in order of first appearance): names are stripped,
    blank cells take ``default_relation``; each distinct cell is cleaned once. Raises
    naming the first row whose relation is empty or the reserved ``all``."""
    col = ties.get(relation_col)
    cells: list[Any]
    if col is None:
        cell_codes, cells = np.zeros(len(ties), np.int64), [default_relation]
    elif pd.api.types.infer_dtype(col, skipna=True) == "string":
        cell_codes, uniques = pd.factorize(col, use_na_sentinel=True)
        cells = [str(v).strip() for v in np.asarray(uniques, dtype=object)]
        cells.append(str(default_relation).strip())
        cell_codes = np.where(cell_codes < 0, len(cells) - 1, cell_codes)  # missing: the default
    else:
        text = col.astype(object).where(col.notna(), default_relation).astype(str).str.strip()
        cell_codes, uniques = pd.factorize(text)
        cells = list(np.asarray(uniques, dtype=object))
    used, first = np.unique(cell_codes, return_index=True)
    lut = np.zeros(len(cells), np.int64)
    index: dict[str, int] = {}  # cells equal after stripping are one relation
    for c in used[np.argsort(first, kind="stable")]:
        lut[c] = index.setdefault(cells[c], len(index))
    names = list(index)
    codes = lut[cell_codes]
    for bad, why in (("", f"{relation_col} is empty"),
                     (ALL_RELATIONS, f"a relation may not be named {ALL_RELATIONS!r} "
                                     f"(relation='all' pools every layer)")):
        if bad in index:
            pos = int(np.flatnonzero(codes == index[bad])[0])
            raise InvalidNetworkError(f"{row_label(ties, 'ties', pos)}: {why}")
    return codes, names


def report_ties_changed(src: np.ndarray, dst: np.ndarray, rel_codes: np.ndarray,
                        rel_names: list[str], directed: list[bool], frame: pd.DataFrame,
                        ids: np.ndarray, duplicates: str | None, self_loops: str | None) -> None:
    """Warn (GovnetWarning) when a *default* policy will change the ties: duplicates
    merged (summed) or self-loops dropped. Explicit policies are the caller's choice
    and stay silent; 'raise' policies are enforced here, naming the rows."""
    import warnings

    if self_loops in (None, "raise"):
        loops = np.flatnonzero(src == dst)
        if loops.size:
            pos = int(loops[0])
            if self_loops == "raise":
                raise InvalidNetworkError(
                    f"{row_label(frame, 'ties', pos)}: self-loop on {ids[src[pos]]!r} "
                    f"(self_loops='raise')")
            warnings.warn(GovnetWarning(
                f"{loops.size} self-loop(s) dropped, first {row_label(frame, 'ties', pos)} "
                f"({ids[src[pos]]!r} to itself); pass self_loops='drop' to drop them silently, "
                f"'keep' to keep them or 'raise' to refuse them"), stacklevel=4)
    if duplicates not in (None, "raise") or src.size < 2:
        return
    und = ~np.asarray(directed, dtype=bool)[rel_codes]
    a = np.where(und, np.minimum(src, dst), src)
    b = np.where(und, np.maximum(src, dst), dst)
    keep = src != dst if self_loops in (None, "drop") else np.ones(src.size, dtype=bool)
    rows = np.flatnonzero(keep)
    order = rows[np.lexsort((b[rows], a[rows], rel_codes[rows]))]
    same = ((a[order][1:] == a[order][:-1]) & (b[order][1:] == b[order][:-1])
            & (rel_codes[order][1:] == rel_codes[order][:-1]))
    if not same.any():
        return
    k = int(np.flatnonzero(same)[0])
    first, second = sorted((int(order[k]), int(order[k + 1])))
    arrow = "->" if directed[rel_codes[first]] else "--"
    what = (f"{row_label(frame, 'ties', second)} repeats row {first} "
            f"({ids[src[first]]!r} {arrow} {ids[dst[first]]!r}, relation "
            f"{rel_names[rel_codes[first]]!r})")
    if duplicates == "raise":
        raise InvalidNetworkError(f"{what}: duplicate tie (duplicates='raise')")
    warnings.warn(GovnetWarning(
        f"{int(same.sum())} duplicate tie(s) will be merged with their weights summed; first: "
        f"{what}. In an undirected relation a-b and b-a are the same tie. Pass duplicates='sum' "
        f"to sum them silently, 'max' to keep the largest weight, or 'raise' to refuse them"),
        stacklevel=4)


def bool_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column of boolean cells (1/0, true/false, yes/no, 是/否, Y/N, directed/undirected;
    blank = not given -> None); any other spelling raises naming the row and value."""
    out = np.empty(len(frame), dtype=object)
    for pos, v in enumerate(frame[column].to_numpy(dtype=object)):
        b = as_bool(v)
        if b is None and not (v is None or (isinstance(v, float) and np.isnan(v))
                              or (isinstance(v, str) and v.strip() == "")):
            raise InvalidNetworkError(
                f"{row_label(frame, 'ties', pos)}: {column} {v!r} is not a yes/no value; use one of "
                f"{', '.join(sorted(TRUE_WORDS))} or {', '.join(sorted(FALSE_WORDS))}")
        out[pos] = b
    return out


def as_bool(v: Any) -> bool | None:
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, str):
        s = v.strip().lower()
        if s in TRUE_WORDS:
            return True
        if s in FALSE_WORDS:
            return False
    if isinstance(v, (int, np.integer, float, np.floating)) and v in (0, 1):
        return bool(v)
    return None


def validate_duties(duties: pd.DataFrame, codes: pd.Index) -> pd.DataFrame:
    if not isinstance(duties, pd.DataFrame):
        raise InvalidNetworkError(f"duties must be a DataFrame, got {type(duties).__name__}")
    extra_columns(duties, "duties", {}, ())  # column names unique
    require_columns(duties, "duties", ["actor", "duty"])
    actors = clean_ids(duties["actor"], duties, "duties", "actor")
    pos = codes.get_indexer(actors)
    if (pos < 0).any():
        p = int(np.flatnonzero(pos < 0)[0])
        raise InvalidNetworkError(f"{row_label(duties, 'duties', p)}: actor {actors[p]!r} is not an actor")
    duty_ids = clean_ids(duties["duty"], duties, "duties", "duty")
    if "role" in duties.columns:
        raw = duties["role"].fillna("lead").astype(str).str.strip()
        roles = raw.str.lower().map(ROLE_ALIASES)
        if roles.isna().any():
            p = int(np.flatnonzero(roles.isna().to_numpy())[0])
            raise InvalidNetworkError(
                f"{row_label(duties, 'duties', p)}: unknown role {raw.iloc[p]!r}; expected 'lead' or 'assist'")
        roles = roles.to_numpy()
    else:
        roles = np.full(len(duties), "lead", dtype=object)
    out = pd.DataFrame({"actor": actors, "duty": duty_ids,
                        "category": (duties["category"].fillna("").astype(str).to_numpy()
                                     if "category" in duties.columns else ""),
                        "role": pd.Categorical(roles, categories=list(ROLES))})
    for c in duties.columns:
        if c not in ("actor", "duty", "category", "role"):
            out[str(c)] = duties[c].to_numpy()
    key = pd.MultiIndex.from_arrays([actors, duty_ids])
    dup = key.duplicated(keep=False)
    if dup.any():
        rows = np.flatnonzero(dup)
        seen: dict[tuple[str, str], int] = {}
        for p in rows:
            k = (actors[p], duty_ids[p])
            if k in seen and roles[seen[k]] != roles[p]:
                raise InvalidNetworkError(
                    f"{row_label(duties, 'duties', int(p))}: actor {k[0]!r} holds duty {k[1]!r} as "
                    f"{roles[p]!r} but row {seen[k]} gives {roles[seen[k]]!r}")
            seen.setdefault(k, int(p))
        out = out[~key.duplicated(keep="first")].reset_index(drop=True)
    return out


def validate_meetings(meetings: pd.DataFrame, codes: pd.Index) -> pd.DataFrame:
    if not isinstance(meetings, pd.DataFrame):
        raise InvalidNetworkError(f"meetings must be a DataFrame, got {type(meetings).__name__}")
    extra_columns(meetings, "meetings", {}, ())  # column names unique
    require_columns(meetings, "meetings", ["meeting", "actor"])
    names = clean_ids(meetings["meeting"], meetings, "meetings", "meeting")
    actors = clean_ids(meetings["actor"], meetings, "meetings", "actor")
    pos = codes.get_indexer(actors)
    if (pos < 0).any():
        p = int(np.flatnonzero(pos < 0)[0])
        raise InvalidNetworkError(
            f"{row_label(meetings, 'meetings', p)}: meeting {names[p]!r} lists {actors[p]!r}, "
            f"which is not an actor of the network")
    out = pd.DataFrame({"meeting": names, "actor": actors})
    for c in meetings.columns:
        if c not in ("meeting", "actor"):
            out[str(c)] = meetings[c].to_numpy()
    return out.drop_duplicates(subset=["meeting", "actor"]).reset_index(drop=True)
