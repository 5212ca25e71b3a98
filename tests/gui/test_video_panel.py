import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from studio.core.video.io import read_frames
from tests.gui.helpers import drag_stroke, drop_files
from tests.video_helpers import audio_seconds, frame_count, make_clip


@pytest.fixture
def clip(tmp_path):
    return make_clip(tmp_path / "clip.mp4", frames=30, size=(192, 128))


def open_by_drop(qtbot, window, clip):
    window.tabs.setCurrentWidget(window.repair_panel)
    drop_files(window, [clip])  # dropped on another tab, a video still opens in the Video tab
    panel = window.video_panel
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.canvas.has_image(), timeout=10000)
    return panel


def test_open_scrub_mark_paint_preview_repair_compare(qtbot, window, clip, tmp_path):
    panel = open_by_drop(qtbot, window, clip)
    assert panel.frame_count == 30
    assert panel.canvas.image_size() == (192, 128)
    assert "30 frames" in panel.file_label.text()

    frames = [f.rgb for f in read_frames(clip)]
    panel.seek(12)
    qtbot.waitUntil(lambda: panel.index == 12 and not panel._awaiting, timeout=5000)
    assert "frame 12 / 29" in panel.position_label.text()
    panel.set_in()
    panel.seek(20)
    panel.set_out()
    assert panel.frame_range() == (12, 21)

    # Paint a stroke across the frame: the mask survives moving to another frame.
    c = panel.canvas
    drag_stroke(c, [(c.width() * 0.3, c.height() * 0.5), (c.width() * 0.7, c.height() * 0.5)])
    painted = c.mask() > 0
    assert painted.sum() > 200
    panel.seek(15)
    qtbot.waitUntil(lambda: panel.index == 15 and not panel._awaiting, timeout=5000)
    assert np.array_equal(c.mask() > 0, painted)

    job = panel.preview()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert not panel.banner.isVisible(), panel.banner._label.text()
    qtbot.waitUntil(lambda: c.compare and c._before is not None, timeout=5000)

    out = tmp_path / "out.mp4"
    job = panel.start_repair(out)
    assert not panel.repair_button.isEnabled()  # one run at a time
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    assert out.exists() and frame_count(out) == 30
    assert abs(audio_seconds(out) - audio_seconds(clip)) < 0.1
    assert "30 frames" in panel.report_label.text()
    assert panel.compare_box.isChecked() and panel.compare_box.isEnabled()
    result = [f.rgb for f in read_frames(out)]
    # Outside the marked range frames only went through re-encoding.
    assert np.abs(result[5].astype(int) - frames[5]).mean() < 10  # colour subsampling of a busy texture
    changed = np.abs(result[16].astype(int) - frames[16]).max(axis=2) > 40
    assert changed[painted].mean() > 5 * max(changed[~painted].mean(), 0.001)
    panel.seek(16)
    qtbot.waitUntil(lambda: panel.index == 16 and not panel._awaiting and c._before is not None, timeout=5000)
    assert c.compare


def test_nothing_to_repair_says_so(qtbot, window, clip, tmp_path):
    panel = open_by_drop(qtbot, window, clip)
    panel.mode_mask.setChecked(True)
    panel.mode_dust.setChecked(False)
    panel.mode_frames.setChecked(False)
    assert panel.start_repair(tmp_path / "o.mp4") is None
    assert not panel.banner.isHidden() and "Paint" in panel.banner._label.text()
    assert not (tmp_path / "o.mp4").exists()


def test_broken_file_shows_an_error(qtbot, window, tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all" * 50)
    window.video_panel.open_file(bad)
    qtbot.waitUntil(lambda: not window.video_panel.banner.isHidden(), timeout=5000)
    assert "bad.mp4" in window.video_panel.banner._label.text()
    assert window.video_panel.path is None


def test_playback_advances_without_blocking(qtbot, window, clip):
    panel = open_by_drop(qtbot, window, clip)
    panel.toggle_play()
    ticks = []
    probe = QTimer(interval=20, timeout=lambda: ticks.append(time.monotonic()))
    probe.start()  # the GUI thread keeps serving timers while frames are decoded
    qtbot.waitUntil(lambda: panel.index >= 10, timeout=10000)
    probe.stop()
    assert len(ticks) >= 3 and panel.index >= 10
    panel.toggle_play()
    assert not panel._play_timer.isActive()


def test_cancelled_repair_writes_nothing(qtbot, window, tmp_path):
    clip = make_clip(tmp_path / "long.mp4", frames=120, size=(192, 128))
    panel = open_by_drop(qtbot, window, clip)
    panel.mode_mask.setChecked(False)
    panel.mode_dust.setChecked(True)
    out = tmp_path / "o.mp4"
    job = panel.start_repair(out)
    failed = []
    job.failed.connect(failed.append)
    with qtbot.waitSignal(job.cancelled, timeout=30000):
        job.cancel()
    qtbot.waitUntil(lambda: not job.is_running(), timeout=30000)
    assert not failed  # cancelled, not broken
    assert not out.exists() and not list(tmp_path.glob(".studio-*"))
    assert panel.repair_button.isEnabled()


def test_the_position_label_belongs_to_the_clip_just_opened(qtbot, window, tmp_path):
    a = make_clip(tmp_path / "a.mp4", frames=30)
    b = make_clip(tmp_path / "b.mp4", frames=12)
    panel = window.video_panel
    panel.open_file(a)
    qtbot.waitUntil(lambda: panel.frame_count == 30, timeout=10000)
    assert panel.position_label.text().startswith("frame 0 / 29")
    panel.seek(20)
    panel.open_file(b)
    qtbot.waitUntil(lambda: panel.frame_count == 12, timeout=10000)
    assert panel.position_label.text().startswith("frame 0 / 11")


def test_enhance_previews_live_and_the_clip_is_written_at_the_new_rate(qtbot, window, clip, tmp_path):
    from studio.core.video.io import probe

    panel = open_by_drop(qtbot, window, clip)
    panel.mode_mask.setChecked(False)
    panel.seek(10)
    qtbot.waitUntil(lambda: panel.index == 10 and not panel._awaiting, timeout=5000)
    c = panel.canvas
    assert not c.compare
    with qtbot.waitSignal(panel.statusMessage, timeout=20000,
                          check_params_cb=lambda m: "frame 10" in m and "processed" in m):
        panel.enhance.denoise.setValue(60)  # no button press: the preview follows the slider
        panel.enhance.upscale.setCurrentIndex(panel.enhance.upscale.findData(2))
    assert c.compare and c._before is not None
    assert c.image_size() == (384, 256)  # the preview shows the upscaled frame
    panel.enhance.fps.setCurrentIndex(panel.enhance.fps.findData("48"))
    out = tmp_path / "smooth.mp4"
    job = panel.start_repair(out)
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    info = probe(out)
    assert info.fps == 48 and (info.width, info.height) == (384, 256)
    assert frame_count(out) == 60
    assert "60" in panel.report_label.text()
