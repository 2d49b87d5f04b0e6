"""Readers and writers: round trips for every format, cross-checks against
networkx's own readers and writers, and the dialects of Pajek and UCINET DL
written by hand from their documentation."""

from __future__ import annotations


import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
import govnet.io as gio

# These round trips write networks with duties and meetings to formats that cannot
# hold them; the warning that names them is tested in test_no_silent_change.py.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*has no place for the network's:govnet.errors.GovnetWarning")


def small_zh() -> govnet.Network:
    """Chinese labels, fractional weights, a directed and an undirected layer, a
    weight-0 free isolate and an extra attribute column."""
    actors = pd.DataFrame({
        "id": ["党委", "居委会", "工作站", "物业公司", "业委会", "街道"],
        "name": ["社区综合党委", "社区居民委员会", "社区工作站", "万科物业", "业主委员会", "街道办事处"],
        "tier": ["core", "support", "support", "plural", "plural", "external"],
        "kind": ["party_committee", "residents_committee", "work_station", "property_company",
                 "owners_committee", "street_office"],
        "founded": ["2005", "1999", "2005", "2010", "2012", ""],
    })
    ties = pd.DataFrame({
        "source": ["党委", "党委", "党委", "居委会", "物业公司", "居委会", "街道"],
        "target": ["居委会", "工作站", "物业公司", "业委会", "业委会", "工作站", "党委"],
        "relation": ["leadership", "leadership", "leadership", "deliberation", "deliberation",
                     "deliberation", "guidance"],
        "weight": [1.0, 2.5, 0.125, 3.0, 1.0, 0.3, 1.0],
    })
    return govnet.Network.from_frames(actors, ties, meta={"name": "小区"})


def tie_set(net: govnet.Network) -> set[tuple[str, str, str, float]]:
    """Ties as (source, target, relation, weight), undirected ones with sorted ends."""
    out = set()
    for r in net.relations:
        t = net.ties(r)
        d = net.relation_spec(r).directed
        for s, g, w in zip(t["source"], t["target"], t["weight"]):
            a, b = (s, g) if d else tuple(sorted((s, g)))
            out.add((str(a), str(b), r, round(float(w), 12)))
    return out


def arc_set(net: govnet.Network) -> list[tuple[str, str, str, float]]:
    """Ties as a directed file or graph of a network mixing directed and undirected
    layers holds them: each undirected tie as two arcs (see write_graphml)."""
    out = []
    for s, t, r, w in net.ties()[["source", "target", "relation", "weight"]].itertuples(index=False):
        out.append((s, t, r, w))
        if not net.relation_spec(r).directed and s != t:
            out.append((t, s, r, w))
    return sorted(out)


def directions(net: govnet.Network) -> dict[str, bool]:
    return {r: net.relation_spec(r).directed for r in net.relations}


NETS = {"nanshan": govnet.datasets.nanshan, "small_zh": small_zh}
FULL = ["graphml", "gexf", "csv", "excel"]   # formats that hold tiers, kinds and names
EXT = {"graphml": ".graphml", "gexf": ".gexf", "csv": ".csv", "excel": ".xlsx",
       "pajek": ".net", "dl": ".dl"}


@pytest.mark.parametrize("which", list(NETS))
@pytest.mark.parametrize("fmt", FULL)
def test_full_round_trip(tmp_path, fmt, which):
    net = NETS[which]()
    path = tmp_path / f"net{EXT[fmt]}"
    gio.write(net, path)
    back = gio.read(path)
    assert list(back.actor_ids) == list(net.actor_ids)
    cols = ["name", "tier", "kind"] + (["name_en"] if "name_en" in net.actors else [])
    a, b = net.actors[cols].astype(str), back.actors[cols].astype(str)
    pd.testing.assert_frame_equal(a, b)
    assert directions(back) == directions(net)
    assert tie_set(back) == tie_set(net)
    extra = [c for c in net.actors.columns if c not in cols]
    for c in extra:  # extra columns come back as text (missing values stay missing)
        x = net.actors[c].replace("", np.nan).dropna().astype(str)
        y = back.actors[c].replace("", np.nan).dropna().astype(str)
        pd.testing.assert_series_equal(x, y, check_names=False)


@pytest.mark.parametrize("fmt", ["csv", "excel"])
def test_tables_keep_meetings_and_tie_columns(tmp_path, fmt):
    net = govnet.datasets.nanshan()
    path = tmp_path / f"n{EXT[fmt]}"
    gio.write(net, path)
    back = gio.read(path)
    pd.testing.assert_frame_equal(net.meetings[["meeting", "actor"]],
                                  back.meetings[["meeting", "actor"]])
    assert list(back.ties()["evidence"]) == list(net.ties()["evidence"])


