"""A health check of a training folder before any training time is spent on it.

Counts what can be read and flags what would quietly hurt a model or its
measurements: unreadable files, exact copies (same pixels file), near copies
(the same picture resized or re-encoded, found by a perceptual hash and
confirmed on a small thumbnail), images too small for the chosen resolution,
greyscale images, extreme aspect ratios, and near copies that straddle the
training / held-out split — those let a model be scored on what it trained on.
"""
from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from ..errors import StudioError
from ..images import find_images
from ..jobs import ProgressFn, check_cancel, report
from .data import split_holdout

NEAR_BITS = 6  # perceptual-hash bits two near copies may differ in (resizing and JPEG change 0–4)
NEAR_THUMB_CORRELATION = 0.93  # and their 16 × 16 thumbnails must agree this well
NEAR_COLOUR = 10.0  # and their 8 × 8 colour thumbnails within this many grey levels on average
EXTREME_ASPECT = 2.5  # longer side over shorter side
GREY_SPREAD = 3.0  # mean channel spread (grey levels) below which an image counts as greyscale


@dataclass
class _Item:
    path: str
    sha256: str = ""
    size: tuple[int, int] = (0, 0)
    phash: int = 0
    thumb: np.ndarray | None = None
    colour: np.ndarray | None = None
    grey: bool = False
    error: str | None = None


@dataclass
class DataReport:
    folder: str
    images: int  # files that read as images
    unreadable: list[str] = field(default_factory=list)
    exact_duplicates: list[list[str]] = field(default_factory=list)  # groups of identical files
    near_duplicates: list[list[str]] = field(default_factory=list)  # pairs: the same picture, changed
    too_small: list[str] = field(default_factory=list)
    greyscale: list[str] = field(default_factory=list)
    extreme_aspect: list[str] = field(default_factory=list)
    across_split: list[list[str]] = field(default_factory=list)  # near/exact copies, one trained, one held out
    resolution: int = 64
    holdout: int = 0

    @property
    def greyscale_share(self) -> float:
        return len(self.greyscale) / self.images if self.images else 0.0

    def leave_out(self) -> list[str]:
        """What a trainer should skip: unreadable and too-small files, and all but one of each set of copies."""
        out = set(self.unreadable) | set(self.too_small)
        for group in self.exact_duplicates + self.near_duplicates:
            out |= set(sorted(group)[1:])
        return sorted(out)

    def to_dict(self) -> dict:
        return {"folder": self.folder, "images": self.images, "unreadable": self.unreadable,
                "exact_duplicates": self.exact_duplicates, "near_duplicates": self.near_duplicates,
                "too_small": self.too_small, "greyscale": self.greyscale, "greyscale_share": self.greyscale_share,
                "extreme_aspect": self.extreme_aspect, "across_split": self.across_split,
                "resolution": self.resolution, "holdout": self.holdout, "leave_out": self.leave_out()}

    def lines(self) -> list[str]:
        n = self.images
        out = [f"{self.folder}: {n} images"]
        for label, items in (("unreadable", self.unreadable), ("smaller than " f"{self.resolution} px", self.too_small),
                             ("with an extreme aspect ratio", self.extreme_aspect)):
            if items:
                out.append(f"  {len(items)} {label}: " + ", ".join(Path(p).name for p in items[:8])
                           + (" …" if len(items) > 8 else ""))
        if self.greyscale:
            out.append(f"  {len(self.greyscale)} greyscale ({self.greyscale_share:.1%})")
        for label, groups in (("exact copies", self.exact_duplicates), ("near copies", self.near_duplicates),
                              ("copies across the training/held-out split", self.across_split)):
            if groups:
                out.append(f"  {len(groups)} sets of {label}:")
                out += ["    " + " = ".join(Path(p).name for p in g) for g in groups[:10]]
                if len(groups) > 10:
                    out.append(f"    … and {len(groups) - 10} more")
        leave = self.leave_out()
        out.append(f"  leave out {len(leave)} file(s) to train on clean data" if leave else "  nothing to leave out")
        return out


def perceptual_hash(grey: np.ndarray) -> int:
    """64-bit DCT hash: the signs of the lowest frequencies against their median (pHash)."""
    small = cv2.resize(grey.astype(np.float32), (32, 32), interpolation=cv2.INTER_AREA)
    low = cv2.dct(small)[:8, :8].ravel()
    bits = low > np.median(low[1:])
    return int("".join("1" if b else "0" for b in bits), 2)


