"""Duty-list overlap: all pairwise overlaps and the fixed-margin null model.

Full size: 10,000 actors x 50,000 duties, about 1,000,000 random incidences
(targets: all pairwise overlaps < 10 s, 1,000 null samples < 60 s). Quick
mode: 1,000 x 5,000 with 100,000 incidences and 100 null samples. The peer is
the same computation in scipy.sparse (B @ B.T, numpy measures, scipy.stats
hypergeometric tails) and, for the null model, a numpy curveball with the
same number of trades plus scipy.sparse overlaps, timed on a few samples and
extrapolated (said in the note).
"""

from __future__ import annotations

import numpy as np

import govnet
from common import available, timeit


def make_incidence(n: int, m: int, k: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    cells = np.unique(rng.integers(0, n * m, int(k * 1.002)))[:k]
    return (cells // m).astype(np.int32), (cells % m).astype(np.int32)


P_SUBSET = 200_000  # scipy's hypergeom.sf takes ~30 us a pair: time a subset, scale up


def scipy_overlap(B, N: int):
    """scipy.sparse + numpy measures; returns the outputs and the seconds spent
    (the p-value part extrapolated from P_SUBSET pairs when there are more)."""
    import time

    import scipy.sparse as sp
    import scipy.stats as st

    t0 = time.perf_counter()
    M = sp.triu(B @ B.T, k=1, format="csr")
    M.sort_indices()  # pairs in (a, b) order, as govnet gives them
    M = M.tocoo()
    deg = np.asarray(B.sum(axis=1)).ravel()
    a, b, s = M.row, M.col, M.data.astype(float)
    da, db = deg[a], deg[b]
    out = {"jaccard": s / (da + db - s), "overlap": s / np.minimum(da, db),
           "cosine": s / np.sqrt(da * db), "expected": da * db / N}
    t1 = time.perf_counter()
    sub = slice(0, min(s.size, P_SUBSET))
    out["p_value"] = st.hypergeom.sf(s[sub] - 1, N, da[sub], db[sub])
    t2 = time.perf_counter()
    return out, (t1 - t0) + (t2 - t1) * s.size / max(1, min(s.size, P_SUBSET))


def numpy_curveball(rows: list[np.ndarray], trades: int,
                    rng: np.random.Generator) -> list[np.ndarray]:
    rows = [r.copy() for r in rows]
    L = len(rows)
    for _ in range(trades):
        i, j = rng.choice(L, 2, replace=False)
        a, b = rows[i], rows[j]
        shared = np.intersect1d(a, b, assume_unique=True)
        a_only = np.setdiff1d(a, b, assume_unique=True)
        b_only = np.setdiff1d(b, a, assume_unique=True)
        if a_only.size == 0 or b_only.size == 0:
            continue
        pool = rng.permutation(np.concatenate([a_only, b_only]))
        rows[i] = np.concatenate([shared, pool[:a_only.size]])
        rows[j] = np.concatenate([shared, pool[a_only.size:]])
    return rows


def scipy_null(a: np.ndarray, d: np.ndarray, n: int, m: int, n_samples: int, trades: int,
               seed: int) -> dict[str, np.ndarray]:
    """The null model's work per sample with numpy/scipy: chain, overlaps, statistics, pair sums."""
    import scipy.sparse as sp

    B = sp.csr_matrix((np.ones(a.size, np.int32), (a, d)), shape=(n, m))
    obs = sp.triu(B @ B.T, k=1).tocsr()
    oa, ob = obs.nonzero()
    sums = np.zeros(oa.size)
    rows = np.split(B.indices, B.indptr[1:-1])
    deg = np.diff(B.indptr)
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(n_samples):
        new = numpy_curveball(rows, trades, rng)
        X = sp.csr_matrix((np.ones(a.size, np.int32), np.concatenate(new),
                           B.indptr), shape=(n, m))
        M = sp.triu(X @ X.T, k=1).tocoo()
        s = M.data.astype(float)
        stats.append((s.size, (s / (deg[M.row] + deg[M.col] - s)).sum(), s.max(initial=0)))
        sums += np.asarray(M.tocsr()[oa, ob]).ravel()
    return {"stats": np.array(stats), "sums": sums}


def run(table, quick: bool = False) -> None:
    n, m, k = (1000, 5000, 100_000) if quick else (10_000, 50_000, 1_000_000)
    n_samples = 100 if quick else 1000
    size = f"{n}x{m}, {k:,} inc."
    a, d = make_incidence(n, m, k)
    t = govnet.DutyTable.from_arrays(a, d, actors=n, duties=m)
    t._two_mode()  # build the C++ incidence once, outside the timings

    sec, pairs = timeit(lambda: govnet._core.shared_pairs(t._two_mode()), repeat=3)
    table.add("duty shared counts (all pairs)", size, "govnet", sec,
              f"{pairs[0].size:,} pairs sharing a duty")
    sec, ov = timeit(lambda: govnet.duty_overlap(t, progress=False), repeat=2)
    table.add("duty_overlap (all measures + p)", size, "govnet", sec,
              "target < 10 s" if not quick else "")

    if available("scipy"):
        import scipy.sparse as sp

        B = sp.csr_matrix((np.ones(a.size, np.int32), (a, d)), shape=(n, m))
        sec, _ = timeit(lambda: sp.triu(B @ B.T, k=1).tocoo(), repeat=2)
        table.add("duty shared counts (all pairs)", size, "scipy.sparse", sec, "triu(B @ B.T)")
        ref, sec = scipy_overlap(B, m)
        extra = f" (p-values timed on {P_SUBSET:,} pairs, scaled)" if len(ov) > P_SUBSET else ""
        table.add("duty_overlap (all measures + p)", size, "scipy.sparse", sec,
                  "+ numpy measures + scipy.stats.hypergeom.sf" + extra)
        # the same numbers (spot check, so a fast wrong answer cannot pass)
        np.testing.assert_allclose(np.sort(ov["jaccard"].to_numpy()), np.sort(ref["jaccard"]),
                                   rtol=1e-12)
        np.testing.assert_allclose(ov["p_value"].to_numpy()[:ref["p_value"].size], ref["p_value"],
                                   rtol=1e-9, atol=1e-14)

    trades = govnet._core.curveball_trades(t._two_mode(), 0)
    sec, res = timeit(lambda: govnet.duty_null_model(t, n_permutations=n_samples, seed=1,
                                                     progress=False), repeat=1)
    table.add(f"duty null model ({n_samples} samples)", size, "govnet", sec,
              f"curveball, {trades:,} trades/sample, per-pair stats"
              + ("; target < 60 s" if not quick else ""))
    sec, _ = timeit(lambda: govnet.duty_null_model(t, n_permutations=n_samples, seed=1, pairs=False,
                                                   progress=False), repeat=1)
    table.add(f"duty null model ({n_samples} samples, no pairs)", size, "govnet", sec,
              "global statistics only")
    if available("scipy"):
        few = 3 if quick else 2
        sec, _ = timeit(lambda: scipy_null(a, d, n, m, few, trades, 1), repeat=1)
        table.add(f"duty null model ({n_samples} samples)", size, "numpy+scipy",
                  sec * n_samples / few,
                  f"extrapolated from {few} samples (numpy curveball + scipy.sparse overlaps)")
