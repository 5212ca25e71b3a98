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


def _splat(flow: np.ndarray, t: float, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Push each pixel's ``flow`` to where it lies at fraction ``t`` of the way: (weights, weighted flow sums)."""
    h, w = flow.shape[:2]
    tx, ty = _coords(flow * np.float32(t), None)
    tx, ty = np.rint(tx).astype(np.int64), np.rint(ty).astype(np.int64)
    ok = (tx >= 0) & (tx < w) & (ty >= 0) & (ty < h)
    idx, wt = (ty * w + tx)[ok], weight[ok].astype(np.float64)
    acc = np.bincount(idx, wt, h * w).reshape(h, w)
    fx = np.bincount(idx, wt * flow[..., 0][ok], h * w).reshape(h, w)
    fy = np.bincount(idx, wt * flow[..., 1][ok], h * w).reshape(h, w)
    return acc.astype(np.float32), np.stack([fx, fy], -1).astype(np.float32)


def interpolate(a: np.ndarray, b: np.ndarray, f_ab: np.ndarray, f_ba: np.ndarray, t: float) -> np.ndarray:
    """The frame at fraction ``t`` between ``a`` (0) and ``b`` (1), assuming linear motion.

    Both flows are splatted forward to the unknown frame (softmax splatting in
    the spirit of Niklaus & Liu 2020): where several pixels land on one spot,
    those whose flow is consistent and whose colours match across the two
    frames win, which keeps a moving object in front of what it covers. What
    lands nowhere is filled from the surrounding motion. Each side is then
    warped backwards and weighted by whether it sees the spot (occlusion).
    """
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    err_a = np.abs(a32 - warp(b, f_ab)).mean(axis=-1)
    err_b = np.abs(b32 - warp(a, f_ba)).mean(axis=-1)
    wa = (0.05 + consistent(f_ab, f_ba)) * np.exp(-err_a / 8)
    wb = (0.05 + consistent(f_ba, f_ab)) * np.exp(-err_b / 8)
    acc_a, sum_a = _splat(f_ab, t, wa)
    acc_b, sum_b = _splat(f_ba, 1 - t, wb)
    # The motion a→b of whatever sits at each pixel of the middle frame.
    motion = (sum_a - sum_b) / np.maximum(acc_a + acc_b, 1e-6)[..., None]
    motion = fill_from_surroundings(motion, (acc_a + acc_b) < 1e-3)
    wa_t = warp(a32, -t * motion)
    wb_t = warp(b32, (1 - t) * motion)
    # A side sees a spot when some of its pixels landed there.
    seen_a = cv2.GaussianBlur(np.minimum(acc_a, 1), (0, 0), 1)
    seen_b = cv2.GaussianBlur(np.minimum(acc_b, 1), (0, 0), 1)
    ka = (1 - t) * (0.02 + seen_a)
    kb = t * (0.02 + seen_b)
    out = (wa_t * ka[..., None] + wb_t * kb[..., None]) / (ka + kb)[..., None]
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
