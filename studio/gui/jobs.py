"""Running core functions off the GUI thread.

A :class:`Job` runs ``fn(*args, **kwargs)`` in a QThread and turns the job
protocol's callbacks into signals: ``progress`` and ``cancel`` (and ``events``
for ``with_events`` jobs, e.g. training) are passed when ``fn`` accepts them. Exceptions come back as a
readable message through ``failed``; cancellation through ``cancelled``.
"""
from __future__ import annotations

import inspect
import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from ..core.jobs import Cancelled
from ..core.errors import StudioError


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, (StudioError, OSError)):
        return str(exc)
    if isinstance(exc, MemoryError):
        return QCoreApplication.translate("Jobs", "Not enough memory for this job.")
    return f"{type(exc).__name__}: {exc}"


def _accepts(fn: Callable, name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):  # builtins without a signature: offer nothing
        return False
    return name in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


class _Worker(QObject):
    progress = Signal(int, int, str)
    result = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    event = Signal(object)
    done = Signal()

    def __init__(self, fn: Callable, args: tuple, kwargs: dict, cancel: threading.Event, with_events: bool,
                 min_interval: float):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.cancel = cancel
        self.with_events = with_events
        self.min_interval = min_interval
        self._last_progress = 0.0
        self.traceback = ""

    def _progress(self, done: int, total: int, message: str = "") -> None:
        # Throttled: a tight loop reporting every unit would flood the GUI's event queue.
        now = time.monotonic()
        if now - self._last_progress >= self.min_interval or done >= total:
            self._last_progress = now
            self.progress.emit(int(done), int(total), str(message))

    @Slot()
    def run(self) -> None:
        kwargs = dict(self.kwargs)
        # Only what the function takes: plain functions need no dummy parameters to run as jobs.
        offered = {"progress": self._progress, "cancel": self.cancel}
        if self.with_events:
            offered["events"] = self.event.emit
        kwargs.update({k: v for k, v in offered.items() if _accepts(self.fn, k)})
        try:
            out = self.fn(*self.args, **kwargs)
        except Cancelled:
            self.cancelled.emit()
        except BaseException as exc:  # every failure must reach the window as a message
            self.traceback = traceback.format_exc()
            self.failed.emit(describe_error(exc))
        else:
            self.result.emit(out)
        finally:
            self.done.emit()


class Job(QObject):
    """One background job. Keep a reference until ``finished``."""

    progress = Signal(int, int, str)
    result = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    event = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable, *args: Any, name: str = "", with_events: bool = False,
                 min_interval: float = 0.05, parent: QObject | None = None, **kwargs: Any):
        super().__init__(parent)
        self.name = name or getattr(fn, "__name__", "job")
        self.cancel_event = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(fn, args, kwargs, self.cancel_event, with_events, min_interval)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        w = self._worker
        w.progress.connect(self.progress)
        w.result.connect(self.result)
        w.failed.connect(self.failed)
        w.cancelled.connect(self.cancelled)
        w.event.connect(self.event)
        # Direct: quit() is thread-safe, and a queued call would never run while the GUI thread waits in wait().
        w.done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._on_thread_finished)
        self._running = False
        self.started_at = 0.0
        # Seconds left as the work itself estimates them (a trainer knows its step rate); when set, the
        # status bar shows this instead of timing the progress reports, so one job has one ETA on screen.
        self.eta_s: float | None = None

    def start(self) -> "Job":
        self._running = True
        self.started_at = time.monotonic()
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    def is_running(self) -> bool:
        return self._running

    def wait(self, msecs: int = -1) -> bool:
        """Block until the thread ends; only for shutdown and tests, never in a GUI handler."""
        if msecs < 0:
            return self._thread.wait()
        return self._thread.wait(msecs)

    @property
    def traceback(self) -> str:
        return self._worker.traceback

    def _on_thread_finished(self) -> None:
        self._running = False
        self.finished.emit()


class JobRegistry(QObject):
    """Keeps running jobs alive and stops them all when the window closes."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: list[Job] = []
        self.accepting = True

    def start(self, job: Job) -> Job:
        """Run ``job``; once the window is closing, new jobs are refused (never started)."""
        if not self.accepting:
            return job
        self._jobs.append(job)
        # A bound slot (not a lambda) is disconnected by Qt if the registry goes first.
        job.finished.connect(self._on_job_finished)
        job.start()
        self.changed.emit()
        return job

    @Slot()
    def _on_job_finished(self) -> None:
        self._remove(self.sender())

    def _remove(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
            self.changed.emit()

    def stop_all(self) -> None:
        """Cancel every job and refuse new ones, without waiting (the GUI thread never waits)."""
        self.accepting = False
        for j in self._jobs:
            j.cancel()

    def running(self) -> list[Job]:
        return [j for j in self._jobs if j.is_running()]

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel everything and wait for the threads to end (window closing)."""
        self.accepting = False
        for j in self._jobs:
            j.cancel()
        ok = True
        deadline = time.monotonic() + timeout_ms / 1000
        for j in list(self._jobs):
            left = max(1, int((deadline - time.monotonic()) * 1000))
            ok = j.wait(left) and ok
        return ok


class LatestRequest(QObject):
    """"Latest request wins" (the StyleGAN3 visualizer's rule), written once.

    Each :meth:`submit` stamps a new request and cancels the job of the one
    before; results, events and failures of superseded requests are dropped, so
    a view never shows something older than what was last asked for. With
    ``serial`` a new job starts only after the previous one has finished (for
    work sharing an object that is not thread-safe); arguments submitted while
    waiting replace each other, and only the latest runs.

    Signals carry the request's positional arguments first, so a handler knows
    what its result belongs to.
    """

    result = Signal(object, object)  # (args, result)
    event = Signal(object, object)  # (args, event) for with_events jobs
    failed = Signal(str)

    def __init__(self, jobs: "JobRegistry", fn: Callable, *, name: str = "", with_events: bool = False,
                 serial: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs, self._fn, self._name = jobs, fn, name
        self._with_events, self._serial = with_events, serial
        self.stamp = 0
        self.job: Job | None = None
        self._waiting: tuple | None = None

    def submit(self, *args: Any, **kwargs: Any) -> Job | None:
        self.stamp += 1
        if self.job is not None and self.job.is_running():
            self.job.cancel()
            if self._serial:
                self._waiting = (self.stamp, args, kwargs)
                return None
        return self._start(self.stamp, args, kwargs)

    def cancel(self) -> None:
        """Forget every request: nothing more is shown."""
        self.stamp += 1
        self._waiting = None
        if self.job is not None:
            self.job.cancel()

    def _start(self, stamp: int, args: tuple, kwargs: dict) -> Job:
        job = Job(self._fn, *args, name=self._name, with_events=self._with_events, **kwargs)
        job.result.connect(lambda out, s=stamp, a=args: self._current(s) and self.result.emit(a, out))
        job.event.connect(lambda ev, s=stamp, a=args: self._current(s) and self.event.emit(a, ev))
        job.failed.connect(lambda msg, s=stamp: self._current(s) and self.failed.emit(msg))
        job.finished.connect(self._after)
        self.job = job
        self._jobs.start(job)
        return job

    def _current(self, stamp: int) -> bool:
        return stamp == self.stamp

    @Slot()
    def _after(self) -> None:
        if self._waiting is not None and not (self.job is not None and self.job.is_running()):
            stamp, args, kwargs = self._waiting
            self._waiting = None
            if stamp == self.stamp:
                self._start(stamp, args, kwargs)
