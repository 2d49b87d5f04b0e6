"""The interactive view: its data against the network and govnet's measures, the page
self-contained (no external script), and in real headless Chromium (offline, driven over
the DevTools protocol): it renders, a layer toggle changes what is drawn, hover shows an
actor's details, search and overlays work, and the console shows no error — for the
standalone page and for the Jupyter widget's JavaScript module."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pytest

import govnet
from chromium_cdp import Browser, chromium
from govnet.plot import interactive

pytest.importorskip("pyvis")


def with_duties() -> govnet.Network:
    import pandas as pd

    net = govnet.datasets.nanshan()
    a, t, _ = net.to_frames()
    duties = pd.DataFrame({"actor": ["party_committee", "residents_committee", "work_station",
                                     "party_committee", "work_station"],
                           "duty": ["党建", "党建", "治安", "治安", "社保"],
                           "role": ["lead", "assist", "lead", "assist", "lead"]})
    return govnet.Network.from_frames(a, t.drop(columns=["directed"]), duties,
                                      meetings=net.meetings,
                                      directed={r: net.relation_spec(r).directed for r in net.relations},
                                      meta=net.meta)


def test_view_data_matches_the_network():
    net = with_duties()
    data = interactive.view_data(net)
    assert [n["id"] for n in data["nodes"]] == list(net.actor_ids)
    pos = govnet.plot.structure_layout(net)
    for n in data["nodes"]:
        x, y = pos[n["id"]]
        assert n["x"] == pytest.approx(x * 170, abs=0.01) and n["y"] == pytest.approx(-y * 170, abs=0.01)
        assert n["tier"] == net.actors.loc[n["id"], "tier"]
        assert n["color"] == govnet.plot.TIER_COLORS[n["tier"]]
    deg = govnet.degree_centrality(net, relation="all")
    btw = govnet.betweenness_centrality(net, relation="all")
    np.testing.assert_allclose([n["centrality"]["degree"] for n in data["nodes"]], deg.to_numpy(), atol=1e-6)
    np.testing.assert_allclose([n["centrality"]["betweenness"] for n in data["nodes"]], btw.to_numpy(),
                               atol=1e-6)
    for layer in data["layers"]:
        t = net.ties(layer["name"])
        want = int((t["source"] != t["target"]).sum())
        assert layer["ties"] == want == sum(e["relation"] == layer["name"] for e in data["edges"])
    assert data["duties"]["党建"] == {"party_committee": "lead", "residents_committee": "assist"}
    assert len(data["meetings"]) == net.meetings["meeting"].nunique()
    one = interactive.view_data(net, relation="leadership", centralities=["pagerank"])
    assert [l["name"] for l in one["layers"]] == ["leadership"]
    np.testing.assert_allclose([n["centrality"]["pagerank"] for n in one["nodes"]],
                               govnet.pagerank(net, relation="leadership").to_numpy(), atol=1e-6)
    with pytest.raises(govnet.InvalidParameterError, match="unknown centrality"):
        interactive.view_data(net, centralities=["fame"])


def test_page_is_self_contained(tmp_path):
    page = interactive.to_html(with_duties(), tmp_path / "v.html")
    assert (tmp_path / "v.html").read_text(encoding="utf-8") == page
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=", page)
    assert "vis-network" in page and "@version 9" in page  # the renderer is inline
    data = json.loads(re.search(r'<script id="govnet-data" type="application/json">(.*?)</script>',
                                page, re.S).group(1).replace("<\\/", "</"))
    assert data == json.loads(json.dumps(interactive.view_data(with_duties()), ensure_ascii=False))


def canvas_hash(b: Browser, sel: str) -> str:
    url = b.evaluate(f"document.querySelector({json.dumps(sel)} + ' canvas').toDataURL()")
    return hashlib.sha1(url.encode()).hexdigest()


def ink(b: Browser, sel: str) -> int:
    return b.evaluate(f"""(() => {{ const c = document.querySelector({json.dumps(sel)} + ' canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }})()""")


def exercise(b: Browser, root: str, api: str, data: dict) -> None:
    """The checks shared by the page and the widget."""
    total = len(data["edges"])
    assert b.evaluate(f"{api}.visibleEdges()") == total
    assert ink(b, root) > 20000  # nodes, ties and labels drawn
    before = canvas_hash(b, root)
    first = data["layers"][-1]  # deliberation: the most ties
    b.evaluate(f"document.querySelector({json.dumps(root)} + ' input[data-layer=\"{first['name']}\"]').click()")
    b.sleep(0.3)
    assert b.evaluate(f"{api}.visibleEdges()") == total - first["ties"]
    assert int(b.evaluate(f"document.querySelector({json.dumps(root)}).getAttribute('data-visible-edges')")) \
        == total - first["ties"]
    assert canvas_hash(b, root) != before  # what is drawn changed
    # hover: move the mouse onto the core and read the tooltip
    x, y = b.evaluate(f"""(() => {{ const n = {api}.network; const p = n.getPositions(['party_committee'])
      .party_committee; const d = n.canvasToDOM(p); const r = document.querySelector({json.dumps(root)}
      + ' canvas').getBoundingClientRect(); return [r.left + d.x, r.top + d.y]; }})()""")
    for dx in (3, 0):
        b.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x + dx, "y": y})
        b.sleep(0.4)
    tip = b.evaluate("[...document.querySelectorAll('div.vis-tooltip')].filter(t => "
                     "t.style.visibility !== 'hidden').map(t => t.innerText).join('|')")
    assert "社区综合党委" in tip and "tier: core" in tip and "betweenness" in tip, tip
    # search by part of a Chinese name
    assert b.evaluate(f"{api}.search('综合党委')") == ["party_committee"]
    assert b.evaluate(f"{api}.network.getSelectedNodes()") == ["party_committee"]
    # overlays
    b.evaluate(f"{api}.overlay('duties', '党建')")
    assert b.evaluate(f"{api}.nodes.get('residents_committee').borderWidth") == 3
    assert b.evaluate(f"{api}.nodes.get('party_committee').borderWidth") == 5
    assert b.evaluate(f"{api}.nodes.get('service_center').opacity") == 0.25
    meeting = next(iter(data["meetings"]))
    b.evaluate(f"{api}.overlay('meetings', {json.dumps(meeting)})")
    faded = b.evaluate(f"{api}.nodes.get().filter(n => n.opacity === 0.25).length")
    assert faded == len(data["nodes"]) - len(data["meetings"][meeting])


def test_standalone_page_in_headless_chromium(tmp_path):
    if chromium() is None:
        pytest.skip("headless Chromium not installed (Debian: apt-get install chromium)")
    net = with_duties()
    path = tmp_path / "view.html"
    interactive.to_html(net, path)
    data = interactive.view_data(net)
    with Browser() as b:
        b.offline()
        b.open(path.as_uri())
        exercise(b, "#govnet-view", "window.govnetView", data)
        assert b.errors() == []


def test_widget_module_in_headless_chromium(tmp_path):
    if chromium() is None:
        pytest.skip("headless Chromium not installed (Debian: apt-get install chromium)")
    pytest.importorskip("anywidget")
    net = with_duties()
    w = interactive.interactive(net, height="600px")
    assert w.data == interactive.view_data(net) and w.height == "600px"
    # run the widget's ES module as a notebook front end would: render({model, el})
    page = tmp_path / "widget.html"
    # (anywidget imports the module from a Blob URL; so does this page)
    model = json.dumps({"data": w.data, "height": w.height}, ensure_ascii=False).replace("</", "<\\/")
    esm = json.dumps(w._esm).replace("</", "<\\/")
    page.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>{w._css}</style></head>
<body><div id="cell"></div><script type="module">
const url = URL.createObjectURL(new Blob([{esm}], {{type: "text/javascript"}}));
const widget = (await import(url)).default;
const values = {model};
const model = {{ get: k => values[k], on: () => {{}} }};
const el = document.getElementById("cell");
window.cleanup = widget.render({{ model, el }});
</script></body></html>""", encoding="utf-8")
    with Browser() as b:
        b.offline()
        b.send("Page.navigate", {"url": page.as_uri()})
        b.wait_for("Page.loadEventFired")
        b.sleep(0.8)
        assert b.errors() == []
        # the module's render returns a cleanup; the view's api is reached through the DOM
        assert b.evaluate("typeof window.cleanup") == "function"
        assert int(b.evaluate("document.getElementById('cell').getAttribute('data-visible-edges')")) \
            == len(w.data["edges"])
        assert ink(b, "#cell") > 20000
        before = canvas_hash(b, "#cell")
        b.evaluate("document.querySelector('#cell input[data-layer]').click()")
        b.sleep(0.3)
        assert canvas_hash(b, "#cell") != before
        assert b.errors() == []
