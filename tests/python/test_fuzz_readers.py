"""Fuzzing the Python readers (issue #10, item 2): random and mutated files give
a govnet error or a valid network — never another exception, a hang or
unbounded memory.

Add a reader by appending a :class:`Reader` to ``READERS`` (for instance the
DL, Pajek, GraphML and GEXF readers): a name, a file suffix, the function that
reads a path, and a few valid example files to mutate. Inputs that once broke a
reader live in ``tests/fuzz/regressions/python/<reader name>/`` and are
replayed by ``test_regressions``. ``GOVNET_FUZZ_EXAMPLES`` scales the number
of generated inputs (``make fuzz`` raises it).
"""

from __future__ import annotations

import warnings

import os
import resource
import signal
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnet
from govnet import GovnetError

# The seed files are written from networks with duties and meetings; the warning that
# names what a format leaves out is tested in test_no_silent_change.py.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*has no place for the network's:govnet.errors.GovnetWarning")

ROOT = Path(__file__).resolve().parents[2]
REGRESSIONS = ROOT / "tests" / "fuzz" / "regressions" / "python"
EXAMPLES = int(os.environ.get("GOVNET_FUZZ_EXAMPLES", "300"))
TIME_LIMIT_S = 20  # per input; a hang fails the test instead of blocking it
MEMORY_GROWTH_LIMIT = 1024**3  # peak RSS growth allowed over the whole test


@dataclass(frozen=True)
class Reader:
    name: str
    suffix: str
    read: Callable[[Path], Any]
    seeds: Callable[[Path], list[bytes]]  # valid files (given a scratch directory)
    share: float = 1.0  # of GOVNET_FUZZ_EXAMPLES (slow readers: openpyxl)


def _nanshan_csvs(tmp: Path) -> list[bytes]:
    actors, ties, _ = govnet.datasets.nanshan().to_frames()
    return [actors.to_csv(index=False).encode("utf-8"),
            actors.head(4).to_csv(index=False).encode("gb18030"),
            b"\xef\xbb\xbfid,tier,name\na,core,\xe5\x85\x9a\xe5\xa7\x94\nb,plural,x\n",
            ties.to_csv(index=False).encode("utf-8")]


_ACTORS_FOR_TIES = pd.DataFrame({"id": ["a", "b", "c", "party_committee", "residents_committee"],
                                 "tier": ["core", "support", "plural", "core", "support"]})


def _ties_seeds(tmp: Path) -> list[bytes]:
    return [b"source,target,relation,weight\na,b,leadership,1\nb,c,deliberation,2.5\n",
            b"source,target\nparty_committee,residents_committee\n",
            "source,target,relation,directed\na,c,协商,false\nc,a,协商,false\n".encode("gb18030")]


def _govnet_seeds(tmp: Path) -> list[bytes]:
    out = []
    for i, net in enumerate([govnet.datasets.nanshan(),
                             govnet.Network.from_frames(_ACTORS_FOR_TIES)]):
        p = tmp / f"seed{i}.govnet"
        govnet.save(net, p, compress=(i == 0))
        out.append(p.read_bytes())
    return out


def _small_net() -> govnet.Network:
    ties = pd.DataFrame({"source": ["a", "b", "a", "c"], "target": ["b", "c", "c", "d"],
                         "relation": ["leadership", "deliberation", "x", "x"],
                         "weight": [1.0, 2.5, 1.0, 3.0], "note": ["n", "=1", "", "d"]})
    actors = pd.DataFrame({"id": ["a", "b", "c", "d"], "tier": ["core", "support", "plural", "plural"],
                           "name": ["党委", "A$B", "data:", "n=2"]})
    return govnet.Network.from_frames(actors, ties, directed={"x": True})


def _written(write: Callable[..., None], suffix: str,
             big: bool = True) -> Callable[[Path], list[bytes]]:
    """Seeds written by govnet's own writer (issue #19: every format is fuzzed)."""
    def seeds(tmp: Path) -> list[bytes]:
        out = []
        for i, net in enumerate([_small_net()] + ([govnet.datasets.nanshan()] if big else [])):
            p = tmp / f"seed{i}{suffix}"
            write(net, p)
            out.append(p.read_bytes())
        return out
    return seeds


