"""Tables for a paper: any result as LaTeX (booktabs), Word (.docx) or Markdown.

:func:`paper_table` turns a result into a :class:`PaperTable` — formatted
cells, a caption and notes — which writes itself as LaTeX
(:meth:`PaperTable.to_latex`), Markdown (:meth:`PaperTable.to_markdown`) or
Word (:meth:`PaperTable.to_docx`); :func:`to_latex`, :func:`to_markdown` and
:func:`to_docx` do both steps. What it accepts:

* a pandas ``DataFrame`` or ``Series`` (a per-actor measure, a table of
  centralities, a duty summary...): one row per row;
* a result object with a ``table`` DataFrame (``MRQAPResult``...): that
  table, with the result's scalar fields (observations, R², permutations,
  seed...) as a note;
* any other result object (a frozen dataclass: ``QAPResult``, ``EIResult``,
  ``PermutationTestResult``, ``DutyNullResult``, ``CoreProfile``,
  ``KrackhardtHierarchy``...): one row per scalar field (name, value); fields
  holding arrays or tables are left out and named in a note.

Conventions (journal style, all configurable):

* **Significance stars** on the estimate of a row whose p-value is below a
  threshold: ``*`` p < .05, ``**`` p < .01, ``***`` p < .001 by default
  (``stars=``; ``stars=None`` for none). The p-value column is found by name
  (``p_two_sided``, then ``p``, ``p_value``, ``pvalue``, ``p_greater``,
  ``p_less``) or given as ``p=``; the stars go on the first numeric column
  that is not a p-value (e.g. ``coef``), or ``star_column=``. A note states
  the thresholds and the p-value used.
* **Numbers**: ``digits`` decimals (default 3) for floats, integers as they
  are, p-values as ``.012`` / ``<.001``, NaN as an en dash.
* **Notes**: ``notes=`` lines, ``layers=`` (the relation layers used,
  stated as "Layers: ..."), then the automatic ones.

LaTeX needs ``\\usepackage{booktabs}``; Chinese text needs XeLaTeX with
``xeCJK`` or ``ctex`` (a comment in the output says so). The Word table is a
three-line table (rules above and below the header and at the bottom) with
a Latin font and an East Asian font (``w:eastAsia``, default SimSun 宋体) on
every run, so Chinese cells do not fall back to a Japanese face.

Examples
--------
>>> import govnet
>>> net = govnet.datasets.nanshan()
>>> table = govnet.publish.paper_table(govnet.degree_centrality(net, relation="leadership"),
...                                    caption="Degree centrality", layers="leadership")
>>> for line in table.to_markdown().splitlines()[:5]:
...     print(line)
**Degree centrality**
<BLANKLINE>
| id | degree_centrality |
|:---|---:|
| party_committee | 0.667 |
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidParameterError

__all__ = ["PaperTable", "paper_table", "to_latex", "to_markdown", "to_docx", "STARS",
           "P_COLUMNS"]

#: Default significance stars: (threshold, mark), the strictest first.
STARS: tuple[tuple[float, str], ...] = ((0.001, "***"), (0.01, "**"), (0.05, "*"))

#: Column or field names read as p-values, in order of preference.
P_COLUMNS = ("p_two_sided", "p", "p_value", "pvalue", "p_greater", "p_less")


@dataclass(frozen=True, eq=False)  # pandas field: compare by identity
class PaperTable:
    """A table ready for a paper: cells as text, marks, caption and notes.

    ``cells`` holds the formatted text of every cell (the row labels in its
    index when ``index`` is true); ``stars`` the significance marks of each
    row ('' for none), shown after the cell of ``star_column``.
    """

    cells: pd.DataFrame = field(repr=False)
    caption: str = ""
    notes: tuple[str, ...] = ()
    index: bool = True
    index_label: str = ""
    star_column: str | None = None
    stars: tuple[str, ...] = ()
    label: str = ""

    def __repr__(self) -> str:
        return f"PaperTable({self.caption!r}, {self.cells.shape[0]} rows x {self.cells.shape[1]} columns)"

    # --- rows as text ----------------------------------------------------------------
    def header(self) -> list[str]:
        return ([self.index_label] if self.index else []) + [str(c) for c in self.cells.columns]

    def rows(self, star: str = "{cell}{mark}") -> list[list[str]]:
        """Every row's cells, with the stars joined by the pattern ``star``."""
        out = []
        for k, (label, row) in enumerate(self.cells.iterrows()):
            cells = [str(v) for v in row]
            if self.star_column is not None and self.stars and self.stars[k]:
                j = list(self.cells.columns).index(self.star_column)
                cells[j] = star.format(cell=cells[j], mark=self.stars[k])
            out.append(([str(label)] if self.index else []) + cells)
        return out

    def _aligns(self) -> list[str]:
        def numeric(col: str) -> bool:
            vals = [v for v in self.cells[col] if v not in ("", "–")]
            return bool(vals) and all(_looks_numeric(v) for v in vals)

        return (["l"] if self.index else []) + ["r" if numeric(c) else "l" for c in self.cells.columns]

    # --- writers ---------------------------------------------------------------------
    def to_latex(self, path: str | os.PathLike[str] | None = None, *, float_env: bool = True) -> str:
        """A booktabs table (``\\toprule``, ``\\midrule``, ``\\bottomrule``) in a
        ``table`` environment with caption and notes (``float_env=False``: the
        ``tabular`` and the notes only). Written to ``path`` too if given."""
        lines = []
        text = " ".join(self.header() + [c for r in self.rows() for c in r] + list(self.notes))
        if _has_cjk(text + self.caption):
            lines.append("% Chinese text: compile with XeLaTeX and \\usepackage{xeCJK} (or ctex)")
        lines.append("% needs \\usepackage{booktabs}")
        if float_env:
            lines += ["\\begin{table}[htbp]", "\\centering"]
            if self.caption:
                lines.append(f"\\caption{{{_tex(self.caption)}}}")
            if self.label:
                lines.append(f"\\label{{{self.label}}}")
        lines.append(f"\\begin{{tabular}}{{{''.join(self._aligns())}}}")
        lines.append("\\toprule")
        lines.append(" & ".join(_tex(h) for h in self.header()) + " \\\\")
        lines.append("\\midrule")
        for row in self.rows(star="\x00{cell}\x01{mark}\x02"):
            lines.append(" & ".join(_tex_cell(c) for c in row) + " \\\\")
        lines.append("\\bottomrule")
        lines.append("\\end{tabular}")
        if self.notes:
            lines.append("\\par\\smallskip{\\footnotesize " + " ".join(
                ("\\textit{Note.} " if i == 0 else "") + _tex(n) for i, n in enumerate(self.notes))
                + "}")
        if float_env:
            lines.append("\\end{table}")
        out = "\n".join(lines) + "\n"
        if path is not None:
            Path(path).write_text(out, encoding="utf-8")
        return out

    def to_markdown(self, path: str | os.PathLike[str] | None = None) -> str:
        """A pipe table (GitHub / pandoc), caption above in bold, notes below;
        stars escaped (``\\*``) so they are not read as emphasis."""
        def md(s: str) -> str:
            return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ")

        lines = []
        if self.caption:
            lines += [f"**{md(self.caption)}**", ""]
        lines.append("| " + " | ".join(md(h) for h in self.header()) + " |")
        lines.append("|" + "|".join("---:" if a == "r" else ":---" for a in self._aligns()) + "|")
        for row in self.rows():
            lines.append("| " + " | ".join(md(c) for c in row) + " |")
        if self.notes:
            lines += ["", "*Note.* " + " ".join(md(n) for n in self.notes)]
        out = "\n".join(lines) + "\n"
        if path is not None:
            Path(path).write_text(out, encoding="utf-8")
        return out

    def to_docx(self, path: str | os.PathLike[str] | None = None, *, document: Any = None,
                font: str = "Times New Roman", east_asian_font: str = "SimSun",
                size: float = 10.5) -> Any:
        """Add the table to a Word document (python-docx; ``pip install 'govnet[publish]'``).

        Caption above, a three-line table, notes below, every run in ``font``
        with ``east_asian_font`` (``w:eastAsia``) for Chinese. Adds to
        ``document`` if given, else to a new one; saves to ``path`` if given.
        Returns the ``docx.Document``.
        """
        try:
            import docx
            from docx.enum.text import WD_ALIGN_PARAGRAPH
            from docx.shared import Pt
        except ImportError as exc:
            raise ImportError("Word export needs python-docx: pip install 'govnet[publish]' "
                              "(or pip install python-docx)") from exc
        doc = document if document is not None else docx.Document()

        def styled(run: Any, *, bold: bool = False, italic: bool = False, pt: float = size) -> None:
            run.font.name = font
            run.font.size = Pt(pt)
            run.bold = bold
            run.italic = italic
            _east_asian(run, east_asian_font)

        if self.caption:
            p = doc.add_paragraph()
            styled(p.add_run(self.caption), bold=True)
        header, rows = self.header(), self.rows()
        aligns = self._aligns()
        table = doc.add_table(rows=1 + len(rows), cols=len(header))
        for i, cells in enumerate([header, *rows]):
            for j, text in enumerate(cells):
                cell = table.cell(i, j)
                par = cell.paragraphs[0]
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT if aligns[j] == "r" and i else (
                    WD_ALIGN_PARAGRAPH.CENTER if i == 0 else WD_ALIGN_PARAGRAPH.LEFT)
                styled(par.add_run(text), bold=False)
                edges = {}
                if i == 0:
                    edges = {"top": 12, "bottom": 6}
                if i == len(rows):
                    edges["bottom"] = 12
                if edges:
                    _cell_borders(cell, edges)
        for k, note in enumerate(self.notes):
            p = doc.add_paragraph()
            if k == 0:
                styled(p.add_run("Note. "), italic=True, pt=size - 1.5)
            styled(p.add_run(note), pt=size - 1.5)
        if path is not None:
            doc.save(os.fspath(path))
        return doc

    def to_frame(self) -> pd.DataFrame:
        """The formatted cells with the stars joined, as a DataFrame of text."""
        return pd.DataFrame(self.rows(), columns=self.header())

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in self.header())
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in self.rows())
        cap = f"<caption>{escape(self.caption)}</caption>" if self.caption else ""
        notes = "".join(f"<p><small>{escape(n)}</small></p>" for n in self.notes)
        return f"<div><table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}</div>"


