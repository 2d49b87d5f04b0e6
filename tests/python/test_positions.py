"""govnet.positions against networkx and python-igraph: the classic data sets
and hypothesis random graphs (1-12 actors, directed or not, weighted or not,
isolates and self-loops generated and dropped). Values to 1e-12, counts exactly."""

import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnet

TOL = 1e-12
CLASSIC = [("karate", "tie"), ("florentine", "marriage"), ("florentine", "business"),
           ("kite", "tie"), ("krackhardt_managers", "advice"),
           ("krackhardt_managers", "friendship"), ("krackhardt_managers", "reports_to")]


def nx_graph(net, relation, *, undirected=False):
    """The layer as a networkx graph on actor positions 0..n-1 with weights."""
    g = net.layer(relation)
    s, d, w = g.edges()
    h = nx.DiGraph() if g.directed else nx.Graph()
    h.add_nodes_from(range(len(net)))
    for a, b, c in zip(s.tolist(), d.tolist(), np.asarray(w, dtype=float).tolist()):
        h.add_edge(a, b, weight=c)
    return h.to_undirected() if undirected and h.is_directed() else h


def ig_graph(net, relation):
    g = net.layer(relation)
    s, d, w = g.edges()
    h = ig.Graph(n=len(net), edges=list(zip(s.tolist(), d.tolist())), directed=g.directed)
    h.es["weight"] = np.asarray(w, dtype=float).tolist()
    return h


def positions(net, actors):
    pos = {a: i for i, a in enumerate(net.actor_ids)}
    return [pos[a] for a in actors]


@pytest.fixture(params=CLASSIC, ids=[f"{d}-{r}" for d, r in CLASSIC])
def classic(request):
    name, rel = request.param
    return getattr(govnet.datasets, name)(), rel


# -- cohesion against networkx and igraph ---------------------------------------------


def check_cohesion(net, rel, h):
    u = h.to_undirected() if h.is_directed() else h
    n = len(net)
    t = govnet.transitivity(net, relation=rel)
    assert abs(t - nx.transitivity(u)) <= TOL
    for w in (None, "weight"):
        c = govnet.clustering(net, relation=rel, weight=w)
        ref = nx.clustering(h, weight=w)
        assert list(c.index) == list(net.actor_ids)
        np.testing.assert_allclose(c.to_numpy(), [ref[i] for i in range(n)], rtol=0, atol=TOL)
    cu = govnet.clustering(net, relation=rel, undirected=True)
    refu = nx.clustering(u)
    np.testing.assert_allclose(cu.to_numpy(), [refu[i] for i in range(n)], rtol=0, atol=TOL)
    tc = govnet.triad_census(net, relation=rel)
    assert list(tc.index) == list(govnet.TRIAD_TYPES)
    assert tc.sum() == math.comb(n, 3)
    if h.is_directed():
        assert tc.to_dict() == dict(nx.triadic_census(h))
    mine = sorted(sorted(positions(net, c)) for c in govnet.cliques(net, relation=rel))
    assert mine == sorted(sorted(c) for c in nx.find_cliques(u))
    ap = positions(net, govnet.articulation_points(net, relation=rel))
    assert ap == sorted(nx.articulation_points(u))
    br = govnet.bridges(net, relation=rel)
    got = list(zip(positions(net, br.source), positions(net, br.target)))
    assert got == sorted(tuple(sorted(e)) for e in nx.bridges(u))
    for conn, ref in (("weak", nx.weakly_connected_components if h.is_directed()
                       else nx.connected_components),
                      ("strong", nx.strongly_connected_components if h.is_directed()
                       else nx.connected_components)):
        comp = govnet.components(net, relation=rel, connection=conn)
        groups = {frozenset(np.flatnonzero(comp.labels.to_numpy() == k).tolist())
                  for k in range(comp.n_components)}
        assert groups == {frozenset(c) for c in ref(h)}
        assert comp.sizes.sum() == n and list(comp.sizes) == sorted(comp.sizes, reverse=True)


