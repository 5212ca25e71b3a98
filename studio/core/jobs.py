"""The job protocol shared by the GUI workers and the CLI.

Long operations accept ``progress(done, total, message)`` and ``cancel`` (a
``threading.Event``) keyword arguments and raise :class:`Cancelled` when the
event is set between units of work.
"""
from __future__ import annotations

import threading
from typing import Callable, Optional

ProgressFn = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised by a long operation when its cancel event was set."""


def check_cancel(cancel: Optional[threading.Event]) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled")


def report(progress: Optional[ProgressFn], done: int, total: int, message: str = "") -> None:
    if progress is not None:
        progress(done, total, message)