# --- building a PaperTable -----------------------------------------------------------

def paper_table(obj: Any, *, caption: str = "", notes: Sequence[str] | str = (),
                layers: str | Sequence[str] | None = None, p: str | None = None,
                stars: Sequence[tuple[float, str]] | Mapping[float, str] | None = STARS,
                star_column: str | None = None, digits: int = 3, index: bool | None = None,
                columns: Sequence[str] | Mapping[str, str] | None = None,
                label: str = "") -> PaperTable:
    """A :class:`PaperTable` of a DataFrame, a Series or a result object.

    Parameters
    ----------
    obj : DataFrame, Series, or a result dataclass (see the module docstring)
    caption, label : str
        The table's caption and (LaTeX) label.
    notes : str or list of str
        Notes under the table, before the automatic ones.
    layers : str or list of str, optional
        The relation layers the result was computed on: a note "Layers: ...".
    p : str, optional
        The p-value column (default: the first of :data:`P_COLUMNS` present).
    stars : sequence of (threshold, mark), a {threshold: mark} dict, or None
        Marks for p below a threshold (strict ``<``), the strictest matching
        one per row. Default :data:`STARS`; None: no stars and no star note.
    star_column : str, optional
        The column the stars follow (default: the first numeric column that
        is not a p-value).
    digits : int
        Decimals of floats (p-values: 3, and ``<.001``).
    index : bool, optional
        Show the row labels (default: yes, unless they are 0..n-1).
    columns : list of names or {name: shown name}, optional
        Which columns to show (in this order) and how to head them.
    """
    if not isinstance(digits, (int, np.integer)) or isinstance(digits, bool) or not 0 <= digits <= 12:
        raise InvalidParameterError(f"digits must be an integer in [0, 12], got {digits!r}")
    marks = _check_stars(stars)
    auto_notes: list[str] = []
    frame, extra_notes = _as_frame(obj)
    if list(frame.columns) == ["value"] and frame.index.name == "statistic" and columns is None:
        return _fields_table(frame, caption=caption, notes=notes, layers=layers, p=p, marks=marks,
                             digits=digits, label=label, extra_notes=extra_notes)
    if columns is not None:
        names = list(columns) if not isinstance(columns, Mapping) else list(columns.keys())
        missing = [c for c in names if c not in frame.columns]
        if missing:
            raise InvalidParameterError(f"columns {missing} not in the table; columns: {list(frame.columns)}")
    pcol = p
    if pcol is not None and pcol not in frame.columns:
        raise InvalidParameterError(f"p={pcol!r} is not a column; columns: {list(frame.columns)}")
    if pcol is None:
        pcol = next((c for c in P_COLUMNS if c in frame.columns), None)
    if star_column is not None and star_column not in frame.columns:
        raise InvalidParameterError(f"star_column={star_column!r} is not a column; columns: "
                                    f"{list(frame.columns)}")
    if star_column is None and pcol is not None:
        pset = set(P_COLUMNS) | {pcol}
        star_column = next((str(c) for c in frame.columns if c not in pset
                            and pd.api.types.is_numeric_dtype(frame[c])
                            and not pd.api.types.is_bool_dtype(frame[c])), None)
    row_marks: tuple[str, ...] = ()
    if marks and pcol is not None and star_column is not None:
        pv = pd.to_numeric(frame[pcol], errors="coerce").to_numpy(dtype=float)
        row_marks = tuple(_mark(v, marks) for v in pv)
        thresholds = ", ".join(f"{m} p < {_p_text(t)}" for t, m in sorted(marks, key=lambda x: -x[0]))
        auto_notes.append(f"{thresholds} ({pcol}).")
    else:
        star_column = None
    if columns is not None:
        keep = list(columns) if not isinstance(columns, Mapping) else list(columns.keys())
        frame = frame[keep]
        if star_column is not None and star_column not in keep:
            star_column, row_marks = None, ()
            auto_notes = []
    if index is None:
        index = not (isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0
                     and frame.index.step == 1)
    cells = pd.DataFrame({c: [_cell(v, digits, is_p=(c == pcol or c in P_COLUMNS)) for v in frame[c]]
                          for c in frame.columns}, index=[_cell(i, digits) for i in frame.index])
    if isinstance(columns, Mapping):
        cells = cells.rename(columns={k: str(v) for k, v in columns.items()})
        if star_column is not None:
            star_column = str(columns[star_column])
    all_notes = _user_notes(notes, layers) + extra_notes + auto_notes
    return PaperTable(cells=cells, caption=caption, notes=tuple(all_notes), index=bool(index),
                      index_label=str(frame.index.name or ""), star_column=star_column,
                      stars=row_marks, label=label)