def test_cohesion_classic(classic):
    net, rel = classic
    check_cohesion(net, rel, nx_graph(net, rel))


def test_cohesion_classic_igraph(classic):
    net, rel = classic
    h = ig_graph(net, rel)
    u = h.as_undirected() if h.is_directed() else h
    assert abs(govnet.transitivity(net, relation=rel) - u.transitivity_undirected()) <= TOL
    loc = u.transitivity_local_undirected(mode="zero")
    np.testing.assert_allclose(govnet.clustering(net, relation=rel, undirected=True).to_numpy(),
                               loc, rtol=0, atol=TOL)
    if h.is_directed():
        census = h.triad_census()
        assert list(govnet.triad_census(net, relation=rel)) == [census[k] for k in
                                                                govnet.TRIAD_TYPES]
    mine = sorted(sorted(positions(net, c)) for c in govnet.cliques(net, relation=rel))
    assert mine == sorted(sorted(c) for c in u.maximal_cliques())
    assert positions(net, govnet.articulation_points(net, relation=rel)) == sorted(
        u.articulation_points())
    br = govnet.bridges(net, relation=rel)
    got = list(zip(positions(net, br.source), positions(net, br.target)))
    assert got == sorted(tuple(sorted(u.es[e].tuple)) for e in u.bridges())


def test_known_values():
    # Krackhardt's kite: one bridge chain Heather-Ike-Jane, cut-points Heather and Ike
    kite = govnet.datasets.kite()
    assert len(govnet.bridges(kite)) == 2
    assert len(govnet.articulation_points(kite)) == 2
    # the karate club: 45 triangles, transitivity 0.2557 (networkx docs)
    assert abs(govnet.transitivity(govnet.datasets.karate()) - 0.2556818181818182) < TOL


def test_clique_comembership():
    net = govnet.datasets.karate()
    cm = govnet.clique_comembership(net)
    big = [c for c in govnet.cliques(net) if len(c) >= 3]
    assert (np.diag(cm.to_numpy()) == [sum(a in c for c in big) for a in net.actor_ids]).all()
    assert (cm.to_numpy() == cm.to_numpy().T).all()
    a, b = big[0][:2]
    assert cm.loc[a, b] == sum(a in c and b in c for c in big)
    all_cm = govnet.clique_comembership(net, min_size=1)
    assert all_cm.to_numpy().sum() >= cm.to_numpy().sum()
    with pytest.raises(govnet.InvalidParameterError):
        govnet.cliques(net, min_size=0)
    with pytest.raises(TypeError):
        govnet.cliques(net, min_size=2.0)


def test_components_result():
    net = govnet.datasets.florentine()
    comp = govnet.components(net, relation="business")
    assert comp.n_components == 6 and list(comp.sizes) == [11, 1, 1, 1, 1, 1]
    assert "6 component(s)" in repr(comp) and "<table>" in comp._repr_html_()
    assert len(comp.members(0)) == 11
    with pytest.raises(govnet.InvalidParameterError, match="connection"):
        govnet.components(net, relation="business", connection="unilateral")


def test_relation_none_is_refused_on_several_layers():
    net = govnet.datasets.nanshan()
    for f in (govnet.transitivity, govnet.clustering, govnet.triad_census, govnet.cliques,
              govnet.components, govnet.articulation_points, govnet.bridges,
              govnet.dyad_census, govnet.clique_comembership):
        with pytest.raises(govnet.InvalidParameterError, match="relation=None is ambiguous"):
            f(net)
    with pytest.raises(govnet.InvalidParameterError, match="relation=None is ambiguous"):
        govnet.modularity(net, "tier")
    with pytest.raises(govnet.InvalidParameterError, match="relation=None is ambiguous"):
        govnet.assortativity(net, "tier")


