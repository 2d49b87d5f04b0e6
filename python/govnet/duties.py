"""Duty lists (职责清单): who holds which duty, where duties overlap, what is uncovered.

A duty list assigns each duty (a sub-item, 子项, grouped under a major item,
大项, its ``category``) to the actors that hold it, as lead (牵头) or assist
(协助). Duties held by several actors blur responsibility (职责不清) and invite
buck-passing (推诿); duties held by nobody are gaps. The functions here measure
both on the actor × duty incidence (a two-mode network, Breiger 1974), in the
C++ core (sparse, multi-threaded, GIL released):

* :class:`DutyTable` — the incidence plus the duty catalogue (every duty with
  label and category, so uncovered duties are kept);
* :func:`duty_overlap` — every actor pair sharing duties: shared count,
  Jaccard, overlap coefficient, cosine and a hypergeometric p-value;
* :func:`duty_holders`, :func:`actor_duties`, :func:`duty_summary` — per duty,
  per actor, overall and per category (redundancy, exclusive duties, ambiguity
  index, coverage, Gini and Herfindahl concentration);
* :func:`duty_projection` — actor–actor or duty–duty network (Breiger's
  duality) as a relation layer for the centrality functions;
* :func:`duty_null_model`, :func:`duty_null_samples` — a null model keeping
  every actor's number of duties and every duty's number of holders
  (curveball sampler, Strona et al. 2014).

References
----------
Breiger, R. L. (1974). The duality of persons and groups. Social Forces 53(2),
181–190. doi:10.2307/2576011
Strona, G., Nappo, D., Boccacci, F., Fattorini, S. & San-Miguel-Ayanz, J. (2014).
A fast and unbiased procedure to randomize ecological binary matrices with
fixed row and column totals. Nature Communications 5, 4114. doi:10.1038/ncomms5114
Carstens, C. J. (2015). Proof of uniform sampling of binary matrices with fixed
row sums and column sums for the fast curveball algorithm. Physical Review E 91,
042812. doi:10.1103/PhysRevE.91.042812
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._common import check_seed, check_threads, progress_bar
from .errors import EmptyNetworkError, InvalidNetworkError
from .network import (
    Network,
    _clean_ids,
    _id_str,
    _require_columns,
    _validate_duties,
    _where,
    read_table,
)

__all__ = [
    "DutyTable",
    "DutyNullResult",
    "duty_overlap",
    "duty_holders",
    "actor_duties",
    "duty_summary",
    "duty_concentration",
    "duty_projection",
    "duty_null_model",
    "duty_null_samples",
]

_LEAD, _ASSIST = 0, 1
_ALL = "(all)"
# Dense matrices (to_matrix, null samples) are refused above this many cells.
_DENSE_LIMIT = 200_000_000


class DutyTable:
    """Actor × duty incidence with a duty catalogue (职责清单).

    Holds the actors (including those without duties), the catalogue (every
    duty with ``label`` and ``category``, including duties nobody holds) and
    the incidences with the holder's role, ``lead`` (牵头) or ``assist`` (协助).
    Immutable. Build one with :meth:`from_frame` (a long table, CSV or Excel),
    :meth:`from_network`, :meth:`from_matrix` (0/1 actors × duties) or
    :meth:`from_arrays` (integer positions, for large data).

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> t = govnet.DutyTable.from_frame(pd.DataFrame({
    ...     "actor": ["rc", "ws", "ws"], "duty": ["d1", "d1", "d2"],
    ...     "role": ["lead", "assist", "lead"]}),
    ...     catalogue=pd.DataFrame({"duty": ["d1", "d2", "d3"], "category": ["A", "A", "B"]}))
    >>> t
    <govnet.DutyTable: 2 actors, 3 duties in 2 categories, 3 incidences, 1 uncovered>
    """

    __slots__ = ("_actors", "_catalogue", "_apos", "_dpos", "_roles", "_tm", "_tm_t")

    def __init__(self, actors: pd.Index, catalogue: pd.DataFrame, actor_pos: np.ndarray,
                 duty_pos: np.ndarray, roles: np.ndarray) -> None:
        # Internal: use the from_* constructors, which validate.
        self._actors = pd.Index(actors, name="actor")
        self._catalogue = catalogue
        order = np.lexsort((duty_pos, actor_pos))
        self._apos = np.ascontiguousarray(actor_pos[order], dtype=np.int32)
        self._dpos = np.ascontiguousarray(duty_pos[order], dtype=np.int32)
        self._roles = np.ascontiguousarray(roles[order], dtype=np.uint8)
        self._tm: Any = None
        self._tm_t: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"actors": self._actors, "catalogue": self._catalogue, "actor_pos": self._apos,
                "duty_pos": self._dpos, "roles": self._roles}

    def __setstate__(self, state: dict[str, Any]) -> None:
        DutyTable.__init__(self, state["actors"], state["catalogue"], state["actor_pos"],
                           state["duty_pos"], state["roles"])

    # -- construction -----------------------------------------------------

    @classmethod
    def from_frame(cls, table: Any, *, actors: Sequence[Any] | Network | None = None,
                   catalogue: Any = None, encoding: str | None = None,
                   sheet_name: str | int | None = None) -> DutyTable:
        """Build from a long table: one row per (actor, duty).

        Parameters
        ----------
        table : DataFrame, or path of a CSV / Excel file
            Columns ``actor``, ``duty`` and optional ``category`` (the major
            item, 大项), ``role`` (lead / assist, or 牵头 / 主责 / 协助 / 配合;
            default lead) and ``label``. Files are read by
            :func:`govnet.read_table` (UTF-8, UTF-8 with BOM or GB18030;
            ``sheet_name`` for Excel).
        actors : sequence of ids or Network, optional
            All actors, including those holding no duty. Default: the actors
            named in ``table``, in order of appearance.
        catalogue : DataFrame or path, optional
            All duties: ``duty`` and optional ``label``, ``category``. Duties
            nobody holds are listed here (uncovered duties). Default: the duties
            named in ``table``.

        Raises
        ------
        InvalidNetworkError
            A missing column; an empty actor or duty id; an actor not in
            ``actors``; an unknown role; one actor–duty pair given twice with
            different roles; a duty given two categories or labels; a duty not
            in the catalogue; a duplicated catalogue entry. The message names
            the row (and the file line for files).
        """
        frame = read_table(table, what="duties", encoding=encoding, sheet_name=sheet_name)
        if not isinstance(frame, pd.DataFrame):
            raise InvalidNetworkError(
                f"duties must be a DataFrame or a file, got {type(table).__name__}")
        _require_columns(frame, "duties", ["actor", "duty"])
        if isinstance(actors, Network):
            codes = pd.Index(actors.actor_ids)
        elif actors is not None:
            ids = [_id_str(a) for a in actors]
            codes = pd.Index(ids)
            if codes.has_duplicates:
                raise InvalidNetworkError(
                    f"actors: duplicate actor id {codes[codes.duplicated()][0]!r}")
        else:
            codes = pd.Index(pd.unique(_clean_ids(frame["actor"], frame, "duties", "actor")))
        clean = _validate_duties(frame, codes)
        cat = None if catalogue is None else read_table(catalogue, what="duty catalogue",
                                                        encoding=encoding)
        return cls._from_validated(codes, clean, frame, cat)

    @classmethod
    def from_network(cls, net: Network, *, catalogue: Any = None) -> DutyTable:
        """The duty list attached to a network (``Network.from_frames(..., duties=...)``).

        All actors of the network are kept, including those holding no duty;
        ``catalogue`` (see :meth:`from_frame`) adds duties nobody holds.
        """
        duties = net.duties
        if duties is None:
            raise InvalidNetworkError("the network has no duty list; pass duties= to "
                                      "Network.from_frames or build a DutyTable from a table")
        cat = None if catalogue is None else read_table(catalogue, what="duty catalogue")
        return cls._from_validated(pd.Index(net.actor_ids), duties, duties, cat)

    @classmethod
    def from_matrix(cls, matrix: pd.DataFrame, *, catalogue: Any = None,
                    role: str = "lead") -> DutyTable:
        """Build from a 0/1 DataFrame: actors (index) × duties (columns).

        Every cell must be 0 or 1 (missing counts as 0); all holders get
        ``role``. Columns of zeros are duties nobody holds. ``catalogue`` may
        add labels and categories (and must list every column).
        """
        if not isinstance(matrix, pd.DataFrame):
            raise InvalidNetworkError(f"matrix must be a DataFrame, got {type(matrix).__name__}")
        if role not in ("lead", "assist"):
            raise InvalidNetworkError(f"role must be 'lead' or 'assist', got {role!r}")
        num = matrix.apply(pd.to_numeric, errors="coerce")
        not_number = num.isna().to_numpy() & matrix.notna().to_numpy()
        values = num.fillna(0).to_numpy(dtype=float)
        bad = not_number | ~np.isin(values, (0.0, 1.0))
        if bad.any():
            i, j = (int(x[0]) for x in np.nonzero(bad))
            raw = matrix.iat[i, j]
            raw = raw.item() if isinstance(raw, np.generic) else raw
            raise InvalidNetworkError(
                f"matrix row {i} (actor {matrix.index[i]!r}), column {matrix.columns[j]!r}: "
                f"value {raw!r} is not 0 or 1")
        actors = [_id_str(a) for a in matrix.index]
        duties = [_id_str(d) for d in matrix.columns]
        for what, ids in (("actor", actors), ("duty", duties)):
            idx = pd.Index(ids)
            if idx.has_duplicates:
                raise InvalidNetworkError(f"matrix: duplicate {what} {idx[idx.duplicated()][0]!r}")
            if (idx == "").any():
                raise InvalidNetworkError(f"matrix: empty {what} id")
        r, c = np.nonzero(values)
        if catalogue is None:
            cat = pd.DataFrame({"label": duties, "category": ""},
                               index=pd.Index(duties, name="duty"))
        else:
            cat = _read_catalogue(read_table(catalogue, what="duty catalogue"))
            missing = [d for d in duties if d not in cat.index]
            if missing:
                raise InvalidNetworkError(
                    f"matrix column {missing[0]!r} is not in the duty catalogue")
        dpos = cat.index.get_indexer(np.asarray(duties, dtype=object))[c]
        roles = np.full(r.size, _LEAD if role == "lead" else _ASSIST, dtype=np.uint8)
        return cls(pd.Index(actors), cat, r, dpos, roles)

    @classmethod
    def from_arrays(cls, actor_pos: Any, duty_pos: Any, *, actors: Sequence[Any] | int,
                    duties: Sequence[Any] | int, roles: Any = None,
                    categories: Sequence[Any] | None = None) -> DutyTable:
        """Build from integer positions (no Python object per incidence; for large data).

        ``actor_pos`` and ``duty_pos`` index ``actors`` and ``duties`` (ids, or
        counts: ids ``"0" .. "n-1"``); ``roles`` is an optional array of codes
        0 (lead) / 1 (assist). A repeated pair raises.
        """
        a = np.asarray(actor_pos)
        d = np.asarray(duty_pos)
        if a.ndim != 1 or a.shape != d.shape:
            raise InvalidNetworkError("actor_pos and duty_pos must be 1-d arrays of equal length")
        integer = np.issubdtype(a.dtype, np.integer) and np.issubdtype(d.dtype, np.integer)
        if a.size and not integer:
            raise InvalidNetworkError("actor_pos and duty_pos must be integer arrays")
        a_ids = pd.RangeIndex(actors).astype(str) if isinstance(actors, (int, np.integer)) else \
            pd.Index([_id_str(x) for x in actors])
        d_ids = pd.RangeIndex(duties).astype(str) if isinstance(duties, (int, np.integer)) else \
            pd.Index([_id_str(x) for x in duties])
        for name, arr, n in (("actor_pos", a, len(a_ids)), ("duty_pos", d, len(d_ids))):
            bad = (arr < 0) | (arr >= n)
            if bad.any():
                p = int(np.flatnonzero(bad)[0])
                raise InvalidNetworkError(f"{name}[{p}] = {arr[p]} is not a position in [0, {n})")
        if a_ids.has_duplicates or d_ids.has_duplicates:
            raise InvalidNetworkError("actor and duty ids must be unique")
        rl = np.zeros(a.size, np.uint8) if roles is None else np.asarray(roles)
        if rl.shape != a.shape or not np.isin(rl, (0, 1)).all():
            raise InvalidNetworkError("roles must be an array of 0 (lead) / 1 (assist) codes, "
                                      "one per incidence")
        cats = [""] * len(d_ids) if categories is None else [str(x) for x in categories]
        if len(cats) != len(d_ids):
            raise InvalidNetworkError("categories must have one entry per duty")
        cat = pd.DataFrame({"label": d_ids.to_numpy(), "category": cats},
                           index=pd.Index(d_ids, name="duty"))
        out = cls(a_ids, cat, a.astype(np.int32), d.astype(np.int32), rl.astype(np.uint8))
        dup = (np.diff(out._apos) == 0) & (np.diff(out._dpos) == 0)
        if dup.any():
            p = int(np.flatnonzero(dup)[0])
            raise InvalidNetworkError(f"actor {a_ids[out._apos[p]]!r} and duty "
                                      f"{d_ids[out._dpos[p]]!r} appear twice")
        return out

    @classmethod
    def _from_validated(cls, codes: pd.Index, clean: pd.DataFrame, raw: pd.DataFrame,
                        catalogue: pd.DataFrame | None) -> DutyTable:
        """clean: output of _validate_duties (deduplicated); raw: the rows as given,
        for naming rows in errors about categories and labels."""
        raw_duty = _clean_ids(raw["duty"], raw, "duties", "duty")
        given = {}
        for col in ("category", "label"):
            if col in raw.columns:
                vals = raw[col].astype(object).where(raw[col].notna(), "").astype(str).str.strip()
                given[col] = _consistent(raw, raw_duty, vals.to_numpy(dtype=object), col)
        order = pd.unique(raw_duty)
        if catalogue is None:
            cat = pd.DataFrame(index=pd.Index(order, name="duty"))
            cat["label"] = [given.get("label", {}).get(d, "") or d for d in order]
            cat["category"] = [given.get("category", {}).get(d, "") for d in order]
        else:
            cat = _read_catalogue(catalogue)
            known = cat.index.get_indexer(raw_duty)
            if (known < 0).any():
                p = int(np.flatnonzero(known < 0)[0])
                raise InvalidNetworkError(
                    f"{_where(raw, 'duties', p)}: duty {raw_duty[p]!r} is not in the "
                    f"duty catalogue")
            for col in ("category", "label"):
                for d, v in given.get(col, {}).items():
                    have = cat.at[d, col]
                    if v and have and have != v and not (col == "label" and have == d):
                        p = int(np.flatnonzero(raw_duty == d)[0])
                        raise InvalidNetworkError(
                            f"{_where(raw, 'duties', p)}: duty {d!r} has {col} {v!r} but the "
                            f"catalogue gives {have!r}")
                    if v and (not have or (col == "label" and have == d)):
                        cat.at[d, col] = v
        apos = codes.get_indexer(clean["actor"].to_numpy(dtype=object))
        dpos = cat.index.get_indexer(clean["duty"].to_numpy(dtype=object))
        roles = np.where(clean["role"].astype(str).to_numpy() == "assist", _ASSIST, _LEAD)
        return cls(codes, cat, apos.astype(np.int32), dpos.astype(np.int32), roles.astype(np.uint8))

    # -- views ------------------------------------------------------------

    @property
    def actor_ids(self) -> pd.Index:
        """Actor ids (the index of every per-actor result)."""
        return self._actors

    @property
    def duty_ids(self) -> pd.Index:
        """Duty ids in catalogue order (the index of every per-duty result)."""
        return self._catalogue.index

    @property
    def catalogue(self) -> pd.DataFrame:
        """Every duty, indexed by id: ``label`` and ``category`` (a copy)."""
        return self._catalogue.copy()

    @property
    def incidence(self) -> pd.DataFrame:
        """One row per (actor, duty): actor, duty, category, label, role."""
        cat = self._catalogue
        return pd.DataFrame({
            "actor": self._actors[self._apos].to_numpy(),
            "duty": cat.index[self._dpos].to_numpy(),
            "category": cat["category"].to_numpy()[self._dpos],
            "label": cat["label"].to_numpy()[self._dpos],
            "role": pd.Categorical.from_codes(self._roles.astype(np.int8), ["lead", "assist"]),
        })

    @property
    def n_actors(self) -> int:
        return len(self._actors)

    @property
    def n_duties(self) -> int:
        return len(self._catalogue)

    @property
    def n_incidences(self) -> int:
        return int(self._apos.size)

    def to_matrix(self, *, roles: bool = False) -> pd.DataFrame:
        """Dense actors × duties DataFrame: 1 where held (``roles``: 1 lead, 2 assist), else 0."""
        _check_dense(self.n_actors, self.n_duties, "the dense duty matrix")
        m = np.zeros((self.n_actors, self.n_duties), dtype=np.int8)
        m[self._apos, self._dpos] = (self._roles + 1) if roles else 1
        return pd.DataFrame(m, index=self._actors.copy(), columns=self._catalogue.index.copy())

    def transpose(self) -> DutyTable:
        """Duties × actors (rows become duties): the other side of Breiger's duality."""
        cat = pd.DataFrame({"label": self._actors.to_numpy(), "category": ""},
                           index=pd.Index(self._actors, name="duty"))
        return DutyTable(pd.Index(self._catalogue.index), cat, self._dpos, self._apos, self._roles)

    def _two_mode(self) -> Any:
        if self._tm is None:
            self._tm = _core.TwoMode(self.n_actors, self.n_duties, self._apos, self._dpos,
                                     self._roles)
        return self._tm

    def _degrees(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.bincount(self._apos, minlength=self.n_actors),
                np.bincount(self._dpos, minlength=self.n_duties))

    # -- display ----------------------------------------------------------

    def __repr__(self) -> str:
        _, hold = self._degrees()
        n_cat = self._catalogue["category"].nunique()
        return (f"<govnet.DutyTable: {self.n_actors} actors, {self.n_duties} duties in {n_cat} "
                f"categor{'y' if n_cat == 1 else 'ies'}, {self.n_incidences} incidences, "
                f"{int((hold == 0).sum())} uncovered>")

    def _repr_html_(self) -> str:
        s = duty_summary(self)
        return (f"<div><strong>govnet.DutyTable</strong> {escape(repr(self)[1:-1])}"
                f"{s.to_html(float_format=lambda x: f'{x:.3f}')}</div>")


