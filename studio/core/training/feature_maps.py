"""What a network's layers see: the feature maps of one sample, layer by layer.

Each convolutional layer's output for a fixed input (a fixed latent for the
face generator, a sample photo for the repair and damage networks) is shown
as a grid of its most active channels, each stretched to full contrast.
Watching these change during training shows which layers have started to
pick out edges, textures or parts of faces, and which are still noise.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import torch
from torch import nn

from ..images import image_grid, load_rgb
from ..paths import resources_dir
from ..registry import load_model

CHANNELS = 16  # shown per layer: the most active ones
TILE = 64  # px each channel is drawn at


@dataclass
class LayerView:
    name: str  # e.g. "3: ConvTranspose2d 512→256"
    shape: tuple[int, int, int]  # channels, height, width
    grid: np.ndarray  # (H, W, 3) uint8


def _sample_photo(side: int) -> np.ndarray:
    rgb = load_rgb(resources_dir() / "samples" / "old-photo.jpg")
    h, w = rgb.shape[:2]
    s = min(h, w)
    crop = rgb[(h - s) // 2:(h - s) // 2 + s, (w - s) // 2:(w - s) // 2 + s]
    return cv2.resize(crop, (side, side), interpolation=cv2.INTER_AREA)


def _inputs(net: nn.Module, meta: dict) -> tuple:
    arch = meta["arch"]
    if arch == "dcgan-generator":
        from ..faces import latent

        return (latent(0, int(meta["config"]["nz"]))[None, :, None, None],)
    x = torch.from_numpy(_sample_photo(128)).permute(2, 0, 1)[None].float().div(127.5).sub(1)
    if arch == "inpaint-refiner":
        mask = torch.zeros(1, 1, 128, 128)
        mask[:, :, 48:80, 40:88] = 1
        return x * (1 - mask), mask
    return (x,)


def _channel_grid(act: torch.Tensor) -> np.ndarray:
    a = act[0].float()
    spread = a.flatten(1).std(dim=1)
    top = spread.argsort(descending=True)[:CHANNELS]
    tiles = []
    for c in top.tolist():
        m = a[c].numpy()
        lo, hi = float(m.min()), float(m.max())
        t = ((m - lo) / (hi - lo + 1e-8) * 255).astype(np.uint8)
        t = cv2.resize(t, (TILE, TILE), interpolation=cv2.INTER_NEAREST if t.shape[0] < TILE else cv2.INTER_AREA)
        tiles.append(np.repeat(t[..., None], 3, axis=2))
    return image_grid(np.stack(tiles), cols=4)


@torch.inference_mode()
def feature_maps(model_path: str | Path) -> list[LayerView]:
    """One view per convolution of the network in ``model_path`` (a run's exported model file)."""
    net, meta = load_model(model_path)
    convs = [(i, m) for i, m in enumerate(net.modules()) if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
    seen: dict[int, torch.Tensor] = {}
    hooks = [m.register_forward_hook(lambda mod, inp, out, i=i: seen.__setitem__(i, out.detach()))
             for i, m in convs]
    try:
        net(*_inputs(net, meta))
    finally:
        for h in hooks:
            h.remove()
    views = []
    for n, (i, m) in enumerate(convs):
        if i not in seen or seen[i].dim() != 4:
            continue
        act = seen[i]
        label = f"{n + 1}: {type(m).__name__} {m.in_channels}→{m.out_channels}, {act.shape[2]}×{act.shape[3]}"
        views.append(LayerView(label, tuple(act.shape[1:]), _channel_grid(act)))
    return views


def latest_model_file(run_dir: str | Path, names: tuple[str, ...]) -> Path | None:
    """The most recently written of a run's model files (the newest weights, not only the best)."""
    files = [Path(run_dir) / n for n in names if (Path(run_dir) / n).exists()]
    return max(files, key=lambda p: p.stat().st_mtime) if files else None
