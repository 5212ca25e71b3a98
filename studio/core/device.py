"""Choosing the compute device: CUDA, then Apple MPS, then CPU."""
from __future__ import annotations

import contextlib
import os
import platform

import torch

from .errors import StudioError

_ENV = "STUDIO_DEVICE"
_threads_configured = False


def available_devices() -> list[str]:
    names = ["cpu"]
    if torch.cuda.is_available():
        names += [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        names.append("mps")
    return names


def pick_device(preference: str | None = None) -> torch.device:
    """Return the device to compute on.

    ``preference`` (a setting or command-line flag) wins over ``$STUDIO_DEVICE``,
    which wins over the automatic CUDA → MPS → CPU order. "auto" means automatic.
    """
    choice = (preference or os.environ.get(_ENV) or "auto").strip().lower()
    if choice == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        dev = torch.device(choice)
    except RuntimeError as exc:
        raise StudioError(f"unknown device {choice!r} (use auto, cpu, cuda, cuda:N or mps)") from exc
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise StudioError("CUDA was requested but no CUDA GPU is available")
    if dev.type == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise StudioError("Apple MPS was requested but is not available")
    return dev


def describe(device: torch.device) -> str:
    """A short human-readable name, e.g. 'CPU (2 threads)' or 'CUDA: NVIDIA H200'."""
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        return f"CUDA: {torch.cuda.get_device_name(index)}"
    if device.type == "mps":
        return "Apple GPU (MPS)"
    n = torch.get_num_threads()
    return f"CPU ({n} thread{'s' if n != 1 else ''})"


def configure_threads(leave_for_ui: int = 1) -> int:
    """Limit torch's intra-op threads so the UI keeps a core to itself."""
    global _threads_configured
    cores = os.cpu_count() or 1
    n = max(1, cores - leave_for_ui)
    if not _threads_configured:
        torch.set_num_threads(n)
        _threads_configured = True
    return torch.get_num_threads()


@contextlib.contextmanager
def all_cores():
    """Use every core for a short burst of inference, then go back to the configured count.

    For sub-second interactive work (one photo repair) started while nothing else runs:
    the window's thread is idle meanwhile, so holding a core back only makes the user wait.
    """
    before = torch.get_num_threads()
    torch.set_num_threads(os.cpu_count() or before)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def hardware_name(device: torch.device | None = None) -> str:
    """What a model was trained on, for its card: the GPU's name, or the CPU model and core count."""
    if device is not None and device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device is not None and device.type == "mps":
        return f"Apple GPU (MPS), {platform.machine()}"
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores"
