"""Plots over time: the drawn data are the waves' tables (bar heights, line values),
Chinese labels render without missing glyphs (a warning is an error under pytest)."""

from __future__ import annotations

import io

import numpy as np
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import govnet  # noqa: E402
import govnet.plot as gp  # noqa: E402
from govnet.errors import InvalidParameterError  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def render(ax) -> None:
    ax.figure.savefig(io.BytesIO(), format="png", dpi=50)


def test_measure_lines_are_the_table():
    w = govnet.datasets.nanshan_phases()
    long = w.measures(["betweenness"], relation="all")
    ax = gp.measure_over_time(long, "betweenness", actors=["residents_committee", "work_station"],
                              net=w.networks[-1], title="居委会被边缘化?")
    render(ax)
    lines = ax.get_lines()
    rc = long[(long["actor"] == "residents_committee")]["value"].to_numpy()
    np.testing.assert_allclose(lines[0].get_ydata(), rc)
    ws = lines[1].get_ydata()
    assert np.isnan(ws[0]) and ws[1] == pytest.approx(
        long[(long["actor"] == "work_station") & (long["wave"] == "2005")]["value"].iloc[0])
    with pytest.raises(InvalidParameterError, match="no rows for measure"):
        gp.measure_over_time(long, "degree")


def test_change_bars_are_the_counts():
    w = govnet.datasets.nanshan_phases()
    ch = w.change(relation="service")
    ax = gp.change_over_time(ch)
    render(ax)
    heights = [p.get_height() for p in ax.patches]
    n = len(ch)
    assert heights[:n] == list(ch["kept"]) and heights[n:2 * n] == list(ch["added"])
    assert heights[2 * n:] == [-d for d in ch["dropped"]]
    with pytest.raises(InvalidParameterError, match="several layers"):
        gp.change_over_time(w.change(relation="all"))


def test_tier_shares_stack_to_one():
    w = govnet.datasets.nanshan_phases()
    ax = gp.tier_shares_over_time(w.tier_shares())
    render(ax)
    tops = {}
    for p in ax.patches:
        x = round(p.get_x() + p.get_width() / 2)
        tops[x] = max(tops.get(x, 0), p.get_y() + p.get_height())
    assert all(v == pytest.approx(1.0) for v in tops.values())
