"""Fieldwork shapes (issue 18, item 1): rosters, name generators, sign-in sheets in both
orientations and duty lists, from CSV and Excel (any sheet), with a column mapping;
unknown marks and names are errors naming the cell."""

from __future__ import annotations

import os
import re

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govnet
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.io import fieldwork


def _xlsx(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


ORGS = ["党委", "桂园居委会", "工作站", "物业"]
ROSTER = [["填报单位", *ORGS],
          ["党委", None, 2, "√", None],
          ["桂园居委会", "是", None, 0, "×"],
          ["工作站", 3, "有", None, 1],
          ["物业", None, None, None, None]]  # the non-respondent


def test_roster_from_excel_sheet_with_numbers_marks_and_a_nonrespondent(tmp_path):
    path = _xlsx(tmp_path / "r.xlsx", {"说明": [["虚构"]], "花名册": ROSTER})
    r = govnet.read_roster(path, sheet="花名册", relation="往来")
    got = {(s, t): w for s, t, w in zip(r.ties["source"], r.ties["target"], r.ties["weight"])}
    assert got == {("党委", "桂园居委会"): 2.0, ("党委", "工作站"): 1.0, ("桂园居委会", "党委"): 1.0,
                   ("工作站", "党委"): 3.0, ("工作站", "桂园居委会"): 1.0, ("工作站", "物业"): 1.0}
    assert r.nonrespondents == ["物业"] and r.respondents == ["党委", "桂园居委会", "工作站"]
    assert r.nonrespondent_rows == {"物业": 5}
    assert set(zip(r.missing["source"], r.missing["target"])) == {("物业", o) for o in ORGS[:3]}
    first = r.ties.iloc[0]
    assert (first["row"], first["column"]) == (2, "桂园居委会")  # the spreadsheet's row and header
    net = govnet.Network.from_frames(pd.DataFrame({"id": ORGS, "tier": "plural"}),
                                     r.ties.drop(columns=["row", "column"]), directed={"往来": True},
                                     missing=r.missing)
    assert len(net.missing) == 3
    with pytest.raises(InvalidNetworkError, match="missing dyads"):
        govnet.degree_centrality(net)


def test_roster_blank_row_no_ties_nonrespondents_option_and_missing_row(tmp_path):
    path = tmp_path / "r.csv"
    pd.DataFrame(ROSTER[1:], columns=ROSTER[0]).to_csv(path, index=False, encoding="utf-8-sig")
    r = govnet.read_roster(path, blank_row="no_ties")
    assert r.nonrespondents == [] and "物业" in r.respondents
    r2 = govnet.read_roster(path, nonrespondents=["工作站"], actors=ORGS + ["业委会"])
    assert r2.nonrespondents == ["工作站", "物业", "业委会"]  # refused, blank row, no row at all
    assert r2.nonrespondent_rows == {"工作站": 4, "物业": 5, "业委会": None}
    with pytest.raises(InvalidParameterError, match="blank_row"):
        govnet.read_roster(path, blank_row="maybe")


def test_roster_unknown_mark_names_the_cell(tmp_path):
    rows = [r[:] for r in ROSTER]
    rows[3][2] = "?"
    path = _xlsx(tmp_path / "r.xlsx", {"花名册": rows})
    with pytest.raises(InvalidNetworkError,
                       match=re.escape("r.xlsx, sheet 花名册, row 4, column 桂园居委会: unknown mark '?'")):
        govnet.read_roster(path)
    problems: list = []
    govnet.read_roster(path, problems=problems)
    assert [(p.row, p.column, p.value) for p in problems] == [(4, "桂园居委会", "?")]


def test_roster_unknown_respondent_suggests_the_closest_name(tmp_path):
    rows = [r[:] for r in ROSTER]
    rows[3][0] = "工做站"
    path = _xlsx(tmp_path / "r.xlsx", {"花名册": rows})
    with pytest.raises(InvalidNetworkError, match=r"row 4, column 填报单位: unknown respondent '工做站' "
                                                  r"\(did you mean 工作站\?\)"):
        govnet.read_roster(path)


SIGNIN_ROWS = [["会议", "日期", "党委", "桂园居委会", "工作站", "物业"],
               ["1月议事会", "2025-01-10", "√", "是", None, "×"],
               ["2月联席会", "2025-02-10", "到", "✓", "有", "x"],
               ["3月议事会", "2025-03-10", "1", "否", "0", None]]


def _long(meetings):
    return sorted(zip(meetings["meeting"], meetings["actor"]))


def test_signin_both_orientations_give_the_same_attendance(tmp_path):
    path = _xlsx(tmp_path / "s.xlsx", {"签到": SIGNIN_ROWS})
    by_meeting = govnet.read_signin(path, sheet="签到", columns={"会议": "meeting", "日期": "date"})
    want = [("1月议事会", "党委"), ("1月议事会", "桂园居委会"), ("2月联席会", "党委"), ("2月联席会", "工作站"),
            ("2月联席会", "桂园居委会"), ("3月议事会", "党委")]
    assert _long(by_meeting.meetings) == sorted(want)
    assert list(by_meeting.catalogue["date"]) == ["2025-01-10", "2025-02-10", "2025-03-10"]
    flipped = [["组织", *[r[0] for r in SIGNIN_ROWS[1:]]]] + [
        [SIGNIN_ROWS[0][j], *[r[j] for r in SIGNIN_ROWS[1:]]] for j in range(2, 6)]
    path2 = tmp_path / "s.csv"
    pd.DataFrame(flipped[1:], columns=flipped[0]).to_csv(path2, index=False, encoding="utf-8-sig")
    by_actor = govnet.read_signin(path2, rows="actor")
    assert _long(by_actor.meetings) == sorted(want)
    net = govnet.Network.from_frames(pd.DataFrame({"id": ORGS, "tier": "plural"}),
                                     meetings=by_meeting.meetings)
    assert net.meetings["meeting"].nunique() == 3


def test_signin_ignores_empty_headerless_columns_and_refuses_filled_ones(tmp_path):
    frame = pd.DataFrame(SIGNIN_ROWS[1:], columns=SIGNIN_ROWS[0])
    frame["Unnamed: 6"] = None  # how pandas names a trailing column without header or value
    s = govnet.read_signin(frame, columns={"会议": "meeting", "日期": "date"})
    assert "Unnamed: 6" not in s.actors and len(s.actors) == 4
    rows = [r[:] + [None] for r in SIGNIN_ROWS]
    rows[1][-1] = "√"  # a mark under no header: an unknown actor when actors are known
    path = _xlsx(tmp_path / "s2.xlsx", {"签到": rows})
    with pytest.raises(InvalidNetworkError, match="column Unnamed: 6: unknown name 'Unnamed: 6'"):
        govnet.read_signin(path, columns={"会议": "meeting", "日期": "date"}, actors=ORGS)


def test_signin_accepted_marks_are_the_documented_ones():
    assert fieldwork.PRESENT_MARKS >= {"√", "✓", "是", "到", "有", "1"}
    assert fieldwork.ABSENT_MARKS >= {"x", "×", "否", "0", ""}
    assert not fieldwork.PRESENT_MARKS & fieldwork.ABSENT_MARKS


def test_signin_unknown_mark_is_an_error_naming_the_cell(tmp_path):
    rows = [r[:] for r in SIGNIN_ROWS]
    rows[3][3] = "?"
    path = _xlsx(tmp_path / "s.xlsx", {"签到": rows})
    with pytest.raises(InvalidNetworkError,
                       match=re.escape("sheet 签到, row 4, column 桂园居委会: unknown mark '?'")):
        govnet.read_signin(path, sheet="签到", columns={"会议": "meeting", "日期": "date"})
    # without the mapping the date column is an actor column: its dates are unknown marks, never absent
    with pytest.raises(InvalidNetworkError, match="row 2, column 日期: unknown mark '2025-01-10'"):
        govnet.read_signin(path, sheet="签到")
    with pytest.raises(InvalidParameterError, match="rows must be"):
        govnet.read_signin(path, rows="column")


def test_signin_unknown_actor_with_actors_given(tmp_path):
    path = _xlsx(tmp_path / "s.xlsx", {"签到": SIGNIN_ROWS})
    with pytest.raises(InvalidNetworkError, match=r"column 桂园居委会: unknown name '桂园居委会' "
                                                  r"\(did you mean 桂园社区居委会\?\)"):
        govnet.read_signin(path, columns={"日期": "date"}, actors=["党委", "桂园社区居委会", "工作站", "物业"])


DUTY_ROWS = [["序号", "职责事项", "类别", "牵头单位", "协助单位"],
             [1, "党建引领", "党建", "党委", "桂园居委会、工作站"],
             [2, "物业监督", "自治", "桂园居委会，物业", "工作站;党委"],
             [3, "安全检查", "平安", "工作站", "物业\n桂园居委会"],
             [4, "垃圾分类", "环境", None, None],
             [5, "文体活动", "服务", "桂园居委会,党委", "党委"]]


def test_duty_list_cells_with_several_holders_and_an_uncovered_duty(tmp_path):
    path = _xlsx(tmp_path / "d.xlsx", {"职责清单": DUTY_ROWS})
    cols = {"职责事项": "duty", "类别": "category", "牵头单位": "lead", "协助单位": "assist"}
    d = govnet.read_duty_list(path, columns=cols)
    got = sorted(zip(d.duties["duty"], d.duties["actor"], d.duties["role"]))
    want = sorted([("党建引领", "党委", "lead"), ("党建引领", "桂园居委会", "assist"), ("党建引领", "工作站", "assist"),
                   ("物业监督", "桂园居委会", "lead"), ("物业监督", "物业", "lead"), ("物业监督", "工作站", "assist"),
                   ("物业监督", "党委", "assist"), ("安全检查", "工作站", "lead"), ("安全检查", "物业", "assist"),
                   ("安全检查", "桂园居委会", "assist"), ("文体活动", "桂园居委会", "lead"),
                   ("文体活动", "党委", "lead")])  # 党委 named as lead and assist: lead kept
    assert got == want
    assert d.uncovered == ["垃圾分类"] and len(d.catalogue) == 5
    table = govnet.DutyTable.from_frame(d.duties, actors=ORGS, catalogue=d.catalogue)
    holders = govnet.duty_holders(table)
    assert bool(holders.loc["垃圾分类", "uncovered"]) and int(holders["uncovered"].sum()) == 1
    net = govnet.Network.from_frames(pd.DataFrame({"id": ORGS, "tier": "plural"}), duties=d.duties)
    assert len(net.duties) == len(d.duties)


def test_duty_list_unknown_holder_suggests(tmp_path):
    rows = [r[:] for r in DUTY_ROWS]
    rows[2][4] = "工做站;党委"
    path = _xlsx(tmp_path / "d.xlsx", {"职责清单": rows})
    cols = {"职责事项": "duty", "牵头单位": "lead", "协助单位": "assist"}
    with pytest.raises(InvalidNetworkError, match=r"d.xlsx, sheet 职责清单, row 3, column 协助单位: unknown name "
                                                  r"'工做站' \(did you mean 工作站\?\)"):
        govnet.read_duty_list(path, columns=cols, actors=ORGS)
    with pytest.raises(InvalidNetworkError, match=r"no 'duty' column.*columns=\{'表头': 'duty'\}"):
        govnet.read_duty_list(path)


def test_name_generator_rows_and_errors(tmp_path):
    rows = [["ego", "alter", "relation", "weight", "tier"],
            ["党委", "工作站", "", "", "support"],
            ["党委", "物业", "监督", "2", "plural"],
            ["工作站", "", "", "", ""]]
    path = tmp_path / "ng.csv"
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(path, index=False)
    with pytest.raises(InvalidNetworkError, match="ng.csv, row 4, column alter: alter is blank"):
        govnet.read_name_generator(path)
    problems: list = []
    ng = govnet.read_name_generator(path, problems=problems)
    assert len(problems) == 1
    assert list(ng.ties["relation"]) == ["contact", "监督"] and list(ng.ties["weight"]) == [1.0, 2.0]
    assert ng.alters.set_index("id")["tier"].to_dict() == {"工作站": "support", "物业": "plural"}


def test_columns_and_sheet_for_read_tables_read_excel_and_read_csv(tmp_path):
    actors = [["组织名称", "层级"], ["党委", "一核"], ["居委会", "支撑"]]
    ties = [["来源", "去向", "关系"], ["党委", "居委会", "领导"]]
    path = _xlsx(tmp_path / "b.xlsx", {"组织名录": actors, "联系": ties})
    cols = {"组织名称": "id", "层级": "tier", "来源": "source", "去向": "target", "关系": "relation"}
    a = govnet.read_tables(path, path, sheet={"actors": "组织名录", "ties": "联系"}, columns=cols)
    b = govnet.read_excel(path, sheet={"actors": "组织名录", "ties": "联系"}, columns=cols)
    assert a.num_ties() == b.num_ties() == 1 and a.relations == b.relations == ["领导"]
    t = tmp_path / "t.csv"
    pd.DataFrame(ties[1:], columns=ties[0]).to_csv(t, index=False)
    c = govnet.read_csv(t, columns=cols)
    assert c.num_ties() == 1
    with pytest.raises(InvalidParameterError, match="sheet: unknown table"):
        govnet.read_excel(path, sheet={"actor": "组织名录"})
    with pytest.raises(TypeError, match="columns must be a mapping"):
        govnet.read_roster(t, columns=["来源"])
    with pytest.raises(InvalidParameterError, match="sheet='x' is for Excel files"):
        govnet.read_roster(t, sheet="x")


def test_example_workbook_is_bundled_and_marked_synthetic():
    path = govnet.datasets.example_workbook()
    assert os.path.isfile(path) and path.endswith(os.path.join("datasets", "data", "example_workbook.xlsx"))
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames == ["说明", "组织名录", "联系", "工作往来", "职责清单", "签到"]
    first = next(wb["说明"].iter_rows(values_only=True))[0]
    assert "虚构" in first and "synthetic" in first
    assert "synthetic" in wb.properties.title
    wb.close()
    names = pd.read_excel(path, sheet_name="组织名录")["组织名称"]
    assert len(names) == 25 and names.is_unique
    assert "synthetic" in govnet.datasets.example_workbook.__doc__.lower()


def test_example_workbook_script_writes_the_bundled_data(tmp_path, monkeypatch):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_example_workbook.py"
    spec = importlib.util.spec_from_file_location("make_example_workbook", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "OUT", tmp_path / "w.xlsx")
    mod.main()
    fresh = pd.read_excel(tmp_path / "w.xlsx", sheet_name=None, dtype=str)
    bundled = pd.read_excel(govnet.datasets.example_workbook(), sheet_name=None, dtype=str)
    assert list(fresh) == list(bundled)
    for name in fresh:
        pd.testing.assert_frame_equal(fresh[name], bundled[name])


def test_wheel_ships_the_workbook():
    # scikit-build-core packs every file under wheel.packages unless excluded
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        from pip._vendor import tomli as tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    cfg = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["scikit-build"]
    assert cfg["wheel"]["packages"] == ["python/govnet"]
    assert not any("xlsx" in str(x) for x in cfg.get("wheel", {}).get("exclude", []))
    assert not any("xlsx" in line for line in (root / ".gitignore").read_text().splitlines())

_ALPHABET = ["√", "✓", "是", "到", "有", "1", "x", "×", "否", "0", "", "?", "缺", "2", " √ "]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_ALPHABET), min_size=3, max_size=3), min_size=1, max_size=6))
def test_signin_marks_against_brute_force(grid):
    frame = pd.DataFrame([[f"m{i}", *row] for i, row in enumerate(grid)], columns=["meeting", "a", "b", "c"])
    problems: list = []
    s = govnet.read_signin(frame, problems=problems)
    present, unknown = set(), set()
    for i, row in enumerate(grid):
        for actor, v in zip("abc", row):
            v = v.strip()
            if v in {"√", "✓", "是", "到", "有", "1"}:
                present.add((f"m{i}", actor))
            elif v not in {"x", "×", "否", "0", ""}:
                unknown.add((i + 2, actor, v))
    assert set(zip(s.meetings["meeting"], s.meetings["actor"])) == present
    assert {(p.row, p.column, p.value) for p in problems} == unknown
    if unknown:
        with pytest.raises(InvalidNetworkError, match="unknown mark"):
            govnet.read_signin(frame)


def test_a_sheet_that_is_not_there_names_it():
    with pytest.raises(govnet.FileFormatError, match="example_workbook.xlsx.*'花名册' not found"):
        govnet.read_roster(govnet.datasets.example_workbook(), sheet="花名册")


def test_roster_twice_answered_and_unasked_organisations(tmp_path):
    rows = [r[:] for r in ROSTER] + [["党委", 1, None, None, None]]
    path = _xlsx(tmp_path / "r.xlsx", {"花名册": rows})
    with pytest.raises(InvalidNetworkError, match=r"row 6, column 填报单位: respondent answers twice '党委' "
                                                  r"\(first in row 2\)"):
        govnet.read_roster(path)
    r = govnet.read_roster(_xlsx(tmp_path / "ok.xlsx", {"花名册": ROSTER}), actors=ORGS + ["业委会"])
    unasked = r.missing[r.missing["target"] == "业委会"]
    assert set(unasked["source"]) == {"党委", "桂园居委会", "工作站", "物业"}  # 物业: a non-respondent
    assert len(r.missing) == 2 * 4 + 3  # 物业, 业委会: all 4 dyads each; 3 respondents not asked of 业委会
