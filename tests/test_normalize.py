"""Query normalisation (issue 12): slang and typos, citations untouched."""

from __future__ import annotations

from kb.lexical import tokenize
from kb.normalize import QueryNormalizer, lexicon

VOCAB = set(tokenize(
    "memeriksa melaporkan menulis mengambil kasih "
    "pegawai negeri sipil dilarang memberikan dukungan kepada calon disiplin hukuman berat sedang ringan "
    "pelanggaran tidak masuk kerja berwenang menjatuhkan kampanye pemilihan isi"
))


def _n(q: str, slang: dict[str, str] | None = None) -> str:
    return QueryNormalizer(VOCAB, slang=slang).normalize(q).text


def test_informal_words_from_the_lexicon_and_typos_from_the_vocabulary() -> None:
    assert lexicon()["udh"] == "sudah"  # the package's table is there
    assert _n("pns udh dsiplin gmn?", {"udh": "sudah", "gmn": "bagaimana"}) == "pns sudah disiplin bagaimana?"
    assert _n("hukuman beratt utk pelangaran") == "hukuman berat utk pelanggaran"
    assert _n("siapa brwenang menjatuhkan") == "siapa berwenang menjatuhkan"  # not "berenang": not a word of the index
    # English typos go to the glossary's English words
    assert _n("can a goverment employee be temporarly suspended") == "can a government employee be temporarily suspended"


def test_citations_acronyms_known_and_english_words_are_left_alone() -> None:
    q = "isi pasal 5 huruf n angka 4 PP 94 2021 dan UU 5/2014 pasal 87A"
    assert _n(q, {"n": "nya", "isi": "x", "dan": "y"}) == q  # "isi"/"dan" are known: never rewritten
    assert _n("KPPS dan PPK") == "KPPS dan PPK"  # acronyms in capitals
    assert _n("pegawai being investigated", {"being": "x"}) == "pegawai being investigated"  # English, not a typo
    assert _n("hukuman brat") == "hukuman brat"  # an English word: left alone rather than guessed
    n = QueryNormalizer(VOCAB, slang={"pns": "x"}).normalize("pasal 12 ayat 3")
    assert n.changes == ()


def test_colloquial_verb_forms_go_to_their_root_when_the_index_knows_it() -> None:
    assert _n("atasan meriksa dan ngelaporin", {}) == "atasan periksa dan lapor"
    assert _n("boleh nulis", {}) == "boleh tulis"
    assert _n("ngambil uang", {}) == "ambil uang"
    assert _n("ngopi bareng", {}) == "ngopi bareng"  # no root the index knows: left alone


def test_the_slang_table_is_read_without_the_package_init_and_is_the_packages_own() -> None:
    import subprocess
    import sys

    from indoNLP.preprocessing.slang_data import SLANG_DATA

    from kb.normalize import _slang_table

    assert _slang_table() == SLANG_DATA
    code = "import sys; from kb.normalize import lexicon; n = len(lexicon()); print(n, 'indoNLP' in sys.modules, 'urllib.request' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 1000 and out[1] == "False"  # the package (and its downloader) never imported


def test_a_build_keeps_the_lexicon_stems_and_a_searcher_reads_them_instead_of_stemming(tmp_path, monkeypatch) -> None:
    import json

    from kb import lexical
    from kb.build import build_index
    from kb.config import Settings
    from kb.search import Searcher
    from tests.helpers import HashEmbedder, make_corpus

    settings = Settings(corpus_dir=make_corpus(tmp_path / "corpus"), index_dir=tmp_path / "index")
    monkeypatch.setattr(lexical, "_STEMS", {})  # `kb build` in a new process
    build_index(settings, embedder=HashEmbedder(), progress=False)
    saved = json.loads((settings.index_dir / "cache" / lexical.STEMS_FILE).read_text(encoding="utf-8"))
    words = {w for v in lexicon().values() for w in v.split()}
    assert words <= saved.keys()
    assert saved["memberikan"] == "beri"  # the stemmer's answers, as it gives them

    expected = QueryNormalizer(VOCAB)  # made with the stemmer, for comparison
    real = lexical._stemmer()
    asked: list[str] = []

    class Recording:
        def stem(self, word: str) -> str:
            asked.append(word)
            return real.stem(word)

    monkeypatch.setattr(lexical, "_STEMS", {})  # a new process: nothing stemmed yet
    monkeypatch.setattr(lexical, "_stemmer", Recording)
    searcher = Searcher.open(settings, HashEmbedder())
    assert not words & set(asked)  # whatever else is stemmed, the lexicon is not
    assert QueryNormalizer(VOCAB)._choices == expected._choices  # the same typo targets from the cache
    assert searcher.normalizer.normalize("pns udh dsiplin").text == expected.normalize("pns udh dsiplin").text
