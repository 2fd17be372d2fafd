"""Derived triggers only skip work: the indexed engine finds exactly what trying every pattern finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mendkit.analysis.rules import RuleSet, TurnContext, engine_rules
from mendkit.analysis.text import normalise, tokens
from mendkit.analysis.triggers import edge_requirements, pattern_requirements, token_hits, turn_keys

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
CONTEXTS = [TurnContext(), TurnContext(tension=True), TurnContext(after_repair=True)]


def corpus_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((CORPUS / "conversations").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.extend(t["text"] for t in json.loads(line)["turns"])
    for line in (CORPUS / "crisis.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    for line in (CORPUS / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts += [record["better"], record["worse"]]
    for rule in engine_rules().rules:
        texts += [e.text for e in (*rule.positive, *rule.negative)]
    return texts


@pytest.fixture(scope="module")
def reference() -> RuleSet:
    return RuleSet.build(engine_rules().rules, indexed=False)


def hits(rules: RuleSet, text: str, context: TurnContext) -> list[tuple[str, int, int]]:
    return sorted((h.rule.id, h.start, h.end) for h in rules.find(text, context))


@pytest.mark.slow
def test_indexed_engine_matches_the_reference_on_every_corpus_text(reference: RuleSet) -> None:
    indexed = engine_rules()
    for text in corpus_texts():
        for context in CONTEXTS:
            assert hits(indexed, text, context) == hits(reference, text, context), text


WORDS = st.sampled_from([
    'i', "i'm", 'you', "you're", 'u', 'ur', 'sorry', 'not', 'never', 'always', 'fine', 'ok',
    'whatever', 'feel', 'felt', 'hurt', 'so', 'really', "that's", 'it', 'was', 'my', 'fault',
    'kill', 'myself', 'die', 'killing', 'me', 'he', 'she', 'said', 'told', 'going', 'to', 'hurt',
    'the', 'kids', 'can', 'we', 'talk', 'about', 'this', 'morning', 'thank', 'thanks', 'x', 'lol',
    '🙄', '❤️', "don't", 'dont', "can't", "won't", '.', ',', '?', '!', "'", '"', 'anyway',
    'selfish', 'big', 'deal', 'overreacting', 'calm', 'down', 'next', 'time', "i'll", 'promise',
])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=14))
def test_indexed_engine_matches_the_reference_on_generated_text(
    reference: RuleSet, words: list[str]
) -> None:
    text = " ".join(words)
    for context in CONTEXTS:
        assert hits(engine_rules(), text, context) == hits(reference, text, context)


@pytest.mark.parametrize(("pattern", "text"), [
    (r"\bi(?:'m| am) sorry\b", "Honestly, I'm sorry."),
    (r"\b(?:you|u) (?:always|never)\b", "you never call"),
    (r"\bevery (?:single )?time (?:you|u)\b", "every single time you're late"),
    (r"\bdon'?t worry\b", "dont worry"),
    (r"🙄|😒", "sure 🙄"),
    (r"^\W*(?:ok(?:ay)?)[,.]? (?:and|so)\?", "... okay, so?"),
    (r"\b(?:so)\?+\s*$", "and so??  "),
    (r"\btalk to me\s*(?:[.!?]|$)", "please, talk to me"),
    (r"\bi'?m (?:so )?tired\b", "im tired"),
    (r"\bi'?m (?:so )?tired\b", "I'm so tired"),
    (r"\bdon'?t (?:you )?dare\b", "don't you dare"),
    (r"\bmy (?:hips?|arms?)\b", "my arm hurts"),
    (r"^\W*(?:yes|fine)\W*$", "🙄 fine."),
    (r"\bwe (?:could|can) (?:try|talk)\b", "so we could try it"),
])
def test_every_match_meets_every_required_trigger_set(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.IGNORECASE)
    assert compiled.search(normalise(text))
    keys = turn_keys(tokens(normalise(text)))
    for required in pattern_requirements(compiled):
        assert any(token_hits(key, trig) for key in keys for trig in required), required


@pytest.mark.parametrize(("pattern", "expected"), [
    # the first word when anchored at the start, the last when anchored at the end
    (r"^\W*(?:ok(?:ay)?)[,.]? (?:and|so)\?", {"^ok", "^okay*"}),
    (r"\b(?:so|and)\?+\s*$", {"$so", "$and"}),
    (r"^(?:fine|k+)$", {"^fine", "^k*"}),  # no last word: "k+" may end in any number of k
    (r"(?:^)(?:hey,?\s*)?talk to me", {"^hey", "^hey*", "^talk"}),
])
def test_anchored_patterns_get_edge_words(pattern: str, expected: set[str]) -> None:
    found = set().union(*edge_requirements(re.compile(pattern, re.IGNORECASE)))
    assert found == expected


@pytest.mark.parametrize("pattern", [
    r"\bsorry\b",  # not anchored
    r"(?:[.!?]\s*)talk to me",  # after a sentence end, not at the turn's start
    r"^.{0,3}sorry",  # what comes first may be a word
    r"(?m)^sorry",  # any line's start
    r"^(?:😂+)$",  # no word at all
])
def test_patterns_without_a_fixed_edge_word_get_none(pattern: str) -> None:
    assert edge_requirements(re.compile(pattern, re.IGNORECASE)) == ()


def test_words_side_by_side_and_optional_letters_give_narrow_triggers() -> None:
    def sets(pattern: str) -> set[frozenset[str]]:
        return set(pattern_requirements(re.compile(pattern, re.IGNORECASE)))

    assert frozenset({"to me"}) in sets(r"\btalk to me\b")
    assert frozenset({"i m", "im"}) in sets(r"\bi'?m tired\b")  # not every word starting "i"
    assert frozenset({"hip", "hips"}) in sets(r"\bmy hips?\b")
    assert frozenset({"on you", "on u"}) in sets(r"\bthat'?s on (?:you|u)\b")
    # no pair across an optional word, or where the words may run together
    assert not any(" " in t for s in sets(r"\btalk (?:to )?me\b") for t in s)
    assert not any(" " in t for s in sets(r"\btalk\s*to\b") for t in s)
    assert not any(" " in t for s in sets(r"\btalk 🙄 to\b") for t in s)


def test_turn_keys_hold_tokens_edges_and_neighbours() -> None:
    keys = turn_keys(tokens(normalise("🙄 Fine, talk to me.")))
    assert {"fine", "^fine", "$me", "talk to", "to me", "🙄 fine"} <= set(keys)
    assert not any(token_hits(key, "to*") for key in keys if " " in key)


def test_split_alternatives_cuts_only_at_the_top_level() -> None:
    from mendkit.analysis.rules import split_alternatives as split

    assert split(r"\ba|b(?:c|d)|[|(]x|\(y|z") == [r"\ba", "b(?:c|d)", "[|(]x", r"\(y", "z"]
    assert split(r"\b(?:x|y z)\b") == [r"\b(?:x)\b", r"\b(?:y z)\b"]
    assert split(r"\bi (?:feel|felt) (?:sad|bad)") == [r"\bi (?:feel) (?:sad|bad)",
                                                       r"\bi (?:felt) (?:sad|bad)"]
    for kept in (r"(?:a|b)?c", r"(?!a|b)c", r"(a)|\1", "a|(b", "[a|b", "plain"):
        assert split(kept) == [kept]


def test_a_rules_split_patterns_match_exactly_where_its_written_ones_do() -> None:
    import re
    import tomllib

    from mendkit.analysis.rules import RULE_FILES, rule_sources, split_alternatives

    for name, source in rule_sources(("crisis", *RULE_FILES)).items():
        for raw in tomllib.loads(source)["rule"]:
            whole = raw.get("match") == "whole"
            texts = [e if isinstance(e, str) else e["text"]
                     for e in (*raw["positive"], *raw["negative"])]
            texts = [t.lower() for t in texts] + [t.lower() + " and more" for t in texts]
            for pattern in raw["patterns"]:
                parts = [re.compile(p, re.IGNORECASE) for p in split_alternatives(pattern)]
                written = re.compile(pattern, re.IGNORECASE)
                for text in texts:
                    test = (lambda r, t=text: r.fullmatch(t)) if whole else \
                        (lambda r, t=text: r.search(t))
                    assert bool(test(written)) == any(test(p) for p in parts), (name, raw["id"])


def test_the_shipped_index_gives_the_same_pattern_parts_as_cutting_at_load() -> None:
    from mendkit.analysis.rules import RULE_FILES, load_files

    names = ("crisis", *RULE_FILES)
    shipped = [[p.pattern for p in r.patterns] for r in load_files(names).rules]
    cut_now = [[p.pattern for p in r.patterns] for r in load_files(names, use_index=False).rules]
    assert shipped == cut_now
    assert sum(map(len, shipped)) > sum(1 for r in load_files(names).rules)  # some were cut
