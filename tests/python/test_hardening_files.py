"""Hardening, round 2 (issue #19): encodings (class 4), resource bombs (class 5),
outputs that cannot hurt their reader (class 6) and saved files validated as
strictly as new input (class 7)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import govnet
from govnet.errors import FileFormatError

NAMES = {"big5": ["臺北市政府", "社區發展協會", "里辦公處"],
         "cp1252": ["Müller", "Gâteau Crème", "naïve façade"]}


def _csv(names: list[str]) -> str:
    return "id,tier,name\n" + "".join(f"a{i},plural,{n}\n" for i, n in enumerate(names))


@pytest.mark.parametrize("encoding", list(NAMES))
@pytest.mark.parametrize("reader", ["read_table", "read_tables", "read_csv"])
def test_probably_wrong_gb18030_fallback_warns_naming_the_encoding(tmp_path, encoding, reader):
    p = tmp_path / "a.csv"
    if reader == "read_csv":  # a ties file
        p.write_bytes(("source,target,relation\n" + "".join(
            f"{n},x,leadership\n" for n in NAMES[encoding])).encode(encoding))
    else:
        p.write_bytes(_csv(NAMES[encoding]).encode(encoding))
    fn = getattr(govnet, reader)
    with pytest.warns(govnet.GovnetWarning, match="decoded as GB18030.*probably wrong.*encoding="):
        fn(p)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = fn(p, encoding=encoding)  # naming the encoding: right text, no warning
    ids = got["name"].tolist() if reader == "read_table" else (
        got.actors["name"].tolist() if reader == "read_tables" else list(got.actor_ids))
    assert set(NAMES[encoding]) <= set(ids)


@pytest.mark.parametrize("text", ["南山社区党委,居民委员会,物业服务企业",
                                  "朱镕基,居民委员会",  # a name outside GB2312: still no warning
                                  "社区卫生服务中心,业主委员会,志愿者协会,老年人协会"])
def test_real_gb18030_text_decodes_silently(tmp_path, text):
    p = tmp_path / "a.csv"
    p.write_bytes(_csv(text.split(",")).encode("gb18030"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert govnet.read_table(p)["name"].tolist() == text.split(",")


@pytest.mark.parametrize("reader,content", [
    ("read_pajek", "*Vertices 2\n1 \"{}\"\n2 \"b\"\n*Edges\n1 2\n"),
    ("read_dl", "DL n=2\nformat = edgelist1\nlabels embedded:\ndata:\n{} b\n")])
def test_every_text_reader_takes_encoding_and_warns_on_a_wrong_fallback(tmp_path, reader, content):
    p = tmp_path / ("a.net" if reader == "read_pajek" else "a.dl")
    p.write_bytes(content.format("臺北市政府").encode("big5"))
    fn = getattr(govnet, reader)
    with pytest.warns(govnet.GovnetWarning, match="probably wrong"):
        fn(p)
    net = fn(p, encoding="big5")
    assert "臺北市政府" in set(net.actors["name"]) | set(net.actor_ids)
