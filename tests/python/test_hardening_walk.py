"""Hardening, round 2 (issue #19, class 9): every public reader and builder, walked
with a corpus of malformed inputs, lets only GovnetError subclasses out (and
TypeError for arguments of the wrong type) — never KeyError('source'),
IndexError, pybind11's TypeError or another raw exception."""

from __future__ import annotations

import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import GovnetError

# -- files ----------------------------------------------------------------------------

XML_HEAD = '<?xml version="1.0"?>'
GRAPHML = XML_HEAD + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{}</graphml>'
GEXF = XML_HEAD + '<gexf xmlns="http://gexf.net/1.3" version="1.3">{}</gexf>'

CORPUS: dict[str, bytes] = {
    "empty": b"",
    "one newline": b"\n",
    "NUL bytes": b"\x00" * 64,
    "random bytes": bytes(np.random.default_rng(3).integers(0, 256, 512, dtype=np.uint8)),
    "utf-16 with BOM": "id,tier\na,core\n".encode("utf-16"),
    "header only": b"source,target\n",
    "no source column": b"from,to\na,b\n",
    "duplicate headers": b"source,target,source\na,b,c\n",
    "blank header": b",,\na,b,c\n",
    "ragged rows": b"source,target\na,b,c,d\ne\n",
    "unclosed quote": b'source,target\n"a,b\n',
    "id only": b"id\na\nb\n",
    "bad tier": b"id,tier\na,boss\n",
    "nan weight": b"source,target,weight\na,b,nan\n",
    "huge weight": b"source,target,weight\na,b,1e400\n",
    "src column": b"source,target,src\na,b,0\n",
    "bad directed": b"source,target,relation,directed\na,b,x,maybe\n",
    "xml: wrong root": b"<?xml version='1.0'?><html/>",
    "xml: truncated": b"<?xml version='1.0'?><graphml><graph>",
    "xml: entity": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><graphml>&a;</graphml>',
    "graphml: no graph": GRAPHML.format("").encode(),
    "graphml: edge to nowhere": GRAPHML.format(
        '<graph><node id="a"/><edge source="a" target="zz"/></graph>').encode(),
    "graphml: edge without target": GRAPHML.format(
        '<graph><node id="a"/><edge source="a"/></graph>').encode(),
    "graphml: undeclared key": GRAPHML.format(
        '<graph><node id="a"><data key="k">1</data></node></graph>').encode(),
    "graphml: bad double": GRAPHML.format(
        '<key id="w" for="edge" attr.name="weight" attr.type="double"/><graph><node id="a"/>'
        '<node id="b"/><edge source="a" target="b"><data key="w">x</data></edge></graph>').encode(),
    "graphml: negative weight": GRAPHML.format(
        '<key id="w" for="edge" attr.name="weight" attr.type="double"/><graph><node id="a"/>'
        '<node id="b"/><edge source="a" target="b"><data key="w">-1</data></edge></graph>').encode(),
    "graphml: duplicate node": GRAPHML.format(
        '<graph><node id="a"/><node id="a"/></graph>').encode(),
    "graphml: node without id": GRAPHML.format('<graph><node/></graph>').encode(),
    "graphml: bad relations JSON": GRAPHML.format(
        '<key id="g" for="graph" attr.name="govnet_relations" attr.type="string"/>'
        '<graph><data key="g">[1,2</data><node id="a"/></graph>').encode(),
    "graphml: relations JSON a list": GRAPHML.format(
        '<key id="g" for="graph" attr.name="govnet_relations" attr.type="string"/>'
        '<graph><data key="g">[1, 2]</data><node id="a"/></graph>').encode(),
    "gexf: no nodes": GEXF.format('<graph><nodes/></graph>').encode(),
    "gexf: bad weight": GEXF.format(
        '<graph><nodes><node id="a"/><node id="b"/></nodes><edges>'
        '<edge source="a" target="b" weight="heavy"/></edges></graph>').encode(),
    "gexf: edge to nowhere": GEXF.format(
        '<graph><nodes><node id="a"/></nodes><edges><edge source="a" target="q"/></edges>'
        '</graph>').encode(),
    "gexf: unknown attvalue": GEXF.format(
        '<graph><nodes><node id="a"><attvalues><attvalue for="9" value="1"/></attvalues>'
        '</node></nodes></graph>').encode(),
    "pajek: negative vertices": b"*Vertices -3\n",
    "pajek: huge vertices": b"*Vertices 99999999999\n",
    "pajek: edge out of range": b"*Vertices 2\n*Edges\n1 7\n",
    "pajek: text weight": b"*Vertices 2\n*Edges\n1 2 heavy\n",
    "pajek: edge before vertices": b"*Edges\n1 2\n",
    "pajek: short matrix": b"*Vertices 2\n*Matrix\n0 1\n",
    "pajek: bad relation key": b'*Vertices 2\n*Arcs :x "r"\n1 2\n',
    "dl: no data": b"dl n=2\n",
    "dl: n not a number": b"dl n=two\ndata:\n0 1\n1 0\n",
    "dl: n negative": b"dl n=-2\ndata:\n",
    "dl: n huge": b"dl n=10000000000\ndata:\n",
    "dl: too few values": b"dl n=3\ndata:\n0 1\n",
    "dl: too many values": b"dl n=1\ndata:\n0 1 1\n",
    "dl: labels count": b"dl n=2\nlabels:\na\ndata:\n0 1\n1 0\n",
    "dl: unknown format": b"dl n=2 format=weird\ndata:\n",
    "dl: edgelist out of range": b"dl n=2\nformat=edgelist1\ndata:\n1 9\n",
    "dl: nm zero": b"dl n=2 nm=0\ndata:\n",
    "dl: nm huge": b"dl n=2 nm=99999999\ndata:\n",
    "dl: two-mode half": b"dl nr=2\ndata:\n",
    "dl: negative value": b"dl n=2\ndata:\n0 -1\n-1 0\n",
    "zip: not govnet": b"PK\x05\x06" + b"\x00" * 18,
}

