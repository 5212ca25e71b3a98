"""What a training loop tells its caller while it runs."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Optional

import numpy as np


class EventKind(str, Enum):
    """What happened; compares equal to its plain string, so ``event.kind == "step"`` reads as before."""

    STEP = "step"  # a metrics record (with a sample grid when one was made)
    CHECKPOINT = "checkpoint"
    PAUSED = "paused"
    DONE = "done"
    STOPPED = "stopped"


@dataclass
class TrainEvent:
    kind: EventKind
    step: int
    total_steps: int
    metrics: dict = field(default_factory=dict)  # losses, d_real/d_fake, swd, samples_per_s, ...
    eta_s: float | None = None
    grid: Optional[np.ndarray] = None  # latest sample grid (H, W, 3) uint8
    path: str | None = None  # checkpoint or sample written


EventFn = Callable[[TrainEvent], None]
