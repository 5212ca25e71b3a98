"""Repairing many files: collecting inputs, naming outputs, resuming, reporting failures."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import cv2
import numpy as np

from .images import LoadedImage, is_image_path, load_image, load_mask, save_image
from .jobs import Cancelled, ProgressFn, StudioError, check_cancel, report
from .repair import get_method, repair_image


@dataclass
class BatchItem:
    source: Path
    target: Path


@dataclass
class BatchReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # outputs that already existed
    failed: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def repaired_name(path: Path) -> str:
    """``photo.jpg`` → ``photo_repaired.jpg``: the default that never replaces the original."""
    return f"{path.stem}_repaired{path.suffix}"


def collect_inputs(inputs: list[str | os.PathLike]) -> list[tuple[Path, Path]]:
    """(file, path relative to its input root) for every image in the given files and folders."""
    found: list[tuple[Path, Path]] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and is_image_path(f):
                    found.append((f, f.relative_to(p)))
        elif p.exists():
            found.append((p, Path(p.name)))
        else:
            raise StudioError(f"{p}: file not found")
    return found


def plan_outputs(inputs: list[str | os.PathLike], output: str | os.PathLike) -> list[BatchItem]:
    """One input file and an output with an image extension: that file. Otherwise a folder
    mirroring the inputs' relative structure, with the same file names."""
    files = collect_inputs(inputs)
    out = Path(output)
    single = len(files) == 1 and not Path(inputs[0]).is_dir() and len(inputs) == 1
    if single and not out.is_dir() and out.suffix:
        return [BatchItem(files[0][0], out)]
    if out.exists() and not out.is_dir():
        raise StudioError(f"{out}: exists and is not a folder (several inputs need an output folder)")
    items = [BatchItem(src, out / rel) for src, rel in files]
    sources = {i.source.resolve() for i in items}
    if any(i.target.resolve() in sources for i in items):
        raise StudioError(f"{out}: output would overwrite an input; choose another folder")
    return items


def process_batch(
    items: list[BatchItem],
    transform: Callable[[LoadedImage], np.ndarray],
    *,
    overwrite: bool = False,
    quality: int = 95,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    pause: threading.Event | None = None,
) -> BatchReport:
    """Load, transform and save every item; unreadable inputs are reported, never fatal.

    Existing outputs are skipped unless ``overwrite``, so an interrupted batch resumes
    where it stopped.
    """
    rep = BatchReport()
    for n, item in enumerate(items):
        while pause is not None and pause.is_set() and not (cancel is not None and cancel.is_set()):
            time.sleep(0.05)
        check_cancel(cancel)
        report(progress, n, len(items), item.source.name)
        if item.target.exists() and not overwrite:
            rep.skipped.append(item.target)
            continue
        try:
            img = load_image(item.source)
            result = transform(img)
            alpha = img.alpha
            if alpha is not None and alpha.shape != result.shape[:2]:
                alpha = cv2.resize(alpha, (result.shape[1], result.shape[0]), interpolation=cv2.INTER_LINEAR)
            save_image(item.target, result, alpha=alpha, like=img, quality=quality)
            rep.written.append(item.target)
        except Cancelled:
            raise
        except StudioError as exc:
            rep.failed.append((item.source, str(exc).replace(f"{item.source}: ", "")))
        except MemoryError:
            rep.failed.append((item.source, "not enough memory"))
    report(progress, len(items), len(items), "done")
    return rep


def repair_batch(
    items: list[BatchItem],
    *,
    method: str,
    mask_path: str | os.PathLike | None = None,
    mask: np.ndarray | None = None,
    overwrite: bool = False,
    quality: int = 95,
    auto: bool = False,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    pause: threading.Event | None = None,
    item_progress: ProgressFn | None = None,
) -> BatchReport:
    """Repair every item with one mask (and/or detected damage when ``auto``).

    ``item_progress`` reports progress within the current photo, ``progress`` over the batch.
    """
    get_method(method)  # fail before the first file on a bad method name
    masks: dict[tuple[int, int], np.ndarray] = {}

    def transform(img: LoadedImage) -> np.ndarray:
        size = img.size
        if mask is not None:
            if (mask.shape[1], mask.shape[0]) != size:
                raise StudioError(f"mask is {mask.shape[1]}×{mask.shape[0]} but the image is {size[0]}×{size[1]}")
            m = mask
        elif mask_path is not None:
            if size not in masks:
                masks[size] = load_mask(mask_path, size)
            m = masks[size]
        elif auto:
            m = np.zeros(img.rgb.shape[:2], bool)
        else:
            raise StudioError("no mask given")
        if auto:
            from .damage import detect_damage

            m = m | detect_damage(img.rgb)
        return repair_image(img.rgb, m, method, progress=item_progress, cancel=cancel)

    return process_batch(items, transform, overwrite=overwrite, quality=quality, progress=progress, cancel=cancel,
                         pause=pause)
