"""Sensitivity of the core's profile to missing dyads: bounds from reading every
missing dyad as a non-tie and as a tie (:func:`missing_sensitivity`)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet.measures.structure import CoreProfile, core_profile
from govnet.model.access import Relation, as_network
from govnet.model.missing import impute_missing, missing_counts

__all__ = ["MissingSensitivity", "missing_sensitivity"]


@dataclass(frozen=True)
class MissingSensitivity:
    """Result of :func:`missing_sensitivity`.

    Attributes
    ----------
    as_non_ties, as_ties : CoreProfile
        The core's profile with every missing dyad of the chosen layers read
        as a non-tie, and as a tie (weight 1).
    bounds : DataFrame
        One row per figure of the profile (``<centrality> best_rank``,
        ``<centrality> share``, ``pair_dependency``, ``reach_1..3``,
        ``core_vulnerability_rank``, ``cp_fit``, ``in_empirical_core``),
        columns ``as_non_ties``, ``as_ties``, ``low``, ``high`` (min and max of
        the two) and ``stable`` (the two agree).
    missing : dict
        Missing dyads per layer.
    """

    as_non_ties: CoreProfile
    as_ties: CoreProfile
    bounds: pd.DataFrame
    missing: dict

    def __repr__(self) -> str:
        moved = self.bounds.index[~self.bounds["stable"]].tolist()
        return (f"MissingSensitivity({sum(self.missing.values())} missing dyads in "
                f"{', '.join(self.missing) or 'no layer'}; {len(moved)} of {len(self.bounds)} "
                f"figures move between the bounds: {', '.join(moved[:6])}"
                f"{' ...' if len(moved) > 6 else ''})")

    def _repr_html_(self) -> str:
        return (f"<div><strong>Missing-dyad bounds of the core's profile</strong> "
                f"({escape(str(self.missing))}){self.bounds.to_html()}</div>")


def _figures(p: CoreProfile) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, r in p.centrality.iterrows():
        short = str(name).replace("_centrality", "")
        out[f"{short} best_rank"] = float(r.best_rank)
        out[f"{short} share"] = float(r.share)
    out["pair_dependency"] = float(p.pair_dependency)
    for k, v in p.reach.items():
        out[f"reach_{k}"] = float(v)
    out["core_vulnerability_rank"] = float(p.core_vulnerability_rank)
    out["cp_fit"] = float(p.cp_fit)
    out["in_empirical_core"] = float(p.in_empirical_core)
    return out


def missing_sensitivity(net: Any, core: Any = None, *, relation: Relation = None,
                        undirected: bool = False, seed: int | None = 0,
                        threads: int | None = None) -> MissingSensitivity:
    """Bounds of :func:`govnet.core_profile` under missing dyads.

    Treatment of missing dyads (stated, see docs/conventions.md): the profile
    is computed twice, once with every missing dyad of the chosen layers read
    as a non-tie and once as a tie of weight 1 (:func:`govnet.impute_missing`);
    the two bracket the profile of the complete data only for figures
    monotone in the ties (reach, shares of degree) — for others (ranks,
    betweenness) they show how far the answer can move, not strict bounds.
    Options are :func:`govnet.core_profile`'s.
    """
    net = as_network(net)
    counts = missing_counts(net, relation)
    low = impute_missing(net, "non_ties", relation=relation)
    high = impute_missing(net, "ties", relation=relation)
    p0 = core_profile(low, core, relation=relation, undirected=undirected, seed=seed, threads=threads)
    p1 = core_profile(high, core, relation=relation, undirected=undirected, seed=seed, threads=threads)
    f0, f1 = _figures(p0), _figures(p1)
    a = np.array(list(f0.values()))
    b = np.array([f1[k] for k in f0])
    with np.errstate(invalid="ignore"):
        table = pd.DataFrame({"as_non_ties": a, "as_ties": b, "low": np.fmin(a, b),
                              "high": np.fmax(a, b),
                              "stable": np.isclose(a, b, equal_nan=True)}, index=list(f0))
    return MissingSensitivity(p0, p1, table, counts)
