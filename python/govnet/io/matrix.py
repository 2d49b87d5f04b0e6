"""Adjacency matrices (numpy, scipy.sparse) in and out."""

from __future__ import annotations

from typing import Any

import warnings

import numpy as np
import pandas as pd

from govnet._runtime import dense_zeros
from govnet.errors import GovnetWarning, InvalidNetworkError, InvalidParameterError
from govnet.model.missing import missing_counts
from govnet.model.network import Network


def to_adjacency(net: Network, *, relation: Any = None, sparse: bool = False,
                 mode: str = "sum") -> tuple[Any, pd.Index]:
    """``(matrix, labels)``: the adjacency matrix of a relation (or the aggregate)
    and the actor ids labelling its rows and columns.

    ``A[i, j]`` is the weight of the tie i → j (undirected ties fill both
    cells), as networkx's ``to_numpy_array``. ``sparse=True`` gives a
    ``scipy.sparse.csr_array``.
    """
    counts = missing_counts(net, relation)
    if counts:  # a matrix has no "unknown" cell: say so instead of writing 0 silently
        layers = ", ".join(f"{r!r} ({k})" for r, k in counts.items())
        warnings.warn(GovnetWarning(
            f"to_adjacency: the missing dyads of relation {layers} are 0 (no tie) in the matrix; "
            f"impute them explicitly (govnet.impute_missing) to choose"), stacklevel=2)
    g = net.layer(relation, mode=mode)
    s, t, w = g.edges()
    n = len(net)
    s, t, w = np.asarray(s), np.asarray(t), np.asarray(w, dtype=float)
    if not g.directed:
        off = s != t
        s, t, w = np.concatenate([s, t[off]]), np.concatenate([t, s[off]]), np.concatenate([w, w[off]])
    if sparse:
        import scipy.sparse as sp

        return sp.csr_array((w, (s, t)), shape=(n, n)), net.actor_ids.copy()
    m = dense_zeros(n, n, "adjacency matrix")
    np.add.at(m, (s, t), w)
    return m, net.actor_ids.copy()


def from_adjacency(matrix: Any, labels: Any = None, *, tiers: Any = None,
                   relation: str = "tie", directed: bool | None = None) -> Network:
    """A one-layer network from a square numpy array, DataFrame or scipy.sparse matrix.

    Non-zero cells are ties with their value as weight. ``labels`` names the
    actors (default: a DataFrame's index, else ``0..n-1``); ``tiers`` is an
    optional sequence of tiers (default all ``plural``). ``directed=None``
    makes the network undirected when the matrix is symmetric.
    """
    if isinstance(matrix, pd.DataFrame):
        if labels is None:
            labels = list(matrix.index)
        matrix = matrix.to_numpy(dtype=float)
    if hasattr(matrix, "tocoo"):
        coo = matrix.tocoo()
        shape = coo.shape
        r, c, v = np.asarray(coo.row), np.asarray(coo.col), np.asarray(coo.data, dtype=float)
    else:
        try:
            arr = np.asarray(matrix, dtype=float)
        except (ValueError, TypeError) as exc:
            raise InvalidNetworkError(f"adjacency must be a square matrix of numbers: {exc}") from None
        shape = arr.shape
        if arr.ndim != 2:
            raise InvalidParameterError(f"adjacency must be a square 2-d matrix, got shape {shape}")
        r, c = np.nonzero(arr)
        v = arr[r, c]
    if len(shape) != 2 or shape[0] != shape[1]:
        raise InvalidNetworkError(f"adjacency must be a square matrix, got shape {shape}")
    n = shape[0]
    keep = v != 0
    r, c, v = r[keep], c[keep], v[keep]
    if directed is None:
        cells = dict(zip(zip(r.tolist(), c.tolist()), v.tolist()))
        directed = any(cells.get((b, a)) != w for (a, b), w in cells.items())
    if not directed:
        upper = r <= c
        r, c, v = r[upper], c[upper], v[upper]
    if labels is None:
        labels = [str(i) for i in range(n)]
    if len(labels) != n:
        raise InvalidNetworkError(f"{len(labels)} labels for a {n}x{n} matrix")
    return Network.from_arrays(r.astype(np.int64), c.astype(np.int64), v, actors=list(labels),
                               tiers=tiers, relation=relation, directed=bool(directed))
