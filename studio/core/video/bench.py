"""Measuring video repair on real footage with damage added synthetically.

Each bench decodes a clip, damages a copy in a known way, runs the same
stages the app runs, and scores against the undamaged frames. The baselines
run side by side in the same process.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import cv2
import numpy as np

from ..metrics import psnr
from ..photo.damage import precision_recall
from ..training.masks import random_mask
from .dust import DustParams, DustStats, clean_dust
from .fill import FillParams, FillStats, fill_masked
from .frames import FrameCheckParams, FrameCheckReport, replace_broken_frames
from .io import Frame, read_frames

CORRUPTIONS = ("black", "noise", "shift", "blocky", "flash")


def load_clip(path, frames: int) -> list[np.ndarray]:
    out = []
    for f in read_frames(path):
        if f.index >= frames:
            break
        out.append(f.rgb)
    return out


def corrupt(rgb: np.ndarray, kind: str, rng: np.random.Generator) -> np.ndarray:
    """A frame broken the way transmission errors and bad tape break frames."""
    h, w = rgb.shape[:2]
    if kind == "black":
        return np.full_like(rgb, int(rng.integers(0, 12)))
    if kind == "noise":
        return rng.integers(0, 256, rgb.shape, dtype=np.uint8)
    if kind == "shift":
        return np.roll(rgb, (int(rng.integers(8, 40)), int(rng.integers(-40, 40))), (0, 1))
    if kind == "flash":
        return np.clip(rgb.astype(np.float32) * 1.5 + 60, 0, 255).astype(np.uint8)
    if kind == "blocky":
        # A lost slice: from some macroblock row down, blocks slide sideways and take a tint.
        out = rgb.copy()
        y0 = int(rng.integers(h // 5, h // 2)) // 16 * 16
        band = np.roll(rgb[y0:], int(rng.integers(16, 64)) * (1 if rng.random() < 0.5 else -1), axis=1).astype(np.int16)
        band += np.array([int(rng.integers(-40, 0)), int(rng.integers(10, 50)), int(rng.integers(-40, 0))], np.int16)
        out[y0:] = np.clip(band, 0, 255).astype(np.uint8)
        return out
    raise ValueError(f"unknown corruption {kind!r}")


def add_film_dust(rgb: np.ndarray, rng: np.random.Generator, specks: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Specks and short hair-like scratches on one frame; returns (damaged, true mask)."""
    h, w = rgb.shape[:2]
    out = rgb.copy()
    mask = np.zeros((h, w), np.uint8)
    for _ in range(specks):
        val = 235 if rng.random() < 0.5 else 20
        c = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        if rng.random() < 0.75:
            r = int(rng.integers(1, 5))
            cv2.circle(out, c, r, (val, val, val), -1)
            cv2.circle(mask, c, r, 255, -1)
        else:
            pts = (np.array(c) + np.cumsum(rng.normal(0, 3, (6, 2)), 0)).astype(np.int32).reshape(-1, 1, 2)
            cv2.polylines(out, [pts], False, (val, val, val), 1)
            cv2.polylines(mask, [pts], False, 255, 1)
    return out, mask > 0


@dataclass
class FillBench:
    frames: int
    psnr_ours: float
    psnr_telea: float
    flicker_ours: float
    flicker_telea: float
    from_other_frames: float
    fps_ours: float


def _hole_psnr(outs, truth, masks) -> float:
    return float(np.mean([psnr(o[m], g[m]) for o, g, m in zip(outs, truth, masks) if m.any()]))


def _flicker(outs, truth, masks) -> float:
    """Mean frame-to-frame change in the repaired areas beyond the change in the true footage."""
    vals = []
    for i in range(1, len(outs)):
        m = masks[i] | masks[i - 1]
        if m.any():
            d = (outs[i].astype(np.float32) - outs[i - 1]) - (truth[i].astype(np.float32) - truth[i - 1])
            vals.append(float(np.abs(d[m]).mean()))
    return float(np.mean(vals))


