"""The main window: tabs of panels, menus, a status bar showing device and job progress."""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import (QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton,
                               QSystemTrayIcon, QTabWidget, QWidget)

from ..core import device as devices
from ..core.durations import format_duration
from ..core.errors import StudioError
from ..core.video.io import is_video_path
from . import i18n, signing
from .actions import button_text, make_action
from .context import AppContext
from .folders import start_folder
from .jobs import Job, JobRegistry
from .panels.faces_panel import FacesPanel
from .panels.photo_doc import confirm_discard
from .panels.repair_panel import RepairPanel
from .panels.training_panel import TrainingPanel
from .panels.video_panel import VideoPanel
from .settings import Settings
from .widgets.about import AboutDialog

NOTIFY_AFTER_S = 10.0  # jobs shorter than this finish while the user is still watching


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = Settings()
        self.jobs = JobRegistry(self)
        self.jobs.changed.connect(self._finish_close_when_idle)
        devices.configure_threads(leave_for_ui=1)
        self.context = AppContext(self.settings, self.jobs, self)
        signing.apply_saved(self.settings)
        self.context.jobStarted.connect(self._show_job)
        self._current_job: Job | None = None
        self._labelled: list[Job] = []  # jobs shown in the status bar, oldest first
        self._closing = False
        self.language = i18n.resolve(self.settings.get("language", "auto", str))
        self._tray = None
        self.last_notification = ""
        self.setWindowTitle(self.tr("Studio"))
        self.setMinimumSize(760, 520)
        self._setup_panels()
        self._setup_statusbar()
        self._setup_menus()
        self._restore_state()

    # ---- setup ---------------------------------------------------------------------------
    @property
    def device(self):
        return self.context.device

    def _setup_panels(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.repair_panel = RepairPanel(self.context, self.settings)
        self.repair_panel.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 4000))
        self.tabs.addTab(self.repair_panel, self.tr("Photo repair"))
        self.faces_panel = FacesPanel(self.context, self.settings)
        self.faces_panel.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 4000))
        self.tabs.addTab(self.faces_panel, self.tr("Faces"))
        self.video_panel = VideoPanel(self.context, self.settings)
        self.video_panel.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 4000))
        self.tabs.addTab(self.video_panel, self.tr("Video repair"))
        self.training_panel = TrainingPanel(self.context, self.settings)
        self.training_panel.modelAdded.connect(self._on_model_added)
        self.training_panel.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 4000))
        self.tabs.addTab(self.training_panel, self.tr("Training"))
        self.tabs.setCurrentIndex(self.settings.get("window/tab", 0, int))
        self.setCentralWidget(self.tabs)
        self.setAcceptDrops(True)

    def _on_model_added(self, name: str) -> None:
        self.context.models_changed(name)

    def _setup_statusbar(self) -> None:
        sb = self.statusBar()
        self.job_label = QLabel()
        self.job_progress = QProgressBar()
        self.job_progress.setMaximumWidth(220)
        self.job_progress.setTextVisible(True)
        self.job_cancel = QPushButton(self.tr("Cancel"))
        self.job_cancel.clicked.connect(self.cancel_current_job)
        self.device_label = QLabel()
        self.device_label.setToolTip(self.tr("Compute device (change it in Settings ▸ Compute device)"))
        for w in (self.job_label, self.job_progress, self.job_cancel):
            sb.addPermanentWidget(w)
            w.hide()
        sb.addPermanentWidget(self.device_label)
        self._show_device()

    def _setup_menus(self) -> None:
        a = self.repair_panel.actions_by_name
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        for name in ("open", "save_as", "batch", None, "load_mask", "save_mask", None, "close_photo"):
            file_menu.addSeparator() if name is None else file_menu.addAction(a[name])
        file_menu.addSeparator()
        file_menu.addAction(make_action(self, self.tr("&Inspect…"), self.inspect_files))
        file_menu.addSeparator()
        file_menu.addAction(make_action(self, self.tr("&Quit"), self.close, shortcut=QKeySequence.StandardKey.Quit))
        edit = mb.addMenu(self.tr("&Edit"))
        for name in ("undo", "redo", None, "clear_mask", "invert_mask", "detect", None, "repair", "revert"):
            edit.addSeparator() if name is None else edit.addAction(a[name])
        view = mb.addMenu(self.tr("&View"))
        for name in ("zoom_in", "zoom_out", "fit", "actual", None, "compare"):
            view.addSeparator() if name is None else view.addAction(a[name])
        view.addSeparator()
        view.addAction(self.repair_panel.insight.show_confidence)
        view.addAction(self.repair_panel.insight.show_methods)
        tools = mb.addMenu(self.tr("&Tools"))
        for name in ("brush", "eraser", "smaller", "larger"):
            tools.addAction(a[name])
        settings = mb.addMenu(self.tr("&Settings"))
        dev_menu = settings.addMenu(self.tr("Compute &device"))
        group = QActionGroup(self)
        current = self.settings.get("device", "auto", str)
        for name in ["auto"] + devices.available_devices():
            label = self.tr("Automatic") if name == "auto" else name.upper() if name != "cpu" else self.tr("CPU")
            act = make_action(self, label, checkable=True)
            act.setChecked(name == current)
            act.setData(name)
            act.triggered.connect(lambda _=False, n=name: self.set_device(n))
            group.addAction(act)
            dev_menu.addAction(act)
        lang_menu = settings.addMenu(self.tr("&Language"))
        lang_group = QActionGroup(self)
        current_lang = self.settings.get("language", "auto", str)
        for code, label in [("auto", self.tr("Follow the System")), *i18n.LANGUAGES.items()]:
            act = make_action(self, label, checkable=True)
            act.setChecked(code == current_lang)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            lang_group.addAction(act)
            lang_menu.addAction(act)
        theme_menu = settings.addMenu(self.tr("&Theme"))
        theme_group = QActionGroup(self)
        current_theme = self.settings.get("theme", "system", str)
        for code, label in (("system", self.tr("Follow the System")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            act = make_action(self, label, checkable=True)
            act.setChecked(code == current_theme)
            act.triggered.connect(lambda _=False, c=code: self.set_theme(c))
            theme_group.addAction(act)
            theme_menu.addAction(act)
        self.provenance_action = make_action(self, self.tr("Mark Outputs with How They Were Made"), checkable=True)
        self.provenance_action.setToolTip(self.tr("Saved photos, videos and faces say in their metadata whether "
                                                  "a trained model made or changed them"))
        self.provenance_action.setChecked(self.settings.get("provenance", True, bool))
        self.provenance_action.toggled.connect(lambda on: self.settings.set("provenance", on))
        settings.addAction(self.provenance_action)
        settings.addAction(make_action(self, self.tr("Signing &Certificate…"), lambda: signing.choose(self,
                                                                                                     self.settings)))
        help_menu = mb.addMenu(self.tr("&Help"))
        help_menu.addAction(make_action(self, self.tr("&Keyboard Shortcuts"), self.show_shortcuts,
                                        shortcut=QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(make_action(self, self.tr("&About Studio"), self.show_about))

    def _restore_state(self) -> None:
        geo = self.settings.get("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 820)
        state = self.settings.get("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def inspect_files(self, paths: list[Path] | None = None):
        """Ask for files (unless given) and show what they say about how they were made."""
        from .widgets.inspect_dialog import InspectDialog

        if paths is None:
            names, _ = QFileDialog.getOpenFileNames(self, self.tr("Inspect Files"),
                                                    str(start_folder(self.settings, "last_folder")))
            paths = [Path(n) for n in names]
        if not paths:
            return None
        dlg = InspectDialog(self.context, paths, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def set_theme(self, code: str) -> None:
        """Light, dark or the system's, at once."""
        from . import theme

        self.settings.set("theme", code)
        theme.apply(QApplication.instance(), code)

    def set_language(self, code: str) -> None:
        self.settings.set("language", code)
        if i18n.resolve(code) != self.language:
            self.statusBar().showMessage(self.tr("The new language is used from the next start of Studio."), 8000)

    # ---- device --------------------------------------------------------------------------
    def set_device(self, name: str) -> None:
        try:
            self.context.set_device(name)
        except StudioError as exc:
            self.repair_panel.banner.show_error(str(exc))
            return
        self._show_device()

    def device_text(self) -> str:
        if self.device.type == "cpu":
            import torch

            return self.tr("CPU · threads: {0}").format(torch.get_num_threads())
        return devices.describe(self.device)

    def _show_device(self) -> None:
        text = self.device_text()
        if self.device.type == "cpu" and not devices.available_devices()[1:]:
            text += " — " + self.tr("no GPU found")
        self.device_label.setText(text)

    # ---- jobs ----------------------------------------------------------------------------
    def run_job(self, job: Job, label: str) -> Job:
        """Start a job, showing its progress and a Cancel button in the status bar."""
        return self.context.run_job(job, label)

    def _show_job(self, job: Job, label: str) -> None:
        job.progress.connect(lambda d, t, m, j=job: self._on_progress(j, d, t, m))
        job.finished.connect(lambda j=job: self._on_job_finished(j))
        self._labelled.append(job)
        self._current_job = job
        self.job_label.setText(label)
        self.job_progress.setRange(0, 0)
        for w in (self.job_label, self.job_progress, self.job_cancel):
            w.show()
        self.job_cancel.setEnabled(True)

    def _on_progress(self, job: Job, done: int, total: int, message: str) -> None:
        if job is not self._current_job:
            return
        if total > 0:
            self.job_progress.setRange(0, 1000)
            self.job_progress.setValue(int(1000 * min(done, total) / total))
            # The title is what the taskbar shows while the window is behind others.
            self.setWindowTitle(self.tr("{0}% · {1}").format(int(100 * min(done, total) / total), job.label))
        text = job.label
        now = time.monotonic()
        # Each phase (loading data, then training; a resumed run) is timed from its own start.
        phase = getattr(job, "phase", None)
        if phase is None or phase[0] != total or done < phase[1]:
            phase = job.phase = (total, done, now)
        _, first, since = phase
        if job.eta_s is not None and 0 < done < total:
            text += " — " + self.tr("{0} left").format(format_duration(job.eta_s))
        elif total > 0 and first < done < total and now - since > 1.0:
            text += " — " + self.tr("{0} left").format(format_duration((now - since) / (done - first) * (total - done)))
        self.job_label.setText(text)
        if message:
            self.job_progress.setToolTip(message)

    def _on_job_finished(self, job: Job) -> None:
        # Only jobs started with a label own the status bar and the title; internal ones
        # (previews, thumbnails) never take them over, so nothing stale is left behind.
        if job in self._labelled:
            self._labelled.remove(job)
        if job is self._current_job:
            self._current_job = self._labelled[-1] if self._labelled else None
            if self._current_job is not None:
                self.job_label.setText(self._current_job.label)
                self.setWindowTitle(self._current_job.label)
        if self._current_job is None:
            for w in (self.job_label, self.job_progress, self.job_cancel):
                w.hide()
            self.setWindowTitle(self.tr("Studio"))
        if time.monotonic() - job.started_at > NOTIFY_AFTER_S and not self.isActiveWindow() and not self._closing:
            self.notify(self.tr("{0} has finished.").format(job.label))

    def notify(self, message: str) -> None:
        """Tell a user who is looking at another window that long work is done."""
        QApplication.alert(self)  # flashes the taskbar entry (or bounces the dock icon)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.windowIcon(), self)
                self._tray.messageClicked.connect(self.bring_to_front)
            self._tray.show()
            self._tray.showMessage(self.tr("Studio"), message, self.windowIcon(), 8000)
        self.last_notification = message

    def _finish_close_when_idle(self) -> None:
        if self._closing and not self.jobs.running():
            QTimer.singleShot(0, self.close)

    def cancel_current_job(self) -> None:
        if self._current_job is not None:
            self._current_job.cancel()
            self.job_cancel.setEnabled(False)
            self.job_label.setText(self.tr("Cancelling…"))

    # ---- files and dialogs ---------------------------------------------------------------
    def open_from_another_launch(self, paths: list[Path]) -> None:
        """Files given to a second `studio` launch open here, in the window already running."""
        if paths:
            self.open_paths(paths)
        self.bring_to_front()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def open_paths(self, paths: list[Path]) -> None:
        videos = [p for p in paths if is_video_path(p)]
        photos = [p for p in paths if not is_video_path(p)]
        if photos:
            self.tabs.setCurrentWidget(self.repair_panel)
            self.repair_panel.open_files(photos)
        if videos:
            self.tabs.setCurrentWidget(self.video_panel)
            self.video_panel.open_file(videos[0])

    def dragEnterEvent(self, e) -> None:
        self.repair_panel.dragEnterEvent(e)

    def dropEvent(self, e) -> None:
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if paths and all(is_video_path(p) for p in paths):
            e.acceptProposedAction()
            self.open_paths(paths)  # videos go to the Video tab whichever tab they land on
            return
        current = self.tabs.currentWidget()
        (current if hasattr(current, "dropEvent") else self.repair_panel).dropEvent(e)

    def show_about(self) -> AboutDialog:
        dlg = AboutDialog(self.device_text(), self, self.models_in_use())
        dlg.show()
        return dlg

    def models_in_use(self) -> str:
        """Which file runs for each task on this device: a model, or its compressed variant."""
        from ..core.faces import resolve_model
        from ..core.photo.damage_learned import default_damage_model
        from ..core.photo.neural_inpaint import default_inpaint_model
        from ..core.variants import runtime_model

        d = self.context.device
        dev = devices.pick_device(d) if d is None or isinstance(d, str) else d
        lines = []
        detector = default_damage_model(dev)
        if detector:
            lines.append(self.tr("Damage detection on this device uses: {0}").format(detector.name))
        repair = default_inpaint_model()
        if repair:
            lines.append(self.tr("Learned repair on this device uses: {0}").format(runtime_model(repair, dev).name))
        try:
            faces = resolve_model(None)
        except StudioError:
            faces = None
        if faces:
            lines.append(self.tr("Face generation on this device uses: {0}").format(runtime_model(faces, dev).name))
        return "<br>".join(lines)

    def shortcuts_html(self) -> str:
        def row(what: str, keys: str) -> str:
            return f"<tr><td>{what}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>"

        photo = []
        for act in self.repair_panel.actions_by_name.values():
            if not act.shortcut().isEmpty():
                keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                photo.append(row(button_text(act.text()), keys))
        photo.append(row(self.tr("Pan"), self.tr("Right or middle drag, or Space + drag")))
        photo.append(row(self.tr("Zoom"), self.tr("Mouse wheel")))
        video = [row(self.tr("Previous / next frame"), "← / →"), row(self.tr("Play or pause"), "K"),
                 row(self.tr("First / last frame"), "Home / End"), row(self.tr("Mark In / Mark Out"), "I / O"),
                 row(self.tr("Preview the current frame"), "P")]
        return (f"<h3>{self.tr('Photo repair')}</h3><table>{''.join(photo)}</table>"
                f"<h3>{self.tr('Video repair')}</h3><table>{''.join(video)}</table>")

    def show_shortcuts(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Keyboard Shortcuts"), self.shortcuts_html(),
                          QMessageBox.StandardButton.Close, self)
        box.setModal(False)
        box.show()
        return box

    # ---- closing -------------------------------------------------------------------------
    def closeEvent(self, e) -> None:
        if not self._closing:
            unsaved = self.repair_panel.unsaved_docs()
            if unsaved and not confirm_discard(self, unsaved):
                e.ignore()
                return
        running = self.jobs.running()
        if running:
            # Ask jobs to stop and close once they have (a training job writes its last checkpoint).
            self._closing = True
            self.jobs.stop_all()
            self.job_label.setText(self.tr("Stopping jobs before closing…"))
            e.ignore()
            return
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.repair_panel.save_settings()
        self.faces_panel.save_settings()
        self.video_panel.save_settings()
        self.video_panel.shutdown()
        if QApplication.platformName() == "offscreen":
            # PySide 6.12's offscreen clipboard crashes at exit holding mime data set from Python (a copied
            # face); with no real clipboard there, nothing is lost by emptying it.
            QApplication.clipboard().clear()
        self.settings.set("window/tab", self.tabs.currentIndex())
        self.settings.sync()
        e.accept()
