"""Plumbing shared by the measure modules: accept a Network or a networkx graph,
pick the layer, run C++ with a progress bar. Not public API."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
from typing import Any, Iterator

import numpy as np
import pandas as pd

from .errors import EmptyNetworkError, InvalidNetworkError
from .network import Network

Relation = str | Sequence[str] | None


def as_network(obj: Any) -> Network:
    """A govnet Network, converting a networkx graph on the fly.

    networkx nodes without a ``tier`` attribute become tier ``plural``.
    """
    if isinstance(obj, Network):
        return obj
    mod = type(obj).__module__
    if mod.startswith("networkx"):
        return Network.from_networkx(obj, default_tier="plural")
    raise InvalidNetworkError(
        f"expected a govnet.Network or a networkx graph, got {type(obj).__name__}")


def layer_of(net: Network, relation: Relation, *, mode: str = "sum") -> Any:
    """The C++ graph for ``relation`` (a name, a list, or None for all layers)."""
    return net.layer(relation, mode=mode)


def series(net: Network, values: np.ndarray, name: str) -> pd.Series:
    """A per-actor result indexed by actor id."""
    return pd.Series(np.asarray(values, dtype=float), index=net.actor_ids.copy(), name=name)


def require_actors(net: Network, minimum: int = 1, what: str = "this measure") -> None:
    if len(net) < minimum:
        raise EmptyNetworkError(f"{what} needs at least {minimum} actor(s), the network has {len(net)}")


def check_threads(threads: int | None) -> int:
    if threads is None:
        return 0
    if not isinstance(threads, (int, np.integer)) or threads < 0:
        raise InvalidNetworkError(f"threads must be a non-negative integer or None, got {threads!r}")
    return int(threads)


def check_seed(seed: int | None) -> int:
    """A 64-bit seed; None draws one from numpy's entropy (then results are not reproducible)."""
    if seed is None:
        return int(np.random.SeedSequence().generate_state(1, dtype=np.uint64)[0])
    if not isinstance(seed, (int, np.integer)) or seed < 0 or seed >= 2**64:
        raise InvalidNetworkError(f"seed must be an integer in [0, 2^64), got {seed!r}")
    return int(seed)


@contextmanager
def progress_bar(enabled: bool | None, desc: str, total: float | None = None) -> Iterator[Any]:
    """A callable progress(done, total) for the C++ core, shown with tqdm when
    available and ``enabled`` (None: only for interactive sessions)."""
    bar = None
    if enabled is None:
        import sys

        enabled = hasattr(sys, "ps1") or "ipykernel" in sys.modules
    if enabled:
        try:
            from tqdm.auto import tqdm

            # delay: calls that finish within half a second show no bar at all.
            bar = tqdm(total=total, desc=desc, leave=False, delay=0.5)
        except ImportError:
            bar = None
    if bar is None:
        yield None
        return

    def update(done: float, total_: float) -> None:
        bar.total = total_
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


def dense_zeros(n_rows: int, n_cols: int, what: str, limit_gib: float = 8.0) -> np.ndarray:
    """np.zeros((n_rows, n_cols)), refused up front with TooLargeError past ``limit_gib``.

    numpy's lazy allocation would otherwise succeed and the kernel would be
    killed for memory later, while the matrix is filled.
    """
    from .errors import TooLargeError

    gib = n_rows * n_cols * 8 / 1024**3
    if gib > limit_gib:
        raise TooLargeError(
            f"{what}: a dense {n_rows:,} x {n_cols:,} matrix would need {gib:,.1f} GiB, more than "
            f"the limit of {limit_gib:g} GiB; use a sparse form or a smaller network")
    return np.zeros((n_rows, n_cols))
