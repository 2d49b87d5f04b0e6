"""Hardening, round 2 (issue #19): user columns never collide with govnet's own
columns (class 1), direction and booleans from files (class 3).

Each test goes beyond the issue's example: every role, every reserved name,
every path by which user columns arrive (from_frames, CSV, Excel, GraphML,
GEXF, networkx, save/load)."""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govnet
from govnet import GovnetError, InvalidNetworkError
from govnet.errors import FileFormatError
from govnet.model.validation import ACTOR_RESERVED, TIE_RESERVED

ACTORS = pd.DataFrame({"id": ["a", "b", "c"], "tier": ["core", "support", "plural"]})
TIES = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "relation": "leadership",
                     "weight": [1.0, 2.0]})

# -- class 1: namespaces ------------------------------------------------------------

TIE_ROLES = {"source": "source_col", "target": "target_col", "relation": "relation_col",
             "weight": "weight_col"}
ACTOR_ROLES = {"id": "id_col", "name": "name_col", "tier": "tier_col", "kind": "kind_col"}


@pytest.mark.parametrize("role", list(TIE_ROLES))
def test_default_named_tie_column_beside_a_mapped_role_is_ambiguous(role):
    ties = TIES.assign(other=TIES[role])
    if role == "weight":
        ties["weight"] = [5.0, 6.0]  # different values: must not silently win or lose
    with pytest.raises(InvalidNetworkError) as err:
        govnet.Network.from_frames(ACTORS, ties, **{TIE_ROLES[role]: "other"})
    msg = str(err.value)
    assert repr(role) in msg and "'other'" in msg and "ambiguous" in msg


@pytest.mark.parametrize("role", list(ACTOR_ROLES))
def test_default_named_actor_column_beside_a_mapped_role_is_ambiguous(role):
    actors = ACTORS.assign(name=["A", "B", "C"], kind="actor")
    actors["other"] = actors[role]
    if role == "tier":
        actors["tier"] = "not-a-tier"  # would be stored unvalidated before
    with pytest.raises(InvalidNetworkError) as err:
        govnet.Network.from_frames(actors, TIES, **{ACTOR_ROLES[role]: "other"})
    assert repr(role) in str(err.value) and "'other'" in str(err.value)


@pytest.mark.parametrize("name", ["src", "dst"])
def test_extra_tie_column_cannot_take_an_internal_name(name):
    # a column 'src' used to overwrite the internal actor positions: rewiring
    ties = TIES.assign(**{name: [0, 0]})
    with pytest.raises(InvalidNetworkError, match=f"'{name}'.*reserves"):
        govnet.Network.from_frames(ACTORS, ties)


def test_two_roles_on_one_column_and_duplicate_column_names_are_refused():
    with pytest.raises(InvalidNetworkError, match="source_col and target_col both name"):
        govnet.Network.from_frames(ACTORS, TIES, target_col="source")
    dup = pd.concat([TIES, TIES[["weight"]]], axis=1)
    with pytest.raises(InvalidNetworkError, match="two columns are named 'weight'"):
        govnet.Network.from_frames(ACTORS, dup)
    with pytest.raises(TypeError):
        govnet.Network.from_frames(ACTORS, TIES, weight_col=3)


def test_mapped_roles_keep_the_other_user_columns_as_attributes():
    ties = pd.DataFrame({"from": ["a"], "to": ["b"], "type": ["leadership"], "w": [2.0],
                         "note": ["x"]})
    net = govnet.Network.from_frames(ACTORS.rename(columns={"id": "code", "tier": "level"}),
                                     ties, id_col="code", tier_col="level", source_col="from",
                                     target_col="to", relation_col="type", weight_col="w")
    t = net.ties()
    assert list(t.columns) == ["source", "target", "relation", "weight", "note"]
    assert t["weight"].tolist() == [2.0]
    assert net.layer("leadership").edges()[2].tolist() == [2.0]


@settings(max_examples=60, deadline=None)
@given(extra=st.lists(st.sampled_from(list(TIE_RESERVED) + ["note", "src2", "Weight", "0"]),
                      min_size=1, max_size=3, unique=True))
def test_property_extra_tie_columns_never_change_the_graph(extra):
    """Whatever extra columns a tie table has, the network either refuses them or has
    exactly the ties the mapped columns give (same positions, same weights)."""
    base = pd.DataFrame({"S": ["a", "b"], "T": ["b", "c"], "R": "leadership", "W": [1.5, 2.5]})
    kwargs = {"source_col": "S", "target_col": "T", "relation_col": "R", "weight_col": "W"}
    ties = base.copy()
    for i, c in enumerate(extra):
        ties[c] = ["c", "a"] if i % 2 == 0 else [9.0, 0.0]
    try:
        net = govnet.Network.from_frames(ACTORS, ties, **kwargs)
    except InvalidNetworkError as exc:
        assert any(c in str(exc) for c in extra)
        assert set(extra) & set(TIE_RESERVED)
        return
    assert not set(extra) & set(TIE_RESERVED) - {"directed"}
    s, t, w = net.layer("leadership").edges()
    assert sorted(zip(net.actor_ids[s], net.actor_ids[t], w)) == [("a", "b", 1.5), ("b", "c", 2.5)]


