"""An invisible watermark for generated faces that survives stripped metadata, JPEG and resizing.

The payload (a marker byte for Studio and a prefix of the model's hash) is
written into the brightness of a fixed grid of blocks at a canonical size,
by quantisation index modulation: each block's mean is moved to the nearest
point of one of two interleaved lattices, and which lattice it sits on is
the bit. Every bit is spread over many blocks in a keyed order and read
back by majority, so JPEG noise, rescaling (the reader brings any image back
to the canonical size) and clipped highlights flip a few blocks but not the
vote. A photo that was never marked gives votes near 50/50 and a marker that
does not match, which is how false alarms are kept rare.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CANONICAL = 256  # px: the grid lives at this size whatever the image's size
BLOCK = 8  # px of the canonical image per block: a 32 × 32 grid
STEP = 6.0  # grey levels between lattice points: changes a block's mean by at most STEP / 2
MARKER = 0xA5  # the first payload byte: "made by Studio"
BITS = 32  # marker byte + 24 bits of the model hash
MIN_SIZE = 256  # smaller images carry too few pixels per block to be read reliably
_KEY = 0x57D10  # fixes the block order and the lattice offsets; not a secret, a convention
_CONFIDENCE = 0.70  # mean share of a bit's blocks that must agree for a mark to count as found


@dataclass
class Reading:
    found: bool
    payload: str | None  # "studio:<hash prefix>" when found
    confidence: float  # mean agreement of the votes (0.5: noise, 1: intact)

    def to_dict(self) -> dict:
        return {"found": self.found, "payload": self.payload, "confidence": round(self.confidence, 3)}


def _layout() -> tuple[np.ndarray, np.ndarray]:
    n = (CANONICAL // BLOCK) ** 2
    rng = np.random.default_rng(_KEY)
    which_bit = rng.permutation(np.arange(n) % BITS)  # each bit owns n / BITS blocks, spread over the image
    offsets = rng.uniform(0, STEP, n)
    return which_bit, offsets


def _luma(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)[..., 0].astype(np.float32)


def _block_means(y: np.ndarray) -> np.ndarray:
    small = cv2.resize(y, (CANONICAL, CANONICAL), interpolation=cv2.INTER_AREA)
    g = CANONICAL // BLOCK
    return small.reshape(g, BLOCK, g, BLOCK).mean(axis=(1, 3)).ravel()


def payload_bits(model_sha256: str) -> np.ndarray:
    value = (MARKER << 24) | int(model_sha256[:6] or "0", 16)
    return np.array([(value >> (BITS - 1 - i)) & 1 for i in range(BITS)], np.uint8)


def embed(rgb: np.ndarray, model_sha256: str) -> np.ndarray:
    """``rgb`` with the mark added to its brightness (unchanged below :data:`MIN_SIZE`)."""
    h, w = rgb.shape[:2]
    if min(h, w) < MIN_SIZE:
        return rgb
    bits = payload_bits(model_sha256)
    which_bit, offsets = _layout()
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb).astype(np.float32)
    means = _block_means(ycc[..., 0])
    shift = offsets + bits[which_bit] * (STEP / 2)
    target = np.round((means - shift) / STEP) * STEP + shift
    g = CANONICAL // BLOCK
    delta = (target - means).reshape(g, g).astype(np.float32)
    # Block-wise steps at canonical size, spread to the image's size: the same means, read back after any scaling.
    field = cv2.resize(np.kron(delta, np.ones((BLOCK, BLOCK), np.float32)), (w, h), interpolation=cv2.INTER_NEAREST)
    ycc[..., 0] = np.clip(ycc[..., 0] + field, 0, 255)
    return cv2.cvtColor(np.round(ycc).astype(np.uint8), cv2.COLOR_YCrCb2RGB)


def read(rgb: np.ndarray) -> Reading:
    """Look for the mark; ``found`` needs both a confident vote and Studio's marker byte."""
    which_bit, offsets = _layout()
    means = _block_means(_luma(rgb))
    # Which of the two lattices each block's mean is nearer to: 0 or 1.
    phase = ((means - offsets) / STEP) % 1.0
    block_bits = ((phase > 0.25) & (phase < 0.75)).astype(np.float32)
    votes = np.bincount(which_bit, block_bits, BITS) / np.bincount(which_bit, minlength=BITS)
    bits = (votes > 0.5).astype(np.uint8)
    confidence = float(np.mean(np.maximum(votes, 1 - votes)))
    value = int("".join(map(str, bits)), 2)
    found = confidence >= _CONFIDENCE and (value >> 24) == MARKER
    return Reading(found, f"studio:{value & 0xFFFFFF:06x}" if found else None, confidence)
