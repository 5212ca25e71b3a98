"""``studio repair``, ``studio restore`` and ``studio enhance``."""
from __future__ import annotations

import sys
from pathlib import Path

from .common import add_device
from .progress import TextProgress


def register(sub) -> None:
    rp = sub.add_parser("repair", help="repair photos (files or folders) with a mask")
    rp.add_argument("inputs", nargs="*", metavar="INPUT", help="image files or folders (searched recursively)")
    rp.add_argument("--mask", help="mask image: pixels > 127 mark the region to repair (one mask serves all inputs)")
    rp.add_argument("--auto", action="store_true", help="detect dust, spots and scratches (added to --mask if given)")
    rp.add_argument("--method", default=None, help="repair method (default: the best-measured installed one, "
                    "neural when its model is installed); see --list-methods")
    rp.add_argument("--list-methods", action="store_true", help="list the installed repair methods and exit")
    rp.add_argument("--sensitivity", type=float, default=0.5, metavar="S",
                    help="--auto: 0-1, higher finds fainter marks (default 0.5)")
    rp.add_argument("--detector", choices=("auto", "learned", "classical"), default="auto",
                    help="--auto: damage detector (default: the learned one when its model is installed)")
    rp.add_argument("-o", "--output", help="output file (one input) or folder")
    rp.add_argument("--overwrite", action="store_true", help="replace outputs that already exist")
    rp.add_argument("--quality", type=int, default=95, help="JPEG/WebP quality 1-100 (default 95)")
    rp.add_argument("--png-level", type=int, default=1, choices=range(10), metavar="0-9",
                    help="PNG compression: 1 is fast (default), 9 is smallest")
    rp.add_argument("--no-provenance", action="store_true",
                    help="do not write how the output was made into it (IPTC digital source type)")
    add_device(rp)

    rp.set_defaults(handler=run_repair)

    sp = sub.add_parser("restore", help="one-click restoration of old photos: detect damage, repair, gently enhance")
    sp.add_argument("inputs", nargs="+", metavar="INPUT", help="image files or folders (searched recursively)")
    sp.add_argument("-o", "--output", required=True, help="output file (one input) or folder")
    sp.add_argument("--sensitivity", type=float, default=0.5, metavar="S",
                    help="0-1, higher finds fainter marks (default 0.5)")
    sp.add_argument("--no-enhance", action="store_true", help="repair only; no fade or noise correction")
    sp.add_argument("--method", default=None, help="repair method (default: the best-measured installed one)")
    sp.add_argument("--detector", choices=("auto", "learned", "classical"), default="auto",
                    help="damage detector (default: the learned one when its model is installed)")
    sp.add_argument("--overwrite", action="store_true", help="replace outputs that already exist")
    sp.add_argument("--quality", type=int, default=95, help="JPEG/WebP quality 1-100 (default 95)")
    sp.add_argument("--png-level", type=int, default=1, choices=range(10), metavar="0-9",
                    help="PNG compression: 1 is fast (default), 9 is smallest")
    sp.add_argument("--no-provenance", action="store_true",
                    help="do not write how the output was made into it (IPTC digital source type)")
    add_device(sp)

    sp.set_defaults(handler=run_restore)

    ep = sub.add_parser("enhance", help="denoise, contrast, sharpen, colour-correct or upscale photos")
    ep.add_argument("inputs", nargs="+", metavar="INPUT", help="image files or folders (searched recursively)")
    ep.add_argument("-o", "--output", required=True, help="output file (one input) or folder")
    for name, what in (("denoise", "noise reduction"), ("contrast", "local contrast (CLAHE)"),
                       ("sharpen", "sharpening"), ("color", "fade and colour-cast correction")):
        ep.add_argument(f"--{name}", type=float, default=0.0, metavar="S", help=f"{what} strength 0-1")
    ep.add_argument("--upscale", type=int, default=1, choices=(1, 2), help="2: double the size")
    ep.add_argument("--overwrite", action="store_true", help="replace outputs that already exist")
    ep.add_argument("--quality", type=int, default=95, help="JPEG/WebP quality 1-100 (default 95)")
    ep.add_argument("--png-level", type=int, default=1, choices=range(10), metavar="0-9",
                    help="PNG compression: 1 is fast (default), 9 is smallest")
    ep.add_argument("--no-provenance", action="store_true",
                    help="do not write how the output was made into it (IPTC digital source type)")

    ep.set_defaults(handler=run_enhance)


def _check_common(args) -> None:
    from .common import UsageError

    if not 1 <= args.quality <= 100:
        raise UsageError("--quality must be between 1 and 100")
    if hasattr(args, "sensitivity") and not 0.0 <= args.sensitivity <= 1.0:
        raise UsageError("--sensitivity must be between 0 and 1")


