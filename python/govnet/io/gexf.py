"""GEXF 1.2 (Gephi)."""

from __future__ import annotations

import os
from typing import Any
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _quoteattr

import pandas as pd

from govnet.errors import FileFormatError
from govnet.io._common import (
    _build,
    _check_table_cells,
    _as_arcs,
    _children,
    _collapse_arcs,
    _convert,
    _edge_directions,
    _layer_ties,
    _local,
    _mixed,
    _parse_xml,
    _parts,
    _reserved_data,
    _path,
    _str,
    _ties_frame,
)
from govnet.model.network import Network, warn_tables_not_written

_GEXF_NS = "http://www.gexf.net/1.2draft"


def write_gexf(net: Network, path: str | os.PathLike[str]) -> None:
    """Write a network as GEXF 1.2 for Gephi (readable by networkx's ``read_gexf``).

    Node ``label`` is the actor's display name; ``tier``, ``kind``,
    ``name_en`` and other actor columns are node attributes. Each tie is an
    edge with ``weight``, ``label`` = relation and attributes ``relation``,
    ``directed`` (the relation's direction) and the extra tie columns.

    The edges are each layer's ties as govnet's measures read them (repeated
    rows merged by the ``duplicates`` policy, self-loops by ``self_loops``),
    so networkx's betweenness, closeness and degree on a layer equal govnet's.
    Direction: ``defaultedgetype`` is the network's direction when every layer
    has the same one, and each edge's ``type`` says it too. A network mixing
    directed and undirected layers is written as a directed graph (networkx
    refuses an edge type that differs from the default) with each undirected
    tie as two arcs, u->v and v->u, whose ``directed`` attribute is false;
    :func:`read_gexf` reads such a pair as one tie (see :func:`write_graphml`
    for which measures agree on the arcs). Duties, meetings, persons, posts and
    missing dyads are not written, with a GovnetWarning naming those the network has.
    """
    actors, _, _ = _parts(net)
    warn_tables_not_written(net, "write_gexf", "GEXF")
    ties, directed = _layer_ties(net, "write_gexf")
    if _mixed(directed):
        ties = _as_arcs(ties, directed)
    else:
        ties = ties.assign(directed=ties["relation"].map(directed).astype(bool))
    node_cols = [c for c in actors.columns if c not in ("id", "name")]
    edge_cols = ["relation", "directed"] + [c for c in ties.columns
                                            if c not in ("source", "target", "relation", "weight",
                                                         "directed")]
    edgetype = "directed" if any(directed.values()) else "undirected"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<gexf xmlns="{_GEXF_NS}" version="1.2">',
           '  <meta><creator>govnet</creator>'
           f'<description>{_xml_escape(str(net.meta.get("name", "")))}</description></meta>',
           f'  <graph mode="static" defaultedgetype="{edgetype}">',
           '    <attributes class="node">']
    for i, c in enumerate(node_cols):
        out.append(f'      <attribute id="n{i}" title={_quoteattr(str(c))} type="string"/>')
    out.append('    </attributes>')
    out.append('    <attributes class="edge">')
    for i, c in enumerate(edge_cols):
        typ = "boolean" if c == "directed" else "string"
        out.append(f'      <attribute id="e{i}" title={_quoteattr(str(c))} type="{typ}"/>')
    out.append('    </attributes>')
    out.append('    <nodes>')
    for row in actors.itertuples(index=False):
        vals = dict(zip(actors.columns, row))
        att = "".join(f'<attvalue for="n{i}" value={_quoteattr(s)}/>'
                      for i, c in enumerate(node_cols) if (s := _str(vals[c])) is not None)
        out.append(f'      <node id={_quoteattr(str(vals["id"]))} label={_quoteattr(str(vals["name"]))}>'
                   f'<attvalues>{att}</attvalues></node>')
    out.append('    </nodes>')
    out.append('    <edges>')
    for k, row in enumerate(ties.itertuples(index=False)):
        vals = dict(zip(ties.columns, row))
        att = "".join(f'<attvalue for="e{i}" value={_quoteattr(s)}/>'
                      for i, c in enumerate(edge_cols) if (s := _str(vals[c])) is not None)
        out.append(f'      <edge id="{k}" source={_quoteattr(str(vals["source"]))} '
                   f'target={_quoteattr(str(vals["target"]))} type="{edgetype}" '
                   f'weight="{float(vals["weight"])!r}" '
                   f'label={_quoteattr(str(vals["relation"]))}><attvalues>{att}</attvalues></edge>')
    out += ['    </edges>', '  </graph>', '</gexf>', '']
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def read_gexf(path: str | os.PathLike[str], *, default_tier: str = "plural",
              default_relation: str = "tie") -> Network:
    """Read a GEXF file (Gephi; versions 1.1 to 1.3).

    Node ids become actor ids, node ``label`` the display name; attributes
    ``tier`` (``default_tier`` where absent), ``kind``, ``name_en`` and others
    become actor columns. Edge attribute ``relation`` (else the edge
    ``label``, else ``default_relation``) names the layer; ``weight`` (1
    where absent) the weight. Direction per relation: the ``directed`` edge
    attribute written by govnet, else each edge's ``type``, else the graph's
    ``defaultedgetype``. In a directed file, an undirected relation's tie
    written as two arcs u->v and v->u of equal weight (as :func:`write_gexf`
    writes a network mixing directed and undirected layers) is one tie. Dynamic (time-sliced) data are read as static.
    """
    p = _path(path)
    root = _parse_xml(p).getroot()
    if _local(root.tag) != "gexf":
        raise FileFormatError(f"{os.path.basename(p)}: not a GEXF file (root <{_local(root.tag)}>)")
    graphs = _children(root, "graph")
    if not graphs:
        raise FileFormatError(f"{os.path.basename(p)}: no <graph> element")
    g = graphs[0]
    default_directed = g.get("defaultedgetype", "undirected") != "undirected"
    attrs: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    defaults: dict[str, dict[str, Any]] = {"node": {}, "edge": {}}
    for block in _children(g, "attributes"):
        cls = block.get("class", "node")
        for a in _children(block, "attribute"):
            title, typ = a.get("title", a.get("id", "")), a.get("type", "string")
            attrs.setdefault(cls, {})[a.get("id", "")] = (title, typ)
            for dflt in _children(a, "default"):
                defaults.setdefault(cls, {})[title] = _convert(dflt.text or "", typ, p)

    def values(elem: Any, cls: str) -> dict[str, Any]:
        out = dict(defaults.get(cls, {}))
        for block in _children(elem, "attvalues"):
            for av in _children(block, "attvalue"):
                key = av.get("for", av.get("id"))
                title, typ = attrs[cls].get(key, (key, "string"))
                out[title] = _convert(av.get("value", ""), typ, p)
        return out

    rows = []
    for block in _children(g, "nodes"):
        for node in _children(block, "node"):
            nid = node.get("id")
            if nid is None:
                raise FileFormatError(f"{os.path.basename(p)}: <node> without id")
            d = values(node, "node")
            _reserved_data(d, ("id",), f"<node> {nid!r}", p)
            d["id"] = nid
            if "name" not in d:
                d["name"] = node.get("label", nid)
            rows.append(d)
    edges = []
    for block in _children(g, "edges"):
        for e in _children(block, "edge"):
            d = values(e, "edge")
            s, t = e.get("source"), e.get("target")
            if s is None or t is None:
                raise FileFormatError(f"{os.path.basename(p)}: <edge> without source or target")
            _reserved_data(d, ("source", "target"), f"<edge> {s!r} -> {t!r}", p)
            d["source"], d["target"] = s, t
            d["relation"] = str(d.get("relation", e.get("label", default_relation)))
            if e.get("weight") is not None:
                w = _convert(e.get("weight"), "double", p)
                if "weight" in d and d["weight"] != w:
                    raise FileFormatError(
                        f"{os.path.basename(p)}: <edge> {s!r} -> {t!r} has weight={w!r} and an "
                        f"attribute 'weight' = {d['weight']!r}; the weight is ambiguous")
                d["weight"] = w
            d.setdefault("weight", 1.0)
            if "directed" not in d and e.get("type") is not None:
                d["directed"] = e.get("type") != "undirected"
            edges.append(d)
    if not rows:
        raise FileFormatError(f"{os.path.basename(p)}: the graph has no nodes")
    _check_table_cells(rows, "nodes", p)
    _check_table_cells(edges, "edges", p)
    ties = _ties_frame(edges)
    ties, directed = _edge_directions(ties, default_directed, None, p)
    if default_directed:  # an undirected relation written as arc pairs (write_gexf, mixed)
        ties = _collapse_arcs(ties, directed)
    return _build(pd.DataFrame(rows), ties, directed, default_tier=default_tier, path=p)
