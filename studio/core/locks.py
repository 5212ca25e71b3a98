"""OS-level file locks: held while a process works in a folder, dropped by the kernel when it dies."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import StudioError


class RunLock:
    """An OS-level lock on a run folder held while one process trains in it.

    The kernel drops it when the process dies, so a killed run never leaves the
    folder locked; a second process gets a clear error instead of interleaving
    its metrics and checkpoints with the first.
    """

    def __init__(self, root: str | os.PathLike, what: str = "run folder", name: str = ".lock"):
        self.root = Path(root)
        self.what = what
        self.name = name
        self._fh = None

    def __enter__(self) -> "RunLock":
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.root / self.name, "a+")
        except OSError as exc:
            raise StudioError(f"{self.root}: cannot write the {self.what} ({exc.strerror or exc})") from exc
        try:
            _lock(self._fh)
        except OSError:
            self._fh.close()
            self._fh = None
            raise StudioError(f"{self.root}: another Studio process is using this {self.what}; "
                              "wait for it to finish or stop it first") from None
        return self

    def __exit__(self, *exc) -> None:
        if self._fh is not None:
            _unlock(self._fh)
            self._fh.close()
            self._fh = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fh) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh) -> None:
        fh.seek(0)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def remove_if_abandoned(path: Path) -> bool:
    """Delete a temporary file of ours unless a live process still holds its lock."""
    if sys.platform == "win32":  # Windows refuses to delete a file some process has open
        try:
            path.unlink()
            return True
        except OSError:
            return False
    try:
        fh = open(path, "rb")
    except OSError:
        return False
    try:
        try:
            _lock(fh)
        except OSError:
            return False  # still being written
        try:
            path.unlink()
            return True
        except OSError:
            return False
    finally:
        fh.close()


def hold(fh) -> None:
    """Lock an open file of ours for as long as it stays open (see :func:`remove_if_abandoned`)."""
    if sys.platform == "win32":
        return  # a Windows byte-range lock would also block the encoder writing the file
    try:
        _lock(fh)
    except OSError:
        pass