def test_weight_name_is_checked():
    net = govnet.datasets.karate()
    for f in (lambda w: govnet.clustering(net, weight=w),
              lambda w: govnet.modularity(net, "club", weight=w),
              lambda w: govnet.assortativity(net, "club", weight=w)):
        with pytest.raises(govnet.InvalidParameterError, match="no weight column"):
            f("strength")
        with pytest.raises(TypeError):
            f(1)


def test_networkx_graph_input():
    g = nx.karate_club_graph()
    assert abs(govnet.transitivity(g) - nx.transitivity(g)) <= TOL
    c = govnet.clustering(g)
    np.testing.assert_allclose(c.to_numpy(), [nx.clustering(g)[v] for v in g], atol=TOL)


# -- reciprocity (sna's grecip variants) -------------------------------------------------


def sna_grecip(h, n):
    """R sna's grecip from the dyad census (no self-loops)."""
    m = sum(1 for u, v in h.edges() if h.has_edge(v, u)) // 2
    a = h.number_of_edges() - 2 * m
    nul = n * (n - 1) // 2 - m - a
    return {"dyadic": (m + nul) / (m + a + nul), "dyadic.nonnull": m / (m + a),
            "edgewise": 2 * m / (2 * m + a),
            "edgewise.lrr": math.log((2 * m / (2 * m + a)) / ((2 * m + a) / (n * (n - 1))))
            if m else -math.inf}


@pytest.mark.parametrize("rel", ["advice", "friendship", "reports_to"])
def test_reciprocity_methods(rel):
    net = govnet.datasets.krackhardt_managers()
    h = nx_graph(net, rel)
    ref = sna_grecip(h, len(net)) if rel != "reports_to" else None
    assert govnet.reciprocity(net, relation=rel) == govnet.reciprocity(net, relation=rel,
                                                                         method="edgewise")
    assert abs(govnet.reciprocity(net, relation=rel) - nx.overall_reciprocity(h)) <= TOL
    ih = ig_graph(net, rel)
    assert abs(govnet.reciprocity(net, relation=rel, method="dyadic.nonnull")
               - ih.reciprocity(mode="ratio")) <= TOL
    if ref is not None:
        for method, value in ref.items():
            assert abs(govnet.reciprocity(net, relation=rel, method=method) - value) <= TOL
    dc = govnet.dyad_census(net, relation=rel)
    assert tuple(dc) == tuple(ih.dyad_census())
    with pytest.raises(govnet.InvalidParameterError, match="method"):
        govnet.reciprocity(net, relation=rel, method="correlation")


def test_reciprocity_undirected_and_empty():
    kite = govnet.datasets.kite()
    for method in ("edgewise", "dyadic", "dyadic.nonnull"):
        assert govnet.reciprocity(kite, method=method) == 1.0
    assert abs(govnet.reciprocity(kite, method="edgewise.lrr")
               - math.log(1 / nx.density(nx_graph(kite, "tie")))) <= TOL


# -- modularity ------------------------------------------------------------------------------


def test_modularity_classic(classic):
    net, rel = classic
    h = nx_graph(net, rel)
    u = h.to_undirected() if h.is_directed() else h
    parts = list(nx.community.greedy_modularity_communities(u)) if u.number_of_edges() else [
        set(range(len(net)))]
    ids = net.actor_ids
    blocks = [{ids[i] for i in p} for p in parts]
    ih = ig_graph(net, rel)
    member = [0] * len(net)
    for k, p in enumerate(parts):
        for i in p:
            member[i] = k
    for gamma in (1.0, 0.5, 2.0):
        for w in (None, "weight"):
            got = govnet.modularity(net, blocks, relation=rel, weight=w, resolution=gamma)
            assert abs(got - nx.community.modularity(h, parts, weight=w, resolution=gamma)) <= TOL
            assert abs(got - ih.modularity(member, weights="weight" if w else None,
                                           resolution=gamma, directed=True)) <= TOL
    # the same partition as a Series and as a mapping
    s = pd.Series(member, index=ids)
    q = govnet.modularity(net, blocks, relation=rel)
    assert govnet.modularity(net, s, relation=rel) == q
    assert govnet.modularity(net, dict(zip(ids, member)), relation=rel) == q


