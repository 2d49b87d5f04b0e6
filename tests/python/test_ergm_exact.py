"""ERGM estimation against exact results on tiny networks: every graph on 6 nodes
(undirected, 32,768 graphs) or 4 nodes (directed, 4,096) enumerated, the exact MLE,
its standard errors and expected statistics computed by brute force in numpy;
MPLE against a brute-force logistic regression."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import govnet
from govnet.ergm import Control


def _all_graphs(n: int, directed: bool) -> np.ndarray:
    dyads = ([(i, j) for i in range(n) for j in range(n) if i != j] if directed
             else list(itertools.combinations(range(n), 2)))
    G = 2 ** len(dyads)
    bits = ((np.arange(G)[:, None] >> np.arange(len(dyads))) & 1).astype(np.int8)
    A = np.zeros((G, n, n), dtype=np.int8)
    for k, (i, j) in enumerate(dyads):
        A[:, i, j] = bits[:, k]
        if not directed:
            A[:, j, i] = bits[:, k]
    return A


def _stats(A: np.ndarray, names: list[str], directed: bool, grp: np.ndarray) -> np.ndarray:
    """Brute-force statistics of every graph (rows) in numpy."""
    Af = A.astype(float)
    two = Af @ Af
    deg = Af.sum(axis=2)
    indeg = Af.sum(axis=1)
    half = 1.0 if directed else 0.5
    same = (grp[:, None] == grp[None, :]).astype(float)
    out = []
    for nm in names:
        if nm == "edges":
            out.append(Af.sum(axis=(1, 2)) * half)
        elif nm == "mutual":
            out.append((Af * Af.transpose(0, 2, 1)).sum(axis=(1, 2)) / 2)
        elif nm == "triangle":
            out.append(np.einsum("gij,gjk,gki->g", Af, Af, Af) / 6)
        elif nm == "ttriple":
            out.append((two * Af).sum(axis=(1, 2)))
        elif nm == "ctriple":
            out.append(np.einsum("gij,gjk,gki->g", Af, Af, Af) / 3)
        elif nm == "kstar2":
            out.append((deg * (deg - 1) / 2).sum(axis=1))
        elif nm == "istar2":
            out.append((indeg * (indeg - 1) / 2).sum(axis=1))
        elif nm == "nodematch.grp":
            out.append((Af * same).sum(axis=(1, 2)) * half)
        elif nm.startswith("gwesp.fixed."):
            a = float(nm.split(".fixed.")[1])
            r = 1 - np.exp(-a)
            out.append(np.exp(a) * ((1 - r ** two) * Af).sum(axis=(1, 2)) * half)
        elif nm.startswith("gwdeg.fixed."):
            a = float(nm.split(".fixed.")[1])
            r = 1 - np.exp(-a)
            out.append(np.exp(a) * (1 - r ** deg).sum(axis=1))
        else:
            raise KeyError(nm)
    return np.column_stack(out)


def _exact_mle(S: np.ndarray, obs: np.ndarray, fixed: dict[int, float] | None = None,
               obs_rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Newton on the exact log-likelihood (with missing dyads: observed-data likelihood,
    the numerator summed over the graphs in obs_rows). Returns MLE, covariance, E[g]."""
    p = S.shape[1]
    fixed = fixed or {}
    free = [k for k in range(p) if k not in fixed]
    th = np.zeros(p)
    for k, v in fixed.items():
        th[k] = v

    def moments(rows: np.ndarray | None, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        X = S if rows is None else S[rows]
        a = X @ t
        w = np.exp(a - a.max())
        w /= w.sum()
        mu = w @ X
        return mu, (X - mu).T @ ((X - mu) * w[:, None])

    for _ in range(200):
        mu, C = moments(None, th)
        if obs_rows is None:
            target, Co = obs, np.zeros((p, p))
        else:
            target, Co = moments(obs_rows, th)
        g = (target - mu)[free]
        H = (C - Co)[np.ix_(free, free)]
        step = np.linalg.solve(H, g)
        th[free] += step
        if np.abs(step).max() < 1e-12:
            break
    mu, C = moments(None, th)
    Co = np.zeros((p, p)) if obs_rows is None else moments(obs_rows, th)[1]
    cov = np.linalg.inv((C - Co)[np.ix_(free, free)])
    return th, cov, mu


def _net(n: int, edges: list[tuple[int, int]], directed: bool) -> govnet.Network:
    ids = [f"n{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "tier": "plural", "kind": "node",
                           "grp": ["x" if i % 2 else "y" for i in range(n)]})
    ties = pd.DataFrame({"source": [ids[i] for i, _ in edges], "target": [ids[j] for _, j in edges]})
    return govnet.Network.from_frames(actors, ties, directed=directed)


UND_EDGES = [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (1, 3)]
DIR_EDGES = [(0, 1), (1, 0), (2, 3), (1, 3), (3, 0), (2, 1)]
CTL = Control(samplesize=512, chains=4)

_CACHE: dict[tuple[int, bool], np.ndarray] = {}


