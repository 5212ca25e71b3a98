"""What every subcommand shares: the usage error, argument types, the device flag, nested subcommands."""
from __future__ import annotations

import argparse


class UsageError(Exception):
    """Bad arguments found after parsing: exit code 2 like argparse's own errors."""


# --debug is accepted before or after the subcommand.
COMMON = argparse.ArgumentParser(add_help=False)
COMMON.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def subcommands(parser: argparse.ArgumentParser, dest: str, metavar: str, required: bool = True):
    """A subparsers action whose parsers all accept the common flags."""
    sub = parser.add_subparsers(dest=dest, metavar=metavar, required=required)
    plain = sub.add_parser

    def add_parser(name, **kw):
        kw.setdefault("parents", [COMMON])
        return plain(name, **kw)

    sub.add_parser = add_parser
    return sub


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (anything else is a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_device(p: argparse.ArgumentParser) -> None:
    p.add_argument("--device", default=None, help="auto, cpu, cuda, cuda:N or mps (default: $STUDIO_DEVICE or auto)")
