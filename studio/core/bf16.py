"""Bfloat16 variants of Studio's networks, for CPUs that compute in bfloat16 natively.

On CPUs with AVX-512 BF16 or AMX, oneDNN runs convolutions in bfloat16 about
3× faster than in float32, at 8 bits of mantissa. The variant's file keeps
its weights in bfloat16 (half the size) and records, in its metadata, what
that costs in quality by the model's own benchmark; inputs are converted to
bfloat16 on the way in and outputs back to float32 on the way out, so callers
see the same interface. CPUs without native bfloat16 would emulate it slowly:
there the full model runs.
"""
from __future__ import annotations

import functools

import torch

BF16_KEY = "bf16"  # in a model's info: {"compressed_from": name, "accepted": bool, measurements ...}


@functools.cache
def supported() -> bool:
    """Whether this CPU computes bfloat16 natively (otherwise a bf16 variant would be slower, not faster)."""
    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def bf16_info(meta: dict) -> dict | None:
    value = meta.get("info", {}).get(BF16_KEY)
    return value if isinstance(value, dict) and "compressed_from" in value else None


def _inputs_to_bf16(_module, args):
    return tuple(a.to(torch.bfloat16) if isinstance(a, torch.Tensor) and a.is_floating_point() else a for a in args)


def _output_to_float(_module, _args, out):
    return out.float() if isinstance(out, torch.Tensor) else out


def as_bf16(net: torch.nn.Module) -> torch.nn.Module:
    """``net`` computing in bfloat16, taking and returning float32 tensors."""
    net = net.to(torch.bfloat16)
    net.register_forward_pre_hook(_inputs_to_bf16)
    net.register_forward_hook(_output_to_float)
    return net


def with_bf16(meta: dict, net: torch.nn.Module, device: torch.device) -> torch.nn.Module:
    """``net`` as its bf16 variant when the metadata describes one and this CPU runs it natively."""
    if bf16_info(meta) is None or device.type != "cpu" or not supported():
        return net
    return as_bf16(net)
