"""Helpers shared inside :mod:`govnet.positions`: a layer as scipy sparse matrices."""

from __future__ import annotations

from html import escape
from typing import Any

import numpy as np
import scipy.sparse as sp

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.access import Relation, as_network, layer_of, tie_weight


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


# -- equivalence, blockmodels, tiers (area: positions/equivalence, blockmodel, tiers) --------

def dense_layer(net: Any, relation: Relation, weight: str | None, undirected: bool = False
                ) -> tuple[Any, np.ndarray, bool]:
    """(Network, dense n × n adjacency (row = source; an undirected tie both ways; 0/1
    unless ``weight="weight"``; zero diagonal), directed?). ``undirected`` reads a
    directed layer through its undirected view (docs/conventions.md). A layer with missing dyads
    raises (they are neither ties nor non-ties)."""
    net = as_network(net)
    weighted = tie_weight(net, weight)
    if not isinstance(undirected, bool):
        raise TypeError(f"undirected must be True or False, got {type(undirected).__name__}")
    g = layer_of(net, relation, undirected=undirected)
    miss = net.missing
    if miss is not None and len(miss):
        names = set(net.relation_names(relation))
        k = int(miss["relation"].astype(str).isin(names).sum())
        if k:
            raise InvalidNetworkError(
                f"relation {relation!r} has {k} missing dyad(s) (net.missing); structural "
                "equivalence and blockmodels need every dyad observed: impute them or drop "
                "the actors first")
    n = len(net)
    if n * n > 2 ** 31:
        raise InvalidParameterError(f"{n} actors: a dense {n} × {n} matrix is too large here")
    src, dst, w = g.edges()
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    if weighted and w is not None and np.size(w) == src.size:
        w = np.asarray(w, dtype=float)
    else:
        w = np.ones(src.size)
    keep = src != dst
    a = np.zeros((n, n))
    np.add.at(a, (src[keep], dst[keep]), w[keep])
    if not g.directed:
        a = a + a.T
    return net, a, bool(g.directed)


def html_table(title: str, rows: list[tuple[str, Any]], table: Any = None, note: str = "") -> str:
    """A small HTML block: a title, key–value rows, an optional DataFrame, a note."""
    def fmt(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.4g}"
        return str(v)

    body = "".join(f"<tr><th style='text-align:left'>{escape(k)}</th><td>{escape(fmt(v))}</td></tr>"
                   for k, v in rows)
    out = f"<div><strong>{escape(title)}</strong><table>{body}</table>"
    if table is not None:
        out += table.to_html(float_format=lambda x: f"{x:.4g}")
    if note:
        out += f"<p><small>{escape(note)}</small></p>"
    return out + "</div>"


def check_permutations(n_permutations: Any) -> int:
    """A positive integer number of permutations (docs/conventions.md)."""
    if isinstance(n_permutations, bool) or not isinstance(n_permutations, (int, np.integer)):
        raise TypeError(f"n_permutations must be an integer, got {type(n_permutations).__name__}")
    if n_permutations < 1:
        raise InvalidParameterError(f"n_permutations must be ≥ 1, got {n_permutations}")
    return int(n_permutations)
