"""Round 13, the composer's grammar (testers t3 problem 13 and t4 problem 12): each garbled sentence
the testers found, and inputs of the same shape, come out as grammatical sentences or are left out.
No test checks one exact input only: each shape is tried with several."""

from __future__ import annotations

import re

import pytest

from mendkit.coach.composer import DraftParts, compose, tidy

# "you" followed by a verb that agrees with "he" or "she", not with "you".
_YOU_THIRD = re.compile(r"\byou (?:(?:always|never|still|just) )?(?:comments|criticises|messages"
                        r"|expects|leaves|laughs|emails|says|wants|keeps|hasn't|has|isn't|is"
                        r"|was|wasn't|doesn't|does)\b", re.IGNORECASE)


@pytest.mark.parametrize(("other", "situation"), [
    ("my mum", "At every family dinner my mum comments on my weight. Last Sunday she said it in "
               "front of my kids."),
    ("my dad", "On Sundays my dad criticises my cooking"),
    ("my manager", "My manager messages me at 11pm and expects answers by morning."),
    ("my flatmate", "Every morning my flatmate leaves dishes in the sink"),
    ("Sam", "At the party Sam laughs at my accent"),
    ("my boss", "My boss emails me on weekends"),
])
def test_an_account_is_told_not_made_a_topic_and_its_verbs_agree_with_you(
        other: str, situation: str) -> None:
    draft = compose(DraftParts(context="family", other=other, situation=situation,
                               my_part="I said nothing"))
    assert not re.search(r"talk about (?-i:[A-Z])|come back to you\b", draft)
    assert "Can we talk about what happened?" in draft
    assert not _YOU_THIRD.search(draft), draft


@pytest.mark.parametrize(("other", "situation", "said"), [
    ("Dad", "I missed his last birthday", "your last birthday"),
    ("Mia (she/her)", "I forgot her first day at work", "your first day"),
    ("Tom (he/him)", "I ignored his new job", "your new job"),
])
def test_a_possessive_before_what_it_owns_is_your(other: str, situation: str, said: str) -> None:
    draft = compose(DraftParts(other=other, situation=situation))
    assert said in draft
    assert not re.search(r"\byours (?:last|first|new)\b|\byou (?:first|last) day\b", draft)


@pytest.mark.parametrize("regret", ["Not being there", "Everything about it",
                                    "Missing your recital", "Leaving early"])
def test_a_regret_with_a_capital_reads_on_after_i_regret(regret: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="the party", regret=regret))
    assert f"I regret {regret[0].lower()}{regret[1:]}." in draft


@pytest.mark.parametrize(("wish", "asked"), [
    ("Respect my decision and not try to change my mind",
     "Could you respect my decision and not try to change my mind?"),
    ("Trust me more", "Could you trust me more?"),
    ("Support my choices", "Could you support my choices?"),
    ("respect my time", "Could you respect my time?"),
])
def test_a_verb_that_is_also_a_noun_is_asked_as_a_verb(wish: str, asked: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="the party", request=wish))
    assert asked in draft
    assert "I'd like respect" not in draft and "I'd like trust" not in draft


@pytest.mark.parametrize("my_part", [
    "I'm sorry for everything, I'll do anything, please don't leave me",
    "I'll do anything",
    "I promise I'll change",
    "everything. I'm the worst girlfriend, I always ruin everything and I'm sorry for all of it",
    "I yelled, please don't go",
])
def test_a_promise_a_plea_or_everything_is_never_said_as_what_i_did(my_part: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="the party", my_part=my_part))
    assert not re.search(r"\bI I'll\b|I'm sorry that I (?:I|was everything|promise|please"
                         r"|am the worst|always ruin)", draft), draft
    if my_part.startswith("I yelled"):
        assert "I'm sorry that I yelled." in draft  # what I did is still owned


@pytest.mark.parametrize(("need", "said"), [
    ("for her not to raise her voice", "I need you not to raise your voice"),
    ("for her to stay", "I need you to stay"),
    ("for her to listen to me", "I need you to listen to me"),
])
def test_a_need_for_them_to_do_something_is_said_plainly(need: str, said: str) -> None:
    draft = compose(DraftParts(other="Mia (she/her)", situation="the party", feeling="scared",
                               need=need))
    assert said in draft
    assert "for your" not in draft and "your not" not in draft


@pytest.mark.parametrize("wish", [
    "nothing, she doesn't owe me anything, I'm sorry",
    "she doesn't have to forgive me",
    "she doesn't need to reply",
])
def test_something_said_about_them_is_never_asked_with_could_you(wish: str) -> None:
    draft = compose(DraftParts(other="Mia (she/her)", situation="the party", request=wish))
    assert "Could you not" not in draft
    assert re.search(r"You don't (?:owe|have to|need to)", draft), draft


@pytest.mark.parametrize("wish", ["please just don't walk out and tell me we're ok",
                                     "just don't go", "really don't shout at me"])
def test_words_before_an_instruction_do_not_break_could_you(wish: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="the party", request=wish))
    assert not re.search(r"Could you (?:please |just |really )?don't", draft), draft
    assert "Could you not " in draft


@pytest.mark.parametrize(("other", "situation", "said"), [
    ("Tom (he/him)", "We argued about the dishes, Tom went out and hasn't replied to my texts in "
                     "five hours.", "you went out and haven't replied"),
    ("Jo (she/her)", "Jo left and isn't answering her phone", "You left and aren't answering"),
    ("Sam (he/him)", "Sam came home late and doesn't care", "You came home late and don't care"),
])
def test_a_second_verb_of_the_same_you_agrees(other: str, situation: str, said: str) -> None:
    draft = compose(DraftParts(other=other, situation=situation))
    assert said in draft


@pytest.mark.parametrize(("other", "situation"), [
    ("Alex", "My friend Alex and I have grown apart"),
    ("Jo", "My sister Jo and I argued about money"),
])
def test_the_word_for_them_is_not_left_before_you(other: str, situation: str) -> None:
    draft = compose(DraftParts(other=other, situation=situation))
    assert "You and I" in draft
    assert not re.search(r"\b(?:friend|sister) you\b", draft)


@pytest.mark.parametrize("feeling", ["terrified he'll leave", "sick, like my stomach dropped",
                                     "scared she won't come back"])
def test_a_feeling_that_says_what_about_is_not_given_a_second_about(feeling: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="the dishes", feeling=feeling))
    assert "about the dishes" not in draft.split("I feel", 1)[1]


@pytest.mark.parametrize(("context", "other", "situation"), [
    ("work", "my manager", "My manager messages me at 11pm and expects answers by morning"),
    ("work", "my boss", "My boss criticises my work in front of the team"),
    ("family", "my mum", "At every family dinner my mum comments on my weight"),
    ("family", "Dad", "On Sundays Dad mocks my job"),
])
def test_no_concerns_or_upset_are_claimed_when_they_did_it_to_me(
        context: str, other: str, situation: str) -> None:
    draft = compose(DraftParts(context=context, other=other, situation=situation,
                               my_part="I said nothing"))
    assert "I hear your concerns" not in draft
    assert "I understand why you were upset" not in draft


def test_the_tidy_pass_leaves_good_sentences_alone() -> None:
    for text in ("I saw you last week.", "You guys always help.", "I bought you flowers.",
                 "When you said that, I felt hurt.", "I gave you my word and I kept it."):
        assert tidy(text) == text
