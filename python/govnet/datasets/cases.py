"""The other case studies of the source bundle (shared/seeds; brief in
shared/docs/case-studies.md), as small networks with ``evidence``,
``source_id``, ``quote`` and ``note`` on every actor and tie.

The sources give structures and counts, not tie lists. A row is ``stated``
only when a clause of the cited article says it; ``quote`` is that clause,
verbatim (the seed's ASCII ``, : ( )`` kept). A tie the model needs but the
article does not say — including one *implied* by calling an actor the core —
is ``illustrative`` and its ``note`` gives the rule. Kinds use the source's own
terms (see :data:`govnet.vocab.KINDS`).
"""

from __future__ import annotations

import pandas as pd

from govnet.model.network import Network

__all__ = ["shatou", "zhaoshang", "baibuting", "market_inclusive", "village_residence",
           "nanshan_district"]

S, I = "stated", "illustrative"


def _net(actors: list[tuple], ties: list[tuple], meta: dict) -> Network:
    a = pd.DataFrame(actors, columns=["id", "name", "name_en", "tier", "kind", "evidence",
                                      "source_id", "quote", "note"])
    t = pd.DataFrame(ties, columns=["source", "target", "relation", "evidence", "source_id",
                                    "quote", "note"])
    return Network.from_frames(a, t, meta=meta)


# -- Shatou -----------------------------------------------------------------------------------

_SHATOU = "shatou_2020"
_SHATOU_PATTERN = ("以党组织为核心,社区工作站、居委会、股份合作公司(小区物业公司、工业园区运营单位)为支撑,"
                   "驻社区单位、社会团体等多元参与的“1+3+N”基层治理格局")
_SHATOU_UNDER = "下辖12个社区、14个居委会和5个股份合作公司"


def shatou() -> Network:
    """Shatou sub-district (沙头街道), Futian District, Shenzhen: its “1+3+N”.

    The Party organisation (党组织) is the core; the **work station, residents'
    committee and shareholding cooperative companies** (股份合作公司: estate
    property companies and industrial-park operators, 小区物业公司、工业园区运营单位)
    are the “3” (支撑) — a market actor takes the service centre's place;
    resident units and social groups (社会团体) are the “N”. Sub-district facts
    (``meta``): founded 1983, about 13.59 km², 328,000 permanent residents, 12
    communities, 14 residents' committees, 5 shareholding cooperative
    companies; ``meta["provenance"]`` gives each one's ``[source_id, quote]``.

    The source calls the Party organisation the core but states no tie, so
    every tie here is illustrative (rule in ``note``).

    Source: 深圳市委驻沙头街道指导服务组, 《推进社区治理现代化的实践与思考》,
    特区实践与理论 2020年第2期 (source id ``shatou_2020``).
    """
    p = _SHATOU_PATTERN
    actors = [
        ("party_org", "党组织", "Party organisation", "core", "party_organization", S, _SHATOU, p,
         "the core (以党组织为核心)"),
        ("work_station", "社区工作站", "community work station", "support", "work_station", S, _SHATOU,
         p, "the “3” (支撑)"),
        ("residents_committee", "居委会", "residents' committee", "support", "residents_committee", S,
         _SHATOU, p, "the “3” (支撑)"),
        ("shareholding_company", "股份合作公司", "shareholding cooperative company", "support",
         "shareholding_company", S, _SHATOU, p,
         "the “3” (支撑): estate property companies and industrial-park operators"),
        ("resident_unit", "驻社区单位", "resident units", "plural", "resident_unit", S, _SHATOU, p,
         "the “N” (多元参与)"),
        ("social_group", "社会团体", "social groups", "plural", "social_group", S, _SHATOU, p,
         "the “N” (多元参与)"),
        ("street_office", "沙头街道", "Shatou sub-district", "external", "street_office", S, _SHATOU,
         _SHATOU_UNDER, "the sub-district the communities belong to; its tie is illustrative"),
    ]
    three = ["work_station", "residents_committee", "shareholding_company"]
    ties = [("party_org", o, "leadership", I, _SHATOU, "",
             "rule: the core of the 1+3+N pattern (以党组织为核心) is read as leading each other "
             "element; the source states no leadership tie")
            for o in three + ["resident_unit", "social_group"]]
    ties += [("shareholding_company", "resident_unit", "service", I, _SHATOU, "",
              "rule: the companies run estate property services and industrial parks, read as a "
              "service to resident units"),
             ("street_office", "work_station", "guidance", I, _SHATOU, "",
              "rule: the sub-district guides the government's platform in the community")]
    meta = {"name": "Shatou 1+3+N (沙头街道)", "founded": 1983, "area_km2": 13.59,
            "residents": 328_000, "communities": 12, "residents_committees": 14,
            "shareholding_companies": 5,
            "source": "深圳市委驻沙头街道指导服务组《推进社区治理现代化的实践与思考》, "
                      "特区实践与理论 2020年第2期",
            "source_id": _SHATOU,
            "provenance": {
                "founded": [_SHATOU, "沙头街道设立于1983年"],
                "area_km2": [_SHATOU, "辖区面积约13.59平方公里"],
                "residents": [_SHATOU, "常住人口32.8万人"],
                "communities": [_SHATOU, _SHATOU_UNDER],
                "residents_committees": [_SHATOU, _SHATOU_UNDER],
                "shareholding_companies": [_SHATOU, _SHATOU_UNDER],
            }}
    return _net(actors, ties, meta)


