"""``studio train gan|inpaint|damage``: the same trainers the Training tab runs, headless."""
from __future__ import annotations

from .common import add_device, positive_int, subcommands
from .progress import TextProgress


def register(sub) -> None:
    tr = sub.add_parser("train", help="train a model")
    tsub = subcommands(tr, "model", "MODEL")
    tg = tsub.add_parser("gan", help="train a face generator (DCGAN)")
    tg.add_argument("--data", help="folder of images (recursive) or the CelebA folder")
    tg.add_argument("-o", "--output", help="run folder to create")
    tg.add_argument("--resume", metavar="RUN", help="continue a run from its last checkpoint")
    tg.add_argument("--resolution", type=int, choices=(32, 64, 128))
    tg.add_argument("--batch", type=positive_int)
    length = tg.add_mutually_exclusive_group()
    length.add_argument("--steps", type=positive_int, help="total generator steps")
    length.add_argument("--epochs", type=float, help="passes over the training images")
    tg.add_argument("--checkpoint-every", type=int)
    tg.add_argument("--sample-every", type=int)
    tg.add_argument("--swd-every", type=int)
    tg.add_argument("--log-every", type=int, help="steps between metrics records (default 10)")
    tg.add_argument("--swd-images", type=int)
    tg.add_argument("--holdout", type=int, help="images kept out of training for SWD (default 1000)")
    tg.add_argument("--loss", choices=("bce", "hinge"))
    tg.add_argument("--augment", help="DiffAugment policy: color,translation,cutout or none")
    tg.add_argument("--width", type=int, help="ngf = ndf (default 64)")
    tg.add_argument("--lr", type=float)
    tg.add_argument("--ema", type=float, help="EMA decay of generator weights (default 0.999)")
    tg.add_argument("--seed", type=int)
    tg.add_argument("--exclude", metavar="FILE", help="files to leave out, one per line (e.g. from "
                    "`studio data check DIR --leave-out FILE`)")
    add_device(tg)

    ti = tsub.add_parser("inpaint", help="train the learned photo-repair model")
    ti.add_argument("--data", action="append", help="folder of photos (repeat for several)")
    ti.add_argument("--val", help="folder of validation photos (default: 10%% of --data held out)")
    ti.add_argument("-o", "--output", help="run folder to create")
    ti.add_argument("--resume", metavar="RUN", help="continue a run from its last checkpoint")
    ti.add_argument("--steps", type=positive_int)
    ti.add_argument("--batch", type=positive_int)
    ti.add_argument("--crop", type=int, help="training crop side (default 96)")
    ti.add_argument("--width", type=int, help="network width (default 16)")
    ti.add_argument("--classical", choices=("telea", "ns"), help="the fill the network corrects (default telea)")
    ti.add_argument("--lr", type=float)
    ti.add_argument("--checkpoint-every", type=int)
    ti.add_argument("--eval-every", type=int)
    ti.add_argument("--sample-every", type=int)
    ti.add_argument("--log-every", type=int)
    ti.add_argument("--val-crops", type=int)
    ti.add_argument("--seed", type=int)
    ti.add_argument("--exclude", metavar="FILE", help="files to leave out, one per line (e.g. from "
                    "`studio data check DIR --leave-out FILE`)")
    add_device(ti)

    td = tsub.add_parser("damage", help="train the damage detector (dust, hairs, scratches, tears)")
    td.add_argument("--data", action="append", help="folder of clean photos (repeat for several)")
    td.add_argument("--val", help="folder of validation photos (default: 10%% of --data held out)")
    td.add_argument("-o", "--output", help="run folder to create")
    td.add_argument("--resume", metavar="RUN", help="continue a run from its last checkpoint")
    td.add_argument("--steps", type=positive_int)
    td.add_argument("--batch", type=positive_int)
    td.add_argument("--crop", type=int, help="training crop side (default 128)")
    td.add_argument("--width", type=int, help="network width (default 16)")
    td.add_argument("--depth", type=positive_int, help="downsamplings: context grows with 2**depth (default 3)")
    td.add_argument("--pos-weight", type=float, help="weight of damaged pixels in the loss (default 2)")
    td.add_argument("--lr", type=float)
    td.add_argument("--checkpoint-every", type=int)
    td.add_argument("--eval-every", type=int)
    td.add_argument("--sample-every", type=int)
    td.add_argument("--log-every", type=int)
    td.add_argument("--val-crops", type=int)
    td.add_argument("--seed", type=int)
    td.add_argument("--exclude", metavar="FILE", help="files to leave out, one per line (e.g. from "
                    "`studio data check DIR --leave-out FILE`)")
    td.add_argument("--init", metavar="MODEL", help="start from this damage model's weights (a name from "
                    "`studio models list` or a file): fine-tuning; its network size is kept")
    td.add_argument("--emphasis", metavar="KIND=X", action="append",
                    help="draw this kind of damage X times as often (kinds: dust, hair, scratch, tear, crease, "
                    "spot, foxing); repeat for several")
    add_device(td)

    tr.set_defaults(handler=run_train)


