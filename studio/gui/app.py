"""Starting the desktop application."""
from __future__ import annotations

import sys
from pathlib import Path


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0]] + list(argv or []))
    app.setOrganizationName("Studio")
    app.setApplicationName("Studio")
    app.setApplicationDisplayName("Studio")
    return app


def run_app(argv: list[str] | None = None) -> int:
    argv = list(argv or [])
    app = create_app()
    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    files = [Path(a) for a in argv if not a.startswith("-")]
    if files:
        window.open_paths(files)
    return app.exec()
