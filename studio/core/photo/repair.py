"""Photo repair: fill a masked region, working on crops around the mask.

Cost follows the hole, not the file: each connected part of the mask is repaired
in a crop with a margin of context, and only masked pixels are written back, so
everything outside the mask is returned bit-identical.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from ..jobs import ProgressFn, check_cancel, report
from ..errors import StudioError
from .inpainter import Inpainter
from .methods import get_method


@dataclass
class Region:
    y0: int
    y1: int
    x0: int
    x1: int
    label: int


def mask_regions(mask: np.ndarray, method: Inpainter) -> tuple[list[Region], np.ndarray]:
    """Crops around connected parts of the mask; parts closer than the margin share a crop."""
    h, w = mask.shape
    m8 = mask.astype(np.uint8)
    # Components are found on a dilated mask so that nearby specks are repaired together
    # with shared context rather than as hundreds of tiny overlapping crops.
    join = method.margin(1)
    grown = cv2.dilate(m8, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * join + 1, 2 * join + 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    regions = []
    for lab in range(1, n):
        x, y, bw, bh, _ = stats[lab]
        pad = method.margin(max(bw, bh))
        regions.append(Region(max(0, y - pad), min(h, y + bh + pad), max(0, x - pad), min(w, x + bw + pad), lab))
    if len(regions) > 1:
        # Crops that overlap a lot cost more than one crop around them all (label -1: every part).
        union = Region(min(r.y0 for r in regions), max(r.y1 for r in regions),
                       min(r.x0 for r in regions), max(r.x1 for r in regions), -1)
        if sum((r.y1 - r.y0) * (r.x1 - r.x0) for r in regions) >= (union.y1 - union.y0) * (union.x1 - union.x0):
            regions = [union]
    return regions, labels


def repair_image(
    rgb: np.ndarray,
    mask: np.ndarray,
    method: str | Inpainter = "telea",
    *,
    device=None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> np.ndarray:
    """Return a repaired copy of ``rgb`` (H, W, 3 uint8); ``mask`` (H, W) bool marks the damage."""
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise StudioError("expected an RGB image with 8 bits per channel")
    if mask.shape != rgb.shape[:2]:
        raise StudioError(
            f"mask is {mask.shape[1]}×{mask.shape[0]} but the image is {rgb.shape[1]}×{rgb.shape[0]}"
        )
    inpainter = get_method(method, device) if isinstance(method, str) else method
    mask = mask.astype(bool)
    out = rgb.copy()
    if not mask.any():
        report(progress, 1, 1, "nothing to repair: the mask is empty")
        return out
    regions, labels = mask_regions(mask, inpainter)
    total = sum((r.y1 - r.y0) * (r.x1 - r.x0) for r in regions)
    done = 0
    report(progress, 0, total, f"repairing {len(regions)} region(s)")
    for i, r in enumerate(regions):
        check_cancel(cancel)
        crop_mask = mask[r.y0:r.y1, r.x0:r.x1]
        if r.label >= 0:
            crop_mask = crop_mask & (labels[r.y0:r.y1, r.x0:r.x1] == r.label)
        # Other components' holes inside this crop are still holes: never use them as context.
        hole = mask[r.y0:r.y1, r.x0:r.x1]
        filled = inpainter.inpaint(rgb[r.y0:r.y1, r.x0:r.x1], hole, cancel=cancel)
        view = out[r.y0:r.y1, r.x0:r.x1]
        view[crop_mask] = filled[crop_mask]
        done += (r.y1 - r.y0) * (r.x1 - r.x0)
        report(progress, done, total, f"region {i + 1}/{len(regions)}")
    return out


def fill_methods(mask: np.ndarray, method: str | Inpainter = "telea", *, device=None) -> tuple[np.ndarray, list[str]]:
    """Which method fills each part of ``mask``: (an index per pixel, -1 outside the mask; the method names).

    Parts are grouped as :func:`repair_image` groups them, so this is what a repair with ``method`` did.
    """
    inpainter = get_method(method, device) if isinstance(method, str) else method
    mask = mask.astype(bool)
    out = np.full(mask.shape, -1, np.int16)
    names: list[str] = []
    regions, labels = mask_regions(mask, inpainter)
    for r in regions:
        part = mask[r.y0:r.y1, r.x0:r.x1]
        if r.label >= 0:
            part = part & (labels[r.y0:r.y1, r.x0:r.x1] == r.label)
        name = inpainter.route(part)
        if name not in names:
            names.append(name)
        view = out[r.y0:r.y1, r.x0:r.x1]
        view[part] = names.index(name)
    return out, names
