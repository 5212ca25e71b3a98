"""DCGAN generator and discriminator (Radford et al. 2016, PyTorch reference layout)."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn


@dataclass
class DCGANConfig:
    resolution: int = 64  # output side in pixels: 32, 64 or 128
    nz: int = 100  # latent size, as in the paper
    ngf: int = 64  # generator width at the last hidden layer
    ndf: int = 64  # discriminator width at the first layer
    channels: int = 3  # RGB

    def __post_init__(self) -> None:
        if self.resolution not in (32, 64, 128):
            raise ValueError(f"resolution must be 32, 64 or 128, not {self.resolution}")
        for name in ("nz", "ngf", "ndf", "channels"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be positive")

    @property
    def n_up(self) -> int:
        # 4x4 seed doubled until it reaches the resolution
        return int(math.log2(self.resolution)) - 2

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "DCGANConfig":
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


def _init_weights(m: nn.Module) -> None:
    # N(0, 0.02) for convs and N(1, 0.02) for BatchNorm scales, as in the paper.
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


class Generator(nn.Module):
    def __init__(self, cfg: DCGANConfig):
        super().__init__()
        self.cfg = cfg
        mult = 2 ** (cfg.n_up - 1)
        layers: list[nn.Module] = [
            nn.ConvTranspose2d(cfg.nz, cfg.ngf * mult, 4, 1, 0, bias=False),
            nn.BatchNorm2d(cfg.ngf * mult),
            nn.ReLU(True),
        ]
        for _ in range(cfg.n_up - 1):
            layers += [
                nn.ConvTranspose2d(cfg.ngf * mult, cfg.ngf * mult // 2, 4, 2, 1, bias=False),
                nn.BatchNorm2d(cfg.ngf * mult // 2),
                nn.ReLU(True),
            ]
            mult //= 2
        layers += [nn.ConvTranspose2d(cfg.ngf, cfg.channels, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)
        self.apply(_init_weights)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        if z.dim() == 2:
            z = z[:, :, None, None]
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self, cfg: DCGANConfig):
        super().__init__()
        self.cfg = cfg
        layers: list[nn.Module] = [
            nn.Conv2d(cfg.channels, cfg.ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
        ]
        mult = 1
        for _ in range(cfg.n_up - 1):
            layers += [
                nn.Conv2d(cfg.ndf * mult, cfg.ndf * mult * 2, 4, 2, 1, bias=False),
                nn.BatchNorm2d(cfg.ndf * mult * 2),
                nn.LeakyReLU(0.2, inplace=True),
            ]
            mult *= 2
        # Raw logits: the loss decides between BCE-with-logits and hinge.
        layers += [nn.Conv2d(cfg.ndf * mult, 1, 4, 1, 0, bias=False)]
        self.main = nn.Sequential(*layers)
        self.apply(_init_weights)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.main(x).flatten(1).squeeze(1)
