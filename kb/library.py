"""The library: the one core that the CLI, the HTML pages and the JSON API call.

    lib = Library.open(settings)          # the model and the index, loaded once
    snap = lib.snapshot()                 # one index generation: take one per request
    snap.ask(q)                           # AskResult: the answer card and its passages
    snap.search(q, k, filters)            # SearchResult: ranked cited passages
    snap.precedents(q, filters, k)        # Precedents: rulings, with their outcome
    snap.documents(), snap.document(id)   # DocumentInfo list; DocumentPage (or DocumentNotFound)
    lib.health()                          # Health: what is served, and a real query's outcome
    lib.suggest(q, lang)                  # example questions near one the card could not answer

Every result is a dataclass with `to_json()`: the JSON API returns exactly that, `kb ...
--json` prints it, and the pages render the same objects. A served library follows the
index: a rebuilt generation is picked up in the background (kb.search.LiveSearcher) and
each request works on the snapshot it took, so one request never mixes two generations.

The answer card is made by a card maker built once per generation (`CardMaker`; by
default `rule_cards`: the generation's reviewed rules, kb.card), so another card can
replace it without touching the faces.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .articles import Article, ArticleStore
from .card import RuleCards
from .rulematch import Thresholds
from .config import Settings
from .documents import DocumentInfo, DocumentPage, document_order, page_sections
from .embed import Embedder
from .errors import NetralError
from .precedents import Outcome, PrecedentFilters, Precedents, find_precedents, precedent_options
from .search import Filters, LiveSearcher, Result, Searcher, probe
from .suggest import Suggester, Suggestion
from .urls import Urls

MAX_K = 50
"""The most passages one request may ask for."""
UNCLEAR_PASSAGES = 3
"""At most this many passages follow a "no clear rule" card: the closest ones, not an answer."""
_PASSAGES = ThreadPoolExecutor(max_workers=40, thread_name_prefix="ask-passages")
"""Searches for the passages under a card, run while the card is made: the two questions the
model encodes (the passages' and the rules') go to it at the same moment, so a server's
QueryBatcher encodes them in one call or two calls at once, not one after the other."""
log = logging.getLogger(__name__)


class QueryTooLong(NetralError):
    def __init__(self, n: int, limit: int):
        super().__init__(f"the question is too long: {n} characters; the limit is {limit}")
        self.n, self.limit = n, limit


class EmptyQuery(NetralError):
    def __init__(self) -> None:
        super().__init__("the question is empty")


class DocumentNotFound(NetralError):
    def __init__(self, doc_id: str):
        super().__init__(f"no document {doc_id!r}")
        self.doc_id = doc_id


# ---------------------------------------------------------------------------- the card seam


class Card(Protocol):
    """An answer card: what the faces show first. `urls` puts the URLs of its clauses in."""

    verdict: str  # prohibited | required | allowed | unclear | depends

    def to_json(self, urls: Urls | None = None) -> dict[str, Any]: ...


class CardMaker(Protocol):
    """Makes the answer card of a question."""

    def answer(self, query: str) -> Card: ...

    def warm(self) -> None:
        """Read what the first answer would otherwise read (at start-up, not on a request)."""


CardFactory = Callable[[Searcher, ArticleStore], CardMaker]
"""Builds the card maker of one index generation from its searcher (model, index) and articles."""


def rule_cards(searcher: Searcher, store: ArticleStore, thresholds: Thresholds | None = None) -> RuleCards:
    """The rule card of a generation: the rules it carries (kb.rulegen), matched with the
    searcher's model (their vectors from the index's embedding cache), quoted from its
    articles. `thresholds`: the matcher's decision thresholds (default: set for e5)."""
    from .provisions import Provisions
    from .rulegen import load
    from .rulematch import RuleMatcher

    prov = Provisions(store)
    base = load(searcher.index.path, searcher.index.info)
    matcher = RuleMatcher(base, searcher.embedder, searcher.index.path.parent, thresholds, revoked=prov.revoked())
    return RuleCards(matcher, prov)


# ---------------------------------------------------------------------------- results


@dataclass
class SearchResult:
    """`kb search --json`, `/api/search`."""

    query: str
    results: list[Result]

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "results": [r.to_json() for r in self.results]}


@dataclass
class AskResult:
    """`kb answer --json`, `/api/answer`, the Ask page: the card, then its passages."""

    query: str
    answer: Card
    results: list[Result]
    urls: Urls

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "answer": self.answer.to_json(self.urls), "results": [r.to_json() for r in self.results]}


