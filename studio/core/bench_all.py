"""``studio bench all``: the speed of everything Studio does, measured in one run on this machine.

Each row times the same function the CLI and the window call, on generated
inputs of a stated size, after one untimed warm-up where a model has to be
loaded first. Ratios between rows (classical vs learned, Studio's trainer vs
a plain loop) are meaningful on any machine; absolute times describe this
one, whose description heads the table.
"""
from __future__ import annotations

import os
import platform
import threading
import time
from pathlib import Path
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np

from .jobs import ProgressFn, check_cancel, report


@dataclass
class Row:
    what: str
    size: str
    seconds: float  # per call
    throughput: str = ""


def machine() -> str:
    from .device import hardware_name

    mem = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        mem = f", {pages * size / 2 ** 30:.0f} GB memory"
    except (ValueError, OSError, AttributeError):
        pass
    gpu = "no GPU"
    try:
        import torch

        if torch.cuda.is_available():
            gpu = torch.cuda.get_device_name(0)
    except Exception:  # torch missing or a broken driver: the table still describes the CPU
        pass
    return f"{hardware_name()}{mem}, {gpu}; {platform.system()} {platform.release()}, Python {platform.python_version()}"


def _photo(w: int, h: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, (max(2, h // 16), max(2, w // 16), 3), dtype=np.uint8)
    img = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(img.astype(np.int16) + rng.normal(0, 6, img.shape), 0, 255).astype(np.uint8)


def _strokes(w: int, h: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    m = np.zeros((h, w), np.uint8)
    for _ in range(6):
        pts = np.cumsum(rng.normal(0, w / 30, (8, 2)), axis=0) + (rng.uniform(0, w), rng.uniform(0, h))
        cv2.polylines(m, [pts.astype(np.int32).reshape(-1, 1, 2)], False, 255, max(2, w // 200))
    return m > 0


def _time(fn: Callable[[], object], warm: bool = False) -> float:
    """Seconds for one call; ``warm``: the steady state, after the calls that load a model and build its
    compressed variant (the int8 detector is built on the second photo)."""
    for _ in range(2 if warm else 0):
        fn()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_all(*, quick: bool = False, progress: ProgressFn | None = None,
              cancel: threading.Event | None = None) -> list[Row]:
    from .photo.methods import available_methods
    from .photo.repair import repair_image

    rows: list[Row] = []
    sizes = [(768, 512)] if quick else [(768, 512), (6000, 4000)]
    steps = 10
    done = 0

    def tick(what: str) -> None:
        nonlocal done
        check_cancel(cancel)
        done += 1
        report(progress, done, steps, what)

    for w, h in sizes:
        rgb, mask = _photo(w, h), _strokes(w, h)
        for m in available_methods():
            if m.name == "patch" and (quick or w * h > 4_000_000):
                continue  # PatchMatch on long strokes takes seconds (minutes at 24 MP): for big holes only
            s = _time(lambda: repair_image(rgb, mask, m.name), warm=m.learned)
            rows.append(Row(f"repair, {m.name}", f"{w}×{h}, {mask.mean():.1%} marked", s,
                            f"{w * h / s / 1e6:.2f} MP/s"))
    tick("repair")
    rows.append(_batch_row(quick))
    tick("batch")
    from .photo.damage import DamageParams, detect_damage, learned_available

    rgb = _photo(768, 512)
    for det in (["learned"] if learned_available() else []) + ["classical"]:
        s = _time(lambda: detect_damage(rgb, DamageParams(detector=det)), warm=det == "learned")
        rows.append(Row(f"damage detection, {det}", "768×512", s, f"{1 / s:.1f} photos/s"))
    tick("detection")
    from .faces import FaceGenerator

    gen = FaceGenerator(None)
    n = 64 if quick else 512
    s = _time(lambda: gen.generate(list(range(n))), warm=True)
    rows.append(Row("face generation", f"{n} faces, {gen.resolution} px", s, f"{n / s:.0f} faces/s"))
    tick("faces")
    rows += _video_rows(quick, cancel)
    tick("video")
    from .training.bench import bench_train

    tr = bench_train(steps=4 if quick else 20, batch=16 if quick else 64, resolution=32 if quick else 64,
                     rounds=1 if quick else 3)
    rows.append(Row("GAN training, Studio's trainer", f"batch {16 if quick else 64}", 0.0,
                    f"{tr['trainer']:.0f} images/s ({tr['ratio']:.2f}× a plain loop, {tr['plain']:.0f}/s)"))
    tick("training")
    return rows


def _batch_row(quick: bool) -> Row:
    """A folder repaired with decoding and encoding overlapped, against one photo at a time."""
    import tempfile

    from .images import save_image, save_mask
    from .photo.batch import plan_outputs, repair_batch

    n, (w, h) = (3, (1024, 768)) if quick else (6, (3000, 2000))
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as tmp:
        src = Path(tmp) / "in"
        for i in range(n):
            save_image(src / f"{i}.png", _photo(w, h, seed=i))
        save_mask(Path(tmp) / "mask.png", _strokes(w, h))
        times = {}
        for overlap in (False, True):
            items = plan_outputs([src], Path(tmp) / f"out-{overlap}")
            t = time.perf_counter()
            repair_batch(items, method="telea", mask_path=Path(tmp) / "mask.png", overlap=overlap)
            times[overlap] = time.perf_counter() - t
    return Row("batch repair, telea, PNG in and out", f"{n} photos {w}×{h}", times[True] / n,
               f"{n / times[True]:.2f} photos/s ({times[False] / times[True]:.2f}× one photo at a time)")


def _video_rows(quick: bool, cancel) -> list[Row]:
    from fractions import Fraction

    from .video.deflicker import deflicker_frames
    from .video.denoise import denoise_frames
    from .video.dust import clean_dust
    from .video.fill import FillParams, fill_masked
    from .video.frames import replace_broken_frames
    from .video.io import Frame
    from .video.retime import change_frame_rate
    from .video.sharpen import sharpen_frames
    from .video.stabilize import stabilize_frames

    w, h, n = (320, 180, 12) if quick else (640, 360, 48)
    world = _photo(w + 4 * n, h)
    clip = [np.ascontiguousarray(world[:, 2 * i:2 * i + w]) for i in range(n)]  # a steady pan
    box = np.zeros((h, w), bool)
    box[h // 8:h // 4, w // 2:w // 2 + w // 6] = True
    modes = {
        "mask fill": lambda fr: fill_masked((Frame(f.index, None, f.rgb, box) for f in fr), FillParams()),
        "film dust": lambda fr: clean_dust(fr),
        "broken frames": lambda fr: replace_broken_frames(fr),
        "denoise": lambda fr: denoise_frames(fr, 0.5),
        "deflicker": lambda fr: deflicker_frames(fr),
        "stabilise": lambda fr: stabilize_frames(fr),
        "frame rate ×2": lambda fr: change_frame_rate(fr, Fraction(24), Fraction(1, 24), Fraction(48)),
        "upscale ×2": lambda fr: sharpen_frames(fr, 0.2, 2),
    }
    rows = []
    for name, stage in modes.items():
        check_cancel(cancel)
        frames = [Frame(i, i, f.copy()) for i, f in enumerate(clip)]
        t = time.perf_counter()
        out = sum(1 for _ in stage(iter(frames)))
        s = time.perf_counter() - t
        rows.append(Row(f"video, {name}", f"{w}×{h}, {n} frames", s / n, f"{out / s:.1f} frames/s"))
    return rows


def format_table(rows: list[Row]) -> str:
    lines = [f"Measured on {machine()}.", "", "| benchmark | input | time per call | throughput |",
             "|---|---|---:|---|"]
    for r in rows:
        t = "" if r.seconds == 0 else (f"{r.seconds * 1000:.0f} ms" if r.seconds < 1 else f"{r.seconds:.2f} s")
        lines.append(f"| {r.what} | {r.size} | {t} | {r.throughput} |")
    return "\n".join(lines)
