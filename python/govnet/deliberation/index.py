"""The deliberation index: plurality (多元性), openness (畅通性), consistency (一致性)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet.deliberation._common import _html, _meetings, _text, _weight_mode
from govnet.deliberation.dynamics import degroot
from govnet.deliberation.meetings import deliberation_network, participation
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.access import Relation, as_network, layer_of
from govnet.model.vocab import TIERS


@dataclass(frozen=True, eq=False)  # pandas fields: compare by identity
class DeliberationIndex:
    """Plurality (多元性), openness (畅通性) and consistency (一致性) of deliberation.

    See :func:`deliberation_index` for every formula. ``details`` holds the
    sub-measures; ``participation`` and ``closeness`` are per-actor Series.
    """

    index: float
    plurality: float
    openness: float
    consistency: float
    participation_gini: float
    information_asymmetry: float
    weights: tuple[float, float, float]
    decision_body: tuple[str, ...]
    details: dict[str, Any] = field(repr=False)
    participation: pd.Series = field(repr=False)
    closeness: pd.Series = field(repr=False)

    def _rows(self) -> list[tuple[str, Any]]:
        return [("deliberation index (govnet's weighted mean)", self.index),
                ("plurality 多元性", self.plurality), ("openness 畅通性", self.openness),
                ("consistency 一致性", self.consistency),
                ("participation inequality (Gini)", self.participation_gini),
                ("information asymmetry (Gini of closeness to the decision body)",
                 self.information_asymmetry)] + [(k, v) for k, v in self.details.items()]

    def __repr__(self) -> str:
        keys = ("index", "plurality", "openness", "consistency", "participation_gini",
                "information_asymmetry")
        return _text("DeliberationIndex", [(k, getattr(self, k)) for k in keys] +
                     [("decision_body", ", ".join(self.decision_body))])

    def _repr_html_(self) -> str:
        return _html("govnet deliberation index", self._rows(),
                     f"decision body: {', '.join(self.decision_body)}; weights {self.weights}")

    def to_frame(self) -> pd.DataFrame:
        """All measures as a two-column table (measure, value)."""
        return pd.DataFrame(self._rows(), columns=["measure", "value"])


def _entropy(labels: Sequence[Any]) -> float:
    counts = pd.Series(list(labels)).value_counts().to_numpy(dtype=float)
    if counts.sum() == 0:
        return 0.0
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())


def _gini(x: np.ndarray) -> float:
    """Gini = Σ_i Σ_j |x_i - x_j| / (2 n² mean); NaN when the mean is 0."""
    x = np.sort(np.asarray(x, dtype=float))
    n = len(x)
    if n == 0 or x.sum() == 0:
        return math.nan
    ranks = np.arange(1, n + 1)
    return float((2 * ranks - n - 1) @ x / (n * x.sum()))


def _distances_to(g: Any, sources: np.ndarray, n: int) -> np.ndarray:
    """Hop distances from a set of actors (multi-source BFS on an undirected graph); inf if none."""
    off = g.out_offsets()
    tgt = g.out_targets()
    dist = np.full(n, np.inf)
    dist[sources] = 0
    frontier = np.unique(sources)
    level = 0
    while frontier.size:
        level += 1
        starts = off[frontier]
        lengths = off[frontier + 1] - starts
        # positions of every neighbour of the frontier, without a Python loop
        idx = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        nb = np.unique(tgt[idx])
        nb = nb[np.isinf(dist[nb])]
        dist[nb] = level
        frontier = nb
    return dist


def deliberation_index(net: Any, *, meetings: pd.DataFrame | None = None,
                       kind: str | Sequence[str] | None = None,
                       decision_body: Sequence[Any] | str | None = None,
                       relation: Relation = "all", k: int = 2, epsilon: float = 1e-3,
                       self_weight: float = 0.5, weight: str | None = None,
                       weights: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> DeliberationIndex:
    """How well the network deliberates (协商治理): three components and their mean.

    The sources name three conditions of deliberative governance — plural
    subjects (协商主体的多元性), open channels (协商渠道的畅通性) and
    consistent goals around a centre (协商目标的一致性) — and three problems:
    unequal participation, long decision cycles and information asymmetry.
    Each is measured separately:

    **Plurality** P. Participants = actors attending at least one meeting (of
    ``kind``). With Shannon entropies ``H = -Σ p ln p`` of the participants'
    kinds and tiers, ``P = (H_kind / ln K + H_tier / ln 4) / 2``, K = number
    of kinds in the whole network (a term is 0 when K = 1). P = 0 with fewer
    than two participants (one subject alone cannot deliberate). Reported
    too: the counts of kinds and tiers taking part.

    **Openness** O. Over ``relation`` (default ``"all"``: every layer pooled) read as undirected
    channels, with d(i) = hops from actor i to the nearest member of the
    decision body D: ``within_k`` = share of plural-tier and external actors
    with d <= k; ``reach`` = share of actors outside D with a path to D;
    ``mean_distance`` = mean d over those reaching D.
    ``O = (within_k + reach + 1 / mean_distance) / 3`` (terms that are
    undefined, e.g. no plural actors, are left out of the mean).

    **Consistency** C. DeGroot dynamics (:func:`degroot`, ``self_weight``)
    on the co-attendance projection among participants, starting from D's
    proposal (members of D at 1, other participants at 0; evenly spread
    opinions if D does not take part). With T = rounds to ε-consensus and
    D₀ = initial spread: ``C = 1 - (ε / D₀)^(1/T)``, the mean contraction of
    disagreement per round (1 if already agreed, 0 if no ε-consensus is
    reached: then ``final_dispersion`` in ``details`` says how far apart the
    participants stay).

    **Index** = ``(w_P P + w_O O + w_C C) / (w_P + w_O + w_C)`` with ``weights``
    (equal by default). This combination rule is a govnet choice, not a
    published scale: report the components beside it.

    **Participation inequality**: Gini coefficient of each actor's number of
    attendances (all actors, non-participants count 0). **Information
    asymmetry**: Gini of closeness to the decision body, 1/d(i) (0 when
    unreachable), over actors outside D.

    Parameters
    ----------
    decision_body : actor id or list, optional
        D. Default: the veto holder ``net.meta["veto"]`` if set, else the core tier.
    k : int, default 2
        Steps for ``within_k``.
    epsilon : float, default 1e-3
        ε of ε-consensus.
    weight : {None, "frequency"}
        Count meetings (None) or weigh them by frequency, in the projection
        and in participation.

    Returns
    -------
    DeliberationIndex

    Notes
    -----
    Costs: the projection O(Σ_meetings size²), the BFS O(n + m), DeGroot
    O(T · nnz) among participants.
    """
    net = as_network(net)
    m = _meetings(net, meetings, kind)
    _weight_mode(weight)
    if not (isinstance(k, (int, np.integer)) and k >= 1):
        raise InvalidParameterError(f"k must be a positive integer, got {k!r}")
    if not (0 < epsilon < 1):
        raise InvalidParameterError(f"epsilon must be in (0, 1), got {epsilon!r}")
    wts = tuple(float(x) for x in weights)
    if len(wts) != 3 or min(wts) < 0 or sum(wts) <= 0:
        raise InvalidParameterError(
            f"weights must be three non-negative numbers, not all 0: {weights!r}")
    if decision_body is None:
        veto = net.meta.get("veto")
        body = [str(veto)] if veto is not None else net.tier_of("core")
    else:
        body = [decision_body] if isinstance(decision_body, str) else list(decision_body)
    if not body:
        raise InvalidNetworkError("the decision body is empty (no veto holder and no core actor)")
    body_pos = net.positions(body)
    body = [str(net.actor_ids[p]) for p in body_pos]
    actors = net.actors
    n = len(net)

    # Plurality
    part = participation(net, meetings=m, weight=weight)
    takers = part.index[part.to_numpy() > 0]
    kinds_net = actors["kind"].nunique()
    kinds_p = actors.loc[takers, "kind"].astype(str)
    tiers_p = actors.loc[takers, "tier"].astype(str)
    h_kind, h_tier = _entropy(kinds_p), _entropy(tiers_p)
    if len(takers) < 2:
        plurality = 0.0
    else:
        plurality = ((h_kind / math.log(kinds_net) if kinds_net > 1 else 0.0)
                     + h_tier / math.log(len(TIERS))) / 2

    # Openness
    g = layer_of(net, relation)
    if g.directed:
        g = g.to_undirected()
    dist = _distances_to(g, body_pos, n)
    outside = np.ones(n, dtype=bool)
    outside[body_pos] = False
    tier = actors["tier"].astype(str).to_numpy()
    open_tier = np.isin(tier, ["plural", "external"]) & outside
    within_k = float((dist[open_tier] <= k).mean()) if open_tier.any() else math.nan
    reaches = outside & np.isfinite(dist)
    reach = float(reaches.sum() / outside.sum()) if outside.any() else math.nan
    mean_distance = float(dist[reaches].mean()) if reaches.any() else math.inf
    terms = [t for t in (within_k, reach, 1.0 / mean_distance if reaches.any() else math.nan)
             if not math.isnan(t)]
    openness = float(np.mean(terms)) if terms else 0.0
    closeness = np.where(np.isfinite(dist), 1.0 / np.where(dist > 0, dist, 1.0), 0.0)
    closeness_s = pd.Series(np.where(outside, closeness, np.nan), index=net.actor_ids.copy(),
                            name="closeness_to_decision_body")

    # Consistency
    t_eps: int | None = None
    final_disp = math.nan
    if len(takers) < 2:
        consistency = 0.0
    else:
        sub = deliberation_network(net, meetings=m, weight=weight)
        in_body = [a for a in body if a in set(takers)]
        if in_body:
            x0: Any = pd.Series(0.0, index=sub.actor_ids)
            x0[in_body] = 1.0
        else:
            x0 = np.linspace(0.0, 1.0, len(sub))
        r = degroot(sub, x0, relation="deliberation", weight="weight",
                    self_weight=self_weight, tol=epsilon)
        t_eps = r.consensus_iteration
        final_disp = r.spread
        if t_eps is None:
            consistency = 0.0
        elif t_eps == 0:
            consistency = 1.0
        else:
            consistency = 1.0 - (epsilon / 1.0) ** (1.0 / t_eps)
    index = (wts[0] * plurality + wts[1] * openness + wts[2] * consistency) / sum(wts)
    details = {
        "participants": int(len(takers)), "meetings": int(m["meeting"].nunique()),
        "kinds taking part": int(kinds_p.nunique()), "kinds in network": int(kinds_net),
        "tiers taking part": int(tiers_p.nunique()), "H_kind (nats)": h_kind,
        "H_tier (nats)": h_tier, f"within_{k} (plural + external)": within_k,
        "reach": reach, "mean_distance": mean_distance,
        "iterations to ε-consensus": t_eps, "final_dispersion": final_disp, "epsilon": epsilon,
    }
    return DeliberationIndex(
        index=float(index), plurality=float(plurality), openness=openness,
        consistency=float(consistency), participation_gini=_gini(part.to_numpy()),
        information_asymmetry=_gini(closeness[outside]), weights=wts,  # type: ignore[arg-type]
        decision_body=tuple(body), details=details, participation=part,
        closeness=closeness_s)
