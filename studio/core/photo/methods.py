"""Repair methods by name: a fixed table of factories, built on demand and cached per device.

The table never changes at run time. Whether the learned method is offered
depends on an installed model, which is asked when the list is needed, and a
method is built for the device it will run on, so changing the compute device
(or installing a better model) reaches every caller through :func:`get_method`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

import cv2

from ..errors import StudioError
from .inpainter import Inpainter, OpenCVInpainter


@dataclass(frozen=True)
class MethodSpec:
    name: str  # what the CLI, settings and batch reports call it
    label: str  # what the window shows (translated there)
    description: str
    build: Callable[[object], Inpainter]  # device -> a ready method
    learned: bool = False  # needs a trained model (and torch)


def _telea(device) -> Inpainter:
    return OpenCVInpainter("telea", TELEA.label, cv2.INPAINT_TELEA, TELEA.description)


def _ns(device) -> Inpainter:
    return OpenCVInpainter("ns", NS.label, cv2.INPAINT_NS, NS.description)


def _patch(device) -> Inpainter:
    from .texture_fill import TextureInpainter

    return TextureInpainter()


def _neural(device) -> Inpainter:
    from .neural_inpaint import NeuralInpainter, default_inpaint_model

    info = default_inpaint_model()
    if info is None:
        raise StudioError("no learned repair model installed: train one with `studio train inpaint`")
    return NeuralInpainter(info, device)


NEURAL = MethodSpec("neural", "Learned (Studio)",
                    "Studio's own network refines a classical fill: better on strokes, blobs and objects; "
                    "hairline scratches go to Navier–Stokes.", _neural, learned=True)
PATCH = MethodSpec("patch", "Texture fill (PatchMatch)",
                   "Copies texture from around the hole: best for large holes in grass, gravel, fabric or walls.",
                   _patch)
TELEA = MethodSpec("telea", "OpenCV Telea", "Fast marching (Telea 2004): good for thin scratches and small spots.",
                   _telea)
NS = MethodSpec("ns", "OpenCV Navier–Stokes",
                "Fluid-dynamics fill (Bertalmío 2001): continues edges into thin holes.", _ns)

# Display order: the best-measured method first.
METHODS: dict[str, MethodSpec] = {m.name: m for m in (NEURAL, PATCH, TELEA, NS)}

_cache: dict[tuple[str, str], Inpainter] = {}
_lock = threading.Lock()


def _learned_model_installed() -> bool:
    from .neural_inpaint import default_inpaint_model

    return default_inpaint_model() is not None


def available(name: str) -> bool:
    spec = METHODS.get(name)
    if spec is None:
        return False
    return not spec.learned or _learned_model_installed()


def available_methods() -> list[MethodSpec]:
    return [m for m in METHODS.values() if available(m.name)]


def default_method() -> str:
    """The best-measured installed method: the learned one when a model is installed."""
    return "neural" if available("neural") else "telea"


def _device_key(device) -> str:
    return "auto" if device is None else str(device)


def get_method(name: str, device=None) -> Inpainter:
    spec = METHODS.get(name)
    if spec is None:
        raise StudioError(f"unknown repair method {name!r} (choose from {', '.join(METHODS)})")
    key = (name, _device_key(device))
    with _lock:
        method = _cache.get(key)
        if method is None:
            method = _cache[key] = spec.build(device)
        return method


def clear_cache() -> None:
    """Drop every built method (tests that add methods of their own use it)."""
    with _lock:
        _cache.clear()


def forget_models() -> None:
    """Drop built learned methods, so the next use picks up a newly installed or trained model."""
    with _lock:
        for key in [k for k in _cache if METHODS.get(k[0]) is not None and METHODS[k[0]].learned]:
            del _cache[key]
