"""Network.save / govnet.load: exact round trips, atomic writes, checksums,
versioning, refusal of zip bombs and pickles (issue #10, item 6)."""

import datetime
import decimal
import hashlib
import io
import json
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnet
from govnet import FileFormatError, InvalidNetworkError, TooLargeError
from govnet.io import native as storage


def assert_same_network(a, b):
    pd.testing.assert_frame_equal(a._actors, b._actors, check_exact=True)
    pd.testing.assert_frame_equal(a._ties, b._ties, check_exact=True)
    for x, y in ((a._duties, b._duties), (a._meetings, b._meetings)):
        assert (x is None) == (y is None)
        if x is not None:
            pd.testing.assert_frame_equal(x, y, check_exact=True)
    assert a._relations == b._relations
    assert list(a._relations) == list(b._relations)
    assert a._options == b._options
    assert list(a.meta) == list(b.meta)
    for k, v in a.meta.items():
        if isinstance(v, pd.DataFrame):
            pd.testing.assert_frame_equal(v, b.meta[k], check_exact=True)
        else:
            assert b.meta[k] == v


def read_members(path):
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_members(path, members, *, fix_checksums=True):
    """Rewrite an archive (valid zip CRCs), optionally re-signing the manifest."""
    manifest = json.loads(members["manifest.json"])
    if fix_checksums:
        manifest["members"] = {k: {"size": len(v), "sha256": hashlib.sha256(v).hexdigest()}
                               for k, v in members.items() if k != "manifest.json"}
    members = dict(members, **{"manifest.json": json.dumps(manifest).encode()})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, v in members.items():
            zf.writestr(k, v)


@pytest.fixture(scope="module")
def nanshan():
    return govnet.datasets.nanshan()


@pytest.fixture
def saved(tmp_path, nanshan):
    p = tmp_path / "nanshan.govnet"
    govnet.save(nanshan, p)
    return p


def test_nanshan_round_trip_is_exact(saved, nanshan):
    back = govnet.load(saved)
    assert_same_network(nanshan, back)
    assert "duty_counts" in back.meta and isinstance(back.meta["duty_counts"], pd.DataFrame)
    # Results computed from the loaded network are identical.
    for rel in nanshan.relations:
        pd.testing.assert_series_equal(govnet.betweenness_centrality(nanshan, relation=rel),
                                       govnet.betweenness_centrality(back, relation=rel),
                                       check_exact=True)
    assert repr(back) == repr(nanshan)


def test_path_types_and_repeat_saves_are_byte_identical(tmp_path, nanshan):
    a, b = tmp_path / "a.govnet", str(tmp_path / "b.govnet")
    govnet.save(nanshan, a)
    storage.save(nanshan, b)
    assert a.read_bytes() == Path(b).read_bytes()
    govnet.save(nanshan, a)  # overwrite in place
    assert_same_network(nanshan, govnet.load(a))


def test_duties_round_trip(tmp_path):
    actors = pd.DataFrame({"id": ["党委", "居委会", "物业"], "tier": ["core", "support", "plural"]})
    duties = pd.DataFrame({"actor": ["党委", "居委会", "物业", "党委"],
                           "duty": ["d1", "d1", "d2", "d3"],
                           "category": ["安全", "安全", "环境", ""],
                           "role": ["牵头", "协助", "lead", "assist"],
                           "hours": [1.5, np.nan, 3.0, 0.25]})
    net = govnet.Network.from_frames(actors, None, duties)
    govnet.save(net, tmp_path / "d.govnet")
    assert_same_network(net, govnet.load(tmp_path / "d.govnet"))


# -- random networks with every supported column type -------------------------

TEXT = st.text(alphabet=st.sampled_from(list("abcXYZ 01_-社区党委居委会物业业主协商😀é\t,\"'")),
               min_size=0, max_size=8)


