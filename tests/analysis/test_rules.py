"""Every rule's own examples: each positive fires the rule, each negative does not."""

from __future__ import annotations

import re._constants as sc  # type: ignore[import-not-found]
import re._parser as sp  # type: ignore[import-not-found]
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from mendkit.analysis.pipeline import analyze_turn, context_for, score_hits
from mendkit.analysis.rules import Example, Rule, engine_rules
from mendkit.labels import TAXONOMY
from mendkit.model import TurnAnalysis

ALL_RULES = list(engine_rules().rules)


def fired(example: Example) -> set[str]:
    previous: list[TurnAnalysis] = []
    n = len(example.before)
    for i, text in enumerate(example.before):
        speaker = "other" if (n - i) % 2 else "me"
        previous.append(analyze_turn(i, speaker, text, previous))
    # Every rule that fired for a label that is on (the evidence lists one rule per span).
    hits = engine_rules().find(example.text, context_for(previous, "me"))
    turn = score_hits(n, "me", example.text, hits)
    return {hit.rule.id for hit in hits if hit.rule.label in turn.labels}


CASES = [
    pytest.param(rule, ex, positive, id=f"{rule.id}:{'+' if positive else '-'}{i}")
    for rule in ALL_RULES
    for positive, examples in ((True, rule.positive), (False, rule.negative))
    for i, ex in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "example", "positive"), CASES)
def test_rule_example(rule: Rule, example: Example, positive: bool) -> None:
    hits = fired(example)
    if positive:
        assert rule.id in hits, f"{rule.id} should fire on {example.text!r} (fired: {hits})"
    else:
        assert rule.id not in hits, f"{rule.id} should not fire on {example.text!r}"


def test_every_label_and_subtype_has_a_rule() -> None:
    covered = {(r.label, r.subtype) for r in ALL_RULES}
    missing = [(label, sub) for label, subs in TAXONOMY.items() for sub in subs
               if (label, sub) not in covered]
    assert not missing


def test_rule_ids_are_unique_and_stable_shaped() -> None:
    ids = [r.id for r in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        family, _, name = rule_id.partition("/")
        assert family and name[-2:].isdigit(), rule_id


def test_every_pattern_compiles() -> None:
    for rule in ALL_RULES:
        for pattern in (*rule.patterns, *rule.exclude):
            pattern.compiled()  # raises RulesError naming the rule


def _upper_case_letters(items: Iterable[tuple[Any, Any]]) -> Iterator[str]:
    """The upper-case letters a parsed pattern would match literally (in a class too)."""
    for op, av in items:
        if op in (sc.LITERAL, sc.NOT_LITERAL) and chr(av) != chr(av).lower():
            yield chr(av)
        elif op is sc.IN:
            for item_op, item_av in av:
                if item_op is sc.LITERAL and chr(item_av) != chr(item_av).lower():
                    yield chr(item_av)
                elif item_op is sc.RANGE:
                    yield from (chr(c) for c in range(item_av[0], item_av[1] + 1)
                                if chr(c) != chr(c).lower())
        elif op is sc.SUBPATTERN:
            yield from _upper_case_letters(av[3])
        elif op is sc.BRANCH:
            for alternative in av[1]:
                yield from _upper_case_letters(alternative)
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, getattr(sc, "POSSESSIVE_REPEAT", None)):
            yield from _upper_case_letters(av[2])
        elif op in (sc.ASSERT, sc.ASSERT_NOT):
            yield from _upper_case_letters(av[1])
        elif op is getattr(sc, "ATOMIC_GROUP", None):
            yield from _upper_case_letters(av)


def test_patterns_are_lower_case_for_the_lower_cased_text_they_read() -> None:
    """Rules read normalised text (``text.normalise`` lower-cases it) and are compiled without
    ``re.IGNORECASE``: a pattern asking for an upper-case letter would never match."""
    offenders = [
        f"{rule.id}: {''.join(sorted(set(found)))[:20]!r} in {pattern.pattern[:60]}"
        for rule in ALL_RULES
        for pattern in (*rule.patterns, *rule.exclude, *rule.after)
        if (found := list(_upper_case_letters(sp.parse(pattern.pattern, pattern.flags))))
    ]
    assert not offenders, offenders


def test_the_upper_case_check_finds_upper_case_letters() -> None:
    assert list(_upper_case_letters(sp.parse(r"\bsorry (?:I|we)\b[A-C]"))) == ["I", "A", "B", "C"]
    # a negated class with capitals differs too: with IGNORECASE it also leaves out lower case
    assert list(_upper_case_letters(sp.parse(r"[^X]"))) == ["X"]
    assert not list(_upper_case_letters(sp.parse(r"\bsorry (?:i|we)\b[^.?!]\S\W\B\u00e9")))


def test_no_pattern_opens_with_a_lookahead_tried_at_every_position() -> None:
    """A search retries a pattern at every position of the turn; one that opens with a lookahead
    scanning the rest of the line (``(?=[^\\n]*\\bknife\\b)...``) then does that scan again at
    each one, so a long message took seconds (33 s for 20,000 characters on one line). Such a
    pattern says where it may start (``^``, or a lookbehind such as ``(?<![^\\n])``); whole-turn
    rules are anchored by ``fullmatch``."""
    offenders = [
        f"{rule.id}: {pattern.pattern[:60]}"
        for rule in ALL_RULES
        for pattern in (*(rule.patterns if rule.match != "whole" else ()), *rule.exclude,
                        *rule.after)
        if pattern.pattern.startswith(("(?=", "(?!"))
    ]
    assert not offenders, offenders


def test_the_shipped_trigger_index_is_current() -> None:
    """``src/mendkit/rules/_index.json`` must match the rule files (``make rules-index``)."""
    import json
    from importlib import resources

    from mendkit.analysis.rules import INDEX_FILE, build_index

    shipped = json.loads((resources.files("mendkit") / "rules" / INDEX_FILE).read_text("utf-8"))
    assert shipped == build_index(), "run `make rules-index` after changing a rule file"


def test_a_malformed_rule_file_is_a_clear_error() -> None:
    import pytest

    from mendkit.analysis.rules import parse_rules
    from mendkit.errors import RulesError

    base = {"version": "1", "rule": [{"id": "x/y-01", "label": "reconnect",
                                      "subtype": "warmth", "patterns": ["a"],
                                      "positive": ["a"], "negative": ["b"]}]}
    parse_rules(base, "ok.toml")
    bad_label = {**base, "rule": [{**base["rule"][0], "label": "nope"}]}  # type: ignore[dict-item]
    with pytest.raises(RulesError, match="nope"):
        parse_rules(bad_label, "bad.toml")
    no_negative = {**base, "rule": [{**base["rule"][0], "negative": []}]}  # type: ignore[dict-item]
    with pytest.raises(RulesError, match="negative"):
        parse_rules(no_negative, "bad.toml")


def test_rules_can_share_a_named_exclusion() -> None:
    import pytest

    from mendkit.analysis.rules import parse_rules
    from mendkit.errors import RulesError

    rule = {"id": "x/y-01", "label": "reconnect", "subtype": "warmth", "patterns": [r"\bthanks\b"],
            "exclude": ["@routine"], "positive": ["thanks"], "negative": ["b"]}
    data = {"version": "1", "exclusions": {"routine": r"\bfor the receipt\b"}, "rule": [rule]}
    _, [parsed] = parse_rules(data, "ok.toml")
    assert [x.pattern for x in parsed.exclude] == [r"\bfor the receipt\b"]
    with pytest.raises(RulesError, match="no exclusion named 'routine'"):
        parse_rules({**data, "exclusions": {}}, "bad.toml")
