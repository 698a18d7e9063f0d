"""How well the rule matcher generalises: leave-one-situation-out over the rule base.

Each situation of each rule (both languages) is left out of the matcher in turn and asked
as a question; the answer should be its rule's verdict. Questions outside the rule base's
subject must get "no clear rule". Prints a table by language; `--show` lists the misses.

    python bench/rules_loso.py [--rules corpus/rules] [--index IDX] [--show] [--json out.json]

The figures measure the matcher against the rule base's own phrasings (written from the
law), not against any question set; they are what the thresholds in kb.rulematch were
set by. Uses the real model (the index's embedding cache is not needed). With `--index`,
the matcher also knows the revoked regulations of that index (as `kb serve` does), so rules
of PP 53/2010 answer only questions about its time.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.config import Settings  # noqa: E402
from kb.embed import load_embedder  # noqa: E402
from kb.rulematch import RuleMatcher, rule_texts  # noqa: E402
from kb.rules import load_rules  # noqa: E402

OUTSIDE = [
    "Berapa gaji PNS golongan III/a?", "How many days of annual leave does a civil servant get?",
    "Bolehkah PNS membuka usaha warung kopi?", "Bagaimana cara mengurus kenaikan pangkat?",
    "What is the retirement age for teachers?", "berapa lama cuti melahirkan untuk PNS perempuan",
    "Apakah tunjangan kinerja dipotong kalau terlambat masuk kantor?", "Is it legal to keep a pet snake?",
    "Bolehkah PNS berpoligami?", "Can a civil servant take a second job as an online driver?",
    "Apa syarat pindah tugas ke kabupaten lain?", "How do I report a colleague who is always late?",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", type=Path, default=Path("corpus/rules"))
    ap.add_argument("--index", type=Path, help="a built index: its revoked regulations gate rules as in the server")
    ap.add_argument("--show", action="store_true", help="list every miss")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    base = load_rules(a.rules)
    revoked = None
    if a.index:
        from kb.provisions import IndexSnapshot, Provisions

        revoked = Provisions.of(IndexSnapshot.current(a.index)).revoked()
    m = RuleMatcher(base, load_embedder(Settings.from_env()), revoked=revoked)
    rows = []
    j = 0
    for r in base:
        texts = rule_texts(r)
        n_id = len(r.situations.id)
        for i, text in enumerate(texts[: n_id + len(r.situations.en)]):
            m.hidden = frozenset({j + i})
            d = m.decide(text)
            rows.append({"rule": r.id, "lang": "id" if i < n_id else "en", "want": r.verdict, "got": d.verdict,
                         "got_rule": d.rule.id if d.rule else None, "reasons": d.reasons, "text": text})
        j += len(texts)
    m.hidden = frozenset()
    outside = [(q, m.decide(q).verdict) for q in OUTSIDE]
    print(table(rows))
    print(f"outside the subject: {sum(v == 'unclear' for _, v in outside)}/{len(outside)} answered 'no clear rule'")
    if a.show:
        for x in rows:
            if x["got"] != x["want"]:
                print(f"  {x['rule']} [{x['want']} -> {x['got']} {x['got_rule']}] {x['text']}")
        for q, v in outside:
            if v != "unclear":
                print(f"  OUTSIDE [{v}] {q}")
    if a.json:
        a.json.write_text(json.dumps({"rows": rows, "outside": outside}, ensure_ascii=False, indent=1))
    return 0


def table(rows: list[dict]) -> str:
    groups = collections.OrderedDict([("id", [x for x in rows if x["lang"] == "id"]), ("en", [x for x in rows if x["lang"] == "en"]), ("all", rows)])
    out = [f"{'group':<6}{'n':>5}{'right':>9}{'unclear':>9}{'depends':>9}{'other':>9}{'danger':>8}{'same rule':>11}"]
    for g, xs in groups.items():
        n = len(xs) or 1
        right = sum(x["got"] == x["want"] for x in xs)
        unclear = sum(x["got"] == "unclear" and x["want"] != "unclear" for x in xs)
        depends = sum(x["got"] == "depends" for x in xs)
        danger = sum({x["got"], x["want"]} == {"allowed", "prohibited"} for x in xs)
        other = len(xs) - right - unclear - depends
        same = sum(x["got_rule"] == x["rule"] for x in xs)
        out.append(f"{g:<6}{len(xs):>5}{right / n:>9.1%}{unclear / n:>9.1%}{depends / n:>9.1%}{other / n:>9.1%}{danger:>8}{same / n:>11.1%}")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