def _user_notes(notes: Sequence[str] | str, layers: str | Sequence[str] | None) -> list[str]:
    out = [notes] if isinstance(notes, str) else [str(n) for n in notes]
    if layers is not None:
        names = [layers] if isinstance(layers, str) else [str(x) for x in layers]
        pooled = " (pooled, weights summed)" if len(names) > 1 else ""
        out.append("Layers: " + ", ".join(names) + pooled + ".")
    return out


def _fields_table(frame: pd.DataFrame, *, caption: str, notes: Sequence[str] | str,
                  layers: str | Sequence[str] | None, p: str | None,
                  marks: list[tuple[float, str]], digits: int, label: str,
                  extra_notes: list[str]) -> PaperTable:
    """A result object's scalar fields, one per row: p-value fields formatted as
    p-values, the stars on the ``statistic`` row (from ``p`` or the first of
    :data:`P_COLUMNS` among the fields)."""
    names = [str(i) for i in frame.index]
    if p is not None and p not in names:
        raise InvalidParameterError(f"p={p!r} is not a field; fields: {names}")
    pname = p if p is not None else next((c for c in P_COLUMNS if c in names), None)
    values = frame["value"].tolist()
    cells = pd.DataFrame({"value": [_cell(v, digits, is_p=(n in P_COLUMNS or n == pname))
                                    for n, v in zip(names, values)]}, index=names)
    row_marks: tuple[str, ...] = ()
    star_column = None
    auto: list[str] = []
    if marks and pname is not None and "statistic" in names:
        pv = float(values[names.index(pname)])
        row_marks = tuple(_mark(pv, marks) if n == "statistic" else "" for n in names)
        star_column = "value"
        thresholds = ", ".join(f"{m} p < {_p_text(t)}" for t, m in sorted(marks, key=lambda x: -x[0]))
        auto.append(f"{thresholds} ({pname}).")
    return PaperTable(cells=cells, caption=caption,
                      notes=tuple(_user_notes(notes, layers) + extra_notes + auto), index=True,
                      index_label="statistic", star_column=star_column, stars=row_marks, label=label)


