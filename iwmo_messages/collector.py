"""Pausing Python's cyclic garbage collector around a burst of allocations that can hold no cycles."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector for the duration of the block.

    Building a message or running its rules creates 10,000s of objects without cycles, so a
    collection in between can free nothing; yet it would run dozens of times, each time walking
    the young objects (and now and then the whole heap). It is switched back on only if it
    was on before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
