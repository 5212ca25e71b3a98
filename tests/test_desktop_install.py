import subprocess
import sys

from studio import desktop


def test_install_and_uninstall_desktop_entry(tmp_path):
    written = desktop.install(tmp_path)
    entry = tmp_path / "applications" / "studio.desktop"
    assert entry in written
    text = entry.read_text(encoding="utf-8")
    assert "MimeType=image/jpeg;" in text and "video/mp4;" in text
    assert "Exec=studio %F" not in text and "%F" in text  # points at this installation
    assert (tmp_path / "icons" / "hicolor" / "256x256" / "apps" / "studio.png").exists()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "studio.svg").exists()
    removed = desktop.uninstall(tmp_path)
    assert set(removed) == set(written)
    assert not entry.exists()


def test_selftest_passes_offscreen(tmp_path):
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run([sys.executable, "-m", "studio", "--selftest"], capture_output=True, text=True, env=env,
                         timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "5/5 checks passed" in res.stdout
