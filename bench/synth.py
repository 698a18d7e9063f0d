#!/usr/bin/env python
"""A synthetic index of any size, made from a real one: for the 139k and 1M-chunk runs.

    python bench/synth.py --from /tmp/idx --chunks 1000000 --out /tmp/idx-1m

Copy 0 is the real generation as it is (chunks, documents, vectors). Every further copy
holds each real document again under a new number ("PP 94/2021" -> "PP 94001/2021",
relations and citations renamed alike, so each copy is a consistent set of instruments);
its chunk texts have ~5% of their ordinary words swapped for other corpus words and ~1%
for words new to the corpus (so the vocabulary grows with the corpus), and its vectors are
the real chunk's vector plus Gaussian noise, renormalised (sigma 0.015: median cosine 0.96
to the original, about a real chunk's nearest neighbour). No PDF is read and no passage is
embedded: a million chunks are made in minutes, in bounded memory (documents are written
copy by copy to the generation writer, which takes them as one list at the end).

Query text stays real in every run that uses this (the dev questions, encoded by the
real model): only the corpus is synthetic.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kb.chunk import Chunk  # noqa: E402
from kb.index import DocRecord, current_generation, load_index, write_generation  # noqa: E402
from kb.lexical import STEMS_FILE, save_stems  # noqa: E402
from kb.normalize import stem_lexicon  # noqa: E402

WORD = re.compile(r"\b[a-z]{4,}\b")
PROTECTED = frozenset(
    """pasal ayat huruf angka bab bagian paragraf penjelasan umum nomor tahun tentang menimbang mengingat
    memutuskan menetapkan mengadili menyatakan putusan terdakwa dakwaan tuntutan pertimbangan amar demikian
    dicabut dinyatakan berlaku perubahan atas undang peraturan pemerintah presiden cukup jelas pengganti
    halaman direktori mahkamah agung pengadilan negeri adalah dilarang wajib sanksi hukuman""".split()
)


@dataclasses.dataclass
class RealIndex:
    docs: list[DocRecord]
    chunks: list[Chunk]
    vectors: np.ndarray
    model: str
    vocab: list[str]


def read_real(index_dir: Path) -> RealIndex:
    """The real generation's documents, chunks (in document order) and vectors."""
    idx = load_index(index_dir)
    chunks = list(idx.chunks)
    vectors = np.ascontiguousarray(idx.vectors.vectors(), dtype=np.float32).copy()
    order = {s: i for i, s in enumerate(idx.docs)}
    docs = sorted(idx.docs.values(), key=lambda d: order[d.source])
    words = {w for c in chunks for w in WORD.findall(c.text)}
    return RealIndex(docs, chunks, vectors, str(idx.info.get("model", "")), sorted(words - PROTECTED))


def _renamer(docs: list[DocRecord], copy_no: int) -> dict[str, str]:
    """Old short name -> this copy's short name, for every document of the real index."""
    out = {}
    for d in docs:
        m = d.meta
        if m.kind == "ruling":
            out[m.short] = f"Putusan {m.case_number}-S{copy_no}" if m.case_number else m.short
        elif m.type and m.number and m.year:
            out[m.short] = f"{m.type} {m.number}{copy_no:03d}/{m.year}"
    return out


def _rename(text: str, names: dict[str, str], pattern: re.Pattern[str] | None) -> str:
    return pattern.sub(lambda m: names[m.group(0)], text) if pattern else text


def word_swapper(vocab: list[str], copy_no: int, rnd: random.Random) -> Callable[[re.Match[str]], str]:
    """For `WORD.sub`: ~5% of ordinary words become other corpus words, ~1% words new to the
    corpus (so the vocabulary grows with the copies); legal structure words stay."""
    new_words = [f"{vocab[(copy_no * 7919 + i) % len(vocab)]}{copy_no}" for i in range(40)]

    def swap(m: re.Match[str]) -> str:
        w = m.group(0)
        if w in PROTECTED:
            return w
        r = rnd.random()
        if r < 0.05:
            return vocab[rnd.randrange(len(vocab))]
        if r < 0.06:
            return new_words[rnd.randrange(len(new_words))]
        return w

    return swap


