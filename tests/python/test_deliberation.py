"""Deliberation: meetings, influence matrices, DeGroot / Friedkin–Johnsen, deliberation index.

References: small numpy implementations written here (dense matrices), closed
forms worked by hand, and numpy.linalg.solve / eig for the equilibria.
"""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet

# ---------------------------------------------------------------------------
# numpy references


def ref_influence(adj, self_weight):
    """Dense W from a dense adjacency (adj[u, v]: tie u -> v, u influences v)."""
    a = np.array(adj, dtype=float).T.copy()  # row v: weights of those influencing v
    np.fill_diagonal(a, 0)
    n = len(a)
    w = np.zeros((n, n))
    for i in range(n):
        total = a[i].sum()
        if total == 0:
            w[i, i] = 1.0
        else:
            w[i] = (1 - self_weight) * a[i] / total
            w[i, i] = self_weight
    return w


def ref_degroot(w, x0, tol, max_iter=100000):
    x = np.array(x0, dtype=float)
    t_eps = 0 if x.max() - x.min() <= tol else None
    t = 0
    while t_eps is None and t < max_iter:
        x = w @ x
        t += 1
        if x.max() - x.min() <= tol:
            t_eps = t
    return x, t_eps


def ref_left_perron(w):
    vals, vecs = np.linalg.eig(w.T)
    k = np.argmin(np.abs(vals - 1))
    v = np.real(vecs[:, k])
    return v / v.sum()


def random_net(n, p, seed, directed=False):
    g = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = np.random.default_rng(seed)
    for u, v in g.edges():
        g[u][v]["weight"] = float(rng.integers(1, 4))
    for v in g.nodes():
        g.nodes[v]["tier"] = "plural"
    return g


def net_from(g, relation="deliberation"):
    for _, _, d in g.edges(data=True):
        d["relation"] = relation
    return govnet.Network.from_networkx(g, default_tier="plural")


# ---------------------------------------------------------------------------
# Influence matrix


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("self_weight", [0.0, 0.3])
def test_influence_matrix_matches_numpy(directed, self_weight):
    g = random_net(30, 0.15, seed=4, directed=directed)
    net = net_from(g)
    w = govnet.influence_matrix(net, self_weight=self_weight).to_frame()
    order = [str(v) for v in g.nodes()]
    adj = nx.to_numpy_array(g, nodelist=list(g.nodes()), weight="weight")
    ref = ref_influence(adj, self_weight)
    np.testing.assert_allclose(w.loc[order, order].to_numpy(), ref, atol=1e-14)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)


def test_influence_matrix_unweighted_reverse_and_stubbornness():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "tier": ["core", "support", "plural"]})
    ties = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "relation": "leadership",
                         "weight": [3.0, 1.0]})
    net = govnet.Network.from_frames(actors, ties)
    w = govnet.influence_matrix(net, relation="leadership", weight=None, self_weight=0.2).to_frame()
    # a -> b means a influences b: b's row holds a; a listens to nobody.
    assert w.loc["a", "a"] == 1.0
    assert w.loc["b", "a"] == pytest.approx(0.8) and w.loc["b", "b"] == pytest.approx(0.2)
    wr = govnet.influence_matrix(net, relation="leadership", self_weight=0.0,
                                 direction="out").to_frame()
    assert wr.loc["a", "b"] == pytest.approx(0.75) and wr.loc["a", "c"] == pytest.approx(0.25)
    ws = govnet.influence_matrix(net, relation="leadership", self_weight=0.2,
                                 stubbornness={"b": 0.9}).to_frame()
    assert ws.loc["b", "b"] == pytest.approx(0.9) and ws.loc["c", "c"] == pytest.approx(0.2)
    with pytest.raises(govnet.InvalidParameterError, match="self_weight"):
        govnet.influence_matrix(net, relation="leadership", self_weight=1.5)
    with pytest.raises(govnet.ActorNotFoundError, match="zz"):
        govnet.influence_matrix(net, relation="leadership", stubbornness={"zz": 0.5})


def test_from_array_validates_rows():
    with pytest.raises(govnet.InvalidNetworkError, match="row 1 sums to"):
        govnet.InfluenceMatrix.from_array([[1.0, 0.0], [0.5, 0.4]])
    with pytest.raises(govnet.InvalidNetworkError, match="negative"):
        govnet.InfluenceMatrix.from_array([[1.5, -0.5], [0.5, 0.5]])


