"""Measuring the video enhancements on real footage degraded in a known way, each against its baseline.

Every bench runs the same stage the CLI and the app run, on frames decoded
from the clip, and its baseline side by side in the same process:
frame-rate conversion against blending the two neighbours, temporal
denoising against the best per-frame OpenCV non-local means, deflicker
against the flickering input, upscaling against plain Lanczos, stabilising
against the shaken input.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from fractions import Fraction

import cv2
import numpy as np

from ..jobs import check_cancel
from ..metrics import psnr
from .deflicker import deflicker_frames
from .denoise import denoise_frames, noise_sigma
from .io import Frame
from .retime import change_frame_rate
from .sharpen import UPSCALE_SHARPEN, enhance_frame, upscale
from .stabilize import StabilizeParams, frame_motion, stabilize_frames


def _mean_psnr(outs, truth) -> float:
    return float(np.mean([psnr(o, t) for o, t in zip(outs, truth)]))


@dataclass
class Comparison:
    what: str
    ours: float  # dB (or px for stabilising: lower is better)
    baseline: float
    baseline_name: str
    fps_ours: float
    fps_baseline: float = 0.0
    unit: str = "dB"


def bench_fps(clip: list[np.ndarray], cancel: threading.Event | None = None) -> Comparison:
    """Every other frame dropped, then rebuilt by converting the half-rate clip back to the full rate."""
    half = [Frame(i, None, f.copy()) for i, f in enumerate(clip[::2])]
    t = time.perf_counter()
    out = [f.rgb for f in change_frame_rate(iter(half), Fraction(15), Fraction(1, 15), Fraction(30), cancel=cancel)]
    elapsed = time.perf_counter() - t
    idx = [i for i in range(1, len(out) - 1, 2) if i + 1 < len(clip)]
    ours = _mean_psnr([out[i] for i in idx], [clip[i] for i in idx])
    blend = [((clip[i - 1].astype(np.float32) + clip[i + 1]) / 2 + 0.5).astype(np.uint8) for i in idx]
    return Comparison("frame rate ×2 (dropped frames rebuilt)", ours, _mean_psnr(blend, [clip[i] for i in idx]),
                      "blending the neighbours", len(out) / elapsed)


def bench_denoise(clip: list[np.ndarray], *, sigma: float = 15.0, seed: int = 0,
                  cancel: threading.Event | None = None) -> Comparison:
    rng = np.random.default_rng(seed)
    noisy = [np.clip(f + rng.normal(0, sigma, f.shape), 0, 255).astype(np.uint8) for f in clip]
    strength = sigma / noise_sigma(1.0)
    t = time.perf_counter()
    out = [f.rgb for f in denoise_frames((Frame(i, None, n.copy()) for i, n in enumerate(noisy)), strength,
                                         cancel=cancel)]
    fps = len(out) / (time.perf_counter() - t)
    best, best_fps = -1.0, 0.0
    sample = range(0, len(clip), max(1, len(clip) // 12))
    for h in (6.0, 8.0, 10.0, 12.0):  # the baseline at its best setting for this noise
        check_cancel(cancel)
        t = time.perf_counter()
        nlm = [cv2.fastNlMeansDenoisingColored(noisy[i], None, h, h, 7, 21) for i in sample]
        score = _mean_psnr(nlm, [clip[i] for i in sample])
        if score > best:
            best, best_fps = score, len(nlm) / (time.perf_counter() - t)
    return Comparison(f"denoise (Gaussian noise sigma {sigma:g})", _mean_psnr([out[i] for i in sample],
                      [clip[i] for i in sample]), best, "best per-frame OpenCV non-local means", fps, best_fps)


def bench_deflicker(clip: list[np.ndarray], *, amount: float = 0.2, seed: int = 0,
                    cancel: threading.Event | None = None) -> Comparison:
    rng = np.random.default_rng(seed)
    gains = rng.uniform(1 - amount, 1 + amount, len(clip))
    flicker = [np.clip(f.astype(np.float32) * g + 0.5, 0, 255).astype(np.uint8) for f, g in zip(clip, gains)]
    t = time.perf_counter()
    out = [f.rgb for f in deflicker_frames((Frame(i, None, x.copy()) for i, x in enumerate(flicker)), cancel=cancel)]
    fps = len(out) / (time.perf_counter() - t)
    return Comparison(f"deflicker (±{amount:.0%} brightness per frame)", _mean_psnr(out, clip),
                      _mean_psnr(flicker, clip), "the flickering input", fps)


def bench_upscale(clip: list[np.ndarray], cancel: threading.Event | None = None) -> Comparison:
    frames = [f[: f.shape[0] // 2 * 2, : f.shape[1] // 2 * 2] for f in clip[::4]]
    small = [cv2.resize(f, (f.shape[1] // 2, f.shape[0] // 2), interpolation=cv2.INTER_AREA) for f in frames]
    t = time.perf_counter()
    ours = []
    for s in small:
        check_cancel(cancel)
        ours.append(enhance_frame(s, UPSCALE_SHARPEN, 2))
    fps = len(ours) / (time.perf_counter() - t)
    return Comparison("upscale ×2 (from a half-size copy)", _mean_psnr(ours, frames),
                      _mean_psnr([upscale(s, 2) for s in small], frames), "Lanczos alone", fps)


def _jitter(frames: list[np.ndarray]) -> float:
    """Mean size of the camera's frame-to-frame shake: px of motion left after a smooth path is taken out."""
    g = [cv2.cvtColor(f, cv2.COLOR_RGB2GRAY) for f in frames]
    steps = np.array([frame_motion(a, b)[:2] for a, b in zip(g, g[1:])])
    path = np.cumsum(steps, axis=0)
    smooth = cv2.GaussianBlur(path.astype(np.float32)[:, None, :], (1, 0), 5.0, borderType=cv2.BORDER_REPLICATE)[:, 0]
    return float(np.abs(path - smooth).mean())


