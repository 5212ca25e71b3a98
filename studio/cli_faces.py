"""``studio faces`` and ``studio models``."""
from __future__ import annotations

import json
import os
import time

from .textprogress import TextProgress


def check_faces_args(args) -> None:
    """Every bad argument is a usage error before any face is made."""
    from pathlib import Path

    from .cli import UsageError
    from .core.images import is_image_path

    if args.count < 1:
        raise UsageError("--count must be at least 1")
    if not 0.0 <= args.truncation <= 2.0:
        raise UsageError("--truncation must be between 0 and 2")
    if args.size is not None and not 8 <= args.size <= 4096:
        raise UsageError("--size must be between 8 and 4096 pixels")
    if args.grid and not is_image_path(Path(args.grid)):
        raise UsageError(f"--grid {args.grid}: use an image file name (.png, .jpg, .webp, .tif)")


def run_faces(args, cancel) -> int:
    from .core.faces import FaceGenerator, export_faces, finish_metadata_csv, save_grid
    from .core.training import ddp

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


def run_models(args, cancel) -> int:
    from .core.registry import find_model, import_model, list_models

    if args.action == "list":
        models = list_models()
        if not models:
            print("no models found")
        for m in models:
            metrics = m.metadata.get("info", {}).get("metrics", {})
            swd = f"  SWD {metrics['swd']:.1f}" if "swd" in metrics else ""
            print(f"{m.name:28s} {m.task:8s} {m.source:8s} {m.arch}{swd}")
        return 0
    if args.action == "info":
        m = find_model(args.model)
        print(f"name: {m.name}\npath: {m.path}\narch: {m.arch}\ntask: {m.task}\nsource: {m.source}")
        print("config: " + json.dumps(m.metadata["config"]))
        print("info: " + json.dumps(m.metadata["info"], indent=2))
        if m.card_path.exists():
            print("\n" + m.card_path.read_text(encoding="utf-8"))
        return 0
    if args.action == "export":
        from .core.model_card import export_run_model

        dest = export_run_model(args.run, args.output, args.title, args.bench_data, args.bench_photos)
        print(f"exported {dest} and {dest.with_suffix('.md')}")
        return 0
    m = import_model(args.path, args.name, overwrite=args.overwrite)
    print(f"imported {m.name} ({m.arch}) to {m.path}")
    return 0
