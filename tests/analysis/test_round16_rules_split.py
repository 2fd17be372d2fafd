"""The rules layer split into parts: each part imports on its own, only parts below it and never
``analysis.rules`` (no import cycle); the names other code imports from ``analysis.rules`` are the
very same objects; and the rule set is built once, whichever path reaches it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import mendkit.analysis.rules
from module_imports import imported

# Lowest first: a part may import only the parts before it.
PARTS = ("rule_patterns", "rule_model", "rule_reading", "rule_spans", "rule_matching", "rule_index",
         "rule_files")
ANALYSIS = Path(mendkit.analysis.rules.__file__).parent
ROOT = ANALYSIS.parents[2]


def _imported(module: str) -> set[str]:
    return imported(ANALYSIS / f"{module}.py")


@pytest.mark.parametrize("module", PARTS)
def test_each_part_imports_on_its_own_and_only_the_parts_below_it(module: str) -> None:
    assert importlib.import_module(f"mendkit.analysis.{module}").__doc__
    layer = {f"mendkit.analysis.{name}" for name in (*PARTS, "rules")}
    used = _imported(module) & layer
    assert used <= {f"mendkit.analysis.{part}" for part in PARTS[:PARTS.index(module)]}


def test_the_old_path_gives_the_very_same_objects() -> None:
    from mendkit.analysis import (
        rule_files,
        rule_index,
        rule_matching,
        rule_model,
        rule_patterns,
        rule_reading,
        rules,
    )

    assert all(hasattr(rules, name) for name in rules.__all__)
    assert rules.RuleSet is rule_index.RuleSet
    assert rules.Rule is rule_model.Rule
    assert rules.TurnContext is rule_model.TurnContext
    assert rules.LazyPattern is rule_patterns.LazyPattern
    assert rules.parse_rules is rule_files.parse_rules
    assert rules.write_index is rule_files.write_index
    assert rules._fold is rule_reading._fold
    assert rules._leading_literal is rule_patterns._leading_literal
    assert rules.EXCLUSION_REACH == rule_matching.EXCLUSION_REACH == 600
    assert rules.RULE_FILES[0] == "withdrawal" and rules.INDEX_FILE == "_index.json"


def test_one_rule_set_whichever_path_reaches_it() -> None:
    """``engine_rules`` is one cached object: the pipeline, the old path and the part share it."""
    from mendkit.analysis import pipeline, rule_files, rules

    assert pipeline.engine_rules is rules.engine_rules is rule_files.engine_rules
    assert pipeline.engine_rules() is rule_files.engine_rules()
    assert isinstance(rules.engine_rules(), rules.RuleSet)


def test_what_other_code_imports_from_the_rules_module_is_exported_there() -> None:
    """Names imported from ``analysis.rules`` in the package, the tests, training and benchmarks are
    in its ``__all__`` (mypy strict reads only those as exported)."""
    from mendkit.analysis import rules

    used: set[str] = set()
    for folder in ("src", "tests", "training", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "mendkit.analysis.rules":
                    used.update(alias.name for alias in node.names)
    assert used >= {"engine_rules", "RuleSet", "TurnContext", "parse_rules", "_fold",
                    "_leading_literal", "split_alternatives", "EXCLUSION_REACH"}
    assert used <= set(rules.__all__), used - set(rules.__all__)
