"""The training loop every model kind shares: run folder, resume, pause/cancel, metrics, checkpoints.

A model kind supplies what differs — its data, networks, one optimisation step,
an evaluation, a sample grid and an export — by subclassing :class:`Trainer`.
Everything a user sees of a run (``config.json``, ``metrics.jsonl``, samples,
atomic checkpoints, ``--resume`` with a changed schedule, one run per process)
comes from here, so a new kind cannot get it subtly different. Under torchrun
every rank trains on its own stream of examples and gradients are averaged as
they are computed; rank 0 alone writes the run folder and reports.
"""
from __future__ import annotations

import contextlib
import json
import math
import threading
import time
from dataclasses import asdict, fields
from pathlib import Path
from typing import ClassVar

import numpy as np
import torch
from PIL import Image

from ..device import pick_device
from ..errors import StudioError
from ..jobs import Cancelled, ProgressFn, report
from . import ddp
from ..weights import atomic_save
from .checkpoint import flatten_optimizer, prefixed, read_checkpoint, unflatten_optimizer, unprefixed
from .data import load_photos
from .events import EventFn, EventKind, TrainEvent
from .runs import RunFolder, RunLock


def config_from_dict(cls, d: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


class Trainer:
    """One training run of one model kind. Subclasses fill in the hooks below."""

    kind: ClassVar[str]  # the run's "model" in config.json
    config_cls: ClassVar[type]
    # Settings that may change when a run is resumed; everything else is fixed by the first start.
    RESUMABLE: ClassVar[tuple[str, ...]] = ("steps", "checkpoint_every", "sample_every", "eval_every", "log_every",
                                            "device", "lr")
    best_key: ClassVar[str] = ""  # metric whose best value exports ``best_<file>``
    best_higher: ClassVar[bool] = True
    export_name: ClassVar[str] = "model.safetensors"

    def __init__(self, run_dir, config=None, data: list | None = None, val=None, *, resume: bool = False,
                 overrides: dict | None = None):
        self.run = RunFolder(run_dir)
        self.resume = resume
        self._changes: dict = {}
        if resume:
            stored = self.run.read_config()
            if stored.get("model") != self.kind:
                raise StudioError(f"{self.run.root}: not a {self.kind} run (it is {stored.get('model')!r})")
            cfg = dict(stored["train"])
            for k, v in (overrides or {}).items():
                if v is None:
                    continue
                if k not in self.RESUMABLE:
                    raise StudioError(f"{k} cannot change when resuming a run")
                cfg[k] = v
                self._changes[k] = v
            self.config = config_from_dict(self.config_cls, cfg)
            self.data = [Path(d) for d in stored["data"]]
            self.val = Path(stored["val"]) if stored.get("val") else None
        else:
            if config is None or not data:
                raise StudioError("a new run needs a config and at least one data folder")
            if self.run.exists():
                raise StudioError(f"{self.run.root}: a run already exists here (use --resume to continue it)")
            self.config = config
            # Absolute: a run resumed from another working folder must find its data again.
            self.data = [Path(d).expanduser().resolve() for d in data]
            self.val = Path(val).expanduser().resolve() if val else None
        if self.config.steps < 1:
            raise StudioError("steps must be at least 1")
        for d in self.data + ([self.val] if self.val else []):
            if not d.is_dir():
                raise StudioError(f"{d}: data folder not found")

    # ---- hooks -------------------------------------------------------------------------
    def setup(self, progress: ProgressFn | None, cancel: threading.Event | None) -> None:
        """Load data and build ``self.device``, networks and optimisers (before any checkpoint is read)."""
        raise NotImplementedError

    def modules(self) -> dict[str, torch.nn.Module]:
        """Networks saved in checkpoints, by tensor-name prefix."""
        raise NotImplementedError

    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        raise NotImplementedError

    def train_step(self) -> dict[str, float]:
        raise NotImplementedError

    def evaluate(self) -> dict[str, float]:
        return {}

    def sample(self) -> "object | None":
        """A (H, W, 3) uint8 grid showing what the model does now, or None."""
        return None

    def export(self, path: Path, metrics: dict) -> Path:
        raise NotImplementedError

    def summary(self, record: dict) -> str:
        return f"loss {record.get('loss', 0):.4f}"

    def extra_state(self) -> dict:
        return {}

    def load_extra_state(self, state: dict) -> None:
        pass

    # ---- the loop ----------------------------------------------------------------------
    def _create_run(self) -> None:
        self.run.create({"model": self.kind, "train": asdict(self.config), "net": self.net_config_dict(),
                         "data": [str(d) for d in self.data], "val": str(self.val) if self.val else None,
                         "created": time.time()})

    def net_config_dict(self) -> dict:
        return self.config.net_config().to_dict()

    def split_photos(self, progress, cancel, per_folder: int | None = None) -> list:
        """Load the data folders into ``train_photos`` (``skipped`` lists unreadable files) and return the
        validation photos: the --val folder, or a fixed share of the data held out by the run's seed."""
        cfg = self.config
        photos, self.skipped = load_photos(self.data, cfg.max_side, progress, cancel, per_folder=per_folder,
                                           exclude=cfg.exclude)
        if self.val is not None:
            val_photos, _ = load_photos([self.val], cfg.max_side, per_folder=per_folder, exclude=cfg.exclude)
            self.train_photos = photos
        else:
            order = np.random.default_rng(cfg.seed).permutation(len(photos))
            n_val = max(1, int(len(photos) * cfg.val_fraction)) if len(photos) > 1 else 0
            val_photos = [photos[i] for i in order[:n_val]]
            self.train_photos = [photos[i] for i in order[n_val:]]
        if not self.train_photos or not val_photos:
            raise StudioError("need at least two readable photos (one to train on, one to validate)")
        return val_photos

    def stream_seed(self) -> int:
        """Seed of this rank's stream of training examples: new after a resume, different on every rank."""
        rank = self.dist.rank if getattr(self, "dist", None) is not None else 0
        return self.config.seed + 1 + self.resume_step() + 1_000_003 * rank

    def resume_step(self) -> int:
        """The step a resumed run restarts from (0 for a new run): seeds data streams that never repeat."""
        ck = self.run.checkpoints() if self.resume else []
        return ck[-1][0] if ck else 0

    def _load_latest(self) -> None:
        path = self.run.latest_checkpoint()
        if path is None:
            raise StudioError(f"{self.run.root}: no checkpoint to resume from")
        tensors, meta = read_checkpoint(path)
        state = meta["state"]
        for prefix, module in self.modules().items():
            module.load_state_dict(unprefixed(tensors, prefix))
        for prefix, opt in self.optimizers().items():
            unflatten_optimizer(opt, prefix, tensors, state[prefix])
            if "lr" in self._changes:
                for group in opt.param_groups:
                    group["lr"] = self._changes["lr"]
        self.step, self.elapsed = state["step"], state["elapsed"]
        best = state.get("best")
        self.best = best if best is not None else (-math.inf if self.best_higher else math.inf)
        self.load_extra_state(state)
        if self._changes.get("lr") is not None:
            # Keep the run's history honest: record where the recipe changed.
            stored = self.run.read_config()
            stored.setdefault("resumes", []).append({"step": self.step, "lr": self._changes["lr"]})
            self.run.write_config(stored)
        self.run.truncate_metrics(self.step)

    def checkpoint(self) -> Path:
        tensors: dict = {}
        state = {"step": self.step, "elapsed": self.elapsed,
                 "best": None if math.isinf(self.best) else self.best, **self.extra_state()}
        for prefix, module in self.modules().items():
            tensors.update(prefixed(module.state_dict(), prefix))
        for prefix, opt in self.optimizers().items():
            t, m = flatten_optimizer(opt, prefix)
            tensors.update(t)
            state[prefix] = m
        path = self.run.checkpoint_path(self.step)
        atomic_save(tensors, path, {"arch": f"{self.kind}-train", "state": json.dumps(state),
                                    "config": json.dumps(asdict(self.config))})
        self.run.prune_checkpoints(self.config.keep_checkpoints)
        return path

    def _is_better(self, value: float) -> bool:
        return value > self.best if self.best_higher else value < self.best

    def train(self, *, progress: ProgressFn | None = None, cancel: threading.Event | None = None,
              pause: threading.Event | None = None, events: EventFn | None = None) -> dict:
        """Train until ``config.steps``; on cancel, checkpoint and raise :class:`Cancelled`."""
        self.dist = ddp.setup(pick_device(self.config.device).type)
        main = self.dist.is_main
        created = finished = False
        try:
            with RunLock(self.run.root) if main else contextlib.nullcontext():
                self.step, self.elapsed = 0, 0.0
                self.best = -math.inf if self.best_higher else math.inf
                if not self.resume and main:
                    self._create_run()
                    created = True
                self.setup(progress if main else None, cancel)
                if self.resume:
                    self._load_latest()
                if self.dist.enabled:
                    self._share_gradients()
                created = False  # started: from here on the run folder is the user's
                result = self._loop(progress if main else None, cancel, pause, events if main else None)
                finished = True
                return result
        except BaseException:
            if created and not self.run.checkpoints():
                self.run.remove(lock=True)  # a failed start leaves nothing that blocks a retry
            raise
        finally:
            ddp.teardown(self.dist, finished=finished)

    def _share_gradients(self) -> None:
        """Every rank starts from rank 0's weights and steps with the gradient averaged over all ranks."""
        import torch.distributed as dist

        world = self.dist.world_size

        def average(p: torch.Tensor) -> None:
            dist.all_reduce(p.grad)
            p.grad.div_(world)

        for module in self.modules().values():
            for t in list(module.parameters()) + list(module.buffers()):
                dist.broadcast(t.data, 0)
            for p in module.parameters():
                if p.requires_grad:
                    p.register_post_accumulate_grad_hook(average)

    def _loop(self, progress, cancel, pause, events) -> dict:
        cfg = self.config
        emit = events or (lambda e: None)
        last_ckpt, stopped = self.step, False
        first_step = self.step + 1
        window_t, window_step = time.perf_counter(), self.step
        main = self.dist.is_main
        while self.step < cfg.steps:
            if pause is not None and pause.is_set():
                emit(TrainEvent(EventKind.PAUSED, self.step, cfg.steps))
                while pause.is_set() and not (cancel is not None and cancel.is_set()):
                    time.sleep(0.05)
            if ddp.broadcast_flag(self.dist, cancel is not None and cancel.is_set(), self.device):
                stopped = True  # every rank stops at the same step
                break
            t0 = time.perf_counter()
            losses = self.train_step()
            self.step += 1
            self.elapsed += time.perf_counter() - t0
            if main and (self.step % cfg.log_every == 0 or self.step == cfg.steps):
                now = time.perf_counter()
                rate = (self.step - window_step) * cfg.batch * self.dist.world_size / max(now - window_t, 1e-9)
                window_t, window_step = now, self.step
                record = {"step": self.step, "time": time.time(), **{k: round(float(v), 5) for k, v in losses.items()},
                          "samples_per_s": round(rate, 1)}
                extra = {}
                if cfg.eval_every and (self.step % cfg.eval_every < cfg.log_every or self.step == cfg.steps):
                    scores = self.evaluate()
                    record.update(scores)
                    if self.best_key in scores and self._is_better(scores[self.best_key]):
                        self.best = scores[self.best_key]
                        self.export(self.run.root / f"best_{self.export_name}", scores)
                # A first sample at the first record: something to look at long before sample_every.
                first = self.step - cfg.log_every < first_step
                if cfg.sample_every and (self.step % cfg.sample_every < cfg.log_every or self.step == cfg.steps or first):
                    grid = self.sample()
                    if grid is not None:
                        path = self.run.sample_path(self.step)
                        Image.fromarray(grid).save(path)
                        extra = {"grid": grid, "path": str(path)}
                self.run.append_metrics(record)
                eta = (cfg.steps - self.step) * cfg.batch * self.dist.world_size / max(rate, 1e-9)
                emit(TrainEvent(EventKind.STEP, self.step, cfg.steps, record, eta_s=eta, **extra))
                report(progress, self.step, cfg.steps, self.summary(record))
            if main and self.step - last_ckpt >= cfg.checkpoint_every:
                path = self.checkpoint()
                last_ckpt = self.step
                emit(TrainEvent(EventKind.CHECKPOINT, self.step, cfg.steps, path=str(path)))
        if main and (self.step != last_ckpt or stopped):
            path = self.checkpoint()
            emit(TrainEvent(EventKind.CHECKPOINT, self.step, cfg.steps, path=str(path)))
        final = self.evaluate() if main else {}
        if main:
            self.export(self.run.root / self.export_name, final)
        emit(TrainEvent(EventKind.STOPPED if stopped else EventKind.DONE, self.step, cfg.steps, final))
        if stopped:
            raise Cancelled(f"stopped at step {self.step}; resume to continue")
        return {"step": self.step, "skipped": len(getattr(self, "skipped", [])), "metrics": final}
