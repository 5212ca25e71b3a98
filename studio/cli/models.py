"""``studio models``: list, inspect, import and export models."""
from __future__ import annotations

import json

from .common import UsageError, subcommands


def register(sub) -> None:
    mp = sub.add_parser("models", help="list, inspect, import or export models")
    msub = subcommands(mp, "action", "ACTION")
    msub.add_parser("list", help="shipped and user models")
    mi = msub.add_parser("info", help="a model's metadata and card")
    mi.add_argument("model", help="name or .safetensors path")
    mim = msub.add_parser("import", help="validate a .safetensors model and add it to your models")
    mim.add_argument("path")
    mim.add_argument("--name", help="name to give it: a plain file name (default: the file's own name)")
    mim.add_argument("--overwrite", action="store_true", help="replace a model of the same name")
    mex = msub.add_parser("export", help="copy a training run's best model with a model card")
    mex.add_argument("run", help="run folder")
    mex.add_argument("-o", "--output", required=True, help="destination .safetensors file")
    mex.add_argument("--title", help="card title")
    mex.add_argument("--bench-data", help="repair and damage models: clean photos never trained on, benchmarked in the card")
    mex.add_argument("--bench-photos", type=int, default=50)
    mex.add_argument("--last", action="store_true", help="the run's latest model, not the one its validation "
                     "scored best (when photos never trained on measured the latest better)")
    mex.add_argument("--calibrate", metavar="DIR", help="damage models: choose the detection threshold on these "
                     "photos (never trained on) and store it in the model")

    mc = msub.add_parser("compress", help="a faster variant for CPUs, measured and carded: int8 for damage "
                         "detectors, bfloat16 for repair and face models")
    mc.add_argument("model", help="model name or .safetensors path")
    mc.add_argument("--calibrate", metavar="DIR", help="damage models: photos for the int8 activation ranges")
    mc.add_argument("--bench-data", required=True, metavar="DIR", help="to measure the quality change: photos "
                    "never trained on (damage, repair) or the face model's training folder (its held-out faces)")
    mc.add_argument("--photos", type=int, default=40, help="calibration photos (default 40)")
    mc.add_argument("--bench-photos", type=int, default=30)
    mc.add_argument("-o", "--output", help="where to write it (default: your models, NAME-int8 or NAME-bf16)")
    ma = msub.add_parser("audit", help="face models: do generated faces copy training images?")
    ma.add_argument("model", help="face model name or .safetensors path")
    ma.add_argument("--data", required=True, help="the folder the model was trained on")
    ma.add_argument("--count", type=int, default=2000, help="generated faces compared (default 2000)")
    ma.add_argument("--holdout", type=int, default=1000, help="images the training held out (default 1000, as "
                    "`train gan`)")
    ma.add_argument("--seed", type=int, default=0, help="the training's split seed (default 0)")
    ma.add_argument("--pairs", metavar="PNG", help="save the closest generated/training pairs side by side")
    ma.add_argument("--card", action="store_true", help="write the result into the model's card")

    mp.set_defaults(handler=run_models)


def run_models(args, cancel) -> int:
    from ..core.registry import find_model, import_model, list_models

    if args.action == "list":
        models = list_models()
        if not models:
            print("no models found")
        from ..core.device import pick_device
        from ..core.variants import runtime_model, source_of

        cpu = pick_device("cpu")
        for m in models:
            metrics = m.metadata.get("info", {}).get("metrics", {})
            source = source_of(m)
            note = f"  SWD {metrics['swd']:.1f}" if "swd" in metrics and source is None else ""
            if source is not None:
                kind = "int8" if "int8" in m.metadata.get("info", {}) else "bfloat16"
                full = next((f for f in models if f.name == source), None)
                used = full is not None and runtime_model(full, cpu).path == m.path
                note = f"  {kind} variant of {source}, {'used' if used else 'not used'} on this CPU"
            print(f"{m.name:28s} {m.task:8s} {m.source:8s} {m.arch}{note}")
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
        from ..core.model_card import export_run_model

        dest = export_run_model(args.run, args.output, args.title, args.bench_data, args.bench_photos,
                                args.calibrate, last=args.last)
        print(f"exported {dest} and {dest.with_suffix('.md')}")
        return 0
    if args.action == "audit":
        return _audit(args, cancel)
    if args.action == "compress":
        return _compress(args, cancel)
    m = import_model(args.path, args.name, overwrite=args.overwrite)
    print(f"imported {m.name} ({m.arch}) to {m.path}")
    return 0


