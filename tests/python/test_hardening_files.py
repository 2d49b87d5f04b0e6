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


# -- class 7: saved files validated as strictly as new input --------------------------

def _small():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "tier": ["core", "support", "plural"]})
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "relation": "leadership"})
    duties = pd.DataFrame({"actor": ["a", "b"], "duty": ["d1", "d1"], "role": ["lead", "assist"]})
    meetings = pd.DataFrame({"meeting": ["m", "m"], "actor": ["a", "b"]})
    return govnet.Network.from_frames(actors, ties, duties, meetings=meetings)


def _tampered(net, **parts):
    """A network whose tables bypass from_frames (as a crafted file's would); saving
    it writes valid checksums over inconsistent content."""
    return govnet.Network(parts.pop("actors", net._actors), parts.pop("ties", net._ties),
                          net._relations, duties=parts.pop("duties", net._duties),
                          meetings=parts.pop("meetings", net._meetings), options=net._options)


def _dup_rows(frame):
    return pd.concat([frame, frame.iloc[[0]]], ignore_index=True)


def _set(frame, col, pos, value):
    out = frame.copy()
    if isinstance(out[col].dtype, pd.CategoricalDtype):
        out[col] = out[col].astype(object)
    out.loc[out.index[pos], col] = value
    return out


CORRUPT = [
    ("duplicated duty rows", lambda n: {"duties": _dup_rows(n._duties)}, "duties row 2 repeats"),
    ("unknown duty role", lambda n: {"duties": _set(n._duties, "role", 1, "boss")},
     "unknown role 'boss'"),
    ("duty role of another category set", lambda n: {"duties": n._duties.assign(
        role=pd.Categorical(["lead", "x"]))}, "unknown role"),
    ("meeting without a name", lambda n: {"meetings": _set(n._meetings, "meeting", 0, "")},
     "meetings row 0: meeting is empty"),
    ("duplicated meeting rows", lambda n: {"meetings": _dup_rows(n._meetings)},
     "meetings row 2 repeats"),
    ("missing kind", lambda n: {"actors": _set(n._actors, "kind", 1, None)},
     "actors row 1: kind is missing"),
    ("missing name", lambda n: {"actors": _set(n._actors, "name", 0, "")},
     "actors row 0: name is missing"),
    ("invalid Unicode in an id", lambda n: {"actors": n._actors.set_axis(
        pd.Index(["a", "b", "c\ud800"], dtype=object, name="id"))},
     "not valid Unicode"),
    ("invalid Unicode in a name", lambda n: {"actors": n._actors.assign(
        name=pd.Series(["a", "b", "x\udcff"], dtype=object, index=n._actors.index))},
     "not valid Unicode"),
    ("id with blanks", lambda n: {"actors": n._actors.rename(index={"c": " c "})},
     "leading or trailing blanks"),
    ("duty for an actor not in the network", lambda n: {"duties": _set(n._duties, "actor", 0, "zz")},
     "duties row 0: actor 'zz' is not an actor"),
    ("tie column named like a role", lambda n: {"ties": n._ties.assign(source="x")},
     "'source'"),
    ("tie column 'directed'", lambda n: {"ties": n._ties.assign(directed=True)}, "'directed'"),
]


@pytest.mark.parametrize("case,change,message", CORRUPT, ids=[c[0] for c in CORRUPT])
def test_consistent_checksums_inconsistent_content_is_refused(tmp_path, case, change, message):
    net = _small()
    bad = _tampered(net, **change(net))
    p = tmp_path / "bad.govnet"
    govnet.save(bad, p)
    with pytest.raises(FileFormatError, match="inconsistent network") as err:
        govnet.load(p)
    assert message in str(err.value)
    govnet.save(net, p)  # the untampered network loads
    govnet.load(p)


def test_from_frames_refuses_invalid_unicode_with_the_same_message():
    actors = pd.DataFrame({"id": pd.Series(["a", "b\ud800"], dtype=object), "tier": "plural"})
    with pytest.raises(govnet.InvalidNetworkError, match=r"actors row 1: id .* not valid Unicode"):
        govnet.Network.from_frames(actors)


def test_saving_through_a_symlink_follows_it(tmp_path):
    net = _small()
    real = tmp_path / "data" / "net.govnet"
    real.parent.mkdir()
    govnet.save(govnet.Network.from_frames(pd.DataFrame({"id": ["x"], "tier": "core"})), real)
    link = tmp_path / "link.govnet"
    link.symlink_to(real)
    govnet.save(net, link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert len(govnet.load(real)) == 3 and len(govnet.load(link)) == 3
    assert sorted(p.name for p in real.parent.iterdir()) == ["net.govnet"]  # no temporary left
