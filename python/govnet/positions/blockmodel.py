"""Blockmodels (块模型) of any partition of the actors: the image matrix of block
densities, the reduced graph, and how well the image fits the data.

References
----------
White, H. C., Boorman, S. A. & Breiger, R. L. (1976). Social structure from multiple
networks. I. Blockmodels of roles and positions. American Journal of Sociology 81(4),
730–780. doi:10.1086/226141
Wasserman, S. & Faust, K. (1994). Social Network Analysis. Cambridge UP, ch. 10 (densities,
α-density criterion, fit by sum of squares and by correlation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import InvalidParameterError
from govnet.model.access import Relation
from govnet.positions._common import dense_layer, html_table
from govnet.positions._partition import partition_codes

__all__ = ["Blockmodel", "blockmodel", "block_densities"]


def block_densities(a: np.ndarray, codes: np.ndarray, k: int, *, directed: bool
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(densities, tie totals, dyad counts) of the k × k blocks of the n × n matrix
    ``a`` (zero diagonal). A diagonal block of b actors has b(b − 1) ordered dyads
    (directed) or b(b − 1)/2 pairs (undirected, each tie once); an off-diagonal
    block b·c (directed: ordered from row block to column block). Empty blocks:
    NaN density."""
    onehot = np.zeros((a.shape[0], k))
    onehot[np.arange(a.shape[0]), codes] = 1.0
    totals = onehot.T @ a @ onehot
    sizes = onehot.sum(axis=0)
    dyads = np.outer(sizes, sizes) - np.diag(sizes)
    if not directed:
        # the symmetric matrix counts each tie twice inside a block, once per order outside
        totals = totals.copy()
        np.fill_diagonal(totals, np.diag(totals) / 2)
        np.fill_diagonal(dyads, np.diag(dyads) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        dens = np.where(dyads > 0, totals / np.where(dyads > 0, dyads, 1), np.nan)
    return dens, totals, dyads


@dataclass(frozen=True)
class Blockmodel:
    """A blockmodel of a partition (see :func:`blockmodel`)."""

    positions: pd.Series = field(repr=False)
    image: pd.DataFrame = field(repr=False)
    ties: pd.DataFrame = field(repr=False)
    dyads: pd.DataFrame = field(repr=False)
    reduced: pd.DataFrame = field(repr=False)
    cutoff: float
    cutoff_rule: str
    density: float
    sum_of_squares: float
    r_squared: float
    correlation: float
    directed: bool
    order: tuple[str, ...] = field(repr=False)

    def __repr__(self) -> str:
        return (f"Blockmodel({len(self.image)} blocks of {len(self.positions)} actors, "
                f"density {self.density:.4g}, cut-off {self.cutoff:.4g} ({self.cutoff_rule}), "
                f"r = {self.correlation:.4g}, r² = {self.r_squared:.4g})")

    def _repr_html_(self) -> str:
        rows: list[tuple[str, Any]] = [
            ("actors", len(self.positions)), ("blocks", len(self.image)),
            ("overall density", self.density),
            ("cut-off", f"{self.cutoff:.4g} ({self.cutoff_rule})"),
            ("fit: correlation image–data", self.correlation),
            ("fit: r²", self.r_squared), ("sum of squared deviations", self.sum_of_squares)]
        return html_table("Blockmodel: image matrix (block densities)", rows, self.image,
                          note="reduced graph: 1 where the density ≥ the cut-off")


def blockmodel(net: Any, partition: Any, *, relation: Relation = None,
               weight: str | None = None, alpha: float | None = None,
               undirected: bool = False) -> Blockmodel:
    """The blockmodel of a partition: image matrix, reduced graph and fit.

    Parameters
    ----------
    partition : str, Series, mapping or list of sets
        Any partition (``"tier"``, ``"kind"``, positions from
        :func:`equivalence_clustering`, :func:`concor`, communities, ...).
    weight : None or "weight"
        Densities of tie weights (mean weight per dyad) instead of ties.
    alpha : float, optional
        The density cut-off of the reduced graph. Default: the overall density
        of the layer (the α-density criterion with α = density; Wasserman &
        Faust 1994, §10.4.2).
    undirected : bool, default False
        Read a directed layer as undirected (docs/conventions.md).

    Returns
    -------
    Blockmodel
        ``image`` (k × k block densities: ties / dyads of the block; a
        diagonal block of b actors has b(b − 1) ordered dyads on a directed
        layer, b(b − 1)/2 on an undirected one; no self-dyads; NaN for a
        block without dyads, e.g. a one-actor diagonal block), ``ties`` and
        ``dyads`` per block, ``reduced`` (1 where density ≥ cut-off, else 0),
        ``positions`` (actor → block label), ``order`` (actors sorted by
        block, for :func:`govnet.plot.blockmodel_matrix`), and the fit:

        * ``sum_of_squares`` — Σ over off-diagonal dyads of (a_ij − density
          of its block)², the residual sum of squares of the image as a model
          of the data;
        * ``r_squared`` = 1 − SS / Σ (a_ij − overall density)²;
        * ``correlation`` — Pearson's correlation between the data (each
          dyad once) and the image value of its block; equals √r² (Wasserman
          & Faust 1994, §10.4.3). NaN when the data have no variance.

    Examples
    --------
    >>> import govnet
    >>> bm = govnet.blockmodel(govnet.datasets.kite(), [{"Andre", "Beverly", "Carol", "Diane",
    ...                        "Ed", "Fernando", "Garth"}, {"Heather", "Ike", "Jane"}])
    >>> bm.image.round(3).values.tolist()
    [[0.667, 0.095], [0.095, 0.667]]
    """
    net, a, directed = dense_layer(net, relation, weight, undirected)
    codes, labels = partition_codes(net, partition)
    k = len(labels)
    n = len(net)
    if n < 2:
        raise InvalidParameterError("a blockmodel needs at least 2 actors")
    dens, totals, dyads = block_densities(a, codes, k, directed=directed)
    if directed:
        iu = ~np.eye(n, dtype=bool)
    else:
        iu = np.triu(np.ones((n, n), dtype=bool), 1)
    x = a[iu]
    fitted = dens[codes[:, None], codes[None, :]][iu]
    overall = float(x.mean()) if x.size else math.nan
    ss = float(((x - fitted) ** 2).sum())
    tss = float(((x - overall) ** 2).sum())
    r2 = 1.0 - ss / tss if tss > 0 else math.nan
    if tss > 0 and np.var(fitted) > 0:
        corr = float(np.corrcoef(x, fitted)[0, 1])
    else:
        corr = math.nan
    if alpha is None:
        cut, rule = overall, "overall density"
    else:
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.floating, np.integer)):
            raise TypeError(f"alpha must be a number, got {type(alpha).__name__}")
        if not math.isfinite(alpha) or alpha < 0:
            raise InvalidParameterError(f"alpha must be a finite number ≥ 0, got {alpha!r}")
        cut, rule = float(alpha), "given α"
    lab = pd.Index(labels, name="block")
    reduced = np.where(np.isnan(dens), 0, (dens >= cut - 1e-12 * max(1.0, cut)).astype(int))
    pos = pd.Series(np.asarray(labels, dtype=object)[codes], index=net.actor_ids.copy(),
                    name="block")
    order = tuple(str(net.actor_ids[i]) for i in np.argsort(codes, kind="stable"))

    def frame(v: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(v, index=lab.copy(), columns=lab.copy())

    return Blockmodel(positions=pos, image=frame(dens), ties=frame(totals), dyads=frame(dyads),
                      reduced=frame(reduced.astype(np.int64)), cutoff=cut, cutoff_rule=rule,
                      density=overall, sum_of_squares=ss, r_squared=r2, correlation=corr,
                      directed=directed, order=order)
