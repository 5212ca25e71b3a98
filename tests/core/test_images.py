import os

import numpy as np
import pytest
from PIL import Image, ImageCms

from studio.core import images
from studio.core.images import ImageError, load_image, load_mask, save_image
from tests.conftest import natural_image


def test_exif_orientation_is_applied(tmp_path):
    arr = np.zeros((20, 40, 3), np.uint8)
    arr[:, :10] = 255  # white strip on the left of the stored pixels
    img = Image.fromarray(arr)
    exif = img.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    p = tmp_path / "rot.jpg"
    img.save(p, exif=exif.tobytes(), quality=95)
    out = load_image(p)
    assert out.rgb.shape == (40, 20, 3)  # displayed upright: portrait
    assert out.rgb[:10].mean() > 200  # the strip is now on top
    # the saved copy must not be rotated a second time by viewers
    save_image(tmp_path / "again.jpg", out.rgb, like=out)
    assert Image.open(tmp_path / "again.jpg").getexif().get(0x0112, 1) == 1


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "LA", "1"])
def test_odd_modes_load_as_rgb(tmp_path, mode):
    src = Image.fromarray(natural_image(32, 48)).convert(mode)
    p = tmp_path / f"img.{'tif' if mode == 'CMYK' else 'png'}"
    src.save(p)
    out = load_image(p)
    assert out.rgb.shape == (32, 48, 3) and out.rgb.dtype == np.uint8


def test_sixteen_bit_gray_is_scaled_not_clipped(tmp_path):
    arr = (np.linspace(0, 65535, 64 * 16).reshape(16, 64)).astype(np.uint16)
    p = tmp_path / "deep.png"
    Image.fromarray(arr).save(p)
    out = load_image(p).rgb
    assert out[0, 0, 0] == 0 and out[-1, -1, 0] == 255
    assert 100 < out[8, 32, 0] < 160  # mid-grey stays mid-grey


def test_alpha_is_kept_and_written_back(tmp_path):
    rgba = np.dstack([natural_image(16, 16), np.tile(np.arange(16, dtype=np.uint8) * 16, (16, 1))])
    p = tmp_path / "a.png"
    Image.fromarray(rgba, "RGBA").save(p)
    out = load_image(p)
    assert out.alpha is not None and out.alpha[0, 15] == 240
    save_image(tmp_path / "b.png", out.rgb, alpha=out.alpha, like=out)
    assert np.array_equal(np.asarray(Image.open(tmp_path / "b.png"))[..., 3], rgba[..., 3])


def test_icc_profile_survives_a_save(tmp_path):
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    p = tmp_path / "icc.jpg"
    Image.fromarray(natural_image(16, 16)).save(p, icc_profile=icc)
    out = load_image(p)
    save_image(tmp_path / "out.jpg", out.rgb, like=out)
    assert Image.open(tmp_path / "out.jpg").info.get("icc_profile") == icc


def test_bad_files_give_clear_errors(tmp_path):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    text = tmp_path / "notes.png"
    text.write_text("these are not pixels")
    good = tmp_path / "good.jpg"
    Image.fromarray(natural_image()).save(good, quality=90)
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    cases = {empty: "empty", text: "not an image", truncated: "truncated", tmp_path / "missing.png": "not found",
             tmp_path: "folder"}
    for path, words in cases.items():
        with pytest.raises(ImageError) as err:
            load_image(path)
        assert words in str(err.value) and str(path) in str(err.value)


def test_pixel_cap_refuses_decompression_bombs(tmp_path, monkeypatch):
    p = tmp_path / "big.png"
    Image.new("L", (400, 300)).save(p)
    monkeypatch.setattr(images, "MAX_PIXELS", 100_000)
    with pytest.raises(ImageError, match="megapixel"):
        load_image(p)


