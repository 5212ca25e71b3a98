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
