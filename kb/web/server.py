"""`kb serve`'s HTTP server: uvicorn (h11), with limits on what slow or idle clients may hold.

uvicorn alone keeps every accepted connection until its client sends something, and
`limit_concurrency` answers 503 to *everyone* once enough connections are held. Thousands
of held sockets then exhaust the process's file descriptors: accept() fails in a loop
(asyncio logs "socket.accept() out of system resource" each time) and real searches time
out. Here (the limits in kb.config.Settings, env KB_MAX_CONNECTIONS, KB_HEADER_TIMEOUT,
KB_KEEP_ALIVE):

- a connection has `header_timeout_s` to send a request's head, counted from when it opened
  or its previous response was sent; data trickling in does not reset it;
- at most `max_connections` are open, kept below the open-file limit: one more closes the
  connection that has waited longest without sending a request (idle sockets make room
  for real clients; one whose request has arrived but not yet been read is not idle);
  when every connection has a request in progress, the newcomer gets a 503 and is closed;
- identical log lines are rate-limited (kb.logs.RepeatFilter).
"""

from __future__ import annotations

import array
import asyncio
import copy
import fcntl
import logging
import resource
import termios
from dataclasses import dataclass
from collections import OrderedDict
from itertools import islice
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..config import Settings
from ..logs import fields, repeat_filter

log = logging.getLogger("kb.serve")

