"""The model card of a damage detector: data, training, validation curve and the held-out benchmark."""
from __future__ import annotations

from pathlib import Path

from ..device import hardware_name
from ..registry import read_metadata
from ..training.runs import RunFolder


def damage_card(model_path: Path, title: str, run_dir: Path | None = None, bench_data: Path | None = None,
                bench_photos: int = 50) -> str:
    meta = read_metadata(model_path)
    info, cfg = meta["info"], meta["config"]
    m = info.get("metrics", {})
    run = RunFolder(run_dir) if run_dir is not None and Path(run_dir).exists() else None
    evals = [r for r in (run.read_metrics() if run else []) if "f1" in r]
    train = run.read_config().get("train", {}) if run else {}
    lines = [
        f"# {title}",
        "",
        f"Studio's damage detector: a U-Net (width {cfg['width']}, depth {cfg['depth']}, BatchNorm, dilated "
        "bottleneck) that gives each pixel a probability of being dust, a hair, a scratch, a tear, a crease, a "
        "spot or foxing. Trained from scratch by `studio train damage`; no downloaded weights.",
        "",
        "## Data",
        "- Clean photos: " + ", ".join(f"`{'/'.join(Path(str(d)).parts[-2:])}`" for d in info.get("data", []))
        + f" ({info.get('photos', '?')} photos for training, {info.get('val_photos', '?')} held out for "
        "validation). BSDS500 and CelebA are for research use only.",
        "- Damage is rendered on the fly (`studio/core/photo/damage_render.py`): irregular soft-edged dust 1–10 px, "
        "hairs and fibres, long straight or bent scratches 1–4 px (some broken), holes, cracks and missing "
        "corners (torn across or ragged), "
        "creases, spots and stains, foxing — each image with its own mix, dark and light, then aged (sepia, "
        "fading, colour casts) and scanned (paper grain, blur, noise, JPEG). Missing corners are "
        "sized for the whole photo a training crop comes from, as they will be met.",
        f"- {train.get('clean_share', 0.3):.0%} of the crops carry no damage at all and "
        f"{train.get('structure_share', 0.2):.0%} have text, bars, fences, grids or brick courses drawn into "
        "the scene: negatives that teach the detector to leave texture alone.",
        "- BSDS500 `test/` was never used in training; it is the benchmark below.",
        "",
        "## Training",
        f"- Steps: {info.get('steps', '?')} of {info.get('batch', '?')} crops at {info.get('crop', '?')}² "
        f"({float(info.get('wall_time_s', 0)) / 60:.0f} minutes of optimisation on {info.get('device', '?')})",
        f"- Hardware: {info.get('hardware') or hardware_name()}",
        f"- Loss: cross-entropy (damage weighted ×{train.get('pos_weight', 2)}) plus "
        f"{train.get('dice_weight', 0.5)} × soft Dice; Adam {train.get('lr', '?')} with cosine decay to a tenth.",
        f"- Decision threshold at sensitivity 0.5: probability {float(info.get('threshold', 0.5)):.2f}"
        + (f", calibrated on {info['calibration']['photos']} photos of `{info['calibration']['data']}` never trained "
           f"on (best F1 with at most {info['calibration']['max_clean'] * 100:.2f}% of clean pixels marked)."
           if info.get("calibration") else "."),
        "",
        "## Metrics",
        f"Validation (held-out crops with rendered damage, 2 px tolerance): precision "
        f"**{m.get('precision', float('nan')):.3f}**, recall **{m.get('recall', float('nan')):.3f}**; "
        f"{m.get('clean_marked', float('nan')) * 100:.3f}% of the pixels of clean crops marked.",
    ]
    if bench_data is not None:
        from .damage_bench import bench_damage, format_bench

        res = bench_damage(bench_data, photos=bench_photos, detector="learned", device="cpu", model=model_path,
                           per_kind=True)
        lines += ["", f"Benchmark on `{'/'.join(Path(bench_data).parts[-2:])}` (never trained on) with "
                  "`studio bench damage`: damage from Studio's renderer and from an independent simpler one; "
                  "restoration is detection plus the default repair method, scored on the whole image:", "",
                  format_bench(res)]
    if evals:
        lines += ["", "| step | precision | recall | F1 | clean marked |", "|---:|---:|---:|---:|---:|"]
        lines += [f"| {r['step']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                  f"{r['clean_marked'] * 100:.3f}% |" for r in evals[::max(1, len(evals) // 20)]]
    return "\n".join(lines) + "\n"
