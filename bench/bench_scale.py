"""Scale: many communities in batch (threads vs Dask vs a plain loop) and person-level networks.

1. Synthetic districts of 100 and 10,000 communities (quick: 100) through one
   batch measure: Collection.apply on the local thread pool ("govnet"), on a
   Dask LocalCluster of 2 worker processes ("dask"; cluster start-up not
   timed) and a plain Python loop over the communities ("python-loop").
2. Person-level networks (residents in buildings, Party members in branches)
   of 1e4, 1e5, 1e6 nodes (quick: 1e4, 1e5): build, degree, components,
   betweenness sampled with k; the growth exponent fitted on log-log with
   numpy.polyfit; then 2,000,000 nodes (full run only) with the peak resident
   memory (resource.getrusage ru_maxrss, the whole process so far).

The batch measure is the core profile (govnet.core_profile: centrality ranks,
pair dependency, reach, vulnerability, empirical-core check) of each community.
Timings on a shared 2-core machine are noisy.
"""

from __future__ import annotations

import pickle
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import available, timeit  # noqa: E402

import govnet  # noqa: E402
from govnet import synthetic  # noqa: E402

SEED = 2014
K_SAMPLE = 8


def batch_measure(net):
    """The core profile of one community (one thread: the pool parallelises communities)."""
    return govnet.core_profile(net, threads=1)


def _peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # Linux: KiB


def _components(net) -> int:
    fn = getattr(govnet, "number_connected_components", None)
    if fn is not None:
        return int(fn(net))
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    g = net.layer(None)
    n = g.num_nodes
    targets = g.out_targets()
    m = csr_matrix((np.ones(len(targets)), targets, g.out_offsets()), shape=(n, n))
    return int(connected_components(m, directed=False)[0])


def _persons(table, n: int) -> dict:
    t0 = time.perf_counter()
    net = synthetic.persons(n, seed=SEED)
    net.layer(None)  # build the CSR layers and their aggregate now, as part of "build"
    build = time.perf_counter() - t0
    size = f"{n:,} persons"
    table.add("persons: build (numpy + CSR)", size, "govnet", build,
              f"{net.num_ties():,} ties")
    t_deg, _ = timeit(lambda: govnet.degree_centrality(net), repeat=1)
    table.add("persons: degree centrality", size, "govnet", t_deg)
    t_cc, ncc = timeit(lambda: _components(net), repeat=1)
    table.add("persons: connected components", size, "govnet", t_cc,
              f"{ncc:,} components (scipy on govnet's CSR)")
    t_btw, _ = timeit(lambda: govnet.betweenness_centrality(net, k=K_SAMPLE, seed=1), repeat=1)
    table.add(f"persons: betweenness k={K_SAMPLE}", size, "govnet", t_btw)
    del net
    return {"n": n, "build": build, "analysis": t_deg + t_cc + t_btw, "betweenness": t_btw}


def _district(table, n: int, client) -> None:
    t0 = time.perf_counter()
    coll = synthetic.district(SEED, communities=n, duties=False)
    table.add("district: generate", f"{n:,} communities", "govnet", time.perf_counter() - t0,
              "synthetic.district, no duty lists")
    size = f"{n:,} communities"
    kernel = "batch measure over communities"

    def fresh():
        # Networks cache their C++ layers on first use: give every tool unbuilt
        # ones (as Dask workers get), so no tool profits from another's run.
        return pickle.loads(pickle.dumps(coll))

    blob = len(pickle.dumps(coll))
    table.add("district: pickled size", size, "govnet", None,
              f"{blob / 2**20:.1f} MiB, {blob / n / 1024:.1f} KiB per community")
    c1 = fresh()
    t_local, local = timeit(lambda: c1.apply(batch_measure, threads=2), repeat=1, budget=0)
    table.add(kernel, size, "govnet", t_local, "Collection.apply, 2 threads")

    c2 = fresh()

    def loop():
        import pandas as pd

        rows = {}
        for cid, net in c2.items():
            p = batch_measure(net)
            rows[cid] = {"pair_dependency": p.pair_dependency, "cp_fit": p.cp_fit}
        return pd.DataFrame.from_dict(rows, orient="index")

    t_loop, looped = timeit(loop, repeat=1, budget=0)
    table.add(kernel, size, "python-loop", t_loop, "dict comprehension")
    assert np.allclose(looped["pair_dependency"].to_numpy(), local["pair_dependency"].to_numpy())
    if client is not None:
        c3 = fresh()
        t_dask, remote = timeit(lambda: c3.apply(batch_measure, client=client), repeat=1,
                                budget=0)
        same = remote.equals(local)
        table.add(kernel, size, "dask", t_dask,
                  f"LocalCluster 2 processes x 1 thread; identical={same}")
    else:
        table.add(kernel, size, "dask", None, "dask.distributed not installed")


def run(table, quick: bool = False) -> None:
    # Person level first, so that the 2,000,000-node peak memory is not inflated
    # by the large district (ru_maxrss is a process-wide high-water mark).
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    if available("scipy"):
        import scipy.sparse.csgraph  # noqa: F401  (import time is not the components' time)
    rows = [_persons(table, n) for n in sizes]
    ns = np.log([r["n"] for r in rows])
    for key in ("build", "analysis", "betweenness"):
        slope = np.polyfit(ns, np.log([r[key] for r in rows]), 1)[0]
        table.add(f"persons: {key} time ~ n^a", f"{sizes[0]:,}–{sizes[-1]:,}", "govnet", None,
                  f"a = {slope:.2f} (numpy.polyfit on log-log)")
    if not quick:
        before = _peak_gib()
        _persons(table, 2_000_000)
        table.add("persons: peak memory", "2,000,000 persons", "govnet", None,
                  f"ru_maxrss {_peak_gib():.2f} GiB (before: {before:.2f} GiB)")

    client = cluster = None
    if available("distributed"):
        import distributed

        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=":0", silence_logs=40)
        client = distributed.Client(cluster)
    try:
        for n in ([100] if quick else [100, 10_000]):
            _district(table, n, client)
    finally:
        if client is not None:
            client.close()
            cluster.close()
    table.add("process peak memory", "whole scale run", "govnet", None,
              f"ru_maxrss {_peak_gib():.2f} GiB")
