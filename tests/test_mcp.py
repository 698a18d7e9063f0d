"""The MCP server (kb.mcp_server, `kb mcp`), tested with the official SDK's own client: in
memory, over stdio (a subprocess serving the bundled corpus with the stand-in embedder), over
streamable HTTP on 127.0.0.1, and (slow) the real `kb mcp` command on the real model. Each
lists the four tools and gets a cited answer; the tools return the API's JSON objects."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from kb.build import build_index
from kb.config import Settings
from kb.index import load_index
from kb.library import Library
from kb.search import Searcher
from tests.helpers import ROOT, HashEmbedder, free_port, hash_cards, uvicorn_thread

mcp = pytest.importorskip("mcp", reason="the mcp SDK is not installed (pip install mcp)")
from mcp import Client, StdioServerParameters  # noqa: E402

from kb.mcp_server import create_server  # noqa: E402

TOOLS = {"ask", "search", "precedents", "get_document"}
MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"
PP94 = "regulations--pp-94-2021"


@pytest.fixture(scope="module")
def lib(fixture_rules_index: Settings) -> Library:
    """The bundled corpus with the fixture rule base and the stand-in's card maker."""
    s = fixture_rules_index
    return Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards)


async def _session(server: Any) -> dict[str, Any]:
    """List the tools and call each once, through `Client(server)`."""
    out: dict[str, Any] = {}
    async with Client(server, read_timeout_seconds=60) as c:
        out["tools"] = {t.name: t for t in (await c.list_tools()).tools}
        out["ask"] = await c.call_tool("ask", {"question": MOBIL})
        out["search"] = await c.call_tool("search", {"query": "kepala desa menguntungkan peserta pemilu", "k": 3})
        out["precedents"] = await c.call_tool("precedents", {"article": "UU 7/2017 Pasal 490"})
        out["doc"] = await c.call_tool("get_document", {"doc_id": PP94})
        out["missing"] = await c.call_tool("get_document", {"doc_id": "no-such-doc"})
        out["empty"] = await c.call_tool("ask", {"question": "   "})
    return out


def _check(out: dict[str, Any]) -> None:
    """Four tools; a cited answer; the other tools' objects; faults as tool errors."""
    assert set(out["tools"]) == TOOLS
    assert all(out["tools"][n].output_schema and out["tools"][n].description for n in TOOLS)
    ask = out["ask"]
    assert not ask.is_error
    card = ask.structured_content["answer"]
    assert card["verdict"] == "prohibited" and card["provision"]["citation"] == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert [r["citation"] for r in ask.structured_content["results"]][:1] and ask.structured_content["results"][0]["citation"]
    assert json.loads(ask.content[0].text) == ask.structured_content  # the same object as text, for text-only clients
    assert len(out["search"].structured_content["results"]) == 3
    assert [p["document"]["case_number"] for p in out["precedents"].structured_content["results"]] == ["30/Pid.Sus/2019/PN Pml"]
    assert out["doc"].structured_content["document"]["short"] == "PP 94/2021"
    assert out["missing"].is_error and "no document 'no-such-doc'" in out["missing"].content[0].text
    assert out["empty"].is_error and "the question is empty" in out["empty"].content[0].text


def test_in_memory_session_lists_four_tools_and_gets_the_api_objects(lib: Library) -> None:
    from kb.web import create_app

    out = anyio.run(_session, create_server(lib))
    _check(out)
    api = TestClient(create_app(lib.settings, lib))
    assert out["ask"].structured_content == api.get("/api/answer", params={"q": MOBIL}).json()  # the same core, the same JSON
    assert out["precedents"].structured_content == api.get("/api/precedents", params={"article": "UU 7/2017 Pasal 490"}).json()
    assert out["doc"].structured_content == api.get(f"/api/docs/{PP94}").json()


STUB = """
import sys
from pathlib import Path
from kb.config import Settings
from kb.index import load_index
from kb.library import Library
from kb.mcp_server import run
from kb.search import Searcher
from tests.helpers import HashEmbedder, hash_cards
s = Settings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]), rules_dir=Path(sys.argv[3]))
run(Library(s, Searcher(load_index(s.index_dir), HashEmbedder(), s), hash_cards))
"""


def test_stdio_server_in_a_subprocess(fixture_rules_index: Settings) -> None:
    """The stdio transport end to end: the SDK's client starts the server as a subprocess
    (kb.mcp_server.run, what `kb mcp` runs, here over the stand-in embedder)."""
    params = StdioServerParameters(
        command=sys.executable, args=["-c", STUB, *(str(p) for p in (fixture_rules_index.corpus_dir, fixture_rules_index.index_dir, fixture_rules_index.rules_dir))],
        env={"PYTHONPATH": str(ROOT)}, cwd=str(ROOT),
    )
    _check(anyio.run(_session, params))


@pytest.fixture
def http_server(lib: Library) -> Iterator[str]:
    """The streamable HTTP app (`kb mcp --http`) under uvicorn on 127.0.0.1, in a thread."""
    import uvicorn

    port = free_port()
    app = create_server(lib).streamable_http_app(host="127.0.0.1")
    with uvicorn_thread(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")):
        yield f"http://127.0.0.1:{port}/mcp"


def test_streamable_http(http_server: str) -> None:
    _check(anyio.run(_session, http_server))


@pytest.mark.slow
def test_kb_mcp_command_on_the_real_model(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`kb mcp` itself (stdio), on the bundled corpus indexed with the real model."""
    import shutil

    kb = shutil.which("kb", path=str(Path(sys.executable).parent))
    if kb is None:
        pytest.skip("the kb command is not installed in this environment")
    s = Settings.from_env(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("mcp-real"))
    build_index(s, progress=False)
    env = {k: v for k, v in os.environ.items() if k.startswith(("KB_", "XDG_", "HF_")) or k == "PYTHONPATH"}
    params = StdioServerParameters(
        command=kb, args=["--corpus", str(s.corpus_dir), "--index", str(s.index_dir), "mcp"], env=env, cwd=str(ROOT)
    )

    async def ask() -> tuple[set[str], Any]:
        async with Client(params, read_timeout_seconds=120) as c:
            names = {t.name for t in (await c.list_tools()).tools}
            return names, await c.call_tool("ask", {"question": "Can a civil servant use an official car for a campaign?"})

    names, res = anyio.run(ask)
    assert names == TOOLS and not res.is_error
    card = res.structured_content["answer"]
    assert card["provision"] and card["provision"]["citation"]  # a cited answer
    assert all(r["citation"] for r in res.structured_content["results"])
