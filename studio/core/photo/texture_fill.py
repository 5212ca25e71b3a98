"""Exemplar-based texture fill: multi-scale PatchMatch with patch voting (Wexler et al. 2007).

Large holes in grass, gravel, fabric or brickwork need texture copied from elsewhere in
the photo, not smooth colour. The nearest-neighbour field is found with PatchMatch
(Barnes et al. 2009), evaluated for every hole pixel at once (jump-flood propagation
and random search) so NumPy does the work instead of a Python loop per pixel.
"""
from __future__ import annotations

import threading

import cv2
import numpy as np

from ..jobs import check_cancel
from .inpainter import Inpainter

PATCH = 7
R = PATCH // 2
_OFFSETS = [(dy, dx) for dy in range(-R, R + 1) for dx in range(-R, R + 1)]


def _ssd(img: np.ndarray, trust: np.ndarray, ty, tx, sy, sx) -> np.ndarray:
    """Patch distance, each target pixel weighted by how much its current colour can be trusted."""
    d = np.zeros(len(ty), np.float32)
    for dy, dx in _OFFSETS:
        diff = img[ty + dy, tx + dx] - img[sy + dy, sx + dx]
        d += trust[ty + dy, tx + dx] * (diff * diff).sum(axis=1)
    return d


def _valid_sources(mask: np.ndarray) -> np.ndarray:
    """Centres whose whole patch lies in known pixels and inside the image."""
    known = (~mask).astype(np.uint8)
    ok = cv2.erode(known, np.ones((PATCH, PATCH), np.uint8), borderType=cv2.BORDER_CONSTANT, borderValue=0) > 0
    ok[:R], ok[-R:], ok[:, :R], ok[:, -R:] = False, False, False, False
    return ok


def _patchmatch(img, trust, ty, tx, sy, sx, valid, rng, rounds: int = 2, reach: int | None = None):
    h, w = valid.shape
    vy, vx = np.nonzero(valid)
    cost = _ssd(img, trust, ty, tx, sy, sx)
    index = -np.ones((h, w), np.int64)
    index[ty, tx] = np.arange(len(ty))

    def consider(cy, cx):
        nonlocal sy, sx, cost
        cy = np.clip(cy, 0, h - 1)
        cx = np.clip(cx, 0, w - 1)
        ok = valid[cy, cx]
        if not ok.any():
            return
        idx = np.nonzero(ok)[0]
        c = _ssd(img, trust, ty[idx], tx[idx], cy[idx], cx[idx])
        better = c < cost[idx]
        j = idx[better]
        sy, sx, cost = sy.copy(), sx.copy(), cost.copy()
        sy[j], sx[j], cost[j] = cy[idx][better], cx[idx][better], c[better]

    reach = reach or max(h, w)
    for _ in range(rounds):
        step = 1 << int(np.log2(max(1, min(reach, max(h, w)))))
        while step >= 1:
            for dy, dx in ((0, step), (0, -step), (step, 0), (-step, 0)):
                ny, nx = ty + dy, tx + dx
                inside = (ny >= 0) & (ny < h) & (nx >= 0) & (nx < w)
                nb = np.where(inside, index[np.clip(ny, 0, h - 1), np.clip(nx, 0, w - 1)], -1)
                has = nb >= 0
                cy = np.where(has, sy[np.maximum(nb, 0)] - dy, sy)
                cx = np.where(has, sx[np.maximum(nb, 0)] - dx, sx)
                consider(cy, cx)
            step //= 2
        radius = min(reach, max(h, w))
        while radius >= 1:
            consider(sy + rng.integers(-radius, radius + 1, len(sy)), sx + rng.integers(-radius, radius + 1, len(sx)))
            radius //= 2
        # a few fresh random sources keep the search from settling on one region
        pick = rng.integers(0, len(vy), len(ty))
        consider(vy[pick], vx[pick])
    return sy, sx, cost


def _vote(img: np.ndarray, mask: np.ndarray, ty, tx, sy, sx, cost) -> np.ndarray:
    """Each hole pixel becomes the average of what the patches covering it propose, good matches
    weighing more (a soft choice that sharpens as the matches improve)."""
    h, w = mask.shape
    sigma2 = float(np.median(cost)) + 1e-3
    wts = np.exp(-cost / (2 * sigma2))
    # bincount over flat indices: the same sums as np.add.at, an order of magnitude faster
    idx = np.concatenate([(ty + dy) * w + (tx + dx) for dy, dx in _OFFSETS])
    vals = np.concatenate([img[sy + dy, sx + dx] * wts[:, None] for dy, dx in _OFFSETS])
    weight = np.bincount(idx, weights=np.tile(wts, len(_OFFSETS)), minlength=h * w).reshape(h, w)
    acc = np.stack([np.bincount(idx, weights=vals[:, c], minlength=h * w) for c in range(img.shape[2])],
                   axis=1).reshape(h, w, -1).astype(np.float32)
    out = img.copy()
    m = mask & (weight > 0)
    out[m] = acc[m] / weight[m][:, None]
    return out


