"""Pins the bundled case-study data: every stated figure, every row's evidence flag, the
source ids and the Chinese labels, so that a change that breaks fidelity to the sources fails.

The expectations were checked by hand against the seed text (issue #14); change them only
together with the data and with a quote that supports the change (see test_provenance.py).
"""

from __future__ import annotations

import pandas as pd
import pytest

import govnet
from govnet.datasets.sources import SOURCES
from govnet.model.vocab import KINDS

# id: (name, kind, Chinese kind label, evidence)
ACTORS = {
    'nanshan': {
        'party_committee': ('社区综合党委', 'party_committee', '社区综合党委', 'stated'),
        'residents_committee': ('社区居民委员会', 'residents_committee', '居委会', 'stated'),
        'work_station': ('社区工作站', 'work_station', '社区工作站', 'stated'),
        'service_center': ('社区服务中心', 'service_center', '社区服务中心', 'stated'),
        'social_organization': ('社区社会组织', 'social_organization', '社区社会组织', 'stated'),
        'owners_committee': ('业主委员会', 'owners_committee', '业主委员会', 'stated'),
        'property_company': ('物业管理公司', 'property_company', '物业管理公司', 'stated'),
        'shareholding_company': ('农城化股份公司', 'village_shareholding_company', '农城化股份公司', 'stated'),
        'resident_unit': ('驻辖区企事业单位', 'resident_unit', '驻区单位', 'stated'),
        'trade_union': ('工会', 'trade_union', '工会', 'stated'),
        'youth_league': ('共青团', 'youth_league', '共青团', 'stated'),
        'womens_federation': ('妇联', 'womens_federation', '妇联', 'stated'),
        'deputies': ('两代表一委员', 'deputy', '两代表一委员', 'stated'),
        'resident_representatives': ('居民代表', 'resident_representative', '居民代表', 'stated'),
        'part_time_members': ('兼职委员', 'part_time_member', '兼职委员', 'stated'),
        'resident_unit_party': ('驻辖区企事业单位党组织负责人和党员', 'party_members', '党员', 'stated'),
        'migrant_party_members': ('来深建设者党员', 'party_members', '党员', 'stated'),
        'street_party_committee': ('街道党工委', 'street_party_working_committee', '街道党工委', 'stated'),
        'street_office': ('街道办事处', 'street_office', '街道', 'illustrative'),
    },
    'shatou': {
        'party_org': ('党组织', 'party_organization', '党组织', 'stated'),
        'work_station': ('社区工作站', 'work_station', '社区工作站', 'stated'),
        'residents_committee': ('居委会', 'residents_committee', '居委会', 'stated'),
        'shareholding_company': ('股份合作公司', 'shareholding_company', '股份合作公司', 'stated'),
        'resident_unit': ('驻社区单位', 'resident_unit', '驻区单位', 'stated'),
        'social_group': ('社会团体', 'social_group', '社会团体', 'stated'),
        'street_office': ('沙头街道', 'street_office', '街道', 'stated'),
    },
    'zhaoshang': {
        'party_committee': ('社区党委(总支)', 'community_party_committee', '社区党委', 'stated'),
        'two_new_branch': ('“两新”组织党支部', 'party_branch', '党支部', 'stated'),
        'retired_branch': ('退休老同志党支部', 'party_branch', '党支部', 'stated'),
        'community_branch': ('社区党支部', 'party_branch', '党支部', 'stated'),
        'residents_committee': ('社区居委会', 'residents_committee', '居委会', 'stated'),
        'owners_committee': ('业委会', 'owners_committee', '业主委员会', 'stated'),
        'elderly_association': ('老年协会', 'elderly_association', '老年协会', 'stated'),
        'property_company': ('物业管理公司', 'property_company', '物业管理公司', 'stated'),
        'residents': ('居民群众', 'residents', '居民', 'stated'),
    },
    'baibuting': {
        'party_committee': ('社区党委', 'community_party_committee', '社区党委', 'illustrative'),
        'residents_committee': ('居委会', 'residents_committee', '居委会', 'illustrative'),
        'service_center': ('社区服务中心', 'service_center', '社区服务中心', 'illustrative'),
        'property_company': ('物业公司', 'property_company', '物业管理公司', 'illustrative'),
        'social_organization': ('社区社会组织', 'social_organization', '社区社会组织', 'illustrative'),
        'volunteers': ('志愿者团队', 'volunteer', '志愿者', 'illustrative'),
    },
    'market_inclusive': {
        'higher_government': ('上级政府', 'higher_government', '上级政府', 'stated'),
        'street_office': ('街道', 'street_office', '街道', 'stated'),
        'social_workers': ('社工', 'social_worker', '社工', 'stated'),
        'volunteers': ('志愿者', 'volunteer', '志愿者', 'stated'),
        'npo': ('非营利组织', 'nonprofit', '非营利组织', 'stated'),
        'owners_assembly': ('业主大会', 'owners_assembly', '业主大会', 'stated'),
        'owners_committee': ('业主委员会', 'owners_committee', '业主委员会', 'stated'),
        'property_company': ('物业公司', 'property_company', '物业管理公司', 'stated'),
    },
    'village_residence': {
        'village_committee': ('村委会', 'village_committee', '村委会', 'stated'),
        'residents_committee': ('居委会', 'residents_committee', '居委会', 'stated'),
        'party_members': ('党员', 'party_members', '党员', 'stated'),
        'residents': ('居民', 'residents', '居民', 'stated'),
        'villagers': ('村民', 'villagers', '村民', 'illustrative'),
        'collective_economy': ('村集体经济', 'collective_economy', '集体经济组织', 'illustrative'),
    },
}

