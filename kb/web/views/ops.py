"""`/healthz`: liveness and what is loaded (generation, documents, chunks, model)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..pages import library_of
from ..schemas import HealthResponse, Problem

router = APIRouter(tags=["ops"])


@router.get("/healthz", summary="Liveness and what is loaded", response_model=HealthResponse,
            responses={503: {"model": Problem, "description": "The search index is unavailable."}})
def healthz(request: Request) -> JSONResponse:
    lib = library_of(request)
    if lib.starting:  # answered at once while the model and the index load
        return JSONResponse({"detail": "starting: the model and the index are loading"}, status_code=503)
    return JSONResponse(lib.health().to_json())
