"""Wall-clock limit for parsers that could spin on hostile input (PDF content streams).

Uses SIGALRM, so it only arms in the main thread of a Unix process: that is
where `read_document` runs inside a process-pool worker. Elsewhere the caller's
own budget (pages parsed, characters kept) is the only limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from eurasia_etl.formats import RejectedInput


class _Expired(BaseException):
    """The time budget ran out."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise RejectedInput if the block runs longer than `seconds` (when a timer can be armed)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise _Expired  # a BaseException: parsers' own `except Exception` cannot swallow it

    previous = signal.signal(signal.SIGALRM, _expired)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise RejectedInput(f"{what} took longer than {seconds:g} s; parsing abandoned") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)
