import json
import shutil
from pathlib import Path

import pytest

from kb.build import build_index
from kb.config import Settings
from kb.index import IndexStateError, build_lock, current_generation, load_index
from kb.search import Filters, Searcher
from tests.helpers import PP_PAGES, HashEmbedder, make_pdf


@pytest.fixture
def settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index")


def _searcher(s: Settings, emb: HashEmbedder) -> Searcher:
    return Searcher(load_index(s.index_dir), emb, s)


def test_build_then_search_returns_the_json_contract(settings: Settings) -> None:
    emb = HashEmbedder()
    report = build_index(settings, embedder=emb, progress=False)
    assert sorted(report.added) == ["regulations/pp-7-2030.pdf", "rulings/putusan-9-pid.sus-2030-pn-uji.pdf"]
    assert report.problems == [] and report.chunks > 5
    results = _searcher(settings, emb).search("kendaraan dinas kampanye", k=3)
    top = results[0].to_json()
    assert top["citation"] == "PP 7/2030 Pasal 3" and top["article"] == "3" and top["part"] == "body"
    assert top["source"] == "regulations/pp-7-2030.pdf" and top["page"] == 2 and top["pages"] == [2]
    assert top["doc"] == {"type": "PP", "number": "7", "year": 2030, "title": "Netralitas Pegawai Uji Coba", "status": None, "summary": False}
    assert top["kind"] == "regulation" and "kendaraan dinas" in top["text"]
    assert [r["rank"] for r in (r.to_json() for r in results)] == [1, 2, 3]
    json.dumps(top)  # serialisable