def _audit(args, cancel) -> int:
    import shlex
    from pathlib import Path

    from ..core.faces_audit import audit_faces, write_card_section
    from ..core.images import save_image
    from ..core.registry import find_model
    from .progress import TextProgress

    info = find_model(args.model)
    if info.task != "faces":
        from .common import UsageError

        raise UsageError(f"{info.name} is a {info.task} model; the audit is for face models")
    with TextProgress("audit") as bar:
        rep, grid = audit_faces(info, args.data, count=args.count, holdout=args.holdout, seed=args.seed,
                                progress=bar, cancel=cancel)
    print("\n".join(rep.lines()))
    if args.pairs:
        save_image(args.pairs, grid)
        print(f"closest pairs (generated, training): {args.pairs}")
    if args.card:
        command = "studio models audit " + " ".join(shlex.quote(a) for a in
                                                   [info.name, "--data", str(args.data), "--count", str(args.count)])
        write_card_section(info.card_path, rep.markdown(command))
        print(f"wrote the result into {Path(info.card_path)}")
    return 0


def _compress(args, cancel) -> int:
    from pathlib import Path

    from ..core.paths import user_models_dir
    from ..core.registry import find_model
    from .progress import TextProgress

    info = find_model(args.model)
    if info.arch != "damage-unet":
        return _compress_bf16(info, args, cancel)
    from ..core.photo.damage_compress import compress_damage

    if not args.calibrate:
        raise UsageError("damage models need --calibrate DIR: photos for the int8 activation ranges")
    out = Path(args.output) if args.output else user_models_dir() / f"{info.name}-int8.safetensors"
    with TextProgress("compress") as bar:
        r = compress_damage(info, out, args.calibrate, bench_data=args.bench_data, calibration_photos=args.photos,
                            bench_photos=args.bench_photos, progress=bar, cancel=cancel)
    print(f"wrote {out} and {out.with_suffix('.md')}")
    print(f"speed on CPU: {r['speedup']:.1f}× ({r['seconds_full'] * 1000:.0f} → {r['seconds_int8'] * 1000:.0f} ms for "
          f"768×512); F1 {r['f1_full']:.3f} → {r['f1_int8']:.3f} ({r['f1_change']:+.3f}, tolerance "
          f"-{r['tolerance']:.2f}); {'used' if r['accepted'] else 'not used'} on CPUs")
    return 0


def _compress_bf16(info, args, cancel) -> int:
    from pathlib import Path

    from ..core.compress_bf16 import compress_bf16
    from ..core.paths import user_models_dir
    from .progress import TextProgress

    out = Path(args.output) if args.output else user_models_dir() / f"{info.name}-bf16.safetensors"
    with TextProgress("compress") as bar:
        r = compress_bf16(info, out, bench_data=args.bench_data, bench_photos=args.bench_photos, progress=bar,
                          cancel=cancel)
    print(f"wrote {out} and {out.with_suffix('.md')}")
    print(f"speed on CPU: {r['speedup']:.1f}× ({r['seconds_full'] * 1000:.0f} → {r['seconds_bf16'] * 1000:.0f} ms); "
          f"{r['metric']} {r['full']:.2f} → {r['bf16']:.2f} ({r['change']:+.3f}, tolerance {r['tolerance']:g}); "
          f"{'used' if r['accepted'] else 'not used'} on CPUs with native bfloat16")
    return 0
