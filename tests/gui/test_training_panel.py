import time


import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from studio.core.registry import list_models
from studio.core.training.runs import RunFolder
from tests.core.training_helpers import face_like_folder


@pytest.fixture
def panel(window, tmp_path, qtbot):
    faces = face_like_folder(tmp_path / "faces")
    p = window.training_panel
    window.tabs.setCurrentWidget(p)
    p.data_edit.setText(str(faces))
    with qtbot.waitSignal(p._scan_data().result, timeout=10000):
        pass
    p.resolution.setCurrentIndex(0)  # 32 px
    p.batch.setValue(8)
    p.width_spin.setValue(8)
    p.steps.setValue(30)
    p.checkpoint_every.setValue(10)
    p.swd_every.setValue(10)
    return p


def test_dataset_count_and_thumbnails(panel):
    assert panel.data_info.text() == "50 images"  # the two unreadable files are counted, then skipped
    assert panel.thumbs.count() >= 10


def test_training_shows_live_curves_and_samples_and_the_gui_stays_responsive(panel, qtbot, tmp_path):
    gaps, busy = [], []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed(), time.thread_time()]

    def tick():
        now, cpu = clock.elapsed(), time.thread_time()
        gaps.append(now - last[0])
        busy.append((cpu - last[1]) * 1000)  # what the window's own thread worked between two ticks
        last[:] = [now, cpu]

    timer = QTimer(interval=10, timeout=tick)
    timer.start()
    job = panel.start(tmp_path / "run")
    assert not panel.start_btn.isEnabled() and panel.stop_btn.isEnabled()
    with qtbot.waitSignal(job.result, timeout=120000):
        pass
    timer.stop()
    qtbot.waitUntil(lambda: panel._latest_grid is not None and panel.grid_label.pixmap() is not None
                    and not panel.grid_label.pixmap().isNull(), timeout=5000)
    xs, _ = panel.curves.series("loss_g")
    assert xs[-1] == 30
    assert len(panel.curves.series("swd")[0]) == 3
    assert panel.curves.redraws >= 1
    assert "Step 30 of 30" in panel.stats.text()
    assert job.eta_s is not None  # the status bar shows the trainer's own estimate, not a second one
    assert max(busy) < 100, f"the window's thread worked {max(busy):.0f} ms without a break"
    assert max(gaps) < 500, f"GUI thread blocked for {max(gaps)} ms"  # wall time: includes a busy machine
    qtbot.waitUntil(lambda: panel.start_btn.isEnabled())
    assert panel.resume_btn.isEnabled() and panel.use_btn.isEnabled()
    # The trained layers can be looked into: one view per convolution of the generator.
    dlg = panel.show_layers()
    qtbot.waitUntil(lambda: len(dlg.views) > 0, timeout=20000)
    assert dlg.layer.count() == len(dlg.views) and "ConvTranspose2d" in dlg.layer.itemText(0)
    assert not dlg.image.pixmap().isNull()
    dlg.close()


def test_stop_pause_resume_and_use_model(panel, qtbot, tmp_path):
    panel.steps.setValue(100000)
    job = panel.start(tmp_path / "run")
    qtbot.waitUntil(lambda: len(panel.curves.series("loss_g")[0]) >= 3, timeout=60000)
    panel.pause_btn.setChecked(True)
    qtbot.waitUntil(lambda: "Paused" in panel.stats.text(), timeout=10000)
    paused_at = panel._last_step()
    qtbot.wait(300)
    assert panel._last_step() == paused_at
    panel.pause_btn.setChecked(False)
    qtbot.waitUntil(lambda: panel._last_step() > paused_at, timeout=10000)
    with qtbot.waitSignal(job.cancelled, timeout=30000):
        panel.stop_btn.click()
    qtbot.waitUntil(lambda: panel.resume_btn.isEnabled(), timeout=10000)
    stopped = RunFolder(tmp_path / "run").checkpoints()[-1][0]
    assert stopped >= paused_at
    assert "Resume" in panel.banner.text()

    panel.steps.setValue(stopped + 5)
    with qtbot.waitSignal(panel.resume().result, timeout=60000):
        pass
    steps = [r["step"] for r in RunFolder(tmp_path / "run").read_metrics()]
    assert steps == sorted(set(steps)) and steps[-1] == stopped + 5

    qtbot.waitUntil(lambda: panel.use_btn.isEnabled(), timeout=10000)
    panel.use_btn.click()
    qtbot.waitUntil(lambda: any(m.name == "run" for m in list_models("faces")), timeout=10000)


