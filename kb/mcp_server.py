"""Netral inside an AI assistant: an MCP server (the official `mcp` SDK) over the library.

    kb mcp                          # stdio: the assistant starts it as a subprocess
    kb mcp --http --port 8765       # streamable HTTP on 127.0.0.1:8765/mcp

Four tools, each answering from kb.library (the core the web pages and the JSON API call)
and returning the same JSON object as the API route named:

    ask(question, k)                       GET /api/answer      the answer card and its cited passages
    search(query, k, kind, year, doc)      GET /api/search      ranked cited passages
    precedents(query, article, ...)        GET /api/precedents  rulings with their outcome
    get_document(doc_id)                   GET /api/docs/{id}   a document and its structure

A foreseen fault (an empty question, an unknown document) comes back as the tool's error
with its one-line message. Logs go to stderr: stdout belongs to the protocol.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent

from .errors import NetralError
from .library import MAX_K, Library
from .precedents import PrecedentFilters
from .search import Filters
from .web.schemas import AnswerResponse, DocumentResponse, PrecedentsResponse, SearchResponse

INSTRUCTIONS = (
    "Netral answers questions on the neutrality of Indonesian civil servants (ASN, PNS, PPPK) and village "
    "officials in general and regional elections, with exact citations (instrument, Pasal, ayat, page) from "
    "the indexed laws, regulations and court rulings. Quote the citations it returns; it is not legal advice. "
    "Documents marked summary are the project's own summaries, not official texts."
)


def _result(make: Callable[[], dict[str, Any]]) -> CallToolResult:
    """A tool's result: the API's JSON object exactly, as structured content and as JSON text
    (for clients that read text only). A foreseen fault becomes the tool's error message."""
    try:
        obj = make()
    except NetralError as e:
        raise ToolError(str(e)) from None
    return CallToolResult(content=[TextContent(type="text", text=json.dumps(obj, ensure_ascii=False))], structured_content=obj)


def create_server(library: Library) -> MCPServer:
    """The MCP server with the four tools over `library`."""
    server: MCPServer = MCPServer("netral", instructions=INSTRUCTIONS, version="0.1.0", log_level="WARNING")

    @server.tool(description="The answer card (verdict, the provision it rests on, the sanction) and the cited passages: "
                             "what GET /api/answer returns. Ask in Indonesian or English.")
    def ask(question: str, k: int = 6) -> Annotated[CallToolResult, AnswerResponse]:
        return _result(lambda: library.ask(question, max(1, min(k, MAX_K))).to_json())

    @server.tool(description="Ranked cited passages from the laws, regulations and rulings: what GET /api/search returns.")
    def search(
        query: str, k: int = 10, kind: Literal["regulation", "ruling"] | None = None, year: int | None = None,
        doc: str | None = None,
    ) -> Annotated[CallToolResult, SearchResponse]:
        def run() -> dict[str, Any]:
            q = library.query(query)
            return library.search(q, max(1, min(k, MAX_K)), Filters(kind=kind, year=year, doc=doc)).to_json()
        return _result(run)

    @server.tool(description="Court rulings and sanction decisions with their outcome (articles applied, sentence): what "
                             'GET /api/precedents returns. article: "UU 7/2017 Pasal 280 ayat (2)" or "490"; violation: '
                             "asn-kampanye, fasilitas, politik-uang, keputusan-pejabat or suara; sort: relevance or date.")
    def precedents(
        query: str = "", article: str | None = None, violation: str | None = None, court: str | None = None,
        year_from: int | None = None, year_to: int | None = None, sort: Literal["relevance", "date"] = "relevance",
        k: int = 20,
    ) -> Annotated[CallToolResult, PrecedentsResponse]:
        filters = PrecedentFilters(None, court, article, violation, year_from, year_to, sort)
        return _result(lambda: library.precedents(query, filters, max(1, min(k, MAX_K))).to_json())

    @server.tool(description="One indexed document and its structure (each Pasal with its Penjelasan): what GET "
                             "/api/docs/{doc_id} returns. The ids are in the results of the other tools (doc_url).")
    def get_document(doc_id: str) -> Annotated[CallToolResult, DocumentResponse]:
        return _result(lambda: library.document(doc_id).to_json())

    return server


def run(library: Library, http: bool = False, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve over stdio, or streamable HTTP at http://host:port/mcp."""
    server = create_server(library)
    if http:
        server.run("streamable-http", host=host, port=port)
    else:
        server.run("stdio")
