"""Files on disk: the checksum that names their bytes (a build's change detection, the
lock file of `kb corpus fetch`), and the best-effort write of a cache file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_cache(path: Path, text: str) -> bool:
    """Write a cache file whole, then rename it into place (a reader never sees half of it);
    False if it could not be written (a read-only folder): a cache lost, nothing more."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
