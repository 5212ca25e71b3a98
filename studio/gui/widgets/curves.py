"""Live training curves (pyqtgraph), redrawn on a timer rather than per event."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedLayout, QWidget

from ...core.training.kinds import KINDS
from ..core_text import kind_text

# Series take these colours in order; the dotted ones are evaluations, sparse by nature.
PALETTE = ("#e8a33d", "#4c9be8", "#5cc26f", "#e05d5d", "#b68de8")
DOTTED = {"swd", "psnr_hole", "psnr_telea", "psnr_ns", "precision", "recall", "f1", "clean_marked"}


class TrainingCurves(QWidget):
    """Keeps every metric record; draws at most ``fps`` times a second."""

    def __init__(self, parent: QWidget | None = None, fps: float = 10.0):
        super().__init__(parent)
        pg.setConfigOptions(antialias=False, background=None, foreground="#aaa")
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        # Building a kind's plots takes ~0.1 s of the GUI thread: each is built once and kept, so starting
        # a run (which clears the curves) never waits on it.
        self._built: dict[str, tuple[pg.GraphicsLayoutWidget, dict, dict]] = {}
        self._dirty = False
        self.redraws = 0
        self.set_kind(KINDS["gan"])
        self._timer = QTimer(self, interval=int(1000 / fps), timeout=self._redraw)
        self._timer.start()

    def set_kind(self, kind) -> None:
        """Which curves to show: a :class:`~studio.core.training.kinds.TrainerKind`. Clears the history."""
        if kind.name not in self._built:
            self._built[kind.name] = self._build(kind)
        self.kind = kind
        self.view, self.plots, self.curves = self._built[kind.name]
        self.stack.setCurrentWidget(self.view)
        self._data: dict[str, tuple[list, list]] = {k: ([], []) for k in self.curves}
        self._dirty = True

    def _build(self, kind):
        view = pg.GraphicsLayoutWidget()
        self.stack.addWidget(view)
        plots: dict[str, pg.PlotItem] = {}
        curves: dict[str, pg.PlotDataItem] = {}
        for row, spec in enumerate(kind.plots):
            # The legend is a row of its own between the title and the plot: it never covers a curve.
            legend = pg.LegendItem(colCount=len(spec.series))
            view.addItem(legend, row=2 * row, col=0)
            view.ci.layout.setRowMaximumHeight(2 * row, 26)
            plot = view.addPlot(row=2 * row + 1, col=0, title=kind_text(spec.title))
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setLabel("bottom", self.tr("step"))
            for i, (key, label) in enumerate(spec.series):
                color = PALETTE[i % len(PALETTE)]
                dotted = key in DOTTED
                curve = plot.plot([], [], pen=pg.mkPen(color, width=1.5), symbol="o" if dotted else None,
                                  symbolSize=5, symbolBrush=color if dotted else None)
                curve.opts["name"] = kind_text(label)
                legend.addItem(curve, kind_text(label))
                curves[key] = curve
            plots[spec.title] = plot
        return view, plots, curves

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
