"""Training ▸ Layers: a sample's feature maps in each layer of the model being trained."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...core.training.feature_maps import feature_maps, latest_model_file
from ...core.training.kinds import kind_of_run
from ...core.training.runs import RunFolder
from ..convert import rgb_to_qimage
from ..jobs import LatestRequest

REFRESH_MS = 15_000  # while a run trains, its newest weights are looked at again this often


def _maps_of(run_dir: Path):
    kind = kind_of_run(RunFolder(run_dir).read_config())
    path = latest_model_file(run_dir, kind.model_files)
    if path is None:
        return None, []
    return path.name, feature_maps(path)


class LayersDialog(QDialog):
    def __init__(self, host, run_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Layers of {0}").format(run_dir.name))
        self.run_dir = run_dir
        self.views = []
        self.layer = QComboBox()
        self.layer.currentIndexChanged.connect(self._show_layer)
        self.info = QLabel(self.tr("Reading the newest weights…"))
        self.info.setWordWrap(True)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(400, 400)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        lay.addWidget(self.layer)
        lay.addWidget(self.image, 1)
        lay.addWidget(buttons)
        self.requests = LatestRequest(host.jobs, _maps_of, name="feature maps", parent=self)
        self.requests.result.connect(lambda _args, out: self._on_maps(*out))
        self.requests.failed.connect(self.info.setText)
        self._timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self._timer.start()
        self.finished.connect(lambda _: (self._timer.stop(), self.requests.cancel()))
        self.refresh()

    def refresh(self):
        return self.requests.submit(self.run_dir)

    def _on_maps(self, file: str | None, views: list) -> None:
        if file is None:
            self.info.setText(self.tr("This run has not written any weights yet."))
            return
        keep = self.layer.currentIndex()
        self.views = views
        self.layer.blockSignals(True)
        self.layer.clear()
        for v in views:
            self.layer.addItem(v.name)
        self.layer.setCurrentIndex(min(max(keep, 0), len(views) - 1))
        self.layer.blockSignals(False)
        self.info.setText(self.tr("The 16 most active channels of each layer for one fixed sample, from {0}. "
                                  "Early layers find edges and colours; later ones, larger parts.").format(file))
        self._show_layer(self.layer.currentIndex())

    def _show_layer(self, i: int) -> None:
        if 0 <= i < len(self.views):
            pix = QPixmap.fromImage(rgb_to_qimage(self.views[i].grid))
            self.image.setPixmap(pix.scaled(400, 400, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation))
