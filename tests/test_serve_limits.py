"""`kb serve` against slow and idle connections (issue 13, case 6): a cap on open connections
kept below the open-file limit, a deadline for each request head, and identical log lines
rate-limited. Everything on loopback, bounded in count and time.

Before: ~20,000 held connections made search time out and the log grow 223 MB in 50 s
(asyncio's "socket.accept() out of system resource", once per failed accept)."""

from __future__ import annotations

import asyncio
import errno
import io
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from kb.build import build_index
from kb.config import Settings
from kb.logs import JsonFormatter, RepeatFilter, fields
from kb.web.server import GuardedH11Protocol, connection_limits, server_config
from tests.helpers import ROOT, HashEmbedder, free_port, uvicorn_thread

IDLE_SOCKETS = 3_000
OPEN_FILES = 400  # the server's open-file limit (soft and hard): far below IDLE_SOCKETS
SEARCHES = 20
GARBAGE = 300


# ---------------------------------------------------------------------------- the log


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_identical_log_lines_are_rate_limited_with_a_count() -> None:
    clock, out = _Clock(), io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RepeatFilter(burst=3, window=10.0, clock=clock))
    log = logging.getLogger("test.repeats")
    log.propagate, log.handlers = False, [handler]
    try:
        for i in range(100_000):  # 100,000 lines in 20 s: two windows
            clock.now = 1000.0 + (i // 5) / 1000
            log.error("socket.accept() out of system resource")
            if i % 1000 == 0:
                log.warning("other", extra=fields(n=i))  # distinct lines are never held back
        clock.now = 1020.0
        log.error("socket.accept() out of system resource")
    finally:
        log.handlers = []
    lines = out.getvalue().splitlines()
    accept = [line for line in lines if "socket.accept()" in line]
    assert len(accept) == 3 * 2 + 1, len(accept)  # three per window, and the one after
    assert sum(line.count('"suppressed"') for line in accept) == 2
    assert '"suppressed": 49997' in accept[3] and '"suppressed": 49997' in accept[-1]  # 50,000 a window, 3 let through
    assert sum('"event": "other"' in line for line in lines) == 100
    assert len(out.getvalue()) < 20_000


def test_the_cap_fits_the_open_file_limit() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    limits = connection_limits(1_000_000)
    assert limits.cap + 3 * limits.backlog + 100 <= resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


# ---------------------------------------------------------------------------- a real server, fd-limited

SERVER = """
import resource, sys
limit = int(sys.argv[4])
resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))  # soft and hard: the server cannot raise it
from pathlib import Path
from kb.config import Settings
from kb.index import load_index
from kb.logs import setup
from kb.search import Searcher
from kb.web import create_app
from kb.web.server import serve
from tests.helpers import HashEmbedder
setup()
s = Settings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]), header_timeout_s=2.0)
serve(create_app(s, Searcher(load_index(s.index_dir), HashEmbedder(), s)), s, "127.0.0.1", int(sys.argv[3]))
"""


@pytest.fixture
def limited_server(corpus: Path, tmp_path: Path):  # noqa: ANN201
    """`kb serve`'s server in its own process with OPEN_FILES open files at most; its log in a file."""
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    port, log_path = free_port(), tmp_path / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(corpus), str(s.index_dir), str(port), str(OPEN_FILES)],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert proc.poll() is None, log_path.read_text()[-2000:]
        yield port, proc, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _open_idle(port: int, n: int) -> list[socket.socket]:
    """n connections that never send a byte (non-blocking connects: the kernel finishes them)."""
    socks = []
    for _ in range(n):
        sock = socket.socket()
        sock.setblocking(False)
        err = sock.connect_ex(("127.0.0.1", port))
        assert err in (0, errno.EINPROGRESS, errno.EAGAIN), os.strerror(err)
        socks.append(sock)
    return socks


