"""Starting the desktop application."""
from __future__ import annotations

import sys
from pathlib import Path


def create_app(argv: list[str] | None = None):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..core.paths import resources_dir

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0]] + list(argv or []))
    app.setOrganizationName("Studio")
    app.setApplicationName("Studio")
    app.setApplicationDisplayName("Studio")
    app.setDesktopFileName("studio")  # ties windows to studio.desktop (icon, taskbar grouping)
    icons = resources_dir() / "icons"
    icon = QIcon(str(icons / "studio.svg"))
    for png in sorted(icons.glob("studio-*.png")):
        icon.addFile(str(png))
    app.setWindowIcon(icon)
    return app


def setup_language(app) -> str:
    from . import i18n
    from .settings import Settings

    code = i18n.resolve(Settings().get("language", "auto", str))
    i18n.install(app, code)
    return code


def run_app(argv: list[str] | None = None) -> int:
    argv = list(argv or [])
    files = [Path(a) for a in argv if not a.startswith("-")]
    app = create_app()
    from . import single_instance, theme

    if single_instance.forward(files):
        return 0  # the running window opens them
    setup_language(app)
    from .settings import Settings

    theme.apply(app, Settings().get("theme", "system", str))
    from .main_window import MainWindow

    window = MainWindow()
    window.instance_server = single_instance.InstanceServer(window.open_from_another_launch, parent=window)
    window.show()
    if files:
        window.open_paths(files)
    return app.exec()
