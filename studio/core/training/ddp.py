"""Distributed training helpers: the same entry point alone or under torchrun."""
from __future__ import annotations

import inspect
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass
class DistInfo:
    rank: int = 0
    world_size: int = 1
    local_rank: int = 0

    @property
    def enabled(self) -> bool:
        return self.world_size > 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def setup(device_type: str) -> DistInfo:
    """Join the process group that torchrun described in the environment, if any."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return DistInfo()
    if not dist.is_initialized():
        dist.init_process_group("nccl" if device_type == "cuda" else "gloo")
    info = DistInfo(dist.get_rank(), dist.get_world_size(), int(os.environ.get("LOCAL_RANK", "0")))
    if device_type == "cuda":
        torch.cuda.set_device(info.local_rank)
    return info


def teardown(info: DistInfo, *, finished: bool = False) -> None:
    """Leave the process group. After a run that ``finished`` on every rank, the ranks leave together: a rank
    that tore its group down while rank 0 was still exporting aborted under load (SIGABRT from gloo)."""
    if info.enabled and dist.is_initialized():
        if finished:
            dist.barrier()
        dist.destroy_process_group()


def broadcast_flag(info: DistInfo, flag: bool, device: torch.device) -> bool:
    """Share rank 0's decision (e.g. cancel) so every rank stops at the same step."""
    if not info.enabled:
        return flag
    t = torch.tensor([1 if flag else 0], device=device)
    dist.broadcast(t, 0)
    return bool(t.item())


def local_buffers_kwargs() -> dict:
    """DDP arguments that keep BatchNorm statistics per rank instead of broadcasting them each step.

    Newer torch names this ``forward_sync_buffers``; older releases only know ``broadcast_buffers``.
    Initial buffers are equal anyway because every rank seeds its weights identically.
    """
    from torch.nn.parallel import DistributedDataParallel

    params = inspect.signature(DistributedDataParallel.__init__).parameters
    if "forward_sync_buffers" in params:
        return {"forward_sync_buffers": False}
    return {"broadcast_buffers": False}
