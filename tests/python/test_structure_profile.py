"""core_profile against networkx brute force (paths, reach, efficiency, components)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import govnet
from test_structure import load


def pair_dependency_reference(G: nx.Graph, core: set) -> float:
    shares = []
    for s in G:
        if s in core:
            continue
        for t in G:
            if t == s or t in core or not nx.has_path(G, s, t):
                continue
            paths = list(nx.all_shortest_paths(G, s, t))
            shares.append(sum(1 for p in paths if core & set(p[1:-1])) / len(paths))
    return float(np.mean(shares))


def removal_reference(G: nx.Graph, removed: set) -> tuple[float, int, float]:
    H = G.subgraph([v for v in G if v not in removed])
    n = len(H)
    lengths = dict(nx.all_pairs_shortest_path_length(H))
    eff = sum(1 / d for s in H for t, d in lengths[s].items() if t != s) / (n * (n - 1))
    U = H.to_undirected() if H.is_directed() else H
    comps = list(nx.connected_components(U))
    return eff, len(comps), max(len(c) for c in comps) / n


@pytest.mark.parametrize("name, core", [("karate", ["1", "34"]), ("florentine_marriage", ["Medici"]),
                                        ("krack_advice", ["7", "21"]), ("kite", ["Diane"]),
                                        ("krack_advice", ["21"]), ("krack_friendship", ["12"])])
def test_core_profile_against_networkx(name: str, core: list[str]) -> None:
    net, G = load(name)
    p = govnet.core_profile(net, core)
    assert p.core == core
    assert p.pair_dependency == pytest.approx(pair_dependency_reference(G, set(core)), abs=1e-12)
    U = G.to_undirected() if G.is_directed() else G
    dist = nx.multi_source_dijkstra_path_length(U, set(core))
    others = [v for v in G if v not in core]
    for k in (1, 2, 3):
        assert p.reach[k] == pytest.approx(np.mean([dist.get(v, np.inf) <= k for v in others]))
    base = removal_reference(G, set())[0]
    for unit in ["<core>"] + list(G)[:6]:
        removed = set(core) if unit == "<core>" else {unit}
        eff, comps, share = removal_reference(G, removed)
        row = p.vulnerability.loc[unit]
        assert row.efficiency == pytest.approx(eff, abs=1e-12)
        assert row.efficiency_drop == pytest.approx(base - eff, abs=1e-12)
        assert int(row.components) == comps
        assert row.largest_share == pytest.approx(share)
    drops = p.vulnerability["efficiency_drop"]
    assert p.core_vulnerability_rank == 1 + int((drops > drops["<core>"]).sum())
    deg = govnet.degree_centrality(net)
    assert p.centrality.loc["degree_centrality", "share"] == pytest.approx(deg[core].sum() / deg.sum())
    assert p.centrality.loc["degree_centrality", "best_rank"] == 1 + int((deg > deg[core].max()).sum())
    cp = govnet.core_periphery(net, seed=0, restarts=10)
    assert p.empirical_core == cp.core
    assert p.in_empirical_core == (set(core) <= set(cp.core))
    assert "core=" in repr(p) and "<table>" in p._repr_html_()


def test_core_profile_defaults_to_core_tier_and_validates() -> None:
    net = govnet.datasets.nanshan()
    p = govnet.core_profile(net, relation="all")
    assert p.core == net.tier_of("core")
    assert 0.0 <= p.pair_dependency <= 1.0
    assert list(p.reach.index) == [1, 2, 3]
    with pytest.raises(govnet.ActorNotFoundError):
        govnet.core_profile(net, ["nobody"])
    with pytest.raises(govnet.InvalidNetworkError, match="empty"):
        govnet.core_profile(net, [])
