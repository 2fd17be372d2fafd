"""``Sentences.bounds`` answers exactly as ``sentence_bounds``, for any text and any order of
positions (it exists so that a long message is not rescanned once per match)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mendkit.analysis.text import Sentences, sentence_bounds

TEXTS = st.text(alphabet="ab .!?\n", max_size=60)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.lists(st.integers(min_value=0, max_value=60), max_size=12))
def test_bounds_equal_sentence_bounds_in_any_order(text: str, positions: list[int]) -> None:
    sentences = Sentences(text)
    for position in (p for p in positions if p <= len(text)):
        assert sentences.bounds(position) == sentence_bounds(text, position), (text, position)


def test_a_mark_right_before_the_position_ends_the_sentence_there() -> None:
    text = "it was 3.5 hours. fine"
    assert Sentences(text).bounds(9) == sentence_bounds(text, 9) == (9, 17)


def _toy_rules() -> object:
    from mendkit.analysis.rules import RuleSet, parse_rules

    data = {"version": "1", "rule": [{
        "id": "x/fine-01", "label": "reconnect", "subtype": "warmth", "patterns": [r"\bfine\b"],
        "exclude": [r"\bweather\b"], "positive": ["fine"], "negative": ["fine weather"]}]}
    return RuleSet.build(parse_rules(data, "toy.toml")[1])


def test_an_exclusion_sees_the_sentence_around_its_match_not_all_of_a_huge_one() -> None:
    from mendkit.analysis.rules import EXCLUSION_REACH, RuleSet

    rules = _toy_rules()
    assert isinstance(rules, RuleSet)
    filler = "and then " * (EXCLUSION_REACH // 9 + 10)  # one sentence, no mark
    assert not rules.find(f"the weather {filler[:200]} is fine")  # near: excluded
    assert rules.find(f"the weather {filler} is fine")  # beyond reach: the match stands
    assert not rules.find(f"the weather {filler}. it is fine weather")  # its own sentence
