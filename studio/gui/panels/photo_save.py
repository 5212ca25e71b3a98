"""Where a repaired photo is saved: the default name and folder, and the Save As dialog."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core.paths import resources_dir
from ...core.photo.batch import repaired_name
from ..folders import start_folder
from .photo_doc import PhotoDoc



def default_save_path(settings, doc: PhotoDoc) -> Path:
    last = settings.get("save_folder", "", str)
    # Beside the original when the user chose it; never into Studio's own (read-only) samples.
    folder = start_folder(settings, "save_folder") if last else doc.path.parent
    if not last and (folder == resources_dir() / "samples" or not os.access(folder, os.W_OK)):
        folder = start_folder(settings, "last_folder")
    return folder / repaired_name(doc.path)


def ask_save_path(parent: QWidget, settings, doc: PhotoDoc, all_images_filter: str) -> Path | None:
    """The file the user chooses, None when cancelled; replacing the original is asked about first."""
    ext = doc.path.suffix.lower()
    same = QCoreApplication.translate("RepairPanel", "Same format")
    title = QCoreApplication.translate("RepairPanel", "Save Repaired Photo")
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default_save_path(settings, doc)),
                                          f"{same} (*{ext});;{all_images_filter}")
    if not path:
        return None
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(ext)
    if path.resolve() == doc.path.resolve():
        answer = QMessageBox.warning(parent, QCoreApplication.translate("RepairPanel", "Replace the original?"),
                                     QCoreApplication.translate("RepairPanel",
                                                                "This replaces your original photo. Continue?"),
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return path
