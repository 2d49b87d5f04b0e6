"""Reading the bundled data files."""

from __future__ import annotations

from importlib import resources

import pandas as pd


def read_csv(name: str) -> pd.DataFrame:
    """A bundled CSV under datasets/data/, every column as text."""
    path = resources.files("govnet.datasets").joinpath("data", *name.split("/"))
    with path.open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)
