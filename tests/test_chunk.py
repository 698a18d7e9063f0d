from kb.chunk import chunk_document, estimate_tokens, split_section
from kb.structure import DocMeta, LegalDocument, Section


def _words(n: int, w: str = "kata") -> str:
    return " ".join([w] * n)


def test_long_article_is_split_at_ayat_and_nothing_is_lost() -> None:
    text = f"(1) {_words(120)}\n(2) {_words(120, 'lain')}\n(3) {_words(10, 'akhir')}"
    fits = lambda t: estimate_tokens(t) + 40 <= 320  # noqa: E731
    spans = split_section(text, fits)
    assert [s[0] for s in spans] == ["ayat (1)", "ayat (2)-(3)"]
    assert all(fits(text[a:b]) for _, a, b in spans)
    assert "".join(text[a:b] for _, a, b in spans) == text


def test_very_long_ayat_splits_at_huruf_then_by_words() -> None:
    text = "(1) Pegawai dilarang:\na. " + _words(150) + ";\nb. " + _words(150, "x") + "; dan\nc. " + _words(600, "y") + ".\n(2) " + _words(10)
    fits = lambda t: estimate_tokens(t) + 40 <= 320  # noqa: E731
    spans = split_section(text, fits)
    labels = [s[0] for s in spans]
    assert labels[0] == "ayat (1)" and labels[1].startswith("ayat (1), huruf a")
    assert any("bagian" in lb for lb in labels)
    assert all(fits(text[a:b]) for _, a, b in spans)
    covered = set()
    for _, a, b in spans:
        covered.update(range(a, b))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_chunks_carry_citation_breadcrumbs_and_exact_pages() -> None:
    body = f"(1) {_words(120)}\n(2) {_words(120, 'dua')}"
    sec = Section(part="body", text=body, pages=[4, 5], article="8", breadcrumbs=["BAB III HUKUMAN"],
                  page_starts=[0, body.index("(2)")])
    pj = Section(part="penjelasan", text="Cukup jelas.", pages=[9], article="8", page_starts=[0])
    doc = LegalDocument("regulations/pp-1-2020.pdf", DocMeta(kind="regulation", type="PP", number="1", year=2020, title="Uji"), [sec, pj], 9)
    chunks = chunk_document(doc)
    assert [c.citation for c in chunks] == ["PP 1/2020 Pasal 8 ayat (1)", "PP 1/2020 Pasal 8 ayat (2)", "Penjelasan PP 1/2020 Pasal 8"]
    assert [c.pages for c in chunks] == [[4], [5], [9]]
    assert "BAB III HUKUMAN" in chunks[0].heading and chunks[0].passage.startswith("PP 1/2020 Pasal 8 ayat (1)")
