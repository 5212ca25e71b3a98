import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from studio import __version__
from studio.core.images import load_mask
from tests.conftest import ROOT, natural_image


def studio(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "studio", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


def test_version():
    res = studio("--version")
    assert res.returncode == 0 and __version__ in res.stdout


def test_repairs_one_file_into_a_named_output(sample_photo, sample_mask, tmp_path):
    out = tmp_path / "fixed.jpg"
    res = studio("repair", sample_photo, "--mask", sample_mask, "--method", "ns", "-o", out)
    assert res.returncode == 0, res.stderr
    clean = natural_image()
    repaired = np.asarray(Image.open(out).convert("RGB"))
    assert repaired.shape == clean.shape
    assert "repaired 1" in res.stdout


def test_folder_batch_resumes_and_reports_unreadable_files(tmp_path, sample_mask):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i, rel in enumerate(["a.png", "sub/b.jpg"]):
        Image.fromarray(natural_image(seed=i)).save(src / rel)
    (src / "sub" / "zero.png").write_bytes(b"")
    out = tmp_path / "out"
    res = studio("repair", src, "--mask", sample_mask, "-o", out)
    assert res.returncode == 1
    assert (out / "a.png").exists() and (out / "sub" / "b.jpg").exists()
    assert "zero.png" in res.stderr and "empty" in res.stderr
    assert "Traceback" not in res.stderr
    (src / "sub" / "zero.png").unlink()
    res = studio("repair", src, "--mask", sample_mask, "-o", out)
    assert res.returncode == 0 and "skipped 2 existing" in res.stdout


@pytest.mark.parametrize("args, code, words", [
    (["repair", "{photo}", "-o", "{tmp}/x.jpg"], 2, "needs --mask MASK or --auto"),
    (["repair", "{photo}", "--mask", "{mask}", "--method", "magic", "-o", "{tmp}/x.jpg"], 2, "unknown method"),
    (["repair", "{photo}", "--mask", "{mask}"], 2, "required"),
    (["frobnicate"], 2, "invalid choice"),
    (["repair", "{tmp}/missing.jpg", "--mask", "{mask}", "-o", "{tmp}/x.jpg"], 1, "not found"),
    (["repair", "{photo}", "--mask", "{tmp}/missing.png", "-o", "{tmp}/x.jpg"], 1, "not found"),
    (["repair", "{text}", "--mask", "{mask}", "-o", "{tmp}/x.png"], 1, "not an image"),
    (["repair", "{photo}", "--mask", "{small}", "-o", "{tmp}/x.jpg"], 1, "mask is 10×10 but the image is 256×192"),
    (["repair", "{photo}", "--mask", "{mask}", "-o", "{blocker}/x.jpg"], 1, "cannot"),
])
def test_bad_input_exit_codes_and_one_line_messages(sample_photo, sample_mask, tmp_path, args, code, words):
    text = tmp_path / "text.png"
    text.write_text("hello")
    small = tmp_path / "small.png"
    Image.new("L", (10, 10)).save(small)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    fmt = dict(photo=sample_photo, mask=sample_mask, tmp=tmp_path, text=text, small=small, blocker=blocker)
    res = studio(*[a.format(**fmt) for a in args])
    assert res.returncode == code, res.stderr
    assert words in res.stderr
    assert "Traceback" not in res.stderr
    if code == 1:
        assert "studio: error:" in res.stderr


def test_debug_shows_the_traceback(tmp_path, sample_mask):
    res = studio("repair", tmp_path / "missing.jpg", "--mask", sample_mask, "-o", tmp_path / "x.jpg", "--debug")
    assert res.returncode != 0 and "Traceback" in res.stderr


def test_auto_detects_and_repairs_dust(tmp_path):
    from studio.core.photo.damage import add_synthetic_damage

    clean = natural_image(240, 320)
    damaged, truth = add_synthetic_damage(clean, np.random.default_rng(2), scratches=0, tears=0)
    src = tmp_path / "dusty.png"
    Image.fromarray(damaged).save(src)
    res = studio("repair", src, "--auto", "-o", tmp_path / "clean.png")
    assert res.returncode == 0, res.stderr
    out = np.asarray(Image.open(tmp_path / "clean.png")).astype(float)
    err_before = np.abs(damaged.astype(float) - clean)[truth].mean()
    err_after = np.abs(out - clean)[truth].mean()
    assert err_after < err_before * 0.6


def test_enhance_cli_upscales_and_corrects_a_colour_cast(tmp_path):
    clean = natural_image()
    cast = np.clip(clean.astype(float) * (1.0, 0.8, 0.6) * 0.7 + 40, 0, 255).astype(np.uint8)  # faded, yellowed
    src = tmp_path / "old.png"
    Image.fromarray(cast).save(src)
    res = studio("enhance", src, "--color", "1", "--upscale", "2", "-o", tmp_path / "new.png")
    assert res.returncode == 0, res.stderr
    out = np.asarray(Image.open(tmp_path / "new.png")).astype(float)
    assert out.shape == (clean.shape[0] * 2, clean.shape[1] * 2, 3)
    means = out.reshape(-1, 3).mean(axis=0)
    cast_means = cast.reshape(-1, 3).mean(axis=0)
    assert means.max() - means.min() < 0.5 * (cast_means.max() - cast_means.min())
    assert out.std() > cast.std()  # the fade is stretched back out
    res = studio("enhance", src, "-o", tmp_path / "x.png")
    assert res.returncode == 2 and "choose at least one" in res.stderr
    res = studio("enhance", src, "--sharpen", "3", "-o", tmp_path / "x.png")
    assert res.returncode == 2 and "between 0 and 1" in res.stderr


@pytest.mark.parametrize("command", ["repair", "enhance", "restore"])
def test_an_output_is_never_written_over_an_input(tmp_path, sample_mask, command):
    src = tmp_path / "photo.png"
    Image.fromarray(natural_image()).save(src)
    before = src.read_bytes()
    link = tmp_path / "link.png"
    import os

    os.link(src, link)
    extra = {"repair": ["--mask", sample_mask, "--method", "telea"], "enhance": ["--sharpen", "0.5"],
             "restore": ["--detector", "classical", "--method", "telea"]}[command]
    for target in (src, tmp_path / "sub" / ".." / "photo.png", link):
        (tmp_path / "sub").mkdir(exist_ok=True)
        res = studio(command, src, "-o", target, "--overwrite", *extra)
        assert res.returncode == 1 and "never writes over an original" in res.stderr, res.stderr
    assert src.read_bytes() == before


def test_restore_reports_what_it_did(tmp_path):
    from studio.core.photo.damage_render import render_damage

    clean = natural_image(200, 260, seed=3)
    damaged, *_ = render_damage(clean, np.random.default_rng(1), amount=1.0, kinds=("dust", "scratch"), age=False,
                                scan_noise=False)
    Image.fromarray(damaged).save(tmp_path / "old.png")
    res = studio("restore", tmp_path / "old.png", "-o", tmp_path / "out.png", "--no-enhance")
    assert res.returncode == 0, res.stderr
    assert "defect" in res.stdout and "% of the pixels" in res.stdout and "restored 1" in res.stdout
    out = np.asarray(Image.open(tmp_path / "out.png").convert("RGB"))
    assert not np.array_equal(out, damaged)
    res = studio("repair", tmp_path / "old.png", "--auto", "-o", tmp_path / "auto.png")
    assert res.returncode == 0 and "detected" in res.stdout and "defect" in res.stdout, res.stderr


def test_list_methods_and_the_default_method():
    res = studio("repair", "--list-methods")
    assert res.returncode == 0
    lines = res.stdout.splitlines()
    assert lines[0].startswith("neural") and "(default)" in lines[0]
    assert {ln.split()[0] for ln in lines} == {"neural", "patch", "telea", "ns"}
    assert "--list-methods" in studio("repair", "--help").stdout


def test_bench_damage_prints_both_renderers(tmp_path):
    for i in range(2):
        Image.fromarray(natural_image(96, 128, seed=i)).save(tmp_path / f"{i}.png")
    res = studio("bench", "damage", "--data", tmp_path, "--photos", "2", "--method", "telea")
    assert res.returncode == 0, res.stderr
    assert "| studio |" in res.stdout and "| simple |" in res.stdout and "clean photos" in res.stdout
    assert "recall by kind" not in res.stdout


def test_bench_damage_can_say_which_marks_it_misses(tmp_path):
    for i in range(2):
        Image.fromarray(natural_image(96, 128, seed=i)).save(tmp_path / f"{i}.png")
    res = studio("bench", "damage", "--data", tmp_path, "--photos", "2", "--method", "telea", "--per-kind")
    assert res.returncode == 0, res.stderr
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("recall by kind"))
    scores = dict(part.split() for part in line.split(": ", 1)[1].split(", "))
    # Small photos get few marks: every kind named is one of Studio's, and dust, the commonest, is there.
    assert "dust" in scores and set(scores) <= {"dust", "hair", "scratch", "tear", "crease", "spot", "foxing"}
    assert all(0.0 <= float(v) <= 1.0 for v in scores.values())