# (source, target, relation): evidence, deliberation (derived from meetings) apart
TIES = {
    'nanshan': {
        ('owners_committee', 'party_committee', 'membership'): 'stated',
        ('part_time_members', 'party_committee', 'membership'): 'stated',
        ('party_committee', 'deputies', 'cross_appointment'): 'stated',
        ('party_committee', 'migrant_party_members', 'cross_appointment'): 'stated',
        ('party_committee', 'owners_committee', 'cross_appointment'): 'stated',
        ('party_committee', 'owners_committee', 'leadership'): 'stated',
        ('party_committee', 'property_company', 'cross_appointment'): 'stated',
        ('party_committee', 'property_company', 'leadership'): 'stated',
        ('party_committee', 'resident_unit', 'leadership'): 'stated',
        ('party_committee', 'residents_committee', 'leadership'): 'stated',
        ('party_committee', 'service_center', 'leadership'): 'stated',
        ('party_committee', 'shareholding_company', 'leadership'): 'stated',
        ('party_committee', 'social_organization', 'cross_appointment'): 'stated',
        ('party_committee', 'social_organization', 'leadership'): 'stated',
        ('party_committee', 'trade_union', 'leadership'): 'illustrative',
        ('party_committee', 'womens_federation', 'leadership'): 'illustrative',
        ('party_committee', 'work_station', 'leadership'): 'stated',
        ('party_committee', 'youth_league', 'leadership'): 'illustrative',
        ('residents_committee', 'party_committee', 'membership'): 'stated',
        ('social_organization', 'party_committee', 'membership'): 'stated',
        ('street_office', 'work_station', 'guidance'): 'illustrative',
        ('street_party_committee', 'party_committee', 'leadership'): 'stated',
        ('work_station', 'party_committee', 'membership'): 'stated',
    },
    'shatou': {
        ('party_org', 'resident_unit', 'leadership'): 'illustrative',
        ('party_org', 'residents_committee', 'leadership'): 'illustrative',
        ('party_org', 'shareholding_company', 'leadership'): 'illustrative',
        ('party_org', 'social_group', 'leadership'): 'illustrative',
        ('party_org', 'work_station', 'leadership'): 'illustrative',
        ('shareholding_company', 'resident_unit', 'service'): 'illustrative',
        ('street_office', 'work_station', 'guidance'): 'illustrative',
    },
    'zhaoshang': {
        ('community_branch', 'party_committee', 'membership'): 'stated',
        ('party_committee', 'community_branch', 'leadership'): 'illustrative',
        ('party_committee', 'elderly_association', 'leadership'): 'illustrative',
        ('party_committee', 'owners_committee', 'leadership'): 'illustrative',
        ('party_committee', 'property_company', 'leadership'): 'illustrative',
        ('party_committee', 'residents', 'leadership'): 'illustrative',
        ('party_committee', 'residents_committee', 'leadership'): 'illustrative',
        ('party_committee', 'retired_branch', 'leadership'): 'illustrative',
        ('party_committee', 'two_new_branch', 'leadership'): 'illustrative',
        ('retired_branch', 'party_committee', 'membership'): 'stated',
        ('two_new_branch', 'party_committee', 'membership'): 'illustrative',
    },
    'baibuting': {
        ('party_committee', 'property_company', 'leadership'): 'illustrative',
        ('party_committee', 'residents_committee', 'leadership'): 'illustrative',
        ('party_committee', 'service_center', 'leadership'): 'illustrative',
        ('party_committee', 'social_organization', 'leadership'): 'illustrative',
        ('party_committee', 'volunteers', 'leadership'): 'illustrative',
    },
    'market_inclusive': {
        ('higher_government', 'street_office', 'guidance'): 'illustrative',
        ('owners_assembly', 'owners_committee', 'leadership'): 'illustrative',
        ('owners_committee', 'property_company', 'service'): 'illustrative',
        ('owners_committee', 'property_company', 'supervision'): 'illustrative',
        ('street_office', 'npo', 'deliberation'): 'illustrative',
        ('street_office', 'owners_assembly', 'supervision'): 'illustrative',
        ('street_office', 'owners_committee', 'supervision'): 'illustrative',
        ('street_office', 'property_company', 'supervision'): 'illustrative',
        ('street_office', 'social_workers', 'deliberation'): 'illustrative',
        ('street_office', 'volunteers', 'deliberation'): 'illustrative',
    },
    'village_residence': {
        ('party_members', 'residents', 'mobilization'): 'illustrative',
        ('party_members', 'villagers', 'mobilization'): 'illustrative',
        ('residents_committee', 'residents', 'service'): 'illustrative',
        ('residents_committee', 'village_committee', 'information'): 'illustrative',
        ('village_committee', 'collective_economy', 'resource'): 'illustrative',
        ('village_committee', 'party_members', 'leadership'): 'illustrative',
        ('village_committee', 'residents_committee', 'collaboration'): 'stated',
        ('village_committee', 'residents_committee', 'information'): 'illustrative',
        ('village_committee', 'villagers', 'service'): 'illustrative',
    },
}

