"""What the photo tab shows of a document, prepared off the GUI thread when the photo is big.

The pictures of the last few states (the photo, its original, its mask) are
kept ready, so undo and redo swap them in at once; a state not seen before
is prepared in a worker and shown when ready, so a 24-megapixel repair never
freezes the window.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QObject

from ..jobs import LatestRequest
from ..prepared import PreparedImage, PreparedMask, prepare_image, prepare_mask

KEEP = 6  # prepared pictures kept: current, original, mask and the states one undo or redo away
SYNC_PIXELS = 4_000_000  # smaller photos are prepared at once: a few milliseconds


def _prepare(images: list[np.ndarray], masks: list[np.ndarray]) -> tuple[list, list]:
    return [prepare_image(a) for a in images], [prepare_mask(m) for m in masks]


class DocViews(QObject):
    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self._ready: OrderedDict[int, tuple[np.ndarray, object]] = OrderedDict()
        self.requests = LatestRequest(panel.host.jobs, _prepare, name="prepare view", parent=self)
        self.requests.result.connect(self._on_prepared)
        self.requests.failed.connect(panel.banner.show_error)
        self._keep_view = True

    def _get(self, arr: np.ndarray | None):
        hit = self._ready.get(id(arr)) if arr is not None else None
        if hit is None or hit[0] is not arr:  # the id of a freed array can be reused
            return None
        self._ready.move_to_end(id(arr))
        return hit[1]

    def image(self, arr: np.ndarray) -> PreparedImage:
        """``arr`` ready to draw: from the cache, or prepared now."""
        hit = self._get(arr)
        if hit is None:
            hit = prepare_image(arr)
            self.remember(arr, hit)
        return hit

    def remember(self, arr: np.ndarray, prepared) -> None:
        self._ready[id(arr)] = (arr, prepared)
        self._ready.move_to_end(id(arr))
        while len(self._ready) > KEEP:
            self._ready.popitem(last=False)

    def show(self, doc, keep_view: bool = True) -> None:
        """Show ``doc``'s current state now if it is ready (or small), else as soon as a worker has it ready."""
        wanted_images = [doc.current] + ([doc.original] if doc.repaired else [])
        missing_images = [a for a in wanted_images if self._get(a) is None]
        missing_masks = [doc.mask] if self._get(doc.mask) is None else []
        if missing_images or missing_masks:
            if doc.current.shape[0] * doc.current.shape[1] <= SYNC_PIXELS:
                images, masks = _prepare(missing_images, missing_masks)
                self._store(missing_images, images, missing_masks, masks)
            else:
                self._keep_view = keep_view
                self.requests.submit(missing_images, missing_masks)
                return
        self._apply(doc, keep_view)

    def _store(self, arrays, images, masks_arrays, masks) -> None:
        for a, p in zip(arrays, images):
            self.remember(a, p)
        for a, p in zip(masks_arrays, masks):
            self.remember(a, p)

    def _on_prepared(self, args: tuple, out: tuple) -> None:
        self._store(args[0], out[0], args[1], out[1])
        doc = self.panel.doc
        if doc is not None:
            self.show(doc, self._keep_view)

    def _apply(self, doc, keep_view: bool) -> None:
        canvas = self.panel.canvas
        current: PreparedImage = self._get(doc.current)
        mask: PreparedMask = self._get(doc.mask)
        canvas.set_image(current, keep_view=keep_view, mask=mask)
        canvas.set_before(self._get(doc.original) if doc.repaired else None)
        self.panel.insight.refresh()
