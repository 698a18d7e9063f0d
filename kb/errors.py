"""The one base of every error Netral foresees.

A `NetralError` is a fault a user or operator can meet (a missing index, a bad file, an
unreachable store): its message is one clear line naming the file or the thing and the
reason. The CLI prints that line and exits non-zero; the web turns it into an error page or
JSON. Anything else is a bug and keeps its traceback (`kb --debug`).
"""

from __future__ import annotations


class NetralError(Exception):
    """A foreseen fault: `str(e)` is the one line shown to the user."""
