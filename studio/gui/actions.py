"""One helper that makes every QAction the same way."""
from __future__ import annotations

import re
from typing import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(parent: QWidget, text: str, slot: Callable | None = None, *, shortcut=None, tip: str = "",
                checkable: bool = False, icon=None, enabled: bool = True) -> QAction:
    act = QAction(text, parent)
    act.setIconText(button_text(text))
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


_MNEMONIC = re.compile(r"\s*\(&\w\)")  # "打开(&O)": translations add the access key in brackets


def button_text(text: str) -> str:
    """What a toolbar or push button shows for a menu text: the words without access-key marks."""
    return _MNEMONIC.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
