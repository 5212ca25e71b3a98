"""Enhancement in the photo tab: a reduced-size preview while sliders move, full size on Apply."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer

from ...core.photo.enhance import EnhanceSettings, enhance, preview_enhanced
from ...core.photo.steps import enhanced
from ..convert import rgb_to_qimage
from ..jobs import Job, LatestRequest
from .photo_doc import PhotoDoc

PREVIEW_DELAY_MS = 250  # slider moves are coalesced: one preview per pause, never one per tick


class PhotoEnhance(QObject):
    """Owns the preview requests and the Apply step; the panel gives it the document, canvas and sidebar."""

    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self.previewing = False
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS, timeout=self.preview)
        # A slider moved again supersedes the preview still running: it is cancelled, its result dropped.
        self.previews = LatestRequest(panel.host.jobs, preview_enhanced, name="preview", parent=self)
        self.previews.result.connect(lambda args, out: self._on_preview(args[0], out))
        self.previews.failed.connect(panel.banner.show_error)

    def settings(self) -> EnhanceSettings:
        return EnhanceSettings(**self.panel.sidebar.enhance_values())

    def preview(self) -> Job | None:
        p = self.panel
        doc = p.doc
        if doc is None:
            return None
        settings = self.settings()
        if settings.is_identity() or (settings.denoise == settings.contrast == settings.sharpen ==
                                      settings.color == 0):
            self.previews.cancel()
            if self.previewing:
                self.previewing = False
                p._show_doc()
            return None
        return self.previews.submit(doc.current, settings)

    def _on_preview(self, source: np.ndarray, out: np.ndarray) -> None:
        p = self.panel
        doc = p.doc
        if doc is None or source is not doc.current:
            return  # another photo, or this one changed since
        self.previewing = True
        p.canvas.set_image(rgb_to_qimage(out), keep_view=True)  # the preview is reduced in size: quick
        p.canvas.set_mask(doc.mask)
        p.canvas.set_before(p.views.image(doc.current))

    def apply(self) -> Job | None:
        p = self.panel
        doc = p.doc
        settings = self.settings()
        if doc is None or settings.is_identity() or p._busy():
            return None
        job = Job(enhance, doc.current, settings, name="enhance")
        job.result.connect(lambda out, d=doc, s=settings: self._on_enhanced(d, out, enhanced(s)))
        return p._run_edit(job, self.tr("Enhancing"), self.tr("Enhance failed: {0}"))

    def _on_enhanced(self, doc: PhotoDoc, out: np.ndarray, made=None) -> None:
        import cv2

        p = self.panel
        mask = doc.mask
        if out.shape[:2] != mask.shape:  # an upscale: the painted marks follow the photo
            mask = cv2.resize(mask, (out.shape[1], out.shape[0]), interpolation=cv2.INTER_NEAREST)
        doc.apply(out, mask_after=mask, made=made)
        self.previewing = False
        p.sidebar.blockSignals(True)
        p.sidebar.reset_enhance()
        p.sidebar.blockSignals(False)
        if doc is p.doc:
            p._show_doc()