def test_masks_that_leave_nothing_to_do_say_so(tmp_path):
    src = tmp_path / "photo.png"
    Image.fromarray(natural_image()).save(src)
    black, white = tmp_path / "black.png", tmp_path / "white.png"
    Image.new("L", (256, 192), 0).save(black)
    Image.new("L", (256, 192), 255).save(white)
    res = studio("repair", src, "--mask", black, "-o", tmp_path / "a.png", "--method", "telea")
    assert res.returncode == 0 and "nothing to repair" in res.stdout and "repaired 0" in res.stdout
    assert not (tmp_path / "a.png").exists()
    res = studio("repair", src, "--mask", white, "-o", tmp_path / "b.png", "--method", "telea")
    assert res.returncode == 1 and "covers the whole photo" in res.stderr
    assert not (tmp_path / "b.png").exists()


def test_a_16_bit_scan_is_repaired_at_16_bits_and_a_jpeg_of_it_says_it_has_8(tmp_path, sample_mask):
    import cv2

    rgb16 = natural_image().astype(np.uint16) * 257 + np.uint16(100)  # detail below the 8-bit step
    cv2.imwrite(str(tmp_path / "deep.tif"), rgb16[..., ::-1])
    res = studio("repair", tmp_path / "deep.tif", "--mask", sample_mask, "-o", tmp_path / "out.tif",
                 "--method", "telea")
    assert res.returncode == 0, res.stderr
    assert "8 bits per channel" not in res.stdout
    out = cv2.imread(str(tmp_path / "out.tif"), cv2.IMREAD_UNCHANGED)[..., ::-1]
    mask = load_mask(sample_mask)
    assert out.dtype == np.uint16 and np.array_equal(out[~mask], rgb16[~mask])  # untouched pixels bit-identical
    assert not np.array_equal(out[mask], rgb16[mask])
    res = studio("repair", tmp_path / "deep.tif", "--mask", sample_mask, "-o", tmp_path / "out.jpg",
                 "--method", "telea")
    assert res.returncode == 0, res.stderr
    assert "8 bits per channel (the original has 16)" in res.stdout
    res = studio("enhance", tmp_path / "deep.tif", "-o", tmp_path / "big.tif", "--upscale", "2")
    assert res.returncode == 0, res.stderr
    assert "8 bits per channel (the original has 16)" in res.stdout  # a resized result cannot keep them


