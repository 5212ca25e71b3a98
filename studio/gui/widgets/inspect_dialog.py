"""File ▸ Inspect…: what chosen files say about how they were made."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.inspection import inspect_file, summary
from ..jobs import Job


def _inspect_all(paths: list[Path], *, progress=None, cancel=None) -> list:
    out = []
    for n, p in enumerate(paths):
        if cancel is not None and cancel.is_set():
            break
        if progress is not None:
            progress(n, len(paths), p.name)
        out.append(inspect_file(p))
    return out


class InspectDialog(QDialog):
    """Reads the files in a worker (C2PA checks and watermark search take a moment) and lists the findings."""

    def __init__(self, host, paths: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inspect Files"))
        self.resize(720, 480)
        self.status = QLabel(self.tr("Reading {0} file(s)…").format(len(paths)))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)
        self.job = Job(_inspect_all, paths, name="inspect")
        self.job.result.connect(self._show)
        self.job.failed.connect(lambda m: self.status.setText(self.tr("Could not inspect: {0}").format(m)))
        self.finished.connect(lambda _: self.job.cancel())
        host.jobs.start(self.job)

    def _show(self, results: list) -> None:
        made = sum(r.made_by_a_model for r in results)
        self.status.setText(self.tr("{0} of {1} file(s) say a trained model made or changed them.")
                            .format(made, len(results)))
        self.text.setPlainText("\n\n".join("\n".join(summary(r)) for r in results))
