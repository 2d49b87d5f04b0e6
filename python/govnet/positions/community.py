"""Communities of a given partition: modularity (模块度)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from govnet.errors import InvalidParameterError
from govnet.model.access import Relation, as_network, tie_weight
from govnet.positions._common import layer_arrays
from govnet.positions._partition import partition_codes

__all__ = ["modularity"]


def modularity(net: Any, partition: Any, *, relation: Relation = None, weight: str | None = None,
               resolution: float = 1.0) -> float:
    """Modularity (模块度) of a partition of the actors, as networkx's ``modularity``.

    Undirected: ``Q = sum_c [ L_c / m − γ (d_c / 2m)² ]``; directed:
    ``Q = sum_c [ L_c / m − γ d_c^out d_c^in / m² ]``, with ``m`` the number
    (weighted: total weight) of ties, ``L_c`` the ties inside block ``c`` and
    ``d_c`` the sum of its actors' degrees (strengths). ``resolution`` is γ
    (Reichardt & Bornholdt). Equal to networkx's
    ``community.modularity(G, communities, weight=..., resolution=...)`` and to
    igraph's ``modularity`` (``directed=True`` on a directed layer).

    Parameters
    ----------
    partition : str, Series, mapping or list of sets
        An actor column (``"tier"``, ``"kind"``), a Series or mapping actor ->
        block label, or disjoint sets of actors covering every actor. An actor
        without a block raises ``InvalidParameterError``.
    weight : None or "weight"
        Tie weights as strengths (docs/conventions.md).
    resolution : float, default 1.0
        γ ≥ 0; below 1 favours larger blocks.

    Notes
    -----
    A layer without ties gives NaN (networkx divides by zero). Self-loops are
    not part of govnet's layers.

    References
    ----------
    Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community
    structure in networks. Physical Review E 69, 026113. doi:10.1103/PhysRevE.69.026113.
    Leicht, E. A. & Newman, M. E. J. (2008). Community structure in directed
    networks. Physical Review Letters 100, 118703. doi:10.1103/PhysRevLett.100.118703.
    """
    net = as_network(net)
    weighted = tie_weight(net, weight)
    if isinstance(resolution, bool) or not isinstance(resolution, (int, float, np.floating,
                                                                   np.integer)):
        raise TypeError(f"resolution must be a number, got {type(resolution).__name__}")
    if not (resolution >= 0) or not math.isfinite(resolution):
        raise InvalidParameterError(f"resolution must be a finite number ≥ 0, got {resolution!r}")
    codes, labels = partition_codes(net, partition)
    net, g, src, dst, w = layer_arrays(net, relation)
    if not weighted:
        w = np.ones(src.size)
    m = math.fsum(w)
    if m == 0:
        return math.nan
    k = len(labels)
    inside = np.bincount(codes[src][codes[src] == codes[dst]],
                         weights=w[codes[src] == codes[dst]], minlength=k)
    out_c = np.bincount(codes[src], weights=w, minlength=k)
    in_c = np.bincount(codes[dst], weights=w, minlength=k)
    if g.directed:
        expected = out_c * in_c / (m * m)
    else:
        deg = out_c + in_c
        expected = deg * deg / (4 * m * m)
    return math.fsum(inside / m - float(resolution) * expected)
