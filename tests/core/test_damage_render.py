import numpy as np

from studio.core.photo.damage_render import (KINDS, add_clean_structure, ignore_mask, render_damage, truth_mask)
from tests.conftest import natural_image


def test_every_visible_change_is_in_the_true_mask_or_ignored():
    img = natural_image(160, 200, seed=1)
    for seed in range(5):
        rng = np.random.default_rng(seed)
        damaged, alpha, change, clean = render_damage(img, rng, amount=1.0, age=False, scan_noise=False)
        diff = np.abs(damaged.astype(int) - clean.astype(int)).max(axis=2)
        covered = truth_mask(alpha, change) | ignore_mask(alpha, change)
        assert diff[~covered].max(initial=0) <= 0.08 * 255 + 1  # only faint anti-aliased fringes outside
        assert truth_mask(alpha, change).any()


def test_no_damage_means_an_empty_mask_and_the_same_scan():
    img = natural_image(96, 96)
    rng = np.random.default_rng(3)
    damaged, alpha, change, clean = render_damage(img, rng, amount=0.0)
    assert not truth_mask(alpha, change).any()
    assert np.array_equal(damaged, clean)


def test_each_kind_can_be_drawn_alone():
    img = natural_image(128, 128)
    for kind in KINDS:
        found = False
        for seed in range(20):
            _, alpha, change, _ = render_damage(img, np.random.default_rng(seed), amount=1.0, kinds=(kind,),
                                                age=False, scan_noise=False)
            found = found or truth_mask(alpha, change).any()
        assert found, kind


def test_clean_structure_changes_the_scene_not_the_size():
    img = natural_image(128, 128)
    out = add_clean_structure(img, np.random.default_rng(0))
    assert out.shape == img.shape and out.dtype == np.uint8 and not np.array_equal(out, img)


def test_emphasis_draws_a_kind_more_often_or_not_at_all():
    img = natural_image(128, 128)

    def hair_pixels(emphasis):
        total = 0
        for seed in range(12):
            _, alpha, change, _ = render_damage(img, np.random.default_rng(seed), amount=1.0, kinds=("hair",),
                                                age=False, scan_noise=False, emphasis=emphasis)
            total += int(truth_mask(alpha, change).sum())
        return total

    assert hair_pixels({"hair": 0.0}) == 0
    assert hair_pixels({"hair": 4.0}) > 2 * hair_pixels(None) > 0


def test_a_crop_of_a_large_print_gets_marks_sized_for_the_print():
    img = natural_image(128, 128)

    def pixels(kind, print_size):
        total = 0
        for seed in range(16):
            _, alpha, change, _ = render_damage(img, np.random.default_rng(seed), amount=1.0, kinds=(kind,),
                                                age=False, scan_noise=False, emphasis={kind: 4.0},
                                                print_size=print_size)
            total += int(truth_mask(alpha, change).sum())
        return total

    # Missing corners reach further into the crop, but never fill all of it; lines keep the crop's scale.
    assert pixels("tear", (512, 768)) > 1.5 * pixels("tear", None)
    assert pixels("scratch", (512, 768)) == pixels("scratch", None)
    for seed in range(16):
        _, alpha, change, _ = render_damage(img, np.random.default_rng(seed), amount=1.0, kinds=("tear",),
                                            age=False, scan_noise=False, emphasis={"tear": 4.0},
                                            print_size=(4000, 6000))
        assert truth_mask(alpha, change).mean() < 0.9