def test_help_texts_tell_the_truth():
    assert "--selftest" in studio("--help").stdout
    assert "export" in studio("models", "--help").stdout
    assert "0-2" in studio("faces", "--help").stdout
    assert "--sensitivity" in studio("restore", "--help").stdout


def _loads_torch(argv: list[str]) -> str:
    code = ("import sys\nfrom studio.cli import main\n"
            f"rc = main({argv!r})\n"
            "print('torch' in sys.modules, rc)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return res.stdout.strip().splitlines()[-1] if res.stdout.strip() else res.stderr


def test_classical_work_never_loads_torch(tmp_path, sample_photo, sample_mask):
    from tests.video_helpers import make_clip

    out = tmp_path / "o.png"
    assert _loads_torch(["repair", str(sample_photo), "--mask", str(sample_mask), "--method", "telea",
                         "-o", str(out)]) == "False 0"
    assert _loads_torch(["enhance", str(sample_photo), "--sharpen", "0.3", "-o", str(tmp_path / "e.jpg")]) == "False 0"
    assert _loads_torch(["inspect", str(out)]) == "False 0"
    clip = make_clip(tmp_path / "c.mp4", frames=6, audio=None)
    assert _loads_torch(["video", str(clip), "-o", str(tmp_path / "v.mp4"), "--auto-dust", "--denoise", "0.3"]) \
        == "False 0"


def test_png_compression_level_is_an_option(tmp_path, sample_mask):
    src = tmp_path / "p.png"
    Image.fromarray(natural_image()).save(src)
    sizes = {}
    for level in ("1", "9"):
        out = tmp_path / f"o{level}.png"
        assert studio("repair", src, "--mask", sample_mask, "--method", "telea", "-o", out,
                      "--png-level", level).returncode == 0
        sizes[level] = out.stat().st_size
    assert sizes["9"] < sizes["1"]
    assert np.array_equal(np.asarray(Image.open(tmp_path / "o1.png")), np.asarray(Image.open(tmp_path / "o9.png")))
    assert studio("repair", src, "--mask", sample_mask, "-o", tmp_path / "x.png", "--png-level", "12").returncode == 2
