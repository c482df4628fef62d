"""Ctrl-C at safe points only: while code that must not stop halfway runs, Ctrl-C sets a flag.

Python raises KeyboardInterrupt wherever the main thread happens to be, and some places
cannot take it: a ctypes callback (ctypes prints the exception and drops it), a lock just
acquired inside a `with` (the lock stays held, and the threads waiting for it wait forever),
a message half read from a pipe (the next read takes its rest for a header), the spawning of
a worker process (the pool never learns of it, and the interpreter waits for it at exit).
Inside `deferred()` Ctrl-C is recorded instead; `check()` raises it where stopping is safe,
and leaving the block raises it if it was not raised yet.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class Pending:
    """Whether Ctrl-C was pressed inside a `deferred()` block."""

    def __init__(self) -> None:
        self.pressed = False

    def check(self) -> None:
        """Raise the recorded Ctrl-C now (call where stopping leaves nothing half done)."""
        if self.pressed:
            self.pressed = False
            raise KeyboardInterrupt


@contextlib.contextmanager
def deferred() -> Iterator[Pending]:
    """Ctrl-C sets a flag in the block; raised by `check()`, else when the block ends.

    Only the main thread with Python's own handler in place defers (signals reach Python in
    the main thread; a block nested in another, or a process that ignores Ctrl-C, leaves the
    handler as it is): elsewhere `check()` never raises."""
    pending = Pending()
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield pending
        return

    def record(number: int, frame: object) -> None:
        pending.pressed = True

    signal.signal(signal.SIGINT, record)
    try:
        yield pending
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    pending.check()


@contextlib.contextmanager
def blocked_in_children() -> Iterator[None]:
    """Processes started in the block begin life with Ctrl-C blocked.

    A process inherits the signal mask of the thread that starts it, across exec; a worker
    that ignores Ctrl-C in its initializer is otherwise killed by a Ctrl-C that comes while it
    is still starting (importing), with a traceback. In this process the signal is only held
    back while the block runs: it is delivered (to the handler in place) when the block ends,
    or at once to another thread. The multiprocessing resource tracker is started the same
    way."""
    if not hasattr(signal, "pthread_sigmask"):  # (not on Windows)
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
