import numpy as np

from studio.core.photo.damage import DamageParams, add_synthetic_damage, detect_classical, precision_recall
from tests.conftest import natural_image

CLASSICAL = DamageParams(detector="classical")


def detect_damage(rgb, params=CLASSICAL):
    return detect_classical(rgb, params)


def _photo(seed=0):
    return natural_image(240, 320, seed=seed)


def test_finds_dust_and_scratches_and_leaves_clean_photos_alone():
    rng = np.random.default_rng(3)
    precisions, recalls = [], []
    for seed in range(3):
        clean = _photo(seed)
        damaged, truth = add_synthetic_damage(clean, rng, dust=25, scratches=2, tears=1)
        p, r = precision_recall(detect_damage(damaged), truth)
        precisions.append(p)
        recalls.append(r)
        assert detect_damage(clean).mean() < 0.005  # (almost) nothing marked on a clean photo
    assert np.mean(precisions) > 0.6 and np.mean(recalls) > 0.5


def test_sensitivity_trades_recall_for_precision():
    rng = np.random.default_rng(5)
    clean = _photo(1)
    damaged, truth = add_synthetic_damage(clean, rng, dust=60)
    # Faint marks only a sensitive setting should find.
    faint = damaged.copy()
    for y, x in rng.integers(20, 220, (30, 2)):
        faint[y:y + 3, x:x + 3] = np.clip(clean[y:y + 3, x:x + 3].astype(int) + 45, 0, 255)
        truth[y:y + 3, x:x + 3] = True
    low = detect_damage(faint, DamageParams(sensitivity=0.0, detector="classical"))
    high = detect_damage(faint, DamageParams(sensitivity=1.0, detector="classical"))
    (p_low, r_low), (p_high, r_high) = precision_recall(low, truth), precision_recall(high, truth)
    assert r_high > r_low + 0.03  # a higher sensitivity finds more of the real damage...
    assert p_low > p_high + 0.05  # ...and a lower one marks less that isn't
    assert high.sum() > low.sum()


def test_precision_recall_counts_pixels():
    truth = np.zeros((20, 20), bool)
    truth[5:10, 5:10] = True
    assert precision_recall(truth, truth) == (1.0, 1.0)
    empty = np.zeros_like(truth)
    assert precision_recall(empty, truth)[1] == 0.0


def test_real_photos_with_synthetic_damage(shared_data):
    from studio.core.images import load_rgb
    from studio.core.images import find_images

    rng = np.random.default_rng(0)
    stats = []
    for f in find_images(shared_data / "bsds500" / "test")[:10]:
        img = load_rgb(f)
        damaged, truth = add_synthetic_damage(img, rng)
        stats.append(precision_recall(detect_damage(damaged), truth) + (detect_damage(img).mean(),))
    p, r, false = np.mean(stats, axis=0)
    assert p > 0.55 and r > 0.4 and false < 0.02
