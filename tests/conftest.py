"""Shared test helpers: PDFs made by the tests themselves, and a small stand-in embedder
for the plumbing tests (the real model is exercised in test_shared_corpus.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest
from fpdf import FPDF

SHARED = Path(__file__).resolve().parents[2] / "shared"


def make_pdf(path: Path, pages: list[str], encrypt: str | None = None) -> Path:
    """A PDF with one page per string; lines are kept as lines."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1, tzinfo=__import__("datetime").timezone.utc))
    pdf.set_font("Helvetica", size=10)
    for text in pages:
        pdf.add_page()
        for line in text.split("\n"):
            pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password=encrypt)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


class HashEmbedder:
    """Bag-of-words vectors from hashed stems: deterministic, instant, no model."""

    dim = 64
    max_tokens = 512
    model_id = "test-hash-embedder"

    def __init__(self) -> None:
        self.passages_encoded = 0

    def count_tokens(self, text: str) -> int:
        return len(text.split()) * 2

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for w in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(w[:5].encode()).hexdigest(), 16) % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        self.passages_encoded += len(texts)
        return self.encode_queries(texts)


HEAD = "PRESIDEN\nREPUBLIK INDONESIA\n- {n} -\n"

PP_PAGES = [
    "PRESIDEN\nREPUBLIK INDONESIA\nPERATURAN PEMERINTAH REPUBLIK INDONESIA\nNOMOR 7 TAHUN 2030\nTENTANG\n"
    "NETRALITAS PEGAWAI UJI COBA\nDENGAN RAHMAT TUHAN YANG MAHA ESA\nMenimbang: bahwa perlu sesuai Pasal 9 ayat (2);\n"
    "MEMUTUSKAN:\nMenetapkan: PERATURAN PEMERINTAH TENTANG NETRALITAS.\nBAB I KETENTUAN UMUM\nPasal 1\n"
    "Dalam Peraturan Pemerintah ini yang dimaksud dengan:\n1. Pegawai adalah pegawai negeri sipil.\n"
    "2. Kampanye adalah kegiatan meyakinkan pemilih.\nPasal 2 . . .",
    HEAD.format(n=2) + "Pasal 2\nPegawai wajib bersikap netral dalam pemilihan kepala daerah.\n"
    "BAB II LARANGAN\nPasal 3\nPegawai dilarang:\na. ikut kampanye;\nb. memakai kendaraan dinas untuk kampanye; dan\n"
    "c. menghadiri deklarasi bakal calon.\nPasaI 4\n(1) Pelanggaran Pasal 3 dijatuhi hukuman disiplin berat.\n"
    "(2) Hukuman sebagaimana dimaksud pada ayat (1) ditetapkan oleh pejabat. Pasal 5 (1) Pegawai yang",
    HEAD.format(n=3) + "melanggar sebagaimana dimaksud dalam Pasal 3 diperiksa oleh atasan langsung.\n"
    "(2) Pemeriksaan dilakukan secara tertutup.\nPasal 5A\nKetentuan mengenai perlindungan saksi diatur dengan Peraturan Menteri.\n"
    "Pasal 6\nPeraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.\nAgar setiap orang mengetahuinya.\n"
    "PENJELASAN ATAS PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 7 TAHUN 2030\nI. UMUM\n"
    "Netralitas pegawai adalah syarat pemilihan yang jujur dan adil sehingga perlu diatur dengan rinci dalam Peraturan Pemerintah ini, "
    "termasuk larangan dan hukuman yang dapat dijatuhkan kepada pegawai yang melanggar.\n"
    "II. PASAL DEMI PASAL\nPasal 1\nCukup jelas.\nPasal 2\nCukup jelas.\nPasal 3\nHuruf c\nYang dimaksud dengan deklarasi adalah pernyataan dukungan.",
]


@pytest.fixture
def pp_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "corpus" / "regulations" / "pp-7-2030.pdf", PP_PAGES)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    make_pdf(root / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    make_pdf(
        root / "rulings" / "putusan-9-pid.sus-2030-pn-uji.pdf",
        ["putusan\nnomor 9 pid sus 2030 pn uji\npengadilan negeri ujicoba yang mengadili perkara pidana\n"
         "terdakwa seorang guru pegawai negeri sipil\nterdakwa didakwa ikut kampanye calon anggota dprd\n"
         "fakta hukum terdakwa membagikan stiker caleg di posyandu\n"
         "m e n g a d i l i\n1 menyatakan terdakwa bersalah\n2 pidana kurungan 1 bulan"],
    )
    return root
