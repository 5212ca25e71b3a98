"""The Faces tab's Interpolation group: faces A and B, a looping morph preview, GIF/MP4 export."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ...core.faces import FaceGenerator, save_animation
from ..convert import rgb_to_qimage
from ..jobs import Job

THUMB = 56  # px: the A and B faces beside the morph controls
VIEW = 160  # px: the looping preview


def _pair_job(gen: FaceGenerator, pair: list, truncation: float) -> tuple:
    return pair, [None if s is None else gen.generate([s], truncation)[0] for s in pair]


def _morph_job(gen: FaceGenerator, a: int, b: int, frames: int, truncation: float) -> np.ndarray:
    return gen.interpolate(a, b, frames, truncation)


class MorphBox(QGroupBox):
    """A and B are seeds; their faces are shown for the current model and truncation."""

    message = Signal(str)
    error = Signal(str)

    def __init__(self, host, settings, parent: QWidget | None = None):
        super().__init__(self.tr("Interpolation"), parent)
        self.host, self.settings = host, settings
        self.pair: list[int | None] = [None, None]
        self.morph_frames: np.ndarray | None = None
        self.pair_label = QLabel()
        self.thumbs = [QLabel(), QLabel()]
        for t in self.thumbs:
            t.setFixedSize(THUMB, THUMB)
            t.setAlignment(Qt.AlignmentFlag.AlignCenter)
            t.setFrameShape(QFrame.Shape.StyledPanel)
        self.frames_spin = QSpinBox()
        self.frames_spin.setRange(4, 240)
        self.frames_spin.setValue(32)
        self.morph_btn = QPushButton(self.tr("Preview Morph"))
        self.morph_export = QPushButton(self.tr("Export GIF/MP4…"))
        self.morph_export.clicked.connect(self._export_dialog)
        self.morph_view = QLabel()
        self.morph_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.morph_view.setMinimumHeight(VIEW)
        self._i = 0
        self._timer = QTimer(self, interval=80, timeout=self._next_frame)

        lay = QVBoxLayout(self)
        pair_row = QHBoxLayout()
        pair_row.addWidget(self.thumbs[0])
        pair_row.addWidget(self.pair_label, 1)
        pair_row.addWidget(self.thumbs[1])
        lay.addLayout(pair_row)
        form = QFormLayout()
        form.addRow(self.tr("Frames"), self.frames_spin)
        lay.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.morph_btn)
        buttons.addWidget(self.morph_export)
        lay.addLayout(buttons)
        lay.addWidget(self.morph_view)

    def set_face(self, which: int, seed: int, face: np.ndarray | None) -> None:
        self.pair[which] = seed
        self._show_thumb(which, face)

    def _show_thumb(self, which: int, face: np.ndarray | None) -> None:
        label = self.thumbs[which]
        if face is None:
            label.clear()
            return
        label.setPixmap(QPixmap.fromImage(rgb_to_qimage(face)).scaled(
            THUMB - 4, THUMB - 4, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        label.setToolTip(self.tr("seed {0}").format(self.pair[which]))

    def refresh(self, gen: FaceGenerator | None, truncation: float) -> Job | None:
        """Another model or truncation: A and B are the same seeds but look different now."""
        if gen is None or self.pair == [None, None]:
            return None
        job = Job(_pair_job, gen, list(self.pair), truncation, name="faces A/B")
        job.result.connect(self._on_pair)
        self.host.jobs.start(job)
        return job

    def _on_pair(self, out: tuple) -> None:
        pair, faces = out
        if pair != self.pair:
            return  # A or B changed meanwhile
        for which, face in enumerate(faces):
            self._show_thumb(which, face)

    def make_morph(self, gen: FaceGenerator | None, truncation: float) -> Job | None:
        if None in self.pair or gen is None:
            return None
        job = Job(_morph_job, gen, self.pair[0], self.pair[1], self.frames_spin.value(), truncation, name="morph")
        job.result.connect(self._on_morph)
        job.failed.connect(self.error)
        self.host.jobs.start(job)
        return job

    def _on_morph(self, frames: np.ndarray) -> None:
        self.morph_frames = frames
        self._i = 0
        self._timer.start()
        self.update_enabled(True)

    def _next_frame(self) -> None:
        if self.morph_frames is None or not self.isVisible():
            return
        n = len(self.morph_frames)
        # Forward then back, so the loop has no jump.
        k = self._i % (2 * n - 2) if n > 1 else 0
        idx = k if k < n else 2 * n - 2 - k
        self._i += 1
        pix = QPixmap.fromImage(rgb_to_qimage(self.morph_frames[idx])).scaled(
            VIEW, VIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.morph_view.setPixmap(pix)

    def _export_dialog(self) -> None:
        if self.morph_frames is None:
            return
        folder = self.settings.get("faces/folder", str(Path.home()), str)
        name = f"morph-{self.pair[0]}-{self.pair[1]}.gif"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Morph"), str(Path(folder) / name),
                                              self.tr("Animated GIF (*.gif);;MP4 video (*.mp4)"))
        if path:
            self.export_morph(Path(path))

    def export_morph(self, path: Path) -> Job | None:
        if self.morph_frames is None:
            return None
        size = max(256, self.morph_frames.shape[1])
        job = Job(save_animation, path, self.morph_frames, size=size, name="export morph")
        job.result.connect(lambda p: self.message.emit(self.tr("Saved {0}").format(p)))
        job.failed.connect(self.error)
        self.host.run_job(job, self.tr("Exporting morph"))
        return job

    def update_enabled(self, generator_ready: bool) -> None:
        a, b = self.pair
        self.pair_label.setText(self.tr("A: {0}   B: {1}").format("—" if a is None else a, "—" if b is None else b))
        self.morph_btn.setEnabled(None not in self.pair and generator_ready)
        self.morph_export.setEnabled(self.morph_frames is not None)
