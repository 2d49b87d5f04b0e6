"""A series of networks over time (waves): from snapshots or from dated ties and posts.

Each wave is an ordinary :class:`~govnet.Network`; the actor set may grow or
shrink between waves (actors are matched by id). Dated data: a row is
*active* on day ``d`` when ``start <= d <= end`` (inclusive; a blank or
absent ``start`` / ``end`` is open) — the same rule for actors (``start`` /
``end`` actor columns), ties (``start`` / ``end`` tie columns) and posts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.measures.centrality import CENTRALITIES, centralization
from govnet.measures.structure import core_profile
from govnet.model.network import Network
from govnet.model.people import active, check_date
from govnet.model.vocab import TIERS

__all__ = ["Waves", "from_snapshots", "from_dates", "tie_set"]


def tie_set(net: Network, relation: str) -> set[tuple[str, str]]:
    """The ties of one layer as a set of actor-id pairs ((a, b) with a <= b when
    undirected); the empty set if the wave has no such layer."""
    if relation not in net.relations:
        return set()
    g = net.layer(relation)
    s, t, _ = g.edges()
    ids = np.asarray(net.actor_ids, dtype=object)
    a, b = ids[s], ids[t]
    if not g.directed:
        swap = a > b
        a, b = np.where(swap, b, a), np.where(swap, a, b)
    return set(zip(a.tolist(), b.tolist()))


@dataclass(frozen=True)
class Waves:
    """Networks over time: ``labels`` (one per wave, in time order) and ``networks``.

    Build with :func:`from_snapshots` or :func:`from_dates`."""

    labels: tuple[str, ...]
    networks: tuple[Network, ...]

    def __post_init__(self) -> None:
        if len(self.labels) != len(self.networks) or not self.networks:
            raise InvalidParameterError("waves need one label per network and at least one network")
        if len(set(self.labels)) != len(self.labels):
            raise InvalidParameterError(f"wave labels repeat: {list(self.labels)}")
        for x in self.networks:
            if not isinstance(x, Network):
                raise TypeError(f"waves must be govnet Networks, got {type(x).__name__}")

    def __len__(self) -> int:
        return len(self.networks)

    def __getitem__(self, label: str) -> Network:
        return self.networks[self.labels.index(label)]

    @property
    def relations(self) -> list[str]:
        """Every layer name of any wave, in order of first appearance."""
        return list(dict.fromkeys(r for x in self.networks for r in x.relations))

    def _relations(self, relation: Any) -> list[str]:
        every = self.relations
        if relation is None:
            if len(every) != 1:
                raise InvalidParameterError(
                    f"relation=None is ambiguous: the waves have layers {every}; pass one name, a "
                    f"list, or 'all'")
            return every
        if relation == "all":
            return every
        names = [relation] if isinstance(relation, str) else list(relation)
        unknown = [r for r in names if r not in every]
        if unknown:
            raise InvalidParameterError(f"no layer {unknown} in any wave; layers: {every}")
        return names

    # -- per-wave measures --------------------------------------------------

    def measures(self, measures: Sequence[str | Callable[..., pd.Series]] = ("degree",), *,
                 relation: Any = None, **options: Any) -> pd.DataFrame:
        """Per-actor measures of every wave in one long table: ``wave``, ``actor``,
        ``measure``, ``value``. ``measures`` are names of
        :data:`govnet.measures.centrality.CENTRALITIES` or functions
        ``f(net, relation=..., **options) -> Series``. A wave without the chosen
        layer(s) gives no rows."""
        frames = []
        for label, x in zip(self.labels, self.networks):
            rels = [r for r in self._relations(relation) if r in x.relations]
            if not rels:
                continue
            for m in measures:
                if isinstance(m, str):
                    if m not in CENTRALITIES:
                        raise InvalidParameterError(f"unknown measure {m!r}; known: {list(CENTRALITIES)}")
                    f, name = CENTRALITIES[m], m
                else:
                    f, name = m, getattr(m, "__name__", "measure")
                s = f(x, relation=rels if len(rels) > 1 else rels[0], **options)
                frames.append(pd.DataFrame({"wave": label, "actor": s.index.to_numpy(),
                                            "measure": name, "value": s.to_numpy(dtype=float)}))
        cols = ["wave", "actor", "measure", "value"]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)

    def apply(self, func: Callable[[Network], Any], *, name: str | None = None) -> pd.DataFrame:
        """``func(network)`` on every wave, stacked with a ``wave`` column: a Series
        (per actor or per organisation) becomes rows ``wave``, ``key``, ``value``
        (``name`` or the Series' name in ``measure``); a DataFrame keeps its columns,
        its index becoming ``key``; a number becomes one row. For the measures that
        are not per-actor centralities, e.g. ``govnet.people.organisation_shares``."""
        frames = []
        for label, x in zip(self.labels, self.networks):
            out = func(x)
            if isinstance(out, pd.Series):
                frames.append(pd.DataFrame({"wave": label, "key": out.index.to_numpy(),
                                            "measure": name or out.name or "value",
                                            "value": out.to_numpy()}))
            elif isinstance(out, pd.DataFrame):
                f = out.reset_index()
                f = f.rename(columns={f.columns[0]: "key"})
                f.insert(0, "wave", label)
                frames.append(f)
            else:
                frames.append(pd.DataFrame({"wave": [label], "measure": [name or "value"],
                                            "value": [out]}))
        return pd.concat(frames, ignore_index=True)

    def centralization(self, measure: str = "degree", *, relation: Any = None) -> pd.Series:
        """Freeman centralization (:func:`govnet.centralization`) per wave (NaN where the
        wave lacks the layer)."""
        out = []
        for x in self.networks:
            rels = [r for r in self._relations(relation) if r in x.relations]
            out.append(centralization(x, measure, relation=rels) if rels else np.nan)
        return pd.Series(out, index=pd.Index(self.labels, name="wave"), name=f"{measure}_centralization")

    def tier_shares(self) -> pd.DataFrame:
        """Share of each wave's actors in each tier (rows waves, columns tiers), and ``actors``."""
        rows = []
        for x in self.networks:
            counts = x.actors["tier"].value_counts().reindex(list(TIERS), fill_value=0)
            rows.append({**(counts / len(x)).to_dict(), "actors": len(x)})
        return pd.DataFrame(rows, index=pd.Index(self.labels, name="wave"))

    def core_over_time(self, *, relation: Any = None, core: Any = None) -> pd.DataFrame:
        """The core's profile (:func:`govnet.core_profile`) per wave: for each centrality
        the core's share and best rank, the pair dependency and the reach within 1
        and 2 steps (rows waves)."""
        rows = []
        for label, x in zip(self.labels, self.networks):
            rels = [r for r in self._relations(relation) if r in x.relations]
            if not rels:
                rows.append({"wave": label})
                continue
            p = core_profile(x, core, relation=rels)
            row: dict[str, Any] = {"wave": label}
            for k, r in p.centrality.iterrows():
                row[f"{k}_share"] = r["share"]
                row[f"{k}_rank"] = r["best_rank"]
            row["pair_dependency"] = p.pair_dependency
            for k, v in p.reach.items():
                row[f"reach_{k}"] = v
            rows.append(row)
        return pd.DataFrame(rows).set_index("wave")

    # -- change between waves -------------------------------------------------

    def change(self, *, relation: Any = None) -> pd.DataFrame:
        """Tie change between consecutive waves, per layer: ``kept`` (N11),
        ``added`` (N01), ``dropped`` (N10), ``jaccard`` = N11 / (N01 + N10 + N11)
        (Snijders et al.'s stability index; NaN if both waves are empty),
        ``hamming`` = N01 + N10 (ties of entering or leaving actors count as
        added or dropped), and ``stable_actors``, the actors in both waves."""
        rels = self._relations(relation)
        rows = []
        for i in range(1, len(self)):
            a, b = self.networks[i - 1], self.networks[i]
            common = len(set(a.actor_ids) & set(b.actor_ids))
            for r in rels:
                x, y = tie_set(a, r), tie_set(b, r)
                kept, added, dropped = len(x & y), len(y - x), len(x - y)
                union = kept + added + dropped
                rows.append({"from": self.labels[i - 1], "to": self.labels[i], "relation": r,
                             "kept": kept, "added": added, "dropped": dropped,
                             "jaccard": kept / union if union else np.nan,
                             "hamming": added + dropped, "stable_actors": common})
        cols = ["from", "to", "relation", "kept", "added", "dropped", "jaccard", "hamming",
                "stable_actors"]
        return pd.DataFrame(rows, columns=cols)

    def actor_change(self) -> pd.DataFrame:
        """Actors entering and leaving: one row per (wave, actor, ``"entered"`` /
        ``"left"``) relative to the previous wave (the first wave: every actor enters)."""
        rows = []
        prev: list[str] = []
        for label, x in zip(self.labels, self.networks):
            now = list(x.actor_ids)
            p, nset = set(prev), set(now)
            rows += [{"wave": label, "actor": a, "change": "entered"} for a in now if a not in p]
            rows += [{"wave": label, "actor": a, "change": "left"} for a in prev if a not in nset]
            prev = now
        return pd.DataFrame(rows, columns=["wave", "actor", "change"])

    def __repr__(self) -> str:
        parts = ", ".join(f"{lab} ({len(x)} actors, {x.num_ties('all') if x.relations else 0} ties)"
                          for lab, x in zip(self.labels, self.networks))
        return f"Waves({len(self)} waves: {parts})"

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{escape(str(lab))}</td><td>{len(x)}</td>"
                       f"<td>{x.num_ties('all') if x.relations else 0}</td></tr>"
                       for lab, x in zip(self.labels, self.networks))
        return (f"<div><strong>Waves</strong><table><tr><th>wave</th><th>actors</th><th>ties</th>"
                f"</tr>{rows}</table></div>")


