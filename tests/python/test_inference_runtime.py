"""Inference runtime behaviour: Ctrl-C, progress callbacks, the GIL."""

from __future__ import annotations


import govnet
import numpy as np
import pytest
from govnet import _core


def _matrices(n: int = 300):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, n)), rng.normal(size=(n, n))


def test_ctrl_c_stops_a_long_qap_test(assert_ctrl_c_stops):
    x, y = _matrices()
    # Bounded (~10-30 s) so a lost interrupt fails the test instead of hanging CI.
    assert_ctrl_c_stops(lambda: govnet.qap_test(x, y, n_permutations=300_000, seed=1, threads=2))
    assert govnet.qap_test(x, y, n_permutations=10, seed=1).n_permutations == 10


def test_progress_callback_is_driven_and_can_stop_the_run():
    x, y = _matrices(200)
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if len(seen) >= 2:
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        _core.qap_test(x, y, n_permutations=300_000, seed=1, threads=2, progress=progress)
    assert seen and seen[0][1] == 300_000 and 0 < seen[0][0] <= seen[-1][0]


def test_gil_released_during_mrqap(assert_gil_released):
    rng = np.random.default_rng(1)
    n = 150
    y = rng.normal(size=(n, n))
    xs = [rng.normal(size=(n, n)) for _ in range(2)]

    def make_call(scale):
        return lambda: govnet.mrqap(y, xs, n_permutations=1000 * scale, seed=1, threads=1)

    assert_gil_released(make_call)
