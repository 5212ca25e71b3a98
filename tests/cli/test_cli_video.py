import cv2
import numpy as np

from studio.cli import main
from studio.core.video.io import probe
from tests.video_helpers import audio_seconds, frame_count, make_clip


def test_video_command_repairs_and_keeps_audio(tmp_path, capsys):
    src = make_clip(tmp_path / "in.mp4", frames=30)
    mask = np.zeros((96, 160), np.uint8)
    mask[10:30, 100:150] = 255
    cv2.imwrite(str(tmp_path / "logo.png"), mask)
    out = tmp_path / "out.mp4"
    rc = main(["video", str(src), "-o", str(out), "--mask", str(tmp_path / "logo.png"),
               "--auto-dust", "--auto-frames", "--crf", "20"])
    assert rc == 0
    text = capsys.readouterr().out
    assert "30 frames" in text and "audio aac kept" in text and "no broken frames found" in text
    assert frame_count(out) == 30
    assert probe(out).fps == 24
    assert abs(audio_seconds(out) - audio_seconds(src)) < 0.1


def test_video_command_errors(tmp_path, capsys):
    src = make_clip(tmp_path / "in.mp4", frames=6, audio=None)
    assert _exit(["video", str(src), "-o", str(tmp_path / "o.mp4")]) == 2
    assert "nothing to do" in capsys.readouterr().err
    assert main(["video", str(tmp_path / "nope.mp4"), "-o", str(tmp_path / "o.mp4"), "--auto-dust"]) == 1
    assert "nope.mp4: no such file" in capsys.readouterr().err
    (tmp_path / "taken.mp4").write_bytes(b"keep me")
    assert main(["video", str(src), "-o", str(tmp_path / "taken.mp4"), "--auto-dust"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "taken.mp4").read_bytes() == b"keep me"
    assert _exit(["video", str(src), "-o", str(tmp_path / "o.mp4"), "--auto-dust", "--crf", "80"]) == 2


def _exit(argv) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_a_truncated_video_is_reported_not_passed_off_as_complete(tmp_path, capsys):
    whole = make_clip(tmp_path / "in.mkv", frames=60, container_format="matroska")
    data = whole.read_bytes()
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(data[:int(len(data) * 0.4)])
    assert main(["video", str(whole), "-o", str(tmp_path / "whole.mp4"), "--auto-dust"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["video", str(cut), "-o", str(tmp_path / "cut.mp4"), "--auto-dust"]) == 0
    err = capsys.readouterr().err
    assert "warning: the input ended after" in err and "truncated or damaged" in err


def test_a_killed_jobs_hidden_temp_file_is_cleaned_on_the_next_run(tmp_path):
    src = make_clip(tmp_path / "in.mp4", frames=6, audio=None)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    stale = out_dir / ".studio-abc123.mp4"
    stale.write_bytes(b"partial")
    assert main(["video", str(src), "-o", str(out_dir / "o.mp4"), "--auto-dust"]) == 0
    assert not stale.exists() and (out_dir / "o.mp4").exists()


def test_video_command_enhances_in_one_pass_with_repairs(tmp_path, capsys):
    src = make_clip(tmp_path / "in.mp4", frames=24)
    out = tmp_path / "out.mp4"
    rc = main(["video", str(src), "-o", str(out), "--auto-dust", "--denoise", "0.3", "--deflicker", "--fps", "48",
               "--upscale", "2", "--stabilize"])
    assert rc == 0
    text = capsys.readouterr().out
    assert "output: 48 frames at 48 frames/s, 320×192" in text
    info = probe(out)
    assert info.fps == 48 and (info.width, info.height) == (320, 192)
    assert abs(audio_seconds(out) - audio_seconds(src)) < 0.1
    for bad in (["--fps", "fast"], ["--denoise", "3"], ["--upscale", "5"]):
        assert _exit(["video", str(src), "-o", str(tmp_path / "x.mp4"), *bad]) == 2
    assert not (tmp_path / "x.mp4").exists()


def test_bench_video_enhance_prints_each_enhancement_against_its_baseline(tmp_path, capsys):
    src = make_clip(tmp_path / "in.mp4", frames=24, audio=None)
    assert main(["bench", "video-enhance", "--data", str(src), "--frames", "24"]) == 0
    table = capsys.readouterr().out
    for what in ("frame rate", "denoise", "deflicker", "upscale", "stabilise"):
        assert f"| {what}" in table


def test_bench_all_prints_one_table_with_the_machine(capsys):
    assert main(["bench", "all", "--quick"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Measured on ") and "cores" in out
    for what in ("repair, telea", "damage detection, classical", "face generation", "video, denoise",
                 "video, frame rate ×2", "GAN training, Studio's trainer"):
        assert f"| {what} |" in out