# ---------------------------------------------------------------------------
# DeGroot


def test_two_actor_closed_form():
    a, b = 0.3, 0.1
    w = govnet.InfluenceMatrix.from_array([[1 - a, a], [b, 1 - b]], actors=["p", "q"])
    r = govnet.degroot(w, {"p": 1.0, "q": 0.0}, tol=1e-12)
    assert r.converged and r.structure.consensus
    assert r.consensus == pytest.approx(b / (a + b), abs=1e-11)
    assert r.social_power["p"] == pytest.approx(b / (a + b), abs=1e-12)
    assert r.social_power["q"] == pytest.approx(a / (a + b), abs=1e-12)
    # spread shrinks by |1 - a - b| = 0.6 per round: first t with 0.6^t <= 1e-12
    assert r.consensus_iteration == math.ceil(math.log(1e-12) / math.log(0.6))


def test_star_social_power_by_hand():
    # Centre c with three leaves, self-weight 1/2: centre gives 1/6 to each
    # leaf, a leaf 1/2 to the centre. pi_c/6 = pi_leaf/2 => pi_c = 1/2, pi_leaf = 1/6.
    g = nx.star_graph(3)
    net = net_from(g)
    r = govnet.degroot(net, {"0": 1.0, "1": 0.0, "2": 0.0, "3": 0.0}, tol=1e-12)
    assert r.social_power["0"] == pytest.approx(0.5, abs=1e-12)
    assert r.social_power[["1", "2", "3"]].to_numpy() == pytest.approx([1 / 6] * 3, abs=1e-12)
    assert r.consensus == pytest.approx(0.5, abs=1e-11)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_degroot_matches_numpy_reference(seed):
    g = random_net(40, 0.2, seed=seed)
    g = g.subgraph(max(nx.connected_components(g), key=len)).copy()
    net = net_from(g)
    w = govnet.influence_matrix(net, self_weight=0.25)
    dense = w.to_frame().to_numpy()
    x0 = np.random.default_rng(seed).random(len(net))
    r = govnet.degroot(w, x0, tol=1e-8, trajectory=5)
    ref, t_eps = ref_degroot(dense, x0, 1e-8)
    assert r.converged and r.consensus_iteration == t_eps
    np.testing.assert_allclose(r.opinions.to_numpy(), ref, atol=1e-13)
    pi = ref_left_perron(dense)
    np.testing.assert_allclose(r.social_power.to_numpy(), pi, atol=1e-10)
    assert r.consensus == pytest.approx(pi @ x0, abs=1e-7)
    traj = r.trajectory.to_numpy()
    assert traj.shape == (6, len(net))
    np.testing.assert_allclose(traj[3], np.linalg.matrix_power(dense, 3) @ x0, atol=1e-13)


def test_periodic_two_cycle_detected_not_looped():
    w = govnet.InfluenceMatrix.from_array([[0.0, 1.0], [1.0, 0.0]], actors=["a", "b"])
    st = govnet.influence_structure(w)
    assert st.periods == {0: 2} and not st.converges and not st.consensus
    r = govnet.degroot(w, [1.0, 0.0], max_iter=10**9, trajectory=3)
    assert not r.converged and "periodic" in r.reason and "period 2" in r.reason
    assert r.iterations == 3 and math.isnan(r.consensus) and r.social_power is None
    np.testing.assert_array_equal(r.trajectory.to_numpy(), [[1, 0], [0, 1], [1, 0], [0, 1]])
    assert r.decision is None


def test_bipartite_network_with_zero_self_weight_is_periodic():
    net = net_from(nx.path_graph(4))
    r = govnet.degroot(net, [1.0, 0.0, 0.0, 0.0], self_weight=0.0)
    assert not r.converged and r.structure.periods == {0: 2}
    assert govnet.degroot(net, [1.0, 0.0, 0.0, 0.0], self_weight=0.1).converged


