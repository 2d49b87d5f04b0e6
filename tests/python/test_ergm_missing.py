"""ERGMs with missing dyads against exact enumeration (issue #15, item 2): one-mode,
two-mode and pooled fits. The reference enumerates every graph (or every incidence
matrix), sums exp(theta . g) over all of them (kappa) and over the completions of the
missing dyads (kappa_obs), and maximises the observed-data log-likelihood
log kappa_obs - log kappa by Newton (test_ergm_exact._exact_mle); statistics come
from numpy (test_ergm_exact._stats) or ergm_brute.stat, which share no code with
govnet. The MPLE is compared with a logistic regression on brute-force change
statistics of the observed dyads, the missing ones counted as non-ties."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import govnet
from ergm_brute import stat
from test_ergm_exact import (CTL, DIR_EDGES, UND_EDGES, _change_rows, _exact_mle, _graphs, _net,
                             _newton_logistic, _stats)


def _lse(a: np.ndarray) -> float:
    m = float(a.max())
    return m + float(np.log(np.exp(a - m).sum()))


def _exact_loglik(S: np.ndarray, completions: np.ndarray, theta: np.ndarray) -> float:
    """log kappa_obs(theta) - log kappa(theta), exactly."""
    return _lse(S[completions] @ theta) - _lse(S @ theta)


def _completions(A: np.ndarray, obs: np.ndarray, miss: np.ndarray) -> np.ndarray:
    """Rows of the enumeration that agree with the observed network off the missing dyads."""
    return np.flatnonzero(np.all((A == obs) | miss, axis=(1, 2)))


def _adjacency(n: int, edges: list[tuple[int, int]], directed: bool) -> np.ndarray:
    A = np.zeros((n, n), dtype=np.int8)
    for i, j in edges:
        A[i, j] = 1
        if not directed:
            A[j, i] = 1
    return A


def _mask(n: int, pairs: list[tuple[int, int]], directed: bool) -> np.ndarray:
    return _adjacency(n, pairs, directed).astype(bool)


def _within_mcmc_error(fit: govnet.ErgmResult, theta: np.ndarray) -> None:
    # within 4 reported MCMC standard errors, plus a small floor (as test_ergm_exact)
    np.testing.assert_array_less(np.abs(fit.coef.to_numpy() - theta), 4 * fit.se_mcmc.to_numpy() + 0.01)


# -- one-mode ---------------------------------------------------------------------------

ONE_MODE = [
    # (formula, directed, statistic names of _stats, missing pairs)
    ("edges + gwesp(0.5, fixed=True)", False, ["edges", "gwesp.fixed.0.5"], [(0, 3), (2, 5), (4, 1)]),
    ("edges + triangle", False, ["edges", "triangle"], [(0, 1)]),
    ("edges + mutual + ttriple", True, ["edges", "mutual", "ttriple"], [(0, 3), (2, 1)]),
]


@pytest.mark.parametrize("formula,directed,names,pairs", ONE_MODE)
def test_one_mode_missing_mcmle_loglik_and_mple_match_exact(formula: str, directed: bool,
                                                             names: list[str],
                                                             pairs: list[tuple[int, int]]) -> None:
    n, edges = (4, DIR_EDGES) if directed else (6, UND_EDGES)
    net = _net(n, edges, directed)
    ids = [f"n{i}" for i in range(n)]
    missing = pd.DataFrame({"source": [ids[i] for i, _ in pairs], "target": [ids[j] for _, j in pairs]})
    fit = govnet.ergm(net, formula, missing=missing, control=CTL, seed=21)
    D = n * (n - 1) // (1 if directed else 2)
    assert fit.missing_dyads == len(pairs) and fit.nobs == D - len(pairs)
    A = _graphs(n, directed)
    grp = np.array(["x" if i % 2 else "y" for i in range(n)])
    S = _stats(A, names, directed, grp)
    miss = _mask(n, pairs, directed)
    # a tie on a missing dyad is missing too: the observed network has none there
    obs = _adjacency(n, edges, directed) * ~miss
    rows = _completions(A, obs, miss)
    assert len(rows) == 2 ** len(pairs)
    th, cov, _mu = _exact_mle(S, np.zeros(len(names)), obs_rows=rows)
    _within_mcmc_error(fit, th)
    np.testing.assert_allclose(fit.se_model.to_numpy(), np.sqrt(np.diag(cov)), rtol=0.15)
    # the observed-data log-likelihood at govnet's estimate, and AIC / BIC from it
    ll = _exact_loglik(S, rows, fit.coef.to_numpy())
    assert 0 < fit.loglik_se < 0.05
    assert abs(fit.loglik - ll) < 4 * fit.loglik_se + 0.005
    assert "observed-data" in fit.loglik_method
    k = len(names)
    assert fit.aic == pytest.approx(-2 * fit.loglik + 2 * k)
    assert fit.bic == pytest.approx(-2 * fit.loglik + k * np.log(D - len(pairs)))
    assert "AIC" in fit.summary()
    # MPLE: observed dyads only, missing ones non-ties in the change statistics
    mple = govnet.ergm(net, formula, missing=missing, estimate="MPLE", loglik=False)
    dyads = ([(i, j) for i in range(n) for j in range(n) if i != j] if directed
             else list(itertools.combinations(range(n), 2)))
    X, y = _change_rows(obs, [(i, j) for i, j in dyads if not miss[i, j]], directed,
                           lambda B: _stats(B[None], names, directed, grp)[0])
    np.testing.assert_allclose(mple.coef.to_numpy(), _newton_logistic(X, y), atol=1e-7)


def test_dyad_independent_model_with_missing_dyads_has_the_exact_loglik() -> None:
    n, pairs = 6, [(0, 3), (2, 5)]
    net = _net(n, UND_EDGES, False)
    m = _mask(n, pairs, False)
    fit = govnet.ergm(net, "edges + nodematch('grp')", missing=m, seed=1)
    assert fit.method == "MLE" and fit.loglik_se == 0
    grp = np.array(["x" if i % 2 else "y" for i in range(n)])
    S = _stats(_graphs(n, False), ["edges", "nodematch.grp"], False, grp)
    rows = _completions(_graphs(n, False), _adjacency(n, UND_EDGES, False), m)
    th, _cov, _mu = _exact_mle(S, np.zeros(2), obs_rows=rows)
    np.testing.assert_allclose(fit.coef.to_numpy(), th, atol=1e-8)
    assert fit.loglik == pytest.approx(_exact_loglik(S, rows, th), abs=1e-9)


# -- two-mode ---------------------------------------------------------------------------

N1, N2 = 3, 4
INC = np.array([[1, 1, 0, 1], [1, 0, 0, 0], [0, 1, 1, 1]])


def _two_mode_net() -> govnet.Network:
    ids = [f"w{i}" for i in range(N1)]
    rows = [(ids[i], f"m{j}") for i in range(N1) for j in range(N2) if INC[i, j]]
    meetings = pd.DataFrame({"meeting": [m for _, m in rows], "actor": [a for a, _ in rows],
                             "kind": "meeting"})
    actors = pd.DataFrame({"id": ids, "tier": "plural", "kind": "person"})
    return govnet.Network.from_frames(actors, None, meetings=meetings)


def _two_mode_reference(stats: Callable[[np.ndarray], list[float]]
                        ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """Every actor x meeting incidence as a symmetric adjacency on govnet's node order,
    its statistics, and the dyads."""
    n = N1 + N2
    dyads = [(i, j) for i in range(N1) for j in range(N1, n)]
    G = 2 ** len(dyads)
    bits = (np.arange(G)[:, None] >> np.arange(len(dyads))) & 1
    A = np.zeros((G, n, n), dtype=np.int8)
    for k, (i, j) in enumerate(dyads):
        A[:, i, j] = A[:, j, i] = bits[:, k]
    S = np.array([stats(a) for a in A])
    return A, S, dyads


BIP_STATS = [("edges", {}), ("gwb1degree", {"decay": 0.5})]


def _bip_stats(a: np.ndarray) -> list[float]:
    return [stat(nm, a, False, N1, **kw) for nm, kw in BIP_STATS]


def test_two_mode_missing_cells_match_exact() -> None:
    net = _two_mode_net()
    formula = "edges + gwb1degree(0.5, fixed=True)"
    cells = [("w0", "m2"), ("w2", "m1")]  # a non-tie and a tie made missing
    missing = pd.DataFrame({"actor": [a for a, _ in cells], "meeting": [m for _, m in cells]})
    fit = govnet.ergm(net, formula, two_mode="meetings", missing=missing, control=CTL, seed=4)
    assert fit.missing_dyads == 2 and fit.nobs == N1 * N2 - 2 and fit.bipartite == N1
    labels = list(fit.model.data.labels)
    A, S, dyads = _two_mode_reference(_bip_stats)
    n = N1 + N2
    obs = np.zeros((n, n), dtype=np.int8)
    for i in range(N1):
        for j in range(N2):
            if INC[i, j]:
                a, b = labels.index(f"w{i}"), labels.index(f"m{j}")
                obs[a, b] = obs[b, a] = 1
    miss = np.zeros((n, n), dtype=bool)
    for a, m in cells:
        i, j = labels.index(a), labels.index(m)
        miss[i, j] = miss[j, i] = True
    obs = obs * ~miss
    rows = _completions(A, obs, miss)
    assert len(rows) == 4
    th, cov, _mu = _exact_mle(S, np.zeros(S.shape[1]), obs_rows=rows)
    _within_mcmc_error(fit, th)
    np.testing.assert_allclose(fit.se_model.to_numpy(), np.sqrt(np.diag(cov)), rtol=0.15)
    ll = _exact_loglik(S, rows, fit.coef.to_numpy())
    assert abs(fit.loglik - ll) < 4 * fit.loglik_se + 0.005
    mple = govnet.ergm(net, formula, two_mode="meetings", missing=missing, estimate="MPLE",
                       loglik=False)
    X, y = _change_rows(obs, [d for d in dyads if not miss[d]], False,
                           lambda B: _bip_stats(B))
    np.testing.assert_allclose(mple.coef.to_numpy(), _newton_logistic(X, y), atol=1e-7)
    # the same cells as a boolean actors x meetings array (meetings in order of first
    # appearance) and as source/target pairs give the same fit
    mode2 = labels[N1:]
    arr = np.zeros((N1, N2), dtype=bool)
    for a, m in cells:
        arr[int(a[1:]), mode2.index(m)] = True
    b = govnet.ergm(net, formula, two_mode="meetings", missing=arr, estimate="MPLE", loglik=False)
    c = govnet.ergm(net, formula, two_mode="meetings", estimate="MPLE", loglik=False,
                    missing=missing.rename(columns={"actor": "source", "meeting": "target"}))
    pd.testing.assert_series_equal(b.coef, mple.coef)
    pd.testing.assert_series_equal(c.coef, mple.coef)


@pytest.mark.parametrize("missing,match", [
    (pd.DataFrame({"actor": ["w0"], "meeting": ["m9"]}), "row 0: meeting 'm9' is not a meeting"),
    (pd.DataFrame({"actor": ["zz"], "meeting": ["m0"]}), "row 0: actor 'zz' is not an actor"),
    (pd.DataFrame({"who": ["w0"], "what": ["m0"]}), "needs columns actor and meeting"),
    (np.zeros((4, 3), dtype=bool), "boolean 3 x 4 array"),
])
def test_two_mode_bad_missing_names_the_value(missing: object, match: str) -> None:
    with pytest.raises(govnet.InvalidParameterError, match=match):
        govnet.ergm(_two_mode_net(), "edges", two_mode="meetings", missing=missing)


def test_one_mode_missing_self_pair_is_refused() -> None:
    net = _net(6, UND_EDGES, False)
    with pytest.raises(govnet.InvalidParameterError, match="row 1 pairs actor 'n2' with itself"):
        govnet.ergm(net, "edges", missing=pd.DataFrame({"source": ["n0", "n2"], "target": ["n1", "n2"]}))
    m = np.zeros((6, 6), dtype=bool)
    m[3, 3] = True
    with pytest.raises(govnet.InvalidParameterError, match=r"cell \[3, 3\] pairs actor 'n3'"):
        govnet.ergm(net, "edges", missing=m)


# -- pooled -----------------------------------------------------------------------------

POOL = [  # (n, edges, missing pairs): communities with 3, 1 and no missing dyads
    (6, UND_EDGES, [(0, 3), (2, 5), (4, 1)]),
    (5, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)], [(0, 4)]),
    (5, [(0, 1), (1, 2), (0, 2), (3, 4), (1, 3), (2, 4), (0, 3)], []),
]


def _joint_exact(parts: list[tuple[np.ndarray, np.ndarray | None]], p: int
                 ) -> tuple[np.ndarray, Callable[[np.ndarray], float]]:
    """The exact joint MLE of independent networks (sum of observed-data log-likelihoods)
    by Newton, and the joint log-likelihood as a function."""

    def moments(X: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a = X @ t
        w = np.exp(a - a.max())
        w /= w.sum()
        mu = w @ X
        return mu, (X - mu).T @ ((X - mu) * w[:, None])

    th = np.zeros(p)
    for _ in range(200):
        g, H = np.zeros(p), np.zeros((p, p))
        for S, rows in parts:
            mu, C = moments(S, th)
            muo, Co = moments(S[rows], th)
            g += muo - mu
            H += C - Co
        step = np.linalg.solve(H, g)
        th += step
        if np.abs(step).max() < 1e-12:
            break

    def loglik(t: np.ndarray) -> float:
        return sum(_exact_loglik(S, rows, t) for S, rows in parts)

    return th, loglik


def test_pooled_with_missing_dyads_matches_the_joint_exact_mle() -> None:
    formula, names = "edges + gwesp(0.5, fixed=True)", ["edges", "gwesp.fixed.0.5"]
    nets, missing, parts, mple_X, mple_y = {}, {}, [], [], []
    for c, (n, edges, pairs) in enumerate(POOL):
        cid = f"c{c}"
        nets[cid] = _net(n, edges, False)
        if pairs:
            missing[cid] = pd.DataFrame({"source": [f"n{i}" for i, _ in pairs],
                                         "target": [f"n{j}" for _, j in pairs]})
        A = _graphs(n, False)
        S = _stats(A, names, False, np.zeros(n))
        miss = _mask(n, pairs, False)
        obs = _adjacency(n, edges, False) * ~miss
        parts.append((S, _completions(A, obs, miss)))
        X, y = _change_rows(obs, [d for d in itertools.combinations(range(n), 2) if not miss[d]],
                               False, lambda B: _stats(B[None], names, False, np.zeros(len(B)))[0])
        mple_X.append(X)
        mple_y.append(y)
    fit = govnet.ergm_pooled(nets, formula, missing=missing, control=CTL, seed=8)
    assert fit.missing_dyads == 4 and fit.nobs == 15 + 10 + 10 - 4
    th, loglik = _joint_exact(parts, 2)
    _within_mcmc_error(fit, th)
    assert abs(fit.loglik - loglik(fit.coef.to_numpy())) < 4 * fit.loglik_se + 0.005
    mple = govnet.ergm_pooled(nets, formula, missing=missing, estimate="MPLE", loglik=False)
    np.testing.assert_allclose(mple.coef.to_numpy(),
                               _newton_logistic(np.vstack(mple_X), np.concatenate(mple_y)), atol=1e-7)
    # net.missing of each network is read when missing= leaves it out
    with_table = dict(nets)
    with_table["c1"] = nets["c1"]._replace(missing=missing["c1"].assign(relation=nets["c1"].relations[0]))
    a = govnet.ergm_pooled(with_table, formula, missing={"c0": missing["c0"]}, estimate="MPLE",
                           loglik=False)
    pd.testing.assert_series_equal(a.coef, mple.coef)


def test_pooled_bad_missing_names_the_problem() -> None:
    nets = {"a": _net(5, POOL[1][1], False), "b": _net(5, POOL[2][1], False)}
    with pytest.raises(govnet.InvalidParameterError, match="dict from network id"):
        govnet.ergm_pooled(nets, "edges", missing=pd.DataFrame({"source": ["n0"], "target": ["n1"]}))
    with pytest.raises(govnet.InvalidParameterError, match="'zz' is not a network id"):
        govnet.ergm_pooled(nets, "edges", missing={"zz": None})
    with pytest.raises(govnet.InvalidParameterError, match="per-network fit reads"):
        govnet.ergm_pooled(nets, "edges", missing={"a": None}, per_network=True)
