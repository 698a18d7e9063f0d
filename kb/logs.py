"""Structured logs: one JSON object a line (`kb --log-json ...`), or plain text.

Code logs an event name and its fields: `log.info("file.indexed", extra=fields(source=..., seconds=...))`.

Identical lines are rate-limited (`RepeatFilter`, on the handler `setup` installs and, through
`repeat_filter`, on uvicorn's handlers in `kb serve`): a fault that repeats in a tight loop (asyncio's
"socket.accept() out of system resource" when a server runs out of file descriptors, one
warning per hostile connection) writes a few lines per window and a count, not hundreds
of megabytes.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from typing import Any

_FIELDS = "netral_fields"
_VERDICT = "netral_repeat_verdict"


def fields(**kw: Any) -> dict[str, Any]:
    return {_FIELDS: kw}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        out.update(getattr(record, _FIELDS, {}))
        if record.exc_info:
            out["error"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        extra = getattr(record, _FIELDS, {})
        tail = " ".join(f"{k}={v}" for k, v in extra.items())
        return f"{record.levelname} {record.name}: {record.getMessage()}{' ' + tail if tail else ''}"


class RepeatFilter(logging.Filter):
    """Lets through at most `burst` identical records (same logger, level, message, fields and
    exception text) in each `window` seconds. The first record let through after some were
    held back carries `suppressed=N` in its fields. Thread-safe; remembers at most `keys`
    distinct lines (the least recently seen are forgotten first)."""

    def __init__(self, burst: int = 5, window: float = 10.0, keys: int = 1024, clock: Any = time.monotonic):
        super().__init__()
        self.burst, self.window, self.keys, self.clock = burst, window, keys, clock
        self._seen: OrderedDict[tuple[object, ...], list[float]] = OrderedDict()  # key -> [window start, let through, held back]
        self._lock = threading.Lock()

    @staticmethod
    def _key(record: logging.LogRecord) -> tuple[object, ...]:
        extra = getattr(record, _FIELDS, None)
        exc = record.exc_info[1] if record.exc_info else None
        return (record.name, record.levelno, record.getMessage(), repr(extra), type(exc).__name__, str(exc))

    def filter(self, record: logging.LogRecord) -> bool:
        verdict = getattr(record, _VERDICT, None)
        if verdict is None:  # a record two handlers write is counted once
            verdict = self._decide(record)
            setattr(record, _VERDICT, verdict)
        return bool(verdict)

    def _decide(self, record: logging.LogRecord) -> bool:
        key, now = self._key(record), self.clock()
        with self._lock:
            state = self._seen.get(key)
            if state is None or now - state[0] >= self.window:
                held = int(state[2]) if state else 0
                self._seen[key] = [now, 1, 0]
                self._seen.move_to_end(key)
                while len(self._seen) > self.keys:
                    self._seen.popitem(last=False)
                if held:
                    setattr(record, _FIELDS, {**getattr(record, _FIELDS, {}), "suppressed": held})
                return True
            self._seen.move_to_end(key)
            if state[1] < self.burst:
                state[1] += 1
                return True
            state[2] += 1
            return False


_REPEATS = RepeatFilter()
"""One filter for every handler, so a line's count is the same whichever handler writes it."""


def repeat_filter() -> RepeatFilter:
    """The rate limit every handler shares (a factory for logging.config: uvicorn's handlers)."""
    return _REPEATS


def setup(level: int = logging.WARNING, as_json: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if as_json else TextFormatter())
    handler.addFilter(_REPEATS)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