def _consistent(raw: pd.DataFrame, duty: np.ndarray, vals: np.ndarray, col: str) -> dict[str, str]:
    """duty -> its non-empty value of `col`; raises naming the row when a duty has two."""
    nonempty = vals != ""
    first: dict[str, tuple[str, int]] = {}
    for p in np.flatnonzero(nonempty):
        d, v = duty[p], vals[p]
        seen = first.get(d)
        if seen is None:
            first[d] = (v, int(p))
        elif seen[0] != v:
            raise InvalidNetworkError(f"{_where(raw, 'duties', int(p))}: duty {d!r} has {col} "
                                      f"{v!r} but row {seen[1]} gives {seen[0]!r}")
    return {d: v for d, (v, _) in first.items()}


def _read_catalogue(frame: pd.DataFrame) -> pd.DataFrame:
    _require_columns(frame, "duty catalogue", ["duty"])
    ids = _clean_ids(frame["duty"], frame, "duty catalogue", "duty")
    dup = pd.Index(ids).duplicated()
    if dup.any():
        p = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero(ids == ids[p])[0])
        raise InvalidNetworkError(f"{_where(frame, 'duty catalogue', p)}: duplicate duty "
                                  f"{ids[p]!r} (first at row {first})")

    def col(name: str, default: Any) -> np.ndarray:
        if name not in frame.columns:
            return np.asarray(default, dtype=object)
        v = frame[name].astype(object).where(frame[name].notna(), "").astype(str).str.strip()
        return v.to_numpy(dtype=object)

    labels = col("label", ids)
    labels = np.where(labels == "", ids, labels)
    return pd.DataFrame({"label": labels, "category": col("category", [""] * len(ids))},
                        index=pd.Index(ids, name="duty"))


