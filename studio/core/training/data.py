"""Image-folder datasets decoded once into a cached uint8 array."""
from __future__ import annotations

import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps

from ..images import find_images
from ..jobs import ProgressFn, check_cancel, report
from ..errors import StudioError
from ..paths import cache_dir


def _decode_square(path: Path, resolution: int) -> np.ndarray | None:
    try:
        with Image.open(path) as img:
            # JPEG draft mode decodes at a reduced scale directly: several times faster.
            img.draft("RGB", (resolution * 2, resolution * 2))
            img = ImageOps.exif_transpose(img) or img
            img = img.convert("RGB")
            w, h = img.size
            side = min(w, h)
            left, top = (w - side) // 2, (h - side) // 2
            img = img.crop((left, top, left + side, top + side))
            img = img.resize((resolution, resolution), Image.Resampling.LANCZOS, reducing_gap=2.0)
            return np.asarray(img, dtype=np.uint8)
    except Exception:  # any unreadable file is skipped and counted, whatever the decoder raised
        return None


@dataclass
class CachedImages:
    array: np.ndarray  # (N, R, R, 3) uint8, memory-mapped from the cache file
    files: list[str]  # source paths, one per row
    skipped: list[str]  # paths that could not be decoded

    def __len__(self) -> int:
        return len(self.array)


def _cache_key(files: list[Path], resolution: int) -> str:
    h = hashlib.sha256(f"v1:{resolution}".encode())
    for p in files:
        st = p.stat()
        h.update(f"{p}\0{st.st_size}\0{int(st.st_mtime)}\n".encode())
    return h.hexdigest()[:24]


def load_image_folder(
    root: str | os.PathLike,
    resolution: int,
    *,
    cache: str | os.PathLike | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    exclude: list[str] | None = None,
) -> CachedImages:
    """Centre-crop and resize every image once (but those in ``exclude``); later calls map the cached array."""
    left_out = _resolved(exclude)
    files = [f for f in find_images(root) if str(f.resolve()) not in left_out]
    if not files:
        raise StudioError(f"{root}: no images found")
    folder = Path(cache) if cache is not None else cache_dir() / "datasets"
    folder.mkdir(parents=True, exist_ok=True)
    key = _cache_key(files, resolution)
    arr_path, meta_path = folder / f"{key}.npy", folder / f"{key}.json"
    if arr_path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        report(progress, len(files), len(files), "loaded cached dataset")
        return CachedImages(np.load(arr_path, mmap_mode="r"), meta["files"], meta["skipped"])

    out = np.empty((len(files), resolution, resolution, 3), dtype=np.uint8)
    ok = np.zeros(len(files), dtype=bool)
    workers = workers or max(1, min(8, (os.cpu_count() or 2)))
    done = 0
    chunk = 256
    with ThreadPoolExecutor(workers) as pool:
        for start in range(0, len(files), chunk):
            check_cancel(cancel)
            part = files[start:start + chunk]
            for i, img in enumerate(pool.map(lambda p: _decode_square(p, resolution), part)):
                if img is not None:
                    out[start + i] = img
                    ok[start + i] = True
            done += len(part)
            report(progress, done, len(files), f"decoding images {done}/{len(files)}")
    kept = [str(p) for p, good in zip(files, ok) if good]
    skipped = [str(p) for p, good in zip(files, ok) if not good]
    if not kept:
        raise StudioError(f"{root}: none of the {len(files)} image files could be read")
    arr = out[ok]
    tmp = arr_path.with_suffix(".tmp.npy")
    np.save(tmp, arr)
    os.replace(tmp, arr_path)
    meta_path.write_text(json.dumps({"files": kept, "skipped": skipped, "resolution": resolution}))
    return CachedImages(np.load(arr_path, mmap_mode="r"), kept, skipped)


def _resolved(paths: list[str] | None) -> set[str]:
    return {str(Path(p).resolve()) for p in (paths or [])}


def split_holdout(n: int, holdout: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Deterministic (train, held-out) index split; held-out images never train."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    holdout = max(0, min(holdout, n // 2))
    return np.sort(order[holdout:]), np.sort(order[:holdout])


def to_float(batch_uint8: torch.Tensor) -> torch.Tensor:
    """(N, H, W, 3) uint8 → (N, 3, H, W) float in [-1, 1]."""
    return batch_uint8.permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0)


def to_uint8(batch: torch.Tensor) -> np.ndarray:
    """(N, 3, H, W) float in [-1, 1] → (N, H, W, 3) uint8."""
    x = batch.detach().float().clamp(-1, 1).add(1).mul(127.5).round().to(torch.uint8)
    return x.permute(0, 2, 3, 1).cpu().numpy()


def load_photos(folders: list[Path], max_side: int, progress: ProgressFn | None = None,
                cancel: threading.Event | None = None, per_folder: int | None = None,
                exclude: list[str] | None = None) -> tuple[list[np.ndarray], list[str]]:
    """Every photo of the folders as RGB, downscaled once to ``max_side``; unreadable files are listed.

    ``per_folder`` caps how many are taken from each folder, evenly spread, so memory stays bounded;
    files in ``exclude`` are left out.
    """
    import cv2

    from ..images import load_rgb

    files = []
    left_out = _resolved(exclude)
    for folder in folders:
        found = [f for f in find_images(folder) if str(f.resolve()) not in left_out]
        if per_folder is not None and len(found) > per_folder:
            found = [found[i] for i in np.linspace(0, len(found) - 1, per_folder).astype(int)]
        files += found
    photos, skipped = [], []
    for i, f in enumerate(files):
        check_cancel(cancel)
        try:
            rgb = load_rgb(f)
        except StudioError:
            skipped.append(str(f))
            continue
        h, w = rgb.shape[:2]
        s = max_side / max(h, w)
        if s < 1:
            rgb = cv2.resize(rgb, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
        photos.append(rgb)
        if i % 50 == 0:
            report(progress, i, len(files), f"loading photos {i}/{len(files)}")
    return photos, skipped
