import numpy as np
import pytest
import torch

from studio.core import bf16, variants
from studio.core.errors import StudioError
from studio.core.paths import resources_dir, user_models_dir
from studio.core.registry import file_sha256, find_model, import_model, rewrite_info
from tests.conftest import natural_image, stroke_mask

SAMPLES = resources_dir() / "samples" / "landscapes"
CPU = torch.device("cpu")

needs_bf16 = pytest.mark.skipif(not bf16.supported(), reason="this CPU has no native bfloat16")


def _set_accepted(path, accepted: bool) -> None:
    def change(info):
        info["bf16"]["accepted"] = accepted
        return info

    rewrite_info(path, change)


@needs_bf16
def test_a_bf16_repair_variant_is_measured_carded_and_used_on_cpus_only_when_accepted(tmp_path):
    from studio.core.compress_bf16 import compress_bf16
    from studio.core.photo.neural_inpaint import NeuralInpainter, default_inpaint_model
    from studio.core.photo.repair import repair_image

    # The shipped variant runs here; a user's own model gets its own.
    assert variants.runtime_model(find_model("repair-bsds"), CPU).name == "repair-bsds-bf16"
    full = import_model(find_model("repair-bsds").path, "mine")
    out = user_models_dir() / "mine-bf16.safetensors"
    r = compress_bf16(full, out, bench_data=SAMPLES, bench_photos=2)
    assert abs(r["change"]) < 0.1  # hole PSNR in dB: bfloat16 barely moves a repair
    assert r["accepted"] == (r["change"] >= -r["tolerance"] and r["speedup"] > 1.1)
    assert out.stat().st_size < 0.6 * full.path.stat().st_size
    card = out.with_suffix(".md").read_text()
    assert "faster" in card and "hole PSNR" in card

    # Never offered as a model of its own; a CPU runs it only when it was accepted, a GPU never.
    assert default_inpaint_model().name in ("repair-bsds", "mine")
    assert "mine-bf16" not in [m.name for m in variants.full_models("inpaint")]
    _set_accepted(out, True)
    assert variants.runtime_model(full, CPU).name == "mine-bf16"
    assert variants.runtime_model(full, torch.device("meta")).name == "mine"
    _set_accepted(out, False)
    assert variants.runtime_model(full, CPU).name == "mine"

    _set_accepted(out, True)
    rgb, mask = natural_image(), stroke_mask(width=15)
    exact = repair_image(rgb, mask, NeuralInpainter(full, "cpu", use_variant=False))
    fast = repair_image(rgb, mask, NeuralInpainter(full, "cpu"))
    assert np.array_equal(fast[~mask], rgb[~mask])  # outside the holes nothing moves
    diff = np.abs(fast.astype(int) - exact.astype(int))[mask]
    assert 0 < diff.mean() < 2.0


def test_without_native_bf16_the_full_model_runs_and_compress_says_why(tmp_path, monkeypatch):
    from studio.core import compress_bf16 as cb
    from studio.core.weights import atomic_save
    from safetensors import safe_open
    from safetensors.torch import load_file
    import json

    full = find_model("repair-bsds")
    out = user_models_dir() / "repair-bsds-bf16.safetensors"
    out.parent.mkdir(parents=True, exist_ok=True)
    with safe_open(str(full.path), framework="pt") as fh:
        header = dict(fh.metadata())
    info = json.loads(header["info"])
    info["bf16"] = {"compressed_from": "repair-bsds", "accepted": True}
    header["info"] = json.dumps(info)
    atomic_save(load_file(str(full.path)), out, header)
    monkeypatch.setattr(variants, "bf16_supported", lambda: False)
    monkeypatch.setattr(cb, "supported", lambda: False)
    assert variants.runtime_model(full, CPU).name == "repair-bsds"
    with pytest.raises(StudioError, match="no native bfloat16"):
        cb.compress_bf16(full, tmp_path / "x.safetensors", bench_data=SAMPLES)
    with pytest.raises(StudioError, match="already a compressed variant"):
        monkeypatch.setattr(cb, "supported", lambda: True)
        cb.compress_bf16(find_model(str(out)), tmp_path / "y.safetensors", bench_data=SAMPLES)


@needs_bf16
def test_a_bf16_face_variant_keeps_the_faces_and_their_identity(tmp_path):
    from PIL import Image

    from studio.core.compress_bf16 import compress_bf16
    from studio.core.faces import FaceGenerator, resolve_model

    full = import_model(find_model("faces-celeba64").path, "myfaces")
    reference = FaceGenerator(full, "cpu").generate(list(range(40)))  # no variant of it yet: the full model
    folder = tmp_path / "faces"
    folder.mkdir()
    for i, img in enumerate(reference):
        Image.fromarray(img).save(folder / f"{i:03d}.png")
    out = user_models_dir() / "myfaces-bf16.safetensors"
    r = compress_bf16(full, out, bench_data=folder)
    assert r["metric"] == "SWD" and abs(r["change"]) < 2
    _set_accepted(out, True)
    assert sorted(m.name for m in variants.full_models("faces")) == ["faces-celeba64", "myfaces"]
    assert resolve_model(None).name == "faces-celeba64"
    gen = FaceGenerator("myfaces", "cpu")
    assert gen.runtime.name == "myfaces-bf16"
    # Exports still name the model the user chose and its file's hash (the watermark identifies it).
    assert gen.name == "myfaces" and gen.sha256 == file_sha256(full.path)
    faces = gen.generate(list(range(40)))
    diff = np.abs(faces.astype(int) - reference.astype(int))
    assert diff.mean() < 2.0 and diff.max() > 0
