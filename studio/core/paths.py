"""Where Studio keeps resources, user models, caches and runs."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

_APP = "Studio"


def resources_dir() -> Path:
    override = os.environ.get("STUDIO_RESOURCES")
    if override:
        return Path(override)
    if getattr(sys, "frozen", False):  # a PyInstaller build unpacks next to the executable
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    # Source checkout and editable install: <repo>/resources.
    return Path(__file__).resolve().parents[2] / "resources"


def user_data_dir() -> Path:
    override = os.environ.get("STUDIO_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(_APP, appauthor=False))
    return path


def user_models_dir() -> Path:
    path = user_data_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    override = os.environ.get("STUDIO_CACHE_DIR")
    path = Path(override) if override else Path(platformdirs.user_cache_dir(_APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file: other spellings, ``..``, symbolic and hard links included."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()
