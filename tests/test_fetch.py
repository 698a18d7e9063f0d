"""`kb corpus fetch` against a local HTTP server the tests start (no network needed).

The server supports Range requests and can drop a connection mid-file, ignore Range, answer
404, send HTML instead of a PDF, or stall past the client's timeout. Every test works in
tmp_path with a manifest it writes; the real corpus/ is only read.
"""

from __future__ import annotations

import hashlib
import json
import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.fetch import NO_NETWORK, FetchReport, ManifestError, NoNetwork, fetch_all, load_manifest

ROOT = Path(__file__).resolve().parents[1]


def pdf_bytes(seed: int, size: int = 300_000) -> bytes:
    return b"%PDF-1.7\n" + random.Random(seed).randbytes(size)


class Server:
    """A local HTTP server: path -> body, with per-path behaviour."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.drops: dict[str, int] = {}  # path -> how many more requests to cut off half-way
        self.ignore_range: set[str] = set()
        self.slow: dict[str, float] = {}  # path -> seconds to stall before answering
        self.requests: list[tuple[str, str | None]] = []  # (path, Range header)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                rng = self.headers.get("Range")
                server.requests.append((self.path, rng))
                if self.path in server.slow:
                    time.sleep(server.slow[self.path])
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                start = 0
                if rng and self.path not in server.ignore_range:
                    start = int(rng.removeprefix("bytes=").split("-")[0])
                    if start >= len(body):
                        self.send_error(416, "Range Not Satisfiable")
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                part = body[start:]
                self.send_header("Content-Type", "text/html" if not body.startswith(b"%PDF") else "application/pdf")
                self.send_header("Content-Length", str(len(part)))
                self.send_header("Accept-Ranges", "bytes")
                self.end_headers()
                if server.drops.get(self.path, 0) > 0:
                    server.drops[self.path] -= 1
                    self.wfile.write(part[: len(part) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                try:
                    self.wfile.write(part)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda *a: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def count(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not sit between the client and 127.0.0.1."""
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def write_manifest(path: Path, entries: list[tuple[str, str]]) -> Path:
    """entries: (id, url). Each becomes a PP n/2030 with that id."""
    lines = []
    for i, (sid, url) in enumerate(entries, 1):
        lines += ["[[source]]", f'id = "{sid}"', 'type = "PP"', f'number = "{i}"', "year = 2030",
                  'title = "Uji"', 'status = "berlaku"', f'url = "{url}"', 'page = "https://example.invalid/page"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def lock_of(manifest: Path) -> dict:
    return json.loads(manifest.with_name(manifest.stem + ".lock.json").read_text())["files"]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


def run(manifest: Path, dest: Path, **kw: Any) -> FetchReport:
    kw.setdefault("timeout", 5.0)
    return fetch_all(manifest, dest, progress=False, **kw)


def test_download_records_checksum_then_verifies_without_downloading(server: Server, tmp_path: Path) -> None:
    a = server.files["/a.pdf"] = pdf_bytes(1)
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf"))])
    dest = tmp_path / "official"

    r = run(m, dest).results[0]
    target = dest / "regulations" / "pp-1-2030.pdf"
    assert (r.outcome, r.path) == ("downloaded", target)
    assert target.read_bytes() == a
    assert not target.with_name("pp-1-2030.pdf.part").exists()
    rec = lock_of(m)["pp-1-2030"]
    assert rec["sha256"] == hashlib.sha256(a).hexdigest() and rec["bytes"] == len(a) and rec["url"] == server.url("/a.pdf")

    before = snapshot(tmp_path)
    r2 = run(m, dest).results[0]
    assert r2.outcome == "verified" and "sha256 verified" in r2.detail
    assert server.count("/a.pdf") == 1  # not downloaded again
    assert snapshot(tmp_path) == before


def test_resume_after_interrupted_download(server: Server, tmp_path: Path) -> None:
    a = server.files["/a.pdf"] = pdf_bytes(2)
    server.drops["/a.pdf"] = 1
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf"))])
    dest = tmp_path / "official"
    target = dest / "regulations" / "pp-1-2030.pdf"
    part = target.with_name("pp-1-2030.pdf.part")

    r = run(m, dest, retries=0).results[0]
    assert r.outcome == "failed" and "run again to resume" in r.detail
    assert not target.exists() and part.stat().st_size == len(a) // 2
    assert not m.with_name("sources.lock.json").exists()

    r2 = run(m, dest).results[0]
    assert r2.outcome == "resumed"
    assert server.requests[-1] == ("/a.pdf", f"bytes={len(a) // 2}-")
    assert target.read_bytes() == a and not part.exists()
    assert lock_of(m)["pp-1-2030"]["sha256"] == hashlib.sha256(a).hexdigest()


def test_interrupted_download_resumes_within_the_same_run(server: Server, tmp_path: Path) -> None:
    a = server.files["/a.pdf"] = pdf_bytes(3)
    server.drops["/a.pdf"] = 1
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf"))])
    r = run(m, tmp_path / "official").results[0]
    assert r.outcome == "resumed"
    assert [rng for _, rng in server.requests] == [None, f"bytes={len(a) // 2}-"]
    assert (tmp_path / "official" / "regulations" / "pp-1-2030.pdf").read_bytes() == a


def test_server_ignoring_range_gives_a_full_download(server: Server, tmp_path: Path) -> None:
    a = server.files["/a.pdf"] = pdf_bytes(4)
    server.ignore_range.add("/a.pdf")
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf"))])
    part = tmp_path / "official" / "regulations" / "pp-1-2030.pdf.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(b"%PDF-stale bytes from an older attempt")

    r = run(m, tmp_path / "official").results[0]
    assert r.outcome == "downloaded" and "ignored the Range" in r.detail
    assert server.requests[0][1] is not None  # it did ask for a range
    assert part.with_suffix("").read_bytes() == a


def test_404_and_non_pdf_reported_per_file_while_others_download(server: Server, tmp_path: Path) -> None:
    server.files["/html.pdf"] = b"<!DOCTYPE html><html><body>Login</body></html>"
    good = server.files["/good.pdf"] = pdf_bytes(5)
    m = write_manifest(
        tmp_path / "sources.toml",
        [("pp-1-2030", server.url("/missing.pdf")), ("pp-2-2030", server.url("/html.pdf")), ("pp-3-2030", server.url("/good.pdf")), ("pp-4-2030", "")],
    )
    dest = tmp_path / "official"
    res = {r.id: r for r in run(m, dest).results}
    assert res["pp-1-2030"].outcome == "failed" and "HTTP 404" in res["pp-1-2030"].detail
    assert res["pp-2-2030"].outcome == "failed" and "not a PDF (an HTML page)" in res["pp-2-2030"].detail
    assert res["pp-3-2030"].outcome == "downloaded"
    assert res["pp-4-2030"].outcome == "skipped" and "no download URL known, skipped" in res["pp-4-2030"].detail
    assert sorted(p.name for p in (dest / "regulations").iterdir()) == ["pp-3-2030.pdf"]  # no .part left behind
    assert (dest / "regulations" / "pp-3-2030.pdf").read_bytes() == good
    assert set(lock_of(m)) == {"pp-3-2030"}

    # the same through the CLI: one line per file, a summary, exit 1 because some failed
    out = CliRunner().invoke(app, ["corpus", "fetch", "--manifest", str(m), "--dest", str(dest), "--timeout", "5"])
    assert out.exit_code == 1
    assert "failed     pp-1-2030: HTTP 404" in out.output
    assert "verified   pp-3-2030" in out.output
    assert "skipped    pp-4-2030: no download URL known, skipped" in out.output
    assert "downloaded 0, resumed 0, verified 1, skipped 1, failed 2" in out.output


def test_slow_server_times_out_for_that_file_only(server: Server, tmp_path: Path) -> None:
    server.files["/slow.pdf"] = pdf_bytes(6)
    server.slow["/slow.pdf"] = 2.0
    server.files["/good.pdf"] = pdf_bytes(7)
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/slow.pdf")), ("pp-2-2030", server.url("/good.pdf"))])
    res = run(m, tmp_path / "official", timeout=0.3).results  # a stall is not "no network"
    assert res[0].outcome == "failed" and "timed out" in res[0].detail
    assert res[1].outcome == "downloaded"


def test_checksum_mismatch_reported_and_old_file_kept(server: Server, tmp_path: Path) -> None:
    a = server.files["/a.pdf"] = pdf_bytes(8)
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf"))])
    dest = tmp_path / "official"
    target = dest / "regulations" / "pp-1-2030.pdf"
    assert run(m, dest).results[0].outcome == "downloaded"
    lock_before = m.with_name("sources.lock.json").read_bytes()

    # the local copy is damaged and the server now serves different bytes
    target.write_bytes(b"%PDF-1.7\nlocal copy, edited")
    server.files["/a.pdf"] = pdf_bytes(9)
    r = run(m, dest).results[0]
    assert r.outcome == "failed" and "sha256 mismatch" in r.detail and "kept the existing file" in r.detail
    assert target.read_bytes() == b"%PDF-1.7\nlocal copy, edited"
    assert not target.with_name("pp-1-2030.pdf.part").exists()
    assert m.with_name("sources.lock.json").read_bytes() == lock_before

    # no local copy at all: nothing is written
    target.unlink()
    r = run(m, dest).results[0]
    assert r.outcome == "failed" and "nothing written" in r.detail
    assert list((dest / "regulations").iterdir()) == []

    # the server serves the recorded bytes again: the copy comes back
    server.files["/a.pdf"] = a
    assert run(m, dest).results[0].outcome == "downloaded"
    assert target.read_bytes() == a


def test_damaged_local_copy_is_replaced_when_the_server_still_matches(server: Server, tmp_path: Path) -> None:
    a = server.files["/a.pdf"] = pdf_bytes(10)
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf"))])
    dest = tmp_path / "official"
    run(m, dest)
    target = dest / "regulations" / "pp-1-2030.pdf"
    target.write_bytes(a[:1000])
    r = run(m, dest).results[0]
    assert r.outcome == "downloaded" and "did not match its recorded sha256" in r.detail
    assert target.read_bytes() == a


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/x.pdf"


@pytest.mark.parametrize("url", ["closed-port", "http://netral.invalid/uu-7-2017.pdf"])
def test_no_network_one_line_and_nothing_changed(tmp_path: Path, url: str) -> None:
    url = _closed_port_url() if url == "closed-port" else url
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", url), ("pp-2-2030", "http://netral.invalid/b.pdf")])
    dest = tmp_path / "official"
    (dest / "regulations").mkdir(parents=True)
    (dest / "regulations" / "pp-1-2030.pdf.part").write_bytes(b"%PDF-1.7\nhalf")
    m.with_name("sources.lock.json").write_text('{"version": 1, "files": {}}\n')
    before = snapshot(tmp_path)

    with pytest.raises(NoNetwork, match="^no network: nothing fetched, nothing changed"):
        run(m, dest)
    out = CliRunner().invoke(app, ["corpus", "fetch", "--manifest", str(m), "--dest", str(dest)])
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(NO_NETWORK)
    assert snapshot(tmp_path) == before


def test_manifest_errors_and_only(tmp_path: Path, server: Server) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\ntype = "PP"\nnumber = "1"\nyear = 2030\ntitle = "x"\nulr = "http://x"\n')
    with pytest.raises(ManifestError, match="unknown key"):
        load_manifest(bad)
    bad.write_text('[[source]]\ntype = "PP"\nnumber = "1"\nyear = 2030\ntitle = "x"\nurl = "ftp://x/y.pdf"\n')
    with pytest.raises(ManifestError, match="http"):
        load_manifest(bad)

    server.files["/a.pdf"] = pdf_bytes(11)
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf")), ("pp-2-2030", server.url("/missing.pdf"))])
    res = run(m, tmp_path / "official", only=["PP 1/2030"]).results
    assert [(r.id, r.outcome) for r in res] == [("pp-1-2030", "downloaded")]
    with pytest.raises(ManifestError, match="unknown source"):
        run(m, tmp_path / "official", only=["pp-9-2030"])


def test_bundled_manifest_reads_and_matches_the_summaries() -> None:
    sources = load_manifest(ROOT / "corpus" / "sources.toml")
    ids = {s.id for s in sources}
    assert ids == {"uu-7-2017", "uu-1-2015", "uu-10-2016", "uu-5-2014", "uu-20-2023", "pp-94-2021", "pp-53-2010", "pp-42-2004", "pp-11-2017"}
    for s in sources:
        assert (ROOT / "corpus" / "regulations" / f"{s.id}.pdf").exists()  # same name as its summary
        assert s.page.startswith("https://peraturan.bpk.go.id/")
        assert not s.url or s.url.startswith("https://")


def test_complete_part_file_the_server_refuses_to_extend_is_fetched_again(server: Server, tmp_path: Path) -> None:
    a = server.files["/a.pdf"] = pdf_bytes(12)
    m = write_manifest(tmp_path / "sources.toml", [("pp-1-2030", server.url("/a.pdf"))])
    part = tmp_path / "official" / "regulations" / "pp-1-2030.pdf.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(a)  # complete, but never renamed (stopped just before)
    r = run(m, tmp_path / "official").results[0]
    assert r.outcome == "downloaded"  # 416, then a full download
    assert [rng for _, rng in server.requests] == [f"bytes={len(a)}-", None]
    assert part.with_suffix("").read_bytes() == a and not part.exists()
