"""Masked-region repair across frames: fill each hole from where other frames show it.

For a frame t with a mask, neighbours t±k are aligned to t by optical flow; a
masked pixel takes the (distance-weighted) average of the neighbours that see
it unmasked, with a forward–backward flow check. The previous *output* frame
is one more source, which carries earlier fills forward in time so that what
no frame shows is invented once and then follows the motion instead of being
re-invented (and flickering) every frame. Whatever is still missing gets the
spatial repair method.

Frames stream through a window of ``2 × max(offsets) + 1`` frames.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import cv2
import numpy as np

from ..jobs import check_cancel
from ..photo.repair import repair_image
from .flow import FlowEstimator, Roi, consistent, fill_from_surroundings, gray, warp
from .io import Frame

_FLOW_EDGE = 4  # px around a hole where the flow estimate is still pulled by the hole's content
_ROI_MARGIN = 24  # px around the holes: flow offsets at 640×360 stay well inside this


@dataclass
class FillParams:
    offsets: tuple[int, ...] = (1, 2, 4, 8)  # neighbours looked at on each side, nearest first
    spatial_method: str = "telea"  # fills what no frame shows
    previous_weight: float = 1.0  # weight of the previous output, relative to a neighbour one frame away
    carry_over: float = 0.6  # share of the previous output kept where no frame shows the hole


@dataclass
class FillStats:
    masked_pixels: int = 0
    from_other_frames: int = 0
    frames: int = 0

    @property
    def temporal_share(self) -> float:
        return self.from_other_frames / self.masked_pixels if self.masked_pixels else 0.0


@dataclass
class _Slot:
    frame: Frame
    gray: np.ndarray  # luma with the hole pre-filled, so flow is not dragged by the hole's content
    blocked: np.ndarray  # float mask of pixels not to copy from (the hole, grown by a pixel)
    hole: np.ndarray | None = None  # the hole grown by a margin whose flow estimate is unreliable


@dataclass
class _Window:
    slots: dict[int, _Slot] = field(default_factory=dict)
    flows: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)


class FlowCache:
    def __init__(self, window: _Window, estimator: FlowEstimator):
        self.window, self.estimate = window, estimator

    def get(self, a: int, b: int) -> np.ndarray:
        key = (a, b)
        flows = self.window.flows
        if key not in flows:
            sa, sb = self.window.slots[a], self.window.slots[b]
            flow = self.estimate(sa.gray, sb.gray)
            if sa.hole is not None and sb.hole is not None:
                # Where both frames are masked at the same place (a fixed logo) the estimate only
                # compares one fill with another; continue the motion around the hole instead.
                both = sa.hole & sb.hole
                if both.any():
                    y0, y1, x0, x1 = _roi(both, margin=2 * _ROI_MARGIN)
                    flow[y0:y1, x0:x1] = fill_from_surroundings(flow[y0:y1, x0:x1], both[y0:y1, x0:x1])
            flows[key] = flow
        return flows[key]

    def forget_before(self, index: int) -> None:
        for key in [k for k in self.window.flows if min(k) < index]:
            del self.window.flows[key]


def _prepare(frame: Frame) -> _Slot:
    g = gray(frame.rgb)
    mask = frame.mask
    if mask is None or not mask.any():
        return _Slot(frame, g, np.zeros(g.shape, np.float32))
    m8 = mask.astype(np.uint8)
    grown = cv2.dilate(m8, np.ones((3, 3), np.uint8))
    filled = cv2.inpaint(g, grown * 255, 3, cv2.INPAINT_TELEA)
    wide = cv2.dilate(m8, np.ones((2 * _FLOW_EDGE + 1, 2 * _FLOW_EDGE + 1), np.uint8)) > 0
    return _Slot(frame, filled, grown.astype(np.float32), wide)


def _roi(mask: np.ndarray, margin: int = _ROI_MARGIN) -> Roi:
    ys, xs = np.nonzero(mask)
    h, w = mask.shape
    m = margin
    return max(0, ys.min() - m), min(h, ys.max() + 1 + m), max(0, xs.min() - m), min(w, xs.max() + 1 + m)


def fill_masked(
    frames: Iterable[Frame],
    params: FillParams | None = None,
    *,
    stats: FillStats | None = None,
    cancel: threading.Event | None = None,
) -> Iterator[Frame]:
    """Yield the frames in order with every ``frame.mask`` filled."""
    params = params or FillParams()
    stats = stats if stats is not None else FillStats()
    reach = max(params.offsets)
    window = _Window()
    flows = FlowCache(window, FlowEstimator())
    order: deque[int] = deque()
    previous: tuple[int, np.ndarray] | None = None

    def emit(t: int) -> Frame:
        nonlocal previous
        check_cancel(cancel)
        slot = window.slots[t]
        frame = slot.frame
        if frame.mask is not None and frame.mask.any():
            frame.rgb = _fill_one(t, window, flows, params, previous, stats, cancel)
        stats.frames += 1
        previous = (t, frame.rgb)
        for old in [i for i in window.slots if i < t - reach]:
            del window.slots[old]
        flows.forget_before(t - reach)
        return frame

    for frame in frames:
        window.slots[frame.index] = _prepare(frame)
        order.append(frame.index)
        while order and frame.index - order[0] >= reach:
            yield emit(order.popleft())
    while order:
        yield emit(order.popleft())


def _fill_one(t, window: _Window, flows: FlowCache, params: FillParams, previous, stats: FillStats, cancel):
    frame = window.slots[t].frame
    rgb = frame.rgb
    mask = frame.mask.astype(bool)
    roi = _roi(mask)
    y0, y1, x0, x1 = roi
    hole = mask[y0:y1, x0:x1]
    acc = np.zeros(hole.shape + (3,), np.float32)
    weight = np.zeros(hole.shape, np.float32)

    def source(source_rgb: np.ndarray, flow_ts: np.ndarray, flow_st: np.ndarray, blocked):
        f = flow_ts[y0:y1, x0:x1]
        ok = hole & consistent(f, flow_st, roi=roi)
        if blocked is not None:
            ok &= warp(blocked, f, roi=roi) < 0.01
        return ok, (warp(source_rgb, f, roi=roi).astype(np.float32) if ok.any() else None)

    for k in params.offsets:
        for s in (t - k, t + k):
            if s in window.slots:
                other = window.slots[s]
                ok, values = source(other.frame.rgb, flows.get(t, s), flows.get(s, t), other.blocked)
                if values is not None:
                    acc[ok] += values[ok] / k
                    weight[ok] += 1.0 / k
        check_cancel(cancel)
    seen = weight > 0
    prev_ok, prev_values = np.zeros_like(hole), None
    if previous is not None and previous[0] == t - 1 and params.previous_weight > 0:
        prev_ok, prev_values = source(previous[1], flows.get(t, t - 1), flows.get(t - 1, t), None)
        both = prev_ok & seen
        if both.any():
            acc[both] += params.previous_weight * prev_values[both]
            weight[both] += params.previous_weight

    out = rgb.copy()
    view = out[y0:y1, x0:x1]
    view[seen] = np.clip(acc[seen] / weight[seen][:, None] + 0.5, 0, 255).astype(np.uint8)
    stats.masked_pixels += int(hole.sum())
    stats.from_other_frames += int(seen.sum())
    unseen = hole & ~seen
    if unseen.any():
        spatial = repair_image(np.ascontiguousarray(view), unseen, params.spatial_method, cancel=cancel)
        carried = unseen & prev_ok
        if carried.any():
            # What no frame shows is invented afresh each frame and blended with the previous
            # frame's invention moved along the flow: steady like propagation, without its drift.
            lam = params.carry_over
            mixed = lam * prev_values[carried] + (1 - lam) * spatial[carried].astype(np.float32)
            spatial[carried] = np.clip(mixed + 0.5, 0, 255).astype(np.uint8)
        view[unseen] = spatial[unseen]
    return out
