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
