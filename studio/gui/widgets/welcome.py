"""The first thing a tab shows: what it does, and a sample to try."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    def __init__(self, html: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLabel(html)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(560)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setMaximumWidth(560)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.hide()
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addSpacing(12)
        lay.addLayout(self._buttons)
        lay.addSpacing(12)
        lay.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
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
