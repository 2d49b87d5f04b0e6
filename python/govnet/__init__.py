"""govnet — community governance networks (一核多元 / “1+3+N”).

A fast, verified C++ core with a pandas-shaped Python API: typed actors in
tiers (core 一核, support “3”, plural “N”, external), relation layers, duty
lists and meetings; centralities and the core's profile; duty overlap;
deliberation; permutation inference.
"""

from __future__ import annotations

import logging
import os

# OpenMP threads that spin-wait between parallel regions burn a core after each
# call and slow every other process (a Jupyter kernel, a second thread pool);
# sleep instead unless the user chose otherwise. Must be set before libgomp loads.
os.environ.setdefault("OMP_WAIT_POLICY", "passive")

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
from .inference import (
    EIResult,
    KrackhardtHierarchy,
    MRQAPResult,
    PermutationTestResult,
    QAPResult,
    ei_index,
    krackhardt_hierarchy,
    mrqap,
    permutation_test,
    qap_correlation,
    qap_test,
)
from .deliberation import (
    DegrootResult,
    DeliberationIndex,
    FriedkinJohnsenResult,
    InfluenceMatrix,
    InfluenceStructure,
    attendance_matrix,
    co_attendance,
    co_attendance_ties,
    degroot,
    deliberation_index,
    deliberation_network,
    friedkin_johnsen,
    influence_matrix,
    influence_structure,
    meetings_from_frame,
    participation,
)
# Collections of communities and synthetic districts (issue #9)
from . import synthetic
from .collection import Collection, MeasureNotAvailableError

# io, plot, report, show_versions (issue #8); plot imports matplotlib only when drawing
from . import io, plot, report
from ._versions import show_versions
from .io import from_adjacency, from_igraph, read_dl, read_gexf, read_graphml, read_pajek
from .structure import (
    CorePeripheryResult,
    CoreProfile,
    brokerage,
    constraint,
    core_number,
    core_periphery,
    core_profile,
    effective_size,
    efficiency,
    hierarchy,
    structural_holes,
)
from .storage import load
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
    "qap_correlation",
    "qap_test",
    "mrqap",
    "permutation_test",
    "ei_index",
    "krackhardt_hierarchy",
    "QAPResult",
    "MRQAPResult",
    "PermutationTestResult",
    "EIResult",
    "KrackhardtHierarchy",
    "meetings_from_frame",
    "attendance_matrix",
    "participation",
    "co_attendance",
    "co_attendance_ties",
    "deliberation_network",
    "InfluenceMatrix",
    "influence_matrix",
    "InfluenceStructure",
    "influence_structure",
    "DegrootResult",
    "degroot",
    "FriedkinJohnsenResult",
    "friedkin_johnsen",
    "DeliberationIndex",
    "deliberation_index",
    # issue #9
    "Collection",
    "MeasureNotAvailableError",
    "synthetic",
    # io, plot, report, show_versions (issue #8)
    "io",
    "plot",
    "report",
    "show_versions",
    "read_graphml",
    "read_gexf",
    "read_pajek",
    "read_dl",
    "from_adjacency",
    "from_igraph",
    "core_number",
    "core_periphery",
    "CorePeripheryResult",
    "brokerage",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    "structural_holes",
    "core_profile",
    "CoreProfile",
    "load",
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
