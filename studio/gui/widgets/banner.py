"""An inline message strip: errors and notices without modal dialogs."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class MessageBanner(QFrame):
    _STYLES = {
        "error": "background:#5c1f1f; color:#ffecec; border-radius:4px;",
        "info": "background:#1f3d5c; color:#eef6ff; border-radius:4px;",
    }

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        lay.addWidget(self._label, 1)
        lay.addWidget(close)
        self._timer = QTimer(self, singleShot=True, timeout=self.hide)
        self.kind = ""
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def show_message(self, text: str, kind: str = "info", timeout_ms: int = 0) -> None:
        self.kind = kind
        self.setStyleSheet(self._STYLES.get(kind, ""))
        self._label.setText(text)
        self.show()
        self._timer.stop()
        if timeout_ms:
            self._timer.start(timeout_ms)

    def show_error(self, text: str) -> None:
        self.show_message(text, "error")

    def show_info(self, text: str, timeout_ms: int = 0) -> None:
        # Notices stay until dismissed or replaced: a strip that vanished by itself moved everything
        # below it under the user's cursor.
        self.show_message(text, "info", timeout_ms)
