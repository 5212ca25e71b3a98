"""Photo enhancement: denoise, contrast, sharpen, fade and colour-cast correction, 2× upscale."""
from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

import cv2
import numpy as np

from ..jobs import ProgressFn, check_cancel, report
from ..errors import StudioError


@dataclass
class EnhanceSettings:
    denoise: float = 0.0  # 0-1: non-local means strength
    contrast: float = 0.0  # 0-1: CLAHE on lightness (local contrast, no colour shifts)
    sharpen: float = 0.0  # 0-1: unsharp mask amount
    color: float = 0.0  # 0-1: undo fading and colour casts (levels stretch + grey-world balance)
    upscale: int = 1  # 1 or 2

    def __post_init__(self) -> None:
        for name in ("denoise", "contrast", "sharpen", "color"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise StudioError(f"{name} must be between 0 and 1, not {v}")
        if self.upscale not in (1, 2):
            raise StudioError("upscale must be 1 or 2")

    def is_identity(self) -> bool:
        return not (self.denoise or self.contrast or self.sharpen or self.color) and self.upscale == 1

    def to_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        """What these settings do, e.g. 'denoise 0.3, upscale 2×'."""
        parts = [f"{name} {getattr(self, name):g}" for name in ("denoise", "contrast", "sharpen", "color")
                 if getattr(self, name)]
        if self.upscale > 1:
            parts.append(f"upscale {self.upscale}×")
        return ", ".join(parts) or "no change"


def _denoise(rgb: np.ndarray, s: float) -> np.ndarray:
    h = 3 + 12 * s
    return cv2.fastNlMeansDenoisingColored(rgb, None, h, h, 7, 21)


def _contrast(rgb: np.ndarray, s: float) -> np.ndarray:
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
    tiles = max(2, round(min(rgb.shape[:2]) / 128))
    clahe = cv2.createCLAHE(clipLimit=1.0 + 3.0 * s, tileGridSize=(tiles, tiles))
    lab[..., 0] = clahe.apply(lab[..., 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)


def _sharpen(rgb: np.ndarray, s: float) -> np.ndarray:
    sigma = 1.0 + 0.5 * max(rgb.shape[:2]) / 2000
    blur = cv2.GaussianBlur(rgb, (0, 0), sigma)
    return cv2.addWeighted(rgb, 1.0 + 1.5 * s, blur, -1.5 * s, 0)


def _color(rgb: np.ndarray, s: float) -> np.ndarray:
    x = rgb.astype(np.float32)
    # Levels: stretch each channel between its 0.5th and 99.5th percentiles (undoes fading)...
    lo = np.percentile(x, 0.5, axis=(0, 1))
    hi = np.percentile(x, 99.5, axis=(0, 1))
    stretched = (x - lo) / np.maximum(hi - lo, 1.0) * 255.0
    # ...then grey-world balance: equal channel means remove a colour cast.
    means = stretched.reshape(-1, 3).mean(axis=0)
    balanced = stretched * (means.mean() / np.maximum(means, 1.0))
    out = x + s * (balanced - x)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def enhance(rgb: np.ndarray, settings: EnhanceSettings, *, progress: ProgressFn | None = None,
            cancel: threading.Event | None = None) -> np.ndarray:
    """Apply the enabled steps in a fixed order (denoise first, so sharpening doesn't amplify noise)."""
    steps = [(name, fn, getattr(settings, name)) for name, fn in
             (("denoise", _denoise), ("color", _color), ("contrast", _contrast), ("sharpen", _sharpen))]
    steps = [(n, f, s) for n, f, s in steps if s > 0]
    total = len(steps) + (settings.upscale > 1)
    out = rgb
    for i, (name, fn, strength) in enumerate(steps):
        check_cancel(cancel)
        report(progress, i, total, name)
        out = fn(out, strength)
    if settings.upscale > 1:
        check_cancel(cancel)
        report(progress, len(steps), total, "upscaling")
        h, w = out.shape[:2]
        out = cv2.resize(out, (w * settings.upscale, h * settings.upscale), interpolation=cv2.INTER_LANCZOS4)
    report(progress, total, total, "done")
    return out if out is not rgb else rgb.copy()


PREVIEW_SIDE = 1200  # px: a live preview works on a copy no larger than this


def preview_enhanced(rgb: np.ndarray, settings: EnhanceSettings, *, cancel: threading.Event | None = None
                     ) -> np.ndarray:
    """Enhance a reduced copy and scale it back: a live preview that stays quick on large photos."""
    h, w = rgb.shape[:2]
    s = min(1.0, PREVIEW_SIDE / max(h, w))
    small = cv2.resize(rgb, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA) if s < 1 else rgb
    preview = enhance(small, EnhanceSettings(settings.denoise, settings.contrast, settings.sharpen, settings.color),
                      cancel=cancel)
    return cv2.resize(preview, (w, h), interpolation=cv2.INTER_LINEAR) if s < 1 else preview
