"""Model cards: what a shipped or exported model was trained on, for how long, and how good it is."""
from __future__ import annotations

import shutil
from pathlib import Path

from .device import hardware_name
from .errors import StudioError
from .registry import portable_info, read_metadata, rewrite_info
from .training.runs import RunFolder

CELEBA_TERMS = ("CelebA (MMLAB, The Chinese University of Hong Kong) is available for **non-commercial research "
                "purposes only**; its images come from the Internet and are not the property of MMLAB. A model "
                "trained on it inherits those terms: do not use it or its faces commercially.")


def _run_of(info: dict, run_dir: Path | None) -> RunFolder | None:
    folder = run_dir or info.get("run")
    return RunFolder(folder) if folder and Path(folder).exists() else None


def gan_card(model_path: Path, title: str, notes: str = "", run_dir: Path | None = None) -> str:
    meta = read_metadata(model_path)
    info, cfg = meta["info"], meta["config"]
    run = _run_of(info, run_dir)
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
        f"- Hardware: {info.get('hardware') or hardware_name()}",
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


def export_run_model(run_dir: Path, dest: Path, title: str | None = None, bench_data: Path | None = None,
                     bench_photos: int = 50, calibrate: Path | None = None, *, last: bool = False) -> Path:
    """Copy a run's best model (``last``: its latest) to ``dest`` (.safetensors) with a Markdown card beside it.

    For a repair model, ``bench_data`` (clean photos never trained on) adds a benchmark against OpenCV.
    """
    run_dir, dest = Path(run_dir), Path(dest)
    kind = RunFolder(run_dir).read_config().get("model", "dcgan")
    names = {"inpaint": ("best_inpaint", "inpaint"), "damage": ("best_damage", "damage")}.get(
        kind, ("best_generator", "generator"))
    if last:
        names = names[::-1]
    src = next((run_dir / f"{n}.safetensors" for n in names if (run_dir / f"{n}.safetensors").exists()), None)
    if src is None:
        raise StudioError(f"{run_dir}: no trained model in this run yet")
    if dest.suffix != ".safetensors":
        raise StudioError(f"{dest}: the model file must end in .safetensors")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    if kind == "inpaint":
        table = ""
        if bench_data is not None:
            from .photo.inpaint_bench import bench_inpaint, format_table
            from .photo.neural_inpaint import NeuralInpainter
            from .registry import find_model

            res = bench_inpaint(bench_data, ["telea", "ns", NeuralInpainter(find_model(str(dest)), "cpu")],
                                photos=bench_photos)
            table = f"{res['photos']} photos\n" + format_table(res)
        card = inpaint_card(dest, title or dest.stem, table, run_dir)
    elif kind == "damage":
        from .photo.damage_bench import calibrate_threshold
        from .photo.damage_card import damage_card

        if calibrate is not None:
            cal = calibrate_threshold(dest, calibrate, device="cpu")
            rewrite_info(dest, lambda i: {**i, "threshold": cal["threshold"], "calibration": {
                "data": "/".join(Path(calibrate).parts[-2:]), "photos": cal["photos"], "max_clean": 0.001,
                "chosen": cal["chosen"]}})
        card = damage_card(dest, title or dest.stem, run_dir, bench_data, bench_photos)
    else:
        card = gan_card(dest, title or dest.stem, run_dir=run_dir)
    dest.with_suffix(".md").write_text(card, encoding="utf-8")
    rewrite_info(dest, portable_info)  # a shipped file names its data, never this machine's folders
    return dest


def _lr_schedule(run: RunFolder | None) -> str:
    if run is None:
        return "Adam."
    cfg = run.read_config()
    text = f"Adam, learning rate {cfg.get('train', {}).get('lr')}"
    for r in cfg.get("resumes", []):
        text += f", {r['lr']} from step {r['step']}"
    return text + "."


def inpaint_card(model_path: Path, title: str, bench: str = "", run_dir: Path | None = None) -> str:
    """Card for a repair model; ``bench`` is the table from ``studio bench inpaint`` on held-out photos."""
    meta = read_metadata(model_path)
    info, cfg = meta["info"], meta["config"]
    m = info.get("metrics", {})
    run = _run_of(info, run_dir)
    evals = [r for r in (run.read_metrics() if run else []) if "psnr_hole" in r]
    lines = [
        f"# {title}",
        "",
        f"Studio's learned photo repair: a gated-convolution U-Net (width {cfg['width']}, depth {cfg['depth']}) "
        f"that refines the OpenCV {cfg['classical'].upper() if cfg['classical'] == 'ns' else 'Telea'} fill of "
        "each hole. Hairline holes (≤ 3 px) are left to Navier–Stokes. Trained from scratch by `studio train "
        "inpaint`; no downloaded weights.",
        "",
        "## Data",
        "- " + ", ".join(f"`{Path(d).parent.name}/{Path(d).name}`" for d in info.get("data", [])) +
        f": {info.get('photos', '?')} photos for training; a further tenth of the folders' photos held out "
        "for validation.",
        "- Damage is synthetic and procedural: thin, medium and thick free-form strokes, boxes, blobs and "
        "1–3 px scratch curves.",
        "- BSDS500 is for research use; its `test/` split was never used in training and is the benchmark below.",
        "",
        "## Training",
        f"- Steps: {info.get('steps', '?')} of {info.get('batch', '?')} crops at {info.get('crop', '?')}² "
        f"({float(info.get('wall_time_s', 0)) / 60:.0f} minutes of optimisation on {info.get('device', '?')})",
        f"- Hardware: {info.get('hardware') or hardware_name()}",
        "- Loss: L1 inside the hole plus 0.5 × L1 on image gradients inside the hole; " + _lr_schedule(run),
        "",
        "## Metrics",
        f"Validation (held-out crops, PSNR inside the holes): **{m.get('psnr_hole', float('nan')):.2f} dB** "
        f"against OpenCV Telea {m.get('psnr_telea', float('nan')):.2f} dB and Navier–Stokes "
        f"{m.get('psnr_ns', float('nan')):.2f} dB ({m.get('gain_db', float('nan')):+.2f} dB).",
    ]
    if bench:
        lines += ["", "Benchmark on BSDS500 `test/` (never trained on), one mask of each kind per photo, "
                  "PSNR and SSIM inside the holes (`studio bench inpaint`):", "", "```", bench.strip(), "```"]
    if evals:
        lines += ["", "| step | hole PSNR | vs best OpenCV |", "|---:|---:|---:|"]
        lines += [f"| {r['step']} | {r['psnr_hole']:.2f} | {r['gain_db']:+.2f} |" for r in evals]
    return "\n".join(lines) + "\n"
