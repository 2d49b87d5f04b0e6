"""The duty list (职责清单) as an actor × duty incidence with lead/assist roles."""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet.duties._common import _ASSIST, _LEAD, _check_dense, _gini
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.io.tables import read_table
from govnet.model.network import Network
from govnet.model.validation import clean_ids, id_str, require_columns, row_label, validate_duties

_ALL = "(all)"


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
            raise InvalidParameterError(
                f"duties must be a DataFrame or a file, got {type(table).__name__}")
        require_columns(frame, "duties", ["actor", "duty"])
        if isinstance(actors, Network):
            codes = pd.Index(actors.actor_ids)
        elif actors is not None:
            ids = [id_str(a) for a in actors]
            codes = pd.Index(ids)
            if codes.has_duplicates:
                raise InvalidNetworkError(
                    f"actors: duplicate actor id {codes[codes.duplicated()][0]!r}")
        else:
            codes = pd.Index(pd.unique(clean_ids(frame["actor"], frame, "duties", "actor")))
        clean = validate_duties(frame, codes)
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
            raise InvalidParameterError(f"matrix must be a DataFrame, got {type(matrix).__name__}")
        if role not in ("lead", "assist"):
            raise InvalidParameterError(f"role must be 'lead' or 'assist', got {role!r}")
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
        actors = [id_str(a) for a in matrix.index]
        duties = [id_str(d) for d in matrix.columns]
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
            pd.Index([id_str(x) for x in actors])
        d_ids = pd.RangeIndex(duties).astype(str) if isinstance(duties, (int, np.integer)) else \
            pd.Index([id_str(x) for x in duties])
        for name, arr, n in (("actor_pos", a, len(a_ids)), ("duty_pos", d, len(d_ids))):
            bad = (arr < 0) | (arr >= n)
            if bad.any():
                p = int(np.flatnonzero(bad)[0])
                raise InvalidNetworkError(f"{name}[{p}] = {arr[p]} is not a position in [0, {n})")
        if a_ids.has_duplicates or d_ids.has_duplicates:
            raise InvalidNetworkError("actor and duty ids must be unique")
        rl = np.zeros(a.size, np.uint8) if roles is None else np.asarray(roles)
        if rl.shape != a.shape or not np.isin(rl, (0, 1)).all():
            raise InvalidParameterError("roles must be an array of 0 (lead) / 1 (assist) codes, "
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
        """clean: output of validate_duties (deduplicated); raw: the rows as given,
        for naming rows in errors about categories and labels."""
        raw_duty = clean_ids(raw["duty"], raw, "duties", "duty")
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
                    f"{row_label(raw, 'duties', p)}: duty {raw_duty[p]!r} is not in the "
                    f"duty catalogue")
            for col in ("category", "label"):
                for d, v in given.get(col, {}).items():
                    have = cat.at[d, col]
                    if v and have and have != v and not (col == "label" and have == d):
                        p = int(np.flatnonzero(raw_duty == d)[0])
                        raise InvalidNetworkError(
                            f"{row_label(raw, 'duties', p)}: duty {d!r} has {col} {v!r} but the "
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
            raise InvalidNetworkError(f"{row_label(raw, 'duties', int(p))}: duty {d!r} has {col} "
                                      f"{v!r} but row {seen[1]} gives {seen[0]!r}")
    return {d: v for d, (v, _) in first.items()}


def _read_catalogue(frame: pd.DataFrame) -> pd.DataFrame:
    require_columns(frame, "duty catalogue", ["duty"])
    ids = clean_ids(frame["duty"], frame, "duty catalogue", "duty")
    dup = pd.Index(ids).duplicated()
    if dup.any():
        p = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero(ids == ids[p])[0])
        raise InvalidNetworkError(f"{row_label(frame, 'duty catalogue', p)}: duplicate duty "
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
