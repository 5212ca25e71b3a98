"""Command-line interface: the same core functions the GUI calls, headless."""
from __future__ import annotations

import argparse
import sys
import threading

from . import __version__


class UsageError(Exception):
    """Bad arguments found after parsing: exit code 2 like argparse's own errors."""


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (anything else is a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _add_device(p: argparse.ArgumentParser) -> None:
    p.add_argument("--device", default=None, help="auto, cpu, cuda, cuda:N or mps (default: $STUDIO_DEVICE or auto)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studio", description="Photo repair, faces, video repair and training.")
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--selftest", action="store_true",
                        help="check that this installation works (models, photo and video repair) and exit")
    # --debug is accepted before or after the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _orig_add = sub.add_parser

    def add_parser(name, **kw):
        kw.setdefault("parents", [common])
        p = _orig_add(name, **kw)
        return p

    sub.add_parser = add_parser

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
    _add_device(rp)

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
    _add_device(sp)

    ep = sub.add_parser("enhance", help="denoise, contrast, sharpen, colour-correct or upscale photos")
    ep.add_argument("inputs", nargs="+", metavar="INPUT", help="image files or folders (searched recursively)")
    ep.add_argument("-o", "--output", required=True, help="output file (one input) or folder")
    for name, what in (("denoise", "noise reduction"), ("contrast", "local contrast (CLAHE)"),
                       ("sharpen", "sharpening"), ("color", "fade and colour-cast correction")):
        ep.add_argument(f"--{name}", type=float, default=0.0, metavar="S", help=f"{what} strength 0-1")
    ep.add_argument("--upscale", type=int, default=1, choices=(1, 2), help="2: double the size")
    ep.add_argument("--overwrite", action="store_true", help="replace outputs that already exist")
    ep.add_argument("--quality", type=int, default=95, help="JPEG/WebP quality 1-100 (default 95)")

    vp = sub.add_parser("video", help="repair a video: masked regions, film dust, broken frames (audio kept)")
    vp.add_argument("input", metavar="INPUT", help="video file (anything FFmpeg reads)")
    vp.add_argument("-o", "--output", required=True, help="output video (.mp4, H.264, with the input's audio)")
    vp.add_argument("--mask", help="region to remove: one image (all frames), a folder of images (one per frame) "
                    "or a mask video; pixels > 127 are repaired")
    vp.add_argument("--auto-dust", action="store_true", help="find and clean specks that appear on one frame only")
    vp.add_argument("--auto-frames", action="store_true", help="find and rebuild broken frames (black, noise, "
                    "shifted, blocky, flash)")
    vp.add_argument("--start", type=int, default=0, metavar="N", help="first frame to repair (default 0)")
    vp.add_argument("--end", type=int, default=None, metavar="M", help="repair up to, not including, frame M")
    vp.add_argument("--crf", type=int, default=18, metavar="Q", help="H.264 quality 0-51, lower is better (default 18)")
    vp.add_argument("--method", default=None, help="spatial method for what no frame shows (default telea)")
    vp.add_argument("--overwrite", action="store_true", help="replace the output if it exists")

    dp = sub.add_parser("install-desktop", help="add Studio to the Linux desktop menu and 'Open with' lists")
    dp.add_argument("--prefix", help="data folder to install into (default ~/.local/share)")
    dp.add_argument("--uninstall", action="store_true", help="remove what install-desktop added")

    fp = sub.add_parser("faces", help="generate faces with a trained model")
    fp.add_argument("-o", "--output", required=True, help="output folder")
    fp.add_argument("--count", type=positive_int, default=16, help="number of faces (default 16)")
    fp.add_argument("--seed", type=int, default=0, help="first seed (default 0); face N uses seed+N")
    fp.add_argument("--truncation", type=float, default=1.0, help="0-2: below 1 trades variety for more typical faces, above 1 the reverse (default 1)")
    fp.add_argument("--model", help="model name (see `studio models list`) or .safetensors path")
    fp.add_argument("--format", default="png", choices=("png", "jpg", "webp"))
    fp.add_argument("--size", type=positive_int, help="output side in pixels, 8-4096 (default: the model's)")
    fp.add_argument("--grid", metavar="FILE", help="also save all faces as one grid image")
    _add_device(fp)

    mp = sub.add_parser("models", help="list, inspect, import or export models")
    msub = mp.add_subparsers(dest="action", metavar="ACTION", required=True)
    msub.add_parser("list", help="shipped and user models", parents=[common])
    mi = msub.add_parser("info", help="a model's metadata and card", parents=[common])
    mi.add_argument("model", help="name or .safetensors path")
    mim = msub.add_parser("import", help="validate a .safetensors model and add it to your models", parents=[common])
    mim.add_argument("path")
    mim.add_argument("--name", help="name to give it: a plain file name (default: the file's own name)")
    mim.add_argument("--overwrite", action="store_true", help="replace a model of the same name")
    mex = msub.add_parser("export", help="copy a training run's best generator with a model card", parents=[common])
    mex.add_argument("run", help="run folder")
    mex.add_argument("-o", "--output", required=True, help="destination .safetensors file")
    mex.add_argument("--title", help="card title")
    mex.add_argument("--bench-data", help="repair models: clean photos never trained on, benchmarked in the card")
    mex.add_argument("--bench-photos", type=int, default=50)

    tr = sub.add_parser("train", help="train a model")
    tsub = tr.add_subparsers(dest="model", metavar="MODEL", required=True)
    tg = tsub.add_parser("gan", help="train a face generator (DCGAN)", parents=[common])
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
    _add_device(tg)

    ti = tsub.add_parser("inpaint", help="train the learned photo-repair model", parents=[common])
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
    _add_device(ti)

    td = tsub.add_parser("damage", help="train the damage detector (dust, hairs, scratches, tears)", parents=[common])
    td.add_argument("--data", action="append", help="folder of clean photos (repeat for several)")
    td.add_argument("--val", help="folder of validation photos (default: 10%% of --data held out)")
    td.add_argument("-o", "--output", help="run folder to create")
    td.add_argument("--resume", metavar="RUN", help="continue a run from its last checkpoint")
    td.add_argument("--steps", type=positive_int)
    td.add_argument("--batch", type=positive_int)
    td.add_argument("--crop", type=int, help="training crop side (default 128)")
    td.add_argument("--width", type=int, help="network width (default 16)")
    td.add_argument("--lr", type=float)
    td.add_argument("--checkpoint-every", type=int)
    td.add_argument("--eval-every", type=int)
    td.add_argument("--sample-every", type=int)
    td.add_argument("--log-every", type=int)
    td.add_argument("--val-crops", type=int)
    td.add_argument("--seed", type=int)
    _add_device(td)

    bp = sub.add_parser("bench", help="benchmarks")
    bsub = bp.add_subparsers(dest="what", metavar="WHAT", required=True)
    bt = bsub.add_parser("train", help="trainer vs a plain DCGAN loop, side by side", parents=[common])
    bt.add_argument("--steps", type=int, default=30)
    bt.add_argument("--batch", type=int, default=64)
    bt.add_argument("--resolution", type=int, default=64, choices=(32, 64, 128))
    bt.add_argument("--rounds", type=int, default=3)
    _add_device(bt)
    bi = bsub.add_parser("inpaint", help="learned repair vs OpenCV: PSNR/SSIM inside the holes", parents=[common])
    bi.add_argument("--data", required=True, help="folder of clean photos (e.g. BSDS500 test/)")
    bi.add_argument("--photos", type=int, default=50)
    bi.add_argument("--model", help="inpainting model name or path (default: the installed one)")
    bi.add_argument("--seed", type=int, default=0)
    _add_device(bi)
    bd = bsub.add_parser("damage", help="damage detection and restoration on photos with rendered damage",
                         parents=[common])
    bd.add_argument("--data", required=True, help="folder of clean photos the model never saw (e.g. BSDS500 test/)")
    bd.add_argument("--photos", type=int, default=50)
    bd.add_argument("--sensitivity", type=float, default=0.5)
    bd.add_argument("--detector", choices=("auto", "learned", "classical"), default="auto")
    bd.add_argument("--method", default=None, help="repair method (default: the best-measured installed one)")
    bd.add_argument("--seed", type=int, default=0)
    _add_device(bd)
    bv = bsub.add_parser("video", help="video repair vs per-frame OpenCV on a clip with synthetic damage",
                         parents=[common])
    bv.add_argument("--data", required=True, help="a clean video clip")
    bv.add_argument("--frames", type=int, default=300)
    bv.add_argument("--seed", type=int, default=0)
    _remember_parsers(parser)
    return parser