def test_csv_and_excel_paths_refuse_the_ambiguous_mapping(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("source,target,relation,weight,w\na,b,leadership,1,7\n", encoding="utf-8")
    with pytest.raises(InvalidNetworkError, match="'weight' and weight_col='w'"):
        govnet.read_csv(p, weight_col="w")
    x = tmp_path / "t.xlsx"
    with pd.ExcelWriter(x) as xw:
        ACTORS.assign(level="core").to_excel(xw, sheet_name="actors", index=False)
        TIES.to_excel(xw, sheet_name="ties", index=False)
    with pytest.raises(InvalidNetworkError, match="'tier' and tier_col='level'"):
        govnet.read_excel(x, tier_col="level")


def test_csv_without_actors_uses_the_mapped_source_and_target(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("from,to,relation\na,b,leadership\n", encoding="utf-8")
    net = govnet.read_csv(p, source_col="from", target_col="to")
    assert list(net.actor_ids) == ["a", "b"] and net.num_ties() == 1


def _graphml(node_data: str = "", edge_data: str = "", keys: str = "") -> str:
    return ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            f'{keys}<graph edgedefault="directed"><node id="a">{node_data}</node><node id="b"/>'
            f'<edge source="a" target="b">{edge_data}</edge></graph></graphml>')


@pytest.mark.parametrize("where,name", [("node", "id"), ("edge", "source"), ("edge", "target"),
                                        ("edge", "src"), ("edge", "dst")])
def test_graphml_attribute_cannot_take_a_reserved_name(tmp_path, where, name):
    keys = f'<key id="k" for="{where}" attr.name="{name}" attr.type="string"/>'
    data = '<data key="k">b</data>'
    p = tmp_path / "g.graphml"
    p.write_text(_graphml(data if where == "node" else "", data if where == "edge" else "",
                          keys), encoding="utf-8")
    with pytest.raises(GovnetError, match=repr(name)):
        govnet.read_graphml(p)


@pytest.mark.parametrize("name", ["id"])
def test_gexf_node_attribute_cannot_take_a_reserved_name(tmp_path, name):
    p = tmp_path / "g.gexf"
    p.write_text('<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3">'
                 '<graph defaultedgetype="directed"><attributes class="node">'
                 f'<attribute id="0" title="{name}" type="string"/></attributes>'
                 '<nodes><node id="a"><attvalues><attvalue for="0" value="b"/></attvalues></node>'
                 '<node id="b"/></nodes><edges><edge source="a" target="b"/></edges></graph></gexf>',
                 encoding="utf-8")
    with pytest.raises(FileFormatError, match=repr(name)):
        govnet.read_gexf(p)


def test_gexf_weight_attribute_that_disagrees_with_the_edge_weight_is_refused(tmp_path):
    p = tmp_path / "g.gexf"
    p.write_text('<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3">'
                 '<graph defaultedgetype="directed"><attributes class="edge">'
                 '<attribute id="0" title="weight" type="double"/></attributes>'
                 '<nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b" '
                 'weight="2"><attvalues><attvalue for="0" value="5"/></attvalues></edge></edges>'
                 '</graph></gexf>', encoding="utf-8")
    with pytest.raises(FileFormatError, match="ambiguous"):
        govnet.read_gexf(p)


@pytest.mark.parametrize("attr", ["source", "target", "src", "dst"])
def test_networkx_edge_attribute_cannot_take_a_reserved_name(attr):
    g = nx.DiGraph()
    g.add_edge("a", "b", **{attr: "b"})
    with pytest.raises(InvalidNetworkError, match=repr(attr)):
        govnet.Network.from_networkx(g, default_tier="plural")


@pytest.mark.parametrize("role", ["relation", "weight"])
def test_networkx_mapped_attribute_beside_the_default_is_ambiguous(role):
    g = nx.DiGraph()
    g.add_edge("a", "b", **{role: 2.0 if role == "weight" else "leadership", "other": 3.0})
    with pytest.raises(InvalidNetworkError, match="ambiguous"):
        govnet.Network.from_networkx(g, default_tier="plural", **{role: "other"})
    g = nx.Graph()
    g.add_node("a", id="zz", tier="core")
    with pytest.raises(InvalidNetworkError, match="'id'"):
        govnet.Network.from_networkx(g)
    g = nx.Graph()
    g.add_node("a", tier="core", name="A", label="L")
    with pytest.raises(InvalidNetworkError, match="'name' and name_col='label'"):
        govnet.Network.from_networkx(g, name="label")


def test_with_layer_refuses_a_relation_column():
    net = govnet.Network.from_frames(ACTORS, TIES)
    with pytest.raises(InvalidNetworkError, match="'relation' column"):
        net.with_layer("x", TIES[["source", "target"]].assign(relation="y"), directed=True)


def test_every_writer_keeps_user_attributes_apart(tmp_path):
    """Extra columns named like other tools' internals survive every writer and reader."""
    actors = ACTORS.assign(label=["x", "y", "z"], weight_class=["1", "2", "3"])
    ties = TIES.assign(note=["n1", "n2"], type=["t1", "t2"])
    net = govnet.Network.from_frames(actors, ties)
    for write, read, ext in [(govnet.write_graphml, govnet.read_graphml, "graphml"),
                             (govnet.write_gexf, govnet.read_gexf, "gexf"),
                             (govnet.write_csv, govnet.read_csv, "csv"),
                             (govnet.save, govnet.load, "govnet")]:
        p = tmp_path / f"n.{ext}"
        write(net, p)
        back = read(p)
        s, t, w = back.layer("leadership").edges()
        assert sorted(zip(back.actor_ids[s], back.actor_ids[t], w)) == [("a", "b", 1.0),
                                                                         ("b", "c", 2.0)], ext
        assert back.ties()["note"].astype(str).tolist() == ["n1", "n2"], ext


def test_reserved_names_are_documented_constants():
    assert set(ACTOR_RESERVED) == {"id", "name", "name_en", "tier", "kind"}
    assert {"src", "dst", "source", "target", "relation", "weight"} <= set(TIE_RESERVED)


# -- class 3: direction and booleans --------------------------------------------------

TRUE_SPELLINGS = ["1", "1.0", "true", "TRUE", "yes", "Y", "是", "directed", 1, 1.0, True]
FALSE_SPELLINGS = ["0", "0.0", "false", "no", "N", "否", "undirected", 0, 0.0, False]


@pytest.mark.parametrize("cell", TRUE_SPELLINGS + FALSE_SPELLINGS)
def test_directed_column_spellings(cell):
    ties = pd.DataFrame({"source": ["a"], "target": ["b"], "relation": ["x"], "directed": [cell]})
    net = govnet.Network.from_frames(ACTORS, ties)
    assert net.relation_spec("x").directed is (cell in TRUE_SPELLINGS and cell not in (0, 0.0, False))


@pytest.mark.parametrize("cell", ["maybe", "2", "-1", 2, 0.5, "tru", "有"])
def test_directed_column_refuses_other_cells_naming_row(cell):
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "relation": "x",
                         "directed": ["true", cell]})
    with pytest.raises(InvalidNetworkError, match=r"ties row 1: directed"):
        govnet.Network.from_frames(ACTORS, ties)


