"""Helpers for the fault tests: they need PostgreSQL and a real Redis, draw their kill moments from a
seeded random generator (the seed is printed with a failure: FAULT_SEED=<n> replays the run), and
kill a process with everything it started."""
import os
import random
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRES = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
needs_postgres_and_redis = pytest.mark.skipif(
    not (ON_POSTGRES and os.environ.get("TEST_REDIS_URL")),
    reason="the fault tests need TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL (.ci/run's second pass)")


@pytest.fixture
def fault_rng(request) -> random.Random:
    """A random generator whose seed the failure report names (conftest.py adds it)."""
    seed = int(os.environ.get("FAULT_SEED") or random.SystemRandom().randrange(1, 10**9))
    request.node.fault_seed = seed
    return random.Random(seed)


def descendants(pid: int) -> list[int]:
    """Every living process below `pid`, from /proc (children of children included)."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            todo.append(child)
    return found


def kill_tree(pid: int) -> list[int]:
    """SIGKILL `pid` and everything it forked, frozen first so that it cannot fork while we look."""
    try:
        os.kill(pid, signal.SIGSTOP)
    except ProcessLookupError:
        return []
    victims = descendants(pid)
    for child in victims:
        try:
            os.kill(child, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os.kill(pid, signal.SIGKILL)
    return [pid, *victims]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped (exit {process.returncode}) before it listened on {port}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port} after {timeout}s")


@contextmanager
def gunicorn(env: dict, workers: int, log, port: int | None = None):
    """`gunicorn wsgi:app` with `workers` sync workers on 127.0.0.1; yields (process, base URL)."""
    port = port or free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "wsgi:app", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--graceful-timeout", "5"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(port, process)
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                kill_tree(process.pid)
                process.wait(timeout=10)
