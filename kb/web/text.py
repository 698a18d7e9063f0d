"""How indexed text is shown on a page: escaped first, then structured and marked.

A passage becomes display lines (PDF line wraps undone, one line per ayat / huruf / angka
item or paragraph, indented by its depth in the list), and the words of the question
are marked in it after escaping. Text from PDFs never reaches a page unescaped.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from ..articles import clause_anchor, parse_units
from ..documents import DocumentInfo
from ..lexical import STOPWORDS, norm, stem
from ..structure import DocMeta

_WORD = re.compile(r"[A-Za-z0-9]+")


def highlight(text: str, marks: frozenset[str]) -> Markup:
    """Escape `text`, then wrap the words whose stem is a query term in <mark>."""
    if not marks:
        return Markup(escape(text))
    out: list[str] = []
    pos = 0
    for m in _WORD.finditer(text):
        out.append(str(escape(text[pos : m.start()])))
        w = m.group(0)
        out.append(f"<mark>{escape(w)}</mark>" if _marked(w.lower(), marks) else str(escape(w)))
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def text_lines(text: str, marks: frozenset[str] | None = None, anchor: str | None = None) -> list[dict[str, Any]]:
    """A passage as display lines: PDF line wraps undone, one line per ayat / huruf / angka
    item or paragraph, indented by its depth in the list ("n." then "4."), the "English:"
    gloss of our summaries apart; each line escaped, then its query terms marked. With the
    article's `anchor`, each item gets its own id ("pasal-5--huruf-n-angka-4")."""
    out = []
    seen: set[str] = set()
    for u in parse_units(text):
        depth = max(0, len(u.path) - 1) if u.kind == "item" else 0
        uid = clause_anchor(anchor, u.path) if anchor and u.kind == "item" else None
        if uid in seen:
            uid = None
        seen.add(uid or "")
        out.append({"depth": min(depth, 3), "kind": u.kind, "html": highlight(u.text, marks or frozenset()), "id": uid})
    return out


def _marked(word: str, marks: frozenset[str]) -> bool:
    if word in STOPWORDS or word.isdigit():
        return False
    t = norm(stem(word)) if len(word) > 3 else word
    if t in marks:
        return True
    return any(t[:n] in marks for n in range(5, len(t)))


def status_badge(meta: DocMeta | DocumentInfo, t: dict[str, str]) -> dict[str, str] | None:
    """The status badge of a document: berlaku / dicabut / diubah, or unknown for a regulation."""
    if meta.kind != "regulation":
        return None
    if meta.status in ("berlaku", "dicabut", "diubah"):
        return {"cls": f"status-{meta.status}", "text": t[f"status_{meta.status}"]}
    return {"cls": "status-unknown", "text": t["status_unknown"]}
