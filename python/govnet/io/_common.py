"""Helpers shared by the format modules of govnet.io (not public API)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import FileFormatError, TooLargeError
from govnet.model.network import Network

#: Default ceiling on the number of actors a file may declare; larger
#: declarations raise TooLargeError before allocating (pass ``max_actors``).
MAX_ACTORS = 1_000_000


_CORE_COLUMNS = ("id", "name", "name_en", "tier", "kind")


def _path(path: Any) -> str:
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise FileFormatError(f"no such file: {p}")
    return p


def _read_text(path: str, what: str, encoding: str | None) -> str:
    with open(path, "rb") as fh:
        raw = fh.read()
    return _decode(raw, path, what, encoding)


def _check_size(n: int, path: str, what: str, max_actors: int | None) -> None:
    limit = MAX_ACTORS if max_actors is None else max_actors
    if n < 0:
        raise FileFormatError(f"{os.path.basename(path)}: {what} is negative ({n})")
    if n > limit:
        raise TooLargeError(
            f"{os.path.basename(path)}: {what} declares {n:,} actors, more than the limit "
            f"{limit:,}; pass max_actors={n} if the file really is that large")


def _parts(net: Network) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, bool]]:
    """(actors with an id column and tier as str, ties as given, relation -> directed)."""
    actors, ties, _ = net.to_frames()
    ties = ties.drop(columns=["directed"])
    directed = {r: net.relation_spec(r).directed for r in net.relations}
    return actors, ties, directed


def _build(actors: pd.DataFrame, ties: pd.DataFrame | None, directed: Mapping[str, bool] | None,
           *, default_tier: str, path: str, meta: Mapping[str, Any] | None = None,
           duties: pd.DataFrame | None = None, meetings: pd.DataFrame | None = None) -> Network:
    actors = actors.copy()
    if "tier" not in actors.columns:
        actors["tier"] = default_tier
    else:
        actors["tier"] = actors["tier"].where(actors["tier"].notna() & (actors["tier"] != ""),
                                              default_tier)
    m = {"name": os.path.splitext(os.path.basename(path))[0], "source_file": path}
    m.update(meta or {})
    if directed and ties is not None and "relation" in ties.columns:
        present = set(ties["relation"].astype(str))  # a stored relation may have lost its ties
        directed = {r: d for r, d in directed.items() if r in present}
    return Network.from_frames(actors, ties, duties, meetings=meetings,
                               directed=dict(directed) if directed else None, meta=m)


def _str(v: Any) -> str | None:
    """Attribute value as text, or None for missing values (not written)."""
    if v is None:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(v)


def _fmt_weight(w: float) -> str:
    return repr(float(w)) if not float(w).is_integer() else str(int(w))


def _number(tok: str, path: str, line: int, what: str = "value") -> float:
    try:
        x = float(tok)
    except ValueError:
        raise FileFormatError(
            f"{os.path.basename(path)} line {line}: {what} {tok!r} is not a number") from None
    if not np.isfinite(x):
        raise FileFormatError(f"{os.path.basename(path)} line {line}: {what} {tok!r} is not finite")
    return x


def _parse_xml(path: str) -> Any:
    """Parse XML safely: no DTD, no entity declarations, no external references."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as det
    from defusedxml import DefusedXmlException

    try:
        return det.parse(path, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FileFormatError(
            f"{os.path.basename(path)}: refused unsafe XML ({type(exc).__name__}: DTDs, "
            f"entities and external references are not allowed)") from None
    except ParseError as exc:
        raise FileFormatError(f"{os.path.basename(path)}: malformed XML: {exc}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: Any, name: str) -> list[Any]:
    return [c for c in elem if _local(c.tag) == name]


def _convert(value: str, typ: str, path: str) -> Any:
    typ = typ.lower()
    try:
        if typ in ("int", "long", "integer"):
            return int(value)
        if typ in ("float", "double"):
            return float(value)
        if typ == "boolean":
            return value.strip().lower() in ("true", "1", "yes")
    except ValueError:
        raise FileFormatError(
            f"{os.path.basename(path)}: attribute value {value!r} is not a valid {typ}") from None
    return value


def _directions_from_ties(ties: pd.DataFrame, default: bool) -> dict[str, bool]:
    out: dict[str, bool] = {}
    if "directed" in ties.columns:
        for rel, vals in ties.groupby("relation", sort=False)["directed"]:
            v = vals.dropna().unique()
            out[str(rel)] = bool(v[0]) if len(v) else default
    else:
        for rel in ties["relation"].unique() if len(ties) else []:
            out[str(rel)] = default
    return out


def _ties_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=None if rows else ["source", "target", "relation", "weight"])


def _decode(raw: bytes, path: str, what: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise FileFormatError(
                f"{what}: {path} is not valid {encoding} at byte {exc.start} (line {line})") from exc
        except LookupError as exc:
            raise FileFormatError(f"{what}: unknown encoding {encoding!r}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[:utf8_error.start].count(b"\n") + 1
            raise FileFormatError(
                f"{what}: {path} is neither UTF-8 nor GB18030: undecodable byte "
                f"0x{raw[utf8_error.start]:02x} at offset {utf8_error.start} (line {line}); "
                f"pass encoding=... if you know it") from None
