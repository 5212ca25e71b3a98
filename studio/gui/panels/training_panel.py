"""The Training tab: pick data and settings, start/pause/stop/resume, live curves and samples."""
from __future__ import annotations

import threading
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QSizePolicy, QSpinBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from ...core.durations import format_duration
from ...core.images import load_rgb
from ...core.paths import resources_dir, user_data_dir
from ...core.registry import import_model, model_name_for
from ...core.training.gan import GANTrainConfig
from ...core.training.kinds import KINDS, kind_of_run
from ...core.training.runs import RunFolder
from ..convert import rgb_to_qimage
from ..core_text import kind_text
from ..jobs import Job
from ..widgets.banner import MessageBanner
from ..widgets.curves import TrainingCurves
from ..widgets.welcome import WelcomePage
from .training_data import DataBox



def _read_run(folder: Path, *, progress=None, cancel=None) -> dict:
    run = RunFolder(folder)
    cfg = run.read_config()
    sample = run.latest_sample()
    grid = load_rgb(sample) if sample else None
    return {"config": cfg, "metrics": run.read_metrics(), "grid": grid, "has_checkpoint": bool(run.checkpoints())}


class TrainingPanel(QWidget):
    statusMessage = Signal(str)
    modelAdded = Signal(str)

    def __init__(self, host, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.host = host
        self.settings = settings
        self.job: Job | None = None
        self.pause_event = threading.Event()
        self.run_dir: Path | None = None
        self.run_config: dict | None = None
        self._latest_grid: np.ndarray | None = None
        self._grid_dirty = False
        self._last_event_t = 0.0
        self._setup_widgets()
        self._setup_layout()
        self._restore_settings()
        self._grid_timer = QTimer(self, interval=250, timeout=self._show_grid)
        self._grid_timer.start()
        self._update_buttons()

    # ---- setup ---------------------------------------------------------------------------
    def _setup_widgets(self) -> None:
        self.banner = MessageBanner()
        self.model_type = QComboBox()
        for k in KINDS.values():
            self.model_type.addItem(kind_text(k.label), k.name)
        self.model_type.currentIndexChanged.connect(self._on_model_type)
        self.data = DataBox(self.host, self.settings)
        # The group's parts, by the names the rest of the panel (and its tests) use.
        self.data_edit, self.browse, self.data_info, self.thumbs = (self.data.data_edit, self.data.browse,
                                                                    self.data.data_info, self.data.thumbs)

        d = GANTrainConfig()
        self.resolution = QComboBox()
        for r in (32, 64, 128):
            self.resolution.addItem(f"{r} × {r}", r)
        self.resolution.setCurrentIndex(1)
        # Images smaller than a GAN's resolution are flagged by the data check (the other kinds crop any size).
        self.resolution.currentIndexChanged.connect(lambda _: self._check_size())
        self.batch = _spin(2, 4096, d.batch)
        self.steps = _spin(1, 10_000_000, d.steps, step=1000)
        self.width_spin = _spin(8, 256, d.ngf, step=8)
        self.loss = QComboBox()
        self.loss.addItem(self.tr("Non-saturating (BCE)"), "bce")
        self.loss.addItem(self.tr("Hinge"), "hinge")
        self.augment = QComboBox()
        for label, value in ((self.tr("Translation"), "translation"),
                             (self.tr("Colour + translation + cutout"), "color,translation,cutout"),
                             (self.tr("None"), "none")):
            self.augment.addItem(label, value)
        self.ema = QDoubleSpinBox()
        self.ema.setDecimals(4)
        self.ema.setRange(0.0, 0.9999)
        self.ema.setSingleStep(0.0005)
        self.ema.setValue(d.ema_beta)
        self.checkpoint_every = _spin(1, 1_000_000, d.checkpoint_every, step=100)
        self.swd_every = _spin(0, 1_000_000, d.swd_every, step=100)

        self.start_btn = QPushButton(self.tr("Start"))
        self.start_btn.clicked.connect(self.start)
        self.pause_btn = QPushButton(self.tr("Pause"))
        self.pause_btn.setCheckable(True)
        self.pause_btn.toggled.connect(self.set_paused)
        self.stop_btn = QPushButton(self.tr("Stop"))
        self.stop_btn.clicked.connect(self.stop)
        self.resume_btn = QPushButton(self.tr("Resume"))
        self.resume_btn.setToolTip(self.tr("Continue the open run from its last checkpoint"))
        self.resume_btn.clicked.connect(self.resume)
        self.open_btn = QPushButton(self.tr("Open Run…"))
        self.open_btn.clicked.connect(self._browse_run)
        self.use_btn = QPushButton(self.tr("Use This Model"))
        self.use_btn.setToolTip(self.tr("Make this run's best generator available for face generation"))
        self.use_btn.clicked.connect(self.use_model)
        self.layers_btn = QPushButton(self.tr("Layers…"))
        self.layers_btn.setToolTip(self.tr("What each layer of this run's newest weights sees in one sample"))
        self.layers_btn.clicked.connect(self.show_layers)

        self.curves = TrainingCurves()
        self.grid_label = QLabel(self.tr("Samples appear here while training."))
        self.grid_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid_label.setMinimumSize(200, 200)
        # Ignored: the pixmap is scaled to the space given, it must not claim the space itself.
        self.grid_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.stats = QLabel()
        self.stats.setWordWrap(True)  # a long status line must not push the curves aside
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_label = QLabel()
        self.run_label.setWordWrap(True)

    def _setup_layout(self) -> None:
        data_box = self.data

        settings_box = QGroupBox(self.tr("Settings"))
        form = QFormLayout(settings_box)
        self.form = form
        form.addRow(self.tr("Model"), self.model_type)
        form.addRow(self.tr("Resolution"), self.resolution)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Steps"), self.steps)
        form.addRow(self.tr("Network width"), self.width_spin)
        form.addRow(self.tr("Loss"), self.loss)
        form.addRow(self.tr("Augmentation"), self.augment)
        form.addRow(self.tr("EMA decay"), self.ema)
        form.addRow(self.tr("Checkpoint every"), self.checkpoint_every)
        form.addRow(self.tr("Evaluate every"), self.swd_every)
        self.swd_every.setToolTip(self.tr("Steps between quality measurements (SWD for faces, hole PSNR for repair)"))

        buttons = QGroupBox(self.tr("Run"))
        bl = QVBoxLayout(buttons)
        r1 = QHBoxLayout()
        for b in (self.start_btn, self.pause_btn, self.stop_btn):
            r1.addWidget(b)
        r2 = QHBoxLayout()
        for b in (self.open_btn, self.resume_btn, self.use_btn, self.layers_btn):
            r2.addWidget(b)
        bl.addLayout(r1)
        bl.addLayout(r2)
        bl.addWidget(self.run_label)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(data_box)
        ll.addWidget(settings_box)
        ll.addWidget(buttons)
        ll.addStretch(1)
        left.setMaximumWidth(420)

        right_top = QWidget()
        rl = QVBoxLayout(right_top)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.stats)
        self.welcome = WelcomePage(self.tr(
            "<h2>Training</h2><p>Train a face generator on a folder of face photos, or the photo-repair "
            "network or the damage detector on any photos, and watch the losses and sample images as it "
            "learns.</p>"
            "<p>Choose a folder on the left and press <b>Start</b>. Runs are saved as they go: "
            "<b>Open Run…</b> and <b>Resume</b> continue them later.</p>"))
        self.welcome.add_button(self.tr("Try with the Sample Landscapes"), self.use_sample_data)
        if getattr(getattr(self.host, "device", None), "type", "cpu") == "cpu":
            self.welcome.set_hint(self.tr("No GPU found: training runs on the CPU. A short trial takes minutes; "
                                          "a real model takes hours. Studio uses an NVIDIA or Apple GPU "
                                          "automatically when there is one."))
        self.right_stack = QStackedWidget()
        self.right_stack.addWidget(self.welcome)
        self.right_stack.addWidget(self.grid_label)
        rl.addWidget(self.right_stack, 1)
        right = QSplitter(Qt.Orientation.Horizontal)
        right.addWidget(self.curves)
        right.addWidget(right_top)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([600, 400])

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)

    def _restore_settings(self) -> None:
        folder = self.settings.get("training/data", "", str)
        if folder:
            self.data_edit.setText(folder)
            if Path(folder).is_dir():
                self._scan_data()

    def kind(self) -> str:
        return self.model_type.currentData()

    def _on_model_type(self, _=None, *, reset_values: bool = True) -> None:
        kind = KINDS[self.kind()]
        self._check_size()
        for w in (self.resolution, self.loss, self.augment, self.ema):
            self.form.setRowVisible(w, kind.name == "gan")
        if reset_values:
            d = kind.config()()
            self.batch.setValue(d.batch)
            self.steps.setValue(d.steps)
            self.width_spin.setValue(getattr(d, kind.width_field))
            self.swd_every.setValue(getattr(d, kind.eval_field))
        self.curves.set_kind(kind)

    # ---- data ----------------------------------------------------------------------------
    def use_sample_data(self) -> None:
        """A short repair-model run on the landscapes shipped with Studio: a few minutes on a CPU."""
        self.model_type.setCurrentIndex(self.model_type.findData("inpaint"))
        self.data_edit.setText(str(resources_dir() / "samples" / "landscapes"))
        self.steps.setValue(300)
        self.swd_every.setValue(100)
        self.checkpoint_every.setValue(100)
        self._scan_data()
        self.banner.show_info(self.tr("Sample landscapes chosen for a 300-step trial of the photo-repair model. "
                                      "Press Start."))

    def _scan_data(self) -> Job | None:
        return self.data.scan()

    def _check_size(self) -> None:
        if hasattr(self, "data"):
            self.data.set_resolution(self.resolution.currentData() if self.kind() == "gan" else 32)

    # ---- runs ----------------------------------------------------------------------------
    def config_from_form(self):
        kind = KINDS[self.kind()]
        device = str(self.host.device)  # the window's compute device, as everything else uses
        if kind.name != "gan":
            return kind.config()(width=self.width_spin.value(), batch=self.batch.value(), steps=self.steps.value(),
                                 checkpoint_every=self.checkpoint_every.value(), eval_every=self.swd_every.value(),
                                 device=device, exclude=self.data.excluded())
        return GANTrainConfig(
            resolution=self.resolution.currentData(), batch=self.batch.value(), steps=self.steps.value(),
            ngf=self.width_spin.value(), ndf=self.width_spin.value(), loss=self.loss.currentData(),
            augment=self.augment.currentData(), ema_beta=self.ema.value(),
            checkpoint_every=self.checkpoint_every.value(), swd_every=self.swd_every.value(), device=device,
            exclude=self.data.excluded())

    def new_run_dir(self) -> Path:
        base = Path(self.settings.get("training/runs", str(user_data_dir() / "runs"), str))
        return base / time.strftime(f"{self.kind()}-%Y%m%d-%H%M%S")

    def start(self, run_dir: Path | None = None) -> Job | None:
        if self._running():
            return None
        data = Path(self.data_edit.text().strip())
        if not data.is_dir():
            self.banner.show_error(self.tr("Choose a folder of training images first."))
            return None
        try:
            cfg = self.config_from_form()
        except Exception as exc:  # a config the engine refuses is shown, not raised
            self.banner.show_error(str(exc))
            return None
        run_dir = Path(run_dir) if run_dir else self.new_run_dir()
        self.right_stack.setCurrentWidget(self.grid_label)
        self._latest_grid, self._grid_dirty = None, False  # the previous run's samples are not this run's
        self.grid_label.clear()
        kind = KINDS[self.kind()]
        self.curves.set_kind(kind)
        self._set_run(run_dir, {"model": kind.run_model, "train": asdict(cfg), "data": str(data)})
        return self._launch(kind.train(), run_dir, cfg, [data], label=self.tr("Training"))

    def resume(self) -> Job | None:
        if self._running() or self.run_dir is None:
            return None
        target = max(self.steps.value(), self._last_step() + 1)
        fn = self._run_kind().train()
        return self._launch(fn, self.run_dir, resume=True, overrides={"steps": target}, label=self.tr("Training"))

    def _run_kind(self):
        return kind_of_run(self.run_config or {})

    def _launch(self, fn, *args, label: str, **kwargs) -> Job:
        self.pause_event.clear()
        self.pause_btn.setChecked(False)
        self.banner.hide()
        job = Job(fn, *args, name="train", with_events=True, pause=self.pause_event, **kwargs)
        job.event.connect(self._on_event)
        job.result.connect(lambda r: self.banner.show_info(self.tr("Training finished at step {0}.").format(r["step"])))
        job.cancelled.connect(lambda: self.banner.show_info(self.tr("Training stopped; the last checkpoint is saved. "
                                                                    "Press Resume to continue.")))
        job.cancelled.connect(lambda: self.stats.setText(self.tr("Stopped at step {0}").format(self._last_step())))
        job.failed.connect(lambda m: self.banner.show_error(self.tr("Training failed: {0}").format(m)))
        job.finished.connect(self._update_buttons)
        self.job = job
        self.host.run_job(job, label)
        self._update_buttons()
        return job

    def stop(self) -> None:
        if self._running():
            self.job.cancel()
            self.pause_event.clear()
            self.stats.setText(self.tr("Stopping after the current step and saving a checkpoint…"))

    def set_paused(self, on: bool) -> None:
        if on:
            self.pause_event.set()
        else:
            self.pause_event.clear()
        self.pause_btn.setText(self.tr("Continue") if on else self.tr("Pause"))

    def _browse_run(self) -> None:
        base = self.settings.get("training/runs", str(user_data_dir() / "runs"), str)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Training Run"), base)
        if folder:
            self.open_run(Path(folder))

    def open_run(self, folder: Path) -> Job | None:
        if self._running():
            return None
        job = Job(_read_run, Path(folder), name="open run")
        job.result.connect(lambda out, f=Path(folder): self._on_run_read(f, out))
        job.failed.connect(self.banner.show_error)
        self.host.jobs.start(job)
        return job

    def _on_run_read(self, folder: Path, out: dict) -> None:
        self.right_stack.setCurrentWidget(self.grid_label)
        self._set_run(folder, out["config"])
        kind = kind_of_run(out["config"]).name
        self.model_type.blockSignals(True)
        self.model_type.setCurrentIndex(self.model_type.findData(kind))
        self.model_type.blockSignals(False)
        self._on_model_type(reset_values=False)
        self.curves.extend(out["metrics"])
        if out["grid"] is not None:
            self._latest_grid, self._grid_dirty = out["grid"], True
        cfg = out["config"].get("train", {})
        if out["metrics"]:
            last = out["metrics"][-1]
            self.stats.setText(self.tr("Step {0} of {1}").format(last["step"], cfg.get("steps", "?")))
        self.steps.setValue(max(int(cfg.get("steps", 0)), self.steps.value()))
        self._update_buttons()

    def show_layers(self):
        from .training_layers import LayersDialog

        if self.run_dir is None:
            return None
        dlg = LayersDialog(self.host, self.run_dir, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def _set_run(self, folder: Path, config: dict) -> None:
        self.run_dir = folder
        self.run_config = config
        self.run_label.setText(self.tr("Run: {0}").format(folder))

    def _last_step(self) -> int:
        xs, _ = self.curves.series(self.curves.kind.loss_key)
        return int(xs[-1]) if xs else 0

    def use_model(self) -> None:
        if self.run_dir is None:
            return
        kind = self._run_kind()
        for name in kind.model_files:
            src = self.run_dir / name
            if src.exists():
                break
        else:
            self.banner.show_error(self.tr("This run has no model yet: train until the first evaluation."))
            return
        job = Job(import_model, src, model_name_for(self.run_dir.name), overwrite=True, name="import")
        where = {"inpaint": self.tr("photo repair"), "damage": self.tr("damage detection")}.get(
            kind.task, self.tr("face generation"))
        job.result.connect(lambda info: (self.banner.show_info(
            self.tr("Model “{0}” is now available for {1}.").format(info.name, where)),
            self.modelAdded.emit(info.name)))
        job.failed.connect(self.banner.show_error)
        self.host.jobs.start(job)

    # ---- live updates --------------------------------------------------------------------
    def _on_event(self, e) -> None:
        if e.kind == "step":
            self.curves.add(e.metrics)
            if e.grid is not None:
                self._latest_grid, self._grid_dirty = e.grid, True
            rate = e.metrics.get("samples_per_s", 0)
            if self.job is not None:
                self.job.eta_s = e.eta_s  # the status bar shows the same estimate as this panel
            eta = format_duration(e.eta_s) if e.eta_s is not None else "?"
            text = self.tr("Step {0} of {1} · {2:.0f} images/s · {3} left").format(e.step, e.total_steps, rate, eta)
            if self.curves.kind.name == "inpaint":
                ps = self.curves.series("psnr_hole")[1]
                if ps and "gain_db" in e.metrics:
                    text += self.tr(" · hole PSNR {0:.2f} dB ({1:+.2f} vs OpenCV)").format(ps[-1], e.metrics["gain_db"])
            elif self.curves.kind.name == "damage":
                pr, rc = self.curves.series("precision")[1], self.curves.series("recall")[1]
                if pr and rc:
                    text += self.tr(" · precision {0:.2f}, recall {1:.2f}").format(pr[-1], rc[-1])
            else:
                swd = self.curves.series("swd")[1]
                if swd:
                    text += self.tr(" · SWD {0:.1f} (best {1:.1f})").format(swd[-1], min(swd))
            self.stats.setText(text)
        elif e.kind == "paused":
            self.stats.setText(self.tr("Paused at step {0}").format(e.step))
        elif e.kind == "checkpoint":
            self.statusMessage.emit(self.tr("Checkpoint saved at step {0}").format(e.step))

    def _show_grid(self) -> None:
        if not self._grid_dirty or self._latest_grid is None:
            return
        self._grid_dirty = False
        pix = QPixmap.fromImage(rgb_to_qimage(self._latest_grid))
        self.right_stack.setCurrentWidget(self.grid_label)
        side = min(self.grid_label.width(), self.grid_label.height())
        self.grid_label.setPixmap(pix.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def _running(self) -> bool:
        return self.job is not None and self.job.is_running()

    def _update_buttons(self) -> None:
        running = self._running()
        self.start_btn.setEnabled(not running)
        self.pause_btn.setEnabled(running)
        self.stop_btn.setEnabled(running)
        self.open_btn.setEnabled(not running)
        self.resume_btn.setEnabled(not running and self.run_dir is not None and
                                   RunFolder(self.run_dir).latest_checkpoint() is not None)
        self.use_btn.setEnabled(self.run_dir is not None and not running)
        self.layers_btn.setEnabled(self.run_dir is not None)
        for w in (self.model_type, self.resolution, self.batch, self.width_spin, self.loss, self.augment, self.ema,
                  self.data_edit, self.browse):
            w.setEnabled(not running)


def _spin(lo: int, hi: int, value: int, step: int = 1) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setValue(value)
    s.setSingleStep(step)
    s.setGroupSeparatorShown(True)
    return s
