"""The bad-input table: every case gives a GovnetError naming the problem (never a crash)."""

import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import (
    ActorNotFoundError,
    EmptyNetworkError,
    FileFormatError,
    GovnetError,
    InvalidNetworkError,
    RelationNotFoundError,
)

ACTORS = pd.DataFrame({"id": ["a", "b", "c"], "tier": ["core", "support", "plural"]})


def ties(**cols):
    base = {"source": ["a", "b"], "target": ["b", "c"], "directed": [False, False]}
    base.update(cols)
    return pd.DataFrame(base)


CASES = [
    ("tie to unknown actor", lambda: govnet.Network.from_frames(ACTORS, ties(target=["b", "zz"])),
     InvalidNetworkError, r"ties row 1: target 'zz' is not an actor"),
    ("duplicate actor ids",
     lambda: govnet.Network.from_frames(pd.DataFrame({"id": ["a", "b", "a"], "tier": ["core"] * 3})),
     InvalidNetworkError, r"actors row 2: duplicate actor id 'a' \(first at row 0\)"),
    ("empty id", lambda: govnet.Network.from_frames(pd.DataFrame({"id": ["a", " "], "tier": ["core"] * 2})),
     InvalidNetworkError, r"actors row 1: id is empty"),
    ("missing id", lambda: govnet.Network.from_frames(pd.DataFrame({"id": ["a", None], "tier": ["core"] * 2})),
     InvalidNetworkError, r"actors row 1: id is missing"),
    ("missing id column", lambda: govnet.Network.from_frames(pd.DataFrame({"x": [1], "tier": ["core"]})),
     InvalidNetworkError, r"missing column\(s\) 'id'"),
    ("unknown tier", lambda: govnet.Network.from_frames(pd.DataFrame({"id": ["a", "b"], "tier": ["core", "boss"]})),
     InvalidNetworkError, r"actors row 1: unknown tier 'boss' for actor 'b'"),
    ("NaN weight", lambda: govnet.Network.from_frames(ACTORS, ties(weight=[1.0, np.nan])),
     InvalidNetworkError, r"ties row 1: weight nan is not a finite number"),
    ("infinite weight", lambda: govnet.Network.from_frames(ACTORS, ties(weight=[np.inf, 1.0])),
     InvalidNetworkError, r"ties row 0: weight inf is not a finite number"),
    ("negative weight", lambda: govnet.Network.from_frames(ACTORS, ties(weight=[1.0, -2.0])),
     InvalidNetworkError, r"ties row 1: weight -2.0 is negative"),
    ("text weight", lambda: govnet.Network.from_frames(ACTORS, ties(weight=["1", "heavy"])),
     InvalidNetworkError, r"ties row 1: weight 'heavy' is not a finite number"),
    ("duty for unknown actor",
     lambda: govnet.Network.from_frames(ACTORS, ties(), pd.DataFrame({"actor": ["a", "q"], "duty": ["d1", "d2"]})),
     InvalidNetworkError, r"duties row 1: actor 'q' is not an actor"),
    ("empty duty id",
     lambda: govnet.Network.from_frames(ACTORS, ties(), pd.DataFrame({"actor": ["a"], "duty": [""]})),
     InvalidNetworkError, r"duties row 0: duty is empty"),
    ("unknown duty role",
     lambda: govnet.Network.from_frames(ACTORS, ties(), pd.DataFrame({"actor": ["a"], "duty": ["d"], "role": ["boss"]})),
     InvalidNetworkError, r"duties row 0: unknown role 'boss'"),
    ("conflicting duty roles",
     lambda: govnet.Network.from_frames(ACTORS, ties(), pd.DataFrame(
         {"actor": ["a", "a"], "duty": ["d", "d"], "role": ["lead", "assist"]})),
     InvalidNetworkError, r"duties row 1: actor 'a' holds duty 'd' as 'assist' but row 0 gives 'lead'"),
    ("meeting lists unknown actor",
     lambda: govnet.Network.from_frames(ACTORS, ties(), meetings=pd.DataFrame({"meeting": ["m"], "actor": ["x"]})),
     InvalidNetworkError, r"meetings row 0: meeting 'm' lists 'x'"),
    ("empty network", lambda: govnet.Network.from_frames(pd.DataFrame({"id": [], "tier": []})),
     EmptyNetworkError, r"no rows"),
    ("not a DataFrame", lambda: govnet.Network.from_frames([1, 2]), InvalidNetworkError, r"must be a DataFrame"),
    ("bad duplicate policy", lambda: govnet.Network.from_frames(ACTORS, ties(), duplicates="avg"),
     govnet.InvalidParameterError, r"duplicates must be one of"),
    ("unknown relation", lambda: govnet.Network.from_frames(ACTORS, ties()).layer("leadership"),
     RelationNotFoundError, r"no relation 'leadership'"),
    ("unknown actor lookup", lambda: govnet.Network.from_frames(ACTORS, ties()).position("zz"),
     ActorNotFoundError, r"actor 'zz' is not in the network"),
    ("not a network", lambda: govnet.betweenness_centrality("graph"), InvalidNetworkError,
     r"expected a govnet.Network or a networkx graph"),
    ("bad k", lambda: govnet.betweenness_centrality(govnet.Network.from_frames(ACTORS, ties()), k=10),
     govnet.InvalidParameterError, r"k must be an integer in \[1, 3\]"),
]


