"""ERGM fits: govnet's MCMC-MLE against R statnet ergm 4.4.0 on the reference models.

statnet's CPU seconds are the ones recorded with its reference fits
(tests/fixtures/ergm/statnet_reference.json: one thread, default control, the fit
without the log-likelihood); govnet is timed in CPU seconds on one thread, also without
the log-likelihood, and its MCMC standard errors are printed next to statnet's default
fit's (the target is an equal or smaller MCMC error, 20x faster). A 2,000-actor
network (200 groups of 10, ties mostly within groups) is fitted with
edges + nodematch + gwesp (target < 10 s); quick mode uses 200 actors.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

import govnet
from govnet import datasets

REF = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ergm" / "statnet_reference.json"


def cpu(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - c0, time.perf_counter() - t0, out


def grouped_network(n: int, size: int = 10, p_in: float = 0.3, k_out: float = 1.0,
                    seed: int = 1) -> govnet.Network:
    rng = np.random.default_rng(seed)
    groups = np.arange(n) // size
    src, dst = [], []
    for g in range(n // size):
        members = np.flatnonzero(groups == g)
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                if rng.random() < p_in:
                    src.append(members[a])
                    dst.append(members[b])
    m_out = int(k_out * n / 2)
    s, t = rng.integers(0, n, m_out), rng.integers(0, n, m_out)
    keep = groups[s] != groups[t]
    src += list(s[keep])
    dst += list(t[keep])
    ids = [f"a{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "tier": "plural", "group": groups})
    ties = pd.DataFrame({"source": [ids[i] for i in src], "target": [ids[j] for j in dst]})
    return govnet.Network.from_frames(actors, ties, directed=False, duplicates="sum")


def run(table, quick: bool = False) -> None:
    ref = json.loads(REF.read_text(encoding="utf-8"))["models"]
    nets = {"flomarriage": (datasets.florentine(), {"relation": "marriage"}),
            "krack_advice": (datasets.krackhardt_managers(), {"relation": "advice"}),
            "karate": (datasets.karate(), {})}
    for mid, m in ref.items():
        mc = m.get("mcmle") or {}
        if m["network"] not in nets or not mc.get("used_mcmc"):
            continue
        net, kw = nets[m["network"]]
        formula = m["formula"].split("~", 1)[1].replace('"', "'")
        c, w, fit = cpu(lambda net=net, formula=formula, kw=kw: govnet.ergm(
            net, formula, seed=1, threads=1, loglik=False, progress=False, **kw))
        ratio = np.max(fit.se_mcmc.to_numpy() / np.array(list(mc["se_mcmc"].values())))
        size = f"{mid} ({m['network']})"
        table.add("ergm MCMC-MLE (CPU s, 1 thread)", size, "govnet", c,
                  f"wall {w:.2f} s; MCMC SE / statnet's <= {ratio:.2f}")
        table.add("ergm MCMC-MLE (CPU s, 1 thread)", size, "statnet", mc["fit_cpu_s"],
                  "recorded (ergm 4.4.0, default control)")
    n = 200 if quick else 2000
    net = grouped_network(n)
    f = "edges + nodematch('group') + gwesp(0.5, fixed=True)"
    c, w, fit = cpu(lambda: govnet.ergm(net, f, seed=1, loglik=False, progress=False))
    table.add("ergm MCMC-MLE gwesp", f"{n} actors, {net.num_ties()} ties", "govnet", w,
              f"CPU {c:.2f} s, {fit.iterations} iterations" + ("" if quick else "; target < 10 s"))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import Table

    run(Table(), quick="--quick" in sys.argv)
