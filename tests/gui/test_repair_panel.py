import threading
import time

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPointF, Qt

from studio.core.photo import methods as core_methods
from studio.core.photo import repair as core_repair
from studio.core.photo.methods import MethodSpec
from tests.conftest import natural_image
from tests.gui.conftest import dispose
from tests.gui.helpers import drag_stroke, drop_files


def open_by_drop(qtbot, window, paths):
    panel = window.repair_panel
    n = len(panel.docs)
    drop_files(panel, paths)
    qtbot.waitUntil(lambda: len(panel.docs) > n or panel.banner.isVisible(), timeout=10000)
    return panel


def paint_line(panel, frac_a=(0.3, 0.4), frac_b=(0.7, 0.6), steps=12):
    c = panel.canvas
    w, h = c.image_size()
    a = c.to_widget(QPointF(w * frac_a[0], h * frac_a[1]))
    b = c.to_widget(QPointF(w * frac_b[0], h * frac_b[1]))
    pts = [(a.x() + (b.x() - a.x()) * t / steps, a.y() + (b.y() - a.y()) * t / steps) for t in range(steps + 1)]
    drag_stroke(c, pts)


def test_drop_paint_repair_compare_save(qtbot, window, sample_photo, tmp_path):
    panel = open_by_drop(qtbot, window, [sample_photo])
    assert panel.canvas.has_image() and panel.canvas.image_size() == (256, 192)
    assert not panel.actions_by_name["repair"].isEnabled()  # nothing painted yet

    paint_line(panel)
    mask = panel.doc.mask > 0
    assert 200 < mask.sum() < 256 * 192 * 0.3
    assert panel.actions_by_name["repair"].isEnabled()

    with qtbot.waitSignal(panel.repair().result, timeout=20000):
        pass
    out = panel.doc.current
    original = natural_image()
    original_loaded = panel.doc.original
    assert np.array_equal(out[~mask], original_loaded[~mask])
    assert not np.array_equal(out[mask], original_loaded[mask])
    assert panel.doc.dirty and not panel.doc.mask.any()  # the repaired damage is no longer marked
    assert panel.canvas.compare and panel.canvas._before is not None

    # The split can be dragged; holding "see original" shows the original.
    panel.canvas.set_split(0.25)
    assert panel.canvas.split == 0.25
    panel.sidebar.hold.pressed.emit()
    assert panel.canvas.show_before
    panel.sidebar.hold.released.emit()
    shot = panel.canvas.grab()
    assert not shot.isNull()

    assert panel.default_save_path().name == "photo_repaired.jpg"
    target = tmp_path / "photo_repaired.jpg"
    with qtbot.waitSignal(panel.save_to(target).result, timeout=10000):
        pass
    saved = np.asarray(Image.open(target).convert("RGB")).astype(int)
    assert np.abs(saved - out).mean() < 3  # JPEG at quality 95
    assert not panel.doc.dirty
    assert sample_photo.exists() and np.abs(np.asarray(Image.open(sample_photo)).astype(int) - original).mean() < 5


def test_undo_redo_strokes_and_repairs(qtbot, window, sample_photo):
    panel = open_by_drop(qtbot, window, [sample_photo])
    paint_line(panel)
    first = panel.doc.mask.copy()
    panel.set_tool("eraser")
    paint_line(panel, (0.45, 0.45), (0.55, 0.55), steps=4)
    assert panel.doc.mask.sum() < first.sum()
    panel.actions_by_name["undo"].trigger()
    assert np.array_equal(panel.doc.mask, first)
    panel.actions_by_name["undo"].trigger()
    assert not panel.doc.mask.any()
    panel.actions_by_name["redo"].trigger()
    assert np.array_equal(panel.doc.mask, first)
    with qtbot.waitSignal(panel.repair().result, timeout=20000):
        pass
    repaired = panel.doc.current
    panel.undo()
    assert panel.doc.current is panel.doc.original and np.array_equal(panel.doc.mask, first)
    panel.redo()
    assert panel.doc.current is repaired


