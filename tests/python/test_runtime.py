"""Logging bridge, Ctrl-C, thread invariance of the C++ core."""

import logging

import networkx as nx
import numpy as np
import pytest

import govnet


def test_cpp_logs_reach_python_logger(caplog):
    with caplog.at_level(logging.INFO, logger="govnet.core"):
        govnet._core.log_message(2, "hello from C++ 核心")  # spdlog info
    assert any(r.name == "govnet.core" and "核心" in r.getMessage() for r in caplog.records)


def test_cpp_debug_logs_filtered_by_python_level(caplog):
    with caplog.at_level(logging.WARNING, logger="govnet.core"):
        govnet._core.log_message(1, "debug noise")
    assert not [r for r in caplog.records if "debug noise" in r.getMessage()]


def big_network(n=6000, m=4):
    g = nx.barabasi_albert_graph(n, m, seed=1)
    e = np.array(g.edges())
    return govnet.Network.from_arrays(e[:, 0], e[:, 1], actors=n, duplicates="sum", self_loops="drop")


def test_ctrl_c_interrupts_long_call_and_network_stays_usable(assert_ctrl_c_stops):
    net = big_network()
    assert_ctrl_c_stops(lambda: govnet.betweenness_centrality(net, threads=2))
    small = govnet.betweenness_centrality(net, k=50, seed=3)
    assert np.isfinite(small.to_numpy()).all()


def test_gil_released_during_long_call(assert_gil_released):
    net = big_network(3000, 3)

    def make_call(scale):
        # k sampled sources: the work grows with k; all sources past n.
        k = min(len(net), 50 * scale)
        return lambda: govnet.betweenness_centrality(net, k=k, seed=1, threads=1)

    assert_gil_released(make_call, max_scale=64)


def test_the_ctrl_c_check_can_fail(assert_ctrl_c_stops):
    # sorted() never polls for signals: Ctrl-C is handled after it returns, outside C++.
    data = np.random.default_rng(0).random(500_000).tolist()
    with pytest.raises(AssertionError, match="outside the C\\+\\+ core"):
        assert_ctrl_c_stops(lambda: sorted(data))


def test_the_gil_check_can_fail(assert_gil_released):
    # sorted() of floats holds the GIL throughout: the check must say so.
    rng = np.random.default_rng(0)

    def make_call(scale):
        data = rng.random(50_000 * scale).tolist()
        return lambda: sorted(data)

    with pytest.raises(AssertionError, match="the GIL is held"):
        assert_gil_released(make_call)


def test_threads_give_identical_results():
    net = big_network(2000, 3)
    a = govnet.betweenness_centrality(net, threads=1).to_numpy()
    b = govnet.betweenness_centrality(net, threads=2).to_numpy()
    assert np.array_equal(a, b)
    c = govnet.betweenness_centrality(net, k=100, seed=9, threads=1).to_numpy()
    d = govnet.betweenness_centrality(net, k=100, seed=9, threads=2).to_numpy()
    assert np.array_equal(c, d)
