from importlib import resources
from pathlib import Path

import pandas as pd

from govnet.datasets._files import read_csv

# The classic data sets as bundled with govnet (copied from shared/data/classic).
CLASSIC = Path(str(resources.files("govnet.datasets").joinpath("data", "classic")))


def read_classic(name: str) -> pd.DataFrame:
    """A classic data set's CSV, every column as text."""
    return read_csv(f"classic/{name}")


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def classic_dir() -> Path:
    return CLASSIC