def test_open_a_past_run_shows_its_history(panel, qtbot, tmp_path):
    from studio.core.training.gan import train_gan
    from tests.core.training_helpers import tiny_config

    train_gan(tmp_path / "old", tiny_config(steps=6), panel.data_edit.text())
    with qtbot.waitSignal(panel.open_run(tmp_path / "old").result, timeout=10000):
        pass
    assert panel.curves.series("loss_d")[0] == [1, 2, 3, 4, 5, 6]
    qtbot.waitUntil(lambda: panel.grid_label.pixmap() is not None and not panel.grid_label.pixmap().isNull())
    assert panel.resume_btn.isEnabled()


def test_closing_the_window_during_training_checkpoints_and_closes(panel, window, qtbot, tmp_path):
    panel.steps.setValue(100000)
    panel.checkpoint_every.setValue(100000)
    job = panel.start(tmp_path / "run")
    qtbot.waitUntil(lambda: len(panel.curves.series("loss_g")[0]) >= 2, timeout=60000)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert not job.is_running()
    ckpts = RunFolder(tmp_path / "run").checkpoints()
    assert ckpts and ckpts[-1][0] >= 2  # the final checkpoint written on the way out


def test_training_the_repair_model_shows_psnr_against_opencv_and_joins_the_methods(window, qtbot, tmp_path):
    from PIL import Image

    from tests.conftest import natural_image

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(4):
        Image.fromarray(natural_image(120, 160, seed=i)).save(photos / f"{i}.png")
    p = window.training_panel
    window.tabs.setCurrentWidget(p)
    p.model_type.setCurrentIndex(p.model_type.findData("inpaint"))
    assert not p.resolution.isVisible() and p.batch.value() == 16
    p.data_edit.setText(str(photos))
    p.batch.setValue(4)
    p.steps.setValue(20)
    p.width_spin.setValue(8)
    p.swd_every.setValue(10)
    with qtbot.waitSignal(p.start(tmp_path / "run").result, timeout=120000):
        pass
    xs, ys = p.curves.series("psnr_hole")
    assert xs == [10, 20] and all(y > 10 for y in ys)
    assert p.curves.series("psnr_telea")[0] == [10, 20]
    assert "vs OpenCV" in p.stats.text()
    qtbot.waitUntil(lambda: p.use_btn.isEnabled(), timeout=10000)
    p.use_btn.click()
    combo = window.repair_panel.sidebar.method_combo
    qtbot.waitUntil(lambda: combo.findData("neural") >= 0, timeout=10000)


def test_training_the_damage_detector_shows_detection_curves(window, qtbot, tmp_path):
    from PIL import Image

    from tests.conftest import natural_image

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(4):
        Image.fromarray(natural_image(200, 220, seed=i)).save(photos / f"{i}.png")
    p = window.training_panel
    window.tabs.setCurrentWidget(p)
    p.model_type.setCurrentIndex(p.model_type.findData("damage"))
    assert not p.resolution.isVisible()
    p.data_edit.setText(str(photos))
    p.batch.setValue(2)
    p.steps.setValue(20)
    p.width_spin.setValue(4)
    p.swd_every.setValue(10)
    with qtbot.waitSignal(p.start(tmp_path / "run").result, timeout=120000):
        pass
    assert p.curves.series("precision")[0] == [10, 20] and p.curves.series("clean_marked")[0] == [10, 20]
    assert "precision" in p.stats.text()
    assert {c.opts["name"] for c in p.curves.curves.values()} >= {"precision", "recall", "F1"}
    qtbot.waitUntil(lambda: p.use_btn.isEnabled(), timeout=10000)
    p.use_btn.click()
    qtbot.waitUntil(lambda: "damage detection" in p.banner._label.text(), timeout=10000)


def test_the_data_is_checked_and_what_it_finds_is_left_out_of_the_run(panel, qtbot, tmp_path):
    box = panel.data
    qtbot.waitUntil(lambda: box.report is not None and box.report.resolution == 32, timeout=20000)
    assert "2 unreadable" in box.check_info.text()
    assert box.leave_out.isVisible() and "2 files" in box.leave_out.text()
    job = panel.start(tmp_path / "run")
    with qtbot.waitSignal(job.finished, timeout=120000):
        pass
    recorded = RunFolder(tmp_path / "run").read_config()["train"]["exclude"]
    assert sorted(recorded) == sorted(box.report.unreadable)
    box.leave_out.setChecked(False)
    assert panel.config_from_form().exclude == []
