"""Fixed-margin null model of duty lists: exact margins, uniformity, reproducibility, Ctrl-C."""

import itertools

import numpy as np
import pandas as pd
import scipy.stats as st

import govnet


def fillings(row_sums, col_sums):
    """All 0/1 matrices with these margins, by brute force over row patterns."""
    m = len(col_sums)
    patterns = [[np.isin(np.arange(m), c).astype(int) for c in itertools.combinations(range(m), r)]
                for r in row_sums]
    return [np.array(rows) for rows in itertools.product(*patterns)
            if np.array_equal(np.sum(rows, axis=0), col_sums)]


def random_table(seed, n=12, m=20, p=0.3):
    rng = np.random.default_rng(seed)
    B = (rng.random((n, m)) < p).astype(int)
    B[1] = 0
    B[:, 2] = 0
    return govnet.DutyTable.from_matrix(pd.DataFrame(B, index=[f"a{i}" for i in range(n)],
                                                     columns=[f"d{j}" for j in range(m)])), B


def test_every_sample_keeps_both_margins_exactly():
    for seed in (1, 2):
        t, B = random_table(seed)
        samples = govnet.duty_null_samples(t, n_permutations=40, seed=seed)
        changed = 0
        for s in samples:
            X = s.to_numpy()
            assert set(np.unique(X)) <= {0, 1}
            assert np.array_equal(X.sum(1), B.sum(1))
            assert np.array_equal(X.sum(0), B.sum(0))
            changed += not np.array_equal(X, B)
        assert changed == len(samples)  # the chains move
    # the other orientation (more actors than duties: the chain trades duties)
    t, B = random_table(3, n=25, m=6, p=0.4)
    for s in govnet.duty_null_samples(t, n_permutations=20, seed=3):
        assert np.array_equal(s.to_numpy().sum(1), B.sum(1))
        assert np.array_equal(s.to_numpy().sum(0), B.sum(0))


def stats_of(X):
    """Independent numpy evaluation of the null model's statistics on one matrix."""
    M = X @ X.T
    iu = np.triu_indices(X.shape[0], 1)
    s = M[iu]
    return M, [float((s > 0).sum()), s.std(), float(s.max()), float((X.sum(0) >= 2).mean())]


def test_null_model_matches_its_samples():
    t, B = random_table(5)
    R = 60
    res = govnet.duty_null_model(t, n_permutations=R, seed=11, threads=2)
    samples = govnet.duty_null_samples(t, n_permutations=R, seed=11)
    evals = [stats_of(s.to_numpy()) for s in samples]
    ref = np.array([e[1] for e in evals])
    got = res.null_distribution.to_numpy()
    np.testing.assert_array_equal(got[:, [0, 2, 3]], ref[:, [0, 2, 3]])
    np.testing.assert_allclose(got[:, 1], ref[:, 1], rtol=1e-12)
    _, obs = stats_of(B)
    np.testing.assert_allclose(res.statistics["observed"], obs, rtol=1e-13)
    # per pair: null mean, sd (ddof 1), z and p-value from the same samples
    pairs = res.pairs
    a = pairs["actor_a"].cat.codes.to_numpy()
    b = pairs["actor_b"].cat.codes.to_numpy()
    null = np.array([e[0][a, b] for e in evals])
    np.testing.assert_allclose(pairs["expected"], null.mean(0), rtol=1e-13)
    np.testing.assert_allclose(pairs["sd"], null.std(0, ddof=1), rtol=1e-10, atol=1e-12)
    p = (1 + (null >= pairs["shared"].to_numpy()).sum(0)) / (R + 1)
    np.testing.assert_array_equal(pairs["p_value"], p)
    # a later slice of samples is the same chains
    later = govnet.duty_null_samples(t, n_permutations=2, seed=11, first=30)
    assert np.array_equal(later[0].to_numpy(), samples[30].to_numpy())


def test_same_result_for_any_thread_count_and_reproducible():
    t, _ = random_table(7, n=40, m=60)
    r1 = govnet.duty_null_model(t, n_permutations=50, seed=3, threads=1)
    r2 = govnet.duty_null_model(t, n_permutations=50, seed=3, threads=2)
    pd.testing.assert_frame_equal(r1.null_distribution, r2.null_distribution, check_exact=True)
    pd.testing.assert_frame_equal(r1.pairs, r2.pairs, check_exact=True)
    r3 = govnet.duty_null_model(t, n_permutations=50, seed=4, threads=2)
    assert not r3.null_distribution.equals(r1.null_distribution)


