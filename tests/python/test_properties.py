"""Property tests across the per-actor measures (issue #10, item 3).

Each measure is one line in ``MEASURES`` saying which properties it must
satisfy; every property test runs over every measure. Properties:

* relabel — reordering and renaming actors permutes the result;
* isolate — adding an isolate changes no other actor's value (for measures
  that do not depend on n, e.g. unnormalised betweenness);
* threads — bit-identical results for threads=1 and threads=2;
* symmetric — in G + a mirrored copy of G, each actor equals its twin; a
  directed layer with every tie both ways gives ``sym_factor`` times the
  undirected result;
* bounds / sums — values in ``bounds``; values sum to ``sums_to``;
* weight scale — multiplying every weight by 2 changes nothing (path
  measures reading weights as distances, normalised strengths).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govnet
from govnet import registry


@dataclass(frozen=True)
class Measure:
    name: str
    fn: registry.Measure  # the registry's row: fn(net, **options) -> Series by actor id
    options: dict[str, Any] = field(default_factory=dict)
    isolate: bool = False  # other actors' values unchanged by an added isolate
    bounds: tuple[float, float] | None = None  # on every graph
    undirected_bounds: tuple[float, float] | None = None  # tighter, on undirected graphs
    sums_to: float | None = None
    sym_factor: float | None = None  # directed-with-both-arcs / undirected
    weight_scale: bool = False  # invariant under weights x 2
    weighted: bool = False  # reads weights (graphs are then drawn weighted)

    @property
    def threads(self) -> bool:
        return "threads" in self.fn.options


def measure(label: str, name: str, options: dict[str, Any] | None = None, **props: Any) -> Measure:
    """A property-table row for the registered measure ``name`` (KeyError if it is not
    registered: a renamed or removed measure fails here, it is never silently dropped)."""
    row = registry.MEASURES[name]
    assert row.returns == "actor", f"{name} returns {row.returns!r}, not a Series by actor"
    options = dict(options or {})
    unknown = set(options) - set(row.options)
    assert not unknown, f"{name} takes no option {sorted(unknown)}"
    return Measure(label, row, options, **props)


MEASURES: list[Measure] = [
    measure("betweenness", "betweenness_centrality", {"normalized": False},
            isolate=True, bounds=(0, np.inf), sym_factor=2.0),
    measure("betweenness_normalized", "betweenness_centrality", bounds=(0, 1), sym_factor=1.0),
    measure("betweenness_weighted", "betweenness_centrality",
            {"normalized": False, "distance": "weight"},
            isolate=True, bounds=(0, np.inf), sym_factor=2.0, weight_scale=True, weighted=True),
    measure("betweenness_endpoints", "betweenness_centrality",
            {"normalized": False, "endpoints": True}, bounds=(0, np.inf)),
    measure("degree", "degree_centrality", bounds=(0, 2), undirected_bounds=(0, 1),
            sym_factor=2.0),
    # networkx conventions:
    measure("pagerank", "pagerank", bounds=(0, 1), sums_to=1.0, sym_factor=1.0),
    measure("closeness", "closeness_centrality", bounds=(0, 1)),
    measure("harmonic", "harmonic_centrality", isolate=True, bounds=(0, np.inf)),
]

#: Registered per-actor measures of ties that the table above does not cover, each with
#: the reason. test_every_registered_actor_measure_is_covered keeps this list honest.
NOT_COVERED: dict[str, str] = {
    "in_degree_centrality": "a one-direction view of degree_centrality (covered)",
    "out_degree_centrality": "a one-direction view of degree_centrality (covered)",
    "strength": "tested against networkx in test_centrality.py",
    "eigenvector_centrality": "tested against networkx in test_centrality.py",
    "katz_centrality": "tested against networkx in test_centrality.py",
    "core_number": "tested against networkx and R sna in test_structure.py",
    "constraint": "tested against networkx in test_structure.py",
    "effective_size": "tested against networkx in test_structure.py",
    "efficiency": "tested against networkx in test_structure.py",
    "hierarchy": "tested against closed forms in test_structure.py",
    "clustering": "tested against networkx and igraph (all variants) in test_positions.py",
}


def test_every_registered_actor_measure_is_covered():
    actor_measures = {n for n in registry.names(returns="actor")
                      if registry.MEASURES[n].reads == "ties"}
    covered = {m.fn.name for m in MEASURES}
    assert covered <= actor_measures
    assert set(NOT_COVERED) <= actor_measures, set(NOT_COVERED) - actor_measures
    assert not covered & set(NOT_COVERED), covered & set(NOT_COVERED)
    assert actor_measures - covered - set(NOT_COVERED) == set(), \
        "add these measures to MEASURES (or NOT_COVERED, with the reason)"


IDS = [m.name for m in MEASURES]


def call(m: Measure, net: govnet.Network, *, threads: int = 1) -> pd.Series:
    # One thread unless the test is about threads: starting an OpenMP team
    # for a 10-actor graph costs more than the measure on a busy machine.
    kwargs = dict(m.options)
    if m.threads:
        kwargs["threads"] = threads
    try:
        return m.fn(net, **kwargs)
    except govnet.ConvergenceError:
        assume(False)
        raise


# -- random graphs -------------------------------------------------------------------

@dataclass(frozen=True)
class G:
    n: int
    src: np.ndarray
    dst: np.ndarray
    w: np.ndarray
    directed: bool

    def net(self, *, ids=None, order=None, extra_isolate=False, weights=None,
            directed=None) -> govnet.Network:
        ids = list(ids if ids is not None else [f"a{i}" for i in range(self.n)])
        src, dst = self.src, self.dst
        if order is not None:  # actor i moves to position order[i]
            inv_ids = [None] * self.n
            for i, p in enumerate(order):
                inv_ids[p] = ids[i]
            ids, src, dst = inv_ids, order[src], order[dst]
        if extra_isolate:
            ids = ids + ["孤立者"]
        return govnet.Network.from_arrays(src, dst, self.w if weights is None else weights,
                                          actors=ids,
                                          directed=self.directed if directed is None else directed, duplicates="sum", self_loops="drop")


@st.composite
def graphs(draw, weighted=False, directed=None):
    n = draw(st.integers(1, 11))
    m = draw(st.integers(0, 3 * n))
    src = np.array(draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m)), dtype=np.int64)
    dst = np.array(draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m)), dtype=np.int64)
    # Integer weights: path lengths are exact, so ties in Dijkstra are real ties.
    w = (np.array(draw(st.lists(st.integers(1, 3), min_size=m, max_size=m)), dtype=float)
         if weighted else np.ones(m))
    d = draw(st.booleans()) if directed is None else directed
    return G(n, src, dst, w, d)


def graph_for(m: Measure, directed=None):
    return graphs(weighted=m.weighted, directed=directed)


PROPS = settings(max_examples=60, deadline=None)


def close(a, b):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-9, atol=1e-12)


# -- properties ------------------------------------------------------------------------

@pytest.mark.parametrize("m", MEASURES, ids=IDS)
def test_relabelling_permutes_results(m):
    @PROPS
    @given(g=graph_for(m), data=st.data())
    def prop(g, data):
        order = np.array(data.draw(st.permutations(range(g.n))), dtype=np.int64)
        base = call(m, g.net())
        renamed = [f"新{i}" for i in range(g.n)]
        moved = call(m, g.net(ids=renamed, order=order))
        close(base.to_numpy(), moved.reindex(renamed).to_numpy())

    prop()


@pytest.mark.parametrize("m", [m for m in MEASURES if m.isolate], ids=[m.name for m in MEASURES if m.isolate])
def test_isolate_changes_no_other_actor(m):
    @PROPS
    @given(g=graph_for(m))
    def prop(g):
        base = call(m, g.net())
        more = call(m, g.net(extra_isolate=True))
        close(base.to_numpy(), more.drop("孤立者").to_numpy())
        assert more["孤立者"] == 0

    prop()


@pytest.mark.parametrize("m", [m for m in MEASURES if m.threads],
                         ids=[m.name for m in MEASURES if m.threads])
def test_threads_give_identical_results(m):
    @settings(PROPS, max_examples=30)
    @given(g=graph_for(m))
    def prop(g):
        net = g.net()
        a = call(m, net, threads=1).to_numpy()
        b = call(m, net, threads=2).to_numpy()
        assert np.array_equal(a, b, equal_nan=True)

    prop()


@pytest.mark.parametrize("m", MEASURES, ids=IDS)
def test_mirrored_copy_gives_equal_twins(m):
    @PROPS
    @given(g=graph_for(m))
    def prop(g):
        doubled = G(2 * g.n, np.concatenate([g.src, g.src + g.n]),
                    np.concatenate([g.dst, g.dst + g.n]), np.concatenate([g.w, g.w]), g.directed)
        r = call(m, doubled.net()).to_numpy()
        close(r[:g.n], r[g.n:])

    prop()


@pytest.mark.parametrize("m", [m for m in MEASURES if m.sym_factor is not None],
                         ids=[m.name for m in MEASURES if m.sym_factor is not None])
def test_symmetric_directed_equals_undirected(m):
    @PROPS
    @given(g=graph_for(m, directed=False))
    def prop(g):
        assume(g.n >= 2)  # a lone actor's degree centrality is 1 by networkx's convention, both ways
        keep = g.src != g.dst  # a self-loop counts once either way
        s, t, w = g.src[keep], g.dst[keep], g.w[keep]
        both = G(g.n, np.concatenate([s, t]), np.concatenate([t, s]), np.concatenate([w, w]), True)
        # Merge parallel ties first (max) so duplicates do not double weights.
        und = call(m, G(g.n, s, t, w, False).net()).to_numpy()
        dirs = call(m, govnet.Network.from_arrays(both.src, both.dst, both.w, actors=g.n,
                                                  directed=True, duplicates="max",
                                                  self_loops="drop")).to_numpy()
        und_max = call(m, govnet.Network.from_arrays(s, t, w, actors=g.n, directed=False,
                                                     duplicates="max", self_loops="drop")).to_numpy()
        close(dirs, m.sym_factor * und_max)
        assert und.shape == dirs.shape

    prop()


@pytest.mark.parametrize("m", [m for m in MEASURES if m.bounds or m.sums_to is not None],
                         ids=[m.name for m in MEASURES if m.bounds or m.sums_to is not None])
def test_bounds_and_sums(m):
    @PROPS
    @given(g=graph_for(m))
    def prop(g):
        r = call(m, g.net()).to_numpy()
        assert np.isfinite(r).all()
        lo, hi = (m.undirected_bounds if (m.undirected_bounds and not g.directed) else m.bounds) \
            or (-np.inf, np.inf)
        assert (r >= lo - 1e-12).all() and (r <= hi + 1e-12).all(), r
        if m.sums_to is not None:
            assert abs(r.sum() - m.sums_to) < 1e-9

    prop()


@pytest.mark.parametrize("m", [m for m in MEASURES if m.weight_scale],
                         ids=[m.name for m in MEASURES if m.weight_scale])
def test_scaling_weights_changes_nothing(m):
    @PROPS
    @given(g=graph_for(m))
    def prop(g):
        a = call(m, g.net()).to_numpy()
        b = call(m, g.net(weights=g.w * 2.0)).to_numpy()
        assert np.array_equal(a, b)

    prop()


def test_betweenness_normalisation_matches_networkx_on_a_sample():
    # Anchors the normalised bounds above to the reference implementation.
    import networkx as nx

    g = nx.gnp_random_graph(12, 0.3, seed=4)
    ours = govnet.betweenness_centrality(g)
    ref = nx.betweenness_centrality(g)
    close(ours.to_numpy(), np.array([ref[v] for v in g.nodes]))
