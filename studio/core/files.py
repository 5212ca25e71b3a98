"""Files written whole or not at all, with the permissions any new file of the user gets."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    old = os.umask(0o022)
    os.umask(old)
    return old


# mkstemp creates 0600 files; outputs should get the permissions any new file gets.
FILE_MODE = 0o666 & ~_read_umask()


def write_atomic(path: Path, data: bytes, *, mode: int = FILE_MODE, prefix: str = ".studio-",
                 suffix: str = "") -> None:
    """``data`` written to a temporary file beside ``path`` and renamed into place only when complete."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=Path(path).parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
