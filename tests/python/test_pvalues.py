"""The one p-value convention (docs/p-values.md) and the C++ routine behind it.

Default ``p_convention="plus_one"``: (1 + #{null as extreme}) / (1 + R), never 0
(Phipson & Smyth 2010); two-sided min(1, 2 min(p_greater, p_less)).
``p_convention="sna"``: R sna's #{null as extreme} / R, two-sided #{|null| >= |obs|} / R.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import govnet
from govnet import _core
from govnet.errors import InvalidParameterError

TOL = 1e-10


def numpy_p(null: np.ndarray, obs: float, convention: str) -> tuple[float, float, float]:
    null = null[~np.isnan(null)]
    R = null.size
    tol = TOL * max(1.0, abs(obs))
    ge = int((null >= obs - tol).sum())
    le = int((null <= obs + tol).sum())
    if convention == "sna":
        return ge / R, le / R, int((np.abs(null) >= abs(obs) - tol).sum()) / R
    pg, pl = (1 + ge) / (1 + R), (1 + le) / (1 + R)
    return pg, pl, min(1.0, 2 * min(pg, pl))


@pytest.mark.parametrize("convention", ["plus_one", "sna"])
def test_routine_matches_numpy(convention):
    rng = np.random.default_rng(20261201)
    for trial in range(200):
        R = int(rng.integers(1, 60))
        # discrete values give many exact ties; some NaN draws are left out
        null = rng.integers(-3, 4, size=R).astype(float) * rng.choice([1.0, 0.1, 1e6])
        null[rng.random(R) < 0.1] = np.nan
        if np.isnan(null).all():
            null[0] = 0.0
        obs = float(rng.choice(null[~np.isnan(null)])) if trial % 2 else float(rng.normal() * 3)
        got = _core.permutation_p_values(null, obs, p_convention=convention)
        ref = numpy_p(null, obs, convention)
        assert (got["p_greater"], got["p_less"], got["p_two_sided"]) == pytest.approx(
            ref, abs=1e-15
        ), (null, obs)


def test_ties_within_tolerance_count_as_extreme():
    obs = 0.3
    null = np.array([0.1 + 0.2, 0.3 + 1e-11, 0.3 - 1e-11, 0.3 - 1e-8])  # 0.1+0.2 != 0.3 in floats
    p = _core.permutation_p_values(null, obs, p_convention="sna")
    assert p["p_greater"] == 3 / 4 and p["p_less"] == 1.0


def test_nan_observed_or_empty_null_gives_nan():
    for null, obs in ((np.array([1.0, 2.0]), float("nan")), (np.array([np.nan]), 1.0)):
        p = _core.permutation_p_values(null, obs)
        assert all(np.isnan(v) for v in p.values())


def test_exact_enumeration_on_four_actors():
    # All 24 relabellings of 4 actors: the exact permutation p-value counts the
    # identity too. The plus-one convention on the 23 others gives exactly it
    # (that is what the +1 stands for), and qap_test's Monte Carlo p approaches it.
    rng = np.random.default_rng(7)
    n = 4
    off = ~np.eye(n, dtype=bool)
    for _ in range(20):
        x = rng.integers(0, 3, size=(n, n)).astype(float)
        y = x + rng.normal(size=(n, n))
        perms = list(itertools.permutations(range(n)))
        assert len(perms) == 24
        r = np.array([np.corrcoef(x[off], y[np.ix_(p, p)][off])[0, 1] for p in perms])
        obs = r[0]  # identity first
        tol = TOL * max(1.0, abs(obs))
        exact_g = np.mean(r >= obs - tol)
        exact_l = np.mean(r <= obs + tol)
        got = _core.permutation_p_values(r[1:], obs)
        assert got["p_greater"] == pytest.approx(exact_g, abs=1e-15)
        assert got["p_less"] == pytest.approx(exact_l, abs=1e-15)
        assert got["p_two_sided"] == pytest.approx(min(1, 2 * min(exact_g, exact_l)), abs=1e-15)
    # qap_test's null draws uniform relabellings: its p within Monte Carlo error
    R = 20000
    res = govnet.qap_test(x, y, n_permutations=R, seed=3, keep_null=True)
    assert abs(res.p_greater - exact_g) <= 4.5 * np.sqrt(max(exact_g * (1 - exact_g), 1e-4) / R)
    direct = numpy_p(res.null_distribution, res.statistic, "plus_one")
    assert (res.p_greater, res.p_less, res.p_two_sided) == pytest.approx(direct, abs=1e-15)


def _net():
    rng = np.random.default_rng(2)
    n = 12
    a = (rng.random((n, n)) < 0.3).astype(float)
    a = np.triu(a, 1)
    a = a + a.T
    src, dst = np.nonzero(np.triu(a, 1))
    net = govnet.Network.from_arrays(src, dst, actors=n, directed=False)
    return a, net


def test_p_is_never_zero_by_default_and_sna_can_be_zero():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(10, 10))
    R = 50
    sna = govnet.qap_test(x, x, n_permutations=R, seed=1, p_convention="sna")
    assert sna.p_less == 1.0 and sna.p_greater == 0.0  # no relabelling reaches r = 1
    dflt = govnet.qap_test(x, x, n_permutations=R, seed=1)
    assert dflt.p_greater == 1 / (R + 1) and dflt.p_two_sided == 2 / (R + 1)
    assert dflt.statistic == sna.statistic
    np.testing.assert_array_equal(
        govnet.qap_test(x, x, n_permutations=R, seed=1, keep_null=True).null_distribution,
        govnet.qap_test(x, x, n_permutations=R, seed=1, keep_null=True,
                        p_convention="sna").null_distribution,
    )
    fit = govnet.mrqap(x, [x + 0.01 * rng.normal(size=x.shape)], n_permutations=R, seed=1)
    assert (fit.table[["p_greater", "p_less", "p_two_sided"]].to_numpy() >= 1 / (R + 1)).all()


def test_every_test_reports_plus_one_p_values():
    a, net = _net()
    R = 40
    lo = 1 / (R + 1)
    res = govnet.permutation_test(net, "degree", actors=["0", "1"], n_permutations=R, seed=1,
                                  keep_null=True)
    assert min(res.p_greater, res.p_less, res.p_two_sided) >= lo
    assert (res.p_greater, res.p_less, res.p_two_sided) == pytest.approx(
        numpy_p(res.null_distribution, res.statistic, "plus_one"), abs=1e-15)
    res = govnet.permutation_test(net, "connectedness", null="gnm", n_permutations=R, seed=1,
                                  keep_null=True)
    assert (res.p_greater, res.p_less, res.p_two_sided) == pytest.approx(
        numpy_p(res.null_distribution, res.statistic, "plus_one"), abs=1e-15)
    groups = {str(i): "A" if i < 6 else "B" for i in range(12)}
    ei = govnet.ei_index(net, groups, n_permutations=R, seed=1, keep_null=True)
    assert (ei.p_greater, ei.p_less, ei.p_two_sided) == pytest.approx(
        numpy_p(ei.null_distribution["(global)"].to_numpy(), ei.ei, "plus_one"), abs=1e-15)
    ei_sna = govnet.ei_index(net, groups, n_permutations=R, seed=1, p_convention="sna",
                             keep_null=True)
    assert (ei_sna.p_greater, ei_sna.p_less, ei_sna.p_two_sided) == pytest.approx(
        numpy_p(ei_sna.null_distribution["(global)"].to_numpy(), ei_sna.ei, "sna"), abs=1e-15)


def test_duty_null_model_uses_the_routine():
    rng = np.random.default_rng(3)
    import pandas as pd

    B = (rng.random((12, 15)) < 0.3).astype(int)
    data = govnet.DutyTable.from_matrix(
        pd.DataFrame(B, index=[f"a{i}" for i in range(12)], columns=[f"d{j}" for j in range(15)]))
    R = 30
    for conv in ("plus_one", "sna"):
        res = govnet.duty_null_model(data, n_permutations=R, seed=4, p_convention=conv)
        for name, row in res.statistics.iterrows():
            ref = numpy_p(res.null_distribution[name].to_numpy(), row["observed"], conv)
            assert (row["p_greater"], row["p_less"], row["p_two_sided"]) == pytest.approx(
                ref, abs=1e-15), name
        if conv == "plus_one":
            assert (res.pairs["p_value"] >= 1 / (R + 1)).all()
            assert (res.statistics[["p_greater", "p_less"]] >= 1 / (R + 1)).all().all()


@pytest.mark.parametrize("bad", ["phipson", "SNA", ""])
def test_unknown_convention_is_refused(bad):
    x = np.random.default_rng(1).normal(size=(5, 5))
    with pytest.raises(InvalidParameterError, match="p_convention"):
        govnet.qap_test(x, x, n_permutations=5, seed=1, p_convention=bad)
    with pytest.raises(TypeError):
        govnet.qap_test(x, x, n_permutations=5, seed=1, p_convention=None)
