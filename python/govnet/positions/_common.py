"""Helpers shared inside :mod:`govnet.positions`: a layer as scipy sparse matrices."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from govnet.model.access import Relation, as_network, layer_of


def layer_arrays(net: Any, relation: Relation, *, undirected: bool = False
                 ) -> tuple[Any, Any, np.ndarray, np.ndarray, np.ndarray]:
    """(Network, C++ graph, sources, targets, weights): each tie once (an
    undirected tie once, in either orientation)."""
    net = as_network(net)
    g = layer_of(net, relation, undirected=undirected)
    src, dst, w = g.edges()
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    w = np.ones(src.size) if w is None or np.size(w) != src.size else np.asarray(w, dtype=float)
    keep = src != dst                     # measures here ignore self-loops (networkx's do too)
    return net, g, src[keep], dst[keep], w[keep]


def adjacency(n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray, *,
              symmetric: bool) -> sp.csr_matrix:
    """Sparse adjacency (row = source); ``symmetric`` mirrors each tie."""
    if symmetric:
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])
    a = sp.csr_matrix((w, (src, dst)), shape=(n, n))
    a.sum_duplicates()
    a.sort_indices()
    return a


def neighbor_sets(n: int, src: np.ndarray, dst: np.ndarray) -> list[set[int]]:
    """Undirected neighbour sets (direction ignored)."""
    nbrs: list[set[int]] = [set() for _ in range(n)]
    for u, v in zip(src.tolist(), dst.tolist()):
        nbrs[u].add(v)
        nbrs[v].add(u)
    return nbrs
