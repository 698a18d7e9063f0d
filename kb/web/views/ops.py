"""`/healthz`: what is served, and whether search works (a real query run on it).

200 with "ok", or "degraded" and the reason (a load balancer reads the status and can keep
routing to a server that answers); 503 when nothing can be served (no snapshot of the index
can be made). HEAD is answered too (kb.web.security.HeadAsGet).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ...logs import fields
from ..pages import library_of
from ..schemas import HealthResponse, Problem
from ..security import request_log
from ..starter import STARTING

router = APIRouter(tags=["ops"])


@router.get("/healthz", summary="What is served, and whether search works", response_model=HealthResponse,
            responses={503: {"model": Problem, "description": "Nothing can be served."},
                       414: {"model": Problem, "description": "The request address is too long."}})
def healthz(request: Request) -> JSONResponse:
    lib = library_of(request)
    if lib.starting:  # answered at once while the model and the index load
        return JSONResponse({"detail": STARTING}, status_code=503)
    try:
        health = lib.health()
    except Exception as e:  # what stops a snapshot stops every request: say so, as 503
        request_log.exception("health.unavailable", extra=fields(error=str(e)))
        return JSONResponse({"detail": f"nothing can be served: {type(e).__name__}: {e}"}, status_code=503)
    return JSONResponse(health.to_json())
