"""Assortative mixing by an actor attribute (同配性 / 同质性)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidParameterError
from govnet.model.access import Relation, as_network, tie_weight
from govnet.positions._common import layer_arrays
from govnet.positions._partition import actor_values

__all__ = ["assortativity"]


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
    if total == 0:
        return math.nan
    if kind == "numeric":
        try:
            x = values.to_numpy(dtype=float)
        except (TypeError, ValueError) as exc:
            raise InvalidParameterError(
                f"attribute is not numeric ({exc}); pass kind='categorical'") from exc
        xs, xt = x[src], x[dst]
        p = w / total
        ms, mt = float(p @ xs), float(p @ xt)
        cov = float(p @ ((xs - ms) * (xt - mt)))
        vs = float(p @ (xs - ms) ** 2)
        vt = float(p @ (xt - mt) ** 2)
        if vs <= 0 or vt <= 0:
            return math.nan
        return cov / math.sqrt(vs * vt)
    codes, cats = pd.factorize(values, sort=False)
    k = len(cats)
    e = np.zeros((k, k))
    np.add.at(e, (codes[src], codes[dst]), w)
    e /= total
    ab = float(e.sum(axis=1) @ e.sum(axis=0))
    if ab >= 1.0:
        return math.nan
    return (float(np.trace(e)) - ab) / (1.0 - ab)
