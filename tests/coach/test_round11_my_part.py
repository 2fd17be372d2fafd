"""Round 11, the composer's "my part": answers typed as people text them ("it's my fault", "I
guess I", "maybe I", "I shouldn't have", "my part was") become a grammatical apology, said to the
reader ("you"), and never an apology for what the other person did or felt."""

from __future__ import annotations

import re

import pytest

from mendkit.coach.composer import DraftParts, compose

# The account speaks of the reader as "he", so "him" and "his" in my part are the reader.
SITUATION = "He said I always nag"

MY_PARTS = [
    ("I guess I snapped at him", "I'm sorry that I snapped at you."),
    ("maybe I was too harsh", "I'm sorry that I was too harsh."),
    ("I shouldn't have answered back", "I'm sorry that I answered back."),
    ("I shouldn't have said that", "I'm sorry that I said that."),
    ("i shouldnt have been so sarcastic", "I'm sorry that I was so sarcastic."),
    ("my part was yelling", "I'm sorry that I was yelling."),
    ("my part was that I didn't listen", "I'm sorry that I didn't listen."),
    ("my part was my tone", "I'm sorry for my tone."),
    ("it's my fault, I forgot to text him back", "I'm sorry that I forgot to text you back."),
    ("its my fault for being late again", "I'm sorry that I was late again."),
    ("it's my fault I didn't call", "I'm sorry that I didn't call."),
    ("I guess I could have been nicer", "I'm sorry. I could have been nicer."),
    ("I should have helped with the dishes", "I'm sorry. I should have helped with the dishes."),
    ("I shouldn't have gone to bed angry", "I'm sorry. I shouldn't have gone to bed angry."),
    ("tbh I ignored him all evening", "I'm sorry that I ignored you all evening."),
    ("probably that I was on my phone the whole time",
     "I'm sorry that I was on my phone the whole time."),
    ("I got defensive and walked off", "I'm sorry that I got defensive and walked off."),
    ("not listening to him", "I'm sorry that I wasn't listening to you."),
    ("me being sarcastic about his mum", "I'm sorry that I was sarcastic about your mum."),
    ("idk maybe I nagged too much", "I'm sorry that I nagged too much."),
    ("I think I overreacted", "I'm sorry that I overreacted."),
    ("it was me who slammed the door", "I'm sorry that I slammed the door."),
    ("I got loud, he went quiet", "I'm sorry that I got loud."),
    ("I guess I got loud, I shouldn't have called him lazy",
     "I'm sorry that I got loud and called you lazy."),
    ("it's my fault he gets like that, I shouldn't have answered back",
     "I'm sorry that I answered back."),
    ("it's my fault he got upset, maybe I was too blunt", "I'm sorry that I was too blunt."),
    ("the yelling", "I'm sorry for the yelling."),
    ("how I spoke to him", "I'm sorry for how I spoke to you."),
]


@pytest.mark.parametrize(("my_part", "sentence"), MY_PARTS)
def test_my_part_is_a_grammatical_apology_to_them(my_part: str, sentence: str) -> None:
    draft = compose(DraftParts(situation=SITUATION, other="Sam", my_part=my_part))
    assert sentence in draft
    # Never an apology glued to a clause of its own ("I'm sorry that I it's my fault ..."),
    # never one for what they did ("you get like that"), never "him" for the reader.
    assert not re.search(r"\bI (?:it's|its|i|my|maybe|guess|he|you|the)\b", draft, re.I)
    assert not re.search(r"\byou (?:get|got|went)\b", draft)
    assert "him" not in draft


@pytest.mark.parametrize("my_part", ["it's my fault", "it's all my fault he got upset",
                                     "he went quiet"])
def test_no_action_of_mine_means_no_apology_for_it(my_part: str) -> None:
    draft = compose(DraftParts(situation=SITUATION, other="Sam", my_part=my_part))
    assert "I'm sorry" not in draft


def test_at_work_my_part_is_a_realisation() -> None:
    draft = compose(DraftParts(context="work", situation="the meeting", other="my manager",
                               my_part="I guess I interrupted you a lot"))
    assert "I realise that I interrupted you a lot, and that was my part in it." in draft


def test_a_sentence_of_the_account_said_to_them_starts_with_a_capital() -> None:
    draft = compose(DraftParts(situation="We argued about the dishes. He said I always nag and "
                               "I said he never helps", other="Sam", my_part="I got loud"))
    assert "We argued about the dishes. You said I always nag and I said you never help." in draft
