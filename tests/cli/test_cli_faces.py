import csv
import os
import subprocess
import sys

from PIL import Image

from tests.conftest import ROOT
from tests.faces_helpers import tiny_face_model


def studio(*args, env=None):
    return subprocess.run([sys.executable, "-m", "studio", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=env)


def test_faces_cli_writes_faces_grid_and_metadata(tmp_path):
    model = tiny_face_model(tmp_path / "m.safetensors")
    res = studio("faces", "-o", tmp_path / "out", "--count", "5", "--seed", "10", "--model", model,
                 "--format", "jpg", "--size", "64", "--grid", tmp_path / "grid.png")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.jpg")) == [f"face-{s}.jpg" for s in range(10, 15)]
    assert Image.open(tmp_path / "out" / "face-10.jpg").size == (64, 64)
    assert Image.open(tmp_path / "grid.png").size[0] > 64
    assert len(list(csv.DictReader(open(tmp_path / "out" / "metadata.csv")))) == 5
    res = studio("faces", "-o", tmp_path / "out", "--count", "5", "--seed", "10", "--model", model, "--format", "jpg")
    assert "skipped 5 existing" in res.stdout


def test_models_list_info_import(tmp_path):
    model = tiny_face_model(tmp_path / "m.safetensors")
    (tmp_path / "m.md").write_text("# Tiny model card\n")
    res = studio("models", "import", model, "--name", "tiny")
    assert res.returncode == 0, res.stderr
    res = studio("models", "list")
    assert "tiny" in res.stdout and "faces" in res.stdout
    assert "int8 variant of damage-detector" in res.stdout  # a variant says what it is and whether it runs here
    res = studio("models", "info", "tiny")
    assert res.returncode == 0 and "dcgan-generator" in res.stdout and "Tiny model card" in res.stdout
    bad = tmp_path / "bad.safetensors"
    bad.write_text("nope")
    res = studio("models", "import", bad)
    assert res.returncode == 1 and "studio: error:" in res.stderr


def test_faces_under_torchrun_split_the_seeds(tmp_path):
    model = tiny_face_model(tmp_path / "m.safetensors")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    res = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                          "-m", "studio", "faces", "-o", str(tmp_path / "out"), "--count", "7", "--model", str(model)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    assert len(list((tmp_path / "out").glob("face-*.png"))) == 7
    assert len(list(csv.DictReader(open(tmp_path / "out" / "metadata.csv")))) == 7


def test_metadata_of_skipped_files_comes_from_the_files(tmp_path):
    model = tiny_face_model(tmp_path / "m.safetensors")
    other = tiny_face_model(tmp_path / "other.safetensors", seed=5)
    out = tmp_path / "out"
    assert studio("faces", "-o", out, "--count", "4", "--model", model).returncode == 0
    res = studio("faces", "-o", out, "--count", "6", "--truncation", "0.5", "--size", "64", "--model", other)
    assert res.returncode == 0, res.stderr
    rows = {r["file"]: r for r in csv.DictReader(open(out / "metadata.csv"))}
    assert len(rows) == 6
    for s in range(4):  # made by the first run: its model, truncation and size
        r = rows[f"face-{s}.png"]
        assert (r["model"], r["truncation"], r["width"]) == ("m", "1", "32"), r
    for s in (4, 5):
        r = rows[f"face-{s}.png"]
        assert (r["model"], r["truncation"], r["width"]) == ("other", "0.5", "64"), r


def test_an_interrupted_export_still_lists_every_face_it_wrote(tmp_path):
    import signal
    import time

    model = tiny_face_model(tmp_path / "m.safetensors")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "studio", "faces", "-o", str(out), "--count", "1000000000",
                             "--model", str(model)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and len(list(out.glob("face-*.png"))) < 600:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=120)
    faces = {p.name for p in out.glob("face-*.png")}
    rows = {r["file"] for r in csv.DictReader(open(out / "metadata.csv"))}
    assert len(faces) >= 600 and rows == faces
    assert not list(out.glob(".face-*"))


def test_two_exports_into_one_folder_do_not_collide(tmp_path):
    from studio.core.training.runs import RunLock

    model = tiny_face_model(tmp_path / "m.safetensors")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".face-7-stale.tmp").write_bytes(b"")  # left by a killed export
    with RunLock(out, name=".studio-export.lock"):
        res = studio("faces", "-o", out, "--count", "2", "--model", model)
    assert res.returncode == 1 and "another Studio process" in res.stderr
    res = studio("faces", "-o", out, "--count", "2", "--model", model)
    assert res.returncode == 0 and not (out / ".face-7-stale.tmp").exists()


def test_bad_face_arguments_are_usage_errors_before_any_work(tmp_path):
    model = tiny_face_model(tmp_path / "m.safetensors")
    for args in (["--size", "7"], ["--size", "0"], ["--count", "0"], ["--truncation", "3"],
                 ["--grid", tmp_path / "g.xyz"]):
        res = studio("faces", "-o", tmp_path / "out", "--model", model, *args)
        assert res.returncode == 2, (args, res.stderr)
        assert "usage: studio faces" in res.stderr
        assert not list((tmp_path / "out").glob("face-*")) if (tmp_path / "out").exists() else True


def test_model_import_names_stay_inside_the_models_folder(tmp_path):
    model = tiny_face_model(tmp_path / "m.safetensors")
    env = dict(os.environ, STUDIO_DATA_DIR=str(tmp_path / "data"))
    for bad in ("../../escaped", str(tmp_path / "NOTES"), "a/b", ".."):
        res = studio("models", "import", model, "--name", bad, env=env)
        assert res.returncode == 1 and "not a valid model name" in res.stderr, (bad, res.stderr)
    assert not (tmp_path / "escaped.safetensors").exists() and not (tmp_path / "NOTES.safetensors").exists()
    assert studio("models", "import", model, "--name", "mine", env=env).returncode == 0
    res = studio("models", "import", model, "--name", "mine", env=env)
    assert res.returncode == 1 and "--overwrite" in res.stderr
    assert studio("models", "import", model, "--name", "mine", "--overwrite", env=env).returncode == 0


def test_a_crafted_model_header_is_refused_before_anything_is_built(tmp_path):
    import json

    from safetensors.torch import save_file
    import torch

    for width in (500, 100000):
        path = tmp_path / f"w{width}.safetensors"
        cfg = {"resolution": 64, "nz": 100, "ngf": width, "ndf": width}
        save_file({"x": torch.zeros(1)}, str(path), metadata={"arch": "dcgan-generator", "config": json.dumps(cfg),
                                                               "info": "{}", "format": "studio-model-1"})
        from studio.core.errors import StudioError
        from studio.core.registry import import_model

        try:
            import_model(path, "crafted")
            raise AssertionError("accepted")
        except StudioError as exc:
            assert "do not match" in str(exc) or "implausible" in str(exc)


def test_faces_import_refuses_a_model_made_for_something_else(tmp_path):
    from studio.core.errors import StudioError
    from studio.core.registry import import_model, list_models

    repair = [m for m in list_models("inpaint") if m.source == "shipped"][0]
    try:
        import_model(repair.path, "x", task="faces")
        raise AssertionError("accepted")
    except StudioError as exc:
        assert "not a faces model" in str(exc)