def _graphml_mixed(flags: list[str | None], stored: str | None = None) -> str:
    edges = "".join(
        f'<edge source="{s}" target="{t}"' + (f' directed="{f}"' if f is not None else "") + "/>"
        for (s, t), f in zip([("a", "b"), ("b", "c"), ("c", "a")], flags))
    key = ('<key id="g" for="graph" attr.name="govnet_relations" attr.type="string"/>'
           if stored else "")
    data = f'<data key="g">{stored}</data>' if stored else ""
    return ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            f'{key}<graph edgedefault="undirected">{data}<node id="a"/><node id="b"/>'
            f'<node id="c"/>{edges}</graph></graphml>')


def test_graphml_relation_with_directed_and_undirected_edges_keeps_each_direction(tmp_path):
    p = tmp_path / "m.graphml"
    p.write_text(_graphml_mixed(["true", "false", None]), encoding="utf-8")
    with pytest.warns(govnet.GovnetWarning, match="both directed and undirected"):
        net = govnet.read_graphml(p)
    assert net.relation_spec("tie").directed
    s, t, _ = net.layer("tie").edges()
    arcs = sorted(zip(net.actor_ids[s], net.actor_ids[t]))
    # a->b directed; b--c and c--a (no flag: edgedefault undirected) both ways
    assert arcs == [("a", "b"), ("a", "c"), ("b", "c"), ("c", "a"), ("c", "b")]


def test_graphml_edge_direction_contradicting_govnet_relations_is_refused(tmp_path):
    p = tmp_path / "m.graphml"
    p.write_text(_graphml_mixed(["true", "true", "true"], '{"tie": false}'), encoding="utf-8")
    with pytest.raises(FileFormatError, match="govnet_relations says"):
        govnet.read_graphml(p)


