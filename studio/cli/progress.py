"""A one-line text progress bar for the command line."""
from __future__ import annotations

import sys
import time

from ..core.durations import format_duration


class TextProgress:
    """Callable as ``progress(done, total, message)``; redraws at most a few times a second."""

    def __init__(self, label: str = "", stream=None, min_interval: float = 0.2):
        self.label = label
        self.stream = stream or sys.stderr
        self.min_interval = min_interval
        self.start = time.monotonic()
        self._last = 0.0
        self._first_done: int | None = None
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._width = 0
        self._total: int | None = None

    def __call__(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if self._first_done is None or total != self._total:
            # A new phase (e.g. loading data, then training) restarts the rate and ETA.
            self._first_done, self.start, self._total = done, now, total
        if now - self._last < self.min_interval and done < total:
            return
        self._last = now
        frac = done / total if total else 1.0
        bar = "#" * int(frac * 24)
        rate_done = done - self._first_done
        eta = ""
        if 0 < rate_done and done < total:
            remaining = (now - self.start) / rate_done * (total - done)
            eta = f" ETA {format_duration(remaining)}"
        line = f"{self.label} [{bar:<24}] {done}/{total}{eta} {message}".rstrip()
        if self._tty:
            pad = max(0, self._width - len(line))
            self.stream.write("\r" + line + " " * pad)
            self._width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._tty and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0

    def __enter__(self) -> "TextProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()  # the bar's line ends however the job did
