"""govnet.components (C++ union–find and iterative Tarjan) against networkx and
scipy on hypothesis random graphs and a larger random digraph."""

import networkx as nx
import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import connected_components

import govnet


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 25))
    directed = draw(st.booleans())
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
    h = nx.DiGraph() if directed else nx.Graph()
    h.add_nodes_from(range(n))
    h.add_edges_from((a, b) for a, b in pairs if a != b)
    return h


def check(h, net, rel):
    n = h.number_of_nodes()
    for conn in ("weak", "strong"):
        comp = govnet.components(net, relation=rel, connection=conn)
        lab = comp.labels.to_numpy()
        if h.is_directed():
            ref = (nx.weakly_connected_components if conn == "weak"
                   else nx.strongly_connected_components)(h)
        else:
            ref = nx.connected_components(h)
        got = {frozenset(np.flatnonzero(lab == k).tolist()) for k in range(comp.n_components)}
        assert got == {frozenset(c) for c in ref}
        # numbering: by size, largest first, ties by the first actor
        sizes = comp.sizes.to_numpy()
        firsts = [int(np.flatnonzero(lab == k)[0]) for k in range(comp.n_components)]
        keys = list(zip(-sizes, firsts))
        assert keys == sorted(keys)
        assert sizes.sum() == n and (np.bincount(lab) == sizes).all()


@given(graphs())
@settings(max_examples=150, deadline=None)
def test_components_hypothesis(h):
    net = govnet.Network.from_networkx(h, default_tier="plural")
    check(h, net, None)


def test_components_large_random_against_scipy():
    rng = np.random.default_rng(3)
    n, m = 5000, 6000
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    h = nx.DiGraph()
    h.add_nodes_from(range(n))
    h.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist()))
    net = govnet.Network.from_networkx(h, default_tier="plural")
    a = sp.csr_matrix((np.ones(keep.sum()), (src[keep], dst[keep])), shape=(n, n))
    for conn in ("weak", "strong"):
        k, raw = connected_components(a, directed=True, connection=conn)
        comp = govnet.components(net, connection=conn)
        assert comp.n_components == k
        lab = comp.labels.to_numpy()
        # the same partition: a bijection between labels
        pairs = set(zip(lab.tolist(), raw.tolist()))
        assert len(pairs) == k


def test_components_deep_chain_no_recursion_limit():
    n = 200_000
    h = nx.DiGraph()
    h.add_nodes_from(range(n))
    h.add_edges_from((i, i + 1) for i in range(n - 1))
    h.add_edge(n - 1, 0)
    net = govnet.Network.from_networkx(h, default_tier="plural")
    assert govnet.components(net, connection="strong").n_components == 1
