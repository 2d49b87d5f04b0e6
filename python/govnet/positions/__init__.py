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

# -- equivalence, blockmodels, tiers vs positions (area: blockmodel) --------
from govnet.positions.blockmodel import Blockmodel, blockmodel
from govnet.positions.equivalence import (
    EquivalenceClustering,
    concor,
    cutree,
    equivalence_clustering,
    hclust,
    rege,
    structural_distance,
)
from govnet.positions.mixing import AssortativityTest, assortativity_test
from govnet.positions.tiers import TierDensityTest, TierFit, partition_agreement, tier_density_test, tier_fit

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
    # area: blockmodel
    "AssortativityTest",
    "Blockmodel",
    "EquivalenceClustering",
    "TierDensityTest",
    "TierFit",
    "assortativity_test",
    "blockmodel",
    "concor",
    "cutree",
    "equivalence_clustering",
    "hclust",
    "partition_agreement",
    "rege",
    "structural_distance",
    "tier_density_test",
    "tier_fit",
]
