"""Hardening, round 2 (issue #19, class 6): outputs that cannot hurt their reader.

Formula injection (Excel cells are text, CSV cells escaped), labels drawn as plain
text (a ``$`` in a name used to crash ``govnet analyze`` in mathtext), and every
writer's output read back by its own reader (property test over all writers)."""

from __future__ import annotations

import subprocess
import sys
import warnings
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnet
from govnet import InvalidNetworkError

NASTY = ["data:", "n=2", "nm=3", "labels:", "row labels:", "!", "*Vertices", "*Arcs", "a b",
         "a,b", "=1+2", "=HYPERLINK(x)", "+cmd", "-3", "@SUM(A1)", "'=x", "'", "\tx",
         "社区 党委", "1", "2", "#x", "x\\y", "  ", "é"]

WRITERS = [("graphml", govnet.write_graphml, govnet.read_graphml, {}),
           ("gexf", govnet.write_gexf, govnet.read_gexf, {}),
           ("net", govnet.write_pajek, govnet.read_pajek, {}),
           ("dl", govnet.write_dl, govnet.read_dl, None),  # DL has no direction: given
           # the tables keep the rows as given: read with the network's own policies
           ("csv", govnet.write_csv, govnet.read_csv, {"duplicates": "max", "self_loops": "drop"}),
           ("xlsx", govnet.write_excel, govnet.read_excel,
            {"duplicates": "max", "self_loops": "drop"}),
           ("govnet", govnet.save, govnet.load, {})]


def _edges(net, rel):
    s, t, w = net.layer(rel).edges()
    ids = np.asarray(net.actor_ids, dtype=object)
    d = net.relation_spec(rel).directed
    return sorted((a, b, x) if d else (*sorted((a, b)), x) for a, b, x in zip(ids[s], ids[t], w))


@st.composite
def networks(draw):
    pool = [x for x in NASTY if x.strip()] + [f"v{i}" for i in range(6)]
    ids = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=9, unique=True))
    rels = draw(st.lists(st.sampled_from(["leadership", "deliberation", "自定 义", "x:y"]),
                         min_size=1, max_size=3, unique=True))
    m = draw(st.integers(1, 14))
    rows = [(draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), draw(st.sampled_from(rels)),
             draw(st.sampled_from([1.0, 2.0, 0.5])))
            for _ in range(m)]
    ties = pd.DataFrame(rows, columns=["source", "target", "relation", "weight"])
    ties = ties[ties["source"] != ties["target"]]
    directed = {r: draw(st.booleans()) for r in rels if r in set(ties["relation"])}
    if not len(ties):
        ties = None
    actors = pd.DataFrame({"id": ids, "tier": "plural", "name": ids})
    return govnet.Network.from_frames(actors, ties, directed=directed or None, duplicates="max",
                                      self_loops="drop")


