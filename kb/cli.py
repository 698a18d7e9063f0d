"""The `kb` command: build, search, eval, status."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from .config import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Netral: a cited legal knowledge base on ASN neutrality.")
_state: dict[str, Settings] = {}


@app.callback()
def main(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder (regulations/, rulings/). Env: KB_CORPUS."),
    index: Optional[Path] = typer.Option(None, "--index", help="Index folder. Env: KB_INDEX."),
    model: Optional[str] = typer.Option(None, "--model", help="Local sentence-transformers folder. Env: KB_MODEL."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens."),
    log_json: bool = typer.Option(False, "--log-json", help="Structured logs: one JSON object a line on stderr."),
) -> None:
    from .logs import setup

    setup(logging.INFO if (verbose or log_json) else logging.WARNING, as_json=log_json)
    _state["settings"] = Settings.from_env(corpus_dir=corpus, index_dir=index, model=model)


def _settings() -> Settings:
    return _state.get("settings") or Settings.from_env()


def _fail(msg: str) -> None:
    typer.secho(f"error: {msg}", fg="red", err=True)
    raise typer.Exit(1)


@contextmanager
def _store_errors() -> Iterator[None]:
    """A vector store failing mid-command (Milvus gone): one line naming it, not a traceback."""
    from .milvus_store import MilvusError

    try:
        yield
    except MilvusError as e:
        _fail(str(e))


def _open_searcher():  # noqa: ANN202
    from .embed import ModelError
    from .index import IndexStateError
    from .search import Searcher

    try:
        return Searcher.open(_settings())
    except (IndexStateError, ModelError, RuntimeError) as e:
        _fail(str(e))


@app.command()
def build(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars."),
    official_only: bool = typer.Option(False, "--official-only", help="Index only <corpus>/official/ (from `kb corpus fetch`), not the summaries."),
    backend: Optional[str] = typer.Option(None, "--backend", help="Where the vectors go: faiss (files in the index, the default) or milvus. Env: KB_BACKEND."),
    uri: Optional[str] = typer.Option(None, "--uri", help="Milvus: http://host:19530, or a milvus-lite file ending in .db. Env: KB_MILVUS_URI."),
    token: Optional[str] = typer.Option(None, "--token", help="Milvus token (user:password or API key); prefer the env KB_MILVUS_TOKEN, which every command reads."),
) -> None:
    """Index the corpus (incremental: only changed files are re-read and re-embedded)."""
    from .build import build_index
    from .embed import ModelError
    from .index import IndexStateError, store_location
    from .milvus_store import MilvusError, collection_name

    overrides = {"backend": backend, "milvus_uri": uri, "milvus_token": token}
    s = replace(_settings(), **{k: v for k, v in overrides.items() if v is not None})
    try:
        report = build_index(s, progress=not quiet and sys.stderr.isatty(), official_only=official_only)
    except (IndexStateError, ModelError, MilvusError, FileNotFoundError) as e:
        _fail(str(e))
    typer.echo(
        f"added {len(report.added)}, changed {len(report.changed)}, removed {len(report.removed)}, "
        f"unchanged {len(report.unchanged)}; {report.chunks} chunks "
        f"({report.embedded} embedded, {report.cached} from cache) -> {s.index_dir}/{report.generation}"
    )
    backend, uri = store_location(s.index_dir / str(report.generation))
    if backend == "milvus":
        typer.echo(f"vectors and BM25 in Milvus collection {collection_name(str(report.generation))} at {uri}")
    typer.echo("timings (s): " + ", ".join(f"{k} {v}" for k, v in report.seconds.items()))
    for p in report.problems:
        typer.secho(f"problem: {p.source}: {p.reason}", fg="yellow", err=True)


@app.command()
def search(
    query: Optional[str] = typer.Argument(None, help="The question."),
    k: int = typer.Option(5, "-k", help="How many results."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    batch: Optional[Path] = typer.Option(None, "--batch", help="JSONL file of {id, question}; one model load."),
    kind: Optional[str] = typer.Option(None, "--kind", help="regulation or ruling."),
    doc: Optional[str] = typer.Option(None, "--doc", help='Only this document: file name or "PP 94/2021".'),
    year: Optional[int] = typer.Option(None, "--year", help="Only documents of this year."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="YYYY-MM-DD: the law as it stood that day (documents enacted later are left out; revocations after it are ignored)."),
) -> None:
    """Search the index; cites document, Pasal and page for every passage."""
    from .evaluate import load_questions
    from .search import Filters

    if kind and kind not in ("regulation", "ruling"):
        _fail("--kind must be 'regulation' or 'ruling'")
    if not query and not batch:
        _fail("give a question, or --batch FILE")
    if as_of and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", as_of):
        _fail("--as-of takes a date: YYYY-MM-DD")
    if as_of:
        as_of = (as_of + "-12-31")[:10] if len(as_of) < 10 else as_of
    filters = Filters(kind=kind, doc=doc, year=year, as_of=as_of)
    searcher = _open_searcher()
    if batch:
        try:
            qs = load_questions(batch)
        except (OSError, ValueError) as e:
            _fail(str(e))
        bad = [i for i, q in enumerate(qs, 1) if "question" not in q]
        if bad:
            _fail(f"{batch}: line(s) {bad[:5]} have no 'question'")
        with _store_errors():
            res = searcher.search_many([q["question"] for q in qs], k, filters)
        for q, rs in zip(qs, res):
            if as_json:
                typer.echo(json.dumps({"id": q.get("id"), "results": [r.to_json() for r in rs]}, ensure_ascii=False))
            else:
                typer.echo(f"# {q.get('id')}: {q['question']}")
                _print_results(rs)
        return
    with _store_errors():
        results = searcher.search(query or "", k, filters)
    if as_json:
        typer.echo(json.dumps({"query": query, "results": [r.to_json() for r in results]}, ensure_ascii=False, indent=1))
    else:
        _print_results(results)


def _print_results(results) -> None:  # noqa: ANN001
    if not results:
        typer.echo("no results")
    for r in results:
        c = r.chunk
        pages = f"p. {c.pages[0]}" + (f"-{c.pages[-1]}" if len(c.pages) > 1 else "")
        marker = " [ringkasan]" if r.doc.meta.summary else ""
        typer.secho(f"{r.rank}. {r.citation}{marker}  ({c.source}, {pages}, score {r.score:.2f})", bold=True)
        text = " ".join(c.text.split())
        typer.echo("   " + (text[:400] + " ..." if len(text) > 400 else text))


@app.command("eval")
def eval_cmd(
    questions: Path = typer.Argument(..., help="JSONL: id, question, lang, kind, relevant[{source, article}]."),
    as_json: bool = typer.Option(False, "--json", help="Write the summary and per-question scores as JSON."),
    show: bool = typer.Option(False, "--show", help="Per-question ranks and misses."),
) -> None:
    """Recall@1/5/10, Hit@5 and MRR@10, overall and by language and kind."""
    from .evaluate import evaluate, load_questions, summarise

    try:
        qs = load_questions(questions)
    except (OSError, ValueError) as e:
        _fail(str(e))
    searcher = _open_searcher()
    with _store_errors():
        scores = evaluate(searcher, qs)
    summary = summarise(scores)
    if as_json:
        typer.echo(json.dumps({"summary": summary, "questions": [s.__dict__ for s in scores]}, ensure_ascii=False, default=str))
        return
    typer.echo(f"{'group':<18}{'n':>4}{'R@1':>7}{'R@5':>7}{'R@10':>7}{'Hit@5':>7}{'MRR@10':>8}")
    for name, row in summary.items():
        typer.echo(f"{name:<18}{row['n']:>4}{row['R@1']:>7.3f}{row['R@5']:>7.3f}{row['R@10']:>7.3f}{row['Hit@5']:>7.3f}{row['MRR@10']:>8.3f}")
    if show:
        for s in scores:
            miss = [g for g in s.gold if g not in s.got[:5]]
            typer.echo(f"{s.id} R@5={s.recall[5]:.2f} rr={s.rr:.2f} miss@5={miss} got={s.got[:5]}")


corpus_app = typer.Typer(no_args_is_help=True, help="The bundled starter corpus (our own summaries).")
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("render")
def corpus_render(
    src: Path = typer.Option(Path("corpus/src"), "--src", help="TOML sources."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output corpus folder (default: --corpus)."),
) -> None:
    """Render the TOML sources to PDFs under regulations/ and rulings/."""
    from .render import SourceError, render_corpus

    try:
        written = render_corpus(src, out or _settings().corpus_dir)
    except SourceError as e:
        _fail(str(e))
    typer.echo(f"rendered {len(written)} PDF(s) from {src}")


@corpus_app.command("fetch")
def corpus_fetch(
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="Manifest of official texts (default: <corpus>/sources.toml)."),
    dest: Optional[Path] = typer.Option(None, "--dest", help="Where the official PDFs go (default: <corpus>/official)."),
    only: Optional[list[str]] = typer.Option(None, "--only", help='Only this source: id ("pp-94-2021") or "PP 94/2021"; repeatable.'),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds to wait for a connection or a read."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Download the official PDFs the manifest lists (resumable; sha256 recorded, then verified)."""
    from .fetch import ManifestError, NoNetwork, fetch_all

    s = _settings()
    manifest = manifest or s.corpus_dir / "sources.toml"
    dest = dest or s.corpus_dir / "official"
    try:
        report = fetch_all(manifest, dest, timeout=timeout, progress=not quiet and sys.stderr.isatty(), only=only)
    except ManifestError as e:
        _fail(str(e))
    except NoNetwork as e:  # an expected state offline: one line, exit 0, nothing touched
        typer.echo(str(e))
        raise typer.Exit(0)
    colours = {"failed": "red", "skipped": "yellow"}
    for r in report.results:
        typer.secho(f"{r.outcome:<10} {r.id}: {r.detail}", fg=colours.get(r.outcome), err=r.outcome == "failed")
    counts = ", ".join(f"{o} {report.count(o)}" for o in ("downloaded", "resumed", "verified", "skipped", "failed"))
    typer.echo(f"{counts} -> {dest} (checksums in {report.lock})")
    if report.failed:
        raise typer.Exit(1)