@pytest.mark.parametrize("which", list(NETS))
@pytest.mark.parametrize("fmt", ["pajek", "dl"])
def test_id_only_round_trip(tmp_path, fmt, which):
    """Pajek and DL hold ids, relations, weights (and Pajek direction): not tiers or kinds."""
    net = NETS[which]()
    path = tmp_path / f"net{EXT[fmt]}"
    gio.write(net, path)
    back = gio.read(path)
    assert list(back.actor_ids) == list(net.actor_ids)
    assert set(back.actors["tier"]) == {"plural"}
    # DL infers direction from symmetry: these directed layers are asymmetric.
    assert directions(back) == directions(net)
    assert tie_set(back) == tie_set(net)


@pytest.mark.parametrize("fmt", ["fullmatrix", "edgelist1"])
def test_dl_both_formats(tmp_path, fmt):
    net = small_zh()
    gio.write_dl(net, tmp_path / "x.dl", format=fmt)
    back = gio.read_dl(tmp_path / "x.dl")
    assert tie_set(back) == tie_set(net)
    assert directions(back) == directions(net)


def test_igraph_round_trip():
    ig = pytest.importorskip("igraph")
    net = small_zh()
    g = gio.to_igraph(net)
    # mixed layers: a directed graph, each undirected tie as two arcs marked directed=False
    assert isinstance(g, ig.Graph) and g.vcount() == 6 and g.ecount() == 3 + 1 + 2 * 3
    assert g.is_directed()
    assert sorted((g.vs[e.source]["name"], g.vs[e.target]["name"], e["relation"], e["weight"])
                  for e in g.es) == arc_set(net)
    assert {(e["relation"], e["directed"]) for e in g.es} == {
        (r, d) for r, d in directions(net).items()}
    assert g.vs.find(name="党委")["tier"] == "core"
    back = gio.from_igraph(g)
    assert tie_set(back) == tie_set(net) and directions(back) == directions(net)
    pd.testing.assert_frame_equal(net.actors[["name", "tier", "kind"]],
                                  back.actors[["name", "tier", "kind"]])
    # a plain igraph graph: igraph's own adjacency must equal ours
    plain = ig.Graph.Famous("Zachary")
    mine = gio.from_igraph(plain)
    m, _ = gio.to_adjacency(mine)
    assert np.array_equal(m, np.array(plain.get_adjacency().data, dtype=float))


def test_adjacency_against_networkx():
    scipy = pytest.importorskip("scipy")
    net = small_zh()
    g = nx.DiGraph()
    g.add_nodes_from(net.actor_ids)
    t = net.ties("leadership")
    g.add_weighted_edges_from(zip(t["source"], t["target"], t["weight"]))
    ref = nx.to_numpy_array(g, nodelist=list(net.actor_ids))
    m, labels = gio.to_adjacency(net, relation="leadership")
    assert list(labels) == list(net.actor_ids)
    np.testing.assert_allclose(m, ref)
    s, _ = gio.to_adjacency(net, relation="leadership", sparse=True)
    assert scipy.sparse.issparse(s)
    np.testing.assert_allclose(s.toarray(), ref)
    # undirected: both cells; back from a labelled DataFrame and a sparse matrix
    und, _ = gio.to_adjacency(net, relation="deliberation")
    np.testing.assert_allclose(und, und.T)
    back = gio.from_adjacency(pd.DataFrame(und, index=net.actor_ids, columns=net.actor_ids))
    assert not back.relation_spec("tie").directed
    np.testing.assert_allclose(gio.to_adjacency(back)[0], und)
    back2 = gio.from_adjacency(scipy.sparse.csr_array(ref), labels=list(net.actor_ids))
    assert back2.relation_spec("tie").directed
    np.testing.assert_allclose(gio.to_adjacency(back2)[0], ref)
    with pytest.raises(govnet.InvalidNetworkError, match="square"):
        gio.from_adjacency(np.zeros((2, 3)))


# -- cross-checks with networkx's readers and writers -------------------------


def nx_tie_set(g: nx.Graph, default_relation: str = "tie") -> set[tuple[str, str, str, float]]:
    out = set()
    directed = g.is_directed()
    for u, v, d in g.edges(data=True):
        a, b = (u, v) if directed else tuple(sorted((u, v)))
        out.add((str(a), str(b), d.get("relation", default_relation), round(float(d.get("weight", 1)), 12)))
    return out


def one_relation(directed: bool) -> govnet.Network:
    net = small_zh()
    rel = "leadership" if directed else "deliberation"
    a, t, _ = net.to_frames()
    return govnet.Network.from_frames(a, t[t["relation"] == rel].drop(columns=["directed"]),
                                      directed=directed)


