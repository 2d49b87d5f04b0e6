"""Fieldwork shapes: data as researchers record them, from CSV or Excel (any sheet).

Every reader takes a path (CSV or Excel) or a DataFrame, ``sheet=`` (an Excel
sheet name or position; default the first) and ``columns=`` (a mapping from
the file's headers to govnet's names, e.g. ``{"填报单位": "respondent"}``).
Cells are named as a spreadsheet shows them: ``file, sheet, row R, column
C`` with R the row number Excel shows (the header is row 1) and C the header
(a DataFrame is read as a sheet: its data row 0 is row 2).

Layouts
-------
Roster survey (:func:`read_roster`)
    One row per respondent; the ``respondent`` column (default: the first)
    names it; one column per organisation. A cell is a number (the tie's
    weight; 0 = no tie) or a mark (see :data:`PRESENT_MARKS` /
    :data:`ABSENT_MARKS`: a present mark is weight 1, an absent mark or a
    blank is no tie). A respondent's own column is ignored. Non-respondents —
    organisations of the columns (or of ``actors=``) without a row, rows whose
    answer cells are all blank (``blank_row="missing"``, the default), and
    ``nonrespondents=`` — give *missing dyads*: every pair from them is
    neither a tie nor a non-tie. Ties are directed: ``i -> j`` means *i
    reports j* (see :func:`govnet.symmetrize`).
Name-generator survey (:func:`read_name_generator`)
    One row per named contact: ``ego``, ``alter``, optional ``relation``
    (default ``relation=``), ``weight`` (blank: 1) and alter attributes (any
    other columns, e.g. ``kind``, ``tier``; kept in :attr:`NameGenerator.alters`).
Sign-in sheet (:func:`read_signin`)
    ``rows="meeting"`` (default): one row per meeting, the ``meeting`` column
    (default: the first) names it, columns ``date``, ``kind``, ``frequency``,
    ``note`` are meeting attributes, every other column is an actor;
    ``rows="actor"``: one row per actor (the ``actor`` column, default the
    first) and one column per meeting. Cells are marks: present
    (:data:`PRESENT_MARKS`) or absent (:data:`ABSENT_MARKS`, blank). Any other
    mark is an error naming the cell, never a silent "absent".
Duty list (:func:`read_duty_list`)
    One row per duty: ``duty`` (the item), optional ``category``, ``lead`` and
    ``assist`` columns; a cell may list several organisations separated by
    ``、`` ``，`` ``,`` ``;`` ``；`` or newlines. A duty without any holder is
    kept as uncovered (in :attr:`DutyList.catalogue`, not in
    :attr:`DutyList.duties`).

Problems
--------
Each reader raises :class:`~govnet.InvalidNetworkError` on the first problem
(an unknown mark, an unknown name when ``actors=`` is given — with the
closest known names —, a bad number), naming the cell and the value. Given a
``problems=`` list, it appends every problem there and goes on instead
(:func:`govnet.check` reads this way to list all problems at once).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import FileFormatError, InvalidNetworkError, InvalidParameterError
from govnet.io.tables import read_table

__all__ = ["PRESENT_MARKS", "ABSENT_MARKS", "SEPARATORS", "PROBLEM_COLUMNS", "Problem",
           "closest_names", "read_sheet", "read_roster", "read_name_generator", "read_signin",
           "read_duty_list", "Roster", "NameGenerator", "DutyList", "SignIn"]

#: Marks read as "yes" (present, a tie): √ ✓ ✔ 是 到 有 1 (and 1.0).
PRESENT_MARKS = frozenset({"√", "✓", "✔", "是", "到", "有", "1", "1.0"})
#: Marks read as "no" (absent, no tie): x X × ✗ 否 无 0 (and 0.0) and a blank cell.
ABSENT_MARKS = frozenset({"x", "X", "×", "✗", "否", "无", "0", "0.0", ""})
#: Separators of several organisations in one duty-list cell.
SEPARATORS = "、，,;；\n"
_SPLIT = re.compile(r"[、，,;；\r\n]+")

#: Columns of the problem table (see :func:`govnet.check`).
PROBLEM_COLUMNS = ["severity", "file", "sheet", "row", "column", "problem", "value",
                   "suggestion", "default"]

_MEETING_ATTRS = ("date", "kind", "frequency", "note")


@dataclass(frozen=True)
class Problem:
    """One problem of the input, located as a spreadsheet shows it.

    ``severity`` is ``"error"`` (the network cannot be built as is),
    ``"warning"`` (a default changes the data; ``default`` says how) or
    ``"note"`` (worth knowing, nothing changed).
    """

    severity: str
    file: str
    sheet: str
    row: int | None
    column: str
    problem: str
    value: str
    suggestion: str = ""
    default: str = ""

    def where(self) -> str:
        parts = [p for p in (self.file, f"sheet {self.sheet}" if self.sheet else "",
                             f"row {self.row}" if self.row is not None else "",
                             f"column {self.column}" if self.column else "") if p]
        return ", ".join(parts)

    def message(self) -> str:
        text = f"{self.where()}: {self.problem}"
        if self.value != "":
            text += f" {self.value!r}"
        if self.suggestion:
            text += f" ({self.suggestion})"
        return text


def closest_names(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known names closest to ``name``, best first: difflib's similarity ratio
    at least 0.6 and within 0.1 of the best match (so a clear match stands alone)."""
    pool = list(dict.fromkeys(str(k) for k in known))
    scored = sorted(((difflib.SequenceMatcher(None, name, k).ratio(), i, k) for i, k in enumerate(pool)),
                    key=lambda x: (-x[0], x[1]))
    scored = [x for x in scored if x[0] >= 0.6]
    if not scored:
        return []
    best = scored[0][0]
    return [k for r, _, k in scored if r >= best - 0.1][:n]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    close = closest_names(name, known)
    return ("did you mean " + " or ".join(close) + "?") if close else ""


