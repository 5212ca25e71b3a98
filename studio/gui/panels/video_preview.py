"""One frame of the Video tab processed with the current settings, shown split against the original."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ...core.video.pipeline import VideoRepairOptions, preview_frame
from ..convert import rgb_to_qimage
from ..jobs import Job, LatestRequest


LIVE_DELAY_MS = 300  # wait for a slider to settle before working on a frame


class FramePreview(QObject):
    """Preview on request (the Preview button) and live while enhancement controls move.

    The latest request wins: a newer one cancels the job of the one before,
    and a result for another frame or clip than the one on screen is dropped.
    """

    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self.requests = LatestRequest(panel.host.jobs, preview_frame, name="preview frame", parent=self)
        self.requests.result.connect(self._on_result)
        self.requests.failed.connect(lambda m: panel.banner.show_error(self.tr("Preview failed: {0}").format(m)))
        self._live = QTimer(self, singleShot=True, interval=LIVE_DELAY_MS, timeout=self._live_preview)

    def request(self, options: VideoRepairOptions) -> Job | None:
        p = self.panel
        if p.path is None:
            return None
        p.stop()
        return self.requests.submit(p.path, p.index, options)

    def schedule(self) -> None:
        """A control moved: preview again once it settles, if a clip is open."""
        if self.panel.path is not None:
            self._live.start()

    def cancel(self) -> None:
        self._live.stop()
        self.requests.cancel()

    def _live_preview(self) -> None:
        p = self.panel
        enhance = p.enhance.options()
        if p.path is None or not enhance.active:
            return
        start, end = p.frame_range()
        self.request(VideoRepairOptions(start=start, end=end, enhance=enhance))

    def _on_result(self, args: tuple, result) -> None:
        path, index, _ = args
        p = self.panel
        if Path(path) != p.path or index != p.index:
            return  # the user has moved on
        original, processed = result
        p.canvas.compare = True
        p.canvas.mask_visible = False
        p.canvas.set_image(rgb_to_qimage(processed), keep_view=True)
        p.canvas.set_before(rgb_to_qimage(original))
        p.statusMessage.emit(self.tr("Preview of frame {0}: original left, processed right").format(index))
