"""govnet — community governance networks (一核多元 / “1+3+N”).

A fast, verified C++ core with a pandas-shaped Python API: typed actors in
tiers (core 一核, support “3”, plural “N”, external), relation layers, duty
lists and meetings; centralities and the core's profile; duty overlap;
deliberation; permutation inference.

The package is layered; each subpackage reaches only down:
``model`` (Network, validation, vocabulary) < ``measures``, ``duties``,
``deliberation``, ``inference``, ``io`` < ``collection``, ``plot``, ``report``
< ``cli``/``demo``. This module only re-exports their public names. The
parameter vocabulary shared by every function is in ``docs/conventions.md``.
"""

from __future__ import annotations

import logging
import os

# OpenMP threads that spin-wait between parallel regions burn a core after each
# call and slow every other process (a Jupyter kernel, a second thread pool), but
# threads that sleep at once pay a wake-up (~20-50 us here) at every region: a
# 1e4-actor PageRank ran slower on 2 threads than on 1. So, unless the user chose,
# spin briefly (3,000 spins, under 0.2 ms of CPU after a call, measured) and then
# sleep. Must be set before libgomp loads.
if "OMP_WAIT_POLICY" not in os.environ and "GOMP_SPINCOUNT" not in os.environ:
    os.environ["OMP_WAIT_POLICY"] = "passive"
    os.environ["GOMP_SPINCOUNT"] = "3000"

try:
    from govnet import _core  # noqa: F401  (fails early with a build hint)
except ImportError as exc:  # pragma: no cover - only without a build
    raise ImportError(
        "govnet's compiled core (govnet._core) is missing or broken. Build it with "
        "`make demo` (or `pip install .` where a C++17 compiler, Eigen, spdlog and "
        f"CMake are present). Original error: {exc}") from exc