def test_two_closed_classes_no_consensus():
    w = govnet.InfluenceMatrix.from_array([[1, 0, 0], [0.25, 0.5, 0.25], [0, 0, 1]],
                                          actors=["x", "m", "y"])
    st = govnet.influence_structure(w)
    assert st.converges and not st.consensus
    assert sorted(map(sorted, st.closed_classes)) == [["x"], ["y"]]
    r = govnet.degroot(w, [0.0, 0.3, 1.0], tol=1e-12)
    assert r.converged and r.consensus_iteration is None and math.isnan(r.consensus)
    assert r.opinions["m"] == pytest.approx(0.5, abs=1e-10)
    assert "2 closed classes" in r.reason


def test_agenda_and_veto():
    # Complete graph of 4, self-weight 1/2: everyone has power 1/4.
    net = net_from(nx.complete_graph(4))
    r = govnet.degroot(net, 0.8, agenda={"0": 0.0}, veto="0", threshold=0.5, tol=1e-12)
    assert r.consensus == pytest.approx(0.6, abs=1e-10)
    assert r.decision.passes and not r.decision.veto_decided
    # FJ: the veto holder is stubborn and opposes; the others favour.
    f = govnet.friedkin_johnsen(net, 0.8, agenda={"0": 0.0}, stubbornness={"0": 0.95},
                                veto="0", threshold=0.5)
    d = f.decision
    assert d.passes_without_veto and not d.passes and d.veto_decided
    assert d.veto_opinion == pytest.approx(f.opinions["0"])
    assert d.support == pytest.approx((f.opinions >= 0.5).mean())


def test_thread_count_invariant():
    rng = np.random.default_rng(7)
    n = 150_000
    src = rng.integers(0, n, 600_000)
    dst = rng.integers(0, n, 600_000)
    net = govnet.Network.from_arrays(src, dst, rng.random(600_000) + 0.1, actors=n,
                                     relation="deliberation", duplicates="sum", self_loops="drop")
    w = govnet.influence_matrix(net, self_weight=0.1)
    x0 = rng.random(n)
    a = govnet.degroot(w, x0, max_iter=20, threads=1)
    b = govnet.degroot(w, x0, max_iter=20, threads=2)
    assert np.array_equal(a.opinions.to_numpy(), b.opinions.to_numpy())
    fa = govnet.friedkin_johnsen(w, x0, max_iter=20, threads=1)
    fb = govnet.friedkin_johnsen(w, x0, max_iter=20, threads=2)
    assert np.array_equal(fa.opinions.to_numpy(), fb.opinions.to_numpy())


def test_opinion_errors_name_the_actor():
    net = net_from(nx.path_graph(3))
    with pytest.raises(govnet.InvalidNetworkError, match="no initial opinion"):
        govnet.degroot(net, {"0": 1.0})
    with pytest.raises(govnet.ActorNotFoundError, match="nobody"):
        govnet.degroot(net, 0.0, agenda={"nobody": 1.0})
    with pytest.raises(govnet.InvalidNetworkError, match="'1' is not a finite"):
        govnet.degroot(net, [0.0, float("nan"), 1.0])
    with pytest.raises(govnet.ActorNotFoundError, match="veto holder"):
        govnet.degroot(net, 0.0, veto="nobody")


# ---------------------------------------------------------------------------
# Friedkin–Johnsen


def test_fj_two_actor_by_hand():
    # W = [[0,1],[1,0]], lambda = (1/2, 1): x1 = x2/2 + x1(0)/2, x2 = x1 => x1 = x2 = x1(0).
    w = govnet.InfluenceMatrix.from_array([[0.0, 1.0], [1.0, 0.0]], actors=["a", "b"])
    f = govnet.friedkin_johnsen(w, [1.0, 0.0], susceptibility=[0.5, 1.0], tol=1e-14)
    assert f.converged
    np.testing.assert_allclose(f.opinions.to_numpy(), [1.0, 1.0], atol=1e-12)
    np.testing.assert_allclose(f.closed_form.to_numpy(), [1.0, 1.0], atol=1e-12)


