"""python-igraph graphs in and out."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from govnet.errors import InvalidNetworkError
from govnet.io._common import _as_arcs, _collapse_arcs, _layer_ties, _mixed, _parts
from govnet.model.network import Network, warn_tables_not_written


def to_igraph(net: Network) -> Any:
    """An ``igraph.Graph`` whose layers are govnet's.

    Vertex attributes ``name`` (the actor id, as text), ``label`` (display
    name), ``tier`` (text), ``kind`` and other actor columns; edge attributes
    ``relation``, ``weight`` and extra tie columns. The edges are each layer's
    ties as govnet's measures read them (repeated rows merged by the
    ``duplicates`` policy, self-loops by ``self_loops``). Graph attribute
    ``govnet_relations`` (JSON) keeps each relation's direction.

    Direction: the graph is directed when every layer is, undirected when none
    is. An igraph graph has one direction, so a network mixing directed and
    undirected layers becomes a directed graph with each undirected tie as two
    arcs, u->v and v->u, and edge attribute ``directed`` (False on those
    pairs, True on the directed layers' arcs); :func:`from_igraph` reads a
    pair as one tie. On such a layer igraph's betweenness and closeness equal
    govnet's; ``as_undirected(mode="collapse")`` restores the undirected layer
    for degree (in+out degree counts each tie twice).
    """
    import igraph as ig

    warn_tables_not_written(net, "to_igraph", "an igraph graph",
                            kept=("duties", "meetings", "persons", "posts"))
    actors, _, _ = _parts(net)
    ties, directed = _layer_ties(net, "to_igraph")
    mixed = _mixed(directed)
    if mixed:
        ties = _as_arcs(ties, directed)
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
            g.es[str(c)] = [bool(x) for x in ties[c]] if c == "directed" else ties[c].tolist()
    g["govnet_relations"] = json.dumps(directed, ensure_ascii=False)
    g["name"] = str(net.meta.get("name", ""))
    return g


def from_igraph(graph: Any, *, default_tier: str = "plural", default_relation: str = "tie") -> Network:
    """A network from an ``igraph.Graph`` (as :func:`to_igraph` writes, or any graph).

    Vertex ``name`` is the actor id (else the vertex index), ``label`` the
    display name; ``tier`` (``default_tier`` where absent), ``kind`` and other
    vertex attributes become actor columns. Edge ``relation``
    (``default_relation`` where absent) and ``weight`` (1) make the layers;
    direction from ``graph["govnet_relations"]`` or the graph's own. In a
    directed graph, an undirected relation's tie given as two arcs u->v and
    v->u of equal weight (as :func:`to_igraph` writes it) is one tie.
    """
    if not (hasattr(graph, "vs") and hasattr(graph, "es") and hasattr(graph, "get_edgelist")):
        raise TypeError(f"from_igraph expects an igraph.Graph, got {type(graph).__name__}")
    vattrs = graph.vs.attributes()
    n = graph.vcount()
    if n == 0:
        raise InvalidNetworkError("the igraph graph has no vertices")
    ids = [str(x) for x in graph.vs["name"]] if "name" in vattrs else [str(i) for i in range(n)]
    for what, attrs, reserved in (("vertex", vattrs, ("id",)),
                                  ("edge", graph.es.attributes(), ("source", "target"))):
        clash = [a for a in attrs if a in reserved]
        if clash:
            raise InvalidNetworkError(
                f"igraph {what} attribute(s) {clash}: govnet takes actor ids and a tie's "
                f"source and target from the graph itself; rename the attribute(s)")
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
    if graph.is_directed():  # an undirected relation's ties as arc pairs (to_igraph, mixed)
        ties = _collapse_arcs(ties, directed)
    meta = {"name": graph["name"]} if "name" in graph.attributes() and graph["name"] else {}
    actors["tier"] = actors["tier"] if "tier" in actors.columns else default_tier
    actors["tier"] = actors["tier"].fillna(default_tier)
    return Network.from_frames(actors, ties, directed=directed or None, meta=meta)
