"""Access to a network's layers for the measure layers: accept a Network or a
networkx graph, pick the relation, wrap per-actor results. Internal to the package."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import EmptyNetworkError, InvalidNetworkError, InvalidParameterError
from govnet.model.missing import require_complete
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


def layer_of(net: Network, relation: Relation, *, mode: str = "sum",
             undirected: bool = False, missing_ok: bool = False) -> Any:
    """The C++ graph for ``relation`` (see :meth:`Network.relation_names`), its
    undirected view if asked (cached on the network).

    Every measure reads its layers here, so every measure inherits the rule for
    missing dyads (docs/conventions.md): a chosen layer with missing dyads
    raises :class:`InvalidNetworkError` naming it and the count
    (:func:`govnet.model.missing.require_complete`). A measure that handles
    missing dyads passes ``missing_ok=True`` and states its treatment.
    """
    def checked() -> Any:
        if not missing_ok:
            require_complete(net, relation)
        return net.layer(relation, mode=mode, undirected=undirected)

    if (relation is None or isinstance(relation, str)) and isinstance(mode, str) \
            and isinstance(undirected, (bool, np.bool_)):
        return net.cached(("checked", relation, mode, bool(undirected), missing_ok), checked)
    return checked()


def series(net: Network, values: np.ndarray, name: str) -> pd.Series:
    """A per-actor result indexed by actor id."""
    return pd.Series(np.asarray(values, dtype=float), index=net.actor_ids.copy(), name=name)


def require_actors(net: Network, minimum: int = 1, what: str = "this measure") -> None:
    if len(net) < minimum:
        raise EmptyNetworkError(f"{what} needs at least {minimum} actor(s), the network has {len(net)}")


#: The tie column that holds weights (every relation layer is built from it).
WEIGHT_COLUMN = "weight"


def tie_weight(net: Network, weight: Any, what: str = "weight") -> bool:
    """Whether ``weight=`` (or ``distance=``) asks for the tie weights.

    None: unweighted. ``"weight"``: the ties' weight column. Any other name is an
    error naming it (govnet builds layers from the ``weight`` column; an extra tie
    column is not a weight) — never a silent fall-back to the weighted result.
    """
    if weight is None:
        return False
    if not isinstance(weight, str):
        raise TypeError(f"{what} must be a tie column name (str) or None, "
                        f"got {type(weight).__name__}")
    if weight == WEIGHT_COLUMN:
        return True
    extra = [c for c in net.ties().columns if c not in ("source", "target", "relation", "weight")]
    hint = (f"; {weight!r} is an extra tie column: rebuild the network with "
            f"weight_col={weight!r} to weight the ties by it" if weight in extra else "")
    raise InvalidParameterError(
        f"{what}={weight!r}: the ties have no weight column {weight!r}; use {what}='weight' "
        f"(the tie weights) or {what}=None (unweighted){hint}")


def _series_from_array(arr: np.ndarray, index: pd.Index, name: str) -> pd.Series:
    return pd.Series(arr, index=index, name=name, copy=False)


def _fast_series_maker() -> Any:
    """pandas' own two steps behind ``pd.Series(arr, index=...)`` without its argument
    checks (about 4 µs instead of 10 on a 30-actor result, a third of a small
    network's PageRank call). Private pandas API, so it is used only if this pandas
    has it and it gives exactly the public constructor's result; otherwise the
    public constructor."""
    try:
        from pandas.core.internals import SingleBlockManager

        def make(arr: np.ndarray, index: pd.Index, name: str) -> pd.Series:
            mgr = SingleBlockManager.from_array(arr, index)
            out = pd.Series._from_mgr(mgr, mgr.axes)
            object.__setattr__(out, "_name", name)  # the name setter's checks: 1.5 µs
            return out

        probe_index = pd.Index(["a", "b"])
        probe = make(np.array([1.0, 2.0]), probe_index, "probe")
        pd.testing.assert_series_equal(probe, _series_from_array(np.array([1.0, 2.0]),
                                                                 probe_index, "probe"))
        if probe.index is not probe_index:
            return _series_from_array
        return make
    except Exception:  # any failure of the private path: the public one
        return _series_from_array


_make_series = _fast_series_maker()


def fresh_series(net: Network, values: np.ndarray, name: str) -> pd.Series:
    """:func:`series` for an array the caller has just computed and hands over (a
    float64 array from the core, say): not copied, so a per-actor result costs a few
    microseconds. The index is a new view of the actor ids (renaming the result's
    index does not touch the network)."""
    arr = values if isinstance(values, np.ndarray) and values.dtype == np.float64 \
        else np.asarray(values, dtype=float)
    if arr.ndim != 1 or len(arr) != len(net.actor_ids):
        return _series_from_array(arr, net.actor_ids.view(), name)  # pandas' own error
    return _make_series(arr, net.actor_ids.view(), name)
