from studio.__main__ import _is_gui_args


def test_files_open_the_gui_and_anything_else_is_a_command(tmp_path):
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"x")
    assert _is_gui_args([str(photo)])
    assert not _is_gui_args(["repair", str(photo)])
    assert not _is_gui_args(["--version"])
    assert not _is_gui_args([str(tmp_path / "missing.jpg")])
