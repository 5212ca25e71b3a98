"""Model cards: what a shipped or exported model was trained on, for how long, and how good it is."""
from __future__ import annotations

import os
import platform
import shutil
from pathlib import Path

from .jobs import StudioError
from .registry import read_metadata
from .training.runs import RunFolder

CELEBA_TERMS = ("CelebA (MMLAB, The Chinese University of Hong Kong) is available for **non-commercial research "
                "purposes only**; its images come from the Internet and are not the property of MMLAB. A model "
                "trained on it inherits those terms: do not use it or its faces commercially.")


def hardware() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores"


def gan_card(model_path: Path, title: str, notes: str = "") -> str:
    meta = read_metadata(model_path)
    info, cfg = meta["info"], meta["config"]
    run = RunFolder(info["run"]) if info.get("run") and Path(info["run"]).exists() else None
    records = run.read_metrics() if run else []
    swds = [(r["step"], r["swd"]) for r in records if "swd" in r]
    metrics = info.get("metrics", {})
    data = str(info.get("data", "?"))
    lines = [
        f"# {title}",
        "",
        f"A DCGAN face generator ({cfg['resolution']}×{cfg['resolution']}, latent {cfg['nz']}, width "
        f"{cfg['ngf']}), trained from scratch by Studio's own `studio train gan`.",
        "",
        "## Data",
        f"- {info.get('images', '?')} training images from `{Path(data).name}` "
        f"({info.get('held_out', '?')} more held out of training for the metric).",
    ]
    if "celeba" in data.lower():
        lines += ["- CelebA face crops (official test-partition numbers, tight crops, centre-cropped and resized).",
                  "", "### Terms", CELEBA_TERMS]
    lines += [
        "",
        "## Training",
        f"- Steps: {info.get('steps', '?')} at batch {info.get('batch', '?')} "
        f"({int(info.get('steps', 0)) * int(info.get('batch', 0)):,} samples)",
        f"- Training time: {float(info.get('wall_time_s', 0)) / 60:.0f} minutes of optimisation steps "
        f"on {info.get('device', '?')}",
        f"- Hardware: {info.get('hardware') or hardware()}",
        _recipe(run),
        "",
        "## Metric",
        "Sliced Wasserstein distance on Laplacian-pyramid patches (Karras et al. 2018), ×10³, between "
        "1000 generated faces and 1000 held-out real faces; lower is better. For scale: two disjoint sets of "
        "real faces score about 8, blurred real faces about 55.",
        "",
        f"- **SWD {metrics.get('swd', float('nan')):.1f}** (levels: "
        + ", ".join(f"{k[4:]} px {v:.1f}" for k, v in metrics.items() if k.startswith("swd_")) + ")",
    ]
    if records:
        steps = int(info.get("steps", 0))
        upto = [r for r in records if r["step"] <= steps]
        if len(upto) > 1:
            lines.insert(lines.index("## Metric") - 1, f"- Wall-clock time including evaluations and samples: "
                         f"{(upto[-1]['time'] - upto[0]['time']) / 60:.0f} minutes")
    if swds:
        lines += ["", "SWD during training (this file is the checkpoint with the lowest score):", "",
                  "| step | SWD |", "|---:|---:|"]
        lines += [f"| {s} | {v:.1f} |" for s, v in swds]
    if notes:
        lines += ["", notes]
    return "\n".join(lines) + "\n"


def _recipe(run: RunFolder | None) -> str:
    if run is None:
        return "- Recipe: see the run's config.json"
    t = run.read_config().get("train", {})
    loss = {"bce": "non-saturating BCE", "hinge": "hinge"}.get(t.get("loss"), t.get("loss"))
    return (f"- Recipe: {loss} loss; Adam {t.get('lr_g')}, β1 {t.get('beta1')}; EMA of generator weights "
            f"({t.get('ema_beta')}) with BatchNorm statistics recalibrated for the averaged weights; "
            f"DiffAugment: {t.get('augment')}.")


def export_run_model(run_dir: Path, dest: Path, title: str | None = None) -> Path:
    """Copy a run's best generator to ``dest`` (.safetensors) with a Markdown card beside it."""
    run_dir, dest = Path(run_dir), Path(dest)
    src = run_dir / "best_generator.safetensors"
    if not src.exists():
        src = run_dir / "generator.safetensors"
    if not src.exists():
        raise StudioError(f"{run_dir}: no generator in this run yet")
    if dest.suffix != ".safetensors":
        raise StudioError(f"{dest}: the model file must end in .safetensors")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.with_suffix(".md").write_text(gan_card(dest, title or dest.stem), encoding="utf-8")
    return dest