def _check_dense(rows: int, cols: int, what: str) -> None:
    if rows * cols > _DENSE_LIMIT:
        from .errors import TooLargeError

        raise TooLargeError(f"{what} would have {rows} x {cols} cells, more than "
                            f"{_DENSE_LIMIT:,}; use the sparse functions instead")


def as_duty_table(data: Any) -> DutyTable:
    """A DutyTable from a DutyTable, a Network with duties, or a long table / file."""
    if isinstance(data, DutyTable):
        return data
    if isinstance(data, Network):
        return DutyTable.from_network(data)
    if isinstance(data, (pd.DataFrame, str, os.PathLike)):
        return DutyTable.from_frame(data)
    raise InvalidNetworkError(f"expected a DutyTable, a Network with duties or a duty table, "
                              f"got {type(data).__name__}")


# ---------------------------------------------------------------------------
# Measures


def duty_overlap(data: Any, *, min_shared: int = 1, threads: int | None = None,
                 progress: bool | None = None) -> pd.DataFrame:
    """Every pair of actors sharing duties, with overlap measures and a chance p-value.

    For actors a, b with duty sets A, B (sizes ``duties_a``, ``duties_b``) and
    N duties in the catalogue (including uncovered ones):

    * ``shared`` = |A ∩ B|; ``both_lead`` = duties both hold as lead (牵头),
      the sharpest ambiguity of responsibility (职责不清);
    * ``jaccard`` = |A ∩ B| / |A ∪ B|;
    * ``overlap`` = |A ∩ B| / min(|A|, |B|) (Szymkiewicz–Simpson);
    * ``cosine`` = |A ∩ B| / sqrt(|A| |B|) (Salton);
    * ``expected`` = |A| |B| / N, and ``p_value`` = P(X >= shared) for
      X ~ Hypergeometric(N, |A|, |B|): the chance that b's |B| duties, drawn
      without replacement from the N catalogue duties independently of a's,
      hit at least ``shared`` of a's (one-sided; not corrected for the many
      pairs tested). :func:`duty_null_model` gives the fixed-margin alternative.

    Parameters
    ----------
    data : DutyTable, Network with duties, or long duty table
    min_shared : int, default 1
        Keep pairs sharing at least this many duties.
    threads : int, optional
        Worker threads (default all); results are identical for any count.
    progress : bool, optional
        Show a progress bar (default: in interactive sessions).

    Returns
    -------
    DataFrame
        One row per unordered pair, ``actor_a`` before ``actor_b`` in actor
        order (both categorical over the actor ids), sorted by that order.
        Columns actor_a, actor_b, shared, both_lead, duties_a, duties_b,
        jaccard, overlap, cosine, expected, p_value.

    Notes
    -----
    Pairs sharing nothing are left out (all their measures are 0, p-value 1).
    Roles are ignored except in ``both_lead``. Cost: sum over duties of
    holders² / 2 plus the output; the output is refused (TooLargeError) if it
    would not fit in memory. networkx's ``bipartite.overlap_weighted_projected_graph``
    gives the same Jaccard (``jaccard=True``) and overlap coefficient
    (``jaccard=False``) weights.

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> t = govnet.DutyTable.from_frame(pd.DataFrame({
    ...     "actor": ["rc", "rc", "ws", "ws", "sc"], "duty": ["d1", "d2", "d1", "d2", "d2"]}))
    >>> govnet.duty_overlap(t)[["actor_a", "actor_b", "shared", "jaccard"]]
      actor_a actor_b  shared  jaccard
    0      rc      ws       2      1.0
    1      rc      sc       1      0.5
    2      ws      sc       1      0.5
    """
    t = as_duty_table(data)
    if not isinstance(min_shared, (int, np.integer)) or min_shared < 1:
        raise InvalidNetworkError(f"min_shared must be an integer >= 1, got {min_shared!r}")
    with progress_bar(progress, "duty overlap", t.n_actors) as cb:
        a, b, shared, both_lead = _core.shared_pairs(t._two_mode(), int(min_shared),
                                                     threads=check_threads(threads), progress=cb)
    deg, _ = t._degrees()
    deg_i = deg.astype(np.int32)
    deg_f = deg.astype(float)
    da, db = deg_i[a], deg_i[b]
    daf, dbf = deg_f[a], deg_f[b]
    s = shared.astype(float)
    n = t.n_duties
    p = _core.hypergeom_sf(shared, da, db, n, threads=check_threads(threads))
    prod = daf * dbf
    columns = {
        "actor_a": pd.Categorical.from_codes(a, categories=t.actor_ids),
        "actor_b": pd.Categorical.from_codes(b, categories=t.actor_ids),
        "shared": shared,
        "both_lead": both_lead,
        "duties_a": da,
        "duties_b": db,
        "jaccard": s / (daf + dbf - s),
        "overlap": s / np.minimum(daf, dbf),
        "cosine": s / np.sqrt(prod),
        "expected": prod / n,
        "p_value": p,
    }
    # copy=False keeps one block per column: no consolidation copy of ~100 bytes a pair
    return pd.DataFrame(columns, copy=False)


