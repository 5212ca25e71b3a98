"""The learned damage detector: tiled inference of the damage network, a threshold from the sensitivity."""
from __future__ import annotations

import math
import threading

import cv2
import numpy as np
import torch
import torch.nn.functional as F

from ..device import pick_device
from ..jobs import ProgressFn, check_cancel, report
from ..errors import StudioError
from ..nets.damage import fuse_batchnorm
from ..registry import ModelInfo, load_model
from ..variants import full_models, runtime_model
from .scratch_bridge import bridge_scratches

TILE = 768  # px of output per tile: memory stays bounded whatever the photo's size; a typical scan is one tile
CONTEXT = 48  # px of input around each tile, so tile borders see what the network needs
OVERVIEWS = (768, 384)  # px, long sides of downscaled copies that find marks too large for the network's view
MIN_OVERVIEW_THICKNESS = 3.0  # px in the overview: half the width of the thinnest region it may add
MIN_OVERVIEW_AREA = 64  # px in the overview
MAX_HOLE = 64  # px: a gap this small inside a marked region is part of the mark


def default_damage_model(device=None) -> ModelInfo | None:
    """The detector that runs: the user's own over the shipped one, the best-measured of those; on a CPU its
    int8 variant when that was measured within tolerance (see ``damage_compress``)."""
    full = full_models("damage")
    if not full:
        return None
    f1 = lambda m: m.metadata.get("info", {}).get("metrics", {}).get("f1", 0)  # noqa: E731
    best = max([m for m in full if m.source == "user"] or full, key=f1)
    return runtime_model(best, device if isinstance(device, torch.device) else pick_device(device))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def threshold(sensitivity: float, base: float) -> float:
    """Probability threshold: ``base`` (the model's calibrated one) at 0.5, stricter below, looser above."""
    z = _logit(base) + 6.0 * (0.5 - float(np.clip(sensitivity, 0, 1)))
    return 1 / (1 + math.exp(-z))


class LearnedDetector:
    def __init__(self, model: ModelInfo, device=None):
        self.model = model
        self.base_threshold = float(model.metadata.get("info", {}).get("threshold", 0.5))
        self._device = device
        self._net = None
        self._int8 = None
        self._calls = 0
        self._lock = threading.Lock()

    def _load(self, tiles: int = 1):
        with self._lock:
            if self._net is None:
                dev = self._device if isinstance(self._device, torch.device) else pick_device(self._device)
                # The float network first: an int8 variant takes up to a second to build, which pays off
                # from the second photo on, or at once on a photo of several tiles (see ``probability``).
                net, meta = load_model(self.model.path, dev, quantize=False)
                self._net = fuse_batchnorm(net)
                self._meta = meta
                self._multiple = 2 ** int(meta["config"].get("depth", 3))
                self._dev = dev
            if self._int8 is None and (self._calls > 0 or tiles > 1):
                self._int8 = self._build_int8()
            return self._int8 if self._int8 is not None else self._net

    def _build_int8(self):
        from ..compress import int8_info, with_int8

        if int8_info(self._meta) is None or self._dev.type != "cpu":
            return None
        net, _ = load_model(self.model.path, self._dev, quantize=False)
        return with_int8(self._meta, net, self._dev)

    @property
    def uses_int8(self) -> bool:
        return self._int8 is not None

    @torch.inference_mode()
    def probability(self, rgb: np.ndarray, *, progress: ProgressFn | None = None,
                    cancel: threading.Event | None = None) -> np.ndarray:
        """Per-pixel probability of damage, (H, W) float32, computed tile by tile."""
        h, w = rgb.shape[:2]
        out = np.zeros((h, w), np.float32)
        tiles = [(y, x) for y in range(0, h, TILE) for x in range(0, w, TILE)]
        net = self._load(len(tiles))
        k = self._multiple
        for i, (y, x) in enumerate(tiles):
            check_cancel(cancel)
            y1, x1 = min(h, y + TILE), min(w, x + TILE)
            sy0, sx0 = max(0, y - CONTEXT), max(0, x - CONTEXT)
            sy1, sx1 = min(h, y1 + CONTEXT), min(w, x1 + CONTEXT)
            crop = rgb[sy0:sy1, sx0:sx1]
            t = torch.from_numpy(crop.copy()).permute(2, 0, 1)[None].float().div(127.5).sub(1)
            ph, pw = (-t.shape[2]) % k, (-t.shape[3]) % k
            if ph or pw:
                # Edge pixels repeated, not mirrored: a mirror's axis looks like a thin line to the network,
                # which marked the right and bottom rows of clean photos as scratches.
                t = F.pad(t, (0, pw, 0, ph), mode="replicate")
            # The photo and its mirror image in one batch, probabilities averaged: a mark the network half
            # sees one way round is often clear the other, and texture rarely fools it both ways.
            t = t.to(self._dev)
            logits = net(torch.cat([t, t.flip(-1)]))
            prob = ((torch.sigmoid(logits[0, 0]) + torch.sigmoid(logits[1, 0]).flip(-1)) / 2).float().cpu().numpy()
            out[y:y1, x:x1] = prob[y - sy0:y1 - sy0, x - sx0:x1 - sx0]
            report(progress, i + 1, len(tiles), f"detecting damage {i + 1}/{len(tiles)}")
        self._calls += 1
        return out

    def detect(self, rgb: np.ndarray, sensitivity: float = 0.5, grow: int = 1, *, overview: bool = True,
               progress: ProgressFn | None = None, cancel: threading.Event | None = None) -> np.ndarray:
        """The damage mask; on a photo more than twice an overview's size, downscaled copies add the
        tears too large to see at full resolution (``overview=False`` leaves them out)."""
        t = threshold(sensitivity, self.base_threshold)
        prob = self.probability(rgb, progress=progress, cancel=cancel)
        mask = mask_from_probability(prob, t, grow)
        for side in OVERVIEWS if overview else ():
            if max(rgb.shape[:2]) > 2 * side:
                mask |= self._large_marks(rgb, side, t, cancel)
        # Completing a scratch can close a notch of the mask into a hole.
        return _fill_small_holes(bridge_scratches(mask, rgb))

    def _large_marks(self, rgb: np.ndarray, side: int, t: float, cancel: threading.Event | None) -> np.ndarray:
        """Tears and missing corners too large for the network to see whole at full resolution.

        On a large scan the network finds the torn edge of a big missing corner but not the flat paper
        inside it, which looks like sky from within. A downscaled copy shows it as an ordinary tear; of what
        the network marks there, only broad regions are kept: thin marks in it are texture seen from afar.
        """
        h, w = rgb.shape[:2]
        f = side / max(h, w)
        small = cv2.resize(rgb, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)
        prob = self.probability(small, cancel=cancel)
        marked = mask_from_probability(prob, t, grow=0).astype(np.uint8)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(marked, connectivity=8)
        depth = np.zeros(n, np.float32)
        np.maximum.at(depth, labels.ravel(), cv2.distanceTransform(marked, cv2.DIST_L2, 3).ravel())
        # Label 0, the unmarked rest, has depth 0 and is never kept.
        keep = (stats[:, cv2.CC_STAT_AREA] >= MIN_OVERVIEW_AREA) & (depth >= MIN_OVERVIEW_THICKNESS)
        if not keep.any():
            return np.zeros((h, w), bool)
        # The probability, not the mask, is enlarged, so that the region's edge stays smooth at full size.
        broad = np.where(keep[labels], prob, 0).astype(np.float32)
        return cv2.resize(broad, (w, h), interpolation=cv2.INTER_LINEAR) > t