def texture_fill(rgb: np.ndarray, mask: np.ndarray, *, seed: int = 0, iterations: int = 3,
                 cancel: threading.Event | None = None) -> np.ndarray:
    rng = np.random.default_rng(seed)
    h, w = mask.shape
    levels = [(rgb.astype(np.float32), mask.astype(bool))]
    while min(levels[-1][1].shape) >= 4 * PATCH and levels[-1][1].sum() > 64:
        im, m = levels[-1]
        small = cv2.resize(im, (im.shape[1] // 2, im.shape[0] // 2), interpolation=cv2.INTER_AREA)
        sm = cv2.resize(m.astype(np.float32), (m.shape[1] // 2, m.shape[0] // 2), interpolation=cv2.INTER_AREA) > 0
        levels.append((small, sm))
    current = None
    prev = None
    for im, m in reversed(levels):
        lh, lw = m.shape
        pad = R
        work = cv2.copyMakeBorder(im, pad, pad, pad, pad, cv2.BORDER_REFLECT)
        wmask = np.pad(m, pad, constant_values=False)
        if current is None:
            seed_fill = cv2.inpaint(np.clip(im, 0, 255).astype(np.uint8), m.astype(np.uint8) * 255, 3,
                                    cv2.INPAINT_TELEA).astype(np.float32)
        else:
            seed_fill = cv2.resize(current, (lw, lh), interpolation=cv2.INTER_LINEAR)
        work[pad:pad + lh, pad:pad + lw][m] = seed_fill[m]
        valid = _valid_sources(wmask)
        # Copy from near the hole: distant regions of the crop are more likely other materials.
        ring = max(2 * PATCH, int(np.sqrt(m.sum())))
        near = cv2.dilate(wmask.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * ring + 1,) * 2))
        if (valid & (near > 0)).sum() > 4 * PATCH * PATCH:
            valid &= near > 0
        if not valid.any():
            current = work[pad:pad + lh, pad:pad + lw]
            prev = None
            continue
        # Targets: every patch centre whose patch touches the hole.
        touch = cv2.dilate(wmask.astype(np.uint8), np.ones((PATCH, PATCH), np.uint8)) > 0
        touch[:R], touch[-R:], touch[:, :R], touch[:, -R:] = False, False, False, False
        ty, tx = np.nonzero(touch)
        vy, vx = np.nonzero(valid)
        pick = rng.integers(0, len(vy), len(ty))
        sy, sx = vy[pick], vx[pick]
        if prev is not None:
            # Start from the coarser level's matches, doubled: PatchMatch then only refines locally.
            pmap, ppad = prev
            py, px = (ty - pad) // 2 + ppad, (tx - pad) // 2 + ppad
            inside = (py >= 0) & (py < pmap.shape[0]) & (px >= 0) & (px < pmap.shape[1])
            cand = np.where(inside[:, None], pmap[np.clip(py, 0, pmap.shape[0] - 1), np.clip(px, 0, pmap.shape[1] - 1)], -1)
            cy = 2 * (cand[:, 0] - ppad) + (ty - pad) % 2 + pad
            cx = 2 * (cand[:, 1] - ppad) + (tx - pad) % 2 + pad
            ok = (cand[:, 0] >= 0) & (cy >= 0) & (cy < valid.shape[0]) & (cx >= 0) & (cx < valid.shape[1])
            ok[ok] = valid[cy[ok], cx[ok]]
            sy, sx = np.where(ok, cy, sy), np.where(ok, cx, sx)
        reach = None if prev is None else 8
        finest = m.shape == mask.shape
        trust = np.ones(wmask.shape, np.float32)
        if current is None:
            # The first fill is a smooth guess: trust it a little, so known context leads the match.
            trust[wmask] = 0.25
        for it in range(iterations + (2 if finest else 0)):
            check_cancel(cancel)
            sy, sx, cost = _patchmatch(work, trust, ty, tx, sy, sx, valid, rng, reach=reach)
            work = _vote(work, wmask, ty, tx, sy, sx, cost)
            trust[wmask] = 1.0
        if finest:
            # Averaging overlapping patches blurs texture; the last pass copies each hole pixel
            # from the centre of its best match instead, which keeps grain and edges crisp.
            sy, sx, _ = _patchmatch(work, trust, ty, tx, sy, sx, valid, rng, reach=reach)
            hole = wmask[ty, tx]
            work[ty[hole], tx[hole]] = work[sy[hole], sx[hole]]
        current = work[pad:pad + lh, pad:pad + lw]
        nnf = -np.ones(wmask.shape + (2,), np.int64)
        nnf[ty, tx, 0], nnf[ty, tx, 1] = sy, sx
        prev = (nnf, pad)
    out = rgb.copy()
    out[mask] = np.clip(current[mask] + 0.5, 0, 255).astype(np.uint8)
    return out


class TextureInpainter(Inpainter):
    name = "patch"
    label = "Texture fill (PatchMatch)"
    description = "Copies texture from around the hole: best for large holes in grass, gravel, fabric or walls."

    def margin(self, hole_size: int) -> int:
        # Enough surrounding texture to copy from: about the hole's own size.
        return max(24, min(hole_size, 256))

    def inpaint(self, rgb: np.ndarray, mask: np.ndarray, cancel: threading.Event | None = None) -> np.ndarray:
        return texture_fill(rgb, mask, cancel=cancel)