rules_app = typer.Typer(no_args_is_help=True, help="The reviewed rule base behind the answer card (corpus/rules/*.toml).")
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(
    rules: Optional[Path] = typer.Option(None, "--rules", help="Rule folder (default: <corpus>/rules)."),
) -> None:
    """Verify every rule: the schema (both languages, vocabularies, required fields), every
    citation resolving to a clause of the built index, no two rules contradicting each other."""
    from .provisions import IndexSnapshot, check_rules, find_conflicts
    from .rules import Problem, RuleError, read_rules

    s = _settings()
    folder = rules or s.corpus_dir / "rules"
    try:
        base, problems = read_rules(folder)
    except RuleError as e:
        _fail(str(e))
    snap = IndexSnapshot.current(s.index_dir)
    if snap is None:
        found = [*problems, Problem(str(s.index_dir), None, "no index: citations not checked (run `kb build`)"), *find_conflicts(base)]
    else:
        found = check_rules(base, snap, problems)
    for p in found:
        typer.echo(str(p))
    if found:
        typer.secho(f"{len(found)} problem(s) in {folder}", fg="red", err=True)
        raise typer.Exit(1)
    typer.echo(f"{len(base)} rules in {folder}: schema valid, every citation resolves in {s.index_dir}, no contradictions")


