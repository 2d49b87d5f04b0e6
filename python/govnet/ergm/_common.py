"""Shared pieces of the ERGM subpackage: the network as a model sees it, and its errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from govnet.errors import ConvergenceError


class DegenerateModelError(ConvergenceError):
    """The model is (near) degenerate: networks simulated from it go (nearly) empty or
    full, or a statistic stops varying, so the MCMC-MLE cannot continue. The message
    names what was seen. A subclass of :class:`govnet.ConvergenceError`."""


@dataclass(frozen=True)
class ErgmData:
    """The network an ERGM is fitted to, as 0-based nodes.

    One-mode: nodes are the actors in ``net.actor_ids`` order. Two-mode
    (``n1 > 0``): nodes ``[0, n1)`` are the actors (mode 1), ``[n1, n)`` the
    second mode (meetings or duties, in order of first appearance); ties join a
    mode-1 node to a mode-2 node. Undirected ties have ``src < dst``.
    """

    n: int
    directed: bool
    n1: int
    labels: pd.Index
    attributes: pd.DataFrame
    src: np.ndarray
    dst: np.ndarray
    miss_src: np.ndarray
    miss_dst: np.ndarray
    relation: str
    covariates: Mapping[str, np.ndarray] = field(default_factory=dict)
    net: Any = None

    @property
    def ndyads(self) -> int:
        if self.n1 > 0:
            return self.n1 * (self.n - self.n1)
        return self.n * (self.n - 1) // (1 if self.directed else 2)

    @property
    def nmissing(self) -> int:
        return int(len(self.miss_src))


def fmt_number(x: float) -> str:
    """A number as R prints it in statnet's coefficient names (0.5, 0.25, 1, 2)."""
    xf = float(x)
    if xf.is_integer():
        return str(int(xf))
    return f"{xf:.15g}"
