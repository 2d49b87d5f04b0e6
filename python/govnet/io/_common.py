"""Helpers shared by the format modules of govnet.io (not public API)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import FileFormatError, GovnetWarning, InvalidNetworkError, TooLargeError
from govnet.model.network import Network
from govnet.model.people import post_incidence
from govnet.model.validation import as_bool

#: Default ceiling on the number of actors a file may declare; larger
#: declarations raise TooLargeError before allocating (pass ``max_actors``).
MAX_ACTORS = 1_000_000


_CORE_COLUMNS = ("id", "name", "name_en", "tier", "kind")


def _path(path: Any) -> str:
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise FileFormatError(f"no such file: {p}")
    return p


#: Largest text file (CSV, Pajek, DL) read, bytes; larger ones raise TooLargeError
#: before they are read.
MAX_TEXT_BYTES = 2 * 1024**3

#: Largest table of attribute cells (rows x distinct attribute names) a GraphML or
#: GEXF file may make: sparse data over thousands of keys would otherwise become
#: a dense table of billions of cells.
MAX_TABLE_CELLS = 50_000_000

#: Largest spreadsheet read: uncompressed bytes of the workbook's members, and
#: cells of a sheet's used range (rows x columns, from its dimension and cell
#: references), checked in the zip before openpyxl loads anything.
MAX_XLSX_BYTES = 1024**3
MAX_XLSX_CELLS = 20_000_000

#: Compression ratio above which a large spreadsheet member is refused (a zip bomb:
#: a few KB that inflate to GBs of repeated XML).
MAX_XLSX_RATIO = 200


def _read_raw(path: str, what: str, encoding: str | None) -> bytes:
    """The bytes of a text file, refused before reading when larger than
    :data:`MAX_TEXT_BYTES`, and refused when it holds NUL bytes (not text: a
    binary file, or UTF-16/32 without ``encoding=``)."""
    size = os.path.getsize(path)
    if size > MAX_TEXT_BYTES:
        raise TooLargeError(f"{what}: {os.path.basename(path)} has {size:,} bytes, more than the "
                            f"limit of {MAX_TEXT_BYTES:,} for a text file")
    with open(path, "rb") as fh:
        raw = fh.read(MAX_TEXT_BYTES + 1)
    wide = encoding is not None and encoding.lower().replace("-", "").replace("_", "").startswith(
        ("utf16", "utf32", "ucs2", "ucs4"))
    if not wide:
        nul = raw.find(b"\x00")
        if nul >= 0:
            line = raw.count(b"\n", 0, nul) + 1
            raise FileFormatError(
                f"{what}: {os.path.basename(path)} holds a NUL byte at offset {nul} "
                f"(line {line}): not a text file; if it is UTF-16, "
                f"pass encoding='utf-16'")
    return raw


def _read_text(path: str, what: str, encoding: str | None) -> str:
    return _decode(_read_raw(path, what, encoding), path, what, encoding)


def _check_table_cells(rows: list[dict[str, Any]], what: str, path: str) -> None:
    """Refuse attribute rows that would make a table of more than
    :data:`MAX_TABLE_CELLS` cells (rows x distinct names), before building it."""
    names: set[str] = set()
    for r in rows:
        names.update(r)
        if len(names) * len(rows) > MAX_TABLE_CELLS:
            raise TooLargeError(
                f"{os.path.basename(path)}: {len(rows):,} {what} with at least {len(names):,} "
                f"distinct attributes would make a table of more than {MAX_TABLE_CELLS:,} cells")


def _check_xlsx(path: str, what: str) -> None:
    """Size checks of an .xlsx/.xlsm workbook in its zip, before openpyxl loads it:
    total uncompressed size (:data:`MAX_XLSX_BYTES`), the compression ratio of large
    members (:data:`MAX_XLSX_RATIO`), and each sheet's used range — from its
    ``<dimension>`` and from its cell references, so a single far-away cell (which
    makes openpyxl and pandas fill the whole range) is caught —
    (:data:`MAX_XLSX_CELLS`). Raises TooLargeError; a file that is not a zip is
    left to openpyxl's own error."""
    import re
    import zipfile
    import zlib

    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    name = os.path.basename(path)
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_XLSX_BYTES:
            raise TooLargeError(f"{what}: {name} inflates to {total:,} bytes, more than the "
                                f"limit of {MAX_XLSX_BYTES:,} for a spreadsheet")
        for info in infos:
            if info.file_size > 10 * 1024**2 and info.file_size > MAX_XLSX_RATIO * max(
                    info.compress_size, 1):
                raise TooLargeError(
                    f"{what}: {name}: member {info.filename} inflates {info.compress_size:,} "
                    f"bytes to {info.file_size:,} (ratio over {MAX_XLSX_RATIO}): refused as a "
                    f"zip bomb")
        ref = re.compile(rb'<(?:\w+:)?(?:c|dimension)\b[^>]*?\br(?:ef)?="\$?([A-Z]{1,3})\$?(\d{1,10})'
                         rb'(?::\$?([A-Z]{1,3})\$?(\d{1,10}))?"')
        for info in infos:
            if not re.match(r"xl/worksheets/[^/]+\.xml$", info.filename):
                continue
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError,
                    NotImplementedError, RuntimeError):
                return  # openpyxl reports the broken member
            max_row = max_col = 0
            for m in ref.finditer(data):
                for col, row in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
                    if col is None:
                        continue
                    c = 0
                    for ch in col:
                        c = c * 26 + (ch - 64)
                    max_col, max_row = max(max_col, c), max(max_row, int(row))
            if max_row * max_col > MAX_XLSX_CELLS:
                raise TooLargeError(
                    f"{what}: {name}: sheet {info.filename.rsplit('/', 1)[-1]} spans "
                    f"{max_row:,} rows x {max_col:,} columns ({max_row * max_col:,} cells, e.g. "
                    f"one far-away cell), more than the limit of {MAX_XLSX_CELLS:,}; delete the "
                    f"stray cells or save the sheet as CSV")


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


