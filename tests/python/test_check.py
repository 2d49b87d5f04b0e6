"""The cleaning report (issue 18, item 2): govnet.check lists every problem at once with
file, sheet, row, column, value, a suggestion and the default; `govnet check` on the
command line; the bundled workbook from raw file to analysis with the CLI alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import govnet
from govnet import cli
from govnet.errors import InvalidNetworkError, InvalidParameterError
from govnet.io.fieldwork import PROBLEM_COLUMNS

COLUMNS = {"组织名称": "id", "类型": "kind", "层级": "tier", "英文名": "name_en", "来源": "source",
           "去向": "target", "关系": "relation", "强度": "weight", "职责事项": "duty", "类别": "category",
           "牵头单位": "lead", "协助单位": "assist", "会议": "meeting", "日期": "date"}
PARTS = {"actors": "组织名录", "ties": "联系", "roster": {"sheet": "工作往来", "relation": "工作往来"},
         "duties": "职责清单", "signin": "签到"}
FIXES = {"fill_weight": 1, "tier_from_kind": True, "aliases": {"桂园社区工做站": "桂园社区工作站"}}


def _book():
    return govnet.datasets.example_workbook()


def test_example_workbook_report_lists_every_problem_at_once():
    r = govnet.check(_book(), columns=COLUMNS, **PARTS)
    assert list(r.problems.columns) == PROBLEM_COLUMNS
    assert not r.ok and r.network is None
    errors = r.problems[r.problems["severity"] == "error"]
    got = {(e.sheet, e.row, e.column, e.problem) for e in errors.itertuples()}
    assert got == {("组织名录", 7, "层级", "blank tier"), ("组织名录", 11, "层级", "blank tier"),
                   ("组织名录", 15, "层级", "blank tier"), ("联系", 10, "来源", "unknown name"),
                   ("联系", 13, "强度", "blank weight")}
    typo = errors[errors["problem"] == "unknown name"].iloc[0]
    assert typo["value"] == "桂园社区工做站" and typo["suggestion"] == "did you mean 桂园社区工作站?"
    assert set(r.problems["file"]) == {"example_workbook.xlsx"}
    warn = r.problems[r.problems["severity"] == "warning"]
    assert set(warn["problem"]) == {"duplicate tie", "non-respondent"}
    dup = warn[warn["problem"] == "duplicate tie"].iloc[0]
    assert dup["row"] == 19 and "row 16" in dup["suggestion"] and "summed" in dup["default"]
    non = warn[warn["problem"] == "non-respondent"].iloc[0]
    assert non["value"] == "金桂物业服务公司" and "24 dyads" in non["default"]
    assert (non["sheet"], non["row"], non["column"]) == ("工作往来", 11, "填报单位")  # its blank row
    notes = r.problems[r.problems["severity"] == "note"]
    assert {"kind label", "reported by one side only", "uncovered duty"} <= set(notes["problem"])
    unc = notes[notes["problem"] == "uncovered duty"].iloc[0]
    assert (unc["sheet"], unc["row"], unc["value"]) == ("职责清单", 13, "垃圾分类督导")
    with pytest.raises(InvalidNetworkError, match=r"5 error\(s\) in the input:(.|\n)*row 10, column 来源: "
                                                  r"unknown name '桂园社区工做站' \(did you mean 桂园社区工作站\?\)"):
        r.raise_for_errors()
    assert "network not built" in repr(r) and "<table" in r._repr_html_()


def test_reported_by_one_side_only_against_the_roster_itself():
    r = govnet.check(_book(), columns=COLUMNS, **PARTS)
    roster = pd.read_excel(_book(), sheet_name="工作往来", dtype=str).set_index("填报单位")
    answered = roster.notna()
    non = "金桂物业服务公司"
    want = {(a, b) for a in roster.index for b in roster.columns
            if a != b and a != non and b != non and answered.loc[a, b] and not answered.loc[b, a]}
    notes = r.problems[r.problems["problem"] == "reported by one side only"]
    assert {tuple(v.split(" -> ")) for v in notes["value"]} == want


def test_defaults_apply_only_when_asked_and_are_listed():
    r = govnet.check(_book(), columns=COLUMNS, **PARTS, **FIXES)
    assert r.ok and r.count("error") == 0
    warn = r.problems[r.problems["severity"] == "warning"]
    tiers = warn[warn["problem"] == "blank tier"]
    assert len(tiers) == 3 and all(d.startswith("tier_from_kind=True") for d in tiers["default"])
    blank = warn[warn["problem"] == "blank weight"].iloc[0]
    assert blank["row"] == 13 and blank["default"] == "fill_weight=1: filled with 1"
    net = r.network
    assert len(net) == 25 and net.actors.loc["碧水湾业委会", "tier"] == "plural"
    assert net.actors.loc["桂园社区居委会", "kind"] == "residents_committee"
    ws = net.ties("指导")
    assert ws[(ws.source == "桂园社区工作站") & (ws.target == "桂园邻里互助会")]["weight"].tolist() == [1.0]
    assert (ws.source == "桂园社区工作站").sum() == 4  # the corrected name's tie is there
    assert len(net.missing) == 24 and set(net.missing["source"]) == {"金桂物业服务公司"}
    assert net.meetings["meeting"].nunique() == 4
    assert len(r.duty_list.uncovered) == 1
    assert r.options["fill_weight"] == 1 and r.options["tier_from_kind"] is True


def _write(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_every_kind_of_problem_in_one_run(tmp_path):
    path = _write(tmp_path / "bad.xlsx", {
        "actors": [["id", "tier", "kind"], ["党委", "一核", ""], ["居委会", "支撑", ""], ["居委会", "支撑", ""],
                   ["物业", "boss", ""], ["孤岛", "多元", ""]],
        "ties": [["source", "target", "relation", "weight"], ["党委", "居委会", "领导", "x"],
                 ["党委", "居委员会", "领导", "1"], ["物业", "物业", "领导", "1"], ["党委", "居委会", "议事", "1"]],
        "signin": [["meeting", "党委", "居委会"], ["m1", "√", "?"]],
    })
    r = govnet.check(path, actors="actors", ties="ties", signin="signin")
    got = {(p.sheet, p.row, p.problem) for p in r.problems.itertuples()}
    assert {("actors", 4, "duplicate actor id"), ("actors", 5, "unknown tier"), ("ties", 2, "bad weight"),
            ("ties", 3, "unknown name"), ("ties", 4, "self-loop"), ("ties", 5, "undeclared relation direction"),
            ("signin", 2, "unknown mark"), ("actors", 6, "actor without ties")} <= got
    tier = r.problems[r.problems["problem"] == "unknown tier"].iloc[0]
    assert tier["value"] == "boss"
    name = r.problems[r.problems["problem"] == "unknown name"].iloc[0]
    assert (name["value"], name["suggestion"]) == ("居委员会", "did you mean 居委会?")
    rel = r.problems[r.problems["problem"] == "undeclared relation direction"].iloc[0]
    assert "directed={'议事': True}" in rel["suggestion"]
    assert not r.ok


def test_check_argument_errors(tmp_path):
    with pytest.raises(InvalidParameterError, match="fill_weight must be"):
        govnet.check(_book(), actors="组织名录", fill_weight=-1)
    with pytest.raises(TypeError, match="tier_from_kind"):
        govnet.check(_book(), actors="组织名录", tier_from_kind="yes")
    with pytest.raises(InvalidNetworkError, match=r"no 'id' column.*columns=\{'组织名称': 'id'\}"):
        govnet.check(_book(), actors="组织名录")


ARGS = ["--actors", "组织名录", "--ties", "联系", "--roster", "工作往来", "--roster-relation", "工作往来",
        "--duties", "职责清单", "--signin", "签到",
        "--columns", "组织名称=id,类型=kind,层级=tier,英文名=name_en,来源=source,去向=target,关系=relation,强度=weight",
        "--columns", "职责事项=duty,类别=category,牵头单位=lead,协助单位=assist,会议=meeting,日期=date"]


def test_cli_check_reports_and_exits_1_while_errors_remain(tmp_path, capsys):
    assert cli.main(["check", _book(), *ARGS, "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "5 error(s)" in out and "did you mean 桂园社区工作站?" in out
    problems = pd.read_csv(tmp_path / "problems.csv", encoding="utf-8-sig")
    assert (problems["severity"] == "error").sum() == 5
    assert not (tmp_path / "network.govnet").exists()


def test_bundled_workbook_to_report_with_the_cli_alone(tmp_path):
    exe = [sys.executable, "-m", "govnet"]
    fixes = ["--fill-weight", "1", "--tier-from-kind", "--alias", "桂园社区工做站=桂园社区工作站",
             "--symmetrize", "either"]
    run = subprocess.run([*exe, "check", _book(), *ARGS, *fixes, "--out", str(tmp_path / "clean")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "0 error(s)" in run.stdout and "network.govnet" in run.stdout
    net = govnet.load(tmp_path / "clean" / "network.govnet")
    assert not net.relation_spec("工作往来").directed and net.missing is None
    run = subprocess.run([*exe, "analyze", "--input", str(tmp_path / "clean" / "network.govnet"),
                          "--relation", "领导", "--relation", "工作往来", "--no-figures", "-q",
                          "--out", str(tmp_path / "report")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "report" / "report.html").is_file()
    measures = pd.read_csv(tmp_path / "report" / "measures.csv", index_col=0)
    assert measures["degree_centrality"].idxmax() == "桂园社区党委"


def test_cli_analyze_columns_and_sheet(tmp_path, capsys):
    path = _write(tmp_path / "b.xlsx", {"组织名录": [["组织名称", "层级"], ["党委", "一核"], ["居委会", "支撑"],
                                                   ["物业", "多元"]],
                                        "联系": [["来源", "去向", "关系"], ["党委", "居委会", "领导"],
                                               ["党委", "物业", "领导"]]})
    code = cli.main(["analyze", "--actors", str(path), "--ties", str(path), "--sheet", "actors=组织名录",
                     "--sheet", "ties=联系", "--columns", "组织名称=id,层级=tier,来源=source,去向=target,关系=relation",
                     "--no-figures", "-q", "--out", str(tmp_path / "r")])
    assert code == 0
    assert Path(tmp_path / "r" / "report.html").is_file()
    assert cli.main(["analyze", "--actors", str(path), "--columns", "组织名称", "--out", str(tmp_path)]) == 1
    assert "'组织名称' is not HEADER=NAME" in capsys.readouterr().err


def test_name_generator_through_check_without_an_actors_table(tmp_path):
    path = _write(tmp_path / "ng.xlsx", {"提名": [
        ["受访组织", "提名组织", "层级", "类型"],
        ["党委", "居委会", "支撑", "residents_committee"], ["党委", "物业", "多元", "property_company"],
        ["居委会", "物业", "", ""], ["物业", "党委", "一核", "party_committee"]]})
    r = govnet.check(path, name_generator={"sheet": "提名", "relation": "提名"},
                     columns={"受访组织": "ego", "提名组织": "alter", "层级": "tier", "类型": "kind"})
    assert r.ok and "no actors table" in set(r.problems["problem"])
    net = r.network
    assert net.actors["tier"].astype(str).to_dict() == {"党委": "core", "居委会": "support", "物业": "plural"}
    assert net.relation_spec("提名").directed and net.num_ties() == 4
    one_sided = r.problems[r.problems["problem"] == "reported by one side only"]
    # 居委会 and 物业 answered too: 党委 -> 居委会 and 居委会 -> 物业 are not reported back
    assert set(one_sided["value"]) == {"党委 -> 居委会", "居委会 -> 物业"}
    ego = govnet.ego_table(net, relation="提名", attributes=("tier",))
    # 党委's alters: 居委会, 物业; among them one arc (居委会 -> 物业) of 2 possible
    assert ego.loc["党委", "size"] == 2 and ego.loc["党委", "ties"] == 1
    assert ego.loc["党委", "density"] == pytest.approx(0.5)


def test_check_separate_csv_files_and_dataframes(tmp_path):
    actors = pd.DataFrame({"组织": ["党委", "居委会", "物业"], "层级": ["一核", "支撑", ""],
                           "类型": ["", "", "物业管理公司"]})
    roster = tmp_path / "roster.csv"
    pd.DataFrame([["党委", "", "1", "√"], ["居委会", "", "", "3"], ["物业", "", "", ""]],
                 columns=["填报单位", "党委", "居委会", "物业"]).to_csv(roster, index=False, encoding="gb18030")
    r = govnet.check(actors=actors, roster=str(roster), columns={"组织": "id", "层级": "tier", "类型": "kind"},
                     tier_from_kind=True)
    assert r.ok
    assert r.network.actors.loc["物业", "tier"] == "plural"
    assert r.roster.nonrespondents == ["物业"]
    non = r.problems[r.problems["problem"] == "non-respondent"].iloc[0]
    assert (non["file"], non["row"]) == ("roster.csv", 4)
    assert set(r.problems[r.problems["problem"] == "reported by one side only"]["value"]) == {"党委 -> 居委会"}
    # 居委会 did not report 党委; 党委 -> 物业 is no note: 物业 did not answer at all


def test_survey_layers_are_directed_unless_declared():
    parts = dict(PARTS, roster={"sheet": "工作往来", "relation": "协商"})  # a built-in undirected name
    r = govnet.check(_book(), columns=COLUMNS, **parts, **FIXES)
    assert r.network.relation_spec("协商").directed  # reports: who named whom
    r2 = govnet.check(_book(), columns=COLUMNS, **parts, **FIXES, directed={"协商": False})
    assert not r2.network.relation_spec("协商").directed
    assert "roster declared undirected" in set(r2.problems["problem"])
    # a pair the other side reported is a tie; the rest of the non-respondent's pairs stay missing
    tied = set(r2.network.ties("协商")["source"]) | set(r2.network.ties("协商")["target"])
    assert "金桂物业服务公司" in tied and 0 < len(r2.network.missing) < 24
