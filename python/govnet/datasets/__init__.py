"""Bundled data: the case-study networks and the classic SNA teaching sets.

Every actor, tie and meeting row carries an ``evidence`` column: ``stated``
when the source documents state it (cited in ``note``), ``illustrative`` when
govnet added it, with the rule used in ``note``. Figures from the sources are
reproduced exactly; see ``shared/docs/case-studies.md`` of the project.
"""

from __future__ import annotations

from importlib import resources
import pandas as pd

from ..deliberation import co_attendance_ties
from ..network import Network

__all__ = ["nanshan", "nanshan_duty_counts"]

_NANSHAN_SOURCE = ("陈家喜、林电锋《城市社区协商治理模式的实践探索与理论反思——深圳南山区“一核多元”"
                   "社区治理模式》; 王慧琼, 深圳特区报 2014-07-14")


def _read(name: str) -> pd.DataFrame:
    with resources.files(__package__).joinpath("data", name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def nanshan() -> Network:
    """Nanshan District's “1+3+N” community governance structure (一核多元).

    One typical community as the sources describe it: the community
    comprehensive Party committee (社区综合党委) as the core (一核); the
    residents' committee, work station and service centre as the “3”; social
    organisations, owners' committee, property company, shareholding company,
    resident units, mass organisations, deputies and residents'
    representatives as the “N”; plus the sub-district office (illustrative).

    Relations: ``leadership`` (core to every organisation), ``membership``
    (Party branches set up under the committee), ``cross_appointment``
    (part-time committee members, 兼职委员), ``deliberation`` (co-attendance at
    the two joint meetings, weight = meetings shared, derived from the stated
    participant lists) and ``guidance`` (illustrative).

    ``net.meta`` holds the source, the veto holder (``veto``: the core has
    建议权、否决权) and the duty-list counts.

    Source: 陈家喜、林电锋 (Nanshan “one core, many actors” model); 王慧琼,
    深圳特区报 2014-07-14.
    """
    actors = _read("nanshan_actors.csv")
    ties = _read("nanshan_ties.csv")
    meetings = _read("nanshan_meetings.csv")
    delib = co_attendance_ties(meetings)
    delib["relation"] = "deliberation"
    delib["evidence"] = "stated"
    delib["note"] = "co-attendance at the joint meetings (derived from the stated participant list)"
    all_ties = pd.concat([ties.assign(weight=ties["weight"].astype(float)), delib],
                         ignore_index=True)
    meta = {
        "name": "Nanshan 1+3+N (南山区“一核多元”)",
        "source": _NANSHAN_SOURCE,
        "veto": "party_committee",
        "duty_counts": nanshan_duty_counts(),
    }
    return Network.from_frames(actors, all_ties, meetings=meetings, meta=meta)


def nanshan_duty_counts() -> pd.DataFrame:
    """The published Nanshan duty lists (职责清单): 9 subjects, 75 major items, 277 sub-items.

    Sub-items per subject exactly as the source gives them (34, 16, 21, 157, 5,
    7, 8, 8, 21), with each subject's share of the 277.
    """
    t = _read("nanshan_duty_counts.csv")
    t["sub_items"] = t["sub_items"].astype(int)
    t["share"] = t["sub_items"] / t["sub_items"].sum()
    t.attrs["major_items"] = 75
    t.attrs["source"] = _NANSHAN_SOURCE
    return t
