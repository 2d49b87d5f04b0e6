"""The governance network: typed actors, relation layers, duties and meetings.

A :class:`Network` holds

* ``actors`` — a DataFrame indexed by actor id with ``name`` (Chinese welcome),
  ``name_en``, ``tier`` (core 一核 / support “3” / plural “N” / external) and
  ``kind`` (open vocabulary, see :mod:`govnet.vocab`), plus any other columns;
* relation layers — named, each directed or not, weighted; each is an
  immutable C++ CSR graph over the same actors, built on first use;
* ``duties`` — a long table (actor, duty, category, role) of the duty list
  (职责清单), validated;
* ``meetings`` — a long table (meeting, actor) of meeting and platform
  attendance, validated.

Networks are immutable: methods that change something return a new network.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from .errors import (
    ActorNotFoundError,
    EmptyNetworkError,
    FileFormatError,
    InvalidNetworkError,
    RelationNotFoundError,
    TooLargeError,
)
from .vocab import KINDS, RELATIONS, TIERS, normalize_tier

__all__ = ["Network", "RelationSpec", "read_table"]

_DUP_POLICIES = ("sum", "max", "raise")
_LOOP_POLICIES = ("drop", "keep", "raise")
_ROLES = ("lead", "assist")
_ROLE_ALIASES = {"lead": "lead", "牵头": "lead", "主责": "lead", "assist": "assist", "协助": "assist",
                 "配合": "assist"}


@dataclass(frozen=True)
class RelationSpec:
    """A relation layer's name, direction and labels."""

    name: str
    directed: bool
    label_zh: str = ""
    label_en: str = ""


# ---------------------------------------------------------------------------
# Reading tables (CSV with encodings, Excel) and locating bad rows


