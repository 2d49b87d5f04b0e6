"""The committed type stub python/govnet/_core.pyi matches the compiled module.

After changing a binding, rebuild (scripts/dev.sh) and run scripts/make_stub.sh.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from govnet import _core

STUB = Path(__file__).resolve().parents[2] / "python" / "govnet" / "_core.pyi"
FIX = "rebuild with scripts/dev.sh, then run scripts/make_stub.sh and commit python/govnet/_core.pyi"


def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"))


def public(obj: object) -> list[str]:
    return [n for n in dir(obj) if not n.startswith("_")]


def test_py_typed_is_shipped():
    assert (STUB.parent / "py.typed").is_file()


def test_every_public_name_in_stub_with_right_kind():
    tree = stub_tree()
    top = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            top[node.name] = node
        elif isinstance(node, ast.FunctionDef):
            top[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            top[node.target.id] = node
    for name in public(_core):
        obj = getattr(_core, name)
        if inspect.ismodule(obj):
            continue
        assert name in top, f"_core.{name} is missing from _core.pyi: {FIX}"
        if inspect.isclass(obj):
            assert isinstance(top[name], ast.ClassDef), f"_core.{name} is a class: {FIX}"
            members = {n.name for n in top[name].body if isinstance(n, ast.FunctionDef)}
            for m in public(obj):
                assert m in members, f"_core.{name}.{m} is missing from _core.pyi: {FIX}"
        elif callable(obj):
            assert isinstance(top[name], ast.FunctionDef), f"_core.{name} is a function: {FIX}"
        else:
            assert isinstance(top[name], ast.AnnAssign), f"_core.{name} is a value: {FIX}"
    extra = [n for n in top if n != "__all__" and not hasattr(_core, n)]
    assert not extra, f"_core.pyi names {extra}, which _core lacks: {FIX}"


def test_stub_equals_regenerated(tmp_path):
    if importlib.util.find_spec("pybind11_stubgen") is None:
        pytest.skip("pybind11-stubgen not installed (pip install 'govnet[test]')")
    subprocess.run([sys.executable, "-m", "pybind11_stubgen", "govnet._core", "-o", str(tmp_path),
                    "--ignore-invalid-expressions", "detail::.*"], check=True, capture_output=True,
                   timeout=120)
    fresh = (tmp_path / "govnet" / "_core.pyi").read_text(encoding="utf-8")
    assert fresh == STUB.read_text(encoding="utf-8"), f"_core.pyi is out of date: {FIX}"


def test_show_versions(capsys):
    import numpy
    import pandas

    import govnet

    govnet.show_versions()
    out = capsys.readouterr().out
    assert f"govnet       : {govnet.__version__}" in out
    assert f"numpy        : {numpy.__version__}" in out and f"pandas       : {pandas.__version__}" in out
    info = govnet._versions.versions()
    assert info["openmp"] == bool(_core.has_openmp)
    assert set(info) >= {"python", "networkx", "igraph", "matplotlib", "c++ compiler"}
    if sys.platform.startswith("linux"):  # ELF .comment records the compiler
        assert info["c++ compiler"] and ("GCC" in info["c++ compiler"] or "clang" in info["c++ compiler"])
