"""Security headers on every response, and one structured log line per request.

The Content-Security-Policy allows no inline script or style (the pages need none); a
route may set its own (Swagger UI's page, kb.web.assets). The log line holds
the method, the path, the status and the time taken: never the question.

Redirects are relative: a `location` the app or Starlette made absolute from the request's
Host header (`/docs/` -> `http://<Host>/docs`) is cut to its path, so a forged Host is
never sent back. `HeadAsGet` answers HEAD on every GET route (headers only).
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit, urlunsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..logs import fields

request_log = logging.getLogger("kb.serve")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class SecurityHeaders:
    """ASGI middleware: adds the security headers to every response (a route may set its
    own CSP) and logs the request."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS:
                    if k not in names:
                        headers.append((k, v))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = [(k, relative_location(v) if k.lower() == b"location" else v) for k, v in headers]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:  # a structured line per request; the path only, never the question
            request_log.info("request", extra=fields(
                method=scope.get("method"), path=scope.get("path"), status=status,
                ms=round((time.perf_counter() - started) * 1000, 1),
            ))


def relative_location(value: bytes) -> bytes:
    """A redirect target on this site as a path: scheme and host dropped, and leading slashes
    or backslashes collapsed to one, so it cannot turn into "//other.host" either."""
    parts = urlsplit(value.decode("latin-1"))
    path = "/" + parts.path.lstrip("/\\")
    return urlunsplit(("", "", path, parts.query, parts.fragment)).encode("latin-1")


class HeadAsGet:
    """ASGI middleware: a HEAD request is answered as the GET it mirrors, without the body
    (the status and headers, `content-length` included, are the GET's); `Allow` lists HEAD
    wherever it lists GET."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def send_head(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [(k, _with_head(v) if k.lower() == b"allow" else v) for k, v in message.get("headers", [])]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"} if head else scope, receive, send_head)


def _with_head(allow: bytes) -> bytes:
    methods = [m.strip() for m in allow.decode("latin-1").split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")
    return ", ".join(methods).encode("latin-1")

