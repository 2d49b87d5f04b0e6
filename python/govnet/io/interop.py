"""python-igraph graphs in and out."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from govnet.errors import InvalidNetworkError
from govnet.io._common import _parts
from govnet.model.network import Network


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
