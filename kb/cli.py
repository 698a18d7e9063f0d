"""The `kb` command: build, search, answer, eval, status, verify, serve, mcp, corpus, rules.

Every command goes through the library (kb.library) or a pipeline stage. Every foreseen
fault (a `kb.errors.NetralError`) ends as one line, `error: ...` naming the file or the
thing and the reason, with exit code 1; so do storage faults (OSError, SQLite).
`kb --debug ...` shows the traceback instead. Text that came from PDFs is printed with any
control character escaped.
"""

from __future__ import annotations

import calendar
import json
import logging
import os
import re
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from .config import Settings
from .errors import NetralError

if TYPE_CHECKING:
    from .library import Library
    from .search import Result


class _Group(TyperGroup):
    """Runs every command: a foreseen fault is one line and exit 1, or with --debug its traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # `kb status | head`: the reader has gone, so has the need to write
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except (NetralError, OSError, sqlite3.Error) as e:
            if ctx.params.get("debug"):
                raise
            typer.secho(f"error: {safe(_fault(e))}", fg="red", err=True)
            raise typer.Exit(1) from None


def _fault(e: BaseException) -> str:
    """One line for a fault: the message of a NetralError; file and reason of an OSError."""
    if isinstance(e, OSError) and not isinstance(e, NetralError):
        reason = e.strerror or str(e)
        return f"{e.filename}: {reason}" if e.filename else reason
    return " ".join(str(e).split()) or type(e).__name__


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text for the terminal: control characters (escape sequences, C1, bidirectional
    overrides) shown as \\xNN / \\uNNNN instead of acting on the terminal; text that could not
    be decoded (surrogates) as its code points too."""
    s = str(text)
    s = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", s)
    return s.encode("utf-8", "backslashreplace").decode("utf-8")


