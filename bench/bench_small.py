"""Small-network latency and the community batch: where govnet's users are.

Latency table (issue 20, item 1): one call on a 30- and a 100-actor community
network (a synthetic community's pooled layers, undirected), govnet vs igraph vs
networkx, each the best of several repeats of many calls. govnet returns a pandas
Series indexed by actor id, igraph a list, networkx a dict: the govnet time
includes building the Series. core_profile builds its three tables on first use;
the row "core_profile + tables" reads them too. Targets: betweenness and PageRank no slower than
igraph + 10 µs, degree under 10 µs, core_profile under 300 µs (30 actors) and
2 ms (100 actors).

Batch table (item 2): Collection.core_profile over synthetic communities of
15–100 actors (the issue's sizes) and of district()'s Nanshan-calibrated 10–19,
in one C++ call (parallel over communities, GIL released), against the plain loop of one core_profile call per community (quick: 200 communities;
full: 10,000 and 100,000 for the batch, the loop timed on 1,000 and scaled).
"""

# ruff: noqa: B023  (every lambda is timed at once, inside its loop iteration)
from __future__ import annotations

import time

import numpy as np

from common import available, timeit

import govnet
from govnet import synthetic


def _per_call(fn, calls: int) -> float:
    """Best seconds per call over 5 repeats of ``calls`` calls."""
    fn()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - t0) / calls)
    return best


def _add(table, kernel: str, size: str, tool: str, seconds: float) -> None:
    table.add(kernel, size, tool, seconds, f"{seconds * 1e6:.1f} µs per call")


def _network(n: int, seed: int = 7) -> govnet.Network:
    """A connected-ish community network of exactly n actors (pooled, undirected)."""
    rng = np.random.default_rng(seed)
    ids = [f"a{i}" for i in range(n)]
    src, dst = [], []
    for i in range(1, n):             # a random tree, then extra ties: mean degree ~4
        src.append(i)
        dst.append(int(rng.integers(0, i)))
    for _ in range(n):
        u, v = rng.integers(0, n, 2)
        if u != v:
            src.append(int(u))
            dst.append(int(v))
    tiers = ["core"] + ["plural"] * (n - 1)
    return govnet.Network.from_arrays(np.array(src), np.array(dst), actors=ids, tiers=tiers,
                                      relation="tie", directed=False, duplicates="max")


def _profile_tables(p) -> tuple:
    return p.centrality, p.reach, p.vulnerability


