"""GraphML (networkx, igraph, Gephi, yEd): every layer, direction per relation."""

from __future__ import annotations

import json
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


def write_graphml(net: Network, path: str | os.PathLike[str]) -> None:
    """Write a network as GraphML (UTF-8), readable by networkx, igraph, Gephi and yEd.

    Node data: ``name``, ``name_en``, ``tier``, ``kind`` and every other actor
    column (as strings). Edge data: ``relation``, ``weight`` (double) and the
    extra tie columns (as strings). Each relation's direction is kept as JSON in
    the graph attribute ``govnet_relations``.

    The edges are each layer's ties as govnet's measures read them: repeated
    rows merged by the network's ``duplicates`` policy, self-loops by its
    ``self_loops`` policy (an extra tie column on which merged rows disagree is
    left out, with a :class:`~govnet.GovnetWarning`). So networkx's and igraph's
    betweenness, closeness and degree on a layer of the file equal govnet's.

    Direction: ``edgedefault`` is the network's direction when every layer has
    the same one. A network mixing directed and undirected layers is written
    with ``edgedefault="directed"`` (networkx and igraph refuse a per-edge
    ``directed`` attribute that differs from the default) and each undirected
    tie as two arcs, u->v and v->u, with edge data ``directed`` = false
    (true on the directed layers' arcs); :func:`read_graphml` reads such a
    pair as one tie. Build an undirected layer from the pairs as an undirected
    graph (``networkx.Graph``, igraph ``as_undirected``) and its degree is
    govnet's; as arcs, betweenness and closeness already agree, while
    in+out degree counts each undirected tie twice.
    Duties, meetings, persons, posts and missing dyads are not written (GraphML
    has no place for them: use :func:`write_excel` or :func:`govnet.save`), with a
    :class:`~govnet.GovnetWarning` naming those the network has.
    """
    warn_tables_not_written(net, "write_graphml", "GraphML")
    actors, _, _ = _parts(net)
    ties, directed = _layer_ties(net, "write_graphml")
    mixed = _mixed(directed)
    if mixed:
        ties = _as_arcs(ties, directed)
    node_cols = [c for c in actors.columns if c != "id"]
    edge_cols = [c for c in ties.columns if c not in ("source", "target")]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
           '  <key id="g_relations" for="graph" attr.name="govnet_relations" attr.type="string"/>',
           '  <key id="g_name" for="graph" attr.name="name" attr.type="string"/>']
    for i, c in enumerate(node_cols):
        out.append(f'  <key id="n{i}" for="node" attr.name={_quoteattr(str(c))} attr.type="string"/>')
    for i, c in enumerate(edge_cols):
        typ = "double" if c == "weight" else "boolean" if (c == "directed" and mixed) else "string"
        out.append(f'  <key id="e{i}" for="edge" attr.name={_quoteattr(str(c))} attr.type="{typ}"/>')
    edgedefault = "directed" if any(directed.values()) else "undirected"
    out.append(f'  <graph id="G" edgedefault="{edgedefault}">')
    out.append(f'    <data key="g_relations">{_xml_escape(json.dumps(directed, ensure_ascii=False))}</data>')
    out.append(f'    <data key="g_name">{_xml_escape(str(net.meta.get("name", "")))}</data>')
    for row in actors.itertuples(index=False):
        vals = dict(zip(actors.columns, row))
        data = "".join(f'<data key="n{i}">{_xml_escape(s)}</data>'
                       for i, c in enumerate(node_cols) if (s := _str(vals[c])) is not None)
        out.append(f'    <node id={_quoteattr(str(vals["id"]))}>{data}</node>')
    for k, row in enumerate(ties.itertuples(index=False)):
        vals = dict(zip(ties.columns, row))
        data = "".join(f'<data key="e{i}">{_xml_escape(s)}</data>'
                       for i, c in enumerate(edge_cols) if (s := _str(vals[c])) is not None)
        out.append(f'    <edge id="e{k}" source={_quoteattr(str(vals["source"]))} '
                   f'target={_quoteattr(str(vals["target"]))}>{data}</edge>')
    out += ["  </graph>", "</graphml>", ""]
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def read_graphml(path: str | os.PathLike[str], *, default_tier: str = "plural",
                 default_relation: str = "tie") -> Network:
    """Read a GraphML file (from govnet, networkx, igraph, Gephi, yEd).

    Node ids become actor ids; node data ``name`` (or ``label``, as Gephi
    writes), ``name_en``, ``tier`` (``default_tier`` where absent) and
    ``kind`` become actor columns, other node data are kept. Edge data
    ``relation`` (``default_relation`` where absent) and ``weight`` (1 where
    absent) make the layers. Direction per relation comes from the
    ``govnet_relations`` graph attribute, else from each edge's ``directed``
    attribute, else from ``edgedefault``. In a directed file, an undirected
    relation's tie written as two arcs u->v and v->u of equal weight (as
    :func:`write_graphml` writes a network mixing directed and undirected
    layers) is read as one tie. Only the first ``<graph>`` is read;
    nested graphs and hyperedges are refused.

    Raises
    ------
    FileFormatError
        Malformed or unsafe XML (DTD, entities), an edge to an undeclared
        node, a bad attribute value.
    """
    p = _path(path)
    root = _parse_xml(p).getroot()
    if _local(root.tag) != "graphml":
        raise FileFormatError(f"{os.path.basename(p)}: not a GraphML file (root <{_local(root.tag)}>)")
    keys: dict[str, tuple[str, str, str]] = {}
    defaults: dict[str, dict[str, Any]] = {"node": {}, "edge": {}}
    for k in _children(root, "key"):
        kid = k.get("id")
        if kid is None:
            raise FileFormatError(f"{os.path.basename(p)}: <key> without id")
        keys[kid] = (k.get("for", "all"), k.get("attr.name", kid), k.get("attr.type", "string"))
        for dflt in _children(k, "default"):
            for where in ("node", "edge"):
                if keys[kid][0] in (where, "all"):
                    defaults[where][keys[kid][1]] = _convert(dflt.text or "", keys[kid][2], p)
    graphs = _children(root, "graph")
    if not graphs:
        raise FileFormatError(f"{os.path.basename(p)}: no <graph> element")
    g = graphs[0]
    edgedefault = g.get("edgedefault", "undirected") == "directed"

    def data_of(elem: Any) -> dict[str, Any]:
        out = {}
        for d in _children(elem, "data"):
            key = d.get("key")
            if key not in keys:
                raise FileFormatError(f"{os.path.basename(p)}: <data> uses undeclared key {key!r}")
            _, name, typ = keys[key]
            out[name] = _convert(d.text or "", typ, p)
        return out

    gdata = data_of(g)
    rows = []
    for node in _children(g, "node"):
        if _children(node, "graph"):
            raise FileFormatError(f"{os.path.basename(p)}: nested graphs are not supported")
        nid = node.get("id")
        if nid is None:
            raise FileFormatError(f"{os.path.basename(p)}: <node> without id")
        d = {**defaults["node"], **data_of(node)}
        if "name" not in d and "label" in d:
            d["name"] = d.pop("label")
        _reserved_data(d, ("id",), f"<node> {nid!r}", p)
        d["id"] = nid
        rows.append(d)
    if _children(g, "hyperedge"):
        raise FileFormatError(f"{os.path.basename(p)}: hyperedges are not supported")
    edges = []
    for e in _children(g, "edge"):
        d = {**defaults["edge"], **data_of(e)}
        s, t = e.get("source"), e.get("target")
        if s is None or t is None:
            raise FileFormatError(f"{os.path.basename(p)}: <edge> without source or target")
        d.pop("id", None)
        _reserved_data(d, ("source", "target"), f"<edge> {s!r} -> {t!r}", p)
        d["source"], d["target"] = s, t
        d.setdefault("relation", default_relation)
        d["relation"] = str(d["relation"])
        d.setdefault("weight", 1.0)
        if e.get("directed") is not None:
            d["directed"] = e.get("directed") == "true"
        edges.append(d)
    _check_table_cells(rows, "nodes", p)
    _check_table_cells(edges, "edges", p)
    ties = _ties_frame(edges)
    stored = gdata.get("govnet_relations")
    given: dict[str, bool] | None = None
    if isinstance(stored, str) and stored:
        try:
            given = {str(k): bool(v) for k, v in json.loads(stored).items()}
        except (ValueError, AttributeError):
            raise FileFormatError(f"{os.path.basename(p)}: govnet_relations is not valid JSON") from None
    ties, directed = _edge_directions(ties, edgedefault, given, p)
    if edgedefault:  # an undirected relation written as arc pairs (write_graphml, mixed)
        ties = _collapse_arcs(ties, directed)
    if not rows:
        raise FileFormatError(f"{os.path.basename(p)}: the graph has no nodes")
    meta = {"name": gdata["name"]} if gdata.get("name") else None
    return _build(pd.DataFrame(rows), ties, directed, default_tier=default_tier, path=p, meta=meta)