def _graphs(n: int, directed: bool) -> np.ndarray:
    if (n, directed) not in _CACHE:
        _CACHE[(n, directed)] = _all_graphs(n, directed)
    return _CACHE[(n, directed)]


@pytest.mark.parametrize("formula,directed", [
    ("edges + triangle", False),
    ("edges + kstar(2)", False),
    ("edges + nodematch('grp') + gwesp(0.5, fixed=True)", False),
    ("edges + gwesp(0.7, fixed=True) + gwdegree(0.5, fixed=True)", False),
    ("edges + mutual + ttriple", True),
    ("edges + istar(2) + ctriple", True),
])
def test_mcmle_matches_exact_mle(formula: str, directed: bool) -> None:
    n, edges = (4, DIR_EDGES) if directed else (6, UND_EDGES)
    net = _net(n, edges, directed)
    fit = govnet.ergm(net, formula, control=CTL, seed=11)
    names = list(fit.coef.index)
    grp = np.array(["x" if i % 2 else "y" for i in range(n)])
    S = _stats(_graphs(n, directed), names, directed, grp)
    obs = fit.observed.to_numpy()
    th, cov, mu = _exact_mle(S, obs)
    np.testing.assert_allclose(mu, obs, atol=1e-8)  # the exact MLE solves E[g] = g(y)
    se_mcmc = fit.se_mcmc.to_numpy()
    assert np.all(se_mcmc > 0)
    # within 4 reported MCMC standard errors (plus a small floor)
    np.testing.assert_array_less(np.abs(fit.coef.to_numpy() - th), 4 * se_mcmc + 0.01)
    np.testing.assert_allclose(fit.se_model.to_numpy(), np.sqrt(np.diag(cov)), rtol=0.1)
    # exact log-likelihood vs bridge sampling
    a = S @ th
    ll = float(obs @ th - (a.max() + np.log(np.exp(a - a.max()).sum())))
    assert abs(fit.loglik - ll) < 4 * fit.loglik_se + 0.02
    # MPLE: logistic regression on brute-force change statistics
    mple = govnet.ergm(net, formula, estimate="MPLE", loglik=False)
    np.testing.assert_allclose(mple.coef.to_numpy(), _brute_mple(net, names, directed, grp, n),
                               atol=1e-7)


def _brute_mple(net: govnet.Network, names: list[str], directed: bool, grp: np.ndarray,
                n: int) -> np.ndarray:
    A = np.zeros((n, n), dtype=np.int8)
    for _, r in net.ties().iterrows():
        i, j = net.position(r["source"]), net.position(r["target"])
        A[i, j] = 1
        if not directed:
            A[j, i] = 1
    dyads = ([(i, j) for i in range(n) for j in range(n) if i != j] if directed
             else list(itertools.combinations(range(n), 2)))
    X, y = _change_rows(A, dyads, directed, lambda B: _stats(B[None], names, directed, grp)[0])
    return _newton_logistic(X, y)


