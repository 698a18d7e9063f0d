"""kb.search.Pool: the named documents' unlisted chunks score their boost without being
listed, and the pool answers as a score for every chunk would (issue 15)."""

from __future__ import annotations

import numpy as np
import pytest

from kb.search import Pool


def _docs(lengths: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    doc = np.repeat(np.arange(len(lengths)), lengths)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    return doc, starts, starts + np.array(lengths)


def _ranked(full: np.ndarray, limit: int) -> list[int]:
    good = np.flatnonzero(np.isfinite(full) & (full > 0))
    return good[np.lexsort((good, -full[good]))][:limit].tolist()


@pytest.mark.parametrize("seed", range(40))
def test_the_pool_ranks_gets_and_maxes_as_a_score_for_every_chunk_would(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 12, size=rng.integers(2, 9)).tolist()
    doc, starts, ends = _docs(lengths)
    n = len(doc)
    ok = None if seed % 3 else rng.random(len(lengths)) < 0.7
    levels = [0.3, 0.25, 0.55]
    named = {int(d): float(rng.choice(levels)) for d in rng.choice(len(lengths), size=rng.integers(0, len(lengths) + 1), replace=False)}
    ids = np.unique(rng.choice(n, size=rng.integers(0, n + 1)))
    vals = rng.choice([0.0, 0.1, 0.25, 0.3, 0.55, 0.9], size=len(ids))  # ties with the named boosts on purpose
    pool = Pool(ids.astype(np.int64), doc, ok, n if ok is None else int(ok[doc].sum()), named, starts, ends)
    pool.vals[:] = vals
    if ok is not None:
        pool.vals[~ok[doc[ids]]] = -np.inf
    # the reference: a score for every chunk, as the searcher computed them before named
    # documents stopped being listed chunk by chunk
    full = np.zeros(n)
    for d, v in named.items():
        full[doc == d] = v
    if ok is not None:
        full[~ok[doc]] = -np.inf
    full[ids] = pool.vals
    for i in rng.choice(n, size=3).tolist():  # what the links raise, listed or not
        v = float(rng.choice([0.2, 0.3, 0.7]))
        pool.set(i, v)
        full[i] = v
    for limit in (1, 5, n):
        assert pool.ranked(limit) == _ranked(full, limit)
    assert list(pool.iter_ranked()) == _ranked(full, n)
    assert [pool.get(i) for i in range(n)] == full.tolist()
    assert pool.get_many(np.arange(n, dtype=np.int64)).tolist() == full.tolist()
    finite = full[np.isfinite(full)]
    assert pool.max() == (float(finite.max()) if len(finite) else -np.inf)
    some = rng.permutation(n)[: rng.integers(0, n + 1)].astype(np.int64)  # several at once, listed or not
    new = rng.choice([0.05, 0.3, 0.8], size=len(some))
    pool.set_many(some, new)
    full[some] = new
    assert [pool.get(i) for i in range(n)] == full.tolist() and pool.get_many(some).tolist() == full[some].tolist()
    assert list(pool.iter_ranked()) == _ranked(full, n)
    finite = full[np.isfinite(full)]
    assert pool.max() == (float(finite.max()) if len(finite) else -np.inf)


def test_a_named_document_is_not_listed_chunk_by_chunk() -> None:
    doc, starts, ends = _docs([400_000, 300_000, 5])
    pool = Pool(np.array([3, 400_010], np.int64), doc, None, len(doc), {0: 0.3, 1: 0.25}, starts, ends)
    pool.vals[:] = [0.9, 0.1]
    assert len(pool.ids) == 2  # nothing per chunk of the named documents
    assert pool.ranked(4) == [3, 0, 1, 2]  # the listed best, then the named document's first chunks, by id
    assert pool.get(350_000) == 0.3 and pool.get(400_000) == 0.25 and pool.get(700_001) == 0.0
    assert pool.max() == 0.9
