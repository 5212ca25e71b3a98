"""Repairing a whole folder from the GUI: per-photo and overall progress, pause, cancel, resume."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from ...core.durations import format_duration
from ...core.photo.batch import plan_outputs, repair_batch
from ...core.photo.methods import available_methods, default_method
from ..core_text import method_text
from ..jobs import Job


def _run_batch(src: Path, dst: Path, method: str, mask: Path | None, auto: bool, overwrite: bool, quality: int,
               pause: threading.Event, item_signal, *, progress=None, cancel=None):
    items = plan_outputs([src], dst)
    return repair_batch(items, method=method, mask_path=mask, auto=auto, overwrite=overwrite, quality=quality,
                        progress=progress, cancel=cancel, pause=pause,
                        item_progress=lambda d, t, m: item_signal.emit(int(d), int(t)))


class BatchDialog(QDialog):
    itemProgress = Signal(int, int)

    def __init__(self, host, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.host = host
        self.settings = settings
        self.job: Job | None = None
        self.pause_event = threading.Event()
        self.setWindowTitle(self.tr("Repair a Folder"))
        self.resize(560, 460)
        self.src = QLineEdit(settings.get("batch/src", "", str))
        self.dst = QLineEdit(settings.get("batch/dst", "", str))
        self.mask = QLineEdit(settings.get("batch/mask", "", str))
        self.mask.setPlaceholderText(self.tr("optional: one mask for every photo (same size)"))
        self.method = QComboBox()
        for m in available_methods():
            self.method.addItem(method_text(m.label), m.name)
        i = self.method.findData(settings.get("repair/method", default_method(), str))
        self.method.setCurrentIndex(max(0, i))
        self.auto = QCheckBox(self.tr("Detect dust, spots and scratches automatically"))
        self.auto.setChecked(settings.get("batch/auto", True, bool))
        self.overwrite = QCheckBox(self.tr("Replace outputs that already exist"))
        form = QFormLayout()
        for label, edit, folder in ((self.tr("Photos"), self.src, True), (self.tr("Save to"), self.dst, True),
                                    (self.tr("Mask"), self.mask, False)):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            b = QPushButton(self.tr("Browse…"))
            b.clicked.connect(lambda _=False, e=edit, f=folder: self._browse(e, f))
            row.addWidget(b)
            form.addRow(label, row)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.auto)
        form.addRow(self.overwrite)
        self.item_bar = QProgressBar()
        self.item_bar.setFormat(self.tr("this photo %p%"))
        self.total_bar = QProgressBar()
        self.total_bar.setFormat(self.tr("%v of %m photos"))
        self.status = QLabel()
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.start_btn = QPushButton(self.tr("Start"))
        self.start_btn.clicked.connect(self.start)
        self.pause_btn = QPushButton(self.tr("Pause"))
        self.pause_btn.setCheckable(True)
        self.pause_btn.toggled.connect(self._pause)
        self.cancel_btn = QPushButton(self.tr("Close"))
        self.cancel_btn.clicked.connect(self._cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.start_btn, self.pause_btn, self.cancel_btn):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.item_bar)
        lay.addWidget(self.total_bar)
        lay.addWidget(self.status)
        lay.addWidget(self.log, 1)
        lay.addLayout(buttons)
        self.itemProgress.connect(self._on_item)
        self._update()

    def _browse(self, edit: QLineEdit, folder: bool) -> None:
        if folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose Folder"), edit.text())
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose Mask"), edit.text())
        if path:
            edit.setText(path)

    def start(self) -> Job | None:
        if self.job is not None and self.job.is_running():
            return None
        src, dst = Path(self.src.text().strip()), Path(self.dst.text().strip())
        mask = Path(self.mask.text().strip()) if self.mask.text().strip() else None
        if not src.is_dir() or not self.dst.text().strip():
            self.status.setText(self.tr("Choose a folder of photos and a folder to save to."))
            return None
        if mask is None and not self.auto.isChecked():
            self.status.setText(self.tr("Choose a mask, or let Studio detect the damage."))
            return None
        for key, value in (("batch/src", str(src)), ("batch/dst", str(dst)), ("batch/auto", self.auto.isChecked()),
                           ("batch/mask", str(mask or ""))):
            self.settings.set(key, value)
        self.pause_event.clear()
        self.pause_btn.setChecked(False)
        self.log.clear()
        job = Job(_run_batch, src, dst, self.method.currentData(), mask, self.auto.isChecked(),
                  self.overwrite.isChecked(), self.settings.get("repair/jpeg_quality", 95, int), self.pause_event,
                  self.itemProgress, name="batch repair")
        job.progress.connect(self._on_total)
        job.result.connect(self._on_done)
        job.failed.connect(lambda m: self.status.setText(self.tr("Batch failed: {0}").format(m)))
        job.cancelled.connect(lambda: self.status.setText(
            self.tr("Cancelled. Start again to continue: finished photos are skipped.")))
        job.finished.connect(self._update)
        self.job = job
        self._t0, self._first = time.monotonic(), None
        self.host.run_job(job, self.tr("Repairing folder"))
        self._update()
        return job

    def _on_item(self, done: int, total: int) -> None:
        self.item_bar.setRange(0, max(total, 1))
        self.item_bar.setValue(min(done, total))

    def _on_total(self, done: int, total: int, name: str) -> None:
        self.total_bar.setRange(0, max(total, 1))
        self.total_bar.setValue(done)
        if self._first is None:
            self._first, self._t0 = done, time.monotonic()
        made, elapsed = done - self._first, time.monotonic() - self._t0
        eta = format_duration(elapsed / made * (total - done)) if made > 0 and done < total else "…"
        self.status.setText(self.tr("{0} · {1} left").format(name, eta))

    def _on_done(self, rep) -> None:
        self.status.setText(self.tr("Repaired {0}, skipped {1} already done, failed {2}.").format(
            len(rep.written), len(rep.skipped), len(rep.failed)))
        for path, msg in rep.failed:
            self.log.appendPlainText(f"✗ {path}: {msg}")
        for path in rep.written:
            self.log.appendPlainText(f"✓ {path}")

    def _pause(self, on: bool) -> None:
        (self.pause_event.set if on else self.pause_event.clear)()
        self.pause_btn.setText(self.tr("Continue") if on else self.tr("Pause"))
        if on:
            self.status.setText(self.tr("Paused after the current photo."))

    def _cancel_or_close(self) -> None:
        if self.job is not None and self.job.is_running():
            self.pause_event.clear()
            self.job.cancel()
        else:
            self.close()

    def _update(self) -> None:
        running = self.job is not None and self.job.is_running()
        self.start_btn.setEnabled(not running)
        self.pause_btn.setEnabled(running)
        self.cancel_btn.setText(self.tr("Cancel") if running else self.tr("Close"))

    def closeEvent(self, e) -> None:
        if self.job is not None and self.job.is_running():
            self.pause_event.clear()
            self.job.cancel()
        super().closeEvent(e)
