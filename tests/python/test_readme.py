"""The README's Python example runs as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_example_runs(capsys):
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    assert len(block.strip().splitlines()) <= 12
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "党委" in out and "CoreProfile" in out


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else None]


def test_readme_from_excel_to_paper_runs(capsys, tmp_path, monkeypatch):
    # issue 18: the bundled workbook's path, in Python, to a table and a figure
    monkeypatch.chdir(tmp_path)
    block = re.search(r"```python\n(.*?)```", _section("From Excel to paper"), re.S).group(1)
    exec(compile(block, "README.md (From Excel to paper)", "exec"), {})
    assert "\\toprule" in (tmp_path / "table1.tex").read_text(encoding="utf-8")
    assert (tmp_path / "table2.docx").stat().st_size > 0
    from pypdf import PdfReader
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "figure1.pdf").pages)
    assert "桂园社区党委" in text
    out = capsys.readouterr().out
    assert "did you mean 桂园社区工作站?" in out and "5 error(s)" in out
    assert "CoreProfile(core=['桂园社区党委']" in out
    assert "effective_size" in out and "iqv_kind" in out and "uncovered" in out


def test_readme_from_excel_to_paper_cli_runs(tmp_path):
    # the same path with the command line alone, as the README writes it
    import subprocess
    import sys

    block = re.search(r"```sh\n(.*?)```", _section("From Excel to paper"), re.S).group(1)
    py = f'"{sys.executable}"'
    script = block.replace("govnet check", f"{py} -m govnet check").replace(
        "govnet analyze", f"{py} -m govnet analyze").replace("python -c", f"{py} -c")
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "cleaned" / "problems.csv").is_file()
    assert (tmp_path / "report" / "report.html").is_file()
    # the exported table and figure come with the report
    assert (tmp_path / "report" / "measures.tex").is_file()
    assert (tmp_path / "report" / "structure.pdf").is_file()
