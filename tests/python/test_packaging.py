"""Packaging (issue #13, item 9): one version, the licence, requires-python, the demo extra."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the TOML reader that pip vendors
    from pip._vendor import tomli as tomllib

import govnet

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def source_version() -> str:
    text = (ROOT / "python" / "govnet" / "_version.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"$', text, re.M).group(1)


def test_one_version_everywhere():
    assert PROJECT["dynamic"] == ["version"] and "version" not in PROJECT
    scikit = PYPROJECT["tool"]["scikit-build"]["metadata"]["version"]
    assert scikit == {"provider": "scikit_build_core.metadata.regex",
                      "input": "python/govnet/_version.py"}
    v = source_version()
    assert metadata.version("govnet") == govnet.__version__ == v


def test_cli_prints_the_version():
    exe = Path(sys.executable).with_name("govnet")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"govnet {source_version()}"


def test_licence_file_matches_the_metadata():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 govnet developers" in text
    assert PROJECT["license"] == {"text": "MIT"}
    assert metadata.metadata("govnet")["License"] == "MIT"
    assert any(str(f).endswith("licenses/LICENSE") for f in metadata.files("govnet"))


def test_setup_refuses_a_python_older_than_requires_python(tmp_path):
    assert PROJECT["requires-python"] == ">=3.10"
    old = tmp_path / "python3.9"
    old.write_text("#!/bin/sh\necho 3.9\n")
    old.chmod(0o755)
    out = subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh"), "test"], cwd=ROOT,
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin",
                                                              "PYTHON": str(old)})
    assert out.returncode == 1
    assert "govnet needs Python >= 3.10" in out.stderr and "is Python 3.9" in out.stderr
    assert "[setup] installing" not in out.stdout + out.stderr


def test_setup_and_build_system_use_one_pybind11_range():
    build = PYPROJECT["build-system"]["requires"]
    assert "pybind11>=3.0,<4" in build
    assert '"pybind11>=3.0,<4"' in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")


def _requirement_names(reqs: list[str]) -> set[str]:
    return {re.match(r"[A-Za-z0-9_.-]+", r).group(0).lower() for r in reqs}


def _third_party_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"govnet", "__future__"}


def test_demo_extra_is_plot_and_notebooks_only():
    extras = PROJECT["optional-dependencies"]
    demo = _requirement_names(extras["demo"])
    assert _requirement_names(extras["plot"] + extras["notebooks"]) <= demo
    test_only = _requirement_names(extras["test"]) - _requirement_names(
        extras["plot"] + extras["notebooks"]) - {"networkx"}
    assert not demo & test_only, demo & test_only
    assert not demo & _requirement_names(extras["dask"])
    # what the case-study notebooks import is installed by the demo extra
    base = _requirement_names(PROJECT["dependencies"])
    used = set().union(*(_third_party_imports(p) for p in (ROOT / "notebooks" / "src").glob("*.py")))
    used |= _third_party_imports(ROOT / "scripts" / "notebooks.py")
    assert used, "no notebook sources found"
    assert used - base - demo == set(), used - base - demo


def test_makefile_demo_installs_the_demo_extra_and_test_lints():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo: EXTRAS = demo$", make, re.M)
    assert re.search(r"^test: install lint ", make, re.M)
    assert "ruff==0.8.4" in PROJECT["optional-dependencies"]["test"]
