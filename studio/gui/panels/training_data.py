"""The Training tab's Data group: the folder, a glance at its images, and a health check with "leave these out"."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ...core.images import find_images, load_rgb
from ...core.training.data_check import DataReport, check_data
from ..convert import rgb_to_qimage
from ..jobs import LatestRequest

THUMBS = 12


def _scan_folder(folder: Path, *, progress=None, cancel=None) -> tuple[int, list[np.ndarray]]:
    files = find_images(folder)
    thumbs = []
    for f in files[:: max(1, len(files) // THUMBS)][:THUMBS]:
        try:
            rgb = load_rgb(f)
        except Exception:  # an unreadable sample is simply not shown
            continue
        step = max(1, max(rgb.shape[:2]) // 96)
        thumbs.append(np.ascontiguousarray(rgb[::step, ::step]))
    return len(files), thumbs


def _check(folder: Path, resolution: int, *, progress=None, cancel=None) -> DataReport:
    return check_data(folder, resolution=resolution, progress=progress, cancel=cancel)


class DataBox(QGroupBox):
    """Choosing a folder counts it, shows a few images, then checks it in the background."""

    def __init__(self, host, settings, parent: QWidget | None = None):
        super().__init__(self.tr("Data"), parent)
        self.settings = settings
        self.report: DataReport | None = None
        self.resolution = 64
        self.data_edit = QLineEdit()
        self.data_edit.setPlaceholderText(self.tr("Folder of images, e.g. CelebA's img_align_celeba"))
        self.data_edit.editingFinished.connect(self.scan)
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.clicked.connect(self._browse)
        self.data_info = QLabel(self.tr("No dataset chosen"))
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(QSize(48, 48))
        self.thumbs.setFixedHeight(74)
        self.thumbs.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thumbs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.check_info = QLabel()
        self.check_info.setWordWrap(True)
        self.check_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.leave_out = QCheckBox()
        self.leave_out.setChecked(True)
        self.leave_out.setToolTip(self.tr("Unreadable and too-small files and all but one of each set of copies "
                                          "are not trained on; the run records which"))
        self.leave_out.hide()
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.data_edit, 1)
        row.addWidget(self.browse)
        lay.addLayout(row)
        lay.addWidget(self.data_info)
        lay.addWidget(self.thumbs)
        lay.addWidget(self.check_info)
        lay.addWidget(self.leave_out)
        # A new folder (or resolution) supersedes a scan or check still running.
        self.scans = LatestRequest(host.jobs, _scan_folder, name="scan", parent=self)
        self.scans.result.connect(lambda args, out: self._on_scanned(out))
        self.scans.failed.connect(self.data_info.setText)
        self.checks = LatestRequest(host.jobs, _check, name="check data", parent=self)
        self.checks.result.connect(lambda args, rep: self._on_checked(args[0], rep))
        self.checks.failed.connect(lambda m: self.check_info.setText(self.tr("Could not check the data: {0}").format(m)))

    def folder(self) -> Path:
        return Path(self.data_edit.text().strip())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Training Images"), self.data_edit.text()
                                                  or str(Path.home()))
        if folder:
            self.data_edit.setText(folder)
            self.scan()

    def scan(self):
        folder = self.folder()
        self.report = None
        self.leave_out.hide()
        self.check_info.clear()
        if not str(folder) or not folder.is_dir():
            self.data_info.setText(self.tr("Folder not found"))
            return None
        self.settings.set("training/data", str(folder))
        self.data_info.setText(self.tr("Counting images…"))
        return self.scans.submit(folder)

    def _on_scanned(self, out) -> None:
        count, thumbs = out
        self.data_info.setText(self.tr("{0} images").format(QLocale().toString(count)))
        self.thumbs.clear()
        for t in thumbs:
            self.thumbs.addItem(QListWidgetItem(QIcon(QPixmap.fromImage(rgb_to_qimage(t))), ""))
        self.check()

    def set_resolution(self, resolution: int) -> None:
        if resolution != self.resolution:
            self.resolution = resolution
            if self.report is not None or self.checks.job is not None:
                self.report = None
                self.check()  # supersedes a check still running for the old resolution

    def check(self):
        folder = self.folder()
        if not folder.is_dir():
            return None
        self.check_info.setText(self.tr("Checking the images…"))
        return self.checks.submit(folder, self.resolution)

    def _on_checked(self, folder: Path, rep: DataReport) -> None:
        if folder != self.folder():
            return
        self.report = rep
        loc = QLocale()
        parts = []
        for n, text in ((len(rep.unreadable), self.tr("{0} unreadable")),
                        (len(rep.exact_duplicates), self.tr("{0} sets of exact copies")),
                        (len(rep.near_duplicates), self.tr("{0} sets of near copies")),
                        (len(rep.across_split), self.tr("{0} copies across the held-out split")),
                        (len(rep.too_small), self.tr("{0} smaller than {1} px")),
                        (len(rep.extreme_aspect), self.tr("{0} with an extreme aspect ratio"))):
            if n:
                parts.append(text.format(loc.toString(n), rep.resolution))
        if rep.greyscale:
            parts.append(self.tr("{0:.0%} greyscale").format(rep.greyscale_share))
        self.check_info.setText(self.tr("Checked: ") + "; ".join(parts) if parts else self.tr("Checked: no problems "
                                                                                                "found."))
        leave = rep.leave_out()
        self.leave_out.setText(self.tr("Leave these out ({0} files)").format(loc.toString(len(leave))))
        self.leave_out.setVisible(bool(leave))

    def excluded(self) -> list[str]:
        """What the next run should leave out (nothing when unchecked or not yet checked)."""
        rep = self.report
        if (rep is None or not self.leave_out.isChecked() or Path(rep.folder) != self.folder()
                or rep.resolution != self.resolution):
            return []
        return rep.leave_out()
