from pathlib import Path

import torch

from studio.core.nets.dcgan import DCGANConfig, Generator
from studio.core.registry import save_model
from studio.core.training.gan import recalibrate_batchnorm


def tiny_face_model(path: Path, seed: int = 0) -> Path:
    """An untrained but valid face model file: enough to test generation and export."""
    torch.manual_seed(seed)
    cfg = DCGANConfig(resolution=32, nz=16, ngf=8)
    g = Generator(cfg)
    # Statistics of its own make an untrained generator's outputs vary with the latent, as a trained one's do.
    recalibrate_batchnorm(g, cfg.nz, torch.device("cpu"), batches=2, batch_size=32)
    return save_model(path, g, "dcgan-generator", cfg.to_dict(), {"steps": 0, "data": "none"})
