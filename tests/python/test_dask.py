"""Collection.apply on a Dask LocalCluster gives the local thread-pool result.

Skipped only when dask.distributed is not importable (the ``dask`` extra).
"""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")

import govnet  # noqa: E402
from govnet import registry, synthetic  # noqa: E402


@pytest.fixture(scope="module")
def district() -> govnet.Collection:
    return synthetic.district(99, communities=24, duties=False)


@pytest.fixture(scope="module", params=[False, True], ids=["threads", "processes"])
def client(request):
    # processes=True sends pickled Networks to other processes: the real distributed case.
    # dashboard_address=":0": a free port, so a cluster already on 8787 (another test run)
    # does not raise distributed's "Port 8787 is already in use" UserWarning.
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                       processes=request.param, dashboard_address=":0",
                                       silence_logs=40)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def core_stats(net: govnet.Network, seed: int) -> dict[str, float]:
    core = net.tier_of("core")[0]
    exact = govnet.betweenness_centrality(net, relation="deliberation", threads=1)
    sampled = govnet.betweenness_centrality(net, relation="deliberation", k=4, seed=seed,
                                            threads=1)
    return {"core_betweenness": exact[core], "sampled_max": sampled.max(),
            "core_degree": govnet.degree_centrality(net, relation="all")[core]}


@dataclasses.dataclass(frozen=True)
class Result:
    ties: int


def test_dask_equals_local_with_seed(district, client):
    local = district.apply(core_stats, seed=7, threads=2)
    remote = district.apply(core_stats, seed=7, client=client)
    pd.testing.assert_frame_equal(local, remote)
    assert np.isfinite(local["sampled_max"]).all()


def test_dask_lambda_dataclass_and_chunking(district, client):
    for chunk_size in (1, 5, None):
        out = district.apply(lambda n: Result(n.num_ties()), name="r", client=client,
                             chunk_size=chunk_size, with_table=False, progress=True)
        assert out["r_ties"].tolist() == [n.num_ties() for n in district.values()]


def test_dask_errors_propagate_with_community(district, client):
    def boom(net):
        if net.meta["index"] == 3:
            raise ValueError("bad community")
        return 1

    with pytest.raises(ValueError, match="bad community"):
        district.apply(boom, client=client)
    with pytest.raises(govnet.InvalidParameterError, match="chunk_size"):
        district.apply(len, client=client, chunk_size=0)


def test_dask_builtin_wrapper_and_compare(district, client, monkeypatch):
    def centralization(net, *, threads=None):
        d = govnet.degree_centrality(net, relation="all")
        return float((d.max() - d).sum())

    spec = registry.MEASURES["centralization"]
    monkeypatch.setitem(registry.MEASURES, "centralization",
                        dataclasses.replace(spec, func=centralization, options=("threads",)))
    pd.testing.assert_frame_equal(district.centralization(client=client),
                                  district.centralization(threads=2))
    pd.testing.assert_frame_equal(synthetic.compare_by_committee_type(district, client=client),
                                  synthetic.compare_by_committee_type(district))


def test_network_and_collection_pickle_through_dask(district, client):
    # a person-level network: array columns, not Python objects per tie
    net = synthetic.persons(50_000, seed=1)
    # about 18 bytes per actor + tie (int32 ends, weights, id strings); no C++ graphs
    net.layer("all")
    assert len(pickle.dumps(net)) < 25 * (len(net) + net.num_ties())
    fut = client.submit(lambda n: (len(n), n.num_ties("same_building")), net)
    assert fut.result() == (len(net), net.num_ties("same_building"))
    back = client.submit(lambda c: c.table, district).result()
    pd.testing.assert_frame_equal(back, district.table)
