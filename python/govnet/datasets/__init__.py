"""Bundled data: the case-study networks and the classic SNA teaching sets.

Every actor, tie and meeting row carries an ``evidence`` column: ``stated``
when the source documents state it (cited in ``note``), ``illustrative`` when
govnet added it, with the rule used in ``note``. Figures from the sources are
reproduced exactly; see ``shared/docs/case-studies.md`` of the project.
"""

from __future__ import annotations

import pandas as pd

from govnet.datasets._files import read_csv as _read_file
from govnet.datasets.cases import (
    baibuting,
    market_inclusive,
    nanshan_district,
    shatou,
    village_residence,
    zhaoshang,
)
from govnet.datasets.classic import davis, florentine, karate, kite, krackhardt_managers, random_dw
from govnet.deliberation.meetings import co_attendance_ties
from govnet.model.network import Network

__all__ = ["nanshan", "nanshan_duty_counts", "nanshan_duties", "nanshan_district", "shatou",
           "zhaoshang", "baibuting", "market_inclusive", "village_residence", "karate",
           "florentine", "kite", "krackhardt_managers", "davis", "random_dw"]

_NANSHAN_SOURCE = ("陈家喜、林电锋《城市社区协商治理模式的实践探索与理论反思——深圳南山区“一核多元”"
                   "社区治理模式》; 王慧琼, 深圳特区报 2014-07-14")


def _read(name: str) -> pd.DataFrame:
    return _read_file(name)


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

    ``net.duties`` holds illustrative duty items (see :func:`nanshan_duties`):
    the per-subject counts are the published ones, the items are not.
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
    return Network.from_frames(actors, all_ties, nanshan_duties(), meetings=meetings, meta=meta)


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


# Illustrative sharing of duties between two subjects' lists:
# (owner, partner, items, partner's role). The owner's major item is the duty's
# category; the item counts in both subjects' published totals.
_SHARED_DUTIES = [
    ("work_station", "residents_committee", 6, "lead"),     # 居站 overlap after 议行分设
    ("work_station", "service_center", 5, "assist"),
    ("party_committee", "residents_committee", 4, "assist"),
    ("owners_committee", "property_company", 2, "lead"),
    ("owners_committee", "property_company", 2, "assist"),
    ("service_center", "social_organization", 2, "assist"),
    ("party_committee", "resident_unit", 3, "assist"),     # 共驻共建
    ("property_company", "shareholding_company", 2, "assist"),
]


def nanshan_duties() -> pd.DataFrame:
    """Illustrative Nanshan duty items with the published counts exact.

    The source gives only counts: 9 subjects, 75 major items (大项), 277
    sub-items (小项): 34, 16, 21, 157, 5, 7, 8, 8, 21 per subject. The items
    themselves are illustrative, made by this rule:

    * major items are split across subjects in proportion to their
      sub-items (9, 4, 6, 43, 1, 2, 2, 2, 6 — 75 in all);
    * 26 list entries are duties that two subjects share (``_SHARED_DUTIES``:
      for example 6 between the work station and the residents' committee,
      both as lead, the overlap the sources blame on 议行分设); a shared duty
      belongs to its owner's major item and counts in both subjects' lists;
    * every other entry is the subject's own duty, dealt round robin to its
      major items.

    So each subject's list has exactly its published number of entries (277
    in all) over 251 distinct duties. Columns: actor, duty, category, role,
    label, evidence (``illustrative``), note.
    """
    counts = nanshan_duty_counts()
    subjects = counts["actor"].tolist()
    published = dict(zip(subjects, counts["sub_items"]))
    majors = dict(zip(subjects, [9, 4, 6, 43, 1, 2, 2, 2, 6]))
    partner_items = {s: 0 for s in subjects}
    for _, partner, n, _ in _SHARED_DUTIES:
        partner_items[partner] += n
    rows = []
    major_no = 0
    major_of: dict[str, list[str]] = {}
    for s in subjects:
        major_of[s] = [f"M{major_no + k + 1:02d}" for k in range(majors[s])]
        major_no += majors[s]
    for s in subjects:
        own = published[s] - partner_items[s]
        for k in range(own):
            rows.append({"actor": s, "duty": f"{s}:{k + 1:03d}",
                         "category": major_of[s][k % len(major_of[s])], "role": "lead"})
    # Shared duties: the owner's first items become shared with the partner.
    taken = {s: 0 for s in subjects}
    for owner, partner, n, role in _SHARED_DUTIES:
        for _ in range(n):
            taken[owner] += 1
            duty = f"{owner}:{taken[owner]:03d}"
            cat = next(r["category"] for r in rows if r["duty"] == duty)
            rows.append({"actor": partner, "duty": duty, "category": cat, "role": role})
    d = pd.DataFrame(rows)
    d["label"] = "示意职责 " + d["duty"] + " (illustrative item)"
    d["evidence"] = "illustrative"
    d["note"] = "count per subject from the source; item and sharing illustrative (nanshan_duties rule)"
    return d
