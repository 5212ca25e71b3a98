import pytest

from studio.core.errors import StudioError
from studio.core.model_card import export_run_model
from studio.core.registry import load_model
from studio.core.training.gan import train_gan
from tests.core.training_helpers import face_like_folder, tiny_config


def test_export_copies_the_best_generator_with_a_card(tmp_path):
    faces = face_like_folder(tmp_path / "faces")
    train_gan(tmp_path / "run", tiny_config(steps=6), faces)
    dest = export_run_model(tmp_path / "run", tmp_path / "models" / "mine.safetensors", "My faces")
    g, meta = load_model(dest)
    card = dest.with_suffix(".md").read_text()
    assert card.startswith("# My faces")
    assert "SWD" in card and "| 6 |" in card and "Hardware" in card
    assert "non-commercial" not in card  # not trained on CelebA
    with pytest.raises(StudioError):
        export_run_model(tmp_path / "faces", tmp_path / "x.safetensors")
    latest = export_run_model(tmp_path / "run", tmp_path / "models" / "latest.safetensors", last=True)
    assert load_model(latest)[1]["info"]["steps"] == 6  # the run's last model, whatever validation preferred


def test_export_a_repair_run_with_a_benchmark_in_its_card(tmp_path):
    from PIL import Image

    from studio.core.training.inpaint import InpaintTrainConfig, train_inpaint
    from tests.conftest import natural_image

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(4):
        Image.fromarray(natural_image(96, 128, seed=i)).save(photos / f"{i}.png")
    cfg = InpaintTrainConfig(width=8, depth=2, crop=32, batch=4, steps=4, val_crops=6, eval_every=2, log_every=1,
                             device="cpu", val_fraction=0.25)
    train_inpaint(tmp_path / "run", cfg, [photos])
    dest = export_run_model(tmp_path / "run", tmp_path / "m" / "repair.safetensors", "Repair", photos, 1)
    card = dest.with_suffix(".md").read_text()
    assert card.startswith("# Repair") and "overall" in card and "telea" in card and "| 4 |" in card


SHIPPED = "faces-celeba64"


def test_the_shipped_face_model_loads_and_its_card_states_terms_and_metric():
    from studio.core.faces import FaceGenerator
    from studio.core.registry import list_models

    shipped = [m for m in list_models("faces") if m.source == "shipped" and m.name == SHIPPED]
    assert shipped, "the default face model is missing from resources/models"
    m = shipped[0]
    assert m.path.stat().st_size < 40 * 1024 * 1024
    card = m.card_path.read_text()
    assert "non-commercial" in card and "SWD" in card
    assert m.metadata["info"]["metrics"]["swd"] <= 25
    faces = FaceGenerator(m, "cpu").generate([0, 1])
    assert faces.shape == (2, 64, 64, 3) and faces.std() > 20  # real variation, not a flat image