SOURCE_IDS = {
    # id: (author, title, venue, year)
    "li_zhaohui": ("李朝晖", "法治、智治、共治:城市治理现代化的深圳探索与实践", "", None),
    "yang_fan_2015": ("杨颿", "从“社区治理”到“小区治理”--反思当下社区治理的“合作-共治”模式之一",
                      "常州工学院学报(社会科学版)", 2015),
    "shatou_2020": ("深圳市委驻沙头街道指导服务组", "推进社区治理现代化的实践与思考", "特区实践与理论", 2020),
    "zhang_taohua_2021": ("张涛华", "“一核多元”的现代社区治理模式研究", "学理论·下", 2021),
    "deliberation_report": ("", "协商治理调研报告", "", None),
    "theory_practice": ("", "社区治理的理论与实践", "", None),
    "innovation_thoughts": ("", "社区治理的创新思路——我的思考", "", None),
    "chen_chen_renmin": ("陈妙华、陈海涛", "深圳南山区:“一核多元”社区党建模式", "人民网-理论频道", None),
    "rc_deliberation": ("", "社区居委会的社区协商决策与民主治理", "", None),
    "experience": ("", "社区治理心得体会", "", None),
    "wang_huiqiong_2014": ("王慧琼", "激发“1+3+N”的“陀螺效应”——南山“一核多元”社区治理模式透视", "深圳特区报",
                           2014),
    "practice_reflection": ("", "社区治理的实践与反思", "", None),
    "participation_design": ("", "社区治理中的居民参与机制:民主化进程中的探索与实践", "", None),
    "nanshan_survey": ("", "以管理创新促进社会和谐——关于深圳市南山区和谐社区建设的调查", "", None),
    "hu_yefang_2018": ("胡业方", "村居协同治理:转型社区治理模式创新的实践与反思", "武汉理工大学学报:社会科学版",
                       2018),
    "new_thinking": ("", "社区治理的新思路与实践", "", None),
    "urban_problems": ("", "分析城市社区治理的问题与创新", "", None),
    "chen_lin": ("陈家喜、林电锋",
                 "城市社区协商治理模式的实践探索与理论反思——深圳南山区“一核多元”社区治理创新观察", "", None),
}

