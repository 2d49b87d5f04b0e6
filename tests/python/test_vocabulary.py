"""One parameter vocabulary (docs/conventions.md, section 2)."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import govnet
from govnet import registry

KITE = govnet.datasets.kite


@pytest.mark.parametrize("name", [n for n, m in registry.MEASURES.items() if m.reads == "ties"
                                  and ("weight" in m.options or "distance" in m.options)])
def test_unknown_weight_name_raises(name):
    m = registry.MEASURES[name]
    key = "weight" if "weight" in m.options else "distance"
    with pytest.raises(govnet.InvalidParameterError, match=f"{key}='no_such_column'"):
        m(KITE(), **{key: "no_such_column"})
    with pytest.raises(TypeError, match=f"{key} must be a tie column name"):
        m(KITE(), **{key: 1.5})


def test_weight_and_distance_have_one_meaning_each():
    # weight= reads strengths, distance= reads lengths: no function takes weight= as lengths
    lengths = {"closeness_centrality", "harmonic_centrality", "average_shortest_path_length",
               "global_efficiency"}
    for name in lengths:
        assert "distance" in registry.MEASURES[name].options
        assert "weight" not in registry.MEASURES[name].options


def test_direction_is_the_one_name_for_in_out_all():
    for name, m in registry.MEASURES.items():
        assert "mode" not in m.options or name == "core_periphery", name
        assert "reverse" not in m.options, name
    net = govnet.datasets.krackhardt_managers()
    rel = net.relations[0]
    assert (govnet.strength(net, relation=rel, direction="in").sum()
            == govnet.strength(net, relation=rel, direction="out").sum())
    with pytest.raises(govnet.InvalidParameterError, match="direction must be"):
        govnet.core_number(net, relation=rel, direction="both")


def test_undirected_on_every_measure_that_reads_ties():
    missing = [n for n, m in registry.MEASURES.items()
               if m.reads == "ties" and "relation" in m.options and "undirected" not in m.options]
    # reciprocity and the in/out degrees are defined by direction only
    # defined by direction (in/out degree, reciprocity, the dyad and triad censuses,
    # strong components) or always read as undirected (transitivity, cliques,
    # cut-points, bridges): an undirected= switch would mean nothing there
    assert set(missing) <= {"in_degree_centrality", "out_degree_centrality", "reciprocity",
                            "transitivity", "triad_census", "dyad_census", "cliques",
                            "clique_comembership", "components", "articulation_points",
                            "bridges", "ego_composition",
                            # community detection always reads a layer as undirected
                            "louvain", "leiden", "community_ensemble"}, missing


@pytest.mark.parametrize("bad,exc", [(-1, govnet.InvalidParameterError),
                                     (10**9, govnet.InvalidParameterError),
                                     (1.5, TypeError), ("2", TypeError), (True, TypeError)])
def test_threads_values_and_types(bad, exc):
    with pytest.raises(exc, match="threads"):
        govnet.betweenness_centrality(KITE(), threads=bad)


def test_threads_are_capped_not_failing():
    a = govnet.betweenness_centrality(KITE(), threads=1)
    b = govnet.betweenness_centrality(KITE(), threads=1024)
    assert np.array_equal(a.to_numpy(), b.to_numpy())


@pytest.mark.parametrize("bad,exc", [(-5, govnet.InvalidParameterError),
                                     (2**64, govnet.InvalidParameterError),
                                     ("7", TypeError), (1.0, TypeError)])
def test_seed_values_and_types(bad, exc):
    with pytest.raises(exc, match="seed"):
        govnet.betweenness_centrality(KITE(), k=3, seed=bad)


def test_every_public_function_uses_the_shared_names():
    # the same idea never has two names across the public API
    banned = {"mode": "direction", "reverse": "direction", "nperm": "n_permutations",
              "reps": "n_permutations", "n_samples": "n_permutations", "n_jobs": "threads",
              "random_state": "seed",
              "verbose": "progress"}
    found = []
    for name in govnet.__all__:
        obj = getattr(govnet, name)
        if not inspect.isfunction(obj):
            continue
        for p in inspect.signature(obj).parameters:
            # mode= elsewhere is not a direction: the aggregation of pooled layers
            # (to_adjacency, like Network.layer) and the side of a two-mode
            # projection (duty_projection: actors or duties, Breiger's modes)
            if p in banned and not (name in {"to_adjacency", "duty_projection"} and p == "mode"):
                found.append(f"{name}({p}=) should be {banned[p]}=")
    assert not found, found
