"""The controls beside the repair canvas: mask tools, method, compare, output."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QSpinBox, QToolButton, QVBoxLayout, QWidget)

from ..actions import button_text
from ..core_text import method_text
from ..widgets.canvas import MAX_BRUSH, MIN_BRUSH


def _button(action) -> QToolButton:
    b = QToolButton()
    b.setDefaultAction(action)
    b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    b.setSizePolicy(b.sizePolicy().horizontalPolicy().Expanding, b.sizePolicy().verticalPolicy())
    # The chosen tool in the highlight colour: unmistakable in light and dark themes alike.
    b.setStyleSheet("QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
                    " border-radius: 3px; }")
    return b


class RepairSidebar(QWidget):
    brushSizeChosen = Signal(int)
    maskVisibleChanged = Signal(bool)
    holdBefore = Signal(bool)
    methodChanged = Signal(str)
    qualityChanged = Signal(int)
    enhanceChanged = Signal()

    def __init__(self, actions: dict, methods: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumWidth(230)
        self.setMaximumWidth(320)
        lay = QVBoxLayout(self)
        lay.addWidget(self._mask_group(actions))
        lay.addWidget(self._repair_group(actions, methods))
        lay.addWidget(self._enhance_group(actions))
        lay.addWidget(self._compare_group(actions))
        lay.addWidget(self._output_group(actions))
        lay.addStretch(1)

    def _mask_group(self, a: dict) -> QGroupBox:
        g = QGroupBox(self.tr("Mask"))
        v = QVBoxLayout(g)
        row = QHBoxLayout()
        row.addWidget(_button(a["brush"]))
        row.addWidget(_button(a["eraser"]))
        v.addLayout(row)
        size_row = QHBoxLayout()
        self.size_slider = QSlider(Qt.Orientation.Horizontal)
        self.size_slider.setRange(MIN_BRUSH, 200)
        self.size_spin = QSpinBox()
        self.size_spin.setRange(MIN_BRUSH, MAX_BRUSH)
        self.size_spin.setSuffix(" px")
        self.size_slider.valueChanged.connect(self.brushSizeChosen)
        self.size_spin.valueChanged.connect(self.brushSizeChosen)
        self.size_slider.setToolTip(self.tr("Brush size ([ and ])"))
        size_row.addWidget(QLabel(self.tr("Size")))
        size_row.addWidget(self.size_slider, 1)
        size_row.addWidget(self.size_spin)
        v.addLayout(size_row)
        # The size is in photo pixels; what the hand sees is the size on screen, which zoom changes.
        self.size_spin.setToolTip(self.tr("Brush size in photo pixels ([ and ])"))
        self.screen_size = QLabel()
        self.screen_size.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._view_scale = 1.0
        self.size_spin.valueChanged.connect(self._show_screen_size)
        v.addWidget(self.screen_size)
        self._show_screen_size()
        row2 = QHBoxLayout()
        row2.addWidget(_button(a["clear_mask"]))
        row2.addWidget(_button(a["invert_mask"]))
        v.addLayout(row2)
        row3 = QHBoxLayout()
        row3.addWidget(_button(a["load_mask"]))
        row3.addWidget(_button(a["save_mask"]))
        v.addLayout(row3)
        det = QHBoxLayout()
        det.addWidget(_button(a["detect"]), 1)
        self.sensitivity_spin = QSpinBox()
        self.sensitivity_spin.setRange(0, 100)
        self.sensitivity_spin.setValue(50)
        self.sensitivity_spin.setSuffix(" %")
        self.sensitivity_spin.setToolTip(self.tr("Detection sensitivity: higher also finds faint marks"))
        det.addWidget(self.sensitivity_spin)
        v.addLayout(det)
        self.show_mask = QCheckBox(self.tr("Show mask"))
        self.show_mask.setChecked(True)
        self.show_mask.toggled.connect(self.maskVisibleChanged)
        v.addWidget(self.show_mask)
        return g

    def _repair_group(self, a: dict, methods: list) -> QGroupBox:
        g = QGroupBox(self.tr("Repair"))
        v = QVBoxLayout(g)
        self.method_combo = QComboBox()
        self.set_methods(methods)
        self.method_desc = QLabel()
        self.method_desc.setWordWrap(True)
        self.method_desc.setStyleSheet("color: palette(placeholder-text);")
        # Room for the longest description, so the buttons below never move when the method changes.
        self.method_desc.setMinimumHeight(self.method_desc.fontMetrics().lineSpacing() * 4)
        self.method_combo.currentIndexChanged.connect(self._on_method)
        form = QFormLayout()
        form.addRow(self.tr("Method"), self.method_combo)
        v.addLayout(form)
        v.addWidget(self.method_desc)
        self.repair_button = QPushButton()
        self.repair_button.setText(button_text(a["repair"].text()))
        self.repair_button.setToolTip(a["repair"].toolTip())
        self.repair_button.clicked.connect(a["repair"].trigger)
        a["repair"].changed.connect(lambda: self.repair_button.setEnabled(a["repair"].isEnabled()))
        self.repair_button.setEnabled(a["repair"].isEnabled())
        self.repair_button.setMinimumHeight(34)
        v.addWidget(self.repair_button)
        self.restore_button = QPushButton(button_text(a["restore"].text()))
        self.restore_button.setToolTip(a["restore"].toolTip())
        self.restore_button.clicked.connect(a["restore"].trigger)
        a["restore"].changed.connect(lambda: self.restore_button.setEnabled(a["restore"].isEnabled()))
        self.restore_button.setEnabled(a["restore"].isEnabled())
        v.addWidget(self.restore_button)
        self._on_method()
        return g

    def _enhance_group(self, a: dict) -> QGroupBox:
        g = QGroupBox(self.tr("Enhance"))
        form = QFormLayout(g)
        self.enhance_sliders: dict[str, QSlider] = {}
        for key, label, tip in (
                ("denoise", self.tr("Denoise"), self.tr("Smooth film grain and sensor noise")),
                ("contrast", self.tr("Contrast"), self.tr("Local contrast (CLAHE) without colour shifts")),
                ("sharpen", self.tr("Sharpen"), self.tr("Unsharp mask")),
                ("color", self.tr("Fix colours"), self.tr("Undo fading and colour casts"))):
            sl = QSlider(Qt.Orientation.Horizontal)
            sl.setRange(0, 100)
            sl.setToolTip(tip)
            sl.valueChanged.connect(lambda _=0: self.enhanceChanged.emit())
            self.enhance_sliders[key] = sl
            form.addRow(label, sl)
        self.upscale_box = QCheckBox(self.tr("Upscale 2×"))
        self.upscale_box.toggled.connect(lambda _=False: self.enhanceChanged.emit())
        form.addRow(self.upscale_box)
        row = QHBoxLayout()
        row.addWidget(_button(a["apply_enhance"]))
        row.addWidget(_button(a["reset_enhance"]))
        form.addRow(row)
        return g

    def enhance_values(self) -> dict:
        values = {k: s.value() / 100.0 for k, s in self.enhance_sliders.items()}
        values["upscale"] = 2 if self.upscale_box.isChecked() else 1
        return values

    def reset_enhance(self) -> None:
        for s in list(self.enhance_sliders.values()) + [self.upscale_box]:
            s.blockSignals(True)
            s.setValue(0) if isinstance(s, QSlider) else s.setChecked(False)
            s.blockSignals(False)
        self.enhanceChanged.emit()

    def _compare_group(self, a: dict) -> QGroupBox:
        g = QGroupBox(self.tr("Compare"))
        v = QVBoxLayout(g)
        v.addWidget(_button(a["compare"]))
        self.hold = QPushButton(self.tr("Hold to see original"))
        self.hold.pressed.connect(lambda: self.holdBefore.emit(True))
        self.hold.released.connect(lambda: self.holdBefore.emit(False))
        v.addWidget(self.hold)
        v.addWidget(_button(a["revert"]))
        return g

    def _output_group(self, a: dict) -> QGroupBox:
        g = QGroupBox(self.tr("Output"))
        v = QVBoxLayout(g)
        form = QFormLayout()
        self.quality_spin = QSpinBox()
        self.quality_spin.setRange(1, 100)
        self.quality_spin.setToolTip(self.tr("Quality for JPEG and WebP files"))
        self.quality_spin.valueChanged.connect(self.qualityChanged)
        form.addRow(self.tr("JPEG quality"), self.quality_spin)
        v.addLayout(form)
        v.addWidget(_button(a["save_as"]))
        return g

    def set_methods(self, methods: list) -> None:
        current = self.method_combo.currentData()
        self.method_combo.blockSignals(True)
        self.method_combo.clear()
        for m in methods:
            self.method_combo.addItem(method_text(m.label), m.name)
            self.method_combo.setItemData(self.method_combo.count() - 1, method_text(m.description),
                                          Qt.ItemDataRole.ToolTipRole)
        self._descriptions = {m.name: m.description for m in methods}
        if current:
            self.set_method(current)
        self.method_combo.blockSignals(False)

    def _on_method(self) -> None:
        name = self.method()
        self.method_desc.setText(method_text(self._descriptions.get(name, "")))
        if name:
            self.methodChanged.emit(name)

    # ---- state ---------------------------------------------------------------------------
    def method(self) -> str:
        return self.method_combo.currentData() or ""

    def set_method(self, name: str) -> None:
        i = self.method_combo.findData(name)
        if i >= 0:
            self.method_combo.setCurrentIndex(i)

    def sensitivity(self) -> float:
        return self.sensitivity_spin.value() / 100.0

    def quality(self) -> int:
        return self.quality_spin.value()

    def set_quality(self, q: int) -> None:
        self.quality_spin.setValue(q)

    def set_brush_size(self, size: int) -> None:
        for w in (self.size_slider, self.size_spin):
            w.blockSignals(True)
            w.setValue(size)
            w.blockSignals(False)
        self._show_screen_size()

    def set_view_scale(self, scale: float) -> None:
        self._view_scale = scale
        self._show_screen_size()

    def _show_screen_size(self) -> None:
        on_screen = max(1, round(self.size_spin.value() * self._view_scale))
        self.screen_size.setText(self.tr("{0} px on screen at this zoom").format(on_screen))

    def set_busy(self, busy: bool) -> None:
        self.method_combo.setEnabled(not busy)