def read_table(source: Any, *, what: str = "table", encoding: str | None = None,
               sheet_name: str | int | None = None) -> pd.DataFrame:
    """Read a CSV or Excel file (or pass a DataFrame through) with clear errors.

    CSV files may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (Excel's
    export on Chinese Windows); the encoding is detected unless given. Every
    column is read as text so that ids such as ``007`` keep their zeros.

    Raises
    ------
    FileFormatError
        The file cannot be decoded or parsed; the message names the file and,
        where known, the line.
    """
    if isinstance(source, pd.DataFrame):
        return source
    path = os.fspath(source)
    if not os.path.exists(path):
        raise FileFormatError(f"{what}: no such file: {path}")
    if path.lower().endswith((".xlsx", ".xlsm", ".xls")):
        try:
            frame = pd.read_excel(path, sheet_name=0 if sheet_name is None else sheet_name,
                                  dtype=str)
        except ImportError as exc:  # openpyxl missing
            raise FileFormatError(f"{what}: reading Excel needs openpyxl "
                                  f"(pip install openpyxl): {exc}") from exc
        except Exception as exc:
            raise FileFormatError(f"{what}: cannot read Excel file {path}: {exc}") from exc
        frame.attrs["govnet_file"] = path
        frame.attrs["govnet_header_lines"] = 1
        return frame
    with open(path, "rb") as fh:
        raw = fh.read()
    text = _decode(raw, path, what, encoding)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skipinitialspace=True)
    except pd.errors.EmptyDataError as exc:
        raise FileFormatError(f"{what}: file {path} is empty (no header row)") from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileFormatError(f"{what}: malformed CSV in {path}: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.attrs["govnet_file"] = path
    frame.attrs["govnet_header_lines"] = 1
    return frame


def _decode(raw: bytes, path: str, what: str, encoding: str | None) -> str:
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise FileFormatError(
                f"{what}: {path} is not valid {encoding} at byte {exc.start} (line {line})") from exc
        except LookupError as exc:
            raise FileFormatError(f"{what}: unknown encoding {encoding!r}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[:utf8_error.start].count(b"\n") + 1
            raise FileFormatError(
                f"{what}: {path} is neither UTF-8 nor GB18030: undecodable byte "
                f"0x{raw[utf8_error.start]:02x} at offset {utf8_error.start} (line {line}); "
                f"pass encoding=... if you know it") from None


def _where(frame: pd.DataFrame, what: str, pos: int) -> str:
    """'ties row 7' (0-based data row), plus the file line for files."""
    label = frame.index[pos]
    text = f"{what} row {pos}"
    if not (isinstance(frame.index, pd.RangeIndex) and label == pos):
        text += f" (index {label!r})"
    path = frame.attrs.get("govnet_file")
    if path:
        text += f" ({os.path.basename(path)} line {pos + 1 + frame.attrs.get('govnet_header_lines', 1)})"
    return text


def _require_columns(frame: pd.DataFrame, what: str, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidNetworkError(
            f"{what}: missing column(s) {', '.join(map(repr, missing))}; "
            f"columns present: {', '.join(map(repr, map(str, frame.columns)))}")


def _clean_ids(values: pd.Series, frame: pd.DataFrame, what: str, column: str) -> np.ndarray:
    """Ids as stripped strings; raises on missing or empty ones, naming the row."""
    arr = values.to_numpy(dtype=object)
    missing = pd.isna(values).to_numpy()
    if missing.any():
        pos = int(np.flatnonzero(missing)[0])
        raise InvalidNetworkError(f"{_where(frame, what, pos)}: {column} is missing")
    out = np.array([_id_str(v) for v in arr], dtype=object)
    empty = out == ""
    if empty.any():
        pos = int(np.flatnonzero(empty)[0])
        raise InvalidNetworkError(f"{_where(frame, what, pos)}: {column} is empty")
    return out


def _id_str(v: Any) -> str:
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        v = int(v)  # 3.0 -> "3": ids read as floats by pandas
    return str(v).strip()


def _check_weights(values: Any, frame: pd.DataFrame, what: str, column: str) -> np.ndarray:
    num = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(num) | (num < 0)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raw = pd.Series(values).iloc[pos]
        raw = raw.item() if isinstance(raw, np.generic) else raw
        reason = ("is negative" if np.isfinite(num[pos]) else
                  "is not a finite number")
        raise InvalidNetworkError(f"{_where(frame, what, pos)}: {column} {raw!r} {reason}")
    return num


# ---------------------------------------------------------------------------


class Network:
    """A community governance network (actors, relation layers, duties, meetings).

    Build one with :meth:`from_frames`, :meth:`from_csv`, :meth:`from_networkx`
    or :meth:`from_arrays`; the constructor is internal.

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> actors = pd.DataFrame({"id": ["pc", "rc", "so"], "tier": ["core", "support", "plural"],
    ...                        "kind": ["party_committee", "residents_committee",
    ...                                 "social_organization"]})
    >>> ties = pd.DataFrame({"source": ["pc", "pc"], "target": ["rc", "so"],
    ...                      "relation": "leadership"})
    >>> net = govnet.Network.from_frames(actors, ties)
    >>> len(net), net.relations
    (3, ['leadership'])
    """

    __slots__ = ("_actors", "_codes", "_ties", "_relations", "_duties", "_meetings", "meta",
                 "_graphs", "_options", "_lock")

    def __init__(self, actors: pd.DataFrame, ties: pd.DataFrame,
                 relations: Mapping[str, RelationSpec], *, duties: pd.DataFrame | None = None,
                 meetings: pd.DataFrame | None = None, meta: Mapping[str, Any] | None = None,
                 options: Mapping[str, str] | None = None) -> None:
        self._actors = actors
        self._codes = pd.Index(actors.index)
        self._ties = ties
        self._relations = dict(relations)
        self._duties = duties
        self._meetings = meetings
        self.meta: dict[str, Any] = dict(meta or {})
        self._options = dict(options or {"duplicates": "sum", "self_loops": "drop"})
        self._graphs: dict[Any, Any] = {}
        # Guards the lazy layer cache: threads asking for the same layer at
        # once share one build (the build itself releases the GIL).
        self._lock = threading.RLock()

    # -- construction -----------------------------------------------------

    @classmethod
    def from_frames(
        cls,
        actors: pd.DataFrame,
        ties: pd.DataFrame | None = None,
        duties: pd.DataFrame | None = None,
        *,
        meetings: pd.DataFrame | None = None,
        id_col: str = "id",
        name_col: str = "name",
        tier_col: str = "tier",
        kind_col: str = "kind",
        source_col: str = "source",
        target_col: str = "target",
        relation_col: str = "relation",
        weight_col: str = "weight",
        directed: bool | Mapping[str, bool] | None = None,
        default_relation: str = "tie",
        duplicates: str = "sum",
        self_loops: str = "drop",
        meta: Mapping[str, Any] | None = None,
    ) -> Network:
        """Build a network from pandas DataFrames.

        Parameters
        ----------
        actors : DataFrame
            One row per actor. ``id_col`` (unique, non-empty) and ``tier_col``
            (core / support / plural / external, or 一核 / 支撑 / 多元 / 外部) are
            required; ``kind_col`` (default ``"actor"``), ``name_col`` (default:
            the id) and ``name_en`` are optional; other columns are kept.
        ties : DataFrame, optional
            One row per tie: ``source_col``, ``target_col``, optional
            ``relation_col`` (default ``default_relation``) and ``weight_col``
            (default 1; finite and >= 0). Other columns are kept per tie.
        duties : DataFrame, optional
            Duty list, long form: ``actor``, ``duty`` and optional ``category``,
            ``role`` (lead / assist, default lead), ``label`` columns.
        meetings : DataFrame, optional
            Attendance, long form: ``meeting``, ``actor`` and optional ``kind``,
            ``frequency`` columns.
        directed : bool or dict, optional
            Direction of every relation, or per relation name. Default: the
            built-in relation's direction (leadership directed, deliberation
            undirected, ... see :data:`govnet.vocab.RELATIONS`), undirected for
            other names.
        duplicates : {"sum", "max", "raise"}
            Repeated ties of one relation: sum weights (default), keep the
            largest, or raise. In an undirected relation a-b and b-a are the
            same tie.
        self_loops : {"drop", "keep", "raise"}
            Ties from an actor to itself.

        Raises
        ------
        InvalidNetworkError
            Duplicate, missing or empty actor ids; unknown tier; a tie to an
            unknown actor; a bad weight; a bad duty or meeting row. The message
            names the row and value.
        """
        if duplicates not in _DUP_POLICIES:
            raise InvalidNetworkError(f"duplicates must be one of {_DUP_POLICIES}, got {duplicates!r}")
        if self_loops not in _LOOP_POLICIES:
            raise InvalidNetworkError(f"self_loops must be one of {_LOOP_POLICIES}, got {self_loops!r}")
        actor_frame = _validate_actors(actors, id_col, name_col, tier_col, kind_col)
        codes = pd.Index(actor_frame.index)
        tie_frame, relations = _validate_ties(
            ties, codes, source_col, target_col, relation_col, weight_col, directed,
            default_relation, self_loops)
        net = cls(actor_frame, tie_frame, relations, meta=meta,
                  options={"duplicates": duplicates, "self_loops": self_loops})
        if duplicates == "raise":
            for rel in relations:
                net._graph(rel)  # raises on a duplicate now, not at first use
        if duties is not None:
            net._duties = _validate_duties(duties, codes)
        if meetings is not None:
            net._meetings = _validate_meetings(meetings, codes)
        return net

    @classmethod
    def from_csv(cls, actors: str | os.PathLike[str], ties: str | os.PathLike[str] | None = None,
                 duties: str | os.PathLike[str] | None = None, *,
                 meetings: str | os.PathLike[str] | None = None, encoding: str | None = None,
                 **kwargs: Any) -> Network:
        """Build a network from CSV (or Excel) files; see :meth:`from_frames`.

        Files may be UTF-8, UTF-8 with BOM or GB18030 (detected), or Excel
        ``.xlsx``. Errors name the file and line.
        """
        a = read_table(actors, what="actors", encoding=encoding)
        t = read_table(ties, what="ties", encoding=encoding) if ties is not None else None
        d = read_table(duties, what="duties", encoding=encoding) if duties is not None else None
        m = (read_table(meetings, what="meetings", encoding=encoding)
             if meetings is not None else None)
        return cls.from_frames(a, t, d, meetings=m, **kwargs)

    @classmethod
    def from_arrays(cls, sources: Any, targets: Any, weights: Any = None, *,
                    actors: Sequence[Any] | int | None = None, tiers: Any = None,
                    relation: str = "tie", directed: bool = False,
                    duplicates: str = "sum", self_loops: str = "drop") -> Network:
        """Build a one-layer network from integer arrays (no Python object per tie).

        ``sources`` and ``targets`` are integer positions ``0 .. n-1`` into
        ``actors`` (ids, or a count: ids then ``0 .. n-1``); ``tiers`` is an
        optional array of tier names (default: all ``"plural"``).
        """
        src = np.asarray(sources)
        dst = np.asarray(targets)
        if src.shape != dst.shape or src.ndim != 1:
            raise InvalidNetworkError(
                f"sources and targets must be 1-d arrays of equal length, got shapes "
                f"{src.shape} and {dst.shape}")
        if src.size and not (np.issubdtype(src.dtype, np.integer) and np.issubdtype(dst.dtype, np.integer)):
            raise InvalidNetworkError("sources and targets must be integer arrays (actor positions)")
        if actors is None:
            n = int(max(src.max(initial=-1), dst.max(initial=-1)) + 1)
            _check_size("from_arrays: actors", n, _BYTES_PER_ACTOR)
            ids: Any = pd.RangeIndex(n).astype(str)
        elif isinstance(actors, (int, np.integer)):
            n = int(actors)
            if n < 0:
                raise InvalidNetworkError(f"actors must be a non-negative count, got {n}")
            _check_size("from_arrays: actors", n, _BYTES_PER_ACTOR)
            ids = pd.RangeIndex(n).astype(str)
        else:
            ids = pd.Index([_id_str(a) for a in actors])
            n = len(ids)
        if n > np.iinfo(np.int32).max:
            raise InvalidNetworkError(f"at most 2^31-1 actors are supported, got {n}")
        for name, arr in (("sources", src), ("targets", dst)):
            bad = (arr < 0) | (arr >= n)
            if bad.any():
                pos = int(np.flatnonzero(bad)[0])
                raise InvalidNetworkError(
                    f"{name}[{pos}] = {arr[pos]} is not an actor position in [0, {n})")
        if actors is not None and not isinstance(actors, (int, np.integer)):
            frame = pd.DataFrame({"id": ids, "tier": "plural" if tiers is None else np.asarray(tiers)})
            actor_frame = _validate_actors(frame, "id", "name", "tier", "kind")
        else:
            # Generated ids are unique and non-empty: skip the per-row checks.
            actor_frame = pd.DataFrame(index=pd.Index(ids, name="id"))
            actor_frame["name"] = actor_frame.index.to_numpy()
            if tiers is None:
                actor_frame["tier"] = pd.Categorical.from_codes(
                    np.full(n, 2, dtype=np.int8), categories=list(TIERS))
            else:
                frame = pd.DataFrame({"id": ids, "tier": np.asarray(tiers)})
                actor_frame["tier"] = _tier_categorical(frame, "tier", ids)
            actor_frame["kind"] = "actor"
        w = None if weights is None else _check_weights(
            np.asarray(weights, dtype=float), pd.DataFrame(index=pd.RangeIndex(src.size)),
            "ties", "weight")
        if w is not None and w.shape != src.shape:
            raise InvalidNetworkError("weights must have the same length as sources")
        ties = pd.DataFrame({
            "src": src.astype(np.int32, copy=False),
            "dst": dst.astype(np.int32, copy=False),
            "relation": pd.Categorical.from_codes(np.zeros(src.size, dtype=np.int8), [relation]),
            "weight": np.ones(src.size) if w is None else w,
        })
        spec = _relation_spec(relation, directed)
        return cls(actor_frame, ties, {relation: spec},
                   options={"duplicates": duplicates, "self_loops": self_loops})

    @classmethod
    def from_networkx(cls, graph: Any, *, tier: str = "tier", kind: str = "kind", name: str = "name",
                      relation: str = "relation", weight: str = "weight",
                      default_tier: str | None = None, default_relation: str = "tie") -> Network:
        """Build a network from a networkx graph (Graph, DiGraph, Multi*).

        Node attributes ``tier``, ``kind``, ``name`` (names configurable) become
        actor columns; other node attributes are kept. Edge attribute
        ``relation`` names the layer (``default_relation`` if absent) and
        ``weight`` the weight. Direction comes from the graph, or per relation
        from ``graph.graph["govnet_relations"]`` written by :meth:`to_networkx`.
        ``default_tier`` fills nodes without a tier (otherwise that is an error).
        """
        rows = []
        for node, data in graph.nodes(data=True):
            row = {k: v for k, v in data.items()}
            row["id"] = node
            if tier not in row:
                if default_tier is None:
                    raise InvalidNetworkError(
                        f"networkx node {node!r} has no {tier!r} attribute; "
                        f"pass default_tier='plural' (or another tier) to fill it")
                row[tier] = default_tier
            rows.append(row)
        if not rows:
            raise EmptyNetworkError("the networkx graph has no nodes")
        actors = pd.DataFrame(rows)
        edge_rows = []
        multi = graph.is_multigraph()
        edges = graph.edges(keys=True, data=True) if multi else graph.edges(data=True)
        for e in edges:
            u, v, data = (e[0], e[1], e[3]) if multi else e
            edge_rows.append({**{k: val for k, val in data.items() if k not in (relation, weight)},
                              "source": u, "target": v,
                              "relation": data.get(relation, default_relation),
                              "weight": data.get(weight, 1.0)})
        ties = pd.DataFrame(edge_rows, columns=None if edge_rows else
                            ["source", "target", "relation", "weight"])
        stored = graph.graph.get("govnet_relations")
        directed: Any = dict(stored) if isinstance(stored, Mapping) else graph.is_directed()
        net = cls.from_frames(actors, ties, tier_col=tier, kind_col=kind, name_col=name,
                              directed=directed)
        return net

    # -- views ------------------------------------------------------------

    @property
    def actors(self) -> pd.DataFrame:
        """Actors, indexed by id: name, name_en, tier, kind, and any attributes (a copy)."""
        return self._actors.copy()

    @property
    def actor_ids(self) -> pd.Index:
        """Actor ids in their internal order (the index of every per-actor result)."""
        return self._codes

    @property
    def relations(self) -> list[str]:
        """Relation layer names, in order of first appearance."""
        return list(self._relations)

    def relation_spec(self, relation: str) -> RelationSpec:
        """Direction and labels of one relation."""
        self._check_relation(relation)
        return self._relations[relation]

    @property
    def duties(self) -> pd.DataFrame | None:
        """The duty list (actor, duty, category, role, ...), or None."""
        return None if self._duties is None else self._duties.copy()

    @property
    def meetings(self) -> pd.DataFrame | None:
        """Meeting and platform attendance (meeting, actor, kind, ...), or None."""
        return None if self._meetings is None else self._meetings.copy()

    def __len__(self) -> int:
        return len(self._codes)

    def num_ties(self, relation: Any = None) -> int:
        """Number of distinct ties in a layer or the aggregate (after duplicate merging)."""
        return int(self.layer(relation).num_edges)

    def ties(self, relation: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Tie rows as given (source, target, relation, weight and extra columns).

        ``relation`` restricts to one relation name or a list of them.
        """
        t = self._ties
        if relation is not None:
            names = [relation] if isinstance(relation, str) else list(relation)
            for r in names:
                self._check_relation(r)
            t = t[t["relation"].isin(names)]
        out = t.drop(columns=["src", "dst"]).copy()
        out.insert(0, "source", self._codes[t["src"].to_numpy()].to_numpy())
        out.insert(1, "target", self._codes[t["dst"].to_numpy()].to_numpy())
        out["relation"] = out["relation"].astype(str)
        return out.reset_index(drop=True)

    def tier_of(self, tier: str) -> list[str]:
        """Ids of the actors of one tier."""
        t = normalize_tier(tier)
        if t is None:
            raise InvalidNetworkError(f"unknown tier {tier!r}; expected one of {list(TIERS)}")
        return list(self._actors.index[self._actors["tier"] == t])

    def position(self, actor: Any) -> int:
        """Internal position of an actor id; ActorNotFoundError if absent."""
        key = _id_str(actor)
        pos = self._codes.get_indexer([key])[0]
        if pos < 0:
            raise ActorNotFoundError(f"actor {key!r} is not in the network")
        return int(pos)

    def positions(self, actors: Iterable[Any]) -> np.ndarray:
        """Internal positions of several actor ids."""
        return np.array([self.position(a) for a in actors], dtype=np.int64)

    # -- layers -----------------------------------------------------------

    def _check_relation(self, relation: str) -> None:
        if relation not in self._relations:
            raise RelationNotFoundError(
                f"no relation {relation!r} in this network; relations: {self.relations}")

    def _graph(self, relation: str) -> Any:
        key = ("layer", relation)
        g = self._graphs.get(key)
        if g is not None:
            return g
        with self._lock:
            g = self._graphs.get(key)
            if g is not None:
                return g
            self._check_relation(relation)
            t = self._ties
            mask = (t["relation"] == relation).to_numpy()
            g = _core.CsrGraph.build(
                len(self), t["src"].to_numpy()[mask], t["dst"].to_numpy()[mask],
                t["weight"].to_numpy()[mask], directed=self._relations[relation].directed,
                duplicates=self._options["duplicates"], self_loops=self._options["self_loops"])
            self._graphs[key] = g
            return g

    def layer(self, relation: str | Sequence[str] | None = None, *, mode: str = "sum") -> Any:
        """The C++ graph of one relation, or the aggregate of several.

        Parameters
        ----------
        relation : str, list of str, or None
            One layer name; a list of names to aggregate; None for all layers.
        mode : {"sum", "any"}
            Aggregation: weights summed, or 1 for any tie. The aggregate is
            directed if any chosen layer is (undirected ties then count both
            ways).
        """
        if mode not in ("sum", "any"):
            raise InvalidNetworkError(f"mode must be 'sum' or 'any', got {mode!r}")
        if isinstance(relation, str):
            g = self._graph(relation)
            if mode == "any" and g.weighted:
                key = ("aggregate", (relation,), mode)
                with self._lock:
                    if key not in self._graphs:
                        self._graphs[key] = _core.aggregate([g], "any")
                    return self._graphs[key]
            return g
        names = self.relations if relation is None else list(relation)
        if not names:
            if relation is None:
                key = ("empty",)
                with self._lock:
                    if key not in self._graphs:
                        self._graphs[key] = _core.CsrGraph.build(
                            len(self), np.zeros(0, np.int32), np.zeros(0, np.int32))
                    return self._graphs[key]
            raise InvalidNetworkError("relation list is empty")
        if len(names) == 1:
            return self.layer(names[0], mode=mode)
        key = ("aggregate", tuple(names), mode)
        g = self._graphs.get(key)
        if g is None:
            with self._lock:
                g = self._graphs.get(key)
                if g is None:
                    g = _core.aggregate([self._graph(r) for r in names], mode)
                    self._graphs[key] = g
        return g

    # -- conversion -------------------------------------------------------

    def to_frames(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
        """(actors, ties, duties) as DataFrames that :meth:`from_frames` reads back."""
        actors = self._actors.reset_index().rename(columns={"index": "id"})
        actors["tier"] = actors["tier"].astype(str)
        ties = self.ties()
        ties["directed"] = ties["relation"].map({k: v.directed for k, v in self._relations.items()})
        return actors, ties, self.duties

    def to_networkx(self) -> Any:
        """A networkx ``MultiDiGraph`` (or ``MultiGraph`` if no layer is directed).

        Each tie is one edge keyed by its relation, with ``relation`` and
        ``weight`` attributes (duplicates merged as the layer does). Actor
        columns become node attributes. ``graph["govnet_relations"]`` keeps
        each relation's direction so :meth:`from_networkx` restores it;
        undirected ties in a MultiDiGraph are stored once.
        """
        import networkx as nx

        any_directed = any(s.directed for s in self._relations.values())
        g = nx.MultiDiGraph() if any_directed else nx.MultiGraph()
        g.graph["govnet_relations"] = {k: v.directed for k, v in self._relations.items()}
        g.graph.update({k: v for k, v in self.meta.items() if isinstance(v, (str, int, float))})
        for actor_id, row in self._actors.iterrows():
            attrs = {k: v for k, v in row.items() if not (isinstance(v, float) and np.isnan(v))}
            attrs["tier"] = str(attrs["tier"])
            g.add_node(actor_id, **attrs)
        ids = self._codes.to_numpy()
        for rel in self.relations:
            s, t, w = self._graph(rel).edges()
            for a, b, x in zip(ids[s], ids[t], w):
                g.add_edge(a, b, key=rel, relation=rel, weight=float(x))
        return g

    # -- files and other libraries (thin wrappers over govnet.io) -------------

    def write_graphml(self, path: str | os.PathLike[str]) -> None:
        """Write GraphML; see :func:`govnet.io.write_graphml`."""
        from . import io as gio

        gio.write_graphml(self, path)

    def write_gexf(self, path: str | os.PathLike[str]) -> None:
        """Write GEXF (Gephi); see :func:`govnet.io.write_gexf`."""
        from . import io as gio

        gio.write_gexf(self, path)

    def write_pajek(self, path: str | os.PathLike[str], **options: Any) -> None:
        """Write a Pajek ``.net`` file; see :func:`govnet.io.write_pajek`."""
        from . import io as gio

        gio.write_pajek(self, path, **options)

    def write_dl(self, path: str | os.PathLike[str], **options: Any) -> None:
        """Write a UCINET DL file; see :func:`govnet.io.write_dl`."""
        from . import io as gio

        gio.write_dl(self, path, **options)

    def write_csv(self, path: str | os.PathLike[str]) -> None:
        """Write ties (and actors, duties, meetings beside) as CSV; see :func:`govnet.io.write_csv`."""
        from . import io as gio

        gio.write_csv(self, path)

    def write_excel(self, path: str | os.PathLike[str]) -> None:
        """Write an Excel workbook; see :func:`govnet.io.write_excel`."""
        from . import io as gio

        gio.write_excel(self, path)

    def to_igraph(self) -> Any:
        """An ``igraph.Graph``; see :func:`govnet.io.to_igraph`."""
        from . import io as gio

        return gio.to_igraph(self)

    @classmethod
    def from_igraph(cls, graph: Any, **options: Any) -> Network:
        """A network from an ``igraph.Graph``; see :func:`govnet.io.from_igraph`."""
        from . import io as gio

        return gio.from_igraph(graph, **options)

    def to_adjacency(self, **options: Any) -> tuple[Any, pd.Index]:
        """``(matrix, actor ids)``; see :func:`govnet.io.to_adjacency`."""
        from . import io as gio

        return gio.to_adjacency(self, **options)

    @classmethod
    def from_adjacency(cls, matrix: Any, labels: Any = None, **options: Any) -> Network:
        """A network from an adjacency matrix; see :func:`govnet.io.from_adjacency`."""
        from . import io as gio

        return gio.from_adjacency(matrix, labels, **options)

    def with_layer(self, relation: str, ties: pd.DataFrame, *, directed: bool | None = None,
                   source_col: str = "source", target_col: str = "target",
                   weight_col: str = "weight") -> Network:
        """A new network with one more relation layer built from ``ties``."""
        if relation in self._relations:
            raise InvalidNetworkError(f"relation {relation!r} already exists")
        t = ties.copy()
        t["relation"] = relation
        new_ties, specs = _validate_ties(t, self._codes, source_col, target_col, "relation",
                                         weight_col, {relation: bool(directed)} if directed is not None
                                         else None, "tie", self._options["self_loops"])
        rel_specs = dict(self._relations)
        rel_specs.update(specs)
        combined = pd.concat([self._ties.assign(relation=self._ties["relation"].astype(str)),
                              new_ties.assign(relation=new_ties["relation"].astype(str))],
                             ignore_index=True)
        combined["relation"] = pd.Categorical(combined["relation"], categories=list(rel_specs))
        return Network(self._actors, combined, rel_specs, duties=self._duties,
                       meetings=self._meetings, meta=self.meta, options=self._options)

    # -- saving (versioned, pickle-free; see govnet.storage) ----------------

    def save(self, path: str | os.PathLike[str], *, compress: bool = True) -> None:
        """Save to ``path`` atomically in govnet's versioned, pickle-free format.

        Read it back with :func:`govnet.load`. Everything is kept (actors and
        their columns with dtypes, relations, ties with weights and extra
        columns, duties, meetings); ``meta`` entries that are neither
        JSON-serialisable nor DataFrames are dropped with a warning. See
        :mod:`govnet.storage` for the format.
        """
        from . import storage

        storage.save(self, path, compress=compress)

    # -- pickling (arrays, not Python objects per tie) -----------------------

    def __getstate__(self) -> dict[str, Any]:
        return {"actors": self._actors, "ties": self._ties, "relations": self._relations,
                "duties": self._duties, "meetings": self._meetings, "meta": self.meta,
                "options": self._options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        Network.__init__(self, state["actors"], state["ties"], state["relations"],
                         duties=state["duties"], meetings=state["meetings"], meta=state["meta"],
                         options=state["options"])

    # -- display ----------------------------------------------------------

    def summary(self) -> pd.DataFrame:
        """Actors counted by tier and kind, with bilingual labels."""
        a = self._actors
        counts = a.groupby(["tier", "kind"], observed=True).size().rename("actors").reset_index()
        counts["kind_zh"] = counts["kind"].map(lambda k: KINDS[k].zh if k in KINDS else "")
        counts["tier_zh"] = counts["tier"].map(lambda t: TIERS[t].zh)
        return counts[["tier", "tier_zh", "kind", "kind_zh", "actors"]]

    def __repr__(self) -> str:
        name = self.meta.get("name", "Network")
        tiers = self._actors["tier"].value_counts().reindex(list(TIERS), fill_value=0)
        tier_text = ", ".join(f"{t} {int(c)}" for t, c in tiers.items() if c)
        rel_text = ", ".join(f"{r} ({self._graph(r).num_edges}{'→' if s.directed else '—'})"
                             for r, s in self._relations.items())
        extra = ""
        if self._duties is not None:
            extra += f", {len(self._duties)} duty assignments"
        if self._meetings is not None:
            extra += f", {self._meetings['meeting'].nunique()} meetings"
        return f"<govnet.Network {name!r}: {len(self)} actors ({tier_text}); relations: {rel_text or 'none'}{extra}>"

    def _repr_html_(self) -> str:
        name = escape(str(self.meta.get("name", "Network")))
        rows = "".join(
            f"<tr><td>{escape(str(r.tier))} {escape(r.tier_zh)}</td><td>{escape(str(r.kind))}"
            f" {escape(r.kind_zh)}</td><td>{r.actors}</td></tr>"
            for r in self.summary().itertuples())
        rels = "".join(
            f"<tr><td>{escape(r)}</td><td>{escape(s.label_zh)}</td>"
            f"<td>{'directed' if s.directed else 'undirected'}</td>"
            f"<td>{self._graph(r).num_edges}</td></tr>" for r, s in self._relations.items())
        extra = ""
        if self._duties is not None:
            extra += f"<p>Duties: {len(self._duties)} assignments of {self._duties['duty'].nunique()} duties.</p>"
        if self._meetings is not None:
            extra += f"<p>Meetings/platforms: {self._meetings['meeting'].nunique()}.</p>"
        return (f"<div><strong>govnet.Network</strong> {name} — {len(self)} actors"
                f"<table><tr><th>tier</th><th>kind</th><th>actors</th></tr>{rows}</table>"
                f"<table><tr><th>relation</th><th>中文</th><th>direction</th><th>ties</th></tr>"
                f"{rels}</table>{extra}</div>")


# ---------------------------------------------------------------------------
# Validation (Python names the row; C++ re-checks invariants)

# Rough heap cost of one actor built by from_arrays (id string, name, tier,
# kind, index entries): used to refuse absurd counts before allocating.
_BYTES_PER_ACTOR = 200.0
_MEMORY_LIMIT = 8.0 * 1024**3  # as the C++ core's check_allocation


def _check_size(what: str, count: float, bytes_each: float, limit: float = _MEMORY_LIMIT) -> None:
    need = float(count) * bytes_each
    if not need <= limit:
        raise TooLargeError(f"{what}: {count:.6g} entries would need about {need / 1024**3:.3g} GiB, "
                            f"more than the limit of {limit / 1024**3:.3g} GiB")


def _validate_loaded(actors: pd.DataFrame, ties: pd.DataFrame,
                     relations: Mapping[str, RelationSpec], duties: pd.DataFrame | None,
                     meetings: pd.DataFrame | None, options: Mapping[str, str]) -> None:
    """Invariants of a network decoded from a file (govnet.storage), which
    bypassed from_frames: raises InvalidNetworkError naming the first problem."""
    ids = actors.index
    if len(ids) == 0:
        raise EmptyNetworkError("the network has no actors")
    if not ids.is_unique:
        raise InvalidNetworkError("actor ids are not unique")
    if not all(isinstance(i, str) and i != "" for i in ids):
        raise InvalidNetworkError("actor ids must be non-empty strings")
    for col in ("name", "tier", "kind"):
        if col not in actors.columns:
            raise InvalidNetworkError(f"actors have no {col!r} column")
    tier = actors["tier"]
    if not isinstance(tier.dtype, pd.CategoricalDtype) or list(tier.cat.categories) != list(TIERS) \
            or tier.isna().any():
        raise InvalidNetworkError(f"actor tiers must be one of {list(TIERS)}")
    for col, dtype in (("src", np.int32), ("dst", np.int32), ("weight", np.float64)):
        if col not in ties.columns or ties[col].dtype != dtype:
            raise InvalidNetworkError(f"ties column {col!r} missing or not {np.dtype(dtype)}")
    n = len(ids)
    for col in ("src", "dst"):
        v = ties[col].to_numpy()
        if v.size and (v.min() < 0 or v.max() >= n):
            raise InvalidNetworkError(f"ties column {col!r} has positions outside [0, {n})")
    w = ties["weight"].to_numpy()
    if not (np.isfinite(w).all() and (w >= 0).all()):
        raise InvalidNetworkError("tie weights must be finite and non-negative")
    rel = ties.get("relation")
    if rel is None or not isinstance(rel.dtype, pd.CategoricalDtype) \
            or list(rel.cat.categories) != list(relations) or rel.isna().any():
        raise InvalidNetworkError("tie relations do not match the relation list")
    if options.get("duplicates") not in _DUP_POLICIES or options.get("self_loops") not in _LOOP_POLICIES:
        raise InvalidNetworkError(f"bad build options {dict(options)}")
    for name, frame, cols in (("duties", duties, ("actor", "duty", "role")),
                              ("meetings", meetings, ("meeting", "actor"))):
        if frame is None:
            continue
        for c in cols:
            if c not in frame.columns:
                raise InvalidNetworkError(f"{name} have no {c!r} column")
        if len(frame) and (ids.get_indexer(frame["actor"].astype(object)) < 0).any():
            raise InvalidNetworkError(f"{name} name actors that are not in the network")


def _validate_actors(actors: pd.DataFrame, id_col: str, name_col: str, tier_col: str,
                     kind_col: str) -> pd.DataFrame:
    if not isinstance(actors, pd.DataFrame):
        raise InvalidNetworkError(f"actors must be a DataFrame, got {type(actors).__name__}")
    if len(actors) == 0:
        raise EmptyNetworkError("actors: the table has no rows; a network needs at least one actor")
    frame = actors
    if id_col not in frame.columns and frame.index.name == id_col:
        frame = frame.reset_index()
    _require_columns(frame, "actors", [id_col, tier_col])
    ids = _clean_ids(frame[id_col], frame, "actors", id_col)
    dup = pd.Index(ids).duplicated()
    if dup.any():
        pos = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero(ids == ids[pos])[0])
        raise InvalidNetworkError(
            f"{_where(frame, 'actors', pos)}: duplicate actor id {ids[pos]!r} "
            f"(first at row {first})")
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    names = frame[name_col] if name_col in frame.columns else pd.Series(ids)
    names = names.reset_index(drop=True).where(lambda s: s.notna() & (s.astype(str) != ""),
                                               pd.Series(ids))
    out["name"] = names.astype(str).to_numpy()
    if "name_en" in frame.columns:
        out["name_en"] = frame["name_en"].to_numpy()
    out["tier"] = _tier_categorical(frame, tier_col, ids)
    if kind_col in frame.columns:
        kinds = frame[kind_col].fillna("actor").astype(str).str.strip().replace("", "actor")
    else:
        kinds = pd.Series("actor", index=frame.index)
    out["kind"] = kinds.to_numpy()
    skip = {id_col, name_col, tier_col, kind_col, "name_en"}
    for c in frame.columns:
        if c not in skip:
            out[str(c)] = frame[c].to_numpy()
    return out


def _tier_categorical(frame: pd.DataFrame, tier_col: str, ids: Any) -> pd.Categorical:
    """Tier names normalised once per distinct value; raises naming the first bad row."""
    codes, uniques = pd.factorize(frame[tier_col], use_na_sentinel=True)
    canon = [normalize_tier(u) for u in uniques]
    lookup = np.array([-1 if c is None else list(TIERS).index(c) for c in canon] + [-1])
    tier_codes = lookup[codes]  # code -1 (missing) maps to the trailing -1
    if (tier_codes < 0).any():
        pos = int(np.flatnonzero(tier_codes < 0)[0])
        raw = frame[tier_col].iloc[pos]
        raise InvalidNetworkError(
            f"{_where(frame, 'actors', pos)}: unknown tier {raw!r} for actor "
            f"{ids[pos]!r}; expected one of {', '.join(TIERS)}")
    return pd.Categorical.from_codes(tier_codes.astype(np.int8), categories=list(TIERS))


def _relation_spec(name: str, directed: bool | None) -> RelationSpec:
    info = RELATIONS.get(name)
    if directed is None:
        directed = info.directed if info else False
    return RelationSpec(name, bool(directed), info.zh if info else "", info.en if info else name)


def _validate_ties(ties: pd.DataFrame | None, codes: pd.Index, source_col: str, target_col: str,
                   relation_col: str, weight_col: str,
                   directed: bool | Mapping[str, bool] | None, default_relation: str,
                   self_loops: str) -> tuple[pd.DataFrame, dict[str, RelationSpec]]:
    empty = pd.DataFrame({"src": np.zeros(0, np.int32), "dst": np.zeros(0, np.int32),
                          "relation": pd.Categorical([]), "weight": np.zeros(0)})
    if ties is None:
        return empty, {}
    if not isinstance(ties, pd.DataFrame):
        raise InvalidNetworkError(f"ties must be a DataFrame, got {type(ties).__name__}")
    _require_columns(ties, "ties", [source_col, target_col])
    if len(ties) == 0:
        return empty, {}
    src_ids = _clean_ids(ties[source_col], ties, "ties", source_col)
    dst_ids = _clean_ids(ties[target_col], ties, "ties", target_col)
    src = codes.get_indexer(src_ids)
    dst = codes.get_indexer(dst_ids)
    for arr, ids, col in ((src, src_ids, source_col), (dst, dst_ids, target_col)):
        if (arr < 0).any():
            pos = int(np.flatnonzero(arr < 0)[0])
            raise InvalidNetworkError(
                f"{_where(ties, 'ties', pos)}: {col} {ids[pos]!r} is not an actor")
    if relation_col in ties.columns:
        rel = ties[relation_col].astype(object).where(ties[relation_col].notna(), default_relation)
        rel = rel.astype(str).str.strip()
        if (rel == "").any():
            pos = int(np.flatnonzero((rel == "").to_numpy())[0])
            raise InvalidNetworkError(f"{_where(ties, 'ties', pos)}: {relation_col} is empty")
    else:
        rel = pd.Series(default_relation, index=ties.index)
    if weight_col in ties.columns:
        w = _check_weights(ties[weight_col].to_numpy(), ties, "ties", weight_col)
    else:
        w = np.ones(len(ties))
    if self_loops == "raise":
        loops = src == dst
        if loops.any():
            pos = int(np.flatnonzero(loops)[0])
            raise InvalidNetworkError(
                f"{_where(ties, 'ties', pos)}: self-loop on {src_ids[pos]!r} (self_loops='raise')")
    names = list(dict.fromkeys(rel.tolist()))
    if isinstance(directed, Mapping):
        unknown = [k for k in directed if k not in names]
        if unknown:
            raise RelationNotFoundError(f"directed names relation(s) {unknown} with no ties; "
                                        f"relations: {names}")
        specs = {n: _relation_spec(n, directed.get(n)) for n in names}
    else:
        specs = {n: _relation_spec(n, directed) for n in names}
    if "directed" in ties.columns and directed is None:
        # A per-row 'directed' column (as to_frames writes) must agree within a relation.
        for n in names:
            vals = ties.loc[(rel == n).to_numpy(), "directed"].map(_as_bool).unique()
            if len(vals) > 1:
                raise InvalidNetworkError(f"ties: relation {n!r} is marked both directed and undirected")
            if len(vals) == 1 and vals[0] is not None:
                specs[n] = _relation_spec(n, bool(vals[0]))
    extra = [c for c in ties.columns
             if c not in (source_col, target_col, relation_col, weight_col, "directed")]
    out = pd.DataFrame({
        "src": src.astype(np.int32),
        "dst": dst.astype(np.int32),
        "relation": pd.Categorical(rel.to_numpy(), categories=names),
        "weight": w,
    })
    for c in extra:
        out[str(c)] = ties[c].to_numpy()
    return out, specs


def _as_bool(v: Any) -> bool | None:
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, str):
        s = v.strip().lower()
        if s in ("true", "1", "yes", "directed"):
            return True
        if s in ("false", "0", "no", "undirected"):
            return False
    if isinstance(v, (int, np.integer)):
        return bool(v)
    return None


def _validate_duties(duties: pd.DataFrame, codes: pd.Index) -> pd.DataFrame:
    if not isinstance(duties, pd.DataFrame):
        raise InvalidNetworkError(f"duties must be a DataFrame, got {type(duties).__name__}")
    _require_columns(duties, "duties", ["actor", "duty"])
    actors = _clean_ids(duties["actor"], duties, "duties", "actor")
    pos = codes.get_indexer(actors)
    if (pos < 0).any():
        p = int(np.flatnonzero(pos < 0)[0])
        raise InvalidNetworkError(f"{_where(duties, 'duties', p)}: actor {actors[p]!r} is not an actor")
    duty_ids = _clean_ids(duties["duty"], duties, "duties", "duty")
    if "role" in duties.columns:
        raw = duties["role"].fillna("lead").astype(str).str.strip()
        roles = raw.str.lower().map(_ROLE_ALIASES)
        if roles.isna().any():
            p = int(np.flatnonzero(roles.isna().to_numpy())[0])
            raise InvalidNetworkError(
                f"{_where(duties, 'duties', p)}: unknown role {raw.iloc[p]!r}; expected 'lead' or 'assist'")
        roles = roles.to_numpy()
    else:
        roles = np.full(len(duties), "lead", dtype=object)
    out = pd.DataFrame({"actor": actors, "duty": duty_ids,
                        "category": (duties["category"].fillna("").astype(str).to_numpy()
                                     if "category" in duties.columns else ""),
                        "role": pd.Categorical(roles, categories=list(_ROLES))})
    for c in duties.columns:
        if c not in ("actor", "duty", "category", "role"):
            out[str(c)] = duties[c].to_numpy()
    key = pd.MultiIndex.from_arrays([actors, duty_ids])
    dup = key.duplicated(keep=False)
    if dup.any():
        rows = np.flatnonzero(dup)
        seen: dict[tuple[str, str], int] = {}
        for p in rows:
            k = (actors[p], duty_ids[p])
            if k in seen and roles[seen[k]] != roles[p]:
                raise InvalidNetworkError(
                    f"{_where(duties, 'duties', int(p))}: actor {k[0]!r} holds duty {k[1]!r} as "
                    f"{roles[p]!r} but row {seen[k]} gives {roles[seen[k]]!r}")
            seen.setdefault(k, int(p))
        out = out[~key.duplicated(keep="first")].reset_index(drop=True)
    return out


def _validate_meetings(meetings: pd.DataFrame, codes: pd.Index) -> pd.DataFrame:
    if not isinstance(meetings, pd.DataFrame):
        raise InvalidNetworkError(f"meetings must be a DataFrame, got {type(meetings).__name__}")
    _require_columns(meetings, "meetings", ["meeting", "actor"])
    names = _clean_ids(meetings["meeting"], meetings, "meetings", "meeting")
    actors = _clean_ids(meetings["actor"], meetings, "meetings", "actor")
    pos = codes.get_indexer(actors)
    if (pos < 0).any():
        p = int(np.flatnonzero(pos < 0)[0])
        raise InvalidNetworkError(
            f"{_where(meetings, 'meetings', p)}: meeting {names[p]!r} lists {actors[p]!r}, "
            f"which is not an actor of the network")
    out = pd.DataFrame({"meeting": names, "actor": actors})
    for c in meetings.columns:
        if c not in ("meeting", "actor"):
            out[str(c)] = meetings[c].to_numpy()
    return out.drop_duplicates(subset=["meeting", "actor"]).reset_index(drop=True)