@app.command()
def status() -> None:
    """What is indexed: documents, chunks, model, build time, vector store, problems."""
    from .index import current_generation, read_documents, read_info

    s = _settings()
    gen = current_generation(s.index_dir)
    if gen is None:
        _fail(f"no index in {s.index_dir}: run `kb build`")
    info = read_info(gen)
    docs = read_documents(gen)
    typer.echo(f"index: {gen}")
    typer.echo(f"model: {info.get('model')}  built: {info.get('built_at')}  corpus: {info.get('corpus')}")
    typer.echo(f"documents: {len(docs)}  chunks: {info.get('chunks')}")
    typer.echo(_store_line(gen, info, s))
    for src, d in sorted(docs.items()):
        m = d.meta
        flags = " ".join(x for x in [m.status or "", "ringkasan" if m.summary else ""] if x)
        typer.echo(f"  {src}: {m.short} — {m.title} ({d.pages} p.){' [' + flags + ']' if flags else ''}")
        for rel in m.relations:
            typer.echo(f"      {rel}")
    problems = info.get("problems") or []
    for p in problems:  # type: ignore[union-attr]
        typer.secho(f"problem: {p['source']}: {p['reason']}", fg="yellow")


def _store_line(gen: Path, info: dict, s: Settings) -> str:
    """Where the vectors (and the lexical index) are; for Milvus, whether the collection answers."""
    from .index import FAISS_FILE
    from .milvus_store import POINTER, MilvusError, MilvusStore

    lexical = "Milvus BM25" if info.get("lexical") == "milvus" else "bm25s files"
    if not (gen / POINTER).exists():
        return f"vectors: {info.get('vector_store', 'flat')} (FAISS, {FAISS_FILE})  lexical: {lexical}"
    p = MilvusStore.read_pointer(gen / POINTER)
    try:
        state = f"{MilvusStore.load(gen / POINTER, s.milvus_token).ntotal} rows"
    except MilvusError as e:
        state = f"not reachable: {e}"
    return f"vectors: milvus, collection {p['collection']} at {p['uri']} ({state})  lexical: {lexical}"


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for the whole network)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    threads: Optional[int] = typer.Option(None, "--threads", help="Model threads per question (default: all cores). Env: KB_MODEL_THREADS."),
) -> None:
    """Web UI and JSON API over the built index (FastAPI + uvicorn); the model loads once."""
    import uvicorn

    from .embed import ModelError
    from .index import IndexStateError
    from .web import create_app

    try:
        web_app = create_app(replace(_settings(), model_threads=threads) if threads else _settings())
    except (IndexStateError, ModelError, RuntimeError) as e:
        _fail(str(e))
    typer.echo(f"Netral on http://{host}:{port}/  (API docs: /api/docs-ui)")
    uvicorn.run(web_app, host=host, port=port, log_level="info", access_log=False)  # questions stay private


if __name__ == "__main__":
    app()
