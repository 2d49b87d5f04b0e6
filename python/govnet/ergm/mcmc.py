"""The numerical pieces of ERGM estimation: logistic regression for the MPLE, the
sampler call, batch-means MCMC variances, the convex-hull step of Hummel et al.
(2012) and the Geyer-Thompson (1992) step. No network logic here."""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np
from scipy.optimize import linprog
from scipy.spatial import ConvexHull, QhullError
from scipy.stats import f as f_dist

from govnet.errors import ConvergenceError, InvalidParameterError

__all__ = ["Control", "logistic_fit", "batch_cov", "hull_gamma", "gt_step", "derive_seed"]


@dataclass(frozen=True)
class Control:
    """MCMC settings of :func:`govnet.ergm`; defaults follow statnet's ``control.ergm``.

    samplesize : networks recorded per iteration (over all chains) until the simulated
        statistics first match the observed ones.
    interval : proposals (dyad toggles tried) between recorded networks (None: half the
        number of dyads, clipped to [64, 1024]; statnet's default is 1024).
    burnin : proposals before the first recorded network of each chain (None: 16 x interval,
        statnet's default) in the first MCMC-MLE iteration; later iterations continue each
        chain from its last network of the iteration before (as statnet does) after
        ``continued_burnin`` proposals.
    continued_burnin : the burn-in of a continued chain (None: 8 x interval, half the
        first; statnet repeats the full burn-in, largely wasted on a chain already near
        the new coefficients' distribution, which moved by one Geyer-Thompson step; a
        shorter one, 4 x interval, left early rows of the old distribution that lowered
        the effective size and doubled the interval more often on karate).
    chains : independent chains, run on up to ``threads`` threads (chain c uses the
        stream (seed, c): results depend on ``chains``, never on ``threads``).
    max_iterations : MCMC-MLE iterations before a :class:`ConvergenceError`.
    final_samplesize : networks per iteration from then on; the fit stops when such a
        sample matches too, and its standard errors come from that sample (None: 4 x
        samplesize, statnet's 1024).
    hull_margin : Hummel et al.'s 1.05: the stepped target must lie inside the sampled
        statistics' convex hull with this margin. The step length is the exact largest
        one (where the ray leaves the hull, one qhull call), not a bisection to 1/256.
    convergence_p : the Hotelling T^2 p-value above which the simulated mean is taken
        to match the observed statistics (after a full step).
    loglik_tolerance : a full step whose estimated log-likelihood gain is below this also
        counts as a match (large, strongly autocorrelated samples make the T^2 test reject
        differences too small to matter).
    full_steps : this many consecutive full (gamma = 1) steps also count as a match (first
        on small, then on final-size samples): the estimate then moves by MCMC noise only,
        whose size se_mcmc reports.
    effective_size : when ``interval`` is None, an iteration whose sample has a smaller
        effective size (any statistic) doubles the interval of the next (up to 4 x the
        starting interval); statnet's ``MCMLE.effectiveSize`` is 64.
    bridges : bridge-sampling steps of the log-likelihood (statnet's 16); 0 skips it.
    """

    samplesize: int = 256
    interval: int | None = None
    burnin: int | None = None
    chains: int = 4
    max_iterations: int = 60
    final_samplesize: int | None = None
    hull_margin: float = 1.05
    convergence_p: float = 0.2
    bridges: int = 16
    effective_size: float = 64.0
    loglik_tolerance: float = 0.01
    full_steps: int = 3
    continued_burnin: int | None = None

    def __post_init__(self) -> None:
        for name in ("samplesize", "chains", "max_iterations"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
                raise InvalidParameterError(f"Control.{name} must be a positive integer, got {v!r}")
        for name in ("burnin", "final_samplesize", "interval", "continued_burnin"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0):
                raise InvalidParameterError(f"Control.{name} must be None or an integer >= 0, got {v!r}")
        if not (isinstance(self.bridges, int) and self.bridges >= 0):
            raise InvalidParameterError(f"Control.bridges must be an integer >= 0, got {self.bridges!r}")
        if not 1.0 <= float(self.hull_margin) <= 2.0:
            raise InvalidParameterError(f"Control.hull_margin must be in [1, 2], got {self.hull_margin!r}")
        if not 0.0 < float(self.convergence_p) < 1.0:
            raise InvalidParameterError(
                f"Control.convergence_p must be in (0, 1), got {self.convergence_p!r}")

    def interval_for(self, ndyads: int) -> int:
        """The interval used on a network of ``ndyads`` dyads."""
        if self.interval is not None:
            return max(1, int(self.interval))
        return int(min(1024, max(64, ndyads // 2)))

    def burnin_for(self, ndyads: int) -> int:
        """The burn-in used on a network of ``ndyads`` dyads."""
        return 16 * self.interval_for(ndyads) if self.burnin is None else int(self.burnin)

    def continued_burnin_for(self, interval: int) -> int:
        """The burn-in of a chain continued from an earlier sample, at ``interval``."""
        return 8 * int(interval) if self.continued_burnin is None else int(self.continued_burnin)

    @property
    def final_samplesize_(self) -> int:
        return 4 * self.samplesize if self.final_samplesize is None else int(self.final_samplesize)


def derive_seed(seed: int, *keys: int) -> int:
    """A 64-bit seed for one stage of a fit, derived from the user's seed."""
    return int(np.random.SeedSequence([seed, *keys]).generate_state(1, dtype=np.uint64)[0])


def logistic_fit(X: np.ndarray, y: np.ndarray, weights: np.ndarray, offset: np.ndarray,
                 max_iter: int = 100) -> tuple[np.ndarray, np.ndarray, float]:
    """Maximum likelihood logistic regression by Newton's method (step-halving line
    search): coefficients, their inverse-information covariance and the log-likelihood.
    Rows carry frequency ``weights``; ``offset`` is added to the linear predictor."""
    p = X.shape[1]
    beta = np.zeros(p)

    def loglik(b: np.ndarray) -> float:
        eta = X @ b + offset
        return float(np.sum(weights * (y * eta - np.logaddexp(0.0, eta))))

    ll = loglik(beta)
    for _ in range(max_iter):
        eta = X @ beta + offset
        mu = 1.0 / (1.0 + np.exp(-eta))
        grad = X.T @ (weights * (y - mu))
        H = (X * (weights * mu * (1 - mu))[:, None]).T @ X
        try:
            step = np.linalg.solve(H, grad)
        except np.linalg.LinAlgError:
            raise ConvergenceError(
                "MPLE: the change statistics are collinear (a term is constant or repeats "
                "another); drop one of the terms") from None
        t = 1.0
        while True:
            cand = beta + t * step
            ll_new = loglik(cand)
            if ll_new >= ll - 1e-12 or t < 1e-10:
                break
            t /= 2
        beta, ll_old, ll = cand, ll, ll_new
        if np.max(np.abs(t * step)) < 1e-11 or abs(ll - ll_old) < 1e-14 * (1 + abs(ll)):
            break
    else:
        raise ConvergenceError(
            f"MPLE did not converge in {max_iter} Newton steps: the pseudo-likelihood has no "
            f"finite maximum (a statistic separates ties from non-ties)")
    eta = X @ beta + offset
    mu = 1.0 / (1.0 + np.exp(-eta))
    if np.max(np.abs(beta)) > 30 or np.any(((mu < 1e-10) | (mu > 1 - 1e-10)) & (weights > 0)):
        raise ConvergenceError(
            f"MPLE: coefficients {np.round(beta, 2).tolist()} diverge: a statistic separates ties "
            f"from non-ties (fitted tie probabilities reach 0 or 1; the estimate is infinite)")
    H = (X * (weights * mu * (1 - mu))[:, None]).T @ X
    return beta, np.linalg.inv(H), ll


def batch_cov(U: np.ndarray, chains: int) -> np.ndarray:
    """Long-run covariance of the rows of U (rows of each chain contiguous, chain c
    holding its share as the sampler lays them out) by batch means, pooled over chains:
    Var(mean) ~= batch_cov / rows. Batches of b = sqrt(shortest chain) rows, the last
    batch of each chain taking the remainder."""
    rows, p = U.shape
    sizes = np.full(chains, rows // chains)
    sizes[: rows % chains] += 1
    b = max(1, int(np.sqrt(sizes.min())))
    sizes = sizes[sizes > 0]
    nb = np.maximum(1, sizes // b)
    # batch label of every row: k * b .. within its chain, the remainder in the last batch
    within = np.concatenate([np.minimum(np.arange(sz) // b, k - 1) for sz, k in zip(sizes, nb)])
    label = within + np.repeat(np.concatenate([[0], np.cumsum(nb)[:-1]]), sizes)
    nbat = int(nb.sum())
    if nbat < 2:
        return np.cov(U.T).reshape(p, p)
    counts = np.bincount(label, minlength=nbat).astype(float)
    sums = np.zeros((nbat, p))
    np.add.at(sums, label, U)
    M = sums / counts[:, None] - U.mean(axis=0)
    return (M * counts[:, None]).T @ M / (nbat - 1)


def hull_gamma(Z: np.ndarray, target: np.ndarray, margin: float) -> float:
    """Hummel et al.'s step length: the largest gamma in [0, 1] such that
    m + margin * gamma * (target - m) lies in the convex hull of the sample Z
    (m its mean), exact (to rounding) rather than bisected: where the ray from m leaves
    the hull's facets (qhull), or one linear programme maximising gamma when the
    sample is flat (a statistic that does not vary, fewer points than dimensions)."""
    m = Z.mean(axis=0)
    direction = margin * (target - m)
    if not np.any(direction):
        return 1.0
    scale = Z.std(axis=0)
    scale[scale == 0] = 1.0
    pts, mm, dd = Z / scale, m / scale, direction / scale
    if Z.shape[1] == 1:
        reach = (pts.max() - mm[0]) / dd[0] if dd[0] > 0 else (pts.min() - mm[0]) / dd[0]
        return float(min(1.0, max(0.0, reach)))
    try:
        hull = ConvexHull(pts)
    except QhullError:
        return _hull_gamma_lp(pts, mm, dd)
    normal, offset = hull.equations[:, :-1], hull.equations[:, -1]
    a = normal @ dd                  # facets the ray heads towards: a > 0
    room = -(normal @ mm + offset)   # distance of m inside each facet (>= 0)
    out = a > 0
    reach = float(np.min(room[out] / a[out])) if out.any() else 1.0
    return float(min(1.0, max(0.0, reach)))


def _hull_gamma_lp(pts: np.ndarray, m: np.ndarray, direction: np.ndarray) -> float:
    """The largest gamma in [0, 1] with m + gamma * direction a convex combination of
    the rows of pts: one linear programme over the distinct rows."""
    pts = np.unique(pts, axis=0)
    K, p = pts.shape
    A = np.zeros((p + 1, K + 1))
    A[:-1, :K] = pts.T
    A[:-1, K] = -direction
    A[-1, :K] = 1.0
    b = np.concatenate([m, [1.0]])
    c = np.zeros(K + 1)
    c[K] = -1.0
    bounds = np.zeros((K + 1, 2))
    bounds[:, 1] = np.inf
    bounds[K, 1] = 1.0
    res = linprog(c, A_eq=A, b_eq=b, bounds=bounds, method="highs")
    if res.status != 0:
        return 0.0
    return float(min(1.0, max(0.0, res.x[K])))


def weights(Z: np.ndarray, delta: np.ndarray) -> np.ndarray:
    a = Z @ delta
    w = np.exp(a - a.max())
    return w / w.sum()


def gt_step(Z: np.ndarray, target: np.ndarray, Zobs: np.ndarray | None = None,
            max_iter: int = 100) -> tuple[np.ndarray, float]:
    """Geyer-Thompson: Delta maximising the importance-sampling log-likelihood ratio
    l(theta + Delta) - l(theta) = Delta . target - log mean exp(Delta . Z) (with a
    constrained sample Zobs, log mean exp(Delta . Zobs) replaces Delta . target), by
    Newton's method; returns Delta and the estimated log-likelihood gain."""
    p = Z.shape[1]
    delta = np.zeros(p)

    def f(d: np.ndarray) -> float:
        a = Z @ d
        lz = a.max() + np.log(np.mean(np.exp(a - a.max())))
        if Zobs is None:
            return float(d @ target - lz)
        b = Zobs @ d
        return float(b.max() + np.log(np.mean(np.exp(b - b.max()))) - lz)

    def trusted(d: np.ndarray) -> bool:
        # an importance-sampling step is believed only while each reweighted sample keeps
        # an effective size of at least a tenth of the sample
        return weights_ess(Z, d) >= 0.1 * len(Z) and (Zobs is None or weights_ess(Zobs, d) >= 0.1 * len(Zobs))

    val = f(delta)
    for _ in range(max_iter):
        w = weights(Z, delta)
        mu = w @ Z
        C = (Z - mu).T @ ((Z - mu) * w[:, None])
        if Zobs is None:
            grad = target - mu
            H = -C
        else:
            wo = weights(Zobs, delta)
            muo = wo @ Zobs
            Co = (Zobs - muo).T @ ((Zobs - muo) * wo[:, None])
            grad = muo - mu
            H = Co - C
            if np.linalg.eigvalsh(H).max() >= 0:
                # the observed-data log-likelihood is not concave everywhere: Newton would
                # head for a saddle, -C (complete-data information) still gives an ascent
                H = -C
        try:
            step = np.linalg.solve(H, -grad)
        except np.linalg.LinAlgError:
            raise ConvergenceError("MCMC-MLE: the simulated statistics are collinear "
                                   "(a statistic does not vary)") from None
        t = 1.0
        while t > 1e-8:
            cand = delta + t * step
            v = f(cand)
            ok = bool(np.isfinite(v) and v >= val - 1e-12)
            if ok and Zobs is not None:
                # two samples' log-ratio can grow without bound far from delta = 0 (the
                # constrained points outside the unconstrained hull): Newton stays trusted
                ok = trusted(cand)
            if ok:
                break
            t /= 2
        delta, old, val = cand, val, v
        if np.max(np.abs(t * step)) < 1e-10 or abs(val - old) < 1e-13:
            break
    for _ in range(30):  # the trust region
        if trusted(delta):
            break
        delta = delta / 2
    return delta, f(delta)


def weights_ess(Z: np.ndarray, delta: np.ndarray) -> float:
    """Kish's effective sample size of the importance weights exp(delta . Z)."""
    w = weights(Z, delta)
    return float(1.0 / np.sum(w ** 2))


def hotelling_p(Z: np.ndarray, target: np.ndarray, chains: int,
                long_run: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """p-value of Hotelling's T^2 test that the sample mean equals ``target``, with the
    batch-means covariance (MCMC autocorrelation; ``long_run``: batch_cov(Z, chains)
    if already computed), and the per-statistic t-ratios."""
    K, p = Z.shape
    V = (batch_cov(Z, chains) if long_run is None else long_run) / K
    d = Z.mean(axis=0) - target
    sd = np.sqrt(np.diag(V))
    t = np.where(sd > 0, d / np.where(sd > 0, sd, 1.0), np.where(d == 0, 0.0, np.inf))
    try:
        T2 = float(d @ np.linalg.solve(V, d))
    except np.linalg.LinAlgError:
        return 0.0, t
    ess = max(p + 2.0, float(np.mean(np.diag(np.cov(Z.T).reshape(p, p)) / np.maximum(np.diag(V) * K, 1e-300)) * K))
    df2 = max(ess - p, 1.0)
    F = T2 * df2 / (p * max(ess - 1.0, 1.0))
    return float(f_dist.sf(F, p, df2)), t


def ess(Z: np.ndarray, chains: int, long_run: np.ndarray | None = None) -> np.ndarray:
    """Effective sample size per statistic: rows x variance / long-run variance
    (``long_run``: batch_cov(Z, chains) if already computed)."""
    K = Z.shape[0]
    v = np.var(Z, axis=0, ddof=1)
    lr = np.diag(batch_cov(Z, chains) if long_run is None else long_run)
    return np.where(lr > 0, K * v / np.where(lr > 0, lr, 1.0), 0.0)
