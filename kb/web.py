"""The web UI and JSON API: `kb serve`.

One FastAPI app over the same objects as the CLI: `GET /api/search` returns what
`kb search --json` prints, `GET /api/answer` the answer card of `kb.answer` with its
passages. The pages are plain server-rendered Jinja templates (`web/templates/`) that work
without JavaScript, in Indonesian or English (`?lang=en`, remembered in a cookie):

    /                      Ask: one question box
    /ask?q=...             the answer card, then the cited passages
    /precedents            rulings and sanction decisions, filtered by year, court, article
    /docs                  the indexed documents
    /docs/<id>             one document: BAB -> Pasal, each with its Penjelasan
    /docs/<id>.pdf         the source PDF (only files inside the corpus folder)
    /about                 what is indexed, and the disclaimer
    /api/...               JSON; OpenAPI at /api/openapi.json, Swagger UI at /api/docs-ui
    /healthz               liveness and what is loaded

The Searcher (model and index) is created once at start-up and shared; a new index
generation is picked up in the background (kb.search.LiveSearcher). Text from PDFs is
always escaped; query terms are marked in passages after escaping.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from .answer import DISCLAIMER, _norm, anchor_for, clause_anchor, highlight_terms, parse_units, reflow
from .config import Settings
from .lexical import STOPWORDS, stem
from .library import DocumentNotFound, Library, QueryTooLong, Snapshot
from .logs import fields
from .milvus_store import MilvusError
from .precedents import PrecedentFilters
from .search import Filters, LiveSearcher, Result, Searcher
from .urls import first_page, make_ids, slug  # noqa: F401  (make_ids, slug: re-exported for the tests)

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
LANGS = ("id", "en")
MAX_K = 50

# ---------------------------------------------------------------------------- UI strings

UI: dict[str, dict[str, str]] = {
    "id": {
        "lang_name": "Bahasa Indonesia",
        "tagline": "Aturan netralitas ASN dalam pemilu dan pilkada, dengan kutipan pasal yang tepat.",
        "nav_ask": "Tanya",
        "nav_precedents": "Putusan",
        "nav_docs": "Dokumen",
        "nav_about": "Tentang",
        "skip": "Langsung ke isi",
        "q_label": "Pertanyaan Anda (bahasa Indonesia atau Inggris)",
        "q_placeholder": "mis. Bolehkah PNS memakai mobil dinas untuk kampanye?",
        "q_hint": "Paling banyak {n} karakter.",
        "ask_button": "Tanya",
        "examples": "Contoh pertanyaan",
        "answer": "Jawaban",
        "verdict_prohibited": "Dilarang",
        "verdict_required": "Wajib",
        "verdict_allowed": "Diperbolehkan",
        "verdict_unclear": "Tidak ditemukan aturan yang jelas",
        "provision": "Ketentuan",
        "sanction": "Sanksi",
        "sanction_none": "Tidak ditemukan pasal sanksi yang merujuk ketentuan ini di dokumen yang diindeks.",
        "link_topic": "sanksi untuk perbuatan yang sama di dokumen yang sama (bukan rujukan langsung)",
        "link_same-article": "dari pasal yang sama",
        "gloss": "Ringkasan bahasa Inggris",
        "weak_wording": "Kata yang dipakai teks: \u201c{cue}\u201d (tercantum sebagai bentuk pelanggaran).",
        "unclear_why": "Alasan",
        "reason_no_results": "tidak ada kutipan yang ditemukan",
        "reason_no_regulation": "tidak ada peraturan di antara kutipan teratas",
        "reason_low_score": "kecocokan kutipan rendah",
        "reason_no_key_terms": "pertanyaan tidak memuat kata kunci",
        "reason_no_rule_wording": "kutipan tidak memuat kata larangan, kewajiban, atau kebolehan",
        "reason_key_terms_not_found": "kata kunci pertanyaan tidak ditemukan dalam ketentuan mana pun",
        "disclaimer": DISCLAIMER["id"],
        "passages": "Kutipan yang dirujuk",
        "passages_near": "Kutipan terdekat (tidak menjawab pertanyaan secara jelas)",
        "no_passages": "Tidak ada kutipan yang cocok.",
        "open_pdf": "Buka PDF, hlm. {page}",
        "open_doc": "Lihat dalam dokumen",
        "page": "hlm.",
        "status_berlaku": "berlaku",
        "status_dicabut": "dicabut",
        "status_diubah": "diubah",
        "status_unknown": "status tidak diketahui",
        "summary_badge": "ringkasan",
        "summary_note": "Ringkasan, bukan teks resmi.",
        "official_source": "Sumber resmi",
        "too_long": "Pertanyaan terlalu panjang ({n} karakter). Persingkat menjadi paling banyak {max} karakter.",
        "bad_year": "Tahun harus berupa angka empat digit, mis. 2019.",
        "precedents_title": "Putusan dan keputusan sanksi",
        "precedents_intro": "Cari putusan pengadilan dan keputusan sanksi; saring menurut tahun, pengadilan atau instansi, dan pasal yang diterapkan.",
        "p_q_label": "Kata kunci (boleh kosong)",
        "p_year": "Tahun",
        "p_court": "Pengadilan / instansi",
        "p_article": "Pasal yang diterapkan (nomor, mis. 280)",
        "p_any": "Semua",
        "p_search": "Cari",
        "p_none": "Tidak ada putusan yang cocok dengan saringan ini.",
        "p_count": "{n} putusan",
        "case_number": "Nomor perkara",
        "date": "Tanggal",
        "outcome": "Amar",
        "outcome_convicted": "terbukti bersalah",
        "outcome_acquitted": "dibebaskan",
        "outcome_released": "lepas dari tuntutan",
        "matching": "Bagian yang cocok",
        "docs_title": "Dokumen yang diindeks",
        "doc_kind_regulation": "Peraturan",
        "doc_kind_ruling": "Putusan",
        "pages": "halaman",
        "contents": "Daftar isi",
        "penjelasan": "Penjelasan",
        "penjelasan_umum": "Penjelasan Umum",
        "no_penjelasan": "",
        "relations": "Hubungan",
        "download_pdf": "Unduh / buka PDF",
        "section_perkara": "Duduk perkara",
        "section_dakwaan": "Dakwaan",
        "section_fakta": "Fakta",
        "section_pertimbangan": "Pertimbangan",
        "section_pasal": "Pasal yang diterapkan",
        "section_amar": "Amar putusan",
        "about_title": "Tentang Netral",
        "about_intro": "Netral menjawab pertanyaan tentang netralitas ASN dalam pemilu dan pilkada dengan kutipan tepat dari dokumen yang diindeks: nama peraturan, pasal, ayat, huruf, angka, dan halaman. Jawaban disusun dari kutipan itu sendiri, tanpa model bahasa yang mengarang kalimat.",
        "about_indexed": "Yang diindeks",
        "about_index": "Indeks",
        "about_built": "dibangun",
        "about_model": "model",
        "about_chunks": "potongan teks",
        "about_docs": "dokumen",
        "about_summaries": "Dokumen bertanda \u201cringkasan\u201d adalah ringkasan yang kami tulis sendiri, bukan teks resmi; setiap ringkasan menyebut sumber resminya.",
        "about_api": "API JSON: /api/search, /api/answer, /api/docs. Dokumentasi OpenAPI: ",
        "col_doc": "Dokumen",
        "col_title": "Judul",
        "col_year": "Tahun",
        "col_status": "Status",
        "col_pages": "Hlm.",
        "not_found": "Halaman tidak ditemukan.",
        "doc_not_found": "Dokumen tidak ditemukan.",
        "error": "Terjadi kesalahan. Coba lagi.",
        "back_home": "Kembali ke halaman Tanya",
        "search_results_for": "Hasil untuk",
    },
    "en": {
        "lang_name": "English",
        "tagline": "Civil-service (ASN) neutrality rules in Indonesian elections, with exact citations.",
        "nav_ask": "Ask",
        "nav_precedents": "Rulings",
        "nav_docs": "Documents",
        "nav_about": "About",
        "skip": "Skip to content",
        "q_label": "Your question (Indonesian or English)",
        "q_placeholder": "e.g. Can a civil servant use an official car for a campaign?",
        "q_hint": "At most {n} characters.",
        "ask_button": "Ask",
        "examples": "Example questions",
        "answer": "Answer",
        "verdict_prohibited": "Prohibited",
        "verdict_required": "Required",
        "verdict_allowed": "Allowed",
        "verdict_unclear": "No clear rule found",
        "provision": "Provision",
        "sanction": "Sanction",
        "sanction_none": "No sanction article referring to this provision was found in the indexed documents.",
        "link_topic": "a sanction for the same act in the same document (not a direct reference)",
        "link_same-article": "from the same article",
        "gloss": "English gloss",
        "weak_wording": "Wording in the text: \u201c{cue}\u201d (listed as a violation).",
        "unclear_why": "Why",
        "reason_no_results": "no passages were found",
        "reason_no_regulation": "no regulation among the best passages",
        "reason_low_score": "the passages match poorly",
        "reason_no_key_terms": "the question has no key words",
        "reason_no_rule_wording": "the passages carry no wording of prohibition, obligation or permission",
        "reason_key_terms_not_found": "the question's key words are not in any provision",
        "disclaimer": DISCLAIMER["en"],
        "passages": "Cited passages",
        "passages_near": "Closest passages (they do not answer the question clearly)",
        "no_passages": "No matching passages.",
        "open_pdf": "Open PDF, p. {page}",
        "open_doc": "View in document",
        "page": "p.",
        "status_berlaku": "in force",
        "status_dicabut": "revoked",
        "status_diubah": "amended",
        "status_unknown": "status unknown",
        "summary_badge": "summary",
        "summary_note": "Summary (ringkasan), not the official text.",
        "official_source": "Official source",
        "too_long": "The question is too long ({n} characters). Please shorten it to at most {max} characters.",
        "bad_year": "The year must be a four-digit number, e.g. 2019.",
        "precedents_title": "Rulings and sanction decisions",
        "precedents_intro": "Search court rulings and sanction decisions; filter by year, court or instance, and the article applied.",
        "p_q_label": "Keywords (may be empty)",
        "p_year": "Year",
        "p_court": "Court / instance",
        "p_article": "Article applied (number, e.g. 280)",
        "p_any": "All",
        "p_search": "Search",
        "p_none": "No rulings match these filters.",
        "p_count": "{n} rulings",
        "case_number": "Case number",
        "date": "Date",
        "outcome": "Outcome",
        "outcome_convicted": "convicted",
        "outcome_acquitted": "acquitted",
        "outcome_released": "released from charges",
        "matching": "Matching passage",
        "docs_title": "Indexed documents",
        "doc_kind_regulation": "Regulation",
        "doc_kind_ruling": "Ruling",
        "pages": "pages",
        "contents": "Contents",
        "penjelasan": "Elucidation (Penjelasan)",
        "penjelasan_umum": "General elucidation (Penjelasan Umum)",
        "no_penjelasan": "",
        "relations": "Relations",
        "download_pdf": "Download / open PDF",
        "section_perkara": "Case",
        "section_dakwaan": "Charges",
        "section_fakta": "Facts",
        "section_pertimbangan": "Reasoning",
        "section_pasal": "Articles applied",
        "section_amar": "Ruling",
        "about_title": "About Netral",
        "about_intro": "Netral answers questions on civil-service neutrality in Indonesian elections with exact quotations from the indexed documents: instrument, Pasal, ayat, huruf, angka and page. Answers are assembled from those quotations; no language model writes sentences.",
        "about_indexed": "What is indexed",
        "about_index": "Index",
        "about_built": "built",
        "about_model": "model",
        "about_chunks": "passages",
        "about_docs": "documents",
        "about_summaries": "Documents marked \u201csummary\u201d are summaries we wrote ourselves, not official texts; each names its official source.",
        "about_api": "JSON API: /api/search, /api/answer, /api/docs. OpenAPI documentation: ",
        "col_doc": "Document",
        "col_title": "Title",
        "col_year": "Year",
        "col_status": "Status",
        "col_pages": "Pages",
        "not_found": "Page not found.",
        "doc_not_found": "Document not found.",
        "error": "Something went wrong. Please try again.",
        "back_home": "Back to Ask",
        "search_results_for": "Results for",
    },
}

EXAMPLES = {
    "id": [
        "Bolehkah PNS memakai mobil dinas untuk kampanye?",
        "Bolehkah PNS menghadiri deklarasi bakal calon sebelum ditetapkan KPU?",
        "Apa sanksi bagi PNS yang menjadi tim sukses?",
    ],
    "en": [
        "Can a civil servant use an official car for a campaign?",
        "Can I attend a candidate's declaration before KPU confirms them?",
        "What is the penalty for a civil servant on a campaign team?",
    ],
}

# ---------------------------------------------------------------------------- ids, text helpers


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
    t = _norm(stem(word)) if len(word) > 3 else word
    if t in marks:
        return True
    return any(t[:n] in marks for n in range(5, len(t)))


request_log = logging.getLogger("kb.serve")

# ---------------------------------------------------------------------------- security headers

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class SecurityHeaders:
    """Adds the security headers to every response (a route may set its own CSP)."""

    def __init__(self, app: Callable):  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send):  # noqa: ANN001
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        started = time.perf_counter()
        status = 500

        async def send_with_headers(message):  # noqa: ANN001
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS:
                    if k not in names:
                        headers.append((k, v))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        try:
            return await self.app(scope, receive, send_with_headers)
        finally:  # a structured line per request; the path only, never the question
            request_log.info("request", extra=fields(
                method=scope.get("method"), path=scope.get("path"), status=status,
                ms=round((time.perf_counter() - started) * 1000, 1),
            ))


# ---------------------------------------------------------------------------- the app


def create_app(settings: Settings, searcher: "Searcher | LiveSearcher | None" = None, web_dir: Path | None = None) -> FastAPI:
    """The app over one index. With no `searcher`, the model and index are loaded now, once
    (and a rebuilt index is picked up in the background)."""
    web = Path(web_dir) if web_dir else WEB_DIR
    lib = Library(settings, searcher if searcher is not None else LiveSearcher(settings))
    lib.snapshot()  # load and warm before the first request
    env = Environment(loader=FileSystemLoader(str(web / "templates")), autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["max_query"] = settings.max_query_chars
    env.filters["reflow"] = reflow
    env.filters["lines"] = text_lines

    app = FastAPI(
        title="Netral",
        description="Cited answers on Indonesian civil-service (ASN) neutrality in elections. "
        "`/api/search` returns the same objects as `kb search --json`.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")

    # ------------------------------------------------------------------ helpers

    def lang_of(request: Request) -> tuple[str, bool]:
        q = request.query_params.get("lang")
        if q in LANGS:
            return q, True
        c = request.cookies.get("lang")
        return (c if c in LANGS else "id"), False

    def lang_url(request: Request, code: str) -> str:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", code)]
        return "/" + request.url.path.lstrip("/") + "?" + urlencode(params)  # never "//host": stays on this site

    def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        lang, explicit = lang_of(request)
        html = env.get_template(name).render(
            t=UI[lang],
            lang=lang,
            other_lang="en" if lang == "id" else "id",
            lang_urls={code: lang_url(request, code) for code in LANGS},
            path=request.url.path,
            badge=lambda meta: status_badge(meta, UI[lang]),
            **ctx,
        )
        resp = HTMLResponse(html, status_code=status)
        if explicit:
            resp.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return resp

    def check_query(q: str) -> str:
        return lib.query(q, required=False)

    def passage_view(r: Result, snap: Snapshot, marks: frozenset[str]) -> dict[str, Any]:
        c = r.chunk
        return {"r": r, "c": c, "meta": r.doc.meta, "lines": text_lines(c.text, marks), **snap.links.chunk(c), "page": first_page(c)}

    def parse_year(v: str | None) -> int | None:
        if v is None or not v.strip():
            return None
        if not re.fullmatch(r"\d{4}", v.strip()):
            raise ValueError("year")
        return int(v)

    # ------------------------------------------------------------------ errors

    @app.exception_handler(QueryTooLong)
    async def too_long(request: Request, exc: QueryTooLong) -> Response:
        lang, _ = lang_of(request)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        msg = UI[lang]["too_long"].format(n=exc.n, max=exc.limit)
        q = request.query_params.get("q", "")
        if request.url.path == "/precedents":
            return render(request, "precedents.html", status=400, q=q, year="", court="", article="", items=[],
                          options=lib.snapshot().precedent_options(), error=msg)
        return render(request, "ask.html", status=400, q=q, error=msg, answer=None, passages=[])

    @app.exception_handler(MilvusError)
    async def store_down(request: Request, exc: MilvusError):  # noqa: ANN202
        """The vector store (a Milvus cluster) failed mid-request: say so, as 503, not a 500."""
        request_log.error("store.unavailable", extra=fields(path=request.url.path, error=str(exc)))
        if request.url.path.startswith("/api/") or request.url.path == "/healthz":
            return JSONResponse({"detail": f"the search index is unavailable: {exc}"}, status_code=503)
        return render(request, "error.html", status=503, message=f"The search index is unavailable: {exc}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # noqa: ANN202
        if request.url.path.startswith("/api/") or request.url.path == "/healthz":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        lang, _ = lang_of(request)
        msg = UI[lang]["doc_not_found"] if request.url.path.startswith("/docs/") and exc.status_code == 404 else (
            UI[lang]["not_found"] if exc.status_code == 404 else str(exc.detail)
        )
        return render(request, "error.html", status=exc.status_code, message=msg)

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        lang, _ = lang_of(request)
        return render(request, "ask.html", q="", answer=None, passages=[], examples=EXAMPLES[lang])

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask_page(request: Request, q: str = "") -> Response:
        q = check_query(q)
        if not q:
            return RedirectResponse("/", status_code=303)
        snap = lib.snapshot()
        res = snap.ask(q, 6)
        answer = res.answer
        marks = highlight_terms(q)
        used = {answer.provision.source} if answer.provision else set()
        return render(
            request,
            "ask.html",
            q=q,
            answer=answer,
            provision_urls=snap.links.clause(answer.provision) if answer.provision else None,
            sanctions=[(s, snap.links.clause(s)) for s in answer.sanctions],
            passages=[passage_view(r, snap, marks) for r in res.results],
            used=used,
        )

    @app.get("/precedents", response_class=HTMLResponse, include_in_schema=False)
    def precedents_page(
        request: Request, q: str = "", year: str | None = None, court: str | None = None, article: str | None = None
    ) -> Response:
        lang, _ = lang_of(request)
        q = check_query(q)
        snap = lib.snapshot()
        error = None
        try:
            y = parse_year(year)
        except ValueError:
            y, error = None, UI[lang]["bad_year"]
        found = [] if error else snap.precedents(q, PrecedentFilters(y, court or None, article or None), 20).items
        marks = highlight_terms(q) if q else frozenset()
        items = []
        for p in found:
            c = p.passage
            page = first_page(c)
            items.append({"doc": p.document, "outcome": p.outcome, "chunk": c, "lines": text_lines(c.text, marks),
                          "doc_url": snap.links.doc(c.source, anchor_for(c)), "pdf_url": snap.links.pdf(c.source, page), "page": page})
        return render(
            request,
            "precedents.html",
            status=400 if error else 200,
            q=q,
            year=year or "",
            court=court or "",
            article=article or "",
            items=items,
            options=snap.precedent_options(),
            error=error,
        )

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> Response:
        return render(request, "docs.html", docs=lib.documents())

    @app.get("/docs/{doc_id}.pdf", include_in_schema=False)
    def doc_pdf(doc_id: str) -> Response:
        try:
            path = lib.snapshot().pdf(doc_id, settings.corpus_dir)
        except DocumentNotFound:
            raise StarletteHTTPException(404, "no such document") from None
        return FileResponse(
            path,
            media_type="application/pdf",
            filename=path.name,
            content_disposition_type="inline",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    @app.get("/docs/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def doc_page(request: Request, doc_id: str) -> Response:
        try:
            page = lib.document(doc_id)
        except DocumentNotFound:
            raise StarletteHTTPException(404, "no such document") from None
        return render(request, "doc.html", doc=page.document, meta=page.meta, sections=page.sections, loose=page.penjelasan)

    @app.get("/about", response_class=HTMLResponse, include_in_schema=False)
    def about_page(request: Request) -> Response:
        o = lib.snapshot().overview()
        return render(request, "about.html", docs=o.documents, info=o.info, chunks=o.chunks, generation=o.generation)

    # ------------------------------------------------------------------ API

    @app.get("/api/search", tags=["api"], summary="Search: the objects of `kb search --json`")
    def api_search(
        q: str = Query(..., description="The question (Indonesian or English)."),
        k: int = Query(10, ge=1, le=MAX_K, description="How many results."),
        kind: str | None = Query(None, pattern="^(regulation|ruling)$", description="regulation or ruling"),
        year: int | None = Query(None, ge=1900, le=2100, description="Only documents of this year."),
        doc: str | None = Query(None, max_length=200, description='Only this document: file name or "PP 94/2021".'),
    ) -> dict[str, Any]:
        q = check_query(q)
        if not q:
            raise StarletteHTTPException(422, "q must not be empty")
        return lib.search(q, k, Filters(kind=kind, year=year, doc=doc)).to_json()

    @app.get("/api/answer", tags=["api"], summary="The answer card and its passages")
    def api_answer(
        q: str = Query(..., description="The question."),
        k: int = Query(6, ge=1, le=MAX_K, description="How many passages."),
    ) -> dict[str, Any]:
        q = check_query(q)
        if not q:
            raise StarletteHTTPException(422, "q must not be empty")
        return lib.ask(q, k).to_json()

    @app.get("/api/precedents", tags=["api"], summary="Rulings and sanction decisions, filtered")
    def api_precedents(
        q: str = Query("", description="Keywords (may be empty: list by filters)."),
        year: int | None = Query(None, ge=1900, le=2100),
        court: str | None = Query(None, max_length=200, description="Court or instance, as in /api/docs `court`."),
        article: str | None = Query(None, max_length=50, description='Article applied: "280" or "Pasal 280".'),
        k: int = Query(20, ge=1, le=MAX_K),
    ) -> dict[str, Any]:
        return lib.precedents(q, PrecedentFilters(year, court, article), k).to_json()

    @app.get("/api/docs", tags=["api"], summary="The indexed documents")
    def api_docs() -> dict[str, Any]:
        return {"documents": [d.to_json() for d in lib.documents()]}

    @app.get("/api/docs/{doc_id}", tags=["api"], summary="One document and its structure")
    def api_doc(doc_id: str) -> dict[str, Any]:
        try:
            return lib.document(doc_id).to_json()
        except DocumentNotFound as e:
            raise StarletteHTTPException(404, str(e)) from None

    @app.get("/healthz", tags=["ops"], summary="Liveness and what is loaded")
    def healthz() -> dict[str, Any]:
        return lib.health().to_json()

    swagger = get_swagger_ui_html(openapi_url="/api/openapi.json", title="Netral API").body.decode()
    inline = re.findall(r"<script>(.*?)</script>", swagger, re.S)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline)
    swagger_csp = (
        f"default-src 'self'; script-src 'self' https://cdn.jsdelivr.net {hashes}; "
        "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )

    @app.get("/api/docs-ui", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        """Swagger UI (its assets come from a CDN: needs internet in the browser)."""
        return HTMLResponse(swagger, headers={"Content-Security-Policy": swagger_csp})

    return app


def status_badge(meta: Any, t: dict[str, str]) -> dict[str, str] | None:
    """The status badge of a document: berlaku / dicabut / diubah, or unknown for a regulation."""
    get = meta.get if isinstance(meta, dict) else (lambda k: getattr(meta, k, None))
    if get("kind") != "regulation":
        return None
    status = get("status")
    if status in ("berlaku", "dicabut", "diubah"):
        return {"cls": f"status-{status}", "text": t[f"status_{status}"]}
    return {"cls": "status-unknown", "text": t["status_unknown"]}
