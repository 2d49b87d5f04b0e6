"""The interactive view: a Jupyter widget and a standalone HTML file that works offline.

The drawing is done by vis-network (a maintained JavaScript network
renderer); its JavaScript ships inside the ``pyvis`` package on PyPI and is
inlined into the page, so nothing is fetched from a CDN: the HTML file opens
offline, and the widget (``anywidget``) carries the same code. Install both
with ``pip install 'govnet[view]'``.

What it shows:

* the 1+3+N layout of :func:`govnet.plot.structure_layout` (core at the
  centre, the support tier on the inner ring, the plural tier outside, the
  external actors on the outermost ring, faint rings as guides), nodes
  coloured by tier and sized by degree; nodes can be dragged, the view
  panned and zoomed;
* one colour and dash pattern per relation (arrows for directed ones), and a
  checkbox per layer to toggle it;
* on hover, an actor's name, id, kind, tier and its centralities on the
  chosen layers (``centralities=``, default degree and betweenness);
* a search box: a name or id (or part of one) selects and centres the
  matching actors;
* overlays: the holders of a duty (from the duty list: lead and assisting
  actors marked) and the attendees of a meeting are highlighted, the other
  actors faded.

:func:`view_data` is the data the page draws (plain JSON-able dicts), for
tests and for other front ends. :func:`to_html` writes the page;
:func:`interactive` returns the widget.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidParameterError
from govnet.measures.centrality import CENTRALITIES
from govnet.model.access import Relation, as_network
from govnet.model.vocab import RELATIONS, TIERS
from govnet.plot.figures import RELATION_COLORS, TIER_COLORS, structure_layout

__all__ = ["view_data", "to_html", "interactive", "vis_network_js"]

#: Pixels per unit of the 1+3+N layout (ring radii 1, 2 and 2.8).
_SCALE = 170.0
_DASHES: list[Any] = [False, [8, 5], [2, 4], [10, 4, 2, 4], [12, 3, 3, 3], [4, 8], [1, 6]]


def vis_network_js() -> str:
    """The vis-network JavaScript bundled with the installed ``pyvis`` (offline)."""
    try:
        lib = resources.files("pyvis") / "templates" / "lib"
    except ModuleNotFoundError as exc:
        raise ImportError("the interactive view needs pyvis (it ships vis-network's JavaScript): "
                          "pip install 'govnet[view]' (or pip install pyvis)") from exc
    candidates = sorted((p for p in lib.iterdir() if p.name.startswith("vis-")), key=lambda p: p.name)
    for d in reversed(candidates):
        js = d / "vis-network.min.js"
        if js.is_file():
            return js.read_text(encoding="utf-8")
    raise ImportError("pyvis is installed but vis-network.min.js was not found in it; "
                      "reinstall pyvis (pip install --force-reinstall pyvis)")


def _relations(net: Any, relation: Relation) -> list[str]:
    if relation is None or relation == "all":
        return list(net.relations)
    rels = [relation] if isinstance(relation, str) else list(relation)
    return [net.relation_spec(r).name for r in rels]


def view_data(net: Any, *, relation: Relation = "all",
              centralities: Sequence[str] = ("degree", "betweenness")) -> dict[str, Any]:
    """The JSON-able data of the interactive view.

    Keys: ``nodes`` (id, label, kind, tier, x, y, color, size, centrality
    values, duties held), ``edges`` (from, to, relation, directed, weight,
    color, dashes), ``layers`` (name, Chinese label, directed, colour, ties),
    ``duties`` and ``meetings`` (overlays: name → {actor: role}),
    ``tiers`` (colours and labels) and ``rings`` (radii in pixels).
    Centralities are computed on all the drawn layers pooled (``relation``);
    node size follows the first one.
    """
    net = as_network(net)
    rels = _relations(net, relation)
    for c in centralities:
        if c not in CENTRALITIES:
            raise InvalidParameterError(f"unknown centrality {c!r}; one of {', '.join(CENTRALITIES)}")
    values = {c: (CENTRALITIES[c](net, relation=rels) if rels else
                  pd.Series(0.0, index=net.actor_ids)) for c in centralities}
    pos = structure_layout(net)
    actors = net.actors
    first = values[centralities[0]] if centralities else pd.Series(0.0, index=net.actor_ids)
    v = first.to_numpy(dtype=float)
    span = float(v.max() - v.min()) if len(v) else 0.0
    sizes = np.full(len(v), 14.0) if span <= 0 else 8.0 + 22.0 * (v - v.min()) / span
    duty_count: dict[str, int] = {}
    if net.duties is not None and not net.duties.empty:
        duty_count = {str(k): int(n) for k, n in net.duties.groupby("actor")["duty"].nunique().items()}
    nodes = []
    for k, a in enumerate(net.actor_ids):
        row = actors.loc[a]
        name = row["name"] if isinstance(row["name"], str) and row["name"] else str(a)
        x, y = pos[str(a)]
        nodes.append({
            "id": str(a), "label": name, "kind": str(row.get("kind", "")), "tier": str(row["tier"]),
            "x": round(x * _SCALE, 2), "y": round(-y * _SCALE, 2),
            "color": TIER_COLORS[str(row["tier"])], "size": round(float(sizes[k]), 2),
            "centrality": {c: _num(values[c].iloc[k]) for c in centralities},
            "duties": duty_count.get(str(a), 0)})
    edges, layers = [], []
    for k, r in enumerate(rels):
        spec = net.relation_spec(r)
        color = RELATION_COLORS[k % len(RELATION_COLORS)]
        t = net.ties(r)
        keep = t["source"] != t["target"]
        for s, d, w in zip(t["source"][keep], t["target"][keep], t["weight"][keep]):
            edges.append({"from": str(s), "to": str(d), "relation": r, "directed": bool(spec.directed),
                          "weight": _num(w), "color": color, "dashes": _DASHES[k % len(_DASHES)]})
        zh = RELATIONS[r].zh if r in RELATIONS else (spec.label_zh or "")
        layers.append({"name": r, "zh": zh, "directed": bool(spec.directed), "color": color,
                       "dashes": _DASHES[k % len(_DASHES)], "ties": int(keep.sum())})
    duties: dict[str, dict[str, str]] = {}
    if net.duties is not None and not net.duties.empty:
        d = net.duties
        role = d["role"].astype(str) if "role" in d.columns else pd.Series("holds", index=d.index)
        label = d["label"].astype(str) if "label" in d.columns else d["duty"].astype(str)
        for duty, g in d.groupby("duty", sort=False):
            key = f"{duty} — {label.loc[g.index[0]]}" if label.loc[g.index[0]] != str(duty) else str(duty)
            duties[key] = {str(a): role.loc[i] for i, a in zip(g.index, g["actor"])}
    meetings: dict[str, dict[str, str]] = {}
    if net.meetings is not None and not net.meetings.empty:
        for m, g in net.meetings.groupby("meeting", sort=False):
            meetings[str(m)] = {str(a): "attends" for a in g["actor"]}
    return {"nodes": nodes, "edges": edges, "layers": layers, "duties": duties,
            "meetings": meetings, "centralities": list(centralities),
            "tiers": [{"tier": t, "zh": TIERS[t].zh, "color": TIER_COLORS[t]} for t in TIERS],
            "rings": [r * _SCALE for r in (1.0, 2.0, 2.8)],
            "title": str(net.meta.get("name", ""))}


def _num(x: Any) -> float | None:
    f = float(x)
    return None if f != f else round(f, 6)


def _payload(data: dict[str, Any]) -> str:
    # JSON inside a <script>: no "</" can close the element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def to_html(net: Any, path: str | os.PathLike[str] | None = None, *, relation: Relation = "all",
            centralities: Sequence[str] = ("degree", "betweenness"), title: str | None = None,
            height: str = "680px") -> str:
    """The interactive view as one self-contained HTML page (vis-network inline:
    opens offline). Written to ``path`` too if given; returns the HTML."""
    data = view_data(net, relation=relation, centralities=centralities)
    name = title if title is not None else (data["title"] or "govnet")
    page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{html.escape(name)}</title><style>{_CSS}</style>"
            f"<script>{vis_network_js()}</script></head><body>"
            f'<div class="govnet-view" id="govnet-view" style="height:{html.escape(height)}"></div>'
            f'<script id="govnet-data" type="application/json">{_payload(data)}</script>'
            f"<script>{_RENDER}\nwindow.govnetView = govnetRender(document.getElementById('govnet-view'),"
            f" JSON.parse(document.getElementById('govnet-data').textContent), window.vis);</script>"
            f"</body></html>\n")
    if path is not None:
        Path(path).write_text(page, encoding="utf-8")
    return page


def interactive(net: Any, *, relation: Relation = "all",
                centralities: Sequence[str] = ("degree", "betweenness"),
                height: str = "680px") -> Any:
    """The interactive view as a Jupyter widget (anywidget; ``pip install 'govnet[view]'``).

    The widget's ``data`` trait holds :func:`view_data`; the page's controls
    (layers, overlays, search) work in the notebook as in :func:`to_html`.
    """
    try:
        import anywidget
        import traitlets
    except ImportError as exc:
        raise ImportError("the interactive widget needs anywidget: pip install 'govnet[view]' "
                          "(or pip install anywidget)") from exc
    data = view_data(net, relation=relation, centralities=centralities)
    esm = ("const __vis = {}; (new Function('exports', 'module', 'define', 'self', "
           + json.dumps(vis_network_js() + "\n;self.vis = vis;")
           + "))(undefined, undefined, undefined, __vis);\n" + _RENDER
           + "\nexport default { render({ model, el }) {\n"
             "  el.style.height = model.get('height');\n"
             "  const view = govnetRender(el, model.get('data'), __vis.vis);\n"
             "  model.on('change:data', () => view.reset(model.get('data')));\n"
             "  return () => view.destroy();\n} };\n")

    class GovnetView(anywidget.AnyWidget):  # type: ignore[misc]
        _esm = esm
        _css = _CSS
        data = traitlets.Dict().tag(sync=True)
        height = traitlets.Unicode("680px").tag(sync=True)

    return GovnetView(data=data, height=height)


_CSS = """
.govnet-view{position:relative;display:flex;font-family:"Noto Sans CJK SC","Source Han Sans SC",
"Microsoft YaHei","PingFang SC",sans-serif;font-size:13px;border:1px solid #ddd;min-height:420px}
.govnet-view .gv-panel{width:17em;flex:none;padding:.6em;border-right:1px solid #eee;overflow-y:auto;
overflow-x:hidden}
.govnet-view .gv-panel h4{margin:.6em 0 .2em;font-size:1em}
.govnet-view .gv-panel label{display:block;word-break:keep-all;margin:.1em 0}
.govnet-view .gv-panel select,.govnet-view .gv-panel input[type=search]{width:100%;box-sizing:border-box}
.govnet-view .gv-canvas{flex:1;position:relative;min-width:0}
.govnet-view .gv-swatch{display:inline-block;width:2em;height:0;border-top:3px solid;vertical-align:middle;
margin-right:.3em}
.govnet-view .gv-dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em}
.govnet-view .gv-status{color:#666;font-size:.9em;margin-top:.6em}
div.vis-tooltip{position:absolute;visibility:hidden;padding:5px 7px;white-space:nowrap;
font-size:12px;background:#fff;border:1px solid #999;border-radius:3px;box-shadow:2px 2px 6px rgba(0,0,0,.2);
pointer-events:none;z-index:5}
"""

_RENDER = r"""
function govnetRender(el, data, vis) {
  el.classList.add('govnet-view');
  el.innerHTML = '';
  const panel = document.createElement('div'); panel.className = 'gv-panel';
  const holder = document.createElement('div'); holder.className = 'gv-canvas';
  el.appendChild(panel); el.appendChild(holder);
  const h = (tag, attrs, text) => { const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text; return e; };
  let state = {layers: {}, overlay: null, search: ''};
  let nodes, edges, network;

  function tip(n) {
    const d = h('div');
    const lines = [[n.label, true], ['id: ' + n.id], ['kind: ' + n.kind], ['tier: ' + n.tier]];
    Object.entries(n.centrality).forEach(([k, v]) => lines.push([k + ': ' + (v === null ? '–' : (+v).toPrecision(4))]));
    if (n.duties) lines.push(['duties held: ' + n.duties]);
    lines.forEach(([t, b]) => { const e = h(b ? 'b' : 'div', {}, t); d.appendChild(e); if (b) d.appendChild(h('br')); });
    return d;
  }
  function build(data) {
    state.layers = {}; data.layers.forEach(l => { state.layers[l.name] = true; });
    nodes = new vis.DataSet(data.nodes.map(n => ({id: n.id, label: n.label, x: n.x, y: n.y,
      size: n.size, title: tip(n), shape: 'dot', color: {background: n.color, border: '#ffffff',
      highlight: {background: n.color, border: '#222222'}}, font: {size: 13, face: 'Noto Sans CJK SC, sans-serif'},
      borderWidth: 2, _base: n})));
    edges = new vis.DataSet(data.edges.map((e, i) => ({id: 'e' + i, from: e.from, to: e.to,
      relation: e.relation, color: {color: e.color, opacity: 0.8}, dashes: e.dashes,
      width: 1 + Math.min(e.weight || 1, 4) * 0.5,
      arrows: e.directed ? {to: {enabled: true, scaleFactor: 0.6}} : undefined,
      smooth: e.directed ? {type: 'curvedCW', roundness: 0.08} : false})));
    const view = new vis.DataView(edges, {filter: e => state.layers[e.relation]});
    network = new vis.Network(holder, {nodes: nodes, edges: view}, {physics: false,
      interaction: {hover: true, tooltipDelay: 80, multiselect: true},
      nodes: {scaling: {label: {enabled: false}}}});
    network.on('beforeDrawing', ctx => { ctx.save(); ctx.strokeStyle = '#cccccc'; ctx.setLineDash([2, 6]);
      data.rings.forEach(r => { ctx.beginPath(); ctx.arc(0, 0, r, 0, 2 * Math.PI); ctx.stroke(); });
      ctx.restore(); });
    network.once('afterDrawing', () => network.fit({animation: false}));
    api.view = view;
    controls(data);
    status();
  }
  function controls(data) {
    panel.innerHTML = '';
    if (data.title) panel.appendChild(h('h4', {}, data.title));
    panel.appendChild(h('h4', {}, 'Search'));
    const search = h('input', {type: 'search', placeholder: 'name or id', 'class': 'gv-search'});
    search.addEventListener('input', () => api.search(search.value));
    panel.appendChild(search);
    panel.appendChild(h('h4', {}, 'Layers'));
    data.layers.forEach(l => {
      const lab = h('label'); const box = h('input', {type: 'checkbox', 'data-layer': l.name});
      box.checked = true; box.addEventListener('change', () => api.toggle(l.name, box.checked));
      const sw = h('span', {'class': 'gv-swatch'});
      sw.style.borderTopColor = l.color; if (l.dashes) sw.style.borderTopStyle = 'dashed';
      lab.appendChild(box); lab.appendChild(sw);
      lab.appendChild(document.createTextNode(`${l.zh ? l.zh + ' ' : ''}${l.name} ${l.directed ? '→' : '—'} (${l.ties})`));
      panel.appendChild(lab);
    });
    panel.appendChild(h('h4', {}, 'Tiers'));
    data.tiers.forEach(t => { const lab = h('label'); const dot = h('span', {'class': 'gv-dot'});
      dot.style.background = t.color; lab.appendChild(dot);
      lab.appendChild(document.createTextNode(`${t.zh} ${t.tier}`)); panel.appendChild(lab); });
    [['duties', 'Duty overlay'], ['meetings', 'Meeting overlay']].forEach(([key, head]) => {
      const names = Object.keys(data[key] || {});
      if (!names.length) return;
      panel.appendChild(h('h4', {}, head));
      const sel = h('select', {'data-overlay': key});
      sel.appendChild(h('option', {value: ''}, '(none)'));
      names.forEach(n => sel.appendChild(h('option', {value: n}, n)));
      sel.addEventListener('change', () => api.overlay(sel.value ? key : null, sel.value));
      panel.appendChild(sel);
    });
    panel.appendChild(h('div', {'class': 'gv-status'}));
  }
  function status() {
    const s = panel.querySelector('.gv-status');
    const shown = api.visibleEdges();
    if (s) s.textContent = `${nodes.length} actors, ${shown} of ${edges.length} ties shown`;
    el.setAttribute('data-visible-edges', shown);
  }
  const api = {
    get network() { return network; }, get nodes() { return nodes; }, get edges() { return edges; },
    visibleEdges() { return api.view.get().length; },
    toggle(layer, on) { state.layers[layer] = on; api.view.refresh(); status(); network.redraw(); },
    search(text) {
      const q = (text || '').trim().toLowerCase();
      if (!q) { network.unselectAll(); el.setAttribute('data-found', 0); return []; }
      const ids = nodes.get({filter: n => n.label.toLowerCase().includes(q) || String(n.id).toLowerCase().includes(q)}).map(n => n.id);
      network.selectNodes(ids);
      if (ids.length) network.fit({nodes: ids, animation: false, maxZoomLevel: 1.5});
      el.setAttribute('data-found', ids.length);
      return ids;
    },
    overlay(kind, name) {
      const marks = kind ? (data[kind][name] || {}) : null;
      nodes.update(nodes.get().map(n => {
        const m = marks ? marks[n.id] : undefined;
        const base = n._base;
        if (!marks) return {id: n.id, opacity: 1, borderWidth: 2, color: {background: base.color, border: '#ffffff'}};
        if (m === undefined) return {id: n.id, opacity: 0.25, borderWidth: 2, color: {background: base.color, border: '#ffffff'}};
        return {id: n.id, opacity: 1, borderWidth: m === 'lead' ? 5 : 3,
                color: {background: base.color, border: m === 'lead' ? '#000000' : '#555555'}};
      }));
      el.setAttribute('data-overlay', marks ? Object.keys(marks).length : 0);
    },
    reset(d) { data = d; network.destroy(); build(d); },
    destroy() { network.destroy(); },
  };
  build(data);
  return api;
}
"""
