"""The HTML report: contents, CSVs, the duty-overlap counts against a numpy
incidence product, and a headless-Chromium render with no broken images."""

from __future__ import annotations

import dataclasses

import base64
import io
import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

import govnet  # noqa: E402
from govnet import registry, report  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def with_duties() -> govnet.Network:
    net = govnet.datasets.nanshan()
    a, t, _ = net.to_frames()
    duties = pd.DataFrame({"actor": ["party_committee", "residents_committee", "work_station",
                                     "party_committee", "work_station", "service_center",
                                     "property_company"],
                           "duty": ["党建", "党建", "治安", "治安", "社保", "社保", "物业"],
                           "role": ["lead", "assist", "lead", "assist", "lead", "assist", "lead"]})
    return govnet.Network.from_frames(a, t.drop(columns=["directed"]), duties,
                                      directed={r: net.relation_spec(r).directed for r in net.relations},
                                      meta=net.meta)


def test_duty_overlap_counts_against_incidence_product():
    net = with_duties()
    got = report.duty_overlap_counts(net)
    d = net.duties
    actors, duties = sorted(set(d["actor"])), sorted(set(d["duty"]))
    inc = np.zeros((len(actors), len(duties)))
    for a, x in zip(d["actor"], d["duty"]):
        inc[actors.index(a), duties.index(x)] = 1
    ref = inc @ inc.T
    np.testing.assert_array_equal(got.loc[actors, actors].to_numpy(), ref)
    assert got.loc["party_committee", "work_station"] == 1  # 治安
    no_duties = govnet.Network.from_frames(net.actors.reset_index(), net.ties())
    assert report.duty_overlap_counts(no_duties) is None


def test_node_measures_reads_the_registry(monkeypatch):
    net = govnet.datasets.nanshan()
    table, graph_level, skipped = report.node_measures(net)
    assert {"degree_centrality", "betweenness_centrality"} <= set(table.columns)
    # every measure the registry marks for the report is there: none dropped silently
    assert set(registry.names(report=True)) <= {c.split(".")[0] for c in table.columns}
    assert not skipped
    pd.testing.assert_series_equal(table["degree_centrality"],
                                   govnet.degree_centrality(net, relation="all"), check_names=False)
    # a registered measure is called through the registry (results aligned to the actors);
    # one that cannot run on this network is reported with its reason, not fatal
    def reversed_scores(n, relation=None):
        return pd.Series(np.arange(len(n), dtype=float), index=n.actor_ids[::-1])

    def broken(n, relation=None):
        raise govnet.ConvergenceError("did not converge in 100 iterations")

    for name, f in (("pagerank", reversed_scores), ("eigenvector_centrality", broken)):
        monkeypatch.setitem(registry.MEASURES, name,
                            dataclasses.replace(registry.MEASURES[name], func=f))
    table, graph_level, skipped = report.node_measures(net, relation="leadership")
    assert "pagerank" in table.columns and "core_profile" in graph_level
    assert table["pagerank"].iloc[0] == len(net) - 1 and table["pagerank"].iloc[-1] == 0
    assert "did not converge" in skipped["eigenvector_centrality"]


def test_report_measures_are_all_registered():
    # the 0.1 report looked up "coreness" and "brokerage_roles", which never existed
    for name in report.MEASURES:
        assert registry.measure(name).func is not None
    with pytest.raises(govnet.InvalidParameterError, match="no measure 'coreness'"):
        registry.measure("coreness")


def test_report_files(tmp_path):
    net = with_duties()
    path = report.write_report(net, tmp_path / "out")
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "南山区" in html and "社区综合党委" in html
    imgs = re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', html)
    assert len(imgs) == 3  # structure, centrality bar, duty overlap
    for b64 in imgs:
        assert base64.b64decode(b64).startswith(PNG)
    measures = pd.read_csv(tmp_path / "out" / "measures.csv", index_col="id", encoding="utf-8-sig")
    assert list(measures.index) == list(net.actor_ids)
    assert (tmp_path / "out" / "duty_overlap.csv").is_file()


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_report_renders_in_headless_chromium(tmp_path):
    browser = chromium()
    if browser is None:
        pytest.skip("headless Chromium not installed (Debian: apt-get install chromium)")
    path = report.write_report(with_duties(), tmp_path / "out")
    # Mark the body with the number of images the browser could not decode.
    probe = tmp_path / "out" / "probe.html"
    probe.write_text(path.read_text(encoding="utf-8").replace(
        "</body>", "<script>window.addEventListener('load',()=>{const bad=[...document.images]"
                   ".filter(i=>!(i.complete&&i.naturalWidth>0)).length;document.body.setAttribute("
                   "'data-images',document.images.length);document.body.setAttribute('data-broken',bad)})"
                   "</script></body>"), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--virtual-time-budget=5000"]
    dom = subprocess.run([browser, *flags, "--dump-dom", probe.as_uri()], capture_output=True,
                         text=True, timeout=120).stdout
    assert 'data-images="3"' in dom and 'data-broken="0"' in dom, dom[:300]
    srcs = re.findall(r'<img [^>]*src="([^"]+)"', dom)
    assert len(srcs) == 3
    for src in srcs:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG)
    shot = tmp_path / "shot.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1000,1400", path.as_uri()],
                   capture_output=True, timeout=120)
    raw = shot.read_bytes()
    assert raw.startswith(PNG)
    pixels = mpimg.imread(io.BytesIO(raw))[..., :3]
    assert pixels.std() > 0.05  # not blank
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50  # text, tables and figures


# --- 0.3 (#18): layers on every table, duty and meeting tables, layout in Chromium ---------

from chromium_cdp import Browser  # noqa: E402

