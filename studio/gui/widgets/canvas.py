"""A zoomable, pannable image view with a mask brush and a before/after split."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..convert import qimage_to_gray
from ..prepared import PreparedImage, PreparedMask, mips, prepare_mask

MIN_SCALE, MAX_SCALE = 0.02, 32.0
class Tool(str, Enum):
    BRUSH = "brush"  # paints the mask
    ERASER = "eraser"  # takes paint away


MIN_BRUSH, MAX_BRUSH = 1, 500


@dataclass
class MaskEdit:
    """One undoable stroke: the mask inside ``rect`` before and after it."""

    rect: tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels
    before: np.ndarray
    after: np.ndarray


class ImageCanvas(QWidget):
    strokeFinished = Signal(object)  # MaskEdit
    zoomChanged = Signal(float)
    brushSizeChanged = Signal(int)
    splitChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._image: QImage | None = None
        self._mips: list[QImage] = []
        self._before: QImage | None = None
        self._before_mips: list[QImage] = []
        self._mask_img: QImage | None = None
        self._overlay: QImage | None = None
        self._overlay_levels: list[QImage] = []
        self._mask_empty = True
        self._mask_keep = None
        self._mask_shared = False
        self._info: QImage | None = None  # a view laid over the photo (detector confidence, fill methods)
        self._scale = 1.0
        self._offset = QPointF(0, 0)
        self._fit_pending = True
        self._fit_mode = True  # keep fitting on resize until the user zooms
        self.tool = Tool.BRUSH
        self._brush = 24
        self.painting_enabled = True
        self.mask_visible = True
        self.compare = False
        self.show_before = False
        self._split = 0.5
        self._cursor: QPointF | None = None
        self._drag: str | None = None  # "paint", "pan", "split"
        self._last: QPointF | None = None
        self._stroke_before: np.ndarray | None = None
        self._stroke_rect: QRectF | None = None
        self._space = False

    # ---- content -------------------------------------------------------------------------
    def has_image(self) -> bool:
        return self._image is not None

    def image_size(self) -> tuple[int, int]:
        return (self._image.width(), self._image.height()) if self._image else (0, 0)

    def set_image(self, image: QImage | PreparedImage | None, *, keep_view: bool = False,
                  mask: PreparedMask | None = None) -> None:
        """The photo to show; a :class:`PreparedImage` (made in a worker) is shown without any conversion,
        and ``mask`` (prepared too) spares making an empty one for a new photo."""
        old = self.image_size()
        if isinstance(image, PreparedImage):
            image, levels = image.image, image.mips
        else:
            levels = mips(image)
        self._image = image
        self._mips = levels
        if image is None:
            self._mask_img = self._overlay = None
            self._before, self._before_mips = None, []
        elif not keep_view or old != self.image_size():
            self._fit_pending = True
            self._mask_img = None
            self._before, self._before_mips = None, []
        if mask is not None:
            self._use_mask(mask)
        elif image is not None and self._mask_img is None:
            self.set_mask(np.zeros((image.height(), image.width()), np.uint8))
        self._apply_pending_fit()
        self.update()

    def set_before(self, image: QImage | PreparedImage | None) -> None:
        """The original shown on the left of the split (or while holding compare)."""
        if isinstance(image, PreparedImage):
            self._before, self._before_mips = image.image, image.mips
        else:
            self._before, self._before_mips = image, mips(image)
        self.update()

    @property
    def info_overlay(self) -> QImage | None:
        return self._info

    def set_info_overlay(self, image: QImage | None) -> None:
        """An RGBA picture of the photo's size drawn over it, or None to remove it."""
        self._info = image
        self.update()

    def set_mask(self, mask: np.ndarray | PreparedMask) -> None:
        if not isinstance(mask, PreparedMask):
            mask = prepare_mask(mask)
        self._use_mask(mask)
        self.update()

    def _use_mask(self, mask: PreparedMask) -> None:
        self._mask_img, self._overlay = mask.gray, mask.overlay
        self._overlay_levels = mask.levels or [mask.overlay]
        self._mask_empty = mask.empty
        self._mask_keep = mask  # the arrays behind the images live as long as they are shown
        self._mask_shared = True  # prepared images may be shown again (undo): paint on copies

    def mask(self) -> np.ndarray:
        """The painted mask as (H, W) uint8, 255 marking damage."""
        if self._mask_img is None:
            return np.zeros((0, 0), np.uint8)
        return qimage_to_gray(self._mask_img)

    def apply_edit(self, edit: MaskEdit, undo: bool) -> None:
        m = self.mask()
        x0, y0, x1, y1 = edit.rect
        m[y0:y1, x0:x1] = edit.before if undo else edit.after
        self.set_mask(m)

    # ---- view ----------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        return self._scale

    def fit(self) -> None:
        if not self._image:
            return
        w, h = self.image_size()
        s = min(self.width() / w, self.height() / h) * 0.98
        self._set_scale(min(max(s, MIN_SCALE), 8.0), keep=None)
        self._offset = QPointF((self.width() - w * self._scale) / 2, (self.height() - h * self._scale) / 2)
        self._fit_mode = True
        self.update()

    def actual_size(self) -> None:
        if not self._image:
            return
        w, h = self.image_size()
        self._set_scale(1.0, keep=None)
        self._offset = QPointF((self.width() - w) / 2, (self.height() - h) / 2)
        self._fit_mode = False
        self.update()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        if not self._image:
            return
        anchor = anchor or QPointF(self.width() / 2, self.height() / 2)
        self._set_scale(self._scale * factor, keep=anchor)
        self._fit_mode = False
        self.update()

    def _set_scale(self, s: float, keep: QPointF | None) -> None:
        s = min(max(s, MIN_SCALE), MAX_SCALE)
        if keep is not None:
            img_pt = self.to_image(keep)
            self._offset = QPointF(keep.x() - img_pt.x() * s, keep.y() - img_pt.y() * s)
        self._scale = s
        self.zoomChanged.emit(s)

    def to_image(self, p: QPointF) -> QPointF:
        return QPointF((p.x() - self._offset.x()) / self._scale, (p.y() - self._offset.y()) / self._scale)

    def to_widget(self, p: QPointF) -> QPointF:
        return QPointF(p.x() * self._scale + self._offset.x(), p.y() * self._scale + self._offset.y())

    def _apply_pending_fit(self) -> None:
        if self._fit_pending and self._image is not None and self.width() > 0:
            self._fit_pending = False
            self.fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit_mode and self._image is not None:
            self._fit_pending = True
        self._apply_pending_fit()

    # ---- brush ---------------------------------------------------------------------------
    @property
    def brush_size(self) -> int:
        return self._brush

    def set_brush_size(self, size: int) -> None:
        size = int(min(max(size, MIN_BRUSH), MAX_BRUSH))
        if size != self._brush:
            self._brush = size
            self.brushSizeChanged.emit(size)
            self.update()

    def set_split(self, frac: float) -> None:
        self._split = min(max(frac, 0.0), 1.0)
        self.splitChanged.emit(self._split)
        self.update()

    @property
    def split(self) -> float:
        return self._split

    def _paint_segment(self, a: QPointF, b: QPointF) -> None:
        if self._mask_img is None:
            return
        if self._mask_shared:
            self._mask_img, self._overlay = self._mask_img.copy(), self._overlay.copy()
            self._mask_shared = False
        # The smaller copies no longer match; the full-size overlay is drawn until the next prepared mask.
        self._overlay_levels = [self._overlay]
        self._mask_empty = False
        erase = self.tool == Tool.ERASER
        for target, color in ((self._mask_img, QColor(0, 0, 0) if erase else QColor(255, 255, 255)),
                              (self._overlay, QColor(255, 48, 48))):
            p = QPainter(target)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            if erase and target is self._overlay:
                p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            pen = QPen(color, self._brush, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            if a == b:
                p.setBrush(color)
                p.setPen(Qt.PenStyle.NoPen)
                p.drawEllipse(a, self._brush / 2, self._brush / 2)
            else:
                p.drawLine(a, b)
            p.end()
        r = self._brush / 2 + 2
        seg = QRectF(min(a.x(), b.x()) - r, min(a.y(), b.y()) - r, abs(a.x() - b.x()) + 2 * r, abs(a.y() - b.y()) + 2 * r)
        self._stroke_rect = seg if self._stroke_rect is None else self._stroke_rect.united(seg)

    def _finish_stroke(self) -> None:
        if self._stroke_before is None or self._stroke_rect is None:
            self._stroke_before = None
            return
        w, h = self.image_size()
        r = self._stroke_rect
        x0, y0 = max(0, int(r.left())), max(0, int(r.top()))
        x1, y1 = min(w, int(r.right()) + 1), min(h, int(r.bottom()) + 1)
        after = self.mask()
        before = self._stroke_before
        self._stroke_before, self._stroke_rect = None, None
        if x1 <= x0 or y1 <= y0:
            return
        b, a = before[y0:y1, x0:x1].copy(), after[y0:y1, x0:x1].copy()
        if np.array_equal(a, b):
            return
        self.strokeFinished.emit(MaskEdit((x0, y0, x1, y1), b, a))

    # ---- events --------------------------------------------------------------------------
    def _split_x(self) -> float:
        w, _ = self.image_size()
        return self._offset.x() + self._split * w * self._scale

    def _comparing(self) -> bool:
        return self.compare and self._before is not None

    def mousePressEvent(self, e: QMouseEvent) -> None:
        pos = e.position()
        if not self._image:
            return
        if e.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.RightButton) or (
                e.button() == Qt.MouseButton.LeftButton and self._space):
            self._drag, self._last = "pan", pos
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif e.button() == Qt.MouseButton.LeftButton and self._comparing() and abs(pos.x() - self._split_x()) < 8:
            self._drag = "split"
        elif e.button() == Qt.MouseButton.LeftButton and self.painting_enabled and self._mask_img is not None:
            self._drag = "paint"
            self._stroke_before = self.mask()
            self._stroke_rect = None
            p = self.to_image(pos)
            self._paint_segment(p, p)
            self._last = p
            self.update()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        pos = e.position()
        self._cursor = pos
        if self._drag == "pan" and self._last is not None:
            self._offset += pos - self._last
            self._last = pos
            self._fit_mode = False
        elif self._drag == "split":
            w, _ = self.image_size()
            self.set_split((pos.x() - self._offset.x()) / max(w * self._scale, 1e-9))
        elif self._drag == "paint" and self._last is not None:
            p = self.to_image(pos)
            self._paint_segment(self._last, p)
            self._last = p
        elif self._comparing() and abs(pos.x() - self._split_x()) < 8:
            self.setCursor(Qt.CursorShape.SplitHCursor)
        else:
            self.setCursor(Qt.CursorShape.CrossCursor if self.painting_enabled else Qt.CursorShape.ArrowCursor)
        self.update()

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if self._drag == "paint":
            self._finish_stroke()
        self._drag, self._last = None, None
        self.setCursor(Qt.CursorShape.CrossCursor if self.painting_enabled else Qt.CursorShape.ArrowCursor)
        self.update()

    def leaveEvent(self, e) -> None:
        self._cursor = None
        self.update()

    def wheelEvent(self, e: QWheelEvent) -> None:
        steps = e.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.25 ** steps, e.position())

    def keyPressEvent(self, e) -> None:
        if e.key() == Qt.Key.Key_Space and not e.isAutoRepeat():
            self._space = True
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().keyPressEvent(e)

    def keyReleaseEvent(self, e) -> None:
        if e.key() == Qt.Key.Key_Space and not e.isAutoRepeat():
            self._space = False
            self.setCursor(Qt.CursorShape.CrossCursor)
            return
        super().keyReleaseEvent(e)

    # ---- drawing -------------------------------------------------------------------------
    def paintEvent(self, e) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(130))
        if self._image is None:
            p.end()
            return
        w, h = self.image_size()
        target = QRectF(self._offset.x(), self._offset.y(), w * self._scale, h * self._scale)
        smooth = self._scale < 1.0
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        if self.show_before and self._before is not None:
            self._draw_scaled(p, target, self._before_mips)
        elif self._comparing():
            sx = self._split_x()
            p.save()
            p.setClipRect(QRectF(0, 0, sx, self.height()))
            self._draw_scaled(p, target, self._before_mips)
            p.restore()
            p.save()
            p.setClipRect(QRectF(sx, 0, self.width() - sx, self.height()))
            self._draw_scaled(p, target, self._mips)
            p.restore()
        else:
            self._draw_scaled(p, target, self._mips)
        if self._info is not None and not self.show_before:
            p.drawImage(target, self._info)
        if self.mask_visible and self._overlay is not None and not self.show_before and not self._mask_empty:
            p.setOpacity(0.45)
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            self._draw_scaled(p, target, self._overlay_levels)
            p.setOpacity(1.0)
        if self._comparing() and not self.show_before:
            sx = self._split_x()
            p.setPen(QPen(QColor(255, 255, 255), 2))
            p.drawLine(QPointF(sx, target.top()), QPointF(sx, target.bottom()))
            p.setBrush(QColor(255, 255, 255))
            p.drawEllipse(QPointF(sx, target.center().y()), 7, 7)
            p.setPen(QColor(255, 255, 255))
            p.drawText(QRectF(sx - 110, target.top() + 6, 100, 20),
                       int(Qt.AlignmentFlag.AlignRight), self.tr("Before"))
            p.drawText(QRectF(sx + 10, target.top() + 6, 100, 20), int(Qt.AlignmentFlag.AlignLeft), self.tr("After"))
        if self._cursor is not None and self.painting_enabled and self._drag != "pan":
            r = self._brush / 2 * self._scale
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor(0, 0, 0), 1))
            p.drawEllipse(self._cursor, r + 1, r + 1)
            p.setPen(QPen(QColor(255, 255, 255), 1))
            p.drawEllipse(self._cursor, r, r)
        p.end()

    def _draw_scaled(self, p: QPainter, target: QRectF, mips: list[QImage]) -> None:
        # Pick the smallest pre-shrunk copy that still has at least one source pixel per screen pixel.
        img = mips[0]
        for m in mips[1:]:
            if m.width() >= target.width():
                img = m
        p.drawImage(target, img)
