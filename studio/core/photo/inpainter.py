"""The interface every repair method implements, and the OpenCV methods built on it."""
from __future__ import annotations

import threading

import cv2
import numpy as np


class Inpainter:
    """One repair method. Subclasses fill ``mask`` pixels of an RGB crop."""

    name = ""
    label = ""
    description = ""

    def margin(self, hole_size: int) -> int:
        """Context in pixels kept around a mask component of this size (bounding-box side)."""
        return 16

    def inpaint(self, rgb: np.ndarray, mask: np.ndarray, cancel: threading.Event | None = None) -> np.ndarray:
        """Fill ``mask`` in ``rgb``; slow methods check ``cancel`` as they go."""
        raise NotImplementedError

    def route(self, hole: np.ndarray) -> str:
        """The name of the method that actually fills this hole (a method may hand some holes to another)."""
        return self.name


class OpenCVInpainter(Inpainter):
    radius = 5  # px of known neighbourhood each fill step looks at

    def __init__(self, name: str, label: str, flag: int, description: str):
        self.name, self.label, self.flag, self.description = name, label, flag, description

    def margin(self, hole_size: int) -> int:
        # Both OpenCV methods only read known pixels within `radius` of the hole.
        return self.radius + 8

    def inpaint(self, rgb: np.ndarray, mask: np.ndarray, cancel: threading.Event | None = None) -> np.ndarray:
        bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
        out = cv2.inpaint(bgr, mask.astype(np.uint8) * 255, self.radius, self.flag)
        return cv2.cvtColor(out, cv2.COLOR_BGR2RGB)
