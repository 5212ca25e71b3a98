"""Render resources/icons/studio-<size>.png from studio.svg (run from the repository root)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> None:
    app = QApplication([])  # the renderer needs an application
    app.setApplicationName("Studio")
    renderer = QSvgRenderer("resources/icons/studio.svg")
    for s in SIZES:
        img = QImage(s, s, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p)
        p.end()
        img.save(f"resources/icons/studio-{s}.png")


if __name__ == "__main__":
    main()
