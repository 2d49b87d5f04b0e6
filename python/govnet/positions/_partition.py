"""A partition of the actors, from any of the forms the positions functions accept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidParameterError


def actor_values(net: Any, values: Any, what: str) -> pd.Series:
    """A value per actor, in actor order: an actor column name, a Series or a
    mapping actor -> value. Every actor needs a value; unknown actors and
    missing values raise naming them."""
    ids = net.actor_ids
    if isinstance(values, str):
        cols = [c for c in net.actors.columns]
        if values not in cols:
            raise InvalidParameterError(
                f"{what}={values!r}: the actors have no column {values!r}; columns: {cols}")
        s = pd.Series(net.actors[values].to_numpy(), index=ids.copy())
    elif isinstance(values, (pd.Series, Mapping)):
        s = pd.Series(values) if isinstance(values, Mapping) else values
        extra = [k for k in s.index if k not in set(ids)]
        if extra:
            raise InvalidParameterError(f"{what}: {extra[:5]!r} are not actors of the network")
        if s.index.has_duplicates:
            dup = s.index[s.index.duplicated()].unique().tolist()
            raise InvalidParameterError(f"{what}: actors {dup[:5]!r} appear more than once")
        s = s.reindex(ids)
    else:
        raise TypeError(f"{what} must be an actor column name, a pandas Series or a mapping "
                        f"actor -> value, got {type(values).__name__}")
    missing = s.index[s.isna().to_numpy()].tolist()
    if missing:
        raise InvalidParameterError(
            f"{what}: no value for actor(s) {missing[:5]!r}"
            f"{' …' if len(missing) > 5 else ''}; every actor needs one")
    return s


def partition_codes(net: Any, partition: Any) -> tuple[np.ndarray, list[Any]]:
    """(integer block of each actor in actor order, the block labels).

    ``partition``: an actor column name (``"tier"``), a Series / mapping actor ->
    label, an iterable of disjoint sets of actors covering every actor
    (networkx's form), or a result with a ``membership`` Series (``louvain``,
    ``leiden``, the ensemble's ``consensus``)."""
    if isinstance(getattr(partition, "membership", None), pd.Series):
        partition = partition.membership
    if isinstance(partition, (str, pd.Series, Mapping)):
        s = actor_values(net, partition, "partition")
        codes, labels = pd.factorize(s, sort=False)
        return codes.astype(np.int64), list(labels)
    if not isinstance(partition, Iterable):
        raise TypeError("partition must be an actor column name, a Series actor -> label, "
                        f"or a list of sets of actors, got {type(partition).__name__}")
    pos = {a: i for i, a in enumerate(net.actor_ids)}
    codes = np.full(len(pos), -1, dtype=np.int64)
    blocks = [list(b) for b in partition]
    for k, block in enumerate(blocks):
        for a in block:
            if a not in pos:
                raise InvalidParameterError(f"partition: block {k} holds {a!r}, not an actor")
            if codes[pos[a]] >= 0:
                raise InvalidParameterError(
                    f"partition: actor {a!r} is in blocks {codes[pos[a]]} and {k}; "
                    "the blocks must be disjoint")
            codes[pos[a]] = k
    missing = [a for a, i in pos.items() if codes[i] < 0]
    if missing:
        raise InvalidParameterError(
            f"partition: actor(s) {missing[:5]!r} are in no block; the blocks must cover "
            "every actor")
    return codes, list(range(len(blocks)))
