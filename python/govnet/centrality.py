"""Node centralities of the governance network (networkx's names and defaults).

Every function takes a :class:`govnet.Network` or a networkx graph, a
``relation`` (one layer name, a list of names to aggregate, or None for all
layers) and returns a ``pandas.Series`` indexed by actor id.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._common import Relation, as_network, check_seed, check_threads, layer_of, progress_bar, series
from .errors import InvalidNetworkError

__all__ = ["degree_centrality", "betweenness_centrality"]


def degree_centrality(net: Any, *, relation: Relation = None) -> pd.Series:
    """Degree centrality: the share of other actors an actor is tied to.

    ``C_D(v) = deg(v) / (n - 1)``, as networkx. On a directed layer the degree
    is in-degree plus out-degree (so values may exceed 1), as networkx.
    Weights are ignored; duplicate ties were merged when the layer was built.
    A network of one actor gives 1 (networkx's convention). O(n).

    Examples
    --------
    >>> import govnet
    >>> net = govnet.datasets.nanshan()
    >>> round(float(govnet.degree_centrality(net, relation="leadership")["party_committee"]), 3)
    0.786
    """
    net = as_network(net)
    g = layer_of(net, relation)
    n = len(net)
    deg = g.out_degrees() + (g.in_degrees() if g.directed else 0.0)
    scale = 1.0 / (n - 1) if n > 1 else 1.0
    return series(net, deg * scale, "degree_centrality")


def betweenness_centrality(net: Any, *, relation: Relation = None, normalized: bool = True,
                           endpoints: bool = False, weight: str | None = None,
                           k: int | None = None, seed: int | None = None,
                           threads: int | None = None, progress: bool | None = None) -> pd.Series:
    """Shortest-path betweenness (Brandes 2001).

    ``C_B(v) = sum_{s != v != t} sigma_st(v) / sigma_st`` over ordered pairs
    on a directed layer and unordered pairs on an undirected one.

    Parameters
    ----------
    normalized : bool, default True
        Divide by ``(n-1)(n-2)`` (directed) or ``(n-1)(n-2)/2`` (undirected),
        as networkx; ``(n)(n-1)`` with ``endpoints``.
    endpoints : bool, default False
        Count the end points of each path.
    weight : str or None
        None: every tie has length 1. Any string: use the layer's weights as
        distances (Dijkstra). govnet keeps one weight per tie, so the name only
        switches weighting on (networkx's attribute name).
    k : int, optional
        Sample ``k`` source actors (uniformly, reproducibly with ``seed``) and
        scale by ``n/k``, as networkx.
    threads : int, optional
        Worker threads (default: all cores). Results are bit-identical for any
        thread count.

    Notes
    -----
    Disconnected pairs contribute nothing. Path counts are doubles (no
    overflow on large grids). O(nm) unweighted, O(nm + n² log n) weighted.

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality.
    Journal of Mathematical Sociology 25(2), 163–177. doi:10.1080/0022250X.2001.9990249
    """
    net = as_network(net)
    g = layer_of(net, relation)
    n = len(net)
    if k is not None and (not isinstance(k, (int, np.integer)) or k < 1 or k > n):
        raise InvalidNetworkError(f"k must be an integer in [1, {n}], got {k!r}")
    with progress_bar(progress, "betweenness", n) as cb:
        values = _core.betweenness(g, normalized=normalized, endpoints=endpoints,
                                   weighted=weight is not None, k=int(k or 0),
                                   seed=check_seed(seed) if k else 0,
                                   threads=check_threads(threads), progress=cb)
    return series(net, values, "betweenness_centrality")
