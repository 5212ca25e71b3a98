"""Live training curves (pyqtgraph), redrawn on a timer rather than per event."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

# (metric key, legend label, colour) per plot
GAN_PLOTS = {
    "losses": [("loss_g", "loss G", "#e8a33d"), ("loss_d", "loss D", "#4c9be8")],
    "d_out": [("d_real", "D(x)", "#5cc26f"), ("d_fake", "D(G(z))", "#e05d5d")],
    "swd": [("swd", "SWD ×10³", "#b68de8")],
}
INPAINT_PLOTS = {
    "losses": [("loss", "loss", "#e8a33d"), ("l1_hole", "L1 in holes", "#4c9be8")],
    "psnr": [("psnr_hole", "Studio", "#5cc26f"), ("psnr_telea", "OpenCV Telea", "#e05d5d"),
             ("psnr_ns", "OpenCV Navier–Stokes", "#b68de8")],
}


class TrainingCurves(QWidget):
    """Keeps every metric record; draws at most ``fps`` times a second."""

    def __init__(self, parent: QWidget | None = None, fps: float = 10.0):
        super().__init__(parent)
        pg.setConfigOptions(antialias=False, background=None, foreground="#aaa")
        self.view = pg.GraphicsLayoutWidget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        self._dirty = False
        self.redraws = 0
        self.set_kind("gan")
        self._timer = QTimer(self, interval=int(1000 / fps), timeout=self._redraw)
        self._timer.start()

    def set_kind(self, kind: str) -> None:
        """Which curves to show: "gan" or "inpaint". Clears the history."""
        self.view.clear()
        self.kind = kind
        spec = INPAINT_PLOTS if kind == "inpaint" else GAN_PLOTS
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        titles = {"losses": self.tr("Losses"), "d_out": self.tr("Discriminator outputs"),
                  "swd": self.tr("Sliced Wasserstein distance (lower is better)"),
                  "psnr": self.tr("PSNR inside the holes, validation photos (higher is better)")}
        dotted = {"swd", "psnr_hole", "psnr_telea", "psnr_ns"}
        for row, (name, series) in enumerate(spec.items()):
            plot = self.view.addPlot(row=row, col=0, title=titles[name])
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.addLegend(offset=(-10, 10))
            plot.setLabel("bottom", self.tr("step"))
            for key, label, color in series:
                self.curves[key] = plot.plot([], [], name=label, pen=pg.mkPen(color, width=1.5),
                                             symbol="o" if key in dotted else None, symbolSize=5,
                                             symbolBrush=color if key in dotted else None)
            self.plots[name] = plot
        self._data: dict[str, tuple[list, list]] = {k: ([], []) for k in self.curves}
        self._dirty = True

    def clear(self) -> None:
        for xs, ys in self._data.values():
            xs.clear()
            ys.clear()
        self._dirty = True

    def add(self, record: dict) -> None:
        step = record.get("step")
        if step is None:
            return
        for key, (xs, ys) in self._data.items():
            if key in record and record[key] is not None:
                xs.append(step)
                ys.append(float(record[key]))
        self._dirty = True

    def extend(self, records: list[dict]) -> None:
        for r in records:
            self.add(r)

    def series(self, key: str) -> tuple[list, list]:
        return self._data[key]

    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.redraws += 1
        for key, curve in self.curves.items():
            xs, ys = self._data[key]
            # Thousands of points per curve are fine for pyqtgraph; downsample only huge histories.
            if len(xs) > 5000:
                idx = np.linspace(0, len(xs) - 1, 5000).astype(int)
                curve.setData(np.asarray(xs)[idx], np.asarray(ys)[idx])
            else:
                curve.setData(xs, ys)