SUFFIX_READERS = [
    (".csv", "read_table", lambda p: govnet.read_table(p)),
    (".csv", "read_tables", lambda p: govnet.read_tables(p, p, directed=True)),
    (".csv", "read_csv", lambda p: govnet.read_csv(p, directed=True)),
    (".xlsx", "read_excel", lambda p: govnet.read_excel(p)),
    (".xlsx", "read_table_xlsx", lambda p: govnet.read_table(p)),
    (".graphml", "read_graphml", lambda p: govnet.read_graphml(p)),
    (".gexf", "read_gexf", lambda p: govnet.read_gexf(p)),
    (".net", "read_pajek", lambda p: govnet.read_pajek(p)),
    (".dl", "read_dl", lambda p: govnet.read_dl(p)),
    (".govnet", "load", lambda p: govnet.load(p)),
    (".graphml", "read", lambda p: govnet.read(p)),
    # the fieldwork shapes (issue #18), from CSV and Excel
    (".csv", "read_roster", lambda p: govnet.read_roster(p)),
    (".xlsx", "read_roster_xlsx", lambda p: govnet.read_roster(p)),
    (".csv", "read_name_generator", lambda p: govnet.read_name_generator(p)),
    (".xlsx", "read_name_generator_xlsx", lambda p: govnet.read_name_generator(p)),
    (".csv", "read_signin", lambda p: govnet.read_signin(p)),
    (".csv", "read_signin_by_actor", lambda p: govnet.read_signin(p, rows="actor")),
    (".xlsx", "read_signin_xlsx", lambda p: govnet.read_signin(p)),
    (".csv", "read_duty_list", lambda p: govnet.read_duty_list(p)),
    (".xlsx", "read_duty_list_xlsx", lambda p: govnet.read_duty_list(p)),
]


def only_govnet_errors(call, *args, allow_type_error=False, **kwargs):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", govnet.GovnetWarning)
            out = call(*args, **kwargs)
    except GovnetError:
        return None
    except TypeError:
        if not allow_type_error:
            raise
        return None
    if isinstance(out, govnet.Network):
        repr(out)
        for rel in out.relations:
            out.layer(rel)
    return out


