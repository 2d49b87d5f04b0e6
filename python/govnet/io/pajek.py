"""Pajek .net files."""

from __future__ import annotations

import os
import re

from typing import Any

import pandas as pd

from govnet.errors import FileFormatError, InvalidNetworkError, InvalidParameterError
from govnet.io._common import (
    _build,
    _check_size,
    _fmt_weight,
    _number,
    _path,
    _read_text,
    posts_pairs,
    _writable_labels,
)
from govnet.model.network import Network, warn_tables_not_written

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def _tokens(line: str) -> list[str]:
    return [a if a or b == "" else b for a, b in _TOKEN.findall(line)]


def write_pajek(net: Network, path: str | os.PathLike[str], *, relation: str | None = None,
                two_mode: str | None = None) -> None:
    """Write a Pajek ``.net`` file (UTF-8).

    One-mode (default): ``*Vertices n`` with the actor ids as quoted labels,
    then one ``*Arcs :k "relation"`` (directed) or ``*Edges :k "relation"``
    (undirected) block per relation, weights as the third number — Pajek's
    multi-relational form, the ties as each layer reads them (repeated rows
    merged by the network's ``duplicates`` policy). Tiers, kinds, display names
    and extra columns are not written (Pajek has no place for them; use GraphML
    or Excel). An id with a ``"`` or a line break cannot be written (Pajek has
    no escape): InvalidNetworkError.

    ``relation="name"`` writes that relation alone under a plain ``*Arcs`` or
    ``*Edges`` header, the form networkx's and igraph's Pajek readers accept
    (they reject or merge the multi-relational form); read back, it is called
    ``tie``.

    ``two_mode="meetings"`` or ``"duties"`` writes the actor × meeting (or
    actor × duty) incidence instead: ``*Vertices n n1`` with the actors first.
    """
    if two_mode not in (None, "meetings", "duties"):
        raise InvalidParameterError(f"two_mode must be None, 'meetings' or 'duties', got {two_mode!r}")
    ids = _writable_labels(net.actor_ids, "Pajek")
    warn_tables_not_written(net, "write_pajek", "Pajek", kept=() if two_mode is None else (two_mode,))
    out = []
    if two_mode is None:
        out.append(f"*Vertices {len(ids)}")
        out += [f'{i + 1} "{a}"' for i, a in enumerate(ids)]
        for k, rel in enumerate(net.relations if relation is None else [relation], start=1):
            spec = net.relation_spec(rel)
            head = "*Arcs" if spec.directed else "*Edges"
            _writable_labels([rel], "Pajek", "relation name")
            out.append(head if relation is not None else f'{head} :{k} "{rel}"')
            # the ties as the layer reads them (repeated rows merged by the network's
            # duplicates policy, self-loops by its self_loops policy), so that
            # read_pajek gives the same layer back without merging anything
            src, dst, wts = net.layer(rel).edges()
            out += [f"{s + 1} {d + 1} {_fmt_weight(w)}" for s, d, w in zip(src, dst, wts)]
    else:
        table = net.meetings if two_mode == "meetings" else net.duties
        if table is None:
            raise InvalidNetworkError(f"the network has no {two_mode} to write as two-mode data")
        col = "meeting" if two_mode == "meetings" else "duty"
        events = list(dict.fromkeys(table[col]))
        n1 = len(ids)
        out.append(f"*Vertices {n1 + len(events)} {n1}")
        out += [f'{i + 1} "{a}"' for i, a in enumerate(ids)]
        out += [f'{n1 + j + 1} "{e}"' for j, e in enumerate(_writable_labels(events, "Pajek", col))]
        out.append("*Edges")
        pos = {a: i + 1 for i, a in enumerate(net.actor_ids)}
        epos = {e: n1 + j + 1 for j, e in enumerate(events)}
        out += [f"{pos[a]} {epos[e]}" for a, e in zip(table["actor"], table[col])]
    out.append("")
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


