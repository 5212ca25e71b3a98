"""One open photo in the repair tab: original, current result, mask and history."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ...core.images import LoadedImage

HISTORY_LIMIT = 50


@dataclass
class RepairStep:
    """An undoable repair: the image and mask just before it, and the result."""

    image_before: np.ndarray
    mask_before: np.ndarray
    image_after: np.ndarray
    mask_after: np.ndarray | None = None  # Restore leaves what it detected on the canvas for review


@dataclass
class PhotoDoc:
    path: Path
    loaded: LoadedImage
    current: np.ndarray  # the image as repaired so far
    mask: np.ndarray  # (H, W) uint8, 255 marks damage
    undo: list = field(default_factory=list)  # MaskEdit or RepairStep
    redo: list = field(default_factory=list)
    saved_to: Path | None = None
    dirty: bool = False  # repaired but not saved

    @classmethod
    def from_loaded(cls, path: Path, loaded: LoadedImage) -> "PhotoDoc":
        h, w = loaded.rgb.shape[:2]
        return cls(path=Path(path), loaded=loaded, current=loaded.rgb, mask=np.zeros((h, w), np.uint8))

    @property
    def original(self) -> np.ndarray:
        return self.loaded.rgb

    @property
    def repaired(self) -> bool:
        return self.current is not self.loaded.rgb

    def push(self, entry) -> None:
        self.undo.append(entry)
        del self.undo[:-HISTORY_LIMIT]
        self.redo.clear()
