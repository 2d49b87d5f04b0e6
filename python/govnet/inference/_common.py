"""Helpers shared by the inference modules: relation matrices, null summaries, display (not public API)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet._runtime import dense_zeros, reserve
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.access import as_network, layer_of
from govnet.model.network import Network


def _fmt(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        return "nan" if math.isnan(v) else f"{v:.4g}"
    return str(v)


def _html(
    title: str, rows: Sequence[tuple[str, Any]], table: pd.DataFrame | None = None, note: str = ""
) -> str:
    body = "".join(
        f"<tr><th style='text-align:left'>{escape(k)}</th><td>{escape(_fmt(v))}</td></tr>"
        for k, v in rows
    )
    out = f"<div><strong>{escape(title)}</strong><table>{body}</table>"
    if table is not None:
        out += table.to_html(float_format=lambda x: f"{x:.4g}")
    if note:
        out += f"<p><small>{escape(note)}</small></p>"
    return out + "</div>"


def _null_summary(null: np.ndarray) -> dict[str, float]:
    ok = null[~np.isnan(null)]
    if ok.size == 0:
        return {
            "null_mean": math.nan,
            "null_sd": math.nan,
            "null_min": math.nan,
            "null_max": math.nan,
        }
    return {
        "null_mean": float(ok.mean()),
        "null_sd": float(ok.std(ddof=1)) if ok.size > 1 else math.nan,
        "null_min": float(ok.min()),
        "null_max": float(ok.max()),
    }


def _check_permutations(n_permutations: Any) -> int:
    if not isinstance(n_permutations, (int, np.integer)) or n_permutations < 1:
        raise InvalidParameterError(
            f"n_permutations must be a positive integer, got {n_permutations!r}"
        )
    return int(n_permutations)


def _dense_plan(objs: Sequence[Any], core_copies: float) -> tuple[float, float]:
    """(bytes the whole call needs, bytes of the core's working copies) for relations
    given as layers or matrices over n actors: one n x n matrix of float64 per layer
    input (built by govnet; a matrix the caller passes exists already) plus
    ``core_copies`` such matrices in the C++ core. Computed from the inputs' sizes
    only, before anything is allocated (see ``_runtime.dense_budget``)."""
    n, built = 0, 0
    for o in objs:
        ref = _layer_ref(o)
        if ref is not None:
            n = max(n, len(ref[0]))
            built += 1
        else:
            try:
                shape: tuple[int, ...] = tuple(np.shape(o)) if not isinstance(o, (str, bytes)) else ()
            except ValueError:  # ragged: _relations reports it
                shape = ()
            if len(shape) == 2:
                n = max(n, int(shape[0]))
    cell = float(n) * float(n) * 8.0
    return (built + core_copies) * cell, core_copies * cell


def _reserve_core(core_bytes: float, what: str) -> None:
    """Count the C++ core's working copies against the call's dense budget."""
    reserve(core_bytes, what)


def _layer_matrix(net: Network, relation: Any) -> tuple[np.ndarray, bool]:
    g = layer_of(net, relation)
    n = len(net)
    mat = dense_zeros(n, n, "QAP relation matrix")
    src, dst, w = g.edges()
    mat[src, dst] = w
    if not g.directed:
        mat[dst, src] = w
    np.fill_diagonal(mat, 0.0)
    return mat, bool(g.directed)


def _layer_ref(obj: Any) -> tuple[Network, Any] | None:
    """(network, relation) if obj names network layers, else None."""
    if isinstance(obj, tuple) and len(obj) == 2 and not isinstance(obj[0], (int, float)):
        if isinstance(obj[0], Network) or type(obj[0]).__module__.startswith("networkx"):
            return as_network(obj[0]), obj[1]
        return None
    if isinstance(obj, Network) or type(obj).__module__.startswith("networkx"):
        return as_network(obj), None
    return None


#: Sparse QAP is used when the two relations together have at most this share of
#: the n(n-1) off-diagonal cells non-zero (a binary search per cell is slower than
#: a dense lookup, but the dense path needs two n x n matrices).
SPARSE_QAP_DENSITY = 0.125


def _sparse_layers(
    objs: Sequence[Any], directed: bool | None
) -> tuple[list[tuple[np.ndarray, np.ndarray, np.ndarray]], int, bool] | None:
    """The non-zero cells of network layers over the same actors, read from the
    layers (no n x n matrix), or None when the dense path must be used: an input
    is not a layer, the actors differ, ``directed=False`` is asked of a directed
    layer (the dense path checks symmetry), or the relations are dense."""
    refs = [_layer_ref(o) for o in objs]
    if any(r is None for r in refs):
        return None
    nets = [r[0] for r in refs if r is not None]
    ids = nets[0].actor_ids
    if any(len(net) != len(ids) or not np.array_equal(net.actor_ids, ids) for net in nets[1:]):
        return None
    graphs = [layer_of(net, r[1]) for net, r in zip(nets, refs) if r is not None]
    flags = [bool(g.directed) for g in graphs]
    if directed is None:
        directed = any(flags)
    elif not directed and any(flags):
        return None
    n = len(ids)
    cells = []
    for g in graphs:
        src, dst, w = g.edges()
        src, dst, w = np.asarray(src), np.asarray(dst), np.asarray(w, dtype=float)
        if not g.directed:
            src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])
        keep = src != dst
        cells.append((src[keep].astype(np.int32), dst[keep].astype(np.int32), w[keep]))
    if n < 3:
        raise InvalidNetworkError(f"QAP needs at least 3 actors, got {n}")
    total = sum(c[0].size for c in cells)
    if total > SPARSE_QAP_DENSITY * n * (n - 1):
        return None
    return cells, n, bool(directed)


def _relation(obj: Any, what: str) -> tuple[np.ndarray, pd.Index | None, bool | None]:
    """(matrix, actor labels or None, directed or None if unknown)."""
    if isinstance(obj, tuple) and len(obj) == 2 and not isinstance(obj[0], (int, float)):
        net = as_network(obj[0])
        mat, directed = _layer_matrix(net, obj[1])
        return mat, pd.Index(net.actor_ids), directed
    if isinstance(obj, Network) or type(obj).__module__.startswith("networkx"):
        net = as_network(obj)
        mat, directed = _layer_matrix(net, None)
        return mat, pd.Index(net.actor_ids), directed
    if isinstance(obj, pd.DataFrame):
        if not obj.index.equals(obj.columns):
            if set(obj.index) != set(obj.columns) or obj.index.has_duplicates:
                raise InvalidNetworkError(
                    f"{what}: a DataFrame relation needs the same actor labels on rows and columns"
                )
            obj = obj.loc[:, obj.index]
        mat = _numeric(obj.to_numpy(), what)
        return mat, pd.Index(obj.index.astype(str)), None
    return _numeric(obj, what), None, None


def _numeric(a: Any, what: str) -> np.ndarray:
    try:
        mat = np.array(a, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidNetworkError(f"{what}: cannot read as a numeric matrix ({exc})") from None
    if mat.ndim != 2 or mat.shape[0] != mat.shape[1]:
        raise InvalidNetworkError(
            f"{what}: expected a square actor x actor matrix, got shape {mat.shape}"
        )
    bad = ~np.isfinite(mat)
    np.fill_diagonal(bad, False)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise InvalidNetworkError(f"{what}: non-finite value {mat[i, j]} at row {i}, column {j}")
    mat = mat.copy()
    np.fill_diagonal(mat, 0.0)  # the diagonal is never used
    return mat


def _relations(
    objs: Sequence[Any], names: Sequence[str], directed: bool | None
) -> tuple[list[np.ndarray], pd.Index | None, bool]:
    """Aligned matrices over the same actors, and whether to use ordered pairs."""
    parsed = [_relation(o, w) for o, w in zip(objs, names)]
    labels = next((lab for _, lab, _ in parsed if lab is not None), None)
    n = parsed[0][0].shape[0]
    mats = []
    for (mat, lab, _), name in zip(parsed, names):
        if mat.shape[0] != n:
            raise InvalidNetworkError(
                f"{name} has {mat.shape[0]} actors but {names[0]} has {n}; relations must cover "
                "the same actors"
            )
        if lab is not None and labels is not None and not lab.equals(labels):
            if set(lab) != set(labels):
                missing = sorted(set(labels) ^ set(lab))[:3]
                raise InvalidNetworkError(
                    f"{name}: actor labels differ from {names[0]}'s, e.g. {missing}"
                )
            order = lab.get_indexer(labels)
            mat = mat[np.ix_(order, order)]
        mats.append(mat)
    if directed is None:
        flags = [d for _, _, d in parsed]
        if any(d is True for d in flags):
            directed = True
        else:
            directed = not all(np.allclose(m, m.T, rtol=0, atol=0) for m in mats)
    elif not directed:
        for m, name in zip(mats, names):
            if not np.array_equal(m, m.T):
                i, j = np.argwhere(m != m.T)[0]
                raise InvalidNetworkError(
                    f"{name} is not symmetric (cell {i},{j} = {m[i, j]} but {j},{i} = {m[j, i]}); "
                    "use directed=True"
                )
    if n < 3:
        raise InvalidNetworkError(f"QAP needs at least 3 actors, got {n}")
    return mats, labels, bool(directed)


def _reachability(adj: np.ndarray) -> np.ndarray:
    """Boolean reachability with r[i, i] = True (sna's convention), by repeated squaring."""
    r = (adj != 0) | np.eye(adj.shape[0], dtype=bool)
    while True:
        r2 = (r.astype(np.int64) @ r.astype(np.int64)) > 0
        if np.array_equal(r2, r):
            return r
        r = r2


def _weak_components(adj: np.ndarray) -> np.ndarray:
    sym = _reachability((adj != 0) | (adj.T != 0))
    labels = -np.ones(adj.shape[0], dtype=np.int64)
    c = 0
    for v in range(adj.shape[0]):
        if labels[v] < 0:
            labels[sym[v]] = c
            c += 1
    return labels


def _connectedness(adj: np.ndarray) -> float:
    n = adj.shape[0]
    if n <= 1:
        return 1.0
    sizes = np.bincount(_weak_components(adj)).astype(float)
    return float((sizes * (sizes - 1) / 2).sum() / (n * (n - 1) / 2))


def _hierarchy(adj: np.ndarray) -> float:
    r = _reachability(adj)
    iu = np.triu_indices(adj.shape[0], 1)
    a, b = r[iu], r.T[iu]
    nonnull = int((a | b).sum())
    return math.nan if nonnull == 0 else 1.0 - int((a & b).sum()) / nonnull


def _efficiency(adj: np.ndarray) -> float:
    sizes = np.bincount(_weak_components(adj)).astype(float)
    req = (sizes - 1).sum()
    maxv = (sizes * (sizes - 1) - (sizes - 1)).sum()
    a = adj.copy()
    np.fill_diagonal(a, 0)
    return math.nan if maxv == 0 else float(1 - ((a != 0).sum() - req) / maxv)


def _lubness(adj: np.ndarray) -> float:
    r = _reachability(adj)
    comp = _weak_components(adj)
    viol = 0.0
    maxv = 0.0
    for c in np.unique(comp):
        vi = np.flatnonzero(comp == c)
        s = vi.size
        if s <= 2:
            continue
        rc = r[np.ix_(vi, vi)]
        maxv += (s - 1) * (s - 2) / 2
        for i in range(s):
            for j in range(i + 1, s):
                ub = rc[:, i] & rc[:, j]  # upper bounds: reach both i and j
                sub = rc[np.ix_(ub, ub)]
                if not sub.all(axis=1).any():  # no upper bound reaching all the others
                    viol += 1
    return math.nan if maxv == 0 else 1.0 - viol / maxv


_GRAPH_STATS: dict[str, Callable[[np.ndarray], float]] = {
    "connectedness": _connectedness,
    "hierarchy": _hierarchy,
    "efficiency": _efficiency,
    "lubness": _lubness,
}
