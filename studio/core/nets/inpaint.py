"""A light inpainting network that refines a classical fill.

The network sees the OpenCV fill of the hole and the mask, and predicts a
correction inside the hole only. Its last layer starts at zero, so an untrained
model already equals the classical fill; training can only add to it. That is
what makes learning affordable on a CPU budget.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import torch
import torch.nn.functional as F
from torch import nn

from . import TupleFieldsConfig


class ClassicalFill(str, Enum):
    """The OpenCV fill the network corrects."""

    TELEA = "telea"
    NS = "ns"


@dataclass
class InpaintConfig(TupleFieldsConfig):
    width: int = 16  # channels at full resolution (0.56M parameters): trains in hours on a CPU
    depth: int = 3  # stride-2 downsamplings: receptive field for holes up to ~64 px at width 32
    dilations: tuple = (2, 4, 8)  # bottleneck context without further downsampling
    classical: str = "telea"  # the fill the network corrects: "telea" or "ns"

    @property
    def multiple(self) -> int:
        return 2 ** self.depth


class GatedConv(nn.Module):
    """Gated convolution (Yu et al. 2019): a learned soft mask decides which features pass."""

    def __init__(self, cin: int, cout: int, k: int = 3, stride: int = 1, dilation: int = 1):
        super().__init__()
        pad = dilation * (k - 1) // 2
        self.conv = nn.Conv2d(cin, cout * 2, k, stride, pad, dilation=dilation)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        f, g = self.conv(x).chunk(2, dim=1)
        return F.elu(f) * torch.sigmoid(g)


class InpaintNet(nn.Module):
    def __init__(self, cfg: InpaintConfig):
        super().__init__()
        self.cfg = cfg
        w = cfg.width
        chans = [w * min(2 ** i, 4) for i in range(cfg.depth + 1)]
        self.stem = GatedConv(4, chans[0], 5)
        self.down = nn.ModuleList(GatedConv(chans[i], chans[i + 1], 3, stride=2) for i in range(cfg.depth))
        self.mid = nn.Sequential(*[GatedConv(chans[-1], chans[-1], 3, dilation=d) for d in cfg.dilations])
        self.up = nn.ModuleList(GatedConv(chans[i + 1] + chans[i], chans[i], 3) for i in reversed(range(cfg.depth)))
        self.head = nn.Conv2d(chans[0], 3, 3, padding=1)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)

    def forward(self, coarse: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``coarse``: classical fill in [-1, 1], (N, 3, H, W); ``mask``: (N, 1, H, W), 1 in the hole.
        H and W must be multiples of ``cfg.multiple``. Returns the composited result."""
        x = self.stem(torch.cat([coarse, mask], dim=1))
        skips = [x]
        for d in self.down:
            x = d(x)
            skips.append(x)
        x = self.mid(x)
        skips.pop()
        for u in self.up:
            skip = skips.pop()
            x = F.interpolate(x, size=skip.shape[-2:], mode="nearest")
            x = u(torch.cat([x, skip], dim=1))
        out = coarse + self.head(x)
        return coarse * (1 - mask) + out.clamp(-1, 1) * mask
