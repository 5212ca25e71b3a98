"""The first thing a tab shows: what it does, and a sample to try."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

TEXT_WIDTH = 560  # px: a comfortable line length for the welcome text


def centered(label: QLabel, max_width: int = TEXT_WIDTH) -> QLayout:
    """A word-wrapped label centred in a row, as wide as it may be and as tall as its text needs.

    Layout alignment flags would stop Qt from asking the label its height for its
    width, which is what cut the last line off; stretches on both sides centre it instead.
    """
    label.setWordWrap(True)
    label.setMaximumWidth(max_width)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label, 100)
    row.addStretch(1)
    return row


class WelcomePage(QWidget):
    def __init__(self, html: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLabel(html)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.hide()
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addLayout(centered(self.text))
        lay.addSpacing(12)
        lay.addLayout(self._buttons)
        lay.addSpacing(12)
        lay.addLayout(centered(self.hint))
        lay.addStretch(1)

    def add_button(self, text: str, slot: Callable, *, default: bool = False) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        b.setDefault(default)
        self._buttons.insertWidget(self._buttons.count() - 1, b)
        return b

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
