"""Live enhancement preview and apply, for the repair tab."""
from __future__ import annotations

import numpy as np

from ...core.photo.enhance import EnhanceSettings, enhance, preview_enhanced
from ...core.photo.steps import enhanced
from ..convert import rgb_to_qimage
from ..jobs import Job, LatestRequest
from .photo_doc import PhotoDoc


class EnhanceMixin:
    """Enhancement for RepairPanel: a reduced-size preview while sliders move, full size on Apply."""

    def enhance_settings(self) -> EnhanceSettings:
        return EnhanceSettings(**self.sidebar.enhance_values())

    def preview_enhance(self) -> Job | None:
        doc = self.doc
        if doc is None:
            return None
        settings = self.enhance_settings()
        if settings.is_identity() or (settings.denoise == settings.contrast == settings.sharpen ==
                                      settings.color == 0):
            self.previews.cancel()
            if self.previewing:
                self.previewing = False
                self._show_doc()
            return None
        return self.previews.submit(doc.current, settings)

    def _setup_previews(self) -> None:
        # A slider moved again supersedes the preview still running: it is cancelled, its result dropped.
        self.previews = LatestRequest(self.host.jobs, preview_enhanced, name="preview", parent=self)
        self.previews.result.connect(lambda args, out: self._on_preview(args[0], out))
        self.previews.failed.connect(self.banner.show_error)

    def _on_preview(self, source: np.ndarray, out: np.ndarray) -> None:
        doc = self.doc
        if doc is None or source is not doc.current:
            return  # another photo, or this one changed since
        self.previewing = True
        self.canvas.set_image(rgb_to_qimage(out), keep_view=True)
        self.canvas.set_mask(doc.mask)
        self.canvas.set_before(rgb_to_qimage(doc.current))

    def apply_enhance(self) -> Job | None:
        doc = self.doc
        settings = self.enhance_settings()
        if doc is None or settings.is_identity() or self._busy():
            return None
        job = Job(enhance, doc.current, settings, name="enhance")
        job.result.connect(lambda out, d=doc, s=settings: self._on_enhanced(d, out, enhanced(s)))
        return self._run_edit(job, self.tr("Enhancing"), self.tr("Enhance failed: {0}"))

    def _on_enhanced(self, doc: PhotoDoc, out: np.ndarray, made=None) -> None:
        import cv2

        mask = doc.mask
        if out.shape[:2] != mask.shape:  # an upscale: the painted marks follow the photo
            mask = cv2.resize(mask, (out.shape[1], out.shape[0]), interpolation=cv2.INTER_NEAREST)
        doc.apply(out, mask_after=mask, made=made)
        self.previewing = False
        self.sidebar.blockSignals(True)
        self.sidebar.reset_enhance()
        self.sidebar.blockSignals(False)
        if doc is self.doc:
            self._show_doc()

