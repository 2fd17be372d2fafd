"""Round 17 (tester t3): the coach's draft speaks to the person, not about them.

Asked "What happened?", someone wrote their story for themselves: "She took like five hours to
answer my text on Saturday and when she finally did I snapped ... She said she was at her
grandma's birthday. Now she's gone a bit quiet." The draft pasted all of it, in the third
person and with the grievance ("five hours") first, into the apology to her. And an answer to
the request question that asks nothing ("She probably felt accused and guilty ...") became
"Could you probably felt accused and guilty ...?".
"""

from __future__ import annotations

from mendkit.coach.composer import DraftParts, compose, left_out_notes

_STORY = ("She took like five hours to answer my text on Saturday and when she finally did I "
          "snapped and wrote \"nice of you to finally remember I exist\". She said she was at her "
          "grandma's birthday. Now she's gone a bit quiet.")
_MY_PART = "I was sarcastic and made her feel guilty for being with her family"


def test_the_story_told_about_them_is_not_pasted_into_the_apology() -> None:
    draft = compose(DraftParts(other="Jess (she/her)", situation=_STORY, my_part=_MY_PART))
    for retold in ("five hours", "She took", "She said", "gone a bit quiet", ".."):
        assert retold not in draft, draft
    assert "sorry" in draft.lower()


def test_a_short_account_still_opens_the_apology() -> None:
    # One sentence of what happened, said to them, is the observation a repair starts from.
    draft = compose(DraftParts(other="Jess (she/her)", situation="Jess took five hours to "
                               "answer my text on Saturday", my_part="I snapped at her"))
    assert draft.startswith("Can we talk about Saturday? You took five hours"), draft
    assert "I'm sorry that I snapped at you" in draft


def test_a_shared_account_still_names_what_happened() -> None:
    draft = compose(DraftParts(other="Sam", situation="We argued about the dishes last night",
                               my_part="I yelled"))
    assert "We argued about the dishes" in draft or "the dishes" in draft


def test_a_complaint_with_no_apology_keeps_its_account() -> None:
    # Raising what they did is the point of a message that owns nothing: it stays, to them.
    draft = compose(DraftParts(other="Sam", situation="Sam took five hours to answer my text",
                               request="text me if you'll be out of reach all day"))
    assert "You took five hours to answer my text" in draft


def test_a_request_answer_that_asks_nothing_is_not_asked() -> None:
    parts = DraftParts(other="Jess (she/her)", situation="what I said on Saturday",
                       my_part=_MY_PART,
                       request="She probably felt accused and guilty when she'd done nothing wrong")
    draft = compose(parts)
    assert "Could you probably" not in draft and "probably felt" not in draft, draft
    assert any("what they felt or did" in note for note in left_out_notes(parts))