def from_snapshots(networks: Sequence[Network], labels: Sequence[Any] | None = None) -> Waves:
    """Waves from networks observed at successive times (labels default ``"1"``, ``"2"``, ...)."""
    nets = tuple(networks)
    labs = tuple(str(i + 1) for i in range(len(nets))) if labels is None else tuple(map(str, labels))
    return Waves(labs, nets)


def _active_rows(frame: pd.DataFrame, day: pd.Timestamp, what: str) -> np.ndarray:
    parsed = frame.copy()
    for c in ("start", "end"):
        if c in parsed.columns and not pd.api.types.is_datetime64_any_dtype(parsed[c].dtype):
            text = parsed[c].astype(object).where(parsed[c].notna(), "").astype(str).str.strip()
            val = pd.to_datetime(text.where(text != "", None), errors="coerce", format="mixed")
            bad = val.isna().to_numpy() & (text != "").to_numpy()
            if bad.any():
                pos = int(np.flatnonzero(bad)[0])
                raise InvalidNetworkError(f"{what} row {pos}: {c} {text.iloc[pos]!r} is not a date")
            parsed[c] = val
    return active(parsed, day)


def from_dates(net: Network, dates: Sequence[Any], labels: Sequence[Any] | None = None) -> Waves:
    """Waves cut from one dated network: for each day in ``dates`` (increasing), the
    actors, ties and posts active that day (see the module docstring). Labels
    default to the dates as YYYY-MM-DD. Each layer keeps its direction; a wave in
    which a layer has no tie simply lacks it."""
    days = [check_date(d) for d in dates]
    if not days:
        raise InvalidParameterError("dates is empty")
    if any(b <= a for a, b in zip(days, days[1:])):  # type: ignore[operator]
        raise InvalidParameterError("dates must be increasing")
    labs = [d.strftime("%Y-%m-%d") for d in days] if labels is None else list(map(str, labels))  # type: ignore[union-attr]
    actors = net.actors.reset_index()
    actors["tier"] = actors["tier"].astype(str)
    ties = net.ties()
    tables = net.optional_tables()
    directed = {r: net.relation_spec(r).directed for r in net.relations}
    out = []
    for day in days:
        a = actors[_active_rows(actors, day, "actors")]
        keep = set(a["id"])
        t = ties[_active_rows(ties, day, "ties")]
        t = t[t["source"].isin(keep) & t["target"].isin(keep)]
        posts = tables.get("posts")
        persons = tables.get("persons")
        if posts is not None:
            posts = posts[active(posts, day) & posts["actor"].isin(keep).to_numpy()]
        used = {r: directed[r] for r in dict.fromkeys(t["relation"])}
        out.append(Network.from_frames(a, t.reset_index(drop=True), directed=used or None,
                                       duplicates=net.options["duplicates"],
                                       self_loops=net.options["self_loops"],
                                       meta={**net.meta, "wave": str(day.date())},  # type: ignore[union-attr]
                                       persons=persons, posts=posts))
    return Waves(tuple(labs), tuple(out))
