"""Deliberation (协商): meetings and platforms, consensus dynamics, a deliberation index.

Three parts:

* **Meetings and platforms** — joint meetings (联席会议) and deliberation
  platforms (协商平台) are named groups of attending actors with a kind
  (``joint_meeting``, ``platform``, ...) and a frequency. They come in as a
  long table (:func:`meetings_from_frame`), leave as an actor × meeting matrix
  (:func:`attendance_matrix`), count participation (:func:`participation`) and
  project to a weighted co-attendance layer (:func:`co_attendance`).
* **Consensus dynamics** on an influence matrix built from a relation
  (:func:`influence_matrix`): DeGroot (1974) averaging (:func:`degroot`) and
  Friedkin–Johnsen (1990) anchoring (:func:`friedkin_johnsen`), with the core as
  agenda-setter and veto holder (建议权、否决权), and the Markov-chain structure
  (:func:`influence_structure`) that says in advance whether opinions converge.
* **The deliberation index** (:func:`deliberation_index`): plurality of
  subjects (多元性), openness of channels (畅通性) and consistency of goals
  (一致性), plus participation inequality and information asymmetry.

References
----------
DeGroot, M. H. (1974). Reaching a consensus. Journal of the American
Statistical Association 69(345), 118–121. doi:10.1080/01621459.1974.10480137

Friedkin, N. E., & Johnsen, E. C. (1990). Social influence and opinions.
Journal of Mathematical Sociology 15(3–4), 193–206.
doi:10.1080/0022250X.1990.9990069

Friedkin, N. E., & Johnsen, E. C. (2011). Social Influence Network Theory: A
Sociological Examination of Small Group Dynamics. Cambridge University Press.
doi:10.1017/CBO9780511976735
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._common import Relation, as_network, check_threads, layer_of, progress_bar
from .errors import ActorNotFoundError, InvalidNetworkError
from .network import Network, _validate_meetings
from .vocab import TIERS

__all__ = [
    "meetings_from_frame",
    "attendance_matrix",
    "participation",
    "co_attendance_ties",
    "co_attendance",
    "deliberation_network",
    "InfluenceMatrix",
    "influence_matrix",
    "InfluenceStructure",
    "influence_structure",
    "Decision",
    "DegrootResult",
    "degroot",
    "FriedkinJohnsenResult",
    "friedkin_johnsen",
    "DeliberationIndex",
    "deliberation_index",
]

#: Meeting frequencies given as words, in meetings per year.
FREQUENCY_WORDS = {
    "annual": 1.0, "yearly": 1.0, "每年": 1.0, "年度": 1.0,
    "half-yearly": 2.0, "semiannual": 2.0, "半年": 2.0,
    "quarterly": 4.0, "每季度": 4.0, "季度": 4.0,
    "monthly": 12.0, "每月": 12.0, "月度": 12.0,
    "biweekly": 26.0, "weekly": 52.0, "每周": 52.0, "daily": 365.0, "每天": 365.0,
}


# ---------------------------------------------------------------------------
# Small display helpers


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return "nan" if math.isnan(v) else f"{v:.6g}"
    return str(v)


def _html(title: str, rows: Sequence[tuple[str, Any]], note: str = "") -> str:
    body = "".join(f"<tr><td>{escape(k)}</td><td>{escape(_fmt(v))}</td></tr>" for k, v in rows)
    extra = f"<p>{escape(note)}</p>" if note else ""
    return f"<div><strong>{escape(title)}</strong><table>{body}</table>{extra}</div>"


def _text(title: str, rows: Sequence[tuple[str, Any]]) -> str:
    inner = ", ".join(f"{k}={_fmt(v)}" for k, v in rows)
    return f"{title}({inner})"


# ---------------------------------------------------------------------------
# Meetings and platforms


def meetings_from_frame(frame: pd.DataFrame, *, layout: str = "long", meeting_col: str = "meeting",
                        actor_col: str = "actor", kind_col: str = "kind",
                        frequency_col: str = "frequency", kind: str = "joint_meeting",
                        frequency: float = 1.0) -> pd.DataFrame:
    """An attendance table (meeting, actor, kind, frequency) from a DataFrame.

    Parameters
    ----------
    frame : DataFrame
        ``layout="long"``: one row per (meeting, actor) with ``meeting_col`` and
        ``actor_col``, optional ``kind_col`` and ``frequency_col``.
        ``layout="wide"``: an actor × meeting table (index: actor ids, columns:
        meeting names), any non-zero, non-missing cell meaning "attends".
    kind : str, default "joint_meeting"
        Kind of meeting where the table gives none (``joint_meeting`` 联席会议,
        ``platform`` 协商平台, or any name).
    frequency : float, default 1
        Meetings per period where the table gives none. A frequency may also be
        a word (``monthly``, ``quarterly``, 每月, ...: meetings per year, see
        :data:`FREQUENCY_WORDS`).

    Returns
    -------
    DataFrame
        Columns ``meeting``, ``actor``, ``kind``, ``frequency`` (float > 0) and
        any other columns of a long table; pass it to
        ``Network.from_frames(..., meetings=...)`` or to the ``meetings=``
        argument of the functions here.

    Raises
    ------
    InvalidNetworkError
        Missing columns, empty names, a bad frequency, or a meeting giving two
        kinds or two frequencies; the message names the row.
    """
    if not isinstance(frame, pd.DataFrame):
        raise InvalidNetworkError(f"meetings must be a DataFrame, got {type(frame).__name__}")
    if layout == "wide":
        cells = frame.apply(pd.to_numeric, errors="coerce").fillna(0.0)
        stacked = cells.stack()
        stacked = stacked[stacked != 0]
        long = pd.DataFrame({"meeting": [str(m) for _, m in stacked.index],
                             "actor": [str(a) for a, _ in stacked.index]})
        meeting_col, actor_col = "meeting", "actor"
    elif layout == "long":
        long = frame
    else:
        raise InvalidNetworkError(f"layout must be 'long' or 'wide', got {layout!r}")
    missing = [c for c in (meeting_col, actor_col) if c not in long.columns]
    if missing:
        raise InvalidNetworkError(f"meetings: missing column(s) {missing}; columns present: "
                                  f"{[str(c) for c in long.columns]}")
    out = pd.DataFrame({"meeting": long[meeting_col].astype(str).str.strip().to_numpy(),
                        "actor": long[actor_col].astype(str).str.strip().to_numpy()})
    for col, values in (("meeting", out["meeting"]), ("actor", out["actor"])):
        source = long[meeting_col if col == "meeting" else actor_col]
        bad = (values == "").to_numpy() | source.isna().to_numpy()
        if bad.any():
            raise InvalidNetworkError(f"meetings row {int(np.flatnonzero(bad)[0])}: {col} is empty")
    kinds = (long[kind_col].astype(object).where(long[kind_col].notna(), kind).astype(str)
             .str.strip().replace("", kind).to_numpy()
             if kind_col in long.columns else np.full(len(out), kind, dtype=object))
    out["kind"] = kinds
    raw = long[frequency_col].to_numpy(dtype=object) if frequency_col in long.columns else None
    out["frequency"] = [_frequency(raw[i] if raw is not None else None, frequency, i)
                        for i in range(len(out))]
    for col in ("kind", "frequency"):
        per = out.groupby("meeting", sort=False)[col].nunique()
        if (per > 1).any():
            name = per.index[np.flatnonzero((per > 1).to_numpy())[0]]
            raise InvalidNetworkError(f"meetings: meeting {name!r} is given more than one {col}")
    if layout == "long":
        for c in long.columns:
            if c not in (meeting_col, actor_col, kind_col, frequency_col):
                out[str(c)] = long[c].to_numpy()
    return out.drop_duplicates(subset=["meeting", "actor"]).reset_index(drop=True)


def _frequency(value: Any, default: float, row: int) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)) or (
            isinstance(value, str) and value.strip() == ""):
        value = default
    if isinstance(value, str):
        word = value.strip().lower()
        if word in FREQUENCY_WORDS:
            return FREQUENCY_WORDS[word]
        try:
            value = float(word)
        except ValueError:
            raise InvalidNetworkError(
                f"meetings row {row}: frequency {value!r} is neither a number nor one of "
                f"{sorted(FREQUENCY_WORDS)}") from None
    f = float(value)
    if not (math.isfinite(f) and f > 0):
        raise InvalidNetworkError(
            f"meetings row {row}: frequency {value!r} must be a positive number")
    return f


def _meetings(net: Network, meetings: pd.DataFrame | None, kind: str | Sequence[str] | None
              ) -> pd.DataFrame:
    """The attendance table to use (validated against the network), filtered by kind."""
    if meetings is None:
        m = net.meetings
        if m is None:
            raise InvalidNetworkError(
                "the network has no meetings; pass meetings=... or build it with "
                "Network.from_frames(..., meetings=...)")
    else:
        m = _validate_meetings(meetings, net.actor_ids)
    if "kind" not in m.columns:
        m["kind"] = "joint_meeting"
    m["kind"] = m["kind"].astype(object).where(m["kind"].notna(), "joint_meeting").astype(str)
    if "frequency" in m.columns:
        raw = m["frequency"].to_numpy(dtype=object)
        m["frequency"] = [_frequency(raw[i], 1.0, i) for i in range(len(m))]
    else:
        m["frequency"] = 1.0
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        m = m[m["kind"].isin(kinds)]
        if len(m) == 0:
            raise InvalidNetworkError(f"no meeting of kind {kinds}; kinds present: "
                                      f"{sorted(set(_meetings(net, meetings, None)['kind']))}")
    return m.reset_index(drop=True)


def _weight_mode(weight: str | None) -> str | None:
    if weight not in (None, "frequency"):
        raise InvalidNetworkError(f"weight must be None or 'frequency', got {weight!r}")
    return weight


def attendance_matrix(net: Any, *, meetings: pd.DataFrame | None = None,
                      kind: str | Sequence[str] | None = None,
                      weight: str | None = None) -> pd.DataFrame:
    """Actor × meeting attendance matrix (two-mode, 0/1 or frequency).

    Parameters
    ----------
    net : Network or networkx graph
    meetings : DataFrame, optional
        An attendance table (see :func:`meetings_from_frame`); default the
        network's ``net.meetings``.
    kind : str or list of str, optional
        Keep only meetings of these kinds (``joint_meeting``, ``platform``).
    weight : {None, "frequency"}
        None: cells are 1 for attendance; ``"frequency"``: the meeting's frequency.

    Returns
    -------
    DataFrame
        Index: every actor id (actors who attend nothing have a row of zeros);
        columns: meeting names in order of first appearance; float cells.
    """
    net = as_network(net)
    m = _meetings(net, meetings, kind)
    _weight_mode(weight)
    names = list(dict.fromkeys(m["meeting"]))
    out = np.zeros((len(net), len(names)))
    rows = net.actor_ids.get_indexer(m["actor"])
    cols = pd.Index(names).get_indexer(m["meeting"])
    out[rows, cols] = m["frequency"].to_numpy() if weight == "frequency" else 1.0
    return pd.DataFrame(out, index=net.actor_ids.copy(), columns=pd.Index(names, name="meeting"))


def participation(net: Any, *, by: str = "actor", meetings: pd.DataFrame | None = None,
                  kind: str | Sequence[str] | None = None,
                  weight: str | None = None) -> pd.Series | pd.DataFrame:
    """How much each actor (or tier, or kind) takes part in meetings and platforms.

    ``by="actor"``: a Series indexed by actor id, the number of meetings each
    actor attends (or, with ``weight="frequency"``, the sum of their
    frequencies: attendances per period). ``by="tier"`` or ``by="kind"``: a
    DataFrame with, per tier (一核 / 支撑 / 多元 / 外部) or kind, the number of
    actors, the number taking part, their share, and the total and mean
    attendance. Tiers appear in their model order, all four always.
    """
    net = as_network(net)
    a = attendance_matrix(net, meetings=meetings, kind=kind, weight=weight)
    counts = pd.Series(a.to_numpy().sum(axis=1), index=net.actor_ids.copy(), name="participation")
    if by == "actor":
        return counts
    if by not in ("tier", "kind"):
        raise InvalidNetworkError(f"by must be 'actor', 'tier' or 'kind', got {by!r}")
    groups = net.actors[by].astype(str)
    frame = pd.DataFrame({"group": groups.to_numpy(), "attendance": counts.to_numpy(),
                          "takes_part": counts.to_numpy() > 0})
    g = frame.groupby("group", sort=False)
    out = pd.DataFrame({"actors": g.size(), "taking_part": g["takes_part"].sum().astype(int),
                        "attendance": g["attendance"].sum()})
    if by == "tier":
        out = out.reindex(list(TIERS), fill_value=0)
        out.insert(0, "tier_zh", [TIERS[t].zh for t in out.index])
    out.index.name = by
    out["share_taking_part"] = out["taking_part"] / out["actors"].where(out["actors"] > 0)
    out["mean_attendance"] = out["attendance"] / out["actors"].where(out["actors"] > 0)
    return out


def co_attendance_ties(meetings: pd.DataFrame, *, weight: str | None = None) -> pd.DataFrame:
    """Undirected co-attendance ties: one row per pair of actors sharing a meeting.

    ``weight`` of a pair = number of meetings both attend (``weight=None``), or
    the sum of those meetings' frequencies (``weight="frequency"``). Pairs are
    listed once with ``source < target`` (string order), sorted. This is the
    one-mode projection ``A Aᵀ`` of the attendance matrix, off the diagonal.
    """
    _weight_mode(weight)
    m = meetings
    if weight == "frequency" and "frequency" not in m.columns:
        raise InvalidNetworkError("weight='frequency' needs a frequency column in the meetings")
    rows: list[tuple[str, str, float]] = []
    for _, group in m.groupby("meeting", sort=False):
        f = float(_frequency(group["frequency"].iloc[0], 1.0, int(group.index[0]))) \
            if weight == "frequency" else 1.0
        actors = sorted(set(group["actor"].astype(str)))
        rows.extend((a, b, f) for a, b in combinations(actors, 2))
    ties = pd.DataFrame(rows, columns=["source", "target", "weight"])
    return ties.groupby(["source", "target"], sort=True)["weight"].sum().reset_index()


def co_attendance(net: Any, *, meetings: pd.DataFrame | None = None,
                  kind: str | Sequence[str] | None = None, weight: str | None = None,
                  relation: str = "deliberation") -> Network:
    """A new network with a co-attendance layer (协商) projected from the meetings.

    Two actors are tied when they attend at least one common meeting; the tie
    weight is the number of meetings they share, or with
    ``weight="frequency"`` the sum of the shared meetings' frequencies
    (joint sittings per period). The layer is undirected. Raises
    InvalidNetworkError if ``relation`` already exists (choose another name,
    e.g. ``"deliberation_platforms"``).
    """
    net = as_network(net)
    m = _meetings(net, meetings, kind)
    return net.with_layer(relation, co_attendance_ties(m, weight=weight), directed=False)


def deliberation_network(net: Any, *, meetings: pd.DataFrame | None = None,
                         kind: str | Sequence[str] | None = None,
                         weight: str | None = None) -> Network:
    """The participants only, tied by co-attendance (relation ``deliberation``).

    A new network of the actors attending at least one meeting (of ``kind``),
    with their id, name, tier and kind, ``net.meta`` (so ``meta["veto"]``
    stays), and one undirected layer ``deliberation`` weighted as in
    :func:`co_attendance_ties`. Run consensus dynamics on it when
    non-attending actors (who would keep their own opinion for ever and block
    a consensus) should not count.
    """
    net = as_network(net)
    m = _meetings(net, meetings, kind)
    takers = list(dict.fromkeys(a for a in net.actor_ids if a in set(m["actor"])))
    actors = net.actors.loc[takers].reset_index()
    actors["tier"] = actors["tier"].astype(str)
    ties = co_attendance_ties(m, weight=weight).assign(relation="deliberation")
    return Network.from_frames(actors[["id", "name", "tier", "kind"]], ties,
                               meetings=m[m["actor"].isin(takers)].reset_index(drop=True),
                               meta=net.meta)


# ---------------------------------------------------------------------------
# Influence matrix and its chain structure


@dataclass(frozen=True, eq=False)  # pandas fields: compare by identity
class InfluenceMatrix:
    """A row-stochastic influence matrix W over the actors (W[i, j]: weight i gives j).

    Build one with :func:`influence_matrix` or :meth:`from_array`.
    """

    actor_ids: pd.Index
    matrix: Any = field(repr=False)  # govnet._core.InfluenceMatrix

    @classmethod
    def from_array(cls, matrix: Any, actors: Sequence[Any] | None = None,
                   tol: float = 1e-9) -> InfluenceMatrix:
        """From a dense array, a square DataFrame (its index gives the actors) or a
        scipy sparse matrix. Rows must be non-negative and sum to 1 within ``tol``."""
        if isinstance(matrix, pd.DataFrame):
            actors = list(matrix.index) if actors is None else actors
            matrix = matrix.to_numpy(dtype=float)
        if hasattr(matrix, "tocsr"):
            csr = matrix.tocsr()
            csr.sum_duplicates()
            csr.eliminate_zeros()
            csr.sort_indices()
            n = csr.shape[0]
            offsets, cols, vals = csr.indptr, csr.indices, csr.data
            if csr.shape[0] != csr.shape[1]:
                raise InvalidNetworkError(f"influence matrix must be square, got {csr.shape}")
        else:
            a = np.asarray(matrix, dtype=float)
            if a.ndim != 2 or a.shape[0] != a.shape[1]:
                raise InvalidNetworkError(f"influence matrix must be square, got shape {a.shape}")
            if (a < 0).any():
                i, j = np.argwhere(a < 0)[0]
                raise InvalidNetworkError(
                    f"influence matrix entry ({i}, {j}) = {a[i, j]} is negative")
            n = a.shape[0]
            nz = a != 0
            offsets = np.concatenate([[0], np.cumsum(nz.sum(axis=1))])
            rows_, cols = np.nonzero(nz)
            vals = a[rows_, cols]
        ids = pd.RangeIndex(n).astype(str) if actors is None else pd.Index([str(x) for x in actors])
        if len(ids) != n:
            raise InvalidNetworkError(f"{len(ids)} actor ids for a {n} x {n} matrix")
        try:
            core = _core.make_influence_matrix(n, np.asarray(offsets, dtype=np.int64),
                                               np.asarray(cols, dtype=np.int32),
                                               np.asarray(vals, dtype=float), tol)
        except ValueError as exc:
            raise InvalidNetworkError(f"influence matrix: {exc}") from None
        return cls(ids, core)

    @property
    def n(self) -> int:
        return int(self.matrix.n)

    @property
    def nnz(self) -> int:
        return int(self.matrix.nnz)

    def to_frame(self) -> pd.DataFrame:
        """Dense actor × actor DataFrame (small networks only)."""
        if self.n > 20000:
            raise InvalidNetworkError(
                f"a dense {self.n} x {self.n} matrix is too large; use to_scipy()")
        out = np.zeros((self.n, self.n))
        off = self.matrix.offsets()
        rows = np.repeat(np.arange(self.n), np.diff(off))
        out[rows, self.matrix.cols()] = self.matrix.vals()
        return pd.DataFrame(out, index=self.actor_ids.copy(), columns=self.actor_ids.copy())

    def to_scipy(self) -> Any:
        """A scipy.sparse.csr_array (needs scipy)."""
        from scipy import sparse

        return sparse.csr_array((self.matrix.vals(), self.matrix.cols(), self.matrix.offsets()),
                                shape=(self.n, self.n))

    def self_weights(self) -> pd.Series:
        """W[i, i] per actor."""
        off, cols, vals = self.matrix.offsets(), self.matrix.cols(), self.matrix.vals()
        rows = np.repeat(np.arange(self.n), np.diff(off))
        diag = np.zeros(self.n)
        mask = rows == cols
        diag[rows[mask]] = vals[mask]
        return pd.Series(diag, index=self.actor_ids.copy(), name="self_weight")

    def __repr__(self) -> str:
        return f"<govnet.InfluenceMatrix: {self.n} actors, {self.nnz} non-zero weights>"

    def _repr_html_(self) -> str:
        return _html("govnet.InfluenceMatrix", [("actors", self.n), ("non-zero weights", self.nnz)])


def influence_matrix(net: Any, *, relation: Relation = "deliberation",
                     weight: str | None = "weight", self_weight: float = 0.5,
                     stubbornness: Mapping[Any, float] | pd.Series | None = None,
                     reverse: bool = False) -> InfluenceMatrix:
    """The influence matrix W (影响矩阵) of a relation: row-normalised tie weights.

    ``W[i, i] = s_i`` and, for every other actor j that i listens to,
    ``W[i, j] = (1 - s_i) · w_ji / Σ_k w_ki`` — the tie weights into i,
    normalised to share ``1 - s_i``. Each row sums to 1.

    Parameters
    ----------
    relation : str, list of str or None, default "deliberation"
        The layer(s) whose ties carry influence (a list is aggregated by
        summing weights; None: all layers).
    weight : str or None, default "weight"
        Any string: tie weights are strengths (a tie of weight 2 counts twice);
        None: every tie counts 1.
    self_weight : float in [0, 1], default 0.5
        ``s_i`` for every actor: how much each actor keeps its own opinion per
        round. A positive self-weight makes the chain aperiodic; 0 gives plain
        row normalisation (which may oscillate on bipartite structures).
    stubbornness : mapping or Series actor id -> float in [0, 1], optional
        Per-actor self-weights overriding ``self_weight`` (1: never moves).
    reverse : bool, default False
        Direction: by default a tie u → v means u influences v (leadership:
        the leader's view reaches the led), so v's row holds u. ``True``
        reads u → v as "u listens to v". Undirected layers are symmetric.

    Notes
    -----
    An actor with no tie to listen to keeps its opinion (``W[i, i] = 1``) —
    a closed class of its own, so it blocks a consensus. Self-loops of the
    layer are ignored. O(n + m).
    """
    net = as_network(net)
    g = layer_of(net, relation)
    if weight is None and g.weighted:
        g = layer_of(net, relation, mode="any")
    s = _unit_float(self_weight, "self_weight")
    sw = np.array([s])
    if stubbornness is not None:
        sw = np.full(len(net), s)
        items = stubbornness.items() if hasattr(stubbornness, "items") else None
        if items is None:
            raise InvalidNetworkError("stubbornness must be a mapping or Series actor id -> [0, 1]")
        for actor, value in items:
            sw[net.position(actor)] = _unit_float(value, f"stubbornness[{actor!r}]")
    return InfluenceMatrix(net.actor_ids, _core.influence_matrix(g, sw, reverse=bool(reverse)))


def _unit_float(value: Any, what: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidNetworkError(f"{what} must be a number in [0, 1], got {value!r}") from None
    if not (0.0 <= v <= 1.0):
        raise InvalidNetworkError(f"{what} must be in [0, 1], got {value!r}")
    return v


@dataclass(frozen=True, eq=False)  # pandas fields: compare by identity
class InfluenceStructure:
    """Markov-chain structure of an influence matrix: does averaging converge?

    Attributes
    ----------
    component : Series
        Strongly connected component of each actor (arcs i → j where W[i, j] > 0).
    closed : tuple of int
        Components no influence leaves: closed (essential) classes.
    periods : dict
        Period (gcd of cycle lengths) of each closed class; 1 means aperiodic.
    converges : bool
        Every closed class is aperiodic: W^t converges, so DeGroot opinions
        settle from any start.
    consensus : bool
        Exactly one closed class and it is aperiodic: every start ends in a
        consensus (DeGroot 1974; Friedkin & Johnsen 2011, ch. 2).
    reason : str
        The verdict in words.
    """

    component: pd.Series = field(repr=False)
    closed: tuple[int, ...]
    periods: dict[int, int]
    converges: bool
    consensus: bool
    reason: str

    @property
    def closed_classes(self) -> list[list[str]]:
        """Actor ids of each closed class, in the order of ``closed``."""
        return [list(self.component.index[self.component.to_numpy() == c]) for c in self.closed]

    @property
    def num_components(self) -> int:
        return int(self.component.max()) + 1 if len(self.component) else 0

    def __repr__(self) -> str:
        return _text("InfluenceStructure", [("components", self.num_components),
                                            ("closed_classes", len(self.closed)),
                                            ("converges", self.converges),
                                            ("consensus", self.consensus),
                                            ("reason", self.reason)])

    def _repr_html_(self) -> str:
        return _html("govnet.InfluenceStructure",
                     [("strongly connected components", self.num_components),
                      ("closed classes", len(self.closed)), ("converges", self.converges),
                      ("consensus", self.consensus)], self.reason)


def influence_structure(w: InfluenceMatrix) -> InfluenceStructure:
    """Strongly connected components, closed classes and their periods.

    DeGroot opinions ``x(t) = W^t x(0)`` converge from every start iff every
    closed class is aperiodic, and reach a consensus from every start iff in
    addition there is exactly one closed class (finite Markov-chain theory).
    The period of a class is the gcd of its cycle lengths, found as the gcd of
    ``level(u) + 1 - level(v)`` over the class's arcs u → v with breadth-first
    levels from one actor. Tarjan's algorithm; O(n + nnz), nothing iterated.
    """
    d = _core.chain_structure(w.matrix)
    comp = d["component"]
    closed = tuple(int(c) for c in np.flatnonzero(d["closed"]))
    periods = {c: int(d["period"][c]) for c in closed}
    periodic = [c for c in closed if periods[c] != 1]
    converges = not periodic
    consensus = converges and len(closed) == 1
    if periodic:
        c = periodic[0]
        members = w.actor_ids[comp == c]
        reason = (f"no convergence: closed class of {len(members)} actor(s) "
                  f"({', '.join(map(str, members[:5]))}{', ...' if len(members) > 5 else ''}) "
                  f"is periodic with period {periods[c]}; opinions cycle forever "
                  f"(add a self-weight to break it)")
    elif len(closed) > 1:
        reason = (f"converges without consensus: {len(closed)} closed classes "
                  f"(groups nobody outside influences) each settle on their own value")
    else:
        reason = "converges to a consensus: one closed class, aperiodic"
    return InfluenceStructure(pd.Series(comp, index=w.actor_ids.copy(), name="component"),
                              closed, periods, converges, consensus, reason)


# ---------------------------------------------------------------------------
# DeGroot and Friedkin–Johnsen


@dataclass(frozen=True)
class Decision:
    """A proposal decided under a veto (否决权).

    The proposal passes with the others when more than half of all actors end
    with an opinion ``>= threshold``; it passes when, in addition, the veto
    holder's final opinion clears the threshold. ``veto_decided`` is True when
    the majority would pass it and the veto stops it.
    """

    veto_holder: str
    threshold: float
    veto_opinion: float
    support: float
    passes_without_veto: bool
    passes: bool
    veto_decided: bool

    def __repr__(self) -> str:
        return _text("Decision", [(k, getattr(self, k)) for k in self.__dataclass_fields__])

    def _repr_html_(self) -> str:
        return _html("govnet.Decision", [(k, getattr(self, k)) for k in self.__dataclass_fields__])


def _decide(final: pd.Series, veto: Any, threshold: float) -> Decision | None:
    if veto is None:
        return None
    key = str(veto)
    if key not in final.index:
        raise ActorNotFoundError(f"veto holder {key!r} is not in the network")
    support = float((final.to_numpy() >= threshold).mean())
    without = support > 0.5
    v = float(final[key])
    passes = without and v >= threshold
    return Decision(key, float(threshold), v, support, without, passes, without and not passes)


def _opinions(w: InfluenceMatrix, opinions: Any, agenda: Mapping[Any, float] | None) -> np.ndarray:
    ids = w.actor_ids
    if np.isscalar(opinions):
        x = np.full(len(ids), float(opinions))  # type: ignore[arg-type]
    elif isinstance(opinions, (pd.Series, Mapping)):
        s = pd.Series(opinions, dtype=float) if isinstance(opinions, Mapping) else opinions
        s.index = [str(k) for k in s.index]
        missing = ids.difference(s.index)
        if len(missing):
            raise InvalidNetworkError(
                f"opinions: no initial opinion for {len(missing)} actor(s), e.g. {missing[0]!r}")
        extra = pd.Index(s.index).difference(ids)
        if len(extra):
            raise ActorNotFoundError(f"opinions: {extra[0]!r} is not an actor of the network")
        x = pd.to_numeric(s, errors="coerce").reindex(ids).to_numpy(dtype=float)
    else:
        x = np.asarray(opinions, dtype=float)
        if x.shape != (len(ids),):
            raise InvalidNetworkError(f"opinions: expected {len(ids)} values, got shape {x.shape}")
        x = x.copy()
    if agenda:
        for actor, value in agenda.items():
            pos = ids.get_indexer([str(actor)])[0]
            if pos < 0:
                raise ActorNotFoundError(f"agenda: {actor!r} is not an actor of the network")
            x[pos] = float(value)
    if not np.isfinite(x).all():
        pos = int(np.flatnonzero(~np.isfinite(x))[0])
        raise InvalidNetworkError(
            f"opinions: initial opinion of {ids[pos]!r} is not a finite number")
    return x


def _matrix(net: Any, relation: Relation, weight: str | None, self_weight: float,
            stubbornness: Any) -> InfluenceMatrix:
    if isinstance(net, InfluenceMatrix):
        return net
    return influence_matrix(net, relation=relation, weight=weight, self_weight=self_weight,
                            stubbornness=stubbornness)


def _trajectory(w: InfluenceMatrix, traj: np.ndarray) -> pd.DataFrame | None:
    if traj.shape[0] == 0:
        return None
    out = pd.DataFrame(traj, columns=w.actor_ids.copy())
    out.index.name = "iteration"
    return out


def _agenda_rows(agenda: Any, power: Any, power_label: str, decision: Any) -> list[tuple[str, Any]]:
    """Display rows shared by the DeGroot and Friedkin–Johnsen results."""
    rows: list[tuple[str, Any]] = []
    for actor, value in agenda.items():
        rows.append((f"agenda {actor}: proposal", value))
        if power is not None:
            rows.append((f"{power_label} of {actor}", float(power[actor])))
    if decision is not None:
        d = decision
        rows += [(f"veto holder {d.veto_holder}: final opinion", d.veto_opinion),
                 ("support (share >= threshold)", d.support), ("passes", d.passes),
                 ("veto decided it", d.veto_decided)]
    return rows


@dataclass(frozen=True, eq=False)  # pandas fields: compare by identity
class DegrootResult:
    """Outcome of DeGroot averaging; see :func:`degroot`."""

    opinions: pd.Series
    initial: pd.Series = field(repr=False)
    converged: bool
    consensus: float
    iterations: int
    consensus_iteration: int | None
    spread: float
    social_power: pd.Series | None = field(repr=False)
    structure: InfluenceStructure = field(repr=False)
    reason: str
    decision: Decision | None
    agenda: dict[str, float]
    trajectory: pd.DataFrame | None = field(repr=False)

    def _rows(self) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = [
            ("actors", len(self.opinions)), ("converged", self.converged),
            ("consensus value", self.consensus), ("iterations", self.iterations),
            ("iterations to ε-consensus", self.consensus_iteration), ("final spread", self.spread)]
        return rows + _agenda_rows(self.agenda, self.social_power, "social power", self.decision)

    def __repr__(self) -> str:
        return _text("DegrootResult", self._rows() + [("reason", self.reason)])

    def _repr_html_(self) -> str:
        return _html("govnet DeGroot consensus", self._rows(), self.reason)


def degroot(net: Any, opinions: Any = 0.0, *, relation: Relation = "deliberation",
            weight: str | None = "weight", self_weight: float = 0.5,
            stubbornness: Mapping[Any, float] | None = None,
            agenda: Mapping[Any, float] | None = None,
            veto: Any = None, threshold: float = 0.5, tol: float = 1e-6, max_iter: int = 10000,
            trajectory: int = 0, threads: int | None = None,
            progress: bool | None = None) -> DegrootResult:
    """DeGroot (1974) consensus: every round, each actor takes the weighted mean
    of the opinions it listens to, ``x(t+1) = W x(t)``.

    Parameters
    ----------
    net : Network, networkx graph or InfluenceMatrix
        With a network, W is built by :func:`influence_matrix` from
        ``relation``, ``weight``, ``self_weight`` and ``stubbornness``.
    opinions : float, Series, mapping or array, default 0
        Initial opinions: one number for all, or one per actor (every actor).
    agenda : mapping actor id -> float, optional
        Agenda-setters (议程设置, the core's right of proposal 建议权): their
        initial opinion is the proposal, overriding ``opinions``.
    veto : actor id, optional
        Veto holder (e.g. ``net.meta["veto"]``); see :class:`Decision`.
    threshold : float, default 0.5
        Opinion a proposal needs to pass (with the majority and the veto holder).
    tol : float, default 1e-6
        ε of ε-consensus: stop when ``max x - min x <= tol`` (one closed
        class), or when no opinion moves more than ``tol`` in a round (several
        closed classes).
    max_iter : int, default 10000
    trajectory : int, default 0
        Keep the states ``x(0) .. x(trajectory)`` as a DataFrame (rows: iterations).
    threads : int, optional
        Worker threads; results are bit-identical for any count.

    Returns
    -------
    DegrootResult
        ``opinions`` (final, Series by actor id), ``consensus`` (the common
        value, NaN without consensus), ``iterations``, ``consensus_iteration``
        (first t with spread <= tol, None if never), ``spread``,
        ``social_power`` (the left Perron vector π = πW, Σπ = 1: each actor's
        share in the consensus, ``consensus = π · x(0)``; None without a
        consensus), ``structure`` (:class:`InfluenceStructure`),
        ``converged``, ``reason``, ``decision``, ``trajectory``.

    Notes
    -----
    Non-convergence is decided before iterating, from the chain's structure
    (:func:`influence_structure`): a periodic closed class (e.g. two actors
    who only listen to each other, self-weight 0) makes opinions cycle for
    ever, so no iteration is run beyond ``trajectory`` rounds and
    ``converged`` is False with the reason. Each round costs O(n + nnz);
    rounds to ε-consensus grow like ``log(1/ε) / (1 - |λ₂|)``.

    References
    ----------
    DeGroot (1974) doi:10.1080/01621459.1974.10480137;
    Friedkin & Johnsen (2011), Social Influence Network Theory, ch. 2.

    Examples
    --------
    >>> import govnet
    >>> net = govnet.deliberation_network(govnet.datasets.nanshan())  # the 14 who attend
    >>> r = govnet.degroot(net, 0.0, agenda={"party_committee": 1.0}, veto="party_committee")
    >>> r.converged, round(r.consensus, 4), round(float(r.social_power["party_committee"]), 4)
    (True, 0.0714, 0.0714)
    >>> r.decision.passes, r.decision.veto_decided
    (False, False)
    """
    w = _matrix(net, relation, weight, self_weight, stubbornness)
    x0 = _opinions(w, opinions, agenda)
    tol, max_iter, trajectory = _iteration_args(tol, max_iter, trajectory)
    st = influence_structure(w)
    th = check_threads(threads)
    steps = max_iter if st.converges else trajectory
    with progress_bar(progress, "DeGroot", steps) as cb:
        d = _core.degroot(w.matrix, x0, max_iter=steps, tol=tol,
                          stop_on_change=not st.consensus, record=trajectory, threads=th,
                          progress=cb)
    final = series_ids(w, d["opinions"], "opinion")
    converged = bool(d["converged"]) and st.converges
    reason = st.reason
    power = None
    value = math.nan
    if st.converges and not d["converged"]:
        reason = (f"iteration limit max_iter={max_iter} reached before tol={tol:g} "
                  f"(spread {d['spread']:.3g}); {st.reason}")
    if st.consensus:
        with progress_bar(progress, "social power", max_iter) as cb:
            pv, p_iter, p_ok, p_change = _core.left_perron(
                w.matrix, max_iter=max_iter, tol=min(tol, 1e-12) * 1e-2, threads=th, progress=cb)
        power = series_ids(w, pv, "social_power")
        if not p_ok:
            reason += (f"; social power not converged after {p_iter} power iterations "
                       f"(last change {p_change:.2g}): raise max_iter")
        if converged:
            value = float(np.mean(d["opinions"]))
    ci = int(d["consensus_iteration"])
    return DegrootResult(
        opinions=final, initial=series_ids(w, x0, "initial_opinion"), converged=converged,
        consensus=value, iterations=int(d["iterations"]),
        consensus_iteration=ci if ci >= 0 else None, spread=float(d["spread"]),
        social_power=power, structure=st, reason=reason,
        decision=_decide(final, veto, threshold) if converged else None,
        agenda={str(k): float(v) for k, v in (agenda or {}).items()},
        trajectory=_trajectory(w, d["trajectory"]))


def series_ids(w: InfluenceMatrix, values: Any, name: str) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float), index=w.actor_ids.copy(), name=name)


def _iteration_args(tol: float, max_iter: int, trajectory: int) -> tuple[float, int, int]:
    if not (isinstance(tol, (int, float)) and tol >= 0 and math.isfinite(tol)):
        raise InvalidNetworkError(f"tol must be a finite number >= 0, got {tol!r}")
    for name, v in (("max_iter", max_iter), ("trajectory", trajectory)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 0:
            raise InvalidNetworkError(f"{name} must be a non-negative integer, got {v!r}")
    return float(tol), int(max_iter), int(trajectory)


@dataclass(frozen=True, eq=False)  # pandas fields: compare by identity
class FriedkinJohnsenResult:
    """Outcome of Friedkin–Johnsen anchored averaging; see :func:`friedkin_johnsen`."""

    opinions: pd.Series
    initial: pd.Series = field(repr=False)
    susceptibility: pd.Series = field(repr=False)
    converged: bool
    iterations: int
    closed_form: pd.Series | None = field(repr=False)
    agreement: float
    social_power: pd.Series | None = field(repr=False)
    spread: float
    reason: str
    decision: Decision | None
    agenda: dict[str, float]
    trajectory: pd.DataFrame | None = field(repr=False)

    def _rows(self) -> list[tuple[str, Any]]:
        rows: list[tuple[str, Any]] = [
            ("actors", len(self.opinions)), ("converged", self.converged),
            ("iterations", self.iterations), ("mean final opinion", float(self.opinions.mean())),
            ("final spread", self.spread),
            ("max |iteration - closed form|", self.agreement)]
        return rows + _agenda_rows(self.agenda, self.social_power, "influence centrality",
                                   self.decision)

    def __repr__(self) -> str:
        return _text("FriedkinJohnsenResult", self._rows() + [("reason", self.reason)])

    def _repr_html_(self) -> str:
        return _html("govnet Friedkin–Johnsen equilibrium", self._rows(), self.reason)


def friedkin_johnsen(net: Any, opinions: Any = 0.0, *, susceptibility: Any = None,
                     relation: Relation = "deliberation", weight: str | None = "weight",
                     self_weight: float = 0.5, stubbornness: Mapping[Any, float] | None = None,
                     agenda: Mapping[Any, float] | None = None, veto: Any = None,
                     threshold: float = 0.5, tol: float = 1e-10, max_iter: int = 100000,
                     trajectory: int = 0, closed_form: bool | None = None,
                     threads: int | None = None, progress: bool | None = None
                     ) -> FriedkinJohnsenResult:
    """Friedkin–Johnsen (1990) opinions: influence anchored on initial positions,
    ``x(t+1) = Λ W x(t) + (I - Λ) x(0)``, Λ = diag(susceptibility).

    Equilibrium (closed form): ``x* = (I - Λ W)⁻¹ (I - Λ) x(0) = V x(0)``.
    ``V`` is the matrix of total influence; its column means are each actor's
    influence centrality (Friedkin & Johnsen 2011), reported as
    ``social_power``.

    Parameters
    ----------
    susceptibility : float, Series, mapping or array, optional
        λ_i in [0, 1]: how open actor i is to others (0: keeps x_i(0)).
        Default: Friedkin & Johnsen's coupling ``λ_i = 1 - W[i, i]``, so
        stubborn actors (high self-weight) are less susceptible.
    closed_form : bool, optional
        Compute ``x*`` by a dense linear solve as well (numpy.linalg.solve) and
        report ``agreement = max |x_iterated - x*|``. Default: when n <= 3000.
        Not available when ``I - ΛW`` is singular (see Notes).
    Other parameters as in :func:`degroot`; the iteration stops when no
    opinion moves more than ``tol`` in a round.

    Notes
    -----
    ``ΛW`` has spectral radius below 1 — a unique equilibrium reached from any
    start — iff every closed class of W contains an actor with λ_i < 1. A
    closed class of fully susceptible actors (λ = 1) follows DeGroot
    dynamics: it converges if aperiodic (no closed form then, ``I - ΛW`` is
    singular) and cycles for ever if periodic (detected, not iterated).
    O(n + nnz) per round; the closed form is O(n³).

    References
    ----------
    Friedkin & Johnsen (1990) doi:10.1080/0022250X.1990.9990069;
    Friedkin & Johnsen (2011), Social Influence Network Theory, CUP,
    doi:10.1017/CBO9780511976735.
    """
    w = _matrix(net, relation, weight, self_weight, stubbornness)
    x0 = _opinions(w, opinions, agenda)
    tol, max_iter, trajectory = _iteration_args(tol, max_iter, trajectory)
    if susceptibility is None:
        lam = 1.0 - w.self_weights().to_numpy()
    else:
        lam = _opinions(w, susceptibility, None)
        bad = (lam < 0) | (lam > 1)
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            raise InvalidNetworkError(
                f"susceptibility of {w.actor_ids[pos]!r} is {lam[pos]}, not in [0, 1]")
    st = influence_structure(w)
    comp = st.component.to_numpy()
    free = [c for c in st.closed if (lam[comp == c] >= 1.0).all()]
    periodic = [c for c in free if st.periods[c] != 1]
    contraction = not free
    if periodic:
        reason = (f"no convergence: a closed class of fully susceptible actors (λ = 1) is "
                  f"periodic with period {st.periods[periodic[0]]}; opinions cycle forever")
    elif free:
        reason = (f"converges, but {len(free)} closed class(es) have no anchored actor (λ < 1): "
                  f"they follow DeGroot averaging and I - ΛW is singular (no closed form)")
    else:
        reason = "unique equilibrium: every closed class has an anchored actor (ρ(ΛW) < 1)"
    steps = trajectory if periodic else max_iter
    with progress_bar(progress, "Friedkin-Johnsen", steps) as cb:
        d = _core.friedkin_johnsen(w.matrix, x0, lam, max_iter=steps, tol=tol, record=trajectory,
                                   threads=check_threads(threads), progress=cb)
    converged = bool(d["converged"]) and not periodic
    if not periodic and not d["converged"]:
        reason = f"iteration limit max_iter={max_iter} reached before tol={tol:g}; {reason}"
    final = series_ids(w, d["opinions"], "opinion")
    cf = power = None
    agreement = math.nan
    if closed_form is None:
        closed_form = w.n <= 3000
    if closed_form and contraction:
        dense = w.to_frame().to_numpy()
        a = np.eye(w.n) - lam[:, None] * dense
        v = np.linalg.solve(a, np.diag(1.0 - lam))
        cf = series_ids(w, v @ x0, "closed_form")
        power = series_ids(w, v.mean(axis=0), "influence_centrality")
        agreement = float(np.max(np.abs(cf.to_numpy() - d["opinions"]))) if w.n else 0.0
    return FriedkinJohnsenResult(
        opinions=final, initial=series_ids(w, x0, "initial_opinion"),
        susceptibility=series_ids(w, lam, "susceptibility"), converged=converged,
        iterations=int(d["iterations"]), closed_form=cf, agreement=agreement,
        social_power=power, spread=float(d["spread"]), reason=reason,
        decision=_decide(final, veto, threshold) if converged else None,
        agenda={str(k): float(v) for k, v in (agenda or {}).items()},
        trajectory=_trajectory(w, d["trajectory"]))


# ---------------------------------------------------------------------------
# Deliberation index


@dataclass(frozen=True, eq=False)  # pandas fields: compare by identity
class DeliberationIndex:
    """Plurality (多元性), openness (畅通性) and consistency (一致性) of deliberation.

    See :func:`deliberation_index` for every formula. ``details`` holds the
    sub-measures; ``participation`` and ``closeness`` are per-actor Series.
    """

    index: float
    plurality: float
    openness: float
    consistency: float
    participation_gini: float
    information_asymmetry: float
    weights: tuple[float, float, float]
    decision_body: tuple[str, ...]
    details: dict[str, Any] = field(repr=False)
    participation: pd.Series = field(repr=False)
    closeness: pd.Series = field(repr=False)

    def _rows(self) -> list[tuple[str, Any]]:
        return [("deliberation index (govnet's weighted mean)", self.index),
                ("plurality 多元性", self.plurality), ("openness 畅通性", self.openness),
                ("consistency 一致性", self.consistency),
                ("participation inequality (Gini)", self.participation_gini),
                ("information asymmetry (Gini of closeness to the decision body)",
                 self.information_asymmetry)] + [(k, v) for k, v in self.details.items()]

    def __repr__(self) -> str:
        keys = ("index", "plurality", "openness", "consistency", "participation_gini",
                "information_asymmetry")
        return _text("DeliberationIndex", [(k, getattr(self, k)) for k in keys] +
                     [("decision_body", ", ".join(self.decision_body))])

    def _repr_html_(self) -> str:
        return _html("govnet deliberation index", self._rows(),
                     f"decision body: {', '.join(self.decision_body)}; weights {self.weights}")

    def to_frame(self) -> pd.DataFrame:
        """All measures as a two-column table (measure, value)."""
        return pd.DataFrame(self._rows(), columns=["measure", "value"])


def _entropy(labels: Sequence[Any]) -> float:
    counts = pd.Series(list(labels)).value_counts().to_numpy(dtype=float)
    if counts.sum() == 0:
        return 0.0
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())


def _gini(x: np.ndarray) -> float:
    """Gini = Σ_i Σ_j |x_i - x_j| / (2 n² mean); NaN when the mean is 0."""
    x = np.sort(np.asarray(x, dtype=float))
    n = len(x)
    if n == 0 or x.sum() == 0:
        return math.nan
    ranks = np.arange(1, n + 1)
    return float((2 * ranks - n - 1) @ x / (n * x.sum()))


def _distances_to(g: Any, sources: np.ndarray, n: int) -> np.ndarray:
    """Hop distances from a set of actors (multi-source BFS on an undirected graph); inf if none."""
    off = g.out_offsets()
    tgt = g.out_targets()
    dist = np.full(n, np.inf)
    dist[sources] = 0
    frontier = np.unique(sources)
    level = 0
    while frontier.size:
        level += 1
        starts = off[frontier]
        lengths = off[frontier + 1] - starts
        # positions of every neighbour of the frontier, without a Python loop
        idx = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        nb = np.unique(tgt[idx])
        nb = nb[np.isinf(dist[nb])]
        dist[nb] = level
        frontier = nb
    return dist


def deliberation_index(net: Any, *, meetings: pd.DataFrame | None = None,
                       kind: str | Sequence[str] | None = None,
                       decision_body: Sequence[Any] | str | None = None,
                       relation: Relation = None, k: int = 2, epsilon: float = 1e-3,
                       self_weight: float = 0.5, weight: str | None = None,
                       weights: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> DeliberationIndex:
    """How well the network deliberates (协商治理): three components and their mean.

    The sources name three conditions of deliberative governance — plural
    subjects (协商主体的多元性), open channels (协商渠道的畅通性) and
    consistent goals around a centre (协商目标的一致性) — and three problems:
    unequal participation, long decision cycles and information asymmetry.
    Each is measured separately:

    **Plurality** P. Participants = actors attending at least one meeting (of
    ``kind``). With Shannon entropies ``H = -Σ p ln p`` of the participants'
    kinds and tiers, ``P = (H_kind / ln K + H_tier / ln 4) / 2``, K = number
    of kinds in the whole network (a term is 0 when K = 1). P = 0 with fewer
    than two participants (one subject alone cannot deliberate). Reported
    too: the counts of kinds and tiers taking part.

    **Openness** O. Over ``relation`` (default: all layers) read as undirected
    channels, with d(i) = hops from actor i to the nearest member of the
    decision body D: ``within_k`` = share of plural-tier and external actors
    with d <= k; ``reach`` = share of actors outside D with a path to D;
    ``mean_distance`` = mean d over those reaching D.
    ``O = (within_k + reach + 1 / mean_distance) / 3`` (terms that are
    undefined, e.g. no plural actors, are left out of the mean).

    **Consistency** C. DeGroot dynamics (:func:`degroot`, ``self_weight``)
    on the co-attendance projection among participants, starting from D's
    proposal (members of D at 1, other participants at 0; evenly spread
    opinions if D does not take part). With T = rounds to ε-consensus and
    D₀ = initial spread: ``C = 1 - (ε / D₀)^(1/T)``, the mean contraction of
    disagreement per round (1 if already agreed, 0 if no ε-consensus is
    reached: then ``final_dispersion`` in ``details`` says how far apart the
    participants stay).

    **Index** = ``(w_P P + w_O O + w_C C) / (w_P + w_O + w_C)`` with ``weights``
    (equal by default). This combination rule is a govnet choice, not a
    published scale: report the components beside it.

    **Participation inequality**: Gini coefficient of each actor's number of
    attendances (all actors, non-participants count 0). **Information
    asymmetry**: Gini of closeness to the decision body, 1/d(i) (0 when
    unreachable), over actors outside D.

    Parameters
    ----------
    decision_body : actor id or list, optional
        D. Default: the veto holder ``net.meta["veto"]`` if set, else the core tier.
    k : int, default 2
        Steps for ``within_k``.
    epsilon : float, default 1e-3
        ε of ε-consensus.
    weight : {None, "frequency"}
        Count meetings (None) or weigh them by frequency, in the projection
        and in participation.

    Returns
    -------
    DeliberationIndex

    Notes
    -----
    Costs: the projection O(Σ_meetings size²), the BFS O(n + m), DeGroot
    O(T · nnz) among participants.
    """
    net = as_network(net)
    m = _meetings(net, meetings, kind)
    _weight_mode(weight)
    if not (isinstance(k, (int, np.integer)) and k >= 1):
        raise InvalidNetworkError(f"k must be a positive integer, got {k!r}")
    if not (0 < epsilon < 1):
        raise InvalidNetworkError(f"epsilon must be in (0, 1), got {epsilon!r}")
    wts = tuple(float(x) for x in weights)
    if len(wts) != 3 or min(wts) < 0 or sum(wts) <= 0:
        raise InvalidNetworkError(
            f"weights must be three non-negative numbers, not all 0: {weights!r}")
    if decision_body is None:
        veto = net.meta.get("veto")
        body = [str(veto)] if veto is not None else net.tier_of("core")
    else:
        body = [decision_body] if isinstance(decision_body, str) else list(decision_body)
    if not body:
        raise InvalidNetworkError("the decision body is empty (no veto holder and no core actor)")
    body_pos = net.positions(body)
    body = [str(net.actor_ids[p]) for p in body_pos]
    actors = net.actors
    n = len(net)

    # Plurality
    part = participation(net, meetings=m, weight=weight)
    takers = part.index[part.to_numpy() > 0]
    kinds_net = actors["kind"].nunique()
    kinds_p = actors.loc[takers, "kind"].astype(str)
    tiers_p = actors.loc[takers, "tier"].astype(str)
    h_kind, h_tier = _entropy(kinds_p), _entropy(tiers_p)
    if len(takers) < 2:
        plurality = 0.0
    else:
        plurality = ((h_kind / math.log(kinds_net) if kinds_net > 1 else 0.0)
                     + h_tier / math.log(len(TIERS))) / 2

    # Openness
    g = layer_of(net, relation)
    if g.directed:
        g = g.to_undirected()
    dist = _distances_to(g, body_pos, n)
    outside = np.ones(n, dtype=bool)
    outside[body_pos] = False
    tier = actors["tier"].astype(str).to_numpy()
    open_tier = np.isin(tier, ["plural", "external"]) & outside
    within_k = float((dist[open_tier] <= k).mean()) if open_tier.any() else math.nan
    reaches = outside & np.isfinite(dist)
    reach = float(reaches.sum() / outside.sum()) if outside.any() else math.nan
    mean_distance = float(dist[reaches].mean()) if reaches.any() else math.inf
    terms = [t for t in (within_k, reach, 1.0 / mean_distance if reaches.any() else math.nan)
             if not math.isnan(t)]
    openness = float(np.mean(terms)) if terms else 0.0
    closeness = np.where(np.isfinite(dist), 1.0 / np.where(dist > 0, dist, 1.0), 0.0)
    closeness_s = pd.Series(np.where(outside, closeness, np.nan), index=net.actor_ids.copy(),
                            name="closeness_to_decision_body")

    # Consistency
    t_eps: int | None = None
    final_disp = math.nan
    if len(takers) < 2:
        consistency = 0.0
    else:
        sub = deliberation_network(net, meetings=m, weight=weight)
        in_body = [a for a in body if a in set(takers)]
        if in_body:
            x0: Any = pd.Series(0.0, index=sub.actor_ids)
            x0[in_body] = 1.0
        else:
            x0 = np.linspace(0.0, 1.0, len(sub))
        r = degroot(sub, x0, relation="deliberation", weight="weight",
                    self_weight=self_weight, tol=epsilon)
        t_eps = r.consensus_iteration
        final_disp = r.spread
        if t_eps is None:
            consistency = 0.0
        elif t_eps == 0:
            consistency = 1.0
        else:
            consistency = 1.0 - (epsilon / 1.0) ** (1.0 / t_eps)
    index = (wts[0] * plurality + wts[1] * openness + wts[2] * consistency) / sum(wts)
    details = {
        "participants": int(len(takers)), "meetings": int(m["meeting"].nunique()),
        "kinds taking part": int(kinds_p.nunique()), "kinds in network": int(kinds_net),
        "tiers taking part": int(tiers_p.nunique()), "H_kind (nats)": h_kind,
        "H_tier (nats)": h_tier, f"within_{k} (plural + external)": within_k,
        "reach": reach, "mean_distance": mean_distance,
        "iterations to ε-consensus": t_eps, "final_dispersion": final_disp, "epsilon": epsilon,
    }
    return DeliberationIndex(
        index=float(index), plurality=float(plurality), openness=openness,
        consistency=float(consistency), participation_gini=_gini(part.to_numpy()),
        information_asymmetry=_gini(closeness[outside]), weights=wts,  # type: ignore[arg-type]
        decision_body=tuple(body), details=details, participation=part,
        closeness=closeness_s)
