"""One-click restoration of an old photo: detect the damage, repair it, then gently enhance.

The enhancement only acts on what it measures: a print whose tones are
clearly faded gets its levels back, a clearly noisy scan a mild denoise. A
photo that is neither is returned with every pixel outside the repaired
damage unchanged.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

import cv2
import numpy as np

from ..jobs import ProgressFn, check_cancel, report
from .damage import DamageParams, DamageSummary, detect_damage, summarize
from .enhance import EnhanceSettings, enhance
from .repair import repair_image

FADED_RANGE = 120  # grey levels between the 0.5th and 99.5th luminance percentiles below which a print is faded
NOISY_SIGMA = 8.0  # estimated noise (grey levels) above which a scan gets a mild denoise


@dataclass
class RestoreOptions:
    sensitivity: float = 0.5  # damage detection, as for Detect Damage
    method: str | None = None  # repair method; None: the best-measured installed one
    enhance: bool = True  # fade and noise correction where measured
    detector: str = "auto"


@dataclass
class RestoreResult:
    rgb: np.ndarray
    mask: np.ndarray  # what was detected (and repaired), for the user to correct
    damage: DamageSummary
    enhanced: list[str] = field(default_factory=list)  # which corrections were applied

    def describe(self) -> str:
        text = f"repaired {self.damage}"
        if self.enhanced:
            text += "; corrected " + " and ".join(self.enhanced)
        return text


def noise_sigma(rgb: np.ndarray) -> float:
    """Noise level from a Laplacian-difference filter (Immerkær 1996), with the median of its response
    so that edges and texture, which are sparse in it, do not count as noise."""
    g = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    k = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    resp = cv2.filter2D(g, -1, k)[1:-1, 1:-1]
    # For Gaussian noise the filter's response has 6× its deviation; the MAD turns a median into one.
    return float(np.median(np.abs(resp)) / 0.6745 / 6) if resp.size else 0.0


def measured_corrections(rgb: np.ndarray) -> EnhanceSettings:
    """The gentle corrections this photo needs, zero where it needs none."""
    g = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    lo, hi = np.percentile(g, (0.5, 99.5))
    color = 0.6 if hi - lo < FADED_RANGE else 0.0
    denoise = 0.25 if noise_sigma(rgb) > NOISY_SIGMA else 0.0
    return EnhanceSettings(denoise=denoise, color=color)


def undo_fading(rgb: np.ndarray, strength: float) -> np.ndarray:
    """Give a faded print its blacks and whites back, with one stretch for all channels.

    The same gain and offset for every channel keeps a sepia or toned print's tone: a
    toned print is not a colour cast, and restoring must not turn it grey.
    """
    x = rgb.astype(np.float32)
    lum = x @ np.array([0.299, 0.587, 0.114], np.float32)
    lo, hi = np.percentile(lum, (0.5, 99.5))
    stretched = (x - lo) * (255.0 / max(hi - lo, 1.0))
    return np.clip(x + strength * (stretched - x) + 0.5, 0, 255).astype(np.uint8)


def restore_photo(rgb: np.ndarray, options: RestoreOptions | None = None, *, extra_mask: np.ndarray | None = None,
                  device=None, progress: ProgressFn | None = None,
                  cancel: threading.Event | None = None) -> RestoreResult:
    from .methods import default_method

    opt = options or RestoreOptions()
    report(progress, 0, 3, "detecting damage")
    mask = detect_damage(rgb, DamageParams(sensitivity=opt.sensitivity, detector=opt.detector), device=device,
                         cancel=cancel)
    if extra_mask is not None:
        mask = mask | extra_mask.astype(bool)
    check_cancel(cancel)
    report(progress, 1, 3, "repairing")
    out = repair_image(rgb, mask, opt.method or default_method(), device=device, cancel=cancel)
    done: list[str] = []
    if opt.enhance:
        check_cancel(cancel)
        report(progress, 2, 3, "enhancing")
        settings = measured_corrections(out)
        if settings.denoise:
            out = enhance(out, EnhanceSettings(denoise=settings.denoise), cancel=cancel)
        if settings.color:
            out = undo_fading(out, settings.color)
        done = [name for name, v in (("fading", settings.color), ("noise", settings.denoise)) if v]
    report(progress, 3, 3, "done")
    return RestoreResult(out, mask, summarize(mask), done)
