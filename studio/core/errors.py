"""Errors meant for the user: every front end shows their message as it stands."""
from __future__ import annotations


class StudioError(Exception):
    """An error whose message is meant for the user as it stands."""
