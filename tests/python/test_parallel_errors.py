"""A failure inside a C++ OpenMP region raises in Python (parallel.hpp), never terminates."""

from __future__ import annotations

import numpy as np
import pytest

import govnet
from govnet import _core
from govnet.errors import GovnetError, GovnetInternalError, InvalidNetworkError, TooLargeError


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("fail_at", [0, 1, 57, 199])
def test_failure_in_a_parallel_task_raises_the_translated_class(threads, fail_at):
    # A too-large allocation check failing inside the region.
    with pytest.raises(TooLargeError, match="a test block") as info:
        _core._parallel_fault_for_tests("too_large", 200, fail_at, threads=threads)
    assert isinstance(info.value, GovnetError) and isinstance(info.value, MemoryError)
    with pytest.raises(InvalidNetworkError, match="on purpose"):
        _core._parallel_fault_for_tests("invalid", 200, fail_at, threads=threads)
    with pytest.raises(GovnetInternalError, match="on purpose"):
        _core._parallel_fault_for_tests("internal", 200, fail_at, threads=threads)


def test_the_failure_stops_the_other_tasks():
    # Without a failure all tasks run; with one at task 0 the stop flag makes the
    # others skip (a few may already have started).
    assert _core._parallel_fault_for_tests("none", 400, -1, threads=2) == 400
    with pytest.raises(TooLargeError):
        _core._parallel_fault_for_tests("too_large", 400, 0, threads=2)


def test_the_module_keeps_working_after_a_failure():
    for _ in range(3):
        with pytest.raises(TooLargeError):
            _core._parallel_fault_for_tests("too_large", 50, 10, threads=2)
    x = np.random.default_rng(0).normal(size=(6, 6))
    assert govnet.qap_test(x, x.T, n_permutations=20, seed=1, threads=2).n_permutations == 20


class _Boom(Exception):
    pass


def test_a_progress_callback_that_raises_surfaces_from_a_parallel_call():
    # The callback runs from the calling thread's poll inside the OpenMP region;
    # its exception stops the region and is raised when the call returns.
    x = np.random.default_rng(1).normal(size=(60, 60))
    calls = []

    def progress(done, total):
        calls.append(done)
        raise _Boom("stop here")

    with pytest.raises(_Boom, match="stop here"):
        _core.qap_test(x, x.T, n_permutations=200000, seed=1, threads=2, progress=progress)
    assert len(calls) == 1
