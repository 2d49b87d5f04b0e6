"""The other case studies of the source bundle (shared/seeds; brief in
shared/docs/case-studies.md), as small networks with an ``evidence`` flag
(``stated`` / ``illustrative``) and a ``note`` on every actor and tie.

The sources give structures and counts, not tie lists: a tie the source states
in words ("the core leads all organisations") is ``stated``; a tie added so
the model is complete is ``illustrative`` and its note gives the rule.
"""

from __future__ import annotations

import pandas as pd

from govnet.model.network import Network

__all__ = ["shatou", "zhaoshang", "baibuting", "market_inclusive", "village_residence",
           "nanshan_district"]

S, I = "stated", "illustrative"


def _net(actors: list[tuple], ties: list[tuple], meta: dict) -> Network:
    a = pd.DataFrame(actors, columns=["id", "name", "name_en", "tier", "kind", "evidence", "note"])
    t = pd.DataFrame(ties, columns=["source", "target", "relation", "evidence", "note"])
    return Network.from_frames(a, t, meta=meta)


def _leads(core: str, others: list[str], note: str, evidence: str = S) -> list[tuple]:
    return [(core, o, "leadership", evidence, note) for o in others]


def shatou() -> Network:
    """Shatou sub-district (沙头街道), Futian District, Shenzhen: its “1+3+N”.

    The Party organisation is the core; the **work station, residents'
    committee and shareholding cooperative companies** (股份合作公司, which run
    estate property services and industrial parks) are the “3” — a market
    actor takes the service centre's place; resident units and social groups
    are the “N”. Sub-district facts (``meta``): founded 1983, 13.59 km²,
    328,000 residents, 12 communities, 14 residents' committees, 5
    shareholding cooperative companies.

    Source: 深圳市委驻沙头街道指导服务组, 《推进社区治理现代化的实践与思考》,
    特区实践与理论 2020(2).
    """
    actors = [
        ("party_org", "社区党组织", "community Party organisation", "core", "party_committee", S,
         "the core (以党组织为核心)"),
        ("work_station", "社区工作站", "community work station", "support", "work_station", S, "the “3”"),
        ("residents_committee", "居委会", "residents' committee", "support", "residents_committee", S,
         "the “3”"),
        ("shareholding_company", "股份合作公司", "shareholding cooperative company", "support",
         "shareholding_company", S, "the “3”: runs estate property services and industrial parks"),
        ("resident_unit", "驻社区单位", "resident units", "plural", "resident_unit", S, "the “N”"),
        ("social_group", "社会团体", "social groups", "plural", "social_organization", S, "the “N”"),
        ("street_office", "沙头街道", "Shatou sub-district office", "external", "street_office", I,
         "added: the sub-district above the communities (rule: it guides the work station)"),
    ]
    three = ["work_station", "residents_committee", "shareholding_company"]
    ties = _leads("party_org", three + ["resident_unit", "social_group"],
                  "Party organisation as the core of the 1+3+N pattern")
    ties += [("shareholding_company", "resident_unit", "service", I,
              "added: the companies run estate property services and industrial parks for units"),
             ("street_office", "work_station", "guidance", I,
              "added: the sub-district guides the government's platform in the community")]
    meta = {"name": "Shatou 1+3+N (沙头街道)", "founded": 1983, "area_km2": 13.59,
            "residents": 328_000, "communities": 12, "residents_committees": 14,
            "shareholding_companies": 5,
            "source": "深圳市委驻沙头街道指导服务组, 特区实践与理论 2020(2)"}
    return _net(actors, ties, meta)


def zhaoshang() -> Network:
    """Zhaoshang sub-district (招商街道), Nanshan: “one core, many actors” Party building.

    Core: the community Party committee (or general branch). Many: branches of
    “two new” organisations (new economic and social organisations) and of
    retired cadres (``party_branch`` kind, ``membership`` ties to the
    committee); residents' committee, owners' committee, elderly association,
    property company and residents. Huaguoshan (花果山) piloted Nanshan's first
    community Party committee in 2006, bringing the retired members' branch
    and the community branch under it.

    Source: 陈妙华、陈海涛, 人民网; Nanshan survey 以管理创新促进社会和谐.
    """
    actors = [
        ("party_committee", "社区党委(总支)", "community Party committee", "core", "party_committee", S,
         "the core (“一核”)"),
        ("two_new_branch", "“两新”组织党支部", "branch of new economic and social organisations",
         "plural", "party_branch", S, "a Party branch in the “many”"),
        ("retired_branch", "退休老同志党支部", "retired cadres' branch", "plural", "party_branch", S,
         "a Party branch in the “many”"),
        ("residents_committee", "社区居委会", "residents' committee", "support", "residents_committee", S,
         "self-governing organisation; tier: support (the Nanshan “3”), a govnet reading"),
        ("owners_committee", "业委会", "owners' committee", "plural", "owners_committee", S,
         "self-governing organisation"),
        ("elderly_association", "老年协会", "elderly association", "plural", "elderly_association", S,
         "self-governing organisation"),
        ("property_company", "物业管理公司", "property management company", "plural",
         "property_company", S, "self-governing organisation (as listed)"),
        ("residents", "居民群众", "residents", "plural", "resident_representative", S,
         "the residents take part (“多元”)"),
    ]
    many = [a[0] for a in actors[1:]]
    ties = _leads("party_committee", many, "the committee is the core of community Party building")
    ties += [(b, "party_committee", "membership", S, "branch brought under the community committee")
             for b in ("two_new_branch", "retired_branch")]
    meta = {"name": "Zhaoshang one core, many actors Party building (招商街道)",
            "first_community_committee": "Huaguoshan 2006",
            "source": "陈妙华、陈海涛, 人民网"}
    return _net(actors, ties, meta)