@pytest.mark.parametrize("seed", [5, 6])
def test_fj_equilibrium_matches_linear_solve(seed):
    g = random_net(50, 0.1, seed=seed, directed=True)
    net = net_from(g)
    w = govnet.influence_matrix(net, self_weight=0.3)
    dense = w.to_frame().to_numpy()
    rng = np.random.default_rng(seed)
    x0 = rng.random(50)
    lam = rng.uniform(0.2, 0.95, 50)
    f = govnet.friedkin_johnsen(w, x0, susceptibility=lam, tol=1e-13)
    ref = np.linalg.solve(np.eye(50) - np.diag(lam) @ dense, (1 - lam) * x0)
    assert f.converged
    np.testing.assert_allclose(f.opinions.to_numpy(), ref, atol=1e-11)
    np.testing.assert_allclose(f.closed_form.to_numpy(), ref, atol=1e-12)
    assert f.agreement < 1e-11
    v = np.linalg.solve(np.eye(50) - np.diag(lam) @ dense, np.diag(1 - lam))
    np.testing.assert_allclose(f.social_power.to_numpy(), v.mean(axis=0), atol=1e-12)


def test_fj_default_susceptibility_is_coupled():
    net = net_from(nx.complete_graph(3))
    f = govnet.friedkin_johnsen(net, [0.0, 0.5, 1.0], self_weight=0.4)
    np.testing.assert_allclose(f.susceptibility.to_numpy(), 0.6)


def test_fj_unanchored_classes():
    w = govnet.InfluenceMatrix.from_array([[0.0, 1.0], [1.0, 0.0]], actors=["a", "b"])
    f = govnet.friedkin_johnsen(w, [1.0, 0.0], susceptibility=[1.0, 1.0], max_iter=10**9)
    assert not f.converged and "periodic" in f.reason and f.iterations == 0
    w2 = govnet.InfluenceMatrix.from_array([[0.5, 0.5], [0.5, 0.5]], actors=["a", "b"])
    f2 = govnet.friedkin_johnsen(w2, [1.0, 0.0], susceptibility=[1.0, 1.0])
    assert f2.converged and f2.closed_form is None and "singular" in f2.reason
    np.testing.assert_allclose(f2.opinions.to_numpy(), [0.5, 0.5])


# ---------------------------------------------------------------------------
# Meetings and the deliberation index


@pytest.fixture
def small():
    actors = pd.DataFrame({
        "id": ["pc", "rc", "ws", "so", "oc", "ext"],
        "tier": ["core", "support", "support", "plural", "plural", "external"],
        "kind": ["party_committee", "residents_committee", "work_station",
                 "social_organization", "owners_committee", "street_office"]})
    ties = pd.DataFrame({"source": ["pc", "pc", "pc", "so", "ext"],
                         "target": ["rc", "ws", "so", "oc", "ws"],
                         "relation": "leadership"})
    meetings = pd.DataFrame({
        "meeting": ["J1", "J1", "J1", "J1", "P1", "P1", "P2", "P2"],
        "actor": ["pc", "rc", "ws", "so", "so", "oc", "pc", "oc"],
        "kind": ["joint_meeting"] * 4 + ["platform"] * 2 + ["platform"] * 2,
        "frequency": ["monthly"] * 4 + [4, 4, "52", "52"]})
    return govnet.Network.from_frames(actors, ties, meetings=meetings, meta={"veto": "pc"})


def test_attendance_and_projection(small):
    a = govnet.attendance_matrix(small)
    assert list(a.columns) == ["J1", "P1", "P2"] and a.loc["ext"].sum() == 0
    co = a.to_numpy() @ a.to_numpy().T
    net2 = govnet.co_attendance(small, relation="deliberation")
    w = net2.ties("deliberation").set_index(["source", "target"])["weight"]
    ids = list(a.index)
    for i, j in zip(*np.nonzero(np.triu(co, 1))):
        key = tuple(sorted((ids[i], ids[j])))
        assert w[key] == co[i, j]
    assert len(w) == np.count_nonzero(np.triu(co, 1))
    af = govnet.attendance_matrix(small, weight="frequency")
    cof = a.to_numpy() @ np.diag(af.max(axis=0).to_numpy()) @ a.to_numpy().T
    wf = govnet.co_attendance_ties(small.meetings.assign(
        frequency=af.max(axis=0).reindex(small.meetings["meeting"]).to_numpy()), weight="frequency")
    assert wf.set_index(["source", "target"]).loc[("oc", "pc"), "weight"] == cof[
        ids.index("oc"), ids.index("pc")] == 52
    with pytest.raises(govnet.InvalidNetworkError, match="already exists"):
        govnet.co_attendance(net2)


