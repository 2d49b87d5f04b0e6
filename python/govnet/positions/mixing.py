"""Assortative mixing by an actor attribute (同配性 / 同质性)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_p_convention, check_seed
from govnet.errors import InvalidParameterError
from govnet.model.access import Relation, as_network, tie_weight
from govnet.positions._common import check_permutations, html_table, layer_arrays
from govnet.positions._partition import actor_values

__all__ = ["assortativity", "AssortativityTest", "assortativity_test"]


def assortativity(net: Any, attribute: Any, *, relation: Relation = None,
                  weight: str | None = None, kind: str | None = None) -> float:
    """Newman's assortativity coefficient by an actor attribute (同配系数).

    Categorical (``kind="categorical"``): with ``e_ij`` the share of tie ends
    joining category ``i`` to ``j``, ``a_i = sum_j e_ij``, ``b_j = sum_i e_ij``,
    ``r = (sum_i e_ii − sum_i a_i b_i) / (1 − sum_i a_i b_i)`` (networkx's
    ``attribute_assortativity_coefficient``, igraph's ``assortativity_nominal``).
    Numeric (``kind="numeric"``): the Pearson correlation of the attribute at
    the two ends of a tie (networkx's ``numeric_assortativity_coefficient``,
    igraph's ``assortativity``).

    An undirected tie counts in both directions (``e`` is symmetric); an arc
    counts source → target once (networkx; igraph ``directed=True``).

    Parameters
    ----------
    attribute : str, Series or mapping
        An actor column (``"tier"``) or a value per actor; every actor needs one.
    weight : None or "weight"
        Weight each tie by its weight (networkx's attribute functions count ties
        only; ``weight=None`` matches them).
    kind : {None, "categorical", "numeric"}
        None: numeric for a numeric (non-boolean) column, categorical otherwise.

    Notes
    -----
    NaN when undefined: a layer without ties, or every tie end in one category
    (the denominator is 0; networkx divides by zero).

    References
    ----------
    Newman, M. E. J. (2003). Mixing patterns in networks. Physical Review E 67,
    026126. doi:10.1103/PhysRevE.67.026126.
    """
    prep = _prepare(net, attribute, relation, weight, kind)
    return _coefficient(prep, prep.labels)


@dataclass(frozen=True)
class _Prepared:
    kind: str
    src: np.ndarray
    dst: np.ndarray
    w: np.ndarray
    total: float
    labels: np.ndarray          # codes (categorical) or values (numeric), actor order
    k: int


def _prepare(net: Any, attribute: Any, relation: Relation, weight: str | None,
             kind: str | None) -> _Prepared:
    net = as_network(net)
    weighted = tie_weight(net, weight)
    if kind not in (None, "categorical", "numeric"):
        raise InvalidParameterError(
            f"kind must be None, 'categorical' or 'numeric', got {kind!r}")
    values = actor_values(net, attribute, "attribute")
    if kind is None:
        kind = ("numeric" if pd.api.types.is_numeric_dtype(values)
                and not pd.api.types.is_bool_dtype(values) else "categorical")
    net, g, src, dst, w = layer_arrays(net, relation)
    if not weighted:
        w = np.ones(src.size)
    if not g.directed:
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])
    total = math.fsum(w)
    if kind == "numeric":
        try:
            x = values.to_numpy(dtype=float)
        except (TypeError, ValueError) as exc:
            raise InvalidParameterError(
                f"attribute is not numeric ({exc}); pass kind='categorical'") from exc
        return _Prepared("numeric", src, dst, w, total, x, 0)
    codes, cats = pd.factorize(values, sort=False)
    return _Prepared("categorical", src, dst, w, total, codes.astype(np.int64), len(cats))


def _coefficient(p: _Prepared, labels: np.ndarray) -> float:
    if p.total == 0:
        return math.nan
    if p.kind == "numeric":
        xs, xt = labels[p.src], labels[p.dst]
        q = p.w / p.total
        ms, mt = float(q @ xs), float(q @ xt)
        cov = float(q @ ((xs - ms) * (xt - mt)))
        vs = float(q @ (xs - ms) ** 2)
        vt = float(q @ (xt - mt) ** 2)
        if vs <= 0 or vt <= 0:
            return math.nan
        return cov / math.sqrt(vs * vt)
    e = np.zeros((p.k, p.k))
    np.add.at(e, (labels[p.src], labels[p.dst]), p.w)
    e /= p.total
    ab = float(e.sum(axis=1) @ e.sum(axis=0))
    if ab >= 1.0:
        return math.nan
    return (float(np.trace(e)) - ab) / (1.0 - ab)


@dataclass(frozen=True)
class AssortativityTest:
    """Newman's assortativity against relabelled attributes (see :func:`assortativity_test`)."""

    kind: str
    statistic: float
    null_mean: float
    null_sd: float
    p_greater: float
    p_less: float
    p_two_sided: float
    n_permutations: int
    seed: int
    null_distribution: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        return (f"AssortativityTest({self.kind} r={self.statistic:.4g}, null mean "
                f"{self.null_mean:.4g} sd {self.null_sd:.4g}, p_greater={self.p_greater:.4g}, "
                f"p_less={self.p_less:.4g}, {self.n_permutations} permutations, seed={self.seed})")

    def _repr_html_(self) -> str:
        return html_table("Assortativity permutation test", [
            ("coefficient", f"Newman's r ({self.kind})"), ("observed", self.statistic),
            ("null mean", self.null_mean), ("null sd", self.null_sd),
            ("P(null ≥ observed)", self.p_greater), ("P(null ≤ observed)", self.p_less),
            ("two-sided p", self.p_two_sided), ("permutations", self.n_permutations),
            ("seed", self.seed)], note="null: the attribute's values shuffled over the actors")


def assortativity_test(net: Any, attribute: Any, *, relation: Relation = None,
                       weight: str | None = None, kind: str | None = None,
                       n_permutations: int = 1000, seed: int | None = None,
                       p_convention: str = "plus_one", keep_null: bool = False
                       ) -> AssortativityTest:
    """Is the network more (or less) assortative by an attribute than chance?

    The observed :func:`assortativity` (Newman's r, categorical or numeric;
    same options) against ``n_permutations`` relabellings: the attribute's
    values shuffled uniformly over the actors (the ties fixed), so the null
    keeps the network and the attribute's distribution and breaks only their
    association. ``p_greater`` tests homophily (同质性), ``p_less``
    heterophily; p-values by the package's one routine
    (``_core.permutation_p_values``, docs/p-values.md; ``p_convention``).
    Relabellings whose r is undefined (NaN) are left out of the count.

    ``seed``: the permutations are drawn from
    ``numpy.random.default_rng(numpy.random.SeedSequence(seed))``, in order
    (the same seed gives the same result; there is no thread-dependent part).

    Examples
    --------
    >>> import govnet
    >>> res = govnet.assortativity_test(govnet.datasets.karate(), "club",
    ...                                 n_permutations=199, seed=1)
    >>> round(res.statistic, 4), res.p_greater
    (0.7175, 0.005)
    """
    r_perm = check_permutations(n_permutations)
    s = check_seed(seed)
    pc = check_p_convention(p_convention)
    prep = _prepare(net, attribute, relation, weight, kind)
    obs = _coefficient(prep, prep.labels)
    rng = np.random.default_rng(np.random.SeedSequence(s))
    null = np.empty(r_perm)
    for i in range(r_perm):
        null[i] = _coefficient(prep, prep.labels[rng.permutation(prep.labels.size)])
    pv = _core.permutation_p_values(null, obs, p_convention=pc)
    ok = null[np.isfinite(null)]
    sd = float(ok.std(ddof=1)) if ok.size > 1 else math.nan
    if math.isfinite(sd) and sd <= 1e-12:
        sd = 0.0                    # every relabelling gives the same r (rounding noise only)
    return AssortativityTest(
        kind=prep.kind, statistic=obs,
        null_mean=float(ok.mean()) if ok.size else math.nan,
        null_sd=sd,
        p_greater=float(pv["p_greater"]), p_less=float(pv["p_less"]),
        p_two_sided=float(pv["p_two_sided"]), n_permutations=r_perm, seed=s,
        null_distribution=null if keep_null else None)
