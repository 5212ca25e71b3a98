"""One open photo in the repair tab: original, current result, mask and history; and how it is shown and closed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.images import LoadedImage
from ...core.provenance import Provenance
from ..convert import rgb_to_qimage

HISTORY_LIMIT = 50


@dataclass
class RepairStep:
    """An undoable repair: the image and mask just before it, and the result."""

    image_before: np.ndarray
    mask_before: np.ndarray
    image_after: np.ndarray
    mask_after: np.ndarray | None = None  # Restore leaves what it detected on the canvas for review
    made: Provenance | None = None  # what the step did, for the saved file's provenance


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

    def apply(self, image: np.ndarray, mask_after: np.ndarray | None = None, made: Provenance | None = None) -> None:
        """A new result (repair, restore, enhance, revert) as one undoable step.

        Images and masks are never changed in place once given here, so the history keeps them
        as they are: copying a 24-megapixel photo's arrays would stall the window.
        """
        after = mask_after if mask_after is not None else np.zeros(image.shape[:2], np.uint8)
        self.push(RepairStep(self.current, self.mask, image, after, made))
        self.current, self.mask = image, after
        self.dirty = self.repaired

    def provenance(self) -> Provenance:
        """How the current image was made: the steps not undone since the photo was last its original."""
        made = Provenance()
        for entry in self.undo:
            if isinstance(entry, RepairStep):
                # A revert (or undoing down to the original) starts the history afresh.
                made = Provenance() if entry.image_after is self.loaded.rgb else made + (entry.made or Provenance())
        return made

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
            self.mask = back if back is not None else np.zeros(self.current.shape[:2], np.uint8)
            self.dirty = self.repaired
        return entry


def thumbnail_icon(rgb: np.ndarray, side: int = 96) -> QIcon:
    step = max(1, max(rgb.shape[:2]) // (2 * side))  # decimate first: a 24 MP photo is never scaled whole
    q = rgb_to_qimage(rgb[::step, ::step])
    return QIcon(QPixmap.fromImage(q.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation)))


def confirm_discard(parent: QWidget, docs: list[PhotoDoc]) -> bool:
    """Ask before unsaved repairs are lost; True means go ahead."""
    names = ", ".join(d.path.name for d in docs)
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("RepairPanel", "Unsaved repairs"),
        QCoreApplication.translate("RepairPanel", "Discard the unsaved repairs of {0}?").format(names),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard
