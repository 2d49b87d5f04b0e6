"""Centrality benchmarks: govnet vs networkx, igraph, NetworKit (graph-tool if importable).

Graphs (undirected, average degree about 10, the same edge arrays for every tool):
- ``gov``: governance-like — 5 core hubs tied to each other, a middle tier of 2% of the
  actors each tied to 1–3 hubs and 3 other middle actors, and a periphery where each
  actor makes 5 ties, 10% to the middle tier, 2% to a hub, the rest to an earlier actor
  drawn with a bias towards early (already well-connected) actors, ``i·u²`` — an
  age-biased stand-in for preferential attachment that numpy can draw at 10^6 actors.
- ``ba``: Barabási–Albert, 5 ties per new actor (igraph's generator).
Sizes n = 1e3, 1e4, 1e5, 1e6 (``quick``: 1e3 and 1e4). govnet and NetworKit use 2
threads; igraph and networkx are single-threaded. networkx is skipped where it would
take more than about a minute. Exact betweenness up to 1e4, sampled (256 sources)
beyond; closeness up to 1e4 (O(nm)); PageRank at every size; loading = building the
network from numpy arrays.

PageRank tolerances differ by tool: govnet stops at L1 change < 1e-6 (not scaled by n),
NetworKit at its default (L2 change < 1e-8), networkx at L1 < n·1e-6, igraph solves
exactly (PRPACK). From 1e5 up, "pagerank per iteration" sets govnet's time per
iteration beside the streaming floor measured in the same run (``pagerank_vs_floor``:
48n + 4·arcs compulsory bytes at the bandwidth two threads stream).
"""

from __future__ import annotations


import numpy as np

from common import available, graph_tool_available, graph_tool_times, timeit

THREADS = 2


