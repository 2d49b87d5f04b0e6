"""Concurrency (issue #10, item 4): many Python threads calling govnet at once
give the serial results; Ctrl-C leaves networks usable; the lazy layer cache
is safe under concurrent first use.

Add a call to the stress test by appending to ``TASKS``: a name and a function
of a network returning something comparable with ``same`` (Series,
DataFrame, ndarray, number).
"""

from __future__ import annotations

import _thread
import threading
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import govnet

THREADS = 8
ROUNDS = 20


def ba_network(n: int, m: int, seed: int, weighted: bool = False) -> govnet.Network:
    g = nx.barabasi_albert_graph(n, m, seed=seed)
    e = np.array(g.edges())
    w = np.random.default_rng(seed).integers(1, 4, len(e)).astype(float) if weighted else None
    return govnet.Network.from_arrays(e[:, 0], e[:, 1], w, actors=[f"成员{i}" for i in range(n)], duplicates="sum", self_loops="drop")


def _roundtrip_betweenness(net: govnet.Network, tmpdir: Any) -> pd.Series:
    path = tmpdir / f"t{threading.get_ident()}-{time.perf_counter_ns()}.govnet"
    govnet.save(net, path)
    try:
        return govnet.betweenness_centrality(govnet.load(path), relation="all", threads=1)
    finally:
        path.unlink()


TASKS: list[tuple[str, Callable[..., Any]]] = [
    ("betweenness", lambda net, tmp: govnet.betweenness_centrality(net, relation="all")),
    ("betweenness threads=1", lambda net, tmp: govnet.betweenness_centrality(net, relation="all", threads=1)),
    ("betweenness threads=2 raw", lambda net, tmp: govnet.betweenness_centrality(
        net, relation="all", threads=2, normalized=False)),
    ("betweenness weighted", lambda net, tmp: govnet.betweenness_centrality(net, relation="all", distance="weight")),
    ("betweenness sampled", lambda net, tmp: govnet.betweenness_centrality(net, relation="all",
                                                                          k=min(20, len(net)), seed=7)),
    ("degree", lambda net, tmp: govnet.degree_centrality(net, relation="all")),
    ("aggregate edges", lambda net, tmp: net.layer("all", mode="any").edges()[0]),
    ("save/load", _roundtrip_betweenness),
]


def same(a: Any, b: Any) -> bool:
    if isinstance(a, pd.Series):
        return a.index.equals(b.index) and np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=True)
    if isinstance(a, pd.DataFrame):
        return a.equals(b)
    return np.array_equal(np.asarray(a), np.asarray(b))


@pytest.fixture(scope="module")
def networks():
    return {"nanshan": govnet.datasets.nanshan(),
            "ba300": ba_network(300, 3, 1),
            "ba400w": ba_network(400, 2, 2, weighted=True)}


def test_threads_give_serial_results(networks, tmp_path):
    """THREADS Python threads x ROUNDS rounds, each a random (task, network) pair
    (the same network shared by many threads, and different ones at once)."""
    expected = {(t, n): f(net, tmp_path) for t, f in TASKS for n, net in networks.items()}
    jobs = [(t, n) for t, _ in TASKS for n in networks]
    funcs = dict(TASKS)
    failures: list[str] = []
    done = [0] * THREADS
    start = threading.Barrier(THREADS)

    def worker(k: int) -> None:
        rng = np.random.default_rng(k)
        start.wait()
        for r in range(ROUNDS):
            t, n = jobs[rng.integers(len(jobs))]
            try:
                got = funcs[t](networks[n], tmp_path)
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(f"thread {k} round {r} {t} on {n}: {type(exc).__name__}: {exc}")
                return
            if not same(got, expected[(t, n)]):
                failures.append(f"thread {k} round {r} {t} on {n}: result differs from serial")
            done[k] += 1

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=300)
    assert not any(th.is_alive() for th in threads), "a worker hung"
    assert not failures, failures[:5]
    assert sum(done) == THREADS * ROUNDS


