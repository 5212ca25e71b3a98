import threading

import pytest
import torch
from PIL import Image

from studio.core.errors import StudioError
from studio.core.registry import load_model, read_metadata
from studio.core.training.damage import DamageTrainConfig, DamageTrainer, train_damage
from studio.core.training.runs import RunFolder, RunLock
from tests.conftest import natural_image

TINY = dict(width=4, depth=2, crop=32, batch=2, val_crops=2, val_clean=2, val_size=32, log_every=1, eval_every=2,
            sample_every=2, checkpoint_every=2)


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(4):
        Image.fromarray(natural_image(64, 80, seed=i)).save(folder / f"{i}.png")
    return folder


def test_a_run_logs_detection_metrics_and_exports_a_model(photos, tmp_path):
    events = []
    res = train_damage(tmp_path / "run", DamageTrainConfig(steps=4, **TINY), [photos], events=events.append)
    run = RunFolder(tmp_path / "run")
    evals = [r for r in run.read_metrics() if "f1" in r]
    assert [r["step"] for r in evals] == [2, 4]
    assert {"precision", "recall", "clean_marked"} <= set(evals[-1])
    assert res["step"] == 4 and run.latest_sample() is not None
    net, meta = load_model(tmp_path / "run" / "damage.safetensors")
    assert meta["arch"] == "damage-unet" and meta["info"]["steps"] == 4
    assert str(photos) not in str(read_metadata(tmp_path / "run" / "damage.safetensors")["info"])
    assert any(e.kind == "done" for e in events)


def test_resume_continues_from_the_checkpoint_with_a_changed_schedule(photos, tmp_path):
    train_damage(tmp_path / "run", DamageTrainConfig(steps=2, **TINY), [photos])
    res = train_damage(tmp_path / "run", resume=True, overrides={"steps": 4, "lr": 1e-4})
    assert res["step"] == 4
    cfg = RunFolder(tmp_path / "run").read_config()
    assert cfg["resumes"] == [{"step": 2, "lr": 1e-4}]
    with pytest.raises(StudioError, match="cannot change"):
        DamageTrainer(tmp_path / "run", resume=True, overrides={"batch": 8})


def test_a_second_process_cannot_train_the_same_run(photos, tmp_path):
    train_damage(tmp_path / "run", DamageTrainConfig(steps=2, **TINY), [photos])
    with RunLock(tmp_path / "run"):  # as if another process were training in it
        with pytest.raises(StudioError, match="another Studio process"):
            train_damage(tmp_path / "run", resume=True, overrides={"steps": 4})
    assert max(r["step"] for r in RunFolder(tmp_path / "run").read_metrics()) == 2


def test_a_failed_start_leaves_nothing_that_blocks_a_retry(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StudioError):
        train_damage(tmp_path / "run", DamageTrainConfig(steps=2, **TINY), [empty])
    assert not (tmp_path / "run").exists()
    with pytest.raises(StudioError, match="steps"):
        DamageTrainer(tmp_path / "run2", DamageTrainConfig(steps=0, **TINY), [empty])


def test_cancel_checkpoints_and_stops(photos, tmp_path):
    cancel = threading.Event()

    def progress(done, total, msg):
        if done >= 1:
            cancel.set()

    from studio.core.jobs import Cancelled

    with pytest.raises(Cancelled):
        train_damage(tmp_path / "run", DamageTrainConfig(steps=1000, **TINY), [photos], progress=progress,
                     cancel=cancel)
    assert RunFolder(tmp_path / "run").checkpoints()


def test_model_files_and_checkpoints_get_the_same_permissions_as_images(photos, tmp_path):
    import os
    import stat

    from studio.core.images import FILE_MODE

    train_damage(tmp_path / "run", DamageTrainConfig(steps=2, **TINY), [photos])
    for p in [tmp_path / "run" / "damage.safetensors", *RunFolder(tmp_path / "run").checkpoints_dir.iterdir()]:
        assert stat.S_IMODE(os.stat(p).st_mode) == FILE_MODE, p


def test_the_first_sample_comes_with_the_first_record(photos, tmp_path):
    cfg = DamageTrainConfig(steps=3, **{**TINY, "sample_every": 1000, "eval_every": 1000})
    train_damage(tmp_path / "run", cfg, [photos])
    names = sorted(p.name for p in RunFolder(tmp_path / "run").samples_dir.iterdir())
    assert names == ["step-0000001.png", "step-0000003.png"]  # the first record, and the end


def test_fine_tuning_starts_from_the_given_model(photos, tmp_path):
    train_damage(tmp_path / "a", DamageTrainConfig(steps=2, **TINY), [photos])
    start = tmp_path / "a" / "damage.safetensors"
    # With a learning rate of 0 the convolutions cannot move: what the run exports is what it started from.
    cfg = DamageTrainConfig(steps=1, lr=0.0, init=str(start), emphasis={"hair": 3.0}, **TINY)
    train_damage(tmp_path / "b", cfg, [photos])
    a, _ = load_model(start, quantize=False)
    b, meta = load_model(tmp_path / "b" / "damage.safetensors", quantize=False)
    convs = [k for k, v in a.state_dict().items() if k.endswith("weight") and v.dim() == 4]
    assert convs and all(torch.equal(a.state_dict()[k], b.state_dict()[k]) for k in convs)
    assert meta["info"]["fine_tuned_from"] == "damage.safetensors" and meta["info"]["emphasis"] == {"hair": 3.0}
    fresh = DamageTrainConfig(steps=1, lr=0.0, **TINY)
    train_damage(tmp_path / "c", fresh, [photos])
    c, _ = load_model(tmp_path / "c" / "damage.safetensors", quantize=False)
    assert not all(torch.equal(a.state_dict()[k], c.state_dict()[k]) for k in convs)


def test_fine_tuning_refuses_a_model_of_another_size_and_unknown_kinds(photos, tmp_path):
    train_damage(tmp_path / "a", DamageTrainConfig(steps=2, **TINY), [photos])
    other = dict(TINY, width=8)
    with pytest.raises(StudioError, match="differs"):
        train_damage(tmp_path / "b", DamageTrainConfig(steps=1, init=str(tmp_path / "a" / "damage.safetensors"),
                                                       **other), [photos])
    with pytest.raises(StudioError, match="kinds are"):
        DamageTrainConfig(emphasis={"mould": 2.0})