def test_modularity_of_the_tiers_nanshan():
    net = govnet.datasets.nanshan()
    h = nx_graph(net, "leadership")
    tiers = net.actors["tier"].to_numpy()
    parts = [set(np.flatnonzero(tiers == t).tolist()) for t in pd.unique(tiers)]
    got = govnet.modularity(net, "tier", relation="leadership")
    assert abs(got - nx.community.modularity(h, parts)) <= TOL
    member = pd.factorize(net.actors["tier"])[0].tolist()
    assert abs(got - ig_graph(net, "leadership").modularity(member, directed=True)) <= TOL


def test_modularity_bad_partitions():
    net = govnet.datasets.kite()
    ids = list(net.actor_ids)
    with pytest.raises(govnet.InvalidParameterError, match="in no block"):
        govnet.modularity(net, [set(ids[:3])])
    with pytest.raises(govnet.InvalidParameterError, match="disjoint"):
        govnet.modularity(net, [set(ids[:3]), set(ids[2:])])
    with pytest.raises(govnet.InvalidParameterError, match="not an actor"):
        govnet.modularity(net, [set(ids), {"nobody"}])
    with pytest.raises(govnet.InvalidParameterError, match="no column"):
        govnet.modularity(net, "club")
    with pytest.raises(govnet.InvalidParameterError, match="no value"):
        govnet.modularity(net, pd.Series([0, 1], index=ids[:2]))
    with pytest.raises(govnet.InvalidParameterError, match="resolution"):
        govnet.modularity(net, "tier", resolution=-1)
    with pytest.raises(TypeError):
        govnet.modularity(net, 3)


# -- assortativity ---------------------------------------------------------------------------


ATTRS = [("karate", "tie", "club"), ("florentine", "marriage", "wealth"),
         ("krackhardt_managers", "advice", "dept"), ("krackhardt_managers", "friendship", "age"),
         ("krackhardt_managers", "friendship", "level")]


@pytest.mark.parametrize("name,rel,attr", ATTRS)
def test_assortativity(name, rel, attr):
    net = getattr(govnet.datasets, name)()
    h = nx_graph(net, rel)
    values = net.actors[attr].to_numpy()
    nx.set_node_attributes(h, dict(enumerate(values.tolist())), "x")
    ih = ig_graph(net, rel)
    cat = pd.factorize(net.actors[attr])[0].tolist()
    got = govnet.assortativity(net, attr, relation=rel, kind="categorical")
    assert abs(got - nx.attribute_assortativity_coefficient(h, "x")) <= TOL
    assert abs(got - ih.assortativity_nominal(cat, directed=True)) <= TOL
    if pd.api.types.is_numeric_dtype(net.actors[attr]):
        got = govnet.assortativity(net, attr, relation=rel)
        assert got == govnet.assortativity(net, attr, relation=rel, kind="numeric")
        assert abs(got - nx.numeric_assortativity_coefficient(h, "x")) <= TOL
        assert abs(got - ih.assortativity(values.astype(float).tolist(), directed=True)) <= TOL


def test_assortativity_degree_and_errors():
    net = govnet.datasets.karate()
    deg = pd.Series(dict(nx_graph(net, "tie").degree()), dtype=float)
    deg.index = net.actor_ids
    r = govnet.assortativity(net, deg)
    assert abs(r - nx.degree_assortativity_coefficient(nx_graph(net, "tie"))) <= TOL
    with pytest.raises(govnet.InvalidParameterError, match="kind"):
        govnet.assortativity(net, "club", kind="ordinal")
    with pytest.raises(govnet.InvalidParameterError, match="not numeric"):
        govnet.assortativity(net, "club", kind="numeric")
    one = pd.Series("x", index=net.actor_ids)
    assert math.isnan(govnet.assortativity(net, one))


