"""Joining the pieces of a long scratch that the detector found only in parts.

A scratch is straight or gently bent and long; where it crosses a busy or dark
part of the picture the network can lose it for a stretch, and the repair then
leaves a visible piece standing between two clean ones. Two detected pieces
that continue each other are joined when the photo itself shows a ridge of the
same polarity all along the gap (brighter or darker than both sides), so a
scratch that is really broken, or two marks that merely line up, stay apart.
Only the pixels that stand out like the scratch are added, not a straight band.
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


@dataclass
class _Piece:
    centre: np.ndarray  # (x, y)
    direction: np.ndarray  # unit (x, y)
    lo: float  # extent along the direction from the centre
    hi: float
    width: float
    ridge: float  # signed contrast of the line against its sides (grey levels)

    def end(self, t: float) -> np.ndarray:
        return self.centre + self.direction * t


def _ridge(grey: np.ndarray, pts: np.ndarray, normal: np.ndarray, half_width: float) -> np.ndarray:
    """Grey on the line minus the mean of both sides, at each point (x, y)."""
    off = normal * (half_width + SIDE)
    h, w = grey.shape

    def at(p):
        x = np.clip(np.round(p[:, 0]).astype(int), 0, w - 1)
        y = np.clip(np.round(p[:, 1]).astype(int), 0, h - 1)
        return grey[y, x]

    return at(pts) - (at(pts + off) + at(pts - off)) / 2


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
        ridge = float(np.median(_ridge(grey, line, normal, width / 2)))
        pieces.append(_Piece(centre, direction, float(proj.min()), float(proj.max()), width, ridge))
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


def _mark_scratch_in_band(out: np.ndarray, grey: np.ndarray, p: np.ndarray, q: np.ndarray, width: float,
                          polarity: float, strength: float) -> None:
    """Mark in ``out`` the pixels near the gap's line that stand out from their surroundings as the scratch
    does."""
    h, w = grey.shape
    pad = int(np.ceil(width)) + 8
    x0, y0 = max(0, int(min(p[0], q[0])) - pad), max(0, int(min(p[1], q[1])) - pad)
    x1, y1 = min(w, int(max(p[0], q[0])) + pad + 1), min(h, int(max(p[1], q[1])) + pad + 1)
    band = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.line(band, (int(round(p[0])) - x0, int(round(p[1])) - y0), (int(round(q[0])) - x0, int(round(q[1])) - y0),
             1, max(1, int(round(width)) + 4))
    crop = grey[y0:y1, x0:x1]
    background = cv2.medianBlur(np.clip(crop, 0, 255).astype(np.uint8), 2 * int(np.ceil(width)) + 7)
    line = (band > 0) & ((crop - background.astype(np.float32)) * polarity > strength)
    line = cv2.dilate(line.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0  # the soft rim, as the detector's grow
    out[y0:y1, x0:x1] |= line


def bridge_scratches(mask: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """``mask`` with the gaps between scratch pieces filled where the photo shows the scratch going on."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    pieces = _pieces(mask, grey)
    if len(pieces) < 2:
        return mask
    out = mask.copy()
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
