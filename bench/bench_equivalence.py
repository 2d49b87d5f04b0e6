"""Structural equivalence (sna::sedist, Hamming and correlation) and equivalence
clustering (sna::equiv.clust, complete linkage) on 2,000 actors: govnet vs R sna
through Rscript (quick: 200 actors). A random directed graph, density 0.05, the same
matrix for both (read by R from a binary file). REGE (O(n⁴)) on 100 actors vs
R blockmodeling::REGE.for (Fortran) and REGE (pure R) when installed.

Run alone: python bench/run.py --only equivalence [--quick]
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from common import timeit

import govnet

R_SEDIST = """
suppressMessages(library(sna))
n <- {n}
a <- matrix(readBin("{a}", "double", n * n), n, n, byrow = TRUE)
t <- system.time(d <- sna::sedist(a, method = "{method}"))[["elapsed"]]
cat(t, "\\n")
"""

R_EQUIV = """
suppressMessages(library(sna))
n <- {n}
a <- matrix(readBin("{a}", "double", n * n), n, n, byrow = TRUE)
t <- system.time(e <- sna::equiv.clust(a, method = "hamming"))[["elapsed"]]
cat(t, "\\n")
"""

R_REGE = """
n <- {n}
a <- matrix(readBin("{a}", "double", n * n), n, n, byrow = TRUE)
t <- system.time(e <- blockmodeling::{fn}(a))[["elapsed"]]
cat(t, "\\n")
"""


def _rscript(code: str, timeout: float = 1800) -> float | None:
    exe = shutil.which("Rscript")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-e", code], capture_output=True, text=True,
                             timeout=timeout, check=True)
        return float(out.stdout.split()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError):
        return None


def _network(a: np.ndarray) -> govnet.Network:
    n = a.shape[0]
    ids = [f"v{i:05d}" for i in range(n)]
    s, t = np.nonzero(a)
    actors = pd.DataFrame({"id": ids, "tier": "plural"})
    ties = pd.DataFrame({"source": np.asarray(ids)[s], "target": np.asarray(ids)[t],
                         "relation": "r"})
    return govnet.Network.from_frames(actors, ties, directed={"r": True})


def run(table, quick: bool = False) -> None:
    rng = np.random.default_rng(20261202)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        n = 200 if quick else 2000
        a = (rng.random((n, n)) < 0.05).astype(float)
        np.fill_diagonal(a, 0)
        net = _network(a)
        path = d / "a.bin"
        a.astype("<f8").tofile(path)
        size = f"n={n}, density 0.05"
        for method in ("hamming", "correlation"):
            t, _ = timeit(lambda m=method: govnet.structural_distance(net, method=m), repeat=3)
            table.add(f"structural_distance ({method})", size, "govnet", t, "directed")
            tr = _rscript(R_SEDIST.format(n=n, a=path, method=method))
            table.add(f"structural_distance ({method})", size, "R sna", tr, "sna::sedist")
        t, _ = timeit(lambda: govnet.equivalence_clustering(net, k=5), repeat=3)
        table.add("equivalence_clustering", size, "govnet", t, "hamming, complete")
        tr = _rscript(R_EQUIV.format(n=n, a=path))
        table.add("equivalence_clustering", size, "R sna", tr, "sna::equiv.clust")

        m = 30 if quick else 100
        b = (rng.random((m, m)) < 0.1).astype(float)
        np.fill_diagonal(b, 0)
        small = _network(b)
        pb = d / "b.bin"
        b.astype("<f8").tofile(pb)
        size = f"n={m}, density 0.1"
        t, _ = timeit(lambda: govnet.rege(small), repeat=2)
        table.add("rege", size, "govnet", t, "3 iterations")
        for fn in ("REGE.for", "REGE"):
            if fn == "REGE" and not quick:
                table.add("rege", size, "R REGE", None, "pure R: minutes at n=100, skipped")
                continue
            tr = _rscript(R_REGE.format(n=m, a=pb, fn=fn))
            table.add("rege", size, f"R {fn}", tr, "blockmodeling")