def _read(path: Path) -> _Item:
    item = _Item(str(path))
    try:
        data = path.read_bytes()
        item.sha256 = hashlib.sha256(data).hexdigest()
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) if data else None
        if img is None:
            raise ValueError("not an image" if data else "empty file")
    except (OSError, ValueError, cv2.error) as exc:
        item.error = str(exc)
        return item
    h, w = img.shape[:2]
    item.size = (w, h)
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    item.phash = perceptual_hash(grey)
    thumb = cv2.resize(grey, (16, 16), interpolation=cv2.INTER_AREA).astype(np.float32).ravel()
    item.thumb = (thumb - thumb.mean()) / (thumb.std() + 1e-6)
    small = cv2.resize(img, (64, 64), interpolation=cv2.INTER_AREA).astype(np.float32)
    item.colour = cv2.resize(small, (8, 8), interpolation=cv2.INTER_AREA)
    item.grey = float(np.abs(small - small.mean(axis=2, keepdims=True)).mean()) < GREY_SPREAD
    return item


def _near_pairs(items: list[_Item]) -> list[tuple[int, int]]:
    """Pairs within NEAR_BITS of each other: any two such hashes agree exactly on one of 8 byte-slices."""
    buckets: dict[tuple[int, int], list[int]] = {}
    for i, it in enumerate(items):
        for s in range(8):
            buckets.setdefault((s, (it.phash >> (8 * s)) & 0xFF), []).append(i)
    pairs = set()
    for members in buckets.values():
        if len(members) > 1:
            for a_i, a in enumerate(members):
                for b in members[a_i + 1:]:
                    if bin(items[a].phash ^ items[b].phash).count("1") <= NEAR_BITS:
                        pairs.add((min(a, b), max(a, b)))
    def same_picture(a: _Item, b: _Item) -> bool:
        # The hash and the thumbnail see structure only; a copy also keeps its colours.
        return (float(np.dot(a.thumb, b.thumb)) / a.thumb.size >= NEAR_THUMB_CORRELATION
                and float(np.abs(a.colour - b.colour).mean()) <= NEAR_COLOUR)

    return [(a, b) for a, b in sorted(pairs) if same_picture(items[a], items[b])]


def check_data(folder: str | os.PathLike, *, resolution: int = 64, holdout: int = 1000, seed: int = 0,
               progress: ProgressFn | None = None, cancel: threading.Event | None = None) -> DataReport:
    """Check every image under ``folder``; ``holdout`` and ``seed`` describe the face trainer's split."""
    files = find_images(folder)
    if not files:
        raise StudioError(f"{folder}: no image files found")
    items: list[_Item] = []
    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        for start in range(0, len(files), 256):
            check_cancel(cancel)
            items += pool.map(_read, files[start:start + 256])
            report(progress, len(items), len(files), f"reading {len(items)}/{len(files)}")
    rep = DataReport(str(folder), images=sum(it.error is None for it in items), resolution=resolution)
    rep.unreadable = [it.path for it in items if it.error is not None]
    good = [it for it in items if it.error is None]
    rep.too_small = [it.path for it in good if min(it.size) < resolution]
    rep.greyscale = [it.path for it in good if it.grey]
    rep.extreme_aspect = [it.path for it in good if max(it.size) / max(1, min(it.size)) > EXTREME_ASPECT]
    by_hash: dict[str, list[str]] = {}
    for it in good:
        by_hash.setdefault(it.sha256, []).append(it.path)
    rep.exact_duplicates = [sorted(g) for g in by_hash.values() if len(g) > 1]
    # Near copies: one representative per exact-copy group, so identical files are not reported twice.
    firsts = {g[0] for g in by_hash.values()}
    unique = [it for it in good if it.path in firsts]
    rep.near_duplicates = [[unique[a].path, unique[b].path] for a, b in _near_pairs(unique)]
    # The split the face trainer makes over the readable images, in the same order.
    _, held_idx = split_holdout(len(good), holdout, seed)
    rep.holdout = len(held_idx)
    held = {good[i].path for i in held_idx}
    for group in rep.exact_duplicates + rep.near_duplicates:
        sides = {p in held for p in group}
        if len(sides) == 2:
            rep.across_split.append(group)
    report(progress, len(files), len(files), "done")
    return rep
