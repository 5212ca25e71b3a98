"""Sharpening and upscaling of frames: Lanczos resampling and an unsharp mask on brightness only.

Sharpening the brightness channel alone avoids colour fringes; a small
threshold keeps the mask from amplifying grain, which would otherwise flicker
from frame to frame. The same fixed filter on every frame is temporally
stable by construction.
"""
from __future__ import annotations

import threading
from typing import Iterable, Iterator

import cv2
import numpy as np

from ..jobs import check_cancel
from .io import Frame

MAX_AMOUNT = 1.5  # unsharp-mask gain at strength 1
RADIUS = 1.2  # px (of the output) of the Gaussian the detail is measured against
THRESHOLD = 2.0  # grey levels of detail left alone: grain, not edges
UPSCALE_SHARPEN = 0.2  # after an upscale when no strength is asked for: Lanczos alone looks soft (best PSNR measured)


def sharpen(rgb: np.ndarray, strength: float) -> np.ndarray:
    """Unsharp mask of ``strength`` (0–1) on the brightness channel."""
    if strength <= 0:
        return rgb
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    y = ycc[..., 0].astype(np.float32)
    detail = y - cv2.GaussianBlur(y, (0, 0), RADIUS)
    # Soft threshold: small detail (noise) is shrunk, edges are kept.
    detail = np.sign(detail) * np.maximum(np.abs(detail) - THRESHOLD, 0)
    ycc[..., 0] = np.clip(y + strength * MAX_AMOUNT * detail + 0.5, 0, 255).astype(np.uint8)
    return cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB)


def upscale(rgb: np.ndarray, factor: int) -> np.ndarray:
    if factor <= 1:
        return rgb
    h, w = rgb.shape[:2]
    return cv2.resize(rgb, (w * factor, h * factor), interpolation=cv2.INTER_LANCZOS4)


def enhance_frame(rgb: np.ndarray, strength: float, factor: int = 1) -> np.ndarray:
    return sharpen(upscale(rgb, factor), strength)


def sharpen_frames(frames: Iterable[Frame], strength: float, factor: int = 1, *,
                   cancel: threading.Event | None = None) -> Iterator[Frame]:
    for f in frames:
        check_cancel(cancel)
        f.rgb = enhance_frame(f.rgb, strength, factor)
        if f.mask is not None and factor > 1:
            f.mask = None  # masks were used up by the repairs before this stage
        yield f