NETWORKS = ["nanshan", "shatou", "zhaoshang", "baibuting", "market_inclusive", "village_residence"]


def test_source_table():
    assert {k: (s.author, s.title, s.venue, s.year) for k, s in SOURCES.items()} == SOURCE_IDS
    t = govnet.datasets.sources()
    assert list(t.index) == list(SOURCE_IDS)
    assert t.loc["chen_lin", "lines"] == "1-1, 261-327"


@pytest.mark.parametrize("name", NETWORKS)
def test_actors_kinds_labels_and_flags(name):
    a = getattr(govnet.datasets, name)().actors
    got = {i: (r["name"], r["kind"], KINDS[r["kind"]].zh, r["evidence"]) for i, r in a.iterrows()}
    assert got == ACTORS[name]


@pytest.mark.parametrize("name", NETWORKS)
def test_ties_and_flags(name):
    t = getattr(govnet.datasets, name)().ties()
    if name != "market_inclusive":
        t = t[t["relation"] != "deliberation"]
    assert {(r.source, r.target, r.relation): r.evidence for r in t.itertuples()} == TIES[name]


@pytest.mark.parametrize("name", NETWORKS)
def test_stated_rows_cite_the_expected_articles(name):
    net = getattr(govnet.datasets, name)()
    ids = {"nanshan": {"chen_lin"}, "shatou": {"shatou_2020"},
           "zhaoshang": {"chen_chen_renmin", "nanshan_survey"}, "baibuting": set(),
           "market_inclusive": {"yang_fan_2015"}, "village_residence": {"hu_yefang_2018"}}[name]
    for frame in (net.actors, net.ties()):
        assert set(frame.loc[frame["evidence"] == "stated", "source_id"]) <= ids


def test_market_actors_have_no_stated_tie():
    # the article says the market actors lack supervision, not who supervises them
    m = govnet.datasets.market_inclusive()
    assert set(m.ties()["evidence"]) == {"illustrative"}
    assert m.num_ties("supervision") == 4
    assert "residents_committee" not in m.actor_ids  # the article never mentions it
    assert "supervision" not in govnet.datasets.market_inclusive(supervision=False).relations


def test_village_relations():
    v = govnet.datasets.village_residence()
    assert not v.relation_spec("collaboration").directed  # 协同, not directed guidance
    assert v.relation_spec("mobilization").directed
    assert "guidance" not in v.relations
    svc = v.ties("service")
    assert "party_members" not in set(svc["source"])  # mobilisation is not service


def test_nanshan_meetings_one_combined_list():
    net = govnet.datasets.nanshan()
    m = net.meetings
    assert m["meeting"].nunique() == 1
    assert set(m["evidence"]) == {"stated"}
    assert sorted(m["actor"]) == sorted([
        "party_committee", "part_time_members", "deputies", "residents_committee", "work_station",
        "service_center", "social_organization", "shareholding_company", "owners_committee",
        "property_company", "trade_union", "youth_league", "womens_federation",
        "resident_unit_party", "resident_representatives"])
    w = net.ties("deliberation")
    assert len(w) == 15 * 14 // 2 and set(w["weight"]) == {1.0}
    assert set(w["evidence"]) == {"stated"}


def test_nanshan_meta():
    meta = govnet.datasets.nanshan().meta
    assert meta["veto"] == "party_committee"
    assert meta["core_led_by"] == "street_party_committee"
    assert "干部人事" in meta["veto_scope"] and "推优评先" in meta["veto_scope"]
    assert "1 full-time deputy secretary" in meta["core_composition"]
    assert set(meta["provenance"]) == {"veto", "veto_scope", "core_led_by", "core_composition", "council"}
    assert "社区治理创新观察" in meta["source"]


