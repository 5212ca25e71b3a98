"""Installing Studio into a Linux desktop: menu entry, icons, "Open with" for images and videos."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .core.paths import resources_dir


def launcher() -> str:
    """The command a desktop entry should run."""
    if getattr(sys, "frozen", False):
        return str(Path(sys.executable).resolve())
    found = shutil.which("studio")
    return found or f"{sys.executable} -m studio"


def _targets(prefix: Path) -> list[tuple[Path, Path]]:
    res = resources_dir()
    pairs = [(res / "desktop" / "studio.desktop", prefix / "applications" / "studio.desktop"),
             (res / "icons" / "studio.svg", prefix / "icons" / "hicolor" / "scalable" / "apps" / "studio.svg")]
    for png in sorted((res / "icons").glob("studio-*.png")):
        size = png.stem.split("-")[1]
        pairs.append((png, prefix / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "studio.png"))
    return pairs


def install(prefix: Path | None = None) -> list[Path]:
    """Copy the desktop entry (pointing at this installation) and icons under ``prefix``."""
    prefix = prefix or Path.home() / ".local" / "share"
    written = []
    for src, dst in _targets(prefix):
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.suffix == ".desktop":
            text = src.read_text(encoding="utf-8")
            cmd = launcher()
            text = text.replace("Exec=studio %F", f"Exec={cmd} %F").replace("TryExec=studio\n",
                                                                          f"TryExec={cmd.split()[0]}\n")
            dst.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(src, dst)
        written.append(dst)
    _refresh(prefix)
    return written


def uninstall(prefix: Path | None = None) -> list[Path]:
    prefix = prefix or Path.home() / ".local" / "share"
    removed = []
    for _, dst in _targets(prefix):
        if dst.exists():
            dst.unlink()
            removed.append(dst)
    _refresh(prefix)
    return removed


def _refresh(prefix: Path) -> None:
    # Menus and "Open with" lists pick the entry up sooner; harmless where the tools are missing.
    for cmd in (["update-desktop-database", str(prefix / "applications")],
                ["gtk-update-icon-cache", "-q", "-t", str(prefix / "icons" / "hicolor")]):
        if shutil.which(cmd[0]):
            subprocess.run(cmd, check=False, capture_output=True)
