"""Int8 variants of Studio's convolutional models, for CPUs.

PyTorch's static post-training quantisation (FX graph mode, x86 kernels)
fuses each convolution with its BatchNorm and ReLU and runs it in 8-bit
integers. Weights are quantised per channel from the float weights when the
model loads, so the file keeps the float tensors (and so passes the same
shape checks as any model); what calibration adds is the range of every
activation, measured on real photos and stored in the file's metadata.
Measured on the damage detector: about 5× faster on a 2-core CPU.
"""
from __future__ import annotations

import copy
import json
import threading
import time
import warnings

import torch

_FX_LOCK = threading.Lock()  # FX tracing and conversion are not thread-safe: one network at a time
INT8_KEY = "int8"  # in a model's info: {"ranges": {observer: [min, max]}, "accepted": bool, ...}


def _qconfig_mapping():
    from torch.ao.quantization import MinMaxObserver, QConfig, QConfigMapping, default_per_channel_weight_observer

    # Min/max activation ranges (not histograms): a pair of numbers per activation restores the exact
    # quantisation later. reduce_range keeps x86's 16-bit accumulations from saturating.
    act = MinMaxObserver.with_args(dtype=torch.quint8, reduce_range=True)
    return QConfigMapping().set_global(QConfig(activation=act, weight=default_per_channel_weight_observer))


def _prepare(net: torch.nn.Module, example: torch.Tensor):
    from torch.ao.quantization.quantize_fx import prepare_fx

    with _FX_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the FX API's notice that it is moving to torchao
        return prepare_fx(copy.deepcopy(net).eval(), _qconfig_mapping(), (example,))


def _convert(prepared):
    from torch.ao.quantization.quantize_fx import convert_fx

    with _FX_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return convert_fx(prepared)


def _observers(prepared) -> dict:
    from torch.ao.quantization import MinMaxObserver

    return {name: m for name, m in prepared.named_modules() if isinstance(m, MinMaxObserver)}


def calibrate(net: torch.nn.Module, batches, example: torch.Tensor) -> dict[str, list[float]]:
    """Run ``batches`` (input tensors) through the prepared network; the activation ranges seen."""
    prepared = _prepare(net, example)
    with torch.inference_mode():
        for x in batches:
            prepared(x)
    return {name: [float(m.min_val), float(m.max_val)] for name, m in _observers(prepared).items()}


def quantized(net: torch.nn.Module, ranges: dict[str, list[float]], example: torch.Tensor) -> torch.nn.Module:
    """The int8 network for ``net`` with the stored activation ranges."""
    prepared = _prepare(net, example)
    observers = _observers(prepared)
    if set(observers) != set(ranges):
        from .errors import StudioError

        raise StudioError("the int8 calibration does not fit this network")
    for name, (lo, hi) in ranges.items():
        observers[name].min_val = torch.tensor(lo)
        observers[name].max_val = torch.tensor(hi)
    return _convert(prepared).eval()


def example_input(arch: str) -> torch.Tensor:
    if arch != "damage-unet":
        from .errors import StudioError

        raise StudioError(f"int8 variants are made for the damage detector, not {arch}")
    return torch.zeros(1, 3, 128, 128)


def int8_info(meta: dict) -> dict | None:
    info = meta.get("info", {})
    value = info.get(INT8_KEY)
    return value if isinstance(value, dict) and "ranges" in value else None


def with_int8(meta: dict, net: torch.nn.Module, device: torch.device) -> torch.nn.Module:
    """``net`` as the int8 variant its metadata describes, on a CPU; unchanged elsewhere."""
    spec = int8_info(meta)
    if spec is None or device.type != "cpu":
        return net
    return quantized(net, spec["ranges"], example_input(meta["arch"]))


def describe(meta: dict) -> str:
    spec = int8_info(meta) or {}
    return json.dumps({k: v for k, v in spec.items() if k != "ranges"})


def median_seconds(fn, rounds: int = 5) -> float:
    """Median wall time of ``fn`` after one warm-up call: how compressed variants are timed against their model."""
    fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]
