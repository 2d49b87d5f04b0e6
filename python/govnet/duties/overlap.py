"""Duty overlap (职责交叉), holders, summaries, concentration and projections."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_threads, progress_bar
from govnet.duties._common import _LEAD, _gini
from govnet.duties.table import DutyTable, as_duty_table
from govnet.errors import EmptyNetworkError, InvalidNetworkError, InvalidParameterError
from govnet.model.network import Network


def duty_overlap(data: Any, *, min_shared: int = 1, threads: int | None = None,
                 progress: bool | None = None) -> pd.DataFrame:
    """Every pair of actors sharing duties, with overlap measures and a chance p-value.

    For actors a, b with duty sets A, B (sizes ``duties_a``, ``duties_b``) and
    N duties in the catalogue (including uncovered ones):

    * ``shared`` = |A ∩ B|; ``both_lead`` = duties both hold as lead (牵头),
      the sharpest ambiguity of responsibility (职责不清);
    * ``jaccard`` = |A ∩ B| / |A ∪ B|;
    * ``overlap`` = |A ∩ B| / min(|A|, |B|) (Szymkiewicz–Simpson);
    * ``cosine`` = |A ∩ B| / sqrt(|A| |B|) (Salton);
    * ``expected`` = |A| |B| / N, and ``p_value`` = P(X >= shared) for
      X ~ Hypergeometric(N, |A|, |B|): the chance that b's |B| duties, drawn
      without replacement from the N catalogue duties independently of a's,
      hit at least ``shared`` of a's (one-sided; not corrected for the many
      pairs tested). :func:`duty_null_model` gives the fixed-margin alternative.

    Parameters
    ----------
    data : DutyTable, Network with duties, or long duty table
    min_shared : int, default 1
        Keep pairs sharing at least this many duties.
    threads : int, optional
        Worker threads (default all); results are identical for any count.
    progress : bool, optional
        Show a progress bar (default: in interactive sessions).

    Returns
    -------
    DataFrame
        One row per unordered pair, ``actor_a`` before ``actor_b`` in actor
        order (both categorical over the actor ids), sorted by that order.
        Columns actor_a, actor_b, shared, both_lead, duties_a, duties_b,
        jaccard, overlap, cosine, expected, p_value.

    Notes
    -----
    Pairs sharing nothing are left out (all their measures are 0, p-value 1).
    Roles are ignored except in ``both_lead``. Cost: sum over duties of
    holders² / 2 plus the output; the output is refused (TooLargeError) if it
    would not fit in memory. networkx's ``bipartite.overlap_weighted_projected_graph``
    gives the same Jaccard (``jaccard=True``) and overlap coefficient
    (``jaccard=False``) weights.

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> t = govnet.DutyTable.from_frame(pd.DataFrame({
    ...     "actor": ["rc", "rc", "ws", "ws", "sc"], "duty": ["d1", "d2", "d1", "d2", "d2"]}))
    >>> govnet.duty_overlap(t)[["actor_a", "actor_b", "shared", "jaccard"]]
      actor_a actor_b  shared  jaccard
    0      rc      ws       2      1.0
    1      rc      sc       1      0.5
    2      ws      sc       1      0.5
    """
    t = as_duty_table(data)
    if not isinstance(min_shared, (int, np.integer)) or min_shared < 1:
        raise InvalidParameterError(f"min_shared must be an integer >= 1, got {min_shared!r}")
    with progress_bar(progress, "duty overlap", t.n_actors) as cb:
        a, b, shared, both_lead = _core.shared_pairs(t._two_mode(), int(min_shared),
                                                     threads=check_threads(threads), progress=cb)
    deg, _ = t._degrees()
    deg_i = deg.astype(np.int32)
    deg_f = deg.astype(float)
    da, db = deg_i[a], deg_i[b]
    daf, dbf = deg_f[a], deg_f[b]
    s = shared.astype(float)
    n = t.n_duties
    p = _core.hypergeom_sf(shared, da, db, n, threads=check_threads(threads))
    prod = daf * dbf
    columns = {
        "actor_a": pd.Categorical.from_codes(a, categories=t.actor_ids),
        "actor_b": pd.Categorical.from_codes(b, categories=t.actor_ids),
        "shared": shared,
        "both_lead": both_lead,
        "duties_a": da,
        "duties_b": db,
        "jaccard": s / (daf + dbf - s),
        "overlap": s / np.minimum(daf, dbf),
        "cosine": s / np.sqrt(prod),
        "expected": prod / n,
        "p_value": p,
    }
    # copy=False keeps one block per column: no consolidation copy of ~100 bytes a pair
    return pd.DataFrame(columns, copy=False)


def duty_holders(data: Any) -> pd.DataFrame:
    """Per duty: how many actors hold it (redundancy), as lead and as assist.

    Returns
    -------
    DataFrame indexed by duty id (catalogue order)
        ``label``, ``category``, ``holders``, ``leads``, ``assists``,
        ``uncovered`` (no holder: a gap), ``ambiguous`` (2+ holders: 职责不清),
        ``multi_lead`` (2+ lead holders: the sharpest ambiguity — nobody knows
        who is in charge), ``no_lead`` (held, but only by assisting actors) and
        ``holder_ids`` (a tuple of actor ids, leads first).

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> t = govnet.DutyTable.from_frame(pd.DataFrame({
    ...     "actor": ["rc", "ws"], "duty": ["d1", "d1"], "role": ["lead", "lead"]}))
    >>> h = govnet.duty_holders(t)
    >>> h.loc["d1", "holder_ids"], int(h.loc["d1", "leads"]), bool(h.loc["d1", "multi_lead"])
    (('rc', 'ws'), 2, True)
    """
    t = as_duty_table(data)
    _, hold = t._degrees()
    leads = np.bincount(t._dpos[t._roles == _LEAD], minlength=t.n_duties)
    out = t.catalogue
    out["holders"] = hold
    out["leads"] = leads
    out["assists"] = hold - leads
    out["uncovered"] = hold == 0
    out["ambiguous"] = hold >= 2
    out["multi_lead"] = leads >= 2
    out["no_lead"] = (hold > 0) & (leads == 0)
    order = np.lexsort((t._apos, t._roles, t._dpos))
    ids = t.actor_ids.to_numpy()[t._apos[order]]
    bounds = np.concatenate([[0], np.cumsum(hold)])
    out["holder_ids"] = [tuple(ids[bounds[i]:bounds[i + 1]]) for i in range(t.n_duties)]
    return out


def actor_duties(data: Any) -> pd.DataFrame:
    """Per actor: duty count, exclusive duties, and the share held with others.

    Returns
    -------
    DataFrame indexed by actor id
        ``duties`` (held), ``leads``, ``assists``, ``exclusive`` (held by this
        actor alone), ``shared`` (held with at least one other actor),
        ``shared_share`` = shared / duties (NaN for an actor with no duty),
        ``partners`` (other actors sharing at least one duty).
    """
    t = as_duty_table(data)
    deg, hold = t._degrees()
    n = t.n_actors
    leads = np.bincount(t._apos[t._roles == _LEAD], minlength=n)
    exclusive = np.bincount(t._apos[hold[t._dpos] == 1], minlength=n)
    partners = np.zeros(n, dtype=np.int64)
    if n >= 2 and t.n_incidences:
        a, b, _, _ = _core.shared_pairs(t._two_mode(), 1)
        partners = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(deg > 0, (deg - exclusive) / np.maximum(deg, 1), np.nan)
    return pd.DataFrame({"duties": deg, "leads": leads, "assists": deg - leads,
                         "exclusive": exclusive, "shared": deg - exclusive,
                         "shared_share": share, "partners": partners},
                        index=t.actor_ids.copy())


def duty_concentration(data: Any) -> pd.Series:
    """How unevenly duties are spread over actors: Gini, Herfindahl, largest share.

    ``data`` is a DutyTable / Network with duties (each actor's number of
    duties, actors with none included) or per-actor counts given directly,
    e.g. published list lengths (a Series indexed by actor, or an array).
    Gini = Σ_i Σ_j |x_i − x_j| / (2 n² x̄) (0: equal; (n−1)/n: one actor holds
    all); Herfindahl = Σ_i (x_i / Σ x)² (from 1/n to 1); ``top_share`` and
    ``top_actor``: the largest holder. Counts of published lists may include
    duties several actors share; the measures then describe the lists, not
    distinct duties.

    Examples
    --------
    >>> import govnet
    >>> c = govnet.datasets.nanshan_duty_counts().set_index("actor")["sub_items"]
    >>> r = govnet.duty_concentration(c)
    >>> r["top_actor"], round(float(r["top_share"]), 3), round(float(r["gini"]), 3)
    ('service_center', 0.567, 0.584)
    """
    if isinstance(data, (DutyTable, Network)):
        t = as_duty_table(data)
        x = pd.Series(t._degrees()[0], index=t.actor_ids)
    else:
        x = pd.Series(data)
    values = pd.to_numeric(x, errors="coerce").to_numpy(dtype=float)
    if values.size == 0 or not np.isfinite(values).all() or (values < 0).any():
        raise InvalidParameterError("duty counts must be finite, non-negative numbers (and at "
                                  "least one)")
    total = values.sum()
    top = int(np.argmax(values))
    return pd.Series({
        "actors": values.size, "duties": total, "gini": _gini(values),
        "herfindahl": float(((values / total) ** 2).sum()) if total else np.nan,
        "top_actor": x.index[top] if total else None,
        "top_share": values[top] / total if total else np.nan,
    }, name="duty_concentration", dtype=object)


_WEIGHTS = ("shared", "both_lead", "jaccard", "overlap", "cosine")


def duty_projection(data: Any, *, mode: str = "actors", weight: str = "shared",
                    min_shared: int = 1, relation: str | None = None,
                    threads: int | None = None) -> Network:
    """One-mode projection of the duty list (Breiger's duality) as a relation layer.

    ``mode="actors"``: actors tied when they share duties; ``mode="duties"``:
    duties tied when they share holders. The weight is one column of
    :func:`duty_overlap` (``shared`` count by default, or ``jaccard``,
    ``overlap``, ``cosine``, ``both_lead``) computed for that side. The layer
    is undirected; its weights are strengths (for the path-based measures,
    which read weights as distances, pass ``weight=None`` there or transform).

    Parameters
    ----------
    data : Network with duties, DutyTable, or long duty table
        For a Network and ``mode="actors"`` the result is ``net`` plus the
        layer (``net.with_layer``). Otherwise a new Network: its actors are the
        table's actors (tier ``plural``) or its duties (kind ``duty``, tier
        ``plural`` as a placeholder, ``name`` = label, ``category`` kept).
    relation : str, optional
        Layer name; default ``"shared_duties"`` (actors) or ``"shared_holders"``
        (duties).

    Raises
    ------
    EmptyNetworkError
        No pair shares anything (the layer would be empty).

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> t = govnet.DutyTable.from_frame(pd.DataFrame({
    ...     "actor": ["rc", "ws", "ws", "sc"], "duty": ["d1", "d1", "d2", "d2"]}))
    >>> p = govnet.duty_projection(t)
    >>> govnet.degree_centrality(p, relation="shared_duties")["ws"]
    np.float64(1.0)
    """
    if mode not in ("actors", "duties"):
        raise InvalidNetworkError(f"mode must be 'actors' or 'duties', got {mode!r}")
    if weight not in _WEIGHTS:
        raise InvalidParameterError(f"weight must be one of {_WEIGHTS}, got {weight!r}")
    t = as_duty_table(data)
    side = t if mode == "actors" else t.transpose()
    relation = relation or ("shared_duties" if mode == "actors" else "shared_holders")
    ov = duty_overlap(side, min_shared=min_shared, threads=threads, progress=False)
    if len(ov) == 0:
        thing = "duty" if mode == "actors" else "holder"
        raise EmptyNetworkError(f"no two {mode} share a {thing}; "
                                f"the {relation!r} layer would be empty")
    ties = pd.DataFrame({"source": ov["actor_a"].astype(object).to_numpy(),
                         "target": ov["actor_b"].astype(object).to_numpy(),
                         "weight": ov[weight].to_numpy(dtype=float)})
    if isinstance(data, Network) and mode == "actors":
        return data.with_layer(relation, ties, directed=False)
    if mode == "actors":
        nodes = pd.DataFrame({"id": t.actor_ids.to_numpy(), "tier": "plural", "kind": "actor"})
    else:
        cat = t.catalogue
        nodes = pd.DataFrame({"id": cat.index.to_numpy(), "name": cat["label"].to_numpy(),
                              "tier": "plural", "kind": "duty",
                              "category": cat["category"].to_numpy()})
    ties["relation"] = relation
    return Network.from_frames(nodes, ties, directed={relation: False},
                               meta={"name": f"duty projection ({mode})"})