from govnet import datasets, io, plot, report
from govnet._version import __version__
from govnet._versions import show_versions
from govnet.collection import (
    Collection,
    synthetic,
)
from govnet.deliberation import (
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
from govnet.duties import (
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
from govnet.errors import (
    ActorNotFoundError,
    ConvergenceError,
    EmptyNetworkError,
    FileFormatError,
    GovnetError,
    GovnetInternalError,
    GovnetWarning,
    InvalidNetworkError,
    InvalidParameterError,
    RelationNotFoundError,
    TooLargeError,
)
from govnet.inference import (
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
from govnet.io import (
    from_adjacency,
    from_igraph,
    load,
    read,
    read_csv,
    read_dl,
    read_excel,
    read_gexf,
    read_graphml,
    read_pajek,
    read_table,
    read_tables,
    save,
    to_adjacency,
    to_igraph,
    write,
    write_csv,
    write_dl,
    write_excel,
    write_gexf,
    write_graphml,
    write_pajek,
)
from govnet.measures import (
    CorePeripheryResult,
    CoreProfile,
    average_shortest_path_length,
    betweenness_centrality,
    brokerage,
    centralization,
    closeness_centrality,
    constraint,
    core_number,
    core_periphery,
    core_profile,
    degree_centrality,
    density,
    effective_size,
    efficiency,
    eigenvector_centrality,
    global_efficiency,
    harmonic_centrality,
    hierarchy,
    hits,
    in_degree_centrality,
    katz_centrality,
    out_degree_centrality,
    pagerank,
    reciprocity,
    strength,
    structural_holes,
)
from govnet.model import (
    Network,
    RelationSpec,
    vocab,
)
from govnet.positions import (
    TRIAD_TYPES,
    Components,
    articulation_points,
    assortativity,
    bridges,
    clique_comembership,
    cliques,
    clustering,
    components,
    dyad_census,
    modularity,
    transitivity,
    triad_census,
)
# ergm (area: exponential random graph models): govnet.ergm is callable (fits a model)
from govnet import ergm
from govnet.ergm import (
    Control as ErgmControl,
    DegenerateModelError,
    ErgmResult,
    GofResult,
    SimulationResult,
    ergm_pooled,
    gof,
    simulate_ergm,
)

# -- positions: equivalence, blockmodels, tiers vs positions (area: blockmodel) --
from govnet.positions import (
    AssortativityTest,
    Blockmodel,
    EquivalenceClustering,
    TierDensityTest,
    TierFit,
    assortativity_test,
    blockmodel,
    concor,
    equivalence_clustering,
    partition_agreement,
    rege,
    structural_distance,
    tier_density_test,
    tier_fit,
)
# -- fieldwork (issue 18): readers of fieldwork shapes, the cleaning report, missing
# dyads, ego networks
from govnet.io import (
    CheckReport,
    DutyList,
    NameGenerator,
    Roster,
    SignIn,
    check,
    read_duty_list,
    read_name_generator,
    read_roster,
    read_signin,
)
from govnet.measures import (
    MissingSensitivity,
    ego_composition,
    ego_table,
    iqv,
    missing_sensitivity,
)
from govnet.model.missing import SymmetrizeResult, impute_missing, symmetrize
# --- paper exports (#18: publish tables, plot.save_figure) ---
from govnet import publish  # noqa: E402
from govnet.plot import save_figure  # noqa: E402
from govnet.publish import PaperTable, paper_table, to_docx, to_latex, to_markdown  # noqa: E402
# -- people and time (issue 17): persons and posts, derived layers, two-level and
# two-mode measures; waves of networks over time
from govnet import people, waves
from govnet.io import write_dl_posts, write_pajek_posts
from govnet.model.people import ROLES
from govnet.people import (
    ConcurrentRule,
    TwoModeCentrality,
    co_membership,
    concurrent_posts,
    core_members,
    cross_appointment,
    organisation_shares,
    person_profile,
    two_mode_centrality,
    with_cross_appointment,
)
from govnet.waves import Waves
# positions: community detection (Louvain, Leiden, ensemble + consensus)
from govnet.positions import (
    Communities,
    CommunityEnsemble,
    community_ensemble,
    leiden,
    louvain,
)

# speed (issue 20): sampled betweenness with an error guarantee
from govnet.measures import approximate_betweenness

logging.getLogger("govnet").addHandler(logging.NullHandler())

__all__ = [
    "__version__",
    "show_versions",
    "datasets",
    "io",
    "plot",
    "report",
    "synthetic",
    "vocab",
    "Network",
    "RelationSpec",
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
    "TRIAD_TYPES",
    "Components",
    "articulation_points",
    "assortativity",
    "bridges",
    "clique_comembership",
    "cliques",
    "clustering",
    "components",
    "dyad_census",
    "modularity",
    "transitivity",
    "triad_census",
    # positions: community detection
    "Communities",
    "CommunityEnsemble",
    "community_ensemble",
    "leiden",
    "louvain",
    "core_number",
    "structural_holes",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
    "brokerage",
    "CorePeripheryResult",
    "core_periphery",
    "CoreProfile",
    "core_profile",
    "DutyTable",
    "duty_summary",
    "duty_overlap",
    "duty_holders",
    "actor_duties",
    "duty_concentration",
    "duty_projection",
    "DutyNullResult",
    "duty_null_model",
    "duty_null_samples",
    "meetings_from_frame",
    "attendance_matrix",
    "participation",
    "co_attendance_ties",
    "co_attendance",
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
    "QAPResult",
    "qap_correlation",
    "qap_test",
    "MRQAPResult",
    "mrqap",
    "PermutationTestResult",
    "permutation_test",
    "EIResult",
    "ei_index",
    "KrackhardtHierarchy",
    "krackhardt_hierarchy",
    "read",
    "write",
    "load",
    "save",
    "read_table",
    "read_tables",
    "read_csv",
    "read_excel",
    "read_graphml",
    "read_gexf",
    "read_pajek",
    "read_dl",
    "write_csv",
    "write_excel",
    "write_graphml",
    "write_gexf",
    "write_pajek",
    "write_dl",
    "from_adjacency",
    "to_adjacency",
    "from_igraph",
    "to_igraph",
    "Collection",
    "GovnetError",
    "InvalidNetworkError",
    "InvalidParameterError",
    "EmptyNetworkError",
    "FileFormatError",
    "ActorNotFoundError",
    "RelationNotFoundError",
    "ConvergenceError",
    "TooLargeError",
    "GovnetInternalError",
    "GovnetWarning",
    # area: blockmodel
    "AssortativityTest",
    "Blockmodel",
    "EquivalenceClustering",
    "TierDensityTest",
    "TierFit",
    "assortativity_test",
    "blockmodel",
    "concor",
    "equivalence_clustering",
    "partition_agreement",
    "rege",
    "structural_distance",
    "tier_density_test",
    "tier_fit",
    # fieldwork (issue 18)
    "check",
    "CheckReport",
    "read_roster",
    "read_name_generator",
    "read_signin",
    "read_duty_list",
    "Roster",
    "NameGenerator",
    "SignIn",
    "DutyList",
    "impute_missing",
    "symmetrize",
    "SymmetrizeResult",
    "missing_sensitivity",
    "MissingSensitivity",
    "ego_table",
    "ego_composition",
    "iqv",
    # paper exports (#18)
    "publish",
    "save_figure",
    "PaperTable",
    "paper_table",
    "to_latex",
    "to_markdown",
    "to_docx",
]

# people and time (issue 17)
__all__ += [
    "people", "waves", "ROLES", "write_pajek_posts", "write_dl_posts", "ConcurrentRule",
    "TwoModeCentrality", "co_membership", "concurrent_posts", "core_members",
    "cross_appointment", "organisation_shares", "person_profile", "two_mode_centrality",
    "with_cross_appointment", "Waves",
    # ergm
    "ergm",
    "ErgmControl",
    "ErgmResult",
    "DegenerateModelError",
    "SimulationResult",
    "simulate_ergm",
    "GofResult",
    "gof",
    "ergm_pooled",
    # speed (issue 20)
    "approximate_betweenness",
]