# -- Zhaoshang --------------------------------------------------------------------------------

_RENMIN = "chen_chen_renmin"
_SURVEY = "nanshan_survey"
_ZS_PATTERN = ("以社区党委(总支)为核心(“一核”)、社区“两新”组织、退休老同志等各类党支部,社区居委会、业委会、"
               "老年协会、物业管理公司等各类自治组织及居民群众(“多元”)共同参与社区建设")
_HUAGUOSHAN = ("2006年招商街道在花果山社区试点成立了南山区首个社区党委,将辖区内退休党员党支部和社区党支部"
               "按属地化管理纳入社区党委")
_ZS_MEMBERS = ("社区居委会党员、离退休党员、民营经济(“两新组织”)党员、失业下岗党员、待就业的高校毕业生及部队"
               "退伍党员、驻社区单位在职党员、流动党员等")


def zhaoshang() -> Network:
    """Zhaoshang sub-district (招商街道), Nanshan: “one core, many actors” Party building.

    Core (“一核”): the community Party committee or general branch (社区党委(总支)).
    Many (“多元”): branches of “two new” organisations (new economic and
    social organisations) and of retired cadres; the self-governing
    organisations (自治组织) — residents' committee, owners' committee, elderly
    association, property company — and the residents (居民群众). The source puts
    the residents' committee among the “many”, so its tier is ``plural``.

    Party branches under the committee (``membership``): the Nanshan survey
    states that Huaguoshan (花果山), in Zhaoshang, piloted Nanshan's first
    community Party committee in 2006 and brought the retired members' branch
    and the community branch (社区党支部) under it; both ties are stated. The
    two-new branch's tie and every leadership tie are illustrative (the source
    calls the committee the core, and states no leadership tie).

    Source: 陈妙华、陈海涛, 人民网-理论频道 (``chen_chen_renmin``); the Nanshan
    survey 以管理创新促进社会和谐 (``nanshan_survey``).
    """
    p = _ZS_PATTERN
    actors = [
        ("party_committee", "社区党委(总支)", "community Party committee (or general branch)", "core",
         "community_party_committee", S, _RENMIN, p, "the core (“一核”)"),
        ("two_new_branch", "“两新”组织党支部", "branch of new economic and social organisations",
         "plural", "party_branch", S, _RENMIN, p, "a Party branch in the “many” (各类党支部)"),
        ("retired_branch", "退休老同志党支部", "retired cadres' branch", "plural", "party_branch", S,
         _RENMIN, p, "a Party branch in the “many” (各类党支部)"),
        ("community_branch", "社区党支部", "community Party branch", "plural", "party_branch", S,
         _SURVEY, _HUAGUOSHAN, "brought under the community committee in the Huaguoshan pilot"),
        ("residents_committee", "社区居委会", "residents' committee", "plural", "residents_committee", S,
         _RENMIN, p, "a self-governing organisation (自治组织) in the “many”"),
        ("owners_committee", "业委会", "owners' committee", "plural", "owners_committee", S, _RENMIN, p,
         "a self-governing organisation (自治组织)"),
        ("elderly_association", "老年协会", "elderly association", "plural", "elderly_association", S,
         _RENMIN, p, "a self-governing organisation (自治组织)"),
        ("property_company", "物业管理公司", "property management company", "plural",
         "property_company", S, _RENMIN, p, "listed among the self-governing organisations (自治组织)"),
        ("residents", "居民群众", "residents", "plural", "residents", S, _RENMIN, p,
         "the residents take part (“多元”)"),
    ]
    many = [x[0] for x in actors[1:]]
    ties = [("party_committee", o, "leadership", I, _RENMIN, "",
             "rule: the core (“一核”) is read as leading each of the “many”; the source states no "
             "leadership tie")
            for o in many]
    ties += [(b, "party_committee", "membership", S, _SURVEY, _HUAGUOSHAN,
              "branch brought under the community committee (纳入社区党委), Huaguoshan pilot 2006")
             for b in ("retired_branch", "community_branch")]
    ties.append(("two_new_branch", "party_committee", "membership", I, _SURVEY, "",
                 "rule: as in Wenzhuyuan (文竹园), where private-economy branches joined a unified "
                 "community committee; the sources do not say this of Zhaoshang"))
    meta = {"name": "Zhaoshang one core, many actors Party building (招商街道)",
            "first_community_committee": "Huaguoshan 2006",
            "party_member_groups": _ZS_MEMBERS,
            "source": "陈妙华、陈海涛《深圳南山区:“一核多元”社区党建模式》, 人民网-理论频道; "
                      "以管理创新促进社会和谐——关于深圳市南山区和谐社区建设的调查",
            "provenance": {"first_community_committee": [_SURVEY, _HUAGUOSHAN],
                           "party_member_groups": [_RENMIN, _ZS_MEMBERS]}}
    return _net(actors, ties, meta)


