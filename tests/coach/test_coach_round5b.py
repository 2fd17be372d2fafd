"""The composer's second pass on non-answers: an answer that is mostly a refusal or a shrug ("not
really, no", "nothing, Jo started it") is left out of the draft, while a real answer that only
starts like one ("no excuse, I yelled", "not calling you myself") is kept."""

from __future__ import annotations

import pytest

from mendkit.coach.composer import DraftParts, compose

BARE = "Can we talk about the dishes? I understand why you were upset."

REFUSALS = ["not really, no", "no, not really", "Not really. No.", "nothing, Jo started it",
            "Nothing - Jo started it!", "no", "nah", "not sure", "dunno", "I don't think so",
            "none", "no I don't think so", "nah, nothing", "I dunno, not much", "nope, none",
            "nothing really, it was Jo's fault", "no, it was all Jo's fault", "not my fault",
            "I didn't do anything", "I did nothing wrong", "???", "I regret nothing"]


@pytest.mark.parametrize("answer", REFUSALS)
def test_a_refusal_or_shrug_is_not_a_regret(answer: str) -> None:
    draft = compose(DraftParts(other="Jo", situation="the dishes", my_part="I ignored Jo",
                               regret=answer))
    assert draft == ("Can we talk about the dishes? I'm sorry that I ignored you. "
                     "I understand why you were upset.")


@pytest.mark.parametrize("answer", [*REFUSALS, "Jo started it", "you started it",
                                    "it was Jo's fault", "It's his fault, not mine"])
def test_a_refusal_or_blame_is_not_my_part(answer: str) -> None:
    draft = compose(DraftParts(other="Jo", situation="the dishes", my_part=answer))
    assert draft == BARE


@pytest.mark.parametrize("answer", ["not really, no", "nothing, Jo started it", "dunno",
                                    "I don't think so"])
def test_a_refusal_is_not_a_request_or_commitment(answer: str) -> None:
    draft = compose(DraftParts(other="Jo", situation="the dishes", request=answer,
                               commitment=answer))
    assert draft == BARE


def test_a_real_part_that_starts_with_no_is_kept() -> None:
    draft = compose(DraftParts(other="Jo", situation="the dishes", my_part="no excuse, I yelled"))
    assert "I'm sorry that I yelled." in draft


@pytest.mark.parametrize(("regret", "sentence"), [
    ("not calling you myself", "I regret not calling you myself."),
    ("no longer listening to you", "I regret no longer listening to you."),
    ("nothing I said was kind", "I regret nothing I said was kind."),
    ("that it was my fault", "I regret it was my fault."),
])
def test_a_real_regret_that_starts_like_a_refusal_is_kept(regret: str, sentence: str) -> None:
    draft = compose(DraftParts(other="Jo", situation="the dishes", my_part="I ignored Jo",
                               regret=regret))
    assert sentence in draft


def test_owning_that_i_started_it_is_kept() -> None:
    draft = compose(DraftParts(other="Jo", situation="the dishes", my_part="I started it"))
    assert "I'm sorry that I started it." in draft


def test_a_situation_that_says_who_started_it_is_still_told() -> None:
    draft = compose(DraftParts(other="Jo", situation="Jo started it", my_part="I yelled"))
    assert "You started it." in draft


def test_a_shrug_or_blame_before_a_real_answer_is_left_out() -> None:
    draft = compose(DraftParts(other="Jo", situation="the dishes",
                               my_part="Jo started it, but I yelled at Jo",
                               regret="yes, calling Jo selfish"))
    assert draft == ("Can we talk about the dishes? I'm sorry that I yelled at you. "
                     "I regret calling you selfish. I understand why you were upset.")


def test_a_coach_session_answering_not_really_no_gets_no_regret() -> None:
    answers = {"recognise_who": "Jo", "recognise_what": "the dishes",
               "responsibility_part": "Nothing, Jo started it.",
               "responsibility_regret": "Not really, no.", "responsibility_know": "Dunno."}
    draft = compose(DraftParts.from_answers(answers))
    assert draft == BARE