def test_thousands_of_idle_connections_neither_stop_searches_nor_flood_the_log(limited_server) -> None:  # noqa: ANN001
    port, proc, log_path = limited_server
    idle: list[socket.socket] = []
    latencies: list[float] = []
    failures: list[str] = []
    peak_fds = 0
    try:
        idle = _open_idle(port, IDLE_SOCKETS)
        started = time.monotonic()
        for i in range(SEARCHES):
            t = time.perf_counter()
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "netralitas pegawai", "k": 3}, timeout=10)
                if r.status_code != 200:
                    failures.append(str(r.status_code))
            except httpx.HTTPError as e:
                failures.append(type(e).__name__)
            latencies.append(time.perf_counter() - t)
            peak_fds = max(peak_fds, len(os.listdir(f"/proc/{proc.pid}/fd")))
            if i % 5 == 4:  # more idle connections come while the first are held
                idle += _open_idle(port, IDLE_SOCKETS // 10)
        elapsed = time.monotonic() - started
    finally:
        for sock in idle:
            sock.close()
    for _ in range(GARBAGE):  # each one a warning from uvicorn's own logger
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")
            sock.recv(1024)
    time.sleep(0.5)
    log = log_path.read_bytes()
    print(f"{len(idle)} idle connections held against a server limited to {OPEN_FILES} open files; {SEARCHES} searches "
          f"in {elapsed:.1f} s: {len(failures)} failed, max {max(latencies):.2f} s; peak {peak_fds} fds; "
          f"then {GARBAGE} malformed requests; log {len(log)} bytes")
    assert failures == [] and proc.poll() is None
    assert max(latencies) < 8, latencies
    assert peak_fds < OPEN_FILES
    assert log.count(b"out of system resource") <= 5 and b"Traceback" not in log
    assert 1 <= log.count(b"Invalid HTTP request received") <= 10, log[-2000:]
    assert len(log) < 20_000, log[-2000:]


# ---------------------------------------------------------------------------- the protocol, in process


async def _slow_app(scope, receive, send) -> None:  # noqa: ANN001
    """A toy ASGI app: /slow takes 1.5 s, anything else answers at once."""
    if scope["type"] != "http":
        return
    if scope["path"] == "/slow":
        await asyncio.sleep(1.5)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
def toy_server():  # noqa: ANN201
    """The guarded protocol serving `_slow_app` with a cap of 3 connections and a 1 s head deadline."""
    s = Settings(max_connections=3, header_timeout_s=1.0, keep_alive_s=30)
    port = free_port()
    with uvicorn_thread(server_config(_slow_app, s, "127.0.0.1", port, log_level="warning")):
        yield port


def _closed_within(sock: socket.socket, seconds: float, trickle: bytes = b"") -> float | None:
    """Seconds until the server closes `sock` (sending `trickle` a byte every 0.1 s), or None."""
    sock.settimeout(0.1)
    start = time.monotonic()
    i = 0
    while time.monotonic() - start < seconds:
        try:
            if i < len(trickle):
                sock.send(trickle[i:i + 1])
                i += 1
            data = sock.recv(4096)
            if data == b"" or b"503" in data:
                return time.monotonic() - start
        except socket.timeout:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - start
    return None


def test_a_request_head_has_a_deadline_that_trickling_bytes_do_not_extend(toy_server: int) -> None:
    with socket.create_connection(("127.0.0.1", toy_server)) as silent, socket.create_connection(("127.0.0.1", toy_server)) as slow:
        head = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"a" * 100 + b"\r\n"  # never finished
        took = _closed_within(slow, 4, trickle=head)
        assert took is not None and 0.8 < took < 2.0, took
        assert _closed_within(silent, 1) is not None  # opened at the same time: closed by now too
    with socket.create_connection(("127.0.0.1", toy_server)) as ok:
        ok.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert ok.recv(4096).startswith(b"HTTP/1.1 200")
        took = _closed_within(ok, 4)  # kept alive, but the next head has its own deadline
        assert took is not None and 0.8 < took < 2.0, took


def test_over_the_cap_the_longest_idle_connection_makes_room(toy_server: int) -> None:
    idle = [socket.create_connection(("127.0.0.1", toy_server)) for _ in range(3)]
    try:
        time.sleep(0.1)
        r = httpx.get(f"http://127.0.0.1:{toy_server}/", timeout=5)  # a fourth: the oldest idle one goes
        assert r.status_code == 200 and r.text == "ok"
        assert _closed_within(idle[0], 0.5) is not None and _closed_within(idle[2], 0.3) is None
    finally:
        for sock in idle:
            sock.close()


def test_a_connection_whose_request_has_arrived_unread_is_not_idle() -> None:
    """A burst of connections is accepted at once: one that has already sent its request may
    still be waiting for the loop to read it, and must not be closed as the longest idle."""
    a, b = socket.socketpair()
    try:
        conn = SimpleNamespace(transport=SimpleNamespace(get_extra_info=lambda name: b if name == "socket" else None))
        assert GuardedH11Protocol._request_on_its_way(conn) is False  # type: ignore[arg-type]
        a.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.05)
        assert GuardedH11Protocol._request_on_its_way(conn) is True  # type: ignore[arg-type]
        b.recv(4096)  # read: nothing on its way any more
        assert GuardedH11Protocol._request_on_its_way(conn) is False  # type: ignore[arg-type]
    finally:
        a.close()
        b.close()
    gone = SimpleNamespace(transport=SimpleNamespace(get_extra_info=lambda name: None))
    assert GuardedH11Protocol._request_on_its_way(gone) is False  # type: ignore[arg-type]


def test_over_the_cap_with_every_connection_busy_a_newcomer_gets_a_503(toy_server: int) -> None:
    results: list[int] = []

    def slow() -> None:
        results.append(httpx.get(f"http://127.0.0.1:{toy_server}/slow", timeout=10).status_code)

    busy = [threading.Thread(target=slow) for _ in range(3)]
    for t in busy:
        t.start()
    time.sleep(0.5)  # three requests in progress: the cap
    r = httpx.get(f"http://127.0.0.1:{toy_server}/", timeout=5)
    for t in busy:
        t.join(timeout=10)
    assert r.status_code == 503 and r.headers["retry-after"] == "1" and "busy" in r.text
    assert results == [200, 200, 200]  # the requests in progress were not disturbed
    assert httpx.get(f"http://127.0.0.1:{toy_server}/", timeout=5).status_code == 200
