"""Reading and writing networks in the formats researchers bring: GraphML,
GEXF (Gephi), Pajek ``.net``, UCINET DL, CSV and Excel, numpy / scipy.sparse
adjacency matrices and igraph graphs (networkx: :meth:`Network.from_networkx`).

What each format holds
----------------------
============  ======  =====  =====  =========  =======  ======  ==============
format        actors  tier   kind   relations  weights  duties  Chinese labels
============  ======  =====  =====  =========  =======  ======  ==============
GraphML       yes     yes    yes    yes        yes      no      yes
GEXF          yes     yes    yes    yes        yes      no      yes
Pajek         ids     no     no     yes (:k)   yes      no      yes (UTF-8)
UCINET DL     ids     no     no     yes (nm)   yes      no      yes (UTF-8)
CSV / Excel   yes     yes    yes    yes        yes      yes     yes
adjacency     ids     opt.   no     one        yes      no      yes
igraph        yes     yes    yes    yes        yes      no      yes
============  ======  =====  =====  =========  =======  ======  ==============

Where a format cannot hold the tier, the reader gives every actor
``default_tier`` (``"plural"``) and kind ``"actor"``. Pajek and DL store
actor ids as vertex labels (not display names). Relation direction: GraphML,
GEXF, CSV, Excel and igraph keep it per relation; Pajek keeps it as ``*Arcs``
versus ``*Edges``; DL cannot, so a relation read from DL is undirected when
its matrix is symmetric (pass ``directed=`` to override).

Hostile files: XML is parsed with :mod:`defusedxml` (no DTDs, entities or
external references: "billion laughs" and XXE are refused at once); declared
sizes (DL ``n=``, Pajek ``*Vertices``) above ``max_actors`` raise
:class:`~govnet.TooLargeError` before anything is allocated; truncated data
and wrong counts raise :class:`~govnet.FileFormatError` naming the file and
line. Every reader takes a path first; :data:`READERS` maps format names to
readers and :data:`WRITERS` to writers.

Examples
--------
>>> import govnet
>>> net = govnet.datasets.nanshan()
>>> net.write_graphml("nanshan.graphml")             # doctest: +SKIP
>>> net.write_dl("nanshan.dl")                       # for UCINET  # doctest: +SKIP
>>> again = govnet.read_graphml("nanshan.graphml")   # doctest: +SKIP
>>> govnet.io.read("community.net")                  # by extension  # doctest: +SKIP

On the command line: ``govnet convert nanshan.dl nanshan.gexf``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from typing import Any
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _quoteattr

import numpy as np
import pandas as pd

from ._common import dense_zeros
from .errors import FileFormatError, InvalidNetworkError, TooLargeError
from .network import Network, _decode, read_table

__all__ = [
    "READERS",
    "WRITERS",
    "read",
    "write",
    "read_graphml",
    "write_graphml",
    "read_gexf",
    "write_gexf",
    "read_pajek",
    "write_pajek",
    "read_dl",
    "write_dl",
    "read_csv",
    "write_csv",
    "read_excel",
    "write_excel",
    "from_adjacency",
    "to_adjacency",
    "from_igraph",
    "to_igraph",
]

#: Default ceiling on the number of actors a file may declare; larger
#: declarations raise TooLargeError before allocating (pass ``max_actors``).
MAX_ACTORS = 1_000_000

_CORE_COLUMNS = ("id", "name", "name_en", "tier", "kind")


# ---------------------------------------------------------------------------
# Shared helpers


def _path(path: Any) -> str:
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise FileFormatError(f"no such file: {p}")
    return p


def _read_text(path: str, what: str, encoding: str | None) -> str:
    with open(path, "rb") as fh:
        raw = fh.read()
    return _decode(raw, path, what, encoding)


def _check_size(n: int, path: str, what: str, max_actors: int | None) -> None:
    limit = MAX_ACTORS if max_actors is None else max_actors
    if n < 0:
        raise FileFormatError(f"{os.path.basename(path)}: {what} is negative ({n})")
    if n > limit:
        raise TooLargeError(
            f"{os.path.basename(path)}: {what} declares {n:,} actors, more than the limit "
            f"{limit:,}; pass max_actors={n} if the file really is that large")


def _parts(net: Network) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, bool]]:
    """(actors with an id column and tier as str, ties as given, relation -> directed)."""
    actors, ties, _ = net.to_frames()
    ties = ties.drop(columns=["directed"])
    directed = {r: net.relation_spec(r).directed for r in net.relations}
    return actors, ties, directed


def _build(actors: pd.DataFrame, ties: pd.DataFrame | None, directed: Mapping[str, bool] | None,
           *, default_tier: str, path: str, meta: Mapping[str, Any] | None = None,
           duties: pd.DataFrame | None = None, meetings: pd.DataFrame | None = None) -> Network:
    actors = actors.copy()
    if "tier" not in actors.columns:
        actors["tier"] = default_tier
    else:
        actors["tier"] = actors["tier"].where(actors["tier"].notna() & (actors["tier"] != ""),
                                              default_tier)
    m = {"name": os.path.splitext(os.path.basename(path))[0], "source_file": path}
    m.update(meta or {})
    if directed and ties is not None and "relation" in ties.columns:
        present = set(ties["relation"].astype(str))  # a stored relation may have lost its ties
        directed = {r: d for r, d in directed.items() if r in present}
    return Network.from_frames(actors, ties, duties, meetings=meetings,
                               directed=dict(directed) if directed else None, meta=m)


def _str(v: Any) -> str | None:
    """Attribute value as text, or None for missing values (not written)."""
    if v is None:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(v)


def _fmt_weight(w: float) -> str:
    return repr(float(w)) if not float(w).is_integer() else str(int(w))


def _number(tok: str, path: str, line: int, what: str = "value") -> float:
    try:
        x = float(tok)
    except ValueError:
        raise FileFormatError(
            f"{os.path.basename(path)} line {line}: {what} {tok!r} is not a number") from None
    if not np.isfinite(x):
        raise FileFormatError(f"{os.path.basename(path)} line {line}: {what} {tok!r} is not finite")
    return x


def _parse_xml(path: str) -> Any:
    """Parse XML safely: no DTD, no entity declarations, no external references."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as det
    from defusedxml import DefusedXmlException

    try:
        return det.parse(path, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FileFormatError(
            f"{os.path.basename(path)}: refused unsafe XML ({type(exc).__name__}: DTDs, "
            f"entities and external references are not allowed)") from None
    except ParseError as exc:
        raise FileFormatError(f"{os.path.basename(path)}: malformed XML: {exc}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: Any, name: str) -> list[Any]:
    return [c for c in elem if _local(c.tag) == name]


def _convert(value: str, typ: str, path: str) -> Any:
    typ = typ.lower()
    try:
        if typ in ("int", "long", "integer"):
            return int(value)
        if typ in ("float", "double"):
            return float(value)
        if typ == "boolean":
            return value.strip().lower() in ("true", "1", "yes")
    except ValueError:
        raise FileFormatError(
            f"{os.path.basename(path)}: attribute value {value!r} is not a valid {typ}") from None
    return value


def _directions_from_ties(ties: pd.DataFrame, default: bool) -> dict[str, bool]:
    out: dict[str, bool] = {}
    if "directed" in ties.columns:
        for rel, vals in ties.groupby("relation", sort=False)["directed"]:
            v = vals.dropna().unique()
            out[str(rel)] = bool(v[0]) if len(v) else default
    else:
        for rel in ties["relation"].unique() if len(ties) else []:
            out[str(rel)] = default
    return out


def _ties_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=None if rows else ["source", "target", "relation", "weight"])


# ---------------------------------------------------------------------------
# GraphML


def write_graphml(net: Network, path: str | os.PathLike[str]) -> None:
    """Write a network as GraphML (UTF-8), readable by networkx, igraph, Gephi and yEd.

    Node data: ``name``, ``name_en``, ``tier``, ``kind`` and every other actor
    column (as strings). Edge data: ``relation``, ``weight`` (double) and the
    extra tie columns. The graph's ``edgedefault`` is directed if any
    relation is; each relation's own direction is kept as JSON in the graph
    attribute ``govnet_relations``. Duties and meetings are not written
    (GraphML has no place for them: use :func:`write_excel`).
    """
    actors, ties, directed = _parts(net)
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
        typ = "double" if c == "weight" else "string"
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
    attribute, else from ``edgedefault``. Only the first ``<graph>`` is read;
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
        d["source"], d["target"] = s, t
        d.setdefault("relation", default_relation)
        d["relation"] = str(d["relation"])
        d.setdefault("weight", 1.0)
        if e.get("directed") is not None:
            d["directed"] = e.get("directed") == "true"
        edges.append(d)
    ties = _ties_frame(edges)
    stored = gdata.get("govnet_relations")
    if isinstance(stored, str) and stored:
        try:
            directed = {str(k): bool(v) for k, v in json.loads(stored).items()}
        except (ValueError, AttributeError):
            raise FileFormatError(f"{os.path.basename(p)}: govnet_relations is not valid JSON") from None
    else:
        directed = _directions_from_ties(ties, edgedefault)
    if "directed" in ties.columns:
        ties = ties.drop(columns=["directed"])
    if not rows:
        raise FileFormatError(f"{os.path.basename(p)}: the graph has no nodes")
    meta = {"name": gdata["name"]} if gdata.get("name") else None
    return _build(pd.DataFrame(rows), ties, directed, default_tier=default_tier, path=p, meta=meta)


# ---------------------------------------------------------------------------
# GEXF (Gephi)

_GEXF_NS = "http://www.gexf.net/1.2draft"


def write_gexf(net: Network, path: str | os.PathLike[str]) -> None:
    """Write a network as GEXF 1.2 for Gephi (readable by networkx's ``read_gexf``).

    Node ``label`` is the actor's display name; ``tier``, ``kind``,
    ``name_en`` and other actor columns are node attributes. Each tie is an
    edge with ``weight``, ``label`` = relation and attributes ``relation``,
    ``directed`` (the relation's direction, since a GEXF graph has one
    default) and the extra tie columns. Duties and meetings are not written.
    """
    actors, ties, directed = _parts(net)
    node_cols = [c for c in actors.columns if c not in ("id", "name")]
    edge_cols = ["relation", "directed"] + [c for c in ties.columns
                                            if c not in ("source", "target", "relation", "weight")]
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
        vals["directed"] = directed[vals["relation"]]
        att = "".join(f'<attvalue for="e{i}" value={_quoteattr(s)}/>'
                      for i, c in enumerate(edge_cols) if (s := _str(vals[c])) is not None)
        out.append(f'      <edge id="{k}" source={_quoteattr(str(vals["source"]))} '
                   f'target={_quoteattr(str(vals["target"]))} weight="{float(vals["weight"])!r}" '
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
    ``defaultedgetype``. Dynamic (time-sliced) data are read as static.
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
            d["source"], d["target"] = s, t
            d["relation"] = str(d.get("relation", e.get("label", default_relation)))
            d["weight"] = _convert(e.get("weight", "1"), "double", p)
            if "directed" not in d and e.get("type") is not None:
                d["directed"] = e.get("type") != "undirected"
            edges.append(d)
    if not rows:
        raise FileFormatError(f"{os.path.basename(p)}: the graph has no nodes")
    ties = _ties_frame(edges)
    directed = _directions_from_ties(ties, default_directed)
    if "directed" in ties.columns:
        ties = ties.drop(columns=["directed"])
    return _build(pd.DataFrame(rows), ties, directed, default_tier=default_tier, path=p)


# ---------------------------------------------------------------------------
# Pajek

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def _tokens(line: str) -> list[str]:
    return [a if a or b == "" else b for a, b in _TOKEN.findall(line)]


def write_pajek(net: Network, path: str | os.PathLike[str], *, relation: str | None = None,
                two_mode: str | None = None) -> None:
    """Write a Pajek ``.net`` file (UTF-8).

    One-mode (default): ``*Vertices n`` with the actor ids as quoted labels,
    then one ``*Arcs :k "relation"`` (directed) or ``*Edges :k "relation"``
    (undirected) block per relation, weights as the third number — Pajek's
    multi-relational form. Tiers, kinds, display names and extra columns are
    not written (Pajek has no place for them; use GraphML or Excel). A ``"``
    inside an id is written as ``'``.

    ``relation="name"`` writes that relation alone under a plain ``*Arcs`` or
    ``*Edges`` header, the form networkx's and igraph's Pajek readers accept
    (they reject or merge the multi-relational form); read back, it is called
    ``tie``.

    ``two_mode="meetings"`` or ``"duties"`` writes the actor × meeting (or
    actor × duty) incidence instead: ``*Vertices n n1`` with the actors first.
    """
    if two_mode not in (None, "meetings", "duties"):
        raise InvalidNetworkError(f"two_mode must be None, 'meetings' or 'duties', got {two_mode!r}")
    ids = [str(a).replace('"', "'") for a in net.actor_ids]
    out = []
    if two_mode is None:
        out.append(f"*Vertices {len(ids)}")
        out += [f'{i + 1} "{a}"' for i, a in enumerate(ids)]
        for k, rel in enumerate(net.relations if relation is None else [relation], start=1):
            spec = net.relation_spec(rel)
            head = "*Arcs" if spec.directed else "*Edges"
            out.append(head if relation is not None else f'{head} :{k} "{rel.replace(chr(34), chr(39))}"')
            t = net.ties(rel)
            pos = {a: i + 1 for i, a in enumerate(net.actor_ids)}
            out += [f"{pos[s]} {pos[d]} {_fmt_weight(w)}"
                    for s, d, w in zip(t["source"], t["target"], t["weight"])]
    else:
        table = net.meetings if two_mode == "meetings" else net.duties
        if table is None:
            raise InvalidNetworkError(f"the network has no {two_mode} to write as two-mode data")
        col = "meeting" if two_mode == "meetings" else "duty"
        events = list(dict.fromkeys(table[col]))
        n1 = len(ids)
        out.append(f"*Vertices {n1 + len(events)} {n1}")
        out += [f'{i + 1} "{a}"' for i, a in enumerate(ids)]
        out += [f'{n1 + j + 1} "{str(e).replace(chr(34), chr(39))}"' for j, e in enumerate(events)]
        out.append("*Edges")
        pos = {a: i + 1 for i, a in enumerate(net.actor_ids)}
        epos = {e: n1 + j + 1 for j, e in enumerate(events)}
        out += [f"{pos[a]} {epos[e]}" for a, e in zip(table["actor"], table[col])]
    out.append("")
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def read_pajek(path: str | os.PathLike[str], *, default_tier: str = "plural",
               default_relation: str = "tie", two_mode: str = "meetings",
               encoding: str | None = None, max_actors: int | None = None) -> Network:
    """Read a Pajek ``.net`` file.

    Supports ``*Vertices n`` (labels optional, then ids are the numbers),
    ``*Arcs`` / ``*Edges`` with weights, their multi-relational forms
    ``*Arcs :k "name"`` and lines prefixed ``k:``, ``*Arcslist`` /
    ``*Edgeslist`` and ``*Matrix``. A relation given both as arcs and edges
    becomes directed, each edge a pair of arcs. Relations without a name are
    called ``default_relation`` (or ``relation_k`` for ``:k``). Vertex
    coordinates and shapes are ignored; only the first network of a project
    file is read.

    Two-mode files (``*Vertices n n1``): vertices ``1..n1`` become actors and
    the others ``meetings`` (attendance) or ``duties`` (``two_mode=``), from
    the ties between the two sets. Pajek cannot hold tiers or kinds: every
    actor gets ``default_tier`` and kind ``actor``.

    Raises
    ------
    FileFormatError
        A line that cannot be parsed, a vertex number out of range, a bad
        weight; the message names the line.
    TooLargeError
        ``*Vertices`` declares more than ``max_actors`` (default 1,000,000).
    """
    p = _path(path)
    name = os.path.basename(p)
    text = _read_text(p, "Pajek file", encoding)
    n: int | None = None
    n1: int | None = None
    labels: dict[int, str] = {}
    ties: list[tuple[int, int, float, str, bool]] = []
    relation_names: dict[int, str] = {}
    section = None
    rel_key: int | None = None
    matrix_row = 0
    seen_network = False

    def vertex(tok: str, lineno: int) -> int:
        try:
            v = int(tok)
        except ValueError:
            raise FileFormatError(f"{name} line {lineno}: vertex {tok!r} is not a number") from None
        if n is None or not 1 <= v <= n:
            raise FileFormatError(f"{name} line {lineno}: vertex {v} is out of range 1..{n}")
        return v

    def rel_name(k: int | None) -> str:
        if k is None:
            return default_relation
        return relation_names.get(k, f"relation_{k}")

    def end_matrix(lineno: int) -> None:
        if section == "matrix" and matrix_row != n:
            raise FileFormatError(f"{name} line {lineno}: *Matrix has {matrix_row} rows, expected {n}")

    lineno = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            end_matrix(lineno)
            head = line.split()[0].lower()
            rest = line[len(line.split()[0]):].strip()
            if head in ("*network", "*vertices") and seen_network and head == "*network":
                break  # a second network of a project file
            if head == "*network":
                seen_network = True
                section = None
                continue
            if head == "*vertices":
                if n is not None:
                    break
                parts = rest.split()
                try:
                    n = int(parts[0])
                    n1 = int(parts[1]) if len(parts) > 1 else None
                except (ValueError, IndexError):
                    raise FileFormatError(f"{name} line {lineno}: bad *Vertices line {line!r}") from None
                _check_size(n, p, "*Vertices", max_actors)
                if n1 is not None and not 0 <= n1 <= n:
                    raise FileFormatError(f"{name} line {lineno}: two-mode split {n1} not in 0..{n}")
                section = "vertices"
                continue
            if head in ("*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix"):
                if n is None:
                    raise FileFormatError(f"{name} line {lineno}: {head} before *Vertices")
                section = head[1:]
                rel_key = None
                matrix_row = 0
                m = re.match(r':\s*(\d+)\s*(.*)$', rest)
                if m:
                    rel_key = int(m.group(1))
                    lab = _tokens(m.group(2))
                    if lab:
                        relation_names[rel_key] = lab[0]
                continue
            section = "skip"  # *Partition, *Vector, *Permutation...: not ours
            continue
        if section is None or section == "skip":
            if section is None:
                raise FileFormatError(f"{name} line {lineno}: data before any *Vertices/*Arcs/*Edges")
            continue
        toks = _tokens(line)
        if section == "vertices":
            v = vertex(toks[0], lineno)
            if len(toks) > 1:
                labels[v] = toks[1]
            continue
        key = rel_key
        if toks[0].endswith(":") and toks[0][:-1].isdigit():
            key = int(toks[0][:-1])
            toks = toks[1:]
        directed = section in ("arcs", "arcslist", "matrix")
        if section in ("arcs", "edges"):
            if len(toks) < 2:
                raise FileFormatError(f"{name} line {lineno}: expected 'from to [weight]', got {line!r}")
            w = _number(toks[2], p, lineno, "weight") if len(toks) > 2 else 1.0
            ties.append((vertex(toks[0], lineno), vertex(toks[1], lineno), w, rel_name(key), directed))
        elif section in ("arcslist", "edgeslist"):
            u = vertex(toks[0], lineno)
            for t in toks[1:]:
                ties.append((u, vertex(t, lineno), 1.0, rel_name(key), directed))
        else:  # matrix
            assert n is not None
            matrix_row += 1
            if matrix_row > n:
                raise FileFormatError(f"{name} line {lineno}: *Matrix has more than {n} rows")
            if len(toks) != n:
                raise FileFormatError(f"{name} line {lineno}: *Matrix row has {len(toks)} values, expected {n}")
            for j, t in enumerate(toks, start=1):
                w = _number(t, p, lineno)
                if w != 0:
                    ties.append((matrix_row, j, w, rel_name(key), True))
    end_matrix(lineno)
    if n is None:
        raise FileFormatError(f"{name}: no *Vertices line (not a Pajek network)")
    if n == 0:
        raise FileFormatError(f"{name}: *Vertices 0: the network has no actors")
    ids = [labels.get(v, str(v)) for v in range(1, n + 1)]
    if len(set(ids)) != n:
        dup = pd.Index(ids)[pd.Index(ids).duplicated()][0]
        raise FileFormatError(f"{name}: vertex label {dup!r} is used twice; labels are actor ids")
    # resolve relation names that were declared after use (":k" before its label)
    ties = [(u, v, w, relation_names.get(int(r[9:]), r) if r.startswith("relation_") and r[9:].isdigit()
             else r, d) for u, v, w, r, d in ties]
    if n1 is not None:
        col = "meeting" if two_mode == "meetings" else "duty"
        if two_mode not in ("meetings", "duties"):
            raise InvalidNetworkError(f"two_mode must be 'meetings' or 'duties', got {two_mode!r}")
        actors = pd.DataFrame({"id": ids[:n1], "tier": default_tier})
        long = []
        for u, v, w, _, _ in ties:
            a, e = (u, v) if u <= n1 else (v, u)
            if a > n1 or e <= n1:
                raise FileFormatError(f"{name}: tie {u}-{v} does not join the two modes (split at {n1})")
            long.append({col: ids[e - 1], "actor": ids[a - 1], "weight": w})
        table = pd.DataFrame(long, columns=[col, "actor", "weight"])
        return _build(actors, None, None, default_tier=default_tier, path=p,
                      meetings=table if col == "meeting" else None,
                      duties=table if col == "duty" else None)
    directions: dict[str, bool] = {}
    for *_, r, d in ties:
        directions[r] = directions.get(r, False) or d
    rows = []
    for u, v, w, r, d in ties:
        rows.append((ids[u - 1], ids[v - 1], r, w))
        if directions[r] and not d and u != v:
            rows.append((ids[v - 1], ids[u - 1], r, w))
    tie_frame = pd.DataFrame(rows, columns=["source", "target", "relation", "weight"])
    return _build(pd.DataFrame({"id": ids}), tie_frame, directions, default_tier=default_tier,
                  path=p)


# ---------------------------------------------------------------------------
# UCINET DL

_DL_SECTION = re.compile(
    r"(?im)(?<![\w])(row\s+labels|col(?:umn)?\s+labels|matrix\s+labels|labels)(\s+embedded)?"
    r"[ \t]*(?::|$)")
_DL_LABEL = re.compile(r'"([^"]*)"|([^\s,="]+)')


def _dl_labels(text: str) -> list[str]:
    return [a if a else b for a, b in _DL_LABEL.findall(text)]


def write_dl(net: Network, path: str | os.PathLike[str], *, format: str = "auto") -> None:
    """Write a UCINET DL file (UTF-8), every relation as one matrix (``nm``).

    ``format``: ``"fullmatrix"``, ``"edgelist1"`` or ``"auto"`` (full matrix up
    to 500 actors, else edge list). Labels are the actor ids, quoted; matrix
    labels the relation names. An undirected relation is written symmetric;
    a directed one as is. Tiers, kinds and display names are not written
    (DL has no place for them). Matrices of an edge list are separated by a
    line ``!``. Note UCINET itself may truncate long labels and upper-case them.
    """
    if format not in ("auto", "fullmatrix", "edgelist1"):
        raise InvalidNetworkError(f"format must be 'auto', 'fullmatrix' or 'edgelist1', got {format!r}")
    n = len(net)
    if format == "auto":
        format = "fullmatrix" if n <= 500 else "edgelist1"
    rels = net.relations or []

    def q(label: Any) -> str:  # quote only where needed: igraph's DL reader takes no quotes
        text = str(label).replace('"', "'")
        return f'"{text}"' if not text or re.search(r'[\s,="]', text) else text

    # "dl n=.." and "format = .." on lines of their own, as UCINET writes them (igraph's
    # reader accepts no other layout); nm only when there are several matrices.
    out = [f"dl n={n}" + (f" nm={len(rels)}" if len(rels) > 1 else ""), f"format = {format}",
           "labels:", ",".join(q(a) for a in net.actor_ids)]
    if rels:
        out += ["matrix labels:", ",".join(q(r) for r in rels)]
    out.append("data:")
    mats = rels or [None]
    for k, rel in enumerate(mats):
        if format == "fullmatrix":
            m = dense_zeros(n, n, "DL full matrix")
            if rel is not None:
                m = to_adjacency(net, relation=rel)[0]
            out += [" ".join(_fmt_weight(x) for x in row) for row in m]
        else:
            if k:
                out.append("!")
            if rel is not None:
                s, t, w = net.layer(rel).edges()
                sym = not net.relation_spec(rel).directed
                for a, b, x in zip(s, t, w):
                    out.append(f"{a + 1} {b + 1} {_fmt_weight(x)}")
                    if sym and a != b:
                        out.append(f"{b + 1} {a + 1} {_fmt_weight(x)}")
    out.append("")
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def read_dl(path: str | os.PathLike[str], *, default_tier: str = "plural",
            directed: bool | Mapping[str, bool] | None = None, two_mode: str = "meetings",
            encoding: str | None = None, max_actors: int | None = None) -> Network:
    """Read a UCINET DL file.

    Formats ``fullmatrix`` (default), ``edgelist1`` and ``nodelist1``; labels
    given in a ``labels:`` (or ``row labels:``/``column labels:``) section or
    ``labels embedded`` in the data; several matrices (``nm=``, named by
    ``matrix labels:``) become relation layers (in edge and node lists,
    matrices are separated by a line ``!``). Without labels, actors are
    numbered ``1..n``. Entries are separated by spaces or commas.

    Direction: DL matrices carry none, so a relation is undirected if its
    matrix is symmetric, directed otherwise — unless ``directed`` (a bool or
    a dict per relation) says so. Two-mode data (``nr=``, ``nc=``): rows are
    actors, columns become ``meetings`` or ``duties`` (``two_mode=``), the
    non-zero cells their incidence with a ``weight`` column. DL holds no
    tiers or kinds: every actor gets ``default_tier``.

    Raises
    ------
    TooLargeError
        The header declares more than ``max_actors`` (default 1,000,000) rows
        or columns; refused before anything is allocated.
    FileFormatError
        No ``dl`` keyword or ``data:`` line, too few or too many values, an
        unknown label or number; the message names the line.
    """
    p = _path(path)
    name = os.path.basename(p)
    text = _read_text(p, "DL file", encoding)
    m = re.search(r"(?im)^[ \t]*data[ \t]*:", text)
    if m is None:
        raise FileFormatError(f"{name}: no 'data:' line (not a UCINET DL file?)")
    header, body = text[:m.start()], text[m.end():]
    data_line = text[:m.end()].count("\n") + 1
    if not re.match(r"(?is)\s*dl\b", header):
        raise FileFormatError(f"{name}: a DL file must start with the keyword DL")
    params = {k.lower(): v for k, v in re.findall(r"(?i)\b(n|nr|nc|nm|format|diagonal)\s*=\s*([^\s,]+)",
                                                   header)}

    def int_param(key: str) -> int | None:
        if key not in params:
            return None
        try:
            v = int(params[key])
        except ValueError:
            raise FileFormatError(f"{name}: {key}={params[key]!r} is not an integer") from None
        if key == "nm":
            if not 1 <= v <= 10_000:
                raise (TooLargeError if v > 10_000 else FileFormatError)(
                    f"{name}: nm={v} matrices is out of range 1..10000")
        else:
            _check_size(v, p, f"{key}=", max_actors)
        return v

    n, nr, nc, nm = int_param("n"), int_param("nr"), int_param("nc"), int_param("nm") or 1
    if params.get("diagonal", "present").lower() != "present":
        raise FileFormatError(f"{name}: diagonal={params['diagonal']} is not supported "
                              f"(write the full matrix with its diagonal)")
    fmt = params.get("format", "fullmatrix").lower()
    if fmt == "edgelist":
        fmt = "edgelist1"
    if fmt == "nodelist":
        fmt = "nodelist1"
    if fmt not in ("fullmatrix", "edgelist1", "nodelist1"):
        raise FileFormatError(f"{name}: format={fmt!r} is not supported "
                              f"(supported: fullmatrix, edgelist1, nodelist1)")
    two = nr is not None or nc is not None
    if two:
        if nr is None or nc is None:
            raise FileFormatError(f"{name}: give both nr= and nc= for two-mode data")
        if n is not None and (n != nr or n != nc):
            raise FileFormatError(f"{name}: n={n} contradicts nr={nr}, nc={nc}")
    else:
        if n is None:
            raise FileFormatError(f"{name}: the header gives no n= (number of actors)")
        nr = nc = n
    assert nr is not None and nc is not None
    embedded = re.search(r"(?i)labels\s+embedded", header) is not None
    sections: dict[str, list[str]] = {}
    hits = [(mm.start(), mm.end(), mm.group(1).lower(), mm.group(2))
            for mm in _DL_SECTION.finditer(header)]
    for i, (_, end, kind, emb) in enumerate(hits):
        kind = re.sub(r"\s+", " ", kind).replace("col labels", "column labels")
        if emb:
            continue
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(header)
        chunk = header[end:stop]
        chunk = re.sub(r"(?i)\b(n|nr|nc|nm|format|diagonal)\s*=\s*[^\s,]+", " ", chunk)
        sections[kind] = _dl_labels(chunk)
    row_labels = sections.get("row labels") or sections.get("labels")
    col_labels = sections.get("column labels") or (sections.get("labels") if not two else None)
    if not two and row_labels is None:
        row_labels = col_labels
    for lab, count, what in ((row_labels, nr, "row labels"), (col_labels, nc, "column labels")):
        if lab is not None and len(lab) != count:
            raise FileFormatError(f"{name}: {len(lab)} {what} for {count} rows/columns")
    mat_labels = sections.get("matrix labels")
    if mat_labels is not None and len(mat_labels) != nm:
        raise FileFormatError(f"{name}: {len(mat_labels)} matrix labels for nm={nm}")
    rel_names = mat_labels or (["tie"] if nm == 1 else [f"relation_{k + 1}" for k in range(nm)])
    if len(set(rel_names)) != len(rel_names):
        raise FileFormatError(f"{name}: matrix labels repeat a name: {rel_names}")

    # Cells (row index, col index, value, matrix) from the data.
    rows_idx: list[int] = []
    cols_idx: list[int] = []
    vals: list[float] = []
    mats: list[int] = []
    lines = body.splitlines()
    if embedded and row_labels is None:
        row_labels = []
        col_labels = [] if two else row_labels

    def lookup(tok: str, labels: list[str] | None, count: int, lineno: int, what: str) -> int:
        if embedded:
            assert labels is not None
            try:
                return labels.index(tok)
            except ValueError:
                if not two or fmt != "fullmatrix":
                    if len(labels) >= count:
                        raise FileFormatError(
                            f"{name} line {lineno}: {what} label {tok!r} would exceed "
                            f"the {count} declared") from None
                    labels.append(tok)
                    return len(labels) - 1
                raise FileFormatError(f"{name} line {lineno}: unknown {what} label {tok!r}") from None
        if labels is not None and not re.fullmatch(r"[+-]?\d+", tok):
            try:
                return labels.index(tok)
            except ValueError:
                raise FileFormatError(f"{name} line {lineno}: unknown {what} label {tok!r}") from None
        try:
            v = int(tok)
        except ValueError:
            raise FileFormatError(f"{name} line {lineno}: {what} {tok!r} is not a number "
                                  f"(labels embedded not declared)") from None
        if not 1 <= v <= count:
            raise FileFormatError(f"{name} line {lineno}: {what} {v} is out of range 1..{count}")
        return v - 1

    if fmt == "fullmatrix":
        # Tokens with their line numbers; matrices follow one another.
        toks: list[tuple[str, int]] = []
        for off, line in enumerate(lines):
            for t in _dl_labels(line) if embedded else re.split(r"[\s,]+", line.strip()):
                if t and t != "!":
                    toks.append((t, data_line + off))
        pos = 0
        for k in range(nm):
            if embedded:
                if k == 0 or [t for t, _ in toks[pos:pos + nc]] == col_labels:
                    if pos + nc > len(toks):
                        raise FileFormatError(f"{name}: data ends inside the column labels")
                    head = [t for t, _ in toks[pos:pos + nc]]
                    if k == 0:
                        if col_labels is not None and col_labels != [] and head != col_labels:
                            raise FileFormatError(f"{name}: embedded column labels differ from the header's")
                        if two:
                            col_labels = head
                        else:
                            row_labels[:] = head
                            col_labels = row_labels
                    pos += nc
            for i in range(nr):
                if embedded:
                    if pos >= len(toks):
                        raise FileFormatError(f"{name}: data ends in matrix {k + 1} row {i + 1} "
                                              f"(expected {nr} rows of {nc} values)")
                    lab, ln = toks[pos]
                    assert col_labels is not None
                    expect = (row_labels[i] if (not two or row_labels) and i < len(row_labels)
                              else None)
                    if two and len(row_labels) <= i:
                        row_labels.append(lab)
                    elif expect is not None and lab != expect:
                        raise FileFormatError(f"{name} line {ln}: row label {lab!r}, expected {expect!r}")
                    pos += 1
                if pos + nc > len(toks):
                    ln = toks[-1][1] if toks else data_line
                    raise FileFormatError(
                        f"{name} line {ln}: data ends early: matrix {k + 1} row {i + 1} needs "
                        f"{nc} values; expected {nr * nc * nm} values in all")
                for j in range(nc):
                    t, ln = toks[pos + j]
                    x = _number(t, p, ln)
                    if x != 0:
                        rows_idx.append(i)
                        cols_idx.append(j)
                        vals.append(x)
                        mats.append(k)
                pos += nc
        if pos != len(toks):
            raise FileFormatError(f"{name} line {toks[pos][1]}: {len(toks) - pos} values more than "
                                  f"the {nm} matrix(es) of {nr}x{nc} declared")
    else:
        k = 0
        for off, line in enumerate(lines):
            ln = data_line + off
            parts = [t for t in (_dl_labels(line) if embedded else re.split(r"[\s,]+", line.strip()))
                     if t]
            if not parts:
                continue
            if parts == ["!"]:
                k += 1
                if k >= nm:
                    raise FileFormatError(f"{name} line {ln}: more than nm={nm} matrices")
                continue
            i = lookup(parts[0], row_labels, nr, ln, "row")
            if fmt == "edgelist1":
                if len(parts) == 1:
                    continue  # an isolate, named only
                if len(parts) > 3:
                    raise FileFormatError(f"{name} line {ln}: expected 'row col [value]', got {line.strip()!r}")
                j = lookup(parts[1], col_labels, nc, ln, "column")
                x = _number(parts[2], p, ln) if len(parts) == 3 else 1.0
                if x != 0:
                    rows_idx.append(i)
                    cols_idx.append(j)
                    vals.append(x)
                    mats.append(k)
            else:
                for t in parts[1:]:
                    rows_idx.append(i)
                    cols_idx.append(lookup(t, col_labels, nc, ln, "column"))
                    vals.append(1.0)
                    mats.append(k)
    if embedded and len(row_labels) < nr:
        row_labels += [f"#{i + 1}" for i in range(len(row_labels), nr)]  # never named in the data
    if nr == 0:
        raise FileFormatError(f"{name}: the header declares no actors")
    rids = row_labels or [str(i + 1) for i in range(nr)]
    if any(v < 0 for v in vals):
        raise FileFormatError(f"{name}: negative values are not valid tie weights")
    if len(set(rids)) != len(rids):
        raise FileFormatError(f"{name}: a label is used twice; labels are actor ids")
    if two:
        cids = col_labels or [str(j + 1) for j in range(nc)]
        col = "meeting" if two_mode == "meetings" else "duty"
        table = pd.DataFrame({col: [cids[j] for j in cols_idx], "actor": [rids[i] for i in rows_idx],
                              "weight": vals})
        if nm > 1:
            table["matrix"] = [rel_names[k] for k in mats]
        actors = pd.DataFrame({"id": rids, "tier": default_tier})
        return _build(actors, None, None, default_tier=default_tier, path=p,
                      meetings=table if col == "meeting" else None,
                      duties=table if col == "duty" else None)
    rows_a = np.asarray(rows_idx, dtype=np.int64)
    cols_a = np.asarray(cols_idx, dtype=np.int64)
    vals_a = np.asarray(vals, dtype=float)
    mats_a = np.asarray(mats, dtype=np.int64)
    dirs: dict[str, bool] = {}
    keep = np.ones(len(vals_a), dtype=bool)
    for k, rel in enumerate(rel_names):
        sel = np.flatnonzero(mats_a == k)
        if isinstance(directed, Mapping):
            d = directed.get(rel)
        else:
            d = directed
        pairs = {(int(rows_a[s]), int(cols_a[s])): float(vals_a[s]) for s in sel}
        if d is None:
            d = any(pairs.get((b, a)) != w for (a, b), w in pairs.items())
        dirs[rel] = bool(d)
        if not d:
            keep[sel[rows_a[sel] > cols_a[sel]]] = False  # symmetric: keep the upper triangle
            if any(pairs.get((b, a), w) != w for (a, b), w in pairs.items()):
                raise FileFormatError(f"{name}: matrix {rel!r} is not symmetric but directed=False")
    ties = pd.DataFrame({"source": [rids[i] for i in rows_a[keep]],
                         "target": [rids[j] for j in cols_a[keep]],
                         "relation": [rel_names[k] for k in mats_a[keep]], "weight": vals_a[keep]})
    # relations without any tie still appear (as empty layers cannot exist, they are dropped)
    dirs = {r: d for r, d in dirs.items() if r in set(ties["relation"])}
    return _build(pd.DataFrame({"id": rids}), ties, dirs, default_tier=default_tier, path=p)


# ---------------------------------------------------------------------------
# CSV and Excel


def _actors_beside(ties_path: str) -> str:
    stem, _ = os.path.splitext(ties_path)
    return stem + ".actors.csv"


def read_csv(path: str | os.PathLike[str], *, actors: str | os.PathLike[str] | None = None,
             duties: str | os.PathLike[str] | None = None, default_tier: str = "plural",
             encoding: str | None = None, **kwargs: Any) -> Network:
    """Read a ties CSV (``source``, ``target``, optional ``relation``, ``weight``, ``directed``).

    Actors come from ``actors`` (a CSV with ``id``, ``tier``, ...), else from
    ``<stem>.actors.csv`` beside the ties file (as :func:`write_csv` writes),
    else from the ids in the ties, all with ``default_tier``; likewise duties
    and meetings from ``<stem>.duties.csv`` and ``<stem>.meetings.csv``. See
    :meth:`Network.from_csv` for encodings and the other options.
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
    if "meetings" not in kwargs and os.path.isfile(stem + ".meetings.csv"):
        kwargs["meetings"] = read_table(stem + ".meetings.csv", what="meetings", encoding=encoding)
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


# ---------------------------------------------------------------------------
# numpy / scipy.sparse adjacency


def to_adjacency(net: Network, *, relation: Any = None, sparse: bool = False,
                 mode: str = "sum") -> tuple[Any, pd.Index]:
    """``(matrix, labels)``: the adjacency matrix of a relation (or the aggregate)
    and the actor ids labelling its rows and columns.

    ``A[i, j]`` is the weight of the tie i → j (undirected ties fill both
    cells), as networkx's ``to_numpy_array``. ``sparse=True`` gives a
    ``scipy.sparse.csr_array``.
    """
    g = net.layer(relation, mode=mode)
    s, t, w = g.edges()
    n = len(net)
    s, t, w = np.asarray(s), np.asarray(t), np.asarray(w, dtype=float)
    if not g.directed:
        off = s != t
        s, t, w = np.concatenate([s, t[off]]), np.concatenate([t, s[off]]), np.concatenate([w, w[off]])
    if sparse:
        import scipy.sparse as sp

        return sp.csr_array((w, (s, t)), shape=(n, n)), net.actor_ids.copy()
    m = dense_zeros(n, n, "adjacency matrix")
    np.add.at(m, (s, t), w)
    return m, net.actor_ids.copy()


def from_adjacency(matrix: Any, labels: Any = None, *, tiers: Any = None,
                   relation: str = "tie", directed: bool | None = None) -> Network:
    """A one-layer network from a square numpy array, DataFrame or scipy.sparse matrix.

    Non-zero cells are ties with their value as weight. ``labels`` names the
    actors (default: a DataFrame's index, else ``0..n-1``); ``tiers`` is an
    optional sequence of tiers (default all ``plural``). ``directed=None``
    makes the network undirected when the matrix is symmetric.
    """
    if isinstance(matrix, pd.DataFrame):
        if labels is None:
            labels = list(matrix.index)
        matrix = matrix.to_numpy(dtype=float)
    if hasattr(matrix, "tocoo"):
        coo = matrix.tocoo()
        shape = coo.shape
        r, c, v = np.asarray(coo.row), np.asarray(coo.col), np.asarray(coo.data, dtype=float)
    else:
        arr = np.asarray(matrix, dtype=float)
        shape = arr.shape
        if arr.ndim != 2:
            raise InvalidNetworkError(f"adjacency must be a square 2-d matrix, got shape {shape}")
        r, c = np.nonzero(arr)
        v = arr[r, c]
    if len(shape) != 2 or shape[0] != shape[1]:
        raise InvalidNetworkError(f"adjacency must be a square matrix, got shape {shape}")
    n = shape[0]
    keep = v != 0
    r, c, v = r[keep], c[keep], v[keep]
    if directed is None:
        cells = dict(zip(zip(r.tolist(), c.tolist()), v.tolist()))
        directed = any(cells.get((b, a)) != w for (a, b), w in cells.items())
    if not directed:
        upper = r <= c
        r, c, v = r[upper], c[upper], v[upper]
    if labels is None:
        labels = [str(i) for i in range(n)]
    if len(labels) != n:
        raise InvalidNetworkError(f"{len(labels)} labels for a {n}x{n} matrix")
    return Network.from_arrays(r.astype(np.int64), c.astype(np.int64), v, actors=list(labels),
                               tiers=tiers, relation=relation, directed=bool(directed))


# ---------------------------------------------------------------------------
# igraph


def to_igraph(net: Network) -> Any:
    """An ``igraph.Graph``: directed if any relation is; vertex attributes ``name``
    (the actor id), ``label`` (display name), ``tier``, ``kind`` and other actor
    columns; edge attributes ``relation``, ``weight`` and extra tie columns. Graph
    attribute ``govnet_relations`` keeps each relation's direction (an undirected
    tie is stored once)."""
    import igraph as ig

    actors, ties, directed = _parts(net)
    g = ig.Graph(n=len(actors), directed=any(directed.values()))
    g.vs["name"] = [str(a) for a in actors["id"]]
    for c in actors.columns:
        if c == "id":
            continue
        g.vs["label" if c == "name" else str(c)] = actors[c].tolist()
    pos = {a: i for i, a in enumerate(actors["id"])}
    g.add_edges([(pos[s], pos[t]) for s, t in zip(ties["source"], ties["target"])])
    for c in ties.columns:
        if c not in ("source", "target"):
            g.es[str(c)] = ties[c].tolist()
    g["govnet_relations"] = json.dumps(directed)
    g["name"] = str(net.meta.get("name", ""))
    return g


def from_igraph(graph: Any, *, default_tier: str = "plural", default_relation: str = "tie") -> Network:
    """A network from an ``igraph.Graph`` (as :func:`to_igraph` writes, or any graph).

    Vertex ``name`` is the actor id (else the vertex index), ``label`` the
    display name; ``tier`` (``default_tier`` where absent), ``kind`` and other
    vertex attributes become actor columns. Edge ``relation``
    (``default_relation`` where absent) and ``weight`` (1) make the layers;
    direction from ``graph["govnet_relations"]`` or the graph's own.
    """
    vattrs = graph.vs.attributes()
    n = graph.vcount()
    if n == 0:
        raise InvalidNetworkError("the igraph graph has no vertices")
    ids = [str(x) for x in graph.vs["name"]] if "name" in vattrs else [str(i) for i in range(n)]
    actors = pd.DataFrame({"id": ids})
    for a in vattrs:
        if a != "name":
            actors["name" if a == "label" else a] = graph.vs[a]
    edges = graph.get_edgelist()
    ties = pd.DataFrame({"source": [ids[s] for s, _ in edges], "target": [ids[t] for _, t in edges]})
    for a in graph.es.attributes():
        ties[a] = graph.es[a]
    if "relation" not in ties.columns:
        ties["relation"] = default_relation
    stored = graph["govnet_relations"] if "govnet_relations" in graph.attributes() else None
    if stored:
        directed = {str(k): bool(v) for k, v in json.loads(stored).items()}
    else:
        directed = {str(r): graph.is_directed() for r in ties["relation"].unique()}
    present = set(ties["relation"].astype(str))
    directed = {r: d for r, d in directed.items() if r in present}
    meta = {"name": graph["name"]} if "name" in graph.attributes() and graph["name"] else {}
    actors["tier"] = actors["tier"] if "tier" in actors.columns else default_tier
    actors["tier"] = actors["tier"].fillna(default_tier)
    return Network.from_frames(actors, ties, directed=directed or None, meta=meta)


# ---------------------------------------------------------------------------
# Dispatch by format name and file extension

#: Format name -> reader ``f(path, **options) -> Network``.
READERS: dict[str, Callable[..., Network]] = {
    "graphml": read_graphml,
    "gexf": read_gexf,
    "pajek": read_pajek,
    "dl": read_dl,
    "csv": read_csv,
    "excel": read_excel,
}

#: Format name -> writer ``f(net, path, **options)``.
WRITERS: dict[str, Callable[..., None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "pajek": write_pajek,
    "dl": write_dl,
    "csv": write_csv,
    "excel": write_excel,
}

_EXTENSIONS = {".graphml": "graphml", ".xml": "graphml", ".gexf": "gexf", ".net": "pajek",
               ".paj": "pajek", ".dl": "dl", ".csv": "csv", ".xlsx": "excel", ".xlsm": "excel"}


def format_of(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format name for ``path`` (from ``format`` or the file extension)."""
    if format is not None:
        key = {"net": "pajek", "paj": "pajek", "xlsx": "excel"}.get(format.lower(), format.lower())
        if key not in READERS:
            raise InvalidNetworkError(f"unknown format {format!r}; formats: {', '.join(READERS)}")
        return key
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in _EXTENSIONS:
        raise InvalidNetworkError(
            f"cannot tell the format of {os.fspath(path)!r} from its extension {ext!r}; "
            f"known: {', '.join(sorted(_EXTENSIONS))}")
    return _EXTENSIONS[ext]


def read(path: str | os.PathLike[str], *, format: str | None = None, **options: Any) -> Network:
    """Read a network, choosing the reader by ``format`` or the file extension."""
    return READERS[format_of(path, format)](path, **options)


def write(net: Network, path: str | os.PathLike[str], *, format: str | None = None,
          **options: Any) -> None:
    """Write a network, choosing the writer by ``format`` or the file extension."""
    WRITERS[format_of(path, format)](net, path, **options)