def test_mask_threshold_and_size_check(tmp_path):
    arr = np.zeros((10, 20, 3), np.uint8)
    arr[2, 3] = (128, 0, 0)  # any channel above 127 counts
    arr[4, 5] = (127, 127, 127)  # exactly 127 does not
    p = tmp_path / "m.png"
    Image.fromarray(arr).save(p)
    m = load_mask(p, (20, 10))
    assert m[2, 3] and not m[4, 5] and m.sum() == 1
    with pytest.raises(ImageError, match="mask is 20×10 but the image is 30×10"):
        load_mask(p, (30, 10))


def test_failed_save_leaves_no_partial_file_and_keeps_existing(tmp_path, monkeypatch):
    target = tmp_path / "out.png"
    target.write_bytes(b"previous result")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    # A full disk shows when the data is flushed to it.
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(ImageError, match="No space left"):
        save_image(target, natural_image(8, 8))
    assert target.read_bytes() == b"previous result"
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]


def test_unwritable_folder_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        # root ignores permission bits: use a path under a file instead
        blocker = tmp_path / "file"
        blocker.write_text("x")
        target = blocker / "out.png"
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        target = folder / "out.png"
    with pytest.raises(ImageError, match="cannot"):
        save_image(target, natural_image(8, 8))


def test_saved_files_have_normal_permissions(tmp_path):
    p = save_image(tmp_path / "x.png", natural_image(8, 8))
    assert p.stat().st_mode & 0o044  # readable by others, like any new file


@pytest.mark.parametrize("ext", ["png", "tif"])
def test_a_16_bit_photo_is_saved_back_at_16_bits_with_its_fine_gradation(tmp_path, ext):
    import cv2

    rng = np.random.default_rng(3)
    deep = rng.integers(0, 65536, (48, 64, 3)).astype(np.uint16)
    deep[:, :, 0] = np.linspace(1000, 1400, 64).astype(np.uint16)  # a gradation finer than 8 bits can hold
    cv2.imwrite(str(tmp_path / f"scan.{ext}"), deep[..., ::-1])
    img = load_image(tmp_path / f"scan.{ext}")
    assert img.bit_depth == 16 and img.deep is not None
    assert np.abs(img.rgb.astype(int) - np.round(deep / 257)).max() == 0
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    img.icc_profile = icc
    edited = img.rgb.copy()
    edited[10:20, 10:30] = (200, 30, 30)
    save_image(tmp_path / f"out.{ext}", edited, like=img)
    out = cv2.imread(str(tmp_path / f"out.{ext}"), cv2.IMREAD_UNCHANGED)[..., ::-1]
    assert out.dtype == np.uint16
    keep = np.ones(deep.shape[:2], bool)
    keep[10:20, 10:30] = False
    assert np.array_equal(out[keep], deep[keep])  # untouched pixels come back bit-identical
    assert np.abs(np.round(out[~keep] / 257) - (200, 30, 30)).max() == 0  # the edit is there
    assert len(np.unique(out[30, :, 0])) > 8  # the gradation was not cut to 8-bit steps
    assert Image.open(tmp_path / f"out.{ext}").info.get("icc_profile") == icc
    # The same photo saved as JPEG is an ordinary 8-bit JPEG.
    save_image(tmp_path / "out.jpg", edited, like=img)
    assert np.asarray(Image.open(tmp_path / "out.jpg")).dtype == np.uint8


def test_a_rotated_16_bit_tiff_keeps_its_depth_and_orientation(tmp_path):
    import tifffile

    deep = np.zeros((20, 40, 3), np.uint16)
    deep[:, :10] = 60000  # bright strip on the left of the stored pixels
    tifffile.imwrite(tmp_path / "rot.tif", deep, photometric="rgb", extratags=[(274, "H", 1, 6, True)])
    img = load_image(tmp_path / "rot.tif")
    assert img.rgb.shape == (40, 20, 3) and img.deep is not None and img.deep.shape == (40, 20, 3)
    assert img.rgb[:10].mean() > 200  # displayed upright, the strip on top