@pytest.mark.parametrize("directed", [True, False])
def test_graphml_against_networkx(tmp_path, directed):
    net = one_relation(directed)
    gio.write_graphml(net, tmp_path / "a.graphml")
    g = nx.read_graphml(tmp_path / "a.graphml")
    assert set(g.nodes) == set(net.actor_ids)
    assert g.is_directed() == directed
    assert nx_tie_set(g) == tie_set(net)
    assert {n: d["tier"] for n, d in g.nodes(data=True)} == net.actors["tier"].astype(str).to_dict()
    # the other way: networkx writes, govnet reads
    h = nx.DiGraph() if directed else nx.Graph()
    for n, d in g.nodes(data=True):
        h.add_node(n, tier=d["tier"], name=d["name"])
    for u, v, d in g.edges(data=True):
        h.add_edge(u, v, weight=d["weight"], relation=d["relation"])
    nx.write_graphml(h, tmp_path / "b.graphml")
    back = gio.read_graphml(tmp_path / "b.graphml")
    assert tie_set(back) == nx_tie_set(h)
    assert back.actors["name"].to_dict() == dict(h.nodes(data="name"))


def test_graphml_multi_relation_against_networkx(tmp_path):
    net = govnet.datasets.nanshan()
    gio.write_graphml(net, tmp_path / "m.graphml")
    g = nx.read_graphml(tmp_path / "m.graphml")  # a MultiDiGraph: parallel ties of two layers
    # directed and undirected layers: each undirected tie as two arcs (networkx refuses
    # per-edge directed="false" in a directed GraphML graph)
    ref = sorted((u, v, d["relation"], d["weight"]) for u, v, d in g.edges(data=True))
    assert ref == arc_set(net)
    assert all(d["directed"] == net.relation_spec(d["relation"]).directed
               for _, _, d in g.edges(data=True))


@pytest.mark.parametrize("directed", [True, False])
def test_gexf_against_networkx(tmp_path, directed):
    net = one_relation(directed)
    gio.write_gexf(net, tmp_path / "a.gexf")
    g = nx.read_gexf(tmp_path / "a.gexf")
    assert set(g.nodes) == set(net.actor_ids)
    assert nx_tie_set(g) == tie_set(net)
    assert dict(g.nodes(data="label")) == net.actors["name"].to_dict()
    h = nx.DiGraph() if directed else nx.Graph()
    for n, d in net.actors.iterrows():
        h.add_node(n, label=d["name"], tier=str(d["tier"]))
    t = net.ties()
    for s, tt, w in zip(t["source"], t["target"], t["weight"]):
        h.add_edge(s, tt, weight=float(w))
    nx.write_gexf(h, tmp_path / "b.gexf")
    back = gio.read_gexf(tmp_path / "b.gexf")
    assert {(a, b, w) for a, b, _, w in tie_set(back)} == {(a, b, w) for a, b, _, w in tie_set(net)}
    assert directions(back) == {"tie": directed}
    assert back.actors["name"].to_dict() == net.actors["name"].to_dict()
    assert back.actors["tier"].astype(str).to_dict() == net.actors["tier"].astype(str).to_dict()


@pytest.mark.parametrize("directed", [True, False])
def test_pajek_against_networkx(tmp_path, directed):
    # networkx's read_pajek reads one *Arcs/*Edges block only, so one relation here.
    net = one_relation(directed)
    gio.write_pajek(net, tmp_path / "a.net")
    g = nx.read_pajek(tmp_path / "a.net")
    assert set(g.nodes) == set(net.actor_ids)
    assert {(a, b, w) for a, b, _, w in nx_tie_set(g)} == {(a, b, w) for a, b, _, w in tie_set(net)}
    h = nx.DiGraph() if directed else nx.Graph()
    h.add_nodes_from(net.actor_ids)
    t = net.ties()
    h.add_weighted_edges_from(zip(t["source"], t["target"], t["weight"]))
    nx.write_pajek(h, tmp_path / "b.net")
    back = gio.read_pajek(tmp_path / "b.net")
    assert {(a, b, w) for a, b, _, w in tie_set(back)} == {(a, b, w) for a, b, _, w in tie_set(net)}
    assert directions(back) == {"tie": directed}


# -- Pajek dialects -------------------------------------------------------------


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_pajek_multirelational_forms(tmp_path):
    p = write(tmp_path, "m.net", """% a comment
*Network 社区
*Vertices 4
1 "党委" 0.1 0.2 0.5 ic Red
2 "居委会"
3 "工作站"
4 "物业"
*Arcs :1 "领导"
1 2 1
1 3 2.5
*Edges :2 "协商"
2 3
3 4 0.5
*Arcs
3: 4 1 1
*Arcslist :1 "领导"
1 4
""")
    net = gio.read_pajek(p)
    assert list(net.actor_ids) == ["党委", "居委会", "工作站", "物业"]
    assert directions(net) == {"领导": True, "协商": False, "relation_3": True}
    assert tie_set(net) == {("党委", "居委会", "领导", 1.0), ("党委", "工作站", "领导", 2.5),
                            ("党委", "物业", "领导", 1.0), ("居委会", "工作站", "协商", 1.0),
                            ("工作站", "物业", "协商", 0.5), ("物业", "党委", "relation_3", 1.0)}


