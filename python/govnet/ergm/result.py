"""The result of an ERGM fit: coefficients, standard errors, diagnostics."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

__all__ = ["ErgmResult"]


@dataclass(frozen=True, repr=False)
class ErgmResult:
    """A fitted ERGM (see :func:`govnet.ergm`).

    ``coef`` the estimates; ``se = sqrt(se_model^2 + se_mcmc^2)``; ``z = coef / se`` and
    two-sided normal ``p``; ``table`` all of these as a DataFrame indexed by coefficient
    name. ``method`` is ``"MLE"`` (dyad-independent model: exact logistic regression),
    ``"MPLE"`` (standard errors unreliable under dependence) or ``"MCMLE"``.
    ``t_ratio``: (mean simulated - observed) / MCMC sd of the mean, per statistic, in the
    final sample (convergence: all small); ``convergence_p`` the Hotelling T^2 p-value of
    the same comparison. ``loglik`` by bridge sampling (``loglik_method``; with missing
    dyads the observed-data log-likelihood log kappa_obs - log kappa, Handcock & Gile
    2010, ``loglik_se`` its MCMC standard error); AIC = -2 l + 2k,
    BIC = -2 l + k log(nobs), k the estimated coefficients, nobs the non-missing dyads.
    ``history`` the coefficients at each MCMC iteration (MPLE first), ``step_lengths``
    Hummel et al.'s gamma per iteration (1: full Geyer-Thompson step). The diagnostics
    (``t_ratio``, ``convergence_p``, ``ess``) describe the last sample, drawn at the
    coefficients before the final Geyer-Thompson step.
    """

    formula: str
    method: str
    coef: pd.Series
    se_model: pd.Series
    se_mcmc: pd.Series
    offset: pd.Series
    observed: pd.Series
    mple: pd.Series
    loglik: float
    loglik_se: float
    loglik_method: str
    nobs: int
    n: int
    directed: bool
    bipartite: int
    relation: str
    missing_dyads: int
    iterations: int
    history: np.ndarray = field(repr=False)
    step_lengths: np.ndarray = field(repr=False)
    acceptance: float
    t_ratio: pd.Series | None
    convergence_p: float
    ess: pd.Series | None
    sample: np.ndarray | None = field(repr=False)
    seed: int
    control: Any = field(repr=False)
    model: Any = field(repr=False)

    @property
    def se(self) -> pd.Series:
        return pd.Series(np.sqrt(self.se_model.to_numpy() ** 2 + self.se_mcmc.to_numpy() ** 2),
                         index=self.coef.index, name="se")

    @property
    def z(self) -> pd.Series:
        return (self.coef / self.se).rename("z")

    @property
    def p(self) -> pd.Series:
        return pd.Series(2 * norm.sf(np.abs(self.z.to_numpy())), index=self.coef.index, name="p")

    @property
    def table(self) -> pd.DataFrame:
        """estimate, se, se_model, se_mcmc, mcmc_pct (MCMC share of the variance), z, p."""
        se = self.se
        pct = np.where(se > 0, 100 * self.se_mcmc ** 2 / np.where(se > 0, se ** 2, 1), 0.0)
        t = pd.DataFrame({"estimate": self.coef, "se": se, "se_model": self.se_model,
                          "se_mcmc": self.se_mcmc, "mcmc_pct": pct, "z": self.z, "p": self.p,
                          "offset": self.offset})
        t.index.name = "term"
        return t

    @property
    def k(self) -> int:
        return int((~self.offset).sum())

    @property
    def aic(self) -> float:
        return -2 * self.loglik + 2 * self.k

    @property
    def bic(self) -> float:
        return -2 * self.loglik + self.k * float(np.log(self.nobs))

    def summary(self) -> str:
        """A text summary laid out like statnet's ``summary(ergm)``."""
        t = self.table
        lines = ["Call:", f"ergm(formula = {self.formula})", "",
                 {"MCMLE": "Monte Carlo Maximum Likelihood Results:",
                  "MPLE": "Maximum Pseudolikelihood Results:",
                  "MLE": "Maximum Likelihood Results:"}[self.method], ""]
        head = f"{'':<24}{'Estimate':>10} {'Std. Error':>10} {'MCMC %':>7} {'z value':>8} {'Pr(>|z|)':>9}"
        lines.append(head)
        for name, r in t.iterrows():
            if r["offset"]:
                lines.append(f"{name:<24}{r['estimate']:>10.4f} {'(offset)':>10}")
                continue
            stars = ("***" if r["p"] < 0.001 else "**" if r["p"] < 0.01 else "*" if r["p"] < 0.05
                     else "." if r["p"] < 0.1 else "")
            pv = "< 1e-04" if r["p"] < 1e-4 else f"{r['p']:.5f}"
            lines.append(f"{str(name):<24}{r['estimate']:>10.4f} {r['se']:>10.4f} {r['mcmc_pct']:>7.0f} "
                         f"{r['z']:>8.3f} {pv:>9} {stars}")
        lines += ["---", "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1", ""]
        null = -self.nobs * np.log(2)
        lines.append(f"     Null Deviance: {-2 * null:.1f}  on {self.nobs} degrees of freedom")
        if np.isfinite(self.loglik):
            lines.append(f" Residual Deviance: {-2 * self.loglik:.1f}  on {self.nobs - self.k} degrees of freedom")
            lines.append(f"AIC: {self.aic:.1f}  BIC: {self.bic:.1f}  (Smaller is better. "
                         f"Log-likelihood: {self.loglik_method})")
        if self.method == "MPLE":
            lines.append("MPLE standard errors ignore the dependence between dyads: do not trust them.")
        if self.method == "MCMLE":
            lines.append(f"MCMC: {self.iterations} iteration(s), acceptance {self.acceptance:.3f}, "
                         f"convergence p-value {self.convergence_p:.3f}")
        if self.missing_dyads:
            lines.append(f"Missing dyads: {self.missing_dyads} (neither ties nor non-ties)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        coefs = ", ".join(f"{k}={v:.4g}" for k, v in self.coef.items())
        return (f"ErgmResult({self.method}, n={self.n}, {'directed' if self.directed else 'undirected'}"
                f"{', two-mode' if self.bipartite else ''}: {coefs})")

    def _repr_html_(self) -> str:
        return (f"<p><b>ERGM</b> ({html.escape(self.method)}): {html.escape(self.formula)}; "
                f"n = {self.n}, loglik = {self.loglik:.3f}</p>"
                + self.table.to_html(float_format=lambda v: f"{v:.4f}"))
