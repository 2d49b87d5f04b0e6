"""More of the bad-input table (docs/bad-input.md): every case gives a
GovnetError naming the problem, never a crash or a silent fallback."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import (
    EmptyNetworkError,
    FileFormatError,
    GovnetError,
    InvalidNetworkError,
    RelationNotFoundError,
)

ACTORS = pd.DataFrame({"id": ["a", "b", "c"], "tier": ["core", "support", "plural"]})
Net = govnet.Network


def ties(**cols):
    base = {"source": ["a", "b"], "target": ["b", "c"], "directed": [False, False]}
    base.update(cols)
    return pd.DataFrame(base)


def net():
    return Net.from_frames(ACTORS, ties())


def arr(*v):
    return np.array(v, dtype=np.int64)


def empty32():
    return np.zeros(0, np.int32)


CASES = [
    ("directed names unknown relation",
     lambda: Net.from_frames(ACTORS, ties(relation=["x", "x"]), directed={"y": True}),
     RelationNotFoundError, r"directed names relation\(s\) \['y'\] with no ties"),
    ("relation both directed and undirected",
     lambda: Net.from_frames(ACTORS, ties(relation=["x", "x"], directed=["true", "false"])),
     InvalidNetworkError, r"relation 'x' is marked both directed and undirected"),
    ("empty relation name", lambda: Net.from_frames(ACTORS, ties(relation=["x", " "])),
     InvalidNetworkError, r"ties row 1: relation is empty"),
    ("missing tie source", lambda: Net.from_frames(ACTORS, ties(source=["a", None])),
     InvalidNetworkError, r"ties row 1: source is missing"),
    ("missing source column", lambda: Net.from_frames(ACTORS, pd.DataFrame({"target": ["a"]})),
     InvalidNetworkError, r"ties: missing column\(s\) 'source'"),
    ("ties not a DataFrame", lambda: Net.from_frames(ACTORS, [("a", "b")]),
     InvalidNetworkError, r"ties must be a DataFrame, got list"),
    ("self-loop refused", lambda: Net.from_frames(ACTORS, ties(target=["a", "c"]), self_loops="raise"),
     InvalidNetworkError, r"ties row 0: self-loop on 'a' \(self_loops='raise'\)"),
    ("duplicate tie refused",
     lambda: Net.from_frames(ACTORS, ties(source=["a", "b"], target=["b", "a"]), duplicates="raise"),
     InvalidNetworkError, r"ties row 1 repeats row 0 \('a' -- 'b', relation 'tie'\): duplicate tie"),
    ("bad self-loop policy", lambda: Net.from_frames(ACTORS, ties(), self_loops="loop"),
     govnet.InvalidParameterError, r"self_loops must be one of"),
    ("summed weight overflows",
     lambda: Net.from_frames(ACTORS, ties(source=["a", "a"], target=["b", "b"],
                                          weight=[1e308, 1e308]), duplicates="sum").layer("tie"),
     InvalidNetworkError, r"duplicate ties 0 -- 1: summed weight is not finite"),
    ("layer exists", lambda: net().with_layer("tie", ties()),
     InvalidNetworkError, r"relation 'tie' already exists"),
    ("bad aggregation mode", lambda: net().layer(None, mode="avg"),
     govnet.InvalidParameterError, r"mode must be 'sum' or 'any', got 'avg'"),
    ("empty relation list", lambda: net().layer([]), govnet.InvalidParameterError,
     r"relation list is empty"),
    ("unknown tier lookup", lambda: net().tier_of("boss"), govnet.InvalidParameterError, r"unknown tier 'boss'"),
    ("networkx node without tier", lambda: Net.from_networkx(nx.path_graph(2)),
     InvalidNetworkError, r"networkx node 0 has no 'tier' attribute; pass default_tier"),
    ("empty networkx graph", lambda: Net.from_networkx(nx.Graph(), default_tier="plural"),
     EmptyNetworkError, r"the networkx graph has no nodes"),
    ("from_arrays shapes differ", lambda: Net.from_arrays(arr(0, 1), arr(1)),
     InvalidNetworkError, r"equal length, got shapes \(2,\) and \(1,\)"),
    ("from_arrays float positions", lambda: Net.from_arrays(np.array([0.5]), np.array([1.0])),
     InvalidNetworkError, r"must be integer arrays"),
    ("from_arrays position out of range", lambda: Net.from_arrays(arr(0, 5), arr(1, 2), actors=3),
     InvalidNetworkError, r"sources\[1\] = 5 is not an actor position in \[0, 3\)"),
    ("from_arrays weights length", lambda: Net.from_arrays(arr(0), arr(1), [1.0, 2.0], actors=2),
     InvalidNetworkError, r"weights must have the same length as sources"),
    ("from_arrays too many actors", lambda: Net.from_arrays(arr(), arr(), actors=2**40),
     govnet.TooLargeError, r"from_arrays: actors: 1.09951e\+12 entries"),
    ("negative threads", lambda: govnet.betweenness_centrality(net(), threads=-1),
     govnet.InvalidParameterError, r"threads must be None, 0 \(automatic\) or a count from 1 to 1024, got -1"),
    ("huge threads", lambda: govnet.betweenness_centrality(net(), threads=10**12),
     govnet.InvalidParameterError, r"threads must be None, 0 .* got 1000000000000"),
    ("bad seed", lambda: govnet.betweenness_centrality(net(), k=2, seed=-5),
     govnet.InvalidParameterError, r"seed must be an integer in \[0, 2\^64\), got -5"),
    ("core: negative node count", lambda: govnet._core.CsrGraph.build(-1, empty32(), empty32()),
     InvalidNetworkError, r"number of nodes must be >= 0, got -1"),
    ("core: weights of wrong length",
     lambda: govnet._core.CsrGraph.build(3, arr(0), arr(1), np.array([1.0, 2.0])),
     InvalidNetworkError, r"weights must be empty or as long as the ties \(2 vs 1\)"),
    ("core: sources and targets differ",
     lambda: govnet._core.CsrGraph.build(3, arr(0, 1), arr(1)),
     InvalidNetworkError, r"sources and targets differ in length \(2 vs 1\)"),
    ("core: float node ids",
     lambda: govnet._core.CsrGraph.build(3, np.array([0.9]), np.array([1.0])),
     InvalidNetworkError, r"sources must be an integer array, got dtype float64"),
    ("core: node id beyond int32",
     lambda: govnet._core.CsrGraph.build(3, arr(0), arr(2**32 + 1)),
     InvalidNetworkError, r"targets\[0\] = 4294967297 does not fit a node id \(int32\)"),
    ("core: unsigned node id beyond int32",
     lambda: govnet._core.TwoMode(3, 3, np.array([2**63], np.uint64), arr(0), np.array([0], np.uint8)),
     InvalidNetworkError, r"row_ids\[0\] = 9223372036854775808 does not fit a node id"),
    ("core: bad aggregate mode",
     lambda: govnet._core.aggregate([govnet._core.CsrGraph.build(2, arr(0), arr(1))], "avg"),
     InvalidNetworkError, r"aggregate mode must be 'sum' or 'any', got 'avg'"),
    ("core: aggregate of layers of different sizes",
     lambda: govnet._core.aggregate([govnet._core.CsrGraph.build(2, arr(0), arr(1)),
                                     govnet._core.CsrGraph.build(3, arr(0), arr(1))]),
     InvalidNetworkError, r"layers differ in number of nodes"),
    ("core: bad holder role",
     lambda: govnet._core.TwoMode(2, 2, arr(0), arr(1), np.array([2], np.uint8)),
     InvalidNetworkError, r"holder role code must be 0 \(lead\) or 1 \(assist\)"),
    ("core: incidence out of range",
     lambda: govnet._core.TwoMode(2, 2, arr(0), arr(5), np.array([0], np.uint8)),
     InvalidNetworkError, r"incidence 0: column 5 out of range"),
]


@pytest.mark.parametrize("name,call,exc,pattern", CASES, ids=[c[0] for c in CASES])
def test_bad_input(name, call, exc, pattern):
    with pytest.raises(exc, match=pattern) as info:
        call()
    assert isinstance(info.value, GovnetError)


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_unknown_encoding(tmp_path):
    with pytest.raises(FileFormatError, match=r"actors: unknown encoding 'klingon'"):
        govnet.read_tables(write(tmp_path, "a.csv", b"id,tier\na,core\n"), encoding="klingon")


def test_not_valid_in_given_encoding(tmp_path):
    p = write(tmp_path, "a.csv", "id,tier\n党委,core\n".encode())
    with pytest.raises(FileFormatError, match=r"a.csv is not valid ascii at byte 8 \(line 2\)"):
        govnet.read_tables(p, encoding="ascii")


def test_unreadable_excel(tmp_path):
    p = write(tmp_path, "a.xlsx", b"PK\x03\x04 not really a workbook")
    with pytest.raises(FileFormatError, match=r"actors: cannot read Excel file"):
        govnet.read_tables(p)