@pytest.mark.parametrize("case", list(CORPUS))
@pytest.mark.parametrize("suffix,name,read", SUFFIX_READERS, ids=[r[1] for r in SUFFIX_READERS])
def test_every_reader_lets_only_govnet_errors_out(tmp_path, case, suffix, name, read):
    p = tmp_path / f"input{suffix}"
    p.write_bytes(CORPUS[case])
    only_govnet_errors(read, p)


@pytest.mark.parametrize("name,read", [(r[1], r[2]) for r in SUFFIX_READERS])
def test_missing_file_and_directory(tmp_path, name, read):
    only_govnet_errors(read, tmp_path / "nope.csv")
    only_govnet_errors(read, tmp_path)


# -- builders -------------------------------------------------------------------------

A = pd.DataFrame({"id": ["a", "b", "c"], "tier": "plural"})
T = pd.DataFrame({"source": ["a"], "target": ["b"], "relation": ["leadership"]})

BUILDERS = {
    "actors None": lambda: govnet.Network.from_frames(None),
    "actors a list": lambda: govnet.Network.from_frames([1, 2]),
    "actors a dict": lambda: govnet.Network.from_frames({"id": ["a"], "tier": ["core"]}),
    "ties a list": lambda: govnet.Network.from_frames(A, [("a", "b")]),
    "ties a dict": lambda: govnet.Network.from_frames(A, {"source": ["a"]}),
    "duties a list": lambda: govnet.Network.from_frames(A, T, [1]),
    "duties with two actor columns": lambda: govnet.Network.from_frames(
        A, T, pd.DataFrame([["a", "d", "b"]], columns=["actor", "duty", "actor"])),
    "meetings with two actor columns": lambda: govnet.Network.from_frames(
        A, T, meetings=pd.DataFrame([["m", "a", "b"]], columns=["meeting", "actor", "actor"])),
    "meetings a string": lambda: govnet.Network.from_frames(A, T, meetings="m"),
    "integer column names": lambda: govnet.Network.from_frames(A, T.rename(columns={"relation": 0})),
    "MultiIndex columns": lambda: govnet.Network.from_frames(
        A, pd.DataFrame([["a", "b"]], columns=pd.MultiIndex.from_tuples([("s", 1), ("t", 2)]))),
    "id column of lists": lambda: govnet.Network.from_frames(
        pd.DataFrame({"id": [["a"], ["b"]], "tier": "plural"})),
    "id column of dicts": lambda: govnet.Network.from_frames(
        pd.DataFrame({"id": [{"a": 1}, {"b": 2}], "tier": "plural"})),
    "tier column of lists": lambda: govnet.Network.from_frames(
        pd.DataFrame({"id": ["a"], "tier": [["core"]]})),
    "weights of lists": lambda: govnet.Network.from_frames(A, T.assign(weight=[[1.0]])),
    "relation of lists": lambda: govnet.Network.from_frames(A, T.assign(relation=[["x"]])),
    "directed a string": lambda: govnet.Network.from_frames(A, T.assign(relation="x"), directed="yes"),
    "directed a list": lambda: govnet.Network.from_frames(A, T.assign(relation="x"), directed=[True]),
    "weight_col None": lambda: govnet.Network.from_frames(A, T, weight_col=None),
    "id_col an int": lambda: govnet.Network.from_frames(A, id_col=0),
    "from_arrays strings": lambda: govnet.Network.from_arrays("ab", "cd"),
    "from_arrays 2-d": lambda: govnet.Network.from_arrays(np.zeros((2, 2), int), np.zeros((2, 2), int)),
    "from_arrays text weights": lambda: govnet.Network.from_arrays([0], [1], ["x"], actors=2),
    "from_arrays actors float": lambda: govnet.Network.from_arrays([0], [1], actors=2.5),
    "from_arrays actors text": lambda: govnet.Network.from_arrays([0], [1], actors="ab"),
    "from_arrays bad tiers": lambda: govnet.Network.from_arrays([0], [1], actors=["a", "b"],
                                                              tiers=["boss", "core"]),
    "from_arrays tiers too short": lambda: govnet.Network.from_arrays([0], [1], actors=2,
                                                                     tiers=["core"]),
    "from_arrays relation int": lambda: govnet.Network.from_arrays([0], [1], actors=2, relation=5),
    "from_arrays uint64 ids": lambda: govnet.Network.from_arrays(
        np.array([2**63], dtype=np.uint64), np.array([0], dtype=np.uint64)),
    "from_networkx not a graph": lambda: govnet.Network.from_networkx("graph"),
    "from_networkx None node attrs": lambda: govnet.Network.from_networkx(
        nx.path_graph(3), default_tier=None),
    "from_networkx bad tier attr": lambda: govnet.Network.from_networkx(
        _nx_with(tier=["boss"])),
    "from_networkx text weight": lambda: govnet.Network.from_networkx(
        _nx_edge(weight="heavy"), default_tier="plural"),
    "from_networkx list relation": lambda: govnet.Network.from_networkx(
        _nx_edge(relation=["x"]), default_tier="plural"),
    "from_networkx bad relations graph attr": lambda: govnet.Network.from_networkx(
        _nx_graph_attr("{not json"), default_tier="plural"),
    "from_adjacency not square": lambda: govnet.io.from_adjacency(np.zeros((2, 3))),
    "from_adjacency 3-d": lambda: govnet.io.from_adjacency(np.zeros((2, 2, 2))),
    "from_adjacency text": lambda: govnet.io.from_adjacency([["a", "b"], ["c", "d"]]),
    "from_adjacency NaN": lambda: govnet.io.from_adjacency(np.array([[0, np.nan], [1, 0]])),
    "from_adjacency negative": lambda: govnet.io.from_adjacency(np.array([[0, -1.0], [-1, 0]])),
    "from_adjacency labels too few": lambda: govnet.io.from_adjacency(np.eye(2), labels=["a"]),
    "from_adjacency ragged": lambda: govnet.io.from_adjacency([[0, 1], [1]]),
    "from_igraph not a graph": lambda: govnet.io.from_igraph("graph"),
    "from_igraph id attribute": lambda: govnet.io.from_igraph(_ig_with_id()),
    "with_layer not a frame": lambda: govnet.Network.from_frames(A).with_layer("x", [("a", "b")]),
    "with_layer unknown actor": lambda: govnet.Network.from_frames(A).with_layer(
        "x", pd.DataFrame({"source": ["a"], "target": ["zz"]}), directed=True),
    "read_table a number": lambda: govnet.read_table(5),
    "read_csv None": lambda: govnet.read_csv(None),
    "load a number": lambda: govnet.load(3.5),
    "read unknown format": lambda: govnet.read("x.unknown"),
    "read bad format name": lambda: govnet.read("x.csv", format="klingon"),
    "read_pajek encoding unknown": lambda: govnet.read_pajek(__file__, encoding="klingon"),
    "read_dl bad two_mode": lambda: govnet.read_dl(__file__, two_mode="x"),
}


