"""Recently saved workflows kept in memory, so the next step of a case skips restoring its JSON state.

An entry holds the exact state text it was saved as and is used only when the stored state is that
same text; a write by another process or a rolled-back step therefore never hands out a stale
workflow. An entry is taken out on use, so two threads never run the same workflow object.
"""
from collections import OrderedDict
from threading import Lock

_SIZE = 512
_entries: OrderedDict = OrderedDict()
_lock = Lock()


def take(instance_id: int, state: str):
    """The workflow saved as `state` for this instance, removed from the cache; None if not there."""
    with _lock:
        entry = _entries.pop(instance_id, None)
    if entry is None or entry[0] != state:
        return None
    return entry[1]


def keep(instance_id: int, state: str, workflow) -> None:
    """Remember `workflow` as the one saved with `state` (the oldest entry goes when full)."""
    with _lock:
        _entries[instance_id] = (state, workflow)
        _entries.move_to_end(instance_id)
        if len(_entries) > _SIZE:
            _entries.popitem(last=False)


def clear() -> None:
    with _lock:
        _entries.clear()