# -- hypothesis random graphs --------------------------------------------------------------------


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 12))
    directed = draw(st.booleans())
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=3 * n))
    ties = {}
    for u, v in pairs:
        key = (u, v) if directed else (min(u, v), max(u, v))
        ties[key] = draw(st.integers(1, 5))
    ids = [f"a{i}" for i in range(n)]
    edges = pd.DataFrame([(ids[u], ids[v], float(w)) for (u, v), w in ties.items()],
                         columns=["source", "target", "weight"])
    labels = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    net = govnet.Network.from_frames(
        pd.DataFrame({"id": ids, "tier": "plural", "group": labels}), edges,
        directed=directed, duplicates="sum", self_loops="drop")
    return net


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(graphs())
def test_cohesion_hypothesis(net):
    rel = None
    h = nx_graph(net, rel)
    check_cohesion(net, rel, h)
    if h.is_directed() and h.number_of_edges():
        for method, value in sna_grecip(h, len(net)).items() if len(net) > 1 else ():
            got = govnet.reciprocity(net, relation=rel, method=method)
            assert got == value or abs(got - value) <= TOL
        assert tuple(govnet.dyad_census(net, relation=rel)) == tuple(
            ig_graph(net, rel).dyad_census())
    elif h.number_of_edges() == 0:
        assert math.isnan(govnet.reciprocity(net, relation=rel, method="dyadic.nonnull"))


@SETTINGS
@given(graphs(), st.sampled_from([0.0, 0.5, 1.0, 1.7]))
def test_modularity_and_assortativity_hypothesis(net, gamma):
    rel = None
    h = nx_graph(net, rel)
    group = net.actors["group"].to_numpy()
    parts = [set(np.flatnonzero(group == k).tolist()) for k in np.unique(group)]
    for w in (None, "weight"):
        got = govnet.modularity(net, "group", relation=rel, weight=w, resolution=gamma)
        if h.number_of_edges() == 0:
            assert math.isnan(got)
        else:
            assert abs(got - nx.community.modularity(h, parts, weight=w,
                                                     resolution=gamma)) <= TOL
    nx.set_node_attributes(h, dict(enumerate(group.tolist())), "x")
    got = govnet.assortativity(net, "group", relation=rel, kind="categorical")
    if h.number_of_edges() == 0:
        assert math.isnan(got)
        return
    with np.errstate(all="ignore"):
        ref = nx.attribute_assortativity_coefficient(h, "x")
    assert (math.isnan(got) and math.isnan(ref)) or abs(got - ref) <= TOL


def test_kernels_do_not_depend_on_threads():
    # 300 actors, ~3000 arcs: enough work (> 1e6 steps) for the core to start threads
    rng = np.random.default_rng(7)
    s, t = rng.integers(0, 300, 3000), rng.integers(0, 300, 3000)
    ids = [f"a{i}" for i in range(300)]
    edges = pd.DataFrame({"source": [ids[i] for i in s], "target": [ids[i] for i in t],
                          "weight": rng.integers(1, 5, s.size).astype(float)})
    net = govnet.Network.from_frames(pd.DataFrame({"id": ids, "tier": "plural"}), edges,
                                     directed=True, duplicates="sum", self_loops="drop")
    rel = net.relations[0]
    one = govnet.triad_census(net, relation=rel, threads=1)
    assert one.sum() == math.comb(len(net), 3)
    assert one.equals(govnet.triad_census(net, relation=rel, threads=2))
    assert one.to_dict() == dict(nx.triadic_census(nx_graph(net, rel)))
    for w in (None, "weight"):
        c1 = govnet.clustering(net, relation=rel, weight=w, threads=1)
        assert c1.equals(govnet.clustering(net, relation=rel, weight=w, threads=2))
    assert govnet.transitivity(net, relation=rel, threads=1) == govnet.transitivity(
        net, relation=rel, threads=2)
    with pytest.raises(TypeError):
        govnet.triad_census(net, relation=rel, threads="2")
