"""``studio`` / ``python -m studio``: the GUI, or the CLI when given a subcommand."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--selftest":
        from .selftest import run_selftest

        return run_selftest()
    if argv and not _is_gui_args(argv):
        from .cli import main as cli_main

        return cli_main(argv)
    from .gui.app import run_app

    return run_app(argv)


def _is_gui_args(argv: list[str]) -> bool:
    """Existing files are opened in the GUI; anything else goes to the CLI."""
    from pathlib import Path

    return all(not a.startswith("-") and Path(a).exists() for a in argv)


if __name__ == "__main__":
    sys.exit(main())
