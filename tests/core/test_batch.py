import numpy as np
import pytest
from PIL import Image

from studio.core.photo.batch import plan_outputs, repair_batch
from studio.core.errors import StudioError
from tests.conftest import natural_image, stroke_mask


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "scans"
    (src / "1998").mkdir(parents=True)
    Image.fromarray(natural_image(seed=1)).save(src / "a.jpg")
    Image.fromarray(natural_image(seed=2)).save(src / "1998" / "b.png")
    (src / "1998" / "broken.jpg").write_bytes(b"\xff\xd8\xff not really")
    (src / "readme.txt").write_text("not an image")
    mask = tmp_path / "mask.png"
    Image.fromarray((stroke_mask() * 255).astype(np.uint8)).save(mask)
    return src, mask


def test_folder_batch_keeps_structure_reports_bad_files_and_resumes(folder, tmp_path):
    src, mask = folder
    out = tmp_path / "out"
    items = plan_outputs([src], out)
    assert sorted(str(i.target.relative_to(out)) for i in items) == ["1998/b.png", "1998/broken.jpg", "a.jpg"]
    rep = repair_batch(items, method="telea", mask_path=mask)
    assert sorted(p.name for p in rep.written) == ["a.jpg", "b.png"]
    assert [p.name for p, _ in rep.failed] == ["broken.jpg"]
    assert "truncated" in rep.failed[0][1] or "not an image" in rep.failed[0][1]
    before = (out / "a.jpg").stat().st_mtime_ns
    rep2 = repair_batch(items, method="telea", mask_path=mask)
    assert sorted(p.name for p in rep2.skipped) == ["a.jpg", "b.png"] and not rep2.written
    assert (out / "a.jpg").stat().st_mtime_ns == before
    rep3 = repair_batch(items, method="telea", mask_path=mask, overwrite=True)
    assert len(rep3.written) == 2


def test_mask_of_the_wrong_size_fails_that_file_only(folder, tmp_path):
    src, mask = folder
    Image.fromarray(natural_image(100, 100)).save(src / "small.png")
    rep = repair_batch(plan_outputs([src], tmp_path / "o"), method="ns", mask_path=mask)
    msgs = dict((p.name, m) for p, m in rep.failed)
    assert "mask is 256×192 but the image is 100×100" in msgs["small.png"]
    assert len(rep.written) == 2


def test_single_file_output_and_refusing_to_overwrite_inputs(folder, tmp_path):
    src, mask = folder
    items = plan_outputs([src / "a.jpg"], tmp_path / "fixed.jpg")
    assert [i.target.name for i in items] == ["fixed.jpg"]
    with pytest.raises(StudioError, match="overwrite an input"):
        plan_outputs([src], src)
    with pytest.raises(StudioError, match="not found"):
        plan_outputs([tmp_path / "nope.jpg"], tmp_path / "x")


def test_pause_holds_the_batch_between_photos(folder, tmp_path):
    import threading
    import time

    src, mask = folder
    pause = threading.Event()
    pause.set()
    threading.Timer(0.4, pause.clear).start()
    t0 = time.monotonic()
    rep = repair_batch(plan_outputs([src], tmp_path / "o"), method="telea", mask_path=mask, pause=pause)
    assert time.monotonic() - t0 >= 0.35 and len(rep.written) == 2


def _photos(tmp_path, n):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(n):
        Image.fromarray(natural_image(seed=i)).save(src / f"{i}.png")
    return src


def test_the_next_photo_is_decoded_while_one_is_repaired_with_the_same_results(tmp_path, monkeypatch):
    import threading

    from studio.core.photo import batch

    src = _photos(tmp_path, 4)
    loading_next = threading.Event()
    real_load = batch.load_image

    def load(path):
        if path.name == "1.png":
            loading_next.set()
        return real_load(path)

    monkeypatch.setattr(batch, "load_image", load)
    seen = []

    def transform(img):
        if not seen:  # the first photo: the second one is being decoded meanwhile
            seen.append(loading_next.wait(10))
        return 255 - img.rgb

    rep = batch.process_batch(plan_outputs([src], tmp_path / "a"), transform, overlap=True)
    assert seen == [True] and len(rep.written) == 4
    loading_next.clear()
    seen.clear()
    serial = batch.process_batch(plan_outputs([src], tmp_path / "b"), lambda img: 255 - img.rgb, overlap=False)
    assert len(serial.written) == 4
    for i in range(4):
        assert (tmp_path / "a" / f"{i}.png").read_bytes() == (tmp_path / "b" / f"{i}.png").read_bytes()


def test_overlapped_batches_report_a_failed_save_and_stop_cleanly_on_cancel(tmp_path):
    import threading

    from studio.core.jobs import Cancelled
    from studio.core.photo.batch import BatchItem, process_batch

    src = _photos(tmp_path, 4)
    (tmp_path / "blocked").write_text("a file where a folder should be")
    items = [BatchItem(src / f"{i}.png", tmp_path / ("blocked" if i == 1 else "out") / f"{i}.png") for i in range(4)]
    rep = process_batch(items, lambda img: img.rgb, overlap=True)
    assert [p.name for p in rep.written] == ["0.png", "2.png", "3.png"]
    assert [p.name for p, _ in rep.failed] == ["1.png"] and "cannot" in rep.failed[0][1]

    cancel = threading.Event()
    calls = []

    def transform(img):
        calls.append(1)
        if len(calls) == 3:  # the user cancels while the third photo is repaired
            cancel.set()
        return img.rgb

    items = [BatchItem(src / f"{i}.png", tmp_path / "c" / f"{i}.png") for i in range(4)]
    with pytest.raises(Cancelled):
        process_batch(items, transform, overlap=True, cancel=cancel)
    written = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert written[:2] == ["0.png", "1.png"] and "3.png" not in written  # complete files only, no temporaries
    for name in written:
        Image.open(tmp_path / "c" / name).load()