@st.composite
def random_networks(draw):
    n = draw(st.integers(1, 12))
    ids = draw(st.lists(TEXT.filter(lambda s: s.strip() != ""), min_size=n, max_size=n,
                        unique_by=lambda s: s.strip()))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    actors = pd.DataFrame({
        "id": ids,
        "tier": rng.choice(["core", "support", "plural", "external", "一核", "多元"], n),
        "name": [draw(TEXT) for _ in range(n)],
        "score": rng.normal(size=n),
        "count": rng.integers(-5, 2**40, n),
        "flag": rng.random(n) < 0.5,
        "maybe": pd.array(rng.integers(0, 9, n), dtype="Int64"),
        "when": pd.to_datetime(rng.integers(0, 2**31, n), unit="s"),
        "mixed": [draw(st.one_of(st.none(), st.integers(-2**70, 2**70), st.floats(allow_nan=True),
                                 TEXT, st.booleans())) for _ in range(n)],
        "category": pd.Categorical(rng.choice(["甲", "乙", "丙"], n)),
    })
    if n > 1:
        actors.loc[actors.index[0], "maybe"] = pd.NA
    m = draw(st.integers(0, 25))
    rels = ["leadership", "deliberation", "自定义关系"]
    ties = pd.DataFrame({
        "source": [ids[i] for i in rng.integers(0, n, m)],
        "target": [ids[i] for i in rng.integers(0, n, m)],
        "relation": rng.choice(rels, m),
        "weight": rng.choice([0.0, 1.0, 0.1, 2.5, 1e300, 5e-324], m),
        "note": [draw(st.one_of(st.none(), TEXT)) for _ in range(m)],
        "year": rng.integers(2000, 2030, m),
    })
    # a user relation declares its direction (a 'directed' column, as to_frames writes)
    ties["directed"] = ties["relation"] != "deliberation"
    duties = None
    if draw(st.booleans()):
        k = draw(st.integers(1, 6))
        duties = pd.DataFrame({"actor": [ids[i] for i in rng.integers(0, n, k)],
                               "duty": [f"职责{j}" for j in range(k)],
                               "role": rng.choice(["lead", "assist"], k)})
    meetings = None
    if draw(st.booleans()):
        k = draw(st.integers(1, 6))
        meetings = pd.DataFrame({"meeting": rng.choice(["联席会议", "议事会"], k),
                                 "actor": [ids[i] for i in rng.integers(0, n, k)]})
    meta = {"name": draw(TEXT), "year": 2024, "nested": {"a": [1, 2.5, None, "社区"]},
            "table": pd.DataFrame({"x": [1, 2], "标签": ["甲", None]})}
    return govnet.Network.from_frames(actors, ties, duties, meetings=meetings,
                                      duplicates=draw(st.sampled_from(["sum", "max"])),
                                      self_loops=draw(st.sampled_from(["drop", "keep"])),
                                      meta=meta)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(net=random_networks(), compress=st.booleans())
def test_random_networks_round_trip(tmp_path, net, compress):
    p = tmp_path / "r.govnet"
    govnet.save(net, p, compress=compress)
    back = govnet.load(p)
    assert_same_network(net, back)
    for rel in net.relations:
        np.testing.assert_array_equal(net.layer(rel).edges()[2], back.layer(rel).edges()[2])


def test_extension_and_tz_columns_round_trip(tmp_path):
    actors = pd.DataFrame({
        "id": ["a", "b", "c"], "tier": "plural",
        "f32": np.array([1.5, np.nan, -0.0], dtype=np.float32),
        "u8": np.array([0, 7, 255], dtype=np.uint8),
        "nb": pd.array([True, None, False], dtype="boolean"),
        "fl": pd.array([1.5, None, 2.0], dtype="Float64"),
        "tz": pd.to_datetime(["2024-01-01 08:00", "2024-06-01 00:00", None]).tz_localize("Asia/Shanghai"),
        "td": pd.to_timedelta([1, 2, 3], unit="h"),
        "ordered": pd.Categorical(["low", "high", "low"], categories=["low", "high"], ordered=True),
        "na_str": pd.array(["x", pd.NA, "社区"], dtype=pd.StringDtype("python", na_value=pd.NA)),
        "objnone": np.array([None, "x", np.nan], dtype=object),
    })
    net = govnet.Network.from_frames(actors)
    govnet.save(net, tmp_path / "x.govnet")
    assert_same_network(net, govnet.load(tmp_path / "x.govnet"))


# -- what cannot be stored ------------------------------------------------------

def test_non_json_meta_is_dropped_with_a_warning(tmp_path, nanshan):
    net = govnet.Network(nanshan._actors, nanshan._ties, nanshan._relations,
                         meta={"ok": [1, "二"], "func": len, "when": datetime.date(2024, 1, 1)})
    with pytest.warns(UserWarning, match=r"'func', 'when' are neither JSON-serialisable"):
        govnet.save(net, tmp_path / "m.govnet")
    back = govnet.load(tmp_path / "m.govnet")
    assert back.meta == {"ok": [1, "二"]}


