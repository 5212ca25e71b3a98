"""Finding frames that break from their neighbours and rebuilding them.

Black frames, noise, shifted or blocky frames and flashes differ from the
frame before them in most of the picture. So does a cut to a new shot — the
difference is what comes next: after a broken frame the old picture returns
(or the frame agrees with nothing around it), after a cut the new shot goes on.
Frames are compared as small grey thumbnails block by block, and a short
look-ahead tells the two cases apart. Broken frames are replaced by flow-based
interpolation between the good frames on either side.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import cv2
import numpy as np

from ..jobs import check_cancel
from .flow import FlowEstimator, gray, interpolate, warp
from .io import Frame

_THUMB = (320, 180)
_BLOCK = 4  # thumbnail px per block side (16 px of a 1280-wide frame)


@dataclass
class FrameCheckParams:
    lookahead: int = 3  # frames looked at after a suspect one
    min_change: float = 0.15  # share of blocks that must change before a frame is suspect
    block_level: float = 12.0  # grey levels of mean difference that count a block as changed
    max_run: int = 10  # longer runs of odd frames are treated as footage, not damage


@dataclass
class ReplacedFrame:
    index: int
    kind: str  # black, flash, noise or damaged


@dataclass
class FrameCheckReport:
    replaced: list[ReplacedFrame] = field(default_factory=list)

    @property
    def indices(self) -> list[int]:
        return [r.index for r in self.replaced]


def thumbnail(rgb: np.ndarray) -> np.ndarray:
    return cv2.resize(gray(rgb), _THUMB, interpolation=cv2.INTER_AREA).astype(np.float32)


def changed_share(a: np.ndarray, b: np.ndarray, level: float, reach: int = 2) -> float:
    """Share of blocks whose mean absolute difference exceeds ``level``.

    Each block may match ``b`` shifted by up to ``reach`` thumbnail pixels, so pans
    and shake of a few pixels per frame are not mistaken for damage, while a frame
    shifted by a transmission error (tens of pixels) still is.
    """
    h, w = a.shape
    h, w = h - h % _BLOCK, w - w % _BLOCK
    r = reach
    inner = a[r:h - r, r:w - r]
    best = None
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            d = np.abs(inner - b[r + dy:h - r + dy, r + dx:w - r + dx])
            hh, ww = d.shape[0] - d.shape[0] % _BLOCK, d.shape[1] - d.shape[1] % _BLOCK
            blocks = d[:hh, :ww].reshape(hh // _BLOCK, _BLOCK, ww // _BLOCK, _BLOCK).mean(axis=(1, 3))
            best = blocks if best is None else np.minimum(best, blocks)
    return float((best > level).mean())


CUT_SHARE = 0.5  # share of changed blocks that marks a cut
CUT_ERROR = 15.0  # median grey-level error left after the best flow warp: frames of one shot stay far below


def is_cut(a_thumb: np.ndarray, b_thumb: np.ndarray, flow: FlowEstimator) -> bool:
    """Two thumbnails from different shots: most blocks changed, or not even motion carries one onto the other.

    Brightness is evened out first, so flicker and fades do not count as cuts.
    """
    a = np.clip(a_thumb * (128.0 / max(float(a_thumb.mean()), 1.0)), 0, 255)
    b = np.clip(b_thumb * (128.0 / max(float(b_thumb.mean()), 1.0)), 0, 255)
    if changed_share(a, b, 24.0) > CUT_SHARE:
        return True
    ga, gb = a.astype(np.uint8), b.astype(np.uint8)
    return float(np.median(np.abs(a - warp(gb, flow(ga, gb))))) > CUT_ERROR


def classify(rgb: np.ndarray, reference: np.ndarray) -> str:
    g = gray(rgb).astype(np.float32)
    ref = gray(reference).astype(np.float32)
    if g.mean() < 20 and g.std() < 12:
        return "black"
    if g.mean() > ref.mean() + 40:
        return "flash"
    # Noise has far more fine detail than any real frame of the same footage.
    if np.abs(cv2.Laplacian(g, cv2.CV_32F)).mean() > 4 * np.abs(cv2.Laplacian(ref, cv2.CV_32F)).mean() + 4:
        return "noise"
    return "damaged"


@dataclass
class _Item:
    frame: Frame
    thumb: np.ndarray


def replace_broken_frames(
    frames: Iterable[Frame],
    params: FrameCheckParams | None = None,
    *,
    report: FrameCheckReport | None = None,
    cancel: threading.Event | None = None,
) -> Iterator[Frame]:
    """Yield the frames in order, with broken ones rebuilt (``frame.replaced`` set)."""
    params = params or FrameCheckParams()
    report = report if report is not None else FrameCheckReport()
    flow = FlowEstimator()
    ahead: deque[_Item] = deque()
    pending: list[_Item] = []
    last_good: _Item | None = None
    recent: deque[float] = deque(maxlen=60)

    def tolerance(gap: int) -> float:
        typical = float(np.median(recent)) if recent else 0.0
        # Motion adds up over a gap; allow for it.
        return max(params.min_change, 3.0 * typical) * (1 + 0.5 * (gap - 1))

    def agree(a: _Item, b: _Item) -> bool:
        gap = abs(a.frame.index - b.frame.index)
        return changed_share(a.thumb, b.thumb, params.block_level) <= tolerance(gap)

    def is_broken(item: _Item) -> bool:
        following = list(ahead)
        if last_good is None:
            if len(following) < 2:
                return False
            return not agree(item, following[0]) and agree(following[0], following[1])
        if agree(item, last_good):
            return False
        if not following:
            return False
        returns = any(agree(f, last_good) for f in following)
        goes_on = any(agree(item, f) for f in following)
        return returns or not goes_on

    def rebuild(good_after: _Item | None) -> Iterator[Frame]:
        nonlocal pending
        if not pending:
            return
        if last_good is not None and good_after is not None:
            a, b = last_good.frame, good_after.frame
            ga, gb = gray(a.rgb), gray(b.rgb)
            f_ab, f_ba = flow(ga, gb), flow(gb, ga)
        anchor = last_good or good_after
        for item in pending:
            check_cancel(cancel)
            f = item.frame
            if anchor is None:  # nothing good to rebuild from: keep what there is
                yield f
                continue
            reference = anchor.frame.rgb
            report.replaced.append(ReplacedFrame(f.index, classify(f.rgb, reference)))
            if last_good is not None and good_after is not None:
                t = (f.index - a.index) / (b.index - a.index)
                f.rgb = interpolate(a.rgb, b.rgb, f_ab, f_ba, t)
            else:
                f.rgb = reference.copy()
            f.replaced = True
            yield f
        pending = []

    def step() -> Iterator[Frame]:
        nonlocal last_good, pending
        item = ahead.popleft()
        check_cancel(cancel)
        if is_broken(item) and len(pending) < params.max_run:
            pending.append(item)
            return
        if pending and len(pending) >= params.max_run:
            # Too long to be damage: let the odd frames through as they are.
            for p in pending:
                yield p.frame
            pending = []
        else:
            yield from rebuild(item)
        if last_good is not None and item.frame.index == last_good.frame.index + 1:
            recent.append(changed_share(item.thumb, last_good.thumb, params.block_level))
        last_good = item
        yield item.frame

    for frame in frames:
        ahead.append(_Item(frame, thumbnail(frame.rgb)))
        while len(ahead) > params.lookahead:
            yield from step()
    while ahead:
        yield from step()
    yield from rebuild(None)
