"""``studio models compress`` for the damage detector: calibrate an int8 variant, measure it, decide its use.

The variant is used on CPUs only when its detection quality, measured by the
detector's own benchmark on photos it never saw, stays within
:data:`F1_TOLERANCE` of the full model; the speed-up and the quality change
are written into its card either way.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file

from ..compress import INT8_KEY, calibrate, example_input, median_seconds
from ..errors import StudioError
from ..images import find_images, load_rgb
from ..jobs import ProgressFn, check_cancel, report
from ..registry import ModelInfo, load_model
from ..weights import atomic_save

F1_TOLERANCE = 0.01  # the largest drop in F1 (both benchmark renderers) for the int8 variant to be used
CALIBRATION_SIDE = 384  # px: calibration photos are this size (the ranges do not depend on size)


def _calibration_batches(folder, photos: int, seed: int = 0):
    from .damage_render import render_damage

    rng = np.random.default_rng(seed)
    for path in find_images(folder)[:photos]:
        rgb = load_rgb(path)
        h, w = rgb.shape[:2]
        s = CALIBRATION_SIDE / max(h, w)
        if s < 1:
            import cv2

            rgb = cv2.resize(rgb, (round(w * s) // 16 * 16, round(h * s) // 16 * 16), interpolation=cv2.INTER_AREA)
        else:
            rgb = rgb[: h // 16 * 16, : w // 16 * 16]
        damaged = render_damage(rgb, rng, amount=rng.uniform(0.3, 1.0))[0] if rng.random() < 0.7 else rgb
        yield torch.from_numpy(np.array(damaged)).permute(2, 0, 1)[None].float().div(127.5).sub(1)


def _f1(bench) -> float:
    scores = list(bench.renderers.values())
    p = float(np.mean([s.precision for s in scores]))
    r = float(np.mean([s.recall for s in scores]))
    return 2 * p * r / max(p + r, 1e-9)


def _speed(model_path: Path, rgb: np.ndarray) -> float:
    from .damage_learned import LearnedDetector
    from ..registry import find_model

    det = LearnedDetector(find_model(str(model_path)), "cpu")
    return median_seconds(lambda: det.probability(rgb), rounds=3)


def compress_damage(info: ModelInfo, output: Path, calibration: str | Path, *, bench_data: str | Path,
                    calibration_photos: int = 40, bench_photos: int = 30, progress: ProgressFn | None = None,
                    cancel: threading.Event | None = None) -> dict:
    """Write the int8 variant of ``info`` to ``output`` and return what was measured."""
    if info.arch != "damage-unet":
        raise StudioError(f"{info.name}: compression is made for damage detectors")
    with safe_open(str(info.path), framework="pt") as fh:
        header = dict(fh.metadata() or {})
    meta_info = json.loads(header.get("info", "{}"))
    if INT8_KEY in meta_info:
        raise StudioError(f"{info.name} is already an int8 variant")
    report(progress, 0, 4, "calibrating")
    net, _ = load_model(info.path, "cpu")
    ranges = calibrate(net, _calibration_batches(calibration, calibration_photos), example_input(info.arch))
    check_cancel(cancel)
    meta_info[INT8_KEY] = {"ranges": ranges, "calibration": f"{calibration_photos} photos from {Path(calibration).name}",
                           "compressed_from": info.name}
    header["info"] = json.dumps(meta_info)
    atomic_save(load_file(str(info.path)), Path(output), header)
    report(progress, 1, 4, "timing")
    from .damage_bench import bench_damage

    photo = load_rgb(find_images(bench_data)[0])
    import cv2

    photo = cv2.resize(photo, (768, 512), interpolation=cv2.INTER_AREA)
    with torch.inference_mode():
        t_full, t_int8 = _speed(info.path, photo), _speed(Path(output), photo)
    report(progress, 2, 4, "benchmarking the full model")
    full = bench_damage(bench_data, photos=bench_photos, detector="learned", model=info.path, device="cpu",
                        cancel=cancel)
    report(progress, 3, 4, "benchmarking the int8 model")
    small = bench_damage(bench_data, photos=bench_photos, detector="learned", model=Path(output), device="cpu",
                         cancel=cancel)
    f1_full, f1_int8 = _f1(full), _f1(small)
    result = {"speedup": t_full / t_int8, "seconds_full": t_full, "seconds_int8": t_int8, "f1_full": f1_full,
              "f1_int8": f1_int8, "f1_change": f1_int8 - f1_full, "tolerance": F1_TOLERANCE,
              "clean_changed_full": full.clean_changed, "clean_changed_int8": small.clean_changed,
              "bench": f"{bench_photos} photos from {Path(bench_data).name}"}
    result["accepted"] = bool(result["f1_change"] >= -F1_TOLERANCE and result["speedup"] > 1.1)
    meta_info[INT8_KEY].update(result)
    header["info"] = json.dumps(meta_info)
    atomic_save(load_file(str(output)), Path(output), header)
    Path(output).with_suffix(".md").write_text(card(info.name, Path(output).stem, result), encoding="utf-8")
    report(progress, 4, 4, "done")
    return result


def card(source: str, name: str, r: dict) -> str:
    use = "is used on CPUs" if r["accepted"] else "is **not** used (outside the tolerance)"
    return "\n".join([
        f"# {name}: int8 variant of {source}",
        "",
        f"The damage detector `{source}` with every convolution (BatchNorm and ReLU fused) running in 8-bit "
        "integers on x86 CPUs: PyTorch's static post-training quantisation, activation ranges calibrated on "
        f"photos with rendered damage. The file keeps the float weights; they are quantised per channel at load.",
        "",
        "## Measured",
        f"- Speed, 768×512 photo, CPU: {r['seconds_full'] * 1000:.0f} ms → {r['seconds_int8'] * 1000:.0f} ms "
        f"(**{r['speedup']:.1f}× faster**)",
        f"- Detection F1 (mean of both benchmark renderers, {r['bench']}): {r['f1_full']:.3f} → {r['f1_int8']:.3f} "
        f"(**{r['f1_change']:+.3f}**; tolerance −{r['tolerance']:.2f})",
        f"- Clean photos' pixels changed: {r['clean_changed_full']:.3%} → {r['clean_changed_int8']:.3%}",
        "",
        f"This variant {use} from the second photo a process detects on, or at once on a photo larger than one "
        "768-px tile (building it takes up to a second, more than it saves on one small photo); on a GPU the full "
        "model runs.",
    ]) + "\n"