def test_object_column_of_arbitrary_objects_is_refused_not_pickled(tmp_path):
    actors = pd.DataFrame({"id": ["a", "b"], "tier": "core",
                           "money": [decimal.Decimal("1.10"), decimal.Decimal("2")]})
    net = govnet.Network.from_frames(actors)
    with pytest.raises(InvalidNetworkError, match=r"actors column 'money': row 0 holds a Decimal"):
        govnet.save(net, tmp_path / "o.govnet")
    assert not os.listdir(tmp_path)  # nothing written, no temporary left


def test_save_needs_a_network(tmp_path):
    with pytest.raises(InvalidNetworkError, match="expects a govnet.Network"):
        storage.save("net", tmp_path / "x.govnet")


# -- atomic writes --------------------------------------------------------------

@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError("disk full")], ids=["ctrl-c", "disk-full"])
def test_interrupted_save_keeps_the_old_file(tmp_path, nanshan, monkeypatch, exc):
    p = tmp_path / "net.govnet"
    govnet.save(nanshan, p)
    before = p.read_bytes()
    other = govnet.Network.from_frames(pd.DataFrame({"id": ["x"], "tier": ["core"]}))
    calls = []
    real = storage._write_member

    def failing(zf, name, data):
        calls.append(name)
        if len(calls) == 3:
            raise exc
        real(zf, name, data)

    monkeypatch.setattr(storage, "_write_member", failing)
    with pytest.raises(exc if isinstance(exc, type) else type(exc)):
        govnet.save(other, p)
    assert p.read_bytes() == before
    assert os.listdir(tmp_path) == ["net.govnet"]  # the temporary file was removed
    assert_same_network(nanshan, govnet.load(p))


def test_save_writes_a_temporary_in_the_same_directory_then_renames(tmp_path, nanshan, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((os.path.dirname(src), os.path.basename(src), dst))
        assert os.path.getsize(src) > 0
        real_replace(src, dst)

    fsyncs = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "replace", spy)
    monkeypatch.setattr(os, "fsync", lambda fd: (fsyncs.append(fd), real_fsync(fd)))
    govnet.save(nanshan, tmp_path / "n.govnet")
    assert len(seen) == 1 and seen[0][0] == str(tmp_path) and seen[0][1].startswith(".n.govnet.")
    assert len(fsyncs) >= 2  # the file, then the directory


# -- corruption, versions, hostile archives ---------------------------------------

def test_checksum_mismatch_is_detected(tmp_path, saved):
    members = read_members(saved)
    name = next(k for k in members if k.endswith(".utf8") and members[k])
    data = bytearray(members[name])
    data[0] ^= 0x01
    members[name] = bytes(data)
    write_members(saved, members, fix_checksums=False)  # zip CRC valid, SHA-256 not
    with pytest.raises(FileFormatError, match=rf"checksum mismatch in member '{name}'"):
        govnet.load(saved)


def test_flipped_byte_anywhere_gives_a_clear_error(tmp_path, saved, nanshan):
    # Each flipped byte either raises a clear govnet error or, where the byte is one the
    # reader does not use (a zip timestamp, say), loads exactly the saved network: a load
    # never returns altered data. Most bytes are data, so most flips must be refused.
    raw = bytearray(saved.read_bytes())
    refused = loaded = 0
    for pos in range(0, len(raw), max(1, len(raw) // 97)):
        bad = raw.copy()
        bad[pos] ^= 0xFF
        p = tmp_path / "bad.govnet"
        p.write_bytes(bytes(bad))
        try:
            back = govnet.load(p)
        except (FileFormatError, TooLargeError):
            refused += 1
            continue
        assert_same_network(nanshan, back)
        loaded += 1
    assert refused > loaded, (refused, loaded)


def test_newer_format_version_is_refused(tmp_path, saved):
    members = read_members(saved)
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = storage.FORMAT_VERSION + 1
    manifest["govnet_version"] = "9.0"
    members["manifest.json"] = json.dumps(manifest).encode()
    write_members(saved, members)
    v = storage.FORMAT_VERSION
    with pytest.raises(FileFormatError, match=rf"format version {v + 1} \(written by govnet 9.0\); "
                                              rf"this govnet reads versions up to {v}: upgrade govnet"):
        govnet.load(saved)


@pytest.mark.parametrize("content,match", [
    (b"", "not a zip archive"),
    (b"id,tier\na,core\n", "not a zip archive"),
    (pickle.dumps({"x": 1}), "not a zip archive"),
], ids=["empty", "csv", "pickle"])
def test_not_a_govnet_file(tmp_path, content, match):
    p = tmp_path / "x.govnet"
    p.write_bytes(content)
    with pytest.raises(FileFormatError, match=match):
        govnet.load(p)


def test_zip_without_manifest_and_missing_file(tmp_path):
    p = tmp_path / "x.govnet"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(FileFormatError, match="no manifest.json"):
        govnet.load(p)
    with pytest.raises(FileFormatError, match="no such file"):
        govnet.load(tmp_path / "absent.govnet")


def test_zip_bomb_is_refused_before_decompressing(tmp_path, saved, monkeypatch):
    members = read_members(saved)
    members["tables/bomb.utf8"] = b"\0" * 5_000_000  # compresses to ~5 kB
    write_members(saved, members)
    assert saved.stat().st_size < 200_000
    monkeypatch.setattr(storage, "MAX_TOTAL_BYTES", 1_000_000)
    with pytest.raises(TooLargeError, match=r"declares \d+ bytes .* more than the limit"):
        govnet.load(saved)


def test_too_many_members_is_refused(tmp_path, saved, monkeypatch):
    monkeypatch.setattr(storage, "MAX_MEMBERS", 5)
    with pytest.raises(TooLargeError, match="archive members, more than the limit of 5"):
        govnet.load(saved)


def test_lying_npy_header_is_refused_without_allocating(tmp_path, saved):
    members = read_members(saved)
    name = "tables/ties/c3.npy"  # the weights
    arr = np.load(io.BytesIO(members[name]))
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False,
                                                  "shape": (10**12,)})
    members[name] = header.getvalue() + arr.tobytes()
    write_members(saved, members)
    with pytest.raises(FileFormatError, match=r"has shape \(1000000000000,\), expected"):
        govnet.load(saved)


