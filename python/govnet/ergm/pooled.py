"""One ERGM fitted jointly to many small networks (the communities of a district).

The networks are independent given the coefficients, so the joint likelihood is the
product of theirs: the pooled MPLE is one logistic regression on every network's
dyads, and the pooled MCMC-MLE samples each network and sums their statistics
(g = sum_c g_c), which is an ERGM on the disjoint union without ties between
networks. Per-network fits are :func:`govnet.ergm` on each network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from govnet._runtime import check_seed, check_threads
from govnet.ergm.fit import Control, ErgmModel, build_model, ergm, fit_model
from govnet.ergm.mcmc import derive_seed
from govnet.ergm.result import ErgmResult
from govnet.errors import InvalidParameterError

__all__ = ["ergm_pooled", "PooledData"]


@dataclass(frozen=True)
class PooledData:
    """The union of the networks, as far as the estimation reads it."""

    n: int
    directed: bool
    n1: int
    ndyads: int
    nmissing: int
    relation: str
    labels: pd.Index


@dataclass(frozen=True)
class PooledModel:
    """Duck-types :class:`ErgmModel` for :func:`fit_model`: rows and samples of all networks."""

    formula: str
    models: tuple[ErgmModel, ...]
    data: PooledData
    names: tuple[str, ...]
    offset: np.ndarray
    offset_coef: np.ndarray
    observed: np.ndarray

    @property
    def terms(self) -> tuple[Any, ...]:
        return self.models[0].terms

    @property
    def dyad_independent(self) -> bool:
        return self.models[0].dyad_independent

    def mple_rows(self, threads: int, progress: Any = None) -> tuple[np.ndarray, np.ndarray]:
        rows = [m.mple_rows(threads, progress) for m in self.models]
        return np.vstack([r[0] for r in rows]), np.concatenate([r[1] for r in rows])

    def sample(self, theta: np.ndarray, **kw: Any) -> tuple[np.ndarray, list, float, np.ndarray]:
        Z, nets, acc, edges, _state = self.sample_chains(theta, **kw)
        return Z, nets, acc, edges

    def sample_chains(self, theta: np.ndarray, *, seed: int, keep_networks: bool = False,
                      constrained: bool = False, start: list | None = None, **kw: Any
                      ) -> tuple[np.ndarray, list, float, np.ndarray, list]:
        """As :meth:`ErgmModel.sample_chains`: each network's chains continue from its own
        state (``start``, one per network); the statistics are summed over networks."""
        if keep_networks:
            raise InvalidParameterError("a pooled fit simulates statistics only (networks=False)")
        Z: Any = 0.0
        edges: Any = 0.0
        accs, states = [], []
        starts = start if start is not None else [None] * len(self.models)
        for c, (m, st) in enumerate(zip(self.models, starts)):
            z, _n, acc, e, state = m.sample_chains(theta, seed=derive_seed(seed, c),
                                                   constrained=constrained, start=st, **kw)
            Z = Z + z
            edges = edges + e
            accs.append(acc)
            states.append(state)
        return np.asarray(Z), [], float(np.mean(accs)), np.asarray(edges), states


def _networks(networks: Any) -> list[tuple[str, Any]]:
    # a Collection (ids + item access) or a sequence / mapping of networks
    if hasattr(networks, "ids") and hasattr(networks, "__getitem__"):
        return [(str(c), networks[c]) for c in networks.ids]
    if isinstance(networks, dict):
        return [(str(k), v) for k, v in networks.items()]
    if isinstance(networks, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(networks)]
    raise TypeError(f"networks must be a Collection, a list or a dict of networks, "
                    f"got {type(networks).__name__}")


def ergm_pooled(networks: Any, formula: str, *, relation: Any = None, per_network: bool = False,
                estimate: str = "MCMLE", control: Control | None = None, loglik: bool = True,
                seed: int | None = None, threads: int | None = None, client: Any = None,
                progress: bool | None = None, **kwargs: Any) -> ErgmResult | pd.DataFrame:
    """The same ERGM on many networks: pooled coefficients (default), or one fit per
    network (``per_network=True``: a DataFrame, one row per network: estimates and
    standard errors, fitted by ``Collection.apply`` on threads or on Dask with
    ``client=`` when ``networks`` is a Collection; each network's seed is derived from
    ``seed`` and its id, as Collection does).

    Every network must give the same coefficient names (e.g. the same attribute levels).
    ``kwargs`` go to :func:`govnet.ergm` (``offset_coef``, ``covariates``, ``two_mode``, ...).

    Missing dyads: each network's ``net.missing`` rows of the relation, or ``missing=`` a
    dict from network id to that network's ``missing=`` of :func:`govnet.ergm` (networks
    left out read their ``net.missing``; two-mode networks have missing cells only from
    here). The pooled MCMC-MLE maximises the product of the networks' observed-data
    likelihoods: each network with missing dyads gets its own constrained chain (missing
    dyads free, observed fixed); the log-likelihood sums the observed-data
    log-likelihoods (bridge sampling, see :func:`govnet.ergm`); the MPLE leaves the
    missing dyads out of the regression. A per-network fit (``per_network=True``) reads
    each network's ``net.missing``.
    """
    items = _networks(networks)
    if not items:
        raise InvalidParameterError("no networks to fit")
    miss = kwargs.pop("missing", None)
    if miss is not None:
        if not isinstance(miss, dict):
            raise InvalidParameterError(
                f"missing= of a pooled fit must be a dict from network id to that network's "
                f"missing dyads, got {type(miss).__name__}")
        if per_network:
            raise InvalidParameterError(
                "missing= is for pooled fits; a per-network fit reads each network's net.missing")
        ids = [cid for cid, _net in items]
        unknown = [k for k in miss if str(k) not in ids]
        if unknown:
            raise InvalidParameterError(
                f"missing=: {unknown[0]!r} is not a network id; ids: {ids[:10]}"
                f"{' ...' if len(ids) > 10 else ''}")
        miss = {str(k): v for k, v in miss.items()}
    seed_ = check_seed(seed)
    threads_ = check_threads(threads)
    ctl = control if control is not None else Control()
    if per_network:
        opts = dict(relation=relation, estimate=estimate, control=ctl, loglik=loglik, **kwargs)
        if hasattr(networks, "apply"):
            return networks.apply(_per_network_row, formula, opts, name="ergm", threads=threads,
                                  client=client, seed=seed_, progress=progress)
        rows = {cid: _per_network_row(net, formula, opts, seed=derive_seed(seed_, k))
                for k, (cid, net) in enumerate(items)}
        return pd.DataFrame.from_dict(rows, orient="index")
    if client is not None:
        raise InvalidParameterError("client= is for per_network=True fits; a pooled fit runs locally")
    models = tuple(build_model(net, formula, relation=relation, missing=(miss or {}).get(cid), **kwargs)
                   for cid, net in items)
    first = models[0]
    for (cid, _net), m in zip(items, models):
        if m.names != first.names:
            raise InvalidParameterError(
                f"network {cid!r} gives coefficients {list(m.names)}, the first gives "
                f"{list(first.names)}: pooling needs the same terms and attribute levels")
    data = PooledData(sum(m.data.n for m in models), first.data.directed, 0,
                      sum(m.data.ndyads for m in models), sum(m.data.nmissing for m in models),
                      first.data.relation,
                      pd.Index([f"{cid}:{x}" for (cid, _), m in zip(items, models) for x in m.data.labels]))
    pooled = PooledModel(formula, models, data, first.names, first.offset, first.offset_coef,
                         np.sum([m.observed for m in models], axis=0))
    return fit_model(pooled, estimate=estimate, control=ctl, loglik=loglik, seed=seed_,  # type: ignore[arg-type]
                     threads=threads_, progress=progress)


def _per_network_row(net: Any, formula: str, opts: dict[str, Any], seed: int | None = None) -> pd.Series:
    fit = ergm(net, formula, seed=seed, **opts)
    t = fit.table
    out = {f"{k}": v for k, v in t["estimate"].items()}
    out.update({f"se.{k}": v for k, v in t["se"].items()})
    return pd.Series(out)
