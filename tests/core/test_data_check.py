import json

import cv2
import numpy as np
import pytest

from studio.core.paths import resources_dir
from studio.core.training.data import load_image_folder, load_photos
from studio.core.training.data_check import check_data


@pytest.fixture
def planted(tmp_path):
    """Distinct photos plus every kind of trouble, each planted on purpose."""
    folder = tmp_path / "data"
    folder.mkdir()
    sources = sorted((resources_dir() / "samples" / "landscapes").glob("*.jpg"))
    rng = np.random.default_rng(0)
    base = []
    for i, src in enumerate(sources):
        img = cv2.imread(str(src))
        for k in range(3):  # three different crops of each sample: distinct pictures
            y, x = int(rng.integers(0, img.shape[0] // 3)), int(rng.integers(0, img.shape[1] // 3))
            crop = cv2.resize(img[y:y + img.shape[0] // 2, x:x + img.shape[1] // 2], (160, 120))
            path = folder / f"photo-{i}-{k}.png"
            cv2.imwrite(str(path), crop)
            base.append(path)
    exact = [(base[0], folder / "copy-of-0.png"), (base[5], folder / "sub" / "copy-of-5.png")]
    (folder / "sub").mkdir()
    for a, b in exact:
        b.write_bytes(a.read_bytes())
    near = []
    for n, (a, how) in enumerate([(base[1], "resize"), (base[2], "jpeg"), (base[3], "both")]):
        img = cv2.imread(str(a))
        if how in ("resize", "both"):
            img = cv2.resize(img, (128, 96), interpolation=cv2.INTER_AREA)
        b = folder / f"near-{n}.jpg"
        cv2.imwrite(str(b), img, [cv2.IMWRITE_JPEG_QUALITY, 70 if how != "resize" else 95])
        near.append((a, b))
    corrupt = [folder / "broken.jpg", folder / "empty.png"]
    corrupt[0].write_bytes(cv2.imencode(".jpg", cv2.imread(str(base[4])))[1].tobytes()[:300])
    corrupt[1].write_bytes(b"")
    tiny = [folder / "tiny-0.png", folder / "tiny-1.png"]
    for t in tiny:
        cv2.imwrite(str(t), rng.integers(0, 255, (40, 30, 3), dtype=np.uint8))
    return folder, exact, near, corrupt, tiny


def test_every_planted_problem_is_found(planted):
    folder, exact, near, corrupt, tiny = planted
    rep = check_data(folder, resolution=64, holdout=4)
    assert sorted(rep.unreadable) == sorted(str(p) for p in corrupt)
    assert sorted(rep.too_small) == sorted(str(p) for p in tiny)
    assert sorted(map(sorted, rep.exact_duplicates)) == sorted(sorted([str(a), str(b)]) for a, b in exact)
    found_near = {frozenset(g) for g in rep.near_duplicates}
    for a, b in near:
        assert frozenset((str(a), str(b))) in found_near
    assert len(rep.near_duplicates) == len(near)  # and no distinct photo taken for a copy
    # One of each set stays; the other copies, the broken and the tiny files go.
    leave = set(rep.leave_out())
    assert set(map(str, corrupt + tiny)) <= leave
    for a, b in exact + near:
        assert (str(a) in leave) != (str(b) in leave)
    json.dumps(rep.to_dict())


def test_copies_across_the_held_out_split_are_named(planted):
    folder, exact, near, *_ = planted
    rep = check_data(folder, resolution=64, holdout=14)
    assert rep.holdout == 14
    pairs = [frozenset(g) for g in rep.across_split]
    # With this many held out, some copy pairs straddle the split, and every one reported does.
    assert pairs
    for pair in pairs:
        assert pair in {frozenset(g) for g in rep.exact_duplicates + rep.near_duplicates}


def test_trainers_leave_out_what_they_are_told(planted, tmp_path):
    folder, exact, near, corrupt, tiny = planted
    rep = check_data(folder, resolution=64)
    photos, skipped = load_photos([folder], 256, exclude=rep.leave_out())
    assert skipped == [] and len(photos) == rep.images - len(set(rep.leave_out()) - set(rep.unreadable))
    data = load_image_folder(folder, 32, cache=tmp_path / "cache", exclude=rep.leave_out())
    assert not set(data.files) & set(rep.leave_out())
