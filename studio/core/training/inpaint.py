"""Training the inpainting refiner on photos with procedural damage."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import torch

from ..device import hardware_name, pick_device
from ..images import image_grid
from ..errors import StudioError
from ..metrics import psnr
from ..nets.inpaint import ClassicalFill, InpaintConfig, InpaintNet
from ..registry import save_model
from .loop import Trainer, config_from_dict
from .masks import KINDS, random_mask

CLASSICAL = {"telea": cv2.INPAINT_TELEA, "ns": cv2.INPAINT_NS}


@dataclass
class InpaintTrainConfig:
    width: int = 16  # see InpaintConfig
    depth: int = 3
    classical: ClassicalFill = ClassicalFill.TELEA  # the fill the network learns to correct
    crop: int = 96  # training crop side; a multiple of 2**depth
    batch: int = 16
    steps: int = 50_000
    lr: float = 5e-4  # Adam
    grad_weight: float = 0.5  # L1 on image gradients in the hole keeps edges from blurring
    max_side: int = 512  # photos are downscaled to this once when loaded
    val_fraction: float = 0.1  # photos held out for validation when no --val folder is given
    val_crops: int = 48  # fixed validation crops, damage kinds in rotation
    eval_every: int = 250
    sample_every: int = 500
    checkpoint_every: int = 250
    log_every: int = 10
    keep_checkpoints: int = 2
    seed: int = 0
    device: str = "auto"
    exclude: list = field(default_factory=list)  # files left out of the data (e.g. copies `data check` found)

    def __post_init__(self) -> None:
        if self.classical in CLASSICAL:
            self.classical = ClassicalFill(self.classical)
        else:
            raise StudioError(f"classical fill must be telea or ns, not {self.classical!r}")
        if self.crop % (2 ** self.depth):
            raise StudioError(f"crop must be a multiple of {2 ** self.depth}")

    def net_config(self) -> InpaintConfig:
        return InpaintConfig(width=self.width, depth=self.depth, classical=self.classical)

    @classmethod
    def from_dict(cls, d: dict) -> "InpaintTrainConfig":
        return config_from_dict(cls, d)


def classical_fill(rgb: np.ndarray, mask: np.ndarray, method: str) -> np.ndarray:
    return cv2.inpaint(rgb, mask.astype(np.uint8) * 255, 5, CLASSICAL[method])


def make_example(photo: np.ndarray, crop: int, rng: np.random.Generator, kind: str | None, method: str):
    h, w = photo.shape[:2]
    if h < crop or w < crop:
        photo = cv2.resize(photo, (max(w, crop), max(h, crop)))
        h, w = photo.shape[:2]
    y, x = rng.integers(0, h - crop + 1), rng.integers(0, w - crop + 1)
    img = photo[y:y + crop, x:x + crop]
    if rng.random() < 0.5:
        img = img[:, ::-1]
    img = np.ascontiguousarray(img)
    mask = random_mask(rng, crop, crop, kind)
    if not mask.any():
        mask[crop // 2, crop // 2] = True
    return img, mask, classical_fill(img, mask, method)


def _to_tensors(imgs, masks, fills, device):
    t = lambda a: torch.from_numpy(np.stack(a)).permute(0, 3, 1, 2).float().div(127.5).sub(1).to(device)  # noqa: E731
    m = torch.from_numpy(np.stack(masks)[:, None].astype(np.float32)).to(device)
    return t(imgs), m, t(fills)


class InpaintTrainer(Trainer):
    kind = "inpaint"
    config_cls = InpaintTrainConfig
    best_key = "psnr_hole"
    export_name = "inpaint.safetensors"

    def setup(self, progress, cancel) -> None:
        cfg = self.config
        self.device = pick_device(cfg.device)
        val_photos = self.split_photos(progress, cancel)
        vrng = np.random.default_rng(cfg.seed + 12345)
        self.val_set = [make_example(val_photos[i % len(val_photos)], cfg.crop, vrng, KINDS[i % len(KINDS)],
                                     cfg.classical) + (KINDS[i % len(KINDS)],) for i in range(cfg.val_crops)]
        self.net = InpaintNet(cfg.net_config()).to(self.device)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.rng = np.random.default_rng(self.stream_seed())

    def modules(self):
        return {"net": self.net}

    def optimizers(self):
        return {"opt": self.opt}

    def _batch(self):
        cfg = self.config
        ex = [make_example(self.train_photos[self.rng.integers(len(self.train_photos))], cfg.crop, self.rng, None,
                           cfg.classical) for _ in range(cfg.batch)]
        return _to_tensors(*zip(*ex), self.device)

    def train_step(self) -> dict:
        real, mask, coarse = self._batch()
        out = self.net(coarse, mask)
        hole = mask.sum().clamp_min(1)
        l1 = ((out - real).abs() * mask).sum() / (hole * 3)
        dx = lambda t: t[..., :, 1:] - t[..., :, :-1]  # noqa: E731
        dy = lambda t: t[..., 1:, :] - t[..., :-1, :]  # noqa: E731
        gx = ((dx(out) - dx(real)).abs() * mask[..., :, 1:]).sum() / (hole * 3)
        gy = ((dy(out) - dy(real)).abs() * mask[..., 1:, :]).sum() / (hole * 3)
        loss = l1 + self.config.grad_weight * (gx + gy)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        return {"loss": loss.item(), "l1_hole": l1.item()}

    @torch.no_grad()
    def predict(self, imgs, masks, fills) -> np.ndarray:
        self.net.eval()
        _, m, c = _to_tensors(imgs, masks, fills, self.device)
        out = self.net(c, m).add(1).mul(127.5).round().clamp(0, 255).byte().permute(0, 2, 3, 1).cpu().numpy()
        self.net.train()
        return out

    def evaluate(self) -> dict:
        imgs, masks, fills, kinds = zip(*self.val_set)
        out = self.predict(imgs, masks, fills)
        res = {}
        hole = lambda arr: np.concatenate([a[m] for a, m in zip(arr, masks)])  # noqa: E731
        truth = hole(imgs)
        res["psnr_hole"] = psnr(hole(out), truth)
        res["psnr_telea"] = psnr(hole([classical_fill(i, m, "telea") for i, m in zip(imgs, masks)]), truth)
        res["psnr_ns"] = psnr(hole([classical_fill(i, m, "ns") for i, m in zip(imgs, masks)]), truth)
        res["gain_db"] = res["psnr_hole"] - max(res["psnr_telea"], res["psnr_ns"])
        return {k: round(v, 3) for k, v in res.items()}

    def sample(self) -> np.ndarray:
        imgs, masks, fills, _ = zip(*self.val_set[:8])
        out = self.predict(imgs, masks, fills)
        damaged = [np.where(m[..., None], 255, i).astype(np.uint8) for i, m in zip(imgs, masks)]
        return image_grid(np.concatenate([np.stack(damaged), np.stack(fills), out, np.stack(imgs)]), cols=8)

    def summary(self, record: dict) -> str:
        s = f"loss {record['loss']:.4f}  {record['samples_per_s']:.0f} crops/s  " if "loss" in record else ""
        if "psnr_hole" in record:
            s += (f"hole PSNR {record['psnr_hole']:.2f} dB (Telea {record['psnr_telea']:.2f}, Navier-Stokes "
                  f"{record['psnr_ns']:.2f}; {record['gain_db']:+.2f} dB)")
        return s

    def export(self, path: Path, metrics: dict) -> Path:
        info = {"data": ["/".join(d.parts[-2:]) for d in self.data], "val": self.val.name if self.val else "held-out photos",
                "photos": len(self.train_photos), "steps": self.step, "batch": self.config.batch,
                "crop": self.config.crop, "wall_time_s": round(self.elapsed, 1), "device": str(self.device),
                "hardware": hardware_name(self.device), "metrics": metrics}
        return save_model(path, self.net, "inpaint-refiner", self.config.net_config().to_dict(), info)


def train_inpaint(run_dir, config: InpaintTrainConfig | None = None, data: list | None = None, val=None, *,
                  resume: bool = False, overrides: dict | None = None, progress=None, cancel=None, pause=None,
                  events=None) -> dict:
    trainer = InpaintTrainer(run_dir, config, data, val, resume=resume, overrides=overrides)
    return trainer.train(progress=progress, cancel=cancel, pause=pause, events=events)
