"""People and time in the Nanshan case (陈家喜、林电锋, source id ``chen_lin``).

* :func:`nanshan_people_facts` — the person-level facts the source states, each
  with its verbatim quote: 597 committee members and 221 part-time members in
  the 2013 election, one full-time deputy secretary per committee, who may
  become a part-time member, and who holds the veto.
* :func:`with_nanshan_people` (:func:`govnet.datasets.nanshan_people`) —
  :func:`govnet.datasets.nanshan` with a persons and a
  posts table for **one illustrative community**. The source gives district
  totals, not people: every person is illustrative; a post is ``stated`` only
  where the source states that post (the full-time deputy secretary), and the
  rule behind every other row is in its ``note``.
* :func:`nanshan_phases` (``base``: :func:`govnet.datasets.nanshan`) — the stated phases of Nanshan's reforms (1990 街居制,
  2005 议行分设, 2013 “1+3+N”) as a series of structures, for claims such as
  “the residents' committee was marginalised” (居委会被边缘化).
"""

from __future__ import annotations

import pandas as pd

from govnet.model.network import Network
from govnet.waves.series import Waves, from_snapshots

__all__ = ["nanshan_people_facts", "with_nanshan_people", "nanshan_phases", "people_rows"]

S, I = "stated", "illustrative"
_SRC = "chen_lin"
_ELECTION = ("在2013年社区两委换届中,南山区全面推进“社区综合党委+兼职委员”组织设置模式,"
             "配备班子成员597名,兼职委员221名")
_WHO = ("通过党建联席会,社区综合党委(总支)吸收业主委员会、物业管理公司、社区社会组织等各类组织的党员"
        "作为“兼职委员”进入领导班子")
_WHO_MORE = "一些社区综合党委(总支)还尝试吸收“两代表一委员”、来深建设者党员等担任兼职委员"
_DEPUTY = "社区综合党委(总支)设1名专职副书记"
_VETO = "使其在社区重大事项包括干部人事、推优评先等当中具有建议权和否决权"
_COMMITTEES = "在南山区的100个社区当中,76个社区成立了综合党委、24个社区按条件成立了党总支"


def nanshan_people_facts() -> pd.DataFrame:
    """The person-level facts of the source, one row each: ``fact``, ``value``,
    ``evidence`` (all ``stated``), ``source_id``, ``quote`` (verbatim), ``note``."""
    rows = [
        ("committee_members_2013", "597", _ELECTION, "班子成员 in the 2013 election, district total"),
        ("part_time_members_2013", "221", _ELECTION, "兼职委员 in the 2013 election, district total"),
        ("communities_with_committee", "76 of 100", _COMMITTEES, "the rest have a 党总支"),
        ("full_time_deputy_secretaries_per_committee", "1", _DEPUTY, "专职副书记"),
        ("part_time_member_from", "Party members of owners' committees, property companies, "
         "social organisations and other organisations", _WHO, "who may become a 兼职委员"),
        ("part_time_member_also_from", "deputies (两代表一委员), migrant builders' Party members",
         _WHO_MORE, "tried by some committees"),
        ("veto_holder", "party_committee", _VETO,
         "the committee holds the right of proposal and the veto over major matters"),
    ]
    return pd.DataFrame([{"fact": f, "value": v, "evidence": S, "source_id": _SRC, "quote": q,
                          "note": n} for f, v, q, n in rows])


# persons of the illustrative community: id, name, party_member, note
_PERSONS = [
    ("secretary", "书记(示例)", True, "rule: every committee has a secretary"),
    ("deputy", "专职副书记(示例)", True, "rule: the stated full-time deputy secretary, as a person"),
    *[(f"member{i}", f"委员{i}(示例)", True,
       "rule: 597 committee members over 100 communities, about 6 per community "
       "(secretary, deputy secretary and 4 members); committee members are Party members")
      for i in range(1, 5)],
    ("pt_owners", "兼职委员·业委会(示例)", True,
     "rule: 221 part-time members over 100 communities, about 2 per community, drawn from the "
     "Party members of the organisations the source names (see nanshan_people_facts)"),
    ("pt_property", "兼职委员·物业(示例)", True, "rule: as pt_owners"),
    ("rc_director", "居委会主任(示例)", False, "rule: one head per organisation"),
    ("rc_member", "居委会委员(示例)", True, "rule: a second residents' committee post"),
    ("ws_head", "工作站站长(示例)", True, "rule: one head per organisation"),
    ("sc_head", "服务中心主任(示例)", False, "rule: one head per organisation"),
    ("oc_chair", "业委会主任(示例)", False, "rule: one head per organisation"),
    ("oc_member", "业委会委员(示例)", False, "rule: a second owners' committee post"),
    ("pm_manager", "物业经理(示例)", False, "rule: one head per organisation"),
    ("so_president", "社会组织会长(示例)", False, "rule: one head per organisation"),
    ("so_member", "社会组织成员(示例)", True, "rule: a second social organisation post"),
]