def test_gexf_mixed_edge_types_keep_each_direction(tmp_path):
    p = tmp_path / "m.gexf"
    p.write_text('<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3">'
                 '<graph defaultedgetype="undirected"><nodes><node id="a"/><node id="b"/>'
                 '<node id="c"/></nodes><edges><edge source="a" target="b" type="directed"/>'
                 '<edge source="b" target="c"/></edges></graph></gexf>', encoding="utf-8")
    with pytest.warns(govnet.GovnetWarning, match="both directed and undirected"):
        net = govnet.read_gexf(p)
    s, t, _ = net.layer("tie").edges()
    assert sorted(zip(net.actor_ids[s], net.actor_ids[t])) == [("a", "b"), ("b", "c"), ("c", "b")]


@pytest.mark.parametrize("value,ok", [("true", True), ("false", True), ("1", True), ("0", True),
                                      ("yes", True), ("maybe", False), ("", False)])
def test_xml_boolean_attributes_refuse_other_spellings(tmp_path, value, ok):
    p = tmp_path / "b.graphml"
    p.write_text(_graphml('<data key="k">' + value + "</data>", "",
                          '<key id="k" for="node" attr.name="flag" attr.type="boolean"/>'),
                 encoding="utf-8")
    if ok:
        net = govnet.read_graphml(p)
        assert isinstance(net.actors.loc["a", "flag"], (bool, np.bool_))
    else:
        with pytest.raises(FileFormatError, match="not a valid boolean"):
            govnet.read_graphml(p)


def test_mixed_network_round_trips_through_every_direction_aware_format(tmp_path):
    ties = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
                         "relation": ["leadership", "deliberation", "deliberation"]})
    net = govnet.Network.from_frames(ACTORS, ties)
    for write, read, ext in [(govnet.write_graphml, govnet.read_graphml, "graphml"),
                             (govnet.write_gexf, govnet.read_gexf, "gexf"),
                             (govnet.write_pajek, govnet.read_pajek, "net")]:
        p = tmp_path / f"m.{ext}"
        write(net, p)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            back = read(p)
        for rel in net.relations:
            assert back.relation_spec(rel).directed == net.relation_spec(rel).directed, ext
            assert back.num_ties(rel) == net.num_ties(rel), ext


# -- class 2: threads that cannot be created -----------------------------------------

_ULIMIT_SCRIPT = r"""
import os, resource, sys, warnings
import numpy as np, govnet
rng = np.random.default_rng(0)
n = 3000
s, t = rng.integers(0, n, 20000), rng.integers(0, n, 20000)
k = s != t
net = govnet.Network.from_arrays(s[k], t[k], actors=n, duplicates="sum", self_loops="drop")
net.layer()
vm = int(open("/proc/self/statm").read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
resource.setrlimit(resource.RLIMIT_AS, (vm + int(sys.argv[1]) * 1024**2, resource.RLIM_INFINITY))
threads = None if sys.argv[2] == "none" else int(sys.argv[2])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    bc = govnet.betweenness_centrality(net, threads=threads)
print(repr(float(bc.sum())))
print("WARN" if any("ulimit -v" in str(x.message) for x in w) else "NOWARN")
"""


@pytest.mark.parametrize("threads", ["none", "0", "2", "64"])
@pytest.mark.parametrize("extra_mib", [1, 8])
def test_threads_that_do_not_fit_ulimit_v_fall_back_with_a_warning(tmp_path, threads, extra_mib):
    """Under an address-space limit (``ulimit -v``) with no room for another thread's
    stack, libgomp would end the process ("Thread creation failed"); govnet uses
    the threads that fit, with a GovnetWarning, and gives the same result."""
    import subprocess
    import sys

    script = tmp_path / "u.py"
    script.write_text(_ULIMIT_SCRIPT, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), str(extra_mib), threads],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Thread creation failed" not in r.stderr
    total, warned = r.stdout.split()
    assert warned == "WARN"
    rng = np.random.default_rng(0)
    n = 3000
    s, t = rng.integers(0, n, 20000), rng.integers(0, n, 20000)
    k = s != t
    net = govnet.Network.from_arrays(s[k], t[k], actors=n, duplicates="sum", self_loops="drop")
    assert float(total) == pytest.approx(float(govnet.betweenness_centrality(net, threads=1).sum()),
                                         rel=1e-12)


def test_thread_room_without_a_limit_changes_nothing():
    import resource

    from govnet._runtime import check_threads, thread_room

    if resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY:
        assert thread_room() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_threads(None) == 0 and check_threads(1) == 1
