"""``studio faces`` and ``studio models``."""
from __future__ import annotations

import json
import os
import time

from .textprogress import TextProgress


def run_faces(args, cancel) -> int:
    from .cli import UsageError
    from .core.faces import FaceGenerator, export_faces, save_grid
    from .core.training import ddp

    if args.count < 1:
        raise UsageError("--count must be at least 1")
    if not 0.0 <= args.truncation <= 2.0:
        raise UsageError("--truncation must be between 0 and 2")
    dist = ddp.setup("cpu") if int(os.environ.get("WORLD_SIZE", "1")) > 1 else ddp.DistInfo()
    try:
        gen = FaceGenerator(args.model, args.device)
        seeds = list(range(args.seed, args.seed + args.count))
        mine = seeds[dist.rank::dist.world_size]  # under torchrun each rank takes every N-th seed
        bar = TextProgress("faces") if dist.is_main else None
        t0 = time.perf_counter()
        try:
            rep = export_faces(args.output, count=len(mine), seeds=mine, truncation=args.truncation,
                               fmt=args.format, size=args.size, model=gen, write_csv=False, progress=bar,
                               cancel=cancel)
        finally:
            if bar:
                bar.close()
        elapsed = time.perf_counter() - t0
        if dist.enabled:
            import torch.distributed as tdist

            tdist.barrier()
        if dist.is_main:
            from .core.faces import write_metadata_csv

            write_metadata_csv(rep.folder, seeds, args.format, args.truncation, gen.name, gen.sha256,
                               args.size or gen.resolution)
            if args.grid:
                save_grid(args.grid, gen.generate(seeds[:64], args.truncation))
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
    m = import_model(args.path, args.name)
    print(f"imported {m.name} ({m.arch}) to {m.path}")
    return 0
