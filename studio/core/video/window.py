"""A centred window sliding over a stream: each item with its neighbours on both sides, in bounded memory."""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


def centred_windows(items: Iterable[T], radius: int) -> Iterator[tuple[deque[T], int]]:
    """Each item in order as (window, position of the item in it), the window holding up to ``radius``
    items on each side (fewer at the ends). The window changes as the next item is asked for, so at most
    2 × radius + 1 items are held whatever the stream's length."""
    win: deque[T] = deque()
    pending = 0  # position in ``win`` of the next item to yield
    for item in items:
        win.append(item)
        if len(win) - pending > radius:
            yield win, pending
            pending += 1
        if pending > radius:
            win.popleft()
            pending -= 1
    while pending < len(win):
        yield win, pending
        pending += 1
        if pending > radius:
            win.popleft()
            pending -= 1
