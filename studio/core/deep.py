"""Photos with 16 bits per channel: read at full depth, worked on in 8 bits, saved back at full depth.

Studio's detectors, repairs and enhancements work on 8-bit pixels. A 16-bit
scan keeps its full-depth pixels beside them, and a result saved as PNG or
TIFF gets 16 bits again: every pixel keeps the original's part below the 8-bit
step, so untouched pixels come back bit-identical and changed ones keep the
original's fine gradation. TIFF goes through tifffile because Pillow cannot
write 16-bit colour TIFFs; PNG through OpenCV (see ``png``).
"""
from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

DEEP_FORMATS = ("PNG", "TIFF")

# Pillow's EXIF orientation (see ImageOps.exif_transpose) as array operations.
_ORIENT = {
    2: lambda a: a[:, ::-1],
    3: lambda a: a[::-1, ::-1],
    4: lambda a: a[::-1],
    5: lambda a: a.swapaxes(0, 1),
    6: lambda a: np.rot90(a, -1),
    7: lambda a: a[::-1, ::-1].swapaxes(0, 1),
    8: lambda a: np.rot90(a, 1),
}


def bits_per_channel(img: Image.Image) -> int:
    """16 for files that store 16 bits per channel (Pillow shows 16-bit colour as 8-bit RGB), else 8."""
    if img.mode.startswith("I;16") or img.mode == "I":
        return 16
    if img.format == "TIFF":
        bits = img.tag_v2.get(258, 8)
        bits = bits[0] if isinstance(bits, tuple) else bits
        return 16 if bits == 16 else 8
    if img.format == "PNG":
        return 16 if img.info.get("bit_depth") == 16 or _png_ihdr_depth(img) == 16 else 8
    return 8


def _png_ihdr_depth(img: Image.Image) -> int:
    fp = getattr(img, "filename", None)
    if not fp:
        return 8
    try:
        with open(fp, "rb") as fh:
            head = fh.read(25)
        return head[24] if len(head) == 25 and head[12:16] == b"IHDR" else 8
    except OSError:
        return 8


def read_deep(path: Path, orientation: int, rgb8: np.ndarray) -> np.ndarray | None:
    """The file's 16-bit pixels, (H, W, 3) or (H, W) uint16, oriented like ``rgb8``; None when they cannot be
    read or do not match what Pillow decoded (then the photo is worked on and saved in 8 bits)."""
    try:
        data = np.fromfile(path, np.uint8)
        arr = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    except (OSError, cv2.error):
        return None
    if arr is None or arr.dtype != np.uint16:
        return None
    if arr.ndim == 3:
        arr = cv2.cvtColor(arr[..., :3], cv2.COLOR_BGR2RGB)
    arr = np.ascontiguousarray(_ORIENT.get(orientation, lambda a: a)(arr))
    if arr.shape[:2] != rgb8.shape[:2]:
        return None
    grey = arr if arr.ndim == 2 else arr[..., 1]
    if np.abs(to_8bit(grey[::7, ::7]).astype(np.int16) - rgb8[::7, ::7, 1]).max() > 1:
        return None
    return arr


def keeps_depth(like, rgb: np.ndarray, fmt: str) -> bool:
    """Whether ``rgb`` saved as ``fmt`` like ``like`` (a loaded image) gets the original's 16 bits back: only
    PNG and TIFF hold them, and only a result of the original's size can take its finer part."""
    return (like is not None and like.deep is not None and fmt in DEEP_FORMATS
            and like.deep.shape[:2] == rgb.shape[:2])


def to_8bit(deep: np.ndarray) -> np.ndarray:
    return ((deep.astype(np.uint32) * 255 + 32767) // 65535).astype(np.uint8)


def deepen(rgb8: np.ndarray, deep: np.ndarray) -> np.ndarray:
    """16-bit pixels for an 8-bit result made from ``deep``: each pixel is the result's value plus the
    original's part below the 8-bit step (untouched pixels are the original's exactly)."""
    if deep.ndim == 2:
        if np.array_equal(rgb8[..., 0], rgb8[..., 1]) and np.array_equal(rgb8[..., 1], rgb8[..., 2]):
            rgb8 = rgb8[..., 0]  # still grey: stays a grey file
        else:
            deep = deep[..., None]
    below = deep.astype(np.int32) - to_8bit(deep).astype(np.int32) * 257
    return np.clip(rgb8.astype(np.int32) * 257 + below, 0, 65535).astype(np.uint16)


def _baseline_tags(exif: bytes | None) -> list:
    """EXIF's descriptive fields as plain TIFF tags (tifffile writes no EXIF directory)."""
    if not exif:
        return []
    e = Image.Exif()
    try:
        e.load(exif)
    except Exception:  # a malformed EXIF block is left out, as when 8-bit files are saved
        return []
    tags = []
    for code in (270, 271, 272, 306, 315, 33432):  # description, make, model, date, artist, copyright
        value = e.get(code)
        if isinstance(value, str) and value:
            tags.append((code, "s", 0, value, True))
    return tags


def encode_tiff16(pixels: np.ndarray, *, alpha: np.ndarray | None = None, icc: bytes | None = None,
                  exif: bytes | None = None, xmp: bytes | None = None) -> bytes:
    import tifffile

    extra = _baseline_tags(exif)
    if icc:
        extra.append((34675, "B", len(icc), icc, True))
    if xmp:
        extra.append((700, "B", len(xmp), xmp, True))
    kwargs = {}
    if alpha is not None:
        a16 = alpha.astype(np.uint16) * 257
        pixels = np.dstack([pixels, a16]) if pixels.ndim == 3 else np.dstack([pixels, pixels, pixels, a16])
        kwargs["extrasamples"] = ["unassalpha"]
    buf = io.BytesIO()
    tifffile.imwrite(buf, pixels, photometric="rgb" if pixels.ndim == 3 else "minisblack", extratags=extra,
                     metadata=None, **kwargs)
    return buf.getvalue()
