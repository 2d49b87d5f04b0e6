"""Hardening, round 2 (issue #19): encodings (class 4), resource bombs (class 5),
outputs that cannot hurt their reader (class 6) and saved files validated as
strictly as new input (class 7)."""

from __future__ import annotations

import warnings

import numpy as np
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


# -- class 5: resource bombs, refused within seconds and bounded memory ---------------

import os  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from govnet.errors import TooLargeError  # noqa: E402


@contextmanager
def quick_and_small(seconds: float = 10.0, mib: float = 512.0):
    """The block must finish within ``seconds`` and grow peak RSS by < ``mib``."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    yield
    assert time.perf_counter() - t0 < seconds
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown < mib, f"peak RSS grew by {grown:.0f} MiB"


def _workbook(path, far_cell=None):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "actors"
    ws.append(["id", "tier"])
    ws.append(["a", "core"])
    if far_cell:
        ws[far_cell] = "x"
    ws2 = wb.create_sheet("ties")
    ws2.append(["source", "target"])
    ws2.append(["a", "a"])
    wb.save(path)


@pytest.mark.parametrize("cell", ["XFD1048576", "A20000001", "ZZ500000"])
@pytest.mark.parametrize("reader", ["read_excel", "read_table"])
def test_xlsx_with_one_far_away_cell_is_refused_before_loading(tmp_path, cell, reader):
    p = tmp_path / "far.xlsx"
    _workbook(p, far_cell=cell if cell != "A20000001" else None)
    if cell == "A20000001":  # beyond Excel's own grid: written into the XML by hand
        with zipfile.ZipFile(p) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        sheet = parts["xl/worksheets/sheet1.xml"].replace(
            b"</sheetData>", b'<row r="20000001"><c r="Z20000001" t="inlineStr"><is><t>x</t>'
                             b"</is></c></row></sheetData>")
        parts["xl/worksheets/sheet1.xml"] = sheet
        with zipfile.ZipFile(p, "w") as z:
            for n, b in parts.items():
                z.writestr(n, b)
    with quick_and_small(), pytest.raises(TooLargeError, match="far-away cell"):
        getattr(govnet, reader)(p)


def test_xlsx_shared_string_bomb_is_refused_before_loading(tmp_path):
    p = tmp_path / "bomb.xlsx"
    _workbook(p)
    with zipfile.ZipFile(p) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    one = b"<si><t>" + b"x" * 200 + b"</t></si>"
    parts["xl/sharedStrings.xml"] = (b'<sst xmlns="http://schemas.openxmlformats.org/'
                                     b'spreadsheetml/2006/main">' + one * 300_000 + b"</sst>")
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    assert p.stat().st_size < 2_000_000  # 60 MB of strings in a small file
    with quick_and_small(), pytest.raises(TooLargeError, match="zip bomb"):
        govnet.read_excel(p)


def test_normal_workbook_still_reads(tmp_path):
    p = tmp_path / "ok.xlsx"
    _workbook(p, far_cell="J2")  # a stray cell inside the limit is read as before
    with pytest.warns(govnet.GovnetWarning, match="self-loop"):
        assert len(govnet.read_excel(p, directed=True)) >= 1


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_sparse_xml_with_thousands_of_keys_is_refused(tmp_path, fmt):
    k = 8000
    if fmt == "graphml":
        keys = "".join(f'<key id="k{i}" for="node" attr.name="a{i}" attr.type="string"/>'
                       for i in range(k))
        nodes = "".join(f'<node id="n{i}"><data key="k{i}">v</data></node>' for i in range(k))
        text = (f'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                f'{keys}<graph edgedefault="undirected">{nodes}</graph></graphml>')
    else:
        attrs = "".join(f'<attribute id="{i}" title="a{i}" type="string"/>' for i in range(k))
        nodes = "".join(f'<node id="n{i}"><attvalues><attvalue for="{i}" value="v"/></attvalues>'
                        f"</node>" for i in range(k))
        text = ('<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>'
                f'<attributes class="node">{attrs}</attributes><nodes>{nodes}</nodes>'
                "</graph></gexf>")
    p = tmp_path / f"sparse.{fmt}"
    p.write_text(text, encoding="utf-8")
    with quick_and_small(), pytest.raises(TooLargeError, match="distinct attributes"):
        getattr(govnet, f"read_{fmt}")(p)


@pytest.mark.parametrize("n,error", [(1_000_000, TooLargeError), (6000, TooLargeError),
                                     (3000, FileFormatError)])
def test_full_matrix_dl_declaring_more_than_it_holds_is_refused_at_once(tmp_path, n, error):
    p = tmp_path / "big.dl"
    p.write_text(f"dl n={n}\nformat = fullmatrix\ndata:\n0 1 0\n", encoding="utf-8")
    with quick_and_small(), pytest.raises(error):
        govnet.read_dl(p)


@pytest.mark.parametrize("reader,suffix", [("read_table", ".csv"), ("read_csv", ".csv"),
                                           ("read_pajek", ".net"), ("read_dl", ".dl")])
def test_nul_filled_file_is_refused(tmp_path, reader, suffix):
    p = tmp_path / f"nul{suffix}"
    p.write_bytes(b"source,target\n" + b"\x00" * 50_000_000)
    with quick_and_small(mib=200), pytest.raises(FileFormatError, match="NUL byte at offset 14"):
        getattr(govnet, reader)(p)


def test_utf16_file_is_read_when_named(tmp_path):
    p = tmp_path / "u16.csv"
    p.write_bytes("id,tier\n社区,core\n".encode("utf-16"))
    with pytest.raises(FileFormatError, match="encoding='utf-16'"):
        govnet.read_table(p)
    assert govnet.read_table(p, encoding="utf-16")["id"].tolist() == ["社区"]


def test_text_file_larger_than_the_limit_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.csv"
    with open(p, "wb") as fh:  # a sparse file: no disk used
        fh.truncate(3 * 1024**3)
    with quick_and_small(), pytest.raises(TooLargeError, match="more than the limit"):
        govnet.read_table(p)
    os.unlink(p)


def _big_net(n):
    rng = np.random.default_rng(0)
    s, t = rng.integers(0, n, 50), rng.integers(0, n, 50)
    keep = s != t
    net = govnet.Network.from_arrays(s[keep], t[keep], actors=n, relation="a", directed=True,
                                     duplicates="sum")
    return net.with_layer("b", net.ties()[["source", "target"]], directed=True)


def test_qap_budget_counts_every_matrix_of_the_call():
    net = _big_net(30_000)  # 7.2 GB per matrix: each alone passes the 8 GiB guard
    with quick_and_small(), pytest.raises(TooLargeError, match="all of them together"):
        govnet.qap_test((net, "a"), (net, "b"), directed=False, n_permutations=10, seed=1)
    with quick_and_small(), pytest.raises(TooLargeError, match="all of them together"):
        govnet.mrqap((net, "a"), {"b": (net, "b")}, n_permutations=10, seed=1)
    x = np.zeros((30_000, 30_000))  # lazily allocated: no memory used
    with quick_and_small(), pytest.raises(TooLargeError, match="all of them together"):
        govnet.qap_test(x, x, n_permutations=10, seed=1)


def test_permutation_test_budget_counts_the_statistics_intermediates():
    net = _big_net(20_000)  # 3.2 GB per matrix, three needed
    with quick_and_small(), pytest.raises(TooLargeError, match="all of them together"):
        govnet.permutation_test(net, "hierarchy", relation="a", null="rewire",
                                n_permutations=2, seed=1)


def test_dense_budget_mechanism():
    from govnet._runtime import dense_budget, dense_zeros, reserve

    with pytest.raises(TooLargeError, match="needs about 9.0 GiB"):
        with dense_budget("x", 9 * 1024**3):
            pass
    with dense_budget("x", 0, limit_gib=1e-3):  # 1 MiB budget
        dense_zeros(100, 100, "m")  # 80 kB
        with pytest.raises(TooLargeError, match="would need about"):
            for _ in range(20):
                dense_zeros(100, 100, "m")
    reserve(1e18, "outside any budget: not counted")
    dense_zeros(10, 10, "after the budget: only the per-matrix limit")


# -- class 4, beyond the examples: random text ------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

GB2312_COMMON = "社区党委居民委员会物业服务中心业主协商议事网格志愿者老年人协会卫生街道办事处"
BIG5_ONLY = "臺灣區發協會與辦處當轉憑專務醫療園區議員選舉權廣場體育館圖書"


@settings(max_examples=40, deadline=None)
@given(text=st.lists(st.text(alphabet=GB2312_COMMON + "abc 0123", min_size=1, max_size=12),
                     min_size=1, max_size=6))
def test_property_simplified_chinese_in_gb18030_never_warns(tmp_path_factory, text):
    p = tmp_path_factory.mktemp("gb") / "a.csv"
    rows = [t.strip() or "x" for t in text]
    p.write_bytes(("id\n" + "\n".join(f"{i}{r}" for i, r in enumerate(rows)) + "\n")
                  .encode("gb18030"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(govnet.read_table(p)) == len(rows)


@settings(max_examples=40, deadline=None)
@given(text=st.lists(st.text(alphabet=BIG5_ONLY, min_size=2, max_size=12), min_size=1, max_size=6))
def test_property_traditional_chinese_in_big5_warns(tmp_path_factory, text):
    """Big5 read as GB18030 warns — unless every character happens to decode to a
    common GB2312 ideograph (then the bytes are valid simplified Chinese too, and
    only ``encoding=`` can tell)."""
    from govnet.io._common import _plausible_gb

    raw = ("id\n" + "\n".join(text) + "\n").encode("big5")
    p = tmp_path_factory.mktemp("b5") / "a.csv"
    p.write_bytes(raw)
    try:
        decoded = raw.decode("gb18030")
    except UnicodeDecodeError:
        with pytest.raises(FileFormatError):  # not GB18030 at all: refused, never silent
            govnet.read_table(p)
        return
    wide = [c for c in decoded if ord(c) > 0x7F]
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        govnet.read_table(p)
    warned = any("probably wrong" in str(w.message) for w in seen)
    assert warned == (sum(not _plausible_gb(c) for c in wide) > 0.2 * len(wide))
    assert np.mean([not _plausible_gb(c) for c in BIG5_ONLY.encode("big5").decode("gb18030",
                    "replace")]) > 0.3  # the alphabet as a whole is caught


@pytest.mark.parametrize("cell,directed", [("1", True), ("1.0", True), ("true", True),
                                           ("yes", True), ("Y", True), ("是", True),
                                           ("0", False), ("0.0", False), ("false", False),
                                           ("no", False), ("N", False), ("否", False)])
def test_directed_spellings_from_a_csv_file(tmp_path, cell, directed):
    p = tmp_path / "t.csv"
    p.write_text(f"source,target,relation,directed\na,b,议事,{cell}\n", encoding="utf-8")
    assert govnet.read_csv(p).relation_spec("议事").directed is directed
    p.write_text("source,target,relation,directed\na,b,议事,perhaps\n", encoding="utf-8")
    with pytest.raises(govnet.InvalidNetworkError, match=r"t.csv line 2\): directed 'perhaps'"):
        govnet.read_csv(p)


def test_zip_needing_an_unsupported_version_is_a_file_format_error(tmp_path):
    # found by the hypothesis reader fuzzing in a CI rehearsal: a central-directory entry
    # asking for zip version 8.4 made zipfile raise NotImplementedError out of load()
    import struct
    import zipfile

    import pytest

    for suffix, read in ((".govnet", govnet.load), (".xlsx", govnet.read_excel)):
        p = tmp_path / f"bad{suffix}"
        with zipfile.ZipFile(p, "w") as zf:
            zf.writestr("manifest.json" if suffix == ".govnet" else "[Content_Types].xml", "{}")
        raw = bytearray(p.read_bytes())
        cd = raw.index(b"PK\x01\x02")  # central directory: version needed at offset 6
        struct.pack_into("<H", raw, cd + 6, 84)
        struct.pack_into("<H", raw, 4, 84)  # and in the local header
        p.write_bytes(bytes(raw))
        with pytest.raises(govnet.FileFormatError):
            read(p)