def duty_holders(data: Any) -> pd.DataFrame:
    """Per duty: how many actors hold it (redundancy), as lead and as assist.

    Returns
    -------
    DataFrame indexed by duty id (catalogue order)
        ``label``, ``category``, ``holders``, ``leads``, ``assists``,
        ``uncovered`` (no holder: a gap), ``ambiguous`` (2+ holders: 职责不清),
        ``multi_lead`` (2+ lead holders: the sharpest ambiguity — nobody knows
        who is in charge), ``no_lead`` (held, but only by assisting actors) and
        ``holder_ids`` (a tuple of actor ids, leads first).

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> t = govnet.DutyTable.from_frame(pd.DataFrame({
    ...     "actor": ["rc", "ws"], "duty": ["d1", "d1"], "role": ["lead", "lead"]}))
    >>> h = govnet.duty_holders(t)
    >>> h.loc["d1", "holder_ids"], int(h.loc["d1", "leads"]), bool(h.loc["d1", "multi_lead"])
    (('rc', 'ws'), 2, True)
    """
    t = as_duty_table(data)
    _, hold = t._degrees()
    leads = np.bincount(t._dpos[t._roles == _LEAD], minlength=t.n_duties)
    out = t.catalogue
    out["holders"] = hold
    out["leads"] = leads
    out["assists"] = hold - leads
    out["uncovered"] = hold == 0
    out["ambiguous"] = hold >= 2
    out["multi_lead"] = leads >= 2
    out["no_lead"] = (hold > 0) & (leads == 0)
    order = np.lexsort((t._apos, t._roles, t._dpos))
    ids = t.actor_ids.to_numpy()[t._apos[order]]
    bounds = np.concatenate([[0], np.cumsum(hold)])
    out["holder_ids"] = [tuple(ids[bounds[i]:bounds[i + 1]]) for i in range(t.n_duties)]
    return out


