"""``studio bench``: benchmarks that measure side by side in one run."""
from __future__ import annotations

from .common import add_device, subcommands
from .progress import TextProgress


def register(sub) -> None:
    bp = sub.add_parser("bench", help="benchmarks")
    bsub = subcommands(bp, "what", "WHAT")
    bt = bsub.add_parser("train", help="trainer vs a plain DCGAN loop, side by side")
    bt.add_argument("--steps", type=int, default=30)
    bt.add_argument("--batch", type=int, default=64)
    bt.add_argument("--resolution", type=int, default=64, choices=(32, 64, 128))
    bt.add_argument("--rounds", type=int, default=3)
    add_device(bt)
    bi = bsub.add_parser("inpaint", help="learned repair vs OpenCV: PSNR/SSIM inside the holes")
    bi.add_argument("--data", required=True, help="folder of clean photos (e.g. BSDS500 test/)")
    bi.add_argument("--photos", type=int, default=50)
    bi.add_argument("--model", help="inpainting model name or path (default: the installed one)")
    bi.add_argument("--seed", type=int, default=0)
    add_device(bi)
    bd = bsub.add_parser("damage", help="damage detection and restoration on photos with rendered damage")
    bd.add_argument("--data", required=True, help="folder of clean photos the model never saw (e.g. BSDS500 test/)")
    bd.add_argument("--photos", type=int, default=50)
    bd.add_argument("--sensitivity", type=float, default=0.5)
    bd.add_argument("--detector", choices=("auto", "learned", "classical"), default="auto")
    bd.add_argument("--method", default=None, help="repair method (default: the best-measured installed one)")
    bd.add_argument("--seed", type=int, default=0)
    bd.add_argument("--per-kind", action="store_true",
                    help="also the recall of each kind of mark drawn alone (dust, hair, scratch, ...)")
    add_device(bd)
    bv = bsub.add_parser("video", help="video repair vs per-frame OpenCV on a clip with synthetic damage")
    bv.add_argument("--data", required=True, help="a clean video clip")
    bv.add_argument("--frames", type=int, default=300)
    bv.add_argument("--seed", type=int, default=0)
    ba = bsub.add_parser("all", help="the speed of everything, measured in one run: one Markdown table")
    ba.add_argument("--quick", action="store_true", help="small inputs only (a smoke test, not a measurement)")
    ba.set_defaults(handler=run_bench_all)
    be = bsub.add_parser("video-enhance", help="video enhancements vs their baselines on a clip degraded on purpose")
    be.add_argument("--data", required=True, help="a clean video clip")
    be.add_argument("--frames", type=int, default=90)
    be.add_argument("--width", type=int, default=None, help="scale the clip to this width first (e.g. 480)")
    be.add_argument("--seed", type=int, default=0)
    be.set_defaults(handler=run_bench_video_enhance)
    bt.set_defaults(handler=run_bench_train)
    bi.set_defaults(handler=run_bench_inpaint)
    bd.set_defaults(handler=run_bench_damage)
    bv.set_defaults(handler=run_bench_video)


def run_bench_damage(args, cancel) -> int:
    from .photo import run_bench_damage as run

    return run(args, cancel)


def run_bench_video(args, cancel) -> int:
    from .video import run_bench_video as run

    return run(args, cancel)


def run_bench_all(args, cancel) -> int:
    from ..core.bench_all import bench_all, format_table

    with TextProgress("bench") as bar:
        rows = bench_all(quick=args.quick, progress=bar, cancel=cancel)
    print(format_table(rows))
    return 0


def run_bench_video_enhance(args, cancel) -> int:
    from .video import run_bench_video_enhance as run

    return run(args, cancel)


def run_bench_train(args, cancel) -> int:
    from ..core.training.bench import bench_train

    with TextProgress("bench") as bar:
        res = bench_train(steps=args.steps, batch=args.batch, resolution=args.resolution, rounds=args.rounds,
                          device=args.device, progress=bar)
    print(f"device: {res['device']}, batch {args.batch}, {args.resolution}px, {args.steps} steps × {args.rounds} rounds")
    print(f"plain DCGAN loop: {res['plain']:.1f} samples/s")
    print(f"studio trainer:   {res['trainer']:.1f} samples/s (metrics streaming, EMA on)")
    print(f"ratio trainer/plain: {res['ratio']:.3f}")
    return 0


def run_bench_inpaint(args, cancel) -> int:
    from ..core.photo.inpaint_bench import bench_inpaint, format_table
    from ..core.photo.methods import get_method
    from ..core.photo.neural_inpaint import NeuralInpainter
    from ..core.registry import find_model

    methods = ["telea", "ns"]
    if args.model:
        methods.append(NeuralInpainter(find_model(args.model, "inpaint"), args.device))
    else:
        methods.append(get_method("neural", args.device))
    with TextProgress("bench") as bar:
        res = bench_inpaint(args.data, methods, photos=args.photos, seed=args.seed, progress=bar, cancel=cancel)
    print(f"{res['photos']} photos, one mask of each kind per photo; PSNR and SSIM inside the holes")
    print(format_table(res))
    return 0


