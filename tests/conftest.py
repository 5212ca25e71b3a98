import os
from pathlib import Path

# Tests run headless; the user's app never sets this.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own data/cache folders so nothing leaks between tests or into $HOME."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("STUDIO_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("STUDIO_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("STUDIO_DEVICE", raising=False)
    yield
    from studio.core.photo.methods import clear_cache

    clear_cache()  # methods built from one test's models never serve the next


@pytest.fixture
def shared_data():
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED


def natural_image(h=192, w=256, seed=0) -> np.ndarray:
    """A photo-like test image: smooth gradients, edges, texture and noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w, 3), np.float32)
    img[..., 0] = 120 + 80 * np.sin(xx / 37.0) * np.cos(yy / 53.0)
    img[..., 1] = 90 + 0.4 * yy
    img[..., 2] = 160 - 0.3 * xx
    cy, cx = h * 0.55, w * 0.4
    disk = (yy - cy) ** 2 + (xx - cx) ** 2 < (min(h, w) * 0.22) ** 2
    img[disk] = img[disk] * 0.5 + np.array([200, 60, 40]) * 0.5
    img[:, int(w * 0.75):] *= 0.7
    img += rng.normal(0, 4, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def stroke_mask(h=192, w=256, width=7, seed=1) -> np.ndarray:
    import cv2

    rng = np.random.default_rng(seed)
    m = np.zeros((h, w), np.uint8)
    for _ in range(3):
        pts = rng.integers(0, [w, h], size=(4, 2))
        cv2.polylines(m, [pts.reshape(-1, 1, 2).astype(np.int32)], False, 255, width)
    return m > 0


@pytest.fixture
def sample_photo(tmp_path):
    from PIL import Image

    p = tmp_path / "photo.jpg"
    Image.fromarray(natural_image()).save(p, quality=95)
    return p


@pytest.fixture
def sample_mask(tmp_path):
    from PIL import Image

    p = tmp_path / "mask.png"
    Image.fromarray((stroke_mask() * 255).astype(np.uint8)).save(p)
    return p