def actor_duties(data: Any) -> pd.DataFrame:
    """Per actor: duty count, exclusive duties, and the share held with others.

    Returns
    -------
    DataFrame indexed by actor id
        ``duties`` (held), ``leads``, ``assists``, ``exclusive`` (held by this
        actor alone), ``shared`` (held with at least one other actor),
        ``shared_share`` = shared / duties (NaN for an actor with no duty),
        ``partners`` (other actors sharing at least one duty).
    """
    t = as_duty_table(data)
    deg, hold = t._degrees()
    n = t.n_actors
    leads = np.bincount(t._apos[t._roles == _LEAD], minlength=n)
    exclusive = np.bincount(t._apos[hold[t._dpos] == 1], minlength=n)
    partners = np.zeros(n, dtype=np.int64)
    if n >= 2 and t.n_incidences:
        a, b, _, _ = _core.shared_pairs(t._two_mode(), 1)
        partners = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(deg > 0, (deg - exclusive) / np.maximum(deg, 1), np.nan)
    return pd.DataFrame({"duties": deg, "leads": leads, "assists": deg - leads,
                         "exclusive": exclusive, "shared": deg - exclusive,
                         "shared_share": share, "partners": partners},
                        index=t.actor_ids.copy())


def _gini(x: np.ndarray) -> float:
    """Gini coefficient of non-negative values (0 equal, (n-1)/n one holds all); NaN if all 0."""
    x = np.sort(np.asarray(x, dtype=float))
    n, total = x.size, x.sum()
    if n == 0 or total == 0:
        return float("nan")
    i = np.arange(1, n + 1)
    return float(np.sum((2 * i - n - 1) * x) / (n * total))


