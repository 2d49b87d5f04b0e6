"""Degree and betweenness against networkx on the classic data sets."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet
from conftest import read_classic


def classic(name, directed=False, weighted=False):
    nodes = read_classic(f"{name}_nodes.csv")
    edges = read_classic(f"{name}_edges.csv")
    actors = pd.DataFrame({"id": nodes["id"], "tier": "plural"})
    net = govnet.Network.from_frames(actors, edges, directed=directed)
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(nodes["id"])
    for r in edges.itertuples():
        g.add_edge(r.source, r.target, weight=float(getattr(r, "weight", 1)))
    return net, g


@pytest.mark.parametrize("name,directed", [("karate", False), ("kite", False), ("random_dw", True)])
@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("endpoints", [True, False])
def test_betweenness_matches_networkx(name, directed, normalized, endpoints):
    net, g = classic(name, directed)
    got = govnet.betweenness_centrality(net, normalized=normalized, endpoints=endpoints)
    ref = pd.Series(nx.betweenness_centrality(g, normalized=normalized, endpoints=endpoints))
    np.testing.assert_allclose(got.to_numpy(), ref[got.index].to_numpy(), rtol=1e-9, atol=1e-12)


def test_weighted_betweenness_matches_networkx():
    net, g = classic("random_dw", True)
    got = govnet.betweenness_centrality(net, distance="weight")
    ref = pd.Series(nx.betweenness_centrality(g, weight="weight"))
    np.testing.assert_allclose(got.to_numpy(), ref[got.index].to_numpy(), rtol=1e-9, atol=1e-12)


def test_networkx_graph_accepted_directly():
    g = nx.florentine_families_graph()
    got = govnet.betweenness_centrality(g)
    ref = pd.Series(nx.betweenness_centrality(g))
    np.testing.assert_allclose(got.to_numpy(), ref[got.index].to_numpy(), rtol=1e-12)
    deg = govnet.degree_centrality(g)
    np.testing.assert_allclose(deg.to_numpy(), pd.Series(nx.degree_centrality(g))[deg.index].to_numpy())


def test_degree_directed_matches_networkx():
    net, g = classic("random_dw", True)
    got = govnet.degree_centrality(net)
    ref = pd.Series(nx.degree_centrality(g))
    np.testing.assert_allclose(got.to_numpy(), ref[got.index].to_numpy())