def test_mask_tools_clear_invert_and_brush_keys(qtbot, window, sample_photo, tmp_path):
    panel = open_by_drop(qtbot, window, [sample_photo])
    panel.invert_mask()
    assert panel.doc.mask.all()
    panel.clear_mask()
    assert not panel.doc.mask.any()
    size = panel.canvas.brush_size
    panel.actions_by_name["larger"].trigger()
    assert panel.canvas.brush_size > size
    assert panel.sidebar.size_spin.value() == panel.canvas.brush_size
    panel.actions_by_name["smaller"].trigger()
    panel.actions_by_name["smaller"].trigger()
    assert panel.canvas.brush_size < size
    paint_line(panel)
    mask_file = tmp_path / "m.png"
    with qtbot.waitSignal(panel.save_mask_file(mask_file).result, timeout=10000):
        pass
    saved = panel.doc.mask.copy()
    panel.clear_mask()
    with qtbot.waitSignal(panel.load_mask_file(mask_file).result, timeout=10000):
        pass
    assert np.array_equal(panel.doc.mask, saved)


def test_zoom_fit_and_pan(qtbot, window, sample_photo):
    panel = open_by_drop(qtbot, window, [sample_photo])
    c = panel.canvas
    fit = c.scale
    c.zoom_by(2.0)
    assert c.scale == pytest.approx(fit * 2)
    c.actual_size()
    assert c.scale == 1.0
    before = c.to_image(QPointF(100, 100))
    drag_stroke(c, [(100, 100), (150, 130)], button=Qt.MouseButton.MiddleButton)
    after = c.to_image(QPointF(100, 100))
    assert after.x() == pytest.approx(before.x() - 50) and after.y() == pytest.approx(before.y() - 30)
    assert not panel.doc.mask.any()  # panning never paints


def test_bad_files_show_a_message_and_good_ones_still_open(qtbot, window, tmp_path, sample_photo):
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    panel = open_by_drop(qtbot, window, [text, sample_photo, empty])
    qtbot.waitUntil(lambda: panel.banner.isVisible(), timeout=5000)
    assert len(panel.docs) == 1
    assert "notes.png" in panel.banner.text() and "empty.jpg" in panel.banner.text()
    assert panel.banner.kind == "error"
    assert panel.filmstrip.count() == 1


def test_several_photos_get_a_filmstrip(qtbot, window, tmp_path):
    paths = []
    for i in range(3):
        p = tmp_path / f"p{i}.png"
        Image.fromarray(natural_image(64 + i * 8, 80, seed=i)).save(p)
        paths.append(p)
    panel = open_by_drop(qtbot, window, [tmp_path])  # a dropped folder opens its images
    qtbot.waitUntil(lambda: len(panel.docs) == 3, timeout=5000)
    assert panel.filmstrip.isVisible() and panel.filmstrip.count() == 3
    panel.filmstrip.setCurrentRow(2)
    assert panel.canvas.image_size() == (80, 80)


def test_repair_failure_is_a_message_not_a_crash(qtbot, window, sample_photo, monkeypatch):
    panel = open_by_drop(qtbot, window, [sample_photo])
    paint_line(panel)

    class Broken(core_repair.Inpainter):
        name, label, description = "broken", "Broken", ""

        def inpaint(self, rgb, mask, cancel=None):
            raise MemoryError

    monkeypatch.setitem(core_methods.METHODS, "broken", MethodSpec("broken", "Broken", "", lambda d: Broken()))
    monkeypatch.setattr(panel.sidebar, "method", lambda: "broken")
    with qtbot.waitSignal(panel.repair().failed, timeout=10000):
        pass
    qtbot.waitUntil(lambda: panel.banner.isVisible())
    assert "memory" in panel.banner.text().lower()
    assert panel.doc.current is panel.doc.original and panel.doc.mask.any()  # nothing lost


def test_cancel_and_closing_the_window_mid_job(qtbot, window, sample_photo, monkeypatch):
    panel = open_by_drop(qtbot, window, [sample_photo])
    paint_line(panel)
    started = threading.Event()

    class Slow(core_repair.Inpainter):
        name, label, description = "slow", "Slow", ""

        def inpaint(self, rgb, mask, cancel=None):
            started.set()
            time.sleep(0.3)
            return rgb

    monkeypatch.setitem(core_methods.METHODS, "slow", MethodSpec("slow", "Slow", "", lambda d: Slow()))
    monkeypatch.setattr(core_repair, "mask_regions", _many_regions(core_repair.mask_regions))
    monkeypatch.setattr(panel.sidebar, "method", lambda: "slow")

    job = panel.repair()
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert window.job_cancel.isVisible()
    with qtbot.waitSignal(job.cancelled, timeout=10000):
        window.job_cancel.click()
    assert panel.doc.current is panel.doc.original

    started.clear()
    job = panel.repair()
    qtbot.waitUntil(started.is_set, timeout=5000)
    window.close()  # must not block, crash, or destroy a running thread
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert not job.is_running()


