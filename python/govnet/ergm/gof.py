"""Goodness of fit of an ERGM (statnet's ``gof``): degree, edgewise shared partner
and geodesic distance distributions of simulated networks against the observed one."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path

from govnet.ergm.result import ErgmResult
from govnet.ergm.simulate import simulate_ergm

__all__ = ["GofResult", "gof", "distributions"]


def distributions(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> dict[str, np.ndarray]:
    """Degree counts (index 0..n-1; directed: in-degree, as statnet's ``idegree``), ESP
    counts (ties with k shared partners, k = 0..n-2; directed: outgoing two-paths) and
    geodesic counts (ordered pairs at distance 1..n-1 for directed, unordered pairs for
    undirected; the last entry counts unreachable pairs, statnet's ``Inf``)."""
    A = np.zeros((n, n), dtype=np.int64)
    A[src, dst] = 1
    if not directed:
        A = np.maximum(A, A.T)
    deg = A.sum(axis=0)
    degree = np.bincount(deg, minlength=n)[:n]
    two = A @ A
    esp_vals = two[A == 1] if directed else two[np.triu(A) == 1]
    esp = np.bincount(esp_vals, minlength=n - 1)[:max(n - 1, 1)]
    D = shortest_path(csr_matrix(A.astype(float)), directed=directed, unweighted=True)
    mask = ~np.eye(n, dtype=bool) if directed else np.triu(np.ones((n, n), dtype=bool), 1)
    d = D[mask]
    finite = d[np.isfinite(d)].astype(np.int64)
    dist = np.bincount(finite, minlength=n)[1:n]
    dist = np.append(dist, np.sum(~np.isfinite(d)))
    return {"degree": degree, "espartners": esp, "distance": dist}


@dataclass(frozen=True, repr=False)
class GofResult:
    """Per statistic family (``"degree"``, ``"espartners"``, ``"distance"``, ``"model"``) a
    DataFrame: observed, simulated min / mean / max, 2.5% and 97.5% quantiles, and the
    Monte Carlo p-value 2 min(P(sim <= obs), P(sim >= obs)) (capped at 1), as statnet."""

    tables: dict[str, pd.DataFrame]
    nsim: int

    def __getitem__(self, key: str) -> pd.DataFrame:
        return self.tables[key]

    def __repr__(self) -> str:
        return f"GofResult({self.nsim} simulations: {', '.join(self.tables)})"

    def _repr_html_(self) -> str:
        return "".join(f"<h4>{html.escape(k)}</h4>" + v.to_html(float_format=lambda x: f"{x:.3g}")
                       for k, v in self.tables.items())

    def plot(self, axes: Any = None) -> Any:
        """Box plots of the simulated distributions with the observed one as a line
        (matplotlib, imported only here); returns the Axes."""
        try:
            import matplotlib.pyplot as plt
        except ImportError as exc:
            raise ImportError("GofResult.plot needs matplotlib: pip install 'govnet[plot]'") from exc
        keys = list(self.tables)
        if axes is None:
            _fig, axes = plt.subplots(1, len(keys), figsize=(4 * len(keys), 3.2))
        axes = np.atleast_1d(axes)
        for ax, key in zip(axes, keys):
            t = self.tables[key]
            x = np.arange(len(t))
            ax.fill_between(x, t["q2.5"], t["q97.5"], color="0.85", label="95% of simulations")
            ax.plot(x, t["mean"], color="0.4", lw=1, label="simulated mean")
            ax.plot(x, t["observed"], color="k", lw=2, marker="o", ms=3, label="observed")
            ax.set_xticks(x[:: max(1, len(x) // 8)])
            ax.set_xticklabels([str(v) for v in t.index[:: max(1, len(x) // 8)]])
            ax.set_title(key)
        axes[0].legend(fontsize=7)
        return axes


def _table(obs: np.ndarray, sims: np.ndarray, index: list[Any]) -> pd.DataFrame:
    lo = np.mean(sims <= obs, axis=0)
    hi = np.mean(sims >= obs, axis=0)
    return pd.DataFrame({"observed": obs, "min": sims.min(axis=0), "mean": sims.mean(axis=0),
                         "max": sims.max(axis=0), "q2.5": np.quantile(sims, 0.025, axis=0),
                         "q97.5": np.quantile(sims, 0.975, axis=0),
                         "p": np.minimum(1.0, 2 * np.minimum(lo, hi))}, index=index)


def gof(fit: ErgmResult, nsim: int = 100, *, seed: int | None = None, burnin: int = 16384,
        interval: int = 1024, threads: int | None = None, progress: bool | None = None) -> GofResult:
    """Goodness of fit: ``nsim`` networks simulated from ``fit`` (see :func:`simulate_ergm`)
    against the observed network, on the degree (directed: in-degree), edgewise shared
    partner and geodesic distance distributions and the model's statistics (one-mode
    networks; two-mode networks get the model statistics and degrees of both modes)."""
    sim = simulate_ergm(fit, nsim, seed=seed, networks=True, burnin=burnin, interval=interval,
                        threads=threads, progress=progress)
    d = fit.model.data
    tables: dict[str, pd.DataFrame] = {}
    assert sim.raw is not None
    if d.n1 == 0:
        obs = distributions(d.n, d.src, d.dst, d.directed)
        runs = [distributions(d.n, s, t, d.directed) for s, t in sim.raw]
        for key in ("degree", "espartners", "distance"):
            o = obs[key]
            m = np.array([r[key] for r in runs])
            index = list(range(len(o))) if key != "distance" else list(range(1, len(o))) + ["Inf"]
            tables[key] = _table(o.astype(float), m.astype(float), index)
    else:
        for mode, sl in (("b1degree", slice(0, d.n1)), ("b2degree", slice(d.n1, d.n))):
            def degs(s: np.ndarray, t: np.ndarray, sl: slice = sl) -> np.ndarray:
                deg = np.bincount(np.concatenate([s, t]), minlength=d.n)[sl]
                return np.bincount(deg, minlength=d.n)[: d.n - d.n1 + 1 if sl.start == 0 else d.n1 + 1]
            o = degs(d.src, d.dst)
            m = np.array([degs(s, t) for s, t in sim.raw])
            tables[mode] = _table(o.astype(float), m.astype(float), list(range(len(o))))
    tables["model"] = _table(sim.observed.to_numpy(), sim.stats.to_numpy(), list(sim.stats.columns))
    return GofResult(tables, nsim)
