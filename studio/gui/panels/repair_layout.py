"""How the photo tab is laid out: toolbar, filmstrip, canvas with its banner, and the sidebar."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QToolBar, QVBoxLayout, QWidget


def lay_out_repair_panel(panel) -> None:
    """Place ``panel``'s (a RepairPanel's) widgets; they are all built before this runs."""
    self = panel
    tb = QToolBar()
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in ("open", "save_as", "batch", None, "undo", "redo", None, "zoom_out", "zoom_in", "fit", "actual",
                 None, "compare"):
        tb.addSeparator() if name is None else tb.addAction(self.actions_by_name[name])
    self.toolbar = tb
    center = QWidget()
    cl = QVBoxLayout(center)
    cl.setContentsMargins(0, 0, 0, 0)
    cl.addWidget(self.banner)
    cl.addWidget(self.stack, 1)
    split = QSplitter()
    split.addWidget(self.filmstrip)
    split.addWidget(center)
    side = QScrollArea()
    side.setWidget(self.sidebar)
    side.setWidgetResizable(True)
    side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    side.setMinimumWidth(self.sidebar.minimumWidth() + 16)
    side.setFrameShape(QScrollArea.Shape.NoFrame)
    split.addWidget(side)
    split.setStretchFactor(1, 1)
    split.setCollapsible(1, False)
    split.setSizes([130, 880, 280])
    lay = QVBoxLayout(self)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(tb)
    lay.addWidget(split, 1)
    self.filmstrip.hide()
