"""Stabilisation: the camera's path estimated, smoothed, and each frame moved onto the smooth path.

Motion between consecutive frames is a similarity transform (shift, rotation,
scale) fitted with RANSAC to corners tracked by pyramidal Lucas–Kanade, so
objects moving through the scene are outvoted by the background. The summed
path is smoothed with a Gaussian over the neighbouring frames; each frame is
warped by the difference and zoomed in just enough to hide the borders that
the correction uncovers. The correction is bounded so that a deliberate pan
is followed rather than fought.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

import cv2
import numpy as np

from ..jobs import check_cancel
from .flow import gray
from .io import Frame
from .window import centred_windows


@dataclass
class StabilizeParams:
    strength: float = 0.5  # 0–1: how much of the shake is removed; sets the smoothing window
    margin: float = 0.06  # share of each side the correction may use; the frame is zoomed by this much

    @property
    def radius(self) -> int:
        return int(round(4 + 26 * float(np.clip(self.strength, 0, 1))))  # frames on each side, up to 30


def frame_motion(prev_gray: np.ndarray, cur_gray: np.ndarray) -> np.ndarray:
    """(dx, dy, angle, log scale) that carries ``prev`` onto ``cur``; zeros when it cannot be told."""
    pts = cv2.goodFeaturesToTrack(prev_gray, maxCorners=300, qualityLevel=0.01, minDistance=8, blockSize=7)
    if pts is None or len(pts) < 8:
        return np.zeros(4)
    nxt, status, _ = cv2.calcOpticalFlowPyrLK(prev_gray, cur_gray, pts, None, winSize=(21, 21), maxLevel=3)
    ok = status.ravel() == 1
    if ok.sum() < 8:
        return np.zeros(4)
    m, _ = cv2.estimateAffinePartial2D(pts[ok], nxt[ok], method=cv2.RANSAC, ransacReprojThreshold=2.0)
    if m is None:
        return np.zeros(4)
    scale = float(np.hypot(m[0, 0], m[1, 0]))
    return np.array([m[0, 2], m[1, 2], np.arctan2(m[1, 0], m[0, 0]), np.log(max(scale, 1e-3))])


def _warp(rgb: np.ndarray, correction: np.ndarray, zoom: float) -> np.ndarray:
    h, w = rgb.shape[:2]
    dx, dy, da, ds = correction
    s = np.exp(ds) * zoom
    c, si = s * np.cos(da), s * np.sin(da)
    cx, cy = w / 2, h / 2
    # Rotate and scale about the centre, then shift.
    m = np.array([[c, -si, cx - c * cx + si * cy + dx],
                  [si, c, cy - si * cx - c * cy + dy]], np.float32)
    return cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def stabilize_frames(frames: Iterable[Frame], params: StabilizeParams | None = None, *,
                     cancel: threading.Event | None = None) -> Iterator[Frame]:
    """Yield the frames in order, moved onto a smoothed camera path."""
    p = params or StabilizeParams()
    r = p.radius
    weights = np.exp(-0.5 * (np.arange(-r, r + 1) / max(r / 2, 1)) ** 2)
    zoom = 1.0 / (1.0 - 2 * p.margin)

    def on_path() -> Iterator[tuple[Frame, np.ndarray]]:
        """Each frame with its position on the camera's path."""
        path = np.zeros(4)
        prev_gray = None
        for frame in frames:
            g = gray(frame.rgb)
            scale = max(1, g.shape[1] // 640)  # motion is measured on at most ~640 px wide frames
            if scale > 1:
                g = cv2.resize(g, (g.shape[1] // scale, g.shape[0] // scale), interpolation=cv2.INTER_AREA)
            if prev_gray is not None and prev_gray.shape == g.shape:
                step = frame_motion(prev_gray, g)
                step[:2] *= scale
                path = path + step
            prev_gray = g
            yield frame, path.copy()

    for win, i in centred_windows(on_path(), r):
        check_cancel(cancel)
        frame, here = win[i]
        lo, hi = max(0, i - r), min(len(win), i + r + 1)
        wts = weights[lo - i + r: hi - i + r]
        smooth = np.tensordot(wts, np.array([q for _, q in list(win)[lo:hi]]), 1) / wts.sum()
        h, w = frame.rgb.shape[:2]
        limit = np.array([p.margin * w, p.margin * h, 0.05, 0.05])
        frame.rgb = _warp(frame.rgb, np.clip(smooth - here, -limit, limit), zoom)
        yield frame
