"""Take the README screenshots from the real app, offscreen (run from the repository root).

    python tools/screenshots.py [--lang zh_CN]

Writes docs/screenshots/<tab>.png (or <tab>-<lang>.png; the README shows the
photo-repair one in Chinese). Uses only the shipped
samples and models; a short training run on the sample landscapes fills the
Training tab.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="studio-shots-"))
os.environ["STUDIO_DATA_DIR"] = str(TMP / "data")
os.environ["STUDIO_CACHE_DIR"] = str(TMP / "cache")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402


def pump(app, seconds: float, until=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            return
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    from studio.gui import i18n, theme
    from studio.gui.app import create_app

    app = create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(TMP / "settings"))
    QCoreApplication.setOrganizationName("StudioScreenshots")
    i18n.install(app, args.lang)
    theme.apply(app)
    from studio.gui.main_window import MainWindow

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "en" else f"-{args.lang}"
    w = MainWindow()
    w.resize(1280, 800)
    w.show()
    pump(app, 0.5)

    def shot(name: str) -> None:
        pump(app, 0.3)
        w.grab().save(str(out / f"{name}{suffix}.png"))

    photo = w.repair_panel
    w.tabs.setCurrentWidget(photo)
    photo.open_sample()
    pump(app, 10, lambda: photo.doc is not None)
    job = photo.restore()  # what the sample's banner suggests
    pump(app, 60, lambda: job is not None and not job.is_running())
    photo.sidebar.show_mask.setChecked(False)  # the result itself, not the marks left for review
    photo.banner.hide()
    photo.canvas.set_split(0.5)
    shot("photo-repair")

    w.tabs.setCurrentWidget(w.faces_panel)
    pump(app, 10)
    shot("faces")

    video = w.video_panel
    w.tabs.setCurrentWidget(video)
    video.open_sample()
    pump(app, 10, lambda: video.canvas.has_image() and not video._sample_pending)
    video.seek(24)
    pump(app, 2)
    video.preview()
    pump(app, 30, lambda: video._preview_job is not None and not video._preview_job.is_running())
    video.banner.hide()
    shot("video-repair")

    training = w.training_panel
    w.tabs.setCurrentWidget(training)
    training.use_sample_data()
    training.steps.setValue(120)
    training.swd_every.setValue(40)
    pump(app, 3)
    job = training.start(TMP / "run")
    pump(app, 600, lambda: job is not None and not job.is_running())
    training.banner.hide()
    shot("training")
    w.jobs.shutdown(10000)
    for doc in photo.docs:
        doc.dirty = False  # the sample repair is not worth a "discard changes?" question
    w.close()


if __name__ == "__main__":
    main()