def read_pajek(path: str | os.PathLike[str], *, default_tier: str = "plural",
               default_relation: str = "tie", two_mode: str = "meetings",
               encoding: str | None = None, max_actors: int | None = None) -> Network:
    """Read a Pajek ``.net`` file.

    Supports ``*Vertices n`` (labels optional, then ids are the numbers),
    ``*Arcs`` / ``*Edges`` with weights, their multi-relational forms
    ``*Arcs :k "name"`` and lines prefixed ``k:``, ``*Arcslist`` /
    ``*Edgeslist`` and ``*Matrix``. A relation given both as arcs and edges
    becomes directed, each edge a pair of arcs. Relations without a name are
    called ``default_relation`` (or ``relation_k`` for ``:k``). Vertex
    coordinates and shapes are ignored; only the first network of a project
    file is read.

    Two-mode files (``*Vertices n n1``): vertices ``1..n1`` become actors and
    the others ``meetings`` (attendance) or ``duties`` (``two_mode=``), from
    the ties between the two sets. Pajek cannot hold tiers or kinds: every
    actor gets ``default_tier`` and kind ``actor``.

    Raises
    ------
    FileFormatError
        A line that cannot be parsed, a vertex number out of range, a bad
        weight; the message names the line.
    TooLargeError
        ``*Vertices`` declares more than ``max_actors`` (default 1,000,000).
    """
    p = _path(path)
    name = os.path.basename(p)
    text = _read_text(p, "Pajek file", encoding)
    n: int | None = None
    n1: int | None = None
    labels: dict[int, str] = {}
    ties: list[tuple[int, int, float, str, bool]] = []
    relation_names: dict[int, str] = {}
    section = None
    rel_key: int | None = None
    matrix_row = 0
    seen_network = False

    def vertex(tok: str, lineno: int) -> int:
        try:
            v = int(tok)
        except ValueError:
            raise FileFormatError(f"{name} line {lineno}: vertex {tok!r} is not a number") from None
        if n is None or not 1 <= v <= n:
            raise FileFormatError(f"{name} line {lineno}: vertex {v} is out of range 1..{n}")
        return v

    def rel_name(k: int | None) -> str:
        if k is None:
            return default_relation
        return relation_names.get(k, f"relation_{k}")

    def end_matrix(lineno: int) -> None:
        if section == "matrix" and matrix_row != n:
            raise FileFormatError(f"{name} line {lineno}: *Matrix has {matrix_row} rows, expected {n}")

    lineno = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            end_matrix(lineno)
            head = line.split()[0].lower()
            rest = line[len(line.split()[0]):].strip()
            if head in ("*network", "*vertices") and seen_network and head == "*network":
                break  # a second network of a project file
            if head == "*network":
                seen_network = True
                section = None
                continue
            if head == "*vertices":
                if n is not None:
                    break
                parts = rest.split()
                try:
                    n = int(parts[0])
                    n1 = int(parts[1]) if len(parts) > 1 else None
                except (ValueError, IndexError):
                    raise FileFormatError(f"{name} line {lineno}: bad *Vertices line {line!r}") from None
                _check_size(n, p, "*Vertices", max_actors)
                if n1 is not None and not 0 <= n1 <= n:
                    raise FileFormatError(f"{name} line {lineno}: two-mode split {n1} not in 0..{n}")
                section = "vertices"
                continue
            if head in ("*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix"):
                if n is None:
                    raise FileFormatError(f"{name} line {lineno}: {head} before *Vertices")
                section = head[1:]
                rel_key = None
                matrix_row = 0
                m = re.match(r':\s*(\d+)\s*(.*)$', rest)
                if m:
                    rel_key = int(m.group(1))
                    lab = _tokens(m.group(2))
                    if lab:
                        relation_names[rel_key] = lab[0]
                continue
            section = "skip"  # *Partition, *Vector, *Permutation...: not ours
            continue
        if section is None or section == "skip":
            if section is None:
                raise FileFormatError(f"{name} line {lineno}: data before any *Vertices/*Arcs/*Edges")
            continue
        toks = _tokens(line)
        if section == "vertices":
            v = vertex(toks[0], lineno)
            if len(toks) > 1:
                labels[v] = toks[1]
            continue
        key = rel_key
        if toks[0].endswith(":") and toks[0][:-1].isdigit():
            key = int(toks[0][:-1])
            toks = toks[1:]
        directed = section in ("arcs", "arcslist", "matrix")
        if section in ("arcs", "edges"):
            if len(toks) < 2:
                raise FileFormatError(f"{name} line {lineno}: expected 'from to [weight]', got {line!r}")
            w = _number(toks[2], p, lineno, "weight") if len(toks) > 2 else 1.0
            ties.append((vertex(toks[0], lineno), vertex(toks[1], lineno), w, rel_name(key), directed))
        elif section in ("arcslist", "edgeslist"):
            u = vertex(toks[0], lineno)
            for t in toks[1:]:
                ties.append((u, vertex(t, lineno), 1.0, rel_name(key), directed))
        else:  # matrix
            assert n is not None
            matrix_row += 1
            if matrix_row > n:
                raise FileFormatError(f"{name} line {lineno}: *Matrix has more than {n} rows")
            if len(toks) != n:
                raise FileFormatError(f"{name} line {lineno}: *Matrix row has {len(toks)} values, expected {n}")
            for j, t in enumerate(toks, start=1):
                w = _number(t, p, lineno)
                if w != 0:
                    ties.append((matrix_row, j, w, rel_name(key), True))
    end_matrix(lineno)
    if n is None:
        raise FileFormatError(f"{name}: no *Vertices line (not a Pajek network)")
    if n == 0:
        raise FileFormatError(f"{name}: *Vertices 0: the network has no actors")
    ids = [labels.get(v, str(v)) for v in range(1, n + 1)]
    if len(set(ids)) != n:
        dup = pd.Index(ids)[pd.Index(ids).duplicated()][0]
        raise FileFormatError(f"{name}: vertex label {dup!r} is used twice; labels are actor ids")
    # resolve relation names that were declared after use (":k" before its label)
    ties = [(u, v, w, relation_names.get(int(r[9:]), r) if r.startswith("relation_") and r[9:].isdigit()
             else r, d) for u, v, w, r, d in ties]
    if n1 is not None:
        col = "meeting" if two_mode == "meetings" else "duty"
        if two_mode not in ("meetings", "duties"):
            raise InvalidParameterError(f"two_mode must be 'meetings' or 'duties', got {two_mode!r}")
        actors = pd.DataFrame({"id": ids[:n1], "tier": default_tier})
        long = []
        for u, v, w, _, _ in ties:
            a, e = (u, v) if u <= n1 else (v, u)
            if a > n1 or e <= n1:
                raise FileFormatError(f"{name}: tie {u}-{v} does not join the two modes (split at {n1})")
            long.append({col: ids[e - 1], "actor": ids[a - 1], "weight": w})
        table = pd.DataFrame(long, columns=[col, "actor", "weight"])
        return _build(actors, None, None, default_tier=default_tier, path=p,
                      meetings=table if col == "meeting" else None,
                      duties=table if col == "duty" else None)
    directions: dict[str, bool] = {}
    for *_, r, d in ties:
        directions[r] = directions.get(r, False) or d
    rows = []
    for u, v, w, r, d in ties:
        rows.append((ids[u - 1], ids[v - 1], r, w))
        if directions[r] and not d and u != v:
            rows.append((ids[v - 1], ids[u - 1], r, w))
    tie_frame = pd.DataFrame(rows, columns=["source", "target", "relation", "weight"])
    return _build(pd.DataFrame({"id": ids}), tie_frame, directions, default_tier=default_tier,
                  path=p)


def write_pajek_posts(net: Network, path: str | os.PathLike[str], *, roles: Any = None,
                      at: Any = None) -> None:
    """Write the persons × organisations posts as a two-mode Pajek file (UTF-8):
    ``*Vertices N n1`` with the ``n1`` persons first (their ids as labels), then
    every actor, and one ``*Edges`` line per distinct (person, organisation)
    pair of the posts kept (``roles=``, ``at=``, as
    :func:`govnet.people.cross_appointment`). :func:`read_pajek` reads it back
    with the persons as actors and the organisations as ``meetings``."""
    pid, aid, pp, pa = posts_pairs(net, roles, at)
    n1 = len(pid)
    out = [f"*Vertices {n1 + len(aid)} {n1}"]
    out += [f'{i + 1} "{str(a).replace(chr(34), chr(39))}"' for i, a in enumerate(pid)]
    out += [f'{n1 + j + 1} "{str(a).replace(chr(34), chr(39))}"' for j, a in enumerate(aid)]
    out.append("*Edges")
    out += [f"{i + 1} {n1 + j + 1}" for i, j in zip(pp.tolist(), pa.tolist())]
    out.append("")
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
