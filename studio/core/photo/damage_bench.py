"""Measuring damage detection and restoration on clean photos with damage rendered on them.

Two renderers are scored: Studio's own (the one the detector trained on) and
an independent, simpler one, so that a detector which only learned its
renderer shows it. Photos should be ones the model never saw.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np

from ..images import load_rgb
from ..jobs import ProgressFn, check_cancel, report
from ..errors import StudioError
from ..metrics import psnr
from .damage import DamageParams, add_synthetic_damage, detect_damage, precision_recall
from .damage_render import KINDS, render_damage, truth_mask
from .repair import repair_image


@dataclass
class RendererScores:
    precision: float = 0.0
    recall: float = 0.0
    psnr_damaged: float = 0.0  # full image, damaged vs clean
    psnr_restored: float = 0.0  # full image, detected and repaired vs clean

    @property
    def gain_db(self) -> float:
        return self.psnr_restored - self.psnr_damaged


@dataclass
class DamageBench:
    photos: int
    detector: str
    method: str
    sensitivity: float
    renderers: dict[str, RendererScores] = field(default_factory=dict)
    clean_changed: float = 0.0  # share of pixels of the clean photos that detect + repair changed
    seconds_per_photo: float = 0.0  # detection time
    kind_recall: dict[str, float] = field(default_factory=dict)  # Studio's renderer, one kind of mark at a time


def _render_studio(img, rng):
    damaged, alpha, change, _ = render_damage(img, rng, amount=rng.uniform(0.3, 1.0), age=False, scan_noise=False)
    return damaged, truth_mask(alpha, change)


def _render_simple(img, rng):
    return add_synthetic_damage(img, rng, dust=int(rng.integers(10, 60)), scratches=int(rng.integers(1, 5)),
                                tears=int(rng.integers(0, 3)))


RENDERERS = {"studio": _render_studio, "simple": _render_simple}


def bench_damage(data, *, photos: int = 50, seed: int = 0, sensitivity: float = 0.5, detector: str = "auto",
                 method: str | None = None, device=None, model=None, per_kind: bool = False,
                 progress: ProgressFn | None = None, cancel: threading.Event | None = None) -> DamageBench:
    """Detection and restoration scores on ``photos`` clean photos of ``data``; ``per_kind`` adds the
    recall of each kind of mark drawn alone, which says what a detector misses."""
    from ..images import find_images
    from .methods import default_method

    files = find_images(data)[:photos]
    if not files:
        raise StudioError(f"{data}: no images found")
    method = method or default_method()
    params = DamageParams(sensitivity=sensitivity, detector=detector)
    res = DamageBench(len(files), detector, method, sensitivity)
    sums = {name: np.zeros(6) for name in RENDERERS}  # tp_p, n_p, tp_r, n_r, psnr_d, psnr_r
    kind_sums = {kind: np.zeros(2) for kind in KINDS}  # tp_r, n_r
    changed, det_time = 0.0, 0.0
    for i, f in enumerate(files):
        check_cancel(cancel)
        report(progress, i, len(files), f.name)
        img = load_rgb(f)
        t0 = time.perf_counter()
        clean_mask = detect_damage(img, params, device=device, model=model, cancel=cancel)
        det_time += time.perf_counter() - t0
        restored = repair_image(img, clean_mask, method, device=device, cancel=cancel)
        changed += float(np.any(restored != img, axis=2).mean())
        for name, render in RENDERERS.items():
            rng = np.random.default_rng(seed * 1000 + i)
            damaged, truth = render(img, rng)
            pred = detect_damage(damaged, params, device=device, model=model, cancel=cancel)
            p, r = precision_recall(pred, truth, 2)
            fixed = repair_image(damaged, pred, method, device=device, cancel=cancel)
            s = sums[name]
            s += (p * pred.sum(), pred.sum(), r * truth.sum(), truth.sum(), psnr(damaged, img), psnr(fixed, img))
        if per_kind:
            for k, kind in enumerate(KINDS):
                rng = np.random.default_rng((seed * 1000 + i) * 16 + k)
                damaged, alpha, change, _ = render_damage(img, rng, amount=1.0, kinds=(kind,), age=False,
                                                          scan_noise=False)
                truth = truth_mask(alpha, change)
                if truth.any():
                    _, r = precision_recall(detect_damage(damaged, params, device=device, model=model,
                                                          cancel=cancel), truth, 2)
                    kind_sums[kind] += (r * truth.sum(), truth.sum())
    n = len(files)
    for name, s in sums.items():
        res.renderers[name] = RendererScores(s[0] / max(s[1], 1), s[2] / max(s[3], 1), s[4] / n, s[5] / n)
    res.kind_recall = {kind: s[0] / s[1] for kind, s in kind_sums.items() if s[1]}
    res.clean_changed = changed / n
    res.seconds_per_photo = det_time / n
    report(progress, n, n, "done")
    return res


def format_bench(res: DamageBench) -> str:
    lines = [f"{res.photos} photos; detector {res.detector}, sensitivity {res.sensitivity}, repair {res.method}",
             "| renderer | precision | recall | PSNR damaged | PSNR restored | gain |",
             "|---|---|---|---|---|---|"]
    for name, s in res.renderers.items():
        lines.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.psnr_damaged:.2f} dB | "
                     f"{s.psnr_restored:.2f} dB | {s.gain_db:+.2f} dB |")
    lines.append(f"clean photos: {res.clean_changed * 100:.3f}% of pixels changed by detect + repair")
    lines.append(f"detection: {res.seconds_per_photo:.2f} s per photo")
    if res.kind_recall:
        lines.append("recall by kind (Studio's renderer, one kind at a time): "
                     + ", ".join(f"{kind} {r:.3f}" for kind, r in res.kind_recall.items()))
    return "\n".join(lines)


def calibrate_threshold(model_path, data, *, photos: int = 40, seed: int = 1, max_clean: float = 0.001,
                        device=None, progress: ProgressFn | None = None,
                        cancel: threading.Event | None = None) -> dict:
    """The probability threshold for sensitivity 0.5: the best F1 on rendered damage that keeps at most
    ``max_clean`` of clean photos' pixels marked. ``data`` must be photos the model never trained on.
    """
    from ..images import find_images
    from ..registry import find_model
    from .damage_learned import LearnedDetector, mask_from_probability

    det = LearnedDetector(find_model(str(model_path)), device)
    files = find_images(data)[:photos]
    if not files:
        raise StudioError(f"{data}: no images found")
    grid = [round(t, 3) for t in np.linspace(0.1, 0.9, 17)]
    stats = {t: np.zeros(5) for t in grid}  # tp_p, n_p, tp_r, n_r, clean marked
    clean_px = 0
    for i, f in enumerate(files):
        check_cancel(cancel)
        report(progress, i, len(files), f.name)
        img = load_rgb(f)
        clean_prob = det.probability(img, cancel=cancel)
        clean_px += clean_prob.size
        samples = []
        for render in RENDERERS.values():
            damaged, truth = render(img, np.random.default_rng(seed * 7919 + i))
            samples.append((det.probability(damaged, cancel=cancel), truth))
        for t in grid:
            s = stats[t]
            s[4] += mask_from_probability(clean_prob, t).sum()
            for prob, truth in samples:
                pred = mask_from_probability(prob, t)
                p, r = precision_recall(pred, truth, 2)
                s[:4] += (p * pred.sum(), pred.sum(), r * truth.sum(), truth.sum())
    table = []
    for t in grid:
        s = stats[t]
        p, r = s[0] / max(s[1], 1), s[2] / max(s[3], 1)
        table.append({"threshold": t, "precision": round(p, 4), "recall": round(r, 4),
                      "f1": round(2 * p * r / max(p + r, 1e-9), 4), "clean_marked": round(s[4] / clean_px, 6)})
    ok = [row for row in table if row["clean_marked"] <= max_clean] or table[-1:]
    best = max(ok, key=lambda row: row["f1"])
    report(progress, len(files), len(files), "done")
    return {"threshold": best["threshold"], "chosen": best, "table": table, "photos": len(files)}
