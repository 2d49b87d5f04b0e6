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


@pytest.fixture(scope="session", autouse=True)
def python_handles_sigint():
    """The Ctrl-C tests simulate SIGINT with _thread.interrupt_main(), which does
    nothing when SIGINT is ignored — as it is for a test run started in the
    background by a non-interactive shell. Install Python's own handler."""
    import signal

    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, old)
