"""The network an ERGM is fitted to: one relation layer (or a two-mode table),
its missing dyads and the dyadic covariates, as 0-based arrays."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from govnet.ergm._common import ErgmData
from govnet.errors import InvalidParameterError
from govnet.model.access import as_network
from govnet.model.network import Network

__all__ = ["network_data"]

_TWO_MODE = {"meetings": "meeting", "duties": "duty"}


def _pairs(frame: pd.DataFrame, index: pd.Index, what: str) -> tuple[np.ndarray, np.ndarray]:
    for col in ("source", "target"):
        if col not in frame.columns:
            raise InvalidParameterError(f"{what} needs columns source and target, got {list(frame.columns)}")
    s = index.get_indexer(frame["source"].astype(str))
    t = index.get_indexer(frame["target"].astype(str))
    bad = np.flatnonzero((s < 0) | (t < 0))
    if len(bad):
        r = int(bad[0])
        raise InvalidParameterError(
            f"{what}: row {r} ({frame['source'].iloc[r]!r}, {frame['target'].iloc[r]!r}) names an "
            f"actor that is not in the network")
    return s.astype(np.int64), t.astype(np.int64)


def _canonical(s: np.ndarray, t: np.ndarray, n: int, directed: bool) -> tuple[np.ndarray, np.ndarray]:
    keep = s != t
    s, t = s[keep], t[keep]
    if not directed:
        s, t = np.minimum(s, t), np.maximum(s, t)
    key = np.unique(s * n + t)
    return (key // n).astype(np.int32), (key % n).astype(np.int32)


def _layer_matrix(net: Network, name: str, n: int, directed: bool, weighted: bool) -> np.ndarray:
    ties = net.ties(name)
    s, t = _pairs(ties, net.actor_ids, f"layer {name!r}")
    w = ties["weight"].to_numpy(dtype=float) if weighted else np.ones(len(s))
    m = np.zeros((n, n))
    np.add.at(m, (s, t), w)
    if not net.relation_spec(name).directed or not directed:
        m = np.maximum(m, m.T) if not weighted else m + m.T - np.diag(np.diag(m))
    if not weighted:
        m = (m > 0).astype(float)
    return m


class LayerCovariates(Mapping):
    """The dyadic covariates of a network: its relation layers, each n x n matrix built on
    first use (most formulae use none), and the matrices of ``covariates=``."""

    def __init__(self, net: Network, n: int, directed: bool, weighted: bool,
                 given: dict[str, np.ndarray]) -> None:
        self._net, self._n, self._directed, self._weighted = net, n, directed, weighted
        self._names = [nm for nm in net.relations if nm not in given]
        self._built: dict[str, np.ndarray] = dict(given)

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = _layer_matrix(self._net, name, self._n, self._directed, self._weighted)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._names, *(k for k in self._built if k not in self._names)])

    def __len__(self) -> int:
        return len(set(self._names) | set(self._built))


def _missing(missing: Any, net: Network, names: list[str], n: int, directed: bool
             ) -> tuple[np.ndarray, np.ndarray]:
    if missing is None:
        table = net.missing
        if table is None:
            return np.zeros(0, np.int32), np.zeros(0, np.int32)
        table = table[table["relation"].astype(str).isin(names)]
        s, t = _pairs(table, net.actor_ids, "net.missing")
    elif isinstance(missing, pd.DataFrame):
        s, t = _pairs(missing, net.actor_ids, "missing=")
    else:
        m = np.asarray(missing)
        if m.dtype != bool or m.shape != (n, n):
            raise InvalidParameterError(
                f"missing= must be a boolean {n} x {n} array or a DataFrame of source/target pairs, "
                f"got shape {m.shape} of {m.dtype}")
        s, t = np.nonzero(m)
    self_pair = np.flatnonzero(np.asarray(s) == np.asarray(t))
    if len(self_pair) and missing is not None:
        # a dyad of an actor with itself is no dyad: refuse rather than drop it silently
        r = int(self_pair[0])
        where = (f"row {r}" if isinstance(missing, pd.DataFrame)
                 else f"cell [{int(s[r])}, {int(t[r])}]")
        raise InvalidParameterError(
            f"missing=: {where} pairs actor {str(net.actor_ids[int(s[r])])!r} with itself")
    return _canonical(np.asarray(s, np.int64), np.asarray(t, np.int64), n, directed)


def _missing_two_mode(missing: Any, actors: pd.Index, mode2: pd.Index, col: str
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Missing actor x event cells as node pairs (actor i, n1 + event j)."""
    n1 = len(actors)
    if isinstance(missing, pd.DataFrame):
        cols = ("actor", col) if {"actor", col} <= set(missing.columns) else ("source", "target")
        for c in cols:
            if c not in missing.columns:
                raise InvalidParameterError(
                    f"missing= of a two-mode model needs columns actor and {col} (or source and "
                    f"target), got {list(missing.columns)}")
        s = actors.get_indexer(missing[cols[0]].astype(str))
        t = mode2.get_indexer(missing[cols[1]].astype(str))
        for idx, c, what in ((s, cols[0], "an actor"), (t, cols[1], f"a {col}")):
            bad = np.flatnonzero(idx < 0)
            if len(bad):
                r = int(bad[0])
                raise InvalidParameterError(
                    f"missing=: row {r}: {c} {missing[c].iloc[r]!r} is not {what} of the "
                    f"two-mode network")
    else:
        m = np.asarray(missing)
        if m.dtype != bool or m.shape != (n1, len(mode2)):
            raise InvalidParameterError(
                f"missing= of a two-mode model must be a boolean {n1} x {len(mode2)} array (actors "
                f"x {col}s in order of first appearance) or a DataFrame of actor/{col} pairs, got "
                f"shape {m.shape} of {m.dtype}")
        s, t = np.nonzero(m)
    key = np.unique(np.asarray(s, np.int64) * len(mode2) + np.asarray(t, np.int64))
    return (key // len(mode2)).astype(np.int32), (n1 + key % len(mode2)).astype(np.int32)


def _drop_missing_ties(src: np.ndarray, dst: np.ndarray, msrc: np.ndarray, mdst: np.ndarray,
                       n: int) -> tuple[np.ndarray, np.ndarray]:
    # a tie reported on a missing dyad is missing too: neither tie nor non-tie
    if not len(msrc):
        return src, dst
    mkey = set((msrc.astype(np.int64) * n + mdst).tolist())
    keep = np.array([int(a) * n + int(b) not in mkey for a, b in zip(src, dst)], dtype=bool)
    return src[keep], dst[keep]


def network_data(net: Any, relation: Any = None, *, two_mode: str | None = None, missing: Any = None,
                 covariates: dict[str, Any] | None = None, covariate_weights: bool = False) -> ErgmData:
    """The ERGM view of ``net``: nodes, ties, missing dyads, covariates.

    ``relation=`` picks the layer (docs/conventions.md; a pool of layers counts a pair
    tied in any of them once). ``two_mode="meetings"`` or ``"duties"`` models the
    actor x meeting (or actor x duty) incidence instead: the actors are mode 1, the
    meetings mode 2. Missing dyads come from ``missing=`` or, when it is None, from
    the rows of ``net.missing`` for the chosen layers; a tie on a missing dyad is
    treated as missing. A two-mode model's missing cells (an actor whose attendance of
    a meeting is unknown) come from ``missing=`` only (``net.missing`` holds dyads of
    actors): a DataFrame of ``actor`` and ``meeting`` (or ``duty``; or ``source`` and
    ``target``) pairs, or a boolean actors x meetings array, meetings in order of first
    appearance in the table. A row naming an unknown actor, meeting or duty, a pair of
    an actor with itself, or an array of the wrong shape raises
    :class:`~govnet.InvalidParameterError` naming it. Layers of the network (read 0/1, or by weight with
    ``covariate_weights=True``) and the matrices in ``covariates=`` (n x n arrays, or
    DataFrames indexed by actor id on both axes) can be ``edgecov`` terms.
    """
    net = as_network(net)
    cov_in = dict(covariates or {})
    if not isinstance(cov_in, dict):
        raise TypeError("covariates must be a dict of name -> matrix")
    actors = net.actors
    if two_mode is not None:
        if two_mode not in _TWO_MODE:
            raise InvalidParameterError(f"two_mode must be 'meetings' or 'duties', got {two_mode!r}")
        if relation is not None:
            raise InvalidParameterError("pass either relation= or two_mode=, not both")
        table = getattr(net, two_mode)
        if table is None or len(table) == 0:
            raise InvalidParameterError(f"two_mode={two_mode!r}: the network has no {two_mode} table")
        col = _TWO_MODE[two_mode]
        mode2 = pd.Index(pd.unique(table[col].astype(str)), name=col)
        n1, n = len(net), len(net) + len(mode2)
        s = net.actor_ids.get_indexer(table["actor"].astype(str))
        t = n1 + mode2.get_indexer(table[col].astype(str))
        src, dst = _canonical(s.astype(np.int64), t.astype(np.int64), n, False)
        labels = pd.Index(list(net.actor_ids) + list(mode2))
        attrs = pd.concat([actors, pd.DataFrame(index=mode2)], axis=0)
        attrs.index = labels
        msrc, mdst = (np.zeros(0, np.int32),) * 2
        if missing is not None:
            msrc, mdst = _missing_two_mode(missing, net.actor_ids, mode2, col)
            src, dst = _drop_missing_ties(src, dst, msrc, mdst, n)
        return ErgmData(n, False, n1, labels, attrs, src, dst, msrc, mdst, two_mode, {}, net)
    names = net.relation_names(relation)
    directed = any(net.relation_spec(r).directed for r in names)
    n = len(net)
    if n < 2:
        raise InvalidParameterError(f"an ERGM needs at least 2 actors, the network has {n}")
    ties = net.ties(names)
    s, t = _pairs(ties, net.actor_ids, "ties")
    src, dst = _canonical(s, t, n, directed)
    msrc, mdst = _missing(missing, net, names, n, directed)
    src, dst = _drop_missing_ties(src, dst, msrc, mdst, n)
    cov: dict[str, np.ndarray] = {}
    for name, m in cov_in.items():
        if isinstance(m, pd.DataFrame):
            m = m.reindex(index=net.actor_ids, columns=net.actor_ids)
            if m.isna().to_numpy().any():
                raise InvalidParameterError(
                    f"covariate {name!r}: the DataFrame does not cover every pair of actors "
                    f"(index and columns must be the actor ids)")
            m = m.to_numpy(dtype=float)
        arr = np.asarray(m, dtype=float)
        if arr.shape != (n, n) or not np.isfinite(arr).all():
            raise InvalidParameterError(
                f"covariate {name!r} must be a finite {n} x {n} matrix, got shape {arr.shape}")
        cov[name] = arr
    return ErgmData(n, directed, 0, net.actor_ids, actors, src, dst, msrc, mdst,
                    "+".join(names), LayerCovariates(net, n, directed, covariate_weights, cov), net)