FD_RESERVE = 100
"""File descriptors kept for the server's own use (an idle `kb serve` holds ~12: index files,
the model's cache, the loop; a reloaded generation and PDFs being sent take a few more)."""
MAX_BACKLOG = 2048
"""uvicorn's default listen backlog, lowered when the open-file limit is low."""
_BUSY_TEXT = b"The server is busy: try again.\n"
BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
    b"retry-after: 1\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n%s"
) % (len(_BUSY_TEXT), _BUSY_TEXT)
"""The answer to a connection over the cap when every other one has a request in progress."""


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head and a cap on open
    connections. `guarded_protocol` makes a subclass per server, with its own limits and its
    own queue of connections waiting for a request (oldest first)."""

    cap: int = 1000
    head_timeout: float = 10.0
    waiting: OrderedDict[GuardedH11Protocol, None]

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._await_head()
        if len(self.connections) > self.cap:
            self._make_room()

    def data_received(self, data: bytes) -> None:
        before = self.cycle
        super().data_received(data)
        if self.cycle is not before:  # a request head arrived: its deadline is met
            self._head_arrived()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._await_head()  # keep-alive: the next request has its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_arrived()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        self._head_arrived()
        self.waiting[self] = None
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_late)

    def _head_arrived(self) -> None:
        self.waiting.pop(self, None)
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_late(self) -> None:
        self._head_timer = None
        if self in self.waiting:
            log.info("connection.closed", extra=fields(reason=f"no request head within {self.head_timeout:g} s"))
            self._drop()

    def _drop(self) -> None:
        """Close now (unsent data is discarded) and stop counting this connection."""
        self._head_arrived()
        self.connections.discard(self)
        self.transport.abort()

    def _request_on_its_way(self) -> bool:
        """Has the client sent bytes the loop has not read yet? A burst of connections is
        accepted at once, so one that has sent its request may still look idle: it is not."""
        sock = self.transport.get_extra_info("socket")
        waiting = array.array("i", [0])
        try:
            fcntl.ioctl(sock.fileno(), termios.FIONREAD, waiting)
        except (AttributeError, OSError):  # no socket, or it is gone
            return False
        return waiting[0] > 0

    def _make_room(self) -> None:
        """Over the cap: close the connections that have waited longest for a request; with
        none waiting but this one, refuse this one."""
        excess = len(self.connections) - self.cap
        for idle in list(islice(self.waiting, excess + 8)):  # a few more, as some may have a request on its way
            if excess <= 0:
                break
            if idle is not self and not idle._request_on_its_way():
                idle._drop()
                excess -= 1
        if excess > 0:
            log.warning("connection.refused", extra=fields(reason=f"{self.cap} connections open, each with a request in progress"))
            self._head_arrived()
            self.connections.discard(self)
            self.transport.write(BUSY)
            self.transport.close()
        else:
            log.warning("connection.evicted", extra=fields(reason=f"{self.cap} connections open: closed the longest idle"))


def guarded_protocol(cap: int, head_timeout: float) -> type[GuardedH11Protocol]:
    """A protocol class for one server: its limits and its queue of idle connections."""
    return type("NetralH11Protocol", (GuardedH11Protocol,), {"cap": cap, "head_timeout": head_timeout, "waiting": OrderedDict()})


@dataclass(frozen=True)
class Limits:
    """How many connections may be open (`cap`) and how many the kernel queues and asyncio
    accepts in one go (`backlog`): each accept batch opens up to `backlog` descriptors before
    the protocol can close any, so the cap leaves room for three batches."""

    cap: int
    backlog: int
    open_files: int | None  # the soft open-file limit (None: unlimited)


def connection_limits(wanted: int, reserve: int = FD_RESERVE) -> Limits:
    """`wanted` connections, lowered to fit the open-file limit (the soft limit is raised
    toward the hard one first when that allows more)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = wanted + reserve + 3 * MAX_BACKLOG
    if soft != resource.RLIM_INFINITY and soft < need and (hard == resource.RLIM_INFINITY or hard > soft):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (need if hard == resource.RLIM_INFINITY else min(need, hard), hard))
            soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return Limits(wanted, MAX_BACKLOG, None)
    room = max(8, soft - reserve)
    backlog = min(MAX_BACKLOG, max(4, room // 5))
    return Limits(max(1, min(wanted, room - 3 * backlog)), backlog, soft)


def log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with identical lines rate-limited on its handlers
    (its loggers do not propagate to the handler kb.logs.setup installs)."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["repeats"] = {"()": repeat_filter}
    for handler in config["handlers"].values():
        handler["filters"] = [*handler.get("filters", []), "repeats"]
    return config


def server_options(settings: Settings, host: str, port: int) -> dict[str, Any]:
    """uvicorn's options with the limits of `settings` (no access log: questions stay private)."""
    limits = connection_limits(settings.max_connections)
    if limits.cap < settings.max_connections:
        log.warning("serve.connections", extra=fields(
            cap=limits.cap, wanted=settings.max_connections, open_files=limits.open_files,
            reason="the open-file limit (ulimit -n) allows no more"))
    return {
        "host": host, "port": port, "log_level": "info", "access_log": False, "log_config": log_config(),
        "http": guarded_protocol(limits.cap, settings.header_timeout_s), "backlog": limits.backlog,
        "timeout_keep_alive": settings.keep_alive_s, "h11_max_incomplete_event_size": 16 * 1024,
    }


def server_config(app: Any, settings: Settings, host: str, port: int, **kw: Any) -> uvicorn.Config:
    """The configuration `serve` runs, for a server a test or tool starts itself."""
    return uvicorn.Config(app, **{**server_options(settings, host, port), **kw})


class _Server(uvicorn.Server):
    """uvicorn's server, calling `listening` once its sockets are bound."""

    def __init__(self, config: uvicorn.Config, listening: Any = None):
        super().__init__(config)
        self.listening = listening

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and self.listening is not None:
            self.listening()


def starting_server(app: Any, settings: Settings, host: str, port: int, **kw: Any) -> _Server:
    """The server `serve` runs. A `kb.web.starter.Starter` starts making the real app once
    the port is bound (health checks are answered from then on); if that fails, the server
    stops."""
    from .starter import Starter

    server = _Server(server_config(app, settings, host, port, **kw))
    if isinstance(app, Starter):
        server.listening = lambda: app.start(stop=lambda: setattr(server, "should_exit", True))
    return server


def serve(app: Any, settings: Settings, host: str, port: int) -> None:
    """Run the server until interrupted; what stopped a `Starter` from making the app is
    raised here."""
    server = starting_server(app, settings, host, port)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    error = getattr(app, "error", None)
    if error is not None:
        raise error
    if not server.started:
        raise SystemExit(3)  # uvicorn's exit status when it could not start (the port is taken, ...)
