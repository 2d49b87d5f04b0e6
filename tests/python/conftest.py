import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
# shared/ sits beside the checkout (../shared) in sessions and in CI.
CLASSIC = Path(os.environ.get("GOVNET_CLASSIC_DATA", ROOT.parent / "shared" / "data" / "classic"))


@pytest.fixture(scope="session")
def classic_dir() -> Path:
    if not CLASSIC.is_dir():
        pytest.fail(f"classic data sets not found at {CLASSIC} (set GOVNET_CLASSIC_DATA)")
    return CLASSIC


def read_classic(name: str) -> pd.DataFrame:
    return pd.read_csv(CLASSIC / name, dtype=str, keep_default_na=False)
