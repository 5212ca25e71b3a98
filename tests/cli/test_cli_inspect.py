import json

from studio.cli import main
from studio.core.paths import resources_dir


def test_inspect_reports_each_file_as_json(tmp_path, capsys):
    samples = resources_dir() / "samples"
    out = tmp_path / "out.png"
    assert main(["repair", str(samples / "old-photo.jpg"), "--mask", str(samples / "old-photo-mask.png"),
                 "--method", "telea", "-o", str(out)]) == 0
    assert main(["faces", "-o", str(tmp_path / "faces"), "--count", "1", "--size", "256"]) == 0
    face = next((tmp_path / "faces").glob("face-*.png"))
    capsys.readouterr()
    assert main(["inspect", "--json", str(out), str(face), str(samples / "old-photo.jpg")]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in rows] == [str(out), str(face), str(samples / "old-photo.jpg")]
    for r in rows:
        assert {"file", "digital_source_type", "c2pa", "watermark"} <= set(r)
        assert {"present", "valid", "actions"} <= set(r["c2pa"]) and {"found", "payload"} <= set(r["watermark"])
    repaired, made, original = rows
    assert repaired["digital_source_type"] == "algorithmicallyEnhanced" and repaired["c2pa"]["valid"] is True
    assert made["digital_source_type"] == "trainedAlgorithmicMedia" and made["watermark"]["found"]
    assert made["c2pa"]["actions"] == ["c2pa.created"]
    assert original["digital_source_type"] is None and not original["c2pa"]["present"]
    assert not original["watermark"]["found"]


def test_inspect_says_which_files_it_could_not_read(tmp_path, capsys):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not an image")
    assert main(["inspect", str(bad), str(tmp_path / "missing.png")]) == 1
    text = capsys.readouterr().out
    assert "bad.jpg: unreadable" in text and "missing.png: no such file" in text
