"""Permutation inference: QAP correlation test and MRQAP (DSP), govnet vs R sna.

QAP: two binary directed relations over 1,000 actors (density 0.1), 10,000
permutations (quick: 100 actors, 1,000). MRQAP: y and 3 valued predictors over
200 actors, 2,000 permutations, Dekker's DSP (sna ``netlm(nullhyp="qapspp")``)
(quick: 100 actors, 1,000). R sna runs on the same matrices through Rscript
when it is installed; where a full R run would take minutes, R is timed on
fewer permutations and scaled linearly (its cost is linear in the count; the
note says so).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import govnet
import numpy as np
from common import timeit

R_QAP = """
suppressMessages(library(sna))
n <- {n}
x <- matrix(readBin("{x}", "double", n * n), n, n, byrow = TRUE)
y <- matrix(readBin("{y}", "double", n * n), n, n, byrow = TRUE)
set.seed(1)
t <- system.time(qaptest(list(x, y), gcor, g1 = 1, g2 = 2, reps = {reps}))[["elapsed"]]
cat(t, "\\n")
"""

R_NETLM = """
suppressMessages(library(sna))
n <- {n}
rd <- function(f) matrix(readBin(f, "double", n * n), n, n, byrow = TRUE)
y <- rd("{y}")
xs <- list(rd("{x1}"), rd("{x2}"), rd("{x3}"))
set.seed(1)
t <- system.time(netlm(y, xs, nullhyp = "qapspp", reps = {reps}))[["elapsed"]]
cat(t, "\\n")
"""


def _rscript(code: str, timeout: float = 1800) -> float | None:
    exe = shutil.which("Rscript")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-e", code], capture_output=True, text=True, timeout=timeout, check=True
        )
        return float(out.stdout.split()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError):
        return None


def run(table, quick: bool = False) -> None:
    rng = np.random.default_rng(20261128)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)

        # -- QAP correlation test
        n, reps = (100, 1000) if quick else (1000, 10_000)
        x = (rng.random((n, n)) < 0.1).astype(float)
        y = (rng.random((n, n)) < 0.1).astype(float)
        np.fill_diagonal(x, 0)
        np.fill_diagonal(y, 0)
        size = f"n={n}, {reps} perms"
        t, _ = timeit(lambda: govnet.qap_test(x, y, n_permutations=reps, seed=1), repeat=3)
        table.add("qap_test (gcor)", size, "govnet", t, "binary digraphs, density 0.1")
        x.tofile(d / "x.bin")
        y.tofile(d / "y.bin")
        r_reps = reps if quick else 200
        rt = _rscript(R_QAP.format(n=n, x=d / "x.bin", y=d / "y.bin", reps=r_reps))
        note = "qaptest(gcor)" + (
            "" if r_reps == reps else f", timed on {r_reps} perms x {reps // r_reps}"
        )
        table.add(
            "qap_test (gcor)", size, "R sna", None if rt is None else rt * reps / r_reps, note
        )

        # -- MRQAP, DSP, 3 predictors
        n, reps = (100, 1000) if quick else (200, 2000)
        xs = [
            (rng.random((n, n)) < 0.2).astype(float),
            rng.normal(size=(n, n)),
            rng.normal(size=(n, n)),
        ]
        yv = 0.5 * xs[0] + 0.2 * xs[1] + rng.normal(size=(n, n))
        size = f"n={n}, 3 predictors, {reps} perms"
        t, _ = timeit(
            lambda: govnet.mrqap(yv, xs, method="dsp", n_permutations=reps, seed=1), repeat=3
        )
        table.add("mrqap (netlm, DSP)", size, "govnet", t)
        for name, m in (("y", yv), ("x1", xs[0]), ("x2", xs[1]), ("x3", xs[2])):
            m.tofile(d / f"{name}.bin")
        r_reps = 100  # sna refits by QR for every permutation: ~25 ms a fit at n = 100
        rt = _rscript(
            R_NETLM.format(
                n=n, y=d / "y.bin", x1=d / "x1.bin", x2=d / "x2.bin", x3=d / "x3.bin", reps=r_reps
            )
        )
        note = "netlm(qapspp)" + (
            "" if r_reps == reps else f", timed on {r_reps} perms x {reps // r_reps}"
        )
        table.add(
            "mrqap (netlm, DSP)", size, "R sna", None if rt is None else rt * reps / r_reps, note
        )
