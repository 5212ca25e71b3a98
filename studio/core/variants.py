"""Which file runs: a model, or on a CPU its compressed variant measured within tolerance.

A variant (int8 for the damage detector, bfloat16 for the repair and face
networks) names the model it was made from and whether its measured quality
change was accepted; it is never offered as a model of its own.
"""
from __future__ import annotations

import torch

from .bf16 import bf16_info, supported as bf16_supported
from .compress import int8_info
from .registry import ModelInfo, list_models


def source_of(model: ModelInfo) -> str | None:
    """The name of the model ``model`` is a variant of, or None for a model of its own."""
    spec = int8_info(model.metadata) or bf16_info(model.metadata)
    return spec.get("compressed_from") if spec else None


def full_models(task: str | None = None) -> list[ModelInfo]:
    return [m for m in list_models(task) if source_of(m) is None]


def _runs_here(variant: ModelInfo) -> bool:
    if bf16_info(variant.metadata) is not None:
        return bool(bf16_info(variant.metadata).get("accepted")) and bf16_supported()
    spec = int8_info(variant.metadata)
    return bool(spec and spec.get("accepted"))


def runtime_model(model: ModelInfo, device: torch.device) -> ModelInfo:
    """The file to load for ``model`` on ``device``: its accepted variant on a CPU that runs it, else itself."""
    if device.type != "cpu" or source_of(model) is not None:
        return model
    for m in list_models(model.task):
        if source_of(m) == model.name and _runs_here(m):
            return m
    return model
