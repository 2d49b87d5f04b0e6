"""Positions, subgroups and cohesion (位置、凝聚子群): transitivity and
clustering, dyad and triad censuses, maximal cliques, components, cut-points
and bridges (:mod:`.cohesion`, :mod:`.components`); the modularity of a given
partition, Louvain, Leiden and a consensus of runs (:mod:`.community`);
assortativity by an actor attribute (:mod:`.mixing`)."""

from __future__ import annotations

from govnet.positions.cohesion import (
    TRIAD_TYPES,
    Components,
    articulation_points,
    bridges,
    clique_comembership,
    cliques,
    clustering,
    components,
    dyad_census,
    transitivity,
    triad_census,
)
from govnet.positions.community import (
    Communities,
    CommunityEnsemble,
    community_ensemble,
    leiden,
    louvain,
    modularity,
)
from govnet.positions.mixing import assortativity

__all__ = [
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
    "Communities",
    "CommunityEnsemble",
    "community_ensemble",
    "leiden",
    "louvain",
    "transitivity",
    "triad_census",
]
