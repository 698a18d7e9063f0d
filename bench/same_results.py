#!/usr/bin/env python
"""Do two versions of the code rank alike? The top-10 of `Searcher.search` (source, citation,
a hash of the passage, score) for the dev questions, the held-out sets and a few citations,
18 of them again with filters; the dense side pre-encoded once (the real model), so that only
the ranking runs. Written as JSON; two such files compared.

    python bench/same_results.py --index /tmp/netral-scale/idx-1000000 --out /tmp/new.json
    PYTHONPATH=/tmp/base python /tmp/base/bench/same_results.py --index ... --out /tmp/base.json   # a checkout of the base commit
    python bench/same_results.py --compare /tmp/base.json /tmp/new.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "bench")):
    if p not in sys.path:
        sys.path.insert(0, p)

from bench import SHARED, PrecomputedEncoder, dense_text, load_questions  # noqa: E402

from kb.config import Settings  # noqa: E402
from kb.embed import ModelEmbedder  # noqa: E402
from kb.search import Filters, Searcher  # noqa: E402

CITATIONS = ["pasal 87 ayat 4 UU 5 tahun 2014", "Pasal 5 huruf n PP 94 2021", "isi pasal 280 UU 7 2017", "pasal 71 UU 10 2016"]
FILTERS = [Filters(kind="regulation"), Filters(kind="ruling"), Filters(year=2014), Filters(year=2017),
           Filters(as_of="2019-06-01"), Filters(doc="PP 94/2021")]


def questions() -> list[str]:
    qs = list(load_questions())
    for name in ("heldout.jsonl", "heldout-named.jsonl", "heldout-slang.jsonl"):
        qs += [json.loads(line)["question"] for line in (ROOT / "bench" / name).read_text().splitlines() if line.strip()]
    return qs + CITATIONS


def dump(index: Path, out: Path) -> None:
    embedder = ModelEmbedder(Settings())
    searcher = Searcher.open(Settings(corpus_dir=SHARED / "corpus", index_dir=index), embedder=embedder)
    pre = PrecomputedEncoder(embedder)
    qs = questions()
    for q in qs:
        pre.encode_queries([dense_text(searcher.read(q))])
    searcher.embedder = pre
    runs = [(q, None) for q in qs] + [(q, FILTERS[i % len(FILTERS)]) for i, q in enumerate(qs[:18])]
    t, rows = time.perf_counter(), []
    for q, f in runs:
        top = searcher.search(q, k=10, filters=f)
        rows.append({"q": q, "filters": str(f), "top": [[r.chunk.source, r.citation, hashlib.md5(r.chunk.text.encode()).hexdigest()[:10], float(r.score)]
                                                       for r in top]})
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    print(f"{len(runs)} searches in {time.perf_counter() - t:.1f} s -> {out}")


def compare(a: Path, b: Path) -> int:
    x, y = json.loads(a.read_text()), json.loads(b.read_text())
    if [r["q"] for r in x] != [r["q"] for r in y]:
        print("the two files hold different searches")
        return 1
    differ = [f"{r['q']} ({r['filters']})" for r, s in zip(x, y) if r != s]
    print(f"{len(x)} searches, {sum(len(r['top']) for r in x)} results: {len(differ)} differ")
    for d in differ[:20]:
        print("  ", d)
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--compare", type=Path, nargs=2)
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not (args.index and args.out):
        ap.error("--index and --out, or --compare A B")
    dump(args.index, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
