"""The second article a question needs (issue 12): a prohibition's sanction, each version of an
amended Pasal (latest first, labelled), the article that revoked a law. Made-up documents."""

from __future__ import annotations

import pytest

from kb.build import build_index
from kb.config import Settings
from kb.diversity import spread
from kb.index import load_index
from kb.search import Searcher
from tests.helpers import HashEmbedder, make_pdf

BASE = (
    "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2030 TENTANG PEMILIHAN KEPALA WILAYAH UJI\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n"
    "MEMUTUSKAN:\nPasal 1\nPemilihan diselenggarakan setiap lima tahun.\n"
    "Pasal 2\nPejabat dilarang membuat keputusan yang menguntungkan salah satu calon.\n"
    "Pasal 3\nKomisi menetapkan jadwal tahapan pemilihan.\n"
    "Pasal 4\nPejabat yang melanggar larangan sebagaimana dimaksud dalam Pasal 2 dipidana dengan pidana penjara paling lama enam bulan.\n"
    "Agar setiap orang mengetahuinya. Diundangkan di Jakarta pada tanggal 5 Maret 2030"
)
AMEND = (
    "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 2 TAHUN 2031 TENTANG PERUBAHAN ATAS UNDANG-UNDANG NOMOR 1 TAHUN 2030 "
    "TENTANG PEMILIHAN KEPALA WILAYAH UJI\nDENGAN RAHMAT TUHAN YANG MAHA ESA\nMEMUTUSKAN:\nPasal I\n"
    "Beberapa ketentuan dalam Undang-Undang Nomor 1 Tahun 2030 diubah sebagai berikut:\n"
    "1. Ketentuan Pasal 3 diubah sehingga berbunyi sebagai berikut:\nPasal 3\n"
    "Komisi menetapkan jadwal tahapan pemilihan paling lambat enam bulan sebelum pemungutan suara.\n"
    "Pasal II\nUndang-Undang ini mulai berlaku pada tanggal diundangkan.\n"
    "Agar setiap orang mengetahuinya. Diundangkan di Jakarta pada tanggal 9 Juni 2031"
)
OLD_PP = (
    "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 3 TAHUN 2020 TENTANG TERTIB PEGAWAI UJI\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n"
    "MEMUTUSKAN:\nPasal 1\nPegawai uji wajib hadir tepat waktu.\nPasal 2\nPegawai uji yang terlambat ditegur atasan.\n"
    "Agar setiap orang mengetahuinya. Diundangkan di Jakarta pada tanggal 1 Februari 2020"
)
NEW_PP = (
    "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 4 TAHUN 2032 TENTANG TERTIB PEGAWAI UJI\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n"
    "MEMUTUSKAN:\nPasal 1\nPegawai uji wajib hadir tepat waktu dan mengisi daftar hadir.\n"
    "Pasal 2\nPada saat Peraturan Pemerintah ini mulai berlaku, Peraturan Pemerintah Nomor 3 Tahun 2020 tentang Tertib "
    "Pegawai Uji dicabut dan dinyatakan tidak berlaku.\n"
    "Agar setiap orang mengetahuinya. Diundangkan di Jakarta pada tanggal 1 Februari 2032"
)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    root = tmp_path_factory.mktemp("links")
    for name, text in [("uu-1-2030.pdf", BASE), ("uu-2-2031.pdf", AMEND), ("pp-3-2020.pdf", OLD_PP), ("pp-4-2032.pdf", NEW_PP)]:
        make_pdf(root / "corpus" / "regulations" / name, [text])
    s = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    emb = HashEmbedder()
    assert build_index(s, embedder=emb, progress=False).problems == []
    return Searcher(load_index(s.index_dir), emb, s)


def test_each_version_of_an_amended_pasal_latest_first_and_labelled(searcher: Searcher) -> None:
    res = searcher.search("jadwal tahapan pemilihan", k=5)
    hits = [(r.chunk.source, r.chunk.article, r.version) for r in res if r.chunk.article == "3"]
    assert hits[:2] == [
        ("regulations/uu-2-2031.pdf", "3", "teks terbaru: UU 2/2031 (Pasal I angka 1)"),
        ("regulations/uu-1-2030.pdf", "3", "teks lama; diubah oleh UU 2/2031"),
    ]
    assert res[0].to_json()["version"] == hits[0][2]
    # a Pasal no later law rewrote carries no version label
    assert all(r.version is None for r in res if r.chunk.article == "2")


def _fused(searcher: Searcher, scores: dict[tuple[str, str], float]):  # noqa: ANN202
    import numpy as np

    fused = np.zeros(len(searcher.chunks))
    for i, c in enumerate(searcher.chunks):
        fused[i] = scores.get((c.source.rsplit("/", 1)[-1], c.article), 0.0)
    return fused


def _score(searcher: Searcher, fused, name: str, article: str) -> float:  # noqa: ANN001
    return max(fused[i] for i, c in enumerate(searcher.chunks) if c.source.endswith(name) and c.article == article)


def test_a_prohibition_brings_its_sanction_when_the_question_asks_for_it(searcher: Searcher) -> None:
    # the prohibition ranks first, its sanction (which refers to it) was barely retrieved
    start = {("uu-1-2030.pdf", "2"): 1.0, ("uu-1-2030.pdf", "1"): 0.8, ("uu-1-2030.pdf", "3"): 0.7, ("uu-1-2030.pdf", "4"): 0.1}
    fused = _fused(searcher, start)
    searcher.links.pull(fused, "pejabat dilarang membuat keputusan, apa sanksinya?")
    assert 0.8 < _score(searcher, fused, "uu-1-2030.pdf", "4") < 1.0  # just below the prohibition
    fused = _fused(searcher, start)
    searcher.links.pull(fused, "pejabat dilarang membuat keputusan yang menguntungkan calon")  # no sanction asked
    assert _score(searcher, fused, "uu-1-2030.pdf", "4") == 0.1
    fused = _fused(searcher, {**start, ("uu-1-2030.pdf", "4"): 0.0})  # not retrieved at all: not raised
    searcher.links.pull(fused, "pejabat dilarang membuat keputusan, apa sanksinya?")
    assert _score(searcher, fused, "uu-1-2030.pdf", "4") == 0.0


def test_a_question_on_a_revoked_law_finds_the_revoking_article(searcher: Searcher) -> None:
    start = {("pp-3-2020.pdf", "1"): 1.0, ("pp-3-2020.pdf", "2"): 0.9}
    fused = _fused(searcher, start)
    searcher.links.pull(fused, "apakah PP tertib pegawai uji tahun 2020 masih berlaku?")
    assert _score(searcher, fused, "pp-4-2032.pdf", "2") >= 0.95  # the revoking article, near the top
    fused = _fused(searcher, start)
    searcher.links.pull(fused, "pegawai uji yang terlambat")
    assert _score(searcher, fused, "pp-4-2032.pdf", "2") == 0.0


def test_spread_moves_a_second_passage_of_one_provision_down() -> None:
    keys = [("a", "5"), ("a", "5"), ("a", "6"), ("b", None), ("a", "7"), ("a", "8"), ("a", "9")]
    assert spread(keys, front=5) == [0, 2, 3, 4, 5, 1, 6]
    assert spread(keys, front=2) == [0, 2, 1, 3, 4, 5, 6]
