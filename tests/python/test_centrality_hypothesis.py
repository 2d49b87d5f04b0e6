"""Centralities on hypothesis-generated graphs against networkx and scipy.

Graphs: 1-12 actors, directed or undirected, optionally weighted (integer
weights 1-5 as distances or strengths, which makes many equal-length paths),
disconnected pieces and isolates are common, self-loops are generated and
dropped (govnet's default; removed from the networkx graph too). 1e-9 relative.
"""

import math

import networkx as nx
import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import shortest_path

import govnet

RTOL = 1e-9


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 12))
    directed = draw(st.booleans())
    weighted = draw(st.booleans())
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=3 * n))
    ties = {}
    for u, v in pairs:
        key = (u, v) if directed else (min(u, v), max(u, v))
        ties[key] = draw(st.integers(1, 5)) if weighted else 1
    ids = [f"a{i}" for i in range(n)]
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(ids)
    g.add_weighted_edges_from((ids[u], ids[v], float(w)) for (u, v), w in ties.items() if u != v)
    edges = pd.DataFrame([(ids[u], ids[v], float(w)) for (u, v), w in ties.items()],
                         columns=["source", "target", "weight"])
    net = govnet.Network.from_frames(pd.DataFrame({"id": ids, "tier": "plural"}), edges,
                                     directed=directed, duplicates="sum", self_loops="drop")
    return net, g, weighted


def check(got, ref, atol=1e-12):
    ref = pd.Series(ref, dtype=float)
    np.testing.assert_allclose(got.to_numpy(), ref[got.index].to_numpy(), rtol=RTOL, atol=atol)


SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(graphs())
def test_path_measures(case):
    net, g, weighted = case
    w = "weight" if weighted else None
    check(govnet.degree_centrality(net), nx.degree_centrality(g))
    for wf in (True, False):
        check(govnet.closeness_centrality(net, distance=w, wf_improved=wf),
              nx.closeness_centrality(g, distance=w, wf_improved=wf))
    check(govnet.harmonic_centrality(net, distance=w), nx.harmonic_centrality(g, distance=w))
    if g.is_directed():
        check(govnet.closeness_centrality(net, distance=w, direction="out"),
              nx.closeness_centrality(g.reverse(), distance=w))
    for normalized in (True, False):
        for endpoints in (False, True):
            check(govnet.betweenness_centrality(net, distance=w, normalized=normalized,
                                                endpoints=endpoints),
                  nx.betweenness_centrality(g, weight=w, normalized=normalized,
                                            endpoints=endpoints))


@SETTINGS
@given(graphs())
def test_graph_level_measures(case):
    net, g, weighted = case
    w = "weight" if weighted else None
    n = len(g)
    assert math.isclose(govnet.density(net), nx.density(g), rel_tol=1e-12)
    if g.is_directed() and g.number_of_edges():
        assert math.isclose(govnet.reciprocity(net), nx.overall_reciprocity(g), rel_tol=1e-12)
    a = nx.to_numpy_array(g, nodelist=list(net.actor_ids), weight=w)
    d = shortest_path(a, directed=g.is_directed(), unweighted=not weighted)
    off = ~np.eye(n, dtype=bool)
    finite = np.isfinite(d) & off
    eff = np.where(finite, 1 / np.where(finite, d, 1), 0).sum() / (n * (n - 1)) if n > 1 else 0.0
    assert math.isclose(govnet.global_efficiency(net, distance=w), eff, rel_tol=RTOL)
    if not g.is_directed() and not weighted:
        assert math.isclose(govnet.global_efficiency(net), nx.global_efficiency(g), rel_tol=RTOL)
    got = govnet.average_shortest_path_length(net, distance=w, disconnected="reachable")
    if n == 1:
        assert got == 0.0
    elif finite.any():
        assert math.isclose(got, d[finite].mean(), rel_tol=RTOL)
    else:
        assert math.isnan(got)
    if n > 1 and finite[off].all():
        assert math.isclose(govnet.average_shortest_path_length(net, distance=w),
                            nx.average_shortest_path_length(g, weight=w), rel_tol=RTOL)


@SETTINGS
@given(graphs())
def test_pagerank_and_katz(case):
    net, g, weighted = case
    w = "weight" if weighted else None
    check(govnet.pagerank(net, weight=w, tol=1e-13, max_iter=10000),
          nx.pagerank(g, weight=w, tol=1e-14, max_iter=10000))
    # Katz converges for alpha < 1/lambda_max; lambda_max <= max in-strength.
    a = nx.to_numpy_array(g, nodelist=list(net.actor_ids), weight=w)
    alpha = 0.9 / max(1.0, a.sum(axis=0).max())
    got = govnet.katz_centrality(net, alpha=alpha, weight=w, tol=1e-15, max_iter=10000)
    x = np.linalg.solve(np.eye(len(a)) - alpha * a.T, np.ones(len(a)))
    np.testing.assert_allclose(got.to_numpy(), x / np.linalg.norm(x), rtol=RTOL)
    check(got, nx.katz_centrality(g, alpha=alpha, weight=w, tol=1e-14, max_iter=10000))
