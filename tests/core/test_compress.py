import numpy as np
import torch

from studio.core.paths import resources_dir
from studio.core.registry import find_model, load_model

SAMPLES = resources_dir() / "samples" / "landscapes"


def test_the_int8_damage_detector_is_measured_and_used_on_cpus_only_within_tolerance(tmp_path):
    from studio.core.photo.damage_compress import compress_damage
    from studio.core.photo.damage_learned import LearnedDetector, default_damage_model

    full = find_model("damage-detector")
    out = tmp_path / "det-int8.safetensors"
    r = compress_damage(full, out, SAMPLES, bench_data=SAMPLES, calibration_photos=4, bench_photos=2)
    assert r["speedup"] > 1.5  # int8 convolutions on x86
    assert abs(r["f1_change"]) < 0.1 and r["accepted"] == (r["f1_change"] >= -r["tolerance"])
    card = out.with_suffix(".md").read_text()
    assert "faster" in card and "F1" in card
    net, _ = load_model(out, "cpu")
    assert any("quantized" in type(m).__module__ for m in net.modules())
    # The same detections, near enough: int8 probabilities follow the float ones.
    rgb = (np.random.default_rng(0).random((128, 192, 3)) * 255).astype(np.uint8)
    p_full = LearnedDetector(full, "cpu").probability(rgb)
    det = LearnedDetector(find_model(str(out)), "cpu")
    assert np.array_equal(det.probability(rgb), p_full)  # the first photo: the float network, no build wait
    assert not det.uses_int8
    p_int8 = det.probability(rgb)  # from the second on, the int8 one
    assert det.uses_int8
    assert not np.array_equal(p_int8, p_full) and np.abs(p_full - p_int8).mean() < 0.05
    # A photo of several tiles pays for the build at once.
    wide = LearnedDetector(find_model(str(out)), "cpu")
    wide.probability(np.zeros((64, 800, 3), np.uint8))
    assert wide.uses_int8
    # On a GPU the full model runs; the shipped int8 variant was accepted, so a CPU uses it.
    assert default_damage_model(torch.device("cpu")).name == "damage-detector-int8"
    assert default_damage_model(torch.device("meta")).name == "damage-detector"