def _many_regions(real):
    def split(mask, method):
        regions, labels = real(mask, method)
        return regions * 20, labels
    return split


def test_settings_are_remembered(qtbot, window, sample_photo):
    from studio.gui.main_window import MainWindow

    window.repair_panel.canvas.set_brush_size(57)
    window.repair_panel.sidebar.set_method("ns")
    window.repair_panel.sidebar._on_method()
    window.resize(790, 560)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)  # closes once background jobs stop
    again = MainWindow()
    try:
        assert again.repair_panel.canvas.brush_size == 57
        assert again.repair_panel.sidebar.method() == "ns"
        assert (again.width(), again.height()) == (790, 560)
    finally:
        dispose(again, qtbot)


def test_status_bar_shows_the_device(window):
    assert window.device_label.text().startswith(("CPU", "CUDA", "Apple"))


def test_detect_damage_fills_an_editable_mask(qtbot, window, tmp_path):
    from studio.core.photo.damage import add_synthetic_damage

    damaged, truth = add_synthetic_damage(natural_image(240, 320), np.random.default_rng(1))
    path = tmp_path / "scan.png"
    Image.fromarray(damaged).save(path)
    panel = open_by_drop(qtbot, window, [path])
    with qtbot.waitSignal(panel.detect_damage().result, timeout=20000):
        pass
    found = panel.doc.mask > 0
    assert found.any() and (found & truth).sum() > 0.3 * truth.sum()
    assert "Marked" in panel.banner.text()
    panel.undo()  # detection is one undoable step
    assert not panel.doc.mask.any()


def test_enhance_previews_live_then_applies_as_an_undoable_step(qtbot, window, sample_photo):
    panel = open_by_drop(qtbot, window, [sample_photo])
    before = panel.doc.current
    panel.sidebar.enhance_sliders["contrast"].setValue(80)
    qtbot.waitUntil(lambda: panel.enhancer.previewing, timeout=10000)
    assert panel.doc.current is before  # a preview changes nothing yet
    panel.sidebar.upscale_box.setChecked(True)
    with qtbot.waitSignal(panel.enhancer.apply().result, timeout=20000):
        pass
    assert panel.doc.current.shape == (384, 512, 3) and panel.doc.mask.shape == (384, 512)
    assert panel.canvas.image_size() == (512, 384)
    assert panel.sidebar.enhance_values()["contrast"] == 0  # sliders reset after applying
    panel.undo()
    assert panel.doc.current is before and panel.canvas.image_size() == (256, 192)
    panel.redo()
    assert panel.doc.mask.shape == (384, 512)


def test_repair_a_folder_with_detection_pause_and_resume(qtbot, window, tmp_path):
    from studio.core.photo.damage import add_synthetic_damage

    src = tmp_path / "scans"
    (src / "box2").mkdir(parents=True)
    rng = np.random.default_rng(4)
    for i, rel in enumerate(["a.png", "b.png", "box2/c.png"]):
        damaged, _ = add_synthetic_damage(natural_image(160, 200, seed=i), rng)
        Image.fromarray(damaged).save(src / rel)
    (src / "broken.jpg").write_bytes(b"nope")
    dlg = window.repair_panel.open_batch()
    dlg.src.setText(str(src))
    dlg.dst.setText(str(tmp_path / "out"))
    dlg.auto.setChecked(True)
    dlg.method.setCurrentIndex(dlg.method.findData("telea"))
    job = dlg.start()
    dlg.pause_btn.setChecked(True)
    qtbot.wait(300)
    written = len(list((tmp_path / "out").rglob("*.png")))
    qtbot.wait(300)
    assert len(list((tmp_path / "out").rglob("*.png"))) == written  # nothing moves while paused
    dlg.pause_btn.setChecked(False)
    with qtbot.waitSignal(job.result, timeout=30000):
        pass
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.png")) == [
        "a.png", "b.png", "box2/c.png"]
    assert "Repaired 3" in dlg.status.text() and "failed 1" in dlg.status.text()
    assert "broken.jpg" in dlg.log.toPlainText()
    assert dlg.total_bar.value() == dlg.total_bar.maximum()
    qtbot.waitUntil(lambda: dlg.start_btn.isEnabled())
    with qtbot.waitSignal(dlg.start().result, timeout=30000):
        pass
    assert "skipped 3" in dlg.status.text()
    dlg.close()


