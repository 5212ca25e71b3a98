"""Writing tensors safely: safetensors files renamed into place only when complete."""
from __future__ import annotations

from pathlib import Path

import torch
from safetensors.torch import save

from .files import write_atomic


def atomic_save(tensors: dict[str, torch.Tensor], path: Path, metadata: dict[str, str]) -> None:
    """Write to a temporary file then rename: a killed process never leaves half a checkpoint."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = save({k: v.detach().cpu().contiguous() for k, v in tensors.items()}, metadata=metadata)
    write_atomic(path, data, prefix=".tmp-", suffix=".safetensors")
