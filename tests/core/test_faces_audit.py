import numpy as np

from studio.core import faces
from studio.core.faces_audit import audit_faces, write_card_section
from tests.core.training_helpers import face_like_folder
from tests.faces_helpers import tiny_face_model


def test_a_model_that_copies_its_training_images_is_caught(tmp_path, monkeypatch):
    data = face_like_folder(tmp_path / "data", n=60, size=32, corrupt=False)
    model = tiny_face_model(tmp_path / "tiny.safetensors")
    honest, _ = audit_faces(model, data, count=40, holdout=20)
    assert honest.generated == 40 and honest.training == 40 and honest.held_out == 20
    assert honest.closer_than_any_held_out < 0.2

    from studio.core.training.data import load_image_folder, split_holdout

    arr = np.asarray(load_image_folder(data, 32).array)
    train_idx, _ = split_holdout(len(arr), 20, 0)
    copies = arr[train_idx]
    monkeypatch.setattr(faces.FaceGenerator, "generate", lambda self, seeds, truncation=1.0: copies[seeds])
    copier, grid = audit_faces(model, data, count=40, holdout=20)
    assert copier.closer_than_any_held_out > 0.9
    assert copier.pairs[0][2] < 1e-3 and grid.ndim == 3


def test_the_card_keeps_one_audit_section(tmp_path):
    card = tmp_path / "m.md"
    card.write_text("# Model\n\n## Data\nfaces\n\n## Memorisation audit\nold\n\n## Terms\nnone\n")
    write_card_section(card, "## Memorisation audit\nnew")
    text = card.read_text()
    assert text.count("## Memorisation audit") == 1 and "new" in text and "old" not in text
    assert "## Terms" in text and "## Data" in text


def test_principal_directions_are_unit_latent_directions_ordered_by_variance(tmp_path):
    from studio.core.faces import FaceGenerator
    from studio.core.faces_explore import principal_directions

    gen = FaceGenerator(tiny_face_model(tmp_path / "tiny.safetensors"), "cpu")
    d = principal_directions(gen, k=4, samples=600)
    assert d.vectors.shape == (4, gen.nz)
    assert np.allclose(np.linalg.norm(d.vectors, axis=1), 1, atol=1e-4)
    assert np.all(np.diff(d.explained) <= 1e-6) and d.explained.sum() < 1
    z = np.random.default_rng(0).standard_normal(gen.nz).astype(np.float32)
    assert np.array_equal(d.move(z, [0, 0, 0, 0]), z)
    # Moving along a direction changes the first-layer activations most along its own component.
    assert not np.array_equal(d.move(z, [1, 0, 0, 0]), z)


def test_feature_maps_show_every_convolution_of_each_kind_of_model():
    from studio.core.paths import resources_dir
    from studio.core.training.feature_maps import feature_maps

    for name, first in (("faces-celeba64", "ConvTranspose2d 100→"), ("repair-bsds", "Conv2d 4→"),
                        ("damage-detector", "Conv2d 3→")):
        views = feature_maps(resources_dir() / "models" / f"{name}.safetensors")
        assert first in views[0].name and len(views) >= 5
        grids = [v.grid for v in views]
        assert all(g.dtype == np.uint8 and g.ndim == 3 for g in grids)
        assert any(g.std() > 10 for g in grids)  # real structure, not blank tiles
