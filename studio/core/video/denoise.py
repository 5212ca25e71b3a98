"""Temporal denoising: neighbouring frames aligned by optical flow, then non-local means across them.

Grain and sensor noise differ from frame to frame while the scene does not, so
the frames around the current one — brought onto its pixel grid by optical
flow — are the best evidence of what lies under the noise. Non-local means
over that aligned stack averages only patches that really match: where the
flow is wrong (occlusions, fast motion) the neighbours' patches do not match
and the current frame's own patches carry the result, so moving objects do
not ghost and what no neighbour shows is still denoised spatially.
"""
from __future__ import annotations

import threading
from typing import Iterable, Iterator

import cv2
import numpy as np

from ..jobs import check_cancel
from .flow import FlowEstimator, gray, warp
from .io import Frame
from .window import centred_windows

RADIUS = 2  # neighbours on each side: five frames in all
NOISE_AT_FULL_STRENGTH = 30.0  # grey-level sigma that strength 1 removes; 0.5 is sigma 15
_SEARCH = 5  # px: the stack is aligned already, so a small search window suffices and avoids false matches
_TEMPLATE = 7


def noise_sigma(strength: float) -> float:
    return float(np.clip(strength, 0.0, 1.0)) * NOISE_AT_FULL_STRENGTH


def denoise_stack(frames: list[np.ndarray], centre: int, sigma: float, flow: FlowEstimator) -> np.ndarray:
    """Denoise ``frames[centre]`` with the others aligned onto it; ``sigma`` is the noise level in grey levels."""
    cur = frames[centre]
    if sigma <= 0:
        return cur
    # Flow on noisy frames follows the noise: smooth it away first.
    blur = max(0.8, sigma / 10)

    def smooth(rgb):
        return cv2.GaussianBlur(gray(rgb), (0, 0), blur)

    g = smooth(cur)
    aligned = [cur if i == centre else warp(f, flow(g, smooth(f))) for i, f in enumerate(frames)]
    h = 0.67 * sigma  # the filter strength that suits non-local means at this noise level
    if len(aligned) == 1:
        return cv2.fastNlMeansDenoisingColored(cur, None, h, h, _TEMPLATE, 3 * _SEARCH)
    return cv2.fastNlMeansDenoisingColoredMulti(aligned, centre, len(aligned), None, h, h, _TEMPLATE, _SEARCH)


def _window(n: int, i: int) -> list[int]:
    """Positions of an odd-sized stack centred on ``i`` of ``n``; at the ends the missing side mirrors the other."""
    out = []
    for k in range(-RADIUS, RADIUS + 1):
        j = i + k if 0 <= i + k < n else i - k
        out.append(min(max(j, 0), n - 1))
    return out


def denoise_frames(frames: Iterable[Frame], strength: float, *,
                   cancel: threading.Event | None = None) -> Iterator[Frame]:
    """Yield the frames in order, denoised for a noise level set by ``strength`` (0–1)."""
    sigma = noise_sigma(strength)
    flow = FlowEstimator()
    # Each frame with its noisy pixels, the evidence for its neighbours once it is denoised itself.
    for win, i in centred_windows(((f, f.rgb) for f in frames), RADIUS):
        check_cancel(cancel)
        stack = [win[j][1] for j in _window(len(win), i)]
        frame = win[i][0]
        frame.rgb = denoise_stack(stack, RADIUS, sigma, flow)
        yield frame
