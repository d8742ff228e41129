"""Signals in a batch: Ctrl-C is the parent's to handle, and it lands between records, never inside one."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (no traceback from every worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while a record is written, so an interrupted run always leaves whole lines.

    Python runs signal handlers in the main thread whichever thread the signal hit (the process pool has
    threads), so the handlers are swapped for ones that only note the signal; once the record is out, the
    original handlers are back and each noted signal goes to its own (KeyboardInterrupt, termination).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous: dict[int, Any] = {}
    for held in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(held)
        if handler is not None and handler != signal.SIG_IGN:  # None: set outside Python, leave it alone
            previous[held] = signal.signal(held, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in noted:
            if callable(previous[number]):
                previous[number](number, None)
            else:
                signal.raise_signal(number)  # SIG_DFL: what the signal would have done
