"""A small U-Net that marks damage (dust, hairs, scratches, tears) pixel by pixel.

Damage is thin, so the first and last layers run at full resolution; whether a
thin line is a scratch or a fence post depends on context, so the bottleneck
sees ~100 px through dilated convolutions at 1/8 scale.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from . import TupleFieldsConfig


@dataclass
class DamageConfig(TupleFieldsConfig):
    width: int = 16  # channels at full resolution: detection of 768×512 in well under 0.5 s on 2 CPU cores
    depth: int = 3  # stride-2 downsamplings
    dilations: tuple = (1, 2, 4)  # bottleneck context at 1/2**depth scale

    @property
    def multiple(self) -> int:
        return 2 ** self.depth

    def validate(self, limit: int = 256) -> None:
        """Refuse configurations no trained file of ours has, before anything is allocated."""
        if not (1 <= self.width <= limit and 1 <= self.depth <= 6 and len(self.dilations) <= 8
                and all(1 <= int(d) <= 64 for d in self.dilations)):
            raise ValueError(f"implausible damage-net configuration {self.to_dict()}")


def _block(cin: int, cout: int, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, dilation, dilation=dilation), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class DamageNet(nn.Module):
    def __init__(self, cfg: DamageConfig):
        super().__init__()
        self.cfg = cfg
        w = cfg.width
        chans = [w * min(2 ** i, 4) for i in range(cfg.depth + 1)]
        self.stem = nn.Sequential(_block(3, chans[0]), _block(chans[0], chans[0]))
        self.down = nn.ModuleList(nn.Sequential(_block(chans[i], chans[i + 1], stride=2), _block(chans[i + 1], chans[i + 1]))
                                  for i in range(cfg.depth))
        self.mid = nn.Sequential(*[_block(chans[-1], chans[-1], dilation=d) for d in cfg.dilations])
        self.up = nn.ModuleList(_block(chans[i + 1] + chans[i], chans[i]) for i in reversed(range(cfg.depth)))
        self.head = nn.Conv2d(chans[0], 1, 1)
        nn.init.constant_(self.head.bias, -4.0)  # start by marking nothing: damage is rare

    def forward(self, rgb: torch.Tensor) -> torch.Tensor:
        """``rgb`` in [-1, 1], (N, 3, H, W) with H, W multiples of ``cfg.multiple``; returns logits (N, 1, H, W)."""
        x = self.stem(rgb)
        skips = [x]
        for d in self.down:
            x = d(x)
            skips.append(x)
        x = self.mid(x)
        skips.pop()
        for u in self.up:
            skip = skips.pop()
            x = F.interpolate(x, size=skip.shape[-2:], mode="bilinear", align_corners=False)
            x = u(torch.cat([x, skip], dim=1))
        return self.head(x)


@torch.no_grad()
def fuse_batchnorm(net: nn.Module) -> nn.Module:
    """Fold each eval-mode BatchNorm into the convolution before it: the same output, one pass less."""
    for block in net.modules():
        if not isinstance(block, nn.Sequential):
            continue
        layers = list(block)
        for i in range(len(layers) - 1):
            conv, bn = layers[i], layers[i + 1]
            if isinstance(conv, nn.Conv2d) and isinstance(bn, nn.BatchNorm2d):
                scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
                conv.weight.mul_(scale.view(-1, 1, 1, 1))
                bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
                conv.bias = nn.Parameter((bias - bn.running_mean) * scale + bn.bias)
                block[i + 1] = nn.Identity()
    return net
