"""Many communities at once: a :class:`Collection` of networks with a community table.

A district has about a hundred communities (社区), a city thousands. A
Collection keeps one :class:`govnet.Network` per community and a community
table (sub-district 街道, committee type 社区综合党委 / 党总支, any attribute)
indexed by community id, and runs a measure over every community in batch:

* on a local thread pool by default (the C++ core releases the GIL);
* on a Dask cluster when ``client=`` is a ``dask.distributed.Client`` (the
  ``dask`` extra: ``pip install "govnet[dask]"``), with identical results.

Results come back as one tidy DataFrame, one row per community, with the
community table's columns alongside.
"""

from __future__ import annotations

import dataclasses
import hashlib
import numbers
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet import registry
from govnet._runtime import check_seed, check_threads, progress_bar
from govnet import _core
from govnet.errors import ActorNotFoundError, InvalidNetworkError, InvalidParameterError
from govnet.measures.structure import CORE_PROFILE_RESTARTS, core_positions, core_profile
from govnet.model.network import Network
from govnet.model.validation import id_str

__all__ = ["Collection", "community_seed"]


class Collection(Mapping):
    """Networks of many communities with a community-level table.

    A Collection is a read-only mapping from community id to
    :class:`govnet.Network`: ``len(c)``, ``c["c001"]``, ``"c001" in c``,
    ``for cid in c`` (ids, in table order), ``c.items()``. Build one with
    :meth:`from_networks`; :func:`govnet.synthetic.district` makes a
    synthetic one.

    Attributes
    ----------
    table : DataFrame
        The community table (a copy), indexed by community id (index name
        ``community``): sub-district, committee type and any attribute.
    meta : dict
        Free-form information (name, source, ``synthetic``, calibration).

    Examples
    --------
    >>> import govnet
    >>> c = govnet.Collection.from_networks({"a": govnet.datasets.nanshan(),
    ...                                      "b": govnet.datasets.shatou()})
    >>> c.apply(lambda net: len(net), name="actors")["actors"].tolist()
    [19, 7]
    """

    __slots__ = ("_networks", "_table", "meta")

    def __init__(self, networks: Mapping[str, Network], table: pd.DataFrame,
                 meta: Mapping[str, Any] | None = None) -> None:
        self._networks = dict(networks)
        self._table = table
        self.meta: dict[str, Any] = dict(meta or {})

    # -- construction -----------------------------------------------------

    @classmethod
    def from_networks(cls, networks: Mapping[Any, Network] | Sequence[Network],
                      table: pd.DataFrame | None = None, *, id_col: str = "community",
                      meta: Mapping[str, Any] | None = None) -> Collection:
        """Build a collection from networks and an optional community table.

        Parameters
        ----------
        networks : dict or list of Network
            ``{community id: network}``, or a list (ids: each network's
            ``meta["id"]`` if present, else ``"0"``, ``"1"``, ...).
        table : DataFrame, optional
            One row per community, with the community ids in column ``id_col``
            or as the index. Must list exactly the communities of
            ``networks``; rows are reordered to the table's order. Default: an
            empty table (only the ids).

        Raises
        ------
        InvalidNetworkError
            A value that is not a Network, duplicate ids, or a table whose ids
            differ from the networks' (the message names them).
        """
        if isinstance(networks, Mapping):
            items = [(id_str(k), v) for k, v in networks.items()]
        elif isinstance(networks, (Sequence, Iterable)) and not isinstance(networks, (str, bytes)):
            nets = list(networks)
            items = [(id_str(n.meta.get("id", i)) if isinstance(n, Network) else str(i), n)
                     for i, n in enumerate(nets)]
        else:
            raise InvalidParameterError(
                f"networks must be a dict or a list of govnet.Network, "
                f"got {type(networks).__name__}")
        for cid, net in items:
            if not isinstance(net, Network):
                raise InvalidNetworkError(
                    f"community {cid!r}: expected a govnet.Network, got {type(net).__name__}")
        ids = [cid for cid, _ in items]
        dup = pd.Index(ids).duplicated()
        if dup.any():
            first = ids[int(np.flatnonzero(dup)[0])]
            raise InvalidNetworkError(f"duplicate community id {first!r}")
        nets = dict(items)
        if table is None:
            frame = pd.DataFrame(index=pd.Index(ids, name=id_col))
        else:
            if not isinstance(table, pd.DataFrame):
                raise InvalidParameterError(f"table must be a DataFrame, got {type(table).__name__}")
            frame = table.set_index(id_col) if id_col in table.columns else table.copy()
            frame.index = pd.Index([id_str(v) for v in frame.index], name=id_col)
            tdup = frame.index.duplicated()
            if tdup.any():
                raise InvalidNetworkError(
                    f"table: duplicate community id {frame.index[int(np.flatnonzero(tdup)[0])]!r}")
            missing = [i for i in ids if i not in frame.index]
            extra = [i for i in frame.index if i not in nets]
            if missing or extra:
                raise InvalidNetworkError(
                    "table and networks list different communities: "
                    + (f"no table row for {missing[:5]}" if missing else "")
                    + ("; " if missing and extra else "")
                    + (f"no network for {extra[:5]}" if extra else ""))
        nets = {cid: nets[cid] for cid in frame.index}
        return cls(nets, frame, meta)

    # -- mapping protocol and views --------------------------------------

    def __getitem__(self, community: Any) -> Network:
        key = id_str(community)
        try:
            return self._networks[key]
        except KeyError:
            raise ActorNotFoundError(
                f"community {key!r} is not in the collection "
                f"({len(self)} communities, e.g. {list(self._networks)[:3]})") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._networks)

    def __len__(self) -> int:
        return len(self._networks)

    @property
    def ids(self) -> pd.Index:
        """Community ids, in table order."""
        return self._table.index.copy()

    @property
    def table(self) -> pd.DataFrame:
        """The community table (a copy), indexed by community id."""
        return self._table.copy()

    def select(self, communities: Any) -> Collection:
        """A sub-collection: a list of ids, or a boolean mask / Series over the table.

        >>> from govnet import synthetic
        >>> c = synthetic.district(1, communities=6, duties=False)
        >>> list(c.select(c.table["committee_type"] == "party_general_branch").ids)
        ['synthetic_0005']
        >>> list(c.select(["synthetic_0001", "synthetic_0003"]).ids)
        ['synthetic_0001', 'synthetic_0003']
        """
        if isinstance(communities, pd.Series) and communities.dtype == bool:
            ids = list(communities[communities].index.astype(str))
        elif isinstance(communities, np.ndarray) and communities.dtype == bool:
            ids = list(self._table.index[communities])
        else:
            ids = [id_str(c) for c in communities]
        nets = {cid: self[cid] for cid in ids}
        return Collection(nets, self._table.loc[ids], self.meta)

    # -- batch execution --------------------------------------------------

    def apply(self, func: Callable[..., Any], *args: Any, name: str | None = None,
              threads: int | None = None, client: Any = None, seed: int | None = None,
              progress: bool | None = None, with_table: bool = True,
              chunk_size: int | None = None, **kwargs: Any) -> pd.DataFrame:
        """Run ``func(network, *args, **kwargs)`` on every community; one row each.

        Parameters
        ----------
        func : callable
            Takes a :class:`Network` and returns a scalar (a column named
            ``name``, default ``func.__name__``, ``"value"`` for a lambda), a
            dict or a pandas Series (one column per key), a one-row DataFrame,
            or a dataclass result (its scalar fields, prefixed by ``name`` if
            given). Must be picklable with cloudpickle for ``client=``.
        name : str, optional
            Column name for scalar results (and prefix for dataclass fields).
        threads : int, optional
            Local thread-pool size (default: the number of CPUs; 1 runs in the
            calling thread). The C++ measures release the GIL, so their work
            runs in parallel; the pandas/Python part of ``func`` does not, so
            for small communities (tens of actors, where Python dominates)
            threads gain nothing and ``threads=1`` or a Dask cluster of
            processes is the better choice.
        client : dask.distributed.Client, optional
            Run on this Dask cluster instead: communities are sent in chunks
            (``chunk_size``, default about four chunks per worker thread) with
            ``client.scatter`` and mapped with ``client.map``. Results are the
            same as the local run.
        seed : int, optional
            If given, ``func`` is called with ``seed=`` a per-community seed
            derived from ``seed`` and the community id (not its position), so a
            community's result does not depend on the others, their order, or
            where it ran.
        progress : bool, optional
            Show a tqdm bar (default: only in interactive sessions).
        with_table : bool, default True
            Put the community table's columns before the results.

        The options above are apply's own; to give ``func`` an argument of one
        of these names, bind it with ``functools.partial``.

        Returns
        -------
        DataFrame
            Indexed by community id (table order). If ``func`` returns
            DataFrames of other than one row (a per-actor table, say), the
            result is in long form instead: indexed by (community id, the
            table's own index), one row per community and table row. An error
            raised by ``func`` propagates with a note naming the community.
        """
        return self._apply(func, args, kwargs, name=name, threads=threads, client=client,
                           seed=seed, progress=progress, with_table=with_table,
                           chunk_size=chunk_size)

    def _apply(self, func: Callable[..., Any], args: tuple, kwargs: dict, *, name: str | None,
               threads: int | None, client: Any, seed: int | None, progress: bool | None,
               with_table: bool, chunk_size: int | None) -> pd.DataFrame:
        if not callable(func):
            raise InvalidParameterError(f"func must be callable, got {type(func).__name__}")
        col = name or getattr(func, "__name__", "value")
        if col == "<lambda>":
            col = "value"
        base_seed = None if seed is None else check_seed(seed)
        ids = list(self._networks)
        tasks = [(cid, self._networks[cid]) for cid in ids]
        call = _Call(func, args, kwargs, base_seed)
        rows: dict[str, Any] = {}
        with progress_bar(progress, "communities", len(tasks)) as bar:
            if client is not None:
                rows = _run_dask(client, call, tasks, chunk_size, bar)
            else:
                nthreads = check_threads(threads) or (os.cpu_count() or 1)
                rows = _run_local(call, tasks, nthreads, bar)
        level = self._table.index.name
        return self._with_table(_assemble(ids, rows, col, name, level), with_table)

    def _with_table(self, out: pd.DataFrame, with_table: bool) -> pd.DataFrame:
        """The community table's columns before the results (apply's ``with_table``)."""
        if with_table:
            clash = [c for c in out.columns if c in self._table.columns]
            if clash:
                raise InvalidNetworkError(
                    f"result column(s) {clash} clash with community table columns; "
                    f"rename them in func (or name= for a scalar) or pass with_table=False")
            if isinstance(out.index, pd.MultiIndex):
                table = self._table.reindex(out.index.get_level_values(0))
                table.index = out.index
                return pd.concat([table, out], axis=1)
            out = self._table.join(out, how="left")
        return out

    def _measure(self, measure: str, args: tuple, kwargs: dict) -> pd.DataFrame:
        spec = registry.measure(measure)
        func = spec.func
        opts = {k: kwargs.pop(k) for k in ("threads", "client", "seed", "progress", "with_table",
                                           "chunk_size") if k in kwargs}
        if func is core_profile and len(args) <= 1 and set(kwargs) <= _CORE_PROFILE_BATCH:
            return self._core_profile_batch(args, kwargs, opts)
        params = spec.options
        # The pool already runs communities in parallel: one thread inside each
        # measure avoids oversubscribing the cores (unless the caller says otherwise).
        if "threads" in params and "measure_threads" not in kwargs:
            kwargs["threads"] = 1
        if "measure_threads" in kwargs:
            kwargs["threads"] = kwargs.pop("measure_threads")
        if "progress" in params:
            kwargs["progress"] = False
        return self._apply(func, args, kwargs, name=measure,
                           **{k: opts.get(k, d) for k, d in _APPLY_DEFAULTS.items()})

    def _core_profile_batch(self, args: tuple, kwargs: dict, opts: dict) -> pd.DataFrame:
        """core_profile's scalar fields for every community in C++ batches (see
        :meth:`core_profile`); the same figures as one call per community."""
        o = {k: opts.get(k, d) for k, d in _APPLY_DEFAULTS.items()}
        base_seed = None if o["seed"] is None else check_seed(o["seed"])
        core = args[0] if args else kwargs.get("core")
        run = _CoreProfileBatch(core, kwargs.get("relation"), kwargs.get("undirected", False),
                                kwargs.get("seed", 0), base_seed)
        ids = list(self._networks)
        with progress_bar(o["progress"], "communities", len(ids)) as bar:
            if o["client"] is not None:
                tasks = [(cid, self._networks[cid]) for cid in ids]
                rows = _run_dask(o["client"], run, tasks, o["chunk_size"], bar,
                                 run_chunk=_run_batch_chunk)
                out = pd.DataFrame.from_dict(rows, orient="index").reindex(ids)
            else:
                # no (id, network) tuple per community: 100,000 of them are enough
                # for a full collection of the whole heap of networks (1.4 s at 10,000)
                out = run.frame(ids, list(self._networks.values()), check_threads(o["threads"]),
                                bar)
        out.index = pd.Index(ids, name=self._table.index.name)
        return self._with_table(out, o["with_table"])

    def centralization(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        """:func:`govnet.centralization` for every community (see :meth:`apply`).

        Keyword options of :meth:`apply` (``threads``, ``client``, ``seed``,
        ``progress``, ``with_table``, ``chunk_size``) are taken out; the rest
        go to the measure (``measure_threads=`` sets its own ``threads``,
        default 1 per community). The measure comes from :mod:`govnet.registry`; a name
        missing there raises InvalidParameterError.
        """
        return self._measure("centralization", args, kwargs)

    def core_profile(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        """:func:`govnet.core_profile` for every community (see :meth:`centralization`).

        Its scalar fields (``core_profile_pair_dependency``,
        ``core_profile_core_vulnerability_rank``, ``core_profile_in_empirical_core``,
        ``core_profile_cp_fit``). With the options ``core``, ``relation``,
        ``undirected``, ``seed`` only (the usual case) every community runs in
        one C++ call, parallel over communities with the GIL released
        (``threads``; ``client=`` sends chunks of communities, each one such
        call): the figures are those of one :func:`govnet.core_profile` call
        per community, which the tests check value for value. The centralities,
        which are not scalar fields, are not computed.
        """
        return self._measure("core_profile", args, kwargs)

    def duty_summary(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        """:func:`govnet.duty_summary` for every community (see :meth:`centralization`)."""
        return self._measure("duty_summary", args, kwargs)

    def deliberation_index(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        """:func:`govnet.deliberation_index` for every community (see :meth:`centralization`)."""
        return self._measure("deliberation_index", args, kwargs)

    # -- pickling: the table once, each network as its arrays ---------------

    def __getstate__(self) -> dict[str, Any]:
        return {"networks": self._networks, "table": self._table, "meta": self.meta}

    def __setstate__(self, state: dict[str, Any]) -> None:
        Collection.__init__(self, state["networks"], state["table"], state["meta"])

    # -- display ----------------------------------------------------------

    def _describe(self) -> tuple[str, pd.DataFrame]:
        name = str(self.meta.get("name", "Collection"))
        sizes = pd.Series([len(n) for n in self._networks.values()], dtype=float)
        lines = pd.DataFrame({"value": [len(self), sizes.min() if len(sizes) else 0,
                                        sizes.median() if len(sizes) else 0,
                                        sizes.max() if len(sizes) else 0]},
                             index=["communities", "actors (min)", "actors (median)",
                                    "actors (max)"])
        return name, lines

    def __repr__(self) -> str:
        name, lines = self._describe()
        cols = ", ".join(map(str, self._table.columns)) or "none"
        syn = " [synthetic]" if self.meta.get("synthetic") else ""
        return (f"<govnet.Collection {name!r}{syn}: {len(self)} communities, actors "
                f"{int(lines.loc['actors (min)', 'value'])}–"
                f"{int(lines.loc['actors (max)', 'value'])}; "
                f"table columns: {cols}>")

    def _repr_html_(self) -> str:
        name, _ = self._describe()
        syn = " <em>(synthetic)</em>" if self.meta.get("synthetic") else ""
        head = self._table.head(10).copy()
        head.insert(0, "actors", [len(self._networks[c]) for c in head.index])
        more = f"<p>… {len(self) - 10} more</p>" if len(self) > 10 else ""
        cal = self.meta.get("calibration")
        cal_html = (f"<p>Calibration (targets vs generated):</p>{cal.to_html(index=False)}"
                    if isinstance(cal, pd.DataFrame) else "")
        return (f"<div><strong>govnet.Collection</strong> {escape(name)}{syn} — "
                f"{len(self)} communities{head.to_html()}{more}{cal_html}</div>")


_APPLY_DEFAULTS = {"threads": None, "client": None, "seed": None, "progress": None,
                   "with_table": True, "chunk_size": None}

# ---------------------------------------------------------------------------
# Execution helpers (module level so Dask can pickle them)


class _Call:
    """func with its arguments and per-community seeding; picklable by cloudpickle."""

    def __init__(self, func: Callable[..., Any], args: tuple, kwargs: dict,
                 base_seed: int | None) -> None:
        self.func, self.args, self.kwargs, self.base_seed = func, args, kwargs, base_seed

    def __call__(self, cid: str, net: Network) -> Any:
        kw = self.kwargs
        if self.base_seed is not None:
            kw = {**kw, "seed": community_seed(self.base_seed, cid)}
        try:
            return self.func(net, *self.args, **kw)
        except Exception as exc:
            if sys.version_info >= (3, 11):  # add_note is 3.11+; on 3.10 the error goes as is
                exc.add_note(f"(in community {cid!r})")
            raise


def community_seed(seed: int, community: str) -> int:
    """A 63-bit seed for one community from a base seed and the community id.

    Derived with numpy's SeedSequence from the seed and a hash of the id, so it
    does not depend on the community's position or on the other communities.
    """
    digest = hashlib.blake2b(str(community).encode("utf-8"), digest_size=8).digest()
    key = int.from_bytes(digest, "little")
    state = np.random.SeedSequence(seed, spawn_key=(key,)).generate_state(1, dtype=np.uint64)
    return int(state[0] >> np.uint64(1))


class _Chunk:
    """Communities sent to one Dask task. One opaque object, so Dask pickles it in
    one go instead of walking the list element by element."""

    __slots__ = ("items",)

    def __init__(self, items: list[tuple[str, Network]]) -> None:
        self.items = items

    def __getstate__(self) -> list[tuple[str, Network]]:
        return self.items

    def __setstate__(self, state: list[tuple[str, Network]]) -> None:
        self.items = state


def _run_chunk(call: _Call, chunk: _Chunk) -> list[tuple[str, Any]]:
    return [(cid, call(cid, net)) for cid, net in chunk.items]


def _run_local(call: _Call, tasks: list[tuple[str, Network]], threads: int,
               bar: Callable[[float, float], None] | None) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    total = len(tasks)
    if threads <= 1 or total <= 1:
        for i, (cid, net) in enumerate(tasks):
            rows[cid] = call(cid, net)
            if bar:
                bar(i + 1, total)
        return rows
    with ThreadPoolExecutor(max_workers=min(threads, total)) as pool:
        futures = {pool.submit(call, cid, net): cid for cid, net in tasks}
        try:
            for done, fut in enumerate(as_completed(futures), 1):
                rows[futures[fut]] = fut.result()
                if bar:
                    bar(done, total)
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return rows


def _run_dask(client: Any, call: Any, tasks: list[tuple[str, Network]],
              chunk_size: int | None, bar: Callable[[float, float], None] | None,
              run_chunk: Callable[..., list[tuple[str, Any]]] | None = None) -> dict[str, Any]:
    try:
        from distributed import as_completed as dask_completed
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise InvalidNetworkError(
            "client= needs dask.distributed: pip install 'govnet[dask]'") from exc
    if not tasks:
        return {}
    if chunk_size is None:
        workers = max(1, sum(client.nthreads().values()))
        chunk_size = max(1, -(-len(tasks) // (4 * workers)))
    if not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise InvalidParameterError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    chunks = [_Chunk(tasks[i:i + chunk_size]) for i in range(0, len(tasks), chunk_size)]
    # Scatter the data first so the task graph stays small (no large-graph warning);
    # hash=False: tokenising Networks to name the keys took longer than sending them.
    data = client.scatter(chunks, hash=False)
    futures = client.map(run_chunk or _run_chunk, [call] * len(data), data, pure=False)
    rows: dict[str, Any] = {}
    done = 0
    try:
        for fut in dask_completed(futures):
            part = fut.result()
            rows.update(part)
            done += len(part)
            if bar:
                bar(done, len(tasks))
    finally:
        client.cancel(futures + list(data))
    return rows


#: Collection.core_profile options its C++ batch takes (others: one call per community).
_CORE_PROFILE_BATCH = {"core", "relation", "undirected", "seed", "threads", "progress"}
_CORE_PROFILE_FIELDS = ("pair_dependency", "core_vulnerability_rank", "in_empirical_core",
                        "cp_fit")


class _CoreProfileBatch:
    """core_profile's scalar fields for a list of communities in one C++ call."""

    def __init__(self, core: Any, relation: Any, undirected: Any, seed: Any,
                 base_seed: int | None) -> None:
        self.core, self.relation, self.undirected = core, relation, undirected
        self.seed, self.base_seed = seed, base_seed

    def frame(self, ids: list[str], nets: list[Network], threads: int = 0,
              bar: Callable[[float, float], None] | None = None) -> pd.DataFrame:
        graphs, masks, seeds = [], [], []
        for cid, net in zip(ids, nets):
            try:
                _, mask = core_positions(net, self.core)
                graphs.append(net.layer(self.relation, undirected=self.undirected))
                seeds.append(community_seed(self.base_seed, cid) if self.base_seed is not None
                             else check_seed(self.seed))
            except Exception as exc:
                if sys.version_info >= (3, 11):
                    exc.add_note(f"(in community {cid!r})")
                raise
            masks.append(mask)
        offsets = np.zeros(len(masks) + 1, dtype=np.int64)
        np.cumsum([len(m) for m in masks], out=offsets[1:])
        packed = np.concatenate(masks) if masks else np.zeros(0, np.uint8)
        d = _core.core_profile_batch(graphs, packed, offsets, np.array(seeds, dtype=np.uint64),
                                     restarts=CORE_PROFILE_RESTARTS, threads=threads, progress=bar)
        return pd.DataFrame({f"core_profile_{k}": (d[k].astype(bool) if k == "in_empirical_core"
                                                   else d[k]) for k in _CORE_PROFILE_FIELDS},
                            index=pd.Index(ids))


def _run_batch_chunk(run: _CoreProfileBatch, chunk: _Chunk) -> list[tuple[str, Any]]:
    out = run.frame([cid for cid, _ in chunk.items], [net for _, net in chunk.items], threads=1)
    return list(zip(out.index, out.to_dict("records")))


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (numbers.Number, str, bool, np.generic, pd.Timestamp))


def _row(result: Any, col: str, prefix: str | None, cid: str) -> dict[str, Any]:
    """One community's result as {column: value}."""
    if _scalar(result):
        return {col: result.item() if isinstance(result, np.generic) else result}
    if isinstance(result, pd.Series):
        return {str(k): v for k, v in result.items()}
    if isinstance(result, pd.DataFrame):
        if len(result) != 1:
            raise InvalidNetworkError(
                f"community {cid!r}: func returned a DataFrame with {len(result)} rows; apply "
                f"needs one row per community (reduce it in func, e.g. .mean() or .loc[...])")
        return {str(k): v for k, v in result.iloc[0].items()}
    if isinstance(result, Mapping):
        return {str(k): v for k, v in result.items()}
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        out = {}
        for f in dataclasses.fields(result):
            v = getattr(result, f.name)
            if _scalar(v):
                out[f"{prefix}_{f.name}" if prefix else f.name] = (
                    v.item() if isinstance(v, np.generic) else v)
        if not out:
            raise InvalidNetworkError(
                f"community {cid!r}: the {type(result).__name__} result has no scalar fields")
        return out
    raise InvalidNetworkError(
        f"community {cid!r}: func returned {type(result).__name__}; expected a scalar, dict, "
        f"Series, one-row DataFrame or dataclass")


def _assemble(ids: list[str], rows: Mapping[str, Any], col: str, prefix: str | None,
              level: str | None) -> pd.DataFrame:
    frames = [isinstance(rows[cid], pd.DataFrame) for cid in ids]
    if any(frames) and any(len(rows[cid]) != 1 for cid, f in zip(ids, frames) if f):
        # Per-actor (or per-item) tables: long form, one row per community and table row.
        if not all(frames):
            cid = ids[frames.index(False)]
            raise InvalidNetworkError(
                f"community {cid!r}: func returned {type(rows[cid]).__name__} where other "
                f"communities gave DataFrames; return one kind of result")
        inner = rows[ids[0]].index.name or "row"
        out = pd.concat({cid: rows[cid] for cid in ids}, names=[level, inner])
        return out
    records = [_row(rows[cid], col, prefix, cid) for cid in ids]
    return pd.DataFrame.from_records(records, index=pd.Index(ids, name=level))
