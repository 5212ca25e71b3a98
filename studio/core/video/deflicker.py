"""Deflicker: each frame's tone matched to a smoothed trajectory of its neighbours, tile by tile.

Flicker (old film, fluorescent light, time-lapse) changes a frame's brightness
and colour against the frames around it, often unevenly across the picture.
The log mean of each colour channel over a coarse grid of tiles traces a path
through time; a Gaussian-weighted average over the neighbouring frames is the
path without flicker. Because a symmetric average follows a straight line
exactly, steady fades keep their course; at a cut the average stops, so the
new shot is not pulled towards the old one. The per-tile gains are split
into one global gain per channel and a bounded local residual (moving objects
change tile means too), and spread smoothly over the frame.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

import cv2
import numpy as np

from ..jobs import check_cancel
from .flow import FlowEstimator
from .frames import is_cut, thumbnail
from .io import Frame
from .window import centred_windows


@dataclass
class DeflickerParams:
    radius: int = 12  # frames on each side of the smoothing window (memory: 2 × radius + 1 frames)
    sigma: float = 6.0  # frames: width of the Gaussian over the window; wider averages flicker out better
    grid: tuple[int, int] = (6, 4)  # tiles across and down
    local_limit: float = 0.15  # largest local gain beyond the global one (log units, about ±16 %)


def tone(rgb: np.ndarray, grid: tuple[int, int]) -> np.ndarray:
    """Log mean of each channel per tile: shape (rows, cols, 3)."""
    small = cv2.resize(rgb, grid, interpolation=cv2.INTER_AREA).astype(np.float32)
    return np.log(small + 1.0)


def _gains(target: np.ndarray, current: np.ndarray, limit: float) -> np.ndarray:
    diff = target - current
    overall = np.median(diff.reshape(-1, 3), axis=0)
    local = np.clip(diff - overall, -limit, limit)
    return overall + local


def apply_gain(rgb: np.ndarray, log_gain: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    # Tile centres carry the gains; bicubic spreading keeps seams from showing.
    field = cv2.resize(log_gain.astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    out = rgb.astype(np.float32) * np.exp(field)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def deflicker_frames(frames: Iterable[Frame], params: DeflickerParams | None = None, *,
                     cancel: threading.Event | None = None) -> Iterator[Frame]:
    """Yield the frames in order with their flicker removed."""
    p = params or DeflickerParams()
    weights = np.exp(-0.5 * (np.arange(-p.radius, p.radius + 1) / p.sigma) ** 2)

    def toned() -> Iterator[tuple[Frame, np.ndarray, int]]:
        """Each frame with its tone and shot number."""
        flow = FlowEstimator()
        shot, last_thumb = 0, None
        for frame in frames:
            thumb = thumbnail(frame.rgb)
            if last_thumb is not None and is_cut(last_thumb, thumb, flow):
                shot += 1
            last_thumb = thumb
            yield frame, tone(frame.rgb, p.grid), shot

    for win, i in centred_windows(toned(), p.radius):
        check_cancel(cancel)
        frame, own, own_shot = win[i]
        # A weighted straight-line fit through the shot's neighbours, read at this frame: a symmetric
        # window gives the plain weighted mean; a one-sided one (at the clip's ends, next to a cut)
        # still follows a fade instead of lagging behind it.
        s0 = s1 = s2 = 0.0
        t0 = np.zeros_like(own)
        t1 = np.zeros_like(own)
        for j, (_, tone_j, shot_j) in enumerate(win):
            k = j - i
            if shot_j == own_shot:
                w = weights[k + p.radius]
                s0, s1, s2 = s0 + w, s1 + w * k, s2 + w * k * k
                t0 += w * tone_j
                t1 += w * k * tone_j
        det = s0 * s2 - s1 * s1
        target = (s2 * t0 - s1 * t1) / det if det > 1e-6 * s0 * s0 else t0 / s0
        gain = _gains(target, own, p.local_limit)
        if np.abs(gain).max() > 1e-3:
            frame.rgb = apply_gain(frame.rgb, gain)
        yield frame
