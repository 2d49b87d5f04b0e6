"""Duty lists: measures against numpy/scipy and networkx.bipartite, bad rows, projections."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.stats as st
from networkx.algorithms import bipartite

import govnet
from govnet import InvalidNetworkError, TooLargeError

from conftest import CLASSIC


def davis_table():
    m = pd.read_csv(CLASSIC / "davis_matrix.csv", index_col="woman")
    return govnet.DutyTable.from_matrix(m), m.to_numpy()


def reference_pairs(B, N=None):
    """Independent numpy/scipy computation of every pairwise measure."""
    N = B.shape[1] if N is None else N
    M = B @ B.T
    deg = B.sum(1)
    iu = np.triu_indices(B.shape[0], 1)
    keep = M[iu] > 0
    a, b = iu[0][keep], iu[1][keep]
    s = M[a, b].astype(float)
    return pd.DataFrame({
        "a": a, "b": b, "shared": s, "jaccard": s / (deg[a] + deg[b] - s),
        "overlap": s / np.minimum(deg[a], deg[b]), "cosine": s / np.sqrt(deg[a] * deg[b]),
        "p_value": st.hypergeom.sf(s - 1, N, deg[a], deg[b]),
    })


def test_davis_overlap_matches_networkx_bipartite():
    t, B = davis_table()
    ov = govnet.duty_overlap(t)
    G = nx.davis_southern_women_graph()
    women = [n for n, d in G.nodes(data=True) if d["bipartite"] == 0]
    assert sorted(women) == sorted(t.actor_ids)
    counts = bipartite.weighted_projected_graph(G, women)
    jac = bipartite.overlap_weighted_projected_graph(G, women, jaccard=True)
    ovc = bipartite.overlap_weighted_projected_graph(G, women, jaccard=False)
    assert len(ov) == counts.number_of_edges()
    for r in ov.itertuples():
        u, v = r.actor_a, r.actor_b
        assert r.shared == counts[u][v]["weight"]
        assert r.jaccard == pytest.approx(jac[u][v]["weight"], abs=1e-15)
        assert r.overlap == pytest.approx(ovc[u][v]["weight"], abs=1e-15)


def test_davis_event_projection_matches_networkx():
    t, _ = davis_table()
    G = nx.davis_southern_women_graph()
    events = [n for n, d in G.nodes(data=True) if d["bipartite"] == 1]
    ref = bipartite.weighted_projected_graph(G, events)
    p = govnet.duty_projection(t, mode="duties")
    ties = p.ties("shared_holders")
    assert len(ties) == ref.number_of_edges()
    for r in ties.itertuples():
        assert r.weight == ref[r.source][r.target]["weight"]
    # the centrality suite runs on the projection layer
    deg = govnet.degree_centrality(p, relation="shared_holders")
    ref_deg = nx.degree_centrality(ref)
    for e in events:
        assert deg[e] == pytest.approx(ref_deg[e], abs=1e-15)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_incidences_against_numpy_scipy(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(5, 40), rng.integers(5, 60)
    B = (rng.random((n, m)) < rng.uniform(0.05, 0.5)).astype(int)
    B[0] = 0  # an actor with no duty
    B[:, 0] = 0  # an uncovered duty
    t = govnet.DutyTable.from_matrix(pd.DataFrame(B, index=[f"a{i}" for i in range(n)],
                                                  columns=[f"d{j}" for j in range(m)]))
    ov = govnet.duty_overlap(t, threads=2)
    ref = reference_pairs(B)
    assert np.array_equal(ov["actor_a"].cat.codes.to_numpy(), ref["a"].to_numpy())
    assert np.array_equal(ov["actor_b"].cat.codes.to_numpy(), ref["b"].to_numpy())
    for col in ("shared", "jaccard", "overlap", "cosine"):
        np.testing.assert_allclose(ov[col].to_numpy(dtype=float), ref[col], rtol=1e-15, atol=0)
    np.testing.assert_allclose(ov["p_value"], ref["p_value"], rtol=1e-10, atol=1e-14)
    assert ov.equals(govnet.duty_overlap(t, threads=1))


def test_both_lead_counts_against_numpy():
    rng = np.random.default_rng(4)
    B = (rng.random((30, 40)) < 0.25).astype(int)
    r, c = np.nonzero(B)
    roles = rng.integers(0, 2, r.size)  # 0 lead, 1 assist
    t = govnet.DutyTable.from_arrays(r, c, actors=30, duties=40, roles=roles)
    L = np.zeros_like(B)
    L[r[roles == 0], c[roles == 0]] = 1
    ov = govnet.duty_overlap(t)
    a = ov["actor_a"].cat.codes.to_numpy()
    b = ov["actor_b"].cat.codes.to_numpy()
    assert np.array_equal(ov["both_lead"].to_numpy(), (L @ L.T)[a, b])
    assert np.array_equal(ov["shared"].to_numpy(), (B @ B.T)[a, b])
    hand = govnet.duty_overlap(hand_table()).set_index(["actor_a", "actor_b"])
    assert hand.loc[("rc", "ws"), "both_lead"] == 1 and hand.loc[("rc", "sc"), "both_lead"] == 0


def test_hypergeometric_tails_extreme_cases():
    k = np.array([1, 5, 30, 200, 2, 10], np.int32)
    K = np.array([1, 40, 30, 400, 900, 10], np.int32)
    n = np.array([1, 50, 40, 300, 950, 10], np.int32)
    N = 1000
    got = govnet._core.hypergeom_sf(k, K, n, N)
    ref = st.hypergeom.sf(k - 1, N, K, n)
    np.testing.assert_allclose(got, ref, rtol=1e-10, atol=1e-15)


def test_min_shared_filters():
    t, B = davis_table()
    ov = govnet.duty_overlap(t, min_shared=4)
    ref = reference_pairs(B)
    assert len(ov) == int((ref["shared"] >= 4).sum())


# ---------------------------------------------------------------------------
# Per duty, per actor, summaries — a hand-checkable duty list

#   duty  category holders (role)
#   d1    A        rc (lead), ws (lead), sc (assist)    -> ambiguous, multi-lead
#   d2    A        rc (lead)                            -> exclusive
#   d3    B        ws (assist), so (lead)               -> ambiguous
#   d4    B        nobody                               -> uncovered (catalogue only)
#   d5    C        sc (assist)                          -> held without a lead
LONG = pd.DataFrame({
    "actor": ["rc", "ws", "sc", "rc", "ws", "so", "sc"],
    "duty": ["d1", "d1", "d1", "d2", "d3", "d3", "d5"],
    "role": ["lead", "牵头", "协助", "lead", "assist", "lead", "assist"],
    "category": ["A", "A", "A", "A", "B", "B", "C"],
    "label": ["调解纠纷", "调解纠纷", "调解纠纷", "", "环境卫生", "环境卫生", ""],
})
CATALOGUE = pd.DataFrame({"duty": ["d1", "d2", "d3", "d4", "d5"],
                          "category": ["A", "A", "B", "B", "C"]})


def hand_table():
    return govnet.DutyTable.from_frame(LONG, actors=["pc", "rc", "ws", "sc", "so"],
                                       catalogue=CATALOGUE)


def test_duty_holders_by_hand():
    h = govnet.duty_holders(hand_table())
    assert list(h.index) == ["d1", "d2", "d3", "d4", "d5"]
    assert h["holders"].tolist() == [3, 1, 2, 0, 1]
    assert h["leads"].tolist() == [2, 1, 1, 0, 0]
    assert h["uncovered"].tolist() == [False, False, False, True, False]
    assert h["multi_lead"].tolist() == [True, False, False, False, False]
    assert h["no_lead"].tolist() == [False, False, False, False, True]
    assert h.loc["d1", "holder_ids"] == ("rc", "ws", "sc")
    assert h.loc["d1", "label"] == "调解纠纷" and h.loc["d2", "label"] == "d2"


def test_actor_duties_by_hand():
    a = govnet.actor_duties(hand_table())
    assert list(a.index) == ["pc", "rc", "ws", "sc", "so"]
    assert a["duties"].tolist() == [0, 2, 2, 2, 1]
    assert a["exclusive"].tolist() == [0, 1, 0, 1, 0]
    assert a["leads"].tolist() == [0, 2, 1, 0, 1]
    assert np.isnan(a.loc["pc", "shared_share"])
    assert a["shared_share"].tolist()[1:] == [0.5, 1.0, 0.5, 1.0]
    assert a["partners"].tolist() == [0, 2, 3, 2, 1]


def gini_reference(x):
    x = np.asarray(x, float)
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size ** 2 * x.mean())


def test_duty_summary_by_hand():
    s = govnet.duty_summary(hand_table())
    assert list(s.index) == ["(all)", "A", "B", "C"]
    r = s.loc["(all)"]
    got = (r["duties"], r["covered"], r["uncovered"], r["ambiguous"], r["multi_lead"])
    assert got == (5, 4, 1, 2, 1)
    assert r["coverage"] == 0.8 and r["ambiguity_index"] == 0.4
    counts = np.array([0, 2, 2, 2, 1])
    assert r["gini"] == pytest.approx(gini_reference(counts), abs=1e-15)
    assert r["herfindahl"] == pytest.approx(((counts / counts.sum()) ** 2).sum(), abs=1e-15)
    b = s.loc["B"]
    got = (b["duties"], b["uncovered"], b["ambiguity_index"], b["actors_holding"])
    assert got == (2, 1, 0.5, 2)
    assert b["gini"] == pytest.approx(gini_reference([0, 0, 1, 0, 1]), abs=1e-15)


def test_from_network_keeps_actors_without_duties():
    actors = pd.DataFrame({"id": ["pc", "rc", "ws", "sc", "so"],
                           "tier": ["core", "support", "support", "support", "plural"]})
    ties = pd.DataFrame({"source": ["pc", "pc"], "target": ["rc", "ws"], "relation": "leadership"})
    net = govnet.Network.from_frames(actors, ties, duties=LONG)
    t = govnet.DutyTable.from_network(net, catalogue=CATALOGUE)
    ref = hand_table()
    pd.testing.assert_frame_equal(govnet.duty_holders(t), govnet.duty_holders(ref))
    pd.testing.assert_frame_equal(govnet.duty_overlap(t), govnet.duty_overlap(ref))
    # without the catalogue the uncovered d4 is unknown: N = 4 duties, not 5
    no_cat = govnet.duty_overlap(net)
    assert no_cat["shared"].equals(govnet.duty_overlap(ref)["shared"])
    assert no_cat["expected"].tolist() == [1.0, 1.0, 1.0, 0.5]
    p = govnet.duty_projection(net)
    assert p.relations == ["leadership", "shared_duties"]
    assert govnet.betweenness_centrality(p, relation="shared_duties")["ws"] > 0


def test_from_csv_gb18030_and_excel(tmp_path):
    csv = tmp_path / "duties.csv"
    csv.write_bytes(LONG.to_csv(index=False).encode("gb18030"))
    a = govnet.DutyTable.from_frame(csv)
    xlsx = tmp_path / "duties.xlsx"
    LONG.to_excel(xlsx, index=False)
    b = govnet.DutyTable.from_frame(xlsx)
    pd.testing.assert_frame_equal(a.incidence, b.incidence)
    assert a.catalogue.loc["d1", "label"] == "调解纠纷"


def test_pickle_round_trip():
    import pickle

    t = hand_table()
    govnet.duty_overlap(t)  # builds the C++ incidence, which is not pickled
    back = pickle.loads(pickle.dumps(t))
    pd.testing.assert_frame_equal(back.incidence, t.incidence)
    pd.testing.assert_frame_equal(govnet.duty_overlap(back), govnet.duty_overlap(t))


def test_matrix_round_trip():
    t = hand_table()
    m = t.to_matrix()
    back = govnet.DutyTable.from_matrix(m, catalogue=CATALOGUE)
    pd.testing.assert_frame_equal(back.to_matrix(), m)
    assert govnet.duty_summary(back).loc["(all)", "uncovered"] == 1


BAD = [
    ("unknown actor", lambda: govnet.DutyTable.from_frame(LONG, actors=["rc", "ws", "sc"]),
     r"duties row 5: actor 'so' is not an actor"),
    ("empty duty",
     lambda: govnet.DutyTable.from_frame(LONG.assign(duty=["d1", " ", *LONG["duty"][2:]])),
     r"duties row 1: duty is empty"),
    ("unknown role",
     lambda: govnet.DutyTable.from_frame(LONG.assign(role=["lead", "boss", *LONG["role"][2:]])),
     r"duties row 1: unknown role 'boss'"),
    ("conflicting duplicate",
     lambda: govnet.DutyTable.from_frame(pd.concat([LONG, LONG.iloc[[0]].assign(role="assist")],
                                                   ignore_index=True)),
     r"duties row 7: actor 'rc' holds duty 'd1' as 'assist' but row 0 gives 'lead'"),
    ("two categories",
     lambda: govnet.DutyTable.from_frame(
         LONG.assign(category=["A", "X", *LONG["category"][2:]])),
     r"duties row 1: duty 'd1' has category 'X' but row 0 gives 'A'"),
    ("not in catalogue", lambda: govnet.DutyTable.from_frame(LONG, catalogue=CATALOGUE.iloc[:3]),
     r"duties row 6: duty 'd5' is not in the duty catalogue"),
    ("catalogue duplicate",
     lambda: govnet.DutyTable.from_frame(LONG, catalogue=pd.concat([CATALOGUE, CATALOGUE.iloc[[1]]],
                                                                   ignore_index=True)),
     r"duty catalogue row 5: duplicate duty 'd2' \(first at row 1\)"),
    ("category against catalogue",
     lambda: govnet.DutyTable.from_frame(LONG, catalogue=CATALOGUE.assign(category=list("ZABBC"))),
     r"duties row 0: duty 'd1' has category 'A' but the catalogue gives 'Z'"),
    ("matrix value",
     lambda: govnet.DutyTable.from_matrix(pd.DataFrame({"d1": [1, 2]}, index=["a", "b"])),
     r"matrix row 1 \(actor 'b'\), column 'd1': value 2 is not 0 or 1"),
    ("no duties on network",
     lambda: govnet.DutyTable.from_network(govnet.Network.from_frames(
         pd.DataFrame({"id": ["a"], "tier": ["core"]}))), r"has no duty list"),
]


def test_bad_projection_weight_is_a_parameter_error():
    with pytest.raises(govnet.InvalidParameterError, match="weight must be one of"):
        govnet.duty_projection(hand_table(), weight="x")


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_rows_are_named(case):
    _, fn, pattern = case
    with pytest.raises(InvalidNetworkError, match=pattern):
        fn()


def test_refuses_output_that_would_not_fit():
    n = 150_000  # one duty held by everyone: C(n, 2) ~ 1.1e10 pairs
    t = govnet.DutyTable.from_arrays(np.arange(n), np.zeros(n, dtype=np.int64), actors=n, duties=1)
    with pytest.raises(TooLargeError, match="actor pairs sharing duties"):
        govnet.duty_overlap(t)


def test_nanshan_published_counts():
    c = govnet.datasets.nanshan_duty_counts()
    assert c["sub_items"].tolist() == [34, 16, 21, 157, 5, 7, 8, 8, 21]
    assert c["sub_items"].sum() == 277 and c.attrs["major_items"] == 75
    # Each subject holding its own sub-items: no overlap, full coverage.
    rows = [(r.actor, f"{r.actor}-{i}") for r in c.itertuples() for i in range(r.sub_items)]
    t = govnet.DutyTable.from_frame(pd.DataFrame(rows, columns=["actor", "duty"]))
    s = govnet.duty_summary(t).loc["(all)"]
    assert (s["duties"], s["ambiguity_index"], s["coverage"]) == (277, 0.0, 1.0)
    assert s["herfindahl"] == pytest.approx((c["share"] ** 2).sum())
    assert len(govnet.duty_overlap(t)) == 0
    r = govnet.duty_concentration(c.set_index("actor")["sub_items"])
    assert r["gini"] == pytest.approx(gini_reference(c["sub_items"]), abs=1e-15)
    assert r["herfindahl"] == pytest.approx(s["herfindahl"], abs=1e-15)
    assert (r["top_actor"], r["top_share"]) == ("service_center", 157 / 277)
    r2 = govnet.duty_concentration(t)
    assert r2["gini"] == pytest.approx(r["gini"], abs=1e-15)


def test_projection_weights_and_transpose_duality():
    t, B = davis_table()
    p = govnet.duty_projection(t, weight="jaccard")
    ties = p.ties("shared_duties")
    ref = reference_pairs(B)
    np.testing.assert_allclose(np.sort(ties["weight"].to_numpy()), np.sort(ref["jaccard"]),
                               rtol=1e-15)
    # duties-side overlap of t equals actors-side overlap of the transpose
    ov = govnet.duty_overlap(t.transpose())
    refT = reference_pairs(B.T, N=B.shape[0])
    np.testing.assert_allclose(ov["p_value"], refT["p_value"], rtol=1e-10, atol=1e-14)


def test_enumeration_helper_is_sane():
    # guards the uniformity test's enumeration (tests/python/test_duties_null.py):
    # fillings with all margins 1 are the permutation matrices
    from test_duties_null import fillings

    assert len(fillings([1, 1], [1, 1])) == 2
    perms = fillings([1, 1, 1], [1, 1, 1])
    assert len(perms) == 6 and len({f.tobytes() for f in perms}) == 6
