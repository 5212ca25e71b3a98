"""Translations for text the core hands to the window (it cannot use Qt's tr itself)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# Listed here so that lupdate finds them; the core keeps the English originals.
_METHODS = (
    QT_TRANSLATE_NOOP("Methods", "Learned (Studio)"),
    QT_TRANSLATE_NOOP("Methods", "Studio's own network refines a classical fill: better on strokes, blobs and "
                                 "objects; hairline scratches go to Navier–Stokes."),
    QT_TRANSLATE_NOOP("Methods", "Texture fill (PatchMatch)"),
    QT_TRANSLATE_NOOP("Methods", "Copies texture from around the hole: best for large holes in grass, gravel, "
                                 "fabric or walls."),
    QT_TRANSLATE_NOOP("Methods", "OpenCV Telea"),
    QT_TRANSLATE_NOOP("Methods", "Fast marching (Telea 2004): good for thin scratches and small spots."),
    QT_TRANSLATE_NOOP("Methods", "OpenCV Navier–Stokes"),
    QT_TRANSLATE_NOOP("Methods", "Fluid-dynamics fill (Bertalmío 2001): continues edges into thin holes."),
)


def method_text(text: str) -> str:
    return QCoreApplication.translate("Methods", text)