def _gan_config(args):
    from ..core.training.gan import GANTrainConfig

    overrides = {
        "resolution": args.resolution, "batch": args.batch, "steps": args.steps,
        "checkpoint_every": args.checkpoint_every, "sample_every": args.sample_every,
        "swd_every": args.swd_every, "log_every": args.log_every, "swd_images": args.swd_images, "holdout": args.holdout,
        "loss": args.loss, "augment": args.augment, "ngf": args.width, "ndf": args.width,
        "lr_g": args.lr, "lr_d": args.lr, "ema_beta": args.ema, "seed": args.seed, "device": args.device,
        "exclude": args.exclude,
    }
    return GANTrainConfig(**{k: v for k, v in overrides.items() if v is not None})


def _read_exclude(args) -> None:
    """``--exclude FILE`` names a list of files; the config keeps the list itself, so the run records it."""
    from pathlib import Path

    from .common import UsageError

    if getattr(args, "exclude", None):
        try:
            text = Path(args.exclude).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--exclude {args.exclude}: {exc.strerror or exc}") from exc
        args.exclude = [line.strip() for line in text.splitlines() if line.strip()]


def _read_damage_options(args) -> None:
    """``--init`` becomes the model file (whose network size the run takes); ``--emphasis`` a dict."""
    from .common import UsageError

    if getattr(args, "emphasis", None):
        emphasis = {}
        for item in args.emphasis:
            kind, _, value = item.partition("=")
            try:
                emphasis[kind.strip()] = float(value)
            except ValueError:
                raise UsageError(f"--emphasis {item}: expected KIND=NUMBER, e.g. hair=3") from None
        args.emphasis = emphasis
    if getattr(args, "init", None):
        from ..core.registry import find_model

        info = find_model(args.init, "damage")
        args.init = str(info.path)
        net = info.metadata.get("config", {})
        for k in ("width", "depth"):
            if getattr(args, k) is None and k in net:
                setattr(args, k, net[k])


def run_train(args, cancel) -> int:
    _read_exclude(args)
    if args.model == "damage":
        _read_damage_options(args)
    if args.model in ("inpaint", "damage"):
        return _run_train_loop(args, cancel)
    from ..core.device import configure_threads
    from ..core.training.gan import GANTrainer
    from .common import UsageError

    configure_threads(leave_for_ui=0)
    if args.resume:
        fixed = [f"--{k}" for k in ("data", "output", "resolution", "batch", "epochs", "holdout", "loss", "augment",
                                    "width", "lr", "ema", "seed", "swd_images", "exclude")
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
    with TextProgress("train") as bar:
        result = trainer.train(progress=bar, cancel=cancel)
    msg = f"trained to step {result['step']}"
    if "swd" in result["metrics"]:
        msg += f"; SWD {result['metrics']['swd']:.1f} (best {result['metrics']['best_swd']:.1f})"
    if result["skipped"]:
        msg += f"; skipped {result['skipped']} unreadable images"
    print(msg)
    return 0


def _trainer_class(model: str):
    if model == "inpaint":
        from ..core.training.inpaint import InpaintTrainer

        return InpaintTrainer
    from ..core.training.damage import DamageTrainer

    return DamageTrainer


def _run_train_loop(args, cancel) -> int:
    """``train inpaint`` and ``train damage``: kinds on the shared loop, whose own rules say what may change."""
    from dataclasses import fields

    from ..core.device import configure_threads
    from .common import UsageError

    configure_threads(leave_for_ui=0)
    trainer_cls = _trainer_class(args.model)
    names = {f.name for f in fields(trainer_cls.config_cls)}
    given = {k: v for k, v in vars(args).items() if k in names and v is not None}
    if args.resume:
        fixed = [f"--{k.replace('_', '-')}" for k in ("data", "val", "output") if getattr(args, k) is not None]
        fixed += [f"--{k.replace('_', '-')}" for k in given if k not in trainer_cls.RESUMABLE]
        if fixed:
            raise UsageError(f"{', '.join(fixed)} cannot change when resuming")
        trainer = trainer_cls(args.resume, resume=True, overrides=given)
    else:
        if not args.data or not args.output:
            raise UsageError(f"train {args.model} needs --data and -o/--output (or --resume RUN)")
        trainer = trainer_cls(args.output, trainer_cls.config_cls(**given), args.data, args.val)
    with TextProgress("train") as bar:
        result = trainer.train(progress=bar, cancel=cancel)
    print(f"trained to step {result['step']}; {trainer.summary(result['metrics'])}")
    return 0
