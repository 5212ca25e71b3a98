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
from .flow import FlowEstimator, gray, interpolate, warp
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
    """Yield the frames in order with specks found and filled from the neighbouring frames.

    Rebuilt frames (``frame.replaced``) are never used as neighbours: they were
    made from the frames around them and would carry the same specks. Once
    those frames are cleaned, the rebuilt ones between them are made again
    from the clean pictures. The first and last frames, with a neighbour on
    one side only, are compared with the two nearest frames on that side.
    """
    params = params or DustParams()
    stats = stats if stats is not None else DustStats()
    flow = FlowEstimator()
    queue: deque[Frame] = deque()  # frames not yet yielded
    history: deque[tuple[Frame, bool]] = deque(maxlen=2)  # the last good frames cleaned, and whether they changed
    greys: dict[int, np.ndarray] = {}
    pair: dict[tuple[int, int], np.ndarray] = {}

    def get(a: Frame, b: Frame) -> np.ndarray:
        key = (a.index, b.index)
        if key not in pair:
            for f in (a, b):
                if f.index not in greys:
                    greys[f.index] = gray(f.rgb)
            pair[key] = flow(greys[a.index], greys[b.index])
        return pair[key]

    def forget_before(index: int) -> None:
        for key in [k for k in pair if min(k) < index]:
            del pair[key]
        for key in [k for k in greys if k < index]:
            del greys[key]

    def neighbours(c: Frame, later: list[Frame]) -> tuple[Frame, Frame] | None:
        before = [f for f, _ in history]
        if before and later:
            return before[-1], later[0]
        if len(later) >= 2:
            return later[0], later[1]
        if len(before) >= 2:
            return before[-1], before[-2]
        return None

    def clean(c: Frame, refs: tuple[Frame, Frame] | None) -> bool:
        check_cancel(cancel)
        if refs is None:
            return False
        p, n = refs
        flows = {"cp": get(c, p), "cn": get(c, n)}
        mask = detect_dust(p.rgb, c.rgb, n.rgb, flows, params)
        if c.mask is not None:
            mask &= ~c.mask  # already marked for repair
        if not mask.any():
            return False
        stats.frames_with_dust += 1
        stats.pixels += int(mask.sum())
        c.rgb = _fill(p.rgb, c.rgb, n.rgb, flows, mask)
        return True

    def remake(rebuilt: list[Frame], c: Frame | None, changed: bool) -> None:
        """Make rebuilt frames again from the cleaned good frames around them."""
        last, last_changed = history[-1] if history else (None, False)
        if not rebuilt or not (changed or last_changed):
            return
        if last is not None and c is not None:
            f_ab, f_ba = get(last, c), get(c, last)
            for f in rebuilt:
                t = (f.index - last.index) / (c.index - last.index)
                f.rgb = interpolate(last.rgb, c.rgb, f_ab, f_ba, t)
        else:
            anchor = c if c is not None else last
            for f in rebuilt:
                f.rgb = anchor.rgb.copy()

    def ready(final: bool) -> bool:
        goods = sum(not f.replaced for f in queue)
        return goods >= (1 if final else (2 if history else 3))

    def step() -> Iterator[Frame]:
        rebuilt = []
        while queue[0].replaced:
            rebuilt.append(queue.popleft())
        c = queue.popleft()
        changed = clean(c, neighbours(c, [f for f in queue if not f.replaced][:2]))
        remake(rebuilt, c, changed)
        stats.frames += len(rebuilt) + 1
        yield from rebuilt
        yield c
        history.append((c, changed))
        forget_before(history[0][0].index)

    for frame in frames:
        queue.append(frame)
        while ready(final=False):
            yield from step()
    while ready(final=True):
        yield from step()
    if queue:  # rebuilt frames at the very end, after the last good one
        rest = list(queue)
        remake(rest, None, False)
        stats.frames += len(rest)
        yield from rest


def _fill(prev, cur, nxt, flows, mask) -> np.ndarray:
    wp = warp(prev, flows["cp"]).astype(np.float32)
    wn = warp(nxt, flows["cn"]).astype(np.float32)
    out = cur.copy()
    out[mask] = np.clip((wp[mask] + wn[mask]) / 2 + 0.5, 0, 255).astype(np.uint8)
    return out