# -- Baibuting --------------------------------------------------------------------------------

_ZHANG = "zhang_taohua_2021"


def baibuting() -> Network:
    """Baibuting community (百步亭社区), Wuhan: a national “civilised community” (全国文明社区)
    studied as a one-core-many-actors model under Party leadership.

    The bundle holds only the article's abstract, keywords (社区; 治理模式; 百步亭;
    党的领导; 一核多元) and its theory section (governance and good governance,
    治理—善治); it names no organisation of the community. So every actor and tie
    here is illustrative (rule: the kinds of the Nanshan “1+3+N” that a
    one-core-many-actors model under Party leadership implies); only
    ``meta["civilised_community"]`` is stated.

    Source: 张涛华, “一核多元”的现代社区治理模式研究, 学理论·下 2021年第04期
    (``zhang_taohua_2021``).
    """
    rule3 = "rule: the usual “3” of the model; the excerpt names no organisation"
    ruleN = "rule: a typical “N” actor; the excerpt names no organisation"
    actors = [
        ("party_committee", "社区党委", "community Party committee", "core",
         "community_party_committee", I, _ZHANG, "",
         "rule: Party leadership (党的领导, a keyword) as the one core; the excerpt names no Party body"),
        ("residents_committee", "居委会", "residents' committee", "support", "residents_committee", I,
         _ZHANG, "", rule3),
        ("service_center", "社区服务中心", "service centre", "support", "service_center", I, _ZHANG, "",
         rule3),
        ("property_company", "物业公司", "property company", "plural", "property_company", I, _ZHANG, "",
         ruleN),
        ("social_organization", "社区社会组织", "social organisations", "plural", "social_organization",
         I, _ZHANG, "", ruleN),
        ("volunteers", "志愿者团队", "volunteer teams", "plural", "volunteer", I, _ZHANG, "", ruleN),
    ]
    ties = [("party_committee", x[0], "leadership", I, _ZHANG, "",
             "rule: one core under Party leadership leads the others") for x in actors[1:]]
    meta = {"name": "Baibuting, Wuhan (百步亭社区)",
            "civilised_community": "全国文明社区 (national civilised community)",
            "source": "张涛华《“一核多元”的现代社区治理模式研究》, 学理论·下 2021年第04期",
            "provenance": {"civilised_community": [_ZHANG, "百步亭社区作为全国文明社区"]}}
    return _net(actors, ties, meta)


