"""Structured logs: one JSON object a line (`kb --log-json ...`), or plain text.

Code logs an event name and its fields: `log.info("file.indexed", extra=fields(source=..., seconds=...))`.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

_FIELDS = "netral_fields"


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


def setup(level: int = logging.WARNING, as_json: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if as_json else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