def _json(obj: object, **kw: Any) -> str:
    """JSON with C1 controls and bidirectional overrides escaped too (json escapes only C0)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False, **kw))


app = typer.Typer(cls=_Group, add_completion=False, no_args_is_help=True, help="Netral: a cited legal knowledge base on ASN neutrality.")
_state: dict[str, Settings] = {}


@app.callback()
def main(
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder (regulations/, rulings/). Env: KB_CORPUS."),
    index: Optional[Path] = typer.Option(None, "--index", help="Index folder. Env: KB_INDEX."),
    model: Optional[str] = typer.Option(None, "--model", help="Local sentence-transformers folder. Env: KB_MODEL."),
    query_model: Optional[str] = typer.Option(None, "--query-model", help="A faster copy of the model for questions only (e.g. int8). Env: KB_QUERY_MODEL."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens."),
    log_json: bool = typer.Option(False, "--log-json", help="Structured logs: one JSON object a line on stderr."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an error instead of one line."),
) -> None:
    from .logs import setup

    setup(logging.INFO if (verbose or log_json) else logging.WARNING, as_json=log_json)
    _state["settings"] = Settings.from_env(corpus_dir=corpus, index_dir=index, model=model, query_model=query_model)


def _settings() -> Settings:
    return _state.get("settings") or Settings.from_env()


def _fail(msg: str) -> NoReturn:
    typer.secho(f"error: {safe(msg)}", fg="red", err=True)
    raise typer.Exit(1)


def _open_library() -> Library:
    from .library import Library

    return Library.open(_settings())


def _text(value: str, what: str) -> str:
    """A command-line text that must be valid UTF-8 (undecodable bytes arrive as surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _fail(f"{what} is not valid UTF-8 text (check the terminal's encoding): {safe(value)[:80]}")
    return value


def _as_of(value: str) -> str:
    """--as-of YYYY, YYYY-MM or YYYY-MM-DD as the last day it names; anything else, or a day
    that does not exist (2019-13-45), is refused."""
    import datetime

    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    try:
        if not m:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or 12), m[3]
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return datetime.date(year, month, int(day) if day else last).isoformat()
    except ValueError:
        _fail(f"--as-of {safe(value)[:40]}: not a valid date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return ""


@app.command()
def build(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars."),
    official_only: bool = typer.Option(False, "--official-only", help="Index only <corpus>/official/ (from `kb corpus fetch`), not the summaries."),
    backend: Optional[str] = typer.Option(None, "--backend", help="Where the vectors go: faiss (files in the index, the default) or milvus. Env: KB_BACKEND."),
    uri: Optional[str] = typer.Option(None, "--uri", help="Milvus: http://host:19530, or a milvus-lite file ending in .db. Env: KB_MILVUS_URI."),
    token: Optional[str] = typer.Option(None, "--token", help="Milvus token (user:password or API key); prefer the env KB_MILVUS_TOKEN, which every command reads."),
    allow_removals: bool = typer.Option(False, "--allow-removals", help="Go ahead when the build would remove most documents, or a corpus folder the index holds documents from is missing."),
    workers: Optional[int] = typer.Option(None, "--workers", min=0, help="Embed on N Ray workers (a local Ray with N CPUs; with --ray, N workers on the cluster). Needs netral[ray]. Env: KB_WORKERS."),
    ray_address: Optional[str] = typer.Option(None, "--ray", metavar="ADDRESS", help="Embed on the running Ray cluster at ADDRESS (host:6379, ray://host:10001 or auto). Env: KB_RAY_ADDRESS."),
) -> None:
    """Index the corpus (incremental: only changed files are re-read and re-embedded)."""
    from .build import build_index
    from .index import store_location
    from .milvus_store import collection_name

    overrides = {"backend": backend, "milvus_uri": uri, "milvus_token": token, "embed_workers": workers, "ray_address": ray_address}
    s = replace(_settings(), **{k: v for k, v in overrides.items() if v is not None})
    if s.embed_workers or s.ray_address:
        from .distributed import import_ray

        import_ray()  # ray not installed: said before any work
    report = build_index(s, progress=not quiet and sys.stderr.isatty(), official_only=official_only, allow_removals=allow_removals)
    for w in report.warnings:
        typer.secho(f"warning: {safe(w)}", fg="yellow", err=True)
    typer.echo(
        f"added {len(report.added)}, changed {len(report.changed)}, removed {len(report.removed)}, "
        f"unchanged {len(report.unchanged)}; {report.chunks} chunks "
        f"({report.embedded} embedded, {report.cached} from cache)"
        + (f"; {report.rules} rules" if report.rules is not None else "") + f" -> {s.index_dir}/{report.generation}"
    )
    backend, uri = store_location(s.index_dir / str(report.generation))
    if backend == "milvus":
        typer.echo(f"vectors and BM25 in Milvus collection {collection_name(str(report.generation))} at {uri}")
    typer.echo("timings (s): " + ", ".join(f"{k} {v}" for k, v in report.seconds.items()))
    for p in report.problems:
        typer.secho(f"problem: {safe(p.source)}: {safe(p.reason)}", fg="yellow", err=True)


@app.command()
def search(
    query: Optional[str] = typer.Argument(None, help="The question."),
    k: Optional[int] = typer.Option(None, "-k", "--k", help="How many results (default 5; 10 with --batch, so R@10 can be measured)."),
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
    if k is not None and k < 1:
        _fail(f"-k {k}: give 1 or more results")
    k = k or (10 if batch else 5)
    query, doc = _text(query, "the question") if query else query, _text(doc, "--doc") if doc else doc
    filters = Filters(kind=kind, doc=doc, year=year, as_of=_as_of(as_of) if as_of else None)
    qs = load_questions(batch) if batch else []  # a malformed line is named before the model loads
    lib = _open_library()
    if batch:
        found = lib.snapshot().search_many([q["question"] for q in qs], k, filters)
        for q, res in zip(qs, found):
            if as_json:
                typer.echo(_json({"id": q.get("id"), "results": res.to_json()["results"]}))
            else:
                typer.echo(f"# {safe(q.get('id'))}: {safe(q['question'])}")
                _print_results(res.results)
        return
    res = lib.search(query or "", k, filters)
    if as_json:
        typer.echo(_json(res.to_json(), indent=1))
    else:
        _print_results(res.results)


@app.command()
def answer(
    question: str = typer.Argument(..., help="The question (Indonesian or English)."),
    k: int = typer.Option(6, "-k", min=1, help="How many passages to show (at most 3 after a card with no clear rule)."),
    as_json: bool = typer.Option(False, "--json", help="The object `GET /api/answer` returns."),
) -> None:
    """The answer card (verdict, provision, sanction, who enforces it) in the question's
    language, then the passages."""
    from .library import MAX_K

    if k > MAX_K:
        _fail(f"-k takes at most {MAX_K}")
    res = _open_library().ask(_text(question, "the question"), k)
    js = res.to_json()
    if as_json:
        typer.echo(_json(js, indent=1))
        return
    for line in card_lines(js["answer"]):
        typer.echo(safe(line))
    typer.echo("")
    _print_results(res.results)
    typer.echo("\n" + safe(js["answer"]["disclaimer"]))


_CARD_WORDS = {
    "id": {"sanction": "Sanksi", "applies": "berlaku untuk", "act": "perbuatan", "when": "kapan", "basis": "dasar hukum",
           "enforcer": "yang menegakkan", "report": "tempat melapor", "conditions": "syarat", "exceptions": "pengecualian",
           "misconceptions": "salah kaprah", "secondary": "hanya didukung sumber sekunder", "again": "tanyakan lagi",
           "not_quoted": "(tidak ada dalam dokumen yang diindeks)", "close": "aturan terdekat (belum tentu sesuai dengan kasus Anda)"},
    "en": {"sanction": "Sanction", "applies": "applies to", "act": "act", "when": "when", "basis": "legal basis",
           "enforcer": "who enforces it", "report": "where to report", "conditions": "conditions", "exceptions": "exceptions",
           "misconceptions": "misconceptions", "secondary": "only secondary sources support this rule", "again": "ask again",
           "not_quoted": "(not in the indexed documents)", "close": "the closest rules (they may not fit your case)"},
}


def _cited_lines(x: dict[str, Any], w: dict[str, str], indent: str = "   ") -> list[str]:
    if not x["resolved"]:
        return [f"{indent}{x['citation']} {w['not_quoted']}"]
    return [f"{indent}{x['citation']} [{x['label']}]", *(f"{indent}   {line}" for line in x["text"].split("\n"))]


def _rule_lines(c: dict[str, Any], w: dict[str, str]) -> tuple[list[str], list[str]]:
    """Who the card's rule applies to and its act; its basis with each quotation."""
    facts = [f"{w['applies']}: {', '.join(c['applies_to'])}", f"{w['act']}: {c['act']}"]
    return facts, [f"{w['basis']}:", *(line for b in c["basis"] for line in _cited_lines(b, w))]


def card_lines(c: dict[str, Any]) -> list[str]:
    """The card (`/api/answer`'s `answer`) as text lines: verdict and sanction first, the
    main citation, then what the card holds."""
    w = _CARD_WORDS[c["lang"]]
    head = f"{c['verdict_text']}."
    if c["verdict"] == "prohibited" and c["penalty"] and c["penalty"]["short"]:
        head += f" {w['sanction']}: {c['penalty']['short']}"
    out = [head]
    if c["verdict"] == "depends":
        out += [" ".join(c["reason_text"])]
        for a in c["alternatives"]:
            out += [f"- {a['condition_text']}: {a['verdict_text']}. {a['act']}"]
            out += _cited_lines(a["provision"], w) if a["provision"] else []
            out += [f"   {w['sanction']}: {a['penalty']}"] if a["penalty"] else []
            out += [f"   {w['again']}: kb answer \"{a['followup']}\""] if a["followup"] else []
        return out
    if c["verdict"] == "unclear":  # as the page shows it: the rule that says the law is unclear, or the close rules
        out += [" ".join(c["reason_text"])]
        if c["rule"]:
            facts, basis = _rule_lines(c, w)
            out += facts + basis
        out += [f"{w['close']}:"] if c["alternatives"] else []
        for a in c["alternatives"]:
            out += [f"- {a['verdict_text']}: {a['act']}", *(_cited_lines(a["provision"], w) if a["provision"] else [])]
        return out
    if c["provision"]:
        out.append(c["provision"]["citation"])
    facts, basis = _rule_lines(c, w)
    out += facts
    out += [f"{w['when']}: {'; '.join(c['stages'])}"] if c["stages"] else []
    out += [f"({w['secondary']})"] if c["flag"] == "secondary" else []
    out += basis
    if c["penalty"]:
        out += [f"{w['sanction']}: {c['penalty']['text'] or c['penalty']['level_text']}"]
        for s in c["sanctions"]:
            out += _cited_lines(s, w)
    for key in ("enforcer", "report", "conditions", "exceptions"):
        out += [f"{w[key]}: {c[key]}"] if c[key] else []
    out += [f"{w['misconceptions']}:"] + [f"   - {m}" for m in c["misconceptions"]] if c["misconceptions"] else []
    return out


def _print_results(results: list[Result]) -> None:
    if not results:
        typer.echo("no results")
    for r in results:
        c = r.chunk
        pages = f"p. {c.pages[0]}" + (f"-{c.pages[-1]}" if len(c.pages) > 1 else "")
        marker = " [ringkasan]" if r.doc.meta.summary else ""
        version = f" [{r.version}]" if r.version else ""
        typer.secho(f"{r.rank}. {safe(r.citation)}{marker}{safe(version)}  ({safe(c.source)}, {pages}, score {r.score:.2f})", bold=True)
        text = " ".join(c.text.split())
        typer.echo("   " + safe(text[:400] + " ..." if len(text) > 400 else text))


@app.command("eval")
def eval_cmd(
    questions: Path = typer.Argument(..., help="JSONL: id, question, lang, kind, relevant[{source, article}]."),
    as_json: bool = typer.Option(False, "--json", help="Write the summary and per-question scores as JSON."),
    show: bool = typer.Option(False, "--show", help="Per-question ranks and misses."),
    k: int = typer.Option(10, "-k", "--k", min=1, help="Results per question (Recall@10 and MRR@10 need 10)."),
) -> None:
    """Recall@1/5/10, Hit@5 and MRR@10, overall and by language and kind."""
    from .evaluate import evaluate, load_questions, summarise

    qs = load_questions(questions, gold=True)
    scores = evaluate(_open_library().snapshot().searcher, qs, k)
    summary = summarise(scores)
    if as_json:
        typer.echo(_json({"summary": summary, "questions": [s.__dict__ for s in scores]}, default=str))
        return
    typer.echo(f"{'group':<18}{'n':>4}{'R@1':>7}{'R@5':>7}{'R@10':>7}{'Hit@5':>7}{'MRR@10':>8}")
    for name, row in summary.items():
        typer.echo(f"{name:<18}{row['n']:>4}{row['R@1']:>7.3f}{row['R@5']:>7.3f}{row['R@10']:>7.3f}{row['Hit@5']:>7.3f}{row['MRR@10']:>8.3f}")
    if show:
        for s in scores:
            miss = [g for g in s.gold if g not in s.got[:5]]
            typer.echo(safe(f"{s.id} R@5={s.recall[5]:.2f} rr={s.rr:.2f} miss@5={miss} got={s.got[:5]}"))


corpus_app = typer.Typer(no_args_is_help=True, help="The bundled starter corpus (our own summaries).")
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("render")
def corpus_render(
    src: Path = typer.Option(Path("corpus/src"), "--src", help="TOML sources."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output corpus folder (default: --corpus)."),
) -> None:
    """Render the TOML sources to PDFs under regulations/ and rulings/."""
    from .render import render_corpus

    written = render_corpus(src, out or _settings().corpus_dir)
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
    from .fetch import NoNetwork, fetch_all

    s = _settings()
    manifest = manifest or s.corpus_dir / "sources.toml"
    dest = dest or s.corpus_dir / "official"
    try:
        report = fetch_all(manifest, dest, timeout=timeout, progress=not quiet and sys.stderr.isatty(), only=only)
    except NoNetwork as e:  # an expected state offline: one line, exit 0, nothing touched
        typer.echo(str(e))
        raise typer.Exit(0)
    colours = {"failed": "red", "skipped": "yellow"}
    for r in report.results:
        typer.secho(f"{r.outcome:<10} {safe(r.id)}: {safe(r.detail)}", fg=colours.get(r.outcome), err=r.outcome == "failed")
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
    from .verify import verify_generation

    s = _settings()
    gen = current_generation(s.index_dir)
    if gen is None:
        _fail(f"no index in {s.index_dir}: run `kb build`")
    assert gen is not None
    v = verify_generation(gen, checksums=False)  # sizes and counts: `kb verify` for the rest
    v.raise_first()
    info = read_info(gen)
    docs = read_documents(gen)
    typer.echo(f"index: {safe(gen)}")
    typer.echo("checked: " + ("files and counts agree" if not v.notes else "counts agree (no manifest)")
               + "; `kb verify` for checksums and rows")
    typer.echo(safe(f"model: {info.get('model')}  built: {info.get('built_at')}  corpus: {info.get('corpus')}"))
    typer.echo(f"documents: {len(docs)}  chunks: {info.get('chunks')}")
    typer.echo(safe(_store_line(gen, info, s)))
    for src, d in sorted(docs.items()):
        m = d.meta
        flags = " ".join(x for x in [m.status or "", "ringkasan" if m.summary else ""] if x)
        typer.echo(safe(f"  {src}: {m.short} — {m.title} ({d.pages} p.){' [' + flags + ']' if flags else ''}"))
        for rel in m.relations:
            typer.echo(safe(f"      {rel}"))
    problems = info.get("problems")
    for p in problems if isinstance(problems, list) else []:
        typer.secho(safe(f"problem: {p['source']}: {p['reason']}"), fg="yellow")


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


@app.command("verify")
def verify_cmd(
    generation: Optional[str] = typer.Argument(None, help="A generation folder of the index (default: the one CURRENT names)."),
    every: bool = typer.Option(False, "--all", help="Check every generation in the index folder."),
) -> None:
    """Check an index generation in full: manifest, checksums, counts, every row, the vector store."""
    from .index import GENERATION_NAME, current_generation, generations
    from .verify import verify_generation

    s = _settings()
    if every:
        gens = generations(s.index_dir)
    elif generation:
        if not GENERATION_NAME.fullmatch(generation) or not (s.index_dir / generation).is_dir():
            _fail(f"{safe(generation)} is not a generation folder of {s.index_dir}")
        gens = [s.index_dir / generation]
    else:
        gen = current_generation(s.index_dir)
        gens = [gen] if gen else []
    if not gens:
        _fail(f"no index in {s.index_dir}: run `kb build`")
    bad = 0
    for gen in gens:
        v = verify_generation(gen, checksums=True, deep=True, token=s.milvus_token)
        for line in v.checked:
            typer.echo(f"{gen.name}: ok: {safe(line)}")
        for note in v.notes:
            typer.echo(f"{gen.name}: note: {safe(note)}")
        for p in v.problems:
            typer.secho(f"{gen.name}: problem: {safe(p)}", fg="red", err=True)
        bad += not v.ok
        typer.echo(f"{gen.name}: {'ok' if v.ok else 'DAMAGED'}")
    if bad:
        _fail(f"{bad} damaged generation(s): rebuild with `kb build`, which writes a new generation from the "
              "corpus and the embedding cache and does not reuse a damaged one")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for the whole network)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    threads: Optional[int] = typer.Option(None, "--threads", help="Model threads per model call (default: the cores shared among KB_QUERY_WORKERS calls at once, one per core). Env: KB_MODEL_THREADS."),
) -> None:
    """Web UI and JSON API over the built index (FastAPI + uvicorn); the model loads once.
    Limits (env): KB_MAX_CONNECTIONS, KB_HEADER_TIMEOUT, KB_KEEP_ALIVE, KB_MAX_URL_BYTES, KB_TRUSTED_HOSTS."""
    if not 1 <= port <= 65535:
        _fail(f"--port {port}: give a port from 1 to 65535")
    if threads is not None and threads < 1:
        _fail(f"--threads {threads}: give 1 or more")
    from .index import generations
    from .web.server import serve as run_server
    from .web.starter import Starter

    settings = replace(_settings(), model_threads=threads) if threads else _settings()
    if not generations(settings.index_dir):  # nothing to serve: said before the server starts, not after it stops
        _fail(f"no index in {settings.index_dir}: run `kb build` first")
    typer.echo(f"Netral on http://{host}:{port}/  (API docs: /api/docs-ui)")
    run_server(Starter(lambda: _serving_app(settings)), settings, host, port)  # no access log: questions stay private


def _serving_app(settings: Settings) -> Any:
    """The web app over the live index, made while the server already answers (kb.web.starter):
    the model loads in one thread, the index in another, while this one imports the web stack
    (which needs neither). Returns once the index is loaded; raises what stops it (no
    generation loads), which stops the server."""
    from .embed import serving_embedder

    model = _in_thread("model-load", serving_embedder, settings)
    from .search import LiveSearcher

    live = _in_thread("index-load", LiveSearcher, settings, model)  # the current generation, or the newest that loads
    from .web import create_app

    return create_app(settings, live.result())


def _in_thread(name: str, fn: Any, *args: Any) -> Any:
    """`fn(*args)` run in a daemon thread: a Future of its result (or of what it raised)."""
    import threading
    from concurrent.futures import Future

    out: Future[Any] = Future()

    def run() -> None:
        try:
            out.set_result(fn(*args))
        except BaseException as e:  # handed to whoever waits for it
            out.set_exception(e)

    threading.Thread(target=run, name=name, daemon=True).start()
    return out


@app.command("mcp")
def mcp_cmd(
    http: bool = typer.Option(False, "--http", help="Streamable HTTP at http://HOST:PORT/mcp instead of stdio."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address for --http (this machine only by default)."),
    port: int = typer.Option(8765, "--port", help="Port for --http."),
) -> None:
    """An MCP server for AI assistants (tools: ask, search, precedents, get_document), answering
    from the same library as the web pages; stdio by default."""
    if not 1 <= port <= 65535:
        _fail(f"--port {port}: give a port from 1 to 65535")
    from .library import Library
    from .mcp_server import run

    lib = Library.open(_settings(), live=True)
    lib.snapshot()  # load and warm before the first call
    if http:
        typer.echo(f"Netral MCP on http://{host}:{port}/mcp", err=True)
    run(lib, http=http, host=host, port=port)


if __name__ == "__main__":
    app()
