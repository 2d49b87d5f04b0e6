"""Networks simulated from a fitted ERGM (statnet's ``simulate``)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet._runtime import check_seed, check_threads, progress_bar
from govnet.ergm.result import ErgmResult
from govnet.errors import InvalidParameterError

__all__ = ["SimulationResult", "simulate_ergm"]


@dataclass(frozen=True, repr=False)
class SimulationResult:
    """``stats``: one row per simulated network (the model's statistics, absolute values);
    ``networks``: each network's ties as a (source, target) DataFrame of node labels, when
    asked for; ``observed`` the observed statistics; ``coef`` the coefficients used."""

    stats: pd.DataFrame
    observed: pd.Series
    coef: pd.Series
    networks: list[pd.DataFrame] | None = field(default=None)
    raw: list[tuple[np.ndarray, np.ndarray]] | None = field(default=None)

    @property
    def mean(self) -> pd.Series:
        return self.stats.mean()

    @property
    def sd(self) -> pd.Series:
        return self.stats.std(ddof=1)

    def __repr__(self) -> str:
        return f"SimulationResult({len(self.stats)} networks, statistics {list(self.stats.columns)})"

    def _repr_html_(self) -> str:
        t = pd.DataFrame({"observed": self.observed, "mean": self.mean, "sd": self.sd})
        return f"<p><b>ERGM simulation</b>: {len(self.stats)} networks</p>" + t.to_html(
            float_format=lambda v: f"{v:.4g}") + html.escape("")


def _positive(name: str, v: Any, minimum: int = 1) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(v).__name__}")
    if v < minimum:
        raise InvalidParameterError(f"{name} must be >= {minimum}, got {v}")
    return int(v)


def simulate_ergm(fit: ErgmResult, nsim: int = 100, *, seed: int | None = None, coef: Any = None,
                  networks: bool = False, burnin: int = 16384, interval: int = 1024, chains: int = 1,
                  threads: int | None = None, progress: bool | None = None) -> SimulationResult:
    """Simulate ``nsim`` networks from ``fit`` (or from ``coef=``, one value per statistic),
    by the TNT sampler started at the observed network: ``burnin`` proposals, then one
    network every ``interval`` proposals (statnet's ``control.simulate.formula``
    defaults), on ``chains`` chains (results depend on chains and seed, never on threads).
    Missing dyads are simulated like the others. ``networks=True`` keeps the ties."""
    if not isinstance(fit, ErgmResult):
        raise TypeError(f"fit must be an ErgmResult, got {type(fit).__name__}")
    nsim = _positive("nsim", nsim)
    burnin = _positive("burnin", burnin, 0)
    interval = _positive("interval", interval)
    chains = _positive("chains", chains)
    model = fit.model
    theta = fit.coef.to_numpy() if coef is None else np.asarray(coef, dtype=float)
    if theta.shape != (len(model.names),) or not np.isfinite(theta).all():
        raise InvalidParameterError(f"coef must be {len(model.names)} finite values, got {coef!r}")
    with progress_bar(progress, "ERGM simulation") as bar:
        Z, nets, _acc, _edges = model.sample(theta, samplesize=nsim, interval=interval, burnin=burnin,
                                             chains=chains, seed=check_seed(seed),
                                             threads=check_threads(threads), progress=bar,
                                             keep_networks=networks)
    names = list(model.names)
    stats = pd.DataFrame(Z + model.observed, columns=names)
    frames = None
    if networks:
        labels = np.asarray(model.data.labels)
        frames = [pd.DataFrame({"source": labels[s], "target": labels[t]}) for s, t in nets]
    return SimulationResult(stats, pd.Series(model.observed, index=names),
                            pd.Series(theta, index=names), frames, list(nets) if networks else None)
