"""NumPy arrays ↔ QImage, the only image handling the GUI does itself."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """(H, W, 3) uint8 → an independent QImage (the array may be freed afterwards)."""
    rgb = np.ascontiguousarray(rgb)
    h, w, _ = rgb.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def gray_to_qimage(gray: np.ndarray) -> QImage:
    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    h, w = gray.shape
    return QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def qimage_to_gray(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_Grayscale8)
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)
    return arr[:, :w].copy()


def mask_overlay(mask: np.ndarray, color=(255, 48, 48)) -> QImage:
    """Opaque colour where the mask is set, transparent elsewhere (ARGB32 premultiplied)."""
    h, w = mask.shape
    argb = np.zeros((h, w, 4), dtype=np.uint8)
    on = mask > 0
    # Little-endian ARGB32 is stored B, G, R, A.
    argb[on] = (color[2], color[1], color[0], 255)
    return QImage(argb.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()
