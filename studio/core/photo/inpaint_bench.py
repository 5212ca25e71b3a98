"""Learned repair against OpenCV on real photos with synthetic damage, measured side by side."""
from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from ..images import find_images, load_rgb
from ..jobs import ProgressFn, check_cancel, report
from ..metrics import psnr, ssim_map
from ..training.masks import KINDS, random_mask
from .inpainter import Inpainter
from .methods import get_method
from .repair import repair_image


def bench_inpaint(data: str | Path, methods: list[str | Inpainter], *, photos: int = 50, seed: int = 0,
                  progress: ProgressFn | None = None, cancel: threading.Event | None = None) -> dict:
    """PSNR and SSIM inside the holes, per damage kind and overall, for each method on the same damage."""
    files = find_images(data)[:photos]
    rng = np.random.default_rng(seed)
    inpainters = [get_method(m) if isinstance(m, str) else m for m in methods]
    holes: dict[str, dict[str, list]] = {m.name: {k: [] for k in KINDS} for m in inpainters}
    ssims: dict[str, dict[str, list]] = {m.name: {k: [] for k in KINDS} for m in inpainters}
    truth: dict[str, list] = {k: [] for k in KINDS}
    total = len(files) * len(KINDS)
    for i, f in enumerate(files):
        img = load_rgb(f)
        h, w = img.shape[:2]
        for j, kind in enumerate(KINDS):
            check_cancel(cancel)
            mask = random_mask(rng, h, w, kind)
            damaged = img.copy()
            damaged[mask] = 255
            truth[kind].append(img[mask])
            for m in inpainters:
                out = repair_image(damaged, mask, m)
                holes[m.name][kind].append(out[mask])
                ssims[m.name][kind].append(ssim_map(out, img)[mask])
            report(progress, i * len(KINDS) + j + 1, total, f.name)
    result: dict = {"photos": len(files), "kinds": {}, "overall": {}}
    for m in inpainters:
        for kind in KINDS:
            t = np.concatenate(truth[kind])
            result["kinds"].setdefault(kind, {})[m.name] = {
                "psnr": psnr(np.concatenate(holes[m.name][kind]), t),
                "ssim": float(np.concatenate(ssims[m.name][kind]).mean())}
        t_all = np.concatenate([np.concatenate(truth[k]) for k in KINDS])
        result["overall"][m.name] = {
            "psnr": psnr(np.concatenate([np.concatenate(holes[m.name][k]) for k in KINDS]), t_all),
            "ssim": float(np.concatenate([np.concatenate(ssims[m.name][k]) for k in KINDS]).mean())}
    return result


def format_table(result: dict) -> str:
    names = list(result["overall"])
    lines = [f"{'damage':10s} " + " ".join(f"{n:>18s}" for n in names), ""]
    rows = list(result["kinds"].items()) + [("overall", result["overall"])]
    for kind, per in rows:
        lines.append(f"{kind:10s} " + " ".join(f"{per[n]['psnr']:8.2f} dB {per[n]['ssim']:.3f}" for n in names))
    return "\n".join(lines)