def gov_edges(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    hubs = 5
    mid = max(10, n // 50)
    src, dst = [], []
    iu, ju = np.triu_indices(hubs, 1)
    src.append(iu)
    dst.append(ju)
    mids = np.arange(hubs, hubs + mid)
    for _ in range(2):
        src.append(mids)
        dst.append(rng.integers(0, hubs, mid))
    src.append(mids)
    dst.append(rng.integers(0, hubs, mid))
    for _ in range(3):
        src.append(mids)
        dst.append(rng.integers(hubs, hubs + mid, mid))
    per = np.arange(hubs + mid, n)
    k = 5
    p_src = np.repeat(per, k)
    kind = rng.random(p_src.size)
    early = (p_src * rng.random(p_src.size) ** 2).astype(np.int64)
    tgt = np.where(kind < 0.02, rng.integers(0, hubs, p_src.size),
                   np.where(kind < 0.12, rng.integers(hubs, hubs + mid, p_src.size), early))
    src.append(p_src)
    dst.append(tgt)
    s = np.concatenate(src).astype(np.int32)
    d = np.concatenate(dst).astype(np.int32)
    keep = s != d
    return s[keep], d[keep]


def ba_edges(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    import igraph as ig
    import random

    random.seed(seed)
    g = ig.Graph.Barabasi(n, 5)
    e = np.array(g.get_edgelist(), dtype=np.int32)
    return e[:, 0].copy(), e[:, 1].copy()


def stream_bandwidth(threads: int = THREADS, mib: int = 512) -> float:
    """Bytes per second that `threads` threads stream (numpy copy, read + write counted,
    as STREAM's copy): the floor a sparse iteration can approach, measured in this run."""
    import threading

    n = mib * 2**20 // 8
    a, b = np.ones(n), np.empty(n)
    cuts = np.linspace(0, n, threads + 1).astype(int)

    def part(i: int) -> None:
        np.copyto(b[cuts[i]:cuts[i + 1]], a[cuts[i]:cuts[i + 1]])  # releases the GIL

    def copy() -> None:
        ts = [threading.Thread(target=part, args=(i,)) for i in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    sec, _ = timeit(copy, repeat=5)
    return 2 * a.nbytes / sec


def pagerank_vs_floor(govnet, net, n: int, arcs: int) -> tuple[float, float, str]:
    """govnet's seconds per PageRank iteration (21 minus 1 iterations, tol=0) beside the
    streaming floor: one iteration must read the in-offsets (8n bytes), the stored arc
    ids (4 per arc), x, 1/out-degree and each contribution once (24n) and write the
    next x and contributions (16n): 48n + 4·arcs bytes, at the bandwidth measured now."""
    from govnet.errors import ConvergenceError

    def iterations(k: int):
        def run():
            try:
                govnet.pagerank(net, max_iter=k, tol=1e-300, threads=THREADS)
            except ConvergenceError:
                pass
        return timeit(run, repeat=3)[0]
    per_it = (iterations(21) - iterations(1)) / 20
    bw = stream_bandwidth()
    nbytes = 48 * n + 4 * arcs
    floor = nbytes / bw
    return per_it, floor, (f"{nbytes / 1e6:.0f} MB per iteration, {bw / 1e9:.1f} GB/s streamed "
                           f"({THREADS} threads): {per_it / floor:.1f}x the floor")


def run(table, quick: bool = False, sizes: list[int] | None = None) -> None:
    import govnet

    have_nx = available("networkx")
    have_ig = available("igraph")
    have_nk = available("networkit")
    have_gt = graph_tool_available()
    if have_nk:
        import networkit as nk

        nk.setNumberOfThreads(THREADS)
        nk.engineering.setSeed(1, False)
    if sizes is None:
        sizes = [1000, 10000] if quick else [1000, 10000, 100000, 1000000]
    for family, make in (("gov", gov_edges), ("ba", ba_edges)):
        for n in sizes:
            src, dst = make(n)
            size = f"{family} n={n:.0e} m={src.size:.1e}"
            # -- loading
            t, net = timeit(lambda: govnet.Network.from_arrays(src, dst, actors=n), repeat=3)
            g = net.layer()  # builds the CSR graph (part of loading)
            t2, _ = timeit(lambda: govnet.Network.from_arrays(src, dst, actors=n).layer())
            table.add("load from arrays (+CSR)", size, "govnet", t2,
                      f"Network only {t:.3f}s")
            del g
            H = G = X = None
            if have_ig:
                import igraph as ig

                edges = np.column_stack([src, dst])
                ti, H = timeit(lambda: ig.Graph(n=n, edges=edges), repeat=2)
                table.add("load from arrays (+CSR)", size, "igraph", ti)
            if have_nk:
                def nk_build():
                    gg = nk.Graph(n)
                    gg.addEdges((src.astype(np.uint64), dst.astype(np.uint64)))
                    gg.removeMultiEdges()
                    return gg
                tk, G = timeit(nk_build, repeat=2)
                table.add("load from arrays (+CSR)", size, "networkit", tk)
            if have_nx and n <= 100000:
                import networkx as nx

                def nx_build():
                    gg = nx.Graph()
                    gg.add_nodes_from(range(n))
                    gg.add_edges_from(zip(src.tolist(), dst.tolist()))
                    return gg
                tx, X = timeit(nx_build, repeat=1)
                table.add("load from arrays (+CSR)", size, "networkx", tx)

            # -- betweenness
            exact = n <= 10000
            kname = "betweenness exact" if exact else "betweenness 256 sources"
            k = None if exact else 256
            tg, _ = timeit(lambda: govnet.betweenness_centrality(net, k=k, seed=1,
                                                                 threads=THREADS), repeat=2)
            table.add(kname, size, "govnet", tg, f"{THREADS} threads")
            if have_nk and G is not None:
                if exact:
                    tk, _ = timeit(lambda: nk.centrality.Betweenness(G, True).run(), repeat=2)
                else:
                    tk, _ = timeit(lambda: nk.centrality.EstimateBetweenness(
                        G, 256, True, True).run(), repeat=2)
                table.add(kname, size, "networkit", tk, f"{THREADS} threads")
            if have_ig and H is not None and exact:
                ti, _ = timeit(lambda: H.betweenness(), repeat=1)
                table.add(kname, size, "igraph", ti)
            # networkx: exact at 1e3 only (1e4 takes minutes; 256 sampled sources at 1e5 too).
            if have_nx and X is not None and n <= 1000:
                tx, _ = timeit(lambda: nx.betweenness_centrality(X), repeat=1)
                table.add(kname, size, "networkx", tx)

            # -- closeness (O(nm): exact up to 1e4)
            if exact:
                tg, _ = timeit(lambda: govnet.closeness_centrality(net, threads=THREADS), repeat=2)
                table.add("closeness", size, "govnet", tg, f"{THREADS} threads")
                if have_nk and G is not None:
                    tk, _ = timeit(lambda: nk.centrality.Closeness(
                        G, True, nk.centrality.ClosenessVariant.GENERALIZED).run(), repeat=2)
                    table.add("closeness", size, "networkit", tk, f"{THREADS} threads")
                if have_ig and H is not None:
                    ti, _ = timeit(lambda: H.closeness(), repeat=1)
                    table.add("closeness", size, "igraph", ti)
                if have_nx and X is not None and n <= 1000:
                    tx, _ = timeit(lambda: nx.closeness_centrality(X), repeat=1)
                    table.add("closeness", size, "networkx", tx)

            # -- PageRank
            tg, _ = timeit(lambda: govnet.pagerank(net, threads=THREADS), repeat=3)
            table.add("pagerank", size, "govnet", tg, f"{THREADS} threads, L1 tol 1e-6")
            if n >= 100000:
                it_s, floor_s, note = pagerank_vs_floor(govnet, net, n, 2 * src.size)
                table.add("pagerank per iteration", size, "govnet", it_s, note)
                table.add("pagerank per iteration", size, "stream floor", floor_s, note)
            if have_nk and G is not None:
                tk, _ = timeit(lambda: nk.centrality.PageRank(G, 0.85).run(), repeat=3)
                table.add("pagerank", size, "networkit", tk, f"{THREADS} threads, default tol")
            if have_ig and H is not None:
                ti, _ = timeit(lambda: H.pagerank(), repeat=2)
                table.add("pagerank", size, "igraph", ti, "PRPACK (exact)")
            if have_nx and X is not None and n <= 100000:
                tx, _ = timeit(lambda: nx.pagerank(X), repeat=1)
                table.add("pagerank", size, "networkx", tx, "tol n*1e-6")
            # -- eigenvector (Lanczos from 1e4 up: method="auto") and sampled betweenness
            #    with a guarantee (Riondato–Kornaropoulos, eps = 0.01, delta = 0.1)
            tg, _ = timeit(lambda: govnet.eigenvector_centrality(net, threads=THREADS), repeat=2)
            table.add("eigenvector", size, "govnet", tg,
                      "Lanczos" if n >= 10000 else "power iteration")
            if have_ig and H is not None:
                ti, _ = timeit(lambda: H.eigenvector_centrality(), repeat=2)
                table.add("eigenvector", size, "igraph", ti, "ARPACK")
            tg, est = timeit(lambda: govnet.approximate_betweenness(net, epsilon=0.01, seed=1,
                                                                    threads=THREADS), repeat=2)
            table.add("betweenness eps=0.01", size, "govnet", tg,
                      f"{THREADS} threads, {est.attrs['samples']} samples")
            if have_nk and G is not None:
                tk, _ = timeit(lambda: nk.centrality.KadabraBetweenness(G, 0.01, 0.1).run(),
                               repeat=2)
                table.add("betweenness eps=0.01", size, "networkit", tk,
                          f"KADABRA, {THREADS} threads")
            if have_gt:
                kernels = ["betweenness" if exact else "betweenness_sampled", "pagerank"]
                if exact:
                    kernels.append("closeness")
                gt_t = graph_tool_times(src, dst, n, kernels, threads=THREADS)
                if gt_t is None:
                    table.add("pagerank", size, "graph-tool", None, "graph-tool run failed")
                else:
                    note = f"{THREADS} threads (Debian python3-graph-tool, subprocess)"
                    table.add("load from arrays (+CSR)", size, "graph-tool", gt_t["load"], note)
                    table.add(kname, size, "graph-tool", gt_t.get("betweenness",
                              gt_t.get("betweenness_sampled")), note)
                    if exact:
                        table.add("closeness", size, "graph-tool", gt_t["closeness"], note)
                    table.add("pagerank", size, "graph-tool", gt_t["pagerank"], note)
            del H, G, X, net
