"""``studio install-desktop``: the Linux menu entry and file associations."""
from __future__ import annotations


def register(sub) -> None:
    dp = sub.add_parser("install-desktop", help="add Studio to the Linux desktop menu and 'Open with' lists")
    dp.add_argument("--prefix", help="data folder to install into (default ~/.local/share)")
    dp.add_argument("--uninstall", action="store_true", help="remove what install-desktop added")

    dp.set_defaults(handler=run_desktop)


def run_desktop(args, cancel) -> int:
    from pathlib import Path

    from .. import desktop

    prefix = Path(args.prefix) if args.prefix else None
    if args.uninstall:
        removed = desktop.uninstall(prefix)
        print(f"removed {len(removed)} file(s)")
    else:
        for p in desktop.install(prefix):
            print(p)
    return 0
