import pytest

from kb.citations import parse_citation


@pytest.mark.parametrize(
    "q, doc, article, huruf",
    [
        ("isi pasal 5 huruf n PP 94 2021", ("PP", "94", 2021), "5", "n"),
        ("pasal 14 huruf i PP 94/2021 isinya apa", ("PP", "94", 2021), "14", "i"),
        ("pasal 87 ayat 4 UU 5 tahun 2014", ("UU", "5", 2014), "87", None),
        ("Undang-Undang Nomor 10 Tahun 2016 pasal 187A", ("UU", "10", 2016), "187A", None),
    ],
)
def test_explicit_citations(q: str, doc: tuple, article: str, huruf: str | None) -> None:
    c = parse_citation(q)
    assert c is not None and c.doc is not None
    assert (c.doc.type, c.doc.number, c.doc.year) == doc
    assert c.article == article and c.huruf == huruf


def test_alias_and_article_only() -> None:
    c = parse_citation("UU ASN pasal 9")
    assert c and c.doc and c.doc.title_phrase == "aparatur sipil negara" and c.article == "9"
    c = parse_citation("apa isi pasal 280 ayat (2)?")
    assert c and c.doc is None and c.article == "280" and c.ayat == "2"


def test_no_citation() -> None:
    assert parse_citation("bolehkah PNS hadir di deklarasi bakal calon?") is None
