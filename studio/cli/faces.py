"""``studio faces``: generate and export faces, alone or under torchrun."""
from __future__ import annotations

import os
import time

from .common import add_device, positive_int
from .progress import TextProgress


def register(sub) -> None:
    fp = sub.add_parser("faces", help="generate faces with a trained model")
    fp.add_argument("-o", "--output", required=True, help="output folder")
    fp.add_argument("--count", type=positive_int, default=16, help="number of faces (default 16)")
    fp.add_argument("--seed", type=int, default=0, help="first seed (default 0); face N uses seed+N")
    fp.add_argument("--truncation", type=float, default=1.0, help="0-2: below 1 redraws extreme latent values (fewer odd faces, a little less variety), above 1 exaggerates them (default 1)")
    fp.add_argument("--model", help="model name (see `studio models list`) or .safetensors path")
    fp.add_argument("--format", default="png", choices=("png", "jpg", "webp"))
    fp.add_argument("--size", type=positive_int, help="output side in pixels, 8-4096 (default: the model's)")
    fp.add_argument("--grid", metavar="FILE", help="also save all faces as one grid image")
    add_device(fp)

    fp.set_defaults(handler=run_faces)


def check_faces_args(args) -> None:
    """Every bad argument is a usage error before any face is made."""
    from pathlib import Path

    from ..core.images import is_image_path
    from .common import UsageError

    if args.count < 1:
        raise UsageError("--count must be at least 1")
    if not 0.0 <= args.truncation <= 2.0:
        raise UsageError("--truncation must be between 0 and 2")
    if args.size is not None and not 8 <= args.size <= 4096:
        raise UsageError("--size must be between 8 and 4096 pixels")
    if args.grid and not is_image_path(Path(args.grid)):
        raise UsageError(f"--grid {args.grid}: use an image file name (.png, .jpg, .webp, .tif)")


def run_faces(args, cancel) -> int:
    from ..core.faces import FaceGenerator, export_faces, finish_metadata_csv, save_grid
    from ..core.training import ddp

    check_faces_args(args)
    dist = ddp.setup("cpu") if int(os.environ.get("WORLD_SIZE", "1")) > 1 else ddp.DistInfo()
    try:
        gen = FaceGenerator(args.model, args.device)
        # Streamed: a range never materialises its seeds; under torchrun each rank takes every N-th one.
        mine = range(args.seed + dist.rank, args.seed + args.count, dist.world_size)
        bar = TextProgress("faces") if dist.is_main else None
        t0 = time.perf_counter()
        try:
            rep = export_faces(args.output, seeds=mine, truncation=args.truncation, fmt=args.format, size=args.size,
                               model=gen, lock=dist.is_main, progress=bar, cancel=cancel)
        finally:
            if bar:
                bar.close()
        elapsed = time.perf_counter() - t0
        if dist.enabled:
            import torch.distributed as tdist

            tdist.barrier()
        if dist.is_main:
            if dist.enabled:
                finish_metadata_csv(rep.folder)
            if args.grid:
                save_grid(args.grid, gen.generate(list(range(args.seed, args.seed + min(args.count, 64))),
                                                  args.truncation))
            rate = rep.written / elapsed if elapsed > 0 else 0.0
            print(f"wrote {rep.written} faces, skipped {rep.skipped} existing, to {rep.folder} "
                  f"({rate:.0f} faces/s; model {gen.name})")
    finally:
        ddp.teardown(dist)
    return 0


