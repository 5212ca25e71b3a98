"""The desktop-product parts: samples to try, one window per user, progress in the title, notifications."""
import os
from pathlib import Path

import pytest

from studio.core.paths import resources_dir
from studio.gui import single_instance


def test_sample_photo_opens_from_the_welcome_page(qtbot, window):
    panel = window.repair_panel
    assert panel.stack.currentWidget() is panel.welcome
    panel.open_sample()
    qtbot.waitUntil(lambda: panel.doc is not None, timeout=10000)
    assert panel.doc.path.name == "old-photo.jpg"
    assert "Restore" in panel.banner._label.text()


def test_sample_clip_opens_with_its_mask(qtbot, window):
    panel = window.video_panel
    assert panel.stack.currentWidget() is panel.welcome
    panel.open_sample()
    qtbot.waitUntil(lambda: panel.canvas.has_image() and not panel._sample_pending, timeout=10000)
    assert panel.stack.currentWidget() is panel.canvas
    assert (panel.canvas.mask() > 0).sum() > 500  # the caption is covered
    assert panel.mode_mask.isChecked() and panel.mode_dust.isChecked() and panel.mode_frames.isChecked()


def test_sample_landscapes_set_up_a_short_training_run(qtbot, window):
    panel = window.training_panel
    assert panel.right_stack.currentWidget() is panel.welcome
    assert "No GPU found" in panel.welcome.hint.text() or window.device.type != "cpu"
    panel.use_sample_data()
    assert panel.kind() == "inpaint"
    assert Path(panel.data_edit.text()) == resources_dir() / "samples" / "landscapes"
    assert panel.steps.value() == 300


def test_a_second_launch_hands_its_files_to_the_running_window(qtbot, window, tmp_path):
    name = f"studio-test-{os.getpid()}"
    received = []
    server = single_instance.InstanceServer(received.append, name=name)
    assert server.is_listening()
    target = tmp_path / "photo.jpg"
    assert single_instance.forward([target], name=name)
    qtbot.waitUntil(lambda: bool(received), timeout=3000)
    assert received == [[target.resolve()]]
    server.deleteLater()


def test_no_running_window_means_no_forwarding(tmp_path):
    assert not single_instance.forward([tmp_path / "x.jpg"], name=f"studio-absent-{os.getpid()}", timeout_ms=100)


def test_title_shows_progress_and_a_background_finish_notifies(qtbot, window, monkeypatch):
    import time

    from studio.gui import main_window
    from studio.gui.jobs import Job

    monkeypatch.setattr(main_window, "NOTIFY_AFTER_S", 0.0)
    monkeypatch.setattr(window, "isActiveWindow", lambda: False)

    def work(*, progress=None, cancel=None):
        for i in range(5):
            progress(i + 1, 10, "")
            time.sleep(0.05)
        return 1

    titles = []
    job = Job(work, name="work")
    window.windowTitleChanged.connect(titles.append)
    window.run_job(job, "Counting sheep")
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    qtbot.wait(50)
    assert any(t.startswith("50% · Counting sheep") for t in titles)
    assert window.windowTitle() == "Studio"
    assert "Counting sheep" in window.last_notification


def test_a_labelled_job_ending_during_an_internal_job_leaves_no_stale_title(qtbot, window):
    import threading

    from studio.gui.jobs import Job

    release = threading.Event()
    internal = window.jobs.start(Job(lambda *, cancel=None: release.wait(10), name="preview"))
    job = Job(lambda *, progress=None: progress(3, 10, ""), name="work")
    window.run_job(job, "Counting sheep")
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: window.windowTitle() == "Studio", timeout=2000)
    assert internal.is_running()  # the preview is still going, and it does not own the status bar
    assert not window.job_progress.isVisible() and not window.job_cancel.isVisible()
    release.set()
    with qtbot.waitSignal(internal.finished, timeout=5000):
        pass


def test_single_instance_is_per_display():
    a = single_instance.server_name({"DISPLAY": ":0"}, "xcb")
    assert a == single_instance.server_name({"DISPLAY": ":0"}, "xcb")
    assert a != single_instance.server_name({"DISPLAY": ":1"}, "xcb")
    assert a != single_instance.server_name({"DISPLAY": ":0"}, "offscreen")
    assert a != single_instance.server_name({"WAYLAND_DISPLAY": "wayland-0"}, "wayland")


def test_language_choice_is_remembered(qtbot, window):
    window.set_language("zh_CN")
    assert window.settings.get("language") == "zh_CN"
    from studio.gui import i18n

    assert i18n.resolve("zh_CN") == "zh_CN"
    assert i18n.resolve("auto") in i18n.LANGUAGES


