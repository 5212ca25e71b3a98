"""``studio train`` and ``studio bench train``."""
from __future__ import annotations

from .textprogress import TextProgress


def _gan_config(args):
    from .core.training.gan import GANTrainConfig

    overrides = {
        "resolution": args.resolution, "batch": args.batch, "steps": args.steps,
        "checkpoint_every": args.checkpoint_every, "sample_every": args.sample_every,
        "swd_every": args.swd_every, "log_every": args.log_every, "swd_images": args.swd_images, "holdout": args.holdout,
        "loss": args.loss, "augment": args.augment, "ngf": args.width, "ndf": args.width,
        "lr_g": args.lr, "lr_d": args.lr, "ema_beta": args.ema, "seed": args.seed, "device": args.device,
    }
    return GANTrainConfig(**{k: v for k, v in overrides.items() if v is not None})


def run_train(args, cancel) -> int:
    if args.model == "inpaint":
        return _run_train_inpaint(args, cancel)
    if args.model == "damage":
        return _run_train_damage(args, cancel)
    from .cli import UsageError
    from .core.device import configure_threads
    from .core.training.gan import GANTrainer

    configure_threads(leave_for_ui=0)
    if args.resume:
        fixed = [f"--{k}" for k in ("data", "output", "resolution", "batch", "epochs", "holdout", "loss", "augment",
                                    "width", "lr", "ema", "seed", "swd_images")
                 if getattr(args, k.replace("-", "_")) is not None]
        if fixed:
            raise UsageError(f"{', '.join(fixed)} cannot change when resuming; only --steps, --*-every and --device can")
        overrides = {"steps": args.steps, "checkpoint_every": args.checkpoint_every, "sample_every": args.sample_every,
                     "swd_every": args.swd_every, "log_every": args.log_every, "device": args.device}
        trainer = GANTrainer(args.resume, resume=True, overrides=overrides)
    else:
        if not args.data or not args.output:
            raise UsageError("train gan needs --data and -o/--output (or --resume RUN)")
        cfg = _gan_config(args)
        if args.epochs:
            cfg.epochs = args.epochs
        trainer = GANTrainer(args.output, cfg, args.data)
    bar = TextProgress("train")
    try:
        result = trainer.train(progress=bar, cancel=cancel)
    finally:
        bar.close()
    msg = f"trained to step {result['step']}"
    if "swd" in result["metrics"]:
        msg += f"; SWD {result['metrics']['swd']:.1f} (best {result['metrics']['best_swd']:.1f})"
    if result["skipped"]:
        msg += f"; skipped {result['skipped']} unreadable images"
    print(msg)
    return 0


def run_bench(args, cancel) -> int:
    if args.what == "inpaint":
        return _run_bench_inpaint(args, cancel)
    from .core.training.bench import bench_train

    res = bench_train(steps=args.steps, batch=args.batch, resolution=args.resolution, rounds=args.rounds,
                      device=args.device, progress=TextProgress("bench"))
    print(f"device: {res['device']}, batch {args.batch}, {args.resolution}px, {args.steps} steps × {args.rounds} rounds")
    print(f"plain DCGAN loop: {res['plain']:.1f} samples/s")
    print(f"studio trainer:   {res['trainer']:.1f} samples/s (metrics streaming, EMA on)")
    print(f"ratio trainer/plain: {res['ratio']:.3f}")
    return 0


def _run_train_inpaint(args, cancel) -> int:
    from .cli import UsageError
    from .core.device import configure_threads
    from .core.training.inpaint import InpaintTrainConfig, InpaintTrainer

    configure_threads(leave_for_ui=0)
    every = {"checkpoint_every": args.checkpoint_every, "eval_every": args.eval_every,
             "sample_every": args.sample_every, "log_every": args.log_every}
    if args.resume:
        fixed = [f"--{k}" for k in ("data", "val", "output", "batch", "crop", "width", "classical", "seed",
                                    "val_crops") if getattr(args, k) is not None]
        if fixed:
            raise UsageError(f"{', '.join(fixed)} cannot change when resuming")
        trainer = InpaintTrainer(args.resume, resume=True,
                                 overrides={"steps": args.steps, "device": args.device, "lr": args.lr, **every})
    else:
        if not args.data or not args.output:
            raise UsageError("train inpaint needs --data and -o/--output (or --resume RUN)")
        overrides = {"steps": args.steps, "batch": args.batch, "crop": args.crop, "width": args.width,
                     "classical": args.classical, "lr": args.lr, "seed": args.seed, "device": args.device,
                     "val_crops": args.val_crops, **every}
        cfg = InpaintTrainConfig(**{k: v for k, v in overrides.items() if v is not None})
        trainer = InpaintTrainer(args.output, cfg, args.data, args.val)
    bar = TextProgress("train")
    try:
        result = trainer.train(progress=bar, cancel=cancel)
    finally:
        bar.close()
    m = result["metrics"]
    print(f"trained to step {result['step']}; hole PSNR {m['psnr_hole']:.2f} dB "
          f"(Telea {m['psnr_telea']:.2f}, Navier-Stokes {m['psnr_ns']:.2f})")
    return 0


def _run_bench_inpaint(args, cancel) -> int:
    from .core.inpaint_bench import bench_inpaint, format_table
    from .core.methods import get_method
    from .core.neural_inpaint import NeuralInpainter
    from .core.registry import find_model

    methods = ["telea", "ns"]
    if args.model:
        methods.append(NeuralInpainter(find_model(args.model, "inpaint"), args.device))
    else:
        methods.append(get_method("neural", args.device))
    bar = TextProgress("bench")
    try:
        res = bench_inpaint(args.data, methods, photos=args.photos, seed=args.seed, progress=bar, cancel=cancel)
    finally:
        bar.close()
    print(f"{res['photos']} photos, one mask of each kind per photo; PSNR and SSIM inside the holes")
    print(format_table(res))
    return 0


def _run_train_damage(args, cancel) -> int:
    from .cli import UsageError
    from .core.device import configure_threads
    from .core.training.damage import DamageTrainConfig, DamageTrainer

    configure_threads(leave_for_ui=0)
    every = {"checkpoint_every": args.checkpoint_every, "eval_every": args.eval_every,
             "sample_every": args.sample_every, "log_every": args.log_every}
    if args.resume:
        fixed = [f"--{k}" for k in ("data", "val", "output", "batch", "crop", "width", "seed", "val_crops")
                 if getattr(args, k) is not None]
        if fixed:
            raise UsageError(f"{', '.join(fixed)} cannot change when resuming")
        trainer = DamageTrainer(args.resume, resume=True,
                                overrides={"steps": args.steps, "device": args.device, "lr": args.lr, **every})
    else:
        if not args.data or not args.output:
            raise UsageError("train damage needs --data and -o/--output (or --resume RUN)")
        overrides = {"steps": args.steps, "batch": args.batch, "crop": args.crop, "width": args.width,
                     "lr": args.lr, "seed": args.seed, "device": args.device, "val_crops": args.val_crops, **every}
        cfg = DamageTrainConfig(**{k: v for k, v in overrides.items() if v is not None})
        trainer = DamageTrainer(args.output, cfg, args.data, args.val)
    bar = TextProgress("train")
    try:
        result = trainer.train(progress=bar, cancel=cancel)
    finally:
        bar.close()
    m = result["metrics"]
    print(f"trained to step {result['step']}; precision {m['precision']:.3f}, recall {m['recall']:.3f}, "
          f"clean pixels marked {m['clean_marked'] * 100:.3f}%")
    return 0
