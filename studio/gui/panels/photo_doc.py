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
    brush_set: bool = False  # the brush was sized for this photo once

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

    def apply(self, image: np.ndarray, mask_after: np.ndarray | None = None) -> None:
        """A new result (repair, restore, enhance, revert) as one undoable step."""
        after = mask_after if mask_after is not None else np.zeros(image.shape[:2], np.uint8)
        self.push(RepairStep(self.current, self.mask.copy(), image, after.copy()))
        self.current, self.mask = image, after
        self.dirty = self.repaired

    def step(self, undo: bool):
        """Undo or redo the latest entry; returns it (None when there is none).

        Image steps are applied here; mask edits are the canvas's to replay.
        """
        source, target = (self.undo, self.redo) if undo else (self.redo, self.undo)
        if not source:
            return None
        entry = source.pop()
        target.append(entry)
        if isinstance(entry, RepairStep):
            self.current = entry.image_before if undo else entry.image_after
            back = entry.mask_before if undo else entry.mask_after
            self.mask = back.copy() if back is not None else np.zeros(self.current.shape[:2], np.uint8)
            self.dirty = self.repaired
        return entry
