"""One helper that makes every QAction the same way."""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(parent: QWidget, text: str, slot: Callable | None = None, *, shortcut=None, tip: str = "",
                checkable: bool = False, icon=None, enabled: bool = True) -> QAction:
    act = QAction(text, parent)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            act.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setToolTip(tip)
        act.setStatusTip(tip)
    if icon is not None:
        act.setIcon(icon)
    act.setCheckable(checkable)
    act.setEnabled(enabled)
    if slot is not None:
        (act.toggled if checkable else act.triggered).connect(slot)
    return act