def bench_fill(clip: list[np.ndarray], *, seed: int = 0, static: bool = False,
               cancel: threading.Event | None = None) -> FillBench:
    """Per-frame holes (strokes and blobs; or one fixed box with ``static``) vs per-frame Telea."""
    rng = np.random.default_rng(seed)
    h, w = clip[0].shape[:2]
    masks = []
    for i in range(len(clip)):
        if static:
            m = np.zeros((h, w), bool)
            m[h // 10: h // 10 + h // 8, w // 2: w // 2 + w // 5] = True
        else:
            m = random_mask(rng, h, w, ("medium", "blob", "thick")[i % 3])
        masks.append(m)
    damaged = []
    for g, m in zip(clip, masks):
        d = g.copy()
        d[m] = (255, 0, 255)
        damaged.append(d)
    stats = FillStats()
    t = time.perf_counter()
    ours = [f.rgb for f in fill_masked((Frame(i, None, d.copy(), m) for i, (d, m) in enumerate(zip(damaged, masks))),
                                       FillParams(), stats=stats, cancel=cancel)]
    elapsed = time.perf_counter() - t
    telea = [cv2.inpaint(d, m.astype(np.uint8) * 255, 5, cv2.INPAINT_TELEA) for d, m in zip(damaged, masks)]
    return FillBench(len(clip), _hole_psnr(ours, clip, masks), _hole_psnr(telea, clip, masks),
                     _flicker(ours, clip, masks), _flicker(telea, clip, masks), stats.temporal_share,
                     len(clip) / elapsed)


@dataclass
class FramesBench:
    frames: int
    corrupted: int
    precision: float
    recall: float
    psnr_replaced: float  # rebuilt frames vs the originals
    psnr_broken: float  # the broken frames vs the originals, for scale
    clean_changed: int  # clean frames the stage altered (should be 0)


def bench_frames(clip: list[np.ndarray], *, seed: int = 0, every: int = 20,
                 cancel: threading.Event | None = None) -> FramesBench:
    """Corrupt about one frame in ``every`` (some in pairs) and score detection and rebuilding."""
    rng = np.random.default_rng(seed)
    broken: dict[int, str] = {}
    i = int(rng.integers(3, every))
    while i < len(clip) - 3:
        kind = CORRUPTIONS[len(broken) % len(CORRUPTIONS)]
        broken[i] = kind
        if rng.random() < 0.25:
            broken[i + 1] = kind if rng.random() < 0.5 else CORRUPTIONS[int(rng.integers(len(CORRUPTIONS)))]
        i += int(rng.integers(every // 2, every * 3 // 2))
    frames = []
    for idx, g in enumerate(clip):
        frames.append(Frame(idx, None, corrupt(g, broken[idx], rng) if idx in broken else g.copy()))
    bad = {idx: f.rgb.copy() for idx, f in enumerate(frames) if idx in broken}
    rep = FrameCheckReport()
    out = list(replace_broken_frames(frames, FrameCheckParams(), report=rep, cancel=cancel))
    found = set(rep.indices)
    truth = set(broken)
    tp = len(found & truth)
    changed = sum(1 for f in out if f.index not in truth and not np.array_equal(f.rgb, clip[f.index]))
    rebuilt = [psnr(out[i].rgb, clip[i]) for i in sorted(found & truth)]
    return FramesBench(len(clip), len(truth), tp / max(len(found), 1), tp / max(len(truth), 1),
                       float(np.mean(rebuilt)) if rebuilt else 0.0,
                       float(np.mean([psnr(bad[i], clip[i]) for i in truth])), changed)


@dataclass
class DustBench:
    frames: int
    precision: float
    recall: float
    psnr_before: float  # damaged frames vs the originals, inside the true specks
    psnr_after: float
    clean_false_pixels: float  # share of pixels changed on the undamaged clip


def bench_dust(clip: list[np.ndarray], *, seed: int = 0, cancel: threading.Event | None = None) -> DustBench:
    rng = np.random.default_rng(seed)
    damaged, truth = [], []
    for g in clip:
        d, m = add_film_dust(g, rng)
        damaged.append(d)
        truth.append(m)
    out = [f.rgb for f in clean_dust((Frame(i, None, d.copy()) for i, d in enumerate(damaged)), DustParams(),
                                      stats=DustStats(), cancel=cancel)]
    inner = range(len(clip))
    ps, rs = [], []
    for i in inner:
        found = np.any(out[i] != damaged[i], axis=2)
        p, r = precision_recall(found, truth[i])
        if found.any():
            ps.append(p)
        rs.append(r)
    before = float(np.mean([psnr(damaged[i][truth[i]], clip[i][truth[i]]) for i in inner]))
    after = float(np.mean([psnr(out[i][truth[i]], clip[i][truth[i]]) for i in inner]))
    clean = [f.rgb for f in clean_dust((Frame(i, None, g.copy()) for i, g in enumerate(clip)), DustParams(),
                                        stats=DustStats(), cancel=cancel)]
    false = float(np.mean([np.any(c != g, axis=2).mean() for c, g in zip(clean, clip)]))
    return DustBench(len(clip), float(np.mean(ps)) if ps else 0.0, float(np.mean(rs)), before, after, false)
