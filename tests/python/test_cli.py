"""The ``govnet`` command line: help everywhere, analyze and convert, clear
one-line errors with non-zero exit codes and no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

import govnet
import govnet.io as gio
from govnet import cli

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(govnet.__file__).resolve().parent / "datasets" / "data"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m govnet ARGS`` in a fresh interpreter (the installed entry point's code)."""
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="error")
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return subprocess.run([sys.executable, "-m", "govnet", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def test_console_script_declared():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["scripts"]["govnet"] == "govnet.cli:main"


@pytest.mark.parametrize("args", [["--help"], ["analyze", "--help"], ["convert", "--help"],
                                  ["demo", "--help"]])
def test_help_everywhere(args, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(args)
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "usage: govnet" in out
    if args == ["--help"]:
        assert all(c in out for c in ("analyze", "convert", "demo"))


def test_no_command_prints_help_and_fails(capsys):
    assert cli.main([]) == 2
    assert "usage: govnet" in capsys.readouterr().out


def write_duties(path: Path) -> Path:
    pd.DataFrame({"actor": ["party_committee", "residents_committee", "work_station",
                            "party_committee", "work_station", "service_center"],
                  "duty": ["党建", "党建", "治安", "治安", "社保", "社保"]}).to_csv(path, index=False)
    return path


def test_analyze_writes_report_and_csvs(tmp_path):
    duties = write_duties(tmp_path / "duties.csv")
    out = tmp_path / "report"
    r = run("analyze", "--actors", str(DATA / "nanshan_actors.csv"), "--ties",
            str(DATA / "nanshan_ties.csv"), "--duties", str(duties), "--format", "dl",
            "--format", "graphml", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "[1] reading the network" in r.stderr  # progress on stderr
    # what DL and GraphML cannot hold is said in one line each, not as a Python warning
    assert "note: write_dl: DL has no place for the network's duties (6 rows)" in r.stderr
    assert "note: write_graphml: GraphML has no place" in r.stderr
    for f in ("report.html", "measures.csv", "degree_centrality.csv", "betweenness_centrality.csv",
              "duty_overlap.csv", "structure.png", "network.dl", "network.graphml"):
        assert (out / f).is_file(), f
    net = govnet.read_tables(DATA / "nanshan_actors.csv", DATA / "nanshan_ties.csv")
    measures = pd.read_csv(out / "measures.csv", index_col="id", encoding="utf-8-sig")
    pd.testing.assert_series_equal(measures["degree_centrality"], govnet.degree_centrality(net, relation="all"),
                                   check_names=False, check_index_type=False, rtol=1e-12)
    pd.testing.assert_series_equal(measures["betweenness_centrality"],
                                   govnet.betweenness_centrality(net, relation="all"), check_names=False,
                                   check_index_type=False, rtol=1e-12)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "社区综合党委" in html and html.count("data:image/png;base64,") >= 3
    back = gio.read_graphml(out / "network.graphml")
    assert back.num_ties() == net.num_ties()


def test_analyze_network_file_input(tmp_path):
    net = govnet.datasets.nanshan()
    with pytest.warns(govnet.GovnetWarning, match="Pajek has no place for the network's duties"):
        gio.write_pajek(net, tmp_path / "n.net")
    r = run("analyze", "--input", str(tmp_path / "n.net"), "--out", str(tmp_path / "o"),
            "--no-figures", "-q")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert (tmp_path / "o" / "report.html").is_file()


def test_convert_between_formats(tmp_path):
    net = govnet.datasets.nanshan()
    with pytest.warns(govnet.GovnetWarning, match="DL has no place for the network's duties"):
        gio.write_dl(net, tmp_path / "a.dl")
    r = run("convert", str(tmp_path / "a.dl"), str(tmp_path / "b.gexf"))
    assert r.returncode == 0, r.stderr
    back = gio.read_gexf(tmp_path / "b.gexf")
    assert list(back.actor_ids) == list(net.actor_ids)
    assert {r: back.num_ties(r) for r in back.relations} == {r: net.num_ties(r) for r in net.relations}
    # CSV with the actors beside, then to Excel and back, keeps tiers
    gio.write_csv(net, tmp_path / "t.csv")
    assert cli.main(["convert", str(tmp_path / "t.csv"), str(tmp_path / "t.xlsx")]) == 0
    assert gio.read_excel(tmp_path / "t.xlsx").actors["tier"].equals(net.actors["tier"])


@pytest.mark.parametrize("args,match", [
    (["analyze", "--actors", "missing.csv", "--out", "o"], "no such file: missing.csv"),
    (["convert", "in.unknown", "out.graphml"], "cannot tell the format"),
    (["convert", "in.dl", "out.xyz"], "cannot tell the format"),
    (["analyze", "--out", "o"], "give --actors"),
])
def test_errors_are_one_clear_line(tmp_path, monkeypatch, capsys, args, match):
    # in-process (a fresh interpreter per case is slow); test_bad_rows_are_named runs one
    (tmp_path / "in.dl").write_text("dl n=2\ndata:\n0 1\n1 0\n")
    monkeypatch.chdir(tmp_path)
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("govnet: error:")
    assert match in err


def test_bad_rows_are_named(tmp_path):
    actors = tmp_path / "a.csv"
    actors.write_text("id,tier\npc,core\nrc,middle\n", encoding="utf-8")
    ties = tmp_path / "t.csv"
    ties.write_text("source,target\npc,rc\n", encoding="utf-8")
    r = run("analyze", "--actors", str(actors), "--ties", str(ties), "--out", str(tmp_path / "o"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "a.csv line 3" in r.stderr and "'middle'" in r.stderr
    huge = tmp_path / "h.dl"
    huge.write_text("dl n=1000000000000\ndata:\n")
    r = run("convert", str(huge), str(tmp_path / "h.graphml"))
    assert r.returncode == 1 and "1,000,000,000,000" in r.stderr and "Traceback" not in r.stderr


def test_usage_error_exit_code():
    r = run("analyze", "--actors", "a.csv")  # --out is required
    assert r.returncode == 2 and "--out" in r.stderr


def test_demo_still_runs(capsys):
    assert cli.main(["demo"]) == 0
    assert "社区综合党委" in capsys.readouterr().out


def test_version_flag():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"govnet {govnet.__version__}"


def test_measures_command_lists_the_registry(capsys):
    from govnet import registry

    assert cli.main(["measures"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == list(registry.MEASURES)
    assert any("[report]" in line and line.startswith("betweenness_centrality") for line in out)


def test_analyze_relation_option_names_the_layers(tmp_path):
    out = tmp_path / "r"
    assert cli.main(["analyze", "--actors", str(DATA / "nanshan_actors.csv"), "--ties",
                     str(DATA / "nanshan_ties.csv"), "--relation", "leadership", "--relation",
                     "membership", "--out", str(out), "--no-figures", "-q"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Layers used: leadership, membership (pooled, weights summed)" in html