# -- Market actors (Yang Fan) -----------------------------------------------------------------

_YANG = "yang_fan_2015"
_YANG_GOV_SOC = "上级政府、街道、社工、志愿者、非营利组织都能有效地参与到社区的日常运行过程中"
_YANG_MARKET = "以业主大会、业主委员会、物业公司为代表的“市场”主体被忽视,造成了针对其监督的缺失"


def market_inclusive(supervision: bool = True) -> Network:
    """Yang Fan's government–society–market “cooperation–supervision–co-governance” model.

    The actors are those the article names: on the government and society side
    the higher-level government, the sub-district (街道), social workers,
    volunteers and non-profit organisations, all of which take part in the
    community's daily work; on the market side (小区) the owners' assembly
    (业主大会), owners' committee (业主委员会) and property company (物业公司),
    which the government–society “cooperation and co-governance” model leaves
    out, so that they lack supervision (监督的缺失). The article proposes a
    government–society–market “cooperation–**supervision**–co-governance”
    (合作—监督—共治) big community but does not say who supervises whom, or
    which actors deliberate with which: **every tie is illustrative** (rules
    in ``note``). ``supervision=False`` drops the four supervision ties: the
    model the paper criticises.

    Source: 杨颿 (2015), 从“社区治理”到“小区治理”--反思当下社区治理的“合作-共治”模式之一,
    常州工学院学报(社会科学版) 2015(000)005, P94-97 (``yang_fan_2015``).
    """
    g, m = _YANG_GOV_SOC, _YANG_MARKET
    actors = [
        ("higher_government", "上级政府", "higher-level government", "external", "higher_government",
         S, _YANG, g, "government: takes part in the community's daily work"),
        ("street_office", "街道", "sub-district", "external", "street_office", S, _YANG, g,
         "government: takes part in the community's daily work"),
        ("social_workers", "社工", "social workers", "plural", "social_worker", S, _YANG, g, "society"),
        ("volunteers", "志愿者", "volunteers", "plural", "volunteer", S, _YANG, g, "society"),
        ("npo", "非营利组织", "non-profit organisations", "plural", "nonprofit", S, _YANG, g, "society"),
        ("owners_assembly", "业主大会", "owners' assembly", "plural", "owners_assembly", S, _YANG, m,
         "market"),
        ("owners_committee", "业主委员会", "owners' committee", "plural", "owners_committee", S, _YANG, m,
         "market"),
        ("property_company", "物业公司", "property company", "plural", "property_company", S, _YANG, m,
         "market"),
    ]
    coop = ("rule: the cooperation model's aim is “政府—社会” deliberative cooperation (协商合作); "
            "read as the sub-district deliberating with each society actor")
    ties = [("higher_government", "street_office", "guidance", I, _YANG, "",
             "rule: the higher-level government guides the sub-district")]
    ties += [("street_office", o, "deliberation", I, _YANG, "", coop)
             for o in ("social_workers", "volunteers", "npo")]
    ties += [("owners_assembly", "owners_committee", "leadership", I, _YANG, "",
              "rule: the assembly elects the committee (not in the article)"),
             ("owners_committee", "property_company", "service", I, _YANG, "",
              "rule: the committee contracts the property company (not in the article)")]
    if supervision:
        sup = ("rule: the proposed 合作—监督—共治 model supervises the market actors; the article "
               "does not say who supervises, read here as the sub-district")
        ties += [("street_office", o, "supervision", I, _YANG, "", sup)
                 for o in ("owners_assembly", "owners_committee", "property_company")]
        ties.append(("owners_committee", "property_company", "supervision", I, _YANG, "",
                     "rule: owners supervise the company they contract (not in the article)"))
    meta = {"name": "Government–society–market model (杨颿)" +
            ("" if supervision else " without supervision"),
            "source": "杨颿 (2015), 常州工学院学报(社会科学版) 2015(000)005, P94-97",
            "proposal": "“政府—社会—市场”三者多元互动的“合作—监督—共治”的新型“大社区”治理体系",
            "provenance": {"proposal": [_YANG, "形成“政府—社会—市场”三者多元互动的“合作—监督—共治”"
                                               "的新型“大社区”治理体系"]}}
    return _net(actors, ties, meta)


