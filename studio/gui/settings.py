"""Typed access to the QSettings the window remembers between runs."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings


class Settings:
    def __init__(self) -> None:
        self._s = QSettings()

    def get(self, key: str, default: Any = None, type_: type | None = None) -> Any:
        value = self._s.value(key, default)
        if type_ is None or value is None:
            return value
        try:
            if type_ is bool and isinstance(value, str):
                return value.lower() in ("1", "true", "yes")
            return type_(value)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        self._s.setValue(key, value)

    def sync(self) -> None:
        self._s.sync()
