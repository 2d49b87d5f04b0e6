"""The measure registry: one table of govnet's measures.

Each row says what a measure is (its function), what it returns and which
options it takes. The core's profile, the HTML report, :class:`Collection`'s
batch methods, the command line and the property tests read this table, so
a renamed or missing measure fails loudly (a test checks each row against its
function's signature) instead of silently dropping a column.

Returns:

* ``"actor"`` — a Series indexed by actor id;
* ``"actor_table"`` — a DataFrame indexed by actor id (one column per part);
* ``"scalar"`` — one float for the network;
* ``"result"`` — a result object (``CorePeripheryResult``, ``CoreProfile``, ...);
* ``"table"`` — a DataFrame not indexed by actor (``duty_summary``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govnet.deliberation import index as deliberation
from govnet.duties import table as duty_table
from govnet.errors import InvalidParameterError
from govnet.measures import centrality as c
from govnet.measures import ego
from govnet.measures import sensitivity
from govnet.measures import structure as s
from govnet.people import layers as people_layers
from govnet.people import twolevel as people_twolevel
from govnet.people import twomode as people_twomode
from govnet.positions import cohesion as pc
from govnet.positions import equivalence as pe
from govnet.positions import community as pcm

__all__ = ["Measure", "MEASURES", "measure", "names"]

RETURNS = ("actor", "actor_table", "scalar", "result", "table")


@dataclass(frozen=True)
class Measure:
    """One registered measure: ``func(net, **options)``."""

    name: str
    func: Callable[..., Any]
    returns: str
    options: tuple[str, ...]
    #: shown in the HTML report's actor table (per-actor measures only)
    report: bool = False
    #: what it reads: "ties" (a relation layer), "duties", "meetings" or "posts"
    reads: str = "ties"

    def __call__(self, net: Any, **options: Any) -> Any:
        unknown = [k for k in options if k not in self.options]
        if unknown:
            raise InvalidParameterError(
                f"{self.name} takes no option {unknown[0]!r}; its options: {', '.join(self.options)}"
            )
        return self.func(net, **options)


_ROWS = [
    Measure("degree_centrality", c.degree_centrality, "actor", ("relation", "undirected"), True),
    Measure("in_degree_centrality", c.in_degree_centrality, "actor", ("relation",)),
    Measure("out_degree_centrality", c.out_degree_centrality, "actor", ("relation",)),
    Measure("strength", c.strength, "actor", ("relation", "direction", "weight", "undirected")),
    Measure(
        "closeness_centrality",
        c.closeness_centrality,
        "actor",
        ("relation", "distance", "wf_improved", "direction", "undirected", "threads", "progress"),
        True,
    ),
    Measure(
        "harmonic_centrality",
        c.harmonic_centrality,
        "actor",
        ("relation", "distance", "normalized", "direction", "undirected", "threads", "progress"),
        True,
    ),
    Measure(
        "betweenness_centrality",
        c.betweenness_centrality,
        "actor",
        (
            "relation",
            "normalized",
            "endpoints",
            "distance",
            "k",
            "seed",
            "undirected",
            "threads",
            "progress",
        ),
        True,
    ),
    Measure(
        "eigenvector_centrality",
        c.eigenvector_centrality,
        "actor",
        ("relation", "weight", "max_iter", "tol", "scale", "method", "undirected", "threads"),
        True,
    ),
    Measure(
        "katz_centrality",
        c.katz_centrality,
        "actor",
        (
            "relation",
            "alpha",
            "beta",
            "max_iter",
            "tol",
            "normalized",
            "weight",
            "undirected",
            "threads",
        ),
    ),
    Measure(
        "pagerank",
        c.pagerank,
        "actor",
        (
            "relation",
            "alpha",
            "personalization",
            "max_iter",
            "tol",
            "dangling",
            "weight",
            "undirected",
            "threads",
        ),
        True,
    ),
    Measure(
        "hits",
        c.hits,
        "actor_table",
        ("relation", "max_iter", "tol", "normalized", "weight", "undirected", "threads"),
    ),
    Measure(
        "core_number",
        s.core_number,
        "actor",
        ("relation", "direction", "undirected", "threads", "progress"),
        True,
    ),
    Measure(
        "constraint",
        s.constraint,
        "actor",
        ("relation", "weight", "undirected", "threads", "progress"),
        True,
    ),
    Measure(
        "effective_size",
        s.effective_size,
        "actor",
        ("relation", "weight", "undirected", "threads", "progress"),
        True,
    ),
    Measure(
        "efficiency",
        s.efficiency,
        "actor",
        ("relation", "weight", "undirected", "threads", "progress"),
    ),
    Measure(
        "hierarchy",
        s.hierarchy,
        "actor",
        ("relation", "weight", "undirected", "threads", "progress"),
    ),
    Measure(
        "structural_holes",
        s.structural_holes,
        "actor_table",
        ("relation", "weight", "undirected", "threads", "progress"),
    ),
    Measure(
        "brokerage",
        s.brokerage,
        "actor_table",
        ("groups", "relation", "undirected", "threads", "progress"),
        True,
    ),
    Measure(
        "centralization",
        c.centralization,
        "scalar",
        ("measure", "relation", "normalized", "undirected", "threads"),
    ),
    Measure("density", c.density, "scalar", ("relation", "undirected")),
    Measure("reciprocity", c.reciprocity, "scalar", ("relation", "method")),
    Measure(
        "average_shortest_path_length",
        c.average_shortest_path_length,
        "scalar",
        ("relation", "distance", "disconnected", "undirected", "threads", "progress"),
    ),
    Measure(
        "global_efficiency",
        c.global_efficiency,
        "scalar",
        ("relation", "distance", "undirected", "threads", "progress"),
    ),
    Measure(
        "core_periphery",
        s.core_periphery,
        "result",
        (
            "relation",
            "model",
            "between",
            "weight",
            "restarts",
            "seed",
            "max_iter",
            "tol",
            "undirected",
            "threads",
            "progress",
        ),
    ),
    Measure(
        "core_profile",
        s.core_profile,
        "result",
        ("core", "relation", "undirected", "seed", "threads", "progress"),
    ),
    Measure("duty_summary", duty_table.duty_summary, "table", ("by_category",), reads="duties"),
    Measure(
        "deliberation_index",
        deliberation.deliberation_index,
        "result",
        (
            "meetings",
            "kind",
            "decision_body",
            "relation",
            "k",
            "epsilon",
            "self_weight",
            "weight",
            "weights",
        ),
        reads="meetings",
    ),
    Measure("transitivity", pc.transitivity, "scalar", ("relation", "threads")),
    Measure("clustering", pc.clustering, "actor", ("relation", "weight", "undirected", "threads")),
    Measure("triad_census", pc.triad_census, "table", ("relation", "threads")),
    Measure("dyad_census", pc.dyad_census, "table", ("relation",)),
    Measure("cliques", pc.cliques, "table", ("relation", "min_size")),
    Measure("clique_comembership", pc.clique_comembership, "table", ("relation", "min_size")),
    Measure("components", pc.components, "result", ("relation", "connection")),
    # positions: community detection
    Measure("louvain", pcm.louvain, "result",
            ("relation", "weight", "resolution", "objective", "seed", "threads", "progress")),
    Measure("leiden", pcm.leiden, "result",
            ("relation", "weight", "objective", "resolution", "n_iterations", "randomness", "seed",
             "threads", "progress")),
    Measure("community_ensemble", pcm.community_ensemble, "result",
            ("method", "relation", "weight", "objective", "resolution", "n_runs", "threshold",
             "max_rounds", "n_iterations", "randomness", "seed", "threads", "progress")),
    Measure("articulation_points", pc.articulation_points, "table", ("relation",)),
    Measure("bridges", pc.bridges, "table", ("relation",)),
    # area: blockmodel (positions/equivalence.py)
    Measure("structural_distance", pe.structural_distance, "table",
            ("relation", "method", "weight", "diag", "stack", "undirected")),
    Measure("rege", pe.rege, "table",
            ("relation", "weight", "iterations", "until_change", "use_diag", "undirected")),
    # fieldwork (issue 18): ego networks, missing-dyad bounds of the core's profile
    Measure("ego_table", ego.ego_table, "actor_table",
            ("relation", "weight", "attributes", "undirected", "threads")),
    Measure("ego_composition", ego.ego_composition, "actor_table",
            ("attribute", "relation", "normalized")),
    Measure("missing_sensitivity", sensitivity.missing_sensitivity, "result",
            ("core", "relation", "undirected", "seed", "threads")),
    # people (issue 17): read the persons and posts tables
    Measure("cross_appointment", people_layers.cross_appointment, "table",
            ("roles", "at", "list_persons"), reads="posts"),
    Measure("organisation_shares", people_twolevel.organisation_shares, "actor_table",
            ("core", "core_roles", "roles", "at"), reads="posts"),
    Measure("person_profile", people_twolevel.person_profile, "table",
            ("core", "core_roles", "roles", "at"), reads="posts"),
    Measure("concurrent_posts", people_twolevel.concurrent_posts, "table", ("rules", "at"),
            reads="posts"),
    Measure("two_mode_centrality", people_twomode.two_mode_centrality, "result",
            ("roles", "at", "threads"), reads="posts"),
]

#: name -> Measure, in the order of the table above.
MEASURES: dict[str, Measure] = {m.name: m for m in _ROWS}


def measure(name: str) -> Measure:
    """The registered measure ``name``; InvalidParameterError (listing them) if none."""
    try:
        return MEASURES[name]
    except KeyError:
        raise InvalidParameterError(
            f"no measure {name!r}; registered measures: {', '.join(MEASURES)}"
        ) from None


def names(*, returns: str | None = None, report: bool | None = None) -> list[str]:
    """Registered measure names, optionally only those returning ``returns`` or shown in the report."""
    if returns is not None and returns not in RETURNS:
        raise InvalidParameterError(f"returns must be one of {RETURNS}, got {returns!r}")
    return [
        m.name
        for m in _ROWS
        if (returns is None or m.returns == returns) and (report is None or m.report == report)
    ]
