"""Durations as people read them: 0:42, 3:07, 1:02:03."""
from __future__ import annotations


def format_duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_time(seconds: float) -> str:
    """A position in a clip: 01:02.50."""
    m, s = divmod(max(0.0, seconds), 60)
    return f"{int(m):02d}:{s:05.2f}"