def test_pajek_matrix_mixed_and_unlabelled(tmp_path):
    p = write(tmp_path, "x.net", "*Vertices 3\n*Arcs\n1 2 2\n*Edges\n2 3\n*Matrix :5 \"m\"\n0 1 0\n0 0 0\n1 0 0\n")
    net = gio.read_pajek(p)
    assert list(net.actor_ids) == ["1", "2", "3"]
    # arcs and edges of one unnamed relation: directed, each edge two arcs
    assert directions(net) == {"tie": True, "m": True}
    assert set(map(tuple, net.ties("tie")[["source", "target"]].values)) == {("1", "2"), ("2", "3"), ("3", "2")}
    assert set(map(tuple, net.ties("m")[["source", "target"]].values)) == {("1", "2"), ("3", "1")}


def test_pajek_two_mode(tmp_path):
    """Davis-style two-mode: actors first, events after; against networkx's bipartite view."""
    p = write(tmp_path, "t.net", '*Vertices 5 3\n1 "a"\n2 "b"\n3 "c"\n4 "会议一"\n5 "会议二"\n'
                                 '*Edges\n1 4\n2 4\n5 2\n3 5\n')
    net = gio.read_pajek(p)
    assert list(net.actor_ids) == ["a", "b", "c"]
    got = set(map(tuple, net.meetings[["meeting", "actor"]].values))
    assert got == {("会议一", "a"), ("会议一", "b"), ("会议二", "b"), ("会议二", "c")}
    duties = gio.read_pajek(p, two_mode="duties").duties
    assert set(zip(duties["duty"], duties["actor"])) == got
    gio.write_pajek(net, tmp_path / "o.net", two_mode="meetings")
    again = gio.read_pajek(tmp_path / "o.net")
    assert set(map(tuple, again.meetings[["meeting", "actor"]].values)) == got


# -- UCINET DL dialects ---------------------------------------------------------

EXPECT5 = {("barry", "david"), ("barry", "lin"), ("lin", "pat"), ("pat", "russ"), ("david", "russ")}


@pytest.mark.parametrize("text", [
    # labels in a section, comma separated
    "dl n=5\nformat = fullmatrix\nlabels:\nbarry,david,lin,pat,russ\ndata:\n"
    "0 1 1 0 0\n1 0 0 0 1\n1 0 0 1 0\n0 0 1 0 1\n0 1 0 1 0\n",
    # labels embedded, upper-case keywords, header over several lines
    "DL\nN = 5\nLABELS EMBEDDED\nFORMAT = FULLMATRIX\nDATA:\nbarry david lin pat russ\n"
    "barry 0 1 1 0 0\ndavid 1 0 0 0 1\nlin 1 0 0 1 0\npat 0 0 1 0 1\nruss 0 1 0 1 0\n",
    # edgelist1 with labels embedded (Gephi's example), both directions given
    "DL n=5\nformat = edgelist1\nlabels embedded:\ndata:\nbarry david\ndavid barry\nbarry lin\n"
    "lin barry\nlin pat\npat lin\npat russ\nruss pat\ndavid russ\nruss david\n",
    # edgelist1 with numbers and a labels section, commas
    "dl n=5 format=edgelist1\nlabels:\nbarry david lin pat russ\ndata:\n1,2\n2,1\n1,3\n3,1\n3,4\n"
    "4,3\n4,5\n5,4\n2,5\n5,2\n",
    # nodelist1
    "dl n=5\nformat=nodelist1\nlabels:\nbarry,david,lin,pat,russ\ndata:\n1 2 3\n2 1 5\n3 1 4\n4 3 5\n5 2 4\n",
])
def test_dl_dialects(tmp_path, text):
    net = gio.read_dl(write(tmp_path, "a.dl", text))
    assert sorted(net.actor_ids) == sorted(["barry", "david", "lin", "pat", "russ"])
    assert directions(net) == {"tie": False}
    assert {tuple(sorted(e)) for e in net.ties()[["source", "target"]].itertuples(index=False)} == \
        {tuple(sorted(e)) for e in EXPECT5}


