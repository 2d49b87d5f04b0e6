"""CSV and Excel tables: reading with encodings and clear errors, writing."""

from __future__ import annotations

import io
import os
from typing import Any

import pandas as pd

from govnet.errors import (
    FileFormatError,
)
from govnet.io._common import _decode, _path
from govnet.model.network import Network


def read_table(source: Any, *, what: str = "table", encoding: str | None = None,
               sheet_name: str | int | None = None) -> pd.DataFrame:
    """Read a CSV or Excel file (or pass a DataFrame through) with clear errors.

    CSV files may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (Excel's
    export on Chinese Windows); the encoding is detected unless given. Every
    column is read as text so that ids such as ``007`` keep their zeros.

    Raises
    ------
    FileFormatError
        The file cannot be decoded or parsed; the message names the file and,
        where known, the line.
    """
    if isinstance(source, pd.DataFrame):
        return source
    path = os.fspath(source)
    if not os.path.exists(path):
        raise FileFormatError(f"{what}: no such file: {path}")
    if path.lower().endswith((".xlsx", ".xlsm", ".xls")):
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
    with open(path, "rb") as fh:
        raw = fh.read()
    text = _decode(raw, path, what, encoding)
    frame = _read_csv_fast(text)
    try:
        if frame is None:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                                skipinitialspace=True)
    except pd.errors.EmptyDataError as exc:
        raise FileFormatError(f"{what}: file {path} is empty (no header row)") from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileFormatError(f"{what}: malformed CSV in {path}: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
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
        for c in ("source", "target"):
            if c not in t.columns:
                raise FileFormatError(f"{os.path.basename(p)}: no {c!r} column; columns: {list(t.columns)}")
        ids = list(dict.fromkeys(list(t["source"]) + list(t["target"])))
        a = pd.DataFrame({"id": ids, "tier": default_tier})
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


def write_csv(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ties to ``path`` and actors to ``<stem>.actors.csv`` (UTF-8 with BOM, so
    Excel shows Chinese), plus ``<stem>.duties.csv`` / ``<stem>.meetings.csv`` when
    present. :func:`read_csv` reads them back."""
    p = os.fspath(path)
    actors, ties, duties = net.to_frames()
    stem, _ = os.path.splitext(p)
    ties.to_csv(p, index=False, encoding="utf-8-sig")
    actors.to_csv(stem + ".actors.csv", index=False, encoding="utf-8-sig")
    if duties is not None:
        duties.to_csv(stem + ".duties.csv", index=False, encoding="utf-8-sig")
    if net.meetings is not None:
        net.meetings.to_csv(stem + ".meetings.csv", index=False, encoding="utf-8-sig")


def write_excel(net: Network, path: str | os.PathLike[str]) -> None:
    """Write an Excel workbook (openpyxl) with sheets ``actors``, ``ties`` and, when
    present, ``duties`` and ``meetings``; :func:`read_excel` reads it back."""
    actors, ties, duties = net.to_frames()
    try:
        with pd.ExcelWriter(os.fspath(path), engine="openpyxl") as xw:
            actors.to_excel(xw, sheet_name="actors", index=False)
            ties.to_excel(xw, sheet_name="ties", index=False)
            if duties is not None:
                duties.to_excel(xw, sheet_name="duties", index=False)
            if net.meetings is not None:
                net.meetings.to_excel(xw, sheet_name="meetings", index=False)
    except ImportError as exc:
        raise FileFormatError(f"writing Excel needs openpyxl (pip install openpyxl): {exc}") from exc


def read_excel(path: str | os.PathLike[str], *, actors_sheet: str = "actors",
               ties_sheet: str = "ties", default_tier: str = "plural", **kwargs: Any) -> Network:
    """Read an Excel workbook with an ``actors`` and a ``ties`` sheet (optional
    ``duties`` and ``meetings`` sheets), as :func:`write_excel` writes. Without an
    actors sheet, actors are the ids in the ties with ``default_tier``."""
    p = _path(path)
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
        ids = list(dict.fromkeys(list(t["source"]) + list(t["target"])))
        a = pd.DataFrame({"id": ids, "tier": default_tier})
    kwargs.setdefault("meta", {"name": os.path.splitext(os.path.basename(p))[0]})
    return Network.from_frames(a, t, sheets.get("duties"), meetings=sheets.get("meetings"), **kwargs)
