"""Light or dark, following the system, on every platform."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 32, 36), QColor(45, 48, 53), QColor(230, 232, 235)
    for role, color in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.ToolTipBase, window), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.BrightText, QColor(255, 90, 90)),
        (QPalette.ColorRole.Highlight, QColor(64, 128, 214)), (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.Link, QColor(110, 170, 255)), (QPalette.ColorRole.PlaceholderText, QColor(165, 169, 175)),
    ):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 124, 130))
    return p


def is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


THEMES = ("system", "light", "dark")
_mode = {"value": "system"}


def dark_in_use(app: QApplication) -> bool:
    mode = _mode["value"]
    return mode == "dark" or (mode == "system" and is_dark(app))


def apply(app: QApplication, mode: str = "system") -> None:
    """Use Fusion (the same look everywhere) in the chosen scheme; "system" follows the system as it changes."""
    app.setStyle("Fusion")
    first = "connected" not in _mode
    _mode["value"] = mode if mode in THEMES else "system"

    def update(*_):
        app.setPalette(_dark_palette() if dark_in_use(app) else app.style().standardPalette())

    update()
    if first:
        _mode["connected"] = True
        app.styleHints().colorSchemeChanged.connect(update)
