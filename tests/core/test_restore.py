import numpy as np

from studio.core.photo.damage import DamageParams
from studio.core.photo.damage_render import render_damage
from studio.core.metrics import psnr
from studio.core.photo.restore import RestoreOptions, measured_corrections, noise_sigma, restore_photo
from tests.conftest import natural_image


def _full_range(img):
    f = img.astype(np.float32)
    return ((f - f.min()) / (f.max() - f.min()) * 255).astype(np.uint8)


def test_a_clean_sharp_photo_comes_back_bit_identical():
    img = _full_range(natural_image(200, 260, seed=4))
    res = restore_photo(img, RestoreOptions(detector="classical"))
    assert res.enhanced == []
    assert np.array_equal(res.rgb[~res.mask], img[~res.mask])
    assert res.mask.mean() < 0.005


def test_restore_repairs_what_it_finds_and_reports_it():
    clean = natural_image(200, 260, seed=5)
    damaged, alpha, change, _ = render_damage(clean, np.random.default_rng(2), amount=1.0, kinds=("dust", "scratch"),
                                              age=False, scan_noise=False)
    res = restore_photo(damaged, RestoreOptions(method="telea", enhance=False))
    assert res.damage.defects >= 1 and 0 < res.damage.share < 0.3
    assert np.array_equal(res.rgb[~res.mask], damaged[~res.mask])  # nothing outside the mask changed
    assert psnr(res.rgb, clean) > psnr(damaged, clean) + 1.0
    assert "defect" in res.describe()


def test_user_painted_marks_are_repaired_too():
    img = natural_image(120, 160, seed=1)
    painted = np.zeros(img.shape[:2], bool)
    painted[50:60, 40:90] = True
    res = restore_photo(img, RestoreOptions(detector="classical", method="telea", enhance=False), extra_mask=painted)
    assert res.mask[painted].all() and not np.array_equal(res.rgb[painted], img[painted])


def test_gentle_enhancement_acts_only_on_what_it_measures():
    img = _full_range(natural_image(160, 200, seed=2))
    assert measured_corrections(img).is_identity()
    faded = (60 + img.astype(np.float32) * 0.45).astype(np.uint8)
    assert measured_corrections(faded).color > 0
    noisy = np.clip(img + np.random.default_rng(0).normal(0, 14, img.shape), 0, 255).astype(np.uint8)
    assert noise_sigma(noisy) > noise_sigma(img) + 5
    assert measured_corrections(noisy).denoise > 0
    res = restore_photo(faded, RestoreOptions(detector="classical", method="telea"))
    assert "fading" in res.enhanced
    lo, hi = np.percentile(res.rgb, (1, 99))
    assert hi - lo > np.percentile(faded, 99) - np.percentile(faded, 1) + 40


def test_params_reach_the_detector(monkeypatch):
    from studio.core.photo import restore as core_restore

    seen = []
    monkeypatch.setattr(core_restore, "detect_damage", lambda rgb, p, **k: seen.append(p) or np.zeros(rgb.shape[:2], bool))
    restore_photo(natural_image(64, 64), RestoreOptions(sensitivity=0.8, detector="classical", method="telea"))
    assert seen == [DamageParams(sensitivity=0.8, detector="classical")]


def test_undoing_fading_keeps_a_sepia_prints_tone():
    from studio.core.photo.restore import undo_fading

    grey = natural_image(120, 160, seed=3).mean(axis=2, keepdims=True)
    sepia = np.clip(grey * np.array([1.0, 0.85, 0.65]) * 0.5 + 60, 0, 255).astype(np.uint8)  # faded and toned
    out = undo_fading(sepia, 0.6)
    warmth = lambda a: a[..., 0].astype(float).mean() - a[..., 2].astype(float).mean()  # noqa: E731
    assert warmth(out) > warmth(sepia) * 0.8  # still warm: a toned print is not a colour cast to balance away
    lum = lambda a: a.astype(float).mean(axis=2)  # noqa: E731
    assert np.ptp(lum(out)) > np.ptp(lum(sepia)) + 40  # and its contrast is back