def _check_method(name: str | None) -> str:
    from ..core.photo.methods import available, available_methods, default_method
    from .common import UsageError

    if name is None:
        return default_method()
    if not available(name):
        names = ", ".join(m.name for m in available_methods())
        raise UsageError(f"unknown method {name!r} (choose from {names}; see --list-methods)")
    return name


def list_methods() -> int:
    from ..core.photo.methods import available_methods, default_method

    best = default_method()
    for m in available_methods():
        print(f"{m.name:8} {m.label}{' (default)' if m.name == best else ''}: {m.description}")
    return 0


def run_repair(args, cancel) -> int:
    from ..core.images import load_mask
    from ..core.errors import StudioError
    from ..core.photo.batch import plan_outputs, repair_batch
    from .common import UsageError

    if args.list_methods:
        return list_methods()
    missing = [name for name, v in (("INPUT", args.inputs), ("-o/--output", args.output)) if not v]
    if missing:
        raise UsageError(f"the following arguments are required: {', '.join(missing)}")
    method = _check_method(args.method)
    if not args.mask and not args.auto:
        raise UsageError("repair needs --mask MASK or --auto")
    _check_common(args)
    # Read once: a missing or unreadable mask fails before any work, and a big mask is not decoded twice.
    mask = load_mask(Path(args.mask)) if args.mask else None
    items = plan_outputs(args.inputs, args.output)
    if not items:
        raise StudioError("no image files found in the inputs")
    with TextProgress("repair") as bar:
        rep = repair_batch(items, method=method, mask=mask, overwrite=args.overwrite,
                           quality=args.quality, png_level=args.png_level, auto=args.auto, sensitivity=args.sensitivity,
                           detector=args.detector, device=args.device, progress=bar, cancel=cancel,
                           mark=not args.no_provenance)
    return _summarise(rep, items, args, "repaired")


def run_restore(args, cancel) -> int:
    from ..core.errors import StudioError
    from ..core.photo.batch import plan_outputs, restore_batch
    from ..core.photo.restore import RestoreOptions

    _check_common(args)
    method = _check_method(args.method)
    items = plan_outputs(args.inputs, args.output)
    if not items:
        raise StudioError("no image files found in the inputs")
    options = RestoreOptions(sensitivity=args.sensitivity, method=method, enhance=not args.no_enhance,
                             detector=args.detector)
    with TextProgress("restore") as bar:
        rep = restore_batch(items, options, overwrite=args.overwrite, quality=args.quality, png_level=args.png_level,
                            device=args.device, progress=bar, cancel=cancel, mark=not args.no_provenance)
    return _summarise(rep, items, args, "restored")


def run_bench_damage(args, cancel) -> int:
    from ..core.photo.damage_bench import bench_damage, format_bench

    method = _check_method(args.method)
    with TextProgress("bench") as bar:
        res = bench_damage(args.data, photos=args.photos, seed=args.seed, sensitivity=args.sensitivity,
                           detector=args.detector, method=method, device=args.device, per_kind=args.per_kind,
                           progress=bar, cancel=cancel)
    print(format_bench(res))
    return 0


def run_enhance(args, cancel) -> int:
    from ..core.errors import StudioError
    from ..core.photo.batch import plan_outputs, process_batch
    from ..core.photo.enhance import EnhanceSettings, enhance
    from ..core.photo.steps import enhanced
    from .common import UsageError

    try:
        settings = EnhanceSettings(args.denoise, args.contrast, args.sharpen, args.color, args.upscale)
    except StudioError as exc:
        raise UsageError(str(exc)) from exc
    if settings.is_identity():
        raise UsageError("choose at least one of --denoise, --contrast, --sharpen, --color or --upscale 2")
    items = plan_outputs(args.inputs, args.output)
    if not items:
        raise StudioError("no image files found in the inputs")
    made = None if args.no_provenance else enhanced(settings)
    with TextProgress("enhance") as bar:
        rep = process_batch(items, lambda img: enhance(img.rgb, settings, cancel=cancel), overwrite=args.overwrite,
                            quality=args.quality, png_level=args.png_level, progress=bar, cancel=cancel,
                            provenance=made)
    return _summarise(rep, items, args, "enhanced")


def _summarise(rep, items, args, verb: str) -> int:
    for target, note in rep.notes.items():
        print(f"{target}: {note}")
    for path, why in rep.unchanged:
        print(f"{path}: {why}")
    print(f"{verb} {len(rep.written)}, skipped {len(rep.skipped)} existing, failed {len(rep.failed)}"
          + (f", {len(rep.unchanged)} needed nothing" if rep.unchanged else ""))
    if rep.skipped and not args.overwrite:
        print("existing outputs were kept; use --overwrite to replace them")
    for path, msg in rep.failed:
        print(f"studio: failed: {path}: {msg}", file=sys.stderr)
    if rep.failed:
        print(f"studio: error: {len(rep.failed)} of {len(items)} file(s) could not be processed", file=sys.stderr)
        return 1
    return 0