def _report(problems: list[Problem] | None, p: Problem) -> None:
    if problems is None:
        raise InvalidNetworkError(p.message())
    problems.append(p)


def _cell(v: Any) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return ""
    return str(v).strip()


def read_sheet(source: Any, *, sheet: str | int | None = None,
               columns: Mapping[str, str] | None = None, what: str = "table") -> pd.DataFrame:
    """A table as text cells (blank = ``""``), headers renamed by ``columns``.

    ``attrs`` carry ``file`` (base name), ``sheet`` and ``header`` (the original
    header of each renamed column, to name cells as the user sees them).
    """
    if columns is not None and not isinstance(columns, Mapping):
        raise TypeError(f"columns must be a mapping {{'file header': 'govnet name'}}, "
                        f"got {type(columns).__name__}")
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        file, sheet_name = frame.attrs.get("file", ""), frame.attrs.get("sheet", "")
    else:
        path = os.fspath(source)
        is_excel = path.lower().endswith((".xlsx", ".xlsm", ".xls"))
        if sheet is not None and not is_excel:
            raise InvalidParameterError(f"sheet={sheet!r} is for Excel files; {path} is not one")
        frame = read_table(path, what=what, sheet_name=sheet)
        file = os.path.basename(path)
        sheet_name = "" if not is_excel else (str(sheet) if isinstance(sheet, str) else
                                              _sheet_name(path, sheet))
    frame.columns = [str(c).strip() for c in frame.columns]
    header = {c: c for c in frame.columns}
    if columns:
        mapping = {str(k).strip(): str(v) for k, v in columns.items()}
        frame = frame.rename(columns=mapping)
        header = {mapping.get(c, c): c for c in header}
    frame = frame.map(_cell) if hasattr(frame, "map") else frame.applymap(_cell)
    frame = frame.reset_index(drop=True)
    # columns without a header and without any value (Excel's trailing columns) say nothing
    empty = [c for c in frame.columns
             if re.fullmatch(r"Unnamed: \d+", c) and (frame[c] == "").all()]
    frame = frame.drop(columns=empty)
    frame.attrs = {"file": file, "sheet": sheet_name, "header": header}
    return frame


