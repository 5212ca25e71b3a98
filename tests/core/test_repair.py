import threading

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.core.jobs import Cancelled
from studio.core.errors import StudioError
from studio.core.photo.methods import available_methods
from studio.core.photo.inpainter import OpenCVInpainter
from studio.core.photo.methods import get_method
from studio.core.photo.repair import mask_regions, repair_image
from tests.conftest import natural_image, stroke_mask


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 10 * np.log10(255 ** 2 / max(mse, 1e-12))


CLASSICAL = ["ns", "telea"]


@pytest.mark.parametrize("method", CLASSICAL)
def test_repair_restores_a_damaged_photo(method):
    clean = natural_image()
    mask = stroke_mask()
    damaged = clean.copy()
    damaged[mask] = 255  # white scratches
    out = repair_image(damaged, mask, method)
    assert psnr(out[mask], clean[mask]) > psnr(damaged[mask], clean[mask]) + 15
    assert psnr(out[mask], clean[mask]) > 25


@pytest.mark.parametrize("method", CLASSICAL)
def test_crops_give_the_same_result_as_the_whole_image(method):
    img = natural_image(300, 400)
    mask = np.zeros((300, 400), bool)
    mask[50:60, 50:120] = True
    mask[200:230, 300:310] = True
    mask[150, 10:390] = True
    flag = {"telea": cv2.INPAINT_TELEA, "ns": cv2.INPAINT_NS}[method]
    full = cv2.inpaint(cv2.cvtColor(img, cv2.COLOR_RGB2BGR), mask.astype(np.uint8) * 255, 5, flag)
    assert np.array_equal(repair_image(img, mask, method), cv2.cvtColor(full, cv2.COLOR_BGR2RGB))


@settings(max_examples=25, deadline=None)
@given(
    h=st.integers(8, 80), w=st.integers(8, 80), seed=st.integers(0, 10_000),
    density=st.floats(0.0, 0.3), method=st.sampled_from([m.name for m in available_methods()]),
)
def test_pixels_outside_the_mask_are_bit_identical(h, w, seed, density, method):
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    mask = rng.random((h, w)) < density
    out = repair_image(img, mask, method)
    assert out.shape == img.shape and out.dtype == np.uint8
    assert np.array_equal(out[~mask], img[~mask])
    assert img is not out


def test_empty_mask_returns_an_unchanged_copy():
    img = natural_image(32, 32)
    out = repair_image(img, np.zeros((32, 32), bool))
    assert np.array_equal(out, img)


def test_wrong_mask_size_is_a_clear_error():
    with pytest.raises(StudioError, match="mask is 10×10 but the image is 32×32"):
        repair_image(natural_image(32, 32), np.ones((10, 10), bool))


def test_unknown_method_is_a_clear_error():
    with pytest.raises(StudioError, match="unknown repair method 'magic'"):
        repair_image(natural_image(32, 32), np.ones((32, 32), bool), "magic")


def test_progress_is_reported_and_cancel_stops_between_regions():
    img = natural_image(400, 400)
    mask = np.zeros((400, 400), bool)
    for y in range(20, 400, 80):
        for x in range(20, 400, 80):
            mask[y:y + 3, x:x + 3] = True  # 25 specks far enough apart to get crops of their own
    calls = []
    repair_image(img, mask, "telea", progress=lambda d, t, m: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] and len(calls) > 5
    cancel = threading.Event()

    def stop_early(done, total, msg):
        if done > 0:
            cancel.set()

    with pytest.raises(Cancelled):
        repair_image(img, mask, "telea", progress=stop_early, cancel=cancel)


def test_crowded_holes_share_one_crop():
    img = natural_image(200, 200)
    mask = np.zeros((200, 200), bool)
    for y in range(10, 200, 40):
        for x in range(10, 200, 40):
            mask[y:y + 3, x:x + 3] = True
    regions, _ = mask_regions(mask, get_method("telea"))
    assert len(regions) == 1  # 25 overlapping crops would cost more than one around them all
    out = repair_image(img, mask, "telea")
    assert np.array_equal(out[~mask], img[~mask]) and not np.array_equal(out[mask], img[mask])


def test_large_photo_cost_follows_the_hole():
    """A 24-megapixel photo with a small hole is repaired by touching only a crop around it."""
    img = np.zeros((4000, 6000, 3), np.uint8)
    img[:] = (90, 120, 150)
    mask = np.zeros((4000, 6000), bool)
    cv2.circle(mask.view(np.uint8), (3000, 2000), 60, 1, -1)
    seen = []

    class Spy(OpenCVInpainter):
        def inpaint(self, rgb, m, cancel=None):
            seen.append(rgb.shape)
            return super().inpaint(rgb, m, cancel)

    spy = Spy("spy", "spy", cv2.INPAINT_TELEA, "")
    out = repair_image(img, mask, spy)
    assert len(seen) == 1 and seen[0][0] * seen[0][1] < 200 * 200
    assert np.array_equal(out[~mask], img[~mask])
    assert np.abs(out[mask].mean(axis=0) - (90, 120, 150)).max() < 3  # filled with the photo's own colour


def test_texture_fill_continues_a_pattern_that_smooth_methods_blur():
    yy, xx = np.mgrid[0:160, 0:200]
    stripes = (127 + 100 * np.sign(np.sin((xx + 2 * yy) / 4.0))).astype(np.uint8)
    img = np.dstack([stripes, stripes // 2, 255 - stripes])
    mask = np.zeros((160, 200), bool)
    mask[60:100, 80:130] = True
    texture = repair_image(img, mask, "patch")
    telea = repair_image(img, mask, "telea")
    assert np.array_equal(texture[~mask], img[~mask])
    assert psnr(texture[mask], img[mask]) > psnr(telea[mask], img[mask]) + 8


def test_texture_fill_stops_when_cancelled():
    from studio.core.photo.texture_fill import TextureInpainter

    cancel = threading.Event()
    mask = np.zeros((120, 160), bool)
    mask[40:80, 60:110] = True
    real = TextureInpainter.inpaint
    started = []

    def cancel_once_started(self, rgb, m, cancel=None):
        started.append(True)
        cancel.set()  # the fill itself must notice, not only repair_image before it starts
        return real(self, rgb, m, cancel=cancel)

    TextureInpainter.inpaint = cancel_once_started
    try:
        with pytest.raises(Cancelled):
            repair_image(natural_image(120, 160), mask, TextureInpainter(), cancel=cancel)
    finally:
        TextureInpainter.inpaint = real
    assert started