def test_dl_several_matrices_weights_and_chinese(tmp_path):
    p = write(tmp_path, "m.dl", 'dl n=3 nm=2\nformat=fullmatrix\nlabels:\n"社区 党委",居委会,工作站\n'
                                 'matrix labels:\n领导,协商\ndata:\n0 1 2.5\n0 0 0\n0 0 0\n'
                                 '0 1 0\n1 0 0.5\n0 0.5 0\n')
    net = gio.read_dl(p)
    assert list(net.actor_ids) == ["社区 党委", "居委会", "工作站"]
    assert directions(net) == {"领导": True, "协商": False}
    assert tie_set(net) == {("社区 党委", "居委会", "领导", 1.0), ("社区 党委", "工作站", "领导", 2.5),
                            ("居委会", "社区 党委", "协商", 1.0), ("居委会", "工作站", "协商", 0.5)}
    forced = gio.read_dl(p, directed=True)
    assert directions(forced) == {"领导": True, "协商": True}
    e = write(tmp_path, "e.dl", "dl n=3 nm=2 format=edgelist1\nmatrix labels: a b\ndata:\n1 2\n!\n2 3 4\n")
    net = gio.read_dl(e)
    assert tie_set(net) == {("1", "2", "a", 1.0), ("2", "3", "b", 4.0)}


def test_dl_gb18030_file(tmp_path):
    p = write(tmp_path, "g.dl", "dl n=2\nlabels:\n党委,居委会\ndata:\n0 1\n1 0\n", encoding="gb18030")
    assert list(gio.read_dl(p).actor_ids) == ["党委", "居委会"]


def test_dl_two_mode(tmp_path):
    p = write(tmp_path, "t.dl", "dl nr=2 nc=3\nrow labels:\na b\ncolumn labels:\n会一 会二 会三\n"
                                 "data:\n1 0 1\n0 2 1\n")
    net = gio.read_dl(p)
    assert list(net.actor_ids) == ["a", "b"]
    m = net.meetings
    assert set(zip(m["meeting"], m["actor"], m["weight"])) == {
        ("会一", "a", 1.0), ("会三", "a", 1.0), ("会二", "b", 2.0), ("会三", "b", 1.0)}
    emb = write(tmp_path, "e.dl", "dl nr=2, nc=3 labels embedded\ndata:\nx y z\na 1 0 1\nb 0 2 1\n")
    m2 = gio.read_dl(emb, two_mode="duties").duties
    assert set(zip(m2["duty"], m2["actor"])) == {("x", "a"), ("z", "a"), ("y", "b"), ("z", "b")}