def _reserved_data(data: Mapping[str, Any], names: tuple[str, ...], where: str, path: str) -> None:
    """Refuse a file's attribute that would take the place of what the element itself
    gives (a node attribute ``id``, an edge attribute ``source``): no silent override."""
    clash = [k for k in names if k in data]
    if clash:
        raise FileFormatError(
            f"{os.path.basename(path)}: {where} has attribute(s) {clash}, names govnet takes from "
            f"the element itself; rename the attribute(s)")


def _writable_labels(labels: Any, fmt: str, what: str = "actor id") -> list[str]:
    """Labels as text for a format whose quoting has no escape (Pajek, DL): a label
    with a double quote or a line break cannot be written so that the format's
    reader gives it back, and is refused naming it (never silently changed)."""
    out = [str(a) for a in labels]
    for a in out:
        if '"' in a or "\n" in a or "\r" in a:
            raise InvalidNetworkError(
                f"{fmt} cannot hold the {what} {a!r} (a double quote or a line break has no "
                f"escape in {fmt}); rename it or write GraphML, GEXF, CSV or the govnet format")
    return out


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
    except (LookupError, ValueError) as exc:  # an unknown encoding declared, ...
        raise FileFormatError(f"{os.path.basename(path)}: unreadable XML: {exc}") from None


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
        if typ in ("boolean", "bool"):
            b = as_bool(value)
            if b is None:
                raise ValueError
            return b
    except ValueError:
        raise FileFormatError(
            f"{os.path.basename(path)}: attribute value {value!r} is not a valid {typ}") from None
    return value


def _directions_from_ties(ties: pd.DataFrame, default: bool) -> dict[str, bool]:
    """Each relation's direction from the per-edge ``directed`` column (edges without
    one take ``default``); a relation with both directed and undirected edges is
    directed (see :func:`_edge_directions`)."""
    out: dict[str, bool] = {}
    if "directed" in ties.columns:
        flags = pd.Series([default if f is None else f for f in _flags(ties, "")],
                          index=ties.index, dtype=bool)
        for rel, vals in flags.groupby(ties["relation"].astype(str), sort=False):
            out[str(rel)] = bool(vals.any())
    else:
        for rel in ties["relation"].unique() if len(ties) else []:
            out[str(rel)] = default
    return out


