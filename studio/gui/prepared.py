"""Pictures made ready for the canvas off the GUI thread: a photo with its smaller copies, a mask's overlay.

Converting a 24-megapixel photo to a QImage and halving it down for smooth
zoomed-out drawing takes hundreds of milliseconds; so does colouring its
mask. QImage (unlike QPixmap) may be built in any thread, so workers prepare
these and the window only swaps them in.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from .convert import gray_to_qimage, mask_overlay, rgb_to_qimage

MIP_ABOVE = 1024  # px: smaller copies are kept down to this width for drawing zoomed out


@dataclass
class PreparedImage:
    image: QImage
    mips: list[QImage]  # the image, then halves down to about MIP_ABOVE px wide
    arrays: list = field(default_factory=list, repr=False)  # the pixels the QImages point into


@dataclass
class PreparedMask:
    gray: QImage  # the mask itself (Grayscale8, 255 marks)
    overlay: QImage  # how it is drawn over the photo
    arrays: list = field(default_factory=list, repr=False)  # the pixels the QImages point into
    levels: list = field(default_factory=list)  # the overlay, then halves (like PreparedImage.mips)
    empty: bool = False  # nothing marked: nothing to draw


def mips(image: QImage | None) -> list[QImage]:
    if image is None:
        return []
    levels = [image]
    cur = image
    while cur.width() > MIP_ABOVE and cur.height() > 64:
        cur = cur.scaled(cur.width() // 2, cur.height() // 2, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
        levels.append(cur)
    return levels


def _wrap(rgb: np.ndarray) -> QImage:
    # No copy: the QImage reads the array, which the PreparedImage keeps alive.
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888)


def prepare_image(rgb: np.ndarray) -> PreparedImage:
    """Made with OpenCV, which lets go of Python's lock while it works: the window keeps running meanwhile
    (Qt's own scaling holds the lock for the whole call)."""
    if rgb.shape[1] <= MIP_ABOVE:
        image = rgb_to_qimage(rgb)
        return PreparedImage(image, [image])
    arrays = [np.ascontiguousarray(rgb)]
    while arrays[-1].shape[1] > MIP_ABOVE and arrays[-1].shape[0] > 64:
        h, w = arrays[-1].shape[:2]
        arrays.append(cv2.resize(arrays[-1], (w // 2, h // 2), interpolation=cv2.INTER_AREA))
    images = [_wrap(a) for a in arrays]
    return PreparedImage(images[0], images, arrays)


def prepare_mask(mask: np.ndarray) -> PreparedMask:
    m = mask if mask.dtype == np.uint8 else mask.astype(np.uint8)
    m = cv2.threshold(m, 0, 255, cv2.THRESH_BINARY)[1]
    empty = not cv2.countNonZero(m)
    if m.shape[0] * m.shape[1] <= MIP_ABOVE * MIP_ABOVE:
        overlay = mask_overlay(m)
        return PreparedMask(gray_to_qimage(m), overlay, levels=[overlay], empty=empty)
    # The overlay's colour planes (B, G, R, A of the premultiplied ARGB32 Qt draws), each masked by m.
    planes = [cv2.bitwise_and(m, v) for v in (48, 48, 255)] + [m]
    argb = cv2.merge(planes)
    h, w = m.shape
    overlay = QImage(argb.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied)
    gray = QImage(m.data, w, h, w, QImage.Format.Format_Grayscale8)
    arrays, levels = [m, argb], [overlay]
    small = argb
    # Smaller copies for drawing zoomed out; premultiplied colour averages correctly.
    while small.shape[1] > MIP_ABOVE and small.shape[0] > 64:
        small = cv2.resize(small, (small.shape[1] // 2, small.shape[0] // 2), interpolation=cv2.INTER_AREA)
        arrays.append(small)
        levels.append(QImage(small.data, small.shape[1], small.shape[0], 4 * small.shape[1],
                             QImage.Format.Format_ARGB32_Premultiplied))
    return PreparedMask(gray, overlay, arrays, levels, empty)