def test_participation_counts(small):
    p = govnet.participation(small)
    assert p.to_dict() == {"pc": 2, "rc": 1, "ws": 1, "so": 2, "oc": 2, "ext": 0}
    pf = govnet.participation(small, weight="frequency")
    assert pf["pc"] == 12 + 52 and pf["so"] == 12 + 4
    t = govnet.participation(small, by="tier")
    assert list(t.index) == ["core", "support", "plural", "external"]
    assert t.loc["support", "attendance"] == 2 and t.loc["external", "share_taking_part"] == 0
    jm = govnet.participation(small, kind="joint_meeting")
    assert jm["oc"] == 0 and jm["pc"] == 1


def test_meetings_from_frame_long_and_wide():
    wide = pd.DataFrame({"J1": [1, 1, 0], "P1": [0, 1, 1]}, index=["a", "b", "c"])
    m = govnet.meetings_from_frame(wide, layout="wide", kind="platform")
    assert sorted(zip(m["meeting"], m["actor"])) == [("J1", "a"), ("J1", "b"), ("P1", "b"),
                                                      ("P1", "c")]
    assert set(m["kind"]) == {"platform"} and set(m["frequency"]) == {1.0}
    long = pd.DataFrame({"m": ["x", "x"], "who": ["a", "b"], "frequency": ["每月", "monthly"]})
    m2 = govnet.meetings_from_frame(long, meeting_col="m", actor_col="who")
    assert list(m2["frequency"]) == [12.0, 12.0]
    bad = pd.DataFrame({"meeting": ["x", "x"], "actor": ["a", "b"], "frequency": [1, "often"]})
    with pytest.raises(govnet.InvalidNetworkError, match="row 1: frequency 'often'"):
        govnet.meetings_from_frame(bad)
    two = pd.DataFrame({"meeting": ["x", "x"], "actor": ["a", "b"], "frequency": [1, 2]})
    with pytest.raises(govnet.InvalidNetworkError, match="more than one frequency"):
        govnet.meetings_from_frame(two)


def test_deliberation_index_by_hand(small):
    d = govnet.deliberation_index(small, k=1, epsilon=1e-3)
    # Participants: pc rc ws so oc (5 kinds of 6 in the network; tiers 1 core, 2 support, 2 plural).
    h_kind = math.log(5)
    h_tier = -(0.2 * math.log(0.2) + 2 * 0.4 * math.log(0.4))
    assert d.plurality == pytest.approx((h_kind / math.log(6) + h_tier / math.log(4)) / 2)
    # Openness on leadership, undirected: distances to pc: rc 1, ws 1, so 1, oc 2, ext 2.
    # plural + external: so (1), oc (2), ext (2): within_1 = 1/3; reach = 1; mean d = 7/5.
    assert d.details["within_1 (plural + external)"] == pytest.approx(1 / 3)
    assert d.openness == pytest.approx((1 / 3 + 1 + 5 / 7) / 3)
    # Consistency: DeGroot on the participants' projection from pc's proposal (numpy reference).
    sub = govnet.deliberation_network(small)
    dense = govnet.influence_matrix(sub, self_weight=0.5).to_frame()
    x0 = (dense.index == "pc").astype(float)
    _, t_eps = ref_degroot(dense.to_numpy(), x0, 1e-3)
    assert d.details["iterations to ε-consensus"] == t_eps
    assert d.consistency == pytest.approx(1 - 1e-3 ** (1 / t_eps))
    assert d.index == pytest.approx((d.plurality + d.openness + d.consistency) / 3)
    # Gini by the double sum over all actors.
    x = np.array([2, 1, 1, 2, 2, 0], dtype=float)
    gini = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert d.participation_gini == pytest.approx(gini)
    c = np.array([1, 1, 1, 0.5, 0.5])
    assert d.information_asymmetry == pytest.approx(
        np.abs(c[:, None] - c[None, :]).sum() / (2 * 25 * c.mean()))
    w = govnet.deliberation_index(small, k=1, weights=(1, 0, 0))
    assert w.index == pytest.approx(w.plurality)
    assert "<table>" in d._repr_html_() and "plurality" in repr(d)


