"""docs/bad-input.md is backed by tests: every test it names exists, and every
case of the bad-input tables appears in it."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CATALOGUE = HERE.parents[1] / "docs" / "bad-input.md"
REF = re.compile(r"`(test_\w+\.py)::(\w+)(?:\[([^\]]+)\])?`")
CASE_MODULES = ["test_bad_input.py", "test_bad_input_more.py"]


def load(file: str):
    spec = importlib.util.spec_from_file_location(f"_catalogue_{file[:-3]}", HERE / file)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def references():
    refs = []
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            refs += REF.findall(line.split("|")[-2])
    return refs


def param_ids(func) -> set[str]:
    ids: set[str] = set()
    for mark in getattr(func, "pytestmark", []):
        if mark.name == "parametrize":
            given = mark.kwargs.get("ids")
            if isinstance(given, (list, tuple)):
                ids |= {str(i) for i in given}
    return ids


def test_catalogue_lists_tests():
    assert len(references()) >= 60


@pytest.mark.parametrize("file,func,param", references(),
                         ids=[f"{f}::{n}[{p}]" if p else f"{f}::{n}" for f, n, p in references()])
def test_catalogue_entry_has_a_test(file, func, param):
    assert (HERE / file).is_file(), f"{file} does not exist"
    mod = load(file)
    assert hasattr(mod, func), f"{file} has no {func}"
    if param:
        assert param in param_ids(getattr(mod, func)), f"{file}::{func} has no case {param!r}"


@pytest.mark.parametrize("file", CASE_MODULES)
def test_every_case_is_catalogued(file):
    listed = {p for f, n, p in references() if f == file and n == "test_bad_input"}
    missing = [c[0] for c in load(file).CASES if c[0] not in listed]
    assert not missing, f"add these cases of {file} to docs/bad-input.md: {missing}"


def test_reliability_cpp_test_exists():
    text = (HERE.parent / "cpp" / "test_reliability.cpp").read_text()
    assert "DenseActorByActorResultForAMillionActors" in text
