"""The rules layer: marker rules kept in versioned TOML files under ``mendkit/rules``.

A rule has a stable id, a label, a subtype, regular-expression patterns, and positive and negative
examples that the test suite runs. Trigger words are derived from the patterns (``triggers.py``):
a pattern is tried only on turns holding its triggers, which keeps the engine fast. A rule can
require context (``context``: ``after_tension``, a rupture in the last two turns;
``after_other_tension``, a rupture in the other speaker's last turn; ``after_repair``;
``after_either``; ``calm``; ``quiet``, neither a rupture nor the other's repair in the last two
turns) or what the other speaker just said (``after``: patterns one of which
must match the previous turn when someone else said it; ``not_after``: patterns none of which may
match it), is blocked by a negation just before its
match, and ignores reported speech ("she said ...") unless told otherwise.
``suppress`` lets a more specific rule cancel overlapping evidence of another label ("sorry you
feel that way" is a non-apology, not an apology).

The layer is in parts: a rule's patterns (:mod:`~mendkit.analysis.rule_patterns`), what a rule is
(:mod:`~mendkit.analysis.rule_model`), how a turn is read before the patterns run
(:mod:`~mendkit.analysis.rule_reading`), where evidence lies (:mod:`~mendkit.analysis.rule_spans`),
one rule on one turn (:mod:`~mendkit.analysis.rule_matching`), the indexed set of rules
(:mod:`~mendkit.analysis.rule_index`) and the rule files with the shipped index
(:mod:`~mendkit.analysis.rule_files`). This module gives their names at the old path.
"""

from __future__ import annotations

from mendkit.analysis.rule_files import (
    INDEX_FILE,
    RULE_FILES,
    build_index,
    engine_rules,
    load_files,
    parse_rules,
    rule_sources,
    sources_digest,
    write_index,
)
from mendkit.analysis.rule_index import PatternId, RuleSet
from mendkit.analysis.rule_matching import EXCLUSION_REACH
from mendkit.analysis.rule_model import Context, Example, Hit, Rule, TurnContext, index_key, requirements
from mendkit.analysis.rule_patterns import LazyPattern, _leading_literal, split_alternatives
from mendkit.analysis.rule_reading import _fold

__all__ = [
    "EXCLUSION_REACH", "INDEX_FILE", "RULE_FILES", "Context", "Example", "Hit", "LazyPattern",
    "PatternId", "Rule", "RuleSet", "TurnContext", "_fold", "_leading_literal", "build_index",
    "engine_rules", "index_key", "load_files", "parse_rules", "requirements", "rule_sources",
    "sources_digest", "split_alternatives", "write_index",
]
