"""Loading and saving images safely: orientation, odd modes, bombs, damaged files."""
from __future__ import annotations

import os
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import StudioError
from .files import FILE_MODE
from .locks import hold
from .deep import DEEP_FORMATS, bits_per_channel, deepen, encode_tiff16, keeps_depth, read_deep, to_8bit
from .png import encode_png
from .credentials import supported as credentials_supported
from .provenance import Provenance, with_original

# A 24-megapixel photo is ordinary; several hundred megapixels is a bomb or a scan
# that would not fit a desktop's memory as float tensors anyway.
MAX_PIXELS = int(os.environ.get("STUDIO_MAX_PIXELS", 200_000_000))

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".gif"}

_SAVE_FORMATS = {
    ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".bmp": "BMP", ".tif": "TIFF",
    ".tiff": "TIFF", ".webp": "WEBP", ".pgm": "PPM", ".ppm": "PPM", ".gif": "GIF",
}


class ImageError(StudioError):
    """A file that cannot be read or written as an image; the message names the file."""


@dataclass
class LoadedImage:
    """RGB pixels plus what is needed to save the result the way the original was."""

    rgb: np.ndarray  # (H, W, 3) uint8, orientation already applied
    alpha: np.ndarray | None = None  # (H, W) uint8 when the file had transparency
    format: str | None = None  # Pillow format name of the source file
    exif: bytes | None = None
    icc_profile: bytes | None = None
    info: dict = field(default_factory=dict)
    bit_depth: int = 8  # bits per channel in the file
    deep: np.ndarray | None = None  # (H, W, 3) or (H, W) uint16 for a 16-bit file: saved back at that depth

    @property
    def size(self) -> tuple[int, int]:
        return self.rgb.shape[1], self.rgb.shape[0]


def is_image_path(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_EXTENSIONS


def _open(path: Path) -> Image.Image:
    path = Path(path)
    if not path.exists():
        raise ImageError(f"{path}: file not found")
    if path.is_dir():
        raise ImageError(f"{path}: is a folder, not an image")
    if path.stat().st_size == 0:
        raise ImageError(f"{path}: file is empty")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            w, h = img.size
            if w * h > MAX_PIXELS:
                raise ImageError(
                    f"{path}: {w}×{h} is {w * h / 1e6:.0f} megapixels, above the "
                    f"{MAX_PIXELS / 1e6:.0f}-megapixel limit"
                )
            img.load()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(
            f"{path}: image is too large to open safely (above the {MAX_PIXELS / 1e6:.0f}-megapixel limit)"
        ) from exc
    except UnidentifiedImageError as exc:
        raise ImageError(f"{path}: not an image file Studio can read") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        msg = str(exc)
        if "truncated" in msg or "broken" in msg.lower():
            raise ImageError(f"{path}: image file is truncated or damaged") from exc
        raise ImageError(f"{path}: cannot read image ({msg})") from exc
    return img


def _to_8bit_rgb(img: Image.Image) -> tuple[np.ndarray, np.ndarray | None]:
    mode = img.mode
    alpha = None
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.uint32 if mode == "I" else np.uint16)
        top = 65535 if mode != "I" or arr.max() > 255 else 255
        gray = np.clip(arr.astype(np.float64) * (255.0 / top) + 0.5, 0, 255).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2), None
    if mode == "F":
        arr = np.asarray(img, dtype=np.float32)
        lo, hi = float(arr.min()), float(arr.max())
        gray = ((arr - lo) / max(hi - lo, 1e-12) * 255 + 0.5).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2), None
    if mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    elif mode in ("LA", "PA"):
        img = img.convert("RGBA")
    elif mode == "1":
        img = img.convert("L")
    if img.mode == "RGBA":
        arr = np.asarray(img)
        alpha = arr[:, :, 3].copy()
        if alpha.min() == 255:
            alpha = None
        return np.ascontiguousarray(arr[:, :, :3]), alpha
    if img.mode != "RGB":
        img = img.convert("RGB")  # L, CMYK, YCbCr, LAB, ...
    return np.ascontiguousarray(np.asarray(img)), None


