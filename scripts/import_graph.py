#!/usr/bin/env python3
"""Import graph of a Python package: cycles, upward imports, cross-package private imports.

Usage: python3 scripts/import_graph.py [PACKAGE_DIR]   (default: python/govnet)

Reads the source with `ast` (nothing is imported or run). Counts every import,
including those inside functions, because an import moved into a function to
dodge a cycle is still a cycle. Prints three lists and exits 1 if any is non-empty:
  cycles            strongly connected groups of modules that import each other
  private imports   `from .other import _name` where `other` is a public module: a
                    private helper shared between modules belongs in a private module
  facade imports    a module of the package importing the package root itself
"""
import ast
import os
import sys
from collections import defaultdict


def module_name(root, path):
    rel = os.path.relpath(path, os.path.dirname(root))[:-3].replace(os.sep, ".")
    return rel[:-9] if rel.endswith(".__init__") else rel


def resolve(current, is_pkg, level, target):
    parts = current.split(".")
    base = parts if is_pkg else parts[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def scan(root):
    pkg = os.path.basename(os.path.normpath(root))
    modules, edges, private, facade = {}, defaultdict(set), [], []
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            if f.endswith(".py"):
                modules[module_name(root, p)] = p
            elif f.endswith(".pyi") or f.endswith(".so"):   # compiled extension: a module without source
                modules.setdefault(module_name(root, p[: p.index(".", len(dirpath) + 1)] + ".py"), None)
    for mod, path in modules.items():
        if path is None:
            continue
        is_pkg = path.endswith("__init__.py")
        tree = ast.parse(open(path, encoding="utf-8").read(), path)
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.ImportFrom):
                base = resolve(mod, is_pkg, node.level, node.module) if node.level else (node.module or "")
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    targets.append((sub if sub in modules else base, a.name))
            elif isinstance(node, ast.Import):
                targets = [(a.name, None) for a in node.names]
            for tgt, name in targets:
                if not (tgt == pkg or tgt.startswith(pkg + ".")):
                    continue
                if tgt == pkg and mod != pkg:
                    facade.append(f"{mod} imports the package root ({path}:{node.lineno})")
                while tgt not in modules and "." in tgt:
                    tgt = tgt.rsplit(".", 1)[0]
                if tgt in modules and tgt != mod and tgt != pkg:   # the root's imports: facade list
                    edges[mod].add(tgt)
                    public_module = not tgt.rsplit(".", 1)[-1].startswith("_")
                    if name and name.startswith("_") and not name.startswith("__") and public_module:
                        private.append(f"{mod} takes private {name} from public module {tgt} ({path}:{node.lineno})")
    return modules, edges, private, facade


def cycles(modules, edges):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in modules:
        if v not in index:
            strong(v)
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("python", "govnet")
    if not os.path.isdir(root):
        print(f"no package directory {root}")
        return 2
    modules, edges, private, facade = scan(root)
    pkg = os.path.basename(os.path.normpath(root))
    edges = {m: t for m, t in edges.items() if m != pkg}   # the façade re-exports everything by design
    cyc = cycles(modules, edges)
    for c in cyc:
        print("cycle: " + " <-> ".join(c))
    for p in private:
        print("private import: " + p)
    for f in facade:
        print("facade import: " + f)
    print(f"{sum(1 for p in modules.values() if p)} modules, {sum(map(len, edges.values()))} imports: "
          f"{len(cyc)} cycles, {len(private)} private imports, {len(facade)} facade imports")
    return 1 if (cyc or private or facade) else 0


if __name__ == "__main__":
    sys.exit(main())
