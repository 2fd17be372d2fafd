"""Round twelve's speed-ups give exactly what the slower code gave.

The rules' trigger-key cache (``RuleSet._candidate_ids``), the lookarounds the trigger derivation
now reads past, the language check's early answer, ``check``'s offsets for a message without a
carriage return, and the critic's re-check of its own rewrite with the rules alone.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit import api, critic
from mendkit.analysis import language
from mendkit.analysis.pipeline import analyze_with_probabilities
from mendkit.analysis.rules import RuleSet, engine_rules
from mendkit.analysis.triggers import pattern_requirements
from mendkit.model import Conversation

TURNS = [
    "You never listen to me.", "I'm sorry I snapped at you. That's on me.", "ok", "Fine.",
    "I feel worthless and I can't go on", "Dad said I was worthless, he's drunk again",
    "sooooo sorrrry about last night", "I'm such a disappointment.", "forgive me already",
    "Whatever. Do what you want.", "I hear you, that must have been really hard.",
    "ich will nicht mehr leben", "no no", "lol same", "Sorry, but you started it.",
]


def _fresh(rules: RuleSet) -> RuleSet:
    return RuleSet(rules=rules.rules, versions=rules.versions, _rule_of=rules._rule_of,
                   _pattern_of=rules._pattern_of, _by_token=rules._by_token,
                   _by_prefix=rules._by_prefix, _prefix_lengths=rules._prefix_lengths,
                   _always=rules._always, _also_needs=rules._also_needs, _needy=rules._needy,
                   _pairs=rules._pairs, _off_in_context=rules._off_in_context,
                   _too_long=rules._too_long, _bigram_keys=rules._bigram_keys)


def test_cached_trigger_keys_give_the_same_hits_as_a_fresh_set() -> None:
    warm = engine_rules()
    for text in TURNS:
        warm.find(text)  # fill the cache
    cold = _fresh(warm)
    for text in TURNS:
        assert warm.find(text) == cold.find(text)
        assert warm.find(text) == warm.find(text)


def test_indexed_and_unindexed_rules_agree_on_lookbehind_patterns() -> None:
    rules = engine_rules()
    reference = RuleSet.build(rules.rules, indexed=False)
    texts = ["I'm worthless", "He said I'm worthless", "you're worthless", "I'm a failure.",
             "Mum told me I'm a failure", "I feel like a waste of space", "such a disappointment",
             "please forgive me", "you can forgive me later", "I'm so pathetic."]
    for text in texts:
        assert [(h.rule.id, h.start, h.end) for h in rules.find(text)] == \
            [(h.rule.id, h.start, h.end) for h in reference.find(text)]


def test_a_word_after_a_lookbehind_is_its_trigger() -> None:
    class Source:
        pattern = r"\b(?:(?<!said )(?<!calls me )worthless)\b"
        flags = 0

    assert frozenset({"worthless"}) in pattern_requirements(Source())


@pytest.mark.parametrize("text", [*TURNS, "", "I", "ich sterbe", "Nie Wang", "hola amigo",
                                  "Déjà vu, naïve, café", "yes yes yes", "te quiero mucho amor"])
def test_the_language_check_answers_as_before(text: str) -> None:
    words, _loans, plain = language._words_and_plain(text)
    different = {w.lower() for w in words}
    if len(different) < language._LEAST_WORDS:
        expected = (len(different) == language._SHORT_WORDS
                    and language._two_other_words(words, plain))
        assert language._looks_unreadable(text) == expected


def _old_checked_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        size = 2 if text.startswith("\r\n", i) else 1
        chars.append("\n" if text[i] == "\r" else text[i])
        where.append((i, i + size))
        i += size
    checked = api._as_checked("".join(chars))
    first = "".join(chars).find(checked) if checked else 0
    return checked, where[first:first + len(checked)]


@pytest.mark.parametrize("text", [
    "plain", "  padded  ", "\ufeff bom", "a\r\nb", "a\rb\n", " \t", "", "line\n\nline  \n",
    "\u200b zero width", "emoji 🤦🏾‍♀️ end "])
def test_offsets_without_carriage_returns_are_the_loops(text: str) -> None:
    assert api._checked_with_offsets(text) == _old_checked_with_offsets(text)


@pytest.mark.parametrize("draft", [
    "You never listen. I'm sorry if you feel that way.",
    "I'm sorry, but you always do this. Whatever.",
    "I feel ignored when you're on your phone, you make me feel stupid.",
    "sorry sorry sorry sorry I was so busy, just forgive me already",
])
def test_the_rewrite_recheck_reads_as_a_whole_rules_analysis(draft: str) -> None:
    result = mendkit.check(draft, mode="rules")
    rewrite = result.rewrite or draft
    turn = analyze_with_probabilities(Conversation.from_turns([("me", rewrite)], id="check"),
                                      mode="rules")[0].turns[-1]
    _, _, held = critic.find_issues(turn, critic._MESSAGES)
    again = {i.kind for i in held}
    for kinds in ({"complaint"}, {"sorry_but"}, {"over_apology", "pressure"}, set()):
        expected = bool(critic._PASSIVE_SORRY_RE.search(rewrite)
                        or critic._BRUSH_OFF_RE.search(rewrite)) or (
            "over_apology" in kinds and critic.leaves_too_much(rewrite)) or any(
            not critic.VALIDATING_NEVER_RE.match(rewrite, m.end())
            for m in critic.YOU_ALWAYS_RE.finditer(rewrite)) or bool(
            again & critic._MUST_NOT_RETURN or (again & kinds) - {"complaint"})
        assert critic._still_flagged(rewrite, kinds) == expected
