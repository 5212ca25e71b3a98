import csv

import numpy as np
import pytest
import torch
from PIL import Image

from studio.core.faces import FaceGenerator, export_faces, latent, save_animation, slerp, truncate
from studio.core.jobs import Cancelled
from studio.core.errors import StudioError
from studio.core.registry import import_model, list_models, read_metadata
from tests.faces_helpers import tiny_face_model


@pytest.fixture
def model(tmp_path):
    return tiny_face_model(tmp_path / "tiny.safetensors")


def test_same_seed_same_pixels_whatever_the_batch(model):
    gen = FaceGenerator(model, "cpu")
    alone = gen.generate([42])
    among = gen.generate([7, 42, 99])[1]
    again = FaceGenerator(model, "cpu").generate([42])
    assert np.array_equal(alone[0], among) and np.array_equal(alone, again)
    assert alone.shape == (1, 32, 32, 3) and alone.dtype == np.uint8
    assert not np.array_equal(gen.generate([43])[0], alone[0])


def test_latents_are_drawn_on_the_cpu_from_the_seed():
    assert torch.equal(latent(5, 16), latent(5, 16)) and latent(5, 16).device.type == "cpu"


def test_truncation_redraws_extreme_components_and_keeps_the_latent_length():
    z = latent(11, 128)
    for t in (0.5, 0.3, 0.1):
        zt = truncate(z, t, 11)
        assert torch.equal(zt, truncate(z, t, 11))  # the same seed and truncation, the same face
        assert abs(float(zt.norm()) - float(z.norm())) < 1e-3
        # The extremes are gone: the largest component is well inside what the untruncated latent reaches.
        assert float(zt.abs().max() / zt.abs().mean()) < float(z.abs().max() / z.abs().mean())
    assert torch.equal(truncate(z, 1.0, 11), z)


def test_low_truncation_keeps_faces_crisp_rather_than_grey():
    gen = FaceGenerator(None, "cpu")  # the shipped face model
    seeds = list(range(24))
    full, low = gen.generate(seeds, 1.0).astype(float), gen.generate(seeds, 0.2).astype(float)
    contrast = lambda faces: faces.std(axis=(1, 2, 3)).mean()  # noqa: E731
    assert contrast(low) > 0.85 * contrast(full)
    assert not np.array_equal(low, full)


def test_slerp_ends_at_both_latents_and_keeps_the_norm():
    a, b = latent(1, 64), latent(2, 64)
    assert torch.allclose(slerp(a, b, 0.0), a, atol=1e-5) and torch.allclose(slerp(a, b, 1.0), b, atol=1e-5)
    mid = slerp(a, b, 0.5)
    assert abs(mid.norm() - (a.norm() + b.norm()) / 2) < 0.1 * a.norm()


def test_export_writes_files_metadata_and_resumes(model, tmp_path):
    out = tmp_path / "faces"
    rep = export_faces(out, count=10, first_seed=100, truncation=0.7, fmt="png", size=64, model=model)
    assert rep.written == 10 and rep.skipped == 0
    files = sorted(p.name for p in out.glob("face-*.png"))
    assert files[0] == "face-100.png" and len(files) == 10
    img = Image.open(out / "face-105.png")
    assert img.size == (64, 64)
    assert img.text["AI-Generated"] == "true" and img.text["Seed"] == "105"
    assert "trainedAlgorithmicMedia" in img.text["XML:com.adobe.xmp"]
    sha = img.text["Model-SHA256"]
    rows = list(csv.DictReader(open(out / "metadata.csv")))
    assert [int(r["seed"]) for r in rows] == list(range(100, 110))
    assert all(r["ai_generated"] == "true" and r["model_sha256"] == sha and r["truncation"] == "0.7" for r in rows)

    (out / "face-103.png").unlink()
    again = export_faces(out, count=12, first_seed=100, truncation=0.7, fmt="png", size=64, model=model)
    assert again.written == 3 and again.skipped == 9  # 103 plus the two new seeds
    assert len(list(csv.DictReader(open(out / "metadata.csv")))) == 12


@pytest.mark.parametrize("fmt", ["jpg", "webp"])
def test_jpeg_and_webp_carry_the_ai_generated_mark(model, tmp_path, fmt):
    export_faces(tmp_path, count=1, fmt=fmt, model=model)
    img = Image.open(tmp_path / f"face-0.{fmt}")
    assert "trainedAlgorithmicMedia" in (img.info.get("xmp") or b"").decode()
    if fmt == "jpg":
        assert "AI-generated" in img.getexif()[0x010E]


def test_export_is_cancellable_and_reports_progress(model, tmp_path):
    import threading

    cancel = threading.Event()
    calls = []

    def progress(done, total, msg):
        calls.append(done)
        if done >= 4:
            cancel.set()

    gen = FaceGenerator(model, "cpu", batch=4)
    with pytest.raises(Cancelled):
        export_faces(tmp_path, count=40, model=gen, progress=progress, cancel=cancel)
    assert 4 <= len(list(tmp_path.glob("face-*.png"))) < 40


def test_bad_requests_are_clear_errors(model, tmp_path):
    with pytest.raises(StudioError, match="unknown format"):
        export_faces(tmp_path, count=1, fmt="bmp", model=model)
    with pytest.raises(StudioError, match="no model named"):
        FaceGenerator("does-not-exist")


def test_morph_exports_gif_and_mp4(model, tmp_path):
    import av

    frames = FaceGenerator(model, "cpu").interpolate(1, 2, frames=6)
    assert frames.shape == (6, 32, 32, 3)
    gif = save_animation(tmp_path / "m.gif", frames)
    assert Image.open(gif).n_frames == 10  # forward and back
    mp4 = save_animation(tmp_path / "m.mp4", frames, size=64)
    with av.open(str(mp4)) as box:
        decoded = list(box.decode(video=0))
    assert len(decoded) == 10 and decoded[0].width == 64


def test_import_validates_and_never_unpickles(model, tmp_path):
    info = import_model(model, "mine")
    assert any(m.name == "mine" for m in list_models("faces"))
    assert read_metadata(info.path)["arch"] == "dcgan-generator"
    evil = tmp_path / "evil.safetensors"
    evil.write_bytes(b"\x80\x04\x95 pickle payload")
    with pytest.raises(StudioError, match="not a safetensors model"):
        import_model(evil)
    pt = tmp_path / "weights.pt"
    torch.save({"w": torch.zeros(1)}, pt)
    with pytest.raises(StudioError):
        import_model(pt)
