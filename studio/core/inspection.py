"""What a file says about how it was made: IPTC source type, C2PA manifest, watermark, EXIF software."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .credentials import Manifest, read_manifest, supported
from .errors import StudioError
from .provenance import read_source_type
from .watermark import Reading

VIDEO_SUFFIXES = {".mp4", ".m4v", ".mov", ".mkv", ".avi", ".webm"}


@dataclass
class Inspection:
    file: str
    kind: str  # image, video or unknown
    digital_source_type: str | None = None
    description: str | None = None
    software: str | None = None
    c2pa: Manifest = field(default_factory=Manifest)
    watermark: Reading = field(default_factory=lambda: Reading(False, None, 0.0))
    error: str | None = None

    def to_dict(self) -> dict:
        return {"file": self.file, "kind": self.kind, "digital_source_type": self.digital_source_type,
                "description": self.description, "software": self.software, "c2pa": self.c2pa.to_dict(),
                "watermark": self.watermark.to_dict(), "error": self.error}

    @property
    def made_by_a_model(self) -> bool:
        types = {self.digital_source_type, self.c2pa.digital_source_type}
        return bool(types & {"trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia"}) or self.watermark.found


def _image_metadata(path: Path, out: Inspection) -> None:
    import numpy as np
    from PIL import Image

    from . import watermark

    with Image.open(path) as img:
        info = img.info
        xmp = info.get("xmp") or info.get("XML:com.adobe.xmp")
        if xmp is None and hasattr(img, "tag_v2"):
            xmp = img.tag_v2.get(700)
        out.digital_source_type = read_source_type(xmp)
        exif = img.getexif()
        text = dict(getattr(img, "text", {}) or {})
        out.software = exif.get(0x0131) or text.get("Software")
        out.description = exif.get(0x010E) or text.get("Description") or _xmp_description(xmp)
        out.watermark = watermark.read(np.asarray(img.convert("RGB")))


def _xmp_description(xmp) -> str | None:
    if not xmp:
        return None
    text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp)
    start = text.find('xml:lang="x-default">')
    if start < 0:
        return None
    start += len('xml:lang="x-default">')
    end = text.find("<", start)
    return text[start:end] if end > start else None


def _video_metadata(path: Path, out: Inspection) -> None:
    import av

    with av.open(str(path)) as c:
        tags = dict(c.metadata)
    source = tags.get("DigitalSourceType")
    out.digital_source_type = source.rsplit("/", 1)[-1] if source else None
    out.description = tags.get("comment") or tags.get("description")
    out.software = tags.get("encoder_tool") or tags.get("encoder")


def inspect_file(path: str | os.PathLike) -> Inspection:
    path = Path(path)
    suffix = path.suffix.lower()
    out = Inspection(str(path), "video" if suffix in VIDEO_SUFFIXES else "image")
    if not path.is_file():
        out.kind, out.error = "unknown", "no such file"
        return out
    try:
        if out.kind == "video":
            _video_metadata(path, out)
        else:
            _image_metadata(path, out)
    except (OSError, ValueError, StudioError) as exc:
        out.kind, out.error = "unknown", f"unreadable ({exc})"
        return out
    except Exception as exc:  # a decoder's own error type (PIL, PyAV): the file is not what it claims
        out.kind, out.error = "unknown", f"unreadable ({type(exc).__name__}: {exc})"
        return out
    if supported(path):
        out.c2pa = read_manifest(path)
    return out


def summary(i: Inspection) -> list[str]:
    """Human-readable lines for one file."""
    if i.error:
        return [f"{i.file}: {i.error}"]
    lines = [f"{i.file} ({i.kind})"]
    lines.append(f"  IPTC digital source type: {i.digital_source_type or 'none stated'}")
    m = i.c2pa
    if m.present:
        validity = {True: "signature valid", False: "signature INVALID", None: "not checked"}[m.valid]
        lines.append(f"  C2PA manifest: present, {validity} ({m.state or 'unknown'}), signed by {m.signer or '?'}")
        if m.actions:
            lines.append(f"    actions: {', '.join(m.actions)}")
        if m.ingredients:
            lines.append(f"    made from: {', '.join(m.ingredients)}")
        if m.problems:
            lines.append(f"    notes: {', '.join(m.problems)}")
    else:
        lines.append("  C2PA manifest: none")
    if i.kind == "image":
        w = i.watermark
        lines.append(f"  watermark: {'found, ' + str(w.payload) if w.found else 'none found'}")
    if i.software:
        lines.append(f"  software: {i.software}")
    if i.description:
        lines.append(f"  description: {i.description}")
    return lines
