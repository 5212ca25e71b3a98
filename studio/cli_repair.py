"""``studio repair``."""
from __future__ import annotations

import sys
from pathlib import Path

from .textprogress import TextProgress


def run_repair(args, cancel) -> int:
    from .cli import UsageError
    from .core.batch import plan_outputs, repair_batch
    from .core.images import load_mask
    from .core.jobs import StudioError
    from .core.neural_inpaint import register_neural
    from .core.repair import METHODS

    register_neural(args.device)
    if args.method not in METHODS:
        raise UsageError(f"unknown method {args.method!r} (choose from {', '.join(METHODS)})")
    if not args.mask and not args.auto:
        raise UsageError("repair needs --mask MASK or --auto")
    if not 1 <= args.quality <= 100:
        raise UsageError("--quality must be between 1 and 100")
    mask_path = Path(args.mask) if args.mask else None
    if mask_path is not None:
        load_mask(mask_path)  # a missing or unreadable mask fails before any work
    items = plan_outputs(args.inputs, args.output)
    if not items:
        raise StudioError("no image files found in the inputs")
    bar = TextProgress("repair")
    try:
        rep = repair_batch(items, method=args.method, mask_path=mask_path, overwrite=args.overwrite,
                           quality=args.quality, auto=args.auto, progress=bar, cancel=cancel)
    finally:
        bar.close()
    return _summarise(rep, items, args, "repaired")


def run_enhance(args, cancel) -> int:
    from .cli import UsageError
    from .core.batch import plan_outputs, process_batch
    from .core.enhance import EnhanceSettings, enhance
    from .core.jobs import StudioError

    try:
        settings = EnhanceSettings(args.denoise, args.contrast, args.sharpen, args.color, args.upscale)
    except StudioError as exc:
        raise UsageError(str(exc)) from exc
    if settings.is_identity():
        raise UsageError("choose at least one of --denoise, --contrast, --sharpen, --color or --upscale 2")
    items = plan_outputs(args.inputs, args.output)
    if not items:
        raise StudioError("no image files found in the inputs")
    bar = TextProgress("enhance")
    try:
        rep = process_batch(items, lambda img: enhance(img.rgb, settings, cancel=cancel), overwrite=args.overwrite,
                            quality=args.quality, progress=bar, cancel=cancel)
    finally:
        bar.close()
    return _summarise(rep, items, args, "enhanced")


def _summarise(rep, items, args, verb: str) -> int:
    print(f"{verb} {len(rep.written)}, skipped {len(rep.skipped)} existing, failed {len(rep.failed)}")
    if rep.skipped and not args.overwrite:
        print("existing outputs were kept; use --overwrite to replace them")
    for path, msg in rep.failed:
        print(f"studio: failed: {path}: {msg}", file=sys.stderr)
    if rep.failed:
        print(f"studio: error: {len(rep.failed)} of {len(items)} file(s) could not be processed", file=sys.stderr)
        return 1
    return 0