def test_fresh_networks_in_every_thread():
    """Building networks concurrently (pandas validation + C++ build) is safe."""
    results: dict[int, pd.Series] = {}
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for _ in range(5):
                results[k] = govnet.betweenness_centrality(ba_network(200, 2, seed=k % 2), threads=1)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    for k in range(THREADS):
        assert same(results[k], results[k % 2])


def big_ties_network(seed: int) -> govnet.Network:
    rng = np.random.default_rng(seed)
    n, m = 20_000, 300_000
    return govnet.Network.from_arrays(rng.integers(0, n, m), rng.integers(0, n, m),
                                      rng.integers(1, 5, m).astype(float), actors=n, duplicates="sum", self_loops="drop")


@pytest.mark.parametrize("relation", ["tie", None, ["tie"]], ids=["layer", "all", "list"])
def test_lazy_layer_cache_is_safe_under_concurrent_first_use(relation):
    """Threads asking for the same not-yet-built layer at the same moment get
    the very same graph (one build, thanks to Network's lock), never a crash."""
    for trial in range(3):
        net = big_ties_network(trial)
        got: list[Any] = [None] * THREADS
        barrier = threading.Barrier(THREADS)

        def worker(k: int, net=net, got=got, barrier=barrier) -> None:
            barrier.wait()
            got[k] = net.layer(relation, mode="any" if k % 2 and relation is None else "sum") \
                if relation is None else net.layer(relation)

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        if relation is None:
            evens, odds = got[0::2], got[1::2]
            assert all(g is evens[0] for g in evens) and all(g is odds[0] for g in odds)
        else:
            assert all(g is got[0] for g in got)
        assert got[0].num_edges == net.layer("tie").num_edges


def test_ctrl_c_interrupts_a_long_call_and_the_network_stays_usable(assert_ctrl_c_stops):
    net = ba_network(6000, 4, 3)
    small = govnet.betweenness_centrality(net, k=40, seed=1, threads=1)

    assert_ctrl_c_stops(lambda: govnet.betweenness_centrality(net, threads=2))
    # The network and its cached layer still work and give the same results.
    assert same(govnet.betweenness_centrality(net, k=40, seed=1, threads=1), small)
    assert same(govnet.betweenness_centrality(net, k=40, seed=1, threads=2), small)


def test_ctrl_c_in_main_thread_leaves_other_threads_correct(networks):
    """While the main thread is interrupted, a worker thread keeps computing correctly."""
    net = networks["ba300"]
    expected = govnet.betweenness_centrality(net, threads=1)
    big = ba_network(6000, 4, 5)
    stop = threading.Event()
    bad: list[str] = []
    count = [0]

    def worker() -> None:
        while not stop.is_set():
            if not same(govnet.betweenness_centrality(net, threads=1), expected):
                bad.append("differs")
            count[0] += 1

    th = threading.Thread(target=worker)
    th.start()
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            deadline = time.perf_counter() + 30
            while time.perf_counter() < deadline:
                govnet.betweenness_centrality(big, threads=1)
    finally:
        stop.set()
        th.join()
        timer.join()
    assert not bad and count[0] > 0


def test_concurrent_saves_to_one_path_leave_one_complete_file(tmp_path):
    """Saves racing for the same path: the survivor is one whole network, never
    a mix, and no temporary file is left behind."""
    nets = [ba_network(100 + 10 * k, 2, seed=k) for k in range(THREADS)]
    path = tmp_path / "shared.govnet"
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        barrier.wait()
        try:
            for _ in range(3):
                govnet.save(nets[k], path)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert [p.name for p in tmp_path.iterdir()] == ["shared.govnet"]
    back = govnet.load(path)
    k = (len(back) - 100) // 10
    assert same(back.ties(), nets[k].ties()) and back.actor_ids.equals(nets[k].actor_ids)