def baibuting() -> Network:
    """Baibuting community (百步亭社区), Wuhan: a national “civilised community” run on a
    one-core-many-actors model under Party leadership.

    The source names the model and its theory (governance, good governance 善治),
    not the organisations one by one: the core is stated; the other actors
    and every tie except leadership are illustrative (rule: the Nanshan
    “1+3+N” kinds that the text's one-core-many-actors model implies).

    Source: 张涛华 (2021).
    """
    actors = [
        ("party_committee", "社区党委", "community Party committee", "core", "party_committee", S,
         "Party leadership as the core"),
        ("residents_committee", "居委会", "residents' committee", "support", "residents_committee", I,
         "rule: the usual “3” of the model"),
        ("service_center", "社区服务中心", "service centre", "support", "service_center", I,
         "rule: the usual “3” of the model"),
        ("property_company", "物业公司", "property company", "plural", "property_company", I,
         "rule: a typical “N” actor"),
        ("social_organization", "社区社会组织", "social organisations", "plural", "social_organization",
         I, "rule: a typical “N” actor"),
        ("volunteers", "志愿者团队", "volunteer teams", "plural", "social_organization", I,
         "rule: a typical “N” actor"),
    ]
    others = [a[0] for a in actors[1:]]
    ties = _leads("party_committee", others, "one core under Party leadership", evidence=I)
    meta = {"name": "Baibuting, Wuhan (百步亭社区)", "source": "张涛华 (2021)"}
    return _net(actors, ties, meta)


def market_inclusive(supervision: bool = True) -> Network:
    """Yang Fan's government–society–market “cooperation–supervision–co-governance” model.

    As governance moves from the community (社区) to the housing compound (小区),
    the market actors — owners' assembly (业主大会), owners' committee
    (业主委员会), property company (物业公司) — are left out of the
    government–society “cooperation and co-governance” model, so nobody
    supervises them. The proposed “big community” brings them in with
    ``supervision`` ties. ``supervision=False`` gives the model the paper
    criticises (no supervision of the market actors), for comparison.

    Source: 杨颿 (2015), 从“社区治理”到“小区治理”, 常州工学院学报(社会科学版) 2015(5):94–97.
    """
    actors = [
        ("street_office", "街道", "sub-district office", "external", "street_office", S,
         "government: the upper government and the sub-district take part"),
        ("residents_committee", "社区居委会", "residents' committee", "core", "residents_committee", I,
         "rule: the community's own organisation as the centre of the cooperation model"),
        ("social_workers", "社工", "social workers", "plural", "social_organization", S, "society"),
        ("volunteers", "志愿者", "volunteers", "plural", "social_organization", S, "society"),
        ("npo", "非营利组织", "non-profit organisations", "plural", "social_organization", S, "society"),
        ("owners_assembly", "业主大会", "owners' assembly", "plural", "owners_assembly", S, "market"),
        ("owners_committee", "业主委员会", "owners' committee", "plural", "owners_committee", S, "market"),
        ("property_company", "物业公司", "property company", "plural", "property_company", S, "market"),
    ]
    ties = [("street_office", "residents_committee", "guidance", I,
             "rule: government guides the community"),
            ("residents_committee", "social_workers", "deliberation", S, "government–society cooperation"),
            ("residents_committee", "volunteers", "deliberation", S, "government–society cooperation"),
            ("residents_committee", "npo", "deliberation", S, "government–society cooperation"),
            ("owners_assembly", "owners_committee", "leadership", I,
             "rule: the assembly elects the committee"),
            ("owners_committee", "property_company", "service", I,
             "rule: the committee contracts the property company")]
    if supervision:
        ties += [("street_office", "property_company", "supervision", S,
                  "the market actors must be supervised (合作—监督—共治)"),
                 ("residents_committee", "owners_committee", "supervision", S,
                  "the market actors must be supervised (合作—监督—共治)"),
                 ("residents_committee", "property_company", "supervision", S,
                  "the market actors must be supervised (合作—监督—共治)"),
                 ("owners_committee", "property_company", "supervision", I,
                  "rule: owners supervise the company they contract")]
    meta = {"name": "Government–society–market model (杨颿)" +
            ("" if supervision else " without supervision"),
            "source": "杨颿 (2015), 常州工学院学报(社会科学版) 2015(5):94–97"}
    return _net(actors, ties, meta)


