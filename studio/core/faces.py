"""Face generation: seeds → faces, truncation, interpolation, and batch export with metadata."""
from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import re
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
import torch
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from .. import __version__
from .device import pick_device
from .files import FILE_MODE, write_atomic
from .jobs import ProgressFn, check_cancel, report
from .errors import StudioError
from . import watermark
from .credentials import sign_bytes
from .provenance import Provenance
from .registry import ModelInfo, file_sha256, find_model, load_model
from .variants import full_models, runtime_model

FORMATS = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}
# IPTC's term for media made by a trained model; viewers and platforms read it from XMP.
AI_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
DEFAULT_MODEL = "faces-celeba64"


def latent(seed: int, nz: int) -> torch.Tensor:
    """The latent of one seed, drawn on the CPU so every device and batch sees the same one."""
    return torch.randn(nz, generator=torch.Generator().manual_seed(int(seed) & 0xFFFF_FFFF_FFFF_FFFF))


TRUNCATION_RANGE = 4.0  # |z| bound at truncation 1: beyond 4 sigma, so 1 changes (almost) nothing


def truncate(z: torch.Tensor, truncation: float, seed: int) -> torch.Tensor:
    """The truncation trick as BigGAN uses it: components beyond a bound are drawn again until they fall inside.

    Scaling a DCGAN's latent toward zero washes faces out to a grey average,
    because its generator was never shown short latents; redrawing only the
    outlying components, then restoring the latent's length, keeps it where
    the generator was trained while evening out its extreme directions. The redraws come from the seed, so a seed and a
    truncation always give the same face.
    """
    if truncation >= 1.0:
        return z * float(truncation)  # above 1: a longer latent, more extreme faces
    bound = TRUNCATION_RANGE * max(float(truncation), 0.05)
    out = z.clone()
    gen = torch.Generator().manual_seed((int(seed) * 2654435761 + 1) & 0xFFFF_FFFF_FFFF_FFFF)
    outside = out.abs() > bound
    while outside.any():
        out[outside] = torch.randn(int(outside.sum()), generator=gen)
        outside = out.abs() > bound
    # Back to the original length: the generator only knows latents near the shell of radius sqrt(nz).
    return out * (z.norm() / out.norm().clamp_min(1e-6))


def slerp(a: torch.Tensor, b: torch.Tensor, t: float) -> torch.Tensor:
    """Spherical interpolation: stays on the shell where Gaussian latents live, unlike a straight line."""
    an, bn = a / a.norm(), b / b.norm()
    omega = torch.arccos(torch.clamp((an * bn).sum(), -1.0, 1.0))
    if omega.abs() < 1e-6:
        return (1 - t) * a + t * b
    so = torch.sin(omega)
    return torch.sin((1 - t) * omega) / so * a + torch.sin(t * omega) / so * b


class FaceGenerator:
    """A loaded face model. ``truncation`` < 1 keeps latents away from extremes: less variety, fewer oddities."""

    def __init__(self, model: str | Path | ModelInfo | None = None, device: str | torch.device | None = None,
                 batch: int = 256):
        info = model if isinstance(model, ModelInfo) else resolve_model(model)
        self.info = info
        self.device = torch.device(device) if isinstance(device, torch.device) else pick_device(device)
        # The weights are the chosen model's; on a CPU that runs it, its accepted bfloat16 variant computes them.
        self.runtime = runtime_model(info, self.device)
        self.net, self.meta = load_model(self.runtime.path, self.device)
        if self.device.type == "cuda":
            self.net = self.net.to(memory_format=torch.channels_last)
        self.nz = int(self.meta["config"]["nz"])
        self.resolution = int(self.meta["config"]["resolution"])
        self.batch = batch
        self._sha: str | None = None

    @property
    def sha256(self) -> str:
        if self._sha is None:
            self._sha = file_sha256(self.info.path)
        return self._sha

    @property
    def name(self) -> str:
        return self.info.name

    def latents(self, seeds: list[int], truncation: float = 1.0) -> torch.Tensor:
        return torch.stack([truncate(latent(s, self.nz), truncation, s) for s in seeds])

    @torch.inference_mode()
    def from_latents(self, z: torch.Tensor) -> np.ndarray:
        out = []
        for i in range(0, len(z), self.batch):
            x = self.net(z[i:i + self.batch].to(self.device))
            x = x.float().clamp(-1, 1).add(1).mul(127.5).round().to(torch.uint8)
            out.append(x.permute(0, 2, 3, 1).cpu().numpy())
        if not out:
            return np.zeros((0, self.resolution, self.resolution, 3), np.uint8)
        return np.concatenate(out)

    def generate(self, seeds: list[int], truncation: float = 1.0) -> np.ndarray:
        """(N, R, R, 3) uint8 faces, one per seed."""
        return self.from_latents(self.latents(seeds, truncation))

    def interpolate(self, seed_a: int, seed_b: int, frames: int = 32, truncation: float = 1.0) -> np.ndarray:
        a = truncate(latent(seed_a, self.nz), truncation, seed_a)
        b = truncate(latent(seed_b, self.nz), truncation, seed_b)
        z = torch.stack([slerp(a, b, t) for t in np.linspace(0.0, 1.0, max(2, frames))])
        return self.from_latents(z)


