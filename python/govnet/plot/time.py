"""Plots over time (waves): a measure per actor, tie change between waves, tiers' shares.

Inputs are the tables of :class:`govnet.waves.Waves` (``measures()``, ``change()``,
``tier_shares()``); Chinese labels use the CJK font :func:`govnet.plot.find_cjk_font`
finds, as the other figures. Every function returns the matplotlib Axes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd

from govnet.errors import InvalidParameterError
from govnet.model.vocab import TIERS
from govnet.plot.figures import TIER_COLORS, find_cjk_font

__all__ = ["measure_over_time", "change_over_time", "tier_shares_over_time"]


@contextmanager
def _cjk() -> Iterator[None]:
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError("govnet.plot needs matplotlib: pip install 'govnet[plot]'") from exc
    cjk = find_cjk_font()
    with matplotlib.rc_context({"font.family": ([cjk] if cjk else []) + ["DejaVu Sans"],
                                "axes.unicode_minus": False}):
        yield


def _new_axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=size, layout="constrained")[1]


def _fonts(ax: Any) -> None:
    from matplotlib.text import Text

    cjk = find_cjk_font(warn=False)
    fam = ([cjk] if cjk else []) + ["DejaVu Sans"]
    for t in ax.findobj(Text):
        t.set_fontfamily(fam)


def measure_over_time(long: pd.DataFrame, measure: str, *, actors: Sequence[str] | None = None,
                      net: Any = None, ax: Any = None, title: str | None = None) -> Any:
    """One line per actor: ``measure`` across the waves of a long table
    (``Waves.measures``: wave, actor, measure, value). ``actors`` chooses the
    lines (default all); ``net`` names and colours them by tier. An actor absent
    from a wave has a gap there."""
    need = {"wave", "actor", "measure", "value"}
    if not isinstance(long, pd.DataFrame) or not need <= set(long.columns):
        raise InvalidParameterError(f"long must be a DataFrame with columns {sorted(need)}")
    part = long[long["measure"] == measure]
    if part.empty:
        raise InvalidParameterError(f"no rows for measure {measure!r}; measures: "
                                    f"{sorted(set(long['measure']))}")
    waves = list(dict.fromkeys(long["wave"]))
    table = part.pivot_table(index="wave", columns="actor", values="value", sort=False)
    table = table.reindex(waves)
    chosen = list(table.columns) if actors is None else list(actors)
    with _cjk():
        ax = _new_axes(ax, (7, 4))
        for a in chosen:
            if a not in table.columns:
                raise InvalidParameterError(f"actor {a!r} has no {measure!r} value in any wave")
            label, color = str(a), None
            if net is not None and a in net.actor_ids:
                row = net.actors.loc[a]
                label, color = str(row["name"]), TIER_COLORS.get(str(row["tier"]))
            ax.plot(range(len(waves)), table[a].to_numpy(), marker="o", label=label, color=color)
        ax.set_xticks(range(len(waves)), [str(w) for w in waves])
        ax.set_xlabel("wave")
        ax.set_ylabel(measure)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=8)
        if title:
            ax.set_title(title)
        _fonts(ax)
    return ax


def change_over_time(change: pd.DataFrame, *, relation: str | None = None, ax: Any = None,
                     title: str | None = None) -> Any:
    """Ties kept, added and dropped between consecutive waves (stacked bars) with the
    Jaccard index on a second axis (``Waves.change``'s table; ``relation`` picks
    one layer when it has several)."""
    need = {"from", "to", "relation", "kept", "added", "dropped", "jaccard"}
    if not isinstance(change, pd.DataFrame) or not need <= set(change.columns):
        raise InvalidParameterError(f"change must be a DataFrame with columns {sorted(need)}")
    rels = list(dict.fromkeys(change["relation"]))
    if relation is None and len(rels) > 1:
        raise InvalidParameterError(f"the table has several layers {rels}; pass relation=")
    c = change[change["relation"] == (relation or rels[0])] if rels else change
    labels = [f"{a}→{b}" for a, b in zip(c["from"], c["to"])]
    x = range(len(c))
    with _cjk():
        ax = _new_axes(ax, (7, 4))
        ax.bar(x, c["kept"], color="#999999", label="kept")
        ax.bar(x, c["added"], bottom=c["kept"], color="#009E73", label="added")
        ax.bar(x, -c["dropped"], color="#D55E00", label="dropped")
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(list(x), labels)
        ax.set_ylabel("ties")
        twin = ax.twinx()
        twin.plot(list(x), c["jaccard"], color="black", marker="o", label="Jaccard")
        twin.set_ylim(0, 1.05)
        twin.set_ylabel("Jaccard")
        ax.legend(frameon=False, fontsize=8, loc="upper left")
        if title:
            ax.set_title(title)
        _fonts(ax)
        _fonts(twin)
    return ax


def tier_shares_over_time(shares: pd.DataFrame, *, ax: Any = None, title: str | None = None) -> Any:
    """Stacked bars of each tier's share of the actors per wave (``Waves.tier_shares``)."""
    tiers = [t for t in TIERS if t in shares.columns]
    if not tiers:
        raise InvalidParameterError("shares has no tier column")
    with _cjk():
        ax = _new_axes(ax, (6, 4))
        bottom = None
        x = range(len(shares))
        for t in tiers:
            v = shares[t].to_numpy(dtype=float)
            ax.bar(x, v, bottom=bottom, color=TIER_COLORS[t], label=f"{TIERS[t].zh} {t}")
            bottom = v if bottom is None else bottom + v
        ax.set_xticks(list(x), [str(w) for w in shares.index])
        ax.set_ylabel("share of actors")
        ax.set_ylim(0, 1)
        ax.legend(frameon=False, fontsize=8)
        if title:
            ax.set_title(title)
        _fonts(ax)
    return ax
