import numpy as np
import pytest

from studio.core.photo.enhance import EnhanceSettings, enhance
from studio.core.errors import StudioError
from studio.core.metrics import psnr
from tests.conftest import natural_image


def test_denoise_reduces_noise():
    clean = natural_image()
    noisy = np.clip(clean + np.random.default_rng(0).normal(0, 15, clean.shape), 0, 255).astype(np.uint8)
    out = enhance(noisy, EnhanceSettings(denoise=0.7))
    assert psnr(out, clean) > psnr(noisy, clean) + 2


def test_contrast_and_sharpen_raise_local_detail():
    img = natural_image()
    flat = (img.astype(float) * 0.4 + 80).astype(np.uint8)
    lap = lambda a: np.abs(np.diff(a.astype(float), axis=1)).mean()  # noqa: E731
    assert lap(enhance(flat, EnhanceSettings(contrast=1.0))) > lap(flat)
    assert lap(enhance(flat, EnhanceSettings(sharpen=1.0))) > lap(flat)


def test_zero_strength_is_identity_and_bad_values_are_refused():
    img = natural_image()
    assert np.array_equal(enhance(img, EnhanceSettings()), img)
    with pytest.raises(StudioError, match="between 0 and 1"):
        EnhanceSettings(denoise=2)
    with pytest.raises(StudioError, match="upscale"):
        EnhanceSettings(upscale=3)
