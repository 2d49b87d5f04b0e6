"""Ego networks: each actor (ego) with its contacts (alters) on a layer — size,
density among the alters, Burt's effective size and constraint, the alters'
composition by tier and kind and its heterogeneity (IQV), as one ego-level
table ready for regression.

Conventions: an ego's alters are its neighbours in either direction on the
chosen layers (networkx's ``ego_graph(G, ego, radius=1, undirected=True)``
without the ego; Burt's contacts). Self-loops are ignored. Name-generator data
(:func:`govnet.io.fieldwork.read_name_generator`) give such layers directly:
each ego's named alters, and the ties among alters where the alters answered
too (or from another layer of the same organisations, pooled with ``relation=``).
Missing dyads: the default rule (docs/conventions.md) — a layer with missing
dyads raises, since ties among alters would be unknown.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from govnet.errors import InvalidParameterError
from govnet.measures.structure import structural_holes
from govnet.model.access import Relation, as_network, layer_of

__all__ = ["ego_table", "ego_composition", "iqv"]


def _adjacency(net: Any, relation: Relation,
               undirected: bool = False) -> tuple[sp.csr_matrix, sp.csr_matrix, bool]:
    """(undirected 0/1 contact matrix without loops, the layer's 0/1 arcs, directed?)."""
    g = layer_of(net, relation, undirected=undirected)
    s, t, _ = (np.asarray(x) for x in g.edges())
    n = len(net)
    keep = s != t
    s, t = s[keep].astype(np.int64), t[keep].astype(np.int64)
    ones = np.ones(len(s))
    d = sp.csr_matrix((ones, (s, t)), shape=(n, n))
    d.data[:] = 1.0
    if not g.directed:
        d = d + d.T
        d.data[:] = 1.0
    u = d + d.T
    u.data[:] = 1.0
    return sp.csr_matrix(u), sp.csr_matrix(d), bool(g.directed)


def iqv(counts: Any, categories: int | None = None) -> float:
    """Agresti's index of qualitative variation of category counts.

    ``IQV = K/(K-1) * (1 - sum_c p_c^2)`` with ``p_c`` the shares and ``K`` the
    number of possible categories (default: the length of ``counts``): 0 when
    every alter is of one category, 1 when they spread evenly over all K.
    NaN for no alters or K < 2. (``1 - sum p^2`` alone is Blau's index.)
    """
    c = np.asarray(counts, dtype=float)
    k = len(c) if categories is None else int(categories)
    total = c.sum()
    if total <= 0 or k < 2:
        return float("nan")
    p = c / total
    return float(k / (k - 1) * (1.0 - np.sum(p * p)))


def _categories(net: Any, attribute: str) -> pd.Series:
    a = net.actors
    if attribute not in a.columns:
        raise InvalidParameterError(
            f"attribute {attribute!r} is not an actor column; columns: {list(a.columns)}")
    return a[attribute].astype(object).where(a[attribute].notna(), None)


def ego_composition(net: Any, attribute: str = "tier", *, relation: Relation = None,
                    normalized: bool = False) -> pd.DataFrame:
    """Alters of each ego counted by an actor attribute (``tier``, ``kind``, ...).

    Returns a DataFrame indexed by ego, one column per category (for ``tier``
    the four tiers in order, else the categories in order of first
    appearance); ``normalized=True`` gives shares of the ego's alters (NaN
    for an isolate). Alters with a missing value are not counted. Alters are
    always the neighbours in either direction, so there is no ``undirected=``.
    """
    net = as_network(net)
    u, _, _ = _adjacency(net, relation)
    cats = _categories(net, attribute)
    if attribute == "tier":
        levels = list(net.actors["tier"].cat.categories)
    else:
        levels = list(dict.fromkeys(v for v in cats if v is not None))
    codes = np.array([levels.index(v) if v is not None else -1 for v in cats])
    has = codes >= 0
    onehot = sp.csr_matrix((np.ones(int(has.sum())), (np.flatnonzero(has), codes[has])),
                           shape=(len(net), len(levels)))
    counts = np.asarray((u @ onehot).todense())
    out = pd.DataFrame(counts, index=net.actor_ids.copy(), columns=[str(x) for x in levels])
    if normalized:
        tot = out.sum(axis=1)
        out = out.div(tot.where(tot > 0), axis=0)
    return out


def ego_table(net: Any, *, relation: Relation = None, weight: str | None = None,
              attributes: tuple[str, ...] = ("tier", "kind"), undirected: bool = False,
              threads: int | None = None) -> pd.DataFrame:
    """One row per ego: the ego-network measures, ready for regression.

    Columns
    -------
    tier, kind : the ego's own (and every other of ``attributes``);
    size : number of alters;
    ties : ties among the alters (arcs, on a directed layer);
    density : ``ties / (size (size-1)/2)`` (undirected) or ``/ (size (size-1))``
        (directed) — networkx's ``density`` of the ego graph without the ego;
        NaN for size < 2;
    effective_size, constraint : Burt's, as :func:`govnet.structural_holes`
        (``weight=`` as there; NaN for isolates);
    ``n_<attr>_<category>`` : alters per category (see :func:`ego_composition`);
    ``iqv_<attr>`` : heterogeneity of the alters on that attribute,
        :func:`iqv` with K = the number of categories in the whole network.

    ``undirected=True`` reads a directed layer as undirected (ties among the
    alters then count once per pair, and Burt's measures use the undirected
    view). Missing dyads: refused (the module's conventions).
    """
    net = as_network(net)
    u, d, directed = _adjacency(net, relation, undirected)
    size = np.asarray(u.sum(axis=1)).ravel()
    among = np.asarray((u @ d).multiply(u).sum(axis=1)).ravel()
    ties = among if directed else among / 2.0
    pairs = size * (size - 1) / (1.0 if directed else 2.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        density = np.where(size >= 2, ties / np.where(pairs > 0, pairs, 1), np.nan)
    holes = structural_holes(net, relation=relation, weight=weight, undirected=undirected,
                             threads=threads)
    actors = net.actors
    out = pd.DataFrame(index=net.actor_ids.copy())
    for attr in attributes:
        out[attr] = _categories(net, attr).to_numpy()
    out["size"] = size.astype(np.int64)
    out["ties"] = ties.astype(np.int64)
    out["density"] = density
    out["effective_size"] = holes["effective_size"].to_numpy()
    out["constraint"] = holes["constraint"].to_numpy()
    for attr in attributes:
        comp = ego_composition(net, attr, relation=relation)
        present = actors[attr].dropna().nunique() if attr != "tier" else actors["tier"].nunique()
        for c in comp.columns:
            out[f"n_{attr}_{c}"] = comp[c].to_numpy().astype(np.int64)
        out[f"iqv_{attr}"] = [iqv(row, present) for row in comp.to_numpy()]
    return out