_RULE_POST = "rule: the person's post, as the persons table's note says"
# posts: person, actor, role, evidence, quote, note
_POSTS = [
    ("secretary", "party_committee", "secretary", I, "", "rule: every committee has a secretary"),
    ("deputy", "party_committee", "deputy_secretary", S, _DEPUTY,
     "the stated full-time deputy secretary (专职副书记)"),
    *[(f"member{i}", "party_committee", "member", I, "", "rule: about 6 committee members per "
       "community (597 over 100)") for i in range(1, 5)],
    ("member1", "work_station", "station_head", I, "",
     "rule: a committee member heads the work station, to show a cross-appointment inside the "
     "“3”; the source does not say who heads it"),
    ("member2", "residents_committee", "member", I, "",
     "rule: a committee member sits on the residents' committee (not stated)"),
    ("pt_owners", "party_committee", "part_time_member", I, "",
     "rule: a Party member of the owners' committee joins as a part-time member, as the source "
     "says they may (nanshan_people_facts: part_time_member_from)"),
    ("pt_owners", "owners_committee", "member", I, "", _RULE_POST),
    ("pt_property", "party_committee", "part_time_member", I, "",
     "rule: a Party member of the property company joins as a part-time member, as the source "
     "says they may (nanshan_people_facts: part_time_member_from)"),
    ("pt_property", "property_company", "staff", I, "", _RULE_POST),
    ("rc_director", "residents_committee", "director", I, "", _RULE_POST),
    ("rc_member", "residents_committee", "member", I, "", _RULE_POST),
    ("ws_head", "work_station", "deputy_station_head", I, "", _RULE_POST),
    ("sc_head", "service_center", "director", I, "", _RULE_POST),
    ("oc_chair", "owners_committee", "director", I, "", _RULE_POST),
    ("oc_member", "owners_committee", "member", I, "", _RULE_POST),
    ("pm_manager", "property_company", "manager", I, "", _RULE_POST),
    ("so_president", "social_organization", "president", I, "", _RULE_POST),
    ("so_member", "social_organization", "member", I, "", _RULE_POST),
]


def with_nanshan_people(base: Network) -> Network:
    """``base`` (:func:`govnet.datasets.nanshan`) with persons and posts of one
    illustrative community (:func:`govnet.datasets.nanshan_people`).

    The source states district totals (597 committee members, 221 part-time
    members in 2013, over 100 communities), who may become a part-time member
    (Party members of owners' committees, property companies and social
    organisations) and one full-time deputy secretary per committee
    (:func:`nanshan_people_facts`). The community here follows those facts
    with the rounded averages — a committee of 6 (secretary, deputy secretary,
    4 members) and 2 part-time members, one from the owners' committee and
    one from the property company — and one or two post holders in each other
    organisation. **Every person is illustrative** (``evidence`` column;
    ``note`` gives the rule); the deputy secretary's post is the one stated
    row of the posts table. The network keeps the hand-typed
    ``cross_appointment`` layer of :func:`~govnet.datasets.nanshan`; derive the
    person-based one beside it with
    ``govnet.with_cross_appointment(net, relation="cross_appointment_posts")``.
    """
    persons = pd.DataFrame([{"id": p, "name": n, "party_member": m, "evidence": I, "source_id": "",
                             "quote": "", "note": note} for p, n, m, note in _PERSONS])
    posts = pd.DataFrame([{"person": p, "actor": a, "role": r, "evidence": e,
                           "source_id": _SRC if e == S else "", "quote": q, "note": n}
                          for p, a, r, e, q, n in _POSTS])
    out = base.with_people(persons, posts)
    out.meta["people"] = ("one illustrative community; persons and posts follow the stated "
                          "district facts (nanshan_people_facts)")
    return out


_PHASE_QUOTES = {
    "1990": "1990年建区伊始,实施“街居制”,社区居委会是基层社会管理与服务的重要主体",
    "2005": "2005年推行“议行分设”,增设社区工作站,负责社区行政事务和公共事务,居委会被边缘化",
    "2013": "于2013年确立了以社区综合党委为核心的“1+3+N”社区治理结构",
}
_PHASE_ACTORS = ["street_office", "residents_committee", "residents", "work_station",
                 "party_committee", "service_center", "street_party_committee"]
_FIRST = {"street_office": "1990", "residents_committee": "1990", "residents": "1990",
          "work_station": "2005", "party_committee": "2013", "service_center": "2013",
          "street_party_committee": "2013"}
_ACTOR_ROWS = {  # id: name, name_en, tier, kind
    "street_office": ("街道办事处", "sub-district office", "external", "street_office"),
    "residents_committee": ("社区居民委员会", "residents' committee", "support",
                            "residents_committee"),
    "residents": ("居民", "residents", "plural", "residents"),
    "work_station": ("社区工作站", "community work station", "support", "work_station"),
    "party_committee": ("社区综合党委", "community comprehensive Party committee", "core",
                        "party_committee"),
    "service_center": ("社区服务中心", "community service centre", "support", "service_center"),
    "street_party_committee": ("街道党工委", "sub-district Party working committee", "external",
                               "street_party_working_committee"),
}
_OUTSIDE = ("rule: the actor the phase's work is addressed to or comes from; the phase's clause "
            "does not name it")
