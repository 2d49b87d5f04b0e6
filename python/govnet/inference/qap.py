"""QAP correlation and MRQAP regression (Krackhardt 1988; Dekker, Krackhardt & Snijders 2007)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import (
    check_p_convention,
    check_seed,
    check_threads,
    dense_budget,
    progress_bar,
)
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.inference._common import (
    _check_permutations,
    _dense_plan,
    _html,
    _null_summary,
    _relations,
    _reserve_core,
    _sparse_layers,
)
from govnet.model.network import Network


@dataclass(frozen=True)
class QAPResult:
    """A QAP test of graph correlation (see :func:`qap_test`)."""

    statistic: float
    p_greater: float
    p_less: float
    p_two_sided: float
    null_mean: float
    null_sd: float
    null_min: float
    null_max: float
    n_permutations: int
    seed: int
    directed: bool
    n_actors: int
    null_distribution: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        return (
            f"QAPResult(r={self.statistic:.4f}, p_greater={self.p_greater:.4g}, "
            f"p_less={self.p_less:.4g}, p_two_sided={self.p_two_sided:.4g}, "
            f"null mean={self.null_mean:.4f} sd={self.null_sd:.4f}, "
            f"{self.n_permutations} permutations, {self.n_actors} actors, "
            f"{'directed' if self.directed else 'undirected'}, seed={self.seed})"
        )

    def _repr_html_(self) -> str:
        return _html(
            "QAP test of graph correlation",
            [
                ("r (observed)", self.statistic),
                ("P(null ≥ r)", self.p_greater),
                ("P(null ≤ r)", self.p_less),
                ("P(|null| ≥ |r|)", self.p_two_sided),
                ("null mean", self.null_mean),
                ("null sd", self.null_sd),
                ("null range", f"{self.null_min:.4g} … {self.null_max:.4g}"),
                ("permutations", self.n_permutations),
                ("actors", self.n_actors),
                ("pairs", "ordered (directed)" if self.directed else "unordered (undirected)"),
                ("seed", self.seed),
            ],
        )


def qap_correlation(x: Any, y: Any, *, directed: bool | None = None) -> float:
    """Graph correlation of two relations over the same actors (sna ``gcor``).

    Pearson's correlation of the off-diagonal cells:
    ``r = sum (x_ij - x̄)(y_ij - ȳ) / sqrt(sum (x_ij - x̄)² sum (y_ij - ȳ)²)``.

    Parameters
    ----------
    x, y : relation
        A ``(Network, relation)`` pair (a layer name, a list of names to
        aggregate, or None for all layers), a Network (all layers), a square
        numpy array, or a DataFrame with the same actor labels on rows and
        columns (aligned by label). Tie weights are cell values.
    directed : bool, optional
        True: all ordered pairs ``i != j`` (sna's ``mode="digraph"``); False:
        unordered pairs ``i < j`` (``mode="graph"``; both matrices must be
        symmetric). Default: directed unless both relations are undirected
        layers or symmetric matrices. On symmetric data both give the same r.

    Returns
    -------
    float
        NaN if either relation is constant over the cells. O(n²).

    Examples
    --------
    >>> import govnet
    >>> net = govnet.datasets.nanshan()
    >>> r = govnet.qap_correlation((net, "cross_appointment"), (net, "deliberation"))
    >>> round(r, 4)
    0.0663
    """
    (mx, my), _, d = _relations([x, y], ["x", "y"], directed)
    return float(_core.graph_correlation(mx, my, ordered=d))


def qap_test(
    x: Any,
    y: Any,
    *,
    directed: bool | None = None,
    n_permutations: int = 1000,
    seed: int | None = None,
    keep_null: bool = False,
    p_convention: str = "plus_one",
    threads: int | None = None,
    progress: bool | None = None,
) -> QAPResult:
    """QAP test of graph correlation (Krackhardt 1988; sna ``qaptest`` with ``gcor``).

    The rows and columns of ``y`` are permuted together (actors relabelled),
    which keeps every structural dependence inside each relation and breaks
    only their alignment; the correlation of ``x`` with each permuted ``y``
    forms the null distribution.

    Parameters
    ----------
    x, y : relation
        As in :func:`qap_correlation`.
    directed : bool, optional
        Ordered or unordered pairs, as in :func:`qap_correlation`.
    n_permutations : int, default 1000
        Null draws. Monte Carlo error of a p-value is about ``sqrt(p(1-p)/R)``.
    seed : int, optional
        Permutation ``i`` uses ``Rng(seed, i)``: same result for any ``threads``.
    keep_null : bool, default False
        Keep the whole null distribution in ``null_distribution``.
    p_convention : {"plus_one", "sna"}, default "plus_one"
        ``"plus_one"``: ``p = (1 + #{null as extreme}) / (1 + R)``, never 0
        (Phipson & Smyth 2010); ``"sna"``: R sna's ``#{null as extreme} / R``,
        which is 0 when no draw reaches the observed value. See docs/p-values.md.
    threads, progress
        Worker threads (default all); a progress bar (default: interactive sessions).

    Returns
    -------
    QAPResult
        ``statistic`` (r), ``p_greater = (1 + #{null >= r}) / (1 + R)``,
        ``p_less = (1 + #{null <= r}) / (1 + R)``,
        ``p_two_sided = min(1, 2 min(p_greater, p_less))``; with ``p_convention="sna"``
        sna's ``pgreq = mean(null >= r)``, ``pleeq = mean(null <= r)`` and
        ``pgreqabs = mean(|null| >= |r|)``. Ties within ``1e-10 max(1, |r|)``
        count as extreme. Also the null's mean, sd (n-1 denominator), min and max.

    Notes
    -----
    The diagonal is ignored. A permutation costs one pass over the non-zero
    off-diagonal cells of the sparser relation (means and norms are
    permutation invariant and precomputed): O(R · nnz), plus O(n²) once.
    When both relations are layers of networks over the same actors and at
    most 1/8 of the cells are non-zero, the ties are read from the layers
    directly (no n × n matrix): O(R · nnz log degree), O(n + nnz) memory; same
    permutations, same statistic to rounding.
    sna's ``qaptest`` permutes the whole stack; the null distribution is the
    same, the draws differ, so compare p-values within Monte Carlo error.

    References
    ----------
    Krackhardt, D. (1988). Predicting with networks: Nonparametric multiple
    regression analysis of dyadic data. Social Networks 10(4), 359–381.
    doi:10.1016/0378-8733(88)90004-4

    Examples
    --------
    >>> import govnet
    >>> net = govnet.datasets.nanshan()
    >>> res = govnet.qap_test((net, "cross_appointment"), (net, "deliberation"),
    ...                       n_permutations=200, seed=1)
    >>> round(res.statistic, 4), round(res.p_greater, 3)
    (0.0663, 0.527)
    """
    R = _check_permutations(n_permutations)
    s = check_seed(seed)
    pc = check_p_convention(p_convention)
    sparse = _sparse_layers([x, y], directed)
    if sparse is not None:
        ((xr, xc, xv), (yr, yc, yv)), n_actors, d = sparse
        with progress_bar(progress, "QAP", R) as cb:
            # the binding takes std::vector, which the stub spells Sequence; numpy
            # arrays convert (pybind11/stl.h)
            out = _core.qap_test_sparse(
                xr, xc, xv, yr, yc, yv, n_actors, ordered=d, n_permutations=R, seed=s,  # type: ignore[arg-type]
                p_convention=pc, threads=check_threads(threads), progress=cb,
            )
    else:
        # the core copies the off-diagonal cells of both relations
        planned, core = _dense_plan([x, y], core_copies=2)
        with dense_budget("qap_test", planned):
            (mx, my), _, d = _relations([x, y], ["x", "y"], directed)
            n_actors = mx.shape[0]
            _reserve_core(core, "qap_test")
            with progress_bar(progress, "QAP", R) as cb:
                out = _core.qap_test(
                    mx, my, ordered=d, n_permutations=R, seed=s, p_convention=pc,
                    threads=check_threads(threads), progress=cb,
                )
    if math.isnan(out["statistic"]):
        raise InvalidNetworkError(
            "a relation is constant over the off-diagonal cells; the graph correlation is undefined"
        )
    null = np.asarray(out["null"])
    return QAPResult(
        statistic=float(out["statistic"]),
        p_greater=float(out["p_greater"]),
        p_less=float(out["p_less"]),
        p_two_sided=float(out["p_two_sided"]),
        **_null_summary(null),
        n_permutations=R,
        seed=s,
        directed=d,
        n_actors=n_actors,
        null_distribution=null if keep_null else None,
    )


@dataclass(frozen=True)
class MRQAPResult:
    """A regression QAP fit (see :func:`mrqap`). ``table`` is tidy: one row per term."""

    table: pd.DataFrame = field(repr=False, compare=False)
    family: str
    method: str
    n_obs: int
    df_residual: int
    r_squared: float
    adj_r_squared: float
    sigma: float
    deviance: float
    null_deviance: float
    aic: float
    bic: float
    n_permutations: int
    seed: int
    directed: bool
    null_distribution: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        head = (
            f"MRQAPResult({self.family}, method={self.method!r}, {self.n_obs} "
            f"{'ordered' if self.directed else 'unordered'} pairs, {self.n_permutations} "
            f"permutations, seed={self.seed}"
        )
        if self.family == "linear":
            head += f", R²={self.r_squared:.4f}, adj. R²={self.adj_r_squared:.4f})"
        else:
            head += (
                f", deviance={self.deviance:.4f}, null deviance={self.null_deviance:.4f}"
                f", AIC={self.aic:.4f})"
            )
        with pd.option_context("display.float_format", lambda v: f"{v:.4g}", "display.width", 120):
            return head + "\n" + self.table.to_string(index=False)

    def _repr_html_(self) -> str:
        rows: list[tuple[str, Any]] = [
            ("family", self.family),
            ("null hypothesis", self.method),
            ("observations (pairs)", self.n_obs),
            ("permutations", self.n_permutations),
            ("seed", self.seed),
        ]
        if self.family == "linear":
            rows += [
                ("R²", self.r_squared),
                ("adjusted R²", self.adj_r_squared),
                ("residual sd", self.sigma),
            ]
        else:
            rows += [
                ("deviance", self.deviance),
                ("null deviance", self.null_deviance),
                ("AIC", self.aic),
                ("BIC", self.bic),
            ]
        return _html(
            "Regression QAP (MRQAP)",
            rows,
            self.table.set_index("term"),
            "p-values are permutation p-values of the t (linear) or z (logistic) statistic.",
        )


def mrqap(
    y: Any,
    xs: Any,
    *,
    method: str = "dsp",
    family: str = "linear",
    directed: bool | None = None,
    intercept: bool = True,
    statistic: str = "t",
    n_permutations: int = 1000,
    seed: int | None = None,
    keep_null: bool = False,
    p_convention: str = "plus_one",
    threads: int | None = None,
    progress: bool | None = None,
) -> MRQAPResult:
    """Multiple regression QAP (sna ``netlm`` and ``netlogit``).

    Regresses the cells of the relation ``y`` on the cells of the relations
    ``xs`` (diagonal excluded): ``y_ij = b0 + sum_k b_k x_kij + e_ij``, or
    ``logit P(y_ij = 1) = ...``, and tests each coefficient by permutation.

    Parameters
    ----------
    y : relation
        As in :func:`qap_correlation`; binary (0/1) for ``family="logistic"``.
    xs : relation, list of relations, or dict name -> relation
        Predictors over the same actors. Names label the table (default x1, x2, ...).
    method : {"dsp", "qapy"}, default "dsp"
        ``"dsp"``: Dekker, Krackhardt & Snijders' (2007) double semi-partialling
        (sna ``nullhyp="qapspp"``, the default ``"qap"``): for each predictor,
        its residual on the other predictors is permuted and y is regressed on
        the others plus the permuted residual; robust to collinear predictors.
        ``"qapy"``: y permuted, all coefficients refitted (Krackhardt 1988).
        With only the intercept, "dsp" falls back to "qapy" (as sna).
    family : {"linear", "logistic"}, default "linear"
        Least squares (``netlm``) or logistic regression by IRLS (``netlogit``).
    directed : bool, optional
        Which cells are observations. Default: unordered pairs ``i < j`` when
        every relation is undirected (symmetric), else all ordered pairs.
        **sna fits all ordered pairs** (``mode="digraph"``) even for symmetric
        data, so each pair counts twice: pass ``directed=True`` to reproduce
        sna's numbers (coefficients unchanged, standard errors smaller by about
        √2 and p-values of the classical kind too small); the default counts
        each undirected pair once, which is the right sample size.
    intercept : bool, default True
    statistic : {"t", "beta"}, default "t"
        The permuted statistic: the t (linear) / z (logistic) value, sna's
        default, or the coefficient itself.
    n_permutations, seed, keep_null, p_convention, threads, progress
        As in :func:`qap_test` (``p_convention="sna"`` reproduces netlm's
        ``pgreq``, ``pleeq`` and ``pgreqabs``). Predictor k (in table order, intercept first)
        with "dsp" uses ``Rng(seed, k * n_permutations + i)``.

    Returns
    -------
    MRQAPResult
        ``table``: term, coef, std_error, statistic (t or z), p_greater,
        p_less, p_two_sided, as in :func:`qap_test`.
        Linear: ``r_squared``, ``adj_r_squared``, ``sigma``. Logistic:
        ``deviance``, ``null_deviance`` (of the intercept-only model; sna's
        ``null.deviance`` is that of p = 1/2, ``2 m log 2``), ``aic = deviance + 2q``,
        ``bic = deviance + q log m``.
        ``null_distribution`` (with ``keep_null``): permutations x terms.

    Notes
    -----
    Coefficients and standard errors are classical (QR least squares with
    ``sigma² (X'X)⁻¹``; IRLS with the inverse Fisher information); only the
    p-values come from permutations. The logistic fit follows R's ``glm.fit``
    (start ``mu = (y + 1/2) / 2``, stop when the relative deviance change
    ``|dev - dev_old| / (|dev| + 0.1)`` falls below 1e-8, standard errors from
    the last weighted solve), so it equals ``sna::netlogit`` to about 1e-8. Linear "dsp" costs one pass over the
    cells per permutation and predictor (Frisch–Waugh with precomputed
    cross-products); logistic permutations refit by IRLS, O(R q m q²).

    References
    ----------
    Dekker, D., Krackhardt, D., & Snijders, T. A. B. (2007). Sensitivity of
    MRQAP tests to collinearity and autocorrelation conditions. Psychometrika
    72(4), 563–581. doi:10.1007/s11336-007-9016-1

    Krackhardt, D. (1988). Predicting with networks. Social Networks 10(4),
    359–381. doi:10.1016/0378-8733(88)90004-4

    Examples
    --------
    >>> import govnet
    >>> net = govnet.datasets.nanshan()
    >>> fit = govnet.mrqap((net, "deliberation"), {"cross": (net, "cross_appointment")},
    ...                    n_permutations=100, seed=1)
    >>> list(fit.table["term"])
    ['(intercept)', 'cross']
    """
    if method not in ("dsp", "qapy"):
        raise InvalidParameterError(f"method must be 'dsp' or 'qapy', got {method!r}")
    if family not in ("linear", "logistic"):
        raise InvalidNetworkError(f"family must be 'linear' or 'logistic', got {family!r}")
    if statistic not in ("t", "beta"):
        raise InvalidParameterError(f"statistic must be 't' or 'beta', got {statistic!r}")
    if isinstance(xs, Mapping):
        names, objs = [str(k) for k in xs], list(xs.values())
    elif isinstance(xs, (list, tuple)) and not (
        isinstance(xs, tuple) and len(xs) == 2 and isinstance(xs[0], Network)
    ):
        objs = list(xs)
        names = [f"x{k + 1}" for k in range(len(objs))]
    else:
        objs, names = [xs], ["x1"]
    if not objs and not intercept:
        raise InvalidNetworkError("mrqap needs at least one predictor or the intercept")
    # the core: y and the design matrix (intercept + predictors) over the cells, and
    # the QR workspace of the design
    q = len(objs) + int(intercept)
    planned, core = _dense_plan([y, *objs], core_copies=1 + 2 * q)
    with dense_budget("mrqap", planned):
        mats, _, d = _relations([y, *objs], ["y", *names], directed)
        _reserve_core(core, "mrqap")
        return _mrqap_fit(mats, d, names, objs, intercept, family, method, statistic,
                          n_permutations, seed, p_convention, threads, progress, keep_null)


def _mrqap_fit(mats: list[np.ndarray], d: bool, names: list[str], objs: list[Any],
               intercept: bool, family: str, method: str, statistic: str, n_permutations: Any,
               seed: Any, p_convention: str, threads: Any, progress: Any,
               keep_null: bool) -> MRQAPResult:
    if family == "logistic":
        cells = ~np.eye(mats[0].shape[0], dtype=bool)
        bad = ~np.isin(mats[0][cells], (0.0, 1.0))
        if bad.any():
            raise InvalidNetworkError(
                f"logistic MRQAP needs a binary y (0/1); found {mats[0][cells][bad][0]}"
            )
    R = _check_permutations(n_permutations)
    s = check_seed(seed)
    pc = check_p_convention(p_convention)
    total = R * (len(objs) + int(intercept)) if method == "dsp" else R
    with progress_bar(progress, "MRQAP", total) as cb:
        out = _core.mrqap(
            mats[0],
            mats[1:],
            ordered=d,
            method=method,
            logistic=family == "logistic",
            intercept=intercept,
            beta_statistic=statistic == "beta",
            n_permutations=R,
            seed=s,
            p_convention=pc,
            threads=check_threads(threads),
            progress=cb,
        )
    terms = (["(intercept)"] if intercept else []) + names
    table = pd.DataFrame(
        {
            "term": terms,
            "coef": out["coefficients"],
            "std_error": out["std_errors"],
            "statistic": out["statistics"],
            "p_greater": out["p_greater"],
            "p_less": out["p_less"],
            "p_two_sided": out["p_abs"],
        }
    )
    q = len(terms)
    m = int(out["n_obs"])
    dev = float(out["deviance"]) if family == "logistic" else math.nan
    null = pd.DataFrame(np.asarray(out["null"]).reshape(R, q), columns=terms) if keep_null else None
    return MRQAPResult(
        table=table,
        family=family,
        method=method,
        n_obs=m,
        df_residual=int(out["df_residual"]),
        r_squared=float(out["r_squared"]) if family == "linear" else math.nan,
        adj_r_squared=float(out["adj_r_squared"]) if family == "linear" else math.nan,
        sigma=float(out["sigma"]) if family == "linear" else math.nan,
        deviance=dev,
        null_deviance=float(out["null_deviance"]) if family == "logistic" else math.nan,
        aic=dev + 2 * q if family == "logistic" else math.nan,
        bic=dev + q * math.log(m) if family == "logistic" else math.nan,
        n_permutations=R,
        seed=s,
        directed=d,
        null_distribution=null,
    )
