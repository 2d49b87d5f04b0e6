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
from .centrality import (
    average_shortest_path_length,
    betweenness_centrality,
    centralization,
    closeness_centrality,
    degree_centrality,
    density,
    eigenvector_centrality,
    global_efficiency,
    harmonic_centrality,
    hits,
    in_degree_centrality,
    katz_centrality,
    out_degree_centrality,
    pagerank,
    reciprocity,
    strength,
)
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

__version__ = "0.1.0"

logging.getLogger("govnet").addHandler(logging.NullHandler())

__all__ = [
    "Network",
    "RelationSpec",
    "read_table",
    "datasets",
    "vocab",
    "degree_centrality",
    "in_degree_centrality",
    "out_degree_centrality",
    "strength",
    "closeness_centrality",
    "harmonic_centrality",
    "betweenness_centrality",
    "eigenvector_centrality",
    "katz_centrality",
    "pagerank",
    "hits",
    "centralization",
    "density",
    "reciprocity",
    "average_shortest_path_length",
    "global_efficiency",
    "GovnetError",
    "InvalidNetworkError",
    "EmptyNetworkError",
    "FileFormatError",
    "ActorNotFoundError",
    "RelationNotFoundError",
    "ConvergenceError",
    "TooLargeError",
    "GovnetInternalError",
]
