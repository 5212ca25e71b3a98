import threading

import numpy as np
import pytest
import torch

from studio.core.photo import damage_learned
from studio.core.photo.damage import DamageParams, detect_damage, precision_recall, summarize
from studio.core.photo.damage_learned import LearnedDetector, default_damage_model, mask_from_probability, threshold
from studio.core.photo.damage_render import render_damage, truth_mask
from studio.core.jobs import Cancelled
from studio.core.nets.damage import DamageConfig, DamageNet
from studio.core.registry import find_model, save_model
from tests.conftest import natural_image


def _random_detector(tmp_path) -> LearnedDetector:
    torch.manual_seed(0)
    net = DamageNet(DamageConfig(width=4, depth=2))
    torch.nn.init.normal_(net.head.weight, 0, 1.0)  # an untrained but not constant output
    net.head.bias.data.zero_()
    path = save_model(tmp_path / "tiny.safetensors", net.eval(), "damage-unet", net.cfg.to_dict(), {"threshold": 0.5})
    return LearnedDetector(find_model(str(path)), "cpu")


def test_tiles_give_the_same_probabilities_as_one_pass(tmp_path, monkeypatch):
    det = _random_detector(tmp_path)
    img = natural_image(300, 420, seed=2)
    whole = det.probability(img)
    monkeypatch.setattr(damage_learned, "TILE", 128)
    tiled = det.probability(img)
    assert tiled.shape == img.shape[:2]
    # Tiles see CONTEXT px around them, more than this net's receptive field: no seams.
    assert np.abs(tiled - whole).max() < 1e-4


def test_detection_can_be_cancelled_between_tiles(tmp_path, monkeypatch):
    det = _random_detector(tmp_path)
    monkeypatch.setattr(damage_learned, "TILE", 64)
    cancel = threading.Event()
    seen = []

    def progress(done, total, msg):
        seen.append(done)
        if done == 2:
            cancel.set()

    with pytest.raises(Cancelled):
        det.probability(natural_image(256, 256), progress=progress, cancel=cancel)
    assert seen[-1] == 2


def test_sensitivity_moves_the_threshold_both_ways():
    assert threshold(0.5, 0.4) == pytest.approx(0.4)
    assert threshold(0.0, 0.4) > 0.4 > threshold(1.0, 0.4)
    prob = np.random.default_rng(0).random((64, 64)).astype(np.float32)
    strict = mask_from_probability(prob, threshold(0.0, 0.5), grow=0)
    loose = mask_from_probability(prob, threshold(1.0, 0.5), grow=0)
    assert strict.sum() < loose.sum() and not (strict & ~loose).any()


def test_hysteresis_keeps_the_faint_end_of_a_confident_mark():
    prob = np.zeros((20, 40), np.float32)
    prob[10, 5:20] = 0.9  # the confident part of a scratch
    prob[10, 20:35] = 0.3  # its faint continuation
    prob[3, 30] = 0.3  # an isolated faint pixel: not damage
    mask = mask_from_probability(prob, 0.5, grow=0)
    assert mask[10, 5:35].all() and not mask[3, 30]


@pytest.fixture(scope="module")
def shipped():
    info = default_damage_model()
    if info is None or info.source != "shipped":
        pytest.fail("the damage-detection model is missing from resources/models")
    return info


def test_the_shipped_detector_finds_rendered_damage_and_spares_clean_photos(shipped):
    rng = np.random.default_rng(11)
    stats, clean_share = [], []
    for seed in range(3):
        clean = natural_image(256, 320, seed=seed)
        damaged, alpha, change, _ = render_damage(clean, rng, amount=0.8, age=False, scan_noise=False)
        truth = truth_mask(alpha, change)
        pred = detect_damage(damaged, DamageParams(detector="learned"))
        stats.append(precision_recall(pred, truth, 2))
        clean_share.append(detect_damage(clean, DamageParams(detector="learned")).mean())
    p, r = np.mean(stats, axis=0)
    assert p > 0.6 and r > 0.6, (p, r)
    assert np.mean(clean_share) < 0.01


def test_the_default_detector_is_the_learned_one_when_installed(shipped, monkeypatch):
    calls = []
    real = damage_learned.LearnedDetector.detect
    monkeypatch.setattr(damage_learned.LearnedDetector, "detect", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    detect_damage(natural_image(64, 64))
    assert calls
    calls.clear()
    detect_damage(natural_image(64, 64), DamageParams(detector="classical"))
    assert not calls


def test_summary_counts_separate_marks():
    m = np.zeros((50, 50), bool)
    m[5:8, 5:8] = True
    m[30, 10:40] = True
    s = summarize(m)
    assert s.defects == 2 and s.share == pytest.approx(m.mean())
    assert "2 defects" in str(s)


def test_folding_batchnorm_keeps_the_output():
    from studio.core.nets.damage import fuse_batchnorm

    torch.manual_seed(1)
    net = DamageNet(DamageConfig(width=4, depth=2))
    for m in net.modules():  # statistics of its own, as a trained net has
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-1, 1)
            m.running_var.uniform_(0.5, 2)
    net.eval()
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        before = net(x)
        after = fuse_batchnorm(net)(x)
    assert torch.allclose(before, after, atol=1e-4)
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in net.modules())


def test_a_missing_corner_larger_than_the_networks_view_is_found_whole(shipped):
    import cv2

    from studio.core.photo.damage_render import _torn_corner

    det = LearnedDetector(shipped, "cpu")
    clean = natural_image(1200, 1800, seed=3)
    corner = np.zeros(clean.shape[:2], np.uint8)
    cv2.fillPoly(corner, [_torn_corner(np.random.default_rng(0), 1800, 0, 380).astype(np.int32)], 1)
    torn = clean.copy()
    torn[corner > 0] = (236, 230, 214)  # the paper behind the print
    inside = corner > 0
    # At full resolution the flat paper inside looks like sky; the downscaled overview sees a tear.
    assert det.detect(torn, 0.5, overview=False)[inside].mean() < 0.5
    found = det.detect(torn, 0.5)
    assert found[inside].mean() > 0.8
    assert (found & ~inside).mean() < 0.002
    assert not det.detect(clean, 0.5).any()


def test_a_gap_inside_a_mark_is_marked_but_a_region_it_encloses_is_not():
    prob = np.zeros((80, 80), np.float32)
    prob[10:40, 20:25] = 0.9  # a wide scratch whose middle the network doubts
    prob[20:23, 22] = 0.05
    prob[50:75, 45:75] = 0.9  # a ring around a large clean area
    prob[53:72, 48:72] = 0.0
    prob[0:8, 0:8] = 0.9  # a mark in the corner with a notch open to the border
    prob[0:3, 0:3] = 0.0
    mask = mask_from_probability(prob, 0.5, grow=0)
    assert mask[20:23, 22].all()
    assert not mask[56:70, 51:69].any()
    assert not mask[0:3, 0:3].any()
