"""The About dialog: version, device, and every model's card."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from ... import __version__
from ...core.registry import list_models

class AboutDialog(QDialog):
    def __init__(self, device_text: str, parent: QWidget | None = None, in_use: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Studio"))
        self.resize(640, 520)
        head = QLabel(self.tr("<h2>Studio {0}</h2><p>Photo and video repair, face generation and model training.</p>"
                              "<p>Compute device: {1}</p>").format(__version__, device_text))
        head.setWordWrap(True)
        self.in_use = QLabel(in_use)
        self.in_use.setWordWrap(True)
        notice = QLabel(self.tr(
            "Face models trained on CelebA inherit its terms: CelebA is available for non-commercial "
            "research purposes only, and its images are not the property of the dataset's authors. "
            "Generated faces are marked as AI-generated in their metadata."))
        notice.setWordWrap(True)
        self.tabs = QTabWidget()
        for m in list_models():
            view = QTextBrowser()
            view.setOpenExternalLinks(False)
            if m.card_path.exists():
                view.setMarkdown(m.card_path.read_text(encoding="utf-8"))
            else:
                info = m.metadata.get("info", {})
                lines = [f"# {m.name}", "", f"- {self.tr('Architecture')}: {m.arch}"]
                lines += [f"- {k}: {v}" for k, v in info.items()]
                view.setMarkdown("\n".join(lines))
            self.tabs.addTab(view, m.name)
        if self.tabs.count() == 0:
            self.tabs.addTab(QLabel(self.tr("No models installed.")), self.tr("Models"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.in_use)
        lay.addWidget(notice)
        lay.addWidget(QLabel(self.tr("Models")))
        lay.addWidget(self.tabs, 1)
        lay.addWidget(buttons)

    def card_texts(self) -> list[str]:
        return [self.tabs.widget(i).toPlainText() for i in range(self.tabs.count())
                if isinstance(self.tabs.widget(i), QTextBrowser)]