# -- hostile and broken files ----------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<{root}><key id="d0" for="node" attr.name="name"/><graph><node id="a"><data key="d0">&lol9;</data></node></graph></{root}>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY secret SYSTEM "file://{target}">]>
<{root}><key id="d0" for="node" attr.name="name"/><graph><node id="a"><data key="d0">&secret;</data></node></graph></{root}>
"""


@pytest.mark.parametrize("root,reader", [("graphml", gio.read_graphml), ("gexf", gio.read_gexf)])
def test_xml_bombs_and_external_entities_refused(tmp_path, root, reader):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    for text in (BILLION_LAUGHS.format(root=root), XXE.format(root=root, target=secret)):
        p = write(tmp_path, f"bad.{root}", text)
        with pytest.raises(govnet.FileFormatError, match="unsafe XML") as exc:
            reader(p)
        assert "TOP-SECRET" not in str(exc.value)


@pytest.mark.parametrize("text,match", [
    ("dl n=1000000000000\ndata:\n0\n", "1,000,000,000,000"),
    ("dl nr=2 nc=1000000000000 format=edgelist1\ndata:\n1 1\n", "1,000,000,000,000"),
])
def test_dl_huge_header_refused_before_allocating(tmp_path, text, match):
    with pytest.raises(govnet.TooLargeError, match=match):
        gio.read_dl(write(tmp_path, "h.dl", text))


def test_pajek_huge_vertices_refused(tmp_path):
    with pytest.raises(govnet.TooLargeError, match="1,000,000,000,000"):
        gio.read_pajek(write(tmp_path, "h.net", "*Vertices 1000000000000\n*Arcs\n1 2\n"))


@pytest.mark.parametrize("name,text,match", [
    ("t.dl", "dl n=3\ndata:\n0 1 0\n1 0\n", "data ends early"),
    ("t.dl", "dl n=2\ndata:\n0 1\n1 0\n1\n", "values more than"),
    ("t.dl", "dl n=2\nlabels:\na b c\ndata:\n0 1\n1 0\n", "3 row labels for 2"),
    ("t.dl", "dl n=2 format=edgelist1\ndata:\n1 3\n", "out of range 1..2"),
    ("t.dl", "dl n=2\ndata:\n0 x\n1 0\n", "'x' is not a number"),
    ("t.dl", "dl n=2\n0 1\n", "no 'data:'"),
    ("t.dl", "hello n=2\ndata:\n0 1\n1 0\n", "keyword DL"),
    ("t.dl", "dl n=2 format=blockmatrix\ndata:\n", "not supported"),
    ("t.dl", "dl n=2 diagonal=absent\ndata:\n1\n1\n", "diagonal=absent is not supported"),
    ("t.dl", "dl n=2\ndata:\n0 -1\n-1 0\n", "negative"),
    ("t.net", "*Vertices 2\n*Arcs\n1 5\n", "line 3: vertex 5 is out of range"),
    ("t.net", "*Vertices 2\n*Arcs\n1 2 heavy\n", "weight 'heavy'"),
    ("t.net", "*Vertices 2\n*Matrix\n0 1\n", "1 rows, expected 2"),
    ("t.net", "1 2\n", "data before"),
    ("t.net", "*Vertices x\n", "bad \\*Vertices"),
    ("t.net", "*Vertices 2\n1 \"a\"\n2 \"a\"\n", "used twice"),
    ("t.graphml", "<graphml><graph><node id='a'/><edge source='a'", "malformed XML"),
    ("t.graphml", "<graphml><graph><node id='a'/><edge source='a' target='b'/></graph></graphml>",
     "'b' is not an actor"),
    ("t.graphml", "<nothing/>", "not a GraphML"),
    ("t.gexf", "<gexf><graph><nodes><node id='a'/></nodes><edges><edge source='a'/></edges></graph></gexf>",
     "without source or target"),
    ("t.gexf", "", "malformed XML"),
])
def test_broken_files_give_clear_errors(tmp_path, name, text, match):
    p = write(tmp_path, name, text)
    with pytest.raises(govnet.InvalidNetworkError, match=match):
        gio.read(p)


def test_truncated_matrix_counts_rows(tmp_path):
    # a *Matrix with too few rows reads what is there; too many values per row is an error
    p = write(tmp_path, "m.net", "*Vertices 2\n*Matrix\n0 1 1\n")
    with pytest.raises(govnet.FileFormatError, match="3 values, expected 2"):
        gio.read_pajek(p)


@pytest.mark.parametrize("fmt", list(gio.READERS))
def test_every_reader_rejects_garbage_and_empty_files(tmp_path, fmt):
    ext = EXT.get(fmt, ".xlsx")
    for i, content in enumerate([b"", b"\x00\xff\xfe garbage \x89PNG\r\n", b"<" * 1000]):
        p = tmp_path / f"g{i}{ext}"
        p.write_bytes(content)
        with pytest.raises(govnet.GovnetError):
            gio.READERS[fmt](p)


def test_missing_file_and_unknown_extension(tmp_path):
    with pytest.raises(govnet.FileFormatError, match="no such file"):
        gio.read_dl(tmp_path / "nope.dl")
    with pytest.raises(govnet.InvalidParameterError, match="extension"):
        gio.read(tmp_path / "x.unknown")


def test_readers_table_is_complete():
    assert set(gio.READERS) == {"graphml", "gexf", "pajek", "dl", "csv", "excel"}
    assert set(gio.WRITERS) == set(gio.READERS)
    assert all(callable(f) for f in gio.READERS.values())


def test_network_methods_and_top_level_names(tmp_path):
    net = small_zh()
    for meth, reader, ext in [("write_graphml", govnet.read_graphml, ".graphml"),
                              ("write_gexf", govnet.read_gexf, ".gexf"),
                              ("write_pajek", govnet.read_pajek, ".net"),
                              ("write_dl", govnet.read_dl, ".dl"),
                              ("write_csv", gio.read_csv, ".csv"),
                              ("write_excel", gio.read_excel, ".xlsx")]:
        getattr(gio, meth)(net, tmp_path / f"n{ext}")
        assert tie_set(reader(tmp_path / f"n{ext}")) == tie_set(net), meth
    m, labels = govnet.to_adjacency(net, relation="leadership")
    assert tie_set(govnet.from_adjacency(m, labels, relation="leadership")) == \
        tie_set(one_relation(True))
    pytest.importorskip("igraph")
    assert tie_set(govnet.from_igraph(govnet.to_igraph(net))) == tie_set(net)


# -- classic data sets in the formats they circulate in --------------------------


def test_davis_two_mode_dl_and_pajek_match_networkx(tmp_path, classic_dir):
    """Davis Southern Women as a UCINET two-mode DL (rows women, columns events) and as a
    two-mode Pajek file, both written here from the CSV matrix; the attendance read back
    must equal networkx's davis_southern_women_graph()."""
    mat = pd.read_csv(classic_dir / "davis_matrix.csv", index_col="woman")
    quote = lambda s: f'"{s}"'  # noqa: E731
    dl = (f"DL NR={mat.shape[0]}, NC={mat.shape[1]}\nFORMAT = FULLMATRIX\nROW LABELS:\n"
          + "\n".join(quote(w) for w in mat.index) + "\nCOLUMN LABELS:\n" + " ".join(mat.columns)
          + "\nDATA:\n" + "\n".join(" ".join(map(str, row)) for row in mat.to_numpy()) + "\n")
    net = gio.read_dl(write(tmp_path, "davis.dl", dl))
    g = nx.davis_southern_women_graph()
    ref = {(u, v) for u, v in g.edges() if u in g.graph["top"]} | \
          {(v, u) for u, v in g.edges() if v in g.graph["top"]}
    got = set(zip(net.meetings["actor"], net.meetings["meeting"]))
    assert got == ref and len(got) == 89
    assert sorted(net.actor_ids) == sorted(g.graph["top"])
    women, events = list(mat.index), list(mat.columns)
    lines = [f"*Vertices {len(women) + len(events)} {len(women)}"]
    lines += [f'{i + 1} "{w}"' for i, w in enumerate(women)]
    lines += [f'{len(women) + j + 1} "{e}"' for j, e in enumerate(events)]
    lines += ["*Edges"] + [f"{women.index(w) + 1} {len(women) + events.index(e) + 1}" for w, e in ref]
    pj = gio.read_pajek(write(tmp_path, "davis.net", "\n".join(lines) + "\n"))
    assert set(zip(pj.meetings["actor"], pj.meetings["meeting"])) == ref