_ACTOR_EVIDENCE = {  # id: (quote, or "" for an illustrative actor with the rule _OUTSIDE)
    "street_office": "",
    "residents_committee": _PHASE_QUOTES["1990"],
    "residents": "",
    "work_station": _PHASE_QUOTES["2005"],
    "party_committee": _PHASE_QUOTES["2013"],
    "service_center": "“3”即居委会、工作站、社区服务中心",
    "street_party_committee": "社区综合党委(总支)是街道党工委领导下的基层委员会",
}


def nanshan_phases(base: Network) -> Waves:
    """The stated phases of Nanshan's reforms as three structures (waves ``1990``,
    ``2005``, ``2013``), on the actors the phases name.

    Stated (source ``chen_lin``, quotes in each actor's row): 1990 街居制, the
    residents' committee the main actor of management and service; 2005
    议行分设, a work station added for administrative and public affairs; 2013
    the “1+3+N” structure with the comprehensive Party committee as core. The
    2013 leadership ties among these actors are :func:`~govnet.datasets.nanshan`'s
    own rows (stated or illustrative as there). Every other tie is
    **illustrative**, with its rule in ``note``: the sub-district office guides
    the residents' committee (街居制, 1990 on) and the work station (2005 on);
    the organisation(s) the phase makes responsible serve the residents
    (``service``: the residents' committee from 1990, the work station from
    2005, the service centre from 2013). The claim “居委会被边缘化” is *not*
    built in: no tie of the residents' committee is removed; measure it (its
    share of betweenness, of service ties) with :class:`govnet.waves.Waves`.
    Tiers are the 2013 ones throughout, so the waves compare.
    """
    ties_2013 = base.ties()
    waves_out = []
    for year in ("1990", "2005", "2013"):
        present = [a for a in _PHASE_ACTORS if _FIRST[a] <= year]
        actors = pd.DataFrame([{"id": a, "name": _ACTOR_ROWS[a][0], "name_en": _ACTOR_ROWS[a][1],
                                "tier": _ACTOR_ROWS[a][2], "kind": _ACTOR_ROWS[a][3],
                                "evidence": S if _ACTOR_EVIDENCE[a] else I,
                                "source_id": _SRC if _ACTOR_EVIDENCE[a] else "",
                                "quote": _ACTOR_EVIDENCE[a],
                                "note": "" if _ACTOR_EVIDENCE[a] else _OUTSIDE} for a in present])
        rows = [
            {"source": "street_office", "target": "residents_committee", "relation": "guidance",
             "note": "rule: under 街居制 the sub-district office guides the residents' committee"},
            {"source": "residents_committee", "target": "residents", "relation": "service",
             "note": "rule: the residents' committee is the main actor of management and service"},
        ]
        if year >= "2005":
            rows += [{"source": "street_office", "target": "work_station", "relation": "guidance",
                      "note": "rule: the work station carries the government's administrative "
                              "affairs, guided by the sub-district office"},
                     {"source": "work_station", "target": "residents", "relation": "service",
                      "note": "rule: the work station handles administrative and public affairs "
                              "(负责社区行政事务和公共事务)"}]
        if year >= "2013":
            rows.append({"source": "service_center", "target": "residents", "relation": "service",
                         "note": "rule: the service centre provides community services"})
        t = pd.DataFrame(rows).assign(evidence=I, source_id="", quote="")
        if year >= "2013":
            lead = ties_2013[(ties_2013["relation"] == "leadership")
                             & ties_2013["source"].isin(present) & ties_2013["target"].isin(present)]
            t = pd.concat([t, lead[["source", "target", "relation", "evidence", "source_id",
                                    "quote", "note"]]], ignore_index=True)
        waves_out.append(Network.from_frames(actors, t, meta={
            "name": f"Nanshan {year} (stated phase; ties illustrative unless flagged)",
            "phase_quote": _PHASE_QUOTES[year], "source_id": _SRC}))
    return from_snapshots(waves_out, ["1990", "2005", "2013"])


def people_rows(net: Network) -> list[pd.DataFrame]:
    """Provenance rows (dataset, table, row, evidence, source_id, quote, note) of the
    persons and posts of :func:`with_nanshan_people` and of :func:`nanshan_people_facts`."""
    tables = net.optional_tables()
    persons, posts = tables["persons"], tables["posts"]
    cols = ["evidence", "source_id", "quote", "note"]
    out = [pd.DataFrame({"dataset": "nanshan_people", "table": "persons",
                         "row": persons["id"].astype(str).to_numpy(),
                         **{c: persons[c].astype(str).to_numpy() for c in cols}}),
           pd.DataFrame({"dataset": "nanshan_people", "table": "posts",
                         "row": (posts["person"].astype(str) + " @ " + posts["actor"].astype(str)
                                 + " (" + posts["role"].astype(str) + ")").to_numpy(),
                         **{c: posts[c].astype(str).to_numpy() for c in cols}})]
    facts = nanshan_people_facts()
    out.append(pd.DataFrame({"dataset": "nanshan_people_facts", "table": "facts",
                             "row": facts["fact"].to_numpy(),
                             **{c: facts[c].to_numpy() for c in cols}}))
    return out