OLD_CSS = """body{margin:2em auto;max-width:70em;padding:0 1em}
table.data{border-collapse:collapse;font-size:.85em}
table.data td,table.data th{padding:.2em .6em;text-align:right}"""


def with_duties_and_meetings() -> govnet.Network:
    net = with_duties()
    a, t, d = net.to_frames()
    return govnet.Network.from_frames(a, t.drop(columns=["directed"]), net.duties,
                                      meetings=govnet.datasets.nanshan().meetings,
                                      directed={r: net.relation_spec(r).directed for r in net.relations},
                                      meta=net.meta)


def test_every_table_names_its_layers_and_duties_meetings_are_tables(tmp_path):
    net = with_duties_and_meetings()
    html = report.write_report(net, tmp_path, relation=["leadership", "membership"],
                               figures=False).read_text(encoding="utf-8")
    tables = html.count('<div class="scroll">')
    assert tables >= 6
    # each table box is preceded directly by its layers line
    assert len(re.findall(r'<p class="layers">Layers: [^<]+</p><div class="scroll">', html)) == tables
    assert html.count("Layers: leadership, membership (pooled, weights summed)") >= 2
    assert "Duties (职责清单)" in html and "Meetings (会议)" in html
    duties = report.duty_table(net)
    assert list(duties["duty"]) == ["党建", "治安", "社保", "物业"]
    row = duties.set_index("duty").loc["党建"]
    assert row["lead"] == "社区综合党委" and row["assist"] == "社区居民委员会" and row["holders"] == 2
    meetings = report.meeting_table(net)
    m = net.meetings
    assert list(meetings["actors"]) == [m.loc[m["meeting"] == x, "actor"].nunique() for x in meetings["meeting"]]
    assert '<td class="text">社区综合党委、' in html
    assert report.duty_table(govnet.Network.from_frames(
        net.actors.reset_index(), net.ties())) is None


def cell_lines(b: Browser) -> list[tuple[str, float]]:
    """(text, lines) of every table cell with Chinese text outside the wrapping columns:
    the cell's text height over its line height, measured by the browser."""
    return b.evaluate("""[...document.querySelectorAll('table.data td, table.data th')]
      .filter(c => /[\\u4e00-\\u9fff]/.test(c.textContent) && !c.classList.contains('text'))
      .map(c => { const r = document.createRange(); r.selectNodeContents(c);
        const lh = parseFloat(getComputedStyle(c).fontSize) * 1.6;
        return [c.textContent.trim(), r.getBoundingClientRect().height / lh]; })""")


def test_report_layout_in_headless_chromium(tmp_path):
    if chromium() is None:
        pytest.skip("headless Chromium not installed (Debian: apt-get install chromium)")
    path = report.write_report(with_duties_and_meetings(), tmp_path / "out",
                               relation=["leadership", "membership"])
    page = path.read_text(encoding="utf-8")
    old = tmp_path / "out" / "old.html"
    old.write_text(re.sub(r"<style>.*?</style>", f"<style>{OLD_CSS}</style>", page, count=1, flags=re.S),
                   encoding="utf-8")
    with Browser(width=760, height=1000) as b:
        b.offline()
        b.open(old.as_uri())
        squeezed = [t for t, n in cell_lines(b) if n > 1.5 and len(t) > 2]
        assert squeezed, "the 0.2 stylesheet should wrap some Chinese cells at this width"
        b.open(path.as_uri(), settle=1.0)
        lines = cell_lines(b)
        assert len(lines) > 40
        wrapped = [(t, round(n, 2)) for t, n in lines if n > 1.5]
        assert wrapped == []  # every Chinese id and name on one line
        # long text cells wrap, but at a reasonable width (never one character per line)
        widths = b.evaluate("""[...document.querySelectorAll('td.text')].filter(c => c.textContent.length > 6)
          .map(c => c.getBoundingClientRect().width / parseFloat(getComputedStyle(c).fontSize))""")
        assert widths and min(widths) >= 8
        # the embedded interactive view renders offline and draws the chosen layers
        shown = b.evaluate("document.querySelector('iframe.view').contentWindow.govnetView.visibleEdges()")
        ties = sum(len(with_duties_and_meetings().ties(r)) for r in ("leadership", "membership"))
        assert shown == ties
        assert b.errors() == []
        shot = b.screenshot()
    assert shot.startswith(PNG)
    pixels = mpimg.imread(io.BytesIO(shot))[..., :3]
    assert pixels.std() > 0.05


def test_report_writes_paper_files(tmp_path):
    import docx
    import pypdf

    net = with_duties()
    report.write_report(net, tmp_path, relation=["leadership", "membership"])
    table, _, _ = report.node_measures(net, relation=["leadership", "membership"])
    tex = (tmp_path / "measures.tex").read_text(encoding="utf-8")
    assert "\\toprule" in tex and "\\bottomrule" in tex
    assert "Layers: leadership, membership (pooled, weights summed)." in tex
    body = tex.split("\\midrule", 1)[1].split("\\bottomrule", 1)[0].strip().split(" \\\\\n")
    assert len(body) == len(net)
    md = (tmp_path / "measures.md").read_text(encoding="utf-8")
    assert md.count("\n| ") == len(net) + 1  # header + one row per actor (the rule row starts "|:")
    doc = docx.Document(str(tmp_path / "measures.docx"))
    assert len(doc.tables[0].rows) == len(net) + 1
    assert len(doc.tables[0].columns) == len(table.columns) + 1
    text = pypdf.PdfReader(tmp_path / "structure.pdf").pages[0].extract_text()
    assert "社区综合党委" in text
    assert "<!-- 社区综合党委 -->" in (tmp_path / "structure.svg").read_text(encoding="utf-8")
    view = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert "govnetRender" in view and not re.search(r"<script[^>]+src=", view)
