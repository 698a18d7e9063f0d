"""Stage 6, search: a question in, ranked cited passages out.

Hybrid: dense (the embedding model) and lexical (BM25 over Sastrawi stems, the query
expanded with our bilingual glossary), fused by reciprocal rank. A citation written in
the question ("pasal 5 huruf n PP 94 2021") goes straight to that article. Results are
one per provision (document, Pasal, body/Penjelasan) and one per ruling.
"""

from __future__ import annotations

import heapq
import re
import threading
import time
from concurrent.futures import Future
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from . import embed
from .chunk import Chunk
from .citations import CitationRef, DocRef, parse_citation
from .config import Settings
from .definitions import DefinitionIndex
from .diversity import spread
from .embed import Embedder
from .errors import NetralError
from .glossary import expand
from .features import DEFINITIONS, GENERAL, PENJELASAN, RULING
from .index import DocRecord, IndexStateError, LoadedIndex, current_generation, generations, load_index
from .lexical import STEMS_FILE, Bm25Index, best_k, load_stems, lookup, tokenize
from .links import Links
from .normalize import QueryNormalizer
from .resolve import DocResolver, Resolution
from .structure import DocMeta


_DEFINITION_CUE = re.compile(
    r"\b(maksudnya|artinya|pengertian|definisi|apa\s+itu|apa\s+yang\s+dimaksud|yang\s+dimaksud|"
    r"what\s+is|what\s+are|what\s+counts\s+as|meaning\s+of|definition|defined|what\s+does\s+.{1,40}\s+mean)\b",
    re.I,
)


_RULING_CUE = re.compile(r"\b(putusan|vonis|yurisprudensi|preseden|ruling|rulings|verdict|precedents?|court\s+decisions?|convicted)\b", re.I)


@dataclass
class Filters:
    kind: str | None = None  # "regulation" | "ruling"
    doc: str | None = None  # a source path, a file name, or "PP 94/2021"
    year: int | None = None
    as_of: str | None = None  # "2019-06-01": the law as it stood that day, where the corpus allows


def _doc_date(meta: DocMeta) -> str:
    """A document's date for --as-of; with only a year known, its first day."""
    return meta.date if meta.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date) else f"{meta.year or 0:04d}-01-01"


def _revocation_date(meta: DocMeta, docs_by_short: dict[str, DocRecord]) -> str:
    """When a document was revoked ("dicabut oleh PP 94/2021"): the revoking document's date if
    it is indexed, else the year in its name; "9999-12-31" when nothing revokes it."""
    dates = []
    for rel in meta.relations:
        m = re.match(r"dicabut oleh (?P<name>.*?/(?P<year>\d{4}))", rel)
        if m:
            other = docs_by_short.get(m["name"])
            dates.append(_doc_date(other.meta) if other else f"{m['year']}-01-01")
    return min(dates, default="9999-12-31")


@dataclass
class Result:
    rank: int
    score: float
    chunk: Chunk
    doc: DocRecord
    cited: str | None = None  # "huruf n angka 4": the part of the Pasal the question named
    version: str | None = None  # for a Pasal an indexed later law rewrote: which text this is

    @property
    def citation(self) -> str:
        """The chunk's citation, narrowed to the huruf/angka the question named when the
        passage contains it ("PP 94/2021 Pasal 5 huruf n")."""
        c = self.chunk
        if not self.cited:
            return c.citation
        head = f"Pasal {c.article}" + (f" {c.sub}" if c.sub else "")
        return c.citation.replace(head, f"Pasal {c.article} {self.cited}", 1)

    def to_json(self) -> dict[str, Any]:
        """The `kb search --json` contract (the web API returns the same objects)."""
        c, m = self.chunk, self.doc.meta
        return {
            "rank": self.rank,
            "score": round(float(self.score), 4),
            "source": c.source,
            "page": c.pages[0] if c.pages else None,
            "pages": c.pages,
            "doc": {
                "type": m.type,
                "number": m.number,
                "year": m.year,
                "title": m.title,
                "status": m.status,
                "summary": m.summary,
                **({"court": m.court, "case_number": m.case_number} if m.kind == "ruling" else {}),
            },
            "article": c.article,
            "part": "penjelasan" if c.part == "penjelasan" else ("body" if c.kind == "regulation" else c.part),
            "citation": self.citation,
            "text": c.text,
            "kind": c.kind,
            "version": self.version,
        }


