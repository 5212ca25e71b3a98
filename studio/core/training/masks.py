"""Procedural damage masks for training and evaluating inpainting."""
from __future__ import annotations

import cv2
import numpy as np

KINDS = ("thin", "medium", "thick", "box", "blob", "scratch")


def _strokes(rng: np.random.Generator, h: int, w: int, widths: tuple[int, int], n: tuple[int, int]) -> np.ndarray:
    m = np.zeros((h, w), np.uint8)
    for _ in range(rng.integers(*n)):
        x, y = rng.integers(0, w), rng.integers(0, h)
        for _ in range(rng.integers(2, 6)):
            angle = rng.uniform(0, 2 * np.pi)
            length = rng.uniform(0.1, 0.35) * max(h, w)
            nx = int(np.clip(x + length * np.cos(angle), 0, w - 1))
            ny = int(np.clip(y + length * np.sin(angle), 0, h - 1))
            cv2.line(m, (x, y), (nx, ny), 255, int(rng.integers(*widths)), lineType=cv2.LINE_AA)
            x, y = nx, ny
    return m > 127


def _scratch(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """1-3 px curves across the photo, like scratches on a print or film."""
    m = np.zeros((h, w), np.uint8)
    for _ in range(rng.integers(1, 4)):
        t = np.linspace(0, 1, 50)
        x0, x1 = rng.uniform(0, w, 2)
        bend = rng.uniform(-0.15, 0.15) * w
        xs = x0 + (x1 - x0) * t + bend * np.sin(np.pi * t)
        ys = t * h if rng.random() < 0.7 else rng.uniform(0, h) + (t - 0.5) * rng.uniform(0.2, 1) * h
        pts = np.stack([xs, ys], 1).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(m, [pts], False, 255, int(rng.integers(1, 4)))
    return m > 0


def _box(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    m = np.zeros((h, w), bool)
    for _ in range(rng.integers(1, 3)):
        bh, bw = int(rng.uniform(0.1, 0.3) * h), int(rng.uniform(0.1, 0.3) * w)
        y, x = rng.integers(0, h - bh), rng.integers(0, w - bw)
        m[y:y + bh, x:x + bw] = True
    return m


def _blob(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """Stains and tears: smooth random shapes from thresholded low-frequency noise."""
    small = rng.normal(0, 1, (max(2, h // 16), max(2, w // 16))).astype(np.float32)
    field = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    thresh = np.quantile(field, 1 - rng.uniform(0.04, 0.15))
    return field > thresh


def random_mask(rng: np.random.Generator, h: int, w: int, kind: str | None = None) -> np.ndarray:
    kind = kind or KINDS[rng.integers(len(KINDS))]
    if kind == "thin":
        return _strokes(rng, h, w, (3, 7), (1, 4))
    if kind == "medium":
        return _strokes(rng, h, w, (7, 15), (1, 3))
    if kind == "thick":
        return _strokes(rng, h, w, (15, 28), (1, 3))
    if kind == "box":
        return _box(rng, h, w)
    if kind == "blob":
        return _blob(rng, h, w)
    if kind == "scratch":
        return _scratch(rng, h, w)
    raise ValueError(f"unknown mask kind {kind!r}")
