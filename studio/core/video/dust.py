"""Film dust and short scratches: impulses present in one frame only.

A speck of dust sits on one frame of film. After aligning the previous and the
next frame by optical flow, a dust pixel differs from both in the same
direction while the two neighbours agree with each other (the spike detector
of Kokaram's film restoration work). Moving objects fail that test because
their neighbours disagree or their flow is inconsistent. Detected specks are
filled with the average of the aligned neighbours.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator

import cv2
import numpy as np

from ..jobs import check_cancel
from .flow import FlowEstimator, gray, warp
from .io import Frame


@dataclass
class DustParams:
    threshold: float = 28.0  # grey levels a speck must stand out from both neighbours
    agreement: float = 14.0  # grey levels within which the neighbours must agree
    max_area: float = 0.002  # largest speck, as a share of the frame; bigger changes are motion
    grow: int = 1  # px added around each speck for its soft edge


@dataclass
class DustStats:
    frames: int = 0
    frames_with_dust: int = 0
    pixels: int = 0


def detect_dust(prev: np.ndarray, cur: np.ndarray, nxt: np.ndarray, flows: dict,
                params: DustParams | None = None) -> np.ndarray:
    """Bool mask of specks in ``cur``; ``flows`` holds 'cp' and 'cn' (from cur to prev and to next)."""
    params = params or DustParams()
    g = gray(cur).astype(np.float32)
    wp = warp(gray(prev), flows["cp"]).astype(np.float32)
    wn = warp(gray(nxt), flows["cn"]).astype(np.float32)
    dp, dn = g - wp, g - wn
    # Real footage has grain: raise the bar where the neighbours themselves are noisy.
    noise = 1.4826 * float(np.median(np.abs(wp - wn)))
    level = max(params.threshold, 4.0 * noise)
    spike = (np.sign(dp) == np.sign(dn)) & (np.minimum(np.abs(dp), np.abs(dn)) > level)
    spike &= np.abs(wp - wn) < max(params.agreement, 2.0 * noise)
    # No forward–backward flow check here: a speck upsets the flow right where it sits, and in
    # flat areas the check fails on harmless sub-pixel noise. Neighbours that agree after
    # alignment are the test that matters; occlusions make them disagree.
    if not spike.any():
        return spike
    m8 = spike.astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(m8, connectivity=8)
    limit = params.max_area * g.size
    keep = np.zeros(n, bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] <= limit
    mask = keep[labels]
    if params.grow > 0 and mask.any():
        k = 2 * params.grow + 1
        mask = cv2.dilate(mask.astype(np.uint8), np.ones((k, k), np.uint8)) > 0
    return mask


def clean_dust(
    frames: Iterable[Frame],
    params: DustParams | None = None,
    *,
    stats: DustStats | None = None,
    cancel: threading.Event | None = None,
) -> Iterator[Frame]:
    """Yield the frames in order with specks found and filled from the neighbouring frames."""
    params = params or DustParams()
    stats = stats if stats is not None else DustStats()
    flow = FlowEstimator()
    win: deque[tuple[Frame, np.ndarray]] = deque()
    pair: dict[tuple[int, int], np.ndarray] = {}

    def get(a: int, b: int) -> np.ndarray:
        if (a, b) not in pair:
            ga = next(g for f, g in win if f.index == a)
            gb = next(g for f, g in win if f.index == b)
            pair[(a, b)] = flow(ga, gb)
        return pair[(a, b)]

    def process(i: int) -> Frame:
        check_cancel(cancel)
        p, c, n = win[i - 1][0], win[i][0], win[i + 1][0]
        stats.frames += 1
        if c.replaced:
            return c
        flows = {"cp": get(c.index, p.index), "cn": get(c.index, n.index)}
        mask = detect_dust(p.rgb, c.rgb, n.rgb, flows, params)
        if c.mask is not None:
            mask &= ~c.mask  # already marked for repair
        if mask.any():
            stats.frames_with_dust += 1
            stats.pixels += int(mask.sum())
            c.rgb = _fill(p.rgb, c.rgb, n.rgb, flows, mask)
        return c

    # The first and last frames have one neighbour only and pass through.
    first = True
    for frame in frames:
        win.append((frame, gray(frame.rgb)))
        if len(win) == 2 and first:
            first = False
            stats.frames += 1
            yield win[0][0]
        elif len(win) == 3:
            yield process(1)
            win.popleft()
            for key in [k for k in pair if min(k) < win[0][0].index]:
                del pair[key]
    if win:
        stats.frames += 1
        yield win[-1][0]


def _fill(prev, cur, nxt, flows, mask) -> np.ndarray:
    wp = warp(prev, flows["cp"]).astype(np.float32)
    wn = warp(nxt, flows["cn"]).astype(np.float32)
    out = cur.copy()
    out[mask] = np.clip((wp[mask] + wn[mask]) / 2 + 0.5, 0, 255).astype(np.uint8)
    return out