class Pool:
    """The fused scores of one question: every chunk some part of the search reached (the
    dense and BM25 pools, the articles and definitions it boosts, what the links raise),
    listed; and the documents the question names (`named`: document number -> the boost
    each of its chunks gets), whose other chunks score that boost without being listed, so
    that a name matching many large documents costs nothing per chunk. Every other chunk
    scores 0, or -inf outside the filters; nothing is computed for it."""

    def __init__(self, ids: np.ndarray, doc: np.ndarray, doc_ok: np.ndarray | None, allowed_total: int,
                 named: dict[int, float] | None = None, starts: np.ndarray | None = None, ends: np.ndarray | None = None):
        self.ids = ids  # ascending
        self.vals = np.zeros(len(ids), dtype=np.float64)
        self.extra: dict[int, float] = {}
        self._doc, self._ok, self._allowed_total = doc, doc_ok, allowed_total
        self._named = {d: v for d, v in (named or {}).items() if v > 0 and (doc_ok is None or doc_ok[d])}
        self._starts, self._ends = starts, ends

    def at(self, ids: np.ndarray) -> np.ndarray:
        """Positions of chunks the pool holds."""
        return np.searchsorted(self.ids, ids)

    def _where(self, i: int) -> int:
        p = int(np.searchsorted(self.ids, i))
        return p if p < len(self.ids) and self.ids[p] == i else -1

    def get(self, i: int) -> float:
        p = self._where(i)
        if p >= 0:
            return float(self.vals[p])
        if i in self.extra:
            return self.extra[i]
        if self._named:
            named = self._named.get(int(self._doc[i]))
            if named is not None:
                return named
        return 0.0 if self._ok is None or self._ok[self._doc[i]] else -np.inf

    def set(self, i: int, value: float) -> None:
        p = self._where(i)
        if p >= 0:
            self.vals[p] = value
        else:
            self.extra[int(i)] = value

    def get_many(self, ids: np.ndarray) -> np.ndarray:
        """`get` of each of `ids`, at once."""
        out = np.zeros(len(ids), np.float64)
        p, listed = lookup(self.ids, ids)
        out[listed] = self.vals[p[listed]]
        rest = np.flatnonzero(~listed)
        if len(rest):
            docs = np.asarray(self._doc[ids[rest]])
            if self._ok is not None:
                out[rest[~self._ok[docs]]] = -np.inf
            if self._named:
                named = np.array([self._named.get(d, np.nan) for d in docs.tolist()], np.float64)
                out[rest[~np.isnan(named)]] = named[~np.isnan(named)]
            for k in rest.tolist() if self.extra else []:
                out[k] = self.extra.get(int(ids[k]), out[k])
        return out

    def set_many(self, ids: np.ndarray, values: np.ndarray) -> None:
        """`set` of each of `ids` (distinct), at once."""
        p, listed = lookup(self.ids, ids)
        self.vals[p[listed]] = values[listed]
        self.extra.update(zip(ids[~listed].tolist(), values[~listed].tolist()))

    def items(self) -> tuple[np.ndarray, np.ndarray]:
        """The listed chunks and their scores (not the named documents' other chunks)."""
        if not self.extra:
            return self.ids, self.vals
        return (np.concatenate((self.ids, np.fromiter(self.extra, np.int64, len(self.extra)))),
                np.concatenate((self.vals, np.fromiter(self.extra.values(), np.float64, len(self.extra)))))

    def _unlisted(self, d: int, extra: np.ndarray) -> int:
        """How many chunks of document `d` are neither listed nor set (`extra`: the set ones, sorted)."""
        s, e = int(self._starts[d]), int(self._ends[d])  # type: ignore[index]
        listed = int(np.searchsorted(self.ids, e) - np.searchsorted(self.ids, s))
        return e - s - listed - int(np.searchsorted(extra, e) - np.searchsorted(extra, s))  # set() lists none of the listed ones there

    def _named_stream(self, value: float, docs: list[int], skip: set[int]) -> Iterator[tuple[float, int]]:
        for d in docs:
            for i in range(int(self._starts[d]), int(self._ends[d])):  # type: ignore[index]
                if i not in skip:
                    yield (-value, i)

    def iter_ranked(self) -> Iterator[int]:
        """Chunks with a finite score above 0, best first, ties by id (lazily: the named
        documents' unlisted chunks are reached only as far as the caller reads)."""
        ids, vals = self.items()
        good = np.isfinite(vals) & (vals > 0)
        ids, vals = ids[good], vals[good]
        order = np.lexsort((ids, -vals))
        listed = zip((-vals[order]).tolist(), ids[order].tolist())
        if not self._named:
            return (i for _v, i in listed)
        skip = set(self.ids.tolist()) | set(self.extra)
        streams = [self._named_stream(v, docs, skip) for v, docs in self._named_by_value]
        return (i for _v, i in heapq.merge(listed, *streams))

    @cached_property
    def _named_by_value(self) -> list[tuple[float, list[int]]]:
        """The named documents grouped by their boost, each group ascending (so are its chunks)."""
        docs = np.fromiter(self._named.keys(), np.int64, len(self._named))
        vals = np.fromiter(self._named.values(), np.float64, len(self._named))
        return [(float(v), np.sort(docs[vals == v]).tolist()) for v in np.unique(vals)]

    def ranked(self, limit: int) -> list[int]:
        """The first `limit` of `iter_ranked`."""
        return list(islice(self.iter_ranked(), limit))

    def max(self) -> float:
        _ids, vals = self.items()
        finite = vals[np.isfinite(vals)]
        best = float(finite.max()) if len(finite) else -np.inf
        covered = len(finite)
        extra = np.sort(np.fromiter(self.extra, np.int64, len(self.extra)))
        for d, v in self._named.items():
            unlisted = self._unlisted(d, extra)
            if unlisted:
                best, covered = max(best, v), covered + unlisted
        return max(best, 0.0) if covered < self._allowed_total else best  # chunks outside score 0


