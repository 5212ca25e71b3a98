"""Command-line interface: the same core functions the GUI calls, headless.

One module per subcommand registers its parser and handler; core modules are
imported inside the handlers, so ``studio --help`` and a classical repair never
load what they do not use. The CLI never imports the GUI.
"""
from __future__ import annotations

import argparse
import sys
import threading

from .. import __version__
from . import bench, data, desktop, faces, inspect_files, models, photo, train, video
from .common import UsageError, subcommands

__all__ = ["UsageError", "build_parser", "main"]

# In the order ``studio --help`` lists them.
SUBCOMMANDS = (photo, video, desktop, faces, models, train, bench, data, inspect_files)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studio", description="Photo repair, faces, video repair and training.")
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--selftest", action="store_true",
                        help="check that this installation works (models, photo and video repair) and exit")
    sub = subcommands(parser, "command", "COMMAND", required=False)
    for module in SUBCOMMANDS:
        module.register(sub)
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
        # The self-test starts the window offscreen, which a headless CLI never imports; the entry point runs it.
        parser.error("--selftest checks the whole app: run it on its own, as `studio --selftest`")
    if args.command is None:
        parser.print_help()
        return 2
    from ..core.jobs import Cancelled
    from ..core.errors import StudioError

    cancel = threading.Event()
    _stop_gracefully_on_ctrl_c(cancel)
    try:
        return args.handler(args, cancel)
    except UsageError as exc:
        args._parser.error(str(exc))  # exits 2 with the subcommand's usage
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