def mask_from_probability(prob: np.ndarray, t: float, grow: int = 1) -> np.ndarray:
    """Threshold with hysteresis: faint parts of a mark join it when they touch a confident part."""
    strong = prob > t
    if not strong.any():
        return strong
    weak = (prob > t * 0.5).astype(np.uint8)
    n, labels = cv2.connectedComponents(weak, connectivity=8)
    keep = np.zeros(n, bool)
    keep[np.unique(labels[strong])] = True
    keep[0] = False
    mask = keep[labels]
    if grow > 0:
        # The network marks a mark's core; its soft rim must be repaired too or a halo stays.
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1, 2 * grow + 1))
        mask = cv2.dilate(mask.astype(np.uint8), k) > 0
    return _fill_small_holes(mask)


def _fill_small_holes(mask: np.ndarray) -> np.ndarray:
    """Mark the small gaps a marked region encloses.

    The network is sometimes less sure of the middle of a wide bright scratch than of its edges; a gap
    left there is repaired around but not over, and shows as a bright dash in the repaired photo.
    """
    n, labels, stats, _ = cv2.connectedComponentsWithStats((~mask).astype(np.uint8), connectivity=4)
    x, y, w, h, area = (stats[:, i] for i in range(5))
    inside = (x > 0) & (y > 0) & (x + w < mask.shape[1]) & (y + h < mask.shape[0])
    small = inside & (area <= MAX_HOLE)
    return mask | small[labels] if small.any() else mask


_detectors: dict[tuple[str, str], LearnedDetector] = {}
_lock = threading.Lock()


def get_detector(device=None, model=None) -> LearnedDetector:
    """The learned detector for ``device``: the installed default model, or ``model`` (a name or path)."""
    if model is not None:
        from ..registry import find_model

        info = find_model(str(model), "damage")
    else:
        info = default_damage_model(device)
    if info is None:
        raise StudioError("no damage-detection model installed: train one with `studio train damage`")
    key = (str(info.path), "auto" if device is None else str(device))
    with _lock:
        det = _detectors.get(key)
        if det is None:
            det = _detectors[key] = LearnedDetector(info, device)
        return det
