"""The spelling lexicon keeps one table of readings in context (round 18). Round 13 read Scots
"ah", "ma", "tae", "an", "ae" and "no" for the crisis rules; round 16 read the same words again,
and more ("the noo", "ain't", habitual "be"), for ownership and feelings, in a second table tried
after the first. The two are now one (``spelling._SENSES``): a word's readings sit together, in
the order they were tried before, and the plain spellings of both rounds are one map. Nothing a
turn is read as changed: the spelling and dialect tests still pass, and ``mend check --json
--mode rules`` gave the same output on 1,681 turns before and after the merge."""

from __future__ import annotations

from itertools import pairwise

import pytest

from mendkit.analysis import spelling
from mendkit.analysis.spelling import respell, worth_a_look
from mendkit.analysis.text import normalise, tokens


@pytest.mark.parametrize("word", ["ah", "ma", "tae", "an", "ae", "no"])
def test_a_words_readings_of_both_rounds_sit_in_one_table(word: str) -> None:
    senses = spelling._SENSES[word]
    assert len(senses) >= 2  # the round-13 reading and the round-16 one, side by side
    assert not hasattr(spelling, "_DIALECT") and not hasattr(spelling, "_DIALECT_PLAIN")


@pytest.mark.parametrize(("typed", "read"), [
    ("that wis ma fault", "that was my fault"),           # round-16 plain word and sense
    ("ah took a hale box ae ma pills", "i took a whole box of my pills"),  # round 13
    ("ah forgot yer birthday", "i forgot your birthday"),  # "ah" by its round-16 sense
    ("ah'm no talkin aboot it", "im not talking about it"),
    ("it'll no happen again", "it'll not happen again"),  # "no" by its round-16 sense
    ("we was oot ae order", "we were out of order"),
    ("i ain't mean to", "i didn't mean to"),
    ("i aint mean it", "i didnt mean it"),
    ("i be feeling real anxious", "i am feeling really anxious"),
    ("ah'll dae it the noo", "i'll do it right now"),
    ("ye're right", "you're right"),
])
def test_dialect_words_are_read_as_before(typed: str, read: str) -> None:
    respelt = respell(typed)
    assert respelt is not None and respelt.text == read


@pytest.mark.parametrize("typed", [
    "should i be worried", "ah well never mind", "my ma said no", "ain't nothing wrong",
    "for real though", "the real thing", "no going back",
])
def test_everyday_words_stay_as_typed(typed: str) -> None:
    assert respell(typed) is None


@pytest.mark.parametrize("typed", [
    "we was oot ae order", "i ain't mean to", "i aint mean it", "ah'll dae it the noo",
    "ah forgot yer birthday", "that wis ma fault", "ye're right", "i be feeling real anxious",
    "ah took a hale box ae ma pills", "it'll no happen again",
])
def test_every_turn_a_dialect_word_changes_passes_the_cheap_test(typed: str) -> None:
    # the engine respells only turns that pass ``worth_a_look``, which the one table now
    # derives for every reading alike ("ae" by the words before it, "ain't" by those after)
    folded = normalise(typed)
    toks = tokens(folded)
    assert respell(folded) is not None
    assert worth_a_look(toks, {f"{a} {b}" for a, b in pairwise(toks)})
