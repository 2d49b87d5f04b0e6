"""Meetings and platforms (协商平台): attendance, participation, co-attendance."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from govnet.deliberation._common import _frequency, _meetings, _weight_mode
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.access import as_network
from govnet.model.network import Network
from govnet.model.vocab import TIERS


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
        raise InvalidParameterError(f"meetings must be a DataFrame, got {type(frame).__name__}")
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
        raise InvalidParameterError(f"layout must be 'long' or 'wide', got {layout!r}")
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
