"""The photo tab's actions: one place that names, binds and gives shortcuts to everything it can do."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from ..actions import make_action


def make_repair_actions(panel) -> dict[str, QAction]:
    """Actions bound to ``panel`` (a RepairPanel), by name, shortcuts scoped to its window."""
    self = panel
    a = {}
    a["open"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Open…"), self.open_dialog, shortcut=QKeySequence.StandardKey.Open,
                            tip=QCoreApplication.translate("RepairPanel", "Open one or more photos"))
    a["save_as"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Save As…"), self.save_dialog,
                               shortcut=QKeySequence.StandardKey.SaveAs, tip=QCoreApplication.translate("RepairPanel", "Save the repaired photo"))
    a["undo"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Undo"), self.undo, shortcut=QKeySequence.StandardKey.Undo)
    a["redo"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Redo"), self.redo, shortcut=["Ctrl+Shift+Z", "Ctrl+Y"])
    a["zoom_in"] = make_action(self, QCoreApplication.translate("RepairPanel", "Zoom &In"), lambda: self.canvas.zoom_by(1.25),
                               shortcut=QKeySequence.StandardKey.ZoomIn)
    a["zoom_out"] = make_action(self, QCoreApplication.translate("RepairPanel", "Zoom &Out"), lambda: self.canvas.zoom_by(0.8),
                                shortcut=QKeySequence.StandardKey.ZoomOut)
    a["fit"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Fit to Window"), self.canvas.fit, shortcut="Ctrl+0")
    a["actual"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Actual Size (100%)"), self.canvas.actual_size, shortcut="Ctrl+1")
    a["brush"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Brush"), lambda on: on and self.set_tool("brush"), shortcut="B",
                             checkable=True, tip=QCoreApplication.translate("RepairPanel", "Paint the damaged region (B)"))
    a["eraser"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Eraser"), lambda on: on and self.set_tool("eraser"), shortcut="E",
                              checkable=True, tip=QCoreApplication.translate("RepairPanel", "Erase from the mask (E)"))
    a["smaller"] = make_action(self, QCoreApplication.translate("RepairPanel", "Smaller Brush"), lambda: self.canvas.set_brush_size(
        max(1, round(self.canvas.brush_size / 1.25))), shortcut="[")
    a["larger"] = make_action(self, QCoreApplication.translate("RepairPanel", "Larger Brush"), lambda: self.canvas.set_brush_size(
        max(self.canvas.brush_size + 1, round(self.canvas.brush_size * 1.25))), shortcut="]")
    a["clear_mask"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Clear Mask"), self.clear_mask)
    a["invert_mask"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Invert Mask"), self.invert_mask)
    a["detect"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Detect Damage"), self.detect_damage, shortcut="Ctrl+D",
                              tip=QCoreApplication.translate("RepairPanel", "Mark dust, spots and scratches automatically; review before repairing"))
    a["apply_enhance"] = make_action(self, QCoreApplication.translate("RepairPanel", "Apply"), lambda: self.enhancer.apply(),
                                     tip=QCoreApplication.translate("RepairPanel", "Apply the enhancement to the full photo"))
    a["reset_enhance"] = make_action(self, QCoreApplication.translate("RepairPanel", "Reset"), lambda: self.sidebar.reset_enhance())
    a["load_mask"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Load Mask…"), self.load_mask_dialog)
    a["save_mask"] = make_action(self, QCoreApplication.translate("RepairPanel", "Save &Mask…"), self.save_mask_dialog)
    a["repair"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Repair"), self.repair, shortcut="Ctrl+R",
                              tip=QCoreApplication.translate("RepairPanel", "Repair the masked region (Ctrl+R)"))
    a["restore"] = make_action(self, QCoreApplication.translate("RepairPanel", "Res&tore"), self.restore, shortcut="Ctrl+Shift+R",
                               tip=QCoreApplication.translate("RepairPanel", "Detect dust, scratches and tears, repair them and correct fading "
                                           "in one step (Ctrl+Shift+R)"))
    a["compare"] = make_action(self, QCoreApplication.translate("RepairPanel", "&Compare Before/After"), self.set_compare, shortcut="C",
                               checkable=True, tip=QCoreApplication.translate("RepairPanel", "Split view: original on the left, repaired on the right"))
    a["revert"] = make_action(self, QCoreApplication.translate("RepairPanel", "Re&vert to Original"), self.revert)
    a["batch"] = make_action(self, QCoreApplication.translate("RepairPanel", "Repair a &Folder…"), self.open_batch, shortcut="Ctrl+B",
                             tip=QCoreApplication.translate("RepairPanel", "Repair every photo in a folder, with automatic damage detection"))
    a["close_photo"] = make_action(self, QCoreApplication.translate("RepairPanel", "Close &Photo"), self.close_current,
                                   shortcut=QKeySequence.StandardKey.Close)
    for act in a.values():
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    return a