def duty_summary(data: Any, *, by_category: bool = True) -> pd.DataFrame:
    """Coverage, ambiguity and concentration of the duty list, overall and per category.

    For each group of duties (all duties, then each category / major item):

    * ``duties``, ``covered``, ``uncovered`` and ``coverage`` = covered / duties;
    * ``ambiguous`` (duties with 2+ holders) and ``ambiguity_index`` =
      ambiguous / duties (职责不清 share); ``multi_lead`` and
      ``multi_lead_share`` (2+ lead holders);
    * ``incidences`` and ``mean_holders`` = incidences / duties (redundancy);
    * ``actors_holding`` (actors with at least one duty of the group);
    * ``gini`` and ``herfindahl`` of the actors' duty counts in the group, over
      all actors of the table (those with none count as 0). Gini =
      Σ_i Σ_j |x_i − x_j| / (2 n² x̄): 0 when all hold equally, (n−1)/n when
      one holds all; Herfindahl = Σ_i (x_i / Σ x)², from 1/n to 1. NaN when the
      group has no incidence.

    Returns
    -------
    DataFrame indexed by ``category``: the first row ``"(all)"``, then the
    categories in order of first appearance in the catalogue.
    """
    t = as_duty_table(data)
    deg, hold = t._degrees()
    leads = np.bincount(t._dpos[t._roles == _LEAD], minlength=t.n_duties)
    cats = t._catalogue["category"].to_numpy(dtype=object)
    groups: list[tuple[str, np.ndarray]] = [(_ALL, np.ones(t.n_duties, dtype=bool))]
    if by_category:
        groups += [(str(c), cats == c) for c in pd.unique(cats)]
    rows = []
    for name, mask in groups:
        nd = int(mask.sum())
        inc = mask[t._dpos]
        x = np.bincount(t._apos[inc], minlength=t.n_actors).astype(float)
        total = x.sum()
        covered = int((hold[mask] > 0).sum())
        ambiguous = int((hold[mask] >= 2).sum())
        multi = int((leads[mask] >= 2).sum())
        rows.append({
            "category": name, "duties": nd, "covered": covered, "uncovered": nd - covered,
            "coverage": covered / nd if nd else np.nan, "ambiguous": ambiguous,
            "ambiguity_index": ambiguous / nd if nd else np.nan, "multi_lead": multi,
            "multi_lead_share": multi / nd if nd else np.nan, "incidences": int(total),
            "mean_holders": total / nd if nd else np.nan,
            "actors_holding": int((x > 0).sum()), "gini": _gini(x),
            "herfindahl": float(((x / total) ** 2).sum()) if total else np.nan,
        })
    return pd.DataFrame(rows).set_index("category")


def duty_concentration(data: Any) -> pd.Series:
    """How unevenly duties are spread over actors: Gini, Herfindahl, largest share.

    ``data`` is a DutyTable / Network with duties (each actor's number of
    duties, actors with none included) or per-actor counts given directly,
    e.g. published list lengths (a Series indexed by actor, or an array).
    Gini = Σ_i Σ_j |x_i − x_j| / (2 n² x̄) (0: equal; (n−1)/n: one actor holds
    all); Herfindahl = Σ_i (x_i / Σ x)² (from 1/n to 1); ``top_share`` and
    ``top_actor``: the largest holder. Counts of published lists may include
    duties several actors share; the measures then describe the lists, not
    distinct duties.

    Examples
    --------
    >>> import govnet
    >>> c = govnet.datasets.nanshan_duty_counts().set_index("actor")["sub_items"]
    >>> r = govnet.duty_concentration(c)
    >>> r["top_actor"], round(float(r["top_share"]), 3), round(float(r["gini"]), 3)
    ('service_center', 0.567, 0.584)
    """
    if isinstance(data, (DutyTable, Network)):
        t = as_duty_table(data)
        x = pd.Series(t._degrees()[0], index=t.actor_ids)
    else:
        x = pd.Series(data)
    values = pd.to_numeric(x, errors="coerce").to_numpy(dtype=float)
    if values.size == 0 or not np.isfinite(values).all() or (values < 0).any():
        raise InvalidNetworkError("duty counts must be finite, non-negative numbers (and at "
                                  "least one)")
    total = values.sum()
    top = int(np.argmax(values))
    return pd.Series({
        "actors": values.size, "duties": total, "gini": _gini(values),
        "herfindahl": float(((values / total) ** 2).sum()) if total else np.nan,
        "top_actor": x.index[top] if total else None,
        "top_share": values[top] / total if total else np.nan,
    }, name="duty_concentration", dtype=object)


_WEIGHTS = ("shared", "both_lead", "jaccard", "overlap", "cosine")