# -- Village–residence (Hu Yefang) ------------------------------------------------------------

_HU = "hu_yefang_2018"
_HU_MAIN = "村居协同治理以村委会为主体,协同居委会共同治理转型社区"
_HU_SPLIT = "以治理信息的统合,动员型、经济型与服务型的分治,以及依托党员的动员型治理"


def village_residence() -> Network:
    """Hu Yefang's village–residence collaborative governance (村居协同治理).

    In transitional communities the village committee (村委会) is the main body
    (主体) and governs together with the residents' committee, in collaboration
    (协同: an undirected ``collaboration`` tie, the one stated tie); residents
    have a dual identity (居民身份的二重性); people registered in one place and
    living in another (人户分离) blur identity and responsibility; governance
    information is integrated (统合) while mobilisation, economic and service
    work are divided (分治); mobilisation relies on Party members
    (依托党员的动员型治理, a ``mobilization`` tie, not a service tie: the source
    contrasts the two). The bundle holds the abstract only: who exchanges
    information, whom Party members mobilise and who serves whom are not
    stated, so those ties are illustrative (rules in ``note``), as are the
    villagers (the excerpt never says 村民) and the collective economy.

    Source: 胡业方 (2018), 村居协同治理:转型社区治理模式创新的实践与反思,
    武汉理工大学学报:社会科学版 2018(31)5, P97-103 (``hu_yefang_2018``).
    """
    actors = [
        ("village_committee", "村委会", "village committee", "core", "village_committee", S, _HU,
         _HU_MAIN, "the main body (主体); holds large mobilisable governance resources "
         "(大量的可调动的治理资源)"),
        ("residents_committee", "居委会", "residents' committee", "support", "residents_committee", S,
         _HU, _HU_MAIN, "governs with the village committee (协同); tier support is a govnet reading"),
        ("party_members", "党员", "Party members", "plural", "party_members", S, _HU, _HU_SPLIT,
         "mobilisation relies on them (依托党员的动员型治理)"),
        ("residents", "居民", "residents", "plural", "residents", S, _HU, "居民身份的二重性",
         "dual identity; 人户分离 (registered in one place, living in another) blurs identity and "
         "responsibility"),
        ("villagers", "村民", "villagers", "plural", "villagers", I, _HU, "",
         "rule: the village side of the residents' dual identity; the excerpt never says 村民"),
        ("collective_economy", "村集体经济", "village collective economy", "plural",
         "collective_economy", I, _HU, "",
         "rule: the holder of the village's economic work (经济型) and resources; not named in the excerpt"),
    ]
    ties = [("village_committee", "residents_committee", "collaboration", S, _HU, _HU_MAIN,
             "the village committee as main body governs together with the residents' committee (协同)"),
            ("village_committee", "residents_committee", "information", I, _HU, "",
             "rule: information is integrated (治理信息的统合), read as a two-way tie between the committees"),
            ("residents_committee", "village_committee", "information", I, _HU, "",
             "rule: information is integrated (治理信息的统合), read as a two-way tie between the committees"),
            ("party_members", "residents", "mobilization", I, _HU, "",
             "rule: mobilisation relies on Party members (依托党员); whom they mobilise is not stated"),
            ("party_members", "villagers", "mobilization", I, _HU, "",
             "rule: mobilisation relies on Party members (依托党员); whom they mobilise is not stated"),
            ("village_committee", "collective_economy", "resource", I, _HU, "",
             "rule: economic work (经济型) is the village's"),
            ("village_committee", "villagers", "service", I, _HU, "",
             "rule: service work (服务型) divided by identity"),
            ("residents_committee", "residents", "service", I, _HU, "",
             "rule: service work (服务型) divided by identity"),
            ("village_committee", "party_members", "leadership", I, _HU, "",
             "rule: the main body leads the Party members it relies on")]
    meta = {"name": "Village–residence collaborative governance (胡业方)",
            "source": "胡业方 (2018), 武汉理工大学学报:社会科学版 2018(31)5, P97-103",
            "division_of_work": "information integrated (统合); mobilisation, economic and service work "
                                "divided (分治); mobilisation through Party members",
            "provenance": {"division_of_work": [_HU, _HU_SPLIT]}}
    return _net(actors, ties, meta)