def test_absurd_row_count_is_refused(tmp_path, saved):
    members = read_members(saved)
    schema = json.loads(members["tables/ties/schema.json"])
    schema["rows"] = 10**15
    members["tables/ties/schema.json"] = json.dumps(schema).encode()
    write_members(saved, members)
    with pytest.raises(FileFormatError, match="expected"):
        govnet.load(saved)


def test_pickled_object_array_is_refused(tmp_path, saved, monkeypatch):
    members = read_members(saved)
    buf = io.BytesIO()
    np.save(buf, np.array([os.system] * 15, dtype=object), allow_pickle=True)
    members["tables/actors/c0.offsets.npy"] = buf.getvalue()
    write_members(saved, members)

    def no_unpickling(*args, **kwargs):  # pragma: no cover - must never run
        raise AssertionError("govnet.load unpickled something")

    monkeypatch.setattr(pickle, "loads", no_unpickling)
    monkeypatch.setattr(pickle, "load", no_unpickling)
    with pytest.raises(FileFormatError, match="dtype object"):
        govnet.load(saved)


def test_inconsistent_network_is_refused(tmp_path, saved):
    members = read_members(saved)
    name = "tables/ties/c1.npy"  # dst positions
    dst = np.load(io.BytesIO(members[name]))
    dst[0] = 999
    buf = io.BytesIO()
    np.save(buf, dst)
    members[name] = buf.getvalue()
    write_members(saved, members)
    with pytest.raises(FileFormatError, match=r"inconsistent network: ties column 'dst' has positions "
                                              r"outside \[0, 19\)"):
        govnet.load(saved)


def test_unlisted_member_is_refused(tmp_path, saved):
    members = read_members(saved)
    manifest = json.loads(members["manifest.json"])
    with zipfile.ZipFile(saved, "a") as zf:
        zf.writestr("extra.bin", b"x")
    with pytest.raises(FileFormatError, match="not in the manifest"):
        govnet.load(saved)
    assert manifest["format"] == "govnet-network"


def test_format_version_marks_the_new_tables(tmp_path):
    # a file with persons/posts/missing is version 2, so govnet 0.2 (which reads up to
    # version 1 and ignores tables it does not know) refuses it instead of dropping them
    import json
    import zipfile

    import pandas as pd

    def version(net):
        p = tmp_path / "v.govnet"
        govnet.save(net, p)
        with zipfile.ZipFile(p) as zf:
            return json.loads(zf.read("manifest.json"))["version"]

    actors = pd.DataFrame({"id": ["a", "b", "c"], "tier": ["core", "plural", "plural"]})
    ties = pd.DataFrame({"source": ["a"], "target": ["b"], "relation": ["leadership"]})
    plain = govnet.Network.from_frames(actors, ties)
    assert version(plain) == 1
    with_missing = govnet.Network.from_frames(
        actors, ties, missing=pd.DataFrame({"source": ["a"], "target": ["c"],
                                            "relation": ["leadership"]}))
    assert version(with_missing) == 2
    loaded = govnet.load(tmp_path / "v.govnet")
    assert len(loaded.missing) == 1
