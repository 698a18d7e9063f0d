"""The rule base an index generation carries: copied in by `kb build`, read by a server.

A build reads `<corpus>/rules/*.toml` (`Settings.rule_folder`), checks every rule against
the articles of the generation it writes (`kb.provisions.check_rules`: the schema, every
citation resolving to an indexed clause, no contradicting rules), copies the files into
the generation (`<generation>/rules/`, listed in its manifest like every other file) and
records what it found in the generation's info (`rules`: the digest of the files, how
many rules are served, the ids of those left out). A rule whose citation does not resolve
in this generation is left out and reported as a build problem (`kb status` lists it), so
a served card never cites a clause the index does not hold. The vectors of the rules'
situations go into the index's embedding cache at build time, so a server's first answer
reads them instead of computing them.

A generation built without a rule folder serves no rules: every card says "no clear rule".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .articles import ArticleStore
from .provisions import Provisions, check_rules
from .rules import Problem, RuleBase, RuleFiles, parse_rules

log = logging.getLogger(__name__)

RULES_DIR = "rules"
"""Where a generation keeps its copy of the rule files."""


@dataclass
class CarriedRules:
    """The rule files a build puts into a generation, and what checking them found."""

    files: RuleFiles
    base: RuleBase  # the rules served (the ones left out removed)
    excluded: list[str] = field(default_factory=list)  # ids of rules whose citations do not resolve
    problems: list[Problem] = field(default_factory=list)

    def info(self) -> dict[str, Any]:
        """What the generation's info records (`rules`)."""
        return {"digest": self.files.digest, "served": len(self.base), "excluded": self.excluded}

    def generation_files(self) -> dict[str, bytes]:
        """Relative path in the generation -> bytes."""
        return {f"{RULES_DIR}/{name}": raw for name, raw in self.files.files.items()}


def prepare(folder: Path, articles: ArticleStore) -> CarriedRules:
    """Read and check the rule files of `folder` against a generation's articles (a lazy
    store reads only the documents the rules cite)."""
    rf = RuleFiles.read(folder)
    if not rf.files:
        return CarriedRules(rf, RuleBase([], rf.folder, rf.digest))
    base, problems = parse_rules(rf)
    problems = check_rules(base, Provisions(articles), problems)
    excluded = sorted({p.rule for p in problems if p.kind == "citation" and p.rule})
    served = base.only([r for r in base if r.id not in excluded])
    return CarriedRules(rf, served, excluded, problems)


def digest_of(info: dict[str, object]) -> str | None:
    """The rule digest a generation's info records (None: built before rules were carried)."""
    rules = info.get("rules")
    return str(rules.get("digest")) if isinstance(rules, dict) and rules.get("digest") else None


def load(gen: Path, info: dict[str, object]) -> RuleBase:
    """The rules a generation serves: its copy of the rule files, less the rules its build
    left out. Problems were reported when it was built; here only the valid rules load."""
    folder = gen / RULES_DIR
    if not folder.is_dir():
        return RuleBase([], folder, "")
    base, _problems = parse_rules(RuleFiles.read(folder))
    rules = info.get("rules")
    excluded = set(rules.get("excluded") or []) if isinstance(rules, dict) else set()
    return base.only([r for r in base if r.id not in excluded])
