"""CSV and Excel tables: reading with encodings and clear errors, writing."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import (
    FileFormatError,
    InvalidParameterError,
)
from govnet.io._common import _check_xlsx, _decode, _path, _read_raw
from govnet.model.network import Network


def _renamed(frame: pd.DataFrame, columns: Mapping[str, str] | None) -> pd.DataFrame:
    if columns is None:
        return frame
    if not isinstance(columns, Mapping):
        raise TypeError(f"columns must be a mapping {{'file header': 'govnet name'}}, "
                        f"got {type(columns).__name__}")
    attrs = dict(frame.attrs)
    out = frame.rename(columns={str(k).strip(): str(v) for k, v in columns.items()})
    out.attrs = attrs
    return out


def read_table(source: Any, *, what: str = "table", encoding: str | None = None,
               sheet_name: str | int | None = None,
               columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read a CSV or Excel file (or pass a DataFrame through) with clear errors.

    CSV files may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (Excel's
    export on Chinese Windows); the encoding is detected unless given. Every
    column is read as text so that ids such as ``007`` keep their zeros.
    ``sheet_name`` picks an Excel sheet (name or position; default the first);
    ``columns`` renames headers, ``{"来源": "source", "去向": "target"}``. A text
    cell written with govnet's formula-injection escape (a leading ``'`` before
    ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or ``'``; see
    :func:`write_csv`) is read without that quote.

    Raises
    ------
    FileFormatError
        The file cannot be decoded or parsed; the message names the file and,
        where known, the line.
    """
    if isinstance(source, pd.DataFrame):
        return _renamed(source, columns)
    return _renamed(_read_file(source, what, encoding, sheet_name), columns)


def _read_file(source: Any, what: str, encoding: str | None,
               sheet_name: str | int | None) -> pd.DataFrame:
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"{what}: expected a path or a DataFrame, got {type(source).__name__}")
    path = os.fspath(source)
    if not os.path.exists(path):
        raise FileFormatError(f"{what}: no such file: {path}")
    if not os.path.isfile(path):
        raise FileFormatError(f"{what}: {path} is not a file")
    if path.lower().endswith((".xlsx", ".xlsm", ".xls")):
        _check_xlsx(path, what)
        try:
            frame = pd.read_excel(path, sheet_name=0 if sheet_name is None else sheet_name,
                                  dtype=str)
        except ImportError as exc:  # openpyxl missing
            raise FileFormatError(f"{what}: reading Excel needs openpyxl "
                                  f"(pip install openpyxl): {exc}") from exc
        except Exception as exc:
            raise FileFormatError(f"{what}: cannot read Excel file {path}: {exc}") from exc
        frame.attrs["govnet_file"] = path
        frame.attrs["govnet_header_lines"] = 1
        return frame
    text = _decode(_read_raw(path, what, encoding), path, what, encoding)
    frame = _read_csv_fast(text)
    try:
        if frame is None:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                                skipinitialspace=True)
    except pd.errors.EmptyDataError as exc:
        raise FileFormatError(f"{what}: file {path} is empty (no header row)") from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileFormatError(f"{what}: malformed CSV in {path}: {exc}") from exc
    frame.columns = [_unescape_cell(str(c).strip()) for c in frame.columns]
    # only a file with a quote can hold an escaped cell: skip the per-column scan otherwise
    for c in (frame.columns if "'" in text else ()):
        col = frame[c]
        if col.astype(str).str.startswith("'").any():
            frame[c] = col.map(_unescape_cell)
    frame.attrs["govnet_file"] = path
    frame.attrs["govnet_header_lines"] = 1
    return frame



#: CSV text above this size is parsed by pyarrow's multi-threaded reader (when
#: installed) through pandas; the frame is the C engine's, cell for cell.
_FAST_CSV_BYTES = 1 << 20


def _read_csv_fast(text: str) -> pd.DataFrame | None:
    """The frame pandas' C engine gives for ``text`` (every cell a string, empty
    cells ""), read with the pyarrow engine; None when that engine is not
    installed, the text is small, or it has a space after a delimiter or at a line
    start (the C engine's ``skipinitialspace``, which pyarrow lacks): the caller
    then reads it with the C engine, which also words the errors."""
    if len(text) < _FAST_CSV_BYTES or ", " in text or "\n " in text or text.startswith(" "):
        return None
    try:
        return pd.read_csv(io.BytesIO(text.encode("utf-8")), dtype=str, keep_default_na=False,
                           engine="pyarrow")
    except Exception:  # ImportError, or input the C engine words better
        return None


def _actors_beside(ties_path: str) -> str:
    stem, _ = os.path.splitext(ties_path)
    return stem + ".actors.csv"


