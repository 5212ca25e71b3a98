"""Proposing a damage mask for scanned photos: dust, spots, scratches and small tears.

Two detectors sit behind :func:`detect_damage` with the same sensitivity in and
the same mask out: Studio's learned network (the default when its model is
installed, see :mod:`studio.core.photo.damage_learned`) and the classical one below.

The classical detector: damage is small or thin, much brighter or darker than what surrounds it, and
sparse; texture (fur, foliage) is also high-contrast but dense. So: find pixels
that stand out from a median-filtered copy by several times the photo's own
noise level, keep connected parts that are small or long and thin, and drop
any that sit in busy texture.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import Enum

import cv2
import numpy as np

from ..jobs import ProgressFn, check_cancel, report
from ..errors import StudioError


class Detector(str, Enum):
    AUTO = "auto"  # the learned one when its model is installed, else the classical one
    LEARNED = "learned"
    CLASSICAL = "classical"


DETECTORS = tuple(d.value for d in Detector)


@dataclass
class DamageParams:
    sensitivity: float = 0.5  # 0 finds only the most obvious damage, 1 also faint marks
    detector: Detector = Detector.AUTO
    max_spot_area: int = 400  # px; larger compact marks are objects, not dust (at 1 megapixel)
    min_scratch_length: int = 25  # px; thin parts at least this long count as scratches
    texture_density: float = 0.03  # above this share of outlier pixels around a point it is texture
    grow: int = 2  # px added around each detection so the repair covers the mark's soft edge


MIN_CONTRAST = 30.0  # grey levels; dust and scratches on prints stand out by far more than this


def _outliers(gray: np.ndarray, k: int, thresh_scale: float, min_contrast: float) -> tuple[np.ndarray, np.ndarray]:
    med = cv2.medianBlur(gray, k)
    resid = gray.astype(np.int16) - med.astype(np.int16)
    # Noise level from the median absolute residual: robust to the damage itself.
    sigma = 1.4826 * np.median(np.abs(resid)) + 1.0
    t = max(min_contrast, thresh_scale * sigma)
    return resid > t, resid < -t


@dataclass
class DamageSummary:
    defects: int  # separate marks found
    share: float  # of the photo's pixels marked, 0-1

    def __str__(self) -> str:
        return f"{self.defects} defect{'s' if self.defects != 1 else ''}, {self.share * 100:.2f}% of the pixels"


def summarize(mask: np.ndarray) -> DamageSummary:
    n = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)[0] - 1 if mask.any() else 0
    return DamageSummary(int(n), float(mask.mean()) if mask.size else 0.0)


def learned_available() -> bool:
    from .damage_learned import default_damage_model

    return default_damage_model() is not None


def detect_damage(
    rgb: np.ndarray,
    params: DamageParams | None = None,
    *,
    device=None,
    model=None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> np.ndarray:
    """A boolean (H, W) mask of likely damage, for the user to review before repairing.

    ``model`` picks a damage model file other than the installed default (benchmarks of a new model).
    """
    p = params or DamageParams()
    if p.detector not in DETECTORS:
        raise StudioError(f"unknown damage detector {p.detector!r} (choose from {', '.join(DETECTORS)})")
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise StudioError("expected an RGB image with 8 bits per channel")
    if p.detector == "learned" or model is not None or (p.detector == "auto" and learned_available()):
        from .damage_learned import get_detector

        return get_detector(device, model).detect(rgb, p.sensitivity, progress=progress, cancel=cancel)
    return detect_classical(rgb, p, progress=progress, cancel=cancel)


def confidence(rgb: np.ndarray, *, device=None, progress: ProgressFn | None = None,
               cancel: threading.Event | None = None) -> np.ndarray | None:
    """The learned detector's probability of damage per pixel (None without a learned detector)."""
    if not learned_available():
        return None
    from .damage_learned import get_detector

    return get_detector(device).probability(rgb, progress=progress, cancel=cancel)


