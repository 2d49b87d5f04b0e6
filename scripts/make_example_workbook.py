"""Write python/govnet/datasets/data/example_workbook.xlsx: a SYNTHETIC fieldwork workbook.

ILLUSTRATIVE DATA: 桂园社区 and its 25 organisations are invented; no row comes
from a source. The workbook is messy on purpose, as fieldwork files are: Chinese
headers, Chinese kind labels, blank tiers, marks (√ 是 到 ×) beside numbers, one
misspelt organisation (桂园社区工做站 for 桂园社区工作站), one blank weight, one
repeated tie, one non-respondent (金桂物业服务公司's roster row is blank), duty-list
cells listing several organisations ("A、B、C"), one duty without a holder.

Run from the repository root:  python scripts/make_example_workbook.py
(deterministic: the same bytes of data every run; openpyxl's timestamps are fixed).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import openpyxl

OUT = Path(__file__).resolve().parents[1] / "python" / "govnet" / "datasets" / "data" / "example_workbook.xlsx"

NOTICE = "示例数据：虚构（synthetic, illustrative only）——桂园社区及其组织均为虚构，仅供演示 govnet 的数据清理与分析流程。"

ORGS = [  # name, kind label (govnet.vocab.KINDS zh), tier ("" = left blank on purpose), English
    ("桂园社区党委", "社区综合党委", "一核", "Guiyuan community Party committee"),
    ("桂园社区居委会", "居委会", "支撑", "residents' committee"),
    ("桂园社区工作站", "社区工作站", "支撑", "work station"),
    ("桂园社区党群服务中心", "社区服务中心", "支撑", "Party-masses service centre"),
    ("桂花苑业委会", "业主委员会", "多元", "Guihuayuan owners' committee"),
    ("碧水湾业委会", "业主委员会", "", "Bishuiwan owners' committee"),
    ("金桂花园业委会", "业主委员会", "多元", "Jingui Garden owners' committee"),
    ("桂花苑物业公司", "物业管理公司", "多元", "Guihuayuan property company"),
    ("碧水湾物业公司", "物业管理公司", "多元", "Bishuiwan property company"),
    ("金桂物业服务公司", "物业管理公司", "", "Jingui property services"),
    ("桂园志愿者协会", "社区社会组织", "多元", "volunteers' association"),
    ("桂园老年协会", "老年协会", "多元", "elderly association"),
    ("桂园文体协会", "社区社会组织", "多元", "culture and sports association"),
    ("桂园邻里互助会", "社区社会组织", "", "neighbourhood mutual-aid society"),
    ("桂园人民调解委员会", "社区社会组织", "多元", "people's mediation committee"),
    ("桂园股份合作公司", "股份合作公司", "多元", "shareholding cooperative"),
    ("桂园小学", "驻区单位", "多元", "primary school"),
    ("桂园社康中心", "驻区单位", "多元", "community health centre"),
    ("桂园警务室", "驻区单位", "多元", "police office"),
    ("桂园社区工会联合会", "工会", "多元", "trade union federation"),
    ("桂园社区团支部", "共青团", "多元", "Youth League branch"),
    ("桂园社区妇联", "妇联", "多元", "Women's Federation"),
    ("桂园居民议事会", "居民代表", "多元", "residents' council"),
    ("两代表一委员工作室", "两代表一委员", "多元", "deputies' studio"),
    ("桂园街道办事处", "街道", "外部", "sub-district office"),
]
NAMES = [o[0] for o in ORGS]
PC, RC, WS, SC = NAMES[:4]
TYPO = "桂园社区工做站"
NONRESPONDENT = "金桂物业服务公司"

TIES = [  # 来源, 去向, 关系, 强度
    *[(PC, x, "领导", 3) for x in (RC, WS, SC)],
    (PC, "桂园社区工会联合会", "领导", 2), (PC, "桂园社区团支部", "领导", 2), (PC, "桂园社区妇联", "领导", 2),
    ("桂园街道办事处", PC, "指导", 3), ("桂园街道办事处", WS, "指导", 2),
    (TYPO, "桂园志愿者协会", "指导", 2),  # the misspelt name
    (WS, "桂园老年协会", "指导", 1), (WS, "桂园文体协会", "指导", 1),
    (WS, "桂园邻里互助会", "指导", ""),  # the blank weight
    (RC, "桂园人民调解委员会", "指导", 2), (RC, "桂园居民议事会", "指导", 2),
    ("桂花苑业委会", "桂花苑物业公司", "监督", 2), ("碧水湾业委会", "碧水湾物业公司", "监督", 2),
    ("金桂花园业委会", "金桂物业服务公司", "监督", 1),
    ("桂花苑业委会", "桂花苑物业公司", "监督", 1),  # the repeated tie
    (SC, "桂园老年协会", "服务", 2), (SC, "桂园小学", "服务", 1), ("桂园社康中心", "桂园老年协会", "服务", 2),
    ("桂园股份合作公司", "桂园志愿者协会", "资源", 1), ("两代表一委员工作室", PC, "信息", 1),
    ("桂园警务室", RC, "信息", 1),
]

DUTIES = [  # 序号, 职责事项, 类别, 牵头单位, 协助单位
    (1, "党建引领社区治理", "党的建设", PC, "桂园社区居委会、桂园社区工作站"),
    (2, "居民议事协商", "社区自治", RC, "桂园居民议事会，两代表一委员工作室"),
    (3, "物业服务监督", "社区自治", "桂花苑业委会、碧水湾业委会、金桂花园业委会", RC),
    (4, "矛盾纠纷调解", "平安建设", "桂园人民调解委员会", "桂园警务室;桂园社区居委会"),
    (5, "养老助老服务", "社区服务", SC, "桂园老年协会、桂园志愿者协会、桂园社康中心"),
    (6, "志愿服务组织", "社区服务", "桂园志愿者协会", "桂园社区团支部\n桂园社区妇联"),
    (7, "文体活动", "社区服务", "桂园文体协会", ""),
    (8, "安全生产检查", "平安建设", WS, "桂花苑物业公司、碧水湾物业公司、金桂物业服务公司"),
    (9, "青少年课后托管", "社区服务", "桂园小学", "桂园社区团支部"),
    (10, "集体资产管理", "社区经济", "桂园股份合作公司", ""),
    (11, "流动人口登记", "平安建设", WS, "桂园警务室"),
    (12, "垃圾分类督导", "环境治理", "", ""),  # the duty without a holder
]

MEETINGS = [  # 会议, 日期, then marks by organisation (absent: blank or ×)
    ("1月居民议事会", "2025-01-15", {PC: "√", RC: "√", WS: "到", "桂园居民议事会": "√",
                                      "两代表一委员工作室": "是", "桂花苑业委会": "√"}),
    ("2月物业联席会", "2025-02-20", {PC: "√", RC: "是", "桂花苑业委会": "到", "碧水湾业委会": "√",
                                      "金桂花园业委会": "×", "桂花苑物业公司": "√", "碧水湾物业公司": "√",
                                      NONRESPONDENT: "√"}),
    ("3月党建联席会", "2025-03-12", {PC: "√", RC: "√", WS: "√", SC: "√", "桂园社区工会联合会": "√",
                                      "桂园社区团支部": "到", "桂园社区妇联": "是", "桂园小学": "x"}),
    ("4月居民议事会", "2025-04-16", {PC: "√", RC: "√", "桂园居民议事会": "√", "桂园老年协会": "到",
                                      "桂园志愿者协会": "√", "桂园人民调解委员会": "√"}),
]
SIGNIN_COLUMNS = [PC, RC, WS, SC, "桂园居民议事会", "两代表一委员工作室", "桂花苑业委会", "碧水湾业委会",
                  "金桂花园业委会", "桂花苑物业公司", "碧水湾物业公司", NONRESPONDENT, "桂园社区工会联合会",
                  "桂园社区团支部", "桂园社区妇联", "桂园小学", "桂园老年协会", "桂园志愿者协会",
                  "桂园人民调解委员会"]


def roster_rows() -> list[list[object]]:
    """Who reports working contact (工作往来) with whom: 1-3 contacts a month, or √.

    An underlying tie joins two organisations with a probability set by their
    tiers; each side reports it with probability 0.85 (so some ties are
    reported by one side only); the non-respondent's row stays blank.
    """
    rng = np.random.default_rng(18)
    tier = {o[0]: o[2] or "多元" for o in ORGS}
    n = len(NAMES)
    tie = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            ti, tj = tier[NAMES[i]], tier[NAMES[j]]
            p = 0.85 if "一核" in (ti, tj) else (0.55 if "支撑" in (ti, tj) else 0.1)
            tie[i, j] = tie[j, i] = rng.random() < p
    rows = []
    for i, who in enumerate(NAMES):
        row: list[object] = [who]
        for j in range(n):
            reported = tie[i, j] and who != NONRESPONDENT and rng.random() < 0.85
            if not reported:
                row.append(None)
            else:
                freq = int(rng.integers(1, 4))
                row.append("√" if i % 5 == 4 else freq)  # every fifth respondent ticks instead
        rows.append(row)
    return rows


def main() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    for line in [NOTICE,
                 "组织名录：组织名称、类型、层级（部分留空）、英文名",
                 "联系：来源、去向、关系（领导、指导、监督、服务……）、强度",
                 "工作往来：花名册问卷，每行一个填报单位，每列一个组织（数字=每月往来次数，√=有往来，空白=无）",
                 "职责清单：每行一项职责，牵头单位、协助单位（可多个，用“、”“，”“;”或换行分隔）",
                 "签到：每行一次会议，每列一个组织（√ / 是 / 到 = 出席；空白 / × / x = 缺席）",
                 "故意保留的问题：一处错别字、一个空白强度、一条重复联系、一个未回复单位、层级留空、一项无人负责的职责。"]:
        ws.append([line])
    ws = wb.create_sheet("组织名录")
    ws.append(["组织名称", "类型", "层级", "英文名"])
    for o in ORGS:
        ws.append([o[0], o[1], o[2] or None, o[3]])
    ws = wb.create_sheet("联系")
    ws.append(["来源", "去向", "关系", "强度"])
    for t in TIES:
        ws.append([t[0], t[1], t[2], None if t[3] == "" else t[3]])
    ws = wb.create_sheet("工作往来")
    ws.append(["填报单位", *NAMES])
    for r in roster_rows():
        ws.append(r)
    ws = wb.create_sheet("职责清单")
    ws.append(["序号", "职责事项", "类别", "牵头单位", "协助单位"])
    for d in DUTIES:
        ws.append([d[0], d[1], d[2], d[3] or None, d[4] or None])
    ws = wb.create_sheet("签到")
    ws.append(["会议", "日期", *SIGNIN_COLUMNS])
    for name, date, marks in MEETINGS:
        ws.append([name, date, *[marks.get(c) for c in SIGNIN_COLUMNS]])
    stamp = datetime.datetime(2026, 1, 1)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = "桂园社区示例工作簿（虚构 / synthetic, illustrative）"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    wb.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
