from fractions import Fraction

import numpy as np
import pytest

from studio.core.errors import StudioError
from studio.core.metrics import psnr
from studio.core.video.deflicker import deflicker_frames
from studio.core.video.enhance import EnhanceOptions, parse_fps
from studio.core.video.enhance_bench import bench_deflicker, bench_denoise, bench_fps, bench_stabilize, bench_upscale
from studio.core.video.io import Frame, probe
from studio.core.video.pipeline import VideoRepairOptions, _MaskFeed, _Stats, _stages, repair_video
from studio.core.video.retime import change_frame_rate
from tests.video_helpers import audio_seconds, frame_count, make_clip, scene

SIZE = (192, 128)


@pytest.fixture(scope="module")
def panning():
    return [scene(i, SIZE) for i in range(36)]


def test_temporal_denoise_beats_the_best_per_frame_non_local_means(panning):
    res = bench_denoise(panning)
    assert res.ours > res.baseline + 1.0


def test_denoise_does_not_ghost_a_moving_object(panning):
    rng = np.random.default_rng(1)
    noisy = [np.clip(f + rng.normal(0, 15, f.shape), 0, 255).astype(np.uint8) for f in panning]
    from studio.core.video.denoise import denoise_frames

    out = [f.rgb for f in denoise_frames((Frame(i, None, n) for i, n in enumerate(noisy)), 0.5)]
    h = SIZE[1]
    for i in (5, 17, 30):
        cx = 20 + (i * 3) % (SIZE[0] - 40)  # the red square of ``scene`` moves 3 px a frame
        box = (slice(h // 2 - 12, h // 2 + 12), slice(cx - 14, cx + 14))
        assert psnr(out[i][box], panning[i][box]) > psnr(noisy[i][box], panning[i][box]) + 3


def test_deflicker_removes_flicker_but_keeps_fades_and_cuts(panning):
    assert bench_deflicker(panning).ours > bench_deflicker(panning).baseline + 6
    fade = [np.clip(f * (1 - 0.02 * i), 0, 255).astype(np.uint8) for i, f in enumerate(panning)]
    kept = [f.rgb for f in deflicker_frames(Frame(i, None, f.copy()) for i, f in enumerate(fade))]
    assert min(psnr(k, f) for k, f in zip(kept, fade)) > 35
    dark = [(f * 0.5).astype(np.uint8) for f in panning[:12]]
    bright = [255 - f[::-1] for f in panning[12:24]]
    cut = [f.rgb for f in deflicker_frames(Frame(i, None, f.copy()) for i, f in enumerate(dark + bright))]
    # Neither shot is pulled towards the other at the cut.
    assert abs(cut[11].mean() - dark[-1].mean()) < 2 and abs(cut[12].mean() - bright[0].mean()) < 2


def test_frame_rate_doubling_rebuilds_dropped_frames_from_motion(panning):
    res = bench_fps(panning)
    assert res.ours > res.baseline + 2


def test_frame_rate_change_keeps_the_duration_and_does_not_blend_a_cut(panning):
    a = panning[:12]
    b = [255 - f[::-1] for f in panning[12:24]]
    frames = (Frame(i, i, f) for i, f in enumerate(a + b))
    out = list(change_frame_rate(frames, Fraction(24), Fraction(1, 24), Fraction(60)))
    assert len(out) == 60  # one second at 24 frames/s is one second at 60
    pts = [f.pts for f in out]
    assert pts == sorted(set(pts)) and pts[1] - pts[0] == 1500  # 1/60 s in 1/90000 units
    for f in out:
        # Around the cut every frame is one shot or the other, never a mix.
        t = f.index / 60 * 24
        if 11 < t < 12:
            assert np.array_equal(f.rgb, a[11]) or np.array_equal(f.rgb, b[0])


def test_upscale_is_at_least_lanczos_and_stabilise_removes_shake(panning):
    up = bench_upscale(panning)
    assert up.ours >= up.baseline
    st = bench_stabilize(panning)
    assert st.ours < st.baseline / 2


def test_enhancements_hold_a_bounded_window(panning):
    produced = 0

    def source():
        nonlocal produced
        for i in range(150):
            produced += 1
            yield Frame(i, None, panning[i % len(panning)].copy())

    options = VideoRepairOptions(enhance=EnhanceOptions(denoise=0.5, deflicker=True, sharpen=0.3, stabilize=1.0))
    ahead = [produced - n for n, _ in enumerate(_stages(source(), options, _MaskFeed(None, SIZE), _Stats(), None),
                                                   start=1)]
    assert produced == 150
    assert max(ahead) <= 12 + 2 + 30 + 2  # the stages' windows, whatever the clip's length


def test_enhanced_video_keeps_duration_and_audio_at_the_new_rate_and_size(tmp_path):
    src = make_clip(tmp_path / "in.mp4", frames=24, fps=24)
    out = tmp_path / "out.mp4"
    options = VideoRepairOptions(enhance=EnhanceOptions(fps=Fraction(48), upscale=2, denoise=0.2))
    rep = repair_video(src, out, options)
    info = probe(out)
    assert (info.width, info.height) == (320, 192) and info.fps == 48
    assert frame_count(out) == 48 and rep.written == 48 and rep.frames == 24
    assert abs(info.duration - 1.0) < 0.05
    assert abs(audio_seconds(out) - audio_seconds(src)) < 0.1


def test_bad_enhancement_settings_are_refused():
    with pytest.raises(StudioError, match="between 0 and 1"):
        VideoRepairOptions(enhance=EnhanceOptions(denoise=2)).validate()
    with pytest.raises(StudioError, match="not a frame rate"):
        parse_fps("fast")
    assert parse_fps("29.97") == Fraction(30000, 1001)
    with pytest.raises(StudioError, match="frame rate"):
        VideoRepairOptions(enhance=EnhanceOptions(fps=Fraction(0))).validate()
