"""The Chinese translation is complete, compiled, and covers what the window shows."""
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu, QTabWidget, QWidget,
)

from studio.core.paths import resources_dir
from tests.gui.conftest import dispose

TS = resources_dir() / "i18n" / "studio_zh_CN.ts"
QM = resources_dir() / "i18n" / "studio_zh_CN.qm"
GUI_SOURCES = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "studio" / "gui").rglob("*.py"))
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[^}]*\}|%[pvm]|\n")


def messages(ts: Path):
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        name = ctx.find("name").text
        for m in ctx.iter("message"):
            yield name, m.find("source").text, m.find("translation")


def test_every_message_is_translated_with_its_placeholders():
    problems = []
    for ctx, src, tr in messages(TS):
        if tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip():
            problems.append(f"{ctx}: {src!r} has no finished translation")
        elif sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(tr.text)):
            problems.append(f"{ctx}: {src!r} → {tr.text!r} changes the placeholders")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")
def test_translation_file_covers_every_string_in_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *GUI_SOURCES, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = {(c, s) for c, s, _ in messages(fresh)}
    in_file = {(c, s) for c, s, _ in messages(TS)}
    missing = sorted(in_code - in_file)
    assert not missing, "strings not in studio_zh_CN.ts (run pyside6-lupdate and translate):\n" + "\n".join(
        f"{c}: {s!r}" for c, s in missing)


def test_compiled_translation_matches_the_source_file(qapp):
    tr = QTranslator()
    assert tr.load(str(QM))
    stale = [(c, s) for c, s, t in messages(TS) if tr.translate(c, s) != t.text]
    assert not stale, f"studio_zh_CN.qm is out of date (run pyside6-lrelease): {stale[:5]}"


def _visible_texts(root: QWidget) -> list[str]:
    texts = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts += [w.text(), w.toolTip()]
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QMenu):
            texts.append(w.title())
        for a in w.actions():
            texts += [a.text(), a.toolTip()]
    return texts


# Words that stay as they are in Chinese text: names, formats, units, technical terms.
KEEP = {"Studio", "OpenCV", "Telea", "Navier", "Stokes", "CPU", "GPU", "JPEG", "WebP", "PNG", "GIF", "MP4", "CRF",
        "SWD", "PSNR", "EMA", "BCE", "DCGAN", "CelebA", "CLAHE", "PatchMatch", "Hinge", "H", "safetensors",
        "English", "fps", "dB", "Ctrl", "Shift", "Space", "cuda", "mps", "img", "align",
        "celeba", "metadata", "csv", "Bertalm", "NVIDIA", "Apple", "AI", "Home", "End", "Del", "Backspace"}


def _untranslated(text: str) -> bool:
    plain = re.sub(r"<[^>]+>", " ", text or "")
    if not plain.strip() or CJK.search(plain):
        return False
    if " " not in plain.strip() and re.search(r"[-_.\d]", plain):
        return False  # an identifier such as a model or file name
    words = [w for w in re.findall(r"[A-Za-z]{2,}", plain) if w not in KEEP]
    return bool(words)


def test_every_visible_string_is_translated(qtbot, qapp):
    translators = []
    from studio.gui import i18n

    translators = i18n.install(qapp, "zh_CN")
    try:
        from studio.gui.main_window import MainWindow
        from studio.gui.panels.batch_dialog import BatchDialog
        from studio.gui.panels.faces_export import ExportDialog

        w = MainWindow()
        w.show()
        qtbot.waitExposed(w)
        texts = []
        for i in range(w.tabs.count()):
            w.tabs.setCurrentIndex(i)
            texts += _visible_texts(w.tabs.widget(i))
        texts += _visible_texts(w)
        for menu in w.menuBar().findChildren(QMenu):
            texts += [a.text() for a in menu.actions()]
        dialogs = [w.show_about(), BatchDialog(w, w.settings, w)]
        from studio.core.registry import list_models

        faces = list_models("faces")
        if faces:
            dialogs.append(ExportDialog(w, w.settings, faces[0].path, 0, 0.8, w))
        shortcuts = w.show_shortcuts()
        texts.append(shortcuts.text())
        for d in dialogs:
            texts += _visible_texts(d) + [d.windowTitle()]
        for d in [*dialogs, shortcuts]:
            d.close()
        bad = sorted({t for t in texts if _untranslated(t)})
        dispose(w, qtbot)
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QCoreApplication.processEvents()
    assert not bad, "visible strings without a translation:\n" + "\n".join(bad)


def test_no_two_buttons_in_one_group_share_a_label_in_chinese(qtbot, qapp):
    from PySide6.QtWidgets import QPushButton

    from studio.gui import i18n
    from studio.gui.main_window import MainWindow

    translators = i18n.install(qapp, "zh_CN")
    try:
        w = MainWindow()
        p = w.training_panel
        for paused in (False, True):
            p.set_paused(paused)  # Pause becomes Continue: it must not read like Resume
            for group in w.findChildren(QGroupBox):
                labels = [b.text() for b in group.findChildren(QPushButton) if b.text()]
                assert len(labels) == len(set(labels)), (group.title(), labels)
        dispose(w, qtbot)
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_toolbar_and_buttons_show_no_access_key_marks_in_chinese(qtbot, qapp):
    from PySide6.QtWidgets import QToolBar, QToolButton

    from studio.gui import i18n
    from studio.gui.main_window import MainWindow

    translators = i18n.install(qapp, "zh_CN")
    try:
        w = MainWindow()
        shown = [b.text() for tb in w.findChildren(QToolBar) for b in tb.findChildren(QToolButton) if b.text()]
        shown += [w.repair_panel.sidebar.repair_button.text(), w.repair_panel.sidebar.restore_button.text()]
        assert shown and not [t for t in shown if re.search(r"\(\w\)$", t)], shown
        dispose(w, qtbot)
    finally:
        for t in translators:
            qapp.removeTranslator(t)
