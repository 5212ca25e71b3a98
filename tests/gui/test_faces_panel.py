import numpy as np
import pytest
from PIL import Image

from studio.core.registry import import_model
from tests.faces_helpers import tiny_face_model


@pytest.fixture
def faces_panel(window, qtbot, tmp_path):
    import_model(tiny_face_model(tmp_path / "tiny.safetensors"), "tiny")
    p = window.faces_panel
    window.tabs.setCurrentWidget(p)
    p.refresh_models("tiny")
    p.grid_combo.setCurrentIndex(p.grid_combo.findData(3))
    qtbot.waitUntil(lambda: len(p.faces) >= 9 and all(not t.icon().isNull() for t in p.tiles), timeout=20000)
    return p


def test_grid_shows_faces_with_their_seeds(faces_panel):
    p = faces_panel
    assert len(p.tiles) == 9
    assert [t.seed for t in p.tiles] == p.seeds()
    assert p.tiles[4].text() == f"seed {p.seeds()[4]}"


def test_new_seed_replaces_the_grid_and_stale_results_are_dropped(faces_panel, qtbot):
    p = faces_panel
    old = dict(p.faces)
    p.seed_spin.setValue(500)
    p.seed_spin.setValue(900)  # a second request while the first may still run
    qtbot.waitUntil(lambda: all(t.seed in p.faces for t in p.tiles) and p.tiles[0].seed == 900, timeout=20000)
    assert [t.seed for t in p.tiles] == list(range(900, 909))
    assert not set(old) & set(p.faces)


def test_truncation_changes_the_faces(faces_panel, qtbot):
    p = faces_panel
    seed = p.tiles[0].seed
    before = p.faces[seed].copy()
    p.trunc_slider.setValue(20)
    qtbot.waitUntil(lambda: not np.array_equal(p.faces[seed], before), timeout=20000)


def test_enlarge_save_and_copy_a_face(faces_panel, qtbot, tmp_path):
    p = faces_panel
    p.tiles[2].click()
    assert p.current_seed == p.tiles[2].seed and p.preview.pixmap() is not None
    with qtbot.waitSignal(p.save_current(tmp_path / "one.png").result, timeout=10000):
        pass
    assert np.array_equal(np.asarray(Image.open(tmp_path / "one.png")), p.faces[p.current_seed])
    # A single saved face is marked like an exported one.
    assert b"trainedAlgorithmicMedia" in (tmp_path / "one.png").read_bytes()
    with qtbot.waitSignal(p.save_current(tmp_path / "one.jpg").result, timeout=10000):
        pass
    assert b"trainedAlgorithmicMedia" in (tmp_path / "one.jpg").read_bytes()
    with qtbot.waitSignal(p.copy_current().result, timeout=10000):
        pass
    from PySide6.QtGui import QGuiApplication

    data = QGuiApplication.clipboard().mimeData()
    assert data.imageData().width() == 32
    assert b"trainedAlgorithmicMedia" in bytes(data.data("image/png"))


def test_interpolate_two_faces_and_export_the_morph(faces_panel, qtbot, tmp_path):
    p = faces_panel
    p.tiles[0].click()
    p.set_a.click()
    p.tiles[1].click()
    p.set_b.click()
    assert p.morph.pair == [p.tiles[0].seed, p.tiles[1].seed]
    thumbs = [t.pixmap().toImage() for t in p.morph.thumbs]
    assert not thumbs[0].isNull() and not thumbs[1].isNull() and thumbs[0] != thumbs[1]  # faces, not just seeds
    # Another truncation draws A and B differently: their thumbnails follow.
    p.trunc_slider.setValue(20 if p.trunc_slider.value() > 50 else 90)
    qtbot.waitUntil(lambda: p.morph.thumbs[0].pixmap().toImage() != thumbs[0], timeout=20000)
    p.morph.frames_spin.setValue(8)
    with qtbot.waitSignal(p.morph.make_morph(p.gen, p.truncation()).result, timeout=20000):
        pass
    assert p.morph.morph_frames.shape[0] == 8
    assert np.array_equal(p.morph.morph_frames[0], p.faces[p.tiles[0].seed])
    qtbot.waitUntil(lambda: p.morph.morph_view.pixmap() is not None and not p.morph.morph_view.pixmap().isNull())
    with qtbot.waitSignal(p.morph.export_morph(tmp_path / "m.gif").result, timeout=20000):
        pass
    assert Image.open(tmp_path / "m.gif").n_frames == 14


def test_batch_export_dialog(faces_panel, qtbot, tmp_path):
    dlg = faces_panel.open_export()
    dlg.count.setValue(20)
    dlg.folder.setText(str(tmp_path / "export"))
    dlg.size.setCurrentIndex(1)
    dlg.format.setCurrentIndex(dlg.format.findData("webp"))
    with qtbot.waitSignal(dlg.start().result, timeout=30000):
        pass
    files = list((tmp_path / "export").glob("face-*.webp"))
    assert len(files) == 20 and Image.open(files[0]).size == (64, 64)
    assert (tmp_path / "export" / "metadata.csv").exists()
    qtbot.waitUntil(lambda: "Wrote 20" in dlg.status.text())
    dlg.close()


def test_import_rejects_a_bad_file_with_a_message(faces_panel, qtbot, tmp_path):
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"garbage")
    with qtbot.waitSignal(faces_panel.import_file(bad).failed, timeout=10000):
        pass
    assert "Could not import" in faces_panel.banner.text()


def test_about_shows_each_model_card_and_the_celeba_terms(window, tmp_path):
    model = tiny_face_model(tmp_path / "tiny.safetensors")
    (tmp_path / "tiny.md").write_text("# Tiny card\n\nSWD 99\n")
    import_model(model, "tiny")
    dlg = window.show_about()
    texts = dlg.card_texts()
    assert any("Tiny card" in t for t in texts)
    from PySide6.QtWidgets import QLabel

    labels = " ".join(w.text() for w in dlg.findChildren(QLabel))
    assert "non-commercial" in labels
    dlg.close()


def test_explore_moves_a_face_along_named_directions(faces_panel, qtbot):
    from studio.core.faces_explore import load_names

    p = faces_panel
    p.tiles[1].click()
    dlg = p.explore()
    with qtbot.waitSignal(dlg.job.result, timeout=20000):
        pass
    qtbot.waitUntil(lambda: hasattr(dlg, "face"), timeout=10000)
    before = dlg.face.copy()
    assert np.array_equal(before, p.faces[p.current_seed])  # at zero the face is the seed's own
    dlg.sliders[0].setValue(25)
    qtbot.waitUntil(lambda: not np.array_equal(dlg.face, before), timeout=10000)
    dlg.names[0].setText("lighting")
    dlg.names[0].editingFinished.emit()
    assert load_names(p.gen.sha256, 3)[0] == "lighting"  # kept with the model, for the next time
    dlg.close()