def load_image(path: str | os.PathLike) -> LoadedImage:
    """Read an image file as 8-bit RGB with its EXIF orientation applied."""
    path = Path(path)
    img = _open(path)
    fmt = img.format
    icc = img.info.get("icc_profile")
    depth = bits_per_channel(img)
    try:
        orientation = img.getexif().get(0x0112, 1)
    except Exception:
        orientation = 1
    try:
        # exif_transpose also drops the orientation tag, so viewers don't rotate the result twice
        img = ImageOps.exif_transpose(img) or img
    except Exception:  # EXIF blocks in the wild are often malformed; show the pixels as stored
        orientation = 1
    exif = None
    try:
        exif_obj = img.getexif()
        if exif_obj:
            if exif_obj.get(0x0112, 1) != 1:
                exif_obj[0x0112] = 1
            exif = exif_obj.tobytes()
    except Exception:  # a malformed EXIF block is dropped rather than failing the load
        exif = None
    rgb, alpha = _to_8bit_rgb(img)
    deep = read_deep(path, orientation, rgb) if depth == 16 and fmt in DEEP_FORMATS else None
    if deep is not None:  # the 8 bits Studio works on, rounded from the full depth
        rgb = to_8bit(deep) if deep.ndim == 3 else np.repeat(to_8bit(deep)[:, :, None], 3, axis=2)
    return LoadedImage(rgb=rgb, alpha=alpha, format=fmt, exif=exif, icc_profile=icc, bit_depth=depth, deep=deep)


def load_rgb(path: str | os.PathLike) -> np.ndarray:
    return load_image(path).rgb


def mask_from_array(arr: np.ndarray) -> np.ndarray:
    """Boolean mask from a gray or colour array: pixels brighter than 127 are marked."""
    if arr.ndim == 3:
        # Element-wise maxima: a reduction over a length-3 last axis is many times slower on big images.
        arr = np.maximum(np.maximum(arr[:, :, 0], arr[:, :, 1]), arr[:, :, 2])
    return arr > 127


def load_mask(path: str | os.PathLike, size: tuple[int, int] | None = None) -> np.ndarray:
    """Read a mask file; ``size`` is the (width, height) it must have."""
    path = Path(path)
    img = _open(path)
    try:
        img = ImageOps.exif_transpose(img) or img
    except Exception:
        pass
    if img.mode == "L":  # the usual mask: read it as it is, without a colour copy
        return _sized(np.asarray(img) > 127, size, path)
    rgb, alpha = _to_8bit_rgb(img)
    mask = mask_from_array(rgb)
    if alpha is not None and not mask.any():
        mask = alpha > 127  # black strokes on transparency: the paint is in the alpha
    return _sized(mask, size, path)


def _sized(mask: np.ndarray, size: tuple[int, int] | None, path: Path) -> np.ndarray:
    if size is not None and (mask.shape[1], mask.shape[0]) != tuple(size):
        raise ImageError(
            f"{path}: mask is {mask.shape[1]}×{mask.shape[0]} but the image is {size[0]}×{size[1]}"
        )
    return mask


def save_format(path: Path) -> str:
    fmt = _SAVE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ImageError(f"{path}: unsupported output format (use .png, .jpg, .webp, .tif or .bmp)")
    return fmt


# zlib level 1 writes photos about 3× faster than Pillow's default 6 for files a few percent larger
# (measured on BSDS500 photos): outputs are working copies, and the level is an option.
PNG_LEVEL = 1


def save_image(
    path: str | os.PathLike,
    rgb: np.ndarray,
    *,
    alpha: np.ndarray | None = None,
    like: LoadedImage | None = None,
    quality: int = 95,
    extra_info: dict | None = None,
    png_level: int = PNG_LEVEL,
    provenance: Provenance | None = None,
    original: str | os.PathLike | None = None,
) -> Path:
    """Write an image atomically, keeping EXIF and ICC from ``like`` where the format allows.

    A temporary file in the same folder is renamed over the target only after a
    complete write, so a full disk or a crash never leaves a half-written file.
    """
    path = Path(path)
    fmt = save_format(path)
    if rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError("save_image expects an (H, W, 3) uint8 array")
    xmp = provenance.xmp() if provenance is not None else None
    deep = deepen(rgb, like.deep) if keeps_depth(like, rgb, fmt) else None
    if fmt == "PNG":
        texts = dict(extra_info or {})
        if provenance is not None:
            texts["Software"] = provenance.software
        if deep is not None and alpha is not None:
            alpha = alpha.astype(np.uint16) * np.uint16(257)
        data = encode_png(rgb if deep is None else deep, alpha=alpha, level=png_level,
                          icc=like.icc_profile if like else None, exif=like.exif if like else None, texts=texts,
                          xmp=xmp)
    elif deep is not None:
        data = encode_tiff16(deep, alpha=alpha, icc=like.icc_profile, exif=like.exif, xmp=xmp)
    else:
        data = _encode_pillow(rgb, alpha, fmt, like, quality, xmp)
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ImageError(f"{folder}: cannot create output folder ({exc.strerror or exc})") from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=".studio-", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise ImageError(f"{folder}: cannot write here ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            hold(fh)  # marks the temporary file as in use, so another job's clean-up leaves it alone
            if provenance is not None and credentials_supported(path):
                data = _signed(data, path, provenance, original)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise ImageError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return path


def _encode_pillow(rgb: np.ndarray, alpha: np.ndarray | None, fmt: str, like: LoadedImage | None, quality: int,
                   xmp: bytes | None) -> bytes:
    import io

    img = Image.fromarray(rgb, "RGB")
    if alpha is not None and fmt in ("WEBP", "TIFF"):
        img.putalpha(Image.fromarray(alpha, "L"))
    kwargs: dict = {}
    if like is not None:
        if like.exif and fmt in ("JPEG", "WEBP", "TIFF"):
            kwargs["exif"] = like.exif
        if like.icc_profile and fmt in ("JPEG", "WEBP", "TIFF"):
            kwargs["icc_profile"] = like.icc_profile
    if fmt in ("JPEG", "WEBP"):
        kwargs["quality"] = int(quality)
    if xmp and fmt in ("JPEG", "WEBP"):
        kwargs["xmp"] = xmp
    elif xmp and fmt == "TIFF":
        kwargs["tiffinfo"] = {700: xmp}  # the XMP tag
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kwargs)
    return buf.getvalue()


