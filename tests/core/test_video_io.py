from pathlib import Path

import cv2
import numpy as np
import pytest

from studio.core.video.io import MaskSequence, VideoError, VideoWriter, probe, read_frame_range, read_frames
from tests.video_helpers import audio_seconds, frame_count, make_clip


@pytest.fixture
def clip(tmp_path) -> Path:
    return make_clip(tmp_path / "clip.mp4", frames=24)


def test_probe_and_read_every_frame(clip):
    info = probe(clip)
    assert (info.width, info.height) == (160, 96)
    assert info.fps == 24
    assert info.audio_codec == "aac"
    frames = list(read_frames(clip))
    assert [f.index for f in frames] == list(range(24))
    assert frames[0].rgb.shape == (96, 160, 3)


def test_frame_range_matches_sequential_reading(clip):
    frames = list(read_frames(clip))
    part = read_frame_range(clip, 10, 4)
    assert [f.index for f in part] == [10, 11, 12, 13]
    for f in part:
        assert np.array_equal(f.rgb, frames[f.index].rgb)


def test_unreadable_inputs_name_the_file(tmp_path):
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 100)
    with pytest.raises(VideoError, match="broken.mp4"):
        probe(bad)
    with pytest.raises(VideoError, match="no such file"):
        probe(tmp_path / "missing.mp4")
    still = tmp_path / "photo.png"
    cv2.imwrite(str(still), np.zeros((8, 8, 3), np.uint8))
    with pytest.raises(VideoError, match="is an image"):
        probe(still)


def test_truncated_video_gives_the_frames_that_survive(tmp_path):
    # A stream cut short (a copy that stopped half way) in a container that can be read progressively.
    whole = make_clip(tmp_path / "whole.mkv", frames=48, audio=None, container_format="matroska")
    data = whole.read_bytes()
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(data[: len(data) * 2 // 3])
    frames = list(read_frames(cut))
    assert 10 < len(frames) < 48


@pytest.mark.parametrize("audio", ["aac", "pcm_s16le"])
def test_writer_keeps_timing_and_audio(tmp_path, audio):
    src = make_clip(tmp_path / ("src.mp4" if audio == "aac" else "src.mov"), frames=30, audio=audio)
    info = probe(src)
    out = tmp_path / "out.mp4"
    w = VideoWriter(out, info, audio_from=src)
    for f in read_frames(src):
        w.write(f)
    w.close()
    back = probe(out)
    assert frame_count(out) == 30
    assert back.fps == info.fps
    assert abs(back.duration - info.duration) < 0.05
    # PCM cannot go into MP4 as it is: it comes back as AAC, same length.
    assert back.audio_codec == "aac"
    assert abs(audio_seconds(out) - audio_seconds(src)) < 0.1


def test_aborted_write_leaves_nothing_behind(tmp_path, clip):
    out = tmp_path / "out" / "result.mp4"
    w = VideoWriter(out, probe(clip), audio_from=clip)
    w.write(next(read_frames(clip)))
    w.abort()
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


def test_writer_refuses_formats_it_cannot_write(tmp_path, clip):
    with pytest.raises(VideoError, match=r"\.mp4"):
        VideoWriter(tmp_path / "out.gif", probe(clip))


def test_mask_folder_is_read_in_natural_order(tmp_path):
    folder = tmp_path / "masks"
    folder.mkdir()
    for i in (1, 2, 10):
        m = np.zeros((12, 16), np.uint8)
        m[0, i] = 255
        cv2.imwrite(str(folder / f"mask_{i}.png"), m)
    seq = MaskSequence(folder, (16, 12))
    firsts = [int(np.argmax(seq.next()[0])) for _ in range(3)]
    assert firsts == [1, 2, 10]
    assert seq.next() is None


def test_mask_of_the_wrong_size_is_refused(tmp_path):
    p = tmp_path / "m.png"
    cv2.imwrite(str(p), np.zeros((10, 10), np.uint8))
    with pytest.raises(Exception, match="10×10"):
        MaskSequence(p, (16, 12))

