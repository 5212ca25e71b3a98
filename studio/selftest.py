"""``studio --selftest``: prove an installation or a frozen build works, end to end, offscreen.

Loads every shipped model, repairs the sample photo, generates faces, repairs
and encodes a few video frames with sound, loads the Chinese translation and
opens the main window offscreen. Prints one line per check; exit code 0 only
when all pass. Nothing is written outside a temporary folder.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable


def _output():
    if sys.stdout is not None:
        return sys.stdout
    # A windowed Windows build has no stdout: write to the console it was started from, if any.
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):
            return open("CONOUT$", "w", encoding="utf-8", errors="replace")
    return open(os.devnull, "w")


def run_selftest(out=None) -> int:
    out = out or _output()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="studio-selftest-"))
    os.environ["STUDIO_DATA_DIR"] = str(tmp / "data")
    os.environ["STUDIO_CACHE_DIR"] = str(tmp / "cache")
    results: list[tuple[str, bool, str, float]] = []

    def check(name: str, fn: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail, ok = fn(), True
        except Exception as exc:  # every failure becomes a line in the summary
            detail, ok = f"{type(exc).__name__}: {exc}", False
            if os.environ.get("STUDIO_DEBUG"):
                traceback.print_exc()
        results.append((name, ok, detail, time.perf_counter() - start))
        print(f"{'ok  ' if ok else 'FAIL'} {name:<22} {time.perf_counter() - start:6.2f} s  {detail}", file=out,
              flush=True)

    from . import __version__

    print(f"Studio {__version__} self-test ({sys.executable})", file=out)
    check("models", _check_models)
    check("photo repair", lambda: _check_photo(tmp))
    check("faces", _check_faces)
    check("video", lambda: _check_video(tmp))
    check("window", lambda: _check_window(tmp))
    failed = [r for r in results if not r[1]]
    print(f"{len(results) - len(failed)}/{len(results)} checks passed", file=out)
    return 1 if failed else 0


def _check_models() -> str:
    import torch

    from .core.registry import list_models, load_model

    shipped = [m for m in list_models() if m.source == "shipped"]
    if not shipped:
        raise RuntimeError("no shipped models found")
    for m in shipped:
        net, _ = load_model(m.path)
        # Int8 layers keep their weights packed, outside ``parameters()``; the state dict has them all.
        if not sum(t.numel() for t in net.state_dict().values() if isinstance(t, torch.Tensor)):
            raise RuntimeError(f"{m.name} has no weights")
    return ", ".join(m.name for m in shipped)


def _check_photo(tmp: Path) -> str:
    import numpy as np

    from .core.images import load_image, save_image
    from .core.paths import resources_dir
    from .core.photo.damage import detect_damage
    from .core.photo.repair import repair_image

    img = load_image(resources_dir() / "samples" / "old-photo.jpg")
    mask = detect_damage(img.rgb)
    if not mask.any():
        raise RuntimeError("no damage detected on the sample photo")
    out = repair_image(img.rgb, mask, "neural")
    if not np.array_equal(out[~mask], img.rgb[~mask]) or np.array_equal(out[mask], img.rgb[mask]):
        raise RuntimeError("the repair changed the wrong pixels")
    save_image(tmp / "repaired.jpg", out, like=img)
    return f"{mask.mean():.1%} of the sample marked and repaired with the learned model"


def _check_faces() -> str:
    from .core.faces import FaceGenerator

    faces = FaceGenerator().generate([0, 1, 2, 3], 0.8)
    if faces.shape[0] != 4 or faces.std() < 5:
        raise RuntimeError(f"unexpected faces: shape {faces.shape}, std {faces.std():.1f}")
    return f"4 faces of {faces.shape[2]}×{faces.shape[1]}"


def _check_video(tmp: Path) -> str:
    from .core.paths import resources_dir
    from .core.video.io import probe
    from .core.video.pipeline import VideoRepairOptions, repair_video

    src = resources_dir() / "samples" / "boat-clip.mp4"
    dst = tmp / "clip.mp4"
    rep = repair_video(src, dst, VideoRepairOptions(mask=resources_dir() / "samples" / "boat-clip-mask.png",
                                                    auto_dust=True, auto_frames=True, end=12))
    info = probe(dst)
    if rep.frames != probe(src).frames_hint or not info.audio_codec:
        raise RuntimeError(f"wrote {rep.frames} frames, audio {info.audio_codec}")
    return f"{rep.frames} frames encoded with {info.audio_codec} audio"


def _check_window(tmp: Path) -> str:
    from PySide6.QtCore import QCoreApplication, QSettings

    from .gui import i18n
    from .gui.app import create_app

    app = create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    translators = i18n.install(app, "zh_CN")
    if QCoreApplication.translate("MainWindow", "Photo repair") == "Photo repair":
        raise RuntimeError("the Chinese translation did not load")
    from .gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()
    shot = window.grab()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.jobs.shutdown(10000)
    window.close()
    for t in translators:
        app.removeTranslator(t)
    QCoreApplication.processEvents()
    if shot.isNull():
        raise RuntimeError("the window could not be drawn")
    return f"{shot.width()}×{shot.height()} offscreen; tabs: {' | '.join(tabs)}"
