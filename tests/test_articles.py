"""Articles read as clause trees (kb.articles), references between articles
(kb.references) and a question's key terms (kb.lexical): the pieces the answer card and the
document pages are built from."""

from __future__ import annotations

from kb.articles import merge_texts, parse_units, reflow, split_inline_items, trim_noise
from kb.lexical import query_concepts
from kb.references import find_refs, ref_match

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


def test_references_name_articles_ranges_and_documents() -> None:
    (r,) = find_refs("mendukung calon dengan cara yang dilarang Pasal 5 huruf n angka 3 sampai dengan angka 7, yaitu:")
    assert (r.article, r.doc, r.parts) == ("5", None, {"huruf": [("n", "n")], "angka": [("3", "7")]})
    (r,) = find_refs("sebagaimana dimaksud dalam Pasal 5 huruf n angka 3, angka 4, dan angka 7;")
    assert r.parts == {"huruf": [("n", "n")], "angka": [("3", "3"), ("4", "4"), ("7", "7")]}
    (r,) = find_refs("(Pasal 4 angka 12 huruf a, huruf b, dan huruf c)")
    assert r.parts == {"angka": [("12", "12")], "huruf": [("a", "a"), ("b", "b"), ("c", "c")]}
    (r,) = find_refs("Sanksinya berupa sanksi moral menurut Pasal 15 PP 42/2004.")
    assert (r.article, r.doc) == ("15", "PP 42/2004")
    (r,) = find_refs("untuk hukuman disiplin lihat PP 94/2021 Pasal 5 huruf n")
    assert r.doc == "PP 94/2021"
    (r,) = find_refs("yang tidak memenuhi ketentuan Pasal 3 sampai dengan Pasal 5 dikenai Hukuman Disiplin")
    assert (r.article, r.article_hi) == ("3", "5")
    assert find_refs("Menurut Penjelasan Pasal 5 huruf n angka 2, kendaraan dinas ...") == []

    path = (("huruf", "n"), ("angka", "4"))
    in_range = ref_match(find_refs("Pasal 5 huruf n angka 3 sampai dengan angka 7")[0], "5", path)
    exact = ref_match(find_refs("Pasal 5 huruf n angka 4")[0], "5", path)
    bare = ref_match(find_refs("Pasal 5")[0], "5", path)
    assert exact > in_range > bare > 0  # type: ignore[operator]
    assert ref_match(find_refs("Pasal 5 huruf n angka 2")[0], "5", path) is None
    assert ref_match(find_refs("Pasal 5 huruf n angka 3 dan angka 5")[0], "5", path) is None  # two values, not a range
    assert ref_match(find_refs("Pasal 5 huruf n angka 3, angka 4, dan angka 7")[0], "5", path) == exact
    assert ref_match(find_refs("Pasal 6")[0], "5", path) is None
    assert ref_match(find_refs("Pasal 3 sampai dengan Pasal 5")[0], "5", path) == 0.4


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
