"""The JSON API's contract, as a third-party tester reads it: Schemathesis generates requests
from `/api/openapi.json` (valid and invalid ones, in all its phases) and runs all its
checks on every response: no 5xx, every status and content type declared, every body valid
against its declared schema, invalid input rejected and valid input accepted, `Allow` on a
405. Bounded examples over the bundled corpus with the stand-in embedder (~15 s).

(The run goes through Schemathesis' engine, what `st run --checks all` drives: its pytest
plugin does not load under pytest 9.)"""

from __future__ import annotations

import re

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e '.[test]')")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from schemathesis.engine import Status, events  # noqa: E402

from kb.config import Settings  # noqa: E402
from kb.index import load_index  # noqa: E402
from kb.search import Searcher  # noqa: E402
from kb.web import create_app  # noqa: E402
from tests.helpers import HashEmbedder  # noqa: E402

EXAMPLES = 15  # per operation, mode and phase
SEED = 1  # the same requests on every run (set another to explore: the checks must pass for any)


@pytest.fixture(scope="module")
def app(bundled_index: Settings) -> FastAPI:
    s = bundled_index
    return create_app(s, Searcher(load_index(s.index_dir), HashEmbedder(), s))


def test_every_api_route_declares_its_responses(app: FastAPI) -> None:
    spec = TestClient(app).get("/api/openapi.json").json()
    routes = {p: ops["get"] for p, ops in spec["paths"].items()}
    assert set(routes) == {"/api/search", "/api/answer", "/api/precedents", "/api/docs", "/api/docs/{doc_id}", "/healthz"}
    components = spec["components"]["schemas"]
    for path, op in routes.items():
        ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        model = components[ref.rsplit("/", 1)[-1]]
        assert model["properties"] and model["additionalProperties"] is False, path
        assert "503" in op["responses"], path
    assert "404" in routes["/api/docs/{doc_id}"]["responses"]
    q = next(p for p in routes["/api/search"]["parameters"] if p["name"] == "q")["schema"]
    assert (q["minLength"], q["maxLength"]) == (1, Settings().max_query_chars) and re.search(q["pattern"], "a") and not re.search(q["pattern"], " \x1e")


def test_schemathesis_with_all_checks_finds_nothing(app: FastAPI) -> None:
    config = schemathesis.Config.from_dict(
        {"checks": {"enabled": True}, "generation": {"mode": "all", "max-examples": EXAMPLES, "database": "none"}, "seed": SEED}
    )
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, config=config)
    failures: set[tuple[str | None, str, str]] = set()
    errors: list[str] = []
    requests = 0
    for ev in schemathesis.engine.from_schema(schema).execute():
        if isinstance(ev, events.ScenarioFinished):
            requests += len(ev.recorder.interactions)
            for case_id, checks in ev.recorder.checks.items():
                for c in checks:
                    if c.status == Status.FAILURE:
                        request = ev.recorder.interactions[case_id].request.uri if case_id in ev.recorder.interactions else ""
                        failures.add((ev.label, c.name, f"{c.failure_info.failure.title if c.failure_info else ''} {request[:200]}"))
        elif isinstance(ev, (events.NonFatalError, events.FatalError)):
            errors.append(str(ev))
    assert not errors and not failures, sorted(failures)[:10]
    assert requests > 200, requests  # it ran: every operation, valid and invalid input
