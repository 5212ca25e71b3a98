"""The Video tab's Enhance group: denoise, deflicker, sharpen, upscale, stabilise, frame rate."""
from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QSlider, QWidget

from ...core.errors import StudioError
from ...core.video.enhance import EnhanceOptions, parse_fps

_RATES = ("24", "25", "30", "48", "50", "60")


class EnhanceBox(QGroupBox):
    """Controls for :class:`EnhanceOptions`; ``changed`` fires whenever the result would look different."""

    changed = Signal()

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(self.tr("Enhance"), parent)
        self.settings = settings
        form = QFormLayout(self)
        self.denoise = self._slider(self.tr("Removes grain and noise using the neighbouring frames"))
        self.sharpen = self._slider(self.tr("Crisper edges; grain is left alone"))
        self.stabilize = self._slider(self.tr("Steadies a shaky camera; the picture is zoomed in slightly "
                                              "to hide the moving borders"))
        self.deflicker = QCheckBox(self.tr("Deflicker"))
        self.deflicker.setToolTip(self.tr("Evens out brightness and colour that jump from frame to frame"))
        self.deflicker.toggled.connect(self.changed)
        self.upscale = QComboBox()
        for factor in (1, 2, 3, 4):
            self.upscale.addItem(self.tr("Original size") if factor == 1 else f"{factor}×", factor)
        self.upscale.currentIndexChanged.connect(self.changed)
        self.fps = QComboBox()
        self.fps.addItem(self.tr("Keep"), None)
        for rate in _RATES:
            self.fps.addItem(self.tr("{0} frames/s").format(rate), rate)
        self.fps.setToolTip(self.tr("New frames are made from the motion between the old ones; "
                                    "the duration and sound stay the same"))
        self.fps.currentIndexChanged.connect(self.changed)
        form.addRow(self.tr("Denoise"), self.denoise)
        form.addRow(self.tr("Sharpen"), self.sharpen)
        form.addRow(self.tr("Stabilise"), self.stabilize)
        form.addRow(self.deflicker)
        form.addRow(self.tr("Size"), self.upscale)
        form.addRow(self.tr("Frame rate"), self.fps)
        self._load()

    def _slider(self, tip: str) -> QSlider:
        s = QSlider(Qt.Orientation.Horizontal)
        s.setRange(0, 100)
        s.setToolTip(tip)
        s.valueChanged.connect(self.changed)
        return s

    def options(self) -> EnhanceOptions:
        rate = self.fps.currentData()
        try:
            fps: Fraction | None = parse_fps(rate) if rate else None
        except StudioError:
            fps = None
        return EnhanceOptions(denoise=self.denoise.value() / 100, deflicker=self.deflicker.isChecked(),
                              sharpen=self.sharpen.value() / 100, upscale=int(self.upscale.currentData()),
                              stabilize=self.stabilize.value() / 100, fps=fps)

    def reset(self) -> None:
        for s in (self.denoise, self.sharpen, self.stabilize):
            s.setValue(0)
        self.deflicker.setChecked(False)
        self.upscale.setCurrentIndex(0)
        self.fps.setCurrentIndex(0)

    def _load(self) -> None:
        get = self.settings.get
        self.denoise.setValue(get("video/denoise", 0, int))
        self.sharpen.setValue(get("video/sharpen", 0, int))
        self.stabilize.setValue(get("video/stabilize", 0, int))
        self.deflicker.setChecked(get("video/deflicker", False, bool))
        self.upscale.setCurrentIndex(max(0, self.upscale.findData(get("video/upscale", 1, int))))
        self.fps.setCurrentIndex(max(0, self.fps.findData(get("video/fps", "", str) or None)))

    def save(self) -> None:
        put = self.settings.set
        put("video/denoise", self.denoise.value())
        put("video/sharpen", self.sharpen.value())
        put("video/stabilize", self.stabilize.value())
        put("video/deflicker", self.deflicker.isChecked())
        put("video/upscale", int(self.upscale.currentData()))
        put("video/fps", self.fps.currentData() or "")
