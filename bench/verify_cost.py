"""What verifying a generation costs when it is opened (kb.verify), against loading it.

    python bench/verify_cost.py --index /tmp/shared-index [--repeat 15]

Times, median of --repeat runs each, on the index's current generation: loading it without
any verification; the open-time checks without checksums (manifest sizes, meta.sqlite
counts, bm25 arrays) and with them (sha256 of every file); and `kb verify`'s full check
(checksums, SQLite integrity, every row decoded, stores opened).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _median_ms(fn, repeat: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    from kb.index import LoadedIndex, current_generation, open_lexical, open_store, read_chunks, read_documents, read_info
    from kb.verify import check_loaded, verify_generation

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=15)
    a = ap.parse_args()
    gen = current_generation(a.index)
    assert gen is not None, f"no index in {a.index}"
    size = sum(p.stat().st_size for p in gen.rglob("*") if p.is_file())

    def load() -> LoadedIndex:
        store = open_store(gen)
        return LoadedIndex(gen, read_documents(gen), read_chunks(gen), store, open_lexical(gen, store), read_info(gen))

    index = load()
    rows = {
        "load, no verification": _median_ms(load, a.repeat),
        "open checks, no checksums": _median_ms(lambda: verify_generation(gen, checksums=False), a.repeat),
        "open checks with checksums": _median_ms(lambda: verify_generation(gen, checksums=True), a.repeat),
        "cross-counts of the loaded index": _median_ms(lambda: check_loaded(index), a.repeat),
        "kb verify (deep, checksums)": _median_ms(lambda: verify_generation(gen, checksums=True, deep=True), max(3, a.repeat // 3)),
    }
    print(f"{gen} ({size / 2**20:.1f} MB, {len(index.chunks)} chunks), median of {a.repeat} runs:")
    for name, ms in rows.items():
        print(f"  {name:<36} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
