"""Relations between instruments, read from their own text: which document revokes
("... dicabut dan dinyatakan tidak berlaku") or amends ("Perubahan atas ...") which.

Applied across the corpus at build time: a revoked document in the corpus is marked
"dicabut" with the instrument that revoked it, so results can show it and ranking can
prefer the version in force. A document nothing in the corpus revokes keeps status None
(unknown), not "berlaku": the revoking law may simply not be indexed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .chunk import Chunk
from .index import DocRecord
from .instruments import statutes

_NAMES = statutes()  # UU, PERPPU, PP, Perpres: named in full ("Peraturan Pemerintah Nomor 53 Tahun 2010")
_REF = re.compile(
    r"(?P<type>" + "|".join(p for p, _ in _NAMES) + r")\s+Nomor\s+(?P<num>\d{1,4})\s+Tahun\s+(?P<year>\d{4})", re.I
)
_REVOKED = re.compile(r"dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku", re.I)
_AMENDS = re.compile(r"^Perubahan(?:\s+\w+)?\s+atas\s+", re.I)


def _code(name: str) -> str:
    for pattern, code in sorted(_NAMES, key=lambda x: -len(x[0])):
        if re.fullmatch(pattern, name, re.I):
            return code
    return name


def revoked_by_text(text: str) -> list[tuple[str, str, int]]:
    """(type, number, year) of instruments a text declares revoked."""
    out = []
    for m in _REVOKED.finditer(text):
        window = text[max(0, m.start() - 600) : m.start()]
        # the revoked instrument is named at the start of its clause
        clause_start = max(window.rfind(";"), window.rfind(":"), window.rfind(". "))
        clause = window[clause_start + 1 :]
        ref = _REF.search(clause)
        if ref:
            out.append((_code(ref["type"]), ref["num"], int(ref["year"])))
    return out


def apply_relations(docs: list[DocRecord], chunks: Iterable[Chunk], revokes: Mapping[str, Sequence[Sequence[object]]] | None = None) -> None:
    """Set status and relations on the documents, from what their texts say of each other.
    `revokes`: what some documents' bodies declare revoked, read before (kb.features keeps
    it, so an incremental build need not read the texts of unchanged documents again);
    the others are read from their `chunks`."""
    revokes = revokes or {}
    for d in docs:
        if not d.meta.summary and d.meta.kind == "regulation":
            d.meta.status, d.meta.relations = None, []
    by_ref = {(d.meta.type, d.meta.number, d.meta.year): d for d in docs if d.meta.kind == "regulation"}
    text_of: dict[str, list[str]] = {}
    for c in chunks:
        if c.kind == "regulation" and c.part == "body" and c.source not in revokes:
            text_of.setdefault(c.source, []).append(c.text)
    for d in docs:
        if d.meta.summary or d.meta.kind != "regulation":
            continue  # our summaries state their own status
        name = d.meta.short
        known = revokes.get(d.source)
        refs = [(str(t), str(n), int(y)) for t, n, y in known] if known is not None else revoked_by_text("\n".join(text_of.get(d.source, [])))  # type: ignore[call-overload]
        for ref in dict.fromkeys(refs):
            target = by_ref.get(ref)
            label = f"{ref[0]} {ref[1]}/{ref[2]}"
            _add(d, f"mencabut {label}")
            if target and target is not d:
                target.meta.status = "dicabut"
                _add(target, f"dicabut oleh {name}")
        title = d.meta.title or ""
        if _AMENDS.match(title) and (m := _REF.search(title)):
            label = f"{_code(m['type'])} {m['num']}/{m['year']}"
            _add(d, f"mengubah {label}")
            target = by_ref.get((_code(m["type"]), m["num"], int(m["year"])))
            if target and target is not d:
                target.meta.status = target.meta.status or "diubah"
                _add(target, f"diubah oleh {name}")


def _add(d: DocRecord, relation: str) -> None:
    if relation not in d.meta.relations:
        d.meta.relations.append(relation)
