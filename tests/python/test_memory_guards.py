"""Memory guards (issue #10, item 5): inputs whose result would not fit are
refused up front with TooLargeError naming the size — quickly and without
allocating, never an out-of-memory kill.

``DENSE_RESULTS`` lists functions returning an actor x actor result; each is
called on a network of 10^6 actors and must refuse. Append new ones as the
other branches add them (a name found on govnet and its keyword arguments).
"""

import re
import resource

import numpy as np
import pytest

import govnet
from govnet import TooLargeError, _core

DENSE_RESULTS = [
    # (name, function of the network): calls whose result or working set is dense actor x actor
    ("qap_correlation", lambda net: govnet.qap_correlation((net, "tie"), (net, "tie"))),
    ("to_adjacency", lambda net: govnet.io.to_adjacency(net)),
    ("write_dl fullmatrix", lambda net: govnet.io.write_dl(net, "/dev/null", format="fullmatrix")),
]


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@pytest.fixture
def fast_and_small():
    """The refusal must come before any big allocation (speed is measured by make bench)."""
    before = peak_rss()
    yield
    assert peak_rss() - before < 512 * 1024**2


def test_graph_with_absurd_node_count(fast_and_small):
    with pytest.raises(TooLargeError, match=r"graph node offsets would need 48 GiB \(2.14748e\+09 "
                                            r"entries\), more than the limit of 8 GiB"):
        _core.CsrGraph.build(2**31 - 1, np.zeros(0, np.int32), np.zeros(0, np.int32))


def test_two_mode_with_absurd_dimensions(fast_and_small):
    big = 2**31 - 1
    with pytest.raises(TooLargeError, match=r"two-mode offsets would need 32 GiB"):
        _core.TwoMode(big, big, np.zeros(0, np.int32), np.zeros(0, np.int32),
                      np.zeros(0, np.uint8))


@pytest.mark.parametrize("n", [10**9, 2**31 - 1])
def test_from_arrays_with_absurd_actor_count(n, fast_and_small):
    with pytest.raises(TooLargeError, match=re.escape(f"from_arrays: actors: {n:.6g} entries")
                       + r" would need about [\d.]+ GiB, more than the limit of 8 GiB"):
        govnet.Network.from_arrays(np.zeros(0, np.int64), np.zeros(0, np.int64), actors=n)


def test_from_arrays_with_absurd_positions(fast_and_small):
    # No actor list: the count comes from the largest position.
    with pytest.raises(TooLargeError, match="from_arrays: actors: 2e\\+09 entries"):
        govnet.Network.from_arrays(np.array([0]), np.array([2 * 10**9 - 1]))


def test_negative_actor_count_is_invalid():
    with pytest.raises(govnet.InvalidNetworkError, match="non-negative count, got -3"):
        govnet.Network.from_arrays(np.zeros(0, np.int64), np.zeros(0, np.int64), actors=-3)


def test_too_large_is_a_memory_error():
    assert issubclass(TooLargeError, MemoryError) and issubclass(TooLargeError, govnet.GovnetError)


@pytest.mark.parametrize("name,call", DENSE_RESULTS, ids=[d[0] for d in DENSE_RESULTS])
def test_dense_actor_by_actor_result_for_a_million_actors(name, call):
    net = govnet.Network.from_arrays(np.arange(10), np.arange(1, 11), actors=10**6, duplicates="sum", self_loops="drop")
    before = peak_rss()
    with pytest.raises(TooLargeError, match=r"1,000,000 x 1,000,000 matrix would need 7,450.6 GiB"):
        call(net)
    assert peak_rss() - before < 512 * 1024**2
