"""The cleaning report: :func:`check` reads every table of a fieldwork
workbook, lists *all* problems at once and says what each default would do.

Problems (one row each in :attr:`CheckReport.problems`, columns
:data:`~govnet.io.fieldwork.PROBLEM_COLUMNS`):

===========================  ========  =============================================
problem                      severity  default
===========================  ========  =============================================
unknown name (also in a      error     refused; ``suggestion`` gives the closest known
header, a respondent)                  names ("did you mean 桂园社区工作站?");
                                       ``aliases={"written": "id"}`` fixes it
unknown mark                 error     refused, never read as "absent"
blank weight                 error     refused; with ``fill_weight=w``: filled with w
                             warning   (listed)
bad weight, bad tier         error     refused
blank tier                   error     refused; with ``tier_from_kind=True``: the
                             warning   kind's usual tier (:data:`govnet.vocab.KINDS`)
duplicate id                 error     refused
undeclared relation          error     refused; declare ``directed={...}``
duplicate tie                warning   weights summed (``duplicates=None``; pass
                                       ``"max"`` or ``"raise"``)
self-loop                    warning   dropped (``self_loops=None``)
non-respondent               warning   its dyads are missing (neither ties nor
                                       non-ties): measures refuse the layer until
                                       imputed or symmetrised
reported by one side only    note      kept as reported (one arc);
                                       :func:`govnet.symmetrize` decides
actor without ties           note      kept (an isolate)
uncovered duty               note      kept in the duty catalogue
kind label                   note      a Chinese kind label read as the built-in kind
no actors table              note      actors are the names met (tier from a name
                                       generator's alters, else plural)
roster declared undirected   warning   a tie reported by either side is a tie
blank id / source / target,  error     refused
blank respondent, ego,
alter, duty, meeting
===========================  ========  =============================================

Rows are spreadsheet rows (the header is row 1); ``column`` is the file's own
header. Defaults marked "with ..." apply only when asked, and each is listed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.io.fieldwork import (
    PROBLEM_COLUMNS,
    DutyList,
    NameGenerator,
    Problem,
    Roster,
    SignIn,
    did_you_mean,
    locate,
    alias,
    read_duty_list,
    read_name_generator,
    read_roster,
    read_sheet,
    read_signin,
)
from govnet.model.network import Network
from govnet.model.validation import TRUE_WORDS, FALSE_WORDS, canonical_relation
from govnet.model.vocab import KINDS, RELATIONS, TIERS, normalize_tier

__all__ = ["check", "CheckReport"]

_KIND_OF_LABEL = {info.zh: key for key, info in KINDS.items()}


@dataclass(frozen=True)
class CheckReport:
    """Result of :func:`check`.

    Attributes
    ----------
    problems : DataFrame
        Every problem found (columns severity, file, sheet, row, column,
        problem, value, suggestion, default), errors first.
    network : Network or None
        The network built with the defaults listed, or None when there are
        errors (fix them, or call :meth:`raise_for_errors` to see them as one
        exception).
    roster, name_generator, duty_list, signin :
        What the readers read (None when not given); ``duty_list.catalogue``
        keeps uncovered duties.
    options : dict
        The options in force (fill_weight, tier_from_kind, aliases, ...).
    """

    problems: pd.DataFrame
    network: Network | None
    roster: Roster | None
    name_generator: NameGenerator | None
    duty_list: DutyList | None
    signin: SignIn | None
    options: dict

    @property
    def ok(self) -> bool:
        """No error (warnings and notes allowed): the network was built."""
        return self.network is not None

    def count(self, severity: str) -> int:
        return int((self.problems["severity"] == severity).sum())

    def raise_for_errors(self) -> None:
        """Raise :class:`InvalidNetworkError` listing every error, if any."""
        errs = self.problems[self.problems["severity"] == "error"]
        if len(errs):
            lines = [Problem(**cast(dict[str, Any], {str(k): (None if k == "row" and pd.isna(v) else v)
                                                    for k, v in r.items()})).message()
                     for r in errs.to_dict("records")]
            raise InvalidNetworkError(f"{len(errs)} error(s) in the input:\n  " + "\n  ".join(lines))

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """The problem table as CSV (UTF-8 with BOM, so Excel shows Chinese)."""
        self.problems.to_csv(path, index=False, encoding="utf-8-sig")

    def __repr__(self) -> str:
        head = (f"CheckReport: {self.count('error')} error(s), {self.count('warning')} warning(s), "
                f"{self.count('note')} note(s); ")
        head += (f"network built: {self.network!r}" if self.network is not None
                 else "network not built (fix the errors)")
        if not len(self.problems):
            return head
        shown = self.problems[self.problems["severity"] != "note"]
        notes = self.problems[self.problems["severity"] == "note"]
        text = head
        if len(shown):
            show = shown.drop(columns=["file"]).copy()
            show["row"] = show["row"].map(lambda r: "" if pd.isna(r) else str(int(r)))
            with pd.option_context("display.max_colwidth", 70, "display.width", 250):
                text += "\n" + show.to_string(index=False, max_rows=60)
        if len(notes):
            counts = notes["problem"].value_counts(sort=False)
            text += "\nnotes (all in .problems): " + "; ".join(
                f"{k} x{v}" for k, v in counts.items())
        return text

    def _repr_html_(self) -> str:
        return (f"<div><strong>Cleaning report</strong>: {self.count('error')} error(s), "
                f"{self.count('warning')} warning(s), {self.count('note')} note(s)"
                f"{self.problems.to_html(index=False, na_rep='')}</div>")


def _looks_like_path(s: str) -> bool:
    return s.lower().endswith((".csv", ".xlsx", ".xlsm", ".xls", ".txt")) or os.sep in s


def _part(part: Any, source: Any) -> tuple[Any, str | int | None, dict[str, Any]] | None:
    """(file or frame, sheet, reader options) of one table argument of check()."""
    if part is None:
        return None
    if isinstance(part, pd.DataFrame):
        return part, None, {}
    if isinstance(part, Mapping):
        opts = dict(part)
        file = opts.pop("file", source)
        sheet = opts.pop("sheet", None)
        if file is None:
            raise InvalidParameterError(f"{opts}: give 'file' or check(source, ...)")
        return file, sheet, opts
    if isinstance(part, (str, os.PathLike)):
        s = os.fspath(part)
        if source is not None and not _looks_like_path(s):
            return source, s, {}
        return s, None, {}
    if isinstance(part, int) and source is not None:
        return source, part, {}
    raise TypeError(f"a table is a sheet name, a path, a DataFrame or a dict of options, "
                    f"got {type(part).__name__}")


def _add(problems: list[Problem], severity: str, frame: pd.DataFrame, row: int | None, column: str,
         problem: str, value: str = "", suggestion: str = "", default: str = "") -> None:
    problems.append(Problem(severity, **locate(frame, row, column), problem=problem, value=value,
                            suggestion=suggestion, default=default))


def _actors(frame: pd.DataFrame, tier_from_kind: bool, problems: list[Problem],
            aliases: Mapping[str, str] | None) -> pd.DataFrame:
    if "id" not in frame.columns:
        raise InvalidNetworkError(
            f"{frame.attrs.get('file', '')} sheet {frame.attrs.get('sheet', '')}: the actors table "
            f"has no 'id' column; columns: {list(frame.columns)} (map it: columns={{'组织名称': 'id'}})")
    out = frame.copy()
    out["_row"] = np.arange(len(out))
    seen: dict[str, int] = {}
    kinds_noted: set[str] = set()
    keep = []
    for i in range(len(out)):
        a = alias(out["id"].iloc[i], aliases)
        out.loc[i, "id"] = a
        if a == "":
            if any(out[c].iloc[i] != "" for c in out.columns):
                _add(problems, "error", frame, i, "id", "blank actor id", default="refused")
            continue
        if a in seen:
            _add(problems, "error", frame, i, "id", "duplicate actor id", a,
                 f"first given in row {seen[a] + 2}", "refused")
            continue
        seen[a] = i
        keep.append(i)
        kind = out["kind"].iloc[i] if "kind" in out.columns else ""
        if kind in _KIND_OF_LABEL:
            out.loc[i, "kind"] = _KIND_OF_LABEL[kind]
            if kind not in kinds_noted:
                kinds_noted.add(kind)
                _add(problems, "note", frame, i, "kind", "kind label", kind,
                     f"read as the built-in kind {_KIND_OF_LABEL[kind]!r}", "converted")
            kind = _KIND_OF_LABEL[kind]
        tier = out["tier"].iloc[i] if "tier" in out.columns else ""
        if tier == "":
            usual = KINDS[kind].usual_tier if kind in KINDS else None
            if tier_from_kind and usual is not None:
                out.loc[i, "tier"] = usual
                _add(problems, "warning", frame, i, "tier", "blank tier", "",
                     f"kind {kind!r} -> tier {usual!r}", f"tier_from_kind=True: {usual}")
            else:
                hint = (f"pass tier_from_kind=True to use kind {kind!r}'s usual tier {usual!r}"
                        if usual else "give the tier (core, support, plural, external)")
                _add(problems, "error", frame, i, "tier", "blank tier", "", hint, "refused")
        elif normalize_tier(tier) is None:
            _add(problems, "error", frame, i, "tier", "unknown tier", tier,
                 did_you_mean(tier, list(TIERS)) or f"expected one of {list(TIERS)}", "refused")
    if "tier" not in out.columns:
        out["tier"] = ""
    out = out.iloc[keep].reset_index(drop=True)
    return out


def _ties(frame: pd.DataFrame, known: pd.Index, fill_weight: float | None,
          problems: list[Problem], aliases: Mapping[str, str] | None) -> pd.DataFrame:
    for c in ("source", "target"):
        if c not in frame.columns:
            raise InvalidNetworkError(
                f"{frame.attrs.get('file', '')} sheet {frame.attrs.get('sheet', '')}: the ties table "
                f"has no {c!r} column; columns: {list(frame.columns)} "
                f"(map it: columns={{'来源': 'source', '去向': 'target'}})")
    rows = []
    for i in range(len(frame)):
        s, t = alias(frame["source"].iloc[i], aliases), alias(frame["target"].iloc[i], aliases)
        if s == "" and t == "":
            continue
        ok = True
        for c, v in (("source", s), ("target", t)):
            if v == "":
                _add(problems, "error", frame, i, c, f"blank {c}", default="refused")
                ok = False
            elif v not in known:
                _add(problems, "error", frame, i, c, "unknown name", v, did_you_mean(v, known),
                     f"refused: fix the name or pass aliases={{{v!r}: ...}}")
                ok = False
        rel = frame["relation"].iloc[i] if "relation" in frame.columns else ""
        if rel == "":
            rel = "tie"
        raw = frame["weight"].iloc[i] if "weight" in frame.columns else "1"
        if raw == "":
            if fill_weight is None:
                _add(problems, "error", frame, i, "weight", "blank weight", "",
                     "give the weight, or pass fill_weight=1 to read blanks as 1", "refused")
                ok = False
                w = float("nan")
            else:
                w = float(fill_weight)
                _add(problems, "warning", frame, i, "weight", "blank weight", "", "",
                     f"fill_weight={fill_weight!r}: filled with {fill_weight!r}")
        else:
            try:
                w = float(raw)
            except ValueError:
                w = float("nan")
            if not (w >= 0 and w != float("inf")):
                _add(problems, "error", frame, i, "weight", "bad weight", raw,
                     "a weight is a number >= 0", "refused")
                ok = False
        if s == t and ok:
            _add(problems, "warning", frame, i, "target", "self-loop", s, "", "dropped (self_loops=None)")
            continue
        row = {"source": s, "target": t, "relation": rel, "weight": w, "_row": i, "_ok": ok}
        if "directed" in frame.columns:
            row["directed"] = frame["directed"].iloc[i]
        rows.append(row)
    return pd.DataFrame(rows, columns=["source", "target", "relation", "weight", "_row", "_ok"]
                        + (["directed"] if "directed" in frame.columns else []))


def _direction(rel: str, directed: Any, column: pd.Series | None) -> bool | None:
    if isinstance(directed, bool):
        return directed
    if isinstance(directed, Mapping) and rel in directed:
        return bool(directed[rel])
    if column is not None:
        vals = {str(v).strip().lower() for v in column if str(v).strip() != ""}
        if vals and vals <= TRUE_WORDS:
            return True
        if vals and vals <= FALSE_WORDS:
            return False
    info = RELATIONS.get(canonical_relation(rel))
    return None if info is None else info.directed


def check(source: Any = None, *, actors: Any = None, ties: Any = None, roster: Any = None,
          name_generator: Any = None, duties: Any = None, signin: Any = None,
          columns: Mapping[str, str] | None = None, directed: bool | Mapping[str, bool] | None = None,
          fill_weight: float | None = None, tier_from_kind: bool = False,
          aliases: Mapping[str, str] | None = None, duplicates: str | None = None,
          self_loops: str | None = None) -> CheckReport:
    """Read a fieldwork workbook (or separate files), list every problem at once,
    and build the network when nothing blocks it.

    Parameters
    ----------
    source : path, optional
        A workbook (``.xlsx``) or CSV; the table arguments may then be sheet names.
    actors : sheet, path, DataFrame or dict
        Actors: ``id`` and ``tier`` (core / support / plural / external or 一核 /
        支撑 / 多元 / 外部), optional ``kind`` (a built-in kind or its Chinese
        label, e.g. 居委会), ``name``, ``name_en``, other columns kept. Without
        an actors table the actors are the names met (a roster's columns, a
        name generator's egos and alters), with the alters' ``tier`` and
        ``kind`` from the name generator, else tier ``plural`` (a note says so).
    ties : sheet, path, DataFrame or dict
        Ties: ``source``, ``target``, optional ``relation``, ``weight``, ``directed``.
    roster, name_generator, duties, signin : sheet, path, DataFrame or dict
        Tables in the fieldwork layouts of :mod:`govnet.io.fieldwork`. A dict
        gives the reader's options: ``{"sheet": "签到", "rows": "actor"}``,
        ``{"sheet": "花名册", "relation": "工作往来"}``; ``"file"`` another file.
    columns : mapping
        File header -> govnet name, applied to every table (a dict entry
        ``"columns"`` adds to it for one table).
    directed : bool or mapping
        Direction of relations that are not built in (a roster's and a name
        generator's layer are directed: who reports whom).
    fill_weight : float, optional
        Read a blank tie weight as this value (listed per cell); default: a
        blank weight is an error.
    tier_from_kind : bool
        Give an actor with a blank tier its kind's usual tier (listed per
        actor); default: a blank tier is an error.
    aliases : mapping
        Corrections of misspelt names, ``{"written": "actor id"}``, applied
        everywhere.
    duplicates, self_loops :
        As :meth:`Network.from_frames` (the report lists what they do).

    Returns
    -------
    CheckReport
        ``problems`` (every problem, with file, sheet, row, column, value, a
        suggestion and what the default does) and ``network`` (None if any
        error).

    Examples
    --------
    >>> import govnet
    >>> book = govnet.datasets.example_workbook()  # synthetic, messy on purpose
    >>> cols = {"组织名称": "id", "类型": "kind", "层级": "tier", "来源": "source",
    ...         "去向": "target", "关系": "relation", "强度": "weight"}
    >>> r = govnet.check(book, actors="组织名录", ties="联系", columns=cols)
    >>> r.count("error"), r.problems.loc[r.problems.problem == "unknown name", "suggestion"].iloc[0]
    (5, 'did you mean 桂园社区工作站?')
    >>> r = govnet.check(book, actors="组织名录", ties="联系", columns=cols, fill_weight=1,
    ...                  tier_from_kind=True, aliases={"桂园社区工做站": "桂园社区工作站"})
    >>> r.ok, len(r.network)
    (True, 25)
    """
    if fill_weight is not None and not (isinstance(fill_weight, (int, float)) and fill_weight >= 0):
        raise InvalidParameterError(f"fill_weight must be a number >= 0, got {fill_weight!r}")
    if not isinstance(tier_from_kind, bool):
        raise TypeError(f"tier_from_kind must be True or False, got {type(tier_from_kind).__name__}")
    problems: list[Problem] = []
    base_columns = dict(columns or {})

    def table(part: Any, what: str) -> tuple[pd.DataFrame | Any, dict[str, Any]] | None:
        spec = _part(part, source)
        if spec is None:
            return None
        file, sheet, opts = spec
        cols = {**base_columns, **opts.pop("columns", {})}
        return (file, sheet, cols), opts

    a_spec = table(actors, "actors")
    actor_frame = None
    if a_spec is not None:
        (file, sheet, cols), _ = a_spec
        raw = read_sheet(file, sheet=sheet, columns=cols, what="actors")
        actor_frame = _actors(raw, tier_from_kind, problems, aliases)
    known = pd.Index(actor_frame["id"]) if actor_frame is not None else None

    roster_data = None
    r_spec = table(roster, "roster")
    if r_spec is not None:
        (file, sheet, cols), opts = r_spec
        roster_data = read_roster(file, sheet=sheet, columns=cols, actors=known, aliases=aliases,
                                  problems=problems, **opts)
    ng_data = None
    n_spec = table(name_generator, "name generator")
    if n_spec is not None:
        (file, sheet, cols), opts = n_spec
        ng_data = read_name_generator(file, sheet=sheet, columns=cols, actors=known,
                                      aliases=aliases, problems=problems, **opts)
    if known is None:  # no actors table: every name met, tier from the alters or plural
        problems.append(Problem("note", "", "", None, "", "no actors table", "", "",
                                "actors are the names met; tier from the name generator's "
                                "alters, else plural"))
        names: list[str] = []
        if roster_data is not None:
            names += roster_data.organisations
        if ng_data is not None:
            names += list(ng_data.ties["source"]) + list(ng_data.ties["target"])
        known = pd.Index(list(dict.fromkeys(names)))

    tie_frame = pd.DataFrame(columns=["source", "target", "relation", "weight", "_row", "_ok"])
    t_raw = None
    t_spec = table(ties, "ties")
    if t_spec is not None:
        (file, sheet, cols), _ = t_spec
        t_raw = read_sheet(file, sheet=sheet, columns=cols, what="ties")
        tie_frame = _ties(t_raw, known, fill_weight, problems, aliases)

    dl = None
    d_spec = table(duties, "duties")
    if d_spec is not None:
        (file, sheet, cols), opts = d_spec
        dl = read_duty_list(file, sheet=sheet, columns=cols, actors=known, aliases=aliases,
                            problems=problems, **opts)
    si = None
    s_spec = table(signin, "sign-in")
    if s_spec is not None:
        (file, sheet, cols), opts = s_spec
        si = read_signin(file, sheet=sheet, columns=cols, actors=known, aliases=aliases,
                         problems=problems, **opts)

    # relation directions
    specs: dict[str, bool] = {}
    if t_raw is not None and len(tie_frame):
        for rel, grp in tie_frame.groupby("relation", sort=False):
            col = grp["directed"] if "directed" in grp.columns else None
            d = _direction(str(rel), directed, col)
            if d is None:
                first = int(grp["_row"].iloc[0])
                _add(problems, "error", t_raw, first, "relation", "undeclared relation direction",
                     str(rel), f"pass directed={{{str(rel)!r}: True}} (or False), or a 'directed' column",
                     "refused")
            else:
                specs[str(rel)] = d
        # duplicate ties
        for rel, grp in tie_frame.groupby("relation", sort=False):
            d = specs.get(str(rel), True)
            key = (grp["source"] + "\x00" + grp["target"] if d else
                   grp[["source", "target"]].min(axis=1) + "\x00" + grp[["source", "target"]].max(axis=1))
            dup = key.duplicated(keep="first")
            firsts = {k: int(r) for k, r in zip(key[~dup], grp["_row"][~dup])}
            for k, r in zip(key[dup], grp["_row"][dup]):
                what = {"sum": "weights summed", "max": "largest weight kept",
                        "raise": "refused", None: "weights summed (duplicates=None)"}[duplicates]
                _add(problems, "error" if duplicates == "raise" else "warning", t_raw, int(r),
                     "target", "duplicate tie", k.replace("\x00", " -> " if d else " -- "),
                     f"same tie as row {firsts[k] + 2}", what)
    # a survey's layers are directed (who reports whom) unless directed= says otherwise
    surveyed: list[str] = []
    if roster_data is not None:
        surveyed.append(roster_data.relation)
    if ng_data is not None and len(ng_data.ties):
        surveyed += [str(r) for r in ng_data.ties["relation"].unique()]
    for rel in surveyed:
        if rel not in specs:
            user = directed if isinstance(directed, bool) else (
                directed.get(rel) if isinstance(directed, Mapping) else None)
            specs[rel] = True if user is None else bool(user)

    # non-respondents and one-sided reports
    if roster_data is not None:
        sheet_frame = pd.DataFrame()
        r_file, r_sheet, _ = r_spec[0] if r_spec else (None, None, None)
        sheet_frame.attrs = {"file": os.path.basename(os.fspath(r_file)) if isinstance(
            r_file, (str, os.PathLike)) else "", "sheet": r_sheet if isinstance(r_sheet, str) else ""}
        rcol = roster_data.ties.attrs.get("respondent_header", "")
        for who in roster_data.nonrespondents:
            k = int((roster_data.missing["source"] == who).sum())
            r0 = roster_data.nonrespondent_rows.get(who)
            _add(problems, "warning", sheet_frame, None if r0 is None else r0 - 2,
                 rcol if r0 is not None else "", "non-respondent", who,
                 "govnet.symmetrize(net, relation, 'either') reads the others' reports of it",
                 f"its {k} dyads in {roster_data.relation!r} are missing (neither ties nor non-ties); "
                 f"measures refuse the layer until imputed or symmetrised")
        _one_sided(roster_data.ties, set(roster_data.respondents), sheet_frame, problems)
    if ng_data is not None:
        sheet_frame = pd.DataFrame()
        n_file, n_sheet, _ = n_spec[0] if n_spec else (None, None, None)
        sheet_frame.attrs = {"file": os.path.basename(os.fspath(n_file)) if isinstance(
            n_file, (str, os.PathLike)) else "", "sheet": n_sheet if isinstance(n_sheet, str) else ""}
        _one_sided(ng_data.ties, set(ng_data.egos), sheet_frame, problems)
    if dl is not None and d_spec is not None:
        d_file, d_sheet, _ = d_spec[0]
        where = pd.DataFrame()
        where.attrs = {"file": os.path.basename(os.fspath(d_file)) if isinstance(
            d_file, (str, os.PathLike)) else "", "sheet": d_sheet if isinstance(d_sheet, str) else ""}
        rows_of = dict(zip(dl.catalogue["duty"], dl.catalogue["row"]))
        for duty_name in dl.uncovered:
            _add(problems, "note", where, int(rows_of[duty_name]) - 2, "duty", "uncovered duty",
                 duty_name, "no lead or assist holder",
                 "kept in the duty catalogue (DutyList.catalogue) as uncovered")

    # actors without ties
    pieces = [tie_frame[["source", "target"]]]
    for data in (roster_data, ng_data):
        if data is not None:
            pieces.append(data.ties[["source", "target"]])
    tied = set(pd.concat(pieces)["source"]) | set(pd.concat(pieces)["target"])
    if actor_frame is not None:
        for r, a in zip(actor_frame["_row"], actor_frame["id"]):
            if a not in tied:
                problems.append(Problem("note", **locate(raw, int(r), "id"), problem="actor without ties",
                                        value=a, default="kept (an isolate)"))

    if roster_data is not None and not specs.get(roster_data.relation, True):
        problems.append(Problem(
            "warning", "", "", None, "", "roster declared undirected", roster_data.relation,
            "govnet.symmetrize names the rule instead",
            "a tie reported by either side is a tie; a non-respondent's other dyads stay missing"))
    order = {"error": 0, "warning": 1, "note": 2}
    prob = pd.DataFrame([p.__dict__ for p in problems], columns=PROBLEM_COLUMNS)
    prob["row"] = prob["row"].astype("Int64")
    prob = prob.sort_values("severity", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    options = {"fill_weight": fill_weight, "tier_from_kind": tier_from_kind,
               "aliases": dict(aliases or {}), "duplicates": duplicates, "self_loops": self_loops,
               "directed": specs}
    net = None
    if not (prob["severity"] == "error").any():
        net = _build(actor_frame, known, tie_frame, roster_data, ng_data, dl, si, specs,
                     duplicates, self_loops, source)

    return CheckReport(prob, net, roster_data, ng_data, dl, si, options)


def _one_sided(ties: pd.DataFrame, respondents: set[str], frame: pd.DataFrame,
               problems: list[Problem]) -> None:
    pairs = set(zip(ties["source"], ties["target"]))
    for s, t, r, c in zip(ties["source"], ties["target"], ties["row"],
                          ties["column"] if "column" in ties.columns else ["target"] * len(ties)):
        if t in respondents and (t, s) not in pairs:
            problems.append(Problem("note", frame.attrs.get("file", ""), frame.attrs.get("sheet", ""),
                                    int(r), str(c), "reported by one side only", f"{s} -> {t}",
                                    f"{t} did not report {s}",
                                    "kept as reported (one arc); govnet.symmetrize decides"))


def _build(actor_frame: pd.DataFrame | None, known: pd.Index, tie_frame: pd.DataFrame,
           roster: Roster | None, ng: NameGenerator | None, dl: DutyList | None, si: SignIn | None,
           specs: dict[str, bool], duplicates: str | None, self_loops: str | None,
           source: Any) -> Network:
    if actor_frame is None:  # no actors table: tier and kind from the name generator's alters
        actor_frame = pd.DataFrame({"id": list(known)})
        if ng is not None and len(ng.alters):
            attrs = ng.alters.set_index("id")
            for c in attrs.columns:
                actor_frame[c] = actor_frame["id"].map(attrs[c]).fillna("").to_numpy()
        if "tier" not in actor_frame.columns:
            actor_frame["tier"] = ""
        actor_frame["tier"] = actor_frame["tier"].where(actor_frame["tier"] != "", "plural")
    actor_frame = actor_frame.drop(columns=[c for c in ("_row",) if c in actor_frame.columns])
    actors = actor_frame.replace({"": None})
    actors["id"] = actor_frame["id"]
    parts = [tie_frame.drop(columns=[c for c in ("_row", "_ok", "directed") if c in tie_frame.columns])]
    if roster is not None:
        parts.append(roster.ties[["source", "target", "relation", "weight"]])
    if ng is not None:
        parts.append(ng.ties[["source", "target", "relation", "weight"]])
    ties = pd.concat([p for p in parts if len(p)] or [parts[0]], ignore_index=True)
    missing = roster.missing if roster is not None and len(roster.missing) else None
    if missing is not None and roster is not None and not specs.get(roster.relation, True):
        # one row covers both orders: a pair the other side reported is a tie, not missing
        tied = {frozenset(p) for p in zip(roster.ties["source"], roster.ties["target"])}
        keep = [frozenset(p) not in tied for p in zip(missing["source"], missing["target"])]
        missing = missing[keep]
        missing = missing[~pd.Series([frozenset(p) for p in zip(missing["source"], missing["target"])],
                                     index=missing.index).duplicated()]
    meta: dict[str, Any] = {}
    if isinstance(source, (str, os.PathLike)):
        meta["name"] = os.path.splitext(os.path.basename(os.fspath(source)))[0]
    return Network.from_frames(
        actors, ties, dl.duties if dl is not None and len(dl.duties) else None,
        meetings=si.meetings if si is not None and len(si.meetings) else None,
        directed=specs or None, duplicates=duplicates or "sum", self_loops=self_loops or "drop",
        missing=missing, meta=meta or None)
