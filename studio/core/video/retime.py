"""Frame-rate conversion: new frames synthesised between the old ones by bidirectional optical flow.

Output frame k is shown at time t0 + k / rate. Where that falls between two
source frames, both flows between them are splatted to that moment and the
frame is warped from both sides with occlusion weights (see
:func:`.flow.interpolate`). Across a cut there is nothing to interpolate: the
nearer frame is repeated. The output spans the input's duration, so the audio
stays in step.
"""
from __future__ import annotations

import threading
from fractions import Fraction
from typing import Iterable, Iterator

import numpy as np

from ..jobs import check_cancel
from .flow import FlowEstimator, gray, interpolate
from .frames import is_cut, thumbnail
from .io import Frame

OUTPUT_TIME_BASE = Fraction(1, 90000)  # divides the common rates (23.976, 24, 25, 29.97, 30, 50, 60) exactly
_SAME = 1e-3  # an output moment this close (in frames) to a source frame takes that frame


def _seconds(frame: Frame, time_base: Fraction, fps: Fraction, first_pts: int | None) -> float:
    if frame.pts is not None and first_pts is not None:
        return float((frame.pts - first_pts) * time_base)
    return float(frame.index / fps)


def change_frame_rate(frames: Iterable[Frame], source_fps: Fraction, time_base: Fraction, rate: Fraction, *,
                      cancel: threading.Event | None = None) -> Iterator[Frame]:
    """Yield frames at ``rate`` per second (timestamps in :data:`OUTPUT_TIME_BASE`)."""
    flow = FlowEstimator()
    start_pts: int | None = None
    first_pts: int | None = None
    prev: tuple[Frame, float] | None = None
    thumbs: dict[int, np.ndarray] = {}  # the last frame's thumbnail, kept for the next pair's cut check
    k = 0
    period = 1.0 / float(rate)

    def out(rgb: np.ndarray, replaced: bool = False) -> Frame:
        nonlocal k
        pts = round((k * period) / OUTPUT_TIME_BASE) + (start_pts or 0)
        f = Frame(k, pts, rgb, replaced=replaced)
        k += 1
        return f

    for frame in frames:
        check_cancel(cancel)
        if first_pts is None and frame.pts is not None:
            first_pts = frame.pts
            start_pts = round(float(frame.pts * time_base) / OUTPUT_TIME_BASE)
        now = _seconds(frame, time_base, source_fps, first_pts)
        if prev is None:
            prev = (frame, now)
            continue
        a, ta = prev
        if now <= ta:  # a repeated or out-of-order timestamp: nothing to place between
            continue
        flows = None
        cut = False
        while k * period < now - _SAME * period:
            t = (k * period - ta) / (now - ta)
            if t <= _SAME:
                yield out(a.rgb)
                continue
            if flows is None:
                ga, gb = gray(a.rgb), gray(frame.rgb)
                flows = flow(ga, gb), flow(gb, ga)
                thumb_a = thumbs.get(id(a))
                thumbs = {id(frame): thumbnail(frame.rgb)}
                cut = is_cut(thumb_a if thumb_a is not None else thumbnail(a.rgb), thumbs[id(frame)], flow)
            if cut:
                yield out(a.rgb if t < 0.5 else frame.rgb)
                continue
            yield out(interpolate(a.rgb, frame.rgb, flows[0], flows[1], t), replaced=True)
        prev = (frame, now)
    if prev is not None:
        # The last source frame is shown for one source period; fill that span at the new rate.
        a, ta = prev
        end = ta + 1.0 / float(source_fps)
        while k * period < end - _SAME * period:
            yield out(a.rgb)
