"""CSV and Excel tables: reading with encodings and clear errors, writing."""

from __future__ import annotations

import io
import os
from typing import Any

import pandas as pd

from govnet.errors import (
    FileFormatError,
)
from govnet.io._common import _check_xlsx, _decode, _path, _read_raw
from govnet.model.network import Network


def read_table(source: Any, *, what: str = "table", encoding: str | None = None,
               sheet_name: str | int | None = None) -> pd.DataFrame:
    """Read a CSV or Excel file (or pass a DataFrame through) with clear errors.

    CSV files may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (Excel's
    export on Chinese Windows); the encoding is detected unless given. Every
    column is read as text so that ids such as ``007`` keep their zeros. A text
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
        return source
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
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skipinitialspace=True)
    except pd.errors.EmptyDataError as exc:
        raise FileFormatError(f"{what}: file {path} is empty (no header row)") from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileFormatError(f"{what}: malformed CSV in {path}: {exc}") from exc
    frame.columns = [_unescape_cell(str(c).strip()) for c in frame.columns]
    for c in frame.columns:
        col = frame[c]
        if col.astype(str).str.startswith("'").any():
            frame[c] = col.map(_unescape_cell)
    frame.attrs["govnet_file"] = path
    frame.attrs["govnet_header_lines"] = 1
    return frame



def _actors_beside(ties_path: str) -> str:
    stem, _ = os.path.splitext(ties_path)
    return stem + ".actors.csv"


def _actors_from_ties(t: pd.DataFrame, path: str, default_tier: str,
                      kwargs: dict[str, Any]) -> pd.DataFrame:
    """Actors named by the ties (in order of appearance), all of ``default_tier``,
    under the id and tier column names the caller maps (``id_col=``, ``tier_col=``)."""
    cols = [kwargs.get("source_col", "source"), kwargs.get("target_col", "target")]
    for c in cols:
        if not isinstance(c, str):
            raise TypeError(f"source_col and target_col must be column names (str), "
                            f"got {type(c).__name__}")
        if c not in t.columns:
            raise FileFormatError(f"{os.path.basename(path)}: no {c!r} column; "
                                  f"columns: {list(map(str, t.columns))}")
    values = pd.concat([t[cols[0]], t[cols[1]]], ignore_index=True)
    ids = list(dict.fromkeys(v for v in values.tolist() if not pd.isna(v) and str(v).strip()))
    return pd.DataFrame({kwargs.get("id_col", "id"): ids, kwargs.get("tier_col", "tier"): default_tier})


def read_tables(actors: Any, ties: Any = None, duties: Any = None, *, meetings: Any = None,
                encoding: str | None = None, **kwargs: Any) -> Network:
    """Build a network from separate actor, tie, duty and meeting tables (CSV or Excel
    files, or DataFrames); the options are :meth:`Network.from_frames`'s.

    Files may be UTF-8, UTF-8 with a byte-order mark or GB18030 (detected unless
    ``encoding`` is given), or Excel ``.xlsx``. Errors name the file and line.
    (This was ``Network.from_csv`` in govnet 0.1.)
    """
    a = read_table(actors, what="actors", encoding=encoding)
    t = read_table(ties, what="ties", encoding=encoding) if ties is not None else None
    d = read_table(duties, what="duties", encoding=encoding) if duties is not None else None
    m = read_table(meetings, what="meetings", encoding=encoding) if meetings is not None else None
    return Network.from_frames(a, t, d, meetings=m, **kwargs)


def read_csv(path: str | os.PathLike[str], *, actors: str | os.PathLike[str] | None = None,
             duties: str | os.PathLike[str] | None = None,
             meetings: str | os.PathLike[str] | None = None, default_tier: str = "plural",
             encoding: str | None = None, **kwargs: Any) -> Network:
    """Read a ties CSV (``source``, ``target``, optional ``relation``, ``weight``, ``directed``).

    Actors come from ``actors`` (a CSV with ``id``, ``tier``, ...), else from
    ``<stem>.actors.csv`` beside the ties file (as :func:`write_csv` writes),
    else from the ids in the ties, all with ``default_tier``; likewise duties
    and meetings from ``<stem>.duties.csv`` and ``<stem>.meetings.csv``. See
    :meth:`Network.from_frames` for the other options. Files may be UTF-8, UTF-8
    with a byte-order mark or GB18030 (detected), or Excel ``.xlsx``; errors name
    the file and line.
    """
    p = _path(path)
    t = read_table(p, what="ties", encoding=encoding)
    if actors is None and os.path.isfile(_actors_beside(p)):
        actors = _actors_beside(p)
    if actors is not None:
        a = read_table(actors, what="actors", encoding=encoding)
    else:
        a = _actors_from_ties(t, p, default_tier, kwargs)
    stem = os.path.splitext(p)[0]
    if duties is None and os.path.isfile(stem + ".duties.csv"):
        duties = stem + ".duties.csv"
    d = read_table(duties, what="duties", encoding=encoding) if duties is not None else None
    if meetings is None and os.path.isfile(stem + ".meetings.csv"):
        meetings = stem + ".meetings.csv"
    if meetings is not None:
        kwargs["meetings"] = read_table(meetings, what="meetings", encoding=encoding)
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
    Excel shows Chinese), plus ``<stem>.duties.csv`` / ``<stem>.meetings.csv`` when
    present. :func:`read_csv` reads them back.

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
    present, ``duties`` and ``meetings``; :func:`read_excel` reads it back.

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
            _cells_as_text(xw.book)
    except ImportError as exc:
        raise FileFormatError(f"writing Excel needs openpyxl (pip install openpyxl): {exc}") from exc


def read_excel(path: str | os.PathLike[str], *, actors_sheet: str = "actors",
               ties_sheet: str = "ties", default_tier: str = "plural", **kwargs: Any) -> Network:
    """Read an Excel workbook with an ``actors`` and a ``ties`` sheet (optional
    ``duties`` and ``meetings`` sheets), as :func:`write_excel` writes. Without an
    actors sheet, actors are the ids in the ties with ``default_tier``."""
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
    for s in sheets.values():
        s.attrs["govnet_file"] = p
        s.attrs["govnet_header_lines"] = 1
    t = sheets.get(ties_sheet)
    a = sheets.get(actors_sheet)
    if a is None:
        assert t is not None
        a = _actors_from_ties(t, p, default_tier, kwargs)
    kwargs.setdefault("meta", {"name": os.path.splitext(os.path.basename(p))[0]})
    return Network.from_frames(a, t, sheets.get("duties"), meetings=sheets.get("meetings"), **kwargs)
