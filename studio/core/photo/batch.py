"""Repairing many files: collecting inputs, naming outputs, resuming, reporting failures."""
from __future__ import annotations

import functools
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from ..deep import keeps_depth
from ..images import PNG_LEVEL, LoadedImage, is_image_path, load_image, load_mask, save_format, save_like
from ..jobs import Cancelled, ProgressFn, check_cancel, report
from ..errors import StudioError
from ..paths import same_file
from ..provenance import Provenance
from . import steps
from .methods import get_method
from .repair import repair_image


@dataclass
class BatchItem:
    source: Path
    target: Path


class NothingToDo(StudioError):
    """A file that needs no output (e.g. an empty mask): reported, nothing written."""


@dataclass
class BatchReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # outputs that already existed
    failed: list[tuple[Path, str]] = field(default_factory=list)
    notes: dict[Path, str] = field(default_factory=dict)  # what was done to each written file, when told
    unchanged: list[tuple[Path, str]] = field(default_factory=list)  # inputs that needed nothing, and why

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
        items = [BatchItem(files[0][0], out)]
    else:
        if out.exists() and not out.is_dir():
            raise StudioError(f"{out}: exists and is not a folder (several inputs need an output folder)")
        items = [BatchItem(src, out / rel) for src, rel in files]
    refuse_overwriting_inputs([src for src, _ in files], [i.target for i in items])
    return items


def refuse_overwriting_inputs(sources: list[Path], targets: list[Path]) -> None:
    """An output is never written over an input, whatever the spelling, link or --overwrite."""
    by_name = {s.resolve(): s for s in sources}
    for t in targets:
        hit = by_name.get(t.resolve())
        if hit is None and t.exists() and len(sources) <= 64:
            hit = next((s for s in sources if same_file(s, t)), None)
        elif hit is None and t.exists():
            # Many inputs: compare (device, inode) once instead of one samefile per pair.
            ids = {(st.st_dev, st.st_ino): s for s in sources for st in [s.stat()]}
            st = t.stat()
            hit = ids.get((st.st_dev, st.st_ino))
        if hit is not None:
            raise StudioError(f"{t}: the output would overwrite an input ({hit}); Studio never writes over an "
                              "original — choose another output name or folder")


def _free_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows
        return os.cpu_count() or 1


def process_batch(
    items: list[BatchItem],
    transform: Callable[[LoadedImage], "np.ndarray | tuple[np.ndarray, str]"],
    *,
    overwrite: bool = False,
    quality: int = 95,
    png_level: int = PNG_LEVEL,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    pause: threading.Event | None = None,
    provenance: Provenance | None = None,
    overlap: bool | None = None,
) -> BatchReport:
    """Load, transform and save every item; unreadable inputs are reported, never fatal.

    Existing outputs are skipped unless ``overwrite``, so an interrupted batch resumes
    where it stopped. ``provenance`` (what the transform does) is written into each output,
    with its own original named by hash. With more than one core free (or ``overlap``), the
    next photo is decoded and the previous one encoded while one is transformed; at most
    three photos are in memory.
    """
    rep = BatchReport()
    pool = ThreadPoolExecutor(2, thread_name_prefix="batch-io") if (
        _free_cores() > 1 if overlap is None else overlap) else None
    loads: dict[int, Future] = {}
    saving: tuple[BatchItem, int, Future] | None = None

    def skip(item: BatchItem) -> bool:
        return item.target.exists() and not overwrite

    def prefetch(after: int) -> None:
        k = next((k for k in range(after + 1, len(items)) if not skip(items[k])), None)
        if pool is not None and k is not None and k not in loads:
            loads[k] = pool.submit(load_image, items[k].source)

    def finish_saving() -> None:
        nonlocal saving
        if saving is not None:
            item, lost_bits, fut = saving
            saving = None
            _record(rep, item, fut.result, keep_result=False, lost_bits=lost_bits)

    try:
        for n, item in enumerate(items):
            while pause is not None and pause.is_set() and not (cancel is not None and cancel.is_set()):
                time.sleep(0.05)
            check_cancel(cancel)
            report(progress, n, len(items), item.source.name)
            if skip(item):
                rep.skipped.append(item.target)
                continue

            def work(n=n, item=item):
                img = loads.pop(n).result() if n in loads else load_image(item.source)
                prefetch(n)
                result = transform(img)
                if isinstance(result, tuple):
                    result, rep.notes[item.target] = result
                return img, result

            done = _record(rep, item, work, keep_result=True)
            if done is None:
                continue
            img, result = done
            lost = img.bit_depth if img.bit_depth > 8 and not keeps_depth(img, result, save_format(item.target)) else 0
            save = functools.partial(save_like, item.target, result, img, quality, png_level, provenance,
                                     original=item.source)
            if pool is None:
                _record(rep, item, save, keep_result=False, lost_bits=lost)
            else:
                finish_saving()
                saving = (item, lost, pool.submit(save))
        finish_saving()
    finally:
        if saving is not None:  # cancelled or failed with a result being written: let that file complete
            saving[2].exception()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    report(progress, len(items), len(items), "done")
    return rep


