"""Articles rebuilt from their chunks, and read as a tree of clauses.

An article (Pasal or Butir, body or Penjelasan; a ruling's section) is split into chunks
for the model; here its text is joined back (window overlaps kept once) and read as a
tree of ayat "(1)", huruf "a." and angka "1." items and paragraphs, in whichever order the
law nests them. A clause is cited as far as the tree pins it ("PP 94/2021 Pasal 5 huruf n
angka 4") and linked to its place in the document view ("pasal-5--huruf-n-angka-4").
`ArticleStore` keeps one index's articles; the answer card and the document pages read it.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .chunk import Chunk
from .index import DocRecord

ArticleKey = tuple[str, str, str | None, str | None, str | None]
"""(source, part, article, point, amendment): what makes one article out of chunks."""

_ITEM = re.compile(r"^\s*(?:\((?P<ayat>\d{1,2}[a-z]?)\)|(?P<huruf>[a-z])\.|(?P<angka>\d{1,3})\.)\s+")
_ENGLISH = re.compile(r"^\s*English\s*:", re.I)
_SUBHEAD = re.compile(r"^(?:Huruf\s+[a-z]|Angka\s+\d{1,3}|Ayat\s+\(\d{1,2}\)|Pasal\s+\d{1,3}[A-Z]?)$")  # a Penjelasan's own headings



def _descend(path: list[tuple[str, str]], m: re.Match[str]) -> list[tuple[str, str]]:
    """The clause path after item marker `m`: an ayat starts afresh; a huruf or angka
    replaces its own level and everything below it, or goes one level deeper."""
    kind = "ayat" if m["ayat"] else ("huruf" if m["huruf"] else "angka")
    val = m["ayat"] or m["huruf"] or m["angka"]
    if kind == "ayat":
        path = []
    elif any(k == kind for k, _ in path):
        path = path[: [k for k, _ in path].index(kind)]
    return [*path, (kind, val)]

def _ends_clause(text: str) -> bool:
    return text.endswith((".", ";", ":")) or bool(_SUBHEAD.match(text))


@dataclass
class Unit:
    """One clause of an article: an ayat, huruf or angka item, or a paragraph."""

    index: int
    text: str  # whitespace-normalised, marker included ("4. hadir sebagai ...")
    path: tuple[tuple[str, str], ...]  # (("huruf", "n"), ("angka", "4"))
    kind: str  # "item" | "para" | "english"
    start: int  # offset in the article text
    parent: int | None = None
    children: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return path_label(self.path)

    @property
    def body(self) -> str:
        """The text without its marker."""
        return _ITEM.sub("", self.text, count=1) if self.kind == "item" else self.text


def path_label(path: tuple[tuple[str, str], ...]) -> str:
    return " ".join(f"ayat ({v})" if k == "ayat" else f"{k} {v}" for k, v in path)


_NEXT = {
    "huruf": lambda v: rf"(?<=\s)(?<!huruf\s)(?<!Huruf\s){v}\.\s+(?=[a-z(])",
    "angka": lambda v: rf"(?<=\s)(?<!angka\s)(?<!Angka\s)(?<!Pasal\s){v}\.\s+(?=[a-z(])",
    "ayat": lambda v: rf"(?<=\s)(?<!ayat\s)(?<!Ayat\s)\({v}\)\s+(?=[A-Z])",
}


_FIRST_CHILD = re.compile(r"(?<=:\s)(?:1|a)\.\s+(?=[a-z(])")


def _successor(kind: str, val: str) -> str | None:
    m = re.fullmatch(r"(\d+)", val)
    if m:
        return str(int(val) + 1)
    if kind == "huruf" and len(val) == 1 and val < "z":
        return chr(ord(val) + 1)
    return None


def split_inline_items(text: str) -> str:
    """OCR often runs the next item onto the same line ("h. meminta ... huruf l; i. memberikan
    dukungan ..."): put a line break before a marker that continues the current numbering
    (the next huruf, angka or ayat, followed by the item's first word). The break replaces
    the space before the marker, so the text keeps its length and offsets stay valid."""
    out = []
    path: list[tuple[str, str]] = []
    for line in text.split("\n"):
        rest = line
        while True:
            m = _ITEM.match(rest)
            if m:
                path = _descend(path, m)
            start = m.end() if m else 0
            best = None
            for kind, val in path:
                nxt = _successor(kind, val)
                hit = re.compile(_NEXT[kind](re.escape(nxt))).search(rest, start) if nxt else None
                if hit and (best is None or hit.start() < best):
                    best = hit.start()
            if hit := _FIRST_CHILD.search(rest, start):  # "..., yaitu: 1. menjadi ..." opens a list
                best = hit.start() if best is None else min(best, hit.start())
            if best is None:
                out.append(rest)
                break
            out.append(rest[: best - 1])
            rest = rest[best:]
    return "\n".join(out)


def parse_units(text: str) -> list[Unit]:
    """Split an article's text into clauses and place each in the ayat/huruf/angka tree.

    A line opening with "(2)", "b." or "3." starts an item; a line after one that ended a
    sentence starts a paragraph; other lines continue the clause before (PDF line wraps).
    Lists nest in whichever order the law uses (PP 94/2021: huruf n angka 4; PP 53/2010:
    angka 12 huruf d): an item of a kind already open closes the deeper levels.
    """
    units: list[Unit] = []
    path: list[tuple[str, str]] = []
    owner: dict[tuple[tuple[str, str], ...], int] = {}
    pos = 0
    for line in split_inline_items(text).split("\n"):
        start = pos
        pos += len(line) + 1
        s = line.strip()
        if not s:
            continue
        m = _ITEM.match(s)
        prev = units[-1] if units else None
        if m:
            path = _descend(path, m)
            u = Unit(len(units), s, tuple(path), "item", start)
        elif _ENGLISH.match(s):
            u = Unit(len(units), s, (), "english", start)
        elif prev is not None and (prev.kind == "english" or not _ends_clause(prev.text)) and not _SUBHEAD.match(s):
            prev.text = f"{prev.text} {s}"
            continue
        else:
            # a paragraph after a list belongs to the enclosing ayat, if any
            path = [p for p in path if p[0] == "ayat"][:1]
            u = Unit(len(units), s, tuple(path), "para", start)
        parent_path = u.path[:-1] if u.kind == "item" else u.path
        if u.kind != "english" and parent_path in owner and owner[parent_path] != u.index:
            u.parent = owner[parent_path]
            units[u.parent].children.append(u.index)
        if u.kind == "item":
            owner[u.path] = u.index
        units.append(u)
    return units


def reflow(text: str) -> str:
    """PDF text with its line wraps undone, for reading on any screen width: lines are
    joined unless the next one opens an item ("(2)", "b.", "3."), an "English:" gloss, or
    the line before ended a sentence. The words are unchanged."""
    out: list[str] = []
    for line in split_inline_items(text).split("\n"):
        s = line.strip()
        if not s:
            continue
        if out and not _ITEM.match(s) and not _ENGLISH.match(s) and not _SUBHEAD.match(s) and not _ends_clause(out[-1]):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return "\n".join(out)


def merge_texts(texts: list[str]) -> tuple[str, list[int]]:
    """Join the chunks of one article back into its text (window splits overlap: the
    overlap is kept once); returns the text and where each chunk starts in it."""
    out, starts = "", []
    for t in texts:
        if not out:
            starts.append(0)
            out = t
            continue
        probe = t[: min(len(t), 80)]
        p = out.rfind(probe)
        while p >= 0 and not t.startswith(out[p:]):
            p = out.rfind(probe, 0, p)
        if p >= 0 and p > 0:
            starts.append(p)
            out = out[:p] + t
        else:
            starts.append(len(out) + 1)
            out = f"{out}\n{t}"
    return out, starts


def group_key(c: Chunk) -> ArticleKey:
    """What makes one article (or Butir, or ruling section) out of chunks."""
    return (c.source, c.part, c.article, c.point, c.amendment)


def base_citation(c: Chunk) -> str:
    """The chunk's citation without its split label: "PP 94/2021 Pasal 5"."""
    cit = c.citation
    amend = f" ({c.amendment})" if c.amendment and cit.endswith(f" ({c.amendment})") else ""
    if amend:
        cit = cit[: -len(amend)]
    if c.sub and cit.endswith(" " + c.sub):
        cit = cit[: -len(c.sub) - 1]
    return cit + amend


def pinned_citation(c: Chunk, path: tuple[tuple[str, str], ...]) -> str:
    base = base_citation(c)
    if not path:
        return base
    amend = f" ({c.amendment})" if c.amendment and base.endswith(f" ({c.amendment})") else ""
    core = base[: -len(amend)] if amend else base
    return f"{core} {path_label(path)}{amend}"


@dataclass
class Article:
    """One article (Pasal / Butir, body or Penjelasan) rebuilt from its chunks."""

    key: ArticleKey
    chunks: list[Chunk]
    text: str
    starts: list[int]
    units: list[Unit]

    @property
    def first(self) -> Chunk:
        return self.chunks[0]

    @property
    def citation(self) -> str:
        return base_citation(self.first)

    @property
    def lead(self) -> Unit | None:
        return next((u for u in self.units if u.kind != "english"), None)

    @property
    def english(self) -> str | None:
        u = next((u for u in self.units if u.kind == "english"), None)
        return _ENGLISH.sub("", u.text).strip() if u else None

    def chunk_at(self, offset: int) -> Chunk:
        return self.chunks[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def page_of(self, u: Unit) -> int | None:
        c = self.chunk_at(u.start)
        return c.pages[0] if c.pages else None

    def ancestors(self, u: Unit) -> list[Unit]:
        out, p = [], u.parent
        while p is not None:
            out.append(self.units[p])
            p = self.units[p].parent
        return out

    @property
    def is_definitions(self) -> bool:
        """The Ketentuan Umum's definitions (Pasal 1): meanings, not rules."""
        return self.first.is_definitions



# ---------------------------------------------------------------------------- anchors and quotes


def clause_anchor(article_anchor: str | None, path: tuple[tuple[str, str], ...]) -> str | None:
    """The document view's fragment for one clause: "pasal-5--huruf-n-angka-4"."""
    if not article_anchor or not path:
        return article_anchor
    return article_anchor + "--" + "-".join(f"{k}-{v.lower()}" for k, v in path)


def anchor_for(c: Chunk) -> str | None:
    """The document view's fragment for a chunk's article: "pasal-5", "butir-2", "bagian-amar"."""
    if c.kind == "ruling":
        return f"bagian-{c.part}"
    if c.article:
        a = f"pasal-{c.article.lower()}"
    elif c.point:
        a = re.sub(r"[^a-z0-9]+", "-", c.point.lower()).strip("-")
    else:
        return "penjelasan-umum" if c.part == "penjelasan" else None
    if c.amendment:
        a += "-" + re.sub(r"[^a-z0-9]+", "-", c.amendment.lower()).strip("-")
    return f"penjelasan-{a}" if c.part == "penjelasan" else a


_CLAUSE_END = re.compile(r";(?:\s*(?:dan/atau|dan|atau))?(?=\s|$)")


def trim_noise(text: str) -> str:
    """An item ends at its ";" (with a trailing "dan" / "atau"): what OCR left after it on
    the same line, when it is mostly not words (",1, ),16 l(lh-5(., ^r,"), is dropped."""
    m = _CLAUSE_END.search(text)
    if not m:
        return text
    tail = text[m.end() :].split()
    words = [w for w in tail if re.fullmatch(r"\(?[A-Za-z][a-z/-]{2,}[,.;:)]?", w)]
    return text[: m.end()] if tail and len(words) < 0.5 * len(tail) else text


def quote(text: str, limit: int = 320) -> str:
    """A clause as quoted: whitespace normalised, cut at a word with an ellipsis."""
    t = " ".join(text.split())
    if len(t) <= limit:
        return t
    cut = t.rfind(" ", 0, limit)
    return t[: cut if cut > limit // 2 else limit].rstrip(",;:") + " …"


def first_sentence(text: str, limit: int = 220) -> str:
    t = " ".join(text.split())
    m = re.search(r"(?<=[.;:])\s", t)
    return quote(t[: m.start()] if m else t, limit)


# ---------------------------------------------------------------------------- the article store


class ArticleStore:
    """The articles of one index, rebuilt from its chunks on first use and cached: what the
    answer card reads and what a document's page shows. With `ranges` (a document's chunk
    ids), a document's chunks are read and grouped the first time it is asked for, so a
    large index costs nothing to open."""

    def __init__(self, chunks: Sequence[Chunk], docs: dict[str, DocRecord], ranges: Callable[[str], range] | None = None):
        self.chunks = chunks
        self.docs = docs
        self._ranges = ranges
        self._groups: dict[ArticleKey, list[int]] = {}
        self._by_source: dict[str, list[ArticleKey]] = {}
        self._by_article: dict[tuple[str, str], list[ArticleKey]] = {}
        self.by_article = _PerSource(self, self._by_article)
        self._by_place: dict[tuple[str, str, str], list[ArticleKey]] = {}
        self._lock = threading.Lock()
        if ranges is None:
            self._group(range(len(chunks)), list(chunks))
        self.by_short: dict[str, list[str]] = {}
        for src, d in self.docs.items():
            self.by_short.setdefault(d.meta.short, []).append(src)
        self._articles: dict[ArticleKey, Article] = {}

    def _group(self, ids: range, chunks: list[Chunk]) -> None:
        for i, c in zip(ids, chunks):
            k = group_key(c)
            if k not in self._groups:
                self._groups[k] = []
                self._by_source.setdefault(c.source, []).append(k)
                if k[2]:
                    self._by_article.setdefault((k[0], k[2]), []).append(k)
                if k[2] or k[3]:
                    self._by_place.setdefault((k[0], k[1], k[2] or k[3] or ""), []).append(k)
            self._groups[k].append(i)

    def _load(self, source: str) -> None:
        """Group a document's chunks, once (lazy stores only)."""
        if self._ranges is None or source in self._by_source:
            return
        with self._lock:
            if source in self._by_source:
                return
            r = self._ranges(source)
            many = getattr(self.chunks, "many", None)
            self._group(r, many(r) if many else [self.chunks[i] for i in r])
            self._by_source.setdefault(source, [])

    def article(self, key: ArticleKey) -> Article:
        art = self._articles.get(key)
        if art is None:
            self._load(key[0])
            chunks = [self.chunks[i] for i in self._groups[key]]
            text, starts = merge_texts([c.text for c in chunks])
            art = Article(key, chunks, text, starts, parse_units(text))
            self._articles[key] = art
        return art

    def at(self, source: str, part: str, place: str) -> list[ArticleKey]:
        """The articles of a document at one place: its Pasal ("5", "71") or point
        ("Butir 2"), in its body or its Penjelasan (`part`); an amended article may have
        several (its own and the amending law's)."""
        self._load(source)
        return self._by_place.get((source, part, place), [])

    def articles_of(self, source: str) -> list[Article]:
        """A document's articles in the order of its chunks."""
        self._load(source)
        return [self.article(k) for k in self._by_source.get(source, [])]

    def short(self, source: str) -> str:
        """How citations name a document: "PP 94/2021"."""
        return self.docs[source].meta.short


class _PerSource:
    """`ArticleStore.by_article`: (source, Pasal) -> article keys, the source's chunks
    grouped when first asked for."""

    def __init__(self, store: ArticleStore, data: dict[tuple[str, str], list[ArticleKey]]):
        self._store, self._data = store, data

    def get(self, key: tuple[str, str], default: object = None) -> object:
        self._store._load(key[0])
        return self._data.get(key, default)

    def __getitem__(self, key: tuple[str, str]) -> list[ArticleKey]:
        self._store._load(key[0])
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, tuple) and key:
            self._store._load(key[0])
        return key in self._data
