import cv2
import numpy as np

from studio.core.photo.scratch_bridge import bridge_scratches
from tests.conftest import natural_image


def _scratched(gap_visible: bool):
    rgb = natural_image(240, 200, seed=4)
    line = np.zeros(rgb.shape[:2], np.uint8)
    cv2.line(line, (60, 10), (80, 230), 1, 3)
    shown = line.astype(bool)
    if not gap_visible:
        shown[90:150] = False  # a scratch that is really broken there
    rgb[shown] = 235
    found = line.astype(bool).copy()
    found[90:150] = False  # the detector lost it for a stretch
    found = cv2.dilate(found.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return rgb, found, line.astype(bool)


def test_a_scratch_found_in_two_pieces_is_joined_where_the_photo_shows_it():
    rgb, found, truth = _scratched(gap_visible=True)
    out = bridge_scratches(found, rgb)
    gap = truth.copy()
    gap[:95] = gap[145:] = False
    assert out[gap].mean() > 0.9  # the lost stretch is marked now
    near = cv2.dilate(truth.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert not (out & ~near).any()  # and nothing off the scratch
    assert (out >= found).all()


def test_a_really_broken_scratch_and_unrelated_marks_stay_apart():
    rgb, found, _ = _scratched(gap_visible=False)
    assert np.array_equal(bridge_scratches(found, rgb), found)
    # Two parallel scratches side by side are not joined across.
    rgb = natural_image(240, 200, seed=5)
    found = np.zeros(rgb.shape[:2], bool)
    for x in (50, 120):
        cv2.line(rgb, (x, 20), (x, 220), (240, 240, 240), 2)
    found[20:100, 49:52] = True
    found[140:220, 119:122] = True
    out = bridge_scratches(found, rgb)
    # Each piece may get the scratch's soft rim, no more: nothing between them, nothing along their lines
    # beyond their ends.
    assert not out[106:134].any()
    assert not out[:, 54:117].any()
    assert not (out[:, :100] & ~found[:, :100]).any(axis=1)[106:].any()


def test_a_wide_scratch_marked_along_one_edge_is_marked_across_its_width():
    rgb = natural_image(240, 200, seed=6)
    cv2.line(rgb, (100, 10), (104, 230), (240, 240, 240), 4)
    truth = np.zeros(rgb.shape[:2], np.uint8)
    cv2.line(truth, (100, 10), (104, 230), 1, 4)
    truth = truth.astype(bool)
    found = truth.copy()
    for y in range(80, 120):  # for a stretch, only its left edge
        left = np.argmax(truth[y])
        found[y, left + 1:] = False
    found = cv2.dilate(found.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    out = bridge_scratches(found, rgb)
    assert out[truth].all()
    near = cv2.dilate(truth.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert not (out & ~near).any()


def test_a_marked_step_edge_is_not_widened():
    rgb = natural_image(240, 200, seed=7)
    rgb[:, 100:] = np.clip(rgb[:, 100:].astype(int) + 90, 0, 255).astype(np.uint8)
    found = np.zeros(rgb.shape[:2], bool)
    found[30:200, 99:102] = True  # the detector took the edge for a line
    assert np.array_equal(bridge_scratches(found, rgb), found)