def resolve_model(model: str | Path | None) -> ModelInfo:
    if model is None:
        faces = full_models("faces")
        if not faces:
            raise StudioError("no face model found: train one with `studio train gan` or import one")
        shipped = [m for m in faces if m.name == DEFAULT_MODEL]
        return shipped[0] if shipped else faces[0]
    return find_model(str(model), task="faces")


def upscale(img: np.ndarray, size: int) -> np.ndarray:
    if size == img.shape[0]:
        return img
    return np.asarray(Image.fromarray(img).resize((size, size), Image.Resampling.LANCZOS))


@dataclass
class FaceMeta:
    seed: int
    truncation: float
    model: str
    model_sha256: str

    def description(self) -> str:
        return (f"AI-generated face (Studio {__version__}); model {self.model} "
                f"sha256 {self.model_sha256}; seed {self.seed}; truncation {self.truncation:g}")

    def xmp(self) -> bytes:
        return (
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
            f'<Iptc4xmpExt:DigitalSourceType>{AI_SOURCE_TYPE}</Iptc4xmpExt:DigitalSourceType>'
            f'<xmp:CreatorTool>Studio {__version__}</xmp:CreatorTool>'
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{self.description()}</rdf:li></rdf:Alt>'
            '</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>'
        ).encode()


def encode_face(img: np.ndarray, fmt: str, meta: FaceMeta, quality: int = 95, sign: bool = True) -> bytes:
    """Image bytes marked as AI-generated three ways: IPTC/XMP and EXIF metadata with the seed and model,
    an invisible watermark in the pixels (from 256 px up), and signed C2PA content credentials."""
    img = watermark.embed(img, meta.model_sha256)
    pil = Image.fromarray(img)
    buf = io.BytesIO()
    if fmt == "png":
        info = PngInfo()
        info.add_text("Software", f"Studio {__version__}")
        info.add_text("Description", meta.description())
        info.add_text("AI-Generated", "true")
        info.add_text("Seed", str(meta.seed))
        info.add_text("Truncation", f"{meta.truncation:g}")
        info.add_text("Model", meta.model)
        info.add_text("Model-SHA256", meta.model_sha256)
        info.add_itxt("XML:com.adobe.xmp", meta.xmp().decode())
        pil.save(buf, format="PNG", pnginfo=info, compress_level=6)
    else:
        exif = Image.Exif()
        exif[0x010E] = meta.description()  # ImageDescription
        exif[0x0131] = f"Studio {__version__}"  # Software
        pil.save(buf, format=FORMATS[fmt], quality=quality, exif=exif.tobytes(), xmp=meta.xmp())
    if not sign:
        return buf.getvalue()
    made = Provenance([meta.description()], generated=True, models=[f"{meta.model} sha256:{meta.model_sha256[:12]}"])
    try:
        return sign_bytes(buf.getvalue(), "." + fmt, made, title=f"face-{meta.seed}.{fmt}")
    except StudioError as exc:
        warnings.warn(f"face {meta.seed}: written without content credentials: {exc}", stacklevel=2)
        return buf.getvalue()


def _write_atomic(target: Path, data: bytes, prefix: str = ".face-") -> None:
    try:
        # ``.tmp`` names are what clean_stale_temp_files looks for after a killed export.
        write_atomic(target, data, prefix=prefix, suffix=".tmp")
    except OSError as exc:
        raise StudioError(f"{target}: cannot write ({exc.strerror or exc})") from exc


def face_format(path: str | os.PathLike) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    fmt = "jpg" if ext == "jpeg" else ext
    if fmt not in FORMATS:
        raise StudioError(f"{path}: save faces as .png, .jpg or .webp")
    return fmt


