"""Decoding frames for the Video tab's player off the GUI thread.

Requests are latest-wins: while the user drags the scrubber only the frame
they stop on is decoded, never a queue of stale ones.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.video.io import FrameCursor
from .jobs import describe_error


class FrameFetcher(QObject):
    # index, original rgb, result rgb (None without a result file)
    frameReady = Signal(int, object, object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = threading.Condition()
        self._wanted: int | None = None
        self._source: Path | None = None
        self._result: Path | None = None
        self._generation = 0
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="frame-fetcher", daemon=True)
        self._thread.start()

    def set_files(self, source: Path | None, result: Path | None = None) -> None:
        with self._lock:
            self._source, self._result = source, result
            self._generation += 1
            self._wanted = None

    def request(self, index: int) -> None:
        with self._lock:
            self._wanted = index
            self._lock.notify()

    def stop(self) -> None:
        with self._lock:
            self._stop = True
            self._lock.notify()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        cursors: dict[str, FrameCursor] = {}
        generation = -1
        while True:
            with self._lock:
                while self._wanted is None and not self._stop:
                    self._lock.wait()
                if self._stop:
                    break
                index, self._wanted = self._wanted, None
                source, result = self._source, self._result
                if generation != self._generation:
                    for c in cursors.values():
                        c.close()
                    cursors, generation = {}, self._generation
            if source is None:
                continue
            try:
                if "source" not in cursors:
                    cursors["source"] = FrameCursor(source)
                frame = cursors["source"].get(index)
                other = None
                if result is not None:
                    if "result" not in cursors:
                        cursors["result"] = FrameCursor(result)
                    got = cursors["result"].get(index)
                    other = got.rgb if got is not None else None
            except Exception as exc:  # a broken file must reach the window as a message, not kill the thread
                self.failed.emit(describe_error(exc))
                continue
            with self._lock:
                stale = generation != self._generation
            if frame is not None and not stale:
                self.frameReady.emit(index, frame.rgb, other)
        for c in cursors.values():
            c.close()