def _signed(data: bytes, path: Path, provenance: Provenance, original: str | os.PathLike | None) -> bytes:
    """The encoded image with C2PA content credentials; without them (and a warning) if signing fails."""
    from .credentials import sign_bytes

    try:
        return sign_bytes(data, path.suffix, provenance, original=original, title=path.name)
    except StudioError as exc:
        warnings.warn(f"{path.name}: saved without content credentials: {exc}", stacklevel=3)
        return data


def _unlink_quietly(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def image_files(paths: list[Path]) -> list[Path]:
    """The given files, with folders replaced by the images inside them (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += [f for f in sorted(p.rglob("*")) if f.is_file() and is_image_path(f)]
        else:
            out.append(p)
    return out


def load_images(paths: list[Path], *, progress=None, cancel=None) -> tuple[list, list]:
    """Load several images: ([(path, LoadedImage)], [(path, message)]); one bad file never stops the rest."""
    loaded, failed = [], []
    for i, p in enumerate(paths):
        if cancel is not None and cancel.is_set():
            break
        if progress:
            progress(i, len(paths), p.name)
        try:
            loaded.append((p, load_image(p)))
        except Exception as exc:  # each file's problem is reported by name, the rest still open
            failed.append((p, str(exc)))
    return loaded, failed


def save_like(path: str | os.PathLike, rgb: np.ndarray, like: LoadedImage, quality: int = 95,
              png_level: int = PNG_LEVEL, provenance: Provenance | None = None,
              original: str | os.PathLike | None = None) -> Path:
    """Save a result the way its original was saved, with the original's transparency fitted to its size,
    and (given ``provenance``) a statement of how it was made from ``original``, named by its hash."""
    if provenance is not None and original is not None:
        provenance = with_original(provenance, original)
    alpha = like.alpha
    if alpha is not None and alpha.shape != rgb.shape[:2]:
        import cv2

        alpha = cv2.resize(alpha, (rgb.shape[1], rgb.shape[0]), interpolation=cv2.INTER_LINEAR)
    return save_image(path, rgb, alpha=alpha, like=like, quality=quality, png_level=png_level, provenance=provenance,
                      original=original)


def save_mask(path: str | os.PathLike, mask: np.ndarray) -> Path:
    """A (H, W) mask as a greyscale-looking image file: white marks damage."""
    return save_image(path, np.repeat(np.where(mask > 0, 255, 0).astype(np.uint8)[:, :, None], 3, axis=2))


def find_images(root: str | os.PathLike) -> list[Path]:
    """All image files under ``root`` (recursive), sorted; the CelebA layout is understood."""
    root = Path(root)
    if not root.exists():
        raise StudioError(f"{root}: data folder not found")
    if not root.is_dir():
        raise StudioError(f"{root}: not a folder")
    celeba = root / "img_align_celeba"
    if celeba.is_dir():
        root = celeba
    files = [p for p in root.rglob("*") if p.suffix.lower() in IMAGE_EXTENSIONS and p.is_file()]
    files.sort()
    return files


def image_grid(images: np.ndarray, cols: int | None = None, pad: int = 2) -> np.ndarray:
    """Tile (N, H, W, 3) uint8 images into one grid image."""
    n, h, w, c = images.shape
    cols = cols or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    grid = np.full((rows * (h + pad) + pad, cols * (w + pad) + pad, c), 24, dtype=np.uint8)
    for i in range(n):
        r, q = divmod(i, cols)
        y, x = pad + r * (h + pad), pad + q * (w + pad)
        grid[y:y + h, x:x + w] = images[i]
    return grid
