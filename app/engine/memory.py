"""A memory watch for model code: how much the worker's resident memory grew while an expression runs.

The size guards (guards.py) bound what one operation may allocate; this bounds what many small ones
add up to (`for i in range(10**6): kopieen.append(tekst.upper())`). The step's trace function
(limits.py) compares the resident set size with the one at the start of the expression every few
lines of model code. Unlike setrlimit, which is process-wide, it stops the case and not the worker.
Reading /proc/self/statm costs a few microseconds; where there is no /proc the watch is off (the size
guards and the time budget still hold).
"""
import os

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_STATM = "/proc/self/statm"
_opened: tuple[int, int] | None = None  # (pid, fd): a forked worker (rq, gunicorn) opens its own


def resident() -> int | None:
    """Resident bytes of this process now, or None when the platform does not tell."""
    global _opened
    pid = os.getpid()
    if _opened is None or _opened[0] != pid:
        try:
            _opened = (pid, os.open(_STATM, os.O_RDONLY))
        except OSError:
            return None
    return int(os.pread(_opened[1], 128, 0).split()[1]) * _PAGE
