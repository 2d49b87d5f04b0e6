"""Access to a network's layers for the measure layers: accept a Network or a
networkx graph, pick the relation, wrap per-actor results. Internal to the package."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import EmptyNetworkError, InvalidNetworkError
from govnet.model.network import Network

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
