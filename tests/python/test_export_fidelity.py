"""Export keeps what govnet computed (issue 13, item 5).

After ``to_networkx()``, ``to_igraph()``, GraphML and GEXF (written by govnet,
read by networkx and igraph), every layer's betweenness, closeness and degree
computed by those tools equal govnet's on that layer. In govnet 0.1 undirected
layers came out as one-way arcs of a directed graph (Nanshan's betweenness
0.436 became 0.091), GraphML and GEXF carried the raw tie rows (a tie reported
twice became two parallel edges), ``nx.write_graphml(net.to_networkx())``
failed on the dict graph attribute, and integer networkx nodes came back as
text.
"""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import io as gio

# These round trips write networks with duties and meetings to formats that cannot
# hold them; the warning that names them is tested in test_no_silent_change.py.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*has no place for the network's:govnet.errors.GovnetWarning")

TOL = 1e-12


# -- networks -----------------------------------------------------------------


def random_mixed(seed: int, n: int = 14, m: int = 45) -> govnet.Network:
    """Three layers (two directed, one undirected) with repeated rows, a tie
    reported from both sides and self-loops, so merging matters."""
    rng = np.random.default_rng(seed)
    ids = [f"a{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "tier": rng.choice(["core", "support", "plural"], n)})
    rels = rng.choice(["orders", "talks", "funds"], m)
    src = rng.integers(0, n, m)
    dst = rng.integers(0, n, m)
    ties = pd.DataFrame({"source": [ids[i] for i in src], "target": [ids[j] for j in dst],
                         "relation": rels, "weight": rng.integers(1, 4, m).astype(float)})
    # a duplicate row, and an undirected tie reported from both sides
    dup = ties.iloc[[0]]
    t = ties[ties["relation"] == "talks"].iloc[[0]]
    both = t.rename(columns={"source": "target", "target": "source"})
    ties = pd.concat([ties, dup, both], ignore_index=True)
    return govnet.Network.from_frames(
        actors, ties, directed={"orders": True, "talks": False, "funds": True},
        duplicates="sum", self_loops="drop")


def random_one_direction(seed: int, directed: bool) -> govnet.Network:
    rng = np.random.default_rng(seed)
    n, m = 12, 40
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    return govnet.Network.from_arrays(src, dst, rng.integers(1, 3, m).astype(float), actors=n,
                                      directed=directed, duplicates="sum", self_loops="drop")


NETWORKS = {
    "nanshan": govnet.datasets.nanshan,
    "mixed0": lambda: random_mixed(0),
    "mixed1": lambda: random_mixed(1),
    "mixed2": lambda: random_mixed(2, n=20, m=80),
    "directed": lambda: random_one_direction(3, True),
    "undirected": lambda: random_one_direction(4, False),
}


@pytest.fixture(params=sorted(NETWORKS))
def net(request) -> govnet.Network:
    return NETWORKS[request.param]()


def directions(net: govnet.Network) -> dict[str, bool]:
    return {r: net.relation_spec(r).directed for r in net.relations}


def govnet_measures(net: govnet.Network, rel: str) -> dict[str, pd.Series]:
    return {"betweenness": govnet.betweenness_centrality(net, relation=rel),
            "closeness": govnet.closeness_centrality(net, relation=rel),
            "degree": govnet.degree_centrality(net, relation=rel)}


def assert_same(mine: pd.Series, theirs: dict, what: str) -> None:
    got = {str(k): float(v) for k, v in theirs.items()}
    assert set(got) == set(mine.index.astype(str)), what
    diff = max((abs(float(mine[k]) - got[str(k)]) for k in mine.index), default=0.0)
    assert diff <= TOL, f"{what}: differs from govnet by {diff}"


# -- networkx -------------------------------------------------------------------


def nx_layer(g: nx.Graph, rel: str, *, directed: bool | None = None) -> nx.Graph:
    """One relation's edges with every node; as the exported graph's own direction
    (directed=None) or as the relation's."""
    d = g.is_directed() if directed is None else directed
    h = nx.DiGraph() if d else nx.Graph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from((u, v) for u, v, r in g.edges(data="relation") if r == rel)
    return h


def check_networkx(net: govnet.Network, g: nx.Graph, what: str) -> None:
    """networkx's measures on each layer of an exported graph equal govnet's."""
    stored = json.loads(g.graph["govnet_relations"])
    assert stored == directions(net), what
    for rel, d in directions(net).items():
        ref = govnet_measures(net, rel)
        own = nx_layer(g, rel, directed=d)
        assert own.number_of_edges() == net.num_ties(rel), f"{what} {rel}"
        assert_same(ref["betweenness"], nx.betweenness_centrality(own), f"{what} {rel} betweenness")
        assert_same(ref["closeness"], nx.closeness_centrality(own), f"{what} {rel} closeness")
        assert_same(ref["degree"], nx.degree_centrality(own), f"{what} {rel} degree")
        # taken with the exported graph's own direction (arc pairs in a mixed
        # network) betweenness and closeness already agree
        native = nx_layer(g, rel)
        assert_same(ref["betweenness"], nx.betweenness_centrality(native),
                    f"{what} {rel} betweenness (as exported)")
        assert_same(ref["closeness"], nx.closeness_centrality(native),
                    f"{what} {rel} closeness (as exported)")


def test_to_networkx_layers_agree(net):
    check_networkx(net, net.to_networkx(), "to_networkx()")


def test_to_networkx_graph_types(net):
    g = net.to_networkx()  # every layer: a multigraph keyed by relation, never pooled
    d = directions(net)
    assert g.is_multigraph() and g.is_directed() == any(d.values())
    assert {k for _, _, k in g.edges(keys=True)} == set(net.relations)
    if any(d.values()) and not all(d.values()):
        assert {(a["relation"], a["directed"]) for _, _, a in g.edges(data=True)} == set(d.items())


def test_to_networkx_one_layer_is_that_layer(net):
    for rel, d in directions(net).items():
        g = net.to_networkx(relation=rel)
        assert type(g) is (nx.DiGraph if d else nx.Graph)
        assert g.number_of_nodes() == len(net) and g.number_of_edges() == net.num_ties(rel)
        ref = govnet_measures(net, rel)
        assert_same(ref["betweenness"], nx.betweenness_centrality(g), f"{rel} betweenness")
        assert_same(ref["closeness"], nx.closeness_centrality(g), f"{rel} closeness")
        assert_same(ref["degree"], nx.degree_centrality(g), f"{rel} degree")


def test_nanshan_undirected_layer_keeps_betweenness():
    net = govnet.datasets.nanshan()
    g = net.to_networkx()
    und = [r for r, d in directions(net).items() if not d]
    assert und and g.is_directed()
    for rel in und:
        mine = govnet.betweenness_centrality(net, relation=rel)
        theirs = nx.betweenness_centrality(nx_layer(g, rel))  # a DiGraph of the layer
        assert max(theirs.values()) == pytest.approx(mine.max(), abs=TOL)


def test_networkx_write_graphml_of_to_networkx(net, tmp_path):
    g = net.to_networkx()
    nx.write_graphml(g, tmp_path / "nx.graphml")
    nx.write_gexf(g, tmp_path / "nx.gexf")
    back = nx.read_graphml(tmp_path / "nx.graphml")
    check_networkx(net, back, "nx.write_graphml(to_networkx())")
    # govnet reads networkx's file back to the same layers
    again = gio.read_graphml(tmp_path / "nx.graphml")
    assert layer_ties(again) == layer_ties(net)


def test_to_networkx_converts_attribute_types(tmp_path):
    actors = pd.DataFrame({"id": ["x", "y", "z"], "tier": ["core", "support", "plural"],
                           "size": [1.5, np.nan, 3.0], "count": pd.array([1, None, 3], dtype="Int64"),
                           "since": pd.to_datetime(["2020-01-01", None, "2021-05-06"]),
                           "flag": [True, False, True]})
    ties = pd.DataFrame({"source": ["x", "y"], "target": ["y", "z"], "relation": "leadership"})
    net = govnet.Network.from_frames(actors, ties)
    net.meta["tags"] = ["a", "b"]  # not a GraphML type: left out
    g = net.to_networkx()
    nx.write_graphml(g, tmp_path / "t.graphml")
    assert "size" not in g.nodes["y"] and "count" not in g.nodes["y"] and "since" not in g.nodes["y"]
    assert g.nodes["x"]["size"] == 1.5 and g.nodes["x"]["count"] == 1
    assert g.nodes["x"]["since"].startswith("2020-01-01")
    assert g.nodes["x"]["tier"] == "core" and g.nodes["x"]["flag"] is True
    assert "tags" not in g.graph


# -- node ids -------------------------------------------------------------------


def test_integer_nodes_stay_integers():
    g = nx.karate_club_graph()
    net = govnet.Network.from_networkx(g, default_tier="plural")
    assert net.meta["networkx_node_type"] == "int"
    b = govnet.betweenness_centrality(net)  # results are indexed by the text ids
    h = net.to_networkx()
    assert sorted(h.nodes) == sorted(g.nodes) and all(type(v) is int for v in h.nodes)
    assert {frozenset(e) for e in h.edges()} == {frozenset(e) for e in g.edges()}
    ref = nx.betweenness_centrality(g)
    assert max(abs(b[str(v)] - ref[v]) for v in g) <= TOL
    assert max(abs(x - ref[v]) for v, x in nx.betweenness_centrality(h).items()) <= TOL


def test_integer_nodes_survive_save(tmp_path):
    g = nx.DiGraph([(10, 20), (20, 30)])
    net = govnet.Network.from_networkx(g, default_tier="plural")
    govnet.save(net, tmp_path / "n.govnet")
    back = govnet.load(tmp_path / "n.govnet")
    assert sorted(back.to_networkx().nodes) == [10, 20, 30]


def test_text_nodes_stay_text_and_other_types_warn():
    g = nx.Graph([("1", "2")])
    assert sorted(govnet.Network.from_networkx(g, default_tier="plural").to_networkx().nodes) == ["1", "2"]
    with pytest.warns(govnet.GovnetWarning, match="stored as the text"):
        govnet.Network.from_networkx(nx.grid_2d_graph(2, 2), default_tier="plural")


# -- igraph -------------------------------------------------------------------


def ig_layer(g, rel: str, directed: bool | None = None):
    h = g.subgraph_edges(g.es.select(relation_eq=rel), delete_vertices=False)
    if directed is False and h.is_directed():
        h = h.as_undirected(mode="collapse")
    return h


def ig_measures(h) -> dict[str, dict[str, float]]:
    n = h.vcount()
    # to_igraph: vertex "name" is the actor id; Read_GraphML puts GraphML node ids in "id"
    names = h.vs["id"] if "id" in h.vs.attributes() else h.vs["name"]
    d = h.is_directed()
    scale = (1.0 if d else 2.0) / ((n - 1) * (n - 2))
    bet = {v: b * scale for v, b in zip(names, h.betweenness(directed=d))}
    clo = {}
    for i, (v, c) in enumerate(zip(names, h.closeness(mode="in", normalized=True))):
        r = len(h.subcomponent(i, mode="in")) - 1  # networkx: incoming distances
        clo[v] = 0.0 if r == 0 or c != c else c * r / (n - 1)
    deg = {v: k / (n - 1) for v, k in zip(names, h.degree(mode="all", loops=True))}
    return {"betweenness": bet, "closeness": clo, "degree": deg}


def check_igraph(net: govnet.Network, g, what: str) -> None:
    assert json.loads(g["govnet_relations"]) == directions(net), what
    for rel, d in directions(net).items():
        ref = govnet_measures(net, rel)
        own = ig_measures(ig_layer(g, rel, directed=d))
        for m in ("betweenness", "closeness", "degree"):
            assert_same(ref[m], own[m], f"{what} {rel} {m}")
        native = ig_measures(ig_layer(g, rel))
        for m in ("betweenness", "closeness"):
            assert_same(ref[m], native[m], f"{what} {rel} {m} (as exported)")


def test_to_igraph_layers_agree(net):
    pytest.importorskip("igraph")
    check_igraph(net, gio.to_igraph(net), "to_igraph")


def test_igraph_round_trip_keeps_layers(net):
    pytest.importorskip("igraph")
    back = gio.from_igraph(gio.to_igraph(net))
    assert directions(back) == directions(net)
    assert layer_ties(back) == layer_ties(net)


# -- files -------------------------------------------------------------------


def layer_ties(net: govnet.Network) -> set[tuple[str, str, str, float]]:
    """Each layer's ties as govnet reads them (merged), undirected ends sorted."""
    out = set()
    ids = net.actor_ids
    for rel in net.relations:
        d = net.relation_spec(rel).directed
        s, t, w = net.layer(rel).edges()
        for a, b, x in zip(ids[s], ids[t], w):
            a, b = (a, b) if d else tuple(sorted((a, b)))
            out.add((str(a), str(b), rel, float(x)))
    return out


def test_graphml_read_by_networkx_and_igraph(net, tmp_path):
    path = tmp_path / "g.graphml"
    gio.write_graphml(net, path)
    check_networkx(net, nx.read_graphml(path), "GraphML -> networkx")
    ig = pytest.importorskip("igraph")
    check_igraph(net, ig.Graph.Read_GraphML(str(path)), "GraphML -> igraph")


def test_gexf_read_by_networkx(net, tmp_path):
    path = tmp_path / "g.gexf"
    gio.write_gexf(net, path)
    g = nx.read_gexf(path)
    g.graph["govnet_relations"] = json.dumps(directions(net))  # GEXF has no graph attributes
    check_networkx(net, g, "GEXF -> networkx")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_file_round_trip_keeps_layers(net, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    getattr(gio, f"write_{fmt}")(net, path)
    back = getattr(gio, f"read_{fmt}")(path)
    assert directions(back) == directions(net)
    assert layer_ties(back) == layer_ties(net)


def test_file_edges_are_the_layers(tmp_path):
    """A tie given twice is one edge in the file (0.1 wrote both rows)."""
    net = random_mixed(0)
    gio.write_graphml(net, tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    arcs = sum(net.num_ties(r) * (1 if d else 2) for r, d in directions(net).items())
    assert g.number_of_edges() == arcs
    assert len(net.ties()) != g.number_of_edges()


def test_merged_rows_that_disagree_warn(tmp_path):
    actors = pd.DataFrame({"id": ["x", "y"], "tier": ["core", "plural"]})
    ties = pd.DataFrame({"source": ["x", "y"], "target": ["y", "x"], "relation": "deliberation",
                         "note": ["from x", "from y"]})
    net = govnet.Network.from_frames(actors, ties, duplicates="sum")
    with pytest.warns(govnet.GovnetWarning, match="'note'"):
        gio.write_graphml(net, tmp_path / "n.graphml")
    g = nx.read_graphml(tmp_path / "n.graphml")
    assert g.number_of_edges() == 1 and next(iter(g.edges(data="weight")))[2] == 2.0


def test_networkx_round_trip_keeps_layers(net, tmp_path):
    back = govnet.Network.from_networkx(net.to_networkx())
    assert directions(back) == directions(net) and layer_ties(back) == layer_ties(net)
    # and through networkx's own GraphML writer and reader
    nx.write_graphml(net.to_networkx(), tmp_path / "r.graphml")
    again = govnet.Network.from_networkx(nx.read_graphml(tmp_path / "r.graphml"))
    assert directions(again) == directions(net) and layer_ties(again) == layer_ties(net)