def _flags(ties: pd.DataFrame, path: str) -> list[bool | None]:
    """The per-edge ``directed`` values as True/False/None (absent); any other
    spelling is a FileFormatError naming the edge and value."""
    out: list[bool | None] = []
    for i, v in enumerate(ties["directed"].to_numpy(dtype=object)):
        if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
            out.append(None)
            continue
        b = as_bool(v)
        if b is None:
            raise FileFormatError(f"{os.path.basename(path)}: edge {i}: directed {v!r} is not a "
                                  f"yes/no value (true/false, 1/0, yes/no, 是/否)")
        out.append(b)
    return out


def _edge_directions(ties: pd.DataFrame, default: bool, stored: Mapping[str, bool] | None,
                     path: str) -> tuple[pd.DataFrame, dict[str, bool]]:
    """Resolve the direction of each relation of an XML graph file (GraphML, GEXF)
    while keeping each edge's own direction, as the Pajek reader does.

    ``stored`` (govnet's ``govnet_relations``) wins; an edge whose own ``directed``
    flag contradicts it is a FileFormatError. Otherwise a relation is directed if
    any of its edges is (an edge without a flag takes ``default``); in a relation
    with both, each undirected edge becomes two arcs u->v and v->u, with a
    GovnetWarning naming the relation. Returns (ties without the ``directed``
    column, relation -> directed)."""
    name = os.path.basename(path)
    flags = _flags(ties, path) if "directed" in ties.columns and len(ties) else None
    rel = ties["relation"].astype(str).to_numpy() if len(ties) else np.zeros(0, dtype=object)
    if stored is not None:
        directed = dict(stored)
        if flags is not None:
            for i, (r, f) in enumerate(zip(rel, flags)):
                if f is not None and r in directed and bool(f) != directed[r]:
                    raise FileFormatError(
                        f"{name}: edge {i} of relation {r!r} is marked "
                        f"{'directed' if f else 'undirected'}, but govnet_relations says the "
                        f"relation is {'directed' if directed[r] else 'undirected'}")
        for r in dict.fromkeys(rel):
            directed.setdefault(str(r), default)
        return (ties.drop(columns=["directed"]) if "directed" in ties.columns else ties), directed
    directed = _directions_from_ties(ties, default)
    if "directed" not in ties.columns:
        return ties, directed
    own = np.array([default if f is None else bool(f) for f in flags], dtype=bool) \
        if flags is not None else np.zeros(0, dtype=bool)
    mixed = sorted({str(r) for r, d in zip(rel, own) if directed[str(r)] and not d})
    out = ties.drop(columns=["directed"])
    if mixed:
        warnings.warn(GovnetWarning(
            f"{name}: relation(s) {', '.join(map(repr, mixed))} have both directed and "
            f"undirected edges: read as directed, each undirected edge as two arcs u->v and "
            f"v->u (as in Pajek); split the relation in the file to keep two layers"),
            stacklevel=3)
        und = ~own & np.isin(rel, mixed) & (ties["source"].astype(str) != ties["target"].astype(str)
                                           ).to_numpy()
        back = out[und].copy()
        back["source"], back["target"] = back["target"].to_numpy(), back["source"].to_numpy()
        order = np.concatenate([np.arange(len(out)) * 2, np.flatnonzero(und) * 2 + 1])
        out = pd.concat([out, back], ignore_index=True).iloc[np.argsort(order, kind="stable")]
        out = out.reset_index(drop=True)
    return out, directed


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
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[:utf8_error.start].count(b"\n") + 1
            raise FileFormatError(
                f"{what}: {path} is neither UTF-8 nor GB18030: undecodable byte "
                f"0x{raw[utf8_error.start]:02x} at offset {utf8_error.start} (line {line}); "
                f"pass encoding=... if you know it") from None
        _warn_if_implausible(text, path, what)
        return text


#: Share of the non-ASCII characters of a GB18030-decoded text that are not GB2312
#: ideographs or CJK punctuation (see ``_plausible_gb``) above which the decoding
#: is probably wrong: Big5 (traditional Chinese) and cp1252/latin-1 bytes decode as
#: GB18030 without error, but mostly to rare characters outside GB2312 or to its
#: kana/Greek/Cyrillic rows, while real simplified-Chinese text is almost all
#: GB2312 ideographs. A Big5 text made only of characters that happen to decode to
#: common GB2312 ideographs cannot be told from real text (pass ``encoding=``).
IMPLAUSIBLE_SHARE = 0.2