def bench_stabilize(clip: list[np.ndarray], *, shake: float = 6.0, seed: int = 0,
                    cancel: threading.Event | None = None) -> Comparison:
    rng = np.random.default_rng(seed)
    h, w = clip[0].shape[:2]
    shaken = []
    for f in clip:
        dx, dy = rng.normal(0, shake, 2)
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.normal(0, 0.4)), 1.0)
        m[:, 2] += (dx, dy)
        shaken.append(cv2.warpAffine(f, m, (w, h), borderMode=cv2.BORDER_REFLECT))
    t = time.perf_counter()
    out = [f.rgb for f in stabilize_frames((Frame(i, None, s.copy()) for i, s in enumerate(shaken)),
                                           StabilizeParams(0.5), cancel=cancel)]
    fps = len(out) / (time.perf_counter() - t)
    return Comparison(f"stabilise (shake sigma {shake:g} px)", _jitter(out), _jitter(shaken), "the shaken input",
                      fps, unit="px shake")


def bench_enhance(clip: list[np.ndarray], *, seed: int = 0, cancel: threading.Event | None = None,
                  progress=None) -> list[Comparison]:
    benches = (("frame rate", lambda: bench_fps(clip, cancel)),
               ("denoise", lambda: bench_denoise(clip, seed=seed, cancel=cancel)),
               ("deflicker", lambda: bench_deflicker(clip, seed=seed, cancel=cancel)),
               ("upscale", lambda: bench_upscale(clip, cancel)),
               ("stabilise", lambda: bench_stabilize(clip, seed=seed, cancel=cancel)))
    out = []
    for i, (name, run) in enumerate(benches):
        if progress is not None:
            progress(i, len(benches), name)
        out.append(run())
    if progress is not None:
        progress(len(benches), len(benches), "done")
    return out


def format_comparisons(rows: list[Comparison]) -> str:
    lines = ["| enhancement | studio | baseline | gain | studio frames/s |", "|---|---|---|---|---|"]
    for r in rows:
        if r.unit == "dB":
            gain = f"{r.ours - r.baseline:+.2f} dB"
            cells = f"{r.ours:.2f} dB | {r.baseline:.2f} dB ({r.baseline_name})"
        else:
            gain = f"{r.baseline / max(r.ours, 1e-6):.1f}× less shake"
            cells = f"{r.ours:.2f} {r.unit} | {r.baseline:.2f} {r.unit} ({r.baseline_name})"
        speed = f"{r.fps_ours:.1f}" + (f" (baseline {r.fps_baseline:.1f})" if r.fps_baseline else "")
        lines.append(f"| {r.what} | {cells} | {gain} | {speed} |")
    return "\n".join(lines)
