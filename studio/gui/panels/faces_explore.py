"""Faces ▸ Explore: the generator's main directions of variation as sliders that move one face."""
from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSlider, QVBoxLayout, QWidget)

from ...core.faces import FaceGenerator, latent, truncate
from ...core.faces_explore import Directions, principal_directions, save_names
from ..convert import rgb_to_qimage
from ..jobs import Job, LatestRequest

DIRECTIONS = 6
RANGE = 3.0  # slider ends, in spreads of the latents along the direction
VIEW = 256


def _render(gen: FaceGenerator, directions: Directions, z: np.ndarray, amounts: list[float]) -> np.ndarray:
    moved = directions.move(z, amounts)
    return gen.from_latents(torch.from_numpy(moved[None]))[0]


class ExploreDialog(QDialog):
    def __init__(self, host, gen: FaceGenerator, seed: int, truncation: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Explore Seed {0}").format(seed))
        self.gen = gen
        self.z = truncate(latent(seed, gen.nz), truncation, seed).numpy()
        self.directions: Directions | None = None
        self.view = QLabel(self.tr("Finding the generator's main directions…"))
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setFixedSize(VIEW, VIEW)
        grid = QGridLayout()
        self.sliders: list[QSlider] = []
        self.names: list[QLineEdit] = []
        for k in range(DIRECTIONS):
            name = QLineEdit()
            name.setEnabled(False)
            name.editingFinished.connect(self._save_names)
            s = QSlider(Qt.Orientation.Horizontal)
            s.setRange(-30, 30)
            s.setEnabled(False)
            s.valueChanged.connect(lambda _=0: self._changed.start())
            grid.addWidget(name, k, 0)
            grid.addWidget(s, k, 1)
            self.names.append(name)
            self.sliders.append(s)
        grid.setColumnStretch(1, 1)
        reset = QPushButton(self.tr("Reset"))
        reset.clicked.connect(lambda: [s.setValue(0) for s in self.sliders])
        hint = QLabel(self.tr("Each slider moves the face along one of the ways this model's faces vary most. "
                              "Name a direction once you see what it does; the names are kept with the model."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(hint)
        side.addLayout(grid)
        side.addWidget(reset, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.view)
        row.addLayout(side, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(buttons)
        self.resize(760, 360)
        self._changed = QTimer(self, singleShot=True, interval=30, timeout=self._render)
        self.renders = LatestRequest(host.jobs, _render, name="explore", parent=self)
        self.renders.result.connect(lambda _args, face: self._show(face))
        self.job = Job(principal_directions, gen, DIRECTIONS, name="face directions")
        self.job.result.connect(self._on_directions)
        self.job.failed.connect(self.view.setText)
        self.finished.connect(lambda _: (self.job.cancel(), self.renders.cancel()))
        host.jobs.start(self.job)

    def amounts(self) -> list[float]:
        return [s.value() / 10.0 for s in self.sliders]

    def _on_directions(self, d: Directions) -> None:
        self.directions = d
        for k, (name, slider) in enumerate(zip(self.names, self.sliders)):
            name.setPlaceholderText(self.tr("Direction {0} ({1:.1%})").format(k + 1, float(d.explained[k])))
            name.setText(d.names[k] if k < len(d.names) else "")
            name.setEnabled(True)
            slider.setEnabled(True)
            slider.setToolTip(self.tr("±{0:g} spreads of the model's faces along this direction").format(RANGE))
        self._render()

    def _render(self) -> None:
        if self.directions is not None:
            self.renders.submit(self.gen, self.directions, self.z, self.amounts())

    def _show(self, face: np.ndarray) -> None:
        self.face = face
        self.view.setPixmap(QPixmap.fromImage(rgb_to_qimage(face)).scaled(
            VIEW, VIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def _save_names(self) -> None:
        if self.directions is not None:
            self.directions.names = [n.text().strip() for n in self.names]
            save_names(self.directions.model_sha256, self.directions.names)
