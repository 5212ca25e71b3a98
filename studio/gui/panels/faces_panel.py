"""The Faces tab: browse faces by seed, tweak truncation, enlarge, interpolate, batch export."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QSlider, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from ...core.faces import FaceGenerator, face_png, save_face
from ...core.registry import import_model
from ...core.variants import full_models
from ..convert import rgb_to_qimage
from ..jobs import Job, LatestRequest
from ..widgets.banner import MessageBanner
from .faces_export import ExportDialog
from .faces_morph import MorphBox

GRID_SIZES = (2, 3, 4, 5, 6, 8)


def _generate_job(gen: FaceGenerator | None, model_path: str, device, seeds: list[int], truncation: float, *,
                  progress=None, cancel=None, events=None) -> tuple[FaceGenerator, np.ndarray]:
    if gen is None or str(gen.info.path) != model_path or str(gen.device) != str(device):
        gen = FaceGenerator(Path(model_path), device)
    chunk = 8
    out = []
    for i in range(0, len(seeds), chunk):
        if cancel is not None and cancel.is_set():
            break
        faces = gen.generate(seeds[i:i + chunk], truncation)
        out.append(faces)
        if events is not None:
            events((i, faces))  # the grid fills in as rows arrive
    return gen, np.concatenate(out) if out else np.zeros((0, 1, 1, 3), np.uint8)


class FaceTile(QToolButton):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.seed: int | None = None
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setCheckable(True)
        self.setAutoExclusive(False)

    def set_face(self, seed: int, rgb: np.ndarray | None, side: int) -> None:
        self.seed = seed
        self.setText(self.tr("seed {0}").format(seed))
        self.setIconSize(QSize(side, side))
        if rgb is None:
            self.setIcon(QIcon())
        else:
            pix = QPixmap.fromImage(rgb_to_qimage(rgb)).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                                              Qt.TransformationMode.SmoothTransformation)
            self.setIcon(QIcon(pix))


class FacesPanel(QWidget):
    statusMessage = Signal(str)

    def __init__(self, host, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.host = host
        host.deviceChanged.connect(self._on_device_changed)
        host.modelsChanged.connect(lambda name: self.refresh_models(name or None))
        self.settings = settings
        self.gen: FaceGenerator | None = None
        self.faces: dict[int, np.ndarray] = {}
        self.current_seed: int | None = None
        self._shown_truncation: float | None = None
        # The grid shows the latest request only; one generation at a time, as they share the generator.
        self.grid_requests = LatestRequest(host.jobs, _generate_job, name="faces", with_events=True, serial=True,
                                           parent=self)
        self.grid_requests.event.connect(self._on_rows)
        self.grid_requests.result.connect(lambda args, out: self._on_generated(out, args[4]))
        self.grid_requests.failed.connect(lambda m: self.banner.show_error(self.tr("Could not generate: {0}").format(m)))
        self._setup_widgets()
        self._setup_layout()
        self.refresh_models()
        self._restore_settings()

    # ---- setup ---------------------------------------------------------------------------
    def _setup_widgets(self) -> None:
        self.banner = MessageBanner()
        self.model_combo = QComboBox()
        self.model_combo.setMinimumWidth(200)
        # A long model name is elided in the box (the list shows it whole): the side panel keeps its width.
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(18)
        self.model_combo.currentIndexChanged.connect(lambda _: self.request_faces())
        self.import_btn = QPushButton(self.tr("Import…"))
        self.import_btn.setToolTip(self.tr("Add a .safetensors face model (checked, never unpickled)"))
        self.import_btn.clicked.connect(self._import_dialog)
        self.grid_combo = QComboBox()
        for n in GRID_SIZES:
            self.grid_combo.addItem(f"{n} × {n}", n)
        self.grid_combo.currentIndexChanged.connect(lambda _: self._rebuild_grid())
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2_000_000_000)
        self.seed_spin.setToolTip(self.tr("Seed of the first face; the others follow it"))
        self.seed_spin.valueChanged.connect(lambda _: self.request_faces())
        self.new_btn = QPushButton(self.tr("New Faces"))
        self.new_btn.clicked.connect(self.new_faces)
        self.trunc_slider = QSlider(Qt.Orientation.Horizontal)
        self.trunc_slider.setRange(0, 100)
        self.trunc_slider.setValue(100)
        self.trunc_slider.setToolTip(self.tr("Lower values redraw extreme latent values: fewer odd faces, a little "
                                             "less variety"))
        self.trunc_label = QLabel()
        self.trunc_slider.valueChanged.connect(self._on_truncation)
        self._trunc_timer = QTimer(self, singleShot=True, interval=120, timeout=self.request_faces)
        self.export_btn = QPushButton(self.tr("Export Many…"))
        self.export_btn.clicked.connect(self.open_export)

        self.grid_widget = QWidget()
        self.grid_layout = QGridLayout(self.grid_widget)
        self.grid_layout.setSpacing(4)
        self.tiles: list[FaceTile] = []
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid_widget)

        self.preview = QLabel(self.tr("Click a face to see it large."))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(256, 256)
        self.preview_caption = QLabel()
        self.save_btn = QPushButton(self.tr("Save…"))
        self.save_btn.clicked.connect(self._save_dialog)
        self.copy_btn = QPushButton(self.tr("Copy"))
        self.copy_btn.clicked.connect(self.copy_current)
        self.set_a = QPushButton(self.tr("Set as A"))
        self.set_a.clicked.connect(lambda: self.set_pair(0, self.current_seed))
        self.set_b = QPushButton(self.tr("Set as B"))
        self.set_b.clicked.connect(lambda: self.set_pair(1, self.current_seed))
        self.explore_btn = QPushButton(self.tr("Explore…"))
        self.explore_btn.setToolTip(self.tr("Move this face along the model's main directions of variation"))
        self.explore_btn.clicked.connect(self.explore)
        self.morph = MorphBox(self.host, self.settings)
        self.morph.morph_btn.clicked.connect(lambda: self.morph.make_morph(self.gen, self.truncation()))
        self.morph.message.connect(self.banner.show_info)
        self.morph.error.connect(self.banner.show_error)
        self._update_buttons()

    def _setup_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Model")))
        top.addWidget(self.model_combo)
        top.addWidget(self.import_btn)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Grid")))
        top.addWidget(self.grid_combo)
        top.addWidget(QLabel(self.tr("Seed")))
        top.addWidget(self.seed_spin)
        top.addWidget(self.new_btn)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Truncation")))
        top.addWidget(self.trunc_slider, 1)
        top.addWidget(self.trunc_label)
        top.addWidget(self.export_btn)

        side = QVBoxLayout()
        face_box = QGroupBox(self.tr("Face"))
        fl = QVBoxLayout(face_box)
        fl.addWidget(self.preview, 1)
        fl.addWidget(self.preview_caption)
        r = QHBoxLayout()
        for b in (self.save_btn, self.copy_btn, self.explore_btn):
            r.addWidget(b)
        fl.addLayout(r)
        r2 = QHBoxLayout()
        for b in (self.set_a, self.set_b):
            r2.addWidget(b)
        fl.addLayout(r2)
        side.addWidget(face_box, 1)
        side.addWidget(self.morph)
        side_w = QWidget()
        side_w.setLayout(side)
        side_w.setMaximumWidth(360)

        body = QHBoxLayout()
        body.addWidget(self.scroll, 1)
        body.addWidget(side_w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.banner)
        lay.addLayout(top)
        lay.addLayout(body, 1)

    def _restore_settings(self) -> None:
        i = self.grid_combo.findData(self.settings.get("faces/grid", 4, int))
        self.grid_combo.setCurrentIndex(max(0, i))
        self.trunc_slider.setValue(self.settings.get("faces/truncation", 80, int))
        self._on_truncation(self.trunc_slider.value(), request=False)
        self._rebuild_grid()

    def save_settings(self) -> None:
        self.settings.set("faces/grid", self.grid_combo.currentData())
        self.settings.set("faces/truncation", self.trunc_slider.value())

    # ---- models --------------------------------------------------------------------------
    def refresh_models(self, select: str | None = None) -> None:
        before = self.model_combo.currentData()
        current = select or before
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for m in full_models("faces"):
            label = m.name if m.source == "shipped" else f"{m.name} ({self.tr('yours')})"
            self.model_combo.addItem(label, str(m.path))
            self.model_combo.setItemData(self.model_combo.count() - 1, str(m.path), Qt.ItemDataRole.ToolTipRole)
        if current:
            i = next((k for k in range(self.model_combo.count())
                      if self.model_combo.itemData(k) == current or Path(self.model_combo.itemData(k)).stem == current),
                     -1)
            if i >= 0:
                self.model_combo.setCurrentIndex(i)
        self.model_combo.blockSignals(False)
        if self.model_combo.count() == 0:
            self.banner.show_info(self.tr("No face model yet: train one in the Training tab or import a "
                                          ".safetensors file."), timeout_ms=0)
        elif select:
            # A model re-imported under the same name is a new file: show its faces, not the old ones.
            self.gen = None
            self.request_faces()
        elif self.model_combo.currentData() != before:
            self.request_faces()
        self._update_buttons()

    def _on_device_changed(self, _device) -> None:
        self.gen = None  # rebuilt on the new device by the next request
        self.request_faces()

    def _import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Face Model"), str(Path.home()),
                                              self.tr("Safetensors models (*.safetensors)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> Job:
        job = Job(import_model, path, task="faces", name="import model")
        job.result.connect(lambda info: (self.refresh_models(str(info.path)), self.request_faces(),
                                         self.banner.show_info(self.tr("Imported {0}").format(info.name))))
        job.failed.connect(lambda m: self.banner.show_error(self.tr("Could not import: {0}").format(m)))
        self.host.jobs.start(job)
        return job

    # ---- grid ----------------------------------------------------------------------------
    def truncation(self) -> float:
        return self.trunc_slider.value() / 100.0

    def _on_truncation(self, value: int, request: bool = True) -> None:
        self.trunc_label.setText(f"{value / 100:.2f}")
        if request:
            self._trunc_timer.start()  # coalesce slider drags into one request

    def grid_n(self) -> int:
        return int(self.grid_combo.currentData() or 4)

    def seeds(self) -> list[int]:
        n = self.grid_n()
        return list(range(self.seed_spin.value(), self.seed_spin.value() + n * n))

    def _rebuild_grid(self) -> None:
        n = self.grid_n()
        for t in self.tiles:
            t.deleteLater()
        self.tiles = []
        side = self._fit_side()
        for i in range(n * n):
            tile = FaceTile()
            tile.clicked.connect(lambda _=False, t=tile: self.show_face(t.seed))
            self.grid_layout.addWidget(tile, i // n, i % n)
            tile.set_face(self.seed_spin.value() + i, None, side)
            self.tiles.append(tile)
        self._tile_side = side
        self.request_faces()

    def _fit_side(self) -> int:
        """Tile icon size that fits the whole grid in the visible area (caption and padding included)."""
        n = self.grid_n()
        vp = self.scroll.viewport().size()
        per_w = (vp.width() - 8) // n - 16
        per_h = (vp.height() - 8) // n - 34
        return int(max(48, min(256, per_w, per_h)))

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._refit_tiles()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        # A tab laid out while hidden may have measured a tiny viewport: measure again once shown.
        QTimer.singleShot(0, self, self._refit_tiles)

    def _refit_tiles(self) -> None:
        side = self._fit_side()
        if self.tiles and side != getattr(self, "_tile_side", side):
            self._tile_side = side
            for t in self.tiles:
                t.set_face(t.seed, self.faces.get(t.seed), side)

    def new_faces(self) -> None:
        self.seed_spin.setValue(random.randrange(0, 2_000_000_000 - 64))

    def request_faces(self) -> Job | None:
        """Ask for the current grid; a request made while one runs replaces, never queues behind it."""
        path = self.model_combo.currentData()
        if not path or not self.tiles:
            return None
        seeds = self.seeds()
        self.faces = {s: f for s, f in self.faces.items() if s in seeds or s == self.current_seed}
        return self.grid_requests.submit(self.gen, path, self.host.device, seeds, self.truncation())

    def _on_rows(self, args: tuple, ev) -> None:
        seeds = args[3]
        start, faces = ev
        for k, face in enumerate(faces):
            i = start + k
            if i < len(self.tiles):
                self.faces[seeds[i]] = face
                self.tiles[i].set_face(seeds[i], face, self._tile_side)

    def _on_generated(self, out, truncation: float) -> None:
        changed = out[0] is not self.gen or truncation != self._shown_truncation
        self.gen, self._shown_truncation = out[0], truncation
        if self.current_seed in self.faces:
            self.show_face(self.current_seed)
        if changed:  # A and B are seeds: show them as this model and truncation draw them
            self.morph.refresh(self.gen, truncation)
        self._update_buttons()

    # ---- one face ------------------------------------------------------------------------
    def show_face(self, seed: int | None) -> None:
        if seed is None or seed not in self.faces:
            return
        self.current_seed = seed
        for t in self.tiles:
            t.setChecked(t.seed == seed)
        face = self.faces[seed]
        side = min(self.preview.width(), self.preview.height(), 512)
        pix = QPixmap.fromImage(rgb_to_qimage(face)).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                                           Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(pix)
        self.preview_caption.setText(self.tr("Seed {0} · truncation {1:.2f} · {2}").format(
            seed, self.truncation(), self.model_combo.currentText()))
        self._update_buttons()

    def copy_current(self) -> Job | None:
        """The face goes to the clipboard as an image and as a PNG that carries its AI-generated mark."""
        seed = self.current_seed
        if seed not in self.faces or self.gen is None:
            return None
        face = self.faces[seed]
        job = Job(face_png, face, self.gen, seed, self.truncation(), name="copy face")
        job.result.connect(lambda png, f=face, s=seed: self._to_clipboard(f, png, s))
        job.failed.connect(self.banner.show_error)
        self.host.jobs.start(job)
        return job

    def _to_clipboard(self, face: np.ndarray, png: bytes, seed: int) -> None:
        data = QMimeData()
        data.setImageData(rgb_to_qimage(face))
        data.setData("image/png", QByteArray(png))
        QGuiApplication.clipboard().setMimeData(data)
        self.statusMessage.emit(self.tr("Copied seed {0}").format(seed))

    def _save_dialog(self) -> None:
        if self.current_seed not in self.faces:
            return
        folder = self.settings.get("faces/folder", str(Path.home()), str)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Face"),
                                              str(Path(folder) / f"face-{self.current_seed}.png"),
                                              self.tr("Images (*.png *.jpg *.webp)"))
        if path:
            self.save_current(Path(path))

    def save_current(self, path: Path) -> Job | None:
        if self.current_seed not in self.faces:
            return None
        self.settings.set("faces/folder", str(path.parent))
        job = Job(save_face, path, self.faces[self.current_seed], self.gen, self.current_seed, self.truncation(),
                  name="save face")
        job.result.connect(lambda p: self.banner.show_info(self.tr("Saved {0}").format(p)))
        job.failed.connect(self.banner.show_error)
        self.host.jobs.start(job)
        return job

    # ---- interpolation -------------------------------------------------------------------
    def set_pair(self, which: int, seed: int | None) -> None:
        if seed is None:
            return
        self.morph.set_face(which, seed, self.faces.get(seed))
        self._update_buttons()

    # ---- batch export --------------------------------------------------------------------
    def open_export(self) -> ExportDialog | None:
        path = self.model_combo.currentData()
        if not path:
            return None
        dlg = ExportDialog(self.host, self.settings, Path(path), self.seed_spin.value(), self.truncation(), self)
        dlg.show()
        return dlg

    def explore(self):
        """The current face in the Explore dialog (GANSpace directions as sliders)."""
        from .faces_explore import ExploreDialog

        if self.current_seed not in self.faces or self.gen is None:
            return None
        dlg = ExploreDialog(self.host, self.gen, self.current_seed, self.truncation(), self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def _update_buttons(self) -> None:
        has_model = self.model_combo.count() > 0
        has_face = self.current_seed in self.faces
        for w in (self.new_btn, self.export_btn, self.seed_spin, self.trunc_slider, self.grid_combo):
            w.setEnabled(has_model)
        for w in (self.save_btn, self.copy_btn, self.set_a, self.set_b):
            w.setEnabled(has_face)
        self.explore_btn.setEnabled(has_face and self.gen is not None)
        self.morph.update_enabled(self.gen is not None)
