"""Build, execute and render the case-study notebooks.

The notebooks' source of truth is notebooks/src/NN_name.py in the "percent"
format (cells start with ``# %%``; markdown cells with ``# %% [markdown]`` and
lines prefixed by ``# ``), which diffs well; this script writes
notebooks/NN_name.ipynb from them.

Usage:
  python scripts/notebooks.py build            # src/*.py -> *.ipynb (unexecuted)
  python scripts/notebooks.py check            # fail if an .ipynb is out of date
  python scripts/notebooks.py render OUT_DIR   # execute each and write HTML
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "notebooks" / "src"
NB = ROOT / "notebooks"


def parse(text: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("# %%"):
            kind = "markdown" if "[markdown]" in line else "code"
            tags = ["hide-input"] if "hide" in line else []
            cells.append((kind + (":hide" if tags else ""), []))
            continue
        if not cells:
            continue
        cells[-1][1].append(line)
    for kind, lines in cells:
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if kind.startswith("markdown"):
            body = "\n".join(l[2:] if l.startswith("# ") else l.lstrip("#") for l in lines)
            nb.cells.append(nbformat.v4.new_markdown_cell(body))
        else:
            cell = nbformat.v4.new_code_cell("\n".join(lines))
            if kind.endswith(":hide"):
                # Solutions in the teaching notebook: collapsed by default in Jupyter.
                cell.metadata["jupyter"] = {"source_hidden": True}
                cell.metadata["tags"] = ["solution", "hide-input"]
            nb.cells.append(cell)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:03d}"
    return nb


def targets() -> list[tuple[Path, Path]]:
    return [(p, NB / (p.stem + ".ipynb")) for p in sorted(SRC.glob("*.py"))]


def build() -> None:
    for src, dst in targets():
        nbformat.write(parse(src.read_text(encoding="utf-8")), dst)
        print(f"wrote {dst.relative_to(ROOT)}")


def check() -> int:
    stale = []
    for src, dst in targets():
        want = nbformat.writes(parse(src.read_text(encoding="utf-8")))
        if not dst.exists() or nbformat.writes(nbformat.read(dst, as_version=4)) != want:
            stale.append(dst.name)
    if stale:
        print("out of date (run python scripts/notebooks.py build):", ", ".join(stale))
        return 1
    return 0


def execute(path: Path, timeout: int = 600) -> tuple[nbformat.NotebookNode, float]:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(NB)}}).execute()
    return nb, time.perf_counter() - t0


def render(out: Path) -> None:
    from nbconvert import HTMLExporter

    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    for _, nb_path in targets():
        nb, seconds = execute(nb_path)
        html, _ = exporter.from_notebook_node(nb)
        dst = out / (nb_path.stem + ".html")
        dst.write_text(html, encoding="utf-8")
        print(f"  {dst} ({seconds:.1f} s)")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "build"
    if cmd == "build":
        build()
    elif cmd == "check":
        sys.exit(check())
    elif cmd == "render":
        render(Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "out" / "notebooks")
    else:
        sys.exit(__doc__)