def duty_projection(data: Any, *, mode: str = "actors", weight: str = "shared",
                    min_shared: int = 1, relation: str | None = None,
                    threads: int | None = None) -> Network:
    """One-mode projection of the duty list (Breiger's duality) as a relation layer.

    ``mode="actors"``: actors tied when they share duties; ``mode="duties"``:
    duties tied when they share holders. The weight is one column of
    :func:`duty_overlap` (``shared`` count by default, or ``jaccard``,
    ``overlap``, ``cosine``, ``both_lead``) computed for that side. The layer
    is undirected; its weights are strengths (for the path-based measures,
    which read weights as distances, pass ``weight=None`` there or transform).

    Parameters
    ----------
    data : Network with duties, DutyTable, or long duty table
        For a Network and ``mode="actors"`` the result is ``net`` plus the
        layer (``net.with_layer``). Otherwise a new Network: its actors are the
        table's actors (tier ``plural``) or its duties (kind ``duty``, tier
        ``plural`` as a placeholder, ``name`` = label, ``category`` kept).
    relation : str, optional
        Layer name; default ``"shared_duties"`` (actors) or ``"shared_holders"``
        (duties).

    Raises
    ------
    EmptyNetworkError
        No pair shares anything (the layer would be empty).

    Examples
    --------
    >>> import pandas as pd, govnet
    >>> t = govnet.DutyTable.from_frame(pd.DataFrame({
    ...     "actor": ["rc", "ws", "ws", "sc"], "duty": ["d1", "d1", "d2", "d2"]}))
    >>> p = govnet.duty_projection(t)
    >>> govnet.degree_centrality(p, relation="shared_duties")["ws"]
    np.float64(1.0)
    """
    if mode not in ("actors", "duties"):
        raise InvalidNetworkError(f"mode must be 'actors' or 'duties', got {mode!r}")
    if weight not in _WEIGHTS:
        raise InvalidNetworkError(f"weight must be one of {_WEIGHTS}, got {weight!r}")
    t = as_duty_table(data)
    side = t if mode == "actors" else t.transpose()
    relation = relation or ("shared_duties" if mode == "actors" else "shared_holders")
    ov = duty_overlap(side, min_shared=min_shared, threads=threads, progress=False)
    if len(ov) == 0:
        thing = "duty" if mode == "actors" else "holder"
        raise EmptyNetworkError(f"no two {mode} share a {thing}; "
                                f"the {relation!r} layer would be empty")
    ties = pd.DataFrame({"source": ov["actor_a"].astype(object).to_numpy(),
                         "target": ov["actor_b"].astype(object).to_numpy(),
                         "weight": ov[weight].to_numpy(dtype=float)})
    if isinstance(data, Network) and mode == "actors":
        return data.with_layer(relation, ties, directed=False)
    if mode == "actors":
        nodes = pd.DataFrame({"id": t.actor_ids.to_numpy(), "tier": "plural", "kind": "actor"})
    else:
        cat = t.catalogue
        nodes = pd.DataFrame({"id": cat.index.to_numpy(), "name": cat["label"].to_numpy(),
                              "tier": "plural", "kind": "duty",
                              "category": cat["category"].to_numpy()})
    ties["relation"] = relation
    return Network.from_frames(nodes, ties, directed={relation: False},
                               meta={"name": f"duty projection ({mode})"})


# ---------------------------------------------------------------------------
# Null model


_STATISTICS = ("pairs_sharing", "overlap_sd", "max_shared", "ambiguity_index")


@dataclass(frozen=True)
class DutyNullResult:
    """Fixed-margin null model of a duty list (see :func:`duty_null_model`).

    Attributes
    ----------
    statistics : DataFrame
        Indexed by statistic (pairs_sharing, overlap_sd, max_shared,
        ambiguity_index): observed, mean, sd, z, p_greater, p_less.
    pairs : DataFrame or None
        Per observed sharing pair: actor_a, actor_b, shared, expected (null
        mean), sd, z, p_value (P(null >= observed), +1 corrected).
    null_distribution : DataFrame
        One row per sample, one column per statistic.
    n_samples, trades, seed : int
    """

    statistics: pd.DataFrame
    pairs: pd.DataFrame | None
    null_distribution: pd.DataFrame
    n_samples: int
    trades: int
    seed: int

    def __repr__(self) -> str:
        lines = [f"DutyNullResult(curveball, {self.n_samples} samples x {self.trades} trades, "
                 f"seed={self.seed})"]
        for name, r in self.statistics.iterrows():
            lines.append(f"  {name:<16} observed {r['observed']:.4g}  null {r['mean']:.4g} ± "
                         f"{r['sd']:.3g}  z {r['z']:.2f}  p≥ {r['p_greater']:.4f}")
        if self.pairs is not None:
            sig = int((self.pairs["p_value"] <= 0.05).sum())
            lines.append(f"  pairs: {len(self.pairs)} sharing duties, {sig} with p <= 0.05")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = escape(repr(self).splitlines()[0])
        table = self.statistics.to_html(float_format=lambda x: f"{x:.4g}")
        html = f"<div><strong>{head}</strong>{table}"
        if self.pairs is not None:
            top = self.pairs.sort_values("z", ascending=False).head(10)
            html += (f"<p>Pairs with the largest z (of {len(self.pairs)}):</p>"
                     f"{top.to_html(index=False)}")
        return html + "</div>"