def save_face(path: str | os.PathLike, img: np.ndarray, gen: "FaceGenerator", seed: int, truncation: float) -> Path:
    """One face written as its format allows, marked as AI-generated with its seed and model (like Export Many)."""
    path = Path(path)
    data = encode_face(img, face_format(path), FaceMeta(seed, truncation, gen.name, gen.sha256))
    if not path.parent.is_dir():
        raise StudioError(f"{path.parent}: folder not found")
    _write_atomic(path, data)
    return path


def face_png(img: np.ndarray, gen: "FaceGenerator", seed: int, truncation: float) -> bytes:
    """A marked PNG of one face, for the clipboard."""
    return encode_face(img, "png", FaceMeta(seed, truncation, gen.name, gen.sha256))


@dataclass
class ExportReport:
    written: int
    skipped: int
    folder: Path
    seconds_generating: float = 0.0


CSV_FIELDS = ["file", "seed", "truncation", "model", "model_sha256", "width", "height", "ai_generated"]


def face_filename(seed: int, fmt: str) -> str:
    return f"face-{seed}.{fmt}"


def _batches(seeds: Iterable[int], n: int) -> Iterator[list[int]]:
    it = iter(seeds)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


_DESCRIPTION = re.compile(r"model (?P<model>\S+) sha256 (?P<sha>[0-9a-f]+); seed (?P<seed>-?\d+); "
                          r"truncation (?P<trunc>[0-9.eE+-]+)")


def read_face_metadata(path: Path) -> dict | None:
    """The metadata.csv row of an exported face, read from the file itself (None if it has none)."""
    try:
        with Image.open(path) as img:
            w, h = img.size
            text = dict(getattr(img, "text", {}) or {})
            desc = text.get("Description") or img.getexif().get(0x010E, "")
    except Exception:  # unreadable or not an image: no trustworthy row
        return None
    m = _DESCRIPTION.search(str(desc))
    if m is None:
        return None
    return {"file": path.name, "seed": int(m["seed"]), "truncation": m["trunc"], "model": m["model"],
            "model_sha256": m["sha"], "width": w, "height": h, "ai_generated": "true"}


def _row(name: str, seed: int, truncation: float, model: str, sha: str, size: int) -> dict:
    return {"file": name, "seed": seed, "truncation": f"{truncation:g}", "model": model, "model_sha256": sha,
            "width": size, "height": size, "ai_generated": "true"}


