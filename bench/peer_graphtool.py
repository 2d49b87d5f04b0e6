"""Times graph-tool on an edge list, in Debian's own Python (python3-graph-tool).

Run by bench/common.graph_tool_times() as a subprocess:
  /usr/bin/python3 bench/peer_graphtool.py EDGES.npz KERNEL[,KERNEL...] THREADS
prints one JSON object {kernel: seconds}. Kernels: load, betweenness,
betweenness_sampled (256 pivots), closeness, pagerank, kcore.
"""

import json
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
import graph_tool as gt  # noqa: E402
from graph_tool import centrality, stats, topology  # noqa: E402


def best(fn, repeat=2):
    t = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def main():
    data = np.load(sys.argv[1])
    kernels = sys.argv[2].split(",")
    gt.openmp_set_num_threads(int(sys.argv[3]))
    src, dst, n = data["src"], data["dst"], int(data["n"])

    def build():
        g = gt.Graph(directed=False)
        g.add_vertex(n)
        g.add_edge_list(np.column_stack([src, dst]))
        stats.remove_self_loops(g)
        stats.remove_parallel_edges(g)
        return g

    out = {}
    out["load"] = best(build)
    g = build()
    rng = np.random.default_rng(1)
    for k in kernels:
        if k == "betweenness":
            out[k] = best(lambda: centrality.betweenness(g), repeat=1)
        elif k == "betweenness_sampled":
            piv = rng.choice(n, 256, replace=False)
            out[k] = best(lambda: centrality.betweenness(g, pivots=piv), repeat=1)
        elif k == "closeness":
            out[k] = best(lambda: centrality.closeness(g), repeat=1)
        elif k == "pagerank":
            out[k] = best(lambda: centrality.pagerank(g), repeat=3)
        elif k == "kcore":
            out[k] = best(lambda: topology.kcore_decomposition(g), repeat=3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
