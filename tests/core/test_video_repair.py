import threading

import numpy as np
import pytest

from studio.core.jobs import Cancelled
from studio.core.errors import StudioError
from studio.core.video.pipeline import VideoRepairOptions, _MaskFeed, _Stats, _stages, preview_frame, repair_video
from studio.core.video.bench import bench_dust, bench_fill, bench_frames, load_clip
from studio.core.video.fill import FillParams, fill_masked
from studio.core.video.flow import FlowEstimator, gray, interpolate
from studio.core.video.frames import FrameCheckReport, replace_broken_frames
from studio.core.video.io import Frame, read_frames
from tests.video_helpers import audio_seconds, frame_count, make_clip, scene

SIZE = (192, 128)


@pytest.fixture(scope="module")
def panning():
    return [scene(i, SIZE) for i in range(40)]


def test_fill_from_neighbours_beats_per_frame_telea(panning):
    res = bench_fill(panning)
    assert res.psnr_ours > res.psnr_telea + 3.0
    assert res.flicker_ours < res.flicker_telea
    assert res.from_other_frames > 0.5


def test_fill_leaves_pixels_outside_the_mask_alone(panning):
    rng = np.random.default_rng(0)
    masks = [rng.random(panning[0].shape[:2]) < 0.05 for _ in panning]
    frames = [Frame(i, None, f.copy(), m) for i, (f, m) in enumerate(zip(panning, masks))]
    out = list(fill_masked(frames, FillParams()))
    assert [f.index for f in out] == list(range(len(panning)))
    for f, original, m in zip(out, panning, masks):
        assert np.array_equal(f.rgb[~m], original[~m])


def test_broken_frames_found_and_rebuilt(panning):
    res = bench_frames(panning, every=8)
    assert res.corrupted >= 4
    assert res.precision >= 0.9 and res.recall >= 0.9
    assert res.psnr_replaced > res.psnr_broken + 15
    assert res.clean_changed == 0


def test_a_cut_to_another_shot_is_not_a_broken_frame():
    a = [scene(i, SIZE) for i in range(12)]
    b = [255 - scene(i + 60, SIZE)[::-1] for i in range(12)]
    rep = FrameCheckReport()
    out = list(replace_broken_frames((Frame(i, None, f) for i, f in enumerate(a + b)), report=rep))
    assert len(out) == 24
    assert rep.replaced == []


def test_dust_found_and_filled(panning):
    res = bench_dust(panning)
    assert res.precision >= 0.9 and res.recall >= 0.9
    assert res.psnr_after > res.psnr_before + 10
    assert res.clean_false_pixels < 0.001


def test_dust_next_to_a_rebuilt_frame_and_at_the_ends_is_cleaned(panning):
    from studio.core.metrics import psnr
    from studio.core.video.bench import add_film_dust

    rng = np.random.default_rng(3)
    dusty, truths = [], []
    for f in panning:
        d, m = add_film_dust(f, rng)
        dusty.append(d)
        truths.append(m)
    flash = 20
    dusty[flash] = np.clip(panning[flash].astype(np.int16) + 90, 0, 255).astype(np.uint8)
    options = VideoRepairOptions(auto_dust=True, auto_frames=True)
    stats = _Stats()
    out = [f.rgb for f in _stages((Frame(i, None, f.copy()) for i, f in enumerate(dusty)), options,
                                  _MaskFeed(None, SIZE), stats, None)]
    assert stats.frames.indices == [flash]
    for i in (0, flash - 1, flash + 1, len(panning) - 1):
        # Every speck is gone: what is left at the speck is close to the clean picture.
        assert psnr(out[i][truths[i]], panning[i][truths[i]]) > psnr(dusty[i][truths[i]], panning[i][truths[i]]) + 8
    # The rebuilt frame is made from cleaned neighbours: their specks leave no ghosts in it.
    ghosts = truths[flash - 1] | truths[flash + 1]
    a, b = dusty[flash - 1], dusty[flash + 1]
    flow = FlowEstimator()
    from_dusty = interpolate(a, b, flow(gray(a), gray(b)), flow(gray(b), gray(a)), 0.5)
    assert psnr(out[flash][ghosts], panning[flash][ghosts]) > psnr(from_dusty[ghosts], panning[flash][ghosts]) + 6


def test_stages_hold_a_bounded_window_of_frames(panning):
    produced = 0

    def source():
        nonlocal produced
        for i in range(200):
            produced += 1
            yield Frame(i, None, panning[i % len(panning)].copy())

    mask = np.zeros(panning[0].shape[:2], bool)
    mask[10:20, 30:60] = True
    options = VideoRepairOptions(mask=mask, auto_dust=True, auto_frames=True)
    ahead = []
    for n, _ in enumerate(_stages(source(), options, _MaskFeed(mask, SIZE), _Stats(), None), start=1):
        ahead.append(produced - n)
    # However long the clip, a stage chain only ever reads a few frames ahead of what it emits.
    assert max(ahead) <= 20
    assert produced == 200


