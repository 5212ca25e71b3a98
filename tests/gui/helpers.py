from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication


def drop_files(widget, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    for etype in (QEvent.Type.DragEnter, QEvent.Type.Drop):
        if etype == QEvent.Type.DragEnter:
            from PySide6.QtGui import QDragEnterEvent

            ev = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                 Qt.KeyboardModifier.NoModifier)
        else:
            ev = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, ev)
        if etype == QEvent.Type.DragEnter:
            assert ev.isAccepted(), "drag was not accepted"


def _mouse(widget, etype, pos, button, buttons):
    p = QPointF(pos)
    ev = QMouseEvent(etype, p, widget.mapToGlobal(p), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def drag_stroke(widget, points, button=Qt.MouseButton.LeftButton):
    """Press at the first point, move through the rest, release at the last (widget coordinates)."""
    pts = [QPointF(*p) if not isinstance(p, (QPointF, QPoint)) else QPointF(p) for p in points]
    _mouse(widget, QEvent.Type.MouseButtonPress, pts[0], button, button)
    for p in pts[1:]:
        _mouse(widget, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, button)
    _mouse(widget, QEvent.Type.MouseButtonRelease, pts[-1], button, Qt.MouseButton.NoButton)
