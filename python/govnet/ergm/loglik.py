"""The log-likelihood of a fitted ERGM by bridge sampling (Hunter & Handcock 2006,
as statnet's ``logLik.ergm``): from a dyad-independent reference model, whose
log-likelihood is exact, along the straight path to the estimate."""

from __future__ import annotations

from typing import Any

import numpy as np

from govnet.ergm.mcmc import Control, batch_cov, derive_seed, logistic_fit

__all__ = ["bridge_loglik", "reference_fit"]


def _lme(a: np.ndarray) -> float:
    m = float(a.max())
    return m + float(np.log(np.mean(np.exp(a - m))))


def reference_fit(model: Any, threads: int) -> tuple[np.ndarray, float]:
    """The reference: the dyad-independent terms' MLE (dependent coefficients 0, offsets
    kept when dyad-independent) and its exact log-likelihood. With missing dyads that is
    the observed-data log-likelihood: the dyads are independent, so kappa_obs / kappa is
    the product over the observed dyads of the logistic regression's likelihood."""
    X, y = model.mple_rows(threads, None)
    indep = np.array([t.dyad_independent for t in model.terms for _ in t.names], dtype=bool)
    theta = np.zeros(len(model.names))
    fixed = indep & model.offset
    theta[fixed] = model.offset_coef[fixed]
    free = indep & ~model.offset
    off = X[:, fixed] @ theta[fixed]
    yy = y.astype(float)
    if free.any():
        beta, _cov, ll = logistic_fit(X[:, free], yy, np.ones(len(yy)), off)
        theta[free] = beta
    else:
        ll = float(np.sum(yy * off - np.logaddexp(0.0, off)))
    return theta, ll


def bridge_loglik(model: Any, theta: np.ndarray, ctl: Control, seed: int, threads: int,
                  progress: Any) -> tuple[float, float]:
    """(log-likelihood, its MCMC standard error) at ``theta``.

    l(theta) = l(theta_ref) - sum_b [log mean exp((t_{b+1} - t_b*) . Z_b)
    - log mean exp((t_b - t_b*) . Z_b)], t_b = theta_ref + b/B (theta - theta_ref),
    Z_b the statistics (minus the observed) of a sample at the midpoint t_b*.

    With missing dyads, l(theta) = log kappa_obs(theta) - log kappa(theta) (Handcock &
    Gile 2010): the same bridges with constrained samples (missing dyads free, observed
    ones fixed) give log kappa_obs(theta) - log kappa_obs(theta_ref), which is added;
    the two samples are independent, so their MCMC variances add.
    """
    ref, ll_ref = reference_fit(model, threads)
    B = ctl.bridges
    path = [ref + (theta - ref) * b / B for b in range(B + 1)]
    kinds = (False, True) if model.data.nmissing else (False,)
    ll, var = ll_ref, 0.0
    for b in range(B):
        mid = (path[b] + path[b + 1]) / 2
        for constrained in kinds:
            Z, _n, _a, _e = model.sample(
                mid, samplesize=ctl.samplesize, interval=ctl.interval_for(model.data.ndyads),
                burnin=ctl.burnin_for(model.data.ndyads), chains=ctl.chains,
                seed=derive_seed(seed, b, 1) if constrained else derive_seed(seed, b),
                threads=threads, progress=progress, constrained=constrained)
            up, down = Z @ (path[b + 1] - mid), Z @ (path[b] - mid)
            ll += (_lme(up) - _lme(down)) * (1 if constrained else -1)
            # delta method on the two means of exponentials, autocorrelation by batch means
            eu, ed = np.exp(up - up.max()), np.exp(down - down.max())
            U = np.column_stack([eu / eu.mean(), ed / ed.mean()])
            V = batch_cov(U, ctl.chains) / len(U)
            var += float(V[0, 0] + V[1, 1] - 2 * V[0, 1])
    return ll, float(np.sqrt(max(var, 0.0)))