@dataclass
class Health:
    """`/healthz`: what is served and whether search works. `status` is "ok", or "degraded"
    with the `reason` (a real query failed or found nothing in a non-empty index; a newer
    generation was refused and an older one is served)."""

    generation: str
    documents: int
    chunks: int
    model: str | None
    uptime_s: float
    reload_error: str | None = None
    status: str = "ok"
    reason: str | None = None
    query_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "reason": self.reason,
            "generation": self.generation,
            "documents": self.documents,
            "chunks": self.chunks,
            "model": self.model,
            "uptime_s": self.uptime_s,
            "query_ms": self.query_ms,
        }
        if self.reload_error:
            out["reload_error"] = self.reload_error
        return out


@dataclass
class Overview:
    """The About page: what is indexed."""

    documents: list[DocumentInfo]
    chunks: int
    generation: str
    info: dict[str, object] = field(default_factory=dict)


def check_query(q: str, limit: int, required: bool = True) -> str:
    """The question as searched (stripped); too long or (when required) empty is an error."""
    q = q.strip()
    if len(q) > limit:
        raise QueryTooLong(len(q), limit)
    if required and not q:
        raise EmptyQuery()
    return q


# ---------------------------------------------------------------------------- one generation


class Snapshot:
    """One index generation and what the faces derive from it: document ids and URLs, its
    articles (kb.articles.ArticleStore), the answer card maker, the document pages (built
    once each)."""

    def __init__(self, searcher: Searcher, cards: CardFactory):
        self.searcher = searcher
        self.docs = searcher.index.docs
        self.articles = ArticleStore(searcher.chunks, self.docs, searcher.chunk_range)  # grouped per document on first use
        self.answerer = cards(searcher, self.articles)
        self.urls = Urls(list(self.docs))
        self._pages: dict[str, DocumentPage] = {}
        self._outcomes: dict[str, Outcome] = {}  # rulings' outcomes, read once per generation (kb.precedents)
        self._suggester: Suggester | None = None
        self._lock = threading.Lock()
        self._warmed = threading.Event()
        self._warming = False

    def warm(self) -> None:
        """What the first answer would read (the card's indexes), read now."""
        self._warming = True
        try:
            self.answerer.warm()
        finally:
            self._warmed.set()

    @property
    def generation(self) -> str:
        return self.searcher.index.path.name

    def articles_of(self, source: str) -> list[Article]:
        return self.articles.articles_of(source)

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> SearchResult:
        return SearchResult(query, self.searcher.search(query, k, filters))

    def search_many(self, queries: list[str], k: int = 10, filters: Filters | None = None) -> list[SearchResult]:
        return [SearchResult(q, rs) for q, rs in zip(queries, self.searcher.search_many(queries, k, filters))]

    def ask(self, query: str, k: int = 6) -> AskResult:
        """The card, then the passages: `k` of them, at most UNCLEAR_PASSAGES after "no clear rule"."""
        if self._warming:  # a server warms the card in the background: wait for it rather than redo it
            self._warmed.wait()
        passages = _PASSAGES.submit(self.searcher.search, query, k)
        card = self.answerer.answer(query)
        results = passages.result()
        if card.verdict == "unclear" and k > UNCLEAR_PASSAGES:  # fewer passages are spread apart anew (a server's vector is cached)
            results = self.searcher.search(query, UNCLEAR_PASSAGES)
        return AskResult(query, card, results, self.urls)

    def describe(self, source: str) -> DocumentInfo:
        return DocumentInfo.of(self.urls.id_of[source], self.docs[source])

    def documents(self) -> list[DocumentInfo]:
        """Every document: regulations first, by type, newest first; then rulings."""
        order = sorted(self.docs, key=lambda s: document_order(self.docs[s].meta, s))
        return [self.describe(s) for s in order]

    def source_of(self, doc_id: str) -> str:
        src = self.urls.ids.get(doc_id)
        if src is None:
            raise DocumentNotFound(doc_id)
        return src

    def document(self, doc_id: str) -> DocumentPage:
        src = self.source_of(doc_id)
        with self._lock:
            if src in self._pages:
                return self._pages[src]
        meta = self.docs[src].meta
        body, loose = page_sections(meta, self.articles_of(src))
        page = DocumentPage(self.describe(src), meta, body, loose)
        with self._lock:
            self._pages[src] = page
        return page

    def pdf(self, doc_id: str, corpus_dir: Path) -> Path:
        """The document's PDF, only if it is a readable file inside the corpus folder."""
        root = Path(corpus_dir).resolve()
        path = (root / self.source_of(doc_id)).resolve()
        if not path.is_relative_to(root) or path.suffix.lower() != ".pdf" or not path.is_file() or not os.access(path, os.R_OK):
            raise DocumentNotFound(doc_id)
        return path

    def precedents(self, query: str, filters: PrecedentFilters, k: int = 20) -> Precedents:
        return Precedents(query, filters, find_precedents(self.searcher, self.articles_of, self.describe, query, filters, k, self._outcomes))

    def precedent_options(self) -> dict[str, list[Any]]:
        return precedent_options(self.docs)

    def suggest(self, query: str, lang: str, n: int = 3) -> list[Suggestion]:
        """Example questions near `query` from the situations of the rules this generation
        serves (kb.suggest), read the first time a card could not answer."""
        if self._suggester is None:
            from .rulegen import load

            self._suggester = Suggester.from_rules(load(self.searcher.index.path, self.searcher.index.info), {})
        return self._suggester.suggest(query, lang, n)

    def overview(self) -> Overview:
        return Overview(self.documents(), len(self.searcher.chunks), self.generation, self.searcher.index.info)


