"""Fitting ERGMs: MPLE and MCMC-MLE (Hummel et al. 2012 stepping, Geyer-Thompson).

References: Strauss & Ikeda (1990) for the MPLE; Geyer & Thompson (1992), Snijders
(2002) and Hunter & Handcock (2006) for the MCMC-MLE; Hummel, Hunter & Handcock
(2012) for the stepping; Handcock & Gile (2010) for missing dyads; Snijders et al.
(2006) and Hunter (2007) for the geometrically weighted terms; Morris, Handcock &
Hunter (2008) for statnet's term definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_seed, check_threads, progress_bar
from govnet.ergm._common import DegenerateModelError, ErgmData
from govnet.ergm.data import network_data
from govnet.ergm.formula import parse_formula
from govnet.ergm.loglik import bridge_loglik
from govnet.ergm.mcmc import (Control, batch_cov, derive_seed, ess, gt_step, hotelling_p, hull_gamma,
                              logistic_fit, weights)
from govnet.ergm.result import ErgmResult
from govnet.ergm.terms import BuiltTerm, build_terms
from govnet.errors import ConvergenceError, InvalidParameterError

__all__ = ["ergm", "Control", "ErgmModel", "build_model"]

ESTIMATES = ("MCMLE", "MPLE")


@dataclass(frozen=True)
class ErgmModel:
    """A formula on one network: the terms, the core model and the observed statistics."""

    formula: str
    data: ErgmData
    terms: tuple[BuiltTerm, ...]
    core: Any
    names: tuple[str, ...]
    offset: np.ndarray      # bool per statistic
    offset_coef: np.ndarray  # values where offset, NaN elsewhere
    observed: np.ndarray

    @property
    def dyad_independent(self) -> bool:
        return all(t.dyad_independent for t in self.terms)

    def mple_rows(self, threads: int, progress: Any = None) -> tuple[np.ndarray, np.ndarray]:
        """(X, y): add-delta change statistics and the tie indicator of every non-missing dyad."""
        d = self.data
        X, y, _i, _j = self.core.mple_data(d.src, d.dst, d.miss_src, d.miss_dst, threads, progress)
        return X, y

    def sample(self, theta: np.ndarray, *, samplesize: int, interval: int, burnin: int, chains: int,
               seed: int, threads: int, progress: Any = None, keep_networks: bool = False,
               constrained: bool = False) -> tuple[np.ndarray, list, float, np.ndarray]:
        """(Z, networks, acceptance, edges): Z = g(y_k) - g(y_obs) at ``theta``; the
        constrained chain toggles the missing dyads only."""
        Z, nets, acc, edges, _state = self.sample_chains(
            theta, samplesize=samplesize, interval=interval, burnin=burnin, chains=chains, seed=seed,
            threads=threads, progress=progress, keep_networks=keep_networks, constrained=constrained)
        return Z, nets, acc, edges

    def sample_chains(self, theta: np.ndarray, *, samplesize: int, interval: int, burnin: int,
                      chains: int, seed: int, threads: int, progress: Any = None,
                      keep_networks: bool = False, constrained: bool = False,
                      start: tuple[list, np.ndarray] | None = None
                      ) -> tuple[np.ndarray, list, float, np.ndarray, tuple[list, np.ndarray] | None]:
        """As :meth:`sample`, plus the chains' final state (networks, g - g(y_obs)), which
        ``start=`` takes to continue the chains instead of starting them at y_obs (None:
        a constrained sample with nothing missing, always the observed network)."""
        d = self.data
        if constrained and d.nmissing == 0:
            # nothing is free: every constrained network is the observed one (an empty free
            # list would mean "every dyad" to the sampler)
            nets = [(d.src, d.dst)] * samplesize if keep_networks else []
            return (np.zeros((samplesize, len(self.names))), nets, 0.0,
                    np.full(samplesize, float(len(d.src))), None)
        fs, fd = (d.miss_src, d.miss_dst) if constrained else (np.zeros(0, np.int32),) * 2
        nets0, off0 = (None, np.zeros(0)) if start is None else start
        Z, nets, acc, final, edges, finals = self.core.sample(
            d.src, d.dst, np.asarray(theta, float), burnin, interval, samplesize, chains, seed,
            keep_networks, fs, fd, threads, progress, nets0, np.ravel(off0))
        return Z, nets, acc, edges, (finals, final)


def build_model(net: Any, formula: str, *, relation: Any = None, two_mode: str | None = None,
                missing: Any = None, covariates: dict[str, Any] | None = None,
                covariate_weights: bool = False, offset_coef: Any = None) -> ErgmModel:
    """Parse ``formula`` and build its terms on ``net`` (see :func:`ergm`)."""
    calls = parse_formula(formula)
    data = network_data(net, relation, two_mode=two_mode, missing=missing, covariates=covariates,
                        covariate_weights=covariate_weights)
    terms = tuple(build_terms(calls, data))
    core = _core.ErgmModel(data.n, data.directed, data.n1, [t.spec for t in terms])
    names = tuple(nm for t in terms for nm in t.names)
    offset = np.array([t.offset for t in terms for _ in t.names], dtype=bool)
    coef = np.full(len(names), np.nan)
    if offset.any():
        if offset_coef is None:
            raise InvalidParameterError(
                f"the formula has offset terms ({[n for n, o in zip(names, offset) if o]}): "
                f"pass offset_coef= with their fixed coefficients")
        vals = np.atleast_1d(np.asarray(offset_coef, dtype=float))
        if vals.shape != (int(offset.sum()),) or not np.isfinite(vals).all():
            raise InvalidParameterError(
                f"offset_coef= needs {int(offset.sum())} finite value(s), one per offset "
                f"statistic, got {offset_coef!r}")
        coef[offset] = vals
    elif offset_coef is not None:
        raise InvalidParameterError("offset_coef= given but the formula has no offset() term")
    observed = core.statistics(data.src, data.dst)
    return ErgmModel(formula, data, terms, core, names, offset, coef, observed)


# -- MPLE ------------------------------------------------------------------------

def _mple(model: ErgmModel, threads: int, progress: Any) -> tuple[np.ndarray, np.ndarray, float, int]:
    X, y = model.mple_rows(threads, progress)
    rows = X.shape[0]
    if rows == 0:
        raise InvalidParameterError("every dyad is missing: nothing to estimate")
    # identical rows become one row with a frequency weight (statnet does the same); a
    # hash group-by, not a sort, so that millions of dyads compress in well under a second,
    # and numpy's sort below 100,000 rows, where pandas' set-up costs more (same sorted rows)
    rows_y = np.column_stack([X, y.astype(float)])
    if rows < 100_000:
        uniq, counts = np.unique(rows_y, axis=0, return_counts=True)
        w = counts.astype(float)
    else:
        frame = pd.DataFrame(rows_y)
        grouped = frame.groupby(list(frame.columns), sort=True).size()
        uniq = np.array(grouped.index.tolist(), dtype=float).reshape(len(grouped), X.shape[1] + 1)
        w = grouped.to_numpy(dtype=float)
    Xu, yu = uniq[:, :-1], uniq[:, -1]
    est = ~model.offset
    off = Xu[:, model.offset] @ model.offset_coef[model.offset] if model.offset.any() else np.zeros(len(Xu))
    beta, cov, ll = logistic_fit(Xu[:, est], yu, w, off)
    theta = model.offset_coef.copy()
    theta[est] = beta
    return theta, cov, ll, rows


# -- MCMC-MLE --------------------------------------------------------------------

def _coefs(model: ErgmModel, theta: np.ndarray) -> str:
    return ", ".join(f"{n} = {float(v):.4g}" for n, v in zip(model.names, theta))


def _check_sample(model: ErgmModel, Z: np.ndarray, edges: np.ndarray, theta: np.ndarray,
                  it: int, before: bool) -> bool:
    """Raises DegenerateModelError when half the sample is the empty or the full network
    twice in a row (``before``: it was last time; returns whether it is now), or when an
    estimated statistic stops varying away from its observed value."""
    D = model.data.ndyads - model.data.nmissing
    extreme = np.mean((edges <= 0) | (edges >= model.data.ndyads))
    if extreme >= 0.5 and before:
        kind = "empty" if np.mean(edges) < D / 2 else "full"
        raise DegenerateModelError(
            f"ERGM degenerate: at iteration {it} {100 * extreme:.0f}% of the simulated networks are "
            f"{kind} (coefficients {_coefs(model, theta)}); the model puts its mass on extreme graphs: simplify it (e.g. replace stars or triangles by gw* terms)")
    est = ~model.offset
    sd = Z[:, est].std(axis=0)
    flat = [nm for nm, s, m in zip(np.array(model.names)[est], sd, Z[:, est].mean(axis=0))
            if s == 0 and m != 0]
    if flat:
        raise DegenerateModelError(
            f"ERGM degenerate: at iteration {it} the simulated statistic(s) {flat} do not vary and "
            f"differ from the observed value: the chain is stuck at an extreme network")
    return bool(extreme >= 0.5)


def _mcmle(model: ErgmModel, theta0: np.ndarray, ctl: Control, seed: int, threads: int,
           progress: Any) -> dict[str, Any]:
    est = ~model.offset
    missing = model.data.nmissing > 0
    theta = theta0.copy()
    history = [theta.copy()]
    steps: list[float] = []
    small_steps = 0
    extreme = False
    final = False  # True once a small sample passed: samples are final_samplesize from then on
    interval = ctl.interval_for(model.data.ndyads)
    full_steps = 0  # consecutive full steps on final-size samples
    it = 0
    # the chains continue from one iteration's last networks to the next (statnet too):
    # only the first sample pays the full burn-in
    state: tuple[list, np.ndarray] | None = None
    state_obs: tuple[list, np.ndarray] | None = None
    for it in range(1, ctl.max_iterations + 1):
        size = ctl.final_samplesize_ if final else ctl.samplesize
        kw = dict(samplesize=size, interval=interval, chains=ctl.chains, threads=threads,
                  progress=progress)
        burnin = ctl.burnin_for(model.data.ndyads) if state is None else ctl.continued_burnin_for(interval)
        Zf, _n, acc, edges, state = model.sample_chains(
            theta, seed=derive_seed(seed, it, 0), burnin=burnin, start=state, **kw)
        extreme = _check_sample(model, Zf, edges, theta, it, extreme)
        Z = Zf[:, est]
        long_run = batch_cov(Z, ctl.chains)  # shared by the effective size and the T^2 test
        if ctl.interval is None and interval < 4 * ctl.interval_for(model.data.ndyads) \
                and np.min(ess(Z, ctl.chains, long_run)) < ctl.effective_size:
            interval *= 2  # statnet-like adaptation: thin more until the sample is worth it
        Zo = None
        target = np.zeros(Z.shape[1])
        if missing:
            burnin_o = ctl.burnin_for(model.data.ndyads) if state_obs is None else burnin
            Zof, _n2, _a, _e, state_obs = model.sample_chains(
                theta, seed=derive_seed(seed, it, 1), constrained=True, burnin=burnin_o, start=state_obs,
                **kw)
            Zo = Zof[:, est]
            target = Zo.mean(axis=0)
        gamma = hull_gamma(Z, target, ctl.hull_margin)
        steps.append(gamma)
        if gamma < 1.0:
            final = False
            full_steps = 0
            m = Z.mean(axis=0)
            xi = m + gamma * (target - m)
            delta, _gain = gt_step(Z, xi)
            small_steps = small_steps + 1 if gamma < 0.01 else 0
            if small_steps >= 2:
                raise DegenerateModelError(
                    f"ERGM degenerate: the observed statistics stay far outside the simulated ones "
                    f"(step length {gamma:.4f} twice in a row, iteration {it}); the model is near "
                    f"degenerate at coefficients {_coefs(model, theta)}")
        else:
            small_steps = 0
            delta, gain = gt_step(Z, target, Zo)
            pval, _t = hotelling_p(Z, target, ctl.chains, long_run)
            full_steps += 1
            if pval > ctl.convergence_p or gain < ctl.loglik_tolerance or full_steps >= ctl.full_steps:
                if final:
                    break  # converged: theta + delta, standard errors from this sample
                final = True
                full_steps = 0
        theta = theta.copy()
        theta[est] += delta
        history.append(theta.copy())
    else:
        raise ConvergenceError(
            f"MCMC-MLE did not converge in {ctl.max_iterations} iterations (last coefficients "
            f"{_coefs(model, theta)}); raise Control(max_iterations=...) "
            f"or samplesize, or check the model")
    # final: the sample at theta (size final_samplesize), one Geyer-Thompson step to theta_hat
    theta_hat = theta.copy()
    theta_hat[est] += delta
    w = weights(Z, delta)
    mu = w @ Z
    C = (Z - mu).T @ ((Z - mu) * w[:, None])
    K = len(Z)
    U = (Z - mu) * (w * K)[:, None]
    V = batch_cov(U, ctl.chains) / K
    if Zo is not None:
        wo = weights(Zo, delta)
        muo = wo @ Zo
        C = C - (Zo - muo).T @ ((Zo - muo) * wo[:, None])
        Uo = (Zo - muo) * (wo * K)[:, None]
        V = V + batch_cov(Uo, ctl.chains) / K
    try:
        cov_model = np.linalg.inv(C)
    except np.linalg.LinAlgError:
        raise DegenerateModelError("ERGM: the simulated statistics are collinear at the estimate") from None
    cov_mcmc = cov_model @ V @ cov_model
    pval, tratio = hotelling_p(Z, target, ctl.chains, long_run)
    return {"theta": theta_hat, "cov_model": cov_model, "cov_mcmc": cov_mcmc, "iterations": it,
            "history": np.array(history), "steps": np.array(steps), "acceptance": acc, "sample": Zf, "sample_theta": theta,
            "t_ratio": tratio, "p_value": pval, "ess": ess(Z, ctl.chains, long_run)}


def _check_estimate(estimate: str) -> str:
    if estimate not in ESTIMATES:
        raise InvalidParameterError(f"estimate must be one of {ESTIMATES}, got {estimate!r}")
    return estimate


def ergm(net: Any, formula: str, *, relation: Any = None, estimate: str = "MCMLE",
         two_mode: str | None = None, missing: Any = None, covariates: dict[str, Any] | None = None,
         covariate_weights: bool = False, offset_coef: Any = None, control: Control | None = None,
         loglik: bool = True, seed: int | None = None, threads: int | None = None,
         progress: bool | None = None) -> ErgmResult:
    """Fit an exponential random graph model, statnet style.

    ``P(Y = y) = exp(theta . g(y)) / kappa(theta)`` over the networks on the same actors
    (same direction; two-mode: same modes), g the statistics of ``formula``'s terms (see
    :mod:`govnet.ergm.terms` for every formula and coefficient name).

    Parameters
    ----------
    net : Network (or networkx graph)
    formula : str
        statnet-like, e.g. ``"edges + mutual + nodematch('tier') + gwesp(0.5, fixed=True)
        + edgecov('cross_appointment')"``; ``offset(term)`` fixes a term's coefficients to
        ``offset_coef``. Attributes come from ``net.actors``; ``edgecov`` names another layer
        or a matrix of ``covariates=``.
    relation : the layer (docs/conventions.md: None only on a one-layer network).
    estimate : ``"MCMLE"`` (default) or ``"MPLE"``. A model of dyad-independent terms only
        is fitted exactly by logistic regression (its MPLE is its MLE), with no MCMC.
    two_mode : ``"meetings"`` or ``"duties"``: model the actor x meeting (duty) incidence.
    missing : dyads that are neither ties nor non-ties: a boolean n x n array or a DataFrame
        of source/target pairs; None reads ``net.missing`` (rows of the chosen relation).
        Two-mode models take missing actor x meeting (duty) cells the same way (a DataFrame
        of actor/meeting pairs or a boolean actors x meetings array; see
        :func:`~govnet.ergm.data.network_data`). The MCMC-MLE maximises the likelihood of
        the observed dyads, ``l(theta) = log kappa_obs(theta) - log kappa(theta)``,
        kappa_obs summing over the completions of the missing dyads (Handcock & Gile 2010:
        a second chain toggles only the missing dyads, the observed ones fixed); the MPLE
        leaves them out of the regression and counts them as non-ties in the other dyads'
        change statistics (deterministic, so the same data give the same MPLE; statnet's
        MPLE imputes the missing dyads at random instead, so its MPLE differs from
        govnet's and from run to run).
    control : :class:`Control` (MCMC sample sizes, chains, iterations).
    loglik : estimate the log-likelihood by bridge sampling (AIC, BIC); dyad-independent
        models get the exact value. With missing dyads it is the observed-data
        log-likelihood: both normalisers are bridged from the dyad-independent reference
        model (exact), log kappa with unconstrained samples and log kappa_obs with
        constrained ones, as statnet's ``logLik.ergm``; ``loglik_se`` adds both MCMC
        variances, ``result.loglik_method`` says which was done.
    seed, threads, progress : docs/conventions.md. The same seed gives the same fit for any
        ``threads`` (the chains are fixed by ``control.chains``).

    Returns
    -------
    ErgmResult
        Coefficients with standard errors; for the MCMC-MLE split into a model part (inverse
        Fisher information from the simulated statistics) and an MCMC part (batch means),
        ``se = sqrt(se_model^2 + se_mcmc^2)`` as statnet reports. MPLE standard errors are
        not trustworthy for dyad-dependent models (too small: they ignore the dependence).

    Raises
    ------
    DegenerateModelError
        (a ConvergenceError) early, when simulated networks go empty or full, a statistic
        stops varying or the step length collapses.
    ConvergenceError
        no convergence within ``control.max_iterations``.
    """
    estimate = _check_estimate(estimate)
    ctl = control if control is not None else Control()
    if not isinstance(ctl, Control):
        raise TypeError(f"control must be a govnet.ergm.Control, got {type(ctl).__name__}")
    seed_ = check_seed(seed)
    threads_ = check_threads(threads)
    model = build_model(net, formula, relation=relation, two_mode=two_mode, missing=missing,
                        covariates=covariates, covariate_weights=covariate_weights,
                        offset_coef=offset_coef)
    return fit_model(model, estimate=estimate, control=ctl, loglik=loglik, seed=seed_,
                     threads=threads_, progress=progress)


def fit_model(model: ErgmModel, *, estimate: str, control: Control, loglik: bool, seed: int,
              threads: int, progress: bool | None) -> ErgmResult:
    """Fit a built model (see :func:`ergm`)."""
    est = ~model.offset
    if not est.any():
        raise InvalidParameterError("every term is an offset: nothing to estimate")
    with progress_bar(progress, "ERGM") as bar:
        theta, cov, ll_pseudo, rows = _mple(model, threads, bar)
        p = len(model.names)
        exact = model.dyad_independent
        mple_theta = theta.copy()
        cov_m = np.full((p, p), 0.0)
        cov_m[np.ix_(est, est)] = cov
        info: dict[str, Any] = {"iterations": 0, "history": np.array([theta]), "steps": np.zeros(0), "acceptance": np.nan,
                                "t_ratio": None, "p_value": np.nan, "ess": None, "sample": None,
                                "sample_theta": None}
        method = "MPLE"
        cov_mcmc = np.zeros((p, p))
        if exact:
            method = "MLE"  # dyad independence: the pseudo-likelihood is the likelihood
        elif estimate == "MCMLE":
            method = "MCMLE"
            out = _mcmle(model, theta, control, seed, threads, bar)
            theta = out.pop("theta")
            cov_m = np.zeros((p, p))
            cov_m[np.ix_(est, est)] = out.pop("cov_model")
            cov_mcmc[np.ix_(est, est)] = out.pop("cov_mcmc")
            info.update(out)
        ll, ll_se, ll_method = np.nan, np.nan, "not computed"
        if exact:
            # with missing dyads too: they factor out of a dyad-independent likelihood
            ll, ll_se, ll_method = ll_pseudo, 0.0, "exact (dyad-independent)"
        elif loglik and control.bridges > 0:
            ll, ll_se = bridge_loglik(model, theta, control, derive_seed(seed, 9999), threads, bar)
            ll_method = f"bridge sampling, {control.bridges} bridges"
            if model.data.nmissing:
                ll_method += (" (observed-data likelihood log kappa_obs - log kappa: constrained "
                              "and unconstrained samples)")
    se_model = np.sqrt(np.diag(cov_m))
    se_mcmc = np.sqrt(np.maximum(np.diag(cov_mcmc), 0.0))
    se_model[model.offset] = np.nan
    se_mcmc[model.offset] = np.nan
    names = list(model.names)
    return ErgmResult(
        formula=model.formula, method=method, coef=pd.Series(theta, index=names, name="estimate"),
        se_model=pd.Series(se_model, index=names), se_mcmc=pd.Series(se_mcmc, index=names),
        offset=pd.Series(model.offset, index=names), observed=pd.Series(model.observed, index=names),
        mple=pd.Series(mple_theta, index=names), loglik=float(ll), loglik_se=float(ll_se),
        loglik_method=ll_method, nobs=int(rows), n=model.data.n, directed=model.data.directed,
        bipartite=model.data.n1, relation=model.data.relation, missing_dyads=model.data.nmissing,
        iterations=int(info["iterations"]), history=info["history"],
        step_lengths=info["steps"], acceptance=float(info["acceptance"]),
        t_ratio=None if info["t_ratio"] is None else pd.Series(info["t_ratio"], index=np.array(names)[est]),
        convergence_p=float(info["p_value"]),
        ess=None if info["ess"] is None else pd.Series(info["ess"], index=np.array(names)[est]),
        sample=info["sample"], seed=seed, control=control, model=model)
