"""GAN training: DCGAN with EMA sampling, DiffAugment, BCE or hinge loss, DDP, AMP, resume."""
from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import threading
import time
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DistributedSampler

from ..device import hardware_name, pick_device
from ..images import image_grid
from ..jobs import Cancelled, ProgressFn, report
from ..errors import StudioError
from ..nets.dcgan import DCGANConfig, Discriminator, Generator
from ..registry import save_model
from ..weights import atomic_save
from . import ddp
from .augment import diff_augment, parse_policy
from .checkpoint import flatten_optimizer, prefixed, read_checkpoint, unflatten_optimizer, unprefixed
from .data import load_image_folder, split_holdout, to_float, to_uint8
from .events import EventFn, EventKind, TrainEvent
from .runs import RunFolder, RunLock
from .swd import swd


class Loss(str, Enum):
    BCE = "bce"
    HINGE = "hinge"


@dataclass
class GANTrainConfig:
    resolution: int = 64  # 32, 64 or 128
    nz: int = 100  # latent size (DCGAN paper)
    ngf: int = 64  # generator width (DCGAN paper)
    ndf: int = 64  # discriminator width (DCGAN paper)
    batch: int = 128  # global batch, split across torchrun ranks (PyTorch reference DCGAN)
    steps: int = 20_000  # generator updates in total; about 250 epochs of 10k images
    epochs: float = 0.0  # when > 0, the run length in passes over the training images instead of steps
    lr_g: float = 2e-4  # Adam, as in the paper
    lr_d: float = 2e-4
    beta1: float = 0.5  # the paper's momentum; 0.9 makes DCGAN oscillate
    beta2: float = 0.999
    loss: Loss = Loss.BCE  # non-saturating BCE (the DCGAN paper's) or hinge
    augment: str = "translation"  # DiffAugment policy: any of color,translation,cutout, or none
    ema_beta: float = 0.999  # generator weight averaging used for sampling
    holdout: int = 1000  # images kept out of training for SWD
    swd_every: int = 1000  # steps between SWD evaluations (0: never)
    swd_images: int = 1000  # generated and held-out images compared
    sample_every: int = 500  # steps between sample grids
    checkpoint_every: int = 500  # steps between checkpoints: a kill -9 loses at most this many
    log_every: int = 10  # steps between metrics records
    keep_checkpoints: int = 2  # older checkpoints are deleted
    seed: int = 0
    device: str = "auto"
    exclude: list = field(default_factory=list)  # files left out of the data (e.g. copies `data check` found)
    amp: bool = True  # bf16/fp16 autocast on CUDA; CPU always runs fp32

    def __post_init__(self) -> None:
        try:
            self.loss = Loss(self.loss)
        except ValueError:
            raise StudioError(f"loss must be bce or hinge, not {self.loss!r}") from None
        try:
            parse_policy(self.augment)
        except ValueError as exc:
            raise StudioError(str(exc)) from exc
        if self.batch < 2:
            raise StudioError("batch must be at least 2")
        try:
            self.net_config()
        except ValueError as exc:
            raise StudioError(str(exc)) from exc

    def net_config(self) -> DCGANConfig:
        return DCGANConfig(resolution=self.resolution, nz=self.nz, ngf=self.ngf, ndf=self.ndf)

    @classmethod
    def from_dict(cls, d: dict) -> "GANTrainConfig":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def recalibrate_batchnorm(g: torch.nn.Module, nz: int, device: torch.device, batches: int = 8,
                          batch_size: int = 128, seed: int = 1234) -> None:
    """Give the EMA generator BatchNorm statistics of its own weights.

    Averaged weights paired with the live generator's running statistics give
    washed-out samples; a few forward passes with a cumulative average fix that.
    """
    bns = [m for m in g.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    if not bns:
        return
    saved = [m.momentum for m in bns]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    gen = torch.Generator().manual_seed(seed)
    g.train()
    with torch.no_grad():
        for _ in range(batches):
            g(torch.randn(batch_size, nz, generator=gen).to(device))
    for m, mom in zip(bns, saved):
        m.momentum = mom
    g.eval()


def latents(seed: int, n: int, nz: int) -> torch.Tensor:
    """Latents drawn on the CPU from a seed, so every device sees the same ones."""
    return torch.randn(n, nz, generator=torch.Generator().manual_seed(seed))


class GANTrainer:
    """Runs (or resumes) one GAN training run in a run folder."""

    RESUMABLE = ("steps", "checkpoint_every", "sample_every", "swd_every", "log_every", "device", "amp")

    def __init__(self, run_dir: str | Path, config: GANTrainConfig | None = None, data_dir: str | Path | None = None,
                 *, resume: bool = False, overrides: dict | None = None, cache_dir: str | Path | None = None):
        self.run = RunFolder(run_dir)
        self.cache_dir = cache_dir
        if resume:
            stored = self.run.read_config()
            cfg = dict(stored["train"])
            for k, v in (overrides or {}).items():
                if v is None:
                    continue
                if k not in self.RESUMABLE:
                    raise StudioError(f"{k} cannot change when resuming a run")
                cfg[k] = v
            self.config = GANTrainConfig.from_dict(cfg)
            self.data_dir = Path(stored["data"])
        else:
            if config is None or data_dir is None:
                raise StudioError("a new run needs a config and a data folder")
            if self.run.exists():
                raise StudioError(f"{self.run.root}: a run already exists here (use --resume to continue it)")
            # Absolute: a run resumed from another working folder must find its data again.
            self.config, self.data_dir = config, Path(data_dir).expanduser().resolve()
        self.resume = resume
        if self.config.steps < 1 and not self.config.epochs > 0:
            raise StudioError("steps must be at least 1")
        if not self.data_dir.is_dir():
            raise StudioError(f"{self.data_dir}: data folder not found")

    # ---- setup -------------------------------------------------------------------------
    def _setup(self, progress: ProgressFn | None, cancel: threading.Event | None) -> None:
        cfg = self.config
        self.dist = ddp.setup(pick_device(cfg.device).type)
        dev = pick_device(cfg.device)
        if dev.type == "cuda" and self.dist.enabled:
            dev = torch.device("cuda", self.dist.local_rank)
        self.device = dev
        self.use_amp = cfg.amp and dev.type == "cuda"
        self.amp_dtype = torch.bfloat16 if (self.use_amp and torch.cuda.is_bf16_supported()) else torch.float16
        self.scaler = torch.amp.GradScaler("cuda", enabled=self.use_amp and self.amp_dtype == torch.float16)
        self.channels_last = dev.type == "cuda"
        torch.manual_seed(cfg.seed)  # identical initial weights on every rank

        if self.dist.is_main and not self.resume:
            self.run.create({"model": "dcgan", "train": asdict(cfg), "net": cfg.net_config().to_dict(),
                             "data": str(self.data_dir), "created": time.time()})
        if self.dist.is_main:
            data = load_image_folder(self.data_dir, cfg.resolution, cache=self.cache_dir, progress=progress,
                                     cancel=cancel, exclude=cfg.exclude)
        if self.dist.enabled:
            torch.distributed.barrier()
        if not self.dist.is_main:
            data = load_image_folder(self.data_dir, cfg.resolution, cache=self.cache_dir, exclude=cfg.exclude)
        self.skipped = data.skipped
        train_idx, held_idx = split_holdout(len(data), cfg.holdout, cfg.seed)
        arr = np.asarray(data.array)
        self.real = torch.from_numpy(np.ascontiguousarray(arr[train_idx]))
        if dev.type == "cuda" and self.real.numel() < 4 << 30:
            self.real = self.real.to(dev)  # indexing on the GPU keeps loading off the critical path
        self.held = np.ascontiguousarray(arr[held_idx])
        if len(self.real) < cfg.batch:
            raise StudioError(f"{len(self.real)} training images is fewer than one batch of {cfg.batch}")
        self.sampler = DistributedSampler(range(len(self.real)), num_replicas=self.dist.world_size,
                                          rank=self.dist.rank, shuffle=True, seed=cfg.seed, drop_last=True)
        self.local_batch = cfg.batch // self.dist.world_size
        self.steps_per_epoch = len(self.sampler) // self.local_batch
        if cfg.epochs > 0 and not self.resume:
            cfg.steps = max(1, math.ceil(cfg.epochs * self.steps_per_epoch))
            cfg.epochs = 0.0  # fixed now: a resumed run keeps the same target
            if self.dist.is_main:
                stored = self.run.read_config()
                stored["train"] = asdict(cfg)
                self.run.write_config(stored)

        ncfg = cfg.net_config()
        self.g = Generator(ncfg).to(dev)
        self.d = Discriminator(ncfg).to(dev)
        if self.channels_last:
            self.g = self.g.to(memory_format=torch.channels_last)
            self.d = self.d.to(memory_format=torch.channels_last)
        self.g_ema = copy.deepcopy(self.g).eval().requires_grad_(False)
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=cfg.lr_g, betas=(cfg.beta1, cfg.beta2))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=cfg.lr_d, betas=(cfg.beta1, cfg.beta2))
        self.step, self.epoch, self.batch_in_epoch = 0, 0, 0
        self.elapsed, self.best_swd = 0.0, math.inf
        if self.resume:
            self._load_latest()
        # Noise differs per rank and never repeats the stretch before a resume.
        torch.manual_seed(cfg.seed + 1 + self.dist.rank + 1000 * self.step)
        if self.dist.enabled:
            self.g_train = DDP(self.g, **ddp.local_buffers_kwargs())
            self.d_train = DDP(self.d, **ddp.local_buffers_kwargs())
        else:
            self.g_train, self.d_train = self.g, self.d
        self.policy = parse_policy(cfg.augment)
        self.fixed_z = latents(cfg.seed + 7, 64, cfg.nz).to(dev)

    def _load_latest(self) -> None:
        path = self.run.latest_checkpoint()
        if path is None:
            raise StudioError(f"{self.run.root}: no checkpoint to resume from")
        tensors, meta = read_checkpoint(path)
        self.g.load_state_dict(unprefixed(tensors, "g"))
        self.d.load_state_dict(unprefixed(tensors, "d"))
        self.g_ema.load_state_dict(unprefixed(tensors, "g_ema"))
        state = meta["state"]
        unflatten_optimizer(self.opt_g, "opt_g", tensors, state["opt_g"])
        unflatten_optimizer(self.opt_d, "opt_d", tensors, state["opt_d"])
        self.step, self.epoch = state["step"], state["epoch"]
        self.batch_in_epoch = state["batch_in_epoch"]
        self.elapsed, self.best_swd = state["elapsed"], state.get("best_swd") or math.inf
        if self.dist.is_main:
            self.run.truncate_metrics(self.step)

    # ---- one step ------------------------------------------------------------------------
    def _d_loss(self, real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
        if self.config.loss == "hinge":
            return F.relu(1 - real_logits).mean() + F.relu(1 + fake_logits).mean()
        return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()

    def _g_loss(self, fake_logits: torch.Tensor) -> torch.Tensor:
        if self.config.loss == "hinge":
            return -fake_logits.mean()
        return F.softplus(-fake_logits).mean()

    def _aug(self, x: torch.Tensor) -> torch.Tensor:
        return diff_augment(x, self.policy) if self.policy else x

    def train_step(self, real: torch.Tensor) -> dict[str, torch.Tensor]:
        cfg, dev = self.config, self.device
        z = torch.randn(real.shape[0], cfg.nz, device=dev)
        with torch.autocast(dev.type, dtype=self.amp_dtype, enabled=self.use_amp):
            fake = self.g_train(z)
            real_logits = self.d_train(self._aug(real))
            fake_logits = self.d_train(self._aug(fake.detach()))
            loss_d = self._d_loss(real_logits.float(), fake_logits.float())
        self.opt_d.zero_grad(set_to_none=True)
        self.scaler.scale(loss_d).backward()
        self.scaler.step(self.opt_d)

        # The generator step needs gradients through D, not of D: skip computing them.
        if self.dist.enabled:
            ctx = self.d_train.no_sync()
        else:
            ctx = _NoGradFor(self.d)
        with ctx, torch.autocast(dev.type, dtype=self.amp_dtype, enabled=self.use_amp):
            gen_logits = self.d_train(self._aug(fake))
            loss_g = self._g_loss(gen_logits.float())
            self.opt_g.zero_grad(set_to_none=True)
            self.scaler.scale(loss_g).backward()
        self.scaler.step(self.opt_g)
        self.scaler.update()
        self._update_ema()
        return {"loss_g": loss_g.detach(), "loss_d": loss_d.detach(),
                "d_real": torch.sigmoid(real_logits.detach().float()).mean(),
                "d_fake": torch.sigmoid(fake_logits.detach().float()).mean()}

    @torch.no_grad()
    def _update_ema(self) -> None:
        # Ramp the averaging horizon up so early samples are not dominated by the random init.
        beta = min(self.config.ema_beta, (1 + self.step) / (10 + self.step))
        ema = [p for p in self.g_ema.parameters()]
        live = [p.detach() for p in self.g.parameters()]
        torch._foreach_lerp_(ema, live, 1 - beta)

    # ---- outputs -------------------------------------------------------------------------
    @torch.no_grad()
    def _refresh_ema_stats(self) -> None:
        recalibrate_batchnorm(self.g_ema, self.config.nz, self.device)

    @torch.no_grad()
    def generate(self, z: torch.Tensor) -> np.ndarray:
        out = []
        for i in range(0, len(z), 256):
            out.append(to_uint8(self.g_ema(z[i:i + 256].to(self.device)).float()))
        return np.concatenate(out)

    def _sample(self) -> tuple[np.ndarray, Path]:
        grid = image_grid(self.generate(self.fixed_z), cols=8)
        path = self.run.sample_path(self.step)
        Image.fromarray(grid).save(path)
        return grid, path

    def evaluate(self) -> dict[str, float]:
        n = min(self.config.swd_images, len(self.held))
        if n < 2:
            return {}
        fake = self.generate(latents(self.config.seed + 99, n, self.config.nz))
        return swd(self.held[:n], fake, seed=self.config.seed)

    def _checkpoint(self) -> Path:
        t_g, m_g = flatten_optimizer(self.opt_g, "opt_g")
        t_d, m_d = flatten_optimizer(self.opt_d, "opt_d")
        tensors = {**prefixed(self.g.state_dict(), "g"), **prefixed(self.d.state_dict(), "d"),
                   **prefixed(self.g_ema.state_dict(), "g_ema"), **t_g, **t_d}
        state = {"step": self.step, "epoch": self.epoch, "batch_in_epoch": self.batch_in_epoch,
                 "elapsed": self.elapsed, "best_swd": None if math.isinf(self.best_swd) else self.best_swd,
                 "opt_g": m_g, "opt_d": m_d}
        path = self.run.checkpoint_path(self.step)
        atomic_save(tensors, path, {"arch": "dcgan-train", "state": json.dumps(state),
                                    "config": json.dumps(asdict(self.config))})
        self.run.prune_checkpoints(self.config.keep_checkpoints)
        return path

    def export_generator(self, path: Path, metrics: dict | None = None) -> Path:
        info = {"data": [self.data_dir.name], "images": int(len(self.real) * self.dist.world_size),
                "held_out": int(len(self.held)), "steps": self.step, "batch": self.config.batch,
                "wall_time_s": round(self.elapsed, 1), "device": str(self.device), "hardware": hardware_name(self.device),
                "metrics": metrics or {}, "run": str(self.run.root)}
        return save_model(path, self.g_ema, "dcgan-generator", self.config.net_config().to_dict(), info)

    # ---- loop ----------------------------------------------------------------------------
    def train(self, *, progress: ProgressFn | None = None, cancel: threading.Event | None = None,
              pause: threading.Event | None = None, events: EventFn | None = None) -> dict:
        """Train until ``config.steps``; on cancel, checkpoint and raise :class:`Cancelled`."""
        # One process per run folder (torchrun's other ranks share rank 0's).
        main = int(os.environ.get("RANK", "0")) == 0
        lock = RunLock(self.run.root) if main else contextlib.nullcontext()
        started = False
        try:
            with lock:
                self._setup(progress, cancel)
                started = True
                return self._train(progress, cancel, pause, events)
        except BaseException:
            if not started and not self.resume and not self.run.checkpoints() and main:
                self.run.remove(lock=True)  # a failed start leaves nothing that blocks a retry
            raise

    def _train(self, progress, cancel, pause, events) -> dict:
        cfg = self.config
        main = self.dist.is_main
        emit = events if (events is not None and main) else (lambda e: None)
        if self.skipped and main:
            report(progress, 0, cfg.steps, f"skipped {len(self.skipped)} unreadable images")
        window_t, window_step = time.perf_counter(), self.step
        last_ckpt = self.step
        self._start_step = self.step + 1
        stopped = finished = False
        try:
            while self.step < cfg.steps:
                self.sampler.set_epoch(self.epoch)
                order = torch.tensor(list(iter(self.sampler)))
                while self.batch_in_epoch < self.steps_per_epoch and self.step < cfg.steps:
                    if self._should_stop(cancel, pause, emit):
                        stopped = True
                        break
                    t0 = time.perf_counter()
                    b = self.batch_in_epoch
                    idx = order[b * self.local_batch:(b + 1) * self.local_batch]
                    real = to_float(self.real[idx.to(self.real.device)].to(self.device, non_blocking=True))
                    if self.channels_last:
                        real = real.contiguous(memory_format=torch.channels_last)
                    losses = self.train_step(real)
                    self.step += 1
                    self.batch_in_epoch += 1
                    self.elapsed += time.perf_counter() - t0
                    if main and (self.step % cfg.log_every == 0 or self.step == cfg.steps):
                        now = time.perf_counter()
                        rate = (self.step - window_step) * cfg.batch / max(now - window_t, 1e-9)
                        window_t, window_step = now, self.step
                        record = {"step": self.step, "time": time.time(), "epoch": self.epoch,
                                  **{k: round(float(v), 5) for k, v in losses.items()},
                                  "samples_per_s": round(rate, 1)}
                        extra = self._periodic(record, emit)
                        self.run.append_metrics(record)
                        eta = (cfg.steps - self.step) * cfg.batch / max(rate, 1e-9)
                        emit(TrainEvent(EventKind.STEP, self.step, cfg.steps, record, eta_s=eta, **extra))
                        report(progress, self.step, cfg.steps, _summary(record))
                    if self.step - last_ckpt >= cfg.checkpoint_every:
                        self._save_checkpoint(emit)
                        last_ckpt = self.step
                if stopped:
                    break
                self.epoch += 1
                self.batch_in_epoch = 0
            if self.step != last_ckpt or stopped:
                self._save_checkpoint(emit)
            if main:
                self._refresh_ema_stats()
                self.export_generator(self.run.root / "generator.safetensors", self._last_metrics())
            emit(TrainEvent(EventKind.STOPPED if stopped else EventKind.DONE, self.step, cfg.steps, self._last_metrics()))
            finished = True  # a cancel too: every rank stopped at the same step
        finally:
            ddp.teardown(self.dist, finished=finished)
        if stopped:
            raise Cancelled(f"stopped at step {self.step}; resume to continue")
        return {"step": self.step, "skipped": len(self.skipped), "metrics": self._last_metrics()}

    def _should_stop(self, cancel, pause, emit) -> bool:
        if pause is not None and pause.is_set():
            emit(TrainEvent(EventKind.PAUSED, self.step, self.config.steps))
            while pause.is_set() and not (cancel is not None and cancel.is_set()):
                time.sleep(0.05)
        flag = cancel is not None and cancel.is_set()
        if self.dist.enabled:
            flag = ddp.broadcast_flag(self.dist, flag, self.device)
        return flag

    def _periodic(self, record: dict, emit: EventFn) -> dict:
        """Samples and SWD on their schedule; returns extra fields for the step event."""
        cfg = self.config
        extra: dict = {}
        # A first sample at the first record of a start or resume: something to look at long before sample_every.
        due_sample = cfg.sample_every and (self.step % cfg.sample_every < cfg.log_every
                                           or self.step - cfg.log_every < self._start_step)
        due_swd = cfg.swd_every and self.step % cfg.swd_every < cfg.log_every
        if self.step == cfg.steps:
            due_sample = due_swd = bool(cfg.sample_every or cfg.swd_every)
        if due_sample or due_swd:
            self._refresh_ema_stats()
        if due_sample:
            grid, path = self._sample()
            extra = {"grid": grid, "path": str(path)}
        if due_swd:
            scores = self.evaluate()
            record.update({k: round(v, 3) for k, v in scores.items()})
            if scores and scores["swd"] < self.best_swd:
                self.best_swd = scores["swd"]
                self.export_generator(self.run.root / "best_generator.safetensors", scores)
        return extra

    def _save_checkpoint(self, emit: EventFn) -> None:
        if self.dist.is_main:
            path = self._checkpoint()
            emit(TrainEvent(EventKind.CHECKPOINT, self.step, self.config.steps, path=str(path)))

    def _last_metrics(self) -> dict:
        recs = self.run.read_metrics() if self.dist.is_main else []
        swds = [r["swd"] for r in recs if "swd" in r]
        out = {"steps": self.step, "wall_time_s": round(self.elapsed, 1)}
        if swds:
            out.update({"swd": swds[-1], "best_swd": min(swds)})
        return out


class _NoGradFor:
    """Temporarily stop a module's parameters from collecting gradients."""

    def __init__(self, module: torch.nn.Module):
        self.params = list(module.parameters())

    def __enter__(self):
        for p in self.params:
            p.requires_grad_(False)

    def __exit__(self, *exc):
        for p in self.params:
            p.requires_grad_(True)
        return False


def _summary(record: dict) -> str:
    parts = [f"G {record['loss_g']:.3f}", f"D {record['loss_d']:.3f}", f"{record['samples_per_s']:.0f} img/s"]
    if "swd" in record:
        parts.append(f"SWD {record['swd']:.1f}")
    return "  ".join(parts)


def train_gan(run_dir: str | Path, config: GANTrainConfig | None = None, data_dir: str | Path | None = None, *,
              resume: bool = False, overrides: dict | None = None, progress: ProgressFn | None = None, cancel: threading.Event | None = None,
              pause: threading.Event | None = None, events: EventFn | None = None) -> dict:
    """Start or resume a run: the one call the GUI, the CLI and torchrun share."""
    trainer = GANTrainer(run_dir, config, data_dir, resume=resume, overrides=overrides)
    return trainer.train(progress=progress, cancel=cancel, pause=pause, events=events)