def test_citation_in_the_question_goes_to_the_article(settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    res = _searcher(settings, emb).search("isi pasal 5A PP 7 2030", k=3)
    assert res[0].chunk.article == "5A" and res[0].chunk.part == "body"


def test_filters(settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    s = _searcher(settings, emb)
    assert {r.chunk.kind for r in s.search("kampanye guru", k=10, filters=Filters(kind="ruling"))} == {"ruling"}
    assert s.search("kampanye", k=10, filters=Filters(year=1999)) == []
    assert {r.chunk.source for r in s.search("kampanye", k=10, filters=Filters(doc="PP 7/2030"))} == {"regulations/pp-7-2030.pdf"}


def test_incremental_rebuild_reembeds_only_what_changed(settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    first = emb.passages_encoded
    again = build_index(settings, embedder=emb, progress=False)
    assert again.unchanged and not again.added and emb.passages_encoded == first
    changed = list(PP_PAGES)
    changed[1] = changed[1].replace("bersikap netral", "bersikap netral dan profesional")
    make_pdf(settings.corpus_dir / "regulations" / "pp-7-2030.pdf", changed)
    (settings.corpus_dir / "rulings" / "putusan-9-pid.sus-2030-pn-uji.pdf").unlink()
    r = build_index(settings, embedder=emb, progress=False)
    assert r.changed == ["regulations/pp-7-2030.pdf"] and r.removed == ["rulings/putusan-9-pid.sus-2030-pn-uji.pdf"]
    assert 0 < r.embedded <= 2  # only the edited Pasal (and nothing from the removed ruling)
    assert {c.source for c in load_index(settings.index_dir).chunks} == {"regulations/pp-7-2030.pdf"}


def test_bad_files_are_reported_and_the_rest_is_indexed(settings: Settings) -> None:
    regs = settings.corpus_dir / "regulations"
    (regs / "not a pdf ü.pdf").write_text("just text")
    (regs / "empty.pdf").write_bytes(b"")
    make_pdf(regs / "locked.pdf", ["Pasal 1\nrahasia"], encrypt="pw")
    shutil.copy(regs / "pp-7-2030.pdf", regs / "copy of pp.pdf")
    report = build_index(settings, embedder=HashEmbedder(), progress=False)
    reasons = {p.source: p.reason for p in report.problems}
    assert "not a PDF" in reasons["regulations/not a pdf ü.pdf"]
    assert "not a PDF" in reasons["regulations/empty.pdf"]
    assert "encrypted" in reasons["regulations/locked.pdf"]
    assert "duplicate" in reasons["regulations/pp-7-2030.pdf"] or "duplicate" in reasons["regulations/copy of pp.pdf"]
    assert len(report.added) == 2


def test_a_file_that_turns_bad_keeps_its_last_good_version(settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    (settings.corpus_dir / "regulations" / "pp-7-2030.pdf").write_bytes(b"%PDF-1.4 broken")
    r = build_index(settings, embedder=emb, progress=False)
    assert r.problems and r.problems[0].source == "regulations/pp-7-2030.pdf"
    assert any(c.article == "3" for c in load_index(settings.index_dir).chunks)


def test_a_failed_build_leaves_the_previous_index_serving(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    before = current_generation(settings.index_dir)
    make_pdf(settings.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])

    def boom(*a: object, **k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("kb.bm25.build", boom)  # the BM25 step of the writer
    with pytest.raises(KeyboardInterrupt):
        build_index(settings, embedder=emb, progress=False)
    assert current_generation(settings.index_dir) == before
    assert not list(settings.index_dir.glob(".gen-*"))
    assert _searcher(settings, emb).search("kampanye", k=1)


def test_concurrent_builds_are_refused(settings: Settings) -> None:
    with build_lock(settings.index_dir):
        with pytest.raises(IndexStateError, match="another build is running"):
            build_index(settings, embedder=HashEmbedder(), progress=False)


def test_relations_are_read_from_the_texts() -> None:
    from kb.index import DocRecord
    from kb.relations import apply_relations, revoked_by_text
    from kb.chunk import Chunk
    from kb.structure import DocMeta

    text = ("Pada saat Peraturan Pemerintah ini mulai berlaku, Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin "
            "Pegawai Negeri Sipil (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 74), dicabut dan dinyatakan tidak berlaku.")
    assert revoked_by_text(text) == [("PP", "53", 2010)]
    new = DocRecord("regulations/new.pdf", "a", 1, DocMeta(kind="regulation", type="PP", number="94", year=2021, title="Disiplin"))
    old = DocRecord("regulations/old.pdf", "b", 1, DocMeta(kind="regulation", type="PP", number="53", year=2010, title="Disiplin"))
    other = DocRecord("regulations/x.pdf", "c", 1, DocMeta(kind="regulation", type="UU", number="10", year=2016,
                      title="Perubahan Kedua atas Undang-Undang Nomor 1 Tahun 2015 tentang Pemilihan"))
    chunk = Chunk(source="regulations/new.pdf", kind="regulation", part="body", article="45", citation="", heading="", text=text, pages=[1])
    apply_relations([new, old, other], [chunk])
    assert old.meta.status == "dicabut" and old.meta.relations == ["dicabut oleh PP 94/2021"]
    assert new.meta.relations == ["mencabut PP 53/2010"] and new.meta.status is None
    assert other.meta.relations == ["mengubah UU 1/2015"]


def test_as_of_shows_the_law_as_it_stood(settings: Settings) -> None:
    make_pdf(
        settings.corpus_dir / "regulations" / "pp-9-2032.pdf",
        ["PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 9 TAHUN 2032 TENTANG NETRALITAS PEGAWAI BARU\nMEMUTUSKAN:\n"
         "Pasal 1\nPegawai dilarang memakai kendaraan dinas untuk kampanye dan dijatuhi hukuman disiplin berat.\n"
         "Pasal 2\nPeraturan Pemerintah Nomor 7 Tahun 2030 tentang Netralitas Pegawai Uji Coba dicabut dan dinyatakan tidak berlaku.\n"
         "Agar setiap orang mengetahuinya. Diundangkan di Jakarta pada tanggal 2 Januari 2032"],
    )
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    s = _searcher(settings, emb)
    docs = s.index.docs
    assert docs["regulations/pp-9-2032.pdf"].meta.date == "2032-01-02"
    assert docs["regulations/pp-7-2030.pdf"].meta.status == "dicabut"
    assert docs["regulations/pp-7-2030.pdf"].meta.relations == ["dicabut oleh PP 9/2032"]
    now = s.search("kendaraan dinas kampanye", k=5)
    assert now[0].chunk.source == "regulations/pp-9-2032.pdf"  # the law in force first
    then = s.search("kendaraan dinas kampanye", k=5, filters=Filters(as_of="2031-06-01"))
    assert then and all(r.chunk.source != "regulations/pp-9-2032.pdf" for r in then)


def test_live_searcher_picks_up_a_new_generation_without_failing(settings: Settings) -> None:
    from kb.search import LiveSearcher

    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    live = LiveSearcher(settings, emb, check_every=0.0)
    first = live.generation
    assert live.get().search("kampanye", k=1)
    make_pdf(settings.corpus_dir / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    build_index(settings, embedder=emb, progress=False)
    live.wait_until_loaded()
    assert live.generation != first and live.last_error is None
    assert any(r.chunk.source == "regulations/pp-8-2031.pdf" for r in live.get().search("netralitas pegawai", k=10))


def test_official_texts_indexed_beside_or_instead_of_summaries(settings, tmp_path) -> None:  # noqa: ANN001
    from kb.build import scan_corpus

    make_pdf(settings.corpus_dir / "official" / "regulations" / "pp-8-2031.pdf", [p.replace("7 TAHUN 2030", "8 TAHUN 2031") for p in PP_PAGES])
    (settings.corpus_dir / "official" / "regulations" / "pp-8-2031.pdf.part").write_bytes(b"%PDF-1.7 half")
    both = [f.source for f in scan_corpus(settings.corpus_dir)]
    assert both[-1] == "official/regulations/pp-8-2031.pdf" and "regulations/pp-7-2030.pdf" in both
    assert [f.source for f in scan_corpus(settings.corpus_dir, official_only=True)] == ["official/regulations/pp-8-2031.pdf"]
    emb = HashEmbedder()
    r = build_index(settings, embedder=emb, progress=False)
    assert "official/regulations/pp-8-2031.pdf" in r.added and "regulations/pp-7-2030.pdf" in r.added
    r = build_index(settings, embedder=emb, progress=False, official_only=True)
    assert r.added == [] and r.unchanged == ["official/regulations/pp-8-2031.pdf"]
    assert "regulations/pp-7-2030.pdf" in r.removed


def test_a_cited_huruf_narrows_the_citation(settings: Settings) -> None:
    emb = HashEmbedder()
    build_index(settings, embedder=emb, progress=False)
    s = _searcher(settings, emb)
    top = s.search("pasal 3 huruf b PP 7 2030", k=1)[0]
    assert top.citation == "PP 7/2030 Pasal 3 huruf b" and top.to_json()["citation"] == top.citation
    assert s.search("pasal 3 huruf x PP 7 2030", k=1)[0].citation == "PP 7/2030 Pasal 3"  # no such item: not claimed