def to_latex(obj: Any, path: str | os.PathLike[str] | None = None, **options: Any) -> str:
    """``paper_table(obj, **options).to_latex(path)`` (``obj`` may be a PaperTable)."""
    return _table(obj, options).to_latex(path)


def to_markdown(obj: Any, path: str | os.PathLike[str] | None = None, **options: Any) -> str:
    """``paper_table(obj, **options).to_markdown(path)`` (``obj`` may be a PaperTable)."""
    return _table(obj, options).to_markdown(path)


def to_docx(obj: Any, path: str | os.PathLike[str] | None = None, *, document: Any = None,
            font: str = "Times New Roman", east_asian_font: str = "SimSun", **options: Any) -> Any:
    """``paper_table(obj, **options).to_docx(path, ...)``; returns the ``docx.Document``."""
    return _table(obj, options).to_docx(path, document=document, font=font,
                                        east_asian_font=east_asian_font)


# --- helpers ---------------------------------------------------------------------------

def _table(obj: Any, options: Mapping[str, Any]) -> PaperTable:
    if isinstance(obj, PaperTable):
        if options:
            raise InvalidParameterError(f"options {sorted(options)} apply when building the table: "
                                        "pass them to paper_table")
        return obj
    return paper_table(obj, **options)


_SCALARS = (int, float, str, bool, np.integer, np.floating, np.bool_)


