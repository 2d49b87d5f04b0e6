"""Run-time plumbing shared by every layer: thread counts, seeds, progress bars
for the C++ core, and the memory guard for dense matrices. Not public API."""

from __future__ import annotations

import contextvars
import os
import sys
import warnings
from contextlib import contextmanager
from typing import Any
from collections.abc import Iterator

import numpy as np

from govnet.errors import GovnetWarning, InvalidParameterError, TooLargeError

#: More threads than this is certainly a mistake (and OpenMP may fail to create them).
MAX_THREADS = 1024
#: The machine's cores, read once (os.cpu_count() costs ~13 us, a small network's whole call).
_CPUS = os.cpu_count() or 1


def check_threads(threads: int | None) -> int:
    """``threads=`` as the C++ core takes it: 0 lets the core choose (one thread for
    small work), otherwise a count in [1, MAX_THREADS], capped at the machine's
    cores times four: results never depend on the thread count, only speed does."""
    if threads is None:
        return _fit_threads(0, None)
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)):
        raise TypeError(f"threads must be an integer or None, got {type(threads).__name__}")
    if threads < 0 or threads > MAX_THREADS:
        raise InvalidParameterError(
            f"threads must be None, 0 (automatic) or a count from 1 to {MAX_THREADS}, got {threads}")
    return _fit_threads(min(int(threads), 4 * _CPUS), threads)


def _fit_threads(wanted: int, threads: Any) -> int:
    """``wanted`` (0: the core chooses), or fewer when the threads would not fit
    the address-space limit (see :func:`thread_room`), with a GovnetWarning."""
    room = thread_room()
    if room is not None:
        want = wanted or _CPUS
        if room < want:
            # OpenMP (libgomp) ends the process when it cannot create a thread: use
            # the threads that fit instead, and say so.
            warnings.warn(GovnetWarning(
                f"threads={threads}: the address-space limit (ulimit -v) leaves room for "
                f"{room} thread(s); using {room} (results do not depend on the count). Raise "
                f"the limit or pass threads={room} to silence this"), stacklevel=3)
            return room
    return wanted


#: Address space kept free for the work itself when counting threads under a limit.
_THREAD_MARGIN = 64 * 1024**2


def thread_room() -> int | None:
    """How many threads (the calling one included) fit in the process's address-space
    limit (``ulimit -v``, RLIMIT_AS), each needing its stack (``OMP_STACKSIZE``, else
    the stack limit) plus a little; None when there is no limit (or it cannot be
    read). At least 1: the calling thread needs nothing new."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft < 0:
            return None
        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        stack = _omp_stacksize()
        if stack is None:
            st, _ = resource.getrlimit(resource.RLIMIT_STACK)
            stack = 32 * 1024**2 if st == resource.RLIM_INFINITY or st <= 0 else st
    except (ImportError, OSError, ValueError):
        return None
    per_thread = stack + 2 * 1024**2
    return max(1, 1 + int((soft - used - _THREAD_MARGIN) // per_thread))


def _omp_stacksize() -> int | None:
    text = os.environ.get("OMP_STACKSIZE", "").strip().upper()
    if not text:
        return None
    unit = {"B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
    mult = unit.get(text[-1], None)
    try:
        return int(float(text[:-1] if mult else text) * (mult or 1024))
    except ValueError:
        return None


def check_seed(seed: int | None) -> int:
    """A 64-bit seed; None draws one from numpy's entropy (then results are not reproducible)."""
    if seed is None:
        return int(np.random.SeedSequence().generate_state(1, dtype=np.uint64)[0])
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an integer or None, got {type(seed).__name__}")
    if seed < 0 or seed >= 2**64:
        raise InvalidParameterError(f"seed must be an integer in [0, 2^64), got {seed!r}")
    return int(seed)


#: ``p_convention=`` values (docs/p-values.md): ``"plus_one"`` (default),
#: ``(1 + #{null as extreme}) / (1 + R)``, never 0 (Phipson & Smyth 2010);
#: ``"sna"``, R sna's ``#{null as extreme} / R``, which can be 0.
P_CONVENTIONS = ("plus_one", "sna")


