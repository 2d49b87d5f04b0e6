"""The source bundle the case-study datasets cite: one id per article.

The project's source texts are one file, ``shared/seeds/000_8c482e3559af2889.txt``
(:data:`SEED_FILE`), a bundle of 18 Chinese articles, one after another, each
opening with a line that holds its title alone. :data:`SOURCES` gives every
article an id, its author, title, venue, issue and year exactly as the bundle
gives them (empty where the bundle does not say: several web texts name no
author, and 陈家喜、林电锋's article names no venue or year), and its span: the
1-based line ranges of the seed file that hold it. Chen & Lin's article is
split: its title heads the file (line 1, cut short) and its text is lines
261–327.

Every row of a bundled case-study table flagged ``evidence="stated"`` carries
``source_id`` (a key of :data:`SOURCES`) and ``quote``, a clause copied
verbatim from that article's span; :func:`provenance` collects them all, and
the test ``tests/python/test_provenance.py`` checks each quote against the seed
text. The seed uses ASCII ``, : ( )`` inside Chinese text; quotes keep them.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

__all__ = ["SEED_FILE", "SOURCES", "Source", "sources", "span_text"]

#: The seed file, relative to the project's ``shared/seeds/`` directory.
SEED_FILE = "000_8c482e3559af2889.txt"


class Source(NamedTuple):
    author: str
    title: str
    venue: str
    issue: str
    year: int | None
    lines: tuple[tuple[int, int], ...]  # 1-based, inclusive line ranges of SEED_FILE
    note: str = ""


#: One entry per article of the seed bundle, in file order.
SOURCES: dict[str, Source] = {
    "li_zhaohui": Source(
        "李朝晖", "法治、智治、共治:城市治理现代化的深圳探索与实践", "", "", None, ((2, 7),),
        "journal article; the bundle gives no venue or year (the text speaks of the SEZ's 40 years)"),
    "yang_fan_2015": Source(
        "杨颿", "从“社区治理”到“小区治理”--反思当下社区治理的“合作-共治”模式之一",
        "常州工学院学报(社会科学版)", "2015(000)005", 2015, ((8, 16),), "pages P94-97"),
    "shatou_2020": Source(
        "深圳市委驻沙头街道指导服务组", "推进社区治理现代化的实践与思考", "特区实践与理论",
        "2020年第2期", 2020, ((17, 26),)),
    "zhang_taohua_2021": Source(
        "张涛华", "“一核多元”的现代社区治理模式研究", "学理论·下", "2021年第04期", 2021,
        ((27, 41),), "the excerpt covers the abstract and the theory section only"),
    "deliberation_report": Source(
        "", "协商治理调研报告", "", "", None, ((42, 60),), "web text, no author"),
    "theory_practice": Source(
        "", "社区治理的理论与实践", "", "", None, ((61, 79),), "web text, no author"),
    "innovation_thoughts": Source(
        "", "社区治理的创新思路——我的思考", "", "", None, ((80, 94),), "web text, no author"),
    "chen_chen_renmin": Source(
        "陈妙华、陈海涛", "深圳南山区:“一核多元”社区党建模式", "人民网-理论频道", "20XX年08月11日",
        None, ((95, 101),), "the bundle masks the year (20XX); the excerpt stops in section 一"),
    "rc_deliberation": Source(
        "", "社区居委会的社区协商决策与民主治理", "", "", None, ((102, 115),), "web text, no author"),
    "experience": Source(
        "", "社区治理心得体会", "", "", None, ((116, 140),), "web text, no author"),
    "wang_huiqiong_2014": Source(
        "王慧琼", "激发“1+3+N”的“陀螺效应”——南山“一核多元”社区治理模式透视", "深圳特区报",
        "2014-07-14", 2014, ((141, 154),), "newspaper report; the excerpt stops mid-paragraph"),
    "practice_reflection": Source(
        "", "社区治理的实践与反思", "", "", None, ((155, 177),), "web text, no author"),
    "participation_design": Source(
        "", "社区治理中的居民参与机制:民主化进程中的探索与实践", "", "", None, ((178, 194),),
        "research design, no author"),
    "nanshan_survey": Source(
        "", "以管理创新促进社会和谐——关于深圳市南山区和谐社区建设的调查", "", "", None,
        ((195, 211),), "survey report; the bundle gives no author, venue or year"),
    "hu_yefang_2018": Source(
        "胡业方", "村居协同治理:转型社区治理模式创新的实践与反思", "武汉理工大学学报:社会科学版",
        "2018(31)5", 2018, ((212, 220),), "abstract only; pages P97-103"),
    "new_thinking": Source(
        "", "社区治理的新思路与实践", "", "", None, ((221, 238),), "web text, no author"),
    "urban_problems": Source(
        "", "分析城市社区治理的问题与创新", "", "", None, ((239, 260),),
        "web text, no author; lines 258-260 are the hosting site's notices"),
    "chen_lin": Source(
        "陈家喜、林电锋", "城市社区协商治理模式的实践探索与理论反思——深圳南山区“一核多元”社区治理创新观察",
        "", "", None, ((1, 1), (261, 327)),
        "the bundle names no venue or year (the text cites 2014 GDP and a 2015 paper); the full "
        "title occurs in 胡业方's list of related papers (line 220), line 1 cuts it short"),
}


def sources() -> pd.DataFrame:
    """The source bundle's articles as a table indexed by source id.

    Columns: author, title, venue, issue, year (``<NA>`` where the bundle
    gives none), lines (the seed file's line ranges, e.g. ``"261-327"``), note.
    """
    rows = [{"source_id": k, "author": s.author, "title": s.title, "venue": s.venue,
             "issue": s.issue, "year": s.year,
             "lines": ", ".join(f"{a}-{b}" for a, b in s.lines), "note": s.note}
            for k, s in SOURCES.items()]
    t = pd.DataFrame(rows).set_index("source_id")
    t["year"] = t["year"].astype("Int64")
    t.attrs["seed_file"] = SEED_FILE
    return t


def span_text(seed_text: str, source_id: str) -> str:
    """The lines of ``seed_text`` (the seed file's content) that hold one article, joined by newlines."""
    lines = seed_text.splitlines()
    return "\n".join("\n".join(lines[a - 1:b]) for a, b in SOURCES[source_id].lines)