def test_nanshan_duty_counts_pinned():
    c = govnet.datasets.nanshan_duty_counts()
    assert dict(zip(c["actor"], c["sub_items"])) == {
        "party_committee": 34, "residents_committee": 16, "work_station": 21, "service_center": 157,
        "social_organization": 5, "shareholding_company": 7, "owners_committee": 8,
        "property_company": 8, "resident_unit": 21}
    assert c["sub_items"].sum() == 277 and c.attrs["major_items"] == 75
    assert set(c["evidence"]) == {"stated"} and set(c["source_id"]) == {"chen_lin"}


def test_nanshan_district_figures_pinned():
    d = govnet.datasets.nanshan_district()
    facts = d["facts"].set_index("quantity")
    assert facts["value"].to_dict() == {
        "area": 185, "sub_districts": 8, "communities": 100, "managed_population": 2_010_000,
        "registered_to_floating_ratio": 0.5, "floating_turnover_per_year": 0.33,
        "university_educated_per_100k": 40_000, "foreign_residents": 13_000,
        "foreign_residents_share_of_city": 0.42, "key_labs_share_of_city": 0.77,
        "enterprise_tech_centres_share_of_city": 0.60, "national_high_tech_firms_share_of_city": 0.41,
        "gdp_2014": 346.4e9, "gdp_per_capita_2014": 308_700, "committee_members_2013": 597,
        "part_time_members_2013": 221, "full_time_deputy_secretaries_per_committee": 1,
        "duty_subjects": 9, "duty_major_items": 75, "duty_sub_items": 277,
        "earlier_survey_population": 1_380_000, "earlier_survey_registered": 380_000}
    src = facts["source_id"]
    assert set(src[src != "chen_lin"].index) == {"earlier_survey_population", "earlier_survey_registered"}
    assert set(src[src != "chen_lin"]) == {"nanshan_survey"}
    com = d["communities"]
    assert com[["committee_type", "label_zh", "communities"]].values.tolist() == [
        ["party_committee", "社区综合党委", 76], ["party_general_branch", "党总支", 24]]
    tl = d["timeline"]
    assert list(zip(tl["year"], tl["source_id"])) == [
        (1990, "chen_lin"), (2005, "chen_lin"), (2005, "wang_huiqiong_2014"),
        (2006, "wang_huiqiong_2014"), (2006, "nanshan_survey"), (2007, "chen_lin"),
        (2007, "nanshan_survey"), (2013, "chen_lin"), (2013, "chen_lin"), (2014, "chen_lin")]
    for t in d.values():
        assert set(t["evidence"]) == {"stated"}


def test_shatou_figures_pinned():
    meta = govnet.datasets.shatou().meta
    assert {k: meta[k] for k in ("founded", "area_km2", "residents", "communities",
                                 "residents_committees", "shareholding_companies")} == {
        "founded": 1983, "area_km2": 13.59, "residents": 328_000, "communities": 12,
        "residents_committees": 14, "shareholding_companies": 5}
    assert set(govnet.datasets.shatou().tier_of("support")) == {
        "work_station", "residents_committee", "shareholding_company"}


def test_kind_labels_the_sources_need():
    labels = {k: KINDS[k].zh for k in (
        "party_organization", "community_party_committee", "street_party_working_committee",
        "part_time_member", "party_members", "residents", "villagers", "village_shareholding_company",
        "social_group", "social_worker", "volunteer", "nonprofit", "higher_government")}
    assert labels == {
        "party_organization": "党组织", "community_party_committee": "社区党委",
        "street_party_working_committee": "街道党工委", "part_time_member": "兼职委员",
        "party_members": "党员", "residents": "居民", "villagers": "村民",
        "village_shareholding_company": "农城化股份公司", "social_group": "社会团体",
        "social_worker": "社工", "volunteer": "志愿者", "nonprofit": "非营利组织",
        "higher_government": "上级政府"}
    assert govnet.vocab.RELATIONS["collaboration"].zh == "协同"
    assert govnet.vocab.RELATIONS["mobilization"].zh == "动员"


def test_provenance_covers_every_row():
    p = govnet.datasets.provenance()
    n = govnet.datasets.nanshan()
    rows = p[p["dataset"] == "nanshan"].groupby("table").size().to_dict()
    assert rows == {"actors": len(n.actors), "ties": len(n.ties()), "meetings": len(n.meetings),
                    "duties": len(n.duties), "meta": 5}
    assert isinstance(p, pd.DataFrame) and p["evidence"].isin(["stated", "illustrative"]).all()
