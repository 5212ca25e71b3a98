"""Decoding frames for the Video tab's player off the GUI thread.

Requests are latest-wins (the job layer's :class:`LatestRequest`): while the
user drags the scrubber only the frame they stop on is decoded, never a queue
of stale ones. Decoders stay open between requests — seeking in an open file
is what makes scrubbing quick — and requests run one at a time because a
decoder is not thread-safe.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.video.io import FrameCursor
from .jobs import LatestRequest


class _Decoders:
    """The open decoders of one pair of files (the clip and, when comparing, the result)."""

    def __init__(self, source: Path, result: Path | None):
        self.paths = {"source": source, "result": result}
        self.open: dict[str, FrameCursor] = {}

    def frame(self, which: str, index: int):
        path = self.paths[which]
        if path is None:
            return None
        if which not in self.open:
            self.open[which] = FrameCursor(path)
        got = self.open[which].get(index)
        return got.rgb if got is not None else None

    def close(self) -> None:
        for c in self.open.values():
            c.close()
        self.open.clear()


def _decode(decoders: _Decoders, index: int) -> tuple:
    return decoders.frame("source", index), decoders.frame("result", index)


class FrameFetcher(QObject):
    # index, original rgb, result rgb (None without a result file)
    frameReady = Signal(int, object, object)
    failed = Signal(str)

    def __init__(self, jobs, parent: QObject | None = None):
        super().__init__(parent)
        self._decoders: _Decoders | None = None
        self._retired: list[_Decoders] = []
        self.requests = LatestRequest(jobs, _decode, name="frame", serial=True, parent=self)
        self.requests.result.connect(self._on_decoded)
        self.requests.failed.connect(self.failed)

    def set_files(self, source: Path | None, result: Path | None = None) -> None:
        if self._decoders is not None:
            self._retired.append(self._decoders)
        self._decoders = _Decoders(source, result) if source is not None else None
        self.requests.cancel()
        self._close_retired()

    def request(self, index: int) -> None:
        if self._decoders is not None:
            self.requests.submit(self._decoders, index)

    def stop(self) -> None:
        self.set_files(None)
        job = self.requests.job
        if job is not None and job.is_running():
            job.wait(5000)
        self._close_retired()

    def _close_retired(self) -> None:
        job = self.requests.job
        if job is None or not job.is_running():  # no decoder is in use: the old ones can go
            for d in self._retired:
                d.close()
            self._retired.clear()

    def _on_decoded(self, args: tuple, out: tuple) -> None:
        decoders, index = args
        self._close_retired()
        frame, other = out
        if decoders is self._decoders and frame is not None:
            self.frameReady.emit(index, frame, other)
