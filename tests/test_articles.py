"""Articles read as clause trees (kb.articles) and a question's key terms (kb.lexical): the
pieces the card's quotations, the document pages and the marked passages are built from."""

from __future__ import annotations

from kb.articles import merge_texts, parse_units, reflow, split_inline_items, trim_noise
from kb.lexical import query_concepts

MOBIL = "bolehkah PNS memakai mobil dinas untuk kampanye?"


def test_clauses_nest_huruf_and_angka_across_line_wraps() -> None:
    text = (
        "Berisi larangan bagi PNS (huruf a sampai dengan huruf n).\n"
        "n. PNS tidak boleh mendukung calon dengan salah satu cara berikut:\n"
        "1. turut serta dalam kampanye;\n"
        "4. hadir sebagai peserta kampanye sambil memakai fasilitas\n"
        "negara;\n"
        "Penjelasan huruf n angka 1: peserta kampanye hadir untuk mendengar.\n"
        "English: Prohibitions; letter n bars civil servants from supporting\n"
        "candidates."
    )
    units = parse_units(text)
    four = next(u for u in units if "fasilitas" in u.text)
    assert four.path == (("huruf", "n"), ("angka", "4"))
    assert four.text == "4. hadir sebagai peserta kampanye sambil memakai fasilitas negara;"
    assert units[four.parent].text.startswith("n. PNS tidak boleh")
    note = next(u for u in units if u.text.startswith("Penjelasan"))
    assert note.kind == "para" and note.path == ()
    gloss = units[-1]
    assert gloss.kind == "english" and gloss.text.endswith("supporting candidates.")


def test_clauses_nest_in_the_order_the_law_uses() -> None:
    # PP 53/2010 numbers angka first, then huruf: "Pasal 4 angka 12 huruf d"
    units = parse_units("12. PNS tidak boleh mendukung calon dengan cara:\na. turut kampanye;\nd. memakai fasilitas negara.\n13. PNS tidak boleh membuat keputusan.")
    assert [u.path for u in units] == [
        (("angka", "12"),),
        (("angka", "12"), ("huruf", "a")),
        (("angka", "12"), ("huruf", "d")),
        (("angka", "13"),),
    ]
    ayat = parse_units("(1) Hukuman terdiri atas:\na. ringan;\nb. berat.\n(2) Hukuman ringan berupa teguran.")
    assert [u.path for u in ayat] == [(("ayat", "1"),), (("ayat", "1"), ("huruf", "a")), (("ayat", "1"), ("huruf", "b")), (("ayat", "2"),)]


def test_items_that_ocr_ran_onto_one_line_are_split() -> None:
    line = "h. meminta sesuatu sebagaimana dimaksud dalam Pasal 5 huruf l; ll( fl i. memberikan dukungan, yaitu: 1. menjadi peserta;"
    units = parse_units(line)
    assert [u.path for u in units] == [(("huruf", "h"),), (("huruf", "i"),), (("huruf", "i"), ("angka", "1"))]
    assert units[1].text == "i. memberikan dukungan, yaitu:"
    assert len(split_inline_items(line)) == len(line)  # offsets stay valid
    assert parse_units("dalam huruf i. memberikan")[0].text == "dalam huruf i. memberikan"  # a reference, not an item
    assert trim_noise("4. menggunakan fasilitas negara; ,1, ),16 l(lh-5(., ^r,") == "4. menggunakan fasilitas negara;"
    assert trim_noise("c. membuat keputusan; dan/atau") == "c. membuat keputusan; dan/atau"


def test_split_chunks_are_joined_back_with_their_overlap_once() -> None:
    full = " ".join(f"w{i}" for i in range(300))
    words = full.split()
    a, b = " ".join(words[:140]), " ".join(words[115:])  # chunk windows overlap by 25 words
    text, starts = merge_texts([a, b])
    assert text == full and starts == [0, full.index("w115")]
    text, starts = merge_texts(["(1) satu.", "(2) dua."])
    assert text == "(1) satu.\n(2) dua." and starts == [0, 10]


def test_key_terms_leave_out_the_actor_the_modality_and_a_written_citation() -> None:
    concepts = query_concepts(MOBIL)
    flat = set().union(*concepts)
    assert {"pns", "boleh", "bolehkah"}.isdisjoint(flat)
    assert any("negara" in c and "mobil" in c for c in concepts)  # the glossary: mobil dinas -> fasilitas negara
    assert query_concepts("isi pasal 5 huruf n angka 4 PP 94 2021") == []
    assert query_concepts("can I attend it?") == [frozenset({"attend"})]


def test_reflow_undoes_line_wraps_but_keeps_items() -> None:
    assert reflow("Huruf c\nYang dimaksud dengan deklarasi\nadalah pernyataan dukungan.") == (
        "Huruf c\nYang dimaksud dengan deklarasi adalah pernyataan dukungan."
    )
    assert reflow("n. PNS tidak boleh mendukung calon dengan\ncara berikut:\n1. turut kampanye;\n2. hadir\nsebagai peserta.") == (
        "n. PNS tidak boleh mendukung calon dengan cara berikut:\n1. turut kampanye;\n2. hadir sebagai peserta."
    )
