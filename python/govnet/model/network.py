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

Networks are immutable: methods that change something return a new network."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet.errors import (
    ActorNotFoundError,
    EmptyNetworkError,
    InvalidNetworkError,
    GovnetWarning,
    InvalidParameterError,
    RelationNotFoundError,
)
from govnet.model.validation import (
    ALL_RELATIONS,
    BYTES_PER_ACTOR,
    DUP_POLICIES,
    LOOP_POLICIES,
    RelationSpec,
    canonical_relation,
    check_size,
    check_weights,
    id_str,
    relation_spec,
    report_ties_changed,
    tier_categorical,
    validate_actors,
    validate_duties,
    validate_meetings,
    validate_ties,
)
from govnet.model.missing import validate_missing
from govnet.model.vocab import KINDS, TIERS, normalize_tier
from govnet.model.people import validate_people


class Network:
    """A community governance network (actors, relation layers, duties, meetings).

    Build one with :meth:`from_frames`, :meth:`from_networkx` or :meth:`from_arrays`,
    or read one with :func:`govnet.read_csv`, :func:`govnet.read_excel` and the other
    readers of :mod:`govnet.io`; save with :func:`govnet.save`. The constructor is internal.

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
                 "_graphs", "_options", "_lock", "_persons", "_posts", "_missing")

    #: The optional tables a network may carry beside actors and ties, in save order:
    #: duties and meetings (0.1), persons and posts (the people behind the
    #: organisations), missing (dyads that are neither ties nor non-ties).
    OPTIONAL_TABLES = ("duties", "meetings", "persons", "posts", "missing")

    def __init__(self, actors: pd.DataFrame, ties: pd.DataFrame,
                 relations: Mapping[str, RelationSpec], *, duties: pd.DataFrame | None = None,
                 meetings: pd.DataFrame | None = None, meta: Mapping[str, Any] | None = None,
                 options: Mapping[str, str] | None = None, persons: pd.DataFrame | None = None,
                 posts: pd.DataFrame | None = None, missing: pd.DataFrame | None = None) -> None:
        self._actors = actors
        self._codes = pd.Index(actors.index)
        self._ties = ties
        self._relations = dict(relations)
        self._duties = duties
        self._meetings = meetings
        self._persons = persons
        self._posts = posts
        self._missing = missing
        self.meta: dict[str, Any] = dict(meta or {})
        self._options = dict(options or {"duplicates": "sum", "self_loops": "drop"})
        self._graphs: dict[Any, Any] = {}  # layers, and tier positions, built on first use
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
        duplicates: str | None = None,
        self_loops: str | None = None,
        meta: Mapping[str, Any] | None = None,
        missing: pd.DataFrame | None = None,
        persons: pd.DataFrame | None = None,
        posts: pd.DataFrame | None = None,
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
            Direction of every relation, or per relation name (a ``directed``
            column in ``ties`` may give it too; 1/0, true/false, yes/no, 是/否).
            Default: the built-in relation's direction (leadership directed,
            deliberation undirected, ... see :data:`govnet.vocab.RELATIONS`; their
            Chinese labels 领导, 协商, ... count as the built-ins). Any other
            relation must be declared: an undeclared one raises, listing them.
        duplicates : {"sum", "max", "raise"} or None
            Repeated ties of one relation (a tie reported from both sides, a
            repeated row): sum their weights, keep the largest, or raise naming
            the rows. In an undirected relation a-b and b-a are the same tie.
            Default None: sum, with a :class:`~govnet.GovnetWarning` naming the
            first repeated rows (nothing is merged without a word).
        self_loops : {"drop", "keep", "raise"} or None
            Ties from an actor to itself. Default None: drop them with a
            :class:`~govnet.GovnetWarning` naming the first row.
        missing : DataFrame, optional
            Missing dyads (``source``, ``target``, ``relation``): pairs that are
            neither ties nor non-ties, e.g. a roster survey's non-respondents
            (see :mod:`govnet.model.missing`; measures refuse such layers unless
            they state a treatment).
        persons, posts : DataFrame, optional
            The people behind the organisations (``id``, ``name``,
            ``party_member``, ...) and their posts (``person``, ``actor``,
            ``role``, ``start``, ``end``); see :mod:`govnet.model.people`.
            Posts without persons: the persons are the ids the posts name.

        Column names are kept apart from govnet's own: a user column either fills
        its role (``id_col=``, ``weight_col=``, ...) or has a name that is not one of
        :data:`~govnet.model.validation.ACTOR_RESERVED` (id, name, name_en, tier,
        kind) or :data:`~govnet.model.validation.TIE_RESERVED` (source, target,
        relation, weight, directed, src, dst). A column named like a role while
        another column is mapped to it (``weight`` beside ``weight_col="w"``) is
        ambiguous and raises, naming both.

        Raises
        ------
        InvalidNetworkError
            Duplicate, missing or empty actor ids; unknown tier; a tie to an
            unknown actor; a bad weight; a bad duty or meeting row; a column
            that collides with govnet's own (see above). The message names the
            row and value.
        """
        if duplicates is not None and duplicates not in DUP_POLICIES:
            raise InvalidParameterError(
                f"duplicates must be one of {DUP_POLICIES} or None, got {duplicates!r}")
        if self_loops is not None and self_loops not in LOOP_POLICIES:
            raise InvalidParameterError(
                f"self_loops must be one of {LOOP_POLICIES} or None, got {self_loops!r}")
        actor_frame = validate_actors(actors, id_col, name_col, tier_col, kind_col)
        codes = pd.Index(actor_frame.index)
        tie_frame, relations = validate_ties(
            ties, codes, source_col, target_col, relation_col, weight_col, directed,
            default_relation, self_loops, duplicates)
        net = cls(actor_frame, tie_frame, relations, meta=meta,
                  options={"duplicates": duplicates or "sum", "self_loops": self_loops or "drop"})
        if duplicates == "raise":
            for rel in relations:
                net._graph(rel)  # raises on a duplicate now, not at first use
        if duties is not None:
            net._duties = validate_duties(duties, codes)
        if meetings is not None:
            net._meetings = validate_meetings(meetings, codes)
        if missing is not None:
            checked = validate_missing(missing, codes, relations, tie_frame)
            net._missing = checked if len(checked) else None
        if persons is not None or posts is not None:
            net._persons, net._posts = validate_people(persons, posts, codes)
        return net

    def with_people(self, persons: pd.DataFrame | None = None,
                    posts: pd.DataFrame | None = None) -> Network:
        """A new network carrying these persons and posts tables (validated as in
        :meth:`from_frames`; replacing any it had). Passing neither removes them."""
        p, q = validate_people(persons, posts, self._codes)
        return self._replace(persons=p, posts=q)


    @classmethod
    def from_arrays(cls, sources: Any, targets: Any, weights: Any = None, *,
                    actors: Sequence[Any] | int | None = None, tiers: Any = None,
                    relation: str = "tie", directed: bool = False,
                    duplicates: str | None = None, self_loops: str | None = None) -> Network:
        """Build a one-layer network from integer arrays (no Python object per tie).

        ``sources`` and ``targets`` are integer positions ``0 .. n-1`` into
        ``actors`` (ids, or a count: ids then ``0 .. n-1``); ``tiers`` is an
        optional array of tier names (default: all ``"plural"``).
        """
        if not isinstance(relation, str):
            raise TypeError(f"relation must be a str, got {type(relation).__name__}")
        src = np.asarray(sources)
        dst = np.asarray(targets)
        if src.shape != dst.shape or src.ndim != 1:
            raise InvalidNetworkError(
                f"sources and targets must be 1-d arrays of equal length, got shapes "
                f"{src.shape} and {dst.shape}")
        if src.size and not (np.issubdtype(src.dtype, np.integer) and np.issubdtype(dst.dtype, np.integer)):
            raise InvalidNetworkError("sources and targets must be integer arrays (actor positions)")
        if actors is None:
            n = int(max(int(src.max()) if src.size else -1, int(dst.max()) if dst.size else -1)) + 1
            check_size("from_arrays: actors", n, BYTES_PER_ACTOR)
            ids: Any = pd.RangeIndex(n).astype(str)
        elif isinstance(actors, (int, np.integer)):
            n = int(actors)
            if n < 0:
                raise InvalidNetworkError(f"actors must be a non-negative count, got {n}")
            check_size("from_arrays: actors", n, BYTES_PER_ACTOR)
            ids = pd.RangeIndex(n).astype(str)
        else:
            ids = pd.Index([id_str(a) for a in actors])
            n = len(ids)
        if n > np.iinfo(np.int32).max:
            raise InvalidNetworkError(f"at most 2^31-1 actors are supported, got {n}")
        for name, arr in (("sources", src), ("targets", dst)):
            bad = (arr >= n) if arr.dtype.kind == "u" else (arr < 0) | (arr >= n)
            if bad.any():
                pos = int(np.flatnonzero(bad)[0])
                raise InvalidNetworkError(
                    f"{name}[{pos}] = {arr[pos]} is not an actor position in [0, {n})")
        if tiers is not None and np.ndim(tiers) != 0 and len(tiers) != n:
            raise InvalidNetworkError(f"tiers has {len(tiers)} entries for {n} actors")
        if actors is not None and not isinstance(actors, (int, np.integer)):
            frame = pd.DataFrame({"id": ids, "tier": "plural" if tiers is None else np.asarray(tiers)})
            actor_frame = validate_actors(frame, "id", "name", "tier", "kind")
        else:
            # Generated ids are unique and non-empty: skip the per-row checks.
            actor_frame = pd.DataFrame(index=pd.Index(ids, name="id"))
            actor_frame["name"] = actor_frame.index.to_numpy()
            if tiers is None:
                actor_frame["tier"] = pd.Categorical.from_codes(
                    np.full(n, 2, dtype=np.int8), categories=list(TIERS))
            else:
                frame = pd.DataFrame({"id": ids, "tier": np.asarray(tiers)})
                actor_frame["tier"] = tier_categorical(frame, "tier", ids)
            actor_frame["kind"] = "actor"
        w = None if weights is None else check_weights(
            np.asarray(weights, dtype=object).ravel() if np.ndim(weights) else [weights],
            pd.DataFrame(index=pd.RangeIndex(max(np.size(weights), 1))), "ties", "weight")
        if w is not None and w.shape != src.shape:
            raise InvalidNetworkError("weights must have the same length as sources")
        ties = pd.DataFrame({
            "src": src.astype(np.int32, copy=False),
            "dst": dst.astype(np.int32, copy=False),
            "relation": pd.Categorical.from_codes(np.zeros(src.size, dtype=np.int8), [relation]),
            "weight": np.ones(src.size) if w is None else w,
        })
        spec = relation_spec(relation, directed)
        if duplicates is not None and duplicates not in DUP_POLICIES:
            raise InvalidParameterError(
                f"duplicates must be one of {DUP_POLICIES} or None, got {duplicates!r}")
        if self_loops is not None and self_loops not in LOOP_POLICIES:
            raise InvalidParameterError(
                f"self_loops must be one of {LOOP_POLICIES} or None, got {self_loops!r}")
        report_ties_changed(ties["src"].to_numpy(), ties["dst"].to_numpy(),
                            np.zeros(src.size, dtype=np.int64), [relation], [spec.directed],
                            pd.DataFrame(index=pd.RangeIndex(src.size)),
                            np.asarray(actor_frame.index, dtype=object), duplicates, self_loops)
        return cls(actor_frame, ties, {relation: spec},
                   options={"duplicates": duplicates or "sum", "self_loops": self_loops or "drop"})

    @classmethod
    def from_networkx(cls, graph: Any, *, tier: str = "tier", kind: str = "kind", name: str = "name",
                      relation: str = "relation", weight: str = "weight",
                      default_tier: str | None = None, default_relation: str = "tie") -> Network:
        """Build a network from a networkx graph (Graph, DiGraph, Multi*).

        Node attributes ``tier``, ``kind``, ``name`` (names configurable) become
        actor columns; other node attributes are kept. Edge attribute
        ``relation`` names the layer (``default_relation`` if absent) and
        ``weight`` the weight. Direction comes from the graph, or per relation
        from ``graph.graph["govnet_relations"]`` (a dict, or its JSON text) written
        by :meth:`to_networkx`. In a directed graph, an undirected relation's tie
        given as two arcs u->v and v->u of equal weight (as :meth:`to_networkx`
        writes a network mixing directed and undirected layers) is one tie.
        ``default_tier`` fills nodes without a tier (otherwise that is an error).

        Node ids: govnet stores actor ids as text. When every node is an
        integer, ``meta["networkx_node_type"] = "int"`` records it and
        :meth:`to_networkx` gives integer nodes back (results of the measures
        stay indexed by the text ids, ``"0"``, ``"1"``, ...). Nodes of other
        non-text types (tuples, floats, ...) are stored as ``str(node)`` with a
        :class:`~govnet.GovnetWarning`, since that cannot be undone.
        """
        import json
        import warnings

        if not (hasattr(graph, "nodes") and hasattr(graph, "edges") and hasattr(graph, "graph")):
            raise TypeError(f"from_networkx expects a networkx graph, got {type(graph).__name__}")
        rows = []
        for node, data in graph.nodes(data=True):
            row = {k: v for k, v in data.items()}
            if "id" in row:
                raise InvalidNetworkError(
                    f"networkx node {node!r} has an attribute 'id' ({row['id']!r}): govnet takes "
                    f"actor ids from the nodes themselves; rename the attribute")
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
        nodes = list(graph.nodes)
        is_int = [isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))
                  for v in nodes]
        meta: dict[str, Any] = {}
        if all(is_int):
            meta["networkx_node_type"] = "int"
        else:
            other = next((v for v, i in zip(nodes, is_int) if not i and not isinstance(v, str)), None)
            if other is not None:
                warnings.warn(GovnetWarning(
                    f"from_networkx: node {other!r} ({type(other).__name__}) is stored as the text "
                    f"{id_str(other)!r}; govnet actor ids are text and only all-integer node ids "
                    f"are restored by to_networkx"), stacklevel=2)
        actors = pd.DataFrame(rows)
        edge_rows = []
        multi = graph.is_multigraph()
        edges = graph.edges(keys=True, data=True) if multi else graph.edges(data=True)
        for e in edges:
            u, v, data = (e[0], e[1], e[3]) if multi else e
            clash = [k for k in ("source", "target") if k in data]
            if clash:
                raise InvalidNetworkError(
                    f"networkx edge {u!r} -> {v!r} has attribute(s) {clash}: govnet takes a tie's "
                    f"source and target from the edge itself; rename the attribute(s)")
            row = {k: val for k, val in data.items() if k not in (relation, weight)}
            for role, col, dflt in (("relation", relation, default_relation),
                                    ("weight", weight, 1.0)):
                if col != role and role in data:
                    raise InvalidNetworkError(
                        f"networkx edge {u!r} -> {v!r} has attribute {role!r} and {role}={col!r} "
                        f"names another attribute for the {role}; the mapping is ambiguous: "
                        f"rename one or pass {role}={role!r}")
                row[role] = data.get(col, dflt)
            edge_rows.append({"source": u, "target": v, **row})
        stored = graph.graph.get("govnet_relations")
        if isinstance(stored, str) and stored:
            try:
                stored = json.loads(stored)
            except ValueError:
                raise InvalidNetworkError(
                    "graph['govnet_relations'] is not valid JSON") from None
        directed: Any = ({str(k): bool(x) for k, x in stored.items()}
                         if isinstance(stored, Mapping) else graph.is_directed())
        if isinstance(directed, Mapping):
            present = {str(r["relation"]) for r in edge_rows}
            directed = {k: x for k, x in directed.items() if k in present} or None
        if graph.is_directed() and isinstance(directed, Mapping):
            # an undirected relation written as two arcs: one tie
            seen: dict[tuple[str, str, str], list[int]] = {}
            for i, r in enumerate(edge_rows):
                rel = str(r["relation"])
                if directed.get(rel, True) or r["source"] == r["target"]:
                    continue
                a, b = sorted((id_str(r["source"]), id_str(r["target"])))
                seen.setdefault((rel, a, b), []).append(i)
            drop = set()
            for idx in seen.values():
                if len(idx) == 2:
                    r0, r1 = edge_rows[idx[0]], edge_rows[idx[1]]
                    if id_str(r0["source"]) != id_str(r1["source"]) and r0["weight"] == r1["weight"]:
                        drop.add(idx[1])
            edge_rows = [r for i, r in enumerate(edge_rows) if i not in drop]
        ties = pd.DataFrame(edge_rows, columns=None if edge_rows else
                            ["source", "target", "relation", "weight"])
        net = cls.from_frames(actors, ties, tier_col=tier, kind_col=kind, name_col=name,
                              directed=directed, meta=meta or None)
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
        return self._relations[self._check_relation(relation)]

    @property
    def duties(self) -> pd.DataFrame | None:
        """The duty list (actor, duty, category, role, ...), or None."""
        return None if self._duties is None else self._duties.copy()

    @property
    def meetings(self) -> pd.DataFrame | None:
        """Meeting and platform attendance (meeting, actor, kind, ...), or None."""
        return None if self._meetings is None else self._meetings.copy()

    @property
    def persons(self) -> pd.DataFrame | None:
        """The persons behind the organisations (id, name, attributes), or None."""
        return None if self._persons is None else self._persons.copy()

    @property
    def posts(self) -> pd.DataFrame | None:
        """Posts held by persons in organisations (person, actor, role, ...), or None."""
        return None if self._posts is None else self._posts.copy()

    @property
    def missing(self) -> pd.DataFrame | None:
        """Missing dyads (source, target, relation): neither ties nor non-ties, or None."""
        return None if self._missing is None else self._missing.copy()

    @property
    def options(self) -> dict[str, str]:
        """The build options (``duplicates``, ``self_loops`` policies) the layers use."""
        return dict(self._options)

    def cached(self, key: tuple[Any, ...], make: Any) -> Any:
        """A value derived from this network, built once by ``make()`` and kept with its
        layers (a network never changes): e.g. a measure's checked layer, so a repeated
        call on a small network skips the checks (about 1.5 µs of a 15 µs call)."""
        value = self._graphs.get(key)
        if value is None:
            with self._lock:
                value = self._graphs.get(key)
                if value is None:
                    value = self._graphs[key] = make()
        return value

    def optional_tables(self) -> dict[str, pd.DataFrame]:
        """The optional tables this network carries (see :attr:`OPTIONAL_TABLES`), not copied:
        for savers and exporters, which must not modify them."""
        return {name: frame for name in self.OPTIONAL_TABLES
                if (frame := getattr(self, "_" + name)) is not None}

    def _replace(self, **changes: Any) -> Network:
        """A new network with the same parts except ``changes`` (ties, relations,
        actors, meta, options or an optional table); the layer cache is not shared."""
        parts: dict[str, Any] = {"actors": self._actors, "ties": self._ties,
                                 "relations": self._relations, "meta": self.meta,
                                 "options": self._options}
        parts.update({name: getattr(self, "_" + name) for name in self.OPTIONAL_TABLES})
        unknown = set(changes) - set(parts)
        if unknown:
            raise TypeError(f"_replace: unknown parts {sorted(unknown)}")
        parts.update(changes)
        return Network(parts.pop("actors"), parts.pop("ties"), parts.pop("relations"), **parts)

    def __len__(self) -> int:
        return len(self._codes)

    def num_ties(self, relation: Any = "all") -> int:
        """Number of distinct ties in the layers ``relation`` selects (default ``"all"``:
        every layer pooled, so a pair tied in two layers counts once)."""
        return int(self.layer(relation).num_edges)

    def ties(self, relation: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Tie rows as given (source, target, relation, weight and extra columns).

        ``relation`` restricts to one relation name or a list of them.
        """
        t = self._ties
        if relation is not None:
            names = self.relation_names(relation)
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
            raise InvalidParameterError(f"unknown tier {tier!r}; expected one of {list(TIERS)}")
        return self._actors.index[self.tier_positions(t)].tolist()

    def tier_positions(self, tier: str) -> np.ndarray:
        """Internal positions (int64, in actor order) of the actors of one tier."""
        t = normalize_tier(tier)
        if t is None:
            raise InvalidParameterError(f"unknown tier {tier!r}; expected one of {list(TIERS)}")
        key = ("tier positions", t)  # cached beside the layers: the network does not change
        pos = self._graphs.get(key)
        if pos is None:
            col = self._actors["tier"].array
            if isinstance(col, pd.Categorical):
                pos = (np.flatnonzero(col.codes == col.categories.get_loc(t))
                       if t in col.categories else np.zeros(0, dtype=np.int64))
            else:
                pos = np.flatnonzero(np.asarray(col) == t)
            pos.setflags(write=False)
            self._graphs[key] = pos
        return pos

    def position(self, actor: Any) -> int:
        """Internal position of an actor id; ActorNotFoundError if absent."""
        key = id_str(actor)
        try:
            pos = self._codes.get_loc(key)  # ids are unique: an int
        except KeyError:
            raise ActorNotFoundError(f"actor {key!r} is not in the network") from None
        return int(pos)

    def positions(self, actors: Iterable[Any]) -> np.ndarray:
        """Internal positions of several actor ids."""
        return np.array([self.position(a) for a in actors], dtype=np.int64)

    # -- layers -----------------------------------------------------------

    def _check_relation(self, relation: str) -> str:
        """The layer's name (a built-in's Chinese label resolves to it); raises if absent."""
        if not isinstance(relation, str):
            raise TypeError(f"a relation name must be a str, got {type(relation).__name__}")
        name = relation
        if name not in self._relations:
            # a built-in's name finds the layer named by its Chinese label, and back
            want = canonical_relation(relation)
            name = next((r for r in self._relations if canonical_relation(r) == want), relation)
        if name not in self._relations:
            raise RelationNotFoundError(
                f"no relation {relation!r} in this network; relations: {self.relations}")
        return name

    def relation_names(self, relation: Any) -> list[str]:
        """The layer names that ``relation=`` selects (see docs/conventions.md).

        * a name (or a built-in's Chinese label): that layer;
        * a list of names: those layers (pooled by the measures);
        * ``"all"``: every layer, pooled;
        * ``None``: the only layer of a one-layer network; on a network with several
          layers this is an error, since pooling them must be asked for.
        """
        if relation is None:
            if len(self._relations) > 1:
                raise InvalidParameterError(
                    f"relation=None is ambiguous: this network has {len(self._relations)} layers "
                    f"({', '.join(self._relations)}); pass one name, a list of names, or "
                    f"relation='all' to pool every layer")
            return list(self._relations)
        if isinstance(relation, str):
            if relation == ALL_RELATIONS and ALL_RELATIONS not in self._relations:
                return list(self._relations)
            return [self._check_relation(relation)]
        if isinstance(relation, (list, tuple, pd.Index, np.ndarray)):
            names = [self._check_relation(r) for r in relation]
            if not names:
                raise InvalidParameterError("relation list is empty")
            if len(set(names)) != len(names):
                raise InvalidParameterError(f"relation list names a layer twice: {list(relation)}")
            return names
        raise TypeError(f"relation must be a name, a list of names, 'all' or None, "
                        f"got {type(relation).__name__}")

    def _graph(self, relation: str) -> Any:
        key = ("layer", relation)
        g = self._graphs.get(key)
        if g is not None:
            return g
        with self._lock:
            g = self._graphs.get(key)
            if g is not None:
                return g
            t = self._ties
            mask = (t["relation"] == relation).to_numpy()
            g = _core.CsrGraph.build(
                len(self), t["src"].to_numpy()[mask], t["dst"].to_numpy()[mask],
                t["weight"].to_numpy()[mask], directed=self._relations[relation].directed,
                duplicates=self._options["duplicates"], self_loops=self._options["self_loops"])
            self._graphs[key] = g
            return g

    def layer(self, relation: Any = None, *, mode: str = "sum", undirected: bool = False) -> Any:
        """The C++ graph of the layers ``relation`` selects (see :meth:`relation_names`).

        Parameters
        ----------
        relation : str, list of str, "all", or None
            One layer; several layers to pool; ``"all"`` to pool every layer;
            None only on a one-layer network.
        mode : {"sum", "any"}
            How pooled (or weighted) ties combine: weights summed, or 1 for any
            tie. A pool is directed if any chosen layer is (undirected ties then
            count both ways). Graphs are built once and cached.
        undirected : bool
            The undirected view (each arc read as a tie both ways, reciprocal arcs
            merged by ``mode``), built once per layer selection and cached.
        """
        if not isinstance(undirected, (bool, np.bool_)):
            raise TypeError(f"undirected must be True or False, got {type(undirected).__name__}")
        if undirected:
            g = self.layer(relation, mode=mode)
            if not g.directed:
                return g
            key_u = ("undirected", tuple(self.relation_names(relation)), mode)
            with self._lock:
                if key_u not in self._graphs:
                    self._graphs[key_u] = g.to_undirected()
                return self._graphs[key_u]
        if mode not in ("sum", "any"):
            raise InvalidParameterError(f"mode must be 'sum' or 'any', got {mode!r}")
        names = self.relation_names(relation)
        if not names:  # a network with no layer: an empty graph
            key: tuple[Any, ...] = ("empty",)
            with self._lock:
                if key not in self._graphs:
                    self._graphs[key] = _core.CsrGraph.build(
                        len(self), np.zeros(0, np.int32), np.zeros(0, np.int32))
                return self._graphs[key]
        if len(names) == 1:
            g = self._graph(names[0])
            if not (mode == "any" and g.weighted):
                return g
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

    def to_networkx(self, relation: Any = "all") -> Any:
        """The layers as a networkx graph on which networkx's measures are govnet's.

        Parameters
        ----------
        relation : str, list of str or "all"
            Which layers (default every layer; see :meth:`relation_names`).

        Returns
        -------
        * ``relation`` names one layer: a ``Graph`` or ``DiGraph`` of exactly that
          layer's direction, so networkx's ``betweenness_centrality``,
          ``closeness_centrality`` and ``degree_centrality`` on it equal govnet's
          on that layer;
        * ``"all"`` (the default) or a list, all chosen layers undirected (all
          directed): a ``MultiGraph`` (``MultiDiGraph``), one edge per tie keyed
          by its relation (one layer: no parallel edges, so networkx's measures
          on it are that layer's). The layers are *not* pooled: networkx's
          measures on a multigraph of several layers are not govnet's (its
          degree counts a pair tied in two layers twice); take one layer with
          ``relation=``, or the edges whose ``relation`` is that layer;
        * several layers mixing directed and undirected: a ``MultiDiGraph``
          in which each undirected tie is two arcs, u->v and v->u, with edge
          attribute ``directed=False`` (``True`` on the directed layers' arcs).
          On the arcs of an undirected layer (a ``DiGraph`` of its edges)
          networkx's betweenness and closeness equal govnet's, while networkx's
          degree on a digraph counts in+out and so doubles: a ``networkx.Graph``
          of the layer's edges gives the undirected layer, and its degree, back.

        The edges are the ties as the layer reads them (repeated rows merged
        by the ``duplicates`` policy, self-loops by ``self_loops``), with
        attributes ``relation`` and ``weight`` (extra tie columns are not
        carried; :func:`govnet.write_graphml` keeps them). With
        ``self_loops="keep"`` an undirected self-loop adds 2 to networkx's
        degree and 1 to govnet's. ``graph["govnet_relations"]``
        is each relation's direction as JSON text, so :meth:`from_networkx`
        restores it. Values are converted so that ``networkx.write_graphml``
        and ``write_gexf`` accept the graph: missing values (None, NaN,
        ``pd.NA``) are left out, numpy scalars become Python numbers,
        categorical values (``tier``) and dates become text, other objects
        ``str()``; only text, number and bool entries of ``meta`` become graph
        attributes. Nodes are the actor ids (text), or integers when the
        network came from a graph with integer nodes (see :meth:`from_networkx`).
        """
        import datetime
        import json

        import networkx as nx

        warn_tables_not_written(self, "to_networkx", "a networkx graph",
                                kept=("duties", "meetings", "persons", "posts"))

        def plain(v: Any) -> Any:
            if v is None or v is pd.NA or v is pd.NaT:
                return None
            if isinstance(v, np.generic):
                v = v.item()
            if isinstance(v, float) and np.isnan(v):
                return None
            if isinstance(v, (bool, int, float, str)):
                return v
            if isinstance(v, (datetime.date, datetime.time, pd.Timestamp)):
                return v.isoformat()
            return str(v)

        names = self.relation_names(relation)
        directed = {r: self._relations[r].directed for r in names}
        any_directed = any(directed.values())
        mixed = any_directed and not all(directed.values())
        one_layer = isinstance(relation, str) and relation != ALL_RELATIONS
        if one_layer:
            g = nx.DiGraph() if any_directed else nx.Graph()
        else:
            g = nx.MultiDiGraph() if any_directed else nx.MultiGraph()
        g.graph.update({k: v for k, v in self.meta.items()
                        if isinstance(k, str) and isinstance(v, (str, int, float))
                        and not (isinstance(v, float) and np.isnan(v))})
        g.graph["govnet_relations"] = json.dumps(directed, ensure_ascii=False)
        ids = np.asarray(self._codes, dtype=object)
        if self.meta.get("networkx_node_type") == "int":
            try:
                as_int = [int(a) for a in ids]
                if any(str(x) != a for x, a in zip(as_int, ids)):
                    raise ValueError
                ids = np.empty(len(as_int), dtype=object)
                ids[:] = as_int
            except ValueError:
                warnings.warn(GovnetWarning(
                    "to_networkx: meta says the nodes were integers but some actor ids are "
                    "not; the nodes are the text ids"), stacklevel=2)
        cols = list(self._actors.columns)
        for node, row in zip(ids, self._actors.itertuples(index=False, name=None)):
            attrs = {str(k): x for k, v in zip(cols, row) if (x := plain(v)) is not None}
            g.add_node(node, **attrs)
        multi = g.is_multigraph()
        for rel in names:
            s, t, w = self._graph(rel).edges()
            und_arcs = mixed and not directed[rel]
            extra = {"directed": directed[rel]} if mixed else {}
            for a, b, x in zip(ids[s], ids[t], w):
                attrs = {"relation": rel, "weight": float(x), **extra}
                if multi:
                    g.add_edge(a, b, key=rel, **attrs)
                    if und_arcs and a != b:
                        g.add_edge(b, a, key=rel, **attrs)
                else:
                    g.add_edge(a, b, **attrs)
        return g

    def with_layer(self, relation: str, ties: pd.DataFrame, *, directed: bool | None = None,
                   source_col: str = "source", target_col: str = "target",
                   weight_col: str = "weight") -> Network:
        """A new network with one more relation layer built from ``ties``."""
        if relation in self._relations:
            raise InvalidNetworkError(f"relation {relation!r} already exists")
        if not isinstance(ties, pd.DataFrame):
            raise InvalidNetworkError(f"ties must be a DataFrame, got {type(ties).__name__}")
        if "relation" in ties.columns:
            raise InvalidNetworkError(
                f"with_layer: the ties have a 'relation' column, but every tie of this layer "
                f"is in relation {relation!r}; drop the column")
        t = ties.copy()
        t["relation"] = relation
        new_ties, specs = validate_ties(t, self._codes, source_col, target_col, "relation",
                                         weight_col, {relation: bool(directed)} if directed is not None
                                         else None, "tie", self._options["self_loops"])
        rel_specs = dict(self._relations)
        rel_specs.update(specs)
        combined = pd.concat([self._ties.assign(relation=self._ties["relation"].astype(str)),
                              new_ties.assign(relation=new_ties["relation"].astype(str))],
                             ignore_index=True)
        combined["relation"] = pd.Categorical(combined["relation"], categories=list(rel_specs))
        return self._replace(ties=combined, relations=rel_specs)


    # -- pickling (arrays, not Python objects per tie) -----------------------

    def __getstate__(self) -> dict[str, Any]:
        state = {"actors": self._actors, "ties": self._ties, "relations": self._relations,
                 "meta": self.meta, "options": self._options}
        state.update({name: getattr(self, "_" + name) for name in self.OPTIONAL_TABLES})
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        Network.__init__(self, state["actors"], state["ties"], state["relations"],
                         meta=state["meta"], options=state["options"],
                         **{name: state.get(name) for name in self.OPTIONAL_TABLES})

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
        if self._missing is not None:
            extra += f", {len(self._missing)} missing dyads"
        if self._persons is not None:
            extra += f", {len(self._persons)} persons, {0 if self._posts is None else len(self._posts)} posts"
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
        if self._persons is not None:
            extra += (f"<p>Persons: {len(self._persons)}; posts: "
                      f"{0 if self._posts is None else len(self._posts)}.</p>")
        return (f"<div><strong>govnet.Network</strong> {name} — {len(self)} actors"
                f"<table><tr><th>tier</th><th>kind</th><th>actors</th></tr>{rows}</table>"
                f"<table><tr><th>relation</th><th>中文</th><th>direction</th><th>ties</th></tr>"
                f"{rels}</table>{extra}</div>")


_TABLE_WORDS = {"duties": "duties", "meetings": "meeting attendance", "persons": "persons",
                "posts": "posts", "missing": "missing dyads"}


def warn_tables_not_written(net: Network, what: str, fmt: str,
                            kept: tuple[str, ...] = ()) -> None:
    """Warn, naming them, about the optional tables (duties, meetings, persons, posts,
    missing dyads) a format has no place for: the file alone would read back as a
    network without them, and missing dyads as non-ties. ``kept``: the tables this
    writer does write."""
    lost = {name: len(frame) for name, frame in net.optional_tables().items()
            if name not in kept and len(frame)}
    if not lost:
        return
    parts = ", ".join(f"{_TABLE_WORDS.get(k, k)} ({v} row{'s' if v != 1 else ''})"
                      for k, v in lost.items())
    extra = (" Read back, the missing dyads become non-ties." if "missing" in lost else "")
    warnings.warn(GovnetWarning(
        f"{what}: {fmt} has no place for the network's {parts}; they are not written.{extra} "
        f"govnet.save or write_excel keeps every table"), stacklevel=3)