def test_krackhardt_three_relations_as_dl(tmp_path, classic_dir):
    """Krackhardt's managers, the classic nm=3 UCINET file: a DL written here with numpy
    from the CSV edge lists, read by govnet, compared tie by tie."""
    nodes = pd.read_csv(classic_dir / "krack_nodes.csv", dtype=str)["id"].tolist()
    rels = {}
    for r in ("advice", "friendship", "reports_to"):
        e = pd.read_csv(classic_dir / f"krack_{r}_edges.csv", dtype=str)
        rels[r] = set(zip(e["source"], e["target"]))
    n = len(nodes)
    blocks = []
    for edges in rels.values():
        m = np.zeros((n, n), dtype=int)
        for s, t in edges:
            m[nodes.index(s), nodes.index(t)] = 1
        blocks.append("\n".join(" ".join(map(str, row)) for row in m))
    text = (f"dl n={n} nm=3 format=fullmatrix\nlabels:\n{','.join(nodes)}\nmatrix labels:\n"
            f"{','.join(rels)}\ndata:\n" + "\n".join(blocks) + "\n")
    net = gio.read_dl(write(tmp_path, "krack.dl", text))
    assert list(net.actor_ids) == nodes
    assert directions(net) == {"advice": True, "friendship": True, "reports_to": True}
    for r, edges in rels.items():
        assert set(map(tuple, net.ties(r)[["source", "target"]].values)) == edges, r
    # and through govnet's own writers, against networkx's GraphML reader
    gio.write_graphml(net, tmp_path / "k.graphml")
    g = nx.read_graphml(tmp_path / "k.graphml")
    for r, edges in rels.items():
        assert {(u, v) for u, v, d in g.edges(data=True) if d["relation"] == r} == edges
    gio.write_pajek(net, tmp_path / "k.net")
    back = gio.read_pajek(tmp_path / "k.net")
    assert tie_set(back) == tie_set(net)


def test_graphml_and_gexf_key_defaults(tmp_path):
    g = nx.Graph()
    g.add_node("a", tier="core")
    g.add_node("b")
    g.add_edge("a", "b")
    gml = write(tmp_path, "d.graphml", """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="t" for="node" attr.name="tier" attr.type="string"><default>support</default></key>
<key id="w" for="edge" attr.name="weight" attr.type="double"><default>2.5</default></key>
<graph edgedefault="undirected"><node id="a"><data key="t">core</data></node><node id="b"/>
<edge source="a" target="b"/></graph></graphml>""")
    net = gio.read_graphml(gml)
    assert net.actors["tier"].astype(str).to_dict() == {"a": "core", "b": "support"}
    assert tie_set(net) == {("a", "b", "tie", 2.5)}
    # networkx keeps the defaults aside instead of applying them as the GraphML spec says
    ref = nx.read_graphml(gml)
    assert ref.graph["node_default"] == {"tier": "support"}
    assert ref.graph["edge_default"] == {"weight": 2.5}
    gexf = write(tmp_path, "d.gexf", """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
<attributes class="node"><attribute id="0" title="tier" type="string"><default>external</default></attribute></attributes>
<nodes><node id="a" label="甲"><attvalues><attvalue for="0" value="core"/></attvalues></node>
<node id="b" label="乙"/></nodes><edges><edge source="a" target="b" weight="3"/></edges></graph></gexf>""")
    net = gio.read_gexf(gexf)
    assert net.actors["tier"].astype(str).to_dict() == {"a": "core", "b": "external"}
    assert net.actors["name"].to_dict() == {"a": "甲", "b": "乙"}
    assert tie_set(net) == {("a", "b", "tie", 3.0)} and directions(net) == {"tie": True}