def latency(table, quick: bool) -> None:
    calls = 200 if quick else 2000
    for n in (30, 100):
        net = _network(n)
        size = f"{n} actors, {net.num_ties()} ties"
        rows = {
            "betweenness": lambda: govnet.betweenness_centrality(net),
            "pagerank": lambda: govnet.pagerank(net),
            "degree": lambda: govnet.degree_centrality(net),
            "closeness": lambda: govnet.closeness_centrality(net),
            "eigenvector": lambda: govnet.eigenvector_centrality(net),
        }
        for kernel, fn in rows.items():
            _add(table, f"small {kernel}", size, "govnet", _per_call(fn, calls))
        _add(table, "small core_profile", size, "govnet",
             _per_call(lambda: govnet.core_profile(net), max(20, calls // 20)))
        # the profile's three tables are built on first use: the row with them read
        _add(table, "small core_profile + tables", size, "govnet",
             _per_call(lambda: _profile_tables(govnet.core_profile(net)), max(20, calls // 20)))
        src, dst, _ = net.layer(None).edges()
        edges = list(zip(src.tolist(), dst.tolist()))
        if available("igraph"):
            import igraph as ig

            h = ig.Graph(n=n, edges=edges)
            _add(table, "small betweenness", size, "igraph", _per_call(h.betweenness, calls))
            _add(table, "small pagerank", size, "igraph", _per_call(h.pagerank, calls))
            _add(table, "small degree", size, "igraph", _per_call(h.degree, calls))
            _add(table, "small closeness", size, "igraph", _per_call(h.closeness, calls))
            _add(table, "small eigenvector", size, "igraph",
                      _per_call(h.eigenvector_centrality, calls))
        if available("networkx"):
            import networkx as nx

            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from(edges)
            few = max(20, calls // 20)
            _add(table, "small betweenness", size, "networkx",
                      _per_call(lambda: nx.betweenness_centrality(g), few))
            _add(table, "small pagerank", size, "networkx", _per_call(lambda: nx.pagerank(g), few))
            _add(table, "small degree", size, "networkx",
                      _per_call(lambda: nx.degree_centrality(g), calls))
            _add(table, "small closeness", size, "networkx",
                      _per_call(lambda: nx.closeness_centrality(g), few))
            _add(table, "small eigenvector", size, "networkx",
                      _per_call(lambda: nx.eigenvector_centrality(g), few))


#: Community sizes of the batch table: the issue's 15–100 actors (plural 10–95 beside
#: the core and the three support actors), and district()'s Nanshan calibration (10–19).
BATCH_SIZES = {"15-100 actors": (10, 95), "10-19 actors, Nanshan-calibrated": (5, 14)}


def _district(count: int, plural: tuple[int, int]):
    """count synthetic communities: up to 10,000 generated, then the same networks
    again under new ids (generating 100,000 communities of up to 100 actors takes
    longer than the whole bench; the batch computes every entry anyway)."""
    base = synthetic.district(3, communities=min(count, 10_000), plural=plural, duties=False)
    if count <= 10_000:
        return base
    nets = [base[cid] for cid in base]
    return govnet.Collection.from_networks(
        {f"c{i:06d}": nets[i % len(nets)] for i in range(count)})


def batch(table, quick: bool) -> None:
    counts = [200] if quick else [10_000, 100_000]
    for what, plural in BATCH_SIZES.items():
        for count in counts:
            c = _district(count, plural)
            c.apply(lambda net: net.layer("all").num_edges, threads=1)   # layers built and cached
            label = f"{count:,} communities, {what}"
            t, _ = timeit(lambda: c.core_profile(relation="all", with_table=False, threads=2),
                          repeat=1 if count > 10_000 else 3)
            table.add("batch core_profile", label, "govnet", t, "C++ batch, 2 threads")
            loop_n = min(count, 200 if quick else 1000)
            few = c.select(list(c.ids[:loop_n]))
            t_loop, _ = timeit(lambda: few.apply(govnet.core_profile, relation="all", threads=1,
                                                 with_table=False), repeat=1)
            table.add("batch core_profile", label, "loop",
                      t_loop * count / loop_n, f"one core_profile call per community "
                      f"(timed on {loop_n:,}, scaled)")


def loading(table, quick: bool) -> None:
    """A tie CSV (source, target, relation, weight) into a Network: pyarrow's reader
    through pandas (read_csv's fast path) vs the C engine; and from numpy arrays."""
    import importlib.util
    import os
    import tempfile

    import pandas as pd

    from govnet.io import tables

    m = 100_000 if quick else 1_000_000
    n = m // 5
    rng = np.random.default_rng(1)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    frame = pd.DataFrame({"source": np.char.add("a", src.astype(str)),
                          "target": np.char.add("a", dst.astype(str)),
                          "relation": "leadership", "weight": rng.integers(1, 5, m)})
    size = f"{m:,} ties"
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ties.csv")
        frame.to_csv(path, index=False)
        t, _ = timeit(lambda: govnet.read_csv(path, duplicates="sum", self_loops="drop"),
                      repeat=2)
        engine = ("pyarrow engine" if importlib.util.find_spec("pyarrow") else
                  "C engine (pyarrow, the `fast` extra, not installed)")
        table.add("load CSV into a Network", size, "govnet", t, engine)
        saved = tables._FAST_CSV_BYTES
        tables._FAST_CSV_BYTES = 1 << 62   # the C engine only
        try:
            t, _ = timeit(lambda: govnet.read_csv(path, duplicates="sum", self_loops="drop"),
                          repeat=1)
        finally:
            tables._FAST_CSV_BYTES = saved
        table.add("load CSV into a Network", size, "pandas-C", t, "the C engine (0.2's reader)")
    t, _ = timeit(lambda: govnet.Network.from_arrays(src, dst, actors=n, duplicates="sum",
                                                     self_loops="drop"), repeat=3)
    table.add("load numpy arrays into a Network", size, "govnet", t, "without the CSR layer")


def run(table, quick: bool = False) -> None:
    latency(table, quick)
    batch(table, quick)
    loading(table, quick)