def copy_documents(real: RealIndex, copy_no: int, rnd: random.Random) -> tuple[list[DocRecord], list[Chunk]]:
    """Copy `copy_no` (>= 1) of every real document: renamed, its words perturbed."""
    names = _renamer(real.docs, copy_no)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))) if names else None
    swap = word_swapper(real.vocab, copy_no, rnd)

    docs, chunks = [], []
    for d in real.docs:
        folder, rest = d.source.split("/", 1)
        src = f"{folder}/synth-{copy_no:04d}/{rest}"
        m = d.meta
        meta = dataclasses.replace(m, relations=[_rename(r, names, pattern) for r in m.relations])
        if m.kind == "ruling" and m.case_number:
            meta.case_number = f"{m.case_number}-S{copy_no}"
        elif m.number:
            meta.number = f"{m.number}{copy_no:03d}"
        docs.append(DocRecord(src, f"synthetic-{copy_no}-{d.sha256}", d.pages, meta))
    by_source = {d.source: f"{d.source.split('/', 1)[0]}/synth-{copy_no:04d}/{d.source.split('/', 1)[1]}" for d in real.docs}
    for c in real.chunks:
        chunks.append(dataclasses.replace(
            c, source=by_source[c.source], citation=_rename(c.citation, names, pattern),
            text=WORD.sub(swap, _rename(c.text, names, pattern)), pages=list(c.pages), extra=dict(c.extra)))
    return docs, chunks


def copy_vectors(real: RealIndex, rng: np.random.Generator, noise: float) -> np.ndarray:
    v = real.vectors + rng.normal(0.0, noise, real.vectors.shape).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def synthesize(real: RealIndex, n_chunks: int, seed: int = 6, noise: float = 0.015) -> tuple[list[DocRecord], list[Chunk], np.ndarray]:
    """About `n_chunks` chunks: the real index, then whole copies until the count is reached."""
    rnd, rng = random.Random(seed), np.random.default_rng(seed)
    copies = max(1, -(-n_chunks // max(1, len(real.chunks))))
    docs, chunks = list(real.docs), list(real.chunks)
    vectors = np.empty((copies * len(real.chunks), real.vectors.shape[1]), dtype=np.float32)
    vectors[: len(real.chunks)] = real.vectors
    for c in range(1, copies):
        d, ch = copy_documents(real, c, rnd)
        docs += d
        chunks += ch
        vectors[c * len(real.chunks) : (c + 1) * len(real.chunks)] = copy_vectors(real, rng, noise)
    return docs, chunks, vectors


def write_corpus(docs: list[DocRecord], real_corpus: Path, out: Path) -> None:
    """A corpus folder the synthetic index can be rebuilt from incrementally: every document's
    file is its real PDF (copy 0) or the real PDF plus a trailing comment naming the copy
    (distinct bytes, same text), and each document's sha256 becomes its file's, so that
    `kb build` finds them all unchanged. A file changed afterwards is read for real."""
    from kb.files import file_sha256

    for d in docs:
        folder, rest = d.source.split("/", 1)
        m = re.match(r"synth-(\d+)/(.*)", rest)
        original = real_corpus / folder / (m.group(2) if m else rest)
        target = out / d.source
        target.parent.mkdir(parents=True, exist_ok=True)
        data = original.read_bytes()
        target.write_bytes(data if not m else data + f"\n%netral synthetic copy {m.group(1)}\n".encode())
        d.sha256 = file_sha256(target)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="src", type=Path, required=True, help="a built index folder (its CURRENT generation is copied)")
    ap.add_argument("--chunks", type=int, default=139_000)
    ap.add_argument("--out", type=Path, required=True, help="a new index folder")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--noise", type=float, default=0.015)
    ap.add_argument("--corpus", type=Path, default=None, help="the real corpus the source index was built from (with --corpus-out)")
    ap.add_argument("--corpus-out", type=Path, default=None, help="also write a corpus folder the index matches (for `kb build`)")
    args = ap.parse_args(argv)
    if current_generation(args.out) is not None:
        ap.error(f"{args.out} already holds an index")
    t = time.perf_counter()
    real = read_real(args.src)
    docs, chunks, vectors = synthesize(real, args.chunks, args.seed, args.noise)
    if args.corpus_out:
        if not args.corpus:
            ap.error("--corpus-out needs --corpus (the real PDFs)")
        write_corpus(docs, args.corpus, args.corpus_out)
    made = time.perf_counter() - t
    print(f"made {len(docs):,} documents, {len(chunks):,} chunks in {made:.1f} s", flush=True)
    t = time.perf_counter()
    info = {"model": real.model, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "corpus": f"synthetic {len(chunks)} chunks", "problems": []}
    gen = write_generation(args.out, docs, chunks, vectors, info)
    stem_lexicon()
    save_stems(args.out / "cache" / STEMS_FILE)  # as a build leaves them
    print(f"wrote {gen} in {time.perf_counter() - t:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