@pytest.fixture
def logo_clip(tmp_path):
    """A panning clip with a white 'logo' burnt in, and the mask that covers it."""
    import av
    from fractions import Fraction

    path = tmp_path / "logo.mp4"
    base = make_clip(tmp_path / "base.mp4", frames=30, size=SIZE)
    mask = np.zeros((SIZE[1], SIZE[0]), bool)
    mask[8:28, 120:176] = True
    with av.open(str(base)) as src, av.open(str(path), "w") as out:
        vs = out.add_stream("libx264", rate=24)
        vs.width, vs.height, vs.pix_fmt = SIZE[0], SIZE[1], "yuv420p"
        vs.options = {"crf": "12", "preset": "ultrafast"}
        for i, f in enumerate(src.decode(video=0)):
            rgb = f.to_ndarray(format="rgb24")
            rgb[mask] = 255
            nf = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            nf.pts, nf.time_base = i, Fraction(1, 24)
            for p in vs.encode(nf):
                out.mux(p)
        for p in vs.encode(None):
            out.mux(p)
    return path, mask


def test_repair_video_within_a_range_only(logo_clip, tmp_path):
    path, mask = logo_clip
    out = tmp_path / "out.mp4"
    rep = repair_video(path, out, VideoRepairOptions(mask=mask, start=10, end=20))
    assert rep.frames == 30 and frame_count(out) == 30
    frames = [f.rgb for f in read_frames(out)]
    logo_level = [float(f[mask].mean()) for f in frames]
    assert all(level > 240 for level in logo_level[:10] + logo_level[20:])
    assert all(level < 200 for level in logo_level[10:20])


def test_repair_video_keeps_audio_and_length(tmp_path):
    src = make_clip(tmp_path / "in.mp4", frames=36, size=SIZE)
    out = tmp_path / "out.mp4"
    rep = repair_video(src, out, VideoRepairOptions(auto_dust=True, auto_frames=True))
    assert rep.audio == "aac"
    assert frame_count(out) == 36
    assert abs(audio_seconds(out) - audio_seconds(src)) < 0.1


def test_cancel_stops_and_writes_nothing(tmp_path):
    src = make_clip(tmp_path / "in.mp4", frames=36, size=SIZE)
    out = tmp_path / "out.mp4"
    cancel = threading.Event()

    def progress(done, total, message):
        if done >= 5:
            cancel.set()

    with pytest.raises(Cancelled):
        repair_video(src, out, VideoRepairOptions(auto_dust=True), progress=progress, cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.mp4"]


def test_refusals_are_clear(tmp_path):
    src = make_clip(tmp_path / "in.mp4", frames=6, size=SIZE, audio=None)
    with pytest.raises(StudioError, match="nothing to do"):
        repair_video(src, tmp_path / "o.mp4", VideoRepairOptions())
    with pytest.raises(StudioError, match="overwrite the input"):
        repair_video(src, src, VideoRepairOptions(auto_dust=True), overwrite=True)
    with pytest.raises(StudioError, match="past the end"):
        repair_video(src, tmp_path / "o.mp4", VideoRepairOptions(auto_dust=True, start=50))
    with pytest.raises(StudioError, match="must come after"):
        repair_video(src, tmp_path / "o.mp4", VideoRepairOptions(auto_dust=True, start=4, end=2))
    with pytest.raises(StudioError, match="mask is 10×10"):
        repair_video(src, tmp_path / "o.mp4", VideoRepairOptions(mask=np.ones((10, 10), bool)))
    assert not (tmp_path / "o.mp4").exists()


def test_preview_repairs_one_frame_like_the_whole_run(logo_clip, tmp_path):
    path, mask = logo_clip
    original, repaired = preview_frame(path, 15, VideoRepairOptions(mask=mask))
    assert original[mask].mean() > 240
    assert repaired[mask].mean() < 200
    assert np.array_equal(original[~mask], repaired[~mask])


def test_real_footage_bars(shared_data):
    clip = load_clip(shared_data / "video" / "car_traffic_small.mp4", 60)
    fill = bench_fill(clip)
    assert fill.psnr_ours > fill.psnr_telea + 3.0
    assert fill.flicker_ours < fill.flicker_telea
    frames = bench_frames(clip, every=10)
    assert frames.precision >= 0.9 and frames.recall >= 0.9