def _plausible_gb(c: str) -> bool:
    """A character that simplified-Chinese text holds: a GB2312 ideograph, CJK or
    full-width punctuation, or the usual typographic marks. Not: characters outside
    GB2312, nor GB2312's kana, Greek, Cyrillic, box-drawing and pinyin rows, which
    Big5 and cp1252 bytes decode to."""
    o = ord(c)
    if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or c in "·—–‘’“”…※":
        return True
    if not 0x4E00 <= o <= 0x9FFF:
        return False
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _warn_if_implausible(text: str, path: str, what: str) -> None:
    """GovnetWarning when a GB18030 fall-back decoding looks wrong (see
    :data:`IMPLAUSIBLE_SHARE`), naming the encoding used and how to pass another."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return
    rare = sum(1 for c in wide if not _plausible_gb(c))
    if rare > IMPLAUSIBLE_SHARE * len(wide):
        guesses = []
        for enc in ("big5", "cp1252"):
            try:
                raw = text.encode("gb18030")
                raw.decode(enc)
                guesses.append(enc)
            except UnicodeError:
                pass
        hint = (f" (it decodes as {' and '.join(guesses)} too)" if guesses else "")
        warnings.warn(GovnetWarning(
            f"{what}: {os.path.basename(path)} is not UTF-8 and was decoded as GB18030, but "
            f"{rare} of its {len(wide)} non-ASCII characters are rare outside GB2312, so the "
            f"decoding is probably wrong{hint}; pass encoding='big5', encoding='cp1252' or the "
            f"file's real encoding (encoding='gb18030' to accept this decoding silently)"),
            stacklevel=4)


def _layer_ties(net: Network, what: str) -> tuple[pd.DataFrame, dict[str, bool]]:
    """The ties as govnet computes them, one row per tie of each layer.

    Each layer's ties are what its measures read: repeated rows merged by the
    network's ``duplicates`` policy (weights summed or the largest kept), self-loops
    kept or dropped by its ``self_loops`` policy. Columns ``source``, ``target``,
    ``relation``, ``weight`` and the extra tie columns: an extra value is kept when
    the rows merged into the tie agree on it (missing values ignored); where they
    disagree it is left out, with a :class:`~govnet.GovnetWarning` naming the column.
    An undirected tie keeps the orientation of its first row.
    Returns (ties, relation -> directed).
    """
    directed = {r: net.relation_spec(r).directed for r in net.relations}
    ids = np.asarray(net.actor_ids, dtype=object)
    frames: list[pd.DataFrame] = []
    conflicts: dict[str, str] = {}
    extra_cols: list[str] = []
    for rel in net.relations:
        d = directed[rel]
        s, t, w = (np.asarray(x) for x in net.layer(rel).edges())
        s, t = s.astype(np.int64), t.astype(np.int64)
        ea, eb = (s, t) if d else (np.minimum(s, t), np.maximum(s, t))
        edges = pd.DataFrame({"_a": ea, "_b": eb, "_s": s, "_t": t,
                              "weight": np.asarray(w, dtype=float)})
        raw = net.ties(rel)
        extra = [c for c in raw.columns if c not in ("source", "target", "relation", "weight")]
        for c in extra:
            if c not in extra_cols:
                extra_cols.append(c)
        if len(raw):
            rs = net.actor_ids.get_indexer(raw["source"]).astype(np.int64)
            rt = net.actor_ids.get_indexer(raw["target"]).astype(np.int64)
            keyed = pd.DataFrame({"_a": rs if d else np.minimum(rs, rt),
                                  "_b": rt if d else np.maximum(rs, rt), "_rs": rs, "_rt": rt})
            for c in extra:
                keyed[c] = raw[c].to_numpy()
            grp = keyed.groupby(["_a", "_b"], sort=False)
            info = grp[["_rs", "_rt"]].first()
            for c in extra:
                n_distinct = grp[c].nunique(dropna=True)
                vals = grp[c].first()
                bad = n_distinct > 1
                if bad.any():
                    a, b = bad[bad].index[0]
                    arrow = "->" if d else "--"
                    conflicts.setdefault(c, f"{ids[a]} {arrow} {ids[b]} in {rel!r}")
                    vals = vals.astype(object).where(~bad, None)
                info[c] = vals
            edges = edges.merge(info, left_on=["_a", "_b"], right_index=True, how="left")
            if not d:  # orientation of the tie's first row
                has = edges["_rs"].notna().to_numpy()
                edges.loc[has, "_s"] = edges.loc[has, "_rs"].astype(np.int64).to_numpy()
                edges.loc[has, "_t"] = edges.loc[has, "_rt"].astype(np.int64).to_numpy()
        out = pd.DataFrame({"source": ids[edges["_s"].to_numpy(dtype=np.int64)],
                            "target": ids[edges["_t"].to_numpy(dtype=np.int64)],
                            "relation": rel, "weight": edges["weight"].to_numpy()})
        for c in extra:
            out[c] = edges[c].to_numpy() if c in edges.columns else None
        frames.append(out)
    if not frames:
        return _ties_frame([]), directed
    ties = pd.concat(frames, ignore_index=True)
    ties = ties[["source", "target", "relation", "weight"] + extra_cols]
    if conflicts:
        where = "; ".join(f"{c!r} (first tie: {at})" for c, at in conflicts.items())
        warnings.warn(GovnetWarning(
            f"{what}: repeated rows merged into one tie disagree on tie column(s) {where}; "
            f"those ties are written without them (weights follow the duplicates policy)"),
            stacklevel=3)
    return ties, directed


def _mixed(directed: Mapping[str, bool]) -> bool:
    """True when the network has both directed and undirected layers."""
    return any(directed.values()) and not all(directed.values())


def _as_arcs(ties: pd.DataFrame, directed: Mapping[str, bool]) -> pd.DataFrame:
    """Ties for a directed file/graph: each undirected tie as two arcs (u->v, v->u),
    with a boolean ``directed`` column (False on the arc pairs)."""
    und = ~ties["relation"].map(dict(directed)).astype(bool).to_numpy()
    out = ties.copy()
    out["directed"] = ~und
    out["_order"] = np.arange(len(out)) * 2
    back = out[und & (out["source"] != out["target"]).to_numpy()].copy()  # a self-loop is one arc
    back["source"], back["target"] = back["target"].to_numpy(), back["source"].to_numpy()
    back["_order"] += 1
    return (pd.concat([out, back]).sort_values("_order", kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def _collapse_arcs(ties: pd.DataFrame, directed: Mapping[str, bool]) -> pd.DataFrame:
    """Inverse of :func:`_as_arcs` when reading a directed file or graph: an undirected
    relation's tie written as two arcs u->v and v->u of equal weight is one tie."""
    if not len(ties):
        return ties
    und_rels = [r for r, d in directed.items() if not d]
    if not und_rels:
        return ties
    rel = ties["relation"].astype(str)
    s, t = ties["source"].astype(str), ties["target"].astype(str)
    w = pd.to_numeric(ties["weight"], errors="coerce") if "weight" in ties.columns else 1.0
    key = pd.DataFrame({"r": rel, "a": np.minimum(s, t), "b": np.maximum(s, t), "s": s, "w": w})
    cand = rel.isin(und_rels) & (s != t)
    drop = np.zeros(len(ties), dtype=bool)
    sub = key[cand.to_numpy()]
    for _, grp in sub.groupby(["r", "a", "b"], sort=False):
        if len(grp) == 2 and grp["s"].nunique() == 2 and grp["w"].nunique(dropna=False) == 1:
            drop[ties.index.get_indexer([grp.index[1]])[0]] = True
    return ties[~drop].reset_index(drop=True)


def posts_pairs(net: Network, roles: Any = None, at: Any = None
                ) -> tuple[pd.Index, pd.Index, np.ndarray, np.ndarray]:
    """(person ids, actor ids, person positions, actor positions) of the distinct
    (person, organisation) pairs of the posts kept: for the two-mode writers."""
    tables = net.optional_tables()
    if "posts" not in tables:
        raise InvalidNetworkError("the network has no posts table to write as two-mode data")
    pid = pd.Index(tables["persons"]["id"])
    _, _, _, up, ua = post_incidence(tables["persons"], tables["posts"], net.actor_ids, roles, at)
    return pid, net.actor_ids, up, ua