# ---------------------------------------------------------------------------- the library


class Library:
    """The live index and everything answered from it. `searcher` is a fixed Searcher (a
    command, a test) or a LiveSearcher (a server: rebuilt generations are picked up)."""

    def __init__(self, settings: Settings, searcher: Searcher | LiveSearcher, cards: CardFactory = rule_cards):
        self.settings = settings
        self.live = searcher if isinstance(searcher, LiveSearcher) else None
        self._fixed = searcher if isinstance(searcher, Searcher) else None
        self._cards = cards
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self.started = time.time()

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None, live: bool = False) -> Library:
        """Load the model and the current index generation (`live`: and follow rebuilds)."""
        searcher = LiveSearcher(settings, embedder) if live else Searcher.open(settings, embedder)
        return cls(settings, searcher)

    @property
    def starting(self) -> bool:
        """A served library whose index is still loading (kb.search.LiveSearcher, background)."""
        return self.live is not None and self.live.starting

    def warm(self, background: bool = False) -> None:
        """Load the current snapshot now (`background`: in a thread, for a server that must
        answer its health checks while the index loads); the first request then finds it."""
        if not background:
            self.snapshot()
            return

        def run() -> None:
            try:
                self.snapshot()
            except Exception:  # the requests that wait for it get the error
                log.exception("library.warm_failed")

        threading.Thread(target=run, name="library-warm", daemon=True).start()

    def searcher(self) -> Searcher:
        if self.live is not None:
            return self.live.get()
        assert self._fixed is not None
        return self._fixed

    def snapshot(self) -> Snapshot:
        """The current generation's snapshot (built and warmed once per generation)."""
        s = self.searcher()
        snap = self._snapshot
        if snap is None or snap.searcher is not s:
            with self._lock:
                snap = self._snapshot
                if snap is None or snap.searcher is not s:
                    snap = Snapshot(s, self._cards)
                    if self.live is None:
                        snap.warm()
                    else:  # a server: searches go ahead while the card's indexes are read
                        snap._warming = True
                        threading.Thread(target=snap.warm, name="snapshot-warm", daemon=True).start()
                    self._snapshot = snap
        return snap

    def query(self, q: str, required: bool = True) -> str:
        return check_query(q, self.settings.max_query_chars, required)

    def ask(self, q: str, k: int = 6) -> AskResult:
        return self.snapshot().ask(self.query(q), k)

    def search(self, q: str, k: int = 10, filters: Filters | None = None) -> SearchResult:
        return self.snapshot().search(q, k, filters)

    def precedents(self, q: str = "", filters: PrecedentFilters | None = None, k: int = 20) -> Precedents:
        return self.snapshot().precedents(self.query(q, required=False), filters or PrecedentFilters(), k)

    def documents(self) -> list[DocumentInfo]:
        return self.snapshot().documents()

    def document(self, doc_id: str) -> DocumentPage:
        return self.snapshot().document(doc_id)

    def health(self) -> Health:
        """What is served, with a real query run on it (kb.search.probe; a live library's
        refused generations count too). Raises when no snapshot can be made."""
        snap = self.snapshot()
        checked = self.live.health() if self.live is not None else probe(snap.searcher)
        model = snap.searcher.index.info.get("model")
        return Health(
            generation=checked.generation,
            documents=len(snap.docs),
            chunks=len(snap.searcher.chunks),
            model=None if model is None else str(model),
            uptime_s=round(time.time() - self.started, 1),
            reload_error=self.live.last_error if self.live is not None else None,
            status=checked.status,
            reason=checked.reason,
            query_ms=checked.query_ms,
        )

    def suggest(self, q: str, lang: str, n: int = 3) -> list[Suggestion]:
        """Example questions near `q` from the served rules' situations in `lang`, for a
        question the card could not answer; empty when the generation carries no rules."""
        return self.snapshot().suggest(q, lang, n)