def nanshan_district() -> dict[str, pd.DataFrame]:
    """Nanshan District facts from the sources, as tables; every row ``stated``.

    Returns a dict of DataFrames, each row with ``evidence``, ``source_id``
    (a key of :func:`govnet.datasets.sources`) and the verbatim ``quote``:

    * ``facts`` — quantity, value, unit, note: the district (陈家喜、林电锋), its
      2013 committee election, the duty lists, the committees' staffing, and
      the earlier survey's figures (以管理创新促进社会和谐: 1.38 million people,
      380,000 registered). A ratio or share is the source's figure as a number
      (1:2 as 0.5, 33% as 0.33); “超过” (over) is kept in ``note``.
    * ``communities`` — committee type counts: 76 comprehensive Party
      committees, 24 general branches.
    * ``timeline`` — 1990–2014, one row per event and source.
    """
    cl, wang, survey = "chen_lin", "wang_huiqiong_2014", "nanshan_survey"
    area = "总面积185平方公里,拥有8个街道和100个社区,实际管理人口201万人"
    duty = "9大治理主体、75大项277小项"
    facts = pd.DataFrame([
        ("area", 185, "km²", "", cl, area),
        ("sub_districts", 8, "", "街道", cl, area),
        ("communities", 100, "", "社区", cl, area),
        ("managed_population", 2_010_000, "people", "实际管理人口 2.01 million", cl, area),
        ("registered_to_floating_ratio", 0.5, "", "registered : floating = 1 : 2", cl,
         "户籍人口与流动人口比例为1:2"),
        ("floating_turnover_per_year", 0.33, "share", "33 % annual turnover of the floating population",
         cl, "流动人口年流动率达33%"),
        ("university_educated_per_100k", 40_000, "per 100,000", "over (超过) 40,000", cl,
         "每10万人中具有大学程度的超过4万"),
        ("foreign_residents", 13_000, "people", "long-term foreign residents", cl,
         "有13,000名外籍人常年居住,占全市外籍人口的42%"),
        ("foreign_residents_share_of_city", 0.42, "share", "", cl,
         "有13,000名外籍人常年居住,占全市外籍人口的42%"),
        ("key_labs_share_of_city", 0.77, "share", "national, provincial and city key laboratories", cl,
         "聚集了深圳市77%的国家和省市重点实验室"),
        ("enterprise_tech_centres_share_of_city", 0.60, "share", "enterprise technology centres", cl,
         "60%的企业技术中心"),
        ("national_high_tech_firms_share_of_city", 0.41, "share", "national high-tech enterprises", cl,
         "41%的国家级高新技术企业"),
        ("gdp_2014", 346.4e9, "yuan", "3,464亿元 = 346.4 billion", cl, "2014年G D P3,464亿元"),
        ("gdp_per_capita_2014", 308_700, "yuan", "30.87万元", cl, "人均G D P30.87万元"),
        ("committee_members_2013", 597, "people", "班子成员 in the 2013 election", cl,
         "配备班子成员597名,兼职委员221名"),
        ("part_time_members_2013", 221, "people", "兼职委员 in the 2013 election", cl,
         "配备班子成员597名,兼职委员221名"),
        ("full_time_deputy_secretaries_per_committee", 1, "people",
         "专职副书记; Party-building organisers (党建组织员) as regulations require, number not stated",
         cl, "社区综合党委(总支)设1名专职副书记,并按规定配备党建组织员"),
        ("duty_subjects", 9, "", "治理主体", cl, duty),
        ("duty_major_items", 75, "", "大项", cl, duty),
        ("duty_sub_items", 277, "", "小项", cl, duty),
        ("earlier_survey_population", 1_380_000, "people", "全区人口总数, an earlier survey", survey,
         "全区人口总数138万人,其中户籍人口38万人"),
        ("earlier_survey_registered", 380_000, "people", "户籍人口, an earlier survey", survey,
         "全区人口总数138万人,其中户籍人口38万人"),
    ], columns=["quantity", "value", "unit", "note", "source_id", "quote"])
    communities = pd.DataFrame([
        ("party_committee", "社区综合党委", 76, cl, "76个社区成立了综合党委"),
        ("party_general_branch", "党总支", 24, cl, "24个社区按条件成立了党总支"),
    ], columns=["committee_type", "label_zh", "communities", "source_id", "quote"])
    timeline = pd.DataFrame([
        (1990, "district founded; 街居制 (street–residents'-committee system), the residents' "
               "committee the main actor", cl,
         "1990年建区伊始,实施“街居制”,社区居委会是基层社会管理与服务的重要主体"),
        (2005, "议行分设: work stations added for administrative and public affairs; the residents' "
               "committee marginalised", cl,
         "2005年推行“议行分设”,增设社区工作站,负责社区行政事务和公共事务,居委会被边缘化"),
        (2005, "Shenzhen city-wide: over 600 community work stations set up", wang,
         "2005年全市建立了600余个社区工作站"),
        (2006, "Shenzhen city-wide: 居站分设 (residents' committee and station separated)", wang,
         "2006年实行“居站分设”"),
        (2006, "first community Party committee of Nanshan piloted in Huaguoshan (Zhaoshang)", survey,
         "2006年招商街道在花果山社区试点成立了南山区首个社区党委"),
        (2007, "regional “one core, many actors” Party building", cl,
         "2007年开始,着力推进“一核多元”区域化党建"),
        (2007, "three-year “harmonious community building” action plan", survey,
         "从2007年开始,南山区实施“和谐社区建设”3年行动计划"),
        (2013, "the “1+3+N” structure with the comprehensive Party committee as core", cl,
         "于2013年确立了以社区综合党委为核心的“1+3+N”社区治理结构"),
        (2013, "committee elections: the “社区综合党委+兼职委员” model district-wide", cl,
         "在2013年社区两委换届中,南山区全面推进“社区综合党委+兼职委员”组织设置模式"),
        (2014, "2014-06-12 implementation plan 《深化“一核多元”社区治理模式的实施方案》", cl,
         "2014年6月12日,南山区出台《深化“一核多元”社区治理模式的实施方案》"),
    ], columns=["year", "event", "source_id", "quote"])
    for t in (facts, communities, timeline):
        t.insert(len(t.columns) - 2, "evidence", "stated")
        t.attrs["source"] = ("陈家喜、林电锋 (chen_lin); 王慧琼, 深圳特区报 2014-07-14 (wang_huiqiong_2014); "
                             "以管理创新促进社会和谐 (nanshan_survey): see each row's source_id")
    return {"facts": facts, "communities": communities, "timeline": timeline}
