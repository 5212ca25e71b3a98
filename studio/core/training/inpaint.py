"""Training the inpainting refiner on photos with procedural damage."""
from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import cv2
import numpy as np
import torch
from PIL import Image

from ..device import hardware_name, pick_device
from ..images import load_rgb
from ..jobs import Cancelled, ProgressFn, StudioError, check_cancel, report
from ..masks import KINDS, random_mask
from ..metrics import psnr
from ..nets.inpaint import InpaintConfig, InpaintNet
from ..registry import save_model
from .checkpoint import atomic_save, flatten_optimizer, prefixed, read_checkpoint, unflatten_optimizer, unprefixed
from .data import find_images, image_grid
from .events import EventFn, TrainEvent
from .runs import RunFolder

CLASSICAL = {"telea": cv2.INPAINT_TELEA, "ns": cv2.INPAINT_NS}


@dataclass
class InpaintTrainConfig:
    width: int = 16  # see InpaintConfig
    depth: int = 3
    classical: str = "telea"  # the fill the network learns to correct
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

    def __post_init__(self) -> None:
        if self.classical not in CLASSICAL:
            raise StudioError(f"classical fill must be telea or ns, not {self.classical!r}")
        if self.crop % (2 ** self.depth):
            raise StudioError(f"crop must be a multiple of {2 ** self.depth}")

    def net_config(self) -> InpaintConfig:
        return InpaintConfig(width=self.width, depth=self.depth, classical=self.classical)

    @classmethod
    def from_dict(cls, d: dict) -> "InpaintTrainConfig":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def load_photos(folders: list[Path], max_side: int, progress: ProgressFn | None = None,
                cancel: threading.Event | None = None) -> tuple[list[np.ndarray], list[str]]:
    files = [f for folder in folders for f in find_images(folder)]
    photos, skipped = [], []
    for i, f in enumerate(files):
        check_cancel(cancel)
        try:
            rgb = load_rgb(f)
        except StudioError:
            skipped.append(str(f))
            continue
        h, w = rgb.shape[:2]
        s = max_side / max(h, w)
        if s < 1:
            rgb = cv2.resize(rgb, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
        photos.append(rgb)
        if i % 50 == 0:
            report(progress, i, len(files), f"loading photos {i}/{len(files)}")
    return photos, skipped


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


class InpaintTrainer:
    # A lower learning rate is the usual way to continue a run that has levelled off.
    RESUMABLE = ("steps", "checkpoint_every", "sample_every", "eval_every", "log_every", "device", "lr")

    def __init__(self, run_dir, config: InpaintTrainConfig | None = None, data: list | None = None,
                 val: str | Path | None = None, *, resume: bool = False, overrides: dict | None = None):
        self.run = RunFolder(run_dir)
        if resume:
            stored = self.run.read_config()
            if stored.get("model") != "inpaint":
                raise StudioError(f"{self.run.root}: not an inpainting run")
            cfg = dict(stored["train"])
            for k, v in (overrides or {}).items():
                if v is not None:
                    if k not in self.RESUMABLE:
                        raise StudioError(f"{k} cannot change when resuming a run")
                    cfg[k] = v
            self.config = InpaintTrainConfig.from_dict(cfg)
            self._changes = {k: v for k, v in (overrides or {}).items() if v is not None}
            self.data = [Path(d) for d in stored["data"]]
            self.val = Path(stored["val"]) if stored.get("val") else None
        else:
            if config is None or not data:
                raise StudioError("a new run needs a config and at least one data folder")
            if self.run.exists():
                raise StudioError(f"{self.run.root}: a run already exists here (use --resume to continue it)")
            self.config, self.data, self.val = config, [Path(d) for d in data], Path(val) if val else None
        self.resume = resume

    def _setup(self, progress, cancel) -> None:
        cfg = self.config
        self.device = pick_device(cfg.device)
        if not self.resume:
            self.run.create({"model": "inpaint", "train": asdict(cfg), "net": cfg.net_config().to_dict(),
                             "data": [str(d) for d in self.data], "val": str(self.val) if self.val else None,
                             "created": time.time()})
        photos, self.skipped = load_photos(self.data, cfg.max_side, progress, cancel)
        if self.val is not None:
            val_photos, _ = load_photos([self.val], cfg.max_side)
            self.train_photos = photos
        else:
            order = np.random.default_rng(cfg.seed).permutation(len(photos))
            n_val = max(1, int(len(photos) * cfg.val_fraction)) if len(photos) > 1 else 0
            val_photos = [photos[i] for i in order[:n_val]]
            self.train_photos = [photos[i] for i in order[n_val:]]
        if not self.train_photos or not val_photos:
            raise StudioError("need at least two readable photos (one to train on, one to validate)")
        vrng = np.random.default_rng(cfg.seed + 12345)
        self.val_set = [make_example(val_photos[i % len(val_photos)], cfg.crop, vrng, KINDS[i % len(KINDS)],
                                     cfg.classical) + (KINDS[i % len(KINDS)],) for i in range(cfg.val_crops)]
        self.net = InpaintNet(cfg.net_config()).to(self.device)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.step, self.elapsed, self.best = 0, 0.0, -math.inf
        if self.resume:
            path = self.run.latest_checkpoint()
            if path is None:
                raise StudioError(f"{self.run.root}: no checkpoint to resume from")
            tensors, meta = read_checkpoint(path)
            self.net.load_state_dict(unprefixed(tensors, "net"))
            state = meta["state"]
            unflatten_optimizer(self.opt, "opt", tensors, state["opt"])
            for group in self.opt.param_groups:
                group["lr"] = cfg.lr
            self.step, self.elapsed = state["step"], state["elapsed"]
            if self._changes.get("lr") is not None:
                # Keep the run's history honest: record where the recipe changed.
                stored = self.run.read_config()
                stored.setdefault("resumes", []).append({"step": self.step, "lr": self._changes["lr"]})
                self.run.write_config(stored)
            self.best = state.get("best") if state.get("best") is not None else -math.inf
            self.run.truncate_metrics(self.step)
        self.rng = np.random.default_rng(cfg.seed + 1 + self.step)

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

    def _sample(self) -> tuple[np.ndarray, Path]:
        imgs, masks, fills, _ = zip(*self.val_set[:8])
        out = self.predict(imgs, masks, fills)
        damaged = [np.where(m[..., None], 255, i).astype(np.uint8) for i, m in zip(imgs, masks)]
        grid = image_grid(np.concatenate([np.stack(damaged), np.stack(fills), out, np.stack(imgs)]), cols=8)
        path = self.run.sample_path(self.step)
        Image.fromarray(grid).save(path)
        return grid, path

    def _checkpoint(self) -> Path:
        t_opt, m_opt = flatten_optimizer(self.opt, "opt")
        state = {"step": self.step, "elapsed": self.elapsed,
                 "best": None if math.isinf(self.best) else self.best, "opt": m_opt}
        path = self.run.checkpoint_path(self.step)
        atomic_save({**prefixed(self.net.state_dict(), "net"), **t_opt}, path,
                    {"arch": "inpaint-train", "state": json.dumps(state), "config": json.dumps(asdict(self.config))})
        self.run.prune_checkpoints(self.config.keep_checkpoints)
        return path

    def export(self, path: Path, metrics: dict) -> Path:
        info = {"data": [str(d) for d in self.data], "val": str(self.val) if self.val else "held-out photos",
                "photos": len(self.train_photos), "steps": self.step, "batch": self.config.batch,
                "crop": self.config.crop, "wall_time_s": round(self.elapsed, 1), "device": str(self.device),
                "hardware": hardware_name(self.device),
                "metrics": metrics, "run": str(self.run.root)}
        return save_model(path, self.net, "inpaint-refiner", self.config.net_config().to_dict(), info)

    def train(self, *, progress: ProgressFn | None = None, cancel: threading.Event | None = None,
              pause: threading.Event | None = None, events: EventFn | None = None) -> dict:
        self._setup(progress, cancel)
        cfg = self.config
        emit = events or (lambda e: None)
        last_ckpt, stopped = self.step, False
        window_t, window_step = time.perf_counter(), self.step
        while self.step < cfg.steps:
            if pause is not None and pause.is_set():
                emit(TrainEvent("paused", self.step, cfg.steps))
                while pause.is_set() and not (cancel is not None and cancel.is_set()):
                    time.sleep(0.05)
            if cancel is not None and cancel.is_set():
                stopped = True
                break
            t0 = time.perf_counter()
            losses = self.train_step()
            self.step += 1
            self.elapsed += time.perf_counter() - t0
            if self.step % cfg.log_every == 0 or self.step == cfg.steps:
                now = time.perf_counter()
                rate = (self.step - window_step) * cfg.batch / max(now - window_t, 1e-9)
                window_t, window_step = now, self.step
                record = {"step": self.step, "time": time.time(), **{k: round(v, 5) for k, v in losses.items()},
                          "samples_per_s": round(rate, 1)}
                extra = {}
                if cfg.eval_every and (self.step % cfg.eval_every < cfg.log_every or self.step == cfg.steps):
                    scores = self.evaluate()
                    record.update(scores)
                    if scores["psnr_hole"] > self.best:
                        self.best = scores["psnr_hole"]
                        self.export(self.run.root / "best_inpaint.safetensors", scores)
                if cfg.sample_every and (self.step % cfg.sample_every < cfg.log_every or self.step == cfg.steps):
                    grid, path = self._sample()
                    extra = {"grid": grid, "path": str(path)}
                self.run.append_metrics(record)
                eta = (cfg.steps - self.step) * cfg.batch / max(rate, 1e-9)
                emit(TrainEvent("step", self.step, cfg.steps, record, eta_s=eta, **extra))
                summary = f"loss {record['loss']:.4f}  {rate:.0f} crops/s"
                if "psnr_hole" in record:
                    summary += f"  hole PSNR {record['psnr_hole']:.2f} dB ({record['gain_db']:+.2f} vs OpenCV)"
                report(progress, self.step, cfg.steps, summary)
            if self.step - last_ckpt >= cfg.checkpoint_every:
                path = self._checkpoint()
                last_ckpt = self.step
                emit(TrainEvent("checkpoint", self.step, cfg.steps, path=str(path)))
        if self.step != last_ckpt or stopped:
            path = self._checkpoint()
            emit(TrainEvent("checkpoint", self.step, cfg.steps, path=str(path)))
        final = self.evaluate()
        self.export(self.run.root / "inpaint.safetensors", final)
        emit(TrainEvent("stopped" if stopped else "done", self.step, cfg.steps, final))
        if stopped:
            raise Cancelled(f"stopped at step {self.step}; resume to continue")
        return {"step": self.step, "skipped": len(self.skipped), "metrics": final}


def train_inpaint(run_dir, config: InpaintTrainConfig | None = None, data: list | None = None, val=None, *,
                  resume: bool = False, overrides: dict | None = None, progress=None, cancel=None, pause=None,
                  events=None) -> dict:
    trainer = InpaintTrainer(run_dir, config, data, val, resume=resume, overrides=overrides)
    return trainer.train(progress=progress, cancel=cancel, pause=pause, events=events)
