"""How an output was made, in the words platforms and viewers read: IPTC digital source type in XMP.

Every file Studio writes can say whether a trained model made it (a generated
face), changed it (a learned repair), or only an algorithm touched it (a
classical fill, an enhancement). The statement goes into the file's XMP next
to whatever EXIF and ICC the original carried, which stay as they were.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from xml.sax.saxutils import escape

from .. import __version__

IPTC_SOURCE_TYPES = "http://cv.iptc.org/newscodes/digitalsourcetype/"


class SourceType(str, Enum):
    """IPTC's digital source types that Studio's outputs can be."""

    TRAINED = "trainedAlgorithmicMedia"  # made by a trained model from nothing (a generated face)
    COMPOSITE_TRAINED = "compositeWithTrainedAlgorithmicMedia"  # a photo with parts made by a trained model
    ENHANCED = "algorithmicallyEnhanced"  # a photo corrected by classical algorithms only

    @property
    def uri(self) -> str:
        return IPTC_SOURCE_TYPES + self.value


@dataclass
class Provenance:
    """What was done to (or how Studio made) one output."""

    actions: list[str] = field(default_factory=list)  # in order, e.g. "repaired (neural)", "enhanced"
    learned: bool = False  # a trained model chose or made any of the pixels
    generated: bool = False  # the whole image comes from a generator
    models: list[str] = field(default_factory=list)  # "name sha256:prefix" of each model used
    original_sha256: str | None = None  # of the input file, when there is one

    @property
    def source_type(self) -> SourceType:
        if self.generated:
            return SourceType.TRAINED
        return SourceType.COMPOSITE_TRAINED if self.learned else SourceType.ENHANCED

    @property
    def software(self) -> str:
        return f"Studio {__version__}"

    def description(self) -> str:
        what = "; ".join(self.actions) if self.actions else "processed"
        text = f"{what} with {self.software}"
        if self.models:
            text += " (models: " + ", ".join(self.models) + ")"
        return text

    def __add__(self, later: "Provenance") -> "Provenance":
        """This history followed by ``later``'s steps."""
        return Provenance(self.actions + later.actions, self.learned or later.learned,
                          self.generated or later.generated,
                          self.models + [m for m in later.models if m not in self.models],
                          self.original_sha256 or later.original_sha256)

    def xmp(self) -> bytes:
        derived = (f'<xmpMM:DerivedFrom rdf:parseType="Resource"><stRef:documentID>sha256:{self.original_sha256}'
                   "</stRef:documentID></xmpMM:DerivedFrom>") if self.original_sha256 else ""
        return (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
            'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
            'xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#">'
            f"<Iptc4xmpExt:DigitalSourceType>{self.source_type.uri}</Iptc4xmpExt:DigitalSourceType>"
            f"<xmp:CreatorTool>{escape(self.software)}</xmp:CreatorTool>"
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(self.description())}</rdf:li></rdf:Alt>'
            f"</dc:description>{derived}"
            '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
        ).encode("utf-8")


    def container_tags(self) -> dict[str, str]:
        """The same statement as video container metadata (MP4/MOV/MKV tags)."""
        tags = {"comment": self.description(), "encoder_tool": self.software, "DigitalSourceType": self.source_type.uri}
        if self.original_sha256:
            tags["DerivedFrom"] = f"sha256:{self.original_sha256}"
        return tags


def file_sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def for_input(path: str | os.PathLike | None) -> Provenance:
    """An empty history for an output made from ``path``, which it names by hash."""
    sha = None
    if path is not None and Path(path).is_file():
        try:
            sha = file_sha256(path)
        except OSError:
            sha = None
    return Provenance(original_sha256=sha)


def with_original(prov: Provenance | None, path: str | os.PathLike) -> Provenance | None:
    """``prov`` for one output made from ``path`` (named by its hash)."""
    if prov is None:
        return None
    return Provenance(list(prov.actions), prov.learned, prov.generated, list(prov.models),
                      for_input(path).original_sha256)


def read_source_type(xmp: bytes | str | None) -> str | None:
    """The IPTC digital source type an XMP packet states, as its short name (None when it states none)."""
    if not xmp:
        return None
    text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else xmp
    key = "DigitalSourceType"
    i = text.find(key)
    while i >= 0:
        rest = text[i + len(key):]
        # Element form <Iptc4xmpExt:DigitalSourceType>uri</…> or attribute form DigitalSourceType="uri".
        if rest.startswith(">") or rest.lstrip().startswith("="):
            value = rest.lstrip(">= \"'").split("<", 1)[0].split('"', 1)[0].split("'", 1)[0].strip()
            if value:
                return value.rsplit("/", 1)[-1]
        i = text.find(key, i + 1)
    return None
