"""govnet.positions against R: sna (sedist, equiv.clust, triad.census, gtrans),
blockmodeling (REGE) and R igraph (triad_census, transitivity) on the classic data.
Fixtures: tests/fixtures/positions_r/*.json, written by scripts/fixtures/positions.R."""

import json
from pathlib import Path

import numpy as np
import pytest

import govnet

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "positions_r"
CASES = {"kite": ("kite", None), "florentine_marriage": ("florentine", "marriage"),
         "krack_advice": ("krackhardt_managers", "advice"),
         "krack_friendship": ("krackhardt_managers", "friendship"),
         "karate": ("karate", None), "random_dw": ("random_dw", None)}
TOL = 1e-10
# sna's triad.census(mode="graph") reports the four undirected types only
UNDIRECTED_TYPES = ["003", "102", "201", "300"]


def load(name):
    fx = json.loads((FIX / f"{name}.json").read_text())
    ds, rel = CASES[name]
    net = getattr(govnet.datasets, ds)()
    assert [str(a) for a in net.actor_ids] == fx["nodes"]
    return net, rel, fx, ("weight" if fx["valued"] else None)


def test_every_fixture_is_used():
    assert sorted(p.stem for p in FIX.glob("*.json")) == sorted([*CASES, "krack_stacked"])


def test_stacked_relations_as_sna_joint_analysis():
    fx = json.loads((FIX / "krack_stacked.json").read_text())
    net = govnet.datasets.krackhardt_managers()
    rel = fx["relations"]
    assert [str(a) for a in net.actor_ids] == fx["nodes"]
    for key, mat in fx["sedist"].items():
        method = key.removesuffix("_diag")
        d = govnet.structural_distance(net, relation=rel, method=method, stack=True,
                                       diag=key.endswith("_diag"))
        np.testing.assert_allclose(d.to_numpy(), np.array(mat, dtype=float), rtol=0, atol=TOL,
                                   err_msg=key)
    assert len(fx["equiv_clust"]) == 3
    for key, e in fx["equiv_clust"].items():
        method, linkage = key.split("_")
        ec = govnet.equivalence_clustering(net, relation=rel, method=method, linkage=linkage,
                                           stack=True)
        np.testing.assert_array_equal(ec.merge, np.array(e["merge"]), err_msg=key)
        np.testing.assert_allclose(ec.height, e["height"], rtol=0, atol=TOL)
        assert [net.position(a) + 1 for a in ec.order] == e["order"]
        for k, cut in zip(range(2, 6), e["cuts"]):
            assert ec.cut(k).tolist() == cut, (key, k)
    # pooled (the default) is a different comparison: the summed layer
    pooled = govnet.structural_distance(net, relation=rel)
    assert not np.allclose(pooled.to_numpy(), np.array(fx["sedist"]["hamming"]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_sedist_as_sna(name):
    net, rel, fx, w = load(name)
    assert len(fx["sedist"]) == 6
    for key, mat in fx["sedist"].items():
        method = key.removesuffix("_diag")
        d = govnet.structural_distance(net, relation=rel, method=method, weight=w,
                                       diag=key.endswith("_diag"))
        np.testing.assert_allclose(d.to_numpy(), np.array(mat, dtype=float), rtol=0, atol=TOL,
                                   err_msg=f"{name} {key}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_equiv_clust_as_sna(name):
    net, rel, fx, w = load(name)
    assert len(fx["equiv_clust"]) >= 6
    for key, e in fx["equiv_clust"].items():
        method, linkage = key.split("_")
        ec = govnet.equivalence_clustering(net, relation=rel, method=method, linkage=linkage,
                                           weight=w)
        np.testing.assert_array_equal(ec.merge, np.array(e["merge"]), err_msg=f"{name} {key}")
        np.testing.assert_allclose(ec.height, e["height"], rtol=0, atol=TOL)
        assert [net.position(a) + 1 for a in ec.order] == e["order"]
        for k, cut in zip(range(2, 6), e["cuts"]):
            assert ec.cut(k).tolist() == cut, (name, key, k)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rege_as_blockmodeling(name):
    net, rel, fx, w = load(name)
    for key, iters in (("rege", 3), ("rege_iter5", 5)):
        e = govnet.rege(net, relation=rel, weight=w, iterations=iters)
        np.testing.assert_allclose(e.to_numpy(), np.array(fx[key], dtype=float), rtol=0,
                                   atol=TOL, err_msg=f"{name} {key}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_triad_census_and_transitivity_as_sna_and_igraph(name):
    net, rel, fx, _ = load(name)
    tc = govnet.triad_census(net, relation=rel)
    assert tc.tolist() == fx["igraph_triad_census"]
    if fx["directed"]:
        assert tc.tolist() == fx["triad_census"]
    else:
        assert tc.loc[UNDIRECTED_TYPES].tolist() == fx["triad_census"]
        assert tc.drop(UNDIRECTED_TYPES).sum() == 0
    t = govnet.transitivity(net, relation=rel)
    assert t == pytest.approx(fx["gtrans_graph"], abs=TOL)
    assert t == pytest.approx(fx["igraph_transitivity"], abs=TOL)


@pytest.mark.parametrize("name", sorted(CASES))
def test_concor_as_the_r_implementation(name):
    # the R version is written out in scripts/fixtures/positions.R (no CONCOR package is
    # packaged for Debian): stacked rbind(A, t(A)), cor() iterated, split by sign
    net, rel, fx, w = load(name)
    for depth, ref in zip((1, 2, 3), fx["concor"]):
        c = govnet.concor(net, relation=rel, depth=depth, weight=w, max_iter=200)
        assert c.tolist() == ref, (name, depth)
