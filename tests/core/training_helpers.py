from pathlib import Path

import numpy as np
from PIL import Image

from studio.core.training.gan import GANTrainConfig


def face_like_folder(folder: Path, n: int = 48, size: int = 40, seed: int = 0, corrupt: bool = True) -> Path:
    """Small images with a consistent structure (a bright oval on a darker field), plus two bad files."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    yy, xx = np.mgrid[0:size, 0:size]
    for i in range(n):
        bg = rng.integers(0, 80, 3)
        fg = rng.integers(150, 255, 3)
        cy, cx = size / 2 + rng.normal(0, 2), size / 2 + rng.normal(0, 2)
        oval = ((yy - cy) / (size * 0.35)) ** 2 + ((xx - cx) / (size * 0.27)) ** 2 < 1
        img = np.where(oval[..., None], fg, bg).astype(np.uint8)
        sub = folder / ("a" if i % 2 else "b")
        sub.mkdir(exist_ok=True)
        Image.fromarray(img).save(sub / f"{i:03d}.png")
    if corrupt:
        (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
        (folder / "notes.png").write_text("not an image")
    return folder


def tiny_config(**kw) -> GANTrainConfig:
    base = dict(resolution=32, ngf=8, ndf=8, nz=16, batch=8, steps=6, holdout=8, swd_every=3, swd_images=8,
                sample_every=3, checkpoint_every=3, log_every=1, device="cpu")
    base.update(kw)
    return GANTrainConfig(**base)