def _ig_with_id():
    import igraph

    g = igraph.Graph(edges=[(0, 1)])
    g.vs["id"] = ["x", "y"]
    return g


def _nx_with(**attrs):
    g = nx.Graph()
    for k, vals in attrs.items():
        for i, v in enumerate(vals):
            g.add_node(i, **{k: v})
    return g


def _nx_edge(**attrs):
    g = nx.Graph()
    g.add_edge("a", "b", **attrs)
    return g


def _nx_graph_attr(text):
    g = _nx_edge()
    g.graph["govnet_relations"] = text
    return g


@pytest.mark.parametrize("case", list(BUILDERS))
def test_every_builder_lets_only_govnet_errors_or_type_errors_out(case):
    only_govnet_errors(BUILDERS[case], allow_type_error=True)


def test_the_walk_covers_every_public_reader():
    """A reader added to govnet.io must be added to the walk."""
    readers = {n for n in dir(govnet.io) if n.startswith(("read", "load", "from_"))
               and callable(getattr(govnet.io, n))}
    walked = {r[1] for r in SUFFIX_READERS} | {"read_table"} | {
        c.split()[0] for c in BUILDERS}
    missing = readers - walked - {"read_table_xlsx"}
    assert not missing, f"not walked: {sorted(missing)}"
    assert Path(__file__).is_file()
