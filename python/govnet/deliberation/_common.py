"""Display helpers shared by the deliberation result types (not public API)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Any

import pandas as pd

from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.model.network import Network
from govnet.model.validation import validate_meetings

#: Meeting frequencies given as words, in meetings per year.
FREQUENCY_WORDS = {
    "annual": 1.0, "yearly": 1.0, "每年": 1.0, "年度": 1.0,
    "half-yearly": 2.0, "semiannual": 2.0, "半年": 2.0,
    "quarterly": 4.0, "每季度": 4.0, "季度": 4.0,
    "monthly": 12.0, "每月": 12.0, "月度": 12.0,
    "biweekly": 26.0, "weekly": 52.0, "每周": 52.0, "daily": 365.0, "每天": 365.0,
}


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
        m = validate_meetings(meetings, net.actor_ids)
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
        raise InvalidParameterError(f"weight must be None or 'frequency', got {weight!r}")
    return weight
