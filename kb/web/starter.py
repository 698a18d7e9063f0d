"""`kb serve`'s start: the port answers at once while the app is made in a thread.

Importing the web stack and the search (~1.5 s of one core) and making the app used to come
before uvicorn listened, so a load balancer's health check found no server for seconds.
`Starter` is the ASGI app uvicorn serves from the first moment: until the real app is
made, `/healthz` is answered 503 "starting" (as the real app answers while its index loads)
and any other request waits for the app, then goes to it; afterwards every request goes
straight to it. If making the app fails (no index, a damaged one), waiting requests get a
503, the server is stopped and `error` holds the reason (the CLI prints it).

This module imports nothing of the web stack: it is what runs while that loads.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from .security import SECURITY_HEADERS

STARTING = "starting: the model and the index are loading"
"""The health check's reason while the server starts (kb.web.views.ops says the same while
the index of a made app still loads)."""

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


class Starter:
    """An ASGI app standing in for the one `make` returns; `start` makes it in a thread."""

    def __init__(self, make: Callable[[], Any]):
        self._make = make
        self.made: Future[Any] = Future()
        self._app: Any = None
        self._stop: Callable[[], None] | None = None

    def start(self, stop: Callable[[], None] | None = None) -> None:
        """Make the app in a thread; `stop` (stop the server) is called if that fails."""
        self._stop = stop
        threading.Thread(target=self._run, name="app-start", daemon=True).start()

    def _run(self) -> None:
        try:
            app = self._make()
        except BaseException as e:  # handed to the requests waiting and to the CLI
            self.made.set_exception(e)
            if self._stop is not None:
                self._stop()
            return
        self._app = app
        self.made.set_result(app)

    @property
    def error(self) -> BaseException | None:
        """Why the app could not be made (None: made, or still being made)."""
        return self.made.exception() if self.made.done() else None

    def app(self, timeout: float | None = None) -> Any:
        """The real app, waited for (raises what making it raised)."""
        return self.made.result(timeout)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is not None:
            await self._app(scope, receive, send)
        elif scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "http" and scope.get("path") == "/healthz" and not self.made.done():
            await _respond(send, scope, 503, {"detail": STARTING})
        else:
            try:
                app = await asyncio.wrap_future(self.made)
            except Exception as e:  # the server is stopping
                if scope["type"] == "http":
                    await _respond(send, scope, 503, {"detail": f"the server could not start: {e}"})
                return
            await app(scope, receive, send)


async def _lifespan(receive: Receive, send: Send) -> None:
    """uvicorn's start and stop: nothing to do (the real app keeps no lifespan state)."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _respond(send: Send, scope: Scope, status: int, body: dict[str, str]) -> None:
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
               (b"retry-after", b"1"), (b"cache-control", b"no-store"), *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else data})
