"""Nothing changes a user's data without a word (issue #13, item 5), and the
package's contract: one measure registry, no import cycles, one vocabulary."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import registry

ROOT = Path(__file__).resolve().parents[2]
ACTORS = pd.DataFrame({"id": ["pc", "rc", "so"], "tier": ["core", "support", "plural"]})


def ties(**cols):
    base = {"source": ["pc", "pc"], "target": ["rc", "so"]}
    base.update(cols)
    return pd.DataFrame(base)


# -- relation direction ---------------------------------------------------------


def test_undeclared_user_relation_is_an_error_that_shows_how_to_declare():
    with pytest.raises(govnet.InvalidNetworkError,
                       match=r"direction of relation\(s\) '议事' is not declared.*directed=\{'议事': True\}"):
        govnet.Network.from_frames(ACTORS, ties(relation="议事"))
    # declared: per relation, for all, or by a 'directed' column
    a = govnet.Network.from_frames(ACTORS, ties(relation="议事"), directed={"议事": True})
    b = govnet.Network.from_frames(ACTORS, ties(relation="议事"), directed=True)
    c = govnet.Network.from_frames(ACTORS, ties(relation="议事", directed=["是", "是"]))
    assert a.relation_spec("议事").directed and b.relation_spec("议事").directed
    assert c.relation_spec("议事").directed


@pytest.mark.parametrize("zh,name,directed", [
    ("领导", "leadership", True), ("指导", "guidance", True), ("交叉任职", "cross_appointment", False),
    ("兼职", "cross_appointment", False), ("协商", "deliberation", False), ("服务", "service", True),
    ("监督", "supervision", True), ("信息", "information", True), ("资源", "resource", True),
    ("隶属", "membership", True)])
def test_chinese_labels_are_the_built_ins_with_their_direction(zh, name, directed):
    net = govnet.Network.from_frames(ACTORS, ties(relation=zh))
    assert net.relations == [zh]                      # the data's name is kept ...
    assert net.relation_spec(zh).directed is directed  # ... with the built-in's direction
    assert net.relation_spec(name).name == zh          # and either name selects it
    assert net.num_ties(name) == 2


@pytest.mark.parametrize("cell", ["maybe", "2", "双向"])
def test_directed_column_refuses_unknown_spellings_naming_the_cell(cell):
    with pytest.raises(govnet.InvalidNetworkError, match=f"ties row 0: directed '{cell}' is not"):
        govnet.Network.from_frames(ACTORS, ties(relation="x", directed=[cell, "1"]))


@pytest.mark.parametrize("cell,expected", [("1", True), ("0", False), ("1.0", True), ("TRUE", True),
                                           ("no", False), ("Y", True), ("否", False), (1, True),
                                           (0.0, False)])
def test_directed_column_accepts_the_usual_spellings(cell, expected):
    net = govnet.Network.from_frames(ACTORS, ties(relation="x", directed=[cell, cell]))
    assert net.relation_spec("x").directed is expected


def test_directed_argument_and_column_must_agree():
    with pytest.raises(govnet.InvalidNetworkError, match="declared directed=True but"):
        govnet.Network.from_frames(ACTORS, ties(relation="x", directed=["no", "no"]),
                                   directed={"x": True})


def test_no_relation_may_be_named_all():
    with pytest.raises(govnet.InvalidNetworkError, match="may not be named 'all'"):
        govnet.Network.from_frames(ACTORS, ties(relation="all"), directed=True)


# -- duplicates and self-loops ----------------------------------------------------


def test_tie_reported_from_both_sides_warns_naming_rows_and_policies():
    both = pd.DataFrame({"source": ["pc", "rc"], "target": ["rc", "pc"], "relation": "协商"})
    with pytest.warns(govnet.GovnetWarning, match=r"ties row 1 repeats row 0 .*'sum'.*'max'.*'raise'"):
        net = govnet.Network.from_frames(ACTORS, both)
    assert net.layer("协商").weight(0, 1) == 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = govnet.Network.from_frames(ACTORS, both, duplicates="max")
    assert quiet.layer("协商").weight(0, 1) == 1.0
    with pytest.raises(govnet.InvalidNetworkError, match="ties row 1 repeats row 0"):
        govnet.Network.from_frames(ACTORS, both, duplicates="raise")
    # in a directed relation the two directions are two ties: nothing to say
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = govnet.Network.from_frames(ACTORS, both.assign(relation="leadership"))
    assert d.num_ties() == 2


def test_self_loop_dropped_by_default_says_so():
    loop = ties(source=["pc", "rc"], target=["pc", "so"], relation="leadership")
    with pytest.warns(govnet.GovnetWarning, match=r"1 self-loop\(s\) dropped, first ties row 0"):
        govnet.Network.from_frames(ACTORS, loop)
    with pytest.warns(govnet.GovnetWarning, match="duplicate"):
        govnet.Network.from_arrays(np.array([0, 0]), np.array([1, 1]), actors=3)


def test_duplicates_property():
    rng = np.random.default_rng(3)
    # the warning fires exactly when the pairs (as the relation sees them) repeat
    for _ in range(200):
        n, m = int(rng.integers(2, 6)), int(rng.integers(1, 8))
        s, t = rng.integers(0, n, m), rng.integers(0, n, m)
        directed = bool(rng.integers(0, 2))
        pairs = [(a, b) if directed else tuple(sorted((a, b))) for a, b in zip(s, t) if a != b]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            govnet.Network.from_arrays(s, t, actors=n, directed=directed, self_loops="drop")
        dup = any("duplicate" in str(w.message) for w in caught)
        assert dup == (len(pairs) != len(set(pairs)))


# -- relation=None never pools silently --------------------------------------------


def test_relation_none_on_several_layers_is_an_error_listing_them():
    net = govnet.datasets.nanshan()
    with pytest.raises(govnet.InvalidParameterError,
                       match=r"relation=None is ambiguous: this network has 5 layers \(leadership, "
                             r".*relation='all'"):
        govnet.betweenness_centrality(net)
    pooled = govnet.betweenness_centrality(net, relation="all")
    explicit = govnet.betweenness_centrality(net, relation=net.relations)
    pd.testing.assert_series_equal(pooled, explicit)
    # one layer: None means it
    kite = govnet.datasets.kite()
    pd.testing.assert_series_equal(govnet.degree_centrality(kite),
                                   govnet.degree_centrality(kite, relation="all"))


def _relation_default(name):
    return inspect.signature(registry.MEASURES[name].func).parameters["relation"].default


WITH_RELATION = [n for n in registry.MEASURES if "relation" in registry.MEASURES[n].options]


def test_relation_defaults_other_than_none_are_few_and_stated():
    # a measure whose default pools or picks layers says so in its signature and docstring
    stated = {n: _relation_default(n) for n in WITH_RELATION if _relation_default(n) is not None}
    assert stated == {"deliberation_index": "all"}
    assert "``\"all\"``" in registry.MEASURES["deliberation_index"].func.__doc__


@pytest.mark.parametrize("name", [n for n in WITH_RELATION if _relation_default(n) is None])
def test_every_registered_measure_refuses_relation_none_on_several_layers(name):
    m = registry.MEASURES[name]
    net = govnet.datasets.nanshan()
    with pytest.raises(govnet.InvalidParameterError, match="relation=None is ambiguous"):
        m(net, relation=None)


# -- the registry -------------------------------------------------------------------


@pytest.mark.parametrize("name", list(registry.MEASURES))
def test_registry_row_matches_its_function(name):
    m = registry.MEASURES[name]
    params = list(inspect.signature(m.func).parameters)[1:]
    assert tuple(p for p in params) == m.options, (
        f"registry.{name}.options {m.options} differ from the signature {params}")
    assert m.returns in registry.RETURNS


def test_registry_is_what_the_package_exports():
    for name, m in registry.MEASURES.items():
        assert getattr(govnet, name) is m.func


def test_registry_unknown_option_is_refused():
    with pytest.raises(govnet.InvalidParameterError, match="takes no option 'mode'"):
        registry.measure("betweenness_centrality")(govnet.datasets.kite(), mode="x")


# -- the layout -----------------------------------------------------------------------


def test_no_import_cycles_private_imports_or_facade_imports():
    # the project's shared tool (CI lays shared/ beside the clone); not copied, so it cannot drift
    tool = ROOT.parent / "shared" / "tools" / "import_graph.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/import_graph.py is not beside this checkout (CI fails on skips)")
    out = subprocess.run([sys.executable, str(tool)], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_function_level_imports_of_govnet_inside_the_package():
    # hidden cycles: an import of a govnet module inside a function
    bad = []
    for path in (ROOT / "python" / "govnet").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "")
                                                             .startswith("govnet")):
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, bad


def test_no_module_over_1000_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "python" / "govnet").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 1000}
    assert not long, long


def test_networkx_graph_in_and_out():
    net = govnet.datasets.kite()
    g = net.to_networkx()
    assert isinstance(g, nx.MultiGraph)


# -- exports that cannot hold every table -------------------------------------------


def _net_with_every_table():
    actors = pd.DataFrame({"id": ["pc", "rc", "so", "oc"],
                           "tier": ["core", "support", "plural", "plural"]})
    t = pd.DataFrame({"source": ["pc", "pc", "rc"], "target": ["rc", "so", "so"],
                      "relation": "leadership"})
    duties = pd.DataFrame({"actor": ["pc", "rc"], "duty": ["safety", "safety"]})
    missing = pd.DataFrame({"source": ["oc"], "target": ["pc"], "relation": ["leadership"]})
    return govnet.Network.from_frames(actors, t, duties, missing=missing)


@pytest.mark.parametrize("writer,fmt", [("write_graphml", "GraphML"), ("write_gexf", "GEXF"),
                                        ("write_pajek", "Pajek"), ("write_dl", "DL")])
def test_writers_without_a_place_for_tables_name_what_they_leave_out(tmp_path, writer, fmt):
    net = _net_with_every_table()
    with pytest.warns(govnet.GovnetWarning) as rec:
        getattr(govnet, writer)(net, tmp_path / "out.txt")
    text = " ".join(str(w.message) for w in rec if fmt in str(w.message))
    assert "duties (2 rows)" in text and "missing dyads (1 row)" in text
    assert "become non-ties" in text and "govnet.save" in text
    # exactly one warning about it (write_dl's matrices do not repeat it)
    assert sum("missing" in str(w.message) for w in rec) == 1


def test_writers_keep_quiet_when_nothing_is_left_out(tmp_path):
    net = govnet.datasets.nanshan()
    assert "duties" in net.optional_tables()  # what the writers would have to name
    plain = net._replace(**{k: None for k in net.optional_tables()})
    with warnings.catch_warnings():
        warnings.simplefilter("error", govnet.GovnetWarning)
        govnet.write_graphml(plain, tmp_path / "a.graphml")
        govnet.write_pajek(plain, tmp_path / "a.net")


def test_graph_objects_and_matrices_name_missing_dyads_they_turn_into_non_ties():
    net = _net_with_every_table()
    with pytest.warns(govnet.GovnetWarning, match=r"to_networkx: .*missing dyads \(1 row\)"):
        net.to_networkx()
    with pytest.warns(govnet.GovnetWarning, match=r"to_adjacency: the missing dyads of relation "
                                                  r"'leadership' \(1\) are 0"):
        govnet.to_adjacency(net, relation="leadership")
    # duties are not a graph's business: no word about them in a graph object
    no_missing = net._replace(missing=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error", govnet.GovnetWarning)
        no_missing.to_networkx()
        govnet.to_adjacency(no_missing, relation="leadership")


def test_distances_are_not_summed_across_pooled_layers():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "tier": ["core", "plural", "plural"]})
    t = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "b", "c"],
                      "relation": ["leadership", "membership", "leadership"],
                      "weight": [1.0, 1.0, 1.0]})
    net = govnet.Network.from_frames(actors, t)
    with pytest.raises(govnet.InvalidParameterError,
                       match=r"1 pair\(s\) are tied in more than one.*not a length"):
        govnet.betweenness_centrality(net, relation="all", distance="weight")
    with pytest.raises(govnet.InvalidParameterError, match="not a length"):
        govnet.closeness_centrality(net, relation="all", distance="weight")
    # strengths may be summed; one layer, or layers without shared pairs, are fine
    govnet.betweenness_centrality(net, relation="all")
    one = govnet.betweenness_centrality(net, relation="leadership", distance="weight")
    assert one["b"] == pytest.approx(0.5)  # leadership is directed: a -> b -> c
