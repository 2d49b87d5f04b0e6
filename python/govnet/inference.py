"""Permutation inference for network data: QAP (二次指派程序), regression QAP
(MRQAP), node and graph permutation tests (置换检验), the E-I index (E-I 指数) and
Krackhardt's hierarchy measures (等级结构).

Ties between the same actors are not independent observations, so classical
standard errors overstate certainty. These tests compare an observed statistic
with its distribution when the actors are relabelled (QAP, Krackhardt 1988),
when residuals are permuted (Dekker, Krackhardt & Snijders 2007), or when the
network is replaced by a random graph with the same degrees or density.

Conventions shared by every test here (R sna's, so results compare directly):

* ``p_greater = mean(null >= observed)``, ``p_less = mean(null <= observed)``
  and ``p_two_sided = mean(|null| >= |observed|)``, over the ``n_permutations``
  null draws; the observed value is not counted in the null (as sna's
  ``qaptest`` and ``netlm``). Comparisons allow a tolerance of 1e-12 so that
  exact ties (common with binary data) count as ties despite rounding.
* Permutation ``i`` draws from ``govnet.Rng(seed, i)`` and fills slot ``i`` of
  the null distribution, so results are identical for any ``threads``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._common import as_network, check_seed, check_threads, dense_zeros, layer_of, progress_bar
from .errors import InvalidNetworkError
from .network import Network

__all__ = [
    "EIResult",
    "KrackhardtHierarchy",
    "MRQAPResult",
    "PermutationTestResult",
    "QAPResult",
    "ei_index",
    "krackhardt_hierarchy",
    "mrqap",
    "permutation_test",
    "qap_correlation",
    "qap_test",
]


# ---------------------------------------------------------------------------
# display helpers


def _fmt(v: Any) -> str:
    if isinstance(v, (float, np.floating)):
        return "nan" if math.isnan(v) else f"{v:.4g}"
    return str(v)


def _html(
    title: str, rows: Sequence[tuple[str, Any]], table: pd.DataFrame | None = None, note: str = ""
) -> str:
    body = "".join(
        f"<tr><th style='text-align:left'>{escape(k)}</th><td>{escape(_fmt(v))}</td></tr>"
        for k, v in rows
    )
    out = f"<div><strong>{escape(title)}</strong><table>{body}</table>"
    if table is not None:
        out += table.to_html(float_format=lambda x: f"{x:.4g}")
    if note:
        out += f"<p><small>{escape(note)}</small></p>"
    return out + "</div>"


def _null_summary(null: np.ndarray) -> dict[str, float]:
    ok = null[~np.isnan(null)]
    if ok.size == 0:
        return {
            "null_mean": math.nan,
            "null_sd": math.nan,
            "null_min": math.nan,
            "null_max": math.nan,
        }
    return {
        "null_mean": float(ok.mean()),
        "null_sd": float(ok.std(ddof=1)) if ok.size > 1 else math.nan,
        "null_min": float(ok.min()),
        "null_max": float(ok.max()),
    }


def _check_permutations(n_permutations: Any) -> int:
    if not isinstance(n_permutations, (int, np.integer)) or n_permutations < 1:
        raise InvalidNetworkError(
            f"n_permutations must be a positive integer, got {n_permutations!r}"
        )
    return int(n_permutations)


# ---------------------------------------------------------------------------
# relation matrices from Networks, (Network, relation) pairs, arrays, DataFrames


def _layer_matrix(net: Network, relation: Any) -> tuple[np.ndarray, bool]:
    g = layer_of(net, relation)
    n = len(net)
    mat = dense_zeros(n, n, "QAP relation matrix")
    src, dst, w = g.edges()
    mat[src, dst] = w
    if not g.directed:
        mat[dst, src] = w
    np.fill_diagonal(mat, 0.0)
    return mat, bool(g.directed)


def _relation(obj: Any, what: str) -> tuple[np.ndarray, pd.Index | None, bool | None]:
    """(matrix, actor labels or None, directed or None if unknown)."""
    if isinstance(obj, tuple) and len(obj) == 2 and not isinstance(obj[0], (int, float)):
        net = as_network(obj[0])
        mat, directed = _layer_matrix(net, obj[1])
        return mat, pd.Index(net.actor_ids), directed
    if isinstance(obj, Network) or type(obj).__module__.startswith("networkx"):
        net = as_network(obj)
        mat, directed = _layer_matrix(net, None)
        return mat, pd.Index(net.actor_ids), directed
    if isinstance(obj, pd.DataFrame):
        if not obj.index.equals(obj.columns):
            if set(obj.index) != set(obj.columns) or obj.index.has_duplicates:
                raise InvalidNetworkError(
                    f"{what}: a DataFrame relation needs the same actor labels on rows and columns"
                )
            obj = obj.loc[:, obj.index]
        mat = _numeric(obj.to_numpy(), what)
        return mat, pd.Index(obj.index.astype(str)), None
    return _numeric(obj, what), None, None


def _numeric(a: Any, what: str) -> np.ndarray:
    try:
        mat = np.array(a, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidNetworkError(f"{what}: cannot read as a numeric matrix ({exc})") from None
    if mat.ndim != 2 or mat.shape[0] != mat.shape[1]:
        raise InvalidNetworkError(
            f"{what}: expected a square actor x actor matrix, got shape {mat.shape}"
        )
    bad = ~np.isfinite(mat)
    np.fill_diagonal(bad, False)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise InvalidNetworkError(f"{what}: non-finite value {mat[i, j]} at row {i}, column {j}")
    mat = mat.copy()
    np.fill_diagonal(mat, 0.0)  # the diagonal is never used
    return mat


def _relations(
    objs: Sequence[Any], names: Sequence[str], directed: bool | None
) -> tuple[list[np.ndarray], pd.Index | None, bool]:
    """Aligned matrices over the same actors, and whether to use ordered pairs."""
    parsed = [_relation(o, w) for o, w in zip(objs, names)]
    labels = next((lab for _, lab, _ in parsed if lab is not None), None)
    n = parsed[0][0].shape[0]
    mats = []
    for (mat, lab, _), name in zip(parsed, names):
        if mat.shape[0] != n:
            raise InvalidNetworkError(
                f"{name} has {mat.shape[0]} actors but {names[0]} has {n}; relations must cover "
                "the same actors"
            )
        if lab is not None and labels is not None and not lab.equals(labels):
            if set(lab) != set(labels):
                missing = sorted(set(labels) ^ set(lab))[:3]
                raise InvalidNetworkError(
                    f"{name}: actor labels differ from {names[0]}'s, e.g. {missing}"
                )
            order = lab.get_indexer(labels)
            mat = mat[np.ix_(order, order)]
        mats.append(mat)
    if directed is None:
        flags = [d for _, _, d in parsed]
        if any(d is True for d in flags):
            directed = True
        else:
            directed = not all(np.allclose(m, m.T, rtol=0, atol=0) for m in mats)
    elif not directed:
        for m, name in zip(mats, names):
            if not np.array_equal(m, m.T):
                i, j = np.argwhere(m != m.T)[0]
                raise InvalidNetworkError(
                    f"{name} is not symmetric (cell {i},{j} = {m[i, j]} but {j},{i} = {m[j, i]}); "
                    "use directed=True"
                )
    if n < 3:
        raise InvalidNetworkError(f"QAP needs at least 3 actors, got {n}")
    return mats, labels, bool(directed)


# ---------------------------------------------------------------------------
# QAP correlation


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
    >>> -1 <= r <= 1
    True
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
    threads, progress
        Worker threads (default all); a progress bar (default: interactive sessions).

    Returns
    -------
    QAPResult
        ``statistic`` (r), ``p_greater = mean(null >= r)`` (sna's ``pgreq``),
        ``p_less = mean(null <= r)`` (``pleeq``), ``p_two_sided = mean(|null| >= |r|)``,
        the null's mean, sd (n-1 denominator), min and max.

    Notes
    -----
    The diagonal is ignored. A permutation costs one pass over the non-zero
    off-diagonal cells of the sparser relation (means and norms are
    permutation invariant and precomputed): O(R · nnz), plus O(n²) once.
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
    >>> 0 <= res.p_greater <= 1
    True
    """
    (mx, my), _, d = _relations([x, y], ["x", "y"], directed)
    R = _check_permutations(n_permutations)
    s = check_seed(seed)
    with progress_bar(progress, "QAP", R) as cb:
        out = _core.qap_test(
            mx, my, ordered=d, n_permutations=R, seed=s, threads=check_threads(threads), progress=cb
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
        n_actors=mx.shape[0],
        null_distribution=null if keep_null else None,
    )