def _change_rows(A: np.ndarray, dyads: list[tuple[int, int]], directed: bool,
                 stats: Callable[[np.ndarray], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(X, y): change statistics g(y+ij) - g(y-ij) of each dyad by recomputing g."""
    X, y = [], []
    for i, j in dyads:
        on, off = A.copy(), A.copy()
        on[i, j], off[i, j] = 1, 0
        if not directed:
            on[j, i], off[j, i] = 1, 0
        X.append(np.asarray(stats(on)) - np.asarray(stats(off)))
        y.append(A[i, j])
    return np.array(X, dtype=float), np.array(y, dtype=float)


def _newton_logistic(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Plain Newton on the logistic log-likelihood."""
    b = np.zeros(X.shape[1])
    for _ in range(100):
        mu = 1 / (1 + np.exp(-X @ b))
        step = np.linalg.solve((X * (mu * (1 - mu))[:, None]).T @ X, X.T @ (y - mu))
        b += step
        if np.abs(step).max() < 1e-13:
            break
    return b


def test_missing_dyads_match_the_exact_observed_data_mle() -> None:
    n = 6
    net = _net(n, UND_EDGES, False)
    missing = pd.DataFrame({"source": ["n0", "n2", "n4"], "target": ["n3", "n5", "n1"]})
    fit = govnet.ergm(net, "edges + gwesp(0.5, fixed=True)", missing=missing, control=CTL, seed=3)
    assert fit.missing_dyads == 3 and fit.nobs == 15 - 3
    A = _graphs(n, False)
    S = _stats(A, ["edges", "gwesp.fixed.0.5"], False, np.zeros(n))
    obsA = np.zeros((n, n), dtype=np.int8)
    for i, j in UND_EDGES:
        obsA[i, j] = obsA[j, i] = 1
    miss = np.zeros((n, n), dtype=bool)
    for i, j in [(0, 3), (2, 5), (4, 1)]:
        miss[i, j] = miss[j, i] = True
    agree = np.all((A == obsA) | miss, axis=(1, 2))
    th, _cov, _mu = _exact_mle(S, np.zeros(2), obs_rows=np.flatnonzero(agree))
    np.testing.assert_array_less(np.abs(fit.coef.to_numpy() - th), 4 * fit.se_mcmc.to_numpy() + 0.01)


def test_offset_is_held_fixed() -> None:
    n = 6
    net = _net(n, UND_EDGES, False)
    fit = govnet.ergm(net, "offset(edges) + triangle", offset_coef=[-0.5], control=CTL, seed=5)
    assert fit.coef["edges"] == -0.5 and np.isnan(fit.se["edges"])
    S = _stats(_graphs(n, False), ["edges", "triangle"], False, np.zeros(n))
    th, _cov, _mu = _exact_mle(S, fit.observed.to_numpy(), fixed={0: -0.5})
    assert abs(fit.coef["triangle"] - th[1]) < 4 * fit.se_mcmc["triangle"] + 0.01


def test_same_seed_same_fit_for_any_threads() -> None:
    net = _net(6, UND_EDGES, False)
    a = govnet.ergm(net, "edges + gwesp(0.5, fixed=True)", seed=9, threads=1, loglik=False)
    b = govnet.ergm(net, "edges + gwesp(0.5, fixed=True)", seed=9, threads=4, loglik=False)
    pd.testing.assert_series_equal(a.coef, b.coef)
    pd.testing.assert_series_equal(a.se, b.se)


def test_bad_arguments_name_the_problem() -> None:
    net = _net(6, UND_EDGES, False)
    with pytest.raises(govnet.InvalidParameterError, match="estimate"):
        govnet.ergm(net, "edges", estimate="MLE")
    with pytest.raises(govnet.InvalidParameterError, match="offset_coef"):
        govnet.ergm(net, "offset(edges) + triangle")
    with pytest.raises(govnet.InvalidParameterError, match="offset_coef"):
        govnet.ergm(net, "offset(edges) + triangle", offset_coef=[1.0, 2.0])
    with pytest.raises(govnet.InvalidParameterError, match="missing="):
        govnet.ergm(net, "edges", missing=np.zeros((3, 3), dtype=bool))
    with pytest.raises(govnet.InvalidParameterError, match="samplesize"):
        Control(samplesize=0)
    with pytest.raises(TypeError, match="control"):
        govnet.ergm(net, "edges", control={"samplesize": 10})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="seed"):
        govnet.ergm(net, "edges", seed="1")  # type: ignore[arg-type]
    with pytest.raises(govnet.ConvergenceError, match="separates"):
        # every pair of the same group is tied and no other: nodematch separates
        ids = [f"n{i}" for i in range(6)]
        a = pd.DataFrame({"id": ids, "tier": "plural", "g": [0, 0, 0, 1, 1, 1]})
        t = pd.DataFrame({"source": ["n0", "n0", "n1", "n3", "n3", "n4"],
                          "target": ["n1", "n2", "n2", "n4", "n5", "n5"]})
        govnet.ergm(govnet.Network.from_frames(a, t, directed=False), "edges + nodematch('g')")


def test_missing_dyads_as_a_boolean_matrix_equal_the_frame() -> None:
    net = _net(6, UND_EDGES, False)
    m = np.zeros((6, 6), dtype=bool)
    m[0, 3] = m[2, 5] = True
    frame = pd.DataFrame({"source": ["n0", "n5"], "target": ["n3", "n2"]})
    a = govnet.ergm(net, "edges + triangle", missing=m, estimate="MPLE", loglik=False)
    b = govnet.ergm(net, "edges + triangle", missing=frame, estimate="MPLE", loglik=False)
    pd.testing.assert_series_equal(a.coef, b.coef)
    assert a.nobs == 13


def _long_sample(scale: int):
    fit = govnet.ergm(govnet.datasets.karate(), "edges + gwesp(0.5, fixed=True)", estimate="MPLE",
                      loglik=False)
    return lambda: govnet.simulate_ergm(fit, 50, seed=1, burnin=2000 * scale, interval=100 * scale,
                                        threads=2)


def test_sampler_releases_the_gil(assert_gil_released) -> None:
    assert_gil_released(_long_sample)


def test_ctrl_c_stops_the_sampler(assert_ctrl_c_stops) -> None:
    call = _long_sample(64)
    assert_ctrl_c_stops(call)


def test_net_missing_table_is_read_for_the_relation() -> None:
    net = _net(6, UND_EDGES, False)
    rel = net.relations[0]
    table = pd.DataFrame({"source": ["n0", "n5", "n1"], "target": ["n3", "n2", "n4"],
                          "relation": [rel, rel, "other_layer"]})
    with_table = net._replace(missing=table)  # as a survey reader would attach it
    a = govnet.ergm(with_table, "edges + triangle", estimate="MPLE", loglik=False)
    b = govnet.ergm(net, "edges + triangle", missing=table.iloc[:2], estimate="MPLE", loglik=False)
    assert a.missing_dyads == 2 and a.nobs == 13
    pd.testing.assert_series_equal(a.coef, b.coef)
