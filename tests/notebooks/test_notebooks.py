"""Execute every case-study notebook in a fresh kernel; fail on any error cell; a
notebook that draws a figure shows it as an image, executed and rendered to HTML."""

import base64
import functools
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("nbtool", ROOT / "scripts" / "notebooks.py")
nbtool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(nbtool)

NOTEBOOKS = [dst for _, dst in nbtool.targets()]


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 7


def test_notebooks_match_their_sources():
    assert nbtool.check() == 0


PNG = b"\x89PNG\r\n\x1a\n"


@functools.cache
def executed(path):
    return nbtool.execute(path)[0]  # speed: make bench, not a test


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb = executed(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, errors[0].get("evalue")


DRAWING = [p for p in NOTEBOOKS if "govnet.plot." in "".join(
    c.source for c in nbtool.nbformat.read(p, as_version=4).cells if c.cell_type == "code")]


def test_some_notebook_draws():
    assert DRAWING


@pytest.mark.parametrize("path", DRAWING, ids=[p.stem for p in DRAWING])
def test_notebook_figures_are_images(path):
    # 0.2's notebook showed its figure as the text "<Figure size 900x900 with 1 Axes>"
    from nbconvert import HTMLExporter

    nb = executed(path)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    pngs = [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert pngs, "no image output"
    assert all(base64.b64decode(p).startswith(PNG) for p in pngs)
    texts = "".join(o.get("data", {}).get("text/plain", "") for o in outputs
                    if "image/png" not in o.get("data", {}))
    assert "<Figure size" not in texts
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', html)) >= len(pngs)
