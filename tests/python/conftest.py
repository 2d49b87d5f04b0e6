import pandas as pd

from govnet.datasets._files import read_csv


def read_classic(name: str) -> pd.DataFrame:
    """A classic data set's CSV as bundled with govnet (copied from shared/data/classic)."""
    return read_csv(f"classic/{name}")
