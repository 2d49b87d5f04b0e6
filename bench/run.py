"""Run every bench/bench_*.py in one process and print govnet's ratio to each peer.

Usage: python bench/run.py [--quick] [--only AREA ...] [--markdown out.md]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Table  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small sizes only (a smoke run)")
    ap.add_argument("--only", nargs="*", default=None, help="areas, e.g. centrality duties")
    ap.add_argument("--markdown", default=None, help="write the tables to this file")
    args = ap.parse_args()
    table = Table()
    print(f"# govnet benchmarks on {platform.node()}: {os.cpu_count()} cores, Python "
          f"{platform.python_version()}", flush=True)
    for path in sorted(HERE.glob("bench_*.py")):
        area = path.stem.removeprefix("bench_")
        if args.only and area not in args.only:
            continue
        print(f"\n## {area}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod.run(table, quick=args.quick)
    print("\n## ratios (peer time / govnet time; > 1 means govnet is faster)")
    for r in table.ratios():
        ratio = "n/a" if r["peer/govnet"] is None else f"{r['peer/govnet']:.2f}x"
        print(f"  {r['kernel']:<34} {r['size']:<22} vs {r['peer']:<12} {ratio}")
    if args.markdown:
        Path(args.markdown).write_text(table.markdown() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
