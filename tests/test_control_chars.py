"""Terminal escape codes in PDF text never reach the console (issue 13, case 8): stripped at
extraction, and what an old index still holds is escaped by the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.build import build_index
from kb.cli import app, safe
from kb.config import Settings
from kb.extract import clean_pages, extract_pdf, strip_controls
from kb.index import current_generation, load_index
from kb.verify import MANIFEST
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf

TITLE_CHANGE = "\x1b]0;PWNED\x07"
SCREEN_CLEAR = "\x1b[2J\x1b[H"
OSC8_LINK = "\x1b]8;;http://evil.example/\x1b\\klik\x1b]8;;\x1b\\"
HOSTILE = [TITLE_CHANGE, SCREEN_CLEAR, OSC8_LINK, "\x9b31m", "\x00\x07\x08\x7f", "\u202e"]


@pytest.mark.parametrize("seq", HOSTILE)
def test_strip_controls_leaves_no_control_character(seq: str) -> None:
    out = strip_controls(f"Pasal 3\tPegawai {seq}dilarang\nikut kampanye")
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f or c == "\u202e" for c in out)
    assert out.startswith("Pasal 3\tPegawai ") and out.endswith("dilarang\nikut kampanye")
    assert "PWNED" not in out and "evil.example" not in out


def test_separators_become_line_breaks() -> None:
    assert strip_controls("a\r\nb\rc\x0cd\x85e") == "a\nb\nc\nd\ne"


def test_extracted_text_carries_no_escape_codes(tmp_path: Path) -> None:
    pages = list(PP_PAGES)
    pages[0] = pages[0].replace("NETRALITAS PEGAWAI UJI COBA", f"NETRALITAS {TITLE_CHANGE}PEGAWAI {SCREEN_CLEAR}UJI COBA")
    pages[1] = pages[1].replace("bersikap netral", f"bersikap {OSC8_LINK} netral")
    f = make_pdf(tmp_path / "corpus" / "regulations" / "pp-7-2030.pdf", pages)
    import pypdf

    assert TITLE_CHANGE in pypdf.PdfReader(f).pages[0].extract_text()  # the PDF does hold them
    text = extract_pdf(f).text
    assert "\x1b" not in text and "\x07" not in text and "PWNED" not in text and "evil.example" not in text
    assert "NETRALITAS PEGAWAI UJI COBA" in " ".join(text.split())


def test_clean_pages_strips_what_the_pdf_library_returns() -> None:
    pages = clean_pages([f"Pasal 1\nPegawai {TITLE_CHANGE}netral.", f"Pasal 2\n{SCREEN_CLEAR}Pegawai\x00 dilarang."])
    assert [p.text for p in pages] == ["Pasal 1\nPegawai netral.", "Pasal 2\nPegawai dilarang."]


def test_nothing_downstream_carries_them(corpus: Path, tmp_path: Path) -> None:
    pages = list(PP_PAGES)
    pages[0] = pages[0].replace("NETRALITAS PEGAWAI UJI COBA", f"NETRALITAS {TITLE_CHANGE}PEGAWAI UJI COBA")
    make_pdf(corpus / "regulations" / "pp-7-2030.pdf", pages)
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    index = load_index(s.index_dir)
    blob = json.dumps([c.text + c.heading + c.citation for c in index.chunks] + [d.meta.title or "" for d in index.docs.values()])
    assert "\\u001b" not in blob and "PWNED" not in blob


def test_the_cli_escapes_what_an_old_index_still_holds(corpus: Path, tmp_path: Path) -> None:
    s = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    build_index(s, embedder=HashEmbedder(), progress=False)
    gen = current_generation(s.index_dir)
    assert gen is not None
    (gen / MANIFEST).unlink()  # an index built before extraction stripped them
    db = sqlite3.connect(gen / "meta.sqlite")
    meta = json.loads(db.execute("SELECT meta FROM documents WHERE source = 'regulations/pp-7-2030.pdf'").fetchone()[0])
    meta["title"] = f"Netralitas {TITLE_CHANGE}{SCREEN_CLEAR}\u202eevil"
    db.execute("UPDATE documents SET meta = ? WHERE source = 'regulations/pp-7-2030.pdf'", (json.dumps(meta),))
    db.commit()
    db.close()
    r = CliRunner().invoke(app, ["--index", str(s.index_dir), "status"])
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\x07" not in r.output and "\u202e" not in r.output
    assert "Netralitas \\x1b]0;PWNED\\x07\\x1b[2J\\x1b[H\\u202eevil" in r.output


def test_safe_and_json_escapes() -> None:
    from kb.cli import _json

    assert safe("a\x1b[2Jb\x9bc\ttab\u202e\udcff") == "a\\x1b[2Jb\\x9bc\ttab\\u202e\\udcff"
    out = _json({"t": "x\x1b]0;t\x07\x9b\u202ey"})
    assert json.loads(out) == {"t": "x\x1b]0;t\x07\x9b\u202ey"} and "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
