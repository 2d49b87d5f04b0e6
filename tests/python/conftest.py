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


@pytest.fixture
def assert_gil_released():
    """``assert_gil_released(make_call)``: another Python thread runs while one C++ call
    does. ``make_call(scale)`` returns a thunk whose work grows with ``scale``; the scale
    doubles until one call lasts ``min_seconds``, so the check does not depend on the
    machine's speed. A ticker thread appends a timestamp every 5 ms; with the GIL held
    for the whole call at most a couple of ticks (in the Python wrapper around the C++
    call) fall inside it, with the GIL released dozens do."""
    import threading
    import time

    def check(make_call, *, min_seconds=0.3, max_scale=1 << 12, min_ticks=5):
        scale = 1
        while True:
            fn = make_call(scale)
            ticks: list[float] = []
            stop = threading.Event()

            def ticker(ticks=ticks, stop=stop):
                while not stop.is_set():
                    ticks.append(time.perf_counter())
                    time.sleep(0.005)

            th = threading.Thread(target=ticker)
            th.start()
            try:
                time.sleep(0.02)  # the ticker is running
                start = time.perf_counter()
                fn()
                end = time.perf_counter()
            finally:
                stop.set()
                th.join()
            if end - start >= min_seconds or scale >= max_scale:
                break
            scale *= 2
        assert end - start >= min_seconds, f"the call never lasted {min_seconds} s (scale {scale})"
        inside = sum(start < t < end for t in ticks)
        assert inside >= min_ticks, (
            f"only {inside} ticks of another thread during a {end - start:.2f} s call: "
            "the GIL is held")
        return inside

    return check


@pytest.fixture
def assert_ctrl_c_stops():
    """``assert_ctrl_c_stops(call)``: Ctrl-C ``after`` s into ``call()`` raises
    KeyboardInterrupt while a govnet C++ function is still running — the core polled
    the interrupt and stopped — not after the C++ call returned. A profile hook keeps
    the stack of C functions in progress in the main thread; the SIGINT handler
    records it. ``call`` is repeated (for up to 30 s) until the interrupt comes, so the
    test does not depend on the machine's speed: a core that never polls is interrupted
    between two calls, outside C++, and fails."""
    import _thread
    import signal
    import sys
    import threading
    import time

    def check(call, *, after=0.3):
        in_progress: list[object] = []
        seen: list[list[str]] = []

        def profile(frame, event, arg):
            if event == "c_call":
                in_progress.append(arg)
            elif event in ("c_return", "c_exception") and in_progress:
                in_progress.pop()

        def on_sigint(signum, frame):
            seen.append([f"{getattr(f, '__module__', None)}.{getattr(f, '__name__', f)}"
                         for f in in_progress])
            raise KeyboardInterrupt

        old = signal.signal(signal.SIGINT, on_sigint)
        timer = threading.Timer(after, _thread.interrupt_main)
        sys.setprofile(profile)
        try:
            timer.start()
            with pytest.raises(KeyboardInterrupt):
                deadline = time.perf_counter() + 30
                while time.perf_counter() < deadline:  # a fast machine: repeat the call
                    call()
        finally:
            sys.setprofile(None)
            timer.cancel()
            signal.signal(signal.SIGINT, old)
        assert seen, "no SIGINT was handled"
        assert any(name.startswith("govnet._core.") for name in seen[0]), (
            f"Ctrl-C was handled outside the C++ core (C calls in progress: {seen[0]})")

    return check
