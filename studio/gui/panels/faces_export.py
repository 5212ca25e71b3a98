"""The batch export dialog of the Faces tab."""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ...core.durations import format_duration
from ...core.faces import export_faces
from ..jobs import Job


class ExportDialog(QDialog):
    def __init__(self, host, settings, model_path: Path, seed: int, truncation: float, parent: QWidget | None = None):
        super().__init__(parent)
        self.host = host
        self.settings = settings
        self.model_path = model_path
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Export Faces"))
        self.count = QSpinBox()
        self.count.setRange(1, 10_000_000)
        self.count.setValue(settings.get("faces/export_count", 1000, int))
        self.count.setGroupSeparatorShown(True)
        self.first_seed = QSpinBox()
        self.first_seed.setRange(0, 2_000_000_000)
        self.first_seed.setValue(seed)
        self.trunc = QDoubleSpinBox()
        self.trunc.setRange(0.0, 1.0)
        self.trunc.setSingleStep(0.05)
        self.trunc.setValue(truncation)
        self.format = QComboBox()
        for label, value in (("PNG", "png"), ("JPEG", "jpg"), ("WebP", "webp")):
            self.format.addItem(label, value)
        self.size = QComboBox()
        self.size.addItem(self.tr("Native"), 1)
        self.size.addItem(self.tr("Upscaled ×2"), 2)
        self.size.addItem(self.tr("Upscaled ×4"), 4)
        self.folder = QLineEdit(settings.get("faces/export_folder", str(Path.home() / "Studio faces"), str))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Number of faces"), self.count)
        form.addRow(self.tr("First seed"), self.first_seed)
        form.addRow(self.tr("Truncation"), self.trunc)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Size"), self.size)
        form.addRow(self.tr("Output folder"), row)
        self.note = QLabel(self.tr("Existing files are skipped, so an interrupted export continues. Every image is "
                                   "marked as AI-generated in its metadata and in metadata.csv."))
        self.note.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        # Wrapped in a fixed width: a long folder name or message never makes the dialog jump wider.
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 2)
        self.setFixedWidth(max(self.sizeHint().width(), 520))
        self.start_btn = QPushButton(self.tr("Export"))
        self.start_btn.setDefault(True)
        self.start_btn.clicked.connect(self.start)
        self.cancel_btn = QPushButton(self.tr("Close"))
        self.cancel_btn.clicked.connect(self._cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_btn)
        buttons.addWidget(self.cancel_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addLayout(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Output Folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> Job | None:
        if self.job is not None and self.job.is_running():
            return None
        folder = Path(self.folder.text().strip())
        if not str(folder):
            self.status.setText(self.tr("Choose an output folder."))
            return None
        self.settings.set("faces/export_folder", str(folder))
        self.settings.set("faces/export_count", self.count.value())
        from ...core.registry import read_metadata

        native = int(read_metadata(self.model_path)["config"]["resolution"])
        job = Job(export_faces, folder, count=self.count.value(), first_seed=self.first_seed.value(),
                  truncation=self.trunc.value(), fmt=self.format.currentData(),
                  size=native * self.size.currentData(), model=self.model_path, device=str(self.host.device),
                  name="export faces")
        job.progress.connect(self._on_progress)
        job.result.connect(lambda r: self.status.setText(self.tr("Wrote {0} faces, skipped {1} existing, in {2}.")
                                                         .format(r.written, r.skipped, r.folder)))
        job.failed.connect(lambda m: self.status.setText(self.tr("Export failed: {0}").format(m)))
        job.cancelled.connect(lambda: self.status.setText(self.tr("Cancelled. Export again to continue where it "
                                                                  "stopped.")))
        job.finished.connect(self._finished)
        self.job = job
        self.status.setText(self.tr("Exporting…"))  # not the last run's outcome while this one works
        self.progress.show()
        self.progress.setRange(0, 0)
        self.start_btn.setEnabled(False)
        self.cancel_btn.setText(self.tr("Cancel"))
        self._t0 = time.monotonic()
        self._first: int | None = None
        self.host.run_job(job, self.tr("Exporting faces"))
        return job

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self._first is None:
            self._first, self._t0 = done, time.monotonic()
        made = done - self._first
        elapsed = time.monotonic() - self._t0
        if made > 0 and done < total:
            eta = elapsed / made * (total - done)
            self.status.setText(self.tr("{0} of {1} · {2:.0f} faces/s · {3} left").format(
                done, total, made / max(elapsed, 1e-9), format_duration(eta)))

    def _finished(self) -> None:
        self.start_btn.setEnabled(True)
        self.cancel_btn.setText(self.tr("Close"))

    def _cancel_or_close(self) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()
        else:
            self.close()

    def closeEvent(self, e) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()  # the export stops between batches; files written so far are kept
        super().closeEvent(e)
