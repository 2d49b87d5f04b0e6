"""``govnet.show_versions()``: what a bug report needs to know about the installation."""

from __future__ import annotations

import importlib
import platform
import re
import sys
from typing import Any

from govnet import _core
from govnet._version import __version__
from govnet.plot.figures import find_cjk_font

__all__ = ["show_versions", "versions"]

_PACKAGES = ["numpy", "pandas", "scipy", "networkx", "igraph", "matplotlib", "openpyxl",
             "defusedxml", "tqdm", "pybind11"]


def _compiler_of(path: str | None) -> str | None:
    """The compiler recorded in the extension's ELF ``.comment`` section (GCC, clang)."""
    if not path:
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    found = re.findall(rb"(GCC: \([^)\x00]*\) [0-9][^\x00]*|clang version [0-9][^\x00]*)", data)
    texts = sorted({f.decode("ascii", "replace").strip() for f in found})
    return "; ".join(texts) if texts else None


def versions() -> dict[str, Any]:
    """Versions of govnet, Python, the platform, the compiled core and the optional packages
    (None when a package is not installed)."""
    info: dict[str, Any] = {
        "govnet": __version__,
        "python": sys.version.replace("\n", " "),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "openmp": bool(getattr(_core, "has_openmp", False)),
        "core module": getattr(_core, "__file__", None),
        "c++ compiler": _compiler_of(getattr(_core, "__file__", None)),
    }
    for name in _PACKAGES:
        try:
            mod = importlib.import_module(name)
        except Exception:  # not installed, or broken: report, do not fail
            info[name] = None
            continue
        info[name] = getattr(mod, "__version__", "installed")
    try:


        info["cjk font"] = find_cjk_font(warn=False)
    except ImportError:
        info["cjk font"] = None
    return info


def show_versions(file: Any = None) -> None:
    """Print the versions of govnet and its dependencies, OpenMP availability and
    the C++ compiler that built the core (include this in bug reports)."""
    info = versions()
    width = max(len(k) for k in info)
    out = file if file is not None else sys.stdout
    print("INSTALLED VERSIONS", file=out)
    print("------------------", file=out)
    for k, v in info.items():
        print(f"{k:<{width}} : {'not installed' if v is None else v}", file=out)