def _record(rep: BatchReport, item: BatchItem, fn, *, keep_result: bool, lost_bits: int = 0):
    """Run one step of one item and file what happened (``keep_result``: the load and transform, whose result
    is returned; else the save, of a file with 8 bits per channel where the original had ``lost_bits``)."""
    try:
        out = fn()
    except Cancelled:
        raise
    except NothingToDo as exc:
        rep.unchanged.append((item.source, str(exc)))
    except StudioError as exc:
        rep.failed.append((item.source, str(exc).replace(f"{item.source}: ", "")))
    except MemoryError:
        rep.failed.append((item.source, "not enough memory"))
    else:
        if keep_result:
            return out
        rep.written.append(item.target)
        if lost_bits:
            note = f"saved with 8 bits per channel (the original has {lost_bits})"
            rep.notes[item.target] = f"{rep.notes[item.target]}; {note}" if item.target in rep.notes else note
    return None


def check_mask(mask: np.ndarray, empty: str = "the mask is empty") -> None:
    if not mask.any():
        raise NothingToDo(f"nothing to repair: {empty}; no file written")
    if mask.all():
        raise StudioError("the mask covers the whole photo: nothing is left to repair it from")


def repair_batch(
    items: list[BatchItem],
    *,
    method: str,
    mask_path: str | os.PathLike | None = None,
    mask: np.ndarray | None = None,
    overwrite: bool = False,
    quality: int = 95,
    png_level: int = PNG_LEVEL,
    auto: bool = False,
    sensitivity: float = 0.5,
    detector: str = "auto",
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    pause: threading.Event | None = None,
    item_progress: ProgressFn | None = None,
    device=None,
    mark: bool = True,
    overlap: bool | None = None,
) -> BatchReport:
    """Repair every item with one mask (and/or detected damage when ``auto``).

    ``item_progress`` reports progress within the current photo, ``progress`` over the batch;
    ``mark`` writes how each output was made into it (see ``provenance``).
    """
    get_method(method, device)  # fail before the first file on a bad method name
    made = (steps.detected(detector) if auto else Provenance()) + steps.repaired(method)
    masks: dict[tuple[int, int], np.ndarray] = {}

    def transform(img: LoadedImage):
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
        if not auto:
            check_mask(m)
        if auto:
            from .damage import DamageParams, detect_damage, summarize

            found = detect_damage(img.rgb, DamageParams(sensitivity=sensitivity, detector=detector), device=device,
                                  cancel=cancel)
            m = m | found
            note = f"detected {summarize(found)}"
            check_mask(m, "no damage found")
            return repair_image(img.rgb, m, method, device=device, progress=item_progress, cancel=cancel), note
        return repair_image(img.rgb, m, method, device=device, progress=item_progress, cancel=cancel)

    return process_batch(items, transform, overwrite=overwrite, quality=quality, png_level=png_level,
                         progress=progress, cancel=cancel, pause=pause, provenance=made if mark else None,
                         overlap=overlap)


def restore_batch(
    items: list[BatchItem],
    options,
    *,
    overwrite: bool = False,
    quality: int = 95,
    png_level: int = PNG_LEVEL,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    pause: threading.Event | None = None,
    item_progress: ProgressFn | None = None,
    device=None,
    mark: bool = True,
) -> BatchReport:
    """Restore every item (detect, repair, gentle enhancement); the report notes what was done to each."""
    from .methods import get_method
    from .restore import restore_photo

    if options.method:
        get_method(options.method, device)
    made = steps.restored(options)

    def transform(img: LoadedImage):
        res = restore_photo(img.rgb, options, device=device, progress=item_progress, cancel=cancel)
        return res.rgb, res.describe()

    return process_batch(items, transform, overwrite=overwrite, quality=quality, png_level=png_level,
                         progress=progress, cancel=cancel, pause=pause, provenance=made if mark else None)
