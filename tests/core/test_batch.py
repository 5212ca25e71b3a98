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