def test_nanshan_deliberation():
    net = govnet.datasets.nanshan()
    d = govnet.deliberation_index(net)
    assert d.decision_body == ("party_committee",)
    assert d.details["participants"] == 15 and d.details["meetings"] == 1
    # the source gives one combined participant list for the two joint meetings
    w = net.ties("deliberation")["weight"]
    assert len(w) == 15 * 14 // 2 and set(w) == {1.0}
    sub = govnet.deliberation_network(net)
    r = govnet.degroot(sub, 0.0, agenda={"party_committee": 1.0}, veto=net.meta["veto"])
    # complete co-attendance graph, equal weights: everyone's social power is 1/15
    assert r.social_power.to_numpy() == pytest.approx(np.full(15, 1 / 15))
    assert r.consensus == pytest.approx(1 / 15, abs=1e-6)
    # on the whole network the sub-district office never deliberates: no consensus
    whole = govnet.degroot(net, 0.0, agenda={"party_committee": 1.0})
    assert not whole.structure.consensus
    assert ["street_office"] in whole.structure.closed_classes


def test_ctrl_c_stops_degroot(assert_ctrl_c_stops):
    rng = np.random.default_rng(3)
    n = 50_000
    net = govnet.Network.from_arrays(rng.integers(0, n, 300_000), rng.integers(0, n, 300_000),
                                     actors=n, directed=True, relation="deliberation", duplicates="sum", self_loops="drop")
    w = govnet.influence_matrix(net, self_weight=0.1)
    x0 = rng.random(n)
    # bounded: ~20 s if never interrupted
    assert_ctrl_c_stops(lambda: govnet.degroot(w, x0, tol=0.0, max_iter=40_000))


@pytest.mark.parametrize("seed", range(6))
def test_chain_structure_matches_networkx(seed):
    # Sparse random digraphs (some with no self-weight, so periodic classes occur).
    rng = np.random.default_rng(seed)
    n = 40
    g = nx.gnp_random_graph(n, 1.3 / n, seed=seed, directed=True)
    # A closed 6-cycle: period 6; with the chord 0->3 (cycles 6 and 4) period 2;
    # self-weights (odd seeds) make it aperiodic.
    g.remove_edges_from([(i, j) for i, j in list(g.edges()) if i < 6])
    g.add_edges_from((i, (i + 1) % 6) for i in range(6))
    if seed % 3 == 1:
        g.add_edge(0, 3)
    adj = nx.to_numpy_array(g, nodelist=range(n))
    for i in np.flatnonzero(adj.sum(axis=1) == 0):
        adj[i, i] = 1.0  # listens to nobody: keeps its opinion
    if seed % 2:
        adj[np.arange(n), np.arange(n)] += rng.random(n) < 0.2
    w = adj / adj.sum(axis=1, keepdims=True)
    st = govnet.influence_structure(govnet.InfluenceMatrix.from_array(w))
    h = nx.from_numpy_array(w, create_using=nx.DiGraph)
    comp = st.component.to_numpy()
    ours = sorted(sorted(np.flatnonzero(comp == c).tolist()) for c in np.unique(comp))
    theirs = sorted(sorted(c) for c in nx.strongly_connected_components(h))
    assert ours == theirs
    closed = sorted(sorted(int(a) for a in c) for c in st.closed_classes)
    assert closed == sorted(sorted(c) for c in nx.attracting_components(h))
    for c in st.closed:
        members = np.flatnonzero(comp == c).tolist()
        assert (st.periods[c] == 1) == nx.is_aperiodic(h.subgraph(members))
        if 0 in members and seed % 2 == 0:  # the cycle without self-weights
            assert st.periods[c] == (2 if seed % 3 == 1 else 6)


def test_distance_to_decision_body_matches_networkx():
    from govnet.deliberation.index import _distances_to

    g = nx.gnp_random_graph(300, 0.01, seed=9)
    net = net_from(g)
    body = [0, 5, 17]
    dist = _distances_to(net.layer("deliberation"), net.positions([str(b) for b in body]), 300)
    ref = nx.multi_source_dijkstra_path_length(g, body)
    pos = {str(v): i for i, v in enumerate(net.actor_ids)}
    for v in g.nodes():
        assert dist[pos[str(v)]] == ref.get(v, np.inf)


def test_social_power_not_converged_is_reported():
    # A long path mixes slowly: 5 rounds are not enough for the Perron vector.
    net = net_from(nx.path_graph(60))
    r = govnet.degroot(net, np.linspace(0, 1, 60), max_iter=5)
    assert not r.converged and "iteration limit" in r.reason
    assert "social power not converged" in r.reason
