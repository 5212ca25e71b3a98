"""``studio models compress`` for the repair and face networks: a bfloat16 variant, measured and carded.

The variant is used on CPUs that compute bfloat16 natively, and only when its
quality change, measured by the model's own benchmark side by side with the
full model, stays within tolerance: hole PSNR for repair (photos never trained
on), SWD against held-out real faces for faces.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file

from .bf16 import BF16_KEY, supported
from .compress import median_seconds
from .errors import StudioError
from .jobs import ProgressFn, check_cancel, report
from .registry import ModelInfo, load_model
from .weights import atomic_save

PSNR_TOLERANCE_DB = 0.05  # the largest drop in hole PSNR for a repair variant to be used
SWD_TOLERANCE = 0.5  # the largest rise in SWD (×10³) for a face variant to be used
FACES_COMPARED = 1000  # generated and held-out real faces in the SWD, as in the face model's card
ARCHS = ("inpaint-refiner", "dcgan-generator")


def _speed(path: Path, arch: str) -> float:
    net, meta = load_model(path, "cpu")
    if arch == "dcgan-generator":
        x = (torch.randn(256, int(meta["config"]["nz"]), 1, 1),)
    else:
        rng = np.random.default_rng(0)
        mask = torch.from_numpy(rng.random((1, 1, 512, 768)) < 0.1).float()
        x = (torch.rand(1, 3, 512, 768) * 2 - 1, mask)
    with torch.inference_mode():
        return median_seconds(lambda: net(*x))


def _repair_psnr(info: ModelInfo, bench_data, photos: int, cancel) -> float:
    from .photo.inpaint_bench import bench_inpaint
    from .photo.neural_inpaint import NeuralInpainter

    result = bench_inpaint(bench_data, [NeuralInpainter(info, "cpu", use_variant=False)], photos=photos,
                           cancel=cancel)
    return float(result["overall"]["neural"]["psnr"])


def _faces_swd(path: Path, real: np.ndarray) -> float:
    from .faces import latent
    from .training.data import to_uint8
    from .training.swd import swd

    net, meta = load_model(path, "cpu")
    nz = int(meta["config"]["nz"])
    out = []
    with torch.inference_mode():
        for start in range(0, len(real), 250):
            z = torch.stack([latent(s, nz) for s in range(start, min(len(real), start + 250))])
            out.append(to_uint8(net(z)))
    return float(swd(real, np.concatenate(out), seed=0)["swd"])


def _held_out_faces(data, resolution: int, cancel) -> np.ndarray:
    from .training.data import load_image_folder, split_holdout

    arr = load_image_folder(data, resolution, cancel=cancel).array
    _, held = split_holdout(len(arr), FACES_COMPARED, 0)  # the images `train gan` keeps out by default
    return np.ascontiguousarray(arr[held[:FACES_COMPARED]])


def compress_bf16(info: ModelInfo, output: Path, *, bench_data: str | Path, bench_photos: int = 30,
                  progress: ProgressFn | None = None, cancel: threading.Event | None = None) -> dict:
    """Write the bfloat16 variant of ``info`` to ``output`` and return what was measured."""
    if info.arch not in ARCHS:
        raise StudioError(f"{info.name}: bfloat16 variants are made for repair and face models")
    if not supported():
        raise StudioError("this CPU has no native bfloat16 (AVX-512 BF16 or AMX): a bfloat16 variant would run "
                          "slower here, not faster")
    with safe_open(str(info.path), framework="pt") as fh:
        header = dict(fh.metadata() or {})
    meta_info = json.loads(header.get("info", "{}"))
    if BF16_KEY in meta_info or "int8" in meta_info:
        raise StudioError(f"{info.name} is already a compressed variant")
    faces = info.arch == "dcgan-generator"
    report(progress, 0, 4, "writing the variant")
    tensors = {k: v.to(torch.bfloat16) if v.is_floating_point() else v for k, v in load_file(str(info.path)).items()}
    meta_info[BF16_KEY] = {"compressed_from": info.name}
    header["info"] = json.dumps(meta_info)
    atomic_save(tensors, Path(output), header)
    report(progress, 1, 4, "timing")
    t_full, t_bf16 = _speed(info.path, info.arch), _speed(Path(output), info.arch)
    check_cancel(cancel)
    if faces:
        report(progress, 2, 4, "SWD of the full model")
        real = _held_out_faces(bench_data, int(json.loads(header["config"])["resolution"]), cancel)
        q_full = _faces_swd(info.path, real)
        report(progress, 3, 4, "SWD of the bfloat16 model")
        q_small = _faces_swd(Path(output), real)
        change, ok = q_small - q_full, q_small - q_full <= SWD_TOLERANCE
        metric, tolerance, bench = "SWD", SWD_TOLERANCE, f"{len(real)} held-out faces from {Path(bench_data).name}"
    else:
        from .registry import find_model

        report(progress, 2, 4, "benchmarking the full model")
        q_full = _repair_psnr(info, bench_data, bench_photos, cancel)
        report(progress, 3, 4, "benchmarking the bfloat16 model")
        q_small = _repair_psnr(find_model(str(output)), bench_data, bench_photos, cancel)
        change, ok = q_small - q_full, q_small - q_full >= -PSNR_TOLERANCE_DB
        metric, tolerance, bench = "hole PSNR (dB)", PSNR_TOLERANCE_DB, f"{bench_photos} photos from " \
                                                                         f"{Path(bench_data).name}"
    result = {"speedup": t_full / t_bf16, "seconds_full": t_full, "seconds_bf16": t_bf16, "metric": metric,
              "full": q_full, "bf16": q_small, "change": change, "tolerance": tolerance, "bench": bench}
    result["accepted"] = bool(ok and result["speedup"] > 1.1)
    meta_info[BF16_KEY].update(result)
    header["info"] = json.dumps(meta_info)
    atomic_save(tensors, Path(output), header)
    Path(output).with_suffix(".md").write_text(card(info.name, Path(output).stem, faces, result), encoding="utf-8")
    report(progress, 4, 4, "done")
    return result


def card(source: str, name: str, faces: bool, r: dict) -> str:
    use = ("is used on CPUs with native bfloat16" if r["accepted"]
           else "is **not** used (outside the tolerance, or no faster)")
    work = "256 faces" if faces else "the network on a 768×512 photo"
    better = "lower is better" if faces else "higher is better"
    return "\n".join([
        f"# {name}: bfloat16 variant of {source}",
        "",
        f"The {'face generator' if faces else 'repair network'} `{source}` with its weights and every layer in "
        "bfloat16 (8-bit mantissa), as oneDNN runs it natively on CPUs with AVX-512 BF16 or AMX; inputs and "
        "outputs stay float32. Half the file size of the full model.",
        "",
        "## Measured",
        f"- Speed, {work}, CPU: {r['seconds_full'] * 1000:.0f} ms → {r['seconds_bf16'] * 1000:.0f} ms "
        f"(**{r['speedup']:.1f}× faster**)",
        f"- {r['metric']} ({better}; {r['bench']}): {r['full']:.2f} → {r['bf16']:.2f} (**{r['change']:+.3f}**; "
        f"tolerance {'+' if faces else '−'}{r['tolerance']:g})",
        "",
        f"This variant {use}; on a GPU, or a CPU without native bfloat16, the full model runs.",
    ]) + "\n"