def check_p_convention(p_convention: str) -> str:
    """``p_convention=`` as the C++ core takes it ("plus_one" or "sna")."""
    if not isinstance(p_convention, str):
        raise TypeError(f"p_convention must be a string, got {type(p_convention).__name__}")
    if p_convention not in P_CONVENTIONS:
        raise InvalidParameterError(
            f"p_convention must be 'plus_one' (default, never 0) or 'sna' (R sna's #/R), "
            f"got {p_convention!r}")
    return p_convention


@contextmanager
def progress_bar(enabled: bool | None, desc: str, total: float | None = None) -> Iterator[Any]:
    """A callable progress(done, total) for the C++ core, shown with tqdm when
    available and ``enabled`` (None: only for interactive sessions)."""
    bar = None
    if enabled is None:
        enabled = hasattr(sys, "ps1") or "ipykernel" in sys.modules
    if enabled:
        try:
            from tqdm.auto import tqdm

            # delay: calls that finish within half a second show no bar at all.
            bar = tqdm(total=total, desc=desc, leave=False, delay=0.5)
        except ImportError:
            bar = None
    if bar is None:
        yield None
        return

    def update(done: float, total_: float) -> None:
        bar.total = total_
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


#: Memory one call may use for dense matrices (all of them together), GiB.
DENSE_LIMIT_GIB = 8.0


class _Budget:
    __slots__ = ("what", "limit", "used")

    def __init__(self, what: str, limit: float) -> None:
        self.what, self.limit, self.used = what, limit, 0.0


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "govnet_dense_budget", default=None)


@contextmanager
def dense_budget(what: str, planned_bytes: float = 0.0,
                 limit_gib: float = DENSE_LIMIT_GIB) -> Iterator[None]:
    """Count every dense allocation of one call against one limit.

    ``planned_bytes`` is what the whole call will need — the Python matrices and
    the C++ core's working copies — and is checked on entry, before anything is
    allocated, so that e.g. QAP on 30,000 actors (four 7.2 GB matrices) is refused
    at once although each matrix alone is under the limit. Inside the block,
    :func:`dense_zeros` and :func:`reserve` add to the same running total and
    raise :class:`~govnet.TooLargeError` when it passes the limit. A nested
    budget joins the enclosing one."""
    outer = _BUDGET.get()
    if outer is not None:
        reserve(planned_bytes, what)
        yield
        return
    budget = _Budget(what, limit_gib * 1024**3)
    _over(budget, float(planned_bytes), what, "needs")
    token = _BUDGET.set(budget)
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _over(budget: _Budget, extra: float, what: str, verb: str) -> None:
    total = budget.used + extra
    if not total <= budget.limit:
        raise TooLargeError(
            f"{what}: this call {verb} about {total / 1024**3:,.1f} GiB of dense matrices "
            f"(all of them together), more than the limit of {budget.limit / 1024**3:g} GiB; "
            f"use a sparse form or a smaller network")


def reserve(n_bytes: float, what: str) -> None:
    """Count ``n_bytes`` (e.g. the C++ core's copies) against the current
    :func:`dense_budget`; nothing outside a budget."""
    budget = _BUDGET.get()
    if budget is None:
        return
    _over(budget, float(n_bytes), what, "would need")
    budget.used += float(n_bytes)


def dense_zeros(n_rows: int, n_cols: int, what: str, limit_gib: float = DENSE_LIMIT_GIB) -> np.ndarray:
    """np.zeros((n_rows, n_cols)), refused up front with TooLargeError past ``limit_gib``
    — for this matrix alone, and inside a :func:`dense_budget` for the call's total.

    numpy's lazy allocation would otherwise succeed and the kernel would be
    killed for memory later, while the matrix is filled.
    """
    gib = n_rows * n_cols * 8 / 1024**3
    if gib > limit_gib:
        raise TooLargeError(
            f"{what}: a dense {n_rows:,} x {n_cols:,} matrix would need {gib:,.1f} GiB, more than "
            f"the limit of {limit_gib:g} GiB; use a sparse form or a smaller network")
    reserve(n_rows * n_cols * 8.0, what)
    return np.zeros((n_rows, n_cols))