def duty_null_model(data: Any, *, n_samples: int = 1000, trades: int | None = None,
                    seed: int | None = None, pairs: bool = True, threads: int | None = None,
                    progress: bool | None = None) -> DutyNullResult:
    """Is the overlap more than chance? A null model with every margin fixed.

    Each null sample is a 0/1 actor × duty matrix in which every actor holds
    as many duties and every duty has as many holders as observed, drawn by
    the curveball algorithm (Strona et al. 2014), which samples such matrices
    uniformly (Carstens 2015). Sample i is the end of an independent chain of
    ``trades`` trades started at the observed matrix and seeded from
    (seed, i), so results are reproducible and identical for any thread count.
    Roles are ignored (the incidence only).

    Statistics compared with the null:

    * ``pairs_sharing`` — actor pairs sharing at least one duty;
    * ``overlap_sd`` — the standard deviation (population) of the number of
      shared duties over all C(n, 2) actor pairs. The mean is fixed by the
      duties' holder counts (Σ_duties C(h, 2) / C(n, 2)), so a larger sd
      means the shared duties concentrate on fewer pairs;
    * ``max_shared`` — the largest number of duties one pair shares;
    * ``ambiguity_index`` — the share of duties with 2+ holders. It depends on
      the duties' holder counts only, which the null keeps: it is the same in
      every sample (sd 0, z NaN, p 1) and is reported to make that explicit.
      Whether the duty list is more ambiguous than chance is a question about
      *which* actors share (the pairs and the three statistics above), not
      about how many duties are shared.

    Parameters
    ----------
    n_samples : int, default 1000
    trades : int, optional
        Trades per chain. Default max(100, 5 L), L the smaller of the two
        dimensions (the chain trades along it); a heuristic burn-in — raise it
        to check the results do not change.
    seed : int, optional
        None draws one (stored in the result).
    pairs : bool, default True
        Also give each observed sharing pair's null mean, sd, z and p-value
        (24 bytes of memory per pair).

    Returns
    -------
    DutyNullResult
        ``z`` = (observed − mean) / sd with the sample sd (ddof 1), NaN when
        sd = 0; ``p_greater`` = (1 + #{null ≥ observed}) / (1 + n_samples) and
        ``p_less`` likewise with ≤.

    Notes
    -----
    The per-pair p-values are listed only for pairs that share at least one
    duty, so on random data more than 5% of *listed* pairs can have p <= 0.05
    (pairs sharing 2+ duties are rare but all significant); over all pairs the
    test keeps its level. They are not corrected for multiple testing.

    Cost per sample: 2 × trades × mean line length for the chain plus
    Σ_duties holders² / 2 for the overlaps; 10,000 actors × 50,000 duties
    with 10⁶ incidences take about 0.12 s of CPU per sample. Memory: 24 bytes
    per sharing pair plus 4 bytes per pair and sample in flight (8 samples).
    Ctrl-C stops within a sample.
    """
    t = as_duty_table(data)
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise InvalidNetworkError(f"n_samples must be a positive integer, got {n_samples!r}")
    if trades is not None and (not isinstance(trades, (int, np.integer)) or trades < 1):
        raise InvalidNetworkError(f"trades must be a positive integer or None, got {trades!r}")
    seed = check_seed(seed)
    with progress_bar(progress, "duty null model", n_samples) as cb:
        r = _core.duty_null_model(t._two_mode(), int(n_samples), int(trades or 0), seed, pairs,
                                  threads=check_threads(threads), progress=cb)
    R = int(n_samples)
    samples = r["samples"].reshape(len(_STATISTICS), R).T
    dist = pd.DataFrame(samples, columns=list(_STATISTICS))
    obs = r["observed"]
    mean = samples.mean(axis=0)
    sd = samples.std(axis=0, ddof=1) if R > 1 else np.full(len(_STATISTICS), np.nan)
    if R > 1:
        sd[np.ptp(samples, axis=0) == 0] = 0.0  # constant: no rounding noise from the mean
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sd > 0, (obs - mean) / sd, np.nan)
    # The C++ statistics are exact integers (overlap_sd from exact integer sums).
    stats = pd.DataFrame({
        "observed": obs, "mean": mean, "sd": sd, "z": z,
        "p_greater": np.where(np.isnan(obs), np.nan, (1 + (samples >= obs).sum(axis=0)) / (1 + R)),
        "p_less": np.where(np.isnan(obs), np.nan, (1 + (samples <= obs).sum(axis=0)) / (1 + R)),
    }, index=pd.Index(_STATISTICS, name="statistic"))
    pair_frame = None
    if pairs:
        a, b, shared, _ = _core.shared_pairs(t._two_mode(), 1, threads=check_threads(threads))
        m = r["pair_sum"] / R
        var = (r["pair_sum_sq"] - R * m * m) / (R - 1) if R > 1 else np.full(m.size, np.nan)
        psd = np.sqrt(np.maximum(var, 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            pz = np.where(psd > 0, (shared - m) / psd, np.nan)
        pair_frame = pd.DataFrame({
            "actor_a": pd.Categorical.from_codes(a, categories=t.actor_ids),
            "actor_b": pd.Categorical.from_codes(b, categories=t.actor_ids),
            "shared": shared, "expected": m, "sd": psd, "z": pz,
            "p_value": (1 + r["pair_ge"]) / (1 + R),
        })
    return DutyNullResult(stats, pair_frame, dist, R, int(r["trades"]), seed)


def duty_null_samples(data: Any, *, n_samples: int = 10, trades: int | None = None,
                      seed: int | None = None, first: int = 0) -> list[pd.DataFrame]:
    """The null samples :func:`duty_null_model` uses, as dense 0/1 DataFrames.

    Sample ``first + i`` here equals sample ``first + i`` of
    ``duty_null_model(data, seed=seed, trades=trades)``. Meant for checking
    the sampler (margins, uniformity) on small tables.
    """
    t = as_duty_table(data)
    _check_dense(t.n_actors * max(n_samples, 1), t.n_duties, "the null samples")
    seed = check_seed(seed)
    out = []
    for rows, cols in _core.curveball_samples(t._two_mode(), int(n_samples), int(trades or 0),
                                              seed, int(first)):
        m = np.zeros((t.n_actors, t.n_duties), dtype=np.int8)
        m[rows, cols] = 1
        out.append(pd.DataFrame(m, index=t.actor_ids.copy(), columns=t.duty_ids.copy()))
    return out