def village_residence() -> Network:
    """Hu Yefang's village–residence collaborative governance (村居协同治理).

    In transitional communities the village committee (村委会) is the main
    body and coordinates the residents' committee; information is integrated
    (统合) while mobilisation, economic and service work are divided (分治);
    Party members carry mobilisation. Two cores can be compared: the village
    committee (tier ``core`` here) and the residents' committee.

    Source: 胡业方 (2018), 村居协同治理：转型社区治理模式创新的实践与反思,
    武汉理工大学学报(社会科学版) 31(5):97–103.
    """
    actors = [
        ("village_committee", "村委会", "village committee", "core", "village_committee", S,
         "the main body of governance"),
        ("residents_committee", "居委会", "residents' committee", "support", "residents_committee", S,
         "coordinated by the village committee"),
        ("party_members", "党员", "Party members", "plural", "party_branch", S, "carry mobilisation"),
        ("villagers", "村民", "villagers (registered)", "plural", "resident_representative", S,
         "dual identity of residents"),
        ("residents", "居民(人户分离)", "residents registered elsewhere", "plural",
         "resident_representative", S, "people registered in one place and living in another"),
        ("collective_economy", "村集体经济", "village collective economy", "plural",
         "shareholding_company", I, "rule: the village's mobilisable resources"),
    ]
    ties = [("village_committee", "residents_committee", "guidance", S, "the village committee coordinates"),
            ("village_committee", "residents_committee", "information", S, "information is integrated"),
            ("residents_committee", "village_committee", "information", S, "information is integrated"),
            ("party_members", "villagers", "service", S, "mobilisation through Party members"),
            ("party_members", "residents", "service", S, "mobilisation through Party members"),
            ("village_committee", "collective_economy", "resource", I,
             "rule: economic work is the village's"),
            ("village_committee", "villagers", "service", I, "rule: service work divided by identity"),
            ("residents_committee", "residents", "service", I, "rule: service work divided by identity"),
            ("village_committee", "party_members", "leadership", I, "rule: the main body leads")]
    meta = {"name": "Village–residence collaborative governance (胡业方)",
            "source": "胡业方 (2018), 武汉理工大学学报(社会科学版) 31(5):97–103"}
    return _net(actors, ties, meta)


def nanshan_district() -> dict[str, pd.DataFrame]:
    """Nanshan District facts from the sources, as tables (all stated).

    Returns a dict of DataFrames: ``facts`` (quantity, value, unit, note),
    ``communities`` (committee type counts: 76 comprehensive Party committees,
    24 general branches), ``timeline`` (1990–2014).
    """
    facts = pd.DataFrame([
        ("area", 185, "km²", ""),
        ("sub_districts", 8, "", "街道"),
        ("communities", 100, "", "社区"),
        ("managed_population", 2_010_000, "people", "管理人口 2.01 million"),
        ("registered_to_floating_ratio", 0.5, "", "registered : floating = 1 : 2"),
        ("floating_turnover_per_year", 0.33, "share", "33 % annual turnover of the floating population"),
        ("university_educated_per_100k", 40_000, "per 100,000", "over 40,000"),
        ("foreign_residents", 13_000, "people", "42 % of the city's"),
        ("foreign_residents_share_of_city", 0.42, "share", ""),
        ("gdp_2014", 346.4e9, "yuan", "346.4 billion"),
        ("gdp_per_capita_2014", 308_700, "yuan", ""),
        ("committee_members_2013", 597, "people", "班子成员 in the 2013 election"),
        ("part_time_members_2013", 221, "people", "兼职委员 in the 2013 election"),
        ("duty_subjects", 9, "", "治理主体"),
        ("duty_major_items", 75, "", "大项"),
        ("duty_sub_items", 277, "", "小项"),
        ("earlier_survey_population", 1_380_000, "people", "an earlier survey in the seed"),
        ("earlier_survey_registered", 380_000, "people", "an earlier survey in the seed"),
    ], columns=["quantity", "value", "unit", "note"])
    communities = pd.DataFrame([
        ("party_committee", "社区综合党委", 76),
        ("party_general_branch", "党总支", 24),
    ], columns=["committee_type", "label_zh", "communities"])
    timeline = pd.DataFrame([
        (1990, "district founded; 街居制 (street–residents'-committee system)"),
        (2005, "议行分设: work stations carry administrative work; over 600 stations city-wide"),
        (2006, "居站分设 city-wide; first community Party committee (Huaguoshan)"),
        (2007, "regional “one core, many actors” Party building"),
        (2013, "the “1+3+N” structure with the comprehensive Party committee as core"),
        (2014, "2014-06-12 implementation plan 《深化“一核多元”社区治理模式的实施方案》"),
    ], columns=["year", "event"])
    for t in (facts, communities, timeline):
        t.attrs["source"] = "陈家喜、林电锋; 王慧琼, 深圳特区报 2014-07-14"
    return {"facts": facts, "communities": communities, "timeline": timeline}
