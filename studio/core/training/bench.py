"""Trainer throughput against the plain reference DCGAN step, measured side by side."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from ..device import pick_device
from ..jobs import ProgressFn, report
from ..nets.dcgan import DCGANConfig, Discriminator, Generator
from .gan import GANTrainConfig, GANTrainer


def _plain_loop(cfg: DCGANConfig, real: torch.Tensor, batch: int, steps: int, device: torch.device) -> float:
    """The PyTorch-example DCGAN step: no EMA, no logging, no augmentation."""
    g, d = Generator(cfg).to(device), Discriminator(cfg).to(device)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    ones, zeros = torch.ones(batch, device=device), torch.zeros(batch, device=device)

    def step(i: int) -> None:
        x = real[(i * batch) % (len(real) - batch):][:batch].to(device)
        d.zero_grad()
        err_real = F.binary_cross_entropy_with_logits(d(x), ones)
        err_real.backward()
        fake = g(torch.randn(batch, cfg.nz, device=device))
        err_fake = F.binary_cross_entropy_with_logits(d(fake.detach()), zeros)
        err_fake.backward()
        opt_d.step()
        g.zero_grad()
        err_g = F.binary_cross_entropy_with_logits(d(fake), ones)
        err_g.backward()
        opt_g.step()

    step(0)  # warm-up: allocator and kernel selection
    _sync(device)
    t0 = time.perf_counter()
    for i in range(steps):
        step(i + 1)
    _sync(device)
    return steps * batch / (time.perf_counter() - t0)


def _trainer_loop(folder: Path, data: Path, resolution: int, batch: int, steps: int, device: str | None,
                  events: list) -> float:
    cfg = GANTrainConfig(resolution=resolution, batch=batch, steps=steps + 1, augment="none", holdout=0,
                         swd_every=0, sample_every=0, checkpoint_every=10 ** 9, log_every=1,
                         device=device or "auto")
    trainer = GANTrainer(folder, cfg, data, cache_dir=folder.parent / "cache")
    times: list[float] = []

    def on_event(e):
        events.append(e.kind)
        if e.kind == "step":
            times.append(time.perf_counter())

    trainer.train(events=on_event)
    # From the end of the warm-up step to the last step: the same span the plain loop times.
    return (len(times) - 1) * batch / (times[-1] - times[0])


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def bench_train(*, steps: int = 30, batch: int = 64, resolution: int = 64, rounds: int = 3,
                device: str | None = None, progress: ProgressFn | None = None) -> dict:
    dev = pick_device(device)
    rng = np.random.default_rng(0)
    plain, trainer = [], []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        for i in range(batch * 2):
            Image.fromarray(rng.integers(0, 255, (resolution, resolution, 3), dtype=np.uint8)).save(data / f"{i}.png")
        real = torch.rand(batch * 2, 3, resolution, resolution) * 2 - 1
        cfg = DCGANConfig(resolution=resolution)
        for r in range(rounds):
            # Alternate the order so drift in machine load hits both sides alike.
            order = ("plain", "trainer") if r % 2 == 0 else ("trainer", "plain")
            for which in order:
                if which == "plain":
                    plain.append(_plain_loop(cfg, real, batch, steps, dev))
                else:
                    trainer.append(_trainer_loop(Path(tmp) / f"run{r}", data, resolution, batch, steps, device, []))
            report(progress, r + 1, rounds, f"plain {plain[-1]:.0f}/s trainer {trainer[-1]:.0f}/s")
    p, t = float(np.median(plain)), float(np.median(trainer))
    return {"device": str(dev), "plain": p, "trainer": t, "ratio": t / p, "plain_runs": plain, "trainer_runs": trainer}
