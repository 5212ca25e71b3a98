"""Where file dialogs start: the user's last folder, else Pictures or Videos — never Studio's own files."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ..core.paths import resources_dir

_KINDS = {"pictures": QStandardPaths.StandardLocation.PicturesLocation,
          "videos": QStandardPaths.StandardLocation.MoviesLocation}


def _inside_studio(path: Path) -> bool:
    try:
        path.resolve().relative_to(resources_dir().resolve())
        return True
    except ValueError:
        return False


def standard_folder(kind: str = "pictures") -> Path:
    found = QStandardPaths.writableLocation(_KINDS.get(kind, _KINDS["pictures"]))
    p = Path(found) if found else Path.home()
    return p if p.is_dir() else Path.home()


def start_folder(settings, key: str, kind: str = "pictures") -> Path:
    """The folder a dialog opens in: the last one used (if it still exists and is the user's), else a standard one."""
    last = settings.get(key, "", str)
    if last:
        p = Path(last)
        if p.is_dir() and not _inside_studio(p) and os.access(p, os.W_OK):
            return p
    return standard_folder(kind)


def remember_folder(settings, key: str, path: Path) -> None:
    """Remember where the user works; the samples shipped inside Studio are not a place to save to."""
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    if not _inside_studio(folder):
        settings.set(key, str(folder))
