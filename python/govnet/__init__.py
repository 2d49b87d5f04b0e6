"""govnet — community governance networks (一核多元 / “1+3+N”).

A fast, verified C++ core with a pandas-shaped Python API: typed actors in
tiers (core 一核, support “3”, plural “N”, external), relation layers, duty
lists and meetings; centralities and the core's profile; duty overlap;
deliberation; permutation inference.
"""

from __future__ import annotations

import logging

try:
    from . import _core
except ImportError as exc:  # pragma: no cover - only without a build
    raise ImportError(
        "govnet's compiled core (govnet._core) is missing or broken. Build it with "
        "`make demo` (or `pip install .` where a C++17 compiler, Eigen, spdlog and "
        f"CMake are present). Original error: {exc}") from exc

from . import datasets, vocab
from .centrality import betweenness_centrality, degree_centrality
from .errors import (
    ActorNotFoundError,
    ConvergenceError,
    EmptyNetworkError,
    FileFormatError,
    GovnetError,
    GovnetInternalError,
    InvalidNetworkError,
    RelationNotFoundError,
    TooLargeError,
)
from .network import Network, RelationSpec, read_table
from .duties import (
    DutyNullResult,
    DutyTable,
    actor_duties,
    duty_concentration,
    duty_holders,
    duty_null_model,
    duty_null_samples,
    duty_overlap,
    duty_projection,
    duty_summary,
)

__version__ = "0.1.0"

logging.getLogger("govnet").addHandler(logging.NullHandler())

__all__ = [
    "Network",
    "RelationSpec",
    "read_table",
    "datasets",
    "vocab",
    "degree_centrality",
    "betweenness_centrality",
    "GovnetError",
    "InvalidNetworkError",
    "EmptyNetworkError",
    "FileFormatError",
    "ActorNotFoundError",
    "RelationNotFoundError",
    "ConvergenceError",
    "TooLargeError",
    "GovnetInternalError",
    "DutyTable",
    "DutyNullResult",
    "duty_overlap",
    "duty_holders",
    "actor_duties",
    "duty_summary",
    "duty_concentration",
    "duty_projection",
    "duty_null_model",
    "duty_null_samples",
]