# ---------------------------------------------------------------------------
# MRQAP


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
    n_permutations, seed, keep_null, threads, progress
        As in :func:`qap_test`. Predictor k (in table order, intercept first)
        with "dsp" uses ``Rng(seed, k * n_permutations + i)``.

    Returns
    -------
    MRQAPResult
        ``table``: term, coef, std_error, statistic (t or z), p_greater,
        p_less, p_two_sided (``mean(|null| >= |stat|)``, sna's ``pgreqabs``).
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
        raise InvalidNetworkError(f"method must be 'dsp' or 'qapy', got {method!r}")
    if family not in ("linear", "logistic"):
        raise InvalidNetworkError(f"family must be 'linear' or 'logistic', got {family!r}")
    if statistic not in ("t", "beta"):
        raise InvalidNetworkError(f"statistic must be 't' or 'beta', got {statistic!r}")
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
    mats, _, d = _relations([y, *objs], ["y", *names], directed)
    if family == "logistic":
        cells = ~np.eye(mats[0].shape[0], dtype=bool)
        bad = ~np.isin(mats[0][cells], (0.0, 1.0))
        if bad.any():
            raise InvalidNetworkError(
                f"logistic MRQAP needs a binary y (0/1); found {mats[0][cells][bad][0]}"
            )
    R = _check_permutations(n_permutations)
    s = check_seed(seed)
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


# ---------------------------------------------------------------------------
# Krackhardt's (1994) graph-level measures


def _reachability(adj: np.ndarray) -> np.ndarray:
    """Boolean reachability with r[i, i] = True (sna's convention), by repeated squaring."""
    r = (adj != 0) | np.eye(adj.shape[0], dtype=bool)
    while True:
        r2 = (r.astype(np.int64) @ r.astype(np.int64)) > 0
        if np.array_equal(r2, r):
            return r
        r = r2


def _weak_components(adj: np.ndarray) -> np.ndarray:
    sym = _reachability((adj != 0) | (adj.T != 0))
    labels = -np.ones(adj.shape[0], dtype=np.int64)
    c = 0
    for v in range(adj.shape[0]):
        if labels[v] < 0:
            labels[sym[v]] = c
            c += 1
    return labels


def _connectedness(adj: np.ndarray) -> float:
    n = adj.shape[0]
    if n <= 1:
        return 1.0
    sizes = np.bincount(_weak_components(adj)).astype(float)
    return float((sizes * (sizes - 1) / 2).sum() / (n * (n - 1) / 2))


def _hierarchy(adj: np.ndarray) -> float:
    r = _reachability(adj)
    iu = np.triu_indices(adj.shape[0], 1)
    a, b = r[iu], r.T[iu]
    nonnull = int((a | b).sum())
    return math.nan if nonnull == 0 else 1.0 - int((a & b).sum()) / nonnull


def _efficiency(adj: np.ndarray) -> float:
    sizes = np.bincount(_weak_components(adj)).astype(float)
    req = (sizes - 1).sum()
    maxv = (sizes * (sizes - 1) - (sizes - 1)).sum()
    a = adj.copy()
    np.fill_diagonal(a, 0)
    return math.nan if maxv == 0 else float(1 - ((a != 0).sum() - req) / maxv)


def _lubness(adj: np.ndarray) -> float:
    r = _reachability(adj)
    comp = _weak_components(adj)
    viol = 0.0
    maxv = 0.0
    for c in np.unique(comp):
        vi = np.flatnonzero(comp == c)
        s = vi.size
        if s <= 2:
            continue
        rc = r[np.ix_(vi, vi)]
        maxv += (s - 1) * (s - 2) / 2
        for i in range(s):
            for j in range(i + 1, s):
                ub = rc[:, i] & rc[:, j]  # upper bounds: reach both i and j
                sub = rc[np.ix_(ub, ub)]
                if not sub.all(axis=1).any():  # no upper bound reaching all the others
                    viol += 1
    return math.nan if maxv == 0 else 1.0 - viol / maxv


_GRAPH_STATS: dict[str, Callable[[np.ndarray], float]] = {
    "connectedness": _connectedness,
    "hierarchy": _hierarchy,
    "efficiency": _efficiency,
    "lubness": _lubness,
}


@dataclass(frozen=True)
class KrackhardtHierarchy:
    """Krackhardt's (1994) four dimensions of informal hierarchy (1 = an out-tree)."""

    connectedness: float
    hierarchy: float
    efficiency: float
    lubness: float

    def __repr__(self) -> str:
        return (
            f"KrackhardtHierarchy(connectedness={self.connectedness:.4f}, "
            f"hierarchy={self.hierarchy:.4f}, efficiency={self.efficiency:.4f}, "
            f"lubness={self.lubness:.4f})"
        )

    def _repr_html_(self) -> str:
        return _html(
            "Krackhardt (1994) hierarchy",
            [
                ("connectedness", self.connectedness),
                ("hierarchy", self.hierarchy),
                ("efficiency", self.efficiency),
                ("least-upper-boundedness", self.lubness),
            ],
            note="Each is 1 for an out-tree (a pure chain of command).",
        )


def krackhardt_hierarchy(net: Any, *, relation: Any = None) -> KrackhardtHierarchy:
    """Krackhardt's (1994) graph-theoretical dimensions of informal organisation.

    On the relation's adjacency matrix A (an undirected layer counts each tie
    both ways, as sna does with a symmetric matrix):

    * connectedness: share of unordered pairs in the same weak component
      (sna ``connectedness``);
    * hierarchy: ``1 - M / P`` over unordered pairs of the reachability
      matrix, M pairs reaching each other, P pairs with any reachability
      (sna ``hierarchy(measure="krackhardt")``; NaN when P = 0; 0 for any
      undirected network);
    * efficiency: ``1 - (ties - sum_c (n_c - 1)) / sum_c (n_c (n_c - 1) - (n_c - 1))``
      over weak components c (sna ``efficiency``);
    * least-upper-boundedness: share of pairs inside each weak component
      (more than 2 actors) that have an upper bound reaching every other upper
      bound — a common "boss" (sna ``lubness``; NaN without such components).

    Weights are ignored; the core tier (一核) directing everyone gives 1 on all four.
    O(n³ log n) for reachability, O(n⁴) worst case for lubness: meant for
    community-sized networks (hundreds of actors).

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal
    organizations. In K. Carley & M. Prietula (Eds.), Computational
    Organization Theory (pp. 89–111). Hillsdale, NJ: Lawrence Erlbaum.

    Examples
    --------
    >>> import govnet
    >>> h = govnet.krackhardt_hierarchy(govnet.datasets.nanshan(), relation="leadership")
    >>> 0 <= h.hierarchy <= 1
    True
    """
    net = as_network(net)
    adj, _ = _layer_matrix(net, relation)
    return KrackhardtHierarchy(*(float(f(adj)) for f in _GRAPH_STATS.values()))


# ---------------------------------------------------------------------------
# node / graph permutation tests


@dataclass(frozen=True)
class PermutationTestResult:
    """Observed statistic against a null model (see :func:`permutation_test`)."""

    statistic_name: str
    statistic: float
    p_greater: float
    p_less: float
    p_two_sided: float
    null_mean: float
    null_sd: float
    null_min: float
    null_max: float
    null: str
    actors: tuple[str, ...] | None
    n_permutations: int
    seed: int
    null_distribution: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        if self.actors is None:
            who = ""
        elif len(self.actors) <= 3:
            who = f" of {', '.join(self.actors)}"
        else:
            who = f" (mean of {len(self.actors)} actors)"
        return (
            f"PermutationTestResult({self.statistic_name}{who}={self.statistic:.4g}, "
            f"null={self.null!r}: mean {self.null_mean:.4g} sd {self.null_sd:.4g}, "
            f"p_greater={self.p_greater:.4g}, p_less={self.p_less:.4g}, "
            f"{self.n_permutations} permutations, seed={self.seed})"
        )

    def _repr_html_(self) -> str:
        rows: list[tuple[str, Any]] = [("statistic", self.statistic_name)]
        if self.actors is not None:
            rows.append(("actors", ", ".join(self.actors)))
        rows += [
            ("observed", self.statistic),
            ("null model", self.null),
            ("null mean", self.null_mean),
            ("null sd", self.null_sd),
            ("P(null ≥ observed)", self.p_greater),
            ("P(null ≤ observed)", self.p_less),
            ("permutations", self.n_permutations),
            ("seed", self.seed),
        ]
        return _html("Permutation test", rows)


_NULLS = ("label", "rewire", "gnm")


def _graph_network(net: Network, g: Any, name: str) -> Network:
    src, dst, w = g.edges()
    ids = np.asarray(net.actor_ids)
    actors = net.actors.reset_index().rename(columns={"index": "id"})
    if "id" not in actors.columns:
        actors = actors.rename(columns={actors.columns[0]: "id"})
    ties = pd.DataFrame({"source": ids[src], "target": ids[dst], "relation": name, "weight": w})
    return Network.from_frames(actors, ties, directed={name: bool(g.directed)})


def permutation_test(
    net: Any,
    statistic: str | Callable[[Network], float] = "degree",
    *,
    relation: Any = None,
    actors: Sequence[Any] | None = None,
    null: str = "label",
    n_permutations: int = 1000,
    seed: int | None = None,
    swaps_per_edge: float = 10.0,
    keep_null: bool = False,
    threads: int | None = None,
    progress: bool | None = None,
) -> PermutationTestResult:
    """Is a centrality of some actors, or a graph statistic, larger than chance?

    Parameters
    ----------
    net : Network or networkx graph
    statistic : str or callable, default "degree"
        ``"degree"`` or ``"betweenness"``: the mean of networkx's normalised
        :func:`govnet.degree_centrality` / :func:`govnet.betweenness_centrality`
        over ``actors``. ``"connectedness"``, ``"hierarchy"``, ``"efficiency"``,
        ``"lubness"``: Krackhardt's measures (:func:`krackhardt_hierarchy`).
        A callable ``f(Network) -> float`` receives a Network with the same
        actors and one layer (named like ``relation``, or ``"null"``) holding
        the observed or the null graph.
    relation : str, list of str, or None
        The layer (or aggregate of layers) tested.
    actors : sequence of actor ids, optional
        Whose centrality (node statistics only). Default: the core tier (一核).
    null : {"label", "rewire", "gnm"}, default "label"
        ``"label"``: actors relabelled uniformly (for a node statistic: a
        random set of the same size; leaves graph statistics unchanged, so it
        is refused for them). ``"rewire"``: degree-preserving double edge
        swaps (in- and out-degrees on directed layers; no self-loops or
        multi-ties; ``swaps_per_edge`` × m attempted swaps). ``"gnm"``: a
        uniform random graph with the same number of actors and ties.
    n_permutations, seed, keep_null, threads, progress
        As in :func:`qap_test`. Null graph i comes from ``Rng(seed, i)``.
        Callables and Krackhardt measures run in Python, one null graph at a time.

    Returns
    -------
    PermutationTestResult
        observed ``statistic``, null summary and p-values (``p_greater`` is
        the usual one-sided "larger than chance" test).

    Notes
    -----
    Null graphs are unweighted and simple: the observed statistic is computed
    on the layer as stored (degree ignores weights; betweenness uses hops).
    Built-in node statistics run in C++ in parallel: O(R (n + m)) for degree
    and O(R n m) for betweenness under "rewire"/"gnm"; "label" computes the
    centrality once.

    References
    ----------
    Maslov, S., & Sneppen, K. (2002). Specificity and stability in topology of
    protein networks. Science 296(5569), 910–913. doi:10.1126/science.1065103

    Examples
    --------
    >>> import govnet
    >>> net = govnet.datasets.nanshan()
    >>> res = govnet.permutation_test(net, "degree", relation="leadership",
    ...                               n_permutations=200, seed=1)
    >>> round(res.statistic, 3)  # the Party committee (一核) leads 11 of 14 others
    0.786
    """
    net = as_network(net)
    if null not in _NULLS:
        raise InvalidNetworkError(f"null must be one of {_NULLS}, got {null!r}")
    R = _check_permutations(n_permutations)
    s = check_seed(seed)
    if not (isinstance(swaps_per_edge, (int, float)) and swaps_per_edge >= 0):
        raise InvalidNetworkError(
            f"swaps_per_edge must be a non-negative number, got {swaps_per_edge!r}"
        )
    g = layer_of(net, relation)
    who: tuple[str, ...] | None = None
    if statistic in ("degree", "betweenness"):
        chosen = net.tier_of("core") if actors is None else list(actors)
        if not chosen:
            raise InvalidNetworkError(
                "no actors to test: the network has no core-tier actor; pass actors="
            )
        pos = [int(p) for p in net.positions(chosen)]
        who = tuple(str(net.actor_ids[p]) for p in pos)
        with progress_bar(progress, f"permutation test ({statistic})", R) as cb:
            out = _core.node_permutation_test(
                g,
                pos,
                statistic=statistic,
                model=null,
                n_permutations=R,
                seed=s,
                swaps_per_edge=float(swaps_per_edge),
                threads=check_threads(threads),
                progress=cb,
            )
        obs = float(out["statistic"])
        nd = np.asarray(out["null"])
        p = (float(out["p_greater"]), float(out["p_less"]), float(out["p_two_sided"]))
        name = statistic
    else:
        if actors is not None:
            raise InvalidNetworkError(
                "actors= applies to the node statistics 'degree' and 'betweenness' only"
            )
        if isinstance(statistic, str):
            if statistic not in _GRAPH_STATS:
                raise InvalidNetworkError(
                    f"unknown statistic {statistic!r}; built-ins: degree, betweenness, "
                    f"{', '.join(_GRAPH_STATS)}, or pass a callable"
                )
            if null == "label":
                raise InvalidNetworkError(
                    f"relabelling actors leaves {statistic!r} unchanged; use null='rewire' or 'gnm'"
                )
            fn = _GRAPH_STATS[statistic]

            def evaluate(h: Any) -> float:
                a = dense_zeros(len(net), len(net), "permutation test matrix")
                src, dst, _ = h.edges()
                a[src, dst] = 1
                if not h.directed:
                    a[dst, src] = 1
                return float(fn(a))

            name = statistic
        elif callable(statistic):
            layer_name = relation if isinstance(relation, str) else "null"
            user = statistic

            def evaluate(h: Any) -> float:
                return float(user(_graph_network(net, h, layer_name)))

            name = getattr(statistic, "__name__", "statistic")
        else:
            raise InvalidNetworkError(f"statistic must be a name or a callable, got {statistic!r}")
        obs = evaluate(g)
        nd = np.empty(R)
        with progress_bar(progress, f"permutation test ({name})", R) as cb:
            for i in range(R):
                nd[i] = evaluate(_core.null_graph(g, null, s, i, float(swaps_per_edge)))
                if cb is not None and (i % 10 == 9 or i == R - 1):
                    cb(i + 1, R)
        tol = 1e-12 * max(1.0, abs(obs))
        ok = ~np.isnan(nd)
        k = max(int(ok.sum()), 1)
        p = (
            float((nd[ok] >= obs - tol).sum() / k),
            float((nd[ok] <= obs + tol).sum() / k),
            float((np.abs(nd[ok]) >= abs(obs) - tol).sum() / k),
        )
        if math.isnan(obs) or not ok.any():
            p = (math.nan, math.nan, math.nan)
    return PermutationTestResult(
        statistic_name=name,
        statistic=obs,
        p_greater=p[0],
        p_less=p[1],
        p_two_sided=p[2],
        **_null_summary(nd),
        null=null,
        actors=who,
        n_permutations=R,
        seed=s,
        null_distribution=nd if keep_null else None,
    )


# ---------------------------------------------------------------------------
# E-I index


@dataclass(frozen=True)
class EIResult:
    """E-I index of a partition, global and per group (see :func:`ei_index`)."""

    ei: float
    external: int
    internal: int
    p_greater: float
    p_less: float
    p_two_sided: float
    null_mean: float
    null_sd: float
    groups: pd.DataFrame = field(repr=False, compare=False)
    n_permutations: int
    seed: int
    null_distribution: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        with pd.option_context("display.float_format", lambda v: f"{v:.4g}", "display.width", 120):
            return (
                f"EIResult(E-I={self.ei:.4f} (E={self.external}, I={self.internal}), "
                f"null mean {self.null_mean:.4f} sd {self.null_sd:.4f}, "
                f"p_greater={self.p_greater:.4g}, p_less={self.p_less:.4g}, "
                f"{self.n_permutations} permutations, seed={self.seed})\n" + self.groups.to_string()
            )

    def _repr_html_(self) -> str:
        return _html(
            "E-I index (Krackhardt & Stern 1988)",
            [
                ("E-I (global)", self.ei),
                ("external ties", self.external),
                ("internal ties", self.internal),
                ("null mean", self.null_mean),
                ("P(null ≥ E-I)", self.p_greater),
                ("P(null ≤ E-I)", self.p_less),
                ("permutations", self.n_permutations),
                ("seed", self.seed),
            ],
            self.groups,
            "−1: all ties inside groups; +1: all ties across groups.",
        )


def ei_index(
    net: Any,
    groups: str | Mapping[Any, Any] | pd.Series = "tier",
    *,
    relation: Any = None,
    n_permutations: int = 1000,
    seed: int | None = None,
    keep_null: bool = False,
    threads: int | None = None,
    progress: bool | None = None,
) -> EIResult:
    """Krackhardt & Stern's (1988) E-I index across groups, with a permutation test.

    ``EI = (E - I) / (E + I)``: E ties join different groups, I ties the same
    group; −1 means every tie stays inside a group (closed tiers), +1 that
    every tie crosses groups. A group's index uses the ties with at least one
    end in it (E_g: to other groups, I_g: inside). By default the groups are
    the tiers: core (一核), support (支撑), plural (多元), external.

    Parameters
    ----------
    net : Network or networkx graph
    groups : str, mapping or Series, default "tier"
        An actor attribute column, or a mapping actor id -> group.
    relation : str, list of str, or None
    n_permutations, seed, keep_null, threads, progress
        Group labels are permuted over actors (group sizes kept), as
        Krackhardt & Stern's test; p-values as in :func:`qap_test`.

    Returns
    -------
    EIResult
        Global ``ei``, ``external``, ``internal``, p-values and null summary;
        ``groups``: DataFrame indexed by group with external, internal, ei,
        null_mean, p_greater, p_less.

    Notes
    -----
    Each tie counts once (directed arcs once each); weights and self-loops are
    ignored. NaN when there are no ties (for a group: none touching it).
    O(R (n + m)).

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and
    organizational crises: An experimental simulation. Social Psychology
    Quarterly 51(2), 123–140. doi:10.2307/2786835

    Examples
    --------
    >>> import govnet
    >>> res = govnet.ei_index(govnet.datasets.nanshan(), relation="leadership",
    ...                       n_permutations=100, seed=1)
    >>> res.ei
    1.0
    """
    net = as_network(net)
    R = _check_permutations(n_permutations)
    s = check_seed(seed)
    if isinstance(groups, str):
        table = net.actors
        if groups not in table.columns:
            raise InvalidNetworkError(
                f"no actor attribute {groups!r}; attributes: {list(table.columns)}"
            )
        labels = table[groups]
    else:
        mapping = pd.Series(groups) if isinstance(groups, Mapping) else groups
        mapping.index = mapping.index.astype(str)
        missing = [a for a in net.actor_ids if a not in mapping.index]
        if missing:
            raise InvalidNetworkError(f"groups: no group for actor {missing[0]!r}")
        labels = mapping.reindex(net.actor_ids)
    if labels.isna().any():
        raise InvalidNetworkError(
            f"groups: missing group for actor {labels.index[labels.isna()][0]!r}"
        )
    cats = pd.Categorical(labels.astype(str))
    codes = np.asarray(cats.codes, dtype=np.int32)
    names = list(cats.categories)
    g = layer_of(net, relation)
    with progress_bar(progress, "E-I index", R) as cb:
        out = _core.ei_test(
            g,
            codes,
            len(names),
            n_permutations=R,
            seed=s,
            threads=check_threads(threads),
            progress=cb,
        )
    tests = out["tests"]
    nulls = [np.asarray(t["null"]) for t in tests]
    per_group = pd.DataFrame(
        {
            "external": np.asarray(out["group_external"], dtype=np.int64),
            "internal": np.asarray(out["group_internal"], dtype=np.int64),
            "ei": [t["statistic"] for t in tests[1:]],
            "null_mean": [_null_summary(nl)["null_mean"] for nl in nulls[1:]],
            "p_greater": [t["p_greater"] for t in tests[1:]],
            "p_less": [t["p_less"] for t in tests[1:]],
        },
        index=pd.Index(names, name="group"),
    )
    summ = _null_summary(nulls[0])
    nd = pd.DataFrame(np.column_stack(nulls), columns=["(global)", *names]) if keep_null else None
    return EIResult(
        ei=float(tests[0]["statistic"]),
        external=int(out["external"]),
        internal=int(out["internal"]),
        p_greater=float(tests[0]["p_greater"]),
        p_less=float(tests[0]["p_less"]),
        p_two_sided=float(tests[0]["p_two_sided"]),
        null_mean=summ["null_mean"],
        null_sd=summ["null_sd"],
        groups=per_group,
        n_permutations=R,
        seed=s,
        null_distribution=nd,
    )