@pytest.mark.parametrize("name,call,exc,pattern", CASES, ids=[c[0] for c in CASES])
def test_bad_input(name, call, exc, pattern):
    with pytest.raises(exc, match=pattern) as info:
        call()
    assert isinstance(info.value, GovnetError)


def test_errors_inherit_builtins():
    assert issubclass(InvalidNetworkError, ValueError)
    assert issubclass(ActorNotFoundError, KeyError)
    assert issubclass(govnet.ConvergenceError, RuntimeError)
    assert issubclass(govnet.TooLargeError, MemoryError)
    assert str(ActorNotFoundError("actor 'x' is missing")) == "actor 'x' is missing"


def test_cpp_errors_are_translated():
    core = govnet._core
    with pytest.raises(InvalidNetworkError, match=r"tie 0: target 7 is not a node id in \[0, 3\)"):
        core.CsrGraph.build(3, np.array([0]), np.array([7]))
    with pytest.raises(InvalidNetworkError, match="weight is negative"):
        core.CsrGraph.build(3, np.array([0]), np.array([1]), np.array([-1.0]))
    with pytest.raises(InvalidNetworkError, match="duplicates must be"):
        core.CsrGraph.build(3, np.array([0]), np.array([1]), duplicates="avg")
    with pytest.raises(InvalidNetworkError, match="appear twice"):
        core.TwoMode(2, 2, np.array([0, 0]), np.array([1, 1]), np.array([0, 0], dtype=np.uint8))


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_undecodable_bytes(tmp_path):
    a = write(tmp_path, "a.csv", b"id,tier\na,core\n\xff\xfe\xfa,plural\n")
    with pytest.raises(FileFormatError, match=r"a.csv is neither UTF-8 nor GB18030.*line 3"):
        govnet.read_tables(a)


def test_malformed_csv(tmp_path):
    a = write(tmp_path, "a.csv", b'id,tier\na,core\n"b,plural\n')
    with pytest.raises(FileFormatError, match="malformed CSV"):
        govnet.read_tables(a)


def test_empty_file(tmp_path):
    with pytest.raises(FileFormatError, match="empty"):
        govnet.read_tables(write(tmp_path, "a.csv", b""))


def test_missing_file(tmp_path):
    with pytest.raises(FileFormatError, match="no such file"):
        govnet.read_tables(tmp_path / "nope.csv")


def test_csv_error_names_file_line(tmp_path):
    a = write(tmp_path, "actors.csv", b"id,tier\na,core\nb,plural\n")
    t = write(tmp_path, "ties.csv", "source,target\na,b\nb,万科\n".encode())
    with pytest.raises(InvalidNetworkError, match=r"ties row 1 \(ties.csv line 3\): target '万科' is not an actor"):
        govnet.read_tables(a, t)
