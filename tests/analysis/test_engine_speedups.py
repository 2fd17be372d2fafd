"""The engine's shortcuts give the same results as the plain way."""

from __future__ import annotations

import re
import re._constants as sc  # type: ignore[import-not-found]
import re._parser as sp  # type: ignore[import-not-found]
from typing import Any

import pytest

from mendkit.analysis import text as tx
from mendkit.analysis.rules import _leading_literal, engine_rules
from mendkit.analysis.text import normalise

RULES = engine_rules().rules
EXAMPLES = [normalise(t) for r in RULES for e in (*r.positive, *r.negative)
            for t in (e.text, *e.before)]
EDGES = ["s", "xs", "_s", "ssss", "é s", "1sorry", "i", " i", "ıi", "sſ", "have have", "9s", "'s",
         "-s", "", "i'm sorry you feel that way", "x\nhave"]


@pytest.mark.parametrize(("pattern", "moved"), [
    (r"\bsorry", r"s(?<=\bs)orry"),
    (r"\b(?:have)\b", r"(?:h(?<=\bh)ave)\b"),
    (r"(?:\bi (?:had|have) x)", r"(?:i(?<=\bi) (?:had|have) x)"),
    (r"\b(?:a|b)", None),  # a choice of letters: left as it is
    (r"(?:\bi|x)", None),
    (r"\bs?orry", None),  # the letter is optional
    (r"\bs{2}", None),
    (r"\b(?:x)?y", None),
    (r"\b[a-z]", None),
    (r"\b", None),
    (r"\b(?:)x", None),
])
def test_a_leading_boundary_moves_behind_a_letter_only_where_it_means_the_same(
    pattern: str, moved: str | None,
) -> None:
    assert _leading_literal(pattern) == moved


def _matches(compiled: re.Pattern[str], text: str) -> list[Any]:
    return [(m.span(), m.groups()) for m in compiled.finditer(text)]


def test_every_moved_pattern_matches_what_its_source_matches() -> None:
    moved = 0
    for rule in RULES:
        for pattern in (*rule.patterns, *rule.exclude, *rule.after):
            source = re.compile(pattern.pattern, pattern.flags)
            compiled = pattern.compiled()
            if compiled.pattern == source.pattern:
                continue
            moved += 1
            for text in (*EXAMPLES, *EDGES):
                assert _matches(compiled, text) == _matches(source, text), (pattern, text)
                assert (compiled.fullmatch(text) is None) == (source.fullmatch(text) is None)
    assert moved > 1000  # most shipped patterns start with \b


def _alternatives(pattern: re.Pattern[str]) -> list[list[tuple[Any, Any]]]:
    parsed = sp.parse(pattern.pattern, pattern.flags)
    branch = next(av for op, av in parsed.data if op is sc.BRANCH)
    return list(branch[1])


def _covered(items: list[tuple[Any, Any]], words: list[str]) -> bool:
    """Whether every match of ``items`` holds one of ``words``: in a run of literal letters, or
    in each choice of a branch."""
    run = ""
    for op, av in items:
        if op is sc.LITERAL:
            run += chr(av)
            continue
        if any(w in run for w in words):
            return True
        run = ""
        if op is sc.BRANCH and all(_covered(list(alt), words) for alt in av[1]):
            return True
        if op is sc.SUBPATTERN and _covered(list(av[3]), words):
            return True
    return any(w in run for w in words)


def test_every_way_of_reporting_speech_holds_one_of_the_words_looked_for_first() -> None:
    words = tx._REPORTING_WORDS.pattern.split("|")
    for alternative in _alternatives(tx._REPORTING):
        assert _covered(list(alternative), words), alternative


@pytest.mark.parametrize("text", [
    *EXAMPLES[:400], "she said you never listen", "He SAID you never listen", "ſaid you never",
    "my mum's like, you're so selfish", "it's like whatever", "no words here at all", "123 !!",
    "i said i'm sorry", '"you never listen" - ugh',
])
def test_reported_spans_are_the_same_with_the_quick_test_first(
    text: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    quick = tx.reported_spans(text)
    monkeypatch.setattr(tx, "_REPORTING_WORDS", re.compile(""))  # finds a word in every text
    assert quick == tx.reported_spans(text)
