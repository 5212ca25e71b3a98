import json
import threading
import time

import numpy as np
import pytest
import torch

from studio.core.jobs import Cancelled
from studio.core.errors import StudioError
from studio.core.registry import load_model
from studio.core.training import data as data_mod
from studio.core.training.augment import diff_augment, parse_policy
from studio.core.training.checkpoint import read_checkpoint
from studio.core.training.gan import GANTrainer, recalibrate_batchnorm, train_gan
from studio.core.training.runs import RunFolder
from tests.core.training_helpers import face_like_folder, tiny_config

METRIC_KEYS = {"step", "time", "loss_g", "loss_d", "d_real", "d_fake", "samples_per_s"}


@pytest.fixture
def faces(tmp_path):
    return face_like_folder(tmp_path / "faces")


def test_a_run_folder_has_everything_a_user_needs(faces, tmp_path):
    events = []
    out = train_gan(tmp_path / "run", tiny_config(), faces, events=events.append)
    run = RunFolder(tmp_path / "run")
    cfg = run.read_config()
    assert cfg["train"]["resolution"] == 32 and cfg["data"] == str(faces)
    recs = run.read_metrics()
    assert [r["step"] for r in recs] == [1, 2, 3, 4, 5, 6]
    assert all(METRIC_KEYS <= r.keys() for r in recs)
    assert "swd" in recs[2] and "swd" in recs[5]
    assert all(0.0 <= r["d_real"] <= 1.0 for r in recs)
    assert run.latest_sample() is not None and run.latest_checkpoint() is not None
    assert out["skipped"] == 2  # the broken JPEG and the text file
    g, meta = load_model(tmp_path / "run" / "generator.safetensors")
    assert meta["info"]["steps"] == 6 and meta["config"]["resolution"] == 32
    assert g(torch.randn(2, 16)).shape == (2, 3, 32, 32)
    kinds = {e.kind for e in events}
    assert {"step", "checkpoint", "done"} <= kinds
    assert any(e.grid is not None for e in events)


def test_resume_continues_steps_optimizer_and_metrics(faces, tmp_path):
    run_dir = tmp_path / "run"
    train_gan(run_dir, tiny_config(steps=6), faces)
    tensors6, meta6 = read_checkpoint(RunFolder(run_dir).latest_checkpoint())
    trainer = GANTrainer(run_dir, resume=True, overrides={"steps": 10})
    trainer._setup(None, None)
    assert trainer.step == 6
    assert torch.equal(trainer.opt_g.state_dict()["state"][0]["exp_avg"], tensors6["opt_g.0.exp_avg"])
    assert torch.equal(trainer.g_ema.main[0].weight, tensors6["g_ema.main.0.weight"])
    train_gan(run_dir, resume=True, overrides={"steps": 10})
    steps = [r["step"] for r in RunFolder(run_dir).read_metrics()]
    assert steps == list(range(1, 11))
    with pytest.raises(StudioError, match="cannot change"):
        GANTrainer(run_dir, resume=True, overrides={"batch": 4})


def test_cancel_checkpoints_and_says_how_to_continue(faces, tmp_path):
    cancel = threading.Event()

    def on_event(e):
        if e.kind == "step" and e.step == 4:
            cancel.set()

    with pytest.raises(Cancelled, match="resume"):
        train_gan(tmp_path / "run", tiny_config(steps=50, checkpoint_every=100), faces, cancel=cancel,
                  events=on_event)
    assert RunFolder(tmp_path / "run").checkpoints()[-1][0] == 4


def test_pause_holds_training_until_released(faces, tmp_path):
    pause = threading.Event()
    seen = []

    def on_event(e):
        seen.append((e.kind, time.monotonic()))
        if e.kind == "step" and e.step == 2:
            pause.set()
            threading.Timer(0.5, pause.clear).start()

    train_gan(tmp_path / "run", tiny_config(steps=4), faces, pause=pause, events=on_event)
    kinds = [k for k, _ in seen]
    assert "paused" in kinds
    t_pause = next(t for k, t in seen if k == "paused")
    t_next = [t for k, t in seen if k == "step"][2]
    assert t_next - t_pause >= 0.4


def test_unwritable_run_folder_and_missing_data_are_clear_errors(faces, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StudioError, match="cannot write the run folder"):
        train_gan(blocker / "run", tiny_config(), faces)
    with pytest.raises(StudioError, match="not found"):
        train_gan(tmp_path / "r2", tiny_config(), tmp_path / "nothing-here")
    train_gan(tmp_path / "r3", tiny_config(steps=1), faces)
    with pytest.raises(StudioError, match="already exists"):
        train_gan(tmp_path / "r3", tiny_config(), faces)


def test_decoded_images_are_cached(faces, tmp_path, monkeypatch):
    first = data_mod.load_image_folder(faces, 32, cache=tmp_path / "cache")
    assert len(first) == 48 and len(first.skipped) == 2
    monkeypatch.setattr(data_mod, "_decode_square", lambda *a: pytest.fail("decoded again"))
    second = data_mod.load_image_folder(faces, 32, cache=tmp_path / "cache")
    assert np.array_equal(np.asarray(first.array), np.asarray(second.array))


def test_holdout_never_overlaps_training():
    train, held = data_mod.split_holdout(100, 20, seed=3)
    assert len(held) == 20 and not set(train) & set(held) and len(train) + len(held) == 100


def test_hinge_loss_and_full_augmentation_train(faces, tmp_path):
    out = train_gan(tmp_path / "run", tiny_config(steps=3, loss="hinge", augment="color,translation,cutout"), faces)
    assert out["step"] == 3
    recs = RunFolder(tmp_path / "run").read_metrics()
    assert all(np.isfinite(r["loss_d"]) for r in recs)


def test_diff_augment_is_differentiable_and_keeps_shape():
    x = torch.rand(4, 3, 16, 16, requires_grad=True)
    y = diff_augment(x, parse_policy("color,translation,cutout"))
    assert y.shape == x.shape
    y.sum().backward()
    assert x.grad is not None and x.grad.abs().sum() > 0
    with pytest.raises(ValueError, match="unknown augmentation"):
        parse_policy("rotate")


def test_ema_generator_gets_batch_statistics_of_its_own():
    from studio.core.nets.dcgan import DCGANConfig, Generator

    g = Generator(DCGANConfig(resolution=32, nz=8, ngf=8))
    bn = g.main[1]
    assert torch.all(bn.running_mean == 0)
    recalibrate_batchnorm(g, 8, torch.device("cpu"), batches=2, batch_size=16)
    assert not g.training and bn.running_mean.abs().sum() > 0 and bn.momentum == 0.1
    z = torch.randn(5, 8)
    a = g(z[:1])
    b = g(z)[:1]  # eval mode: a sample does not depend on the rest of its batch
    assert torch.allclose(a, b, atol=1e-5)


def test_metrics_file_survives_a_cut_line(tmp_path):
    run = RunFolder(tmp_path)
    run.append_metrics({"step": 1})
    with open(run.metrics_path, "a") as fh:
        fh.write('{"step": 2, "loss')  # a kill -9 in the middle of a write
    assert [r["step"] for r in run.read_metrics()] == [1]
    run.truncate_metrics(1)
    assert json.loads(run.metrics_path.read_text().strip()) == {"step": 1}