def test_after_the_sample_dialogs_start_in_the_users_folders(qtbot, window):
    from studio.core.paths import resources_dir
    from studio.gui.folders import start_folder

    panel = window.repair_panel
    panel.open_sample()
    qtbot.waitUntil(lambda: panel.doc is not None, timeout=10000)
    res = resources_dir().resolve()
    assert res not in panel.default_save_path().resolve().parents
    assert res not in [start_folder(window.settings, "last_folder").resolve(),
                       *start_folder(window.settings, "last_folder").resolve().parents]


def test_hold_to_see_original_needs_a_repaired_photo_and_the_brush_fits_a_big_photo(qtbot, window, tmp_path):
    panel = window.repair_panel
    assert not panel.sidebar.hold.isEnabled()
    big = tmp_path / "big.png"
    Image.fromarray(np.zeros((2400, 3200, 3), np.uint8)).save(big)
    panel.open_files([big])
    qtbot.waitUntil(lambda: panel.doc is not None, timeout=10000)
    assert panel.canvas.brush_size >= 3200 // 80
    assert not panel.sidebar.hold.isEnabled()
    # The sidebar says what the brush is on screen, and follows the zoom.
    on_screen = round(panel.canvas.brush_size * panel.canvas.scale)
    assert f"{on_screen} px on screen" in panel.sidebar.screen_size.text()
    panel.canvas.zoom_by(2.0)
    assert f"{round(panel.canvas.brush_size * panel.canvas.scale)} px on screen" in panel.sidebar.screen_size.text()


def test_the_sample_flow_ends_with_a_clean_print(qtbot, window):
    """Following the banner on the sample print (Restore) repairs every defect the sample is known to have."""
    import cv2

    from studio.core.images import load_mask
    from studio.core.paths import resources_dir

    panel = window.repair_panel
    panel.open_sample()
    qtbot.waitUntil(lambda: panel.doc is not None, timeout=10000)
    assert "Restore" in panel.banner._label.text()
    with qtbot.waitSignal(panel.restore().finished, timeout=60000):
        pass
    qtbot.waitUntil(lambda: panel.doc.repaired, timeout=5000)
    doc = panel.doc
    truth = load_mask(resources_dir() / "samples" / "old-photo-mask.png", doc.loaded.size)
    n, labels = cv2.connectedComponents(truth.astype(np.uint8))
    found = doc.mask > 0
    near = cv2.dilate(found.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0  # 2 px tolerance, as the bench
    missed = [tuple(np.argwhere(labels == i).mean(axis=0).round()) for i in range(1, n)
              if near[labels == i].mean() < 0.8]
    assert not missed, f"{len(missed)} of {n - 1} known defects left unrepaired, at (y, x) {missed}"
    # What is marked off the known defects is repaired too and softens the print there: a few pixels only.
    truth_near = cv2.dilate(truth.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert (found & ~truth_near).sum() < 100
    # No pinhole of the mask on a defect: it would stay as a bright or dark dash inside the repair.
    closed = cv2.morphologyEx(found.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) > 0
    assert not (closed & ~found & truth).any()
    changed = np.any(doc.current != doc.original, axis=2)
    assert changed[truth].mean() > 0.75
    panel.undo()
    assert not panel.doc.repaired


def test_views_of_the_detector_confidence_and_of_which_method_filled_which_hole(qtbot, window, sample_photo):
    panel = open_by_drop(qtbot, window, [sample_photo])
    canvas = panel.canvas
    panel.insight.show_confidence.setChecked(True)
    qtbot.waitUntil(lambda: canvas.info_overlay is not None, timeout=20000)
    assert (canvas.info_overlay.width(), canvas.info_overlay.height()) == canvas.image_size()
    panel.insight.show_confidence.setChecked(False)
    assert canvas.info_overlay is None
    paint_line(panel)  # a thick stroke: the learned method fills it
    panel.sidebar.set_method("neural")
    messages = []
    panel.statusMessage.connect(messages.append)
    with qtbot.waitSignal(panel.repair().finished, timeout=30000):
        pass
    panel.insight.show_methods.setChecked(True)
    qtbot.waitUntil(lambda: canvas.info_overlay is not None, timeout=20000)
    assert any(m.startswith("Filled by: neural") for m in messages)
    assert (canvas.info_overlay.width(), canvas.info_overlay.height()) == canvas.image_size()
