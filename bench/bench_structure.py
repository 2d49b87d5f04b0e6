"""k-core numbers and Burt's constraint: govnet vs networkx, igraph, NetworKit.

Graphs (average degree ~10): a governance-like graph (a few hubs tied to
everyone in a middle tier, a middle tier, a periphery attaching
preferentially by Chung–Lu power-law weights) and Barabási–Albert graphs.
networkx is skipped where it would take more than about 60 s, igraph's
constraint likewise (6.8 s at 1e5 nodes, quadratic in hub degree).
"""

from __future__ import annotations

import numpy as np

from common import available, graph_tool_available, graph_tool_times, timeit

import govnet


def governance_like(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Edge arrays of a hub / middle tier / preferential periphery graph, ~5n edges."""
    rng = np.random.default_rng(seed)
    hubs = 5
    middle = max(10, n // 100)
    src, dst = [], []
    # hubs form a clique and each middle-tier actor is tied to two hubs
    h = np.arange(hubs)
    hs, ht = np.triu_indices(hubs, 1)
    src.append(hs); dst.append(ht)
    mid = np.arange(hubs, hubs + middle)
    src.append(np.repeat(mid, 2)); dst.append(rng.integers(0, hubs, 2 * middle))
    # everyone else: 5 ties to targets drawn with power-law weights (preferential)
    per = np.arange(hubs + middle, n)
    w = (np.arange(1, n + 1, dtype=float)) ** -0.6
    w[:hubs] *= 50.0
    w[hubs:hubs + middle] *= 5.0
    p = w / w.sum()
    src.append(np.repeat(per, 5)); dst.append(rng.choice(n, size=5 * per.size, p=p))
    s = np.concatenate(src).astype(np.int64)
    t = np.concatenate(dst).astype(np.int64)
    keep = s != t
    del h
    return s[keep], t[keep]


def barabasi(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    import igraph as ig

    import random
    random.seed(seed)
    e = np.array(ig.Graph.Barabasi(n, 5).get_edgelist(), dtype=np.int64)
    return e[:, 0], e[:, 1]


def run(table, quick: bool = False) -> None:
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000, 1_000_000]
    have_ig = available("igraph")
    have_nk = available("networkit")
    have_gt = graph_tool_available()
    for gname, maker in (("governance", governance_like), ("BA m=5", barabasi)):
        for n in sizes:
            s, t = maker(n)
            size = f"{gname} n={n:.0e}"
            net = govnet.Network.from_arrays(s, t, actors=n)
            net.layer(None)  # build the CSR once, outside the timings
            sec, _ = timeit(lambda: govnet.core_number(net))
            table.add("core_number", size, "govnet", sec)
            sec, _ = timeit(lambda: govnet.constraint(net, threads=2))
            table.add("constraint", size, "govnet", sec, "2 threads")
            if n <= 100_000:
                import networkx as nx

                G = nx.Graph()
                G.add_nodes_from(range(n))
                G.add_edges_from(zip(s.tolist(), t.tolist()))
                sec, _ = timeit(lambda: nx.core_number(G), repeat=1)
                table.add("core_number", size, "networkx", sec)
                if n <= 10_000:
                    sec, _ = timeit(lambda: nx.constraint(G), repeat=1)
                    table.add("constraint", size, "networkx", sec)
                else:
                    table.add("constraint", size, "networkx", None, "skipped (> 60 s)")
                del G
            else:
                table.add("core_number", size, "networkx", None, "skipped (> 60 s)")
                table.add("constraint", size, "networkx", None, "skipped (> 60 s)")
            if have_ig:
                import igraph as ig

                h = ig.Graph(n=n, edges=np.column_stack([s, t]).tolist())
                h.simplify()
                sec, _ = timeit(lambda: h.coreness())
                table.add("core_number", size, "igraph", sec)
                if n <= 100_000:
                    sec, _ = timeit(lambda: h.constraint(), repeat=1)
                    table.add("constraint", size, "igraph", sec)
                else:
                    table.add("constraint", size, "igraph", None, "skipped (> 60 s)")
            if have_nk:
                import networkit as nk

                nk.setNumberOfThreads(2)
                gk = nk.Graph(n)
                gk.addEdges((s.astype(np.uint64), t.astype(np.uint64)))
                gk.removeMultiEdges()

                def nk_core():
                    cd = nk.centrality.CoreDecomposition(gk)
                    cd.run()
                    return cd.scores()

                sec, _ = timeit(nk_core)
                table.add("core_number", size, "networkit", sec, "2 threads")
            if have_gt:
                gt_t = graph_tool_times(s, t, n, ["kcore"], threads=2)
                table.add("core_number", size, "graph-tool", None if gt_t is None else gt_t["kcore"],
                          "Debian python3-graph-tool, subprocess")
