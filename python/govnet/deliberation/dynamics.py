"""Opinion dynamics of deliberation: influence matrices, DeGroot and Friedkin–Johnsen."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet import _core
from govnet._runtime import check_threads, progress_bar
from govnet.deliberation._common import _html, _text
from govnet.errors import ActorNotFoundError, InvalidNetworkError, InvalidParameterError
from govnet.model.access import Relation, as_network, layer_of, tie_weight


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
                raise InvalidParameterError(f"influence matrix must be square, got {csr.shape}")
        else:
            a = np.asarray(matrix, dtype=float)
            if a.ndim != 2 or a.shape[0] != a.shape[1]:
                raise InvalidParameterError(f"influence matrix must be square, got shape {a.shape}")
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
                     direction: str = "in") -> InfluenceMatrix:
    """The influence matrix W (影响矩阵) of a relation: row-normalised tie weights.

    ``W[i, i] = s_i`` and, for every other actor j that i listens to,
    ``W[i, j] = (1 - s_i) · w_ji / Σ_k w_ki`` — the tie weights into i,
    normalised to share ``1 - s_i``. Each row sums to 1.

    Parameters
    ----------
    relation : str, list of str or "all", default "deliberation"
        The layer(s) whose ties carry influence (a list or ``"all"`` is pooled
        by summing weights; see docs/conventions.md).
    weight : "weight" or None, default "weight"
        ``"weight"``: tie weights are strengths (a tie of weight 2 counts twice);
        None: every tie counts 1; any other name raises.
    self_weight : float in [0, 1], default 0.5
        ``s_i`` for every actor: how much each actor keeps its own opinion per
        round. A positive self-weight makes the chain aperiodic; 0 gives plain
        row normalisation (which may oscillate on bipartite structures).
    stubbornness : mapping or Series actor id -> float in [0, 1], optional
        Per-actor self-weights overriding ``self_weight`` (1: never moves).
    direction : {"in", "out"}, default "in"
        Whose view an actor's row holds on a directed layer: ``"in"`` — its
        in-neighbours, so a tie u → v means u influences v (leadership: the
        leader's view reaches the led); ``"out"`` — its out-neighbours, reading
        u → v as "u listens to v" (govnet 0.1's ``reverse=True``). Undirected
        layers are symmetric.

    Notes
    -----
    An actor with no tie to listen to keeps its opinion (``W[i, i] = 1``) —
    a closed class of its own, so it blocks a consensus. Self-loops of the
    layer are ignored. O(n + m).
    """
    net = as_network(net)
    if direction not in ("in", "out"):
        raise InvalidParameterError(f"direction must be 'in' or 'out', got {direction!r}")
    g = layer_of(net, relation)
    if not tie_weight(net, weight) and g.weighted:
        g = layer_of(net, relation, mode="any")
    s = _unit_float(self_weight, "self_weight")
    sw = np.array([s])
    if stubbornness is not None:
        sw = np.full(len(net), s)
        items = stubbornness.items() if hasattr(stubbornness, "items") else None
        if items is None:
            raise InvalidParameterError("stubbornness must be a mapping or Series actor id -> [0, 1]")
        for actor, value in items:
            sw[net.position(actor)] = _unit_float(value, f"stubbornness[{actor!r}]")
    return InfluenceMatrix(net.actor_ids, _core.influence_matrix(g, sw, reverse=direction == "out"))


def _unit_float(value: Any, what: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidParameterError(f"{what} must be a number in [0, 1], got {value!r}") from None
    if not (0.0 <= v <= 1.0):
        raise InvalidParameterError(f"{what} must be in [0, 1], got {value!r}")
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
        raise InvalidParameterError(f"tol must be a finite number >= 0, got {tol!r}")
    for name, v in (("max_iter", max_iter), ("trajectory", trajectory)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 0:
            raise InvalidParameterError(f"{name} must be a non-negative integer, got {v!r}")
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
