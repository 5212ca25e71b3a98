"""Optical flow between frames (OpenCV DIS), warping and consistency checks.

Convention: ``flow(a, b)`` gives, for each pixel p of ``a``, the offset to where
the same scene point lies in ``b``: a(p) ≈ b(p + F(p)).
"""
from __future__ import annotations

import cv2
import numpy as np


class FlowEstimator:
    """One DIS instance per job (instances are not thread-safe)."""

    def __init__(self, preset: int = cv2.DISOPTICAL_FLOW_PRESET_FAST):
        self._dis = cv2.DISOpticalFlow_create(preset)

    def __call__(self, a_gray: np.ndarray, b_gray: np.ndarray) -> np.ndarray:
        return self._dis.calc(a_gray, b_gray, None)


def gray(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


Roi = tuple[int, int, int, int]  # y0, y1, x0, x1


def _coords(flow: np.ndarray, roi: Roi | None) -> tuple[np.ndarray, np.ndarray]:
    """Absolute sample positions p + F(p); ``flow`` covers ``roi`` of a frame when one is given."""
    h, w = flow.shape[:2]
    y0, x0 = (0, 0) if roi is None else (roi[0], roi[2])
    xs = np.arange(x0, x0 + w, dtype=np.float32)[None, :]
    ys = np.arange(y0, y0 + h, dtype=np.float32)[:, None]
    return xs + flow[..., 0], ys + flow[..., 1]


def warp(img: np.ndarray, flow: np.ndarray, interpolation: int = cv2.INTER_LINEAR,
         roi: Roi | None = None) -> np.ndarray:
    """Sample ``img`` at p + flow(p): brings frame b onto frame a's pixel grid (within ``roi``)."""
    mx, my = _coords(flow, roi)
    return cv2.remap(img, mx, my, interpolation, borderMode=cv2.BORDER_REPLICATE)


def inside(flow: np.ndarray, size: tuple[int, int], roi: Roi | None = None) -> np.ndarray:
    """Pixels whose flow target lies inside a frame of ``size`` (height, width)."""
    h, w = size
    tx, ty = _coords(flow, roi)
    return (tx >= 0) & (tx <= w - 1) & (ty >= 0) & (ty <= h - 1)


def consistent(f_ab: np.ndarray, f_ba: np.ndarray, alpha: float = 0.01, beta: float = 0.5,
               roi: Roi | None = None) -> np.ndarray:
    """Forward–backward check (Sundaram et al. 2010): going a→b→a must land near the start.

    ``f_ab`` may be cropped to ``roi``; ``f_ba`` is always the whole frame's flow.
    """
    back = warp(f_ba, f_ab, roi=roi)
    u, v, bu, bv = f_ab[..., 0], f_ab[..., 1], back[..., 0], back[..., 1]
    du, dv = u + bu, v + bv
    # Written out per channel: numpy reductions over a length-2 last axis are slow.
    err = du * du + dv * dv
    bound = alpha * (u * u + v * v + bu * bu + bv * bv) + beta
    return (err < bound) & inside(f_ab, f_ba.shape[:2], roi)


def interpolate(a: np.ndarray, b: np.ndarray, f_ab: np.ndarray, f_ba: np.ndarray, t: float) -> np.ndarray:
    """The frame at fraction ``t`` between ``a`` (0) and ``b`` (1), assuming linear motion.

    The flows from the unknown middle frame are approximated from the two known
    flows (as in Super SloMo); each side is trusted where its flows agree.
    """
    f_ta = -(1 - t) * t * f_ab + t * t * f_ba
    f_tb = (1 - t) * (1 - t) * f_ab - t * (1 - t) * f_ba
    wa = warp(a, f_ta).astype(np.float32)
    wb = warp(b, f_tb).astype(np.float32)
    ok_a = warp(consistent(f_ab, f_ba).astype(np.float32), f_ta)
    ok_b = warp(consistent(f_ba, f_ab).astype(np.float32), f_tb)
    weight_a = (1 - t) * (0.2 + ok_a)
    weight_b = t * (0.2 + ok_b)
    total = weight_a + weight_b
    out = (wa * weight_a[..., None] + wb * weight_b[..., None]) / total[..., None]
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)



def fill_from_surroundings(field: np.ndarray, hole: np.ndarray) -> np.ndarray:
    """Replace ``field`` inside ``hole`` by a smooth continuation of the values around it.

    Push–pull over an image pyramid: weighted averages of the known values are
    pushed down to coarse levels and pulled back up to fill the gaps.
    """
    known = (~hole).astype(np.float32)
    if known.min() > 0 or known.max() == 0:
        return field
    values = field.astype(np.float32) * known[..., None]
    levels = [(values, known)]
    while min(levels[-1][1].shape) > 2:
        v, w = levels[-1]
        size = (max(1, v.shape[1] // 2), max(1, v.shape[0] // 2))
        levels.append((cv2.resize(v, size, interpolation=cv2.INTER_AREA).reshape(size[1], size[0], -1),
                       cv2.resize(w, size, interpolation=cv2.INTER_AREA)))
    v, w = levels[-1]
    filled = v / np.maximum(w, 1e-6)[..., None]
    for v, w in reversed(levels[:-1]):
        up = cv2.resize(filled, (v.shape[1], v.shape[0]), interpolation=cv2.INTER_LINEAR).reshape(v.shape)
        wc = np.clip(w, 0, 1)[..., None]
        filled = v / np.maximum(w, 1e-6)[..., None] * wc + up * (1 - wc)
    out = field.copy()
    out[hole] = filled[hole]
    return out
