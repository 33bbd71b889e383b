"""py-spy over this process while a bench runs, summarised for its JSON: the frames most samples were in.

Used by bench/engine.py and bench/inbox.py (bench/avg_export.py has its own, older copy). Only stacks that pass
through `marker` (a function name of the timed code) count, so the bench's own waiting is left out. Without
py-spy (requirements-dev.txt) or without permission to trace, the summary says so instead.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def sampling(marker: str, rate: int = 100):
    """Sample this process while the block runs; the yielded dict is filled with the summary afterwards."""
    summary: dict = {}
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).is_file():
        summary["error"] = "py-spy is not installed (pip install -r requirements-dev.txt)"
        yield summary
        return
    raw = Path(tempfile.mkdtemp(prefix="cumulus-spy-")) / "samples.txt"
    sampler = subprocess.Popen([spy, "record", "--pid", str(os.getpid()), "--rate", str(rate), "--format", "raw",
                                "--output", str(raw)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # py-spy attaches
    try:
        yield summary
    finally:
        sampler.send_signal(signal.SIGINT)
        sampler.wait(timeout=60)
        summary.update(_summarise(raw, marker))


def _summarise(raw: Path, marker: str) -> dict:
    if not raw.is_file():
        return {"error": "py-spy wrote no samples (it needs permission to trace this process)"}
    own, within, total = Counter(), Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        start = next((i for i, f in enumerate(frames) if f.split(" (")[0].split(".")[-1] == marker), None)
        if start is None:
            continue
        total += int(count)
        own[_short(frames[-1])] += int(count)
        for frame in {_short(f) for f in frames[start:]}:
            within[frame] += int(count)

    def share(counter: Counter, n: int) -> list:
        return [{"frame": f, "share": round(c / total, 3)} for f, c in counter.most_common(n)] if total else []
    return {"samples": total, "within": marker, "top_self": share(own, 10), "top_inclusive": share(within, 12)}


def _short(frame: str) -> str:
    """'func (/long/path/site-packages/pkg/mod.py:12)' → 'func (pkg/mod.py)' (lines dropped: frames add up)."""
    name, _, where = frame.partition(" (")
    if not where:
        return name
    path = where.split("site-packages/")[-1].replace(str(ROOT) + "/", "").rsplit(":", 1)[0].rstrip(")")
    return f"{name} ({path})"


def load() -> list[float]:
    """The load average over 1, 5 and 15 minutes."""
    return [round(x, 2) for x in os.getloadavg()]