@settings(max_examples=int(__import__("os").environ.get("GOVNET_FUZZ_EXAMPLES", "15")),
          deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(net=networks())
def test_property_every_writer_is_read_back_by_its_own_reader(tmp_path, net):
    for ext, write, read, kwargs in WRITERS:
        p = tmp_path / f"n.{ext}"
        write(net, p)
        if kwargs is None:
            kwargs = {"directed": {r: net.relation_spec(r).directed for r in net.relations}}
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nothing merged, dropped or guessed on the way
            back = read(p, **kwargs)
        assert sorted(back.actor_ids) == sorted(net.actor_ids), ext
        for rel in net.relations:
            if ext == "dl" and net.num_ties(rel) == 0:
                continue
            assert back.relation_spec(rel).directed == net.relation_spec(rel).directed, ext
            assert _edges(back, rel) == _edges(net, rel), (ext, rel)


@pytest.mark.parametrize("writer", ["write_pajek", "write_dl"])
def test_labels_without_an_escape_are_refused_not_changed(tmp_path, writer):
    actors = pd.DataFrame({"id": ['say "hi"', "b"], "tier": "plural"})
    net = govnet.Network.from_frames(actors)
    with pytest.raises(InvalidNetworkError, match="has no escape"):
        getattr(govnet, writer)(net, tmp_path / "x.out")
    for ok in ("write_graphml", "write_gexf", "write_csv"):  # the others keep it
        getattr(govnet, ok)(net, tmp_path / f"x.{ok}")


FORMULAS = ["=1+2", "=HYPERLINK(\"http://x\",\"y\")", "+41", "-2+3", "@SUM(A1:A2)", "\t=x",
            "\r=x", "'=already"]


def _formula_net():
    ids = [f"a{i}" for i in range(len(FORMULAS))]
    actors = pd.DataFrame({"id": ids, "tier": "plural", "name": FORMULAS, "note": FORMULAS})
    ties = pd.DataFrame({"source": ids[:-1], "target": ids[1:], "relation": "leadership",
                         "memo": FORMULAS[:-1]})
    return govnet.Network.from_frames(actors, ties)


def test_excel_cells_are_text_never_formulas(tmp_path):
    import openpyxl

    p = tmp_path / "f.xlsx"
    net = _formula_net()
    govnet.write_excel(net, p)
    wb = openpyxl.load_workbook(p)
    types = {c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert "f" not in types
    with zipfile.ZipFile(p) as z:
        assert all(b"<f>" not in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets"))
    back = govnet.read_excel(p)
    assert back.actors["name"].tolist() == FORMULAS
    assert back.ties()["memo"].tolist() == FORMULAS[:-1]


def test_csv_cells_are_escaped_and_read_back(tmp_path):
    p = tmp_path / "f.csv"
    net = _formula_net()
    govnet.write_csv(net, p)
    raw = pd.read_csv(tmp_path / "f.actors.csv", dtype=str, keep_default_na=False,
                      encoding="utf-8-sig")
    # the rule: a text cell starting with = + - @ tab CR or ' gets one leading '
    assert raw["name"].tolist() == ["'" + f for f in FORMULAS]
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in raw["note"])
    back = govnet.read_csv(p)
    assert back.actors["name"].tolist() == FORMULAS
    assert back.ties()["memo"].tolist() == FORMULAS[:-1]
    assert back.layer("leadership").edges()[2].tolist() == [1.0] * (len(FORMULAS) - 1)


@pytest.mark.parametrize("name", ["A$B", "$x^2$", "$", "a$b$c$", r"\frac{1}{2}$"])
def test_dollar_in_labels_is_drawn_as_plain_text(tmp_path, name):
    import matplotlib

    matplotlib.use("Agg")
    actors = pd.DataFrame({"id": ["a", "b"], "tier": ["core", "plural"], "name": [name, "b"]})
    ties = pd.DataFrame({"source": ["a"], "target": ["b"], "relation": ["leadership"]})
    net = govnet.Network.from_frames(actors, ties)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", govnet.plot.CJKFontWarning)
        ax = govnet.plot.structure(net, title=name)
        ax.figure.savefig(tmp_path / "s.png")  # drawn after the call returned
        texts = [t for t in ax.texts if t.get_text() == name]
        assert texts and not texts[0].get_parse_math()
        ax2 = govnet.plot.centrality_bar(pd.Series([1.0, 2.0], index=["a", "b"], name=name),
                                         net=net, title=name)
        ax2.figure.savefig(tmp_path / "b.png")


def test_analyze_with_a_dollar_in_an_actor_name_does_not_crash(tmp_path):
    actors = pd.DataFrame({"id": ["pc", "rc", "so"], "tier": ["core", "support", "plural"],
                           "name": ["党委 $100", "A$B", "$x^2$"]})
    ties = pd.DataFrame({"source": ["pc", "pc"], "target": ["rc", "so"],
                         "relation": ["leadership", "leadership"]})
    actors.to_csv(tmp_path / "a.csv", index=False)
    ties.to_csv(tmp_path / "t.csv", index=False)
    r = subprocess.run([sys.executable, "-m", "govnet", "analyze", "--actors",
                        str(tmp_path / "a.csv"), "--ties", str(tmp_path / "t.csv"), "--out",
                        str(tmp_path / "out"), "-q"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert (tmp_path / "out" / "structure.png").is_file()
