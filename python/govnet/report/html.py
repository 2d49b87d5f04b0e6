"""A self-contained HTML report of a governance network, plus CSVs of every
node-level measure (``govnet analyze`` on the command line).

The report uses whatever measures the installed govnet offers (looked up by
name at call time): degree and betweenness always, and closeness, PageRank,
eigenvector centrality, brokerage, constraint, the core's profile and the duty
summary where present. Figures are embedded as base64 PNG and the interactive
view (:mod:`govnet.plot.interactive`) with its JavaScript inline, so the single
file opens in any browser offline.

Every table says which relation layers it was computed on (``relation=``);
duties and meetings have their own sections as tables (who leads and who
assists each duty, who attends each meeting, with the actors' names); ids and
names never wrap inside a word (CSS ``white-space: nowrap`` on the cells, a
wide table scrolls sideways instead of squeezing its columns), long text
columns wrap only at spaces and punctuation (``word-break: keep-all``) with a
minimum width.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from govnet import registry
from govnet._version import __version__
from govnet.errors import ConvergenceError, EmptyNetworkError
from govnet.model.access import Relation
from govnet.model.network import Network
from govnet.plot import figures as plot
from govnet.plot import interactive as interactive_view
from govnet.plot.export import save_figure
from govnet.publish import tables as publish

__all__ = ["write_report", "node_measures", "MEASURES", "duty_table", "meeting_table"]

#: The report's actor table: the registry's measures marked ``report``, then the
#: core's profile and the duty summary (see :mod:`govnet.registry`).
MEASURES = registry.names(report=True) + ["core_profile", "duty_summary"]


def node_measures(net: Network, *, relation: Relation = "all",
                  progress: Callable[[str], None] | None = None
                  ) -> tuple[pd.DataFrame, dict[str, Any], dict[str, str]]:
    """The report's measures (:data:`MEASURES`) on ``net``, on the layers ``relation``.

    Returns ``(table, graph_level, skipped)``: per-actor results as one
    DataFrame indexed by actor id (a DataFrame result contributes its columns,
    prefixed with the measure name), graph-level results by name, and the
    reason each skipped measure was skipped: only a measure that cannot run on
    this network (no core tier, no duty list, a power iteration that does not
    converge) is skipped, and the report lists it with the reason.
    """
    columns: dict[str, pd.Series] = {}
    graph_level: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    ids = net.actor_ids
    for name in MEASURES:
        m = registry.measure(name)
        if progress:
            progress(f"computing {name}")
        try:
            if m.reads == "duties":
                if net.duties is None:
                    skipped[name] = "the network has no duty list"
                    continue
                result = m(net)
            else:
                result = m(net, relation=relation)
        except (EmptyNetworkError, ConvergenceError) as exc:
            skipped[name] = f"{type(exc).__name__}: {exc}"
            continue
        per_actor = (isinstance(result, (pd.Series, pd.DataFrame)) and len(result) == len(ids)
                     and result.index.is_unique and set(result.index) == set(ids))
        if per_actor:
            result = result.reindex(ids)
        if per_actor and isinstance(result, pd.Series):
            columns[name] = result
        elif per_actor and isinstance(result, pd.DataFrame):
            for c in result.columns:
                columns[f"{name}.{c}" if str(c) != name else name] = result[c]
        else:
            graph_level[name] = result
    table = pd.DataFrame(columns, index=ids)
    return table, graph_level, skipped


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _table(frame: pd.DataFrame, *, index: bool = True, layers: str | None = None,
           text_columns: tuple[str, ...] = ()) -> str:
    """A formatted table in a sideways-scrolling box, with the layers it was computed
    on above it; ``text_columns`` (long text: names lists, labels) may wrap."""
    if text_columns:
        body = _text_table(frame, index=index, text_columns=text_columns)
    else:
        body = frame.to_html(index=index, float_format=lambda x: f"{x:.4g}", border=0,
                             classes="data", na_rep="–", escape=True)
        # text cells (names, tiers, kinds) left-aligned, numbers right-aligned
        body = _TD.sub(lambda m: m.group(0) if _NUMBER.fullmatch(m.group(1).strip())
                       else f'<td class="s">{m.group(1)}</td>', body)
    caption = f'<p class="layers">Layers: {html.escape(layers)}</p>' if layers is not None else ""
    return f'{caption}<div class="scroll">{body}</div>'


_TD = re.compile(r"<td>(.*?)</td>", re.S)
_NUMBER = re.compile(r"[-+−]?(\d[\d,]*\.?\d*|\.\d+)([eE][-+]?\d+)?%?|–|nan|inf|-inf|True|False|")


def _text_table(frame: pd.DataFrame, *, index: bool, text_columns: tuple[str, ...]) -> str:
    """A simple table whose ``text_columns`` cells have class ``text`` (may wrap)."""
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return "–" if v != v else f"{v:.4g}"
        return html.escape(str(v))

    cols = [str(c) for c in frame.columns]
    head = ("<th></th>" if index else "") + "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    rows = []
    for label, row in frame.iterrows():
        tds = "".join(f'<td class="text">{cell(v)}</td>' if c in text_columns else f"<td>{cell(v)}</td>"
                      for c, v in zip(cols, row))
        rows.append("<tr>" + (f"<th>{html.escape(str(label))}</th>" if index else "") + tds + "</tr>")
    return (f'<table class="data"><thead><tr>{head}</tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")


def _names(net: Network, ids: Any) -> str:
    actors = net.actors
    out = []
    for a in ids:
        name = actors.loc[a, "name"] if a in actors.index else a
        out.append(str(name) if isinstance(name, str) and name else str(a))
    return "、".join(out)


def duty_table(net: Network) -> pd.DataFrame | None:
    """One row per duty: its label and category where given, the lead and the
    assisting actors (names joined by 、) and the number of holders; None
    without a duty list."""
    d = net.duties
    if d is None or d.empty:
        return None
    rows = []
    role = d["role"].astype(str) if "role" in d.columns else pd.Series("", index=d.index)
    for duty, g in d.groupby("duty", sort=False):
        r = role.loc[g.index]
        row: dict[str, Any] = {"duty": duty}
        if "label" in g.columns:
            row["label"] = str(g["label"].iloc[0])
        if "category" in g.columns:
            row["category"] = str(g["category"].iloc[0])
        row["lead"] = _names(net, g["actor"][r == "lead"])
        row["assist"] = _names(net, g["actor"][r != "lead"])
        row["holders"] = int(g["actor"].nunique())
        rows.append(row)
    return pd.DataFrame(rows)


def meeting_table(net: Network) -> pd.DataFrame | None:
    """One row per meeting: its kind, the number of attending actors and their
    names (joined by 、); None without meetings."""
    m = net.meetings
    if m is None or m.empty:
        return None
    rows = []
    for meeting, g in m.groupby("meeting", sort=False):
        row: dict[str, Any] = {"meeting": meeting}
        if "kind" in g.columns:
            row["kind"] = ", ".join(sorted({str(k) for k in g["kind"]}))
        if "frequency" in g.columns:
            row["frequency"] = ", ".join(sorted({str(k) for k in g["frequency"].dropna()}))
        actors = list(dict.fromkeys(g["actor"]))
        row["actors"] = len(actors)
        row["attending"] = _names(net, actors)
        rows.append(row)
    return pd.DataFrame(rows)


def _density(net: Network, rel: str) -> float:
    n = len(net)
    if n < 2:
        return float("nan")
    m = net.num_ties(rel)
    pairs = n * (n - 1) if net.relation_spec(rel).directed else n * (n - 1) / 2
    return m / pairs


def _layer_names(net: Network, relation: Relation) -> list[str]:
    return list(net.relations) if relation == "all" else (
        [relation] if isinstance(relation, str) else list(relation or []))


def _layers_text(net: Network, relation: Relation) -> str:
    names = _layer_names(net, relation)
    pooled = " (pooled, weights summed)" if len(names) > 1 else ""
    return ", ".join(names) + pooled if names else "none"


def duty_overlap_counts(net: Network) -> pd.DataFrame | None:
    """Actor × actor number of shared duties (diagonal: duties held), or None."""
    duties = net.duties
    if duties is None or duties.empty:
        return None
    inc = pd.crosstab(duties["actor"], duties["duty"]).clip(upper=1)
    m = inc.to_numpy() @ inc.to_numpy().T
    return pd.DataFrame(m, index=inc.index, columns=inc.index)


def write_report(net: Network, out: str | os.PathLike[str], *, title: str | None = None,
                 relation: Relation = "all", figures: bool = True, interactive: bool = True,
                 progress: Callable[[str], None] | None = None, max_rows: int = 200) -> Path:
    """Write ``report.html`` and the measure CSVs into the directory ``out``.

    Files: ``report.html`` (summary, tables, embedded figures),
    ``measures.csv`` (every node-level measure, one column each, indexed by
    actor id, UTF-8 with BOM for Excel), ``<measure>.csv`` for each measure,
    ``structure.png`` and, if the network has duties, ``duty_overlap.csv``;
    for a paper, ``measures.tex`` (booktabs), ``measures.md`` and, with
    python-docx installed, ``measures.docx`` (:mod:`govnet.publish`, the
    layers in a note), ``structure.pdf`` and ``structure.svg`` (the Chinese
    font embedded, :func:`govnet.plot.save_figure`), and ``view.html`` (the
    interactive view alone).
    The HTML table shows at most ``max_rows`` actors (the largest by the first
    measure); the CSVs hold all. ``relation`` chooses the layers of every
    measure (default ``"all"``: every layer pooled, weights summed); the report
    names them above each table. ``interactive`` embeds the interactive view
    (:func:`govnet.plot.interactive.to_html`, offline) when the ``view`` extra
    is installed. Returns the path of ``report.html``.
    """
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda msg: None)
    name = title or str(net.meta.get("name", "network"))
    table, graph_level, skipped = node_measures(net, relation=relation, progress=say)
    say("writing CSV files")
    table.to_csv(outdir / "measures.csv", encoding="utf-8-sig", index_label="id")
    for col in table.columns:
        table[[col]].to_csv(outdir / f"{col}.csv", encoding="utf-8-sig", index_label="id")
    say("writing paper tables")
    paper = publish.paper_table(table, caption=f"{name}: node-level measures", layers=_layer_names(net, relation))
    paper.to_latex(outdir / "measures.tex")
    paper.to_markdown(outdir / "measures.md")
    docx_note = ""
    try:
        paper.to_docx(outdir / "measures.docx")
    except ImportError:  # python-docx is optional (the publish extra): say so, never skip silently
        docx_note = ("<p>measures.docx was not written: Word tables need python-docx "
                     "(pip install 'govnet[publish]').</p>")
    overlap = duty_overlap_counts(net)
    if overlap is not None:
        overlap.to_csv(outdir / "duty_overlap.csv", encoding="utf-8-sig")

    layers = _layers_text(net, relation)
    parts = [f"<h1>{html.escape(name)}</h1>",
             f'<p class="layers">Layers used: {html.escape(layers)}; by every measure below.</p>',
             docx_note,
             "<h2>Network summary</h2>", f"<pre>{html.escape(repr(net))}</pre>",
             _table(net.summary(), index=False, layers="every layer (the network as read)")]
    rel_rows = [{"relation": r, "中文": net.relation_spec(r).label_zh,
                 "direction": "directed" if net.relation_spec(r).directed else "undirected",
                 "ties": net.num_ties(r), "density": _density(net, r)} for r in net.relations]
    if rel_rows:
        parts += ["<h3>Relations</h3>", _table(pd.DataFrame(rel_rows), index=False,
                                              layers="each layer on its own row")]
    shown = table.copy()
    actors = net.actors
    shown.insert(0, "tier", actors["tier"].astype(str))
    shown.insert(0, "name", actors["name"])
    note = ""
    if len(shown) > max_rows:
        key = shown.columns[2] if len(shown.columns) > 2 else shown.columns[0]
        shown = shown.sort_values(key, ascending=False).head(max_rows)
        note = f" Showing the {max_rows} actors with the largest {html.escape(str(key))}."
    parts += ["<h2>Node-level measures</h2>",
              f"<p>networkx conventions (see each function's documentation). Every actor is in "
              f"<code>measures.csv</code>.{note}</p>",
              _table(shown, layers=layers)]
    if graph_level:
        parts.append("<h2>Graph-level results</h2>")
        for k, v in graph_level.items():
            uses = "the duty list (no relation layer)" if registry.measure(k).reads == "duties" else layers
            if isinstance(v, pd.DataFrame):
                body = _table(v, layers=uses)
            else:
                body = (f'<p class="layers">Layers: {html.escape(uses)}</p>'
                        + (v._repr_html_() if hasattr(v, "_repr_html_")
                           else f"<pre>{html.escape(repr(v))}</pre>"))
            parts.append(f"<h3>{html.escape(k)}</h3>{body}")
    duties = duty_table(net)
    if duties is not None:
        parts += ["<h2>Duties (职责清单)</h2>",
                  f"<p>{len(duties)} duties; the lead and the assisting actors of each.</p>",
                  _table(duties.head(max_rows), index=False,
                         layers="the duty list (no relation layer)",
                         text_columns=("label", "lead", "assist"))]
        if len(duties) > max_rows:
            parts.append(f"<p>Showing the first {max_rows} duties.</p>")
        d = net.duties
        assert d is not None  # duty_table returned a table
        held = pd.crosstab(d["actor"], d["role"].astype(str) if "role" in d.columns
                           else pd.Series("holds", index=d.index))
        held.insert(0, "name", [_names(net, [a]) for a in held.index])
        held.index.name = "actor"
        parts += ["<h3>Duties held by each actor</h3>",
                  _table(held, layers="the duty list (no relation layer)")]
    meetings = meeting_table(net)
    if meetings is not None:
        parts += ["<h2>Meetings (会议)</h2>",
                  _table(meetings.head(max_rows), index=False,
                         layers="the meetings table (co-attendance is not a layer unless built)",
                         text_columns=("meeting", "attending"))]
    if skipped:
        parts.append("<h3>Skipped</h3><ul>" + "".join(
            f"<li><code>{html.escape(k)}</code>: {html.escape(v)}</li>" for k, v in skipped.items())
            + "</ul>")
    if figures:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            parts.append("<p>Figures need matplotlib (pip install 'govnet[plot]').</p>")
        else:
            from matplotlib.figure import Figure

            # Figures made without pyplot: no backend switch, no global figure list.
            def axes(w: float, h: float) -> Any:
                return Figure(figsize=(w, h), layout="constrained").add_subplot()

            parts.append("<h2>Figures</h2>")
            say("drawing the 1+3+N structure")
            ax = plot.structure(net, relation=None if relation == "all" else relation,
                                centrality="degree" if net.relations else None,
                                labels="name" if len(net) <= 150 else None, ax=axes(10, 10))
            ax.figure.savefig(outdir / "structure.png", dpi=150, bbox_inches="tight")
            for fmt in ("pdf", "svg"):
                save_figure(ax, outdir / f"structure.{fmt}")
            parts.append(_figure(ax.figure, "The 1+3+N structure (一核多元): tiers by colour, "
                                            "relations by line style, node size by degree."))
            for col in [c for c in ("betweenness_centrality", "degree_centrality") if c in table]:
                say(f"drawing {col}")
                k = min(len(table), 30)
                ax = plot.centrality_bar(table[col], net=net, top=30, ax=axes(7, 0.32 * k + 1.2))
                parts.append(_figure(ax.figure, f"{col} by actor (largest 30)."))
                break
            if overlap is not None and len(overlap) > 1:
                say("drawing duty overlap")
                k = len(overlap)
                ax = plot.duty_overlap_heatmap(overlap, net=net,
                                               ax=axes(max(5.0, 0.45 * k + 3), max(4.0, 0.45 * k + 2)))
                parts.append(_figure(ax.figure, "Shared duties between actors (职责交叉), "
                                                "hierarchically clustered."))
    if interactive:
        parts += _interactive(net, relation, say, outdir)
    doc = (f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           f"<title>{html.escape(name)} — govnet report</title><style>{_CSS}</style></head><body>"
           + "\n".join(parts)
           + f"<footer>govnet {html.escape(__version__)}</footer></body></html>\n")
    path = outdir / "report.html"
    path.write_text(doc, encoding="utf-8")
    return path


def _figure(fig: Any, caption: str) -> str:
    return (f'<figure><img alt="{html.escape(caption)}" src="data:image/png;base64,{_png(fig)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def _interactive(net: Network, relation: Relation, say: Callable[[str], None], out: Path) -> list[str]:
    try:
        view = interactive_view.to_html(net, relation=relation, title="interactive view")
    except ImportError as exc:
        return [f"<p>The interactive view needs the view extra ({html.escape(str(exc))}).</p>"]
    say("embedding the interactive view")
    (out / "view.html").write_text(view, encoding="utf-8")
    return ["<h2>Interactive view</h2>",
            "<p>Drag to pan, scroll to zoom, hover an actor for its kind, tier and centralities; "
            "toggle layers and overlays, search by name.</p>",
            f'<iframe class="view" title="interactive view" srcdoc="{html.escape(view, quote=True)}">'
            "</iframe>"]


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
div.scroll{overflow-x:auto;max-width:100%}
table.data{border-collapse:collapse;font-size:.85em;margin:.5em 0}
table.data td,table.data th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:right;
white-space:nowrap;word-break:keep-all}
table.data td.text{white-space:normal;text-align:left;min-width:12em;max-width:40em;
word-break:keep-all;overflow-wrap:break-word}
table.data tbody th,table.data td.s{text-align:left}
table.data th{background:#f3f3f3}
p.layers{color:#555;font-size:.85em;margin:.8em 0 .2em}
iframe.view{width:100%;height:44em;border:1px solid #ddd}
pre{white-space:pre-wrap}img{max-width:100%}figure{margin:1em 0}figcaption{color:#555;font-size:.9em}
footer{margin-top:3em;color:#888;font-size:.8em}
"""


def stderr_progress() -> Callable[[str], None]:
    """A progress callback printing numbered steps to stderr."""
    step = [0]

    def say(msg: str) -> None:
        step[0] += 1
        print(f"[{step[0]}] {msg}...", file=sys.stderr, flush=True)

    return say