def test_igraph_reads_our_dl_graphml_and_plain_pajek(tmp_path):
    """igraph's own readers (libxml2 GraphML, its DL and Pajek parsers) on govnet's files."""
    ig = pytest.importorskip("igraph")
    net = small_zh()
    gio.write_graphml(net, tmp_path / "a.graphml")
    g = ig.Graph.Read_GraphML(str(tmp_path / "a.graphml"))
    assert g.vs["id"] == list(net.actor_ids) and g.vs["tier"] == list(net.actors["tier"].astype(str))
    assert sorted((g.vs[e.source]["id"], g.vs[e.target]["id"], e["relation"], e["weight"])
                  for e in g.es) == arc_set(net)
    for rel in net.relations:
        one = govnet.Network.from_frames(net.to_frames()[0], net.ties(rel),
                                         directed=net.relation_spec(rel).directed)
        binary = govnet.Network.from_frames(net.to_frames()[0], net.ties(rel).assign(weight=1.0),
                                            directed=net.relation_spec(rel).directed)
        # igraph's DL reader takes 0/1 cells only in full matrices, weights in edge lists
        for fmt, written in (("fullmatrix", binary), ("edgelist1", one)):
            gio.write_dl(written, tmp_path / "a.dl", format=fmt)
            g = ig.Graph.Read_DL(str(tmp_path / "a.dl"), directed=True)
            assert g.vs["name"] == list(net.actor_ids)
            m, _ = gio.to_adjacency(written)
            np.testing.assert_allclose(np.array(g.get_adjacency(attribute="weight" if g.es.attributes()
                                                                  else None).data, float), m)
        gio.write_pajek(net, tmp_path / "a.net", relation=rel)
        g = ig.Graph.Read_Pajek(str(tmp_path / "a.net"))
        assert g.is_directed() == net.relation_spec(rel).directed
        m, _ = gio.to_adjacency(net, relation=rel)
        np.testing.assert_allclose(np.array(g.get_adjacency(attribute="weight").data, float), m)


def test_gexf_multi_relation_against_networkx(tmp_path):
    net = govnet.datasets.nanshan()
    gio.write_gexf(net, tmp_path / "m.gexf")
    g = nx.read_gexf(tmp_path / "m.gexf")
    ref = sorted((u, v, d["relation"], d["weight"]) for u, v, d in g.edges(data=True))
    assert ref == arc_set(net)  # undirected ties as arc pairs, as in GraphML
    assert {n: d["tier"] for n, d in g.nodes(data=True)} == net.actors["tier"].astype(str).to_dict()
    assert dict(g.nodes(data="label")) == net.actors["name"].to_dict()


def test_stored_directions_of_relations_without_ties(tmp_path):
    """A file edited to drop every tie of one relation still reads (the relation is gone)."""
    net = small_zh()
    gio.write_graphml(net, tmp_path / "a.graphml")
    text = (tmp_path / "a.graphml").read_text(encoding="utf-8")
    kept = "\n".join(line for line in text.splitlines() if ">guidance<" not in line)
    (tmp_path / "a.graphml").write_text(kept, encoding="utf-8")
    back = gio.read_graphml(tmp_path / "a.graphml")
    assert set(back.relations) == {"leadership", "deliberation"}
    g = gio.to_igraph(net)
    g.delete_edges([e.index for e in g.es if e["relation"] == "guidance"])
    assert set(gio.from_igraph(g).relations) == {"leadership", "deliberation"}


def test_windows_line_endings_and_bom(tmp_path):
    p = tmp_path / "w.net"
    p.write_bytes('\ufeff*Vertices 2\r\n1 "党委"\r\n2 "b"\r\n*Arcs\r\n1 2 3\r\n'.encode())
    assert tie_set(gio.read_pajek(p)) == {("党委", "b", "tie", 3.0)}
    d = tmp_path / "w.dl"
    d.write_bytes(b"DL N=2\r\nFORMAT = EDGELIST1\r\nLABELS:\r\na b\r\nDATA:\r\n1 2\r\n")
    assert tie_set(gio.read_dl(d)) == {("a", "b", "tie", 1.0)}
    assert directions(gio.read_dl(d)) == {"tie": True}