def _as_frame(obj: Any) -> tuple[pd.DataFrame, list[str]]:
    if isinstance(obj, pd.DataFrame):
        return obj, []
    if isinstance(obj, pd.Series):
        return obj.to_frame(name=obj.name if obj.name is not None else "value"), []
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        scalars: dict[str, Any] = {}
        others: list[str] = []
        table = None
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if f.name == "table" and isinstance(v, pd.DataFrame):
                table = v
            elif isinstance(v, _SCALARS) or v is None:
                if v is not None and not (isinstance(v, (float, np.floating)) and math.isnan(v)):
                    scalars[f.name] = v
            elif isinstance(v, (list, tuple)) and all(isinstance(x, _SCALARS) for x in v) and len(v) <= 10:
                scalars[f.name] = ", ".join(str(x) for x in v)
            else:
                others.append(f.name)
        kind = type(obj).__name__
        if table is not None:
            stats = "; ".join(f"{k} = {_cell(v, 4)}" for k, v in scalars.items())
            return table, ([f"{kind}: {stats}."] if stats else [])
        notes = [f"{kind}; not shown: {', '.join(others)}."] if others else [f"{kind}."]
        frame = pd.DataFrame({"value": list(scalars.values())}, index=pd.Index(list(scalars), name="statistic"),
                             dtype=object)
        return frame, notes
    raise TypeError(f"paper_table takes a DataFrame, a Series or a govnet result object, got "
                    f"{type(obj).__name__}")


def _check_stars(stars: Any) -> list[tuple[float, str]]:
    if stars is None:
        return []
    items = list(stars.items()) if isinstance(stars, Mapping) else list(stars)
    out = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidParameterError(f"stars must be (threshold, mark) pairs or a {{threshold: mark}} "
                                        f"dict, got {item!r}")
        t, m = item
        if not isinstance(t, (int, float)) or isinstance(t, bool) or not 0 < t < 1:
            raise InvalidParameterError(f"a star threshold must be in (0, 1), got {t!r}")
        if not isinstance(m, str) or not m:
            raise InvalidParameterError(f"a star mark must be a non-empty string, got {m!r}")
        out.append((float(t), m))
    return sorted(out)


def _mark(p: float, marks: list[tuple[float, str]]) -> str:
    if math.isnan(p):
        return ""
    for t, m in marks:  # strictest first
        if p < t:
            return m
    return ""


def _p_text(p: float) -> str:
    return f"{p:g}".lstrip("0")


def _cell(v: Any, digits: int, *, is_p: bool = False) -> str:
    if v is None:
        return "–"
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        x = float(v)
        if math.isnan(x):
            return "–"
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        if is_p:
            return "<.001" if x < 0.001 else f"{x:.3f}".replace("0.", ".", 1) if x < 1 else "1.000"
        if x.is_integer() and abs(x) < 1e15 and digits == 0:
            return str(int(x))
        text = f"{x:.{digits}f}"
        return text.replace("-", "−") if text.startswith("-") else text
    return str(v)


def _looks_numeric(s: str) -> bool:
    t = s.replace("−", "-").replace("<", "").replace("∞", "1").rstrip("*")
    try:
        float(t)
    except ValueError:
        return False
    return True


def _has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
        "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
        "−": "$-$", "<": r"\textless{}", ">": r"\textgreater{}", "∞": r"$\infty$"}


def _tex(s: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in str(s))


def _tex_cell(s: str) -> str:
    # "\x00cell\x01mark\x02": the stars as a superscript
    if "\x00" in s:
        cell, rest = s[1:].split("\x01", 1)
        return _tex(cell) + "$^{" + _tex(rest.rstrip("\x02")) + "}$"
    return _tex(s)


def _east_asian(run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _cell_borders(cell: Any, edges: Mapping[str, int]) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._element.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = tcpr.makeelement(qn("w:tcBorders"), {})
        tcpr.append(borders)
    for edge, size in edges.items():
        el = borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "single", qn("w:sz"): str(size),
                                                   qn("w:space"): "0", qn("w:color"): "000000"})
        borders.append(el)
