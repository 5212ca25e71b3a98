"""Views into the photo tab's models: the damage detector's confidence, and which method filled which hole."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QImage

from ...core.photo.damage import confidence
from ...core.photo.repair import fill_methods
from ..jobs import Job, LatestRequest

# One colour per fill method, in the order they appear (ARGB-friendly RGB).
METHOD_COLOURS = [(60, 140, 255), (60, 200, 90), (255, 170, 40), (200, 80, 220), (240, 240, 60)]



def _rgba_image(rgba: np.ndarray) -> QImage:
    h, w = rgba.shape[:2]
    bgra = np.ascontiguousarray(rgba[..., [2, 1, 0, 3]])
    # Premultiplied, as Qt draws fastest; the colours are scaled by their alpha.
    bgra[..., :3] = (bgra[..., :3].astype(np.uint16) * bgra[..., 3:4] // 255).astype(np.uint8)
    return QImage(bgra.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()


def heatmap(prob: np.ndarray) -> np.ndarray:
    """Confidence as colour: unsure marks (around 0.2–0.5) in blue, sure ones in red, nothing transparent."""
    p = np.clip(prob, 0, 1).astype(np.float32)
    rgba = np.zeros(p.shape + (4,), np.uint8)
    rgba[..., 0] = (255 * p).astype(np.uint8)
    rgba[..., 2] = (255 * (1 - p)).astype(np.uint8)
    rgba[..., 1] = (80 * (1 - np.abs(2 * p - 1))).astype(np.uint8)
    rgba[..., 3] = np.where(p < 0.05, 0, np.clip(60 + 180 * p, 0, 230)).astype(np.uint8)
    return rgba


def method_map(labels: np.ndarray) -> np.ndarray:
    rgba = np.zeros(labels.shape + (4,), np.uint8)
    for i, colour in enumerate(METHOD_COLOURS):
        on = labels == i
        rgba[on, :3] = colour
        rgba[on, 3] = 170
    return rgba


class PhotoInsight(QObject):
    """Two checkable View actions; each computes its picture in a worker and lays it over the canvas."""

    message = Signal(str)

    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self.show_confidence = QAction(self.tr("Damage Detector Confidence"), panel, checkable=True)
        self.show_confidence.setToolTip(self.tr("What the damage detector is sure of (red) and unsure of (blue)"))
        self.show_confidence.toggled.connect(self.refresh)
        self.show_methods = QAction(self.tr("How Holes Were Filled"), panel, checkable=True)
        self.show_methods.setToolTip(self.tr("After a repair: which method filled each hole"))
        self.show_methods.toggled.connect(self.refresh)
        self.last_fill: dict[int, tuple[np.ndarray, str]] = {}  # per document: the mask repaired and the method
        self.requests = LatestRequest(panel.host.jobs, self._compute, name="insight", parent=self)
        self.requests.result.connect(self._show)
        self.requests.failed.connect(panel.banner.show_error)

    def repaired(self, doc, mask: np.ndarray, method: str) -> None:
        self.last_fill[id(doc)] = (mask, method)  # the job's own mask: nothing else changes it
        self.refresh()

    def refresh(self, *_) -> Job | None:
        doc = self.panel.doc
        self.panel.canvas.set_info_overlay(None)
        if doc is None:
            self.requests.cancel()
            return None
        if self.show_methods.isChecked() and id(doc) in self.last_fill:
            mask, method = self.last_fill[id(doc)]
            return self.requests.submit("methods", id(doc), mask, method, self.panel.host.device)
        if self.show_confidence.isChecked():
            return self.requests.submit("confidence", id(doc), doc.current, None, self.panel.host.device)
        self.requests.cancel()
        return None

    @staticmethod
    def _compute(what: str, doc_id: int, data: np.ndarray, method, device, *, progress=None, cancel=None):
        if what == "methods":
            labels, names = fill_methods(data, method, device=device)
            return method_map(labels), names
        prob = confidence(data, device=device, progress=progress, cancel=cancel)
        return (heatmap(prob) if prob is not None else None), None

    def _show(self, args: tuple, out) -> None:
        what, doc_id = args[0], args[1]
        doc = self.panel.doc
        if doc is None or id(doc) != doc_id:
            return
        rgba, names = out
        if rgba is None:
            self.message.emit(self.tr("Confidence needs the learned damage detector, which is not installed."))
            return
        self.panel.canvas.set_info_overlay(_rgba_image(rgba))
        if what == "methods":
            colours = [self.tr("blue"), self.tr("green"), self.tr("orange"), self.tr("purple"), self.tr("yellow")]
            legend = ", ".join(f"{n} ({colours[i]})" for i, n in enumerate(names[:len(colours)]))
            self.message.emit(self.tr("Filled by: {0}").format(legend))
        else:
            self.message.emit(self.tr("Damage detector confidence: red is sure, blue is unsure"))
