"""The Video repair tab: a frame player, a mask painted on the frame, preview one frame, repair the clip."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QSlider, QSpinBox, QStackedWidget, QToolButton, QVBoxLayout,
                               QWidget)

from ...core.durations import format_duration, format_time
from ...core.images import load_mask
from ...core.paths import resources_dir
from ...core.video.io import VIDEO_EXTENSIONS, open_video
from ...core.video.pipeline import VideoRepairOptions, repair_video
from ..convert import rgb_to_qimage
from ..folders import remember_folder, start_folder
from ..frame_fetcher import FrameFetcher
from ..jobs import Job
from ..widgets.banner import MessageBanner
from ..widgets.canvas import MAX_BRUSH, MIN_BRUSH, ImageCanvas
from ..widgets.welcome import WelcomePage
from .video_enhance import EnhanceBox
from .video_preview import FramePreview
from .video_report import report_lines


class VideoPanel(QWidget):
    statusMessage = Signal(str)

    def __init__(self, host, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.host = host
        self.settings = settings
        self.path: Path | None = None
        self.result_path: Path | None = None
        self.frame_count = 0
        self.fps = 25.0
        self.index = 0
        self.mark_in: int | None = None
        self.mark_out: int | None = None
        self._awaiting = False
        self._sample_pending = False
        self._repair_job: Job | None = None
        self.fetcher = FrameFetcher(host.jobs, self)
        self.fetcher.frameReady.connect(self._on_frame)
        self.fetcher.failed.connect(lambda m: self.banner.show_error(m))
        self._play_timer = QTimer(self, timeout=self._play_tick)
        self._setup_ui()
        self.previewer = FramePreview(self)
        self.enhance.changed.connect(self.previewer.schedule)
        self._setup_shortcuts()
        self.setAcceptDrops(True)
        self._update_enabled()

    # ---- layout --------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.banner = MessageBanner()
        self.canvas = ImageCanvas()
        self.canvas.set_brush_size(self.settings.get("video/brush", 24, int))
        self.canvas.brushSizeChanged.connect(lambda s: self.brush_spin.setValue(s))

        self.step_back = self._tool("◀", self.tr("Previous frame (Left)"), lambda: self.seek(self.index - 1))
        self.play_button = self._tool("▶", self.tr("Play / pause (K)"), self.toggle_play)
        self.step_fwd = self._tool("▶|", self.tr("Next frame (Right)"), lambda: self.seek(self.index + 1))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._on_slider)
        self.position_label = QLabel("—")
        self.position_label.setMinimumWidth(220)
        transport = QHBoxLayout()
        for w in (self.step_back, self.play_button, self.step_fwd):
            transport.addWidget(w)
        transport.addWidget(self.slider, 1)
        transport.addWidget(self.position_label)

        self.in_button = QPushButton(self.tr("Mark In"))
        self.in_button.setToolTip(self.tr("Repair from this frame (I)"))
        self.in_button.clicked.connect(self.set_in)
        self.out_button = QPushButton(self.tr("Mark Out"))
        self.out_button.setToolTip(self.tr("Repair up to this frame (O)"))
        self.out_button.clicked.connect(self.set_out)
        self.clear_range_button = QPushButton(self.tr("Whole Clip"))
        self.clear_range_button.clicked.connect(self.clear_range)
        self.range_label = QLabel()
        marks = QHBoxLayout()
        for w in (self.in_button, self.out_button, self.clear_range_button):
            marks.addWidget(w)
        marks.addWidget(self.range_label, 1)

        self.welcome = WelcomePage(self.tr(
            "<h2>Video repair</h2><p>Drop a video here, or use <b>Open Video…</b>.</p>"
            "<p>Paint over a logo or object to remove it across the frames, clean film dust, "
            "and rebuild broken frames. The sound is kept.</p>"))
        self.welcome.add_button(self.tr("Open Video…"), self.choose_file, default=True)
        self.welcome.add_button(self.tr("Try the Sample Clip"), self.open_sample)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.canvas)
        main = QVBoxLayout()
        main.addWidget(self.banner)
        main.addWidget(self.stack, 1)
        main.addLayout(transport)
        main.addLayout(marks)

        side = QVBoxLayout()
        self.open_button = QPushButton(self.tr("Open Video…"))
        self.open_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(self.tr("Drop a video here or open one."))
        self.file_label.setWordWrap(True)
        side.addWidget(self.open_button)
        side.addWidget(self.file_label)

        modes = QGroupBox(self.tr("Repair"))
        ml = QVBoxLayout(modes)
        self.mode_mask = QCheckBox(self.tr("Remove the painted region"))
        self.mode_mask.setToolTip(self.tr("Paint over a logo or object on the frame; it is filled from other "
                                          "frames where they show what is behind it"))
        self.mode_dust = QCheckBox(self.tr("Clean film dust and specks"))
        self.mode_frames = QCheckBox(self.tr("Rebuild broken frames"))
        self.mode_frames.setToolTip(self.tr("Black, noisy, shifted, blocky or flashing frames are rebuilt "
                                            "from their neighbours"))
        for cb, key, default in ((self.mode_mask, "mask", True), (self.mode_dust, "dust", False),
                                 (self.mode_frames, "frames", False)):
            cb.setChecked(self.settings.get(f"video/mode_{key}", default, bool))
            ml.addWidget(cb)
        side.addWidget(modes)
        self.enhance = EnhanceBox(self.settings)
        side.addWidget(self.enhance)

        mask_box = QGroupBox(self.tr("Mask"))
        mf = QFormLayout(mask_box)
        self.brush_spin = QSpinBox()
        self.brush_spin.setRange(MIN_BRUSH, MAX_BRUSH)
        self.brush_spin.setValue(self.canvas.brush_size)
        self.brush_spin.valueChanged.connect(self.canvas.set_brush_size)
        mf.addRow(self.tr("Brush size"), self.brush_spin)
        self.eraser = QCheckBox(self.tr("Eraser"))
        self.eraser.toggled.connect(lambda on: setattr(self.canvas, "tool", "eraser" if on else "brush"))
        mf.addRow(self.eraser)
        row = QHBoxLayout()
        self.clear_mask_button = QPushButton(self.tr("Clear"))
        self.clear_mask_button.clicked.connect(self.clear_mask)
        self.load_mask_button = QPushButton(self.tr("Load…"))
        self.load_mask_button.clicked.connect(self.choose_mask)
        row.addWidget(self.clear_mask_button)
        row.addWidget(self.load_mask_button)
        mf.addRow(row)
        side.addWidget(mask_box)

        out_box = QGroupBox(self.tr("Output"))
        of = QFormLayout(out_box)
        self.crf = QSpinBox()
        self.crf.setRange(0, 51)
        self.crf.setValue(self.settings.get("video/crf", 18, int))
        self.crf.setToolTip(self.tr("H.264 quality: lower is better and larger (18 looks lossless)"))
        of.addRow(self.tr("Quality (CRF)"), self.crf)
        side.addWidget(out_box)

        self.preview_button = QPushButton(self.tr("Preview Frame"))
        self.preview_button.setToolTip(self.tr("Repair just this frame to check the settings (P)"))
        self.preview_button.clicked.connect(self.preview)
        self.repair_button = QPushButton(self.tr("Repair Clip…"))
        self.repair_button.setDefault(True)
        self.repair_button.clicked.connect(self.choose_output)
        self.compare_box = QCheckBox(self.tr("Compare with result"))
        self.compare_box.setToolTip(self.tr("Original on the left of the split, repaired on the right"))
        self.compare_box.toggled.connect(self._on_compare_toggled)
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.preview_button, self.repair_button, self.compare_box, self.report_label):
            side.addWidget(w)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        # The controls scroll rather than squeeze on a small screen.
        side_scroll = QScrollArea()
        side_scroll.setWidget(side_widget)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setFixedWidth(280)

        lay = QHBoxLayout(self)
        lay.addLayout(main, 1)
        lay.addWidget(side_scroll)

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    def _setup_shortcuts(self) -> None:
        # Panel-local: the same keys mean other things on other tabs.
        for key, slot in (("Left", lambda: self.seek(self.index - 1)), ("Right", lambda: self.seek(self.index + 1)),
                          ("K", self.toggle_play), ("I", self.set_in), ("O", self.set_out), ("P", self.preview),
                          ("Home", lambda: self.seek(0)), ("End", lambda: self.seek(self.frame_count - 1))):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    # ---- opening -------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(start_folder(self.settings, "video/last_folder", "videos"))
        exts = " ".join(f"*{e}" for e in sorted(VIDEO_EXTENSIONS))
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open Video"), start,
                                              self.tr("Videos ({0});;All files (*)").format(exts))
        if name:
            self.open_file(Path(name))

    def open_sample(self) -> None:
        """A short clip shipped with Studio: a burnt-in caption, film dust and one flash frame."""
        self._sample_pending = True
        self.open_file(resources_dir() / "samples" / "boat-clip.mp4")

    def _prepare_sample(self) -> None:
        self._sample_pending = False
        self.load_mask(resources_dir() / "samples" / "boat-clip-mask.png")
        for cb in (self.mode_mask, self.mode_dust, self.mode_frames):
            cb.setChecked(True)
        self.banner.show_info(self.tr("The caption is masked and all three repairs are on. Press Preview Frame "
                                      "(P) to check one frame, then Repair Clip…"))

    def open_file(self, path: Path) -> None:
        self.stop()
        self.banner.hide()
        self.file_label.setText(self.tr("Opening {0}…").format(path.name))
        job = Job(open_video, path, name="open video")
        job.result.connect(lambda r, p=path: self._on_opened(p, *r))
        job.failed.connect(lambda m: (self.banner.show_error(self.tr("Could not open the video: {0}").format(m)),
                                      self.file_label.setText(self.tr("Drop a video here or open one."))))
        self.host.jobs.start(job)

    def _on_opened(self, path: Path, info, count: int) -> None:
        if count == 0:
            self.banner.show_error(self.tr("{0} has no frames.").format(path.name))
            return
        self.path = path
        self.result_path = None
        remember_folder(self.settings, "video/last_folder", path)
        self.frame_count = count
        self.fps = float(info.fps)
        self.mark_in = self.mark_out = None
        audio = info.audio_codec or self.tr("no audio")
        self.file_label.setText(self.tr("{0}\n{1}×{2}, {3} frames, {4:.3g} fps, {5}").format(
            path.name, info.width, info.height, count, self.fps, audio))
        self.report_label.clear()
        self.compare_box.setChecked(False)
        self.canvas.set_image(None)
        self.fetcher.set_files(path)
        self.slider.blockSignals(True)
        self.slider.setRange(0, count - 1)
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.index = 0
        self.stack.setCurrentWidget(self.canvas)
        self._update_position()  # the new clip's position at once, not the old clip's until a frame arrives
        self._request(0)
        self._update_range_label()
        self._update_enabled()
        self.statusMessage.emit(self.tr("Opened {0}").format(path.name))

    # ---- playing -------------------------------------------------------------------------
    def seek(self, index: int) -> None:
        if not self.frame_count:
            return
        index = int(np.clip(index, 0, self.frame_count - 1))
        self.slider.setValue(index)  # → _on_slider

    def _on_slider(self, value: int) -> None:
        self.index = value
        self._request(value)
        self._update_position()

    def _request(self, index: int) -> None:
        self._awaiting = True
        self.fetcher.request(index)

    def _on_frame(self, index: int, rgb, result) -> None:
        self._awaiting = False
        if index != self.index:
            return  # a newer position was asked for meanwhile
        comparing = self.compare_box.isChecked() and result is not None
        self.canvas.compare = comparing
        self.canvas.mask_visible = not comparing  # the mask would hide the repair being judged
        self.canvas.set_image(rgb_to_qimage(result if comparing else rgb), keep_view=True)
        self.canvas.set_before(rgb_to_qimage(rgb) if comparing else None)
        if self._sample_pending:
            self._prepare_sample()
        elif not comparing and not self._play_timer.isActive():
            self.previewer.schedule()  # with an enhancement chosen, the frame shown is previewed once it settles

    def toggle_play(self) -> None:
        if self._play_timer.isActive():
            self.stop()
        elif self.frame_count:
            if self.index >= self.frame_count - 1:
                self.seek(0)
            self._play_timer.start(max(10, int(1000 / max(self.fps, 1))))
            self.play_button.setText("❚❚")

    def stop(self) -> None:
        self._play_timer.stop()
        self.play_button.setText("▶")

    def _play_tick(self) -> None:
        if self._awaiting:
            return  # decoding is behind: skip a tick rather than queue up frames
        if self.index >= self.frame_count - 1:
            self.stop()
            return
        self.seek(self.index + 1)

    def _update_position(self) -> None:
        t = self.index / self.fps if self.fps else 0
        self.position_label.setText(self.tr("frame {0} / {1} · {2}").format(
            self.index, max(self.frame_count - 1, 0), format_time(t)))

    # ---- range ---------------------------------------------------------------------------
    def set_in(self) -> None:
        if self.frame_count:
            self.mark_in = self.index
            if self.mark_out is not None and self.mark_out < self.mark_in:
                self.mark_out = None
            self._update_range_label()

    def set_out(self) -> None:
        if self.frame_count:
            self.mark_out = self.index
            if self.mark_in is not None and self.mark_in > self.mark_out:
                self.mark_in = None
            self._update_range_label()

    def clear_range(self) -> None:
        self.mark_in = self.mark_out = None
        self._update_range_label()

    def frame_range(self) -> tuple[int, int | None]:
        """(start, end) with ``end`` exclusive, as the core takes them."""
        start = self.mark_in or 0
        end = self.mark_out + 1 if self.mark_out is not None else None
        return start, end

    def _update_range_label(self) -> None:
        if not self.frame_count:
            self.range_label.clear()
            return
        start, end = self.frame_range()
        last = (end or self.frame_count) - 1
        if start == 0 and end is None:
            self.range_label.setText(self.tr("Repairing the whole clip"))
        else:
            self.range_label.setText(self.tr("Repairing frames {0}–{1} ({2}); the rest passes through").format(
                start, last, format_duration((last - start + 1) / max(self.fps, 1))))

    # ---- mask ----------------------------------------------------------------------------
    def clear_mask(self) -> None:
        w, h = self.canvas.image_size()
        if w:
            self.canvas.set_mask(np.zeros((h, w), np.uint8))

    def choose_mask(self) -> None:
        if not self.canvas.has_image():
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Load Mask"), self.settings.get(
            "video/last_folder", str(start_folder(self.settings, "video/last_folder", "videos")), str),
            self.tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)"))
        if name:
            self.load_mask(Path(name))

    def load_mask(self, path: Path) -> None:
        try:
            mask = load_mask(path, self.canvas.image_size())
        except Exception as exc:  # any unreadable file: say so and keep the current mask
            self.banner.show_error(str(exc))
            return
        self.canvas.set_mask(mask.astype(np.uint8) * 255)
        self.mode_mask.setChecked(True)

    # ---- repairing -----------------------------------------------------------------------
    def options(self) -> VideoRepairOptions | None:
        mask = None
        enhance = self.enhance.options()
        other = self.mode_dust.isChecked() or self.mode_frames.isChecked() or enhance.active
        if self.mode_mask.isChecked():
            m = self.canvas.mask()
            if m.size and m.any():
                mask = m > 0
            elif not other:
                self.banner.show_error(self.tr("Paint over the region to remove first (or choose dust or "
                                               "broken-frame repair, or an enhancement)."))
                return None
        if mask is None and not other:
            self.banner.show_error(self.tr("Choose what to repair or enhance."))
            return None
        start, end = self.frame_range()
        return VideoRepairOptions(mask=mask, auto_dust=self.mode_dust.isChecked(),
                                  auto_frames=self.mode_frames.isChecked(), start=start, end=end,
                                  crf=self.crf.value(), enhance=enhance,
                                  mark=self.settings.get("provenance", True, bool))

    def preview(self) -> Job | None:
        options = self.options() if self.path is not None else None
        return self.previewer.request(options) if options is not None else None

    def choose_output(self) -> None:
        if self.path is None or self.options() is None:
            return
        folder = self.path.parent
        if not os.access(folder, os.W_OK) or folder == resources_dir() / "samples":
            folder = start_folder(self.settings, "video/save_folder", "videos")
        default = folder / (self.path.stem + "_repaired.mp4")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save Repaired Video"), str(default),
                                              self.tr("MP4 video (*.mp4)"))
        if name:
            path = Path(name)
            remember_folder(self.settings, "video/save_folder", path)
            self.start_repair(path if path.suffix else path.with_suffix(".mp4"))

    def start_repair(self, output: Path) -> Job | None:
        """Repair the clip into ``output`` (replacing it: the save dialog has asked already)."""
        options = self.options()
        if self.path is None or options is None:
            return None
        if self._repair_job is not None and self._repair_job.is_running():
            return None
        self.stop()
        self.banner.hide()
        job = Job(repair_video, self.path, output, options, overwrite=True, name="repair video")
        job.result.connect(self._on_repaired)
        job.failed.connect(lambda m: self.banner.show_error(self.tr("Video repair failed: {0}").format(m)))
        job.cancelled.connect(lambda: self.banner.show_info(self.tr("Cancelled; nothing was written.")))
        job.finished.connect(self._update_enabled)
        self._repair_job = job
        self.report_label.setText(self.tr("Repairing…"))
        self.host.run_job(job, self.tr("Repairing {0}").format(self.path.name))
        self._update_enabled()
        return job

    def _on_repaired(self, rep) -> None:
        lines = report_lines(rep, dust=self.mode_dust.isChecked(), frames=self.mode_frames.isChecked())
        self.report_label.setText("\n".join(lines))
        self.result_path = rep.output
        self.compare_box.setChecked(True)
        self._on_compare_toggled(True)
        self._update_enabled()

    def _on_compare_toggled(self, on: bool) -> None:
        if self.path is None:
            return
        self.fetcher.set_files(self.path, self.result_path if on and self.result_path else None)
        self._request(self.index)

    def _update_enabled(self) -> None:
        has = self.path is not None
        busy = self._repair_job is not None and self._repair_job.is_running()
        for w in (self.step_back, self.play_button, self.step_fwd, self.slider, self.in_button, self.out_button,
                  self.clear_range_button, self.preview_button, self.clear_mask_button, self.load_mask_button):
            w.setEnabled(has)
        self.repair_button.setEnabled(has and not busy)
        self.compare_box.setEnabled(self.result_path is not None)

    # ---- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, e) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            self.open_file(paths[0])

    def save_settings(self) -> None:
        self.settings.set("video/brush", self.canvas.brush_size)
        self.settings.set("video/crf", self.crf.value())
        for cb, key in ((self.mode_mask, "mask"), (self.mode_dust, "dust"), (self.mode_frames, "frames")):
            self.settings.set(f"video/mode_{key}", cb.isChecked())
        self.enhance.save()

    def shutdown(self) -> None:
        self.stop()
        self.previewer.cancel()
        self.fetcher.stop()