READERS: list[Reader] = [
    Reader("from_csv_actors", ".csv", lambda p: govnet.read_tables(p), _nanshan_csvs),
    Reader("from_csv_ties", ".csv",
           lambda p: govnet.Network.from_frames(_ACTORS_FOR_TIES, govnet.read_table(p, what="ties")),
           _ties_seeds),
    Reader("read_table", ".csv", lambda p: govnet.read_table(p), _nanshan_csvs),
    Reader("load", ".govnet", govnet.load, _govnet_seeds),
    Reader("read_graphml", ".graphml", govnet.read_graphml, _written(govnet.write_graphml, ".graphml")),
    Reader("read_gexf", ".gexf", govnet.read_gexf, _written(govnet.write_gexf, ".gexf")),
    Reader("read_pajek", ".net", govnet.read_pajek, _written(govnet.write_pajek, ".net")),
    Reader("read_dl", ".dl", govnet.read_dl, _written(govnet.write_dl, ".dl")),
    Reader("read_excel", ".xlsx", govnet.read_excel, _written(govnet.write_excel, ".xlsx", False),
           share=0.1),
]


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    def on_alarm(signum, frame):
        raise Hang(f"reader still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def check_valid(result: Any) -> None:
    """A reader's result must be usable, not merely returned."""
    if isinstance(result, govnet.Network):
        assert len(result) >= 1
        assert result.actor_ids.is_unique
        for rel in result.relations:
            g = result.layer(rel)
            assert g.num_nodes == len(result)
        if len(result) <= 2000:
            bc = govnet.betweenness_centrality(result, relation="all", threads=1)
            assert np.isfinite(bc.to_numpy()).all()
        repr(result)
    else:
        assert isinstance(result, pd.DataFrame)


def run_reader(reader: Reader, data: bytes, tmp: Path) -> None:
    path = tmp / f"input{reader.suffix}"
    path.write_bytes(data)
    with time_limit(TIME_LIMIT_S):
        try:
            with warnings.catch_warnings():
                # a reader may warn (GovnetWarning: duplicates summed, ...); any other
                # warning is still an error
                warnings.simplefilter("ignore", govnet.GovnetWarning)
                result = reader.read(path)
        except GovnetError:
            return
        check_valid(result)


def mutate(data: bytes, ops: list[tuple[int, int, int]]) -> bytes:
    """Apply (kind, position, value) edits: flip, set, insert, delete, duplicate, truncate."""
    buf = bytearray(data)
    for kind, pos, val in ops:
        if not buf:
            buf.extend(bytes([val]))
            continue
        i = pos % len(buf)
        if kind == 0:
            buf[i] ^= 1 << (val % 8)
        elif kind == 1:
            buf[i] = val
        elif kind == 2:
            buf[i:i] = bytes([val]) * (1 + val % 4)
        elif kind == 3:
            del buf[i:i + 1 + val % 16]
        elif kind == 4:
            buf[i:i] = buf[i:i + 1 + val % 64]
        elif kind == 5:
            del buf[i:]
        elif kind == 6:  # interesting bytes for text formats
            buf[i:i] = [b",", b"\n", b'"', b"\r", b"\xff", b"\x00", b"-1", b"nan", b"1e999",
                        b"\xe5\x85"][val % 10]
    return bytes(buf)


OPS = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 2**31), st.integers(0, 255)),
               min_size=1, max_size=8)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@pytest.fixture
def rss_guard():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    yield
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert after - before < MEMORY_GROWTH_LIMIT, f"peak memory grew by {after - before} bytes"


@pytest.mark.parametrize("reader", READERS, ids=[r.name for r in READERS])
def test_mutated_valid_files(reader, tmp_path_factory, rss_guard):
    seeds = reader.seeds(tmp_path_factory.mktemp("seeds"))
    work = tmp_path_factory.mktemp("work")
    for s in seeds:  # the seeds themselves are valid
        run_reader(reader, s, work)

    @settings(SETTINGS, max_examples=max(5, int(EXAMPLES * reader.share)))
    @given(which=st.integers(0, len(seeds) - 1), ops=OPS)
    def fuzz(which, ops):
        run_reader(reader, mutate(seeds[which], ops), work)

    fuzz()


@pytest.mark.parametrize("reader", READERS, ids=[r.name for r in READERS])
def test_random_bytes(reader, tmp_path_factory, rss_guard):
    work = tmp_path_factory.mktemp("work")

    @settings(SETTINGS, max_examples=max(5, int(EXAMPLES * reader.share) // 3))
    @given(data=st.binary(max_size=2048))
    def fuzz(data):
        run_reader(reader, data, work)

    fuzz()


def _regression_cases():
    for reader in READERS:
        folder = REGRESSIONS / reader.name
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                yield pytest.param(reader, f, id=f"{reader.name}/{f.name}")


@pytest.mark.parametrize("reader,path", list(_regression_cases()))
def test_regressions(reader, path, tmp_path):
    run_reader(reader, path.read_bytes(), tmp_path)


def test_every_regression_folder_names_a_reader():
    names = {r.name for r in READERS}
    if REGRESSIONS.is_dir():
        assert {p.name for p in REGRESSIONS.iterdir() if p.is_dir()} <= names


def test_time_limit_catches_a_hang():
    import time

    with pytest.raises(Hang):
        with time_limit(1):
            time.sleep(3)
