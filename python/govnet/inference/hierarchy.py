"""Krackhardt's (1994) graph hierarchy: connectedness, hierarchy, efficiency, least upper boundedness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govnet.inference._common import _GRAPH_STATS, _html, _layer_matrix
from govnet.model.access import as_network


@dataclass(frozen=True)
class KrackhardtHierarchy:
    """Krackhardt's (1994) four dimensions of informal hierarchy (1 = an out-tree)."""

    connectedness: float
    hierarchy: float
    efficiency: float
    lubness: float

    def __repr__(self) -> str:
        return (
            f"KrackhardtHierarchy(connectedness={self.connectedness:.4f}, "
            f"hierarchy={self.hierarchy:.4f}, efficiency={self.efficiency:.4f}, "
            f"lubness={self.lubness:.4f})"
        )

    def _repr_html_(self) -> str:
        return _html(
            "Krackhardt (1994) hierarchy",
            [
                ("connectedness", self.connectedness),
                ("hierarchy", self.hierarchy),
                ("efficiency", self.efficiency),
                ("least-upper-boundedness", self.lubness),
            ],
            note="Each is 1 for an out-tree (a pure chain of command).",
        )


def krackhardt_hierarchy(net: Any, *, relation: Any = None) -> KrackhardtHierarchy:
    """Krackhardt's (1994) graph-theoretical dimensions of informal organisation.

    On the relation's adjacency matrix A (an undirected layer counts each tie
    both ways, as sna does with a symmetric matrix):

    * connectedness: share of unordered pairs in the same weak component
      (sna ``connectedness``);
    * hierarchy: ``1 - M / P`` over unordered pairs of the reachability
      matrix, M pairs reaching each other, P pairs with any reachability
      (sna ``hierarchy(measure="krackhardt")``; NaN when P = 0; 0 for any
      undirected network);
    * efficiency: ``1 - (ties - sum_c (n_c - 1)) / sum_c (n_c (n_c - 1) - (n_c - 1))``
      over weak components c (sna ``efficiency``);
    * least-upper-boundedness: share of pairs inside each weak component
      (more than 2 actors) that have an upper bound reaching every other upper
      bound — a common "boss" (sna ``lubness``; NaN without such components).

    Weights are ignored; the core tier (一核) directing everyone gives 1 on all four.
    O(n³ log n) for reachability, O(n⁴) worst case for lubness: meant for
    community-sized networks (hundreds of actors).

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal
    organizations. In K. Carley & M. Prietula (Eds.), Computational
    Organization Theory (pp. 89–111). Hillsdale, NJ: Lawrence Erlbaum.

    Examples
    --------
    >>> import govnet
    >>> h = govnet.krackhardt_hierarchy(govnet.datasets.nanshan(), relation="leadership")
    >>> h
    KrackhardtHierarchy(connectedness=0.4561, hierarchy=1.0000, efficiency=1.0000, lubness=1.0000)
    """
    net = as_network(net)
    adj, _ = _layer_matrix(net, relation)
    return KrackhardtHierarchy(*(float(f(adj)) for f in _GRAPH_STATS.values()))