def test_ambiguity_index_is_fixed_by_the_margins():
    t, B = random_table(8)
    res = govnet.duty_null_model(t, n_permutations=30, seed=1)
    row = res.statistics.loc["ambiguity_index"]
    assert row["observed"] == (B.sum(0) >= 2).mean() and row["sd"] == 0
    assert np.isnan(row["z"]) and row["p_greater"] == 1.0


def test_curveball_samples_uniformly():
    # 3 x 4 matrix, row sums (2, 2, 1), column sums (2, 1, 1, 1)
    start = np.array([[1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 1]])
    all_fills = fillings(start.sum(1), start.sum(0))
    assert len(all_fills) == 12  # w in rows ab: 3! ; ac: 3 ; bc: 3
    t = govnet.DutyTable.from_matrix(pd.DataFrame(start, index=list("abc"), columns=list("wxyz")))
    n = 3900
    samples = govnet.duty_null_samples(t, n_permutations=n, seed=2024, trades=20)
    keys = {f.tobytes(): i for i, f in enumerate(all_fills)}
    counts = np.zeros(len(all_fills))
    for s in samples:
        counts[keys[s.to_numpy().astype(int).tobytes()]] += 1
    chi = st.chisquare(counts)
    assert chi.pvalue > 0.001, counts
    assert counts.min() > 0


def test_davis_overlap_beyond_chance():
    from conftest import CLASSIC

    m = pd.read_csv(CLASSIC / "davis_matrix.csv", index_col="woman")
    res = govnet.duty_null_model(govnet.DutyTable.from_matrix(m), n_permutations=200, seed=1)
    # The two Davis cliques concentrate co-attendance on fewer pairs than chance.
    assert res.statistics.loc["overlap_sd", "z"] > 0
    assert "DutyNullResult" in repr(res) and "<table" in res._repr_html_()
    assert res.pairs["p_value"].between(1 / 201, 1).all()


def test_ctrl_c_stops_the_null_model(assert_ctrl_c_stops):
    rng = np.random.default_rng(0)
    n, m, k = 2000, 4000, 60000
    a = rng.integers(0, n, k)
    d = rng.integers(0, m, k)
    keep = ~pd.DataFrame({"a": a, "d": d}).duplicated().to_numpy()
    t = govnet.DutyTable.from_arrays(a[keep], d[keep], actors=n, duties=m)
    assert_ctrl_c_stops(lambda: govnet.duty_null_model(t, n_permutations=20_000, seed=1,
                                                       threads=2))  # bounded
    assert govnet.duty_null_model(t, n_permutations=2, seed=1, pairs=False).n_permutations == 2


def test_degenerate_tables():
    empty = govnet.DutyTable.from_matrix(pd.DataFrame(np.zeros((3, 4), int), index=list("abc"),
                                                      columns=list("wxyz")))
    res = govnet.duty_null_model(empty, n_permutations=5, seed=1)
    assert res.statistics["observed"].tolist() == [0, 0, 0, 0] and len(res.pairs) == 0
    one = govnet.DutyTable.from_frame(pd.DataFrame({"actor": ["a"], "duty": ["d"]}))
    res = govnet.duty_null_model(one, n_permutations=3, seed=1)
    row = res.statistics.loc["overlap_sd"]  # undefined with fewer than two actors
    assert np.isnan(row["observed"]) and np.isnan(row["p_greater"])
    single = govnet.duty_null_model(govnet.DutyTable.from_matrix(
        pd.DataFrame([[1, 0], [0, 1]], index=["a", "b"], columns=["x", "y"])), n_permutations=1, seed=1)
    assert single.statistics["sd"].isna().all()  # one sample: no spread estimate


def test_progress_bar_runs(capsys):
    t, _ = random_table(9, n=30, m=40)
    res = govnet.duty_null_model(t, n_permutations=20, seed=2, progress=True)
    assert res.n_permutations == 20
    assert govnet.duty_overlap(t, progress=True).equals(govnet.duty_overlap(t))
