"""Tables for a paper: LaTeX (booktabs), Markdown and Word, each parsed back
(the LaTeX rows split on & and \\\\, the Markdown pipe table, the .docx read
with python-docx), stars checked against the p-values row by row."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import govnet

docx = pytest.importorskip("docx")


def regression_like() -> pd.DataFrame:
    return pd.DataFrame({"term": ["(intercept)", "领导", "协商_x", "p&q"],
                         "coef": [0.5, -1.23456, 2.0, 0.1],
                         "std_error": [0.1, 0.2, 0.3, 0.4],
                         "p_two_sided": [0.0004, 0.0099, 0.03, 0.5]})


def expected_mark(p: float) -> str:
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


def latex_rows(tex: str) -> list[list[str]]:
    body = tex.split("\\midrule", 1)[1].split("\\bottomrule", 1)[0]
    return [[c.strip() for c in line.split(" & ")] for line in body.strip().split(" \\\\\n")
            if line.strip()]


def markdown_rows(md: str) -> list[list[str]]:
    lines = [ln for ln in md.splitlines() if ln.startswith("|")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", ln)[1:-1]] for ln in lines]


def test_latex_booktabs_with_stars_and_notes(tmp_path):
    frame = regression_like()
    tex = govnet.to_latex(frame, tmp_path / "t.tex", caption="MRQAP 结果", label="tab:mrqap",
                          notes="Standard errors from the fit.", layers=["leadership", "deliberation"])
    assert (tmp_path / "t.tex").read_text(encoding="utf-8") == tex
    for cmd in ("\\toprule", "\\midrule", "\\bottomrule", "\\begin{tabular}{lrrr}",
                "\\caption{MRQAP 结果}", "\\label{tab:mrqap}", "booktabs", "xeCJK"):
        assert cmd in tex, cmd
    assert tex.index("\\toprule") < tex.index("\\midrule") < tex.index("\\bottomrule")
    rows = latex_rows(tex)
    assert len(rows) == 4 and all(len(r) == 4 for r in rows)
    assert [r[0] for r in rows] == ["(intercept)", "领导", "协商\\_x", "p\\&q"]  # escaped
    for r, p in zip(rows, frame["p_two_sided"]):
        m = expected_mark(p)
        assert r[1].endswith(f"$^{{{m}}}$") if m else "$^" not in r[1]
    assert rows[1][1] == "$-$1.235$^{**}$"
    assert rows[0][3] == "\\textless{}.001" and rows[2][3] == ".030"
    assert "Layers: leadership, deliberation (pooled, weights summed)" in tex
    assert "Standard errors from the fit." in tex
    assert "* p \\textless{} .05, ** p \\textless{} .01, *** p \\textless{} .001 (p\\_two\\_sided)" in tex


def test_markdown_table_parses_back():
    frame = regression_like()
    md = govnet.to_markdown(frame, caption="Table 1", digits=2)
    rows = markdown_rows(md)
    assert rows[0] == ["term", "coef", "std_error", "p_two_sided"]
    assert rows[1] == [":---", "---:", "---:", "---:"]
    body = rows[2:]
    assert len(body) == 4
    for r, c, p in zip(body, frame["coef"], frame["p_two_sided"]):
        text = f"{c:.2f}".replace("-", "−") + expected_mark(p).replace("*", "\\*")
        assert r[1] == text
    assert body[3][0] == "p&q"
    assert md.startswith("**Table 1**")
    assert "\\* p < .05" in md


def test_stars_are_configurable():
    frame = regression_like()
    t = govnet.paper_table(frame, stars={0.1: "†", 0.01: "‡"})
    assert t.stars == ("‡", "‡", "†", "")  # p = .0004, .0099, .03, .5
    assert "‡ p < .01" in t.notes[-1] and "† p < .1" in t.notes[-1]
    none = govnet.paper_table(frame, stars=None)
    assert none.star_column is None and not any("p <" in n for n in none.notes)
    on_se = govnet.paper_table(frame, star_column="std_error")
    assert on_se.to_frame()["std_error"].iloc[0] == "0.100***"
    with pytest.raises(govnet.InvalidParameterError, match="threshold"):
        govnet.paper_table(frame, stars={1.5: "*"})
    with pytest.raises(govnet.InvalidParameterError, match="p='pval'"):
        govnet.paper_table(frame, p="pval")
    with pytest.raises(govnet.InvalidParameterError, match="digits"):
        govnet.paper_table(frame, digits=-1)
    with pytest.raises(TypeError, match="DataFrame, a Series or a govnet result"):
        govnet.paper_table([1, 2, 3])
    renamed = govnet.paper_table(frame, columns={"term": "Term", "coef": "β"}, index=False)
    assert renamed.header() == ["Term", "β"] and renamed.to_frame()["β"].iloc[0] == "0.500***"


def test_docx_reads_back_with_east_asian_font(tmp_path):
    frame = regression_like()
    path = tmp_path / "t.docx"
    govnet.to_docx(frame, path, caption="表 1 回归结果", layers="leadership")
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].text == "表 1 回归结果"
    table = doc.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["term", "coef", "std_error", "p_two_sided"]
    assert [r[0] for r in cells[1:]] == list(frame["term"])
    for r, c, p in zip(cells[1:], frame["coef"], frame["p_two_sided"]):
        assert r[1] == f"{c:.3f}".replace("-", "−") + expected_mark(p)
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    fonts = table._tbl.findall(".//w:rFonts", ns)
    assert fonts and all(f.get(f"{{{ns['w']}}}eastAsia") == "SimSun" for f in fonts)
    runs = [r for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    # three-line table: rules on the header's top and bottom and the last row's bottom
    borders = table._tbl.findall(".//w:tcBorders", ns)
    assert len(borders) == 2 * len(cells[0])
    notes = [p.text for p in doc.paragraphs[1:]]
    assert any("Layers: leadership." in n for n in notes)
    # appending to an existing document, another East Asian font
    doc2 = govnet.to_docx(frame, document=docx.Document(), east_asian_font="宋体")
    assert doc2.tables[0]._tbl.find(".//w:rFonts", ns).get(f"{{{ns['w']}}}eastAsia") == "宋体"


def test_series_and_result_objects():
    net = govnet.datasets.nanshan()
    deg = govnet.degree_centrality(net, relation="leadership")
    md = govnet.to_markdown(deg, layers="leadership")
    rows = markdown_rows(md)
    assert rows[0] == ["id", "degree_centrality"] and len(rows) == 2 + len(net)
    assert [r[0] for r in rows[2:]] == list(net.actor_ids)
    assert [r[1] for r in rows[2:]] == [f"{v:.3f}" for v in deg]

    q = govnet.qap_test((net, "leadership"), (net, "membership"), n_permutations=99, seed=3)
    t = govnet.paper_table(q)
    fr = t.to_frame().set_index("statistic")["value"]
    assert fr["n_permutations"] == "99" and fr["seed"] == "3"
    assert fr["statistic"].rstrip("*") == f"{q.statistic:.3f}".replace("-", "−")
    assert fr["statistic"].endswith("*") == (q.p_two_sided < 0.05)
    p = q.p_less
    assert fr["p_less"] == ("<.001" if p < 0.001 else "1.000" if p >= 1 else f"{p:.3f}"[1:])

    r = govnet.mrqap((net, "leadership"), [(net, "membership"), (net, "guidance")],
                     n_permutations=49, seed=1)
    tex = govnet.to_latex(r)
    assert len(latex_rows(tex)) == len(r.table)
    assert "n\\_obs = 342" in tex and "n\\_permutations = 49" in tex

    prof = govnet.core_profile(net, relation="all")
    t = govnet.paper_table(prof)
    assert "not shown" in t.notes[0]
    assert t.to_frame().set_index("statistic").loc["core", "value"] == "party_committee"


def test_paper_table_passes_through_and_html():
    t = govnet.paper_table(regression_like(), caption="c")
    assert govnet.to_markdown(t) == t.to_markdown()
    with pytest.raises(govnet.InvalidParameterError, match="paper_table"):
        govnet.to_latex(t, digits=2)
    assert "<caption>c</caption>" in t._repr_html_() and "PaperTable('c', 4 rows" in repr(t)
    nan = govnet.paper_table(pd.DataFrame({"x": [np.nan, 1.0]}))
    assert nan.to_frame()["x"].tolist() == ["–", "1.000"]


def result_objects():
    net = govnet.datasets.nanshan()
    return {
        "ei_index": govnet.ei_index(net, relation="leadership", n_permutations=49, seed=1),
        "permutation_test": govnet.permutation_test(net, relation="leadership", n_permutations=49, seed=1),
        "duty_null_model": govnet.duty_null_model(net, n_permutations=49, seed=1),
        "krackhardt_hierarchy": govnet.krackhardt_hierarchy(net, relation="leadership"),
        "components": govnet.components(net, relation="leadership"),
        "core_periphery": govnet.core_periphery(net, relation="all", seed=1, restarts=2),
        "deliberation_index": govnet.deliberation_index(net),
        "degroot": govnet.degroot(net, pd.Series(np.linspace(0, 1, len(net)), index=net.actor_ids)),
    }


def test_every_result_object_exports(tmp_path):
    import dataclasses

    scalar = (int, float, str, bool, np.integer, np.floating, np.bool_)
    for name, obj in result_objects().items():
        t = govnet.paper_table(obj, caption=name)
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        if isinstance(fields.get("table"), pd.DataFrame):
            assert len(t.cells) == len(fields["table"]), name
        else:
            shown = [k for k, v in fields.items() if isinstance(v, scalar)
                     and not (isinstance(v, float) and np.isnan(v))]
            assert set(shown) <= set(t.cells.index), (name, shown)
            hidden = [k for k, v in fields.items() if k not in t.cells.index and v is not None
                      and not isinstance(v, scalar)]
            for k in hidden:  # named in the note, never dropped silently
                assert k in t.notes[0], (name, k, t.notes)
        assert len(latex_rows(t.to_latex())) == len(t.cells)
        assert len(markdown_rows(t.to_markdown())) == len(t.cells) + 2
        doc = t.to_docx(tmp_path / f"{name}.docx")
        assert len(doc.tables[0].rows) == len(t.cells) + 1