def detect_classical(
    rgb: np.ndarray,
    params: DamageParams | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> np.ndarray:
    """Outliers from a median filter, kept when small or thin and not in busy texture."""
    p = params or DamageParams()
    h, w = rgb.shape[:2]
    scale = max(1.0, (h * w / 1e6) ** 0.5)  # size limits are per megapixel
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    thresh_scale = 9.0 - 5.0 * float(np.clip(p.sensitivity, 0, 1))
    report(progress, 0, 4, "finding outliers")
    # The contrast floor moves with the sensitivity too: on clean scans it, not the noise, decides.
    bright, dark = _outliers(gray, 7, thresh_scale, MIN_CONTRAST * (1.5 - float(np.clip(p.sensitivity, 0, 1))))
    check_cancel(cancel)
    cand = bright | dark
    win = int(31 * scale) | 1
    # Texture is judged at one fixed contrast, so a higher sensitivity finds fainter marks
    # instead of making every neighbourhood look busier.
    ref = _outliers(gray, 7, 6.5, MIN_CONTRAST)
    density = cv2.boxFilter((ref[0] | ref[1]).astype(np.float32), -1, (win, win))
    report(progress, 1, 4, "measuring texture")
    check_cancel(cancel)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cand.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, bool)
    max_area = p.max_spot_area * scale * scale
    min_len = p.min_scratch_length * scale
    # Per component: how busy is the neighbourhood (mean texture density under it)?
    counts = np.maximum(stats[:, 4], 1)
    busy = np.bincount(labels.ravel(), weights=density.ravel(), minlength=n) / counts
    # Dust, scratches and tears on prints and scans are near-neutral and near white or black;
    # painted stripes, text and highlights in the scene usually are not.
    # Colourfulness as the spread between channels, not HSV saturation: near black, a few levels
    # of JPEG chroma noise make saturation jump to its maximum.
    chroma = (rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)).ravel().astype(np.float64)
    colour = np.bincount(labels.ravel(), weights=chroma, minlength=n) / counts
    lum = np.bincount(labels.ravel(), weights=gray.ravel().astype(np.float64), minlength=n) / counts
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if busy[i] > p.texture_density + area / (win * win):
            continue
        if colour[i] > 35 or not (lum[i] >= 170 or lum[i] <= 70):
            continue
        length = max(bw, bh)
        thin = area / max(length, 1) <= 4.0
        if area <= max_area and length <= 3 * np.sqrt(max_area):
            keep[i] = area >= 2 or thresh_scale < 6  # single-pixel hits are noise unless asked for faint marks
        elif thin and length >= min_len:
            keep[i] = True
    report(progress, 2, 4, "checking shapes")
    mask = keep[labels]
    if p.grow > 0 and mask.any():
        k = 2 * int(round(p.grow * scale)) + 1
        mask = cv2.dilate(mask.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))) > 0
    report(progress, 4, 4, f"{mask.mean() * 100:.2f}% of the photo marked")
    return mask


def add_synthetic_damage(rgb: np.ndarray, rng: np.random.Generator, *, dust: int = 40, scratches: int = 3,
                         tears: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Damage a clean photo the way scans are damaged; returns (damaged, true mask) for evaluation."""
    h, w = rgb.shape[:2]
    out = rgb.copy()
    mask = np.zeros((h, w), np.uint8)
    for _ in range(dust):
        r = int(rng.integers(1, 4))
        c = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        val = 250 if rng.random() < 0.6 else 10
        cv2.circle(out, c, r, (val, val, val), -1, lineType=cv2.LINE_AA)
        cv2.circle(mask, c, r, 255, -1)
    for _ in range(scratches):
        x0 = rng.uniform(0, w)
        t = np.linspace(0, 1, 40)
        xs = x0 + rng.uniform(-0.2, 0.2) * w * t + rng.uniform(-8, 8) * np.sin(t * np.pi * rng.uniform(1, 3))
        y0, y1 = sorted(rng.uniform(0, h, 2))
        ys = y0 + (y1 - y0 + h * 0.3) * t
        pts = np.stack([xs, ys], 1).astype(np.int32).reshape(-1, 1, 2)
        val = 245 if rng.random() < 0.7 else 15
        width = int(rng.integers(1, 3))
        cv2.polylines(out, [pts], False, (val, val, val), width, lineType=cv2.LINE_AA)
        cv2.polylines(mask, [pts], False, 255, width)
    for _ in range(tears):
        cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
        pts = np.stack([cx + rng.normal(0, 6, 8), cy + rng.normal(0, 6, 8)], 1).astype(np.int32)
        hull = cv2.convexHull(pts)
        cv2.fillPoly(out, [hull], (240, 238, 232))
        cv2.fillPoly(mask, [hull], 255)
    return out, mask > 0


def precision_recall(pred: np.ndarray, truth: np.ndarray, tolerance: int = 2) -> tuple[float, float]:
    """Pixel precision and recall, forgiving boundary disagreements of ``tolerance`` px."""
    k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * tolerance + 1, 2 * tolerance + 1))
    truth_grown = cv2.dilate(truth.astype(np.uint8), k) > 0
    pred_grown = cv2.dilate(pred.astype(np.uint8), k) > 0
    precision = float((pred & truth_grown).sum() / max(pred.sum(), 1))
    recall = float((truth & pred_grown).sum() / max(truth.sum(), 1))
    return precision, recall