def _sheet_name(path: str, sheet: int | None) -> str:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - read_table already needed it
        raise FileFormatError(f"reading Excel needs openpyxl: {exc}") from exc
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return str(wb.sheetnames[0 if sheet is None else sheet])
    finally:
        wb.close()


def locate(frame: pd.DataFrame, row: int | None, column: str) -> dict[str, Any]:
    a = frame.attrs
    return {"file": a.get("file", ""), "sheet": a.get("sheet", ""),
            "row": None if row is None else row + 2,
            "column": a.get("header", {}).get(column, column)}


def _cells(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Column -> its cells as an object array (fast per-cell access)."""
    return {c: frame[c].to_numpy(dtype=object) for c in frame.columns}


def _mark(value: str) -> bool | None:
    if value in PRESENT_MARKS:
        return True
    if value in ABSENT_MARKS:
        return False
    return None


def _column(frame: pd.DataFrame, name: str | None, what: str) -> str:
    if name is None:
        if not len(frame.columns):
            raise InvalidNetworkError(f"{what}: the sheet has no columns")
        return str(frame.columns[0])
    if name not in frame.columns:
        a = frame.attrs
        where = ", ".join(p for p in (a.get("file", ""), f"sheet {a['sheet']}" if a.get("sheet") else "") if p)
        raise InvalidNetworkError(
            f"{where or what}: no {name!r} column; columns: {list(frame.columns)} "
            f"(map the file's headers with columns={{'表头': {name!r}}})")
    return name


def _check_name(name: str, known: pd.Index | None, frame: pd.DataFrame, row: int | None,
                column: str, problems: list[Problem] | None, what: str = "unknown name") -> bool:
    if known is None or name in known:
        return True
    _report(problems, Problem("error", **locate(frame, row, column), problem=what, value=name,
                              suggestion=did_you_mean(name, known),
                              default="refused: fix the name or pass aliases={name: known name}"))
    return False


def _known(actors: Sequence[str] | pd.Index | None) -> pd.Index | None:
    return None if actors is None else pd.Index([str(a) for a in actors])


def alias(name: str, aliases: Mapping[str, str] | None) -> str:
    return aliases.get(name, name) if aliases else name


# ---------------------------------------------------------------------------
# roster surveys


@dataclass(frozen=True)
class Roster:
    """A roster survey read by :func:`read_roster`.

    ``ties``: source (respondent), target, relation, weight, one row per
    reported tie, plus ``row``/``column`` (the cell). ``missing``: the missing
    dyads (source, target, relation) of the non-respondents. ``respondents``
    and ``nonrespondents``: ids; ``nonrespondent_rows``: the spreadsheet row
    of each non-respondent (None when it has no row). ``organisations``: the
    column ids.
    """

    ties: pd.DataFrame
    missing: pd.DataFrame
    relation: str
    respondents: list[str]
    nonrespondents: list[str]
    organisations: list[str]
    nonrespondent_rows: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"Roster({self.relation!r}: {len(self.respondents)} respondents, "
                f"{len(self.nonrespondents)} non-respondents, {len(self.ties)} reported ties, "
                f"{len(self.missing)} missing dyads)")

    def _repr_html_(self) -> str:
        return f"<div>{escape(repr(self))}</div>"


def read_roster(source: Any, *, sheet: str | int | None = None,
                columns: Mapping[str, str] | None = None, respondent: str | None = None,
                relation: str = "roster", actors: Sequence[str] | None = None,
                nonrespondents: Iterable[str] = (), blank_row: str = "missing",
                aliases: Mapping[str, str] | None = None,
                problems: list[Problem] | None = None) -> Roster:
    """Read a roster survey (see the module's "Layouts").

    Parameters
    ----------
    respondent : str, optional
        The column naming the respondent (after ``columns=``); default the first.
    relation : str
        The layer the answers form (directed: respondent -> named organisation).
    actors : sequence of ids, optional
        Every organisation of the study. Names not among them are problems
        (with the closest names); those without a row are non-respondents;
        those without a column were not asked about, so every respondent's
        dyad to them is missing too. Default: the organisation columns.
    nonrespondents : ids
        Respondents whose rows are to be read as missing (e.g. "refused").
    blank_row : {"missing", "no_ties"}
        A row with every answer blank: a non-respondent (default) or a
        respondent who reported no tie.
    aliases : mapping
        Corrections of misspelt names ``{"written": "actor id"}``.

    Returns
    -------
    Roster
    """
    if blank_row not in ("missing", "no_ties"):
        raise InvalidParameterError(f"blank_row must be 'missing' or 'no_ties', got {blank_row!r}")
    frame = read_sheet(source, sheet=sheet, columns=columns, what="roster")
    cells = _cells(frame)
    rcol = _column(frame, respondent, "roster")
    org_cols = [c for c in frame.columns if c != rcol]
    orgs = [alias(c, aliases) for c in org_cols]
    known = _known(actors) if actors is not None else pd.Index(list(dict.fromkeys(orgs)))
    for c, o in zip(org_cols, orgs):
        _check_name(o, known, frame, None, c, problems, "unknown organisation in the header")
    rows: list[dict[str, Any]] = []
    respondents: list[str] = []
    refused = {alias(str(x), aliases) for x in nonrespondents}
    non: list[str] = []
    non_rows: dict[str, int | None] = {}
    for i in range(len(frame)):
        who = alias(cells[rcol][i], aliases)
        if who == "":
            if any(cells[c][i] != "" for c in org_cols):
                _report(problems, Problem("error", **locate(frame, i, rcol), problem="respondent is blank",
                                          value="", default="refused: name the respondent"))
            continue
        if not _check_name(who, known, frame, i, rcol, problems, "unknown respondent"):
            continue
        if who in respondents or who in non_rows:
            first = next((r for r in range(i) if alias(cells[rcol][r], aliases) == who), None)
            _report(problems, Problem("error", **locate(frame, i, rcol), problem="respondent answers twice",
                                      value=who, suggestion=f"first in row {None if first is None else first + 2}",
                                      default="refused: keep one row"))
            continue
        answers = [cells[c][i] for c in org_cols]
        if who in refused or (blank_row == "missing" and all(v == "" for v in answers)):
            if who not in non:
                non.append(who)
                non_rows[who] = i + 2
            continue
        respondents.append(who)
        for c, o, v in zip(org_cols, orgs, answers):
            if o == who:
                continue
            w = _answer(v, frame, i, c, problems)
            if w is not None and w > 0:
                rows.append({"source": who, "target": o, "relation": relation, "weight": w,
                             "row": i + 2, "column": frame.attrs["header"].get(c, c)})
    universe = list(known) if known is not None else orgs
    for a in universe:
        if a not in respondents and a not in non:
            non.append(a)
            non_rows[a] = None
    miss = [{"source": a, "target": b, "relation": relation}
            for a in non for b in universe if b != a]
    asked = set(orgs)
    miss += [{"source": a, "target": b, "relation": relation}  # not in the header: not asked
             for a in respondents for b in universe if b != a and b not in asked]
    ties = pd.DataFrame(rows, columns=["source", "target", "relation", "weight", "row", "column"])
    ties.attrs["respondent_header"] = frame.attrs["header"].get(rcol, rcol)
    return Roster(ties, pd.DataFrame(miss, columns=["source", "target", "relation"]), relation,
                  respondents, non, [o for o in orgs], non_rows)


def _answer(v: str, frame: pd.DataFrame, i: int, c: str,
            problems: list[Problem] | None) -> float | None:
    m = _mark(v)
    if m is not None:
        return 1.0 if m else 0.0
    try:
        x = float(v)
    except ValueError:
        x = float("nan")
    if np.isfinite(x) and x >= 0:
        return x
    _report(problems, Problem(
        "error", **locate(frame, i, c), problem="unknown mark", value=v,
        suggestion=f"use a number >= 0 or a mark: present {' '.join(sorted(PRESENT_MARKS - {'1.0'}))}; "
                   f"absent {' '.join(sorted(ABSENT_MARKS - {'', '0.0'}))} or blank",
        default="refused (never read as absent)"))
    return None


# ---------------------------------------------------------------------------
# name generators


@dataclass(frozen=True)
class NameGenerator:
    """A name-generator survey read by :func:`read_name_generator`.

    ``ties``: source (ego), target (alter), relation, weight, ``row``;
    ``alters``: one row per alter with the attributes the file gives
    (``id`` and e.g. ``kind``, ``tier``; first non-blank value per alter).
    """

    ties: pd.DataFrame
    alters: pd.DataFrame
    egos: list[str]

    def __repr__(self) -> str:
        return (f"NameGenerator({len(self.egos)} egos, {len(self.alters)} alters, "
                f"{len(self.ties)} named ties)")

    def _repr_html_(self) -> str:
        return f"<div>{escape(repr(self))}</div>"


def read_name_generator(source: Any, *, sheet: str | int | None = None,
                        columns: Mapping[str, str] | None = None, ego: str = "ego",
                        alter: str = "alter", relation: str = "contact",
                        actors: Sequence[str] | None = None,
                        aliases: Mapping[str, str] | None = None,
                        problems: list[Problem] | None = None) -> NameGenerator:
    """Read a name-generator survey (see the module's "Layouts").

    ``relation`` is the layer name when the file has no ``relation`` column
    (a blank relation cell takes it too). A blank ``weight`` is 1 (one named
    contact); other weights must be numbers >= 0. With ``actors=``, names not
    among them are problems with the closest names.
    """
    frame = read_sheet(source, sheet=sheet, columns=columns, what="name generator")
    cells = _cells(frame)
    ecol, acol = _column(frame, ego, "name generator"), _column(frame, alter, "name generator")
    known = _known(actors)
    attr_cols = [c for c in frame.columns if c not in (ecol, acol, "relation", "weight")]
    rows: list[dict[str, Any]] = []
    alters: dict[str, dict[str, str]] = {}
    egos: list[str] = []
    for i in range(len(frame)):
        e, a = alias(cells[ecol][i], aliases), alias(cells[acol][i], aliases)
        if e == "" or a == "":
            if e != "" or a != "":
                col = ecol if e == "" else acol
                _report(problems, Problem("error", **locate(frame, i, col), problem=f"{col} is blank",
                                          value="", default="refused: the row names no contact"))
            continue
        ok = _check_name(e, known, frame, i, ecol, problems)
        ok = _check_name(a, known, frame, i, acol, problems) and ok
        if not ok:
            continue
        if e not in egos:
            egos.append(e)
        rel = cells["relation"][i] if "relation" in frame.columns else ""
        w_raw = cells["weight"][i] if "weight" in frame.columns else ""
        w = 1.0 if w_raw == "" else _answer(w_raw, frame, i, "weight", problems)
        if w is None:
            continue
        rows.append({"source": e, "target": a, "relation": rel or relation, "weight": w, "row": i + 2})
        info = alters.setdefault(a, {})
        for c in attr_cols:
            if cells[c][i] != "" and c not in info:
                info[c] = cells[c][i]
    alter_frame = pd.DataFrame([{"id": k, **v} for k, v in alters.items()],
                               columns=["id", *attr_cols])
    ties = pd.DataFrame(rows, columns=["source", "target", "relation", "weight", "row"])
    return NameGenerator(ties, alter_frame, egos)


# ---------------------------------------------------------------------------
# sign-in sheets


@dataclass(frozen=True)
class SignIn:
    """A sign-in sheet read by :func:`read_signin`.

    ``meetings``: long table (meeting, actor, + the meeting attributes) of
    every present mark, as :meth:`Network.from_frames` takes it;
    ``catalogue``: one row per meeting with its attributes (also meetings
    nobody attended); ``actors``: the actor ids the sheet names.
    """

    meetings: pd.DataFrame
    catalogue: pd.DataFrame
    actors: list[str]

    def __repr__(self) -> str:
        return (f"SignIn({len(self.catalogue)} meetings, {len(self.actors)} actors, "
                f"{len(self.meetings)} attendances)")

    def _repr_html_(self) -> str:
        return f"<div>{escape(repr(self))}</div>"


def read_signin(source: Any, *, sheet: str | int | None = None,
                columns: Mapping[str, str] | None = None, rows: str = "meeting",
                key: str | None = None, actors: Sequence[str] | None = None,
                aliases: Mapping[str, str] | None = None,
                problems: list[Problem] | None = None) -> SignIn:
    """Read a sign-in sheet (see the module's "Layouts").

    Parameters
    ----------
    rows : {"meeting", "actor"}
        One row per meeting (a column per actor), or one row per actor (a
        column per meeting).
    key : str, optional
        The column naming the row's meeting (or actor); default the first.
    actors : sequence of ids, optional
        Known actors: other names are problems with the closest names.

    Raises
    ------
    InvalidNetworkError
        An unknown mark, e.g. ``"签到.xlsx, sheet 签到, row 4, column 桂园居委会:
        unknown mark '?'"`` (without ``problems=``).
    """
    if rows not in ("meeting", "actor"):
        raise InvalidParameterError(f"rows must be 'meeting' or 'actor', got {rows!r}")
    frame = read_sheet(source, sheet=sheet, columns=columns, what="sign-in sheet")
    cells = _cells(frame)
    kcol = _column(frame, key, "sign-in sheet")
    known = _known(actors)
    attrs = [c for c in frame.columns if c in _MEETING_ATTRS] if rows == "meeting" else []
    cols = [c for c in frame.columns if c != kcol and c not in attrs]
    out: list[dict[str, Any]] = []
    seen_actors: list[str] = []
    catalogue: list[dict[str, Any]] = []
    if rows == "meeting":
        col_actor = {c: alias(c, aliases) for c in cols}
        good = {c: _check_name(a, known, frame, None, c, problems) for c, a in col_actor.items()}
        seen_actors = [a for c, a in col_actor.items() if good[c]]
    else:
        meetings_of = {c: c for c in cols}
        catalogue = [{"meeting": c} for c in cols]
    for i in range(len(frame)):
        k = cells[kcol][i]
        if k == "":
            if any(cells[c][i] != "" for c in cols):
                _report(problems, Problem("error", **locate(frame, i, kcol),
                                          problem=f"the row's {rows} is blank", value="",
                                          default="refused: name it"))
            continue
        if rows == "meeting":
            info = {c: cells[c][i] for c in attrs}
            catalogue.append({"meeting": k, **info})
        else:
            k = alias(k, aliases)
            if not _check_name(k, known, frame, i, kcol, problems):
                continue
            seen_actors.append(k)
        for c in cols:
            v = cells[c][i]
            m = _mark(v)
            if m is None:
                _report(problems, Problem(
                    "error", **locate(frame, i, c), problem="unknown mark", value=v,
                    suggestion=f"present: {' '.join(sorted(PRESENT_MARKS - {'1.0'}))}; absent: "
                               f"{' '.join(sorted(ABSENT_MARKS - {'', '0.0'}))} or blank",
                    default="refused (never read as absent)"))
                continue
            if not m:
                continue
            if rows == "meeting":
                if good[c]:
                    out.append({"meeting": k, "actor": col_actor[c], **info})
            else:
                out.append({"meeting": meetings_of[c], "actor": k})
    cat = pd.DataFrame(catalogue, columns=["meeting", *attrs]).drop_duplicates("meeting")
    return SignIn(pd.DataFrame(out, columns=["meeting", "actor", *attrs]),
                  cat.reset_index(drop=True), list(dict.fromkeys(seen_actors)))


# ---------------------------------------------------------------------------
# duty lists


@dataclass(frozen=True)
class DutyList:
    """A duty list read by :func:`read_duty_list`.

    ``duties``: long table (actor, duty, category, role) as
    :class:`govnet.DutyTable` and :meth:`Network.from_frames` take it;
    ``catalogue``: every duty (duty, category, row: the spreadsheet row), including ``uncovered`` ones
    (no holder), which are listed in :attr:`uncovered`. Build the duty table
    with ``govnet.DutyTable.from_frame(d.duties, actors=net, catalogue=d.catalogue)``.
    """

    duties: pd.DataFrame
    catalogue: pd.DataFrame
    uncovered: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"DutyList({len(self.catalogue)} duties, {len(self.duties)} assignments, "
                f"{len(self.uncovered)} uncovered)")

    def _repr_html_(self) -> str:
        return f"<div>{escape(repr(self))}</div>"


def read_duty_list(source: Any, *, sheet: str | int | None = None,
                   columns: Mapping[str, str] | None = None, duty: str = "duty",
                   lead: str = "lead", assist: str | None = "assist",
                   category: str | None = "category", actors: Sequence[str] | None = None,
                   aliases: Mapping[str, str] | None = None,
                   problems: list[Problem] | None = None) -> DutyList:
    """Read a duty list (see the module's "Layouts").

    ``lead`` and ``assist`` name the holder columns (``assist=None``: no such
    column; a missing optional ``category`` or ``assist`` column is allowed).
    A cell lists organisations separated by :data:`SEPARATORS`; an
    organisation named twice for one duty keeps its first role (lead before
    assist). A duty named in two rows is one duty (its holders joined).
    """
    frame = read_sheet(source, sheet=sheet, columns=columns, what="duty list")
    cells = _cells(frame)
    dcol = _column(frame, duty, "duty list")
    lcol = _column(frame, lead, "duty list")
    acol = assist if assist is not None and assist in frame.columns else None
    ccol = category if category is not None and category in frame.columns else None
    known = _known(actors)
    out: list[dict[str, Any]] = []
    cat: dict[str, str] = {}
    first_row: dict[str, int] = {}
    held: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for i in range(len(frame)):
        d = cells[dcol][i]
        if d == "":
            if any(cells[c][i] != "" for c in (lcol, acol) if c):
                _report(problems, Problem("error", **locate(frame, i, dcol), problem="duty is blank",
                                          value="", default="refused: name the duty"))
            continue
        cat.setdefault(d, cells[ccol][i] if ccol else "")
        first_row.setdefault(d, i + 2)
        for col, role in ((lcol, "lead"), (acol, "assist")):
            if col is None:
                continue
            for name in (x.strip() for x in _SPLIT.split(cells[col][i])):
                if not name:
                    continue
                name = alias(name, aliases)
                if not _check_name(name, known, frame, i, col, problems):
                    continue
                if (name, d) in pairs:
                    continue
                pairs.add((name, d))
                out.append({"actor": name, "duty": d, "category": cat[d], "role": role})
                held.add(d)
    catalogue = pd.DataFrame({"duty": list(cat), "category": list(cat.values()),
                              "row": [first_row[d] for d in cat]})
    return DutyList(pd.DataFrame(out, columns=["actor", "duty", "category", "role"]), catalogue,
                    [d for d in cat if d not in held])
