"""Live enhancement preview and apply, for the repair tab."""
from __future__ import annotations

import numpy as np

from ...core.enhance import EnhanceSettings, enhance
from ..convert import rgb_to_qimage
from ..jobs import Job
from .photo_doc import PhotoDoc

PREVIEW_SIDE = 1200


def _preview_job(rgb: np.ndarray, settings: EnhanceSettings, *, progress=None, cancel=None) -> np.ndarray:
    """Enhance a reduced copy and scale it back: a live preview that stays quick on large photos."""
    import cv2

    h, w = rgb.shape[:2]
    s = min(1.0, PREVIEW_SIDE / max(h, w))
    small = cv2.resize(rgb, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA) if s < 1 else rgb
    preview = enhance(small, EnhanceSettings(settings.denoise, settings.contrast, settings.sharpen, settings.color),
                      cancel=cancel)
    return cv2.resize(preview, (w, h), interpolation=cv2.INTER_LINEAR) if s < 1 else preview



class EnhanceMixin:
    """Enhancement for RepairPanel: a reduced-size preview while sliders move, full size on Apply."""

    def enhance_settings(self) -> EnhanceSettings:
        return EnhanceSettings(**self.sidebar.enhance_values())

    def preview_enhance(self) -> Job | None:
        doc = self.doc
        if doc is None:
            return None
        settings = self.enhance_settings()
        self._preview_request += 1
        if settings.is_identity() or (settings.denoise == settings.contrast == settings.sharpen ==
                                      settings.color == 0):
            if self.previewing:
                self.previewing = False
                self._show_doc()
            return None
        request = self._preview_request
        job = Job(_preview_job, doc.current, settings, name="preview")
        job.result.connect(lambda out, r=request, d=doc: self._on_preview(r, d, out))
        job.failed.connect(self.banner.show_error)
        self.host.jobs.start(job)
        return job

    def _on_preview(self, request: int, doc: PhotoDoc, out: np.ndarray) -> None:
        if request != self._preview_request or doc is not self.doc:
            return  # stale: the sliders have moved on
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
        for sig in (job.result, job.failed, job.cancelled):
            sig.connect(self._repair_ended)
        job.result.connect(lambda out, d=doc: self._on_enhanced(d, out))
        job.failed.connect(lambda msg: self.banner.show_error(self.tr("Enhance failed: {0}").format(msg)))
        self.repair_job = job
        self.host.run_job(job, self.tr("Enhancing"))
        self._update_enabled()
        return job

    def _on_enhanced(self, doc: PhotoDoc, out: np.ndarray) -> None:
        import cv2

        mask = doc.mask
        if out.shape[:2] != mask.shape:  # an upscale: the painted marks follow the photo
            mask = cv2.resize(mask, (out.shape[1], out.shape[0]), interpolation=cv2.INTER_NEAREST)
        doc.apply(out, mask_after=mask)
        self.previewing = False
        self.sidebar.blockSignals(True)
        self.sidebar.reset_enhance()
        self.sidebar.blockSignals(False)
        if doc is self.doc:
            self._show_doc()

