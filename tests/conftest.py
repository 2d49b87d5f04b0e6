"""Shared by tests/python and tests/notebooks.

Under CI (CI=true, as .ci/run has it) a skipped test is a failure: `make test`
installs every dependency the tests use (the test, plot, notebooks and dask extras,
Chromium, pybind11-stubgen), so a skip there means something is missing, and a run
that silently skips what it was meant to check must not pass. Outside CI a skip
stays a skip (pytest -ra lists the reasons).
"""

from __future__ import annotations

import os

import pytest


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _fail_skip(report) -> None:
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
    report.outcome = "failed"
    report.longrepr = (f"skipped under CI=true, where make test installs everything the tests "
                       f"need: {reason}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if _ci() and report.skipped and not hasattr(report, "wasxfail"):
        _fail_skip(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if _ci() and report.skipped:  # a module-level importorskip
        _fail_skip(report)
