import os
import signal
import subprocess
import sys
import time

import pytest

from studio.core.registry import load_model
from studio.core.training.runs import RunFolder
from tests.conftest import ROOT
from tests.core.training_helpers import face_like_folder

TINY = ["--resolution", "32", "--width", "8", "--batch", "8", "--holdout", "8", "--swd-images", "8",
        "--log-every", "1"]


def studio(*args, timeout=300, **kw):
    return subprocess.run([sys.executable, "-m", "studio", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, **kw)


@pytest.fixture
def faces(tmp_path):
    return face_like_folder(tmp_path / "faces")


def test_train_reports_progress_and_skipped_files(faces, tmp_path):
    res = studio("train", "gan", "--data", faces, "-o", tmp_path / "run", *TINY, "--steps", "4",
                 "--swd-every", "2", "--checkpoint-every", "2")
    assert res.returncode == 0, res.stderr
    assert "trained to step 4" in res.stdout and "skipped 2 unreadable images" in res.stdout
    assert "4/4" in res.stderr and "img/s" in res.stderr
    g, meta = load_model(tmp_path / "run" / "generator.safetensors")
    assert meta["info"]["steps"] == 4


def test_epochs_become_steps(faces, tmp_path):
    res = studio("train", "gan", "--data", faces, "-o", tmp_path / "run", *TINY, "--epochs", "1", "--swd-every", "0")
    assert res.returncode == 0, res.stderr
    assert "trained to step 5" in res.stdout  # (48 - 8 held out) / 8


def test_kill_9_loses_at_most_one_checkpoint_interval(faces, tmp_path):
    run_dir = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "studio", "train", "gan", "--data", str(faces), "-o",
                             str(run_dir), *TINY, "--steps", "100000", "--checkpoint-every", "5",
                             "--swd-every", "0", "--sample-every", "0"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run = RunFolder(run_dir)
    deadline = time.time() + 120
    while time.time() < deadline and not any(s >= 10 for s, _ in run.checkpoints()):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    logged = max(r["step"] for r in run.read_metrics())
    saved = run.checkpoints()[-1][0]
    assert logged - saved <= 5 + 1
    target = saved + 7
    res = studio("train", "gan", "--resume", run_dir, "--steps", target)
    assert res.returncode == 0, res.stderr
    steps = [r["step"] for r in run.read_metrics()]
    assert steps == list(range(1, target + 1))  # continuous: nothing twice, nothing missing


def test_resume_refuses_to_change_the_model(faces, tmp_path):
    studio("train", "gan", "--data", faces, "-o", tmp_path / "run", *TINY, "--steps", "1")
    res = studio("train", "gan", "--resume", tmp_path / "run", "--batch", "4")
    assert res.returncode == 2 and "cannot change when resuming" in res.stderr


def test_train_errors_are_one_line(tmp_path, faces):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = studio("train", "gan", "--data", faces, "-o", blocker / "run", *TINY, "--steps", "1")
    assert res.returncode == 1 and "cannot write the run folder" in res.stderr and "Traceback" not in res.stderr
    res = studio("train", "gan", "--data", tmp_path / "empty", "-o", tmp_path / "r", "--steps", "1")
    assert res.returncode == 1 and "not found" in res.stderr
    res = studio("train", "gan", "--data", faces)
    assert res.returncode == 2


def _trains_four_steps_on_two_processes(run_dir, model, *args):
    """``studio train MODEL ARGS`` under torchrun with two CPU processes, checked as one run of four steps."""
    env = dict(os.environ, OMP_NUM_THREADS="1")
    res = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--standalone",
                          "-m", "studio", "train", model, *map(str, args), "-o", str(run_dir), "--steps", "4",
                          "--device", "cpu"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    run = RunFolder(run_dir)
    assert [r["step"] for r in run.read_metrics()] == [1, 2, 3, 4]  # rank 0 logs alone
    assert run.checkpoints()[-1][0] == 4
    assert res.stdout.count("trained to step 4") == 2


def test_torchrun_two_cpu_processes(faces, tmp_path):
    _trains_four_steps_on_two_processes(tmp_path / "run", "gan", "--data", faces, *TINY, "--checkpoint-every", "2",
                                        "--swd-every", "2")


def test_bench_train_measures_both_loops_side_by_side():
    res = studio("bench", "train", "--steps", "2", "--batch", "8", "--resolution", "32", "--rounds", "1")
    assert res.returncode == 0, res.stderr
    assert "plain DCGAN loop" in res.stdout and "ratio trainer/plain" in res.stdout


def test_ctrl_c_stops_training_with_a_checkpoint(faces, tmp_path):
    run_dir = tmp_path / "run"
    proc = subprocess.Popen([sys.executable, "-m", "studio", "train", "gan", "--data", str(faces), "-o",
                             str(run_dir), *TINY, "--steps", "100000", "--checkpoint-every", "100000",
                             "--swd-every", "0", "--sample-every", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    run = RunFolder(run_dir)
    deadline = time.time() + 120
    while time.time() < deadline and len(run.read_metrics()) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "resume" in err
    assert run.checkpoints() and run.checkpoints()[-1][0] >= 3


def test_train_inpaint_and_bench_it_against_opencv(tmp_path):
    import numpy as np
    from PIL import Image

    from tests.conftest import natural_image

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(4):
        Image.fromarray(natural_image(96, 128, seed=i)).save(photos / f"{i}.png")
    res = studio("train", "inpaint", "--data", photos, "-o", tmp_path / "run", "--steps", "4", "--width", "8",
                 "--crop", "32", "--batch", "4", "--val-crops", "6", "--eval-every", "2", "--log-every", "1")
    assert res.returncode == 0, res.stderr
    assert "hole PSNR" in res.stdout and "Telea" in res.stdout
    res = studio("bench", "inpaint", "--data", photos, "--photos", "1", "--model",
                 tmp_path / "run" / "inpaint.safetensors")
    assert res.returncode == 0, res.stderr
    assert "telea" in res.stdout and "neural" in res.stdout and "overall" in res.stdout
    mask = tmp_path / "mask.png"
    m = np.zeros((96, 128), np.uint8)
    m[40:60, 50:80] = 255
    Image.fromarray(m).save(mask)
    res = studio("repair", photos / "0.png", "--mask", mask, "--method", "neural", "-o", tmp_path / "x.png")
    assert res.returncode == 0, res.stderr  # the shipped repair model serves --method neural


def test_train_damage_and_resume_from_another_folder_with_relative_data(tmp_path):
    from PIL import Image

    from tests.conftest import natural_image

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(3):
        Image.fromarray(natural_image(64, 80, seed=i)).save(photos / f"{i}.png")
    tiny = ["--width", "4", "--crop", "32", "--batch", "2", "--val-crops", "2", "--log-every", "1", "--eval-every", "2",
            "--checkpoint-every", "2"]
    res = subprocess.run([sys.executable, "-m", "studio", "train", "damage", "--data", "photos", "-o", "run", *tiny,
                          "--steps", "2"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "precision" in res.stdout and "recall" in res.stdout
    res = studio("train", "damage", "--resume", tmp_path / "run", "--steps", "4")  # run from the project folder
    assert res.returncode == 0, res.stderr
    assert "trained to step 4" in res.stdout


@pytest.mark.parametrize("steps", ["0", "-3"])
def test_a_run_of_no_steps_is_a_usage_error(faces, tmp_path, steps):
    for kind in ("gan", "inpaint", "damage"):
        res = studio("train", kind, "--data", faces, "-o", tmp_path / kind, "--steps", steps)
        assert res.returncode == 2, (kind, res.stderr)
        assert "--steps" in res.stderr and not (tmp_path / kind).exists()


def test_two_processes_cannot_train_one_run(faces, tmp_path):
    from studio.core.training.runs import RunLock

    res = studio("train", "gan", "--data", faces, "-o", tmp_path / "run", *TINY, "--steps", "2", "--swd-every", "0")
    assert res.returncode == 0, res.stderr
    with RunLock(tmp_path / "run"):
        res = studio("train", "gan", "--resume", tmp_path / "run", "--steps", "4")
    assert res.returncode == 1 and "another Studio process" in res.stderr
    assert max(r["step"] for r in RunFolder(tmp_path / "run").read_metrics()) == 2


def test_data_check_then_train_without_what_it_found(faces, tmp_path):
    """The face folder has two unreadable files: check names them, training leaves them out and records it."""
    import json

    leave = tmp_path / "leave-out.txt"
    res = studio("data", "check", faces, "--json", "--resolution", "32", "--holdout", "8", "--leave-out", leave)
    assert res.returncode == 0, res.stderr
    found = json.loads(res.stdout)
    assert {"images", "unreadable", "exact_duplicates", "near_duplicates", "too_small"} <= set(found)
    assert len(found["unreadable"]) == 2
    assert sorted(leave.read_text().split()) == sorted(found["leave_out"])
    res = studio("train", "gan", "--data", faces, "-o", tmp_path / "run", *TINY, "--holdout", "2", "--steps", "1",
                 "--exclude", leave)
    assert res.returncode == 0, res.stderr
    assert "skipped" not in res.stdout  # the unreadable files were never tried
    assert sorted(RunFolder(tmp_path / "run").read_config()["train"]["exclude"]) == sorted(found["leave_out"])


def test_the_shared_loop_trains_on_two_cpu_processes_under_torchrun(tmp_path):
    from studio.core.paths import resources_dir

    photos = resources_dir() / "samples" / "landscapes"
    _trains_four_steps_on_two_processes(tmp_path / "run", "inpaint", "--data", photos, "--batch", "2", "--crop", "64",
                                        "--width", "8", "--eval-every", "2", "--checkpoint-every", "2",
                                        "--log-every", "1", "--val-crops", "2")


def test_train_damage_can_fine_tune_a_model_keeping_its_size(tmp_path):
    from PIL import Image

    from tests.conftest import natural_image

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(3):
        Image.fromarray(natural_image(64, 80, seed=i)).save(photos / f"{i}.png")
    tiny = ["--crop", "32", "--batch", "2", "--val-crops", "2", "--log-every", "1", "--eval-every", "2"]
    res = studio("train", "damage", "--data", photos, "-o", tmp_path / "a", "--width", "4", "--depth", "2", *tiny,
                 "--steps", "2")
    assert res.returncode == 0, res.stderr
    res = studio("train", "damage", "--data", photos, "-o", tmp_path / "b", "--init",
                 tmp_path / "a" / "damage.safetensors", "--emphasis", "hair=3", *tiny, "--steps", "2")
    assert res.returncode == 0, res.stderr
    from studio.core.registry import read_metadata

    meta = read_metadata(tmp_path / "b" / "damage.safetensors")
    assert meta["config"]["width"] == 4 and meta["config"]["depth"] == 2
    res = studio("train", "damage", "--data", photos, "-o", tmp_path / "c", "--emphasis", "hair", "--steps", "2")
    assert res.returncode == 2 and "hair=3" in res.stderr and not (tmp_path / "c").exists()
