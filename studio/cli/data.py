"""``studio data check``: a training folder's health before training on it."""
from __future__ import annotations

from .common import subcommands
from .progress import TextProgress


def register(sub) -> None:
    dp = sub.add_parser("data", help="training data: check a folder before training on it")
    dsub = subcommands(dp, "what", "WHAT")
    cp = dsub.add_parser("check", help="unreadable files, copies, near copies, tiny or greyscale images, "
                         "copies across the held-out split")
    cp.add_argument("folder", metavar="DIR")
    cp.add_argument("--resolution", type=int, default=64, help="training resolution: smaller images are flagged "
                    "(default 64)")
    cp.add_argument("--holdout", type=int, default=1000, help="held-out images, as `train gan --holdout` "
                    "(default 1000)")
    cp.add_argument("--seed", type=int, default=0, help="the split's seed, as `train gan --seed` (default 0)")
    cp.add_argument("--json", action="store_true", help="print the findings as JSON")
    cp.add_argument("--leave-out", metavar="FILE", help="write the files to leave out, one per line (for "
                    "`train … --exclude FILE`)")
    cp.set_defaults(handler=run_check)


def run_check(args, cancel) -> int:
    import json
    from pathlib import Path

    from ..core.training.data_check import check_data

    with TextProgress("check") as bar:
        rep = check_data(args.folder, resolution=args.resolution, holdout=args.holdout, seed=args.seed,
                         progress=bar, cancel=cancel)
    if args.json:
        print(json.dumps(rep.to_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(rep.lines()))
    if args.leave_out:
        Path(args.leave_out).write_text("".join(p + "\n" for p in rep.leave_out()), encoding="utf-8")
    return 0