def _actors_from_ties(t: pd.DataFrame, path: str, default_tier: str,
                      kwargs: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(actors, ties): the actors named by the ties (in order of appearance), all of
    ``default_tier``, under the id and tier column names the caller maps (``id_col=``,
    ``tier_col=``); the ties with text ends coded as categoricals of the raw cells, so
    validation cleans each distinct id once instead of hashing the rows again."""
    cols = [kwargs.get("source_col", "source"), kwargs.get("target_col", "target")]
    for c in cols:
        if not isinstance(c, str):
            raise TypeError(f"source_col and target_col must be column names (str), "
                            f"got {type(c).__name__}")
        if c not in t.columns:
            raise FileFormatError(f"{os.path.basename(path)}: no {c!r} column; "
                                  f"columns: {list(map(str, t.columns))}")
    values = pd.concat([t[cols[0]], t[cols[1]]], ignore_index=True)
    if pd.api.types.infer_dtype(values, skipna=True) == "string" and cols[0] != cols[1]:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)  # both ends at once
        m = len(t)
        t = t.assign(**{c: pd.Categorical.from_codes(part, categories=uniques)
                        for c, part in zip(cols, (codes[:m], codes[m:]))})
        distinct = np.asarray(uniques, dtype=object)
    else:  # 1, 1.0 and True hash alike: validation cleans these row by row
        distinct = pd.unique(values[values.notna()].to_numpy())
    # in order of appearance, the blank ones left out (tested on the distinct values)
    ids = [v for v in distinct if str(v).strip() != ""]
    actors = pd.DataFrame({kwargs.get("id_col", "id"): ids,
                           kwargs.get("tier_col", "tier"): default_tier})
    return actors, t


def read_tables(actors: Any, ties: Any = None, duties: Any = None, *, meetings: Any = None,
                encoding: str | None = None, sheet: Any = None,
                columns: Mapping[str, str] | None = None, persons: Any = None, posts: Any = None,
                **kwargs: Any) -> Network:
    """Build a network from separate actor, tie, duty and meeting tables (CSV or Excel
    files, or DataFrames); the options are :meth:`Network.from_frames`'s.

    Files may be UTF-8, UTF-8 with a byte-order mark or GB18030 (detected unless
    ``encoding`` is given), or Excel ``.xlsx``. Errors name the file and line.
    ``sheet``: the Excel sheet of every file (a name or position), or a mapping
    per table, ``{"actors": "组织名录", "ties": "联系"}`` (the same workbook may be
    given for each table); ``columns``: header renames applied to every table,
    ``{"组织名称": "id", "来源": "source"}``. ``persons`` and ``posts`` (files or
    DataFrames) are the people behind the organisations (see
    :mod:`govnet.model.people`). (This was ``Network.from_csv`` in govnet 0.1.)
    """
    def one(src: Any, what: str) -> pd.DataFrame | None:
        if src is None:
            return None
        sh = sheet.get(what) if isinstance(sheet, Mapping) else sheet
        return read_table(src, what=what, encoding=encoding, sheet_name=sh, columns=columns)

    a = one(actors, "actors")
    assert a is not None
    for name, value in (("persons", persons), ("posts", posts)):
        if value is not None:
            kwargs[name] = one(value, name)
    return Network.from_frames(a, one(ties, "ties"), one(duties, "duties"),
                               meetings=one(meetings, "meetings"), **kwargs)


def read_csv(path: str | os.PathLike[str], *, actors: str | os.PathLike[str] | None = None,
             duties: str | os.PathLike[str] | None = None,
             meetings: str | os.PathLike[str] | None = None, default_tier: str = "plural",
             encoding: str | None = None, columns: Mapping[str, str] | None = None,
             **kwargs: Any) -> Network:
    """Read a ties CSV (``source``, ``target``, optional ``relation``, ``weight``, ``directed``).

    Actors come from ``actors`` (a CSV with ``id``, ``tier``, ...), else from
    ``<stem>.actors.csv`` beside the ties file (as :func:`write_csv` writes),
    else from the ids in the ties, all with ``default_tier``; likewise duties
    and meetings from ``<stem>.duties.csv`` and ``<stem>.meetings.csv``. See
    :meth:`Network.from_frames` for the other options (``persons=`` and
    ``posts=`` files default to ``<stem>.persons.csv`` / ``<stem>.posts.csv``).
    Files may be UTF-8, UTF-8 with a byte-order mark or GB18030 (detected), or
    Excel ``.xlsx``; errors name the file and line. ``columns`` renames headers
    in every file, ``{"来源": "source", "去向": "target"}``.
    """
    p = _path(path)
    t = read_table(p, what="ties", encoding=encoding, columns=columns)
    if actors is None and os.path.isfile(_actors_beside(p)):
        actors = _actors_beside(p)
    if actors is not None:
        a = read_table(actors, what="actors", encoding=encoding, columns=columns)
    else:
        a, t = _actors_from_ties(t, p, default_tier, kwargs)
    stem = os.path.splitext(p)[0]
    if duties is None and os.path.isfile(stem + ".duties.csv"):
        duties = stem + ".duties.csv"
    d = (read_table(duties, what="duties", encoding=encoding, columns=columns)
         if duties is not None else None)
    if meetings is None and os.path.isfile(stem + ".meetings.csv"):
        meetings = stem + ".meetings.csv"
    if meetings is not None:
        kwargs["meetings"] = read_table(meetings, what="meetings", encoding=encoding,
                                        columns=columns)
    if "missing" not in kwargs and os.path.isfile(stem + ".missing.csv"):
        kwargs["missing"] = read_table(stem + ".missing.csv", what="missing", encoding=encoding)
    for name in ("persons", "posts"):  # the people tables beside the ties
        if name not in kwargs and os.path.isfile(f"{stem}.{name}.csv"):
            kwargs[name] = f"{stem}.{name}.csv"
        if name in kwargs and kwargs[name] is not None:
            kwargs[name] = read_table(kwargs[name], what=name, encoding=encoding, columns=columns)
    kwargs.setdefault("meta", {"name": os.path.splitext(os.path.basename(p))[0]})
    return Network.from_frames(a, t, d, **kwargs)


#: First characters that make a spreadsheet read a cell as a formula (formula or
#: "CSV" injection: ``=HYPERLINK(...)``, ``+cmd|...``, ``-2+3``, ``@SUM(...)``, and
#: tab / carriage return, which some spreadsheets skip before such a character).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape_cell(v: Any) -> Any:
    """CSV rule: a text cell that starts with a formula character, or with the escape
    quote itself, gets one leading ``'`` (spreadsheets then show it as text); other
    cells and non-text values are unchanged. :func:`_unescape_cell` undoes it."""
    if isinstance(v, str) and v and (v[0] in FORMULA_START or v[0] == "'"):
        return "'" + v
    return v


def _unescape_cell(v: Any) -> Any:
    if isinstance(v, str) and len(v) > 1 and v[0] == "'" and (v[1] in FORMULA_START or v[1] == "'"):
        return v[1:]
    return v


def _csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].astype(object).map(_escape_cell)
    out.columns = [_escape_cell(str(c)) for c in out.columns]
    return out


def write_csv(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ties to ``path`` and actors to ``<stem>.actors.csv`` (UTF-8 with BOM, so
    Excel shows Chinese), plus ``<stem>.duties.csv`` / ``<stem>.meetings.csv`` /
    ``<stem>.missing.csv`` (missing dyads), ``<stem>.persons.csv`` /
    ``<stem>.posts.csv`` when present (dates as YYYY-MM-DD). :func:`read_csv`
    reads them back.

    Formula injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return (or with ``'``) is written with one leading ``'``, so that a
    spreadsheet shows it as text instead of running it; :func:`read_table` (and so
    :func:`read_csv`) removes that quote again, so the values read back are the
    network's. Numbers (weights) are not text and are written as they are."""
    p = os.fspath(path)
    actors, ties, duties = net.to_frames()
    stem, _ = os.path.splitext(p)
    _write_csv_table(ties, p)
    _write_csv_table(actors, stem + ".actors.csv")
    if duties is not None:
        _write_csv_table(duties, stem + ".duties.csv")
    if net.meetings is not None:
        _write_csv_table(net.meetings, stem + ".meetings.csv")
    if net.missing is not None:
        _write_csv_table(net.missing, stem + ".missing.csv")
    for name, frame in _people_frames(net):
        _write_csv_table(frame, f"{stem}.{name}.csv")


def _people_frames(net: Network) -> list[tuple[str, pd.DataFrame]]:
    """The persons and posts tables as text-friendly frames (dates as YYYY-MM-DD)."""
    out = []
    for name, frame in net.optional_tables().items():
        if name not in ("persons", "posts"):
            continue
        f = frame.copy()
        for c in ("start", "end"):
            if c in f.columns:
                f[c] = f[c].dt.strftime("%Y-%m-%d")
        out.append((name, f))
    return out


def _write_csv_table(frame: pd.DataFrame, path: str) -> None:
    # CRLF rows: a text cell holding a carriage return (or a line feed) is quoted
    _csv_safe(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def _cells_as_text(book: Any) -> None:
    """Excel rule: every text cell is stored as text (openpyxl would store a string
    starting with ``=`` as a formula, which Excel then runs)."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def write_excel(net: Network, path: str | os.PathLike[str]) -> None:
    """Write an Excel workbook (openpyxl) with sheets ``actors``, ``ties`` and, when
    present, ``duties``, ``meetings``, ``missing`` (missing dyads), ``persons`` and
    ``posts``; :func:`read_excel` reads it back.

    Formula injection: every text cell is stored as a text cell, never as a formula
    (a name such as ``=HYPERLINK(...)`` is shown, not run), and is read back as it
    was. Numbers stay numbers."""
    actors, ties, duties = net.to_frames()
    try:
        with pd.ExcelWriter(os.fspath(path), engine="openpyxl") as xw:
            actors.to_excel(xw, sheet_name="actors", index=False)
            ties.to_excel(xw, sheet_name="ties", index=False)
            if duties is not None:
                duties.to_excel(xw, sheet_name="duties", index=False)
            if net.meetings is not None:
                net.meetings.to_excel(xw, sheet_name="meetings", index=False)
            if net.missing is not None:
                net.missing.to_excel(xw, sheet_name="missing", index=False)
            for name, frame in _people_frames(net):
                frame.to_excel(xw, sheet_name=name, index=False)
            _cells_as_text(xw.book)
    except ImportError as exc:
        raise FileFormatError(f"writing Excel needs openpyxl (pip install openpyxl): {exc}") from exc


def read_excel(path: str | os.PathLike[str], *, actors_sheet: str = "actors",
               ties_sheet: str = "ties", default_tier: str = "plural",
               sheet: Mapping[str, str] | None = None, columns: Mapping[str, str] | None = None,
               **kwargs: Any) -> Network:
    """Read an Excel workbook with an ``actors`` and a ``ties`` sheet (optional
    ``duties``, ``meetings``, ``missing``, ``persons`` and ``posts`` sheets), as :func:`write_excel` writes. Without an
    actors sheet, actors are the ids in the ties with ``default_tier``.

    ``sheet`` maps tables to other sheet names, ``{"actors": "组织名录", "ties":
    "联系", "duties": ..., "meetings": ...}``; ``columns`` renames headers in every
    sheet, ``{"组织名称": "id", "来源": "source"}``. Fieldwork layouts (rosters,
    sign-in sheets, duty lists with several holders per cell) are read by
    :mod:`govnet.io.fieldwork` and :func:`govnet.check`."""
    if sheet is not None:
        if not isinstance(sheet, Mapping):
            raise TypeError(f"sheet must be a mapping {{'actors': name, 'ties': name, ...}}, "
                            f"got {type(sheet).__name__}")
        bad = set(sheet) - {"actors", "ties", "duties", "meetings", "persons", "posts"}
        if bad:
            raise InvalidParameterError(f"sheet: unknown table(s) {sorted(bad)}; tables: "
                                        f"actors, ties, duties, meetings, persons, posts")
        actors_sheet = sheet.get("actors", actors_sheet)
        ties_sheet = sheet.get("ties", ties_sheet)
    duties_sheet = (sheet or {}).get("duties", "duties")
    meetings_sheet = (sheet or {}).get("meetings", "meetings")
    p = _path(path)
    _check_xlsx(p, "read_excel")
    try:
        sheets = pd.read_excel(p, sheet_name=None, dtype=str)
    except ImportError as exc:
        raise FileFormatError(f"reading Excel needs openpyxl (pip install openpyxl): {exc}") from exc
    except Exception as exc:  # zip, XML and openpyxl errors of a broken workbook
        raise FileFormatError(f"{os.path.basename(p)}: cannot read Excel workbook: {exc}") from None
    if ties_sheet not in sheets and actors_sheet not in sheets:
        raise FileFormatError(f"{os.path.basename(p)}: no {ties_sheet!r} or {actors_sheet!r} sheet; "
                              f"sheets: {list(sheets)}")
    sheets = {k: _renamed(s, columns) for k, s in sheets.items()}
    for s in sheets.values():
        s.attrs["govnet_file"] = p
        s.attrs["govnet_header_lines"] = 1
    t = sheets.get(ties_sheet)
    a = sheets.get(actors_sheet)
    if a is None:
        assert t is not None
        a, t = _actors_from_ties(t, p, default_tier, kwargs)
    kwargs.setdefault("meta", {"name": os.path.splitext(os.path.basename(p))[0]})
    if "missing" in sheets and "missing" not in kwargs:
        kwargs["missing"] = sheets["missing"]
    for name in ("persons", "posts"):
        kwargs.setdefault(name, sheets.get((sheet or {}).get(name, name)))
    return Network.from_frames(a, t, sheets.get(duties_sheet), meetings=sheets.get(meetings_sheet),
                               **kwargs)
