"""The document pages: `/docs` (the list), `/docs/<id>` (BAB -> Pasal, each with its
Penjelasan), `/docs/<id>.pdf` (the source PDF, only from inside the corpus folder) and
`/about` (what is indexed). Rendered from the objects `/api/docs` and `/api/docs/{id}`
serialise."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ..pages import library_of, pages_of
from ..text import ruling_section

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    return pages_of(request).render(request, "docs.html", docs=library_of(request).documents())


@router.get("/docs/{doc_id}.pdf")
def doc_pdf(request: Request, doc_id: str) -> Response:
    lib = library_of(request)
    path = lib.snapshot().pdf(doc_id, lib.settings.corpus_dir)
    return FileResponse(
        path,
        media_type="application/pdf",
        filename=path.name,
        content_disposition_type="inline",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@router.get("/docs/{doc_id}", response_class=HTMLResponse)
def doc_page(request: Request, doc_id: str) -> Response:
    page = library_of(request).document(doc_id)
    texts, notes = {}, []
    if page.meta.kind == "ruling":  # each section under its own heading; our summary's header block apart
        for sec in page.sections:
            texts[sec.anchor], note = ruling_section(sec.part, sec.text, page.meta.summary)
            notes += [note] if note else []
    return pages_of(request).render(
        request, "doc.html", doc=page.document, meta=page.meta, sections=page.sections, loose=page.penjelasan,
        texts=texts, notes=notes,
    )


@router.get("/about", response_class=HTMLResponse)
def about_page(request: Request) -> Response:
    o = library_of(request).snapshot().overview()
    return pages_of(request).render(request, "about.html", docs=o.documents, info=o.info, chunks=o.chunks, generation=o.generation)
