"""Round 18 (tester t4, problem 9): the coach's draft for someone who lied about a relapse kept a
complaint about the partner's reaction ("and now you won't really talk to me") with no word
about it; it ran three acts into one garbled sentence ("I'm sorry that I lied ... and have been
drinking for three weeks and I hid the bottles"); it dropped the most important ownership ("You
asked me honestly and I made you feel crazy for asking") without a word; and a time given at the
commitment question ("Sunday evening") became "From now on, I will sunday evening."."""

from __future__ import annotations

import pytest

from mendkit.coach.composer import DraftParts, commitment_sentence, compose, left_out_notes
from mendkit.coach.my_part import my_part_sentences

STORY = ("I relapsed three weeks ago after 14 months sober. Sam asked me straight out last "
         "Tuesday if I'd been drinking and I said no. She found the empty bottles in my gym bag "
         "yesterday and now she won't really talk to me.")
PART = ("I lied to you when you asked me if I'd been drinking. I've been drinking for three "
        "weeks and I hid the bottles. You asked me honestly and I made you feel crazy for asking.")


def _parts(**more: str) -> DraftParts:
    return DraftParts(context="partner", other="Sam (she/her)", situation=STORY, my_part=PART,
                      **more)


def test_their_reaction_after_my_betrayal_is_left_out_and_named() -> None:
    parts = _parts()
    draft = compose(parts)
    assert "talk to me" not in draft
    assert "You found the empty bottles in my gym bag yesterday." in draft
    assert any("won't talk to you now" in note for note in left_out_notes(parts))


def test_their_reaction_stays_when_i_broke_no_trust() -> None:
    parts = DraftParts(context="partner", other="Sam", situation="We argued about the rent "
                       "and now she won't really talk to me.", my_part="I raised my voice")
    assert "won't really talk to me" in compose(parts)
    assert not any("won't talk to you now" in note for note in left_out_notes(parts))


def test_each_act_of_mine_is_owned_in_a_readable_sentence() -> None:
    said = " ".join(my_part_sentences(PART, work=False))
    assert said == ("I'm sorry that I lied to you when you asked me if I'd been drinking, that I "
                    "have been drinking for three weeks and I hid the bottles, and that I made "
                    "you feel crazy for asking.")


@pytest.mark.parametrize(("part", "owned"), [
    ("You asked me honestly and I made you feel crazy for asking", "made you feel crazy"),
    ("she went quiet and I kept pushing", "kept pushing"),
])
def test_what_i_did_after_what_they_did_is_owned(part: str, owned: str) -> None:
    assert owned in " ".join(my_part_sentences(part, work=False))


def test_two_plain_acts_still_read_as_one_list() -> None:
    assert my_part_sentences("I snapped at you, I shouldn't have answered back", work=False) == [
        "I'm sorry that I snapped at you and answered back."]


@pytest.mark.parametrize("when", ["Sunday evening", "tomorrow night", "at 7pm", "this weekend"])
def test_a_time_alone_is_no_commitment(when: str) -> None:
    assert commitment_sentence(_parts(commitment=when)) == ""


def test_a_commitment_with_a_time_is_kept() -> None:
    said = commitment_sentence(_parts(commitment="I'll check in with you every Sunday evening"))
    assert said == "From now on, I will check in with you every Sunday evening."
