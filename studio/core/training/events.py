"""What a training loop tells its caller while it runs."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np


@dataclass
class TrainEvent:
    kind: str  # "step", "sample", "eval", "checkpoint", "paused", "done", "stopped"
    step: int
    total_steps: int
    metrics: dict = field(default_factory=dict)  # losses, d_real/d_fake, swd, samples_per_s, ...
    eta_s: float | None = None
    grid: Optional[np.ndarray] = None  # latest sample grid (H, W, 3) uint8
    path: str | None = None  # checkpoint or sample written


EventFn = Callable[[TrainEvent], None]