def _remember_parsers(parser: argparse.ArgumentParser) -> None:
    """Each (sub)command's parser records itself, so a usage error shows that command's own usage line."""
    parser.set_defaults(_parser=parser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _remember_parsers(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.selftest:
        from .selftest import run_selftest

        return run_selftest()
    if args.command is None:
        parser.print_help()
        return 2
    from .core.jobs import Cancelled, StudioError

    handlers = {"repair": _cmd_repair, "restore": _cmd_restore, "enhance": _cmd_enhance, "train": _cmd_train, "bench": _cmd_bench, "faces": _cmd_faces,
                "models": _cmd_models, "video": _cmd_video,
                "install-desktop": _cmd_desktop}
    cancel = threading.Event()
    _stop_gracefully_on_ctrl_c(cancel)
    try:
        return handlers[args.command](args, cancel)
    except UsageError as exc:
        getattr(args, "_parser", parser).error(str(exc))  # exits 2 with the subcommand's usage
    except KeyboardInterrupt:
        cancel.set()
        print("studio: interrupted", file=sys.stderr)
        return 130
    except Cancelled as exc:
        print(f"studio: {exc}", file=sys.stderr)
        return 130
    except (StudioError, OSError) as exc:
        if args.debug:
            raise
        print(f"studio: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # the one place unexpected failures become a one-line message
        if args.debug:
            raise
        print(f"studio: error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1
    return 0


def _stop_gracefully_on_ctrl_c(cancel: threading.Event) -> None:
    """First Ctrl+C asks the job to stop at its next unit (training saves a checkpoint); a second one aborts."""
    import signal

    def handler(signum, frame):
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        print("\nstudio: stopping after the current step (Ctrl+C again to abort)", file=sys.stderr)

    try:
        signal.signal(signal.SIGINT, handler)
        # `kill` (and a desktop session ending) stops a job the same way: partial outputs are removed.
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. called from a test harness)
        pass


def _cmd_repair(args, cancel) -> int:
    from .cli_repair import run_repair

    return run_repair(args, cancel)


def _cmd_restore(args, cancel) -> int:
    from .cli_repair import run_restore

    return run_restore(args, cancel)


def _cmd_enhance(args, cancel) -> int:
    from .cli_repair import run_enhance

    return run_enhance(args, cancel)


def _cmd_train(args, cancel) -> int:
    from .cli_train import run_train

    return run_train(args, cancel)


def _cmd_desktop(args, cancel) -> int:
    from pathlib import Path

    from . import desktop

    prefix = Path(args.prefix) if args.prefix else None
    if args.uninstall:
        removed = desktop.uninstall(prefix)
        print(f"removed {len(removed)} file(s)")
    else:
        for p in desktop.install(prefix):
            print(p)
    return 0


def _cmd_video(args, cancel) -> int:
    from .cli_video import run_video

    return run_video(args, cancel)


def _cmd_bench(args, cancel) -> int:
    if args.what == "damage":
        from .cli_repair import run_bench_damage

        return run_bench_damage(args, cancel)
    if args.what == "video":
        from .cli_video import run_bench_video

        return run_bench_video(args, cancel)
    from .cli_train import run_bench

    return run_bench(args, cancel)


def _cmd_faces(args, cancel) -> int:
    from .cli_faces import run_faces

    return run_faces(args, cancel)


def _cmd_models(args, cancel) -> int:
    from .cli_faces import run_models

    return run_models(args, cancel)
