"""Joining the pieces of a long scratch that the detector found only in parts.

A scratch is straight or gently bent and long; where it crosses a busy or dark
part of the picture the network can lose it for a stretch, and the repair then
leaves a visible piece standing between two clean ones. Two detected pieces
that continue each other are joined when the photo itself shows a ridge of the
same polarity all along the gap (brighter or darker than both sides), so a
scratch that is really broken, or two marks that merely line up, stay apart.
Only the pixels that stand out like the scratch are added, not a straight band.

A wide scratch can also be found along one edge only for a stretch; where a
piece is marked much narrower than along the rest of it, the pixels beside it
that stand out like the scratch are added, on pieces that stand out from both
of their sides (a marked step edge stands out from one side only).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_LENGTH = 24  # px: shorter pieces are dust or hairs, not scratch segments
MAX_WIDTH = 9.0  # px, as marked (the scratch and the detector's 1-px rim): wider pieces are not thin lines
MIN_ELONGATION = 6.0  # length / width
MAX_ANGLE = np.deg2rad(6.0)  # between each piece and the line joining them
MAX_GAP = 250  # px between the pieces' facing ends
SIDE = 3.0  # px beyond the line's edge where "the sides" are read
RIDGE_SHARE = 0.75  # of the gap's points that must show the ridge
RIDGE_STRENGTH = 0.35  # each of them at least this share of the ridge on the detected pieces
MIN_RIDGE = 4.0  # grey levels: pieces fainter than this are not clear enough to extend
NARROW = 0.6  # of a piece's usual marked width: a stretch marked narrower is completed where the photo shows it
MIN_CLEAR = 15.0  # grey levels above both sides for a piece to be completed: fainter, grain passes for scratch


@dataclass
class _Piece:
    centre: np.ndarray  # (x, y)
    direction: np.ndarray  # unit (x, y)
    lo: float  # extent along the direction from the centre
    hi: float
    width: float
    ridge: float  # signed contrast of the line against its sides (grey levels)
    clear: float  # how far the line stands out from the nearer of its sides, in the ridge's polarity
    pts: np.ndarray  # the marked pixels (x, y)

    def end(self, t: float) -> np.ndarray:
        return self.centre + self.direction * t


def _sides(grey: np.ndarray, pts: np.ndarray, normal: np.ndarray, half_width: float) -> tuple[np.ndarray, ...]:
    """Grey on the line and on either side of it, at each point (x, y)."""
    off = normal * (half_width + SIDE)
    h, w = grey.shape

    def at(p):
        x = np.clip(np.round(p[:, 0]).astype(int), 0, w - 1)
        y = np.clip(np.round(p[:, 1]).astype(int), 0, h - 1)
        return grey[y, x]

    return at(pts), at(pts + off), at(pts - off)


def _ridge(grey: np.ndarray, pts: np.ndarray, normal: np.ndarray, half_width: float) -> np.ndarray:
    """Grey on the line minus the mean of both sides, at each point (x, y)."""
    line, one, other = _sides(grey, pts, normal, half_width)
    return line - (one + other) / 2


def _pieces(mask: np.ndarray, grey: np.ndarray) -> list[_Piece]:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    pieces = []
    for i in range(1, n):
        x0, y0, bw, bh, area = stats[i]
        if max(bw, bh) < MIN_LENGTH:
            continue
        ys, xs = np.nonzero(labels[y0:y0 + bh, x0:x0 + bw] == i)
        pts = np.column_stack([xs + x0, ys + y0]).astype(np.float64)
        centre = pts.mean(axis=0)
        _, vecs = np.linalg.eigh(np.cov((pts - centre).T))
        direction = vecs[:, 1]
        proj = (pts - centre) @ direction
        length = float(proj.max() - proj.min())
        width = area / max(length, 1.0)
        if length < MIN_LENGTH or width > MAX_WIDTH or length / max(width, 1.0) < MIN_ELONGATION:
            continue
        normal = np.array([-direction[1], direction[0]])
        line = centre + np.outer(np.linspace(proj.min(), proj.max(), max(8, int(length) // 2)), direction)
        on, one, other = _sides(grey, line, normal, width / 2)
        ridge = float(np.median(on - (one + other) / 2))
        # A step edge is brighter than one side only: its ridge is half the step, its clearance none.
        clear = float(np.median(np.minimum((on - one) * np.sign(ridge), (on - other) * np.sign(ridge))))
        pieces.append(_Piece(centre, direction, float(proj.min()), float(proj.max()), width, ridge, clear, pts))
    return pieces


def _gap(a: _Piece, b: _Piece) -> tuple[np.ndarray, np.ndarray] | None:
    """The facing ends of two pieces that continue each other, or None.

    Both pieces must point along the line that joins their facing ends: a gently bent scratch still
    qualifies; parallel lines side by side, or marks that cross, do not.
    """
    ends_a, ends_b = (a.end(a.lo), a.end(a.hi)), (b.end(b.lo), b.end(b.hi))
    dist = [[float(np.linalg.norm(ea - eb)) for eb in ends_b] for ea in ends_a]
    i, j = np.unravel_index(int(np.argmin(dist)), (2, 2))
    p, q = ends_a[i], ends_b[j]
    length = float(np.linalg.norm(q - p))
    if length < 1:
        return None
    d = (q - p) / length
    # Each piece lies behind its own facing end, as seen from the other piece.
    if float((a.centre - p) @ d) > 0 or float((b.centre - q) @ d) < 0:
        return None
    if min(abs(float(a.direction @ d)), abs(float(b.direction @ d))) < np.cos(MAX_ANGLE):
        return None
    return p, q


def _standing_out(grey: np.ndarray, p: np.ndarray, q: np.ndarray, width: float, polarity: float,
                  strength: float) -> tuple[np.ndarray, int, int]:
    """The pixels near the line from p to q that stand out from their surroundings as the scratch does,
    as a crop of the photo and its top-left corner (x0, y0)."""
    h, w = grey.shape
    pad = int(np.ceil(width)) + 8
    x0, y0 = max(0, int(min(p[0], q[0])) - pad), max(0, int(min(p[1], q[1])) - pad)
    x1, y1 = min(w, int(max(p[0], q[0])) + pad + 1), min(h, int(max(p[1], q[1])) + pad + 1)
    band = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.line(band, (int(round(p[0])) - x0, int(round(p[1])) - y0), (int(round(q[0])) - x0, int(round(q[1])) - y0),
             1, max(1, int(round(width)) + 4))
    crop = grey[y0:y1, x0:x1]
    background = cv2.medianBlur(np.clip(crop, 0, 255).astype(np.uint8), 2 * int(np.ceil(width)) + 7)
    return (band > 0) & ((crop - background.astype(np.float32)) * polarity > strength), x0, y0


def _mark_scratch_in_band(out: np.ndarray, grey: np.ndarray, p: np.ndarray, q: np.ndarray, width: float,
                          polarity: float, strength: float) -> None:
    """Mark in ``out`` the pixels near the gap's line that stand out from their surroundings as the scratch
    does."""
    line, x0, y0 = _standing_out(grey, p, q, width, polarity, strength)
    line = cv2.dilate(line.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0  # the soft rim, as the detector's grow
    out[y0:y0 + line.shape[0], x0:x0 + line.shape[1]] |= line


def _complete_narrow_stretches(out: np.ndarray, grey: np.ndarray, a: _Piece) -> None:
    """Where a piece is marked much narrower than along the rest of it, mark the pixels beside it that
    stand out as the scratch does.

    On a wide bright scratch the network is sometimes sure of one edge only for a stretch; the rest of
    the scratch's width would stay as a dash beside the repair.
    """
    along = np.round((a.pts - a.centre) @ a.direction).astype(int)
    first = along.min()
    counts = np.bincount(along - first)
    narrow = counts < NARROW * np.median(counts[counts > 0])
    if not narrow.any():
        return
    # The stretches and a little beyond them, where the notch's ends lie.
    narrow = np.convolve(narrow, np.ones(5), mode="same") > 0
    line, x0, y0 = _standing_out(grey, a.end(a.lo), a.end(a.hi), a.width, float(np.sign(a.ridge)),
                                 RIDGE_STRENGTH * abs(a.ridge))
    ys, xs = np.nonzero(line)
    if not len(xs):
        return
    xy = np.column_stack([xs + x0, ys + y0]).astype(np.float64)
    t = np.round((xy - a.centre) @ a.direction).astype(int) - first
    inside = (t >= 0) & (t < len(narrow))
    keep = np.zeros(len(t), bool)
    keep[inside] = narrow[t[inside]]
    piece = np.zeros(line.shape, np.uint8)
    px, py = a.pts[:, 0].astype(int) - x0, a.pts[:, 1].astype(int) - y0
    ok = (px >= 0) & (py >= 0) & (px < line.shape[1]) & (py < line.shape[0])
    piece[py[ok], px[ok]] = 1
    beside = cv2.dilate(piece, np.ones((7, 7), np.uint8)) > 0
    keep &= beside[ys, xs]
    out[ys[keep] + y0, xs[keep] + x0] = True


def bridge_scratches(mask: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """``mask`` with the gaps between scratch pieces filled where the photo shows the scratch going on, and
    the stretches of a piece marked along one side only completed."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    pieces = _pieces(mask, grey)
    if not pieces:
        return mask
    out = mask.copy()
    for a in pieces:
        if a.clear >= max(MIN_CLEAR, 0.5 * abs(a.ridge)):
            _complete_narrow_stretches(out, grey, a)
    for i, a in enumerate(pieces):
        for b in pieces[i + 1:]:
            if np.sign(a.ridge) != np.sign(b.ridge) or min(abs(a.ridge), abs(b.ridge)) < MIN_RIDGE:
                continue
            ends = _gap(a, b)
            if ends is None:
                continue
            p, q = ends
            length = float(np.linalg.norm(q - p))
            if length > MAX_GAP:
                continue
            d = (q - p) / length
            pts = p + np.outer(np.linspace(0, length, max(4, int(length))), d)
            strength = RIDGE_STRENGTH * min(abs(a.ridge), abs(b.ridge))
            ridge = _ridge(grey, pts, np.array([-d[1], d[0]]), max(a.width, b.width) / 2) * np.sign(a.ridge)
            if (ridge > strength).mean() < RIDGE_SHARE:
                continue
            _mark_scratch_in_band(out, grey, p, q, min(a.width, b.width), float(np.sign(a.ridge)), strength)
    return out
