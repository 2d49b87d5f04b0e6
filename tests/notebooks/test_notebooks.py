"""Execute every case-study notebook in a fresh kernel; fail on any error cell."""

import importlib.util
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb, _seconds = nbtool.execute(path)  # speed: make bench, not a test
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, errors[0].get("evalue")
