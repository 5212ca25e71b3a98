"""The learned repair method: the inpainting refiner behind the common Inpainter interface."""
from __future__ import annotations

import threading

import cv2
import numpy as np
import torch
import torch.nn.functional as F

from ..device import pick_device
from ..registry import ModelInfo, load_model
from ..variants import full_models, runtime_model
from .inpainter import Inpainter

HAIRLINE_PX = 1.5  # holes no thicker than ~3 px go to Navier–Stokes, which is strongest there
MAX_SIDE = 1024  # larger crops run at reduced resolution and the result is scaled back


def default_inpaint_model() -> ModelInfo | None:
    models = full_models("inpaint")
    if not models:
        return None
    best = lambda m: m.metadata.get("info", {}).get("metrics", {}).get("gain_db", -99)  # noqa: E731
    return max(models, key=best)


class NeuralInpainter(Inpainter):
    name = "neural"
    label = "Learned (Studio)"
    description = ("Studio's own network refines a classical fill: better on strokes, blobs and objects; "
                   "hairline scratches go to Navier–Stokes.")

    def __init__(self, model: ModelInfo, device: str | torch.device | None = None, *, use_variant: bool = True):
        self.model = model
        self.use_variant = use_variant  # False runs exactly ``model``'s file (to measure a variant against it)
        self._device = device
        self._net = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._net is None:
                dev = pick_device(self._device) if not isinstance(self._device, torch.device) else self._device
                chosen = runtime_model(self.model, dev) if self.use_variant else self.model
                self._net, meta = load_model(chosen.path, dev)
                self._classical = meta["config"].get("classical", "telea")
                self._multiple = 2 ** int(meta["config"].get("depth", 3))
                self._dev = dev
        return self._net

    def margin(self, hole_size: int) -> int:
        # The network's receptive field plus half the hole: context from all around it.
        return 32 + min(hole_size // 2, 128)

    def route(self, hole: np.ndarray) -> str:
        thickness = cv2.distanceTransform(hole.astype(np.uint8), cv2.DIST_L2, 3).max()
        return "ns" if thickness <= HAIRLINE_PX else self.name

    def inpaint(self, rgb: np.ndarray, mask: np.ndarray, cancel: threading.Event | None = None) -> np.ndarray:
        if self.route(mask) == "ns":
            return cv2.inpaint(rgb, mask.astype(np.uint8) * 255, 5, cv2.INPAINT_NS)
        net = self._load()
        flag = cv2.INPAINT_TELEA if self._classical == "telea" else cv2.INPAINT_NS
        coarse = cv2.inpaint(rgb, mask.astype(np.uint8) * 255, 5, flag)
        h, w = mask.shape
        scale = min(1.0, MAX_SIDE / max(h, w))
        c_in, m_in = coarse, mask.astype(np.float32)
        if scale < 1.0:
            size = (max(1, round(w * scale)), max(1, round(h * scale)))
            c_in = cv2.resize(coarse, size, interpolation=cv2.INTER_AREA)
            m_in = (cv2.resize(m_in, size, interpolation=cv2.INTER_AREA) > 0).astype(np.float32)
        k = self._multiple
        ph, pw = (-c_in.shape[0]) % k, (-c_in.shape[1]) % k
        c_t = torch.from_numpy(c_in).permute(2, 0, 1)[None].float().div(127.5).sub(1)
        m_t = torch.from_numpy(m_in)[None, None]
        c_t = F.pad(c_t, (0, pw, 0, ph), mode="replicate")
        m_t = F.pad(m_t, (0, pw, 0, ph))
        with torch.inference_mode():
            out = net(c_t.to(self._dev), m_t.to(self._dev))[0, :, :c_in.shape[0], :c_in.shape[1]]
        out = out.add(1).mul(127.5).round().clamp(0, 255).byte().permute(1, 2, 0).cpu().numpy()
        if scale < 1.0:
            out = cv2.resize(out, (w, h), interpolation=cv2.INTER_CUBIC)
        result = rgb.copy()
        result[mask] = out[mask]
        return result
