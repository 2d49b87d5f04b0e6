"""DeGroot consensus on a large sparse influence matrix: govnet vs scipy.sparse.

The influence matrix is row-normalised random directed ties (``n`` actors,
``10 n`` ties, self-weight 0.2). Both tools run 100 rounds ``x <- W x``;
govnet also tracks the spread and the largest change of every round (its
stopping rule) and is timed twice: the kernel alone, and the public
``govnet.degroot`` (which adds the chain-structure analysis, an O(n + m)
strongly-connected-components pass, before iterating).

Each round is one OpenMP region ending in a barrier. On a machine whose cores
are busy with other processes, libgomp's default spinning at that barrier
makes the multi-threaded run slower than one thread (measured 5x at 10^5
actors under load 10 on 2 cores); OMP_WAIT_POLICY=passive removes the
penalty. Compare the govnet-1thr row in that situation.
"""

from __future__ import annotations

import numpy as np

from common import available, timeit

ROUNDS = 100


def run(table, quick: bool = False) -> None:
    import govnet
    from govnet import _core

    n = 100_000 if quick else 1_000_000
    m = 10 * n
    size = f"n={n:.0e}, {m:.0e} ties"
    rng = np.random.default_rng(2026)
    src = rng.integers(0, n, m, dtype=np.int64)
    dst = rng.integers(0, n, m, dtype=np.int64)
    net = govnet.Network.from_arrays(src, dst, rng.random(m) + 0.5, actors=n, directed=True,
                                     relation="deliberation")
    del src, dst
    w = govnet.influence_matrix(net, self_weight=0.2)
    x0 = rng.random(n)
    kernel = f"degroot {ROUNDS} rounds"

    t, out = timeit(lambda: _core.degroot(w.matrix, x0, max_iter=ROUNDS, tol=0.0), repeat=3)
    table.add(kernel, size, "govnet", t, f"nnz={w.nnz}, threads=all")
    ref = out["opinions"]
    t1, _ = timeit(lambda: _core.degroot(w.matrix, x0, max_iter=ROUNDS, tol=0.0, threads=1),
                   repeat=2)
    table.add(kernel, size, "govnet-1thr", t1, "one thread")
    tp, _ = timeit(lambda: govnet.degroot(w, x0, max_iter=ROUNDS, tol=0.0), repeat=1)
    table.add(kernel + " (public API)", size, "govnet", tp, "with chain-structure analysis")

    if available("scipy"):
        a = w.to_scipy()

        def scipy_rounds():
            x = x0
            for _ in range(ROUNDS):
                x = a @ x
            return x

        ts, xs = timeit(scipy_rounds, repeat=3)
        agree = float(np.max(np.abs(xs - ref)))
        table.add(kernel, size, "scipy.sparse", ts, f"max |diff| vs govnet {agree:.1e}")
    else:
        table.add(kernel, size, "scipy.sparse", None, "scipy not installed")
