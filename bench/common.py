"""Shared harness for the benchmark scripts: timing and the result table.

Each bench/bench_<area>.py defines ``run(table, quick)`` that times govnet and
its peers on the same inputs and calls ``table.add(...)``. bench/run.py runs
them all in one process and prints the ratios.
"""

from __future__ import annotations

import gc
import importlib
import time
from dataclasses import dataclass, field
from typing import Any, Callable


def timeit(fn: Callable[[], Any], repeat: int = 3, budget: float = 60.0) -> tuple[float, Any]:
    """Best wall time of up to ``repeat`` runs (stops repeating past ``budget`` seconds)."""
    best = float("inf")
    out = None
    spent = 0.0
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        spent += dt
        if spent > budget:
            break
    return best, out


def available(module: str) -> bool:
    try:
        importlib.import_module(module)
        return True
    except Exception:
        return False


@dataclass
class Table:
    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, kernel: str, size: str, tool: str, seconds: float | None, note: str = "") -> None:
        self.rows.append({"kernel": kernel, "size": size, "tool": tool, "seconds": seconds,
                          "note": note})
        shown = "n/a" if seconds is None else f"{seconds:.4f}"
        print(f"  {kernel:<34} {size:<22} {tool:<12} {shown:>10} s {note}", flush=True)

    def ratios(self) -> list[dict[str, Any]]:
        """For every (kernel, size): govnet's time and each peer's time / govnet's."""
        out = []
        keys = dict.fromkeys((r["kernel"], r["size"]) for r in self.rows)
        for k, s in keys:
            rows = [r for r in self.rows if r["kernel"] == k and r["size"] == s]
            gv = next((r["seconds"] for r in rows if r["tool"] == "govnet"), None)
            for r in rows:
                if r["tool"] == "govnet":
                    continue
                ratio = None if (gv in (None, 0) or r["seconds"] is None) else r["seconds"] / gv
                out.append({"kernel": k, "size": s, "peer": r["tool"], "govnet_s": gv,
                            "peer_s": r["seconds"], "peer/govnet": ratio, "note": r["note"]})
        return out

    def markdown(self) -> str:
        lines = ["| kernel | size | tool | seconds | note |", "|---|---|---|---:|---|"]
        for r in self.rows:
            s = "n/a" if r["seconds"] is None else f"{r['seconds']:.4f}"
            lines.append(f"| {r['kernel']} | {r['size']} | {r['tool']} | {s} | {r['note']} |")
        lines += ["", "| kernel | size | peer | govnet s | peer s | peer/govnet |",
                  "|---|---|---|---:|---:|---:|"]
        for r in self.ratios():
            ratio = "n/a" if r["peer/govnet"] is None else f"{r['peer/govnet']:.2f}×"
            gv = "n/a" if r["govnet_s"] is None else f"{r['govnet_s']:.4f}"
            ps = "n/a" if r["peer_s"] is None else f"{r['peer_s']:.4f}"
            lines.append(f"| {r['kernel']} | {r['size']} | {r['peer']} | {gv} | {ps} | {ratio} |")
        return "\n".join(lines)


GRAPH_TOOL_PYTHON = "/usr/bin/python3"  # Debian's python3-graph-tool lives in Debian's Python


def graph_tool_available() -> bool:
    import subprocess

    try:
        return subprocess.run([GRAPH_TOOL_PYTHON, "-c", "import graph_tool"], capture_output=True,
                              timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def graph_tool_times(src: Any, dst: Any, n: int, kernels: list[str], threads: int = 2,
                     timeout: float = 1800) -> dict[str, float] | None:
    """Seconds per kernel for graph-tool on the same edges (a subprocess), or None."""
    import json
    import subprocess
    import tempfile
    from pathlib import Path

    import numpy as np

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edges.npz"
        np.savez(path, src=src, dst=dst, n=n)
        script = Path(__file__).with_name("peer_graphtool.py")
        try:
            res = subprocess.run([GRAPH_TOOL_PYTHON, str(script), str(path), ",".join(kernels),
                                  str(threads)], capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired):
            return None
    if res.returncode != 0:
        return None
    return json.loads(res.stdout.strip().splitlines()[-1])
