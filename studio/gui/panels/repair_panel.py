"""The Photo repair tab: open photos, paint the damage, repair, compare, save."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from ...core import device as devices
from ...core.images import IMAGE_EXTENSIONS, image_files, load_images, load_mask, save_like, save_mask
from ...core.paths import resources_dir
from ...core.photo import steps
from ...core.photo.damage import DamageParams, detect_damage
from ...core.photo.methods import available_methods, default_method
from ...core.photo.repair import repair_image
from ...core.photo.restore import RestoreOptions, restore_photo
from ..prepared import prepare_image, prepare_mask
from ..folders import remember_folder, start_folder
from ..jobs import Job
from ..widgets.banner import MessageBanner
from ..widgets.canvas import ImageCanvas, MaskEdit
from ..widgets.welcome import WelcomePage
from .photo_doc import PhotoDoc, confirm_discard, thumbnail_icon
from .photo_insight import PhotoInsight
from .photo_views import DocViews
from .photo_save import ask_save_path, default_save_path
from .repair_actions import make_repair_actions
from .repair_enhance import PhotoEnhance
from .repair_layout import lay_out_repair_panel
from .repair_sidebar import RepairSidebar

IMAGE_FILTER = "Images (" + " ".join(f"*{e}" for e in sorted(IMAGE_EXTENSIONS)) + ")"


def _repair_job(rgb, mask, method, device, burst: bool, *, progress=None, cancel=None):
    if not burst:
        return repair_image(rgb, mask, method, device=device, progress=progress, cancel=cancel)
    with devices.all_cores():
        return repair_image(rgb, mask, method, device=device, progress=progress, cancel=cancel)


def _load_mask_u8(path: Path, size: tuple[int, int]) -> np.ndarray:
    return load_mask(path, size).view(np.uint8) * np.uint8(255)  # in the worker: a big mask's conversion


def _load_prepared(paths: list[Path], *, progress=None, cancel=None) -> tuple[list, list, list]:
    """Load the photos and prepare what the canvas shows of them, all in the worker."""
    loaded, failed = load_images(paths, progress=progress, cancel=cancel)
    prepared = [(prepare_image(img.rgb), prepare_mask(np.zeros(img.rgb.shape[:2], np.uint8))) for _, img in loaded]
    return loaded, failed, prepared


class RepairPanel(QWidget):
    statusMessage = Signal(str)
    documentChanged = Signal()

    def __init__(self, host, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.host = host  # the app context: jobs, device, model events
        host.modelsChanged.connect(lambda _name: self.sidebar.set_methods(available_methods()))
        self.settings = settings
        self.docs: list[PhotoDoc] = []
        self.doc: PhotoDoc | None = None
        self.repair_job: Job | None = None
        self.setAcceptDrops(True)
        self._setup_canvas()
        self._setup_actions()
        self._setup_sidebar()
        self._setup_layout()
        self._restore_settings()
        self._update_enabled()

    # ---- setup ---------------------------------------------------------------------------
    def _setup_canvas(self) -> None:
        # Slider moves are coalesced: one preview per pause, never one per tick.
        self.canvas = ImageCanvas()
        self.canvas.strokeFinished.connect(self._on_stroke)
        self.canvas.brushSizeChanged.connect(lambda s: self.sidebar.set_brush_size(s))
        self.canvas.zoomChanged.connect(lambda z: self.statusMessage.emit(self.tr("Zoom {0}%").format(round(z * 100))))
        self.banner = MessageBanner()
        self.filmstrip = QListWidget()
        self.filmstrip.setViewMode(QListWidget.ViewMode.IconMode)
        self.filmstrip.setIconSize(QSize(96, 96))
        self.filmstrip.setMovement(QListWidget.Movement.Static)
        self.filmstrip.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.filmstrip.setMaximumWidth(140)
        self.filmstrip.setMinimumWidth(120)
        # Long names are shortened in the middle (the tooltip has the path), never clipped with a scrollbar.
        self.filmstrip.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.filmstrip.setWordWrap(False)
        self.filmstrip.setGridSize(QSize(112, 122))
        self.filmstrip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.filmstrip.currentRowChanged.connect(self._on_pick_doc)
        self.welcome = WelcomePage(self.tr(
            "<h2>Photo repair</h2><p>Drop photos here, or use <b>Open…</b> (Ctrl+O).</p>"
            "<p>For an old print press <b>Restore</b>: dust, scratches and tears are found and repaired in "
            "one step. Or paint over what should go with the brush and press <b>Repair</b>.</p>"))
        self.welcome.add_button(self.tr("Open Photos…"), self.open_dialog, default=True)
        self.welcome.add_button(self.tr("Try the Sample Photo"), self.open_sample)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.canvas)

    def _setup_actions(self) -> None:
        self.actions_by_name = make_repair_actions(self)
        self.actions_by_name["brush"].setChecked(True)

    def _setup_sidebar(self) -> None:
        self.sidebar = RepairSidebar(self.actions_by_name, available_methods())
        self.sidebar.brushSizeChosen.connect(self.canvas.set_brush_size)
        self.canvas.zoomChanged.connect(self.sidebar.set_view_scale)
        self.sidebar.maskVisibleChanged.connect(self._set_mask_visible)
        self.sidebar.holdBefore.connect(self._hold_before)
        self.sidebar.methodChanged.connect(lambda name: self.settings.set("repair/method", name))
        self.sidebar.qualityChanged.connect(lambda q: self.settings.set("repair/jpeg_quality", q))
        self.sidebar.enhanceChanged.connect(lambda: self.enhancer.timer.start())

    def _setup_layout(self) -> None:
        lay_out_repair_panel(self)
        self.insight = PhotoInsight(self)
        self.insight.message.connect(self.statusMessage)
        self.views = DocViews(self)
        self.enhancer = PhotoEnhance(self)

    def _restore_settings(self) -> None:
        self.canvas.set_brush_size(self.settings.get("repair/brush_size", 24, int))
        self.sidebar.set_brush_size(self.canvas.brush_size)
        self.sidebar.set_method(self.settings.get("repair/method", default_method(), str))
        self.sidebar.set_quality(self.settings.get("repair/jpeg_quality", 95, int))

    def save_settings(self) -> None:
        self.settings.set("repair/brush_size", self.canvas.brush_size)

    # ---- documents -----------------------------------------------------------------------
    def open_sample(self) -> Job | None:
        """An old print with dust, scratches and a tear, shipped with Studio."""
        job = self.open_files([resources_dir() / "samples" / "old-photo.jpg"])
        self.banner.show_info(self.tr("A sample old print. Press Restore (Ctrl+Shift+R): Studio finds the dust, "
                                      "scratches and tear and repairs them in one step."))
        return job

    def open_dialog(self) -> None:
        start = str(start_folder(self.settings, "last_folder"))
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open Photos"), start,
                                                self.tr(IMAGE_FILTER) + ";;" + self.tr("All files (*)"))
        if files:
            self.open_files([Path(f) for f in files])

    def open_files(self, paths: list[Path]) -> Job | None:
        paths = image_files([Path(p) for p in paths])
        if not paths:
            self.banner.show_error(self.tr("No image files to open."))
            return None
        remember_folder(self.settings, "last_folder", paths[0])
        job = Job(_load_prepared, paths, name="open")
        job.result.connect(self._on_loaded)
        job.failed.connect(self.banner.show_error)
        self.host.run_job(job, self.tr("Opening"))
        return job

    def _on_loaded(self, out) -> None:
        loaded, failed, prepared = out
        for (path, img), (view, mask_view) in zip(loaded, prepared):
            doc = PhotoDoc.from_loaded(path, img)
            self.views.remember(doc.current, view)
            self.views.remember(doc.mask, mask_view)
            self.docs.append(doc)
            item = QListWidgetItem(thumbnail_icon(img.rgb), path.name)
            item.setToolTip(str(path))
            self.filmstrip.addItem(item)
        self.filmstrip.setVisible(len(self.docs) > 1)
        if loaded:
            self.filmstrip.setCurrentRow(len(self.docs) - len(loaded))
        if failed:
            lines = "\n".join(f"• {msg}" for _, msg in failed)
            self.banner.show_error(self.tr("Could not open {0} file(s):\n{1}").format(len(failed), lines))

    def _on_pick_doc(self, row: int) -> None:
        if self.doc is not None:
            self.doc.mask = self.canvas.mask()
        self.doc = self.docs[row] if 0 <= row < len(self.docs) else None
        if self.doc is not None and not self.doc.brush_set:
            # The brush is in photo pixels: start at a size that is usable at fit-to-window on any photo.
            self.canvas.set_brush_size(max(self.canvas.brush_size, round(max(self.doc.original.shape[:2]) / 80)))
            self.doc.brush_set = True
        self._show_doc(keep_view=False)
        self.documentChanged.emit()

    def _show_doc(self, keep_view: bool = True) -> None:
        doc = self.doc
        if doc is None:
            self.canvas.set_image(None)
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.stack.setCurrentWidget(self.canvas)
            self.views.show(doc, keep_view)
        self._update_enabled()

    def open_batch(self):
        from .batch_dialog import BatchDialog

        dlg = BatchDialog(self.host, self.settings, self)
        dlg.show()
        return dlg

    def close_current(self) -> None:
        doc = self.doc
        if doc is None:
            return
        if doc.dirty and not confirm_discard(self, [doc]):
            return
        row = self.docs.index(doc)
        self.docs.pop(row)
        self.doc = None
        self.filmstrip.blockSignals(True)
        self.filmstrip.takeItem(row)
        self.filmstrip.blockSignals(False)
        self.filmstrip.setVisible(len(self.docs) > 1)
        if self.docs:
            self.filmstrip.setCurrentRow(min(row, len(self.docs) - 1))
            self._on_pick_doc(self.filmstrip.currentRow())
        else:
            self._show_doc()

    def unsaved_docs(self) -> list[PhotoDoc]:
        return [d for d in self.docs if d.dirty]

    # ---- mask editing --------------------------------------------------------------------
    def set_tool(self, tool: str) -> None:
        self.canvas.tool = tool
        self.actions_by_name["brush"].setChecked(tool == "brush")
        self.actions_by_name["eraser"].setChecked(tool == "eraser")

    def _on_stroke(self, edit: MaskEdit) -> None:
        if self.doc is None:
            return
        self.doc.push(edit)
        self.doc.mask = self.canvas.mask()
        self._update_enabled()

    def _replace_mask(self, new: np.ndarray) -> None:
        """A whole-mask change (clear, invert, load) as one undoable edit."""
        doc = self.doc
        if doc is None:
            return
        h, w = doc.mask.shape
        edit = MaskEdit((0, 0, w, h), doc.mask, new)  # masks are never changed in place: no copies
        doc.push(edit)
        doc.mask = new
        self.views.show(doc)  # a big mask is coloured in a worker and appears when ready
        self._update_enabled()

    def clear_mask(self) -> None:
        if self.doc is not None and self.doc.mask.any():
            self._replace_mask(np.zeros_like(self.doc.mask))

    def invert_mask(self) -> None:
        if self.doc is not None:
            self._replace_mask(np.where(self.doc.mask > 0, 0, 255).astype(np.uint8))

    def load_mask_dialog(self) -> None:
        if self.doc is None:
            return
        start = str(self.doc.path.parent)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load Mask"), start, self.tr(IMAGE_FILTER))
        if path:
            self.load_mask_file(Path(path))

    def load_mask_file(self, path: Path) -> Job | None:
        doc = self.doc
        if doc is None:
            return None
        job = Job(_load_mask_u8, path, doc.loaded.size, name="load mask")
        job.result.connect(lambda m, d=doc: self._replace_mask(m) if d is self.doc else None)
        job.failed.connect(self.banner.show_error)
        self.host.run_job(job, self.tr("Loading mask"))
        return job

    def save_mask_dialog(self) -> None:
        if self.doc is None:
            return
        default = str(self.doc.path.with_name(self.doc.path.stem + "_mask.png"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Mask"), default, self.tr("PNG image (*.png)"))
        if path:
            self.save_mask_file(Path(path))

    def save_mask_file(self, path: Path) -> Job | None:
        if self.doc is None:
            return None
        job = Job(save_mask, path, self.doc.mask.copy(), name="save mask")
        job.result.connect(lambda p: self.banner.show_info(self.tr("Mask saved to {0}").format(p)))
        job.failed.connect(self.banner.show_error)
        self.host.run_job(job, self.tr("Saving mask"))
        return job

    def detect_damage(self) -> Job | None:
        doc = self.doc
        if doc is None:
            return None
        params = DamageParams(sensitivity=self.sidebar.sensitivity())
        job = Job(detect_damage, doc.current, params, device=self.host.device, name="detect damage")
        job.result.connect(lambda m, d=doc: self._on_detected(d, m))
        job.failed.connect(lambda msg: self.banner.show_error(self.tr("Detection failed: {0}").format(msg)))
        self.host.run_job(job, self.tr("Detecting damage"))
        return job

    def _on_detected(self, doc: PhotoDoc, found: np.ndarray) -> None:
        if doc is not self.doc:
            return
        if not found.any():
            self.banner.show_info(self.tr("No damage found. Raise the sensitivity or paint the mask yourself."))
            return
        # Added to what the user painted, as one undoable step they can review and edit.
        self._replace_mask(np.where(found | (doc.mask > 0), 255, 0).astype(np.uint8))
        self.banner.show_info(self.tr("Marked {0:.2f}% of the photo. Check the red areas, erase any mistakes, "
                                      "then press Repair.").format(found.mean() * 100))

    def _set_mask_visible(self, on: bool) -> None:
        self.canvas.mask_visible = on
        self.canvas.update()

    # ---- undo ----------------------------------------------------------------------------
    def undo(self) -> None:
        self._step_history(undo=True)

    def redo(self) -> None:
        self._step_history(undo=False)

    def _step_history(self, undo: bool) -> None:
        doc = self.doc
        if doc is None or self._busy():
            return
        entry = doc.step(undo)
        if isinstance(entry, MaskEdit):  # brush strokes live in the canvas, which replays them
            self.canvas.apply_edit(entry, undo=undo)
            doc.mask = self.canvas.mask()
        elif entry is not None:
            self._show_doc()
        self._update_enabled()

    # ---- repair, compare, save -----------------------------------------------------------
    def _busy(self) -> bool:
        return self.repair_job is not None

    def repair(self) -> Job | None:
        doc = self.doc
        if doc is None or self._busy():
            return None
        mask = doc.mask > 0
        if not mask.any():
            self.banner.show_info(self.tr("Paint over the damaged area first: the mask is empty."))
            return None
        method = self.sidebar.method()
        # Alone, a repair is a short burst the user waits for: it may use every core.
        burst = not self.host.jobs.running()
        job = Job(_repair_job, doc.current, mask, method, self.host.device, burst, name="repair")
        job.result.connect(lambda out, d=doc, m=mask: self._on_repaired(d, m, out, method))
        return self._run_edit(job, self.tr("Repairing"), self.tr("Repair failed: {0}"),
                              self.tr("Repair cancelled; nothing was changed."))

    def _run_edit(self, job: Job, label: str, failed: str, cancelled: str = "") -> Job:
        """Run a job that changes the photo: one at a time, the outcome reported in the banner."""
        # The panel is free again as soon as the outcome arrives, before the thread winds down.
        for sig in (job.result, job.failed, job.cancelled):
            sig.connect(self._repair_ended)
        job.failed.connect(lambda msg: self.banner.show_error(failed.format(msg)))
        if cancelled:
            job.cancelled.connect(lambda: self.banner.show_info(cancelled))
        job.finished.connect(self._update_enabled)
        self.repair_job = job
        self.host.run_job(job, label)
        self._update_enabled()
        return job

    def restore(self) -> Job | None:
        """Detect, repair and gently enhance as one undoable step; the detected mask stays for review."""
        doc = self.doc
        if doc is None or self._busy():
            return None
        painted = doc.mask > 0
        options = RestoreOptions(sensitivity=self.sidebar.sensitivity(), method=self.sidebar.method())
        job = Job(restore_photo, doc.current, options, extra_mask=painted, device=self.host.device, name="restore")
        job.result.connect(lambda res, d=doc: self._on_restored(d, res, steps.restored(options)))
        return self._run_edit(job, self.tr("Restoring"), self.tr("Restore failed: {0}"),
                              self.tr("Restore cancelled; nothing was changed."))

    def _on_restored(self, doc: PhotoDoc, res, made=None) -> None:
        doc.apply(res.rgb, mask_after=np.where(res.mask, 255, 0).astype(np.uint8), made=made)
        if doc is not self.doc:
            return
        self._show_doc()
        if not self.actions_by_name["compare"].isChecked():
            self.actions_by_name["compare"].setChecked(True)
        n = res.damage.defects
        text = self.tr("Restored: 1 defect repaired") if n == 1 else self.tr("Restored: {0} defects repaired").format(n)
        text += self.tr(" ({0:.2f}% of the pixels)").format(res.damage.share * 100)
        if res.enhanced:
            text += self.tr("; fading and colour corrected") if "fading" in res.enhanced else ""
            text += self.tr("; noise reduced") if "noise" in res.enhanced else ""
        self.statusMessage.emit(text)
        self.banner.show_info(text + self.tr(". The red marks show what was found: erase mistakes or paint what "
                                             "was missed, then press Repair."))

    def _repair_ended(self, *_) -> None:
        self.repair_job = None
        self._update_enabled()

    def _on_repaired(self, doc: PhotoDoc, used: np.ndarray, out: np.ndarray, method: str = "") -> None:
        # Strokes painted while the job ran stay; repaired ones are done. (A fresh array: documents'
        # masks are never changed in place, so history can hold them without copies.)
        left = self.canvas.mask() if doc is self.doc else doc.mask.copy()
        left[used] = 0
        doc.apply(out, mask_after=left, made=steps.repaired(method))
        self.insight.repaired(doc, used, method)
        if doc is self.doc:
            self._show_doc()
            if not self.actions_by_name["compare"].isChecked():
                self.actions_by_name["compare"].setChecked(True)
        self.statusMessage.emit(self.tr("Repaired {0}").format(doc.path.name))

    def set_compare(self, on: bool) -> None:
        self.canvas.compare = on
        self.canvas.update()

    def _hold_before(self, on: bool) -> None:
        self.canvas.show_before = on
        self.canvas.update()

    def revert(self) -> None:
        doc = self.doc
        if doc is None or not doc.repaired:
            return
        doc.apply(doc.original, mask_after=doc.mask.copy())
        self._show_doc()

    def default_save_path(self) -> Path:
        return default_save_path(self.settings, self.doc)

    def save_dialog(self) -> None:
        path = ask_save_path(self, self.settings, self.doc, self.tr(IMAGE_FILTER)) if self.doc is not None else None
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> Job | None:
        doc = self.doc
        if doc is None:
            return None
        made = doc.provenance() if self.settings.get("provenance", True, bool) else None
        job = Job(save_like, Path(path), doc.current, doc.loaded, self.sidebar.quality(), provenance=made,
                  original=doc.path, name="save")
        job.result.connect(lambda p, d=doc: self._on_saved(d, p))
        job.failed.connect(lambda msg: self.banner.show_error(self.tr("Could not save: {0}").format(msg)))
        self.host.run_job(job, self.tr("Saving"))
        return job

    def _on_saved(self, doc: PhotoDoc, path: Path) -> None:
        doc.saved_to = Path(path)
        doc.dirty = False
        remember_folder(self.settings, "save_folder", Path(path))
        self.banner.show_info(self.tr("Saved {0}").format(path))

    def _update_enabled(self) -> None:
        has = self.doc is not None
        busy = self._busy()
        a = self.actions_by_name
        for name in ("save_as", "zoom_in", "zoom_out", "fit", "actual", "clear_mask", "invert_mask", "load_mask", "detect",
                     "save_mask", "compare", "close_photo"):
            a[name].setEnabled(has)
        a["repair"].setEnabled(has and not busy and bool(self.doc.mask.any()))
        a["restore"].setEnabled(has and not busy)
        a["undo"].setEnabled(has and bool(self.doc.undo) and not busy)
        a["redo"].setEnabled(has and bool(self.doc.redo) and not busy)
        a["revert"].setEnabled(has and self.doc.repaired and not busy)
        a["apply_enhance"].setEnabled(has and not busy)
        a["reset_enhance"].setEnabled(has)
        self.sidebar.hold.setEnabled(has and self.doc.repaired)
        self.sidebar.set_busy(busy)

    # ---- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dragMoveEvent(self, e) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            self.open_files(paths)
