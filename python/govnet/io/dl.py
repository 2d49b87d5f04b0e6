"""UCINET DL files (full matrix, edge list, node list)."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from govnet._runtime import dense_zeros
from govnet.errors import FileFormatError, GovnetWarning, InvalidParameterError, TooLargeError
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
from govnet.io.matrix import to_adjacency
from govnet.model.network import Network, warn_tables_not_written

_DL_SECTION = re.compile(
    r"(?im)(?<![\w])(row\s+labels|col(?:umn)?\s+labels|matrix\s+labels|labels)(\s+embedded)?"
    r"[ \t]*(?::|$)")


_DL_LABEL = re.compile(r'"([^"]*)"|([^\s,="]+)')


def _dl_labels(text: str) -> list[str]:
    return [a if a else b for a, b in _DL_LABEL.findall(text)]


def write_dl(net: Network, path: str | os.PathLike[str], *, format: str = "auto") -> None:
    """Write a UCINET DL file (UTF-8), every relation as one matrix (``nm``).

    ``format``: ``"fullmatrix"``, ``"edgelist1"`` or ``"auto"`` (full matrix up
    to 500 actors, else edge list). Labels are the actor ids, quoted; matrix
    labels the relation names. An undirected relation is written symmetric;
    a directed one as is. Tiers, kinds and display names are not written
    (DL has no place for them). Matrices of an edge list are separated by a
    line ``!``. Note UCINET itself may truncate long labels and upper-case them.
    """
    if format not in ("auto", "fullmatrix", "edgelist1"):
        raise InvalidParameterError(f"format must be 'auto', 'fullmatrix' or 'edgelist1', got {format!r}")
    warn_tables_not_written(net, "write_dl", "DL")
    n = len(net)
    if format == "auto":
        format = "fullmatrix" if n <= 500 else "edgelist1"
    rels = net.relations or []

    def q(label: Any) -> str:  # quote only where needed: igraph's DL reader takes no quotes
        text = _writable_labels([label], "DL", "label")[0]
        # quoted: separators, '=' (a header parameter), ':' (a section such as
        # 'data:' or 'labels:'), '!' (the matrix separator) and '#'
        return f'"{text}"' if not text or re.search(r'[\s,=:!#"]', text) else text

    # "dl n=.." and "format = .." on lines of their own, as UCINET writes them (igraph's
    # reader accepts no other layout); nm only when there are several matrices.
    out = [f"dl n={n}" + (f" nm={len(rels)}" if len(rels) > 1 else ""), f"format = {format}",
           "labels:", ",".join(q(a) for a in net.actor_ids)]
    if rels:
        out += ["matrix labels:", ",".join(q(r) for r in rels)]
    out.append("data:")
    mats = rels or [None]
    for k, rel in enumerate(mats):
        if format == "fullmatrix":
            m = dense_zeros(n, n, "DL full matrix")
            if rel is not None:
                with warnings.catch_warnings():  # the missing dyads were named above
                    warnings.simplefilter("ignore", GovnetWarning)
                    m = to_adjacency(net, relation=rel)[0]
            out += [" ".join(_fmt_weight(x) for x in row) for row in m]
        else:
            if k:
                out.append("!")
            if rel is not None:
                s, t, w = net.layer(rel).edges()
                sym = not net.relation_spec(rel).directed
                for a, b, x in zip(s, t, w):
                    out.append(f"{a + 1} {b + 1} {_fmt_weight(x)}")
                    if sym and a != b:
                        out.append(f"{b + 1} {a + 1} {_fmt_weight(x)}")
    out.append("")
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


#: Largest full matrix (values, all matrices together) read_dl tokenises.
MAX_DL_CELLS = 25_000_000


def read_dl(path: str | os.PathLike[str], *, default_tier: str = "plural",
            directed: bool | Mapping[str, bool] | None = None, two_mode: str = "meetings",
            encoding: str | None = None, max_actors: int | None = None) -> Network:
    """Read a UCINET DL file.

    Formats ``fullmatrix`` (default), ``edgelist1`` and ``nodelist1``; labels
    given in a ``labels:`` (or ``row labels:``/``column labels:``) section or
    ``labels embedded`` in the data; several matrices (``nm=``, named by
    ``matrix labels:``) become relation layers (in edge and node lists,
    matrices are separated by a line ``!``). Without labels, actors are
    numbered ``1..n``. Entries are separated by spaces or commas.

    Direction: DL matrices carry none, so a relation is undirected if its
    matrix is symmetric, directed otherwise — unless ``directed`` (a bool or
    a dict per relation) says so. Two-mode data (``nr=``, ``nc=``): rows are
    actors, columns become ``meetings`` or ``duties`` (``two_mode=``), the
    non-zero cells their incidence with a ``weight`` column. DL holds no
    tiers or kinds: every actor gets ``default_tier``.

    Raises
    ------
    TooLargeError
        The header declares more than ``max_actors`` (default 1,000,000) rows
        or columns; refused before anything is allocated.
    FileFormatError
        No ``dl`` keyword or ``data:`` line, too few or too many values, an
        unknown label or number; the message names the line.
    """
    p = _path(path)
    name = os.path.basename(p)
    text = _read_text(p, "DL file", encoding)
    # keywords are looked for outside quoted labels ("data:", "n=2" are labels there)
    masked = re.sub(r'"[^"\n]*"', lambda mm: '"' + "_" * (len(mm.group()) - 2) + '"', text)
    m = re.search(r"(?im)^[ \t]*data[ \t]*:", masked)
    if m is None:
        raise FileFormatError(f"{name}: no 'data:' line (not a UCINET DL file?)")
    header, body = text[:m.start()], text[m.end():]
    mheader = masked[:m.start()]
    data_line = text[:m.end()].count("\n") + 1
    if not re.match(r"(?is)\s*dl\b", header):
        raise FileFormatError(f"{name}: a DL file must start with the keyword DL")
    params = {k.lower(): v for k, v in re.findall(r"(?i)\b(n|nr|nc|nm|format|diagonal)\s*=\s*([^\s,]+)",
                                                   mheader)}

    def int_param(key: str) -> int | None:
        if key not in params:
            return None
        try:
            v = int(params[key])
        except ValueError:
            raise FileFormatError(f"{name}: {key}={params[key]!r} is not an integer") from None
        if key == "nm":
            if not 1 <= v <= 10_000:
                raise (TooLargeError if v > 10_000 else FileFormatError)(
                    f"{name}: nm={v} matrices is out of range 1..10000")
        else:
            _check_size(v, p, f"{key}=", max_actors)
        return v

    n, nr, nc, nm = int_param("n"), int_param("nr"), int_param("nc"), int_param("nm") or 1
    if params.get("diagonal", "present").lower() != "present":
        raise FileFormatError(f"{name}: diagonal={params['diagonal']} is not supported "
                              f"(write the full matrix with its diagonal)")
    fmt = params.get("format", "fullmatrix").lower()
    if fmt == "edgelist":
        fmt = "edgelist1"
    if fmt == "nodelist":
        fmt = "nodelist1"
    if fmt not in ("fullmatrix", "edgelist1", "nodelist1"):
        raise FileFormatError(f"{name}: format={fmt!r} is not supported "
                              f"(supported: fullmatrix, edgelist1, nodelist1)")
    two = nr is not None or nc is not None
    if two:
        if nr is None or nc is None:
            raise FileFormatError(f"{name}: give both nr= and nc= for two-mode data")
        if n is not None and (n != nr or n != nc):
            raise FileFormatError(f"{name}: n={n} contradicts nr={nr}, nc={nc}")
    else:
        if n is None:
            raise FileFormatError(f"{name}: the header gives no n= (number of actors)")
        nr = nc = n
    assert nr is not None and nc is not None
    if fmt == "fullmatrix":
        # a full matrix is n x n values of at least two characters each (with the
        # separator): a size check before tokenising anything
        cells = nr * nc * nm
        if cells > MAX_DL_CELLS:
            raise TooLargeError(
                f"{name}: format=fullmatrix declares {nm} matrix(es) of {nr:,} x {nc:,} = "
                f"{cells:,} values, more than the limit of {MAX_DL_CELLS:,}; write large "
                f"networks as edgelist1")
        if 2 * cells - 1 > len(body):
            raise FileFormatError(
                f"{name}: format=fullmatrix declares {cells:,} values, but the data after "
                f"line {data_line} has only {len(body):,} characters (data ends early)")
    embedded = re.search(r"(?i)labels\s+embedded", mheader) is not None
    sections: dict[str, list[str]] = {}
    hits = [(mm.start(), mm.end(), mm.group(1).lower(), mm.group(2))
            for mm in _DL_SECTION.finditer(mheader)]
    for i, (_, end, kind, emb) in enumerate(hits):
        kind = re.sub(r"\s+", " ", kind).replace("col labels", "column labels")
        if emb:
            continue
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(header)
        chunk, mchunk = header[end:stop], mheader[end:stop]
        for mm in reversed(list(re.finditer(r"(?i)\b(n|nr|nc|nm|format|diagonal)\s*=\s*[^\s,]+",
                                            mchunk))):
            chunk = chunk[:mm.start()] + " " * (mm.end() - mm.start()) + chunk[mm.end():]
        sections[kind] = _dl_labels(chunk)
    row_labels = sections.get("row labels") or sections.get("labels")
    col_labels = sections.get("column labels") or (sections.get("labels") if not two else None)
    if not two and row_labels is None:
        row_labels = col_labels
    for lab, count, what in ((row_labels, nr, "row labels"), (col_labels, nc, "column labels")):
        if lab is not None and len(lab) != count:
            raise FileFormatError(f"{name}: {len(lab)} {what} for {count} rows/columns")
    mat_labels = sections.get("matrix labels")
    if mat_labels is not None and len(mat_labels) != nm:
        raise FileFormatError(f"{name}: {len(mat_labels)} matrix labels for nm={nm}")
    rel_names = mat_labels or (["tie"] if nm == 1 else [f"relation_{k + 1}" for k in range(nm)])
    if len(set(rel_names)) != len(rel_names):
        raise FileFormatError(f"{name}: matrix labels repeat a name: {rel_names}")

    # Cells (row index, col index, value, matrix) from the data.
    rows_idx: list[int] = []
    cols_idx: list[int] = []
    vals: list[float] = []
    mats: list[int] = []
    lines = body.splitlines()
    if embedded and row_labels is None:
        row_labels = []
        col_labels = [] if two else row_labels

    def lookup(tok: str, labels: list[str] | None, count: int, lineno: int, what: str) -> int:
        if embedded:
            assert labels is not None
            try:
                return labels.index(tok)
            except ValueError:
                if not two or fmt != "fullmatrix":
                    if len(labels) >= count:
                        raise FileFormatError(
                            f"{name} line {lineno}: {what} label {tok!r} would exceed "
                            f"the {count} declared") from None
                    labels.append(tok)
                    return len(labels) - 1
                raise FileFormatError(f"{name} line {lineno}: unknown {what} label {tok!r}") from None
        if labels is not None and not re.fullmatch(r"[+-]?\d+", tok):
            try:
                return labels.index(tok)
            except ValueError:
                raise FileFormatError(f"{name} line {lineno}: unknown {what} label {tok!r}") from None
        try:
            v = int(tok)
        except ValueError:
            raise FileFormatError(f"{name} line {lineno}: {what} {tok!r} is not a number "
                                  f"(labels embedded not declared)") from None
        if not 1 <= v <= count:
            raise FileFormatError(f"{name} line {lineno}: {what} {v} is out of range 1..{count}")
        return v - 1

    if fmt == "fullmatrix":
        # Tokens with their line numbers; matrices follow one another.
        toks: list[tuple[str, int]] = []
        for off, line in enumerate(lines):
            for t in _dl_labels(line) if embedded else re.split(r"[\s,]+", line.strip()):
                if t and t != "!":
                    toks.append((t, data_line + off))
        pos = 0
        for k in range(nm):
            if embedded:
                if k == 0 or [t for t, _ in toks[pos:pos + nc]] == col_labels:
                    if pos + nc > len(toks):
                        raise FileFormatError(f"{name}: data ends inside the column labels")
                    head = [t for t, _ in toks[pos:pos + nc]]
                    if k == 0:
                        if col_labels is not None and col_labels != [] and head != col_labels:
                            raise FileFormatError(f"{name}: embedded column labels differ from the header's")
                        if two:
                            col_labels = head
                        else:
                            row_labels[:] = head
                            col_labels = row_labels
                    pos += nc
            for i in range(nr):
                if embedded:
                    if pos >= len(toks):
                        raise FileFormatError(f"{name}: data ends in matrix {k + 1} row {i + 1} "
                                              f"(expected {nr} rows of {nc} values)")
                    lab, ln = toks[pos]
                    assert col_labels is not None
                    expect = (row_labels[i] if (not two or row_labels) and i < len(row_labels)
                              else None)
                    if two and len(row_labels) <= i:
                        row_labels.append(lab)
                    elif expect is not None and lab != expect:
                        raise FileFormatError(f"{name} line {ln}: row label {lab!r}, expected {expect!r}")
                    pos += 1
                if pos + nc > len(toks):
                    ln = toks[-1][1] if toks else data_line
                    raise FileFormatError(
                        f"{name} line {ln}: data ends early: matrix {k + 1} row {i + 1} needs "
                        f"{nc} values; expected {nr * nc * nm} values in all")
                for j in range(nc):
                    t, ln = toks[pos + j]
                    x = _number(t, p, ln)
                    if x != 0:
                        rows_idx.append(i)
                        cols_idx.append(j)
                        vals.append(x)
                        mats.append(k)
                pos += nc
        if pos != len(toks):
            raise FileFormatError(f"{name} line {toks[pos][1]}: {len(toks) - pos} values more than "
                                  f"the {nm} matrix(es) of {nr}x{nc} declared")
    else:
        k = 0
        for off, line in enumerate(lines):
            ln = data_line + off
            parts = [t for t in (_dl_labels(line) if embedded else re.split(r"[\s,]+", line.strip()))
                     if t]
            if not parts:
                continue
            if parts == ["!"]:
                k += 1
                if k >= nm:
                    raise FileFormatError(f"{name} line {ln}: more than nm={nm} matrices")
                continue
            i = lookup(parts[0], row_labels, nr, ln, "row")
            if fmt == "edgelist1":
                if len(parts) == 1:
                    continue  # an isolate, named only
                if len(parts) > 3:
                    raise FileFormatError(f"{name} line {ln}: expected 'row col [value]', got {line.strip()!r}")
                j = lookup(parts[1], col_labels, nc, ln, "column")
                x = _number(parts[2], p, ln) if len(parts) == 3 else 1.0
                if x != 0:
                    rows_idx.append(i)
                    cols_idx.append(j)
                    vals.append(x)
                    mats.append(k)
            else:
                for t in parts[1:]:
                    rows_idx.append(i)
                    cols_idx.append(lookup(t, col_labels, nc, ln, "column"))
                    vals.append(1.0)
                    mats.append(k)
    if embedded and len(row_labels) < nr:
        row_labels += [f"#{i + 1}" for i in range(len(row_labels), nr)]  # never named in the data
    if nr == 0:
        raise FileFormatError(f"{name}: the header declares no actors")
    rids = row_labels or [str(i + 1) for i in range(nr)]
    if any(v < 0 for v in vals):
        raise FileFormatError(f"{name}: negative values are not valid tie weights")
    if len(set(rids)) != len(rids):
        raise FileFormatError(f"{name}: a label is used twice; labels are actor ids")
    if two:
        cids = col_labels or [str(j + 1) for j in range(nc)]
        col = "meeting" if two_mode == "meetings" else "duty"
        table = pd.DataFrame({col: [cids[j] for j in cols_idx], "actor": [rids[i] for i in rows_idx],
                              "weight": vals})
        if nm > 1:
            table["matrix"] = [rel_names[k] for k in mats]
        actors = pd.DataFrame({"id": rids, "tier": default_tier})
        return _build(actors, None, None, default_tier=default_tier, path=p,
                      meetings=table if col == "meeting" else None,
                      duties=table if col == "duty" else None)
    rows_a = np.asarray(rows_idx, dtype=np.int64)
    cols_a = np.asarray(cols_idx, dtype=np.int64)
    vals_a = np.asarray(vals, dtype=float)
    mats_a = np.asarray(mats, dtype=np.int64)
    dirs: dict[str, bool] = {}
    keep = np.ones(len(vals_a), dtype=bool)
    for k, rel in enumerate(rel_names):
        sel = np.flatnonzero(mats_a == k)
        if isinstance(directed, Mapping):
            d = directed.get(rel)
        else:
            d = directed
        pairs = {(int(rows_a[s]), int(cols_a[s])): float(vals_a[s]) for s in sel}
        if d is None:
            d = any(pairs.get((b, a)) != w for (a, b), w in pairs.items())
        dirs[rel] = bool(d)
        if not d:
            keep[sel[rows_a[sel] > cols_a[sel]]] = False  # symmetric: keep the upper triangle
            if any(pairs.get((b, a), w) != w for (a, b), w in pairs.items()):
                raise FileFormatError(f"{name}: matrix {rel!r} is not symmetric but directed=False")
    ties = pd.DataFrame({"source": [rids[i] for i in rows_a[keep]],
                         "target": [rids[j] for j in cols_a[keep]],
                         "relation": [rel_names[k] for k in mats_a[keep]], "weight": vals_a[keep]})
    # relations without any tie still appear (as empty layers cannot exist, they are dropped)
    dirs = {r: d for r, d in dirs.items() if r in set(ties["relation"])}
    return _build(pd.DataFrame({"id": rids}), ties, dirs, default_tier=default_tier, path=p)


def write_dl_posts(net: Network, path: str | os.PathLike[str], *, format: str = "auto",
                   roles: Any = None, at: Any = None) -> None:
    """Write the persons × organisations posts as two-mode UCINET DL (UTF-8):
    ``dl nr=<persons> nc=<actors>``, row labels the person ids, column labels
    the actor ids, a 1 per distinct (person, organisation) pair of the posts
    kept (``roles=``, ``at=``). ``format``: ``"fullmatrix"``, ``"edgelist1"`` or
    ``"auto"`` (full matrix up to 500 × 500). :func:`read_dl` reads it back with
    the persons as actors and the organisations as ``meetings``."""
    if format not in ("auto", "fullmatrix", "edgelist1"):
        raise InvalidParameterError(f"format must be 'auto', 'fullmatrix' or 'edgelist1', got {format!r}")
    pid, aid, pp, pa = posts_pairs(net, roles, at)
    if format == "auto":
        format = "fullmatrix" if len(pid) <= 500 and len(aid) <= 500 else "edgelist1"

    def q(label: Any) -> str:
        text = str(label).replace('"', "'")
        return f'"{text}"' if not text or re.search(r'[\s,="]', text) else text

    out = [f"dl nr={len(pid)} nc={len(aid)}", f"format = {format}",
           "row labels:", ",".join(q(a) for a in pid),
           "column labels:", ",".join(q(a) for a in aid), "data:"]
    if format == "fullmatrix":
        m = dense_zeros(len(pid), len(aid), "DL full matrix")
        m[pp, pa] = 1.0
        out += [" ".join(_fmt_weight(x) for x in row) for row in m]
    else:
        out += [f"{i + 1} {j + 1} 1" for i, j in zip(pp.tolist(), pa.tolist())]
    out.append("")
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