def test_changing_the_device_reaches_the_learned_repair_and_the_faces(qtbot, window, monkeypatch, tmp_path):
    import numpy as np
    from PIL import Image

    from tests.conftest import natural_image

    from studio.core.photo import repair as core_repair
    from studio.gui.panels import faces_panel

    seen = []
    real_get = core_repair.get_method
    monkeypatch.setattr(core_repair, "get_method", lambda name, device=None: seen.append(("repair", str(device)))
                        or real_get(name, "cpu"))

    class FakeGenerator:  # records where the grid's generator is built
        def __init__(self, path, device):
            self.info, self.device = type("Info", (), {"path": path})(), device
            seen.append(("faces", str(device)))

        def generate(self, seeds, truncation):
            return np.zeros((len(seeds), 8, 8, 3), np.uint8)

    monkeypatch.setattr(faces_panel, "FaceGenerator", FakeGenerator)
    changed = []
    window.context.deviceChanged.connect(changed.append)
    window.set_device("meta")  # a second device that every machine has
    assert [str(d) for d in changed] == ["meta"] and str(window.device) == "meta"
    qtbot.waitUntil(lambda: ("faces", "meta") in seen, timeout=10000)  # the grid is made again on it

    panel = window.repair_panel
    path = tmp_path / "p.png"
    Image.fromarray(natural_image(64, 80)).save(path)
    with qtbot.waitSignal(panel.open_files([path]).finished, timeout=10000):
        pass
    mask = np.zeros((64, 80), np.uint8)
    mask[20:30, 20:40] = 255
    panel._replace_mask(mask)
    panel.sidebar.set_method("neural")
    with qtbot.waitSignal(panel.repair().finished, timeout=20000):
        pass
    assert ("repair", "meta") in seen


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_wrapped_text_is_cut_off_at_a_small_window_size(qtbot, language):
    from PySide6.QtWidgets import QApplication, QLabel

    from studio.gui import i18n
    from studio.gui.main_window import MainWindow
    from tests.gui.conftest import dispose

    app = QApplication.instance()
    translators = i18n.install(app, language)
    try:
        w = MainWindow()
        w.resize(1024, 700)
        w.show()
        qtbot.waitExposed(w)
        for i in range(w.tabs.count()):
            w.tabs.setCurrentIndex(i)
            qtbot.wait(100)
            for label in w.tabs.currentWidget().findChildren(QLabel):
                if label.isVisible() and label.wordWrap() and label.text().strip():
                    need = label.heightForWidth(label.width())
                    assert label.height() >= need - 1, (w.tabs.tabText(i), label.text()[:60], label.height(), need)
        dispose(w, qtbot)
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_notices_do_not_vanish_under_the_cursor(qtbot, window):
    banner = window.repair_panel.banner
    banner.show_info("Marked 1% of the photo.")
    qtbot.wait(200)
    assert banner.isVisible() and not banner._timer.isActive()  # stays: nothing below it jumps
    banner.show_info("Something else")
    assert banner.text() == "Something else"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_custom_coloured_texts_are_readable_in_both_themes(qtbot, window, mode):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    def luminance(c):
        ch = [v / 255 for v in (c.red(), c.green(), c.blue())]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    def contrast(a, b):
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    window.set_theme(mode)
    try:
        pal = QApplication.instance().palette()
        window_bg = pal.color(QPalette.ColorRole.Window)
        # The method description and the welcome hints use the placeholder colour on the window colour.
        assert contrast(pal.color(QPalette.ColorRole.PlaceholderText), window_bg) >= 4.5
        assert contrast(pal.color(QPalette.ColorRole.HighlightedText), pal.color(QPalette.ColorRole.Highlight)) >= 3
        assert contrast(pal.color(QPalette.ColorRole.WindowText), window_bg) >= 7
    finally:
        window.set_theme("system")


def test_a_job_that_knows_its_time_left_has_one_eta_on_screen(qtbot, window):
    """A trainer's own estimate wins over the status bar's timing of progress reports."""
    import threading

    from studio.gui.jobs import Job

    release = threading.Event()
    job = Job(lambda: release.wait(10), name="slow")
    window.run_job(job, "Training")
    job.eta_s = 125.0
    job.progress.emit(10, 100, "")
    assert window.job_label.text() == "Training — 2:05 left"
    release.set()
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass


def test_file_inspect_lists_what_files_say_about_how_they_were_made(qtbot, window, tmp_path):
    from studio.core.faces import FaceGenerator, FaceMeta, encode_face
    from studio.core.paths import resources_dir

    gen = FaceGenerator(None, "cpu")
    face = tmp_path / "face.png"
    face.write_bytes(encode_face(gen.generate([1])[0], "png", FaceMeta(1, 1.0, gen.name, gen.sha256)))
    dlg = window.inspect_files([face, resources_dir() / "samples" / "old-photo.jpg"])
    with qtbot.waitSignal(dlg.job.finished, timeout=20000):
        pass
    assert "1 of 2" in dlg.status.text()
    text = dlg.text.toPlainText()
    assert "trainedAlgorithmicMedia" in text and "C2PA manifest: present, signature valid" in text
    assert "old-photo.jpg (image)" in text and "C2PA manifest: none" in text
    dlg.close()