def clean_stale_temp_files(folder: Path, pattern: str) -> int:
    """Remove temporary files of ours that a killed process left (only while holding the folder's lock)."""
    n = 0
    for p in folder.glob(pattern):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def export_faces(
    out_dir: str | os.PathLike,
    *,
    count: int = 0,
    first_seed: int = 0,
    truncation: float = 1.0,
    fmt: str = "png",
    size: int | None = None,
    model: str | Path | ModelInfo | FaceGenerator | None = None,
    device: str | None = None,
    seeds: Sequence[int] | None = None,
    write_csv: bool = True,
    lock: bool = True,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> ExportReport:
    """Write ``face-<seed>.<fmt>`` for each seed plus ``metadata.csv``.

    Seeds are streamed (a ``range`` of a billion costs nothing), files that already
    exist are skipped so an interrupted export resumes, and ``metadata.csv`` grows
    as files are written, so even a killed export lists every face it made. Rows of
    files that were already there come from those files' own metadata.
    """
    import time

    from .training.runs import RunLock

    if fmt not in FORMATS:
        raise StudioError(f"unknown format {fmt!r} (choose png, jpg or webp)")
    if seeds is None:
        if count < 1:
            raise StudioError("count must be at least 1")
        seeds = range(first_seed, first_seed + count)
    gen = model if isinstance(model, FaceGenerator) else FaceGenerator(model, device)
    size = size or gen.resolution
    if size < 8 or size > 4096:
        raise StudioError("size must be between 8 and 4096 pixels")
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StudioError(f"{folder}: cannot create the output folder ({exc.strerror or exc})") from exc
    total = len(seeds)
    sha = gen.sha256
    written = skipped = 0
    gen_time = 0.0
    csv_path = folder / "metadata.csv"
    guard = RunLock(folder, "export folder", name=".studio-export.lock") if lock else contextlib.nullcontext()
    with guard:
        if lock:
            clean_stale_temp_files(folder, ".face-*.tmp")
        report(progress, 0, total, "generating")

        def write(seed: int, img: np.ndarray) -> None:
            data = encode_face(upscale(img, size), fmt, FaceMeta(seed, truncation, gen.name, sha))
            _write_atomic(folder / face_filename(seed, fmt), data, f".face-{seed}-")

        workers = max(2, (os.cpu_count() or 2))
        try:
            with ThreadPoolExecutor(workers) as pool:
                pending: list = []
                done_rows: list[dict] = []
                for chunk in _batches(seeds, gen.batch):
                    check_cancel(cancel)
                    todo = [s for s in chunk if not (folder / face_filename(s, fmt)).exists()]
                    skipped += len(chunk) - len(todo)
                    if todo:
                        t0 = time.perf_counter()
                        imgs = gen.generate(todo, truncation)
                        gen_time += time.perf_counter() - t0
                    for f in pending:
                        f.result()  # surfaces write errors and keeps memory bounded to two batches
                    if write_csv and done_rows:
                        append_metadata_rows(csv_path, done_rows)
                    pending = [pool.submit(write, s, im) for s, im in zip(todo, imgs)] if todo else []
                    done_rows = [_row(face_filename(s, fmt), s, truncation, gen.name, sha, size) for s in todo]
                    written += len(todo)
                    report(progress, skipped + written, total, f"face-{chunk[-1]}")
                for f in pending:
                    f.result()
                if write_csv and done_rows:
                    append_metadata_rows(csv_path, done_rows)
        finally:
            if write_csv and csv_path.exists():
                finish_metadata_csv(folder)
    return ExportReport(written, skipped, folder, gen_time)


def append_metadata_rows(path: Path, rows: list[dict]) -> None:
    """Add rows for files just written; a killed export still lists every face it finished."""
    new = not path.exists()
    with open(path, "a", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        if new:
            w.writeheader()
        w.writerows({k: r.get(k, "") for k in CSV_FIELDS} for r in rows)
        fh.flush()


def finish_metadata_csv(folder: Path) -> Path:
    """Rewrite ``metadata.csv`` atomically: one row per face file present, sorted by seed.

    A row is kept from the file's own embedded metadata when it has any, so the
    record of a face always describes the face, never a later run's settings.
    """
    path = folder / "metadata.csv"
    rows: dict[str, dict] = {}
    if path.exists():
        try:
            with open(path, newline="", encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    if r.get("file"):
                        rows[r["file"]] = r
        except (OSError, csv.Error):
            rows = {}
    for f in folder.glob("face-*.*"):
        if f.suffix.lstrip(".") in FORMATS:
            embedded = read_face_metadata(f)
            if embedded is not None:
                rows[f.name] = embedded
    rows = {k: v for k, v in rows.items() if (folder / k).exists()}

    def key(r):
        try:
            return (int(r["seed"]), r["file"])
        except (TypeError, ValueError):
            return (0, r["file"])

    fd, tmp = tempfile.mkstemp(prefix=".metadata-", suffix=".tmp", dir=folder)
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        w.writeheader()
        for r in sorted(rows.values(), key=key):
            w.writerow({k: r.get(k, "") for k in CSV_FIELDS})
    os.chmod(tmp, FILE_MODE)
    os.replace(tmp, path)
    return path


def save_grid(path: str | os.PathLike, faces: np.ndarray, cols: int | None = None) -> Path:
    from .images import image_grid, save_image

    return save_image(path, image_grid(faces, cols=cols))


def save_animation(path: str | os.PathLike, frames: np.ndarray, fps: int = 12, size: int | None = None,
                   *, bounce: bool = True) -> Path:
    """An interpolation as an animated GIF or an H.264 MP4 (chosen by extension)."""
    path = Path(path)
    seq = list(frames) + (list(frames[-2:0:-1]) if bounce else [])
    if size:
        seq = [upscale(f, size) for f in seq]
    ext = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp{ext}")
    try:
        if ext == ".gif":
            imgs = [Image.fromarray(f) for f in seq]
            imgs[0].save(tmp, save_all=True, append_images=imgs[1:], duration=int(1000 / fps), loop=0)
        elif ext == ".mp4":
            import av

            with av.open(str(tmp), "w") as box:
                stream = box.add_stream("libx264", rate=fps)
                h, w = seq[0].shape[:2]
                # H.264 with yuv420p needs even sides.
                stream.width, stream.height = w + w % 2, h + h % 2
                stream.pix_fmt = "yuv420p"
                stream.options = {"crf": "18"}
                for f in seq:
                    if f.shape[0] != stream.height or f.shape[1] != stream.width:
                        f = np.pad(f, ((0, stream.height - h), (0, stream.width - w), (0, 0)), mode="edge")
                    for packet in stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(f), format="rgb24")):
                        box.mux(packet)
                for packet in stream.encode():
                    box.mux(packet)
        else:
            raise StudioError(f"{path}: save the animation as .gif or .mp4")
        os.replace(tmp, path)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        raise
    return path