class Searcher:
    DENSE_WEIGHT = 1.0
    LEXICAL_WEIGHT = 1.0
    EXPANSION_WEIGHT = 0.5
    POOL = 200
    GENERAL_FACTOR = 0.6
    DEFINITION_BOOST = 1.5
    REVOKED_FACTOR = 0.85
    RULING_BOOST = 1.5
    DEFINED_BOOST = 1.0  # x the top score: the Pasal 1 item defining the term asked about
    RESOLVED_BOOST = 0.3  # x the top score: the documents a question names in plain words

    def __init__(self, index: LoadedIndex, embedder: Embedder, settings: Settings):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.chunks = index.chunks  # a Sequence: kb.index.ChunkStore decodes rows on demand
        self.store = index.vectors  # a kb.vectors store (exact, or HNSW on a large index), or Milvus
        self.f = f = index.features  # what ranking reads of every chunk (kb.features)
        load_stems(index.path.parent / "cache" / STEMS_FILE)  # the build's stems, the lexicon's too: the normalizer need not stem them
        self._docs = [index.docs[s] for s in f.sources]  # by document number
        metas = [d.meta for d in self._docs]
        self._dkind = np.array([m.kind for m in metas])
        self._dyear = np.array([m.year or 0 for m in metas])
        self._ddate = np.array([_doc_date(m) for m in metas])
        self._drevoked = np.array([m.status == "dicabut" for m in metas], dtype=bool)
        docs_by_short = {d.meta.short: d for d in index.docs.values()}
        self._drevoked_on = np.array([_revocation_date(m, docs_by_short) for m in metas])
        self._dlen = (f.ends - f.starts).astype(np.int64)
        years: dict[str, list[int]] = {}
        self._names: dict[str, set[str]] = {}
        self._types: dict[str | None, list[str]] = {}
        self._numbers: dict[str, list[str]] = {}  # "5" -> the documents numbered 5 (leading zeros dropped)
        self._cited: dict[tuple[str | None, str | None, int | None, str | None], frozenset[str]] = {}
        self._cited_lock = threading.Lock()
        for d, rec in enumerate(self._docs):
            m = rec.meta
            if m.year:
                years.setdefault(str(m.year), []).append(d)
            for name in (rec.source.lower(), rec.source.rsplit("/", 1)[-1].lower(), m.short.lower()):
                self._names.setdefault(name, set()).add(rec.source)
            self._types.setdefault(m.type, []).append(rec.source)
            self._numbers.setdefault((m.number or "").lstrip("0"), []).append(rec.source)
        self.definitions = DefinitionIndex.from_items((i, f.sources[f.doc[i]], *rest) for i, *rest in f.definitions)
        self._years = {y: np.array(ds, np.int64) for y, ds in years.items()}  # "2010" -> the document numbers of that year
        self.resolver = DocResolver(index.docs, self.definitions.abbreviations())
        # each group of alike documents the resolver may name, as document numbers: a name that fits
        # thousands of documents (every regency's "Perda tentang Pajak Daerah") costs no pass over them
        self._group_numbers = [np.array(sorted(f.number[s] for s in g.sources if s in f.number), np.int64) for g in self.resolver.groups]
        self.normalizer = QueryNormalizer(_vocabulary(index))
        self.NORMALIZE = True
        self.links = Links(self.chunks, index.docs, f)
        self._short = {src: d.meta.short for src, d in index.docs.items()}
        self.LINKS = True
        self.SPREAD = 5  # the first results go to distinct provisions (0: off)

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | Future[Embedder] | None = None, generation: Path | None = None) -> Searcher:
        """The current generation (or `generation`), verified (kb.verify), with the model (or
        the model being loaded in another thread: `embedder` a Future)."""
        loading: Future[Embedder] | None = embedder if isinstance(embedder, Future) else None
        if embedder is None:  # the model loads while the index does (onnxruntime works outside the GIL)
            loading = Future()
            threading.Thread(target=_run_into, args=(loading, embed.load_embedder, settings), daemon=True).start()
        try:
            index = load_index(settings.index_dir, settings.milvus_token, settings.verify_checksums_below_mb * 2**20, generation)
            searcher = cls(index, embedder, settings)  # type: ignore[arg-type]  # the index's side is made while the model loads
        finally:
            embedder = loading.result() if loading is not None else embedder
        assert embedder is not None
        model = index.info.get("model")  # a served model (kb.embed_process) is waited for here
        if model and model != embedder.model_id:
            raise IndexStateError(f"the index was built with {model}, but the configured model is {embedder.model_id}: rebuild with `kb build`")
        if len(index.chunks) and index.vectors.dim != embedder.dim:
            raise IndexStateError(f"{index.path}: vectors of dimension {index.vectors.dim}, but the model gives {embedder.dim}: rebuild with `kb build`")
        searcher.embedder = embedder
        return searcher

    # ------------------------------------------------------------------ public

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Result]:
        return self.search_many([query], k, filters)[0]

    def search_many(self, queries: list[str], k: int = 10, filters: Filters | None = None) -> list[list[Result]]:
        queries = [q.strip()[: self.settings.max_query_chars] for q in queries]
        read = [self.read(q) for q in queries]
        vecs = self.embedder.encode_queries([self._dense_text(q) for q in read]) if queries else []
        return [self._rank(q, r, v, k, filters or Filters()) for q, r, v in zip(queries, read, vecs)]

    def chunk_range(self, source: str) -> range:
        """The chunk ids of one document (empty for a source the index does not hold)."""
        d = self.f.number.get(source)
        return self.f.ids_of(d) if d is not None else range(0)

    def read(self, query: str) -> str:
        """The question as search reads it: informal words and typos normalised (citations kept)."""
        return self.normalizer.normalize(query).text if self.NORMALIZE else query

    # ------------------------------------------------------------------ ranking

    @staticmethod
    def _dense_text(query: str) -> str:
        terms = expand(query)
        return f"{query} ({' '.join(terms)})" if terms else query

    def _doc_filter(self, f: Filters) -> np.ndarray | None:
        """Which documents the filters allow (by document number); None: all of them."""
        if not (f.kind or f.year or f.as_of or f.doc):
            return None
        ok = np.ones(len(self._docs), dtype=bool)
        if f.kind:
            ok &= self._dkind == f.kind
        if f.year:
            ok &= self._dyear == f.year
        if f.as_of:
            ok &= self._ddate <= f.as_of
        if f.doc:
            ok &= self._doc_flags(self._docs_matching(f.doc))
        return None if ok.all() else ok

    def _doc_flags(self, sources: set[str] | frozenset[str] | np.ndarray) -> np.ndarray:
        """True for these documents (sources, or document numbers) over all document numbers."""
        flags = np.zeros(len(self._docs), dtype=bool)
        flags[sources if isinstance(sources, np.ndarray) else [self.f.number[s] for s in sources if s in self.f.number]] = True
        return flags

    def _resolved_numbers(self, resolution: Resolution) -> np.ndarray:
        """The document numbers of the documents a question names in plain words."""
        parts = [self._group_numbers[g] for g in resolution.groups]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    def _ids_of(self, sources: set[str] | frozenset[str] | np.ndarray) -> np.ndarray:
        """The chunk ids of these documents (sources, or a bool array over document numbers),
        ascending: from each document's range, never a pass over every chunk."""
        if isinstance(sources, np.ndarray):
            numbers = np.flatnonzero(sources)
        else:
            numbers = np.array(sorted(self.f.number[s] for s in sources if s in self.f.number), dtype=np.int64)
        if not len(numbers):
            return np.zeros(0, np.int64)
        lens = self._dlen[numbers]
        before = np.concatenate(([0], np.cumsum(lens)[:-1]))
        return np.arange(int(lens.sum()), dtype=np.int64) + np.repeat(self.f.starts[numbers] - before, lens)

    def _docs_matching(self, name: str) -> set[str]:
        return set(self._names.get(name.lower().strip(), set()))

    def _cited_docs(self, cit: CitationRef) -> set[str]:
        if not cit.doc:
            return set()
        key = (cit.doc.type, cit.doc.number, cit.doc.year, cit.doc.title_phrase)
        got = self._cited.get(key)
        if got is None:
            got = self._cited_docs_now(cit.doc)
            with self._cited_lock:
                if len(self._cited) >= 1024:  # a generation's own documents: the answer never changes
                    self._cited.clear()
                self._cited[key] = got
        return set(got)

    def _cited_docs_now(self, ref: DocRef) -> frozenset[str]:
        if ref.number:  # only documents of that number can match
            pool: Iterable[str] = self._numbers.get(ref.number.lstrip("0"), [])
        else:
            pool = self._types.get(ref.type, []) if ref.type else self.index.docs
        return frozenset(src for src in pool if ref.matches(self.index.docs[src].meta))

    def _article_ids(self, docs: set[str], article: str) -> list[int]:
        """The chunks of these documents' Pasal `article`, in id order."""
        a = self.f.article_id.get(article)
        if a is None:
            return []
        ids = self._ids_of(docs)
        return ids[np.asarray(self.f.article[ids]) == a].tolist()

    def _lexical(self, query: str, doc_ok: np.ndarray | None) -> np.ndarray:
        """The BM25 pool, best first: the question's stems, and the glossary's at half weight."""
        base = tokenize(query)
        extra = [t for t in tokenize(" ".join(expand(query))) if t not in base]
        weights = {t: self.EXPANSION_WEIGHT for t in extra}
        bm25 = self.index.bm25
        if isinstance(bm25, Bm25Index):
            keep = None if doc_ok is None else (lambda ids: doc_ok[self.f.doc[ids]])
            return bm25.top(base + extra, weights, self.POOL, keep)[0]
        mask = None if doc_ok is None else doc_ok[self.f.doc]  # an index without top-k (Milvus)
        lex = bm25.scores(base + extra, weights, allowed=mask, limit=self.POOL)
        good = np.flatnonzero((lex > 0) if mask is None else (mask & (lex > 0)))
        return best_k(good, lex[good], self.POOL)[0]

    def _rank(self, written: str, query: str, qvec: np.ndarray, k: int, f: Filters) -> list[Result]:
        """`written`: the question as typed (citations are read from it); `query`: as read."""
        n = len(self.f)
        if n == 0 or not query:
            return []
        doc_ok = self._doc_filter(f)
        kk = self.settings.rrf_k
        _, ids = self.store.search(qvec, self.POOL, allowed=None if doc_ok is None else self._ids_of(doc_ok))
        dense = ids[0][ids[0] >= 0]  # best first
        lex = self._lexical(query, doc_ok)
        resolution = self.resolver.resolve(query)
        resolved = resolution.sources
        defined = self.definitions.lookup(resolution.rest or query)  # "what is X under the ASN law": X
        if resolved and any(d.source in resolved for d in defined):  # "... menurut UU ASN": that law's
            defined = [d for d in defined if d.source in resolved]
        cit = parse_citation(written)
        cited = self._cited_docs(cit) if cit else set()
        articles = self._article_ids(cited, cit.article) if cit and cited and cit.article else []
        top_score = (self.DENSE_WEIGHT + self.LEXICAL_WEIGHT) / (kk + 1)
        resolved_numbers = self._resolved_numbers(resolution)
        in_resolved, in_cited = self._doc_flags(resolved_numbers), self._doc_flags(cited)
        # every chunk of a document the question names gets RESOLVED_BOOST when it is named in plain
        # words and a quarter of the top score when cited (as added to the pooled chunks below)
        named_docs = np.flatnonzero(in_resolved | in_cited)
        boosts = np.where(in_resolved[named_docs], self.RESOLVED_BOOST * top_score, 0.0) + np.where(in_cited[named_docs], 0.25 * top_score, 0.0)
        named = dict(zip(named_docs.tolist(), boosts.tolist()))
        boosted = np.array([d.chunk for d in defined] + articles, np.int64)
        pool = Pool(np.unique(np.concatenate([dense, lex, boosted]).astype(np.int64)), self.f.doc, doc_ok,
                    n if doc_ok is None else int(self._dlen[doc_ok].sum()), named, self.f.starts, self.f.ends)
        fused = pool.vals
        fused[pool.at(dense)] += self.DENSE_WEIGHT / (kk + 1 + np.arange(len(dense)))
        fused[pool.at(lex)] += self.LEXICAL_WEIGHT * (1.0 / (kk + 1 + np.arange(len(lex))))
        prior = self._structure_prior(query, f.as_of, resolved_numbers, pool.ids)
        fused *= prior
        pooled_docs = self.f.doc[pool.ids]
        if resolved:
            fused[in_resolved[pooled_docs]] += self.RESOLVED_BOOST * top_score
        if defined:  # one at a time, as a chunk defining two terms is raised twice
            p = pool.at(np.array([d.chunk for d in defined], np.int64))
            np.add.at(fused, p, self.DEFINED_BOOST * top_score * prior[p])
        if cited:
            fused[in_cited[pooled_docs]] += 0.25 * top_score  # a named document is preferred...
            if articles:  # ...and a named article goes to the top (its body a little above its elucidation)
                at = np.array(articles, np.int64)
                body = (np.asarray(self.f.flags[at]) & PENJELASAN) == 0
                fused[pool.at(at)] += 2 * top_score + np.where(body, 0.1 * top_score, 0.0)
        if doc_ok is not None:
            fused[~doc_ok[self.f.doc[pool.ids]]] = -np.inf
        if self.LINKS:
            self.links.pull(pool, query)
        return self._collect(pool, k, top_score, cit)

    def _structure_prior(self, query: str, as_of: str | None, resolved: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Where the structure of the law says an answer lives (for the chunks `ids`):
        definitions stand in the Ketentuan Umum; the general elucidation (Penjelasan Umum)
        rarely answers a question."""
        flags, docs = self.f.flags[ids], self.f.doc[ids]
        prior = np.where(flags & GENERAL, self.GENERAL_FACTOR, 1.0)
        revoked = self._drevoked_on <= as_of if as_of else self._drevoked
        if revoked.any():  # prefer the law in force, unless the question asks for the old one
            keep = np.zeros(len(self._docs), dtype=bool)
            for y, ds in self._years.items():
                if y in query:
                    keep[ds] = True
            if len(resolved) and self._drevoked[resolved].all():
                keep[resolved] = True  # "PP disiplin yang lama"
            old = revoked[docs] & ~keep[docs]
            prior = prior * np.where(old, self.REVOKED_FACTOR, 1.0)
        if _RULING_CUE.search(query):  # "putusan ...": the user wants decisions, not the rules
            prior = prior * np.where(flags & RULING, self.RULING_BOOST, 1.0)
        if _DEFINITION_CUE.search(query):
            prior = prior * np.where(flags & DEFINITIONS, self.DEFINITION_BOOST, 1.0)
        return prior

    def _collect(self, pool: Pool, k: int, top_score: float, cit: CitationRef | None = None) -> list[Result]:
        results: list[Result] = []
        seen: set[tuple[int, int]] = set()
        for i in pool.iter_ranked():  # only pooled / boosted chunks can be results
            key = (int(self.f.doc[i]), int(self.f.group[i]))  # one per (Pasal or point, part); a ruling once
            if key in seen:
                continue
            seen.add(key)
            c = self.chunks[i]
            score = min(1.0, pool.get(i) / top_score)
            results.append(Result(len(results) + 1, score, c, self.index.docs[c.source], _cited_part(c, cit),
                                  self.links.version(c, self._short)))
            if len(results) >= 2 * k:  # room to move a second passage of one provision down
                break
        if self.SPREAD:
            results = [results[j] for j in spread([result_key(r) for r in results], min(k, self.SPREAD))]
        for rank, r in enumerate(results[:k], 1):
            r.rank = rank
        return results[:k]


def _run_into(fut: Future[Any], fn: Any, *args: Any) -> None:
    try:
        fut.set_result(fn(*args))
    except BaseException as e:  # handed to the waiting thread
        fut.set_exception(e)


def _vocabulary(index: LoadedIndex) -> set[str]:
    """The index's lexical tokens: bm25s keeps them; for a Milvus-backed index they are
    recomputed from (at most the first 20,000) passages."""
    vocab = getattr(index.bm25, "vocab", None)
    if vocab:
        return set(vocab)
    return {t for c in index.chunks[:20_000] for t in tokenize(c.passage)}  # bounded load time at scale


def _cited_part(c: Chunk, cit: CitationRef | None) -> str | None:
    """"huruf n angka 4" when the question cites this Pasal that precisely and the passage
    holds that huruf (and angka) as list items."""
    if not cit or not cit.huruf or c.article != cit.article or c.kind != "regulation":
        return None
    m = re.search(rf"(?:^|\s)(?<!huruf\s)({re.escape(cit.huruf)})\.\s", c.text)
    if not m:
        return None
    if cit.angka and re.search(rf"(?:^|\s)(?<!angka\s){re.escape(cit.angka)}\.\s", c.text[m.end():]):
        return f"huruf {cit.huruf} angka {cit.angka}"
    return f"huruf {cit.huruf}"


def result_key(r: Result) -> tuple[str, str | None]:
    """What the eval compares: file name, and Pasal for regulations."""
    name = r.chunk.source.rsplit("/", 1)[-1]
    return (name, r.chunk.article if r.chunk.kind == "regulation" else None)



HEALTH_QUERY = "netralitas pegawai dalam pemilihan"
"""The real question `LiveSearcher.health` asks (any question exercises every part)."""


@dataclass(frozen=True)
class LiveStatus:
    """What a LiveSearcher serves, and why not what CURRENT names when it refused that."""

    serving: str
    current: str | None  # what CURRENT names (None: no readable CURRENT)
    error: str | None = None  # why CURRENT (or its generation) is not served; None when it is

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {"serving": self.serving, "current": self.current, "ok": self.ok, "error": self.error}


@dataclass(frozen=True)
class Health:
    """The answer to "does search work?": a real query run on the generation being served."""

    status: str  # "ok" | "degraded"
    generation: str
    reason: str | None = None
    query_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "generation": self.generation, "reason": self.reason, "query_ms": self.query_ms}


def probe(searcher: Searcher, query: str = HEALTH_QUERY) -> Health:
    """Run a real query on one generation: "degraded" with the reason when it fails or finds
    nothing in a non-empty index."""
    gen = searcher.index.path.name
    t0 = time.perf_counter()
    try:
        found = searcher.search(query, k=1)
    except Exception as e:  # whatever breaks a real query is what health must report
        return Health("degraded", gen, f"a test query failed: {type(e).__name__}: {e}")
    ms = round((time.perf_counter() - t0) * 1000, 1)
    if searcher.chunks and not found:
        return Health("degraded", gen, "a test query found nothing in a non-empty index", ms)
    return Health("ok", gen, None, ms)


class LiveSearcher:
    """The Searcher of the index's current generation, for a long-running server.

    `get()` is cheap: at most every `check_every` seconds it reads CURRENT, and when a new
    generation has appeared it loads it in a background thread and swaps it in when ready.
    Loading verifies the generation (kb.verify): one whose files do not belong together,
    or a CURRENT that names no generation, is refused, the previous Searcher keeps serving,
    and `status()` / `health()` / `last_error` say why (a refused generation is tried again
    after `retry_every` seconds, or when CURRENT changes). A rebuild never fails a request
    and needs no restart. The model is loaded once and shared.

    At start, if the generation CURRENT names is refused, the newest generation that loads
    is served instead (degraded, with the reason); with none, the error is raised.

    `embedder` may be a Future (a model the caller is loading). Without one, the model is
    loaded and wrapped in a QueryBatcher (questions asked at the same moment share one model
    call; repeated ones none). With `background`, the
    first generation loads in a thread: the constructor returns at once, `ready` says
    whether it is loaded, and `get()` waits for it (and raises what the start raised).
    """

    def __init__(self, settings: Settings, embedder: Embedder | Future[Embedder] | None = None, check_every: float = 1.0,
                 retry_every: float = 30.0, background: bool = False):
        self.settings = settings
        self.check_every = check_every
        self.retry_every = retry_every
        self._lock = threading.Lock()
        self._loading = False
        self._checked = 0.0
        self._refused: tuple[str, float] | None = None  # (generation or CURRENT text, when)
        self.last_error: str | None = None
        self._started: Future[Searcher] = Future()
        if background:  # nothing that can be served: say so now, not on a request
            self._precheck()
        if background:
            threading.Thread(target=_run_into, args=(self._started, self._start, embedder), name="index-load", daemon=True).start()
        else:
            self._started.set_result(self._start(embedder))
        self._current: Searcher = None  # type: ignore[assignment]  # set by the first get()

    def _start(self, embedder: Embedder | Future[Embedder] | None) -> Searcher:
        model: Embedder | Future[Embedder] | None = embedder
        if embedder is None:  # loaded while the index loads
            model = Future()
            threading.Thread(target=_run_into, args=(model, embed.serving_embedder, self.settings), daemon=True).start()
        searcher = self._open_at_start(model)
        self._embedder = searcher.embedder
        return searcher

    def _precheck(self) -> None:
        """Raise what `Searcher.open` would when no generation passes the cheap checks of
        kb.verify (sizes and counts): a server with nothing to serve stops at once."""
        from .verify import verify_generation

        index_dir = self.settings.index_dir
        try:
            named = current_generation(index_dir)
        except IndexStateError:
            named = None  # a damaged CURRENT: older generations are tried
        gens = ([named] if named else []) + [g for g in reversed(generations(index_dir)) if g != named]
        if not gens:
            raise IndexStateError(f"no index in {index_dir}: run `kb build` first")
        first: IndexStateError | None = None
        for gen in gens:
            try:
                verify_generation(gen, checksums=False, token=self.settings.milvus_token).raise_first()
                return
            except IndexStateError as e:
                first = first or e
        assert first is not None
        raise first

    @property
    def ready(self) -> bool:
        """Whether the first generation is loaded (False while it loads, or if it failed)."""
        return self._started.done() and self._started.exception() is None

    @property
    def starting(self) -> bool:
        return not self._started.done()

    def _open_at_start(self, embedder: Embedder | Future[Embedder] | None) -> Searcher:
        try:
            return Searcher.open(self.settings, embedder)
        except IndexStateError as e:
            first = e
            if isinstance(embedder, Future):
                embedder = embedder.result()
        index_dir, named = self.settings.index_dir, self._current_name()
        for gen in reversed(generations(index_dir)):  # newest first
            if gen.name == named:
                continue
            try:
                searcher = Searcher.open(self.settings, embedder, gen)
            except IndexStateError:
                continue
            self.last_error = f"{first}; serving {gen.name} instead"
            self._refused = (named or "", time.monotonic())
            return searcher
        raise first

    @property
    def generation(self) -> str:
        return self._first().index.path.name

    def _first(self) -> Searcher:
        if self._current is None:
            self._current = self._started.result()  # waits while it loads; raises what the start raised
        return self._current

    def get(self) -> Searcher:
        self._first()
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            self._checked = now
            self._maybe_reload()
        return self._current

    def _current_name(self) -> str | None:
        try:
            gen = current_generation(self.settings.index_dir)
        except IndexStateError:
            return None
        return gen.name if gen else None

    def status(self) -> LiveStatus:
        """What is served, what CURRENT names, and the reason when they differ."""
        return LiveStatus(self.generation, self._current_name(), self.last_error)

    def health(self, query: str = HEALTH_QUERY) -> Health:
        """Run a real query on the generation being served: "degraded" with the reason when
        it fails, finds nothing in a non-empty index, or a newer generation was refused."""
        found = probe(self.get(), query)
        reasons = [r for r in (found.reason, self.last_error) if r]
        return Health("degraded" if reasons else "ok", found.generation, "; ".join(reasons) or None, found.query_ms)

    def _maybe_reload(self) -> None:
        try:
            gen = current_generation(self.settings.index_dir)
        except IndexStateError as e:  # CURRENT damaged or planted: keep serving
            self.last_error = f"{e}; still serving {self.generation}"
            return
        if gen is None:
            self.last_error = f"no CURRENT in {self.settings.index_dir}; still serving {self.generation}"
            return
        if gen.name == self.generation:
            self.last_error = None
            return
        if self._refused and self._refused[0] == gen.name and time.monotonic() - self._refused[1] < self.retry_every:
            return
        with self._lock:
            if self._loading:
                return
            self._loading = True
        threading.Thread(target=self._load, args=(gen,), daemon=True).start()

    def _load(self, gen: Path) -> None:
        try:
            fresh = Searcher.open(self.settings, self._embedder, gen)
            self._current = fresh  # one reference assignment: requests see the old or the new
            self.last_error = None
            self._refused = None
        except Exception as e:  # keep serving the previous generation
            if self._current_name() != gen.name:
                return  # CURRENT has moved on meanwhile (a rollback): this refusal no longer matters
            reason = str(e) if isinstance(e, NetralError) else f"{type(e).__name__}: {e}"
            self.last_error = f"refused {gen.name}: {reason}; still serving {self.generation}"
            self._refused = (gen.name, time.monotonic())
        finally:
            with self._lock:
                self._loading = False

    def wait_until_loaded(self, timeout: float = 30.0) -> None:
        """For tests and tools: block until a pending reload has finished."""
        end = time.monotonic() + timeout
        self._checked = 0.0
        self.get()
        while self._loading and time.monotonic() < end:
            time.sleep(0.02)
