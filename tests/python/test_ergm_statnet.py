"""ERGM fits against R statnet ergm 4.4.0 reference fits on classic data
(/work/shared/data/ergm/statnet_reference.json, copied to tests/fixtures/ergm/):
MPLE to 1e-6, MCMC-MLE within the combined MCMC standard errors of statnet's precise
refit, simulation moments, degeneracy; results, simulate, gof and pooled fits."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govnet
from govnet import datasets

REF = json.loads((Path(__file__).parents[1] / "fixtures" / "ergm" / "statnet_reference.json")
                 .read_text(encoding="utf-8"))["models"]


def _net(name: str) -> tuple[govnet.Network, dict]:
    return {"flomarriage": (datasets.florentine(), {"relation": "marriage"}),
            "krack_advice": (datasets.krackhardt_managers(), {"relation": "advice"}),
            "karate": (datasets.karate(), {}),
            "davis": (datasets.davis(), {"two_mode": "meetings"})}[name]


def _formula(m: dict) -> str:
    return m["formula"].split("~", 1)[1].replace('"', "'")


def _vec(d: dict) -> np.ndarray:
    return np.array(list(d.values()), dtype=float)


@pytest.mark.parametrize("mid", sorted(REF))
def test_mple_matches_statnet(mid: str) -> None:
    m = REF[mid]
    net, kw = _net(m["network"])
    fit = govnet.ergm(net, _formula(m), estimate="MPLE", loglik=False, **kw)
    if m["coef_names"] is not None:
        assert list(fit.coef.index) == m["coef_names"]
    np.testing.assert_allclose(fit.observed.to_numpy(), _vec(m["observed_stats"]), rtol=1e-12)
    np.testing.assert_allclose(fit.coef.to_numpy(), _vec(m["mple"]["coef"]), atol=1e-6)
    # statnet's standard errors carry ~1e-6 relative error of its own (its edges-only
    # SE is 3e-7 off the closed form 1/sqrt(n p (1-p)))
    np.testing.assert_allclose(fit.se.to_numpy(), _vec(m["mple"]["se"]), rtol=2e-4)
    assert fit.nobs == m["mple"]["nobs"]
    if m["mple"]["MPLE_is_MLE"]:
        assert fit.method == "MLE"
        assert fit.loglik == pytest.approx(m["mple"]["loglik"], abs=1e-8)
        assert fit.aic == pytest.approx(m["mple"]["AIC"], abs=1e-8)
        assert fit.bic == pytest.approx(m["mple"]["BIC"], abs=1e-8)


def test_edges_only_closed_form() -> None:
    fit = govnet.ergm(datasets.florentine(), "edges", relation="marriage")
    p = 20 / 120
    assert fit.coef["edges"] == pytest.approx(np.log(p / (1 - p)), abs=1e-12)
    assert fit.se["edges"] == pytest.approx(1 / np.sqrt(120 * p * (1 - p)), abs=1e-12)


@pytest.mark.parametrize("mid", ["m02_flo_kstar", "m04_flo_gwesp", "m06_advice_mutual", "m09_karate"])
def test_mcmle_matches_statnet_precise(mid: str) -> None:
    m = REF[mid]
    net, kw = _net(m["network"])
    fit = govnet.ergm(net, _formula(m), seed=20240901, **kw)
    ref = m["mcmle_precise"]
    assert fit.method == "MCMLE"
    combined = np.sqrt(fit.se_mcmc.to_numpy() ** 2 + _vec(ref["se_mcmc"]) ** 2)
    np.testing.assert_array_less(np.abs(fit.coef.to_numpy() - _vec(ref["coef"])), 4 * combined)
    np.testing.assert_allclose(fit.se_model.to_numpy(), _vec(ref["se_model"]), rtol=0.1)
    # bridge-sampling log-likelihood against statnet's
    assert abs(fit.loglik - ref["loglik"]) < 4 * np.hypot(fit.loglik_se, ref["loglik_mcse"]) + 0.05
    # the MCMC error is at most statnet's default fit's
    assert np.all(fit.se_mcmc.to_numpy() <= 1.1 * _vec(m["mcmle"]["se_mcmc"]))
    assert np.all(np.abs(fit.t_ratio.to_numpy()) < 4)


@pytest.mark.parametrize("mid", sorted(REF))
def test_simulation_moments_match_statnet(mid: str) -> None:
    m = REF[mid]
    sim = m.get("simulation")
    net, kw = _net(m["network"])
    fit = govnet.ergm(net, _formula(m), estimate="MPLE", loglik=False, **kw)
    # Davis at the MPLE is bimodal (near-degenerate): a chain from the observed network
    # needs a longer burn-in to leave the sparse mode
    burnin = 200000 if mid.startswith("m10a") else 16384
    s = govnet.simulate_ergm(fit, 2000, coef=_vec(sim["coef_used"]), seed=7, chains=4, burnin=burnin)
    se = np.sqrt(2) * _vec(sim["mcse_mean"])  # both sides' Monte Carlo error
    np.testing.assert_array_less(np.abs(s.mean.to_numpy() - _vec(sim["mean"])), 4 * se + 1e-9)
    np.testing.assert_allclose(s.sd.to_numpy(), _vec(sim["sd"]), rtol=0.2)


def test_degenerate_model_raises_early() -> None:
    with pytest.raises(govnet.DegenerateModelError, match="full"):
        govnet.ergm(datasets.karate(), "edges + triangle", seed=1, loglik=False)
    assert issubclass(govnet.DegenerateModelError, govnet.ConvergenceError)


def test_davis_stars_at_the_mple_go_near_full() -> None:
    # statnet's MCMC-MLE fails on this model; at the MPLE its networks have ~213 of 252
    # possible ties (README). govnet's stepping reaches an estimate whose simulated
    # networks match the observed statistics, from the observed, empty and full networks.
    net = datasets.davis()
    fit = govnet.ergm(net, "edges + b1star(2) + b2star(2)", two_mode="meetings", seed=2)
    s = govnet.simulate_ergm(fit, 2000, seed=3, chains=4)
    obs = fit.observed.to_numpy()
    se = s.sd.to_numpy() / np.sqrt(2000) * 4  # generous autocorrelation allowance
    np.testing.assert_array_less(np.abs(s.mean.to_numpy() - obs), 4 * se)


def test_result_object() -> None:
    fit = govnet.ergm(datasets.karate(), "edges + nodematch('club') + gwesp(0.5, fixed=True)", seed=4)
    t = fit.table
    assert list(t.columns) == ["estimate", "se", "se_model", "se_mcmc", "mcmc_pct", "z", "p", "offset"]
    np.testing.assert_allclose(t["z"], t["estimate"] / t["se"])
    from scipy.stats import norm
    np.testing.assert_allclose(t["p"], 2 * norm.sf(np.abs(t["z"])))
    np.testing.assert_allclose(t["se"] ** 2, t["se_model"] ** 2 + t["se_mcmc"] ** 2)
    assert fit.aic == pytest.approx(-2 * fit.loglik + 6)
    assert "Monte Carlo Maximum Likelihood Results" in fit.summary()
    assert "<table" in fit._repr_html_() and "ErgmResult(MCMLE" in repr(fit)
    with pytest.raises(AttributeError):
        fit.method = "x"  # type: ignore[misc]
    mple = govnet.ergm(datasets.karate(), "edges + gwesp(0.5, fixed=True)", estimate="MPLE", loglik=False)
    assert "do not trust them" in mple.summary()


def test_gof_observed_distributions() -> None:
    import networkx as nx

    net = datasets.karate()
    fit = govnet.ergm(net, "edges + nodematch('club') + gwesp(0.5, fixed=True)", seed=4, loglik=False)
    g = govnet.gof(fit, nsim=20, seed=1)
    G = nx.karate_club_graph()
    deg = np.bincount([d for _, d in G.degree()], minlength=34)
    np.testing.assert_array_equal(g["degree"]["observed"].to_numpy(), deg)
    esp = [len(set(G[u]) & set(G[v])) for u, v in G.edges()]
    np.testing.assert_array_equal(g["espartners"]["observed"].to_numpy()[: max(esp) + 1],
                                  np.bincount(esp))
    lengths = dict(nx.all_pairs_shortest_path_length(G))
    dist = np.bincount([lengths[u][v] for u in G for v in G if u < v], minlength=34)[1:]
    np.testing.assert_array_equal(g["distance"]["observed"].to_numpy()[:-1], dist)
    assert g["model"]["observed"].to_numpy() == pytest.approx(fit.observed.to_numpy())
    assert ((g["degree"]["p"] >= 0) & (g["degree"]["p"] <= 1)).all()


def test_simulate_networks_and_reproducibility() -> None:
    fit = govnet.ergm(datasets.florentine(), "edges + kstar(2)", relation="marriage", estimate="MPLE",
                      loglik=False)
    a = govnet.simulate_ergm(fit, 10, seed=5, networks=True)
    b = govnet.simulate_ergm(fit, 10, seed=5, threads=2)
    pd.testing.assert_frame_equal(a.stats, b.stats)
    for k, frame in enumerate(a.networks):
        G_edges = len(frame)
        assert a.stats["edges"].iloc[k] == G_edges
    with pytest.raises(govnet.InvalidParameterError):
        govnet.simulate_ergm(fit, 0)


def test_pooled_mple_equals_disjoint_union() -> None:
    k = datasets.karate()
    f = datasets.florentine()
    fm = govnet.Network.from_frames(
        f.actors.reset_index().rename(columns={"index": "id"}),
        f.ties("marriage").drop(columns=["relation"]), directed=False)
    km = k
    pooled = govnet.ergm_pooled([km, fm], "edges + gwesp(0.5, fixed=True)", estimate="MPLE", loglik=False)
    # the disjoint union as one network
    parts = []
    for tag, net in (("k", km), ("f", fm)):
        t = net.ties()
        parts.append(pd.DataFrame({"source": tag + t["source"].astype(str),
                                   "target": tag + t["target"].astype(str)}))
    ids = [f"k{i}" for i in km.actor_ids] + [f"f{i}" for i in fm.actor_ids]
    union = govnet.Network.from_frames(pd.DataFrame({"id": ids, "tier": "plural"}),
                                       pd.concat(parts, ignore_index=True), directed=False)
    one = govnet.ergm(union, "edges + gwesp(0.5, fixed=True)", estimate="MPLE", loglik=False)
    # the union also has the between-network dyads (non-ties): compare with the
    # per-network rows only, by summing each network's MPLE rows
    X = np.vstack([govnet.ergm.build_model(n, "edges + gwesp(0.5, fixed=True)").mple_rows(1)[0]
                   for n in (km, fm)])
    assert X.shape[0] == pooled.nobs
    assert one.nobs > pooled.nobs
    assert pooled.observed.to_numpy() == pytest.approx(one.observed.to_numpy())
    per = govnet.ergm_pooled([km, fm], "edges + gwesp(0.5, fixed=True)", per_network=True,
                             estimate="MPLE", loglik=False)
    assert per.shape[0] == 2 and "se.edges" in per.columns


def test_collection_pooled_and_per_community() -> None:
    district = govnet.synthetic.district(2014).select(["synthetic_0001", "synthetic_0003"])
    f = "edges + nodematch('tier')"
    pooled = govnet.ergm_pooled(district, f, relation="deliberation")
    # dyad-independent: the pooled MLE is one logistic regression over both communities
    rows = [govnet.ergm.build_model(district[c], f, relation="deliberation").mple_rows(1)
            for c in district.ids]
    X = np.vstack([r[0] for r in rows])
    y = np.concatenate([r[1] for r in rows]).astype(float)
    b = np.zeros(2)
    for _ in range(50):
        mu = 1 / (1 + np.exp(-X @ b))
        b += np.linalg.solve((X * (mu * (1 - mu))[:, None]).T @ X, X.T @ (y - mu))
    np.testing.assert_allclose(pooled.coef.to_numpy(), b, atol=1e-9)
    per = govnet.ergm_pooled(district, f, relation="deliberation", per_network=True, seed=1, threads=1)
    assert list(per.index) == list(district.ids)
    one = govnet.ergm(district["synthetic_0003"], f, relation="deliberation")
    assert per.loc["synthetic_0003", "nodematch.tier"] == pytest.approx(one.coef["nodematch.tier"])
