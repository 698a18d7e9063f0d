"""Definitions index and document resolution (issue 12), on made-up documents."""

from __future__ import annotations

from kb.chunk import Chunk
from kb.definitions import DefinitionIndex
from kb.index import DocRecord
from kb.resolve import DocResolver
from kb.structure import DocMeta

KU = (
    "Dalam Undang-Undang ini yang dimaksud dengan: 1. Pegawai Negeri Sipil yang selanjutnya disingkat PNS adalah "
    "warga negara yang diangkat secara tetap. 2. Kampanye Pemilihan adalah kegiatan meyakinkan pemilih. "
    "3. Hukuman Disiplin adalah hukuman yang dijatuhkan kepada PNS."
)


def _chunk(source: str, article: str, text: str) -> Chunk:
    return Chunk(source=source, kind="regulation", part="body", article=article, citation=f"X Pasal {article}",
                 heading="BAB I KETENTUAN UMUM", text=text, pages=[1])


def test_definitions_are_read_from_pasal_1_and_found_in_either_language() -> None:
    chunks = [_chunk("a.pdf", "1", KU), _chunk("a.pdf", "2", "1. Pegawai adalah bukan definisi di sini."), _chunk("b.pdf", "1", "1. Kampanye Pemilihan adalah lain.")]
    idx = DefinitionIndex.from_chunks(chunks)
    assert {(d.source, d.number, d.term, d.abbr) for d in idx.definitions} == {
        ("a.pdf", "1", "Pegawai Negeri Sipil", "PNS"), ("a.pdf", "2", "Kampanye Pemilihan", None),
        ("a.pdf", "3", "Hukuman Disiplin", None), ("b.pdf", "1", "Kampanye Pemilihan", None),
    }
    assert idx.abbreviations()["pns"] == {"pegawai", "negeri", "sipil"}
    assert [(d.source, d.number) for d in idx.lookup("apa yang dimaksud dengan hukuman disiplin?")] == [("a.pdf", "3")]
    assert {(d.source, d.number) for d in idx.lookup("pengertian kampanye pemilihan itu apa")} == {("a.pdf", "2"), ("b.pdf", "1")}
    assert [d.number for d in idx.lookup("What does the law mean by a civil servant?")] == ["1"]  # glossary: civil servant -> pns ...
    assert [d.number for d in idx.lookup("what is a PNS?")] == ["1"]  # by its abbreviation
    # a definition cue, but the question is about something else than the term it names
    assert idx.lookup("what is the penalty for a PNS who skips work for ten days?") == []
    assert idx.lookup("hukuman disiplin bagi PNS yang bolos") == []  # no cue: not a definition question


def test_every_document_defining_a_term_alike_is_found_once_in_order_of_stems_then_source() -> None:
    """Many documents define a term the same way (copies, amendments): each is answered once
    per (document, angka), the definition with more of the question's stems first."""
    chunks = [_chunk(f"{name}.pdf", "1", KU) for name in ("c", "a", "b")] + [_chunk("d.pdf", "1", "1. Disiplin adalah kesanggupan menaati.")]
    idx = DefinitionIndex.from_chunks(chunks)
    found = idx.lookup("apa yang dimaksud dengan hukuman disiplin?")
    assert [(d.source, d.number) for d in found] == [("a.pdf", "3"), ("b.pdf", "3"), ("c.pdf", "3")]
    assert [d.chunk for d in found] == [1, 2, 0]


def _doc(source: str, type_: str, number: str, year: int, title: str, status: str | None = None, kind: str = "regulation") -> DocRecord:
    meta = DocMeta(kind=kind, type=type_, number=number, year=year, title=title, status=status)
    return DocRecord(source, "0", 1, meta)


DOCS = {d.source: d for d in [
    _doc("uu-3-2031.pdf", "UU", "3", 2031, "Pemilihan Umum"),
    _doc("uu-4-2031.pdf", "UU", "4", 2031, "Perubahan atas Undang-Undang Nomor 9 Tahun 2029 tentang Pemilihan Gubernur, Bupati, dan Walikota"),
    _doc("uu-9-2029.pdf", "UU", "9", 2029, "Pemilihan Gubernur, Bupati, dan Walikota"),
    _doc("uu-5-2030.pdf", "UU", "5", 2030, "Aparatur Sipil Negara"),
    _doc("pp-1-2020.pdf", "PP", "1", 2020, "Disiplin Pegawai Negeri Sipil", status="dicabut"),
    _doc("pp-2-2032.pdf", "PP", "2", 2032, "Disiplin Pegawai Negeri Sipil"),
    _doc("uu-6-2030.pdf", "UU", "6", 2030, "Wilayah Pesisir"),
]}


def test_documents_named_in_plain_words_are_resolved() -> None:
    r = DocResolver(DOCS, {"pns": frozenset({"pegawai", "negeri", "sipil"})})
    assert r.resolve("what does the 2031 election law say about civil servants?").sources == {"uu-3-2031.pdf"}
    assert r.resolve("the 2030 civil service law on party influence").sources == {"uu-5-2030.pdf"}  # not UU 6/2030
    named = r.resolve("UU ASN: netralitas pegawai")
    assert named.sources == {"uu-5-2030.pdf"} and named.rest.split() == [":", "netralitas", "pegawai"]  # the name set aside
    assert r.resolve("UU Pilkada: pejabat dilarang membuat keputusan").sources == {"uu-4-2031.pdf", "uu-9-2029.pdf"}
    assert r.resolve("the latest amendment of the regional election law").sources == {"uu-4-2031.pdf"}
    assert r.resolve("PP disiplin PNS: hukuman sedang").sources == {"pp-1-2020.pdf", "pp-2-2032.pdf"}
    assert r.resolve("PP disiplin yang lama: hukuman sedang").sources == {"pp-1-2020.pdf"}
    # subject words alone do not name a document; a year no document has resolves nothing
    none = r.resolve("pegawai negeri sipil dilarang kampanye")
    assert none.sources == frozenset() and not none.named
    assert r.resolve("the 1999 election law").sources == frozenset()


def test_a_resolution_names_the_groups_its_documents_come_from() -> None:
    """Search marks a named document's chunks through the resolver's groups of alike documents
    (no pass over thousands of sources): the groups hold exactly the sources resolved."""
    r = DocResolver(DOCS, {"pns": frozenset({"pegawai", "negeri", "sipil"})})
    for q in ("UU Pilkada: pejabat dilarang membuat keputusan", "PP disiplin PNS: hukuman sedang", "UU ASN: netralitas pegawai"):
        res = r.resolve(q)
        assert res.groups and {s for g in res.groups for s in r.groups[g].sources} == res.sources, q
    assert r.resolve("pegawai negeri sipil dilarang kampanye").groups == ()
