"""Helpers shared by the duty modules (not public API)."""

from __future__ import annotations

import numpy as np

from govnet.errors import TooLargeError

_LEAD, _ASSIST = 0, 1


# Dense matrices (to_matrix, null samples) are refused above this many cells.
_DENSE_LIMIT = 200_000_000


def _check_dense(rows: int, cols: int, what: str) -> None:
    if rows * cols > _DENSE_LIMIT:
        raise TooLargeError(f"{what} would have {rows} x {cols} cells, more than "
                            f"{_DENSE_LIMIT:,}; use the sparse functions instead")


def _gini(x: np.ndarray) -> float:
    """Gini coefficient of non-negative values (0 equal, (n-1)/n one holds all); NaN if all 0."""
    x = np.sort(np.asarray(x, dtype=float))
    n, total = x.size, x.sum()
    if n == 0 or total == 0:
        return float("nan")
    i = np.arange(1, n + 1)
    return float(np.sum((2 * i - n - 1) * x) / (n * total))
