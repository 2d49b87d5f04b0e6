"""Bundled data: the case-study networks and the classic SNA teaching sets.

Every row of a case-study table (actors, ties, meetings, duties, and the facts
tables such as :func:`nanshan_district`) carries ``evidence``:

* ``stated`` — the source states it: ``source_id`` names the article (a key of
  :func:`sources`, one per article of the project's seed bundle) and ``quote``
  is the Chinese clause, copied verbatim from that article, that states it;
* ``illustrative`` — govnet added it so the model is complete, or read it into
  the source (a tie implied but not said): ``note`` gives the rule.

:func:`provenance` lists every stated row of every dataset with its quote; the
test suite checks each quote against the seed text. Figures from the sources
are reproduced exactly; see ``shared/docs/case-studies.md`` of the project.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

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
from govnet.datasets.people_cases import (
    nanshan_people_facts,
    people_rows,
    with_nanshan_people,
)
from govnet.datasets.people_cases import nanshan_phases as _phases
from govnet.datasets.classic import davis, florentine, karate, kite, krackhardt_managers, random_dw
from govnet.datasets.sources import sources
from govnet.deliberation.meetings import co_attendance_ties
from govnet.model.network import Network

__all__ = ["nanshan", "nanshan_duty_counts", "nanshan_duties", "nanshan_district", "shatou",
           "zhaoshang", "baibuting", "market_inclusive", "village_residence", "karate",
           "florentine", "kite", "krackhardt_managers", "davis", "random_dw", "sources",
           "provenance", "example_workbook", "nanshan_people", "nanshan_people_facts",
           "nanshan_phases"]

_NANSHAN_SOURCE = ("陈家喜、林电锋《城市社区协商治理模式的实践探索与理论反思——深圳南山区“一核多元”"
                   "社区治理创新观察》; 王慧琼《激发“1+3+N”的“陀螺效应”——南山“一核多元”社区治理模式透视》, "
                   "深圳特区报 2014-07-14")

_DELIBERATION_QUOTE = "以协商一致的民主方式,共同商议和决策社区党建和社区建设中的重大问题"
_VETO_QUOTE = "使其在社区重大事项包括干部人事、推优评先等当中具有建议权和否决权"


def _read(name: str) -> pd.DataFrame:
    return _read_file(name)


def nanshan() -> Network:
    """Nanshan District's “1+3+N” community governance structure (一核多元).

    One typical community as 陈家喜、林电锋 describe it: the community
    comprehensive Party committee (社区综合党委), itself a grassroots committee
    under the sub-district Party working committee (街道党工委), as the core
    (一核); the residents' committee, work station and service centre as the
    “3”; social organisations, resident units, owners' committee, property
    company and urbanised-village shareholding company as the “N”; the other
    participants the source lists for the joint meetings (trade union, Youth
    League, Women's Federation, “两代表一委员”, part-time committee members
    兼职委员, the heads and Party members of resident units' Party
    organisations, residents' representatives); Party members among migrant
    builders (来深建设者党员), whom some committees take as part-time members;
    plus the sub-district office (illustrative).

    Relations: ``leadership`` (the core leads the community's organisations;
    the sub-district Party working committee leads the core), ``membership``
    (Party branches set up under the committee; part-time members in its
    leadership team), ``cross_appointment`` (part-time members, 兼职委员),
    ``deliberation`` (co-participation in the joint meetings, weight 1) and
    ``guidance`` (illustrative).

    The source gives **one combined participant list** for its two joint
    meetings (社区党建联席会议、社区共驻共建联席会议), so ``net.meetings`` holds one
    group of 15 participants; who attends which meeting is not stated. Every
    row has ``evidence``, ``source_id``, ``quote`` and ``note`` (see
    :mod:`govnet.datasets`); rows that are illustrative say their rule.

    ``net.duties`` holds illustrative duty items (see :func:`nanshan_duties`):
    the per-subject counts are the published ones, the items are not.
    ``net.meta`` holds the source, the veto holder (``veto``: the core has
    建议权、否决权), its scope (``veto_scope``), who leads the core
    (``core_led_by``), the core's stated composition (``core_composition``),
    the council mechanism (``council``), the duty-list counts, and
    ``provenance``: for each stated meta entry, ``[source_id, quote]``.

    Source: 陈家喜、林电锋 (source id ``chen_lin``); 王慧琼, 深圳特区报
    2014-07-14 (``wang_huiqiong_2014``).
    """
    actors = _read("nanshan_actors.csv")
    ties = _read("nanshan_ties.csv")
    meetings = _read("nanshan_meetings.csv")
    delib = co_attendance_ties(meetings)
    delib["relation"] = "deliberation"
    delib["evidence"] = "stated"
    delib["source_id"] = "chen_lin"
    delib["quote"] = _DELIBERATION_QUOTE
    delib["note"] = ("both take part in the joint meetings, which decide major matters by consensus "
                     "(derived from the one combined participant list)")
    all_ties = pd.concat([ties.assign(weight=ties["weight"].astype(float)), delib],
                         ignore_index=True)
    meta = {
        "name": "Nanshan 1+3+N (南山区“一核多元”)",
        "source": _NANSHAN_SOURCE,
        "veto": "party_committee",
        "veto_scope": "社区重大事项包括干部人事、推优评先等 (major community matters, including cadre "
                      "personnel and recommending the outstanding and awards); the right of proposal "
                      "and of veto (建议权和否决权), given by the district through “赋权”",
        "core_led_by": "street_party_committee",
        "core_composition": "1 full-time deputy secretary (专职副书记) and Party-building organisers "
                            "(党建组织员, number not stated) per committee; leadership-team members "
                            "(班子成员) and part-time members (兼职委员): 597 and 221 district-wide "
                            "in the 2013 election",
        "council": "the core integrates community resources and co-ordinates governance through a "
                   "council (理事会) and other mechanisms",
        "duty_counts": nanshan_duty_counts(),
        "provenance": {
            "veto": ["chen_lin", _VETO_QUOTE],
            "veto_scope": ["chen_lin", _VETO_QUOTE],
            "core_led_by": ["chen_lin", "社区综合党委(总支)是街道党工委领导下的基层委员会"],
            "core_composition": ["chen_lin", "社区综合党委(总支)设1名专职副书记,并按规定配备党建组织员"],
            "council": ["wang_huiqiong_2014", "通过理事会等运作机制,整合社区各种资源,统筹社区治理"],
        },
    }
    return Network.from_frames(actors, all_ties, nanshan_duties(), meetings=meetings, meta=meta)


def nanshan_duty_counts() -> pd.DataFrame:
    """The published Nanshan duty lists (职责清单): 9 subjects, 75 major items, 277 sub-items.

    Sub-items per subject exactly as the source gives them (34, 16, 21, 157, 5,
    7, 8, 8, 21), with each subject's share of the 277; every row is
    ``stated`` with ``source_id`` and the verbatim ``quote``. ``attrs`` holds
    ``major_items`` (75) and its ``major_items_quote``.
    """
    t = _read("nanshan_duty_counts.csv")
    t["sub_items"] = t["sub_items"].astype(int)
    t["share"] = t["sub_items"] / t["sub_items"].sum()
    t.attrs["major_items"] = 75
    t.attrs["major_items_quote"] = "9大治理主体、75大项277小项"
    t.attrs["source_id"] = "chen_lin"
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
    label, evidence (``illustrative``), source_id (the
    article whose counts they keep), quote (empty), note.
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
    d["source_id"] = "chen_lin"
    d["quote"] = ""
    d["note"] = "count per subject from the source; item and sharing illustrative (nanshan_duties rule)"
    return d


def _rows(dataset: str, table: str, frame: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    cols = {c: (frame[c].astype(str).to_numpy() if c in frame.columns else "")
            for c in ("evidence", "source_id", "quote", "note")}
    return pd.DataFrame({"dataset": dataset, "table": table, "row": key.astype(str).to_numpy(),
                         **cols})


def _network_rows(name: str, net: Network) -> list[pd.DataFrame]:
    actors = net.actors
    ties = net.ties()
    out = [_rows(name, "actors", actors, pd.Series(actors.index, dtype=str)),
           _rows(name, "ties", ties,
                 ties["source"].astype(str) + " -> " + ties["target"].astype(str) + " ("
                 + ties["relation"].astype(str) + ")")]
    if net.meetings is not None and len(net.meetings):
        m = net.meetings
        out.append(_rows(name, "meetings", m, m["meeting"].astype(str) + ": " + m["actor"].astype(str)))
    if net.duties is not None and len(net.duties):
        d = net.duties
        out.append(_rows(name, "duties", d, d["actor"].astype(str) + ": " + d["duty"].astype(str)))
    prov = net.meta.get("provenance", {})
    if prov:
        keys = list(prov)
        out.append(pd.DataFrame({"dataset": name, "table": "meta", "row": keys,
                                 "evidence": "stated", "source_id": [prov[k][0] for k in keys],
                                 "quote": [prov[k][1] for k in keys], "note": ""}))
    return out


def provenance() -> pd.DataFrame:
    """Every row of every bundled case-study table, with its evidence and citation.

    One row per actor, tie, meeting attendance, duty entry, fact and stated
    ``meta`` entry of :func:`nanshan`, :func:`nanshan_duty_counts`,
    :func:`nanshan_district`, :func:`shatou`, :func:`zhaoshang`,
    :func:`baibuting`, :func:`market_inclusive` and :func:`village_residence`.
    Columns: dataset, table, row (a readable key), evidence (``stated`` /
    ``illustrative``), source_id (a key of :func:`sources`), quote (verbatim
    from that article for a stated row, else empty), note (for an
    illustrative row: the rule that made it).
    """
    parts: list[pd.DataFrame] = []
    for name, make in (("nanshan", nanshan), ("shatou", shatou), ("zhaoshang", zhaoshang),
                       ("baibuting", baibuting), ("market_inclusive", market_inclusive),
                       ("village_residence", village_residence)):
        parts += _network_rows(name, make())
    counts = nanshan_duty_counts()
    parts.append(_rows("nanshan_duty_counts", "counts", counts, counts["actor"]))
    parts.append(pd.DataFrame({"dataset": ["nanshan_duty_counts"], "table": ["attrs"],
                               "row": ["major_items"], "evidence": ["stated"],
                               "source_id": [counts.attrs["source_id"]],
                               "quote": [counts.attrs["major_items_quote"]], "note": [""]}))
    parts += people_rows(nanshan_people())
    phases = nanshan_phases()
    for label, wave in zip(phases.labels, phases.networks):
        parts += _network_rows(f"nanshan_phase_{label}", wave)
    for table, frame in nanshan_district().items():
        key = frame.iloc[:, 0].astype(str)
        if table == "timeline":
            key = key + ": " + frame["event"].astype(str)
        parts.append(_rows("nanshan_district", table, frame, key))
    return pd.concat(parts, ignore_index=True)


def example_workbook() -> str:
    """Path of the bundled example fieldwork workbook (``example_workbook.xlsx``).

    **Synthetic, illustrative data**: 桂园社区 and its 25 organisations are
    invented (written by ``scripts/make_example_workbook.py``), messy on
    purpose for the README's "From Excel to paper": Chinese headers and kind
    labels, blank tiers, marks beside numbers, one misspelt name (桂园社区工做站),
    one blank weight, one repeated tie, one roster non-respondent (金桂物业服务公司),
    duty cells listing several organisations, one duty without a holder.
    Sheets: 说明, 组织名录, 联系, 工作往来 (a roster survey), 职责清单, 签到.
    Reading it needs openpyxl.
    """
    return str(resources.files("govnet.datasets").joinpath("data").joinpath("example_workbook.xlsx"))


# -- people and time (issue 17) ---------------------------------------------------


def nanshan_people() -> Network:
    """:func:`nanshan` with a persons and a posts table for one **illustrative**
    community, following the stated person-level facts (597 committee members and
    221 part-time members in 2013 over 100 communities; who may become a
    part-time member; one full-time deputy secretary): see
    :func:`govnet.datasets.people_cases.with_nanshan_people` for the rules and
    :func:`nanshan_people_facts` for the stated facts with their quotes."""
    return with_nanshan_people(nanshan())


def nanshan_phases() -> Any:
    """The stated phases of Nanshan's reforms (1990 街居制, 2005 议行分设, 2013
    “1+3+N”) as :class:`govnet.waves.Waves`; see
    :func:`govnet.datasets.people_cases.nanshan_phases` for what is stated and the
    rules of the illustrative ties."""
    return _phases(nanshan())
