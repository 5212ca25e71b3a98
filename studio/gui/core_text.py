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


_KINDS = (
    QT_TRANSLATE_NOOP("Kinds", "Face generator (DCGAN)"),
    QT_TRANSLATE_NOOP("Kinds", "Photo repair (inpainting)"),
    QT_TRANSLATE_NOOP("Kinds", "Damage detection"),
    QT_TRANSLATE_NOOP("Kinds", "Losses"),
    QT_TRANSLATE_NOOP("Kinds", "Discriminator outputs"),
    QT_TRANSLATE_NOOP("Kinds", "Sliced Wasserstein distance (lower is better)"),
    QT_TRANSLATE_NOOP("Kinds", "PSNR inside the holes, validation photos (higher is better)"),
    QT_TRANSLATE_NOOP("Kinds", "Held-out crops with rendered damage (higher is better)"),
    QT_TRANSLATE_NOOP("Kinds", "Clean pixels marked (lower is better)"),
    QT_TRANSLATE_NOOP("Kinds", "loss"),
    QT_TRANSLATE_NOOP("Kinds", "loss G"),
    QT_TRANSLATE_NOOP("Kinds", "loss D"),
    QT_TRANSLATE_NOOP("Kinds", "L1 in holes"),
    QT_TRANSLATE_NOOP("Kinds", "Studio"),
    QT_TRANSLATE_NOOP("Kinds", "OpenCV Telea"),
    QT_TRANSLATE_NOOP("Kinds", "OpenCV Navier–Stokes"),
    QT_TRANSLATE_NOOP("Kinds", "cross-entropy"),
    QT_TRANSLATE_NOOP("Kinds", "Dice"),
    QT_TRANSLATE_NOOP("Kinds", "precision"),
    QT_TRANSLATE_NOOP("Kinds", "recall"),
    QT_TRANSLATE_NOOP("Kinds", "F1"),
    QT_TRANSLATE_NOOP("Kinds", "share of clean pixels"),
)


def kind_text(text: str) -> str:
    """Labels, plot titles and legends of the model kinds (the core keeps the English)."""
    return QCoreApplication.translate("Kinds", text)
