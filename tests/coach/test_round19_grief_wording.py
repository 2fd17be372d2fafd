"""Round 19 (testers t4, grief, and t1, in-laws): the coach's wording and drafts.

- A crisis stop on the path for someone who has died speaks to grief, not repair, and (the one
  written to has died) lists no domestic abuse lines; so does the path's end after a "no".
- A plain "no" to "are you safe right now?" speaks to both: someone else, or one's own thoughts.
- A story that says they died asks whether they have before anything about them as alive.
- A death or a funeral in a story about someone else gets a word for the loss.
- One's own hurtful words are named, not quoted back, in a draft; the critic flags them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_kit import coached
from mendkit.coach import State
from mendkit.coach.composer import DraftParts, compose
from mendkit.coach.goal_flow import openness_event
from mendkit.coach.machine import EventType
from mendkit.coach.session import Session
from mendkit.critic import critique

ABUSE_LINE = "Domestic abuse"
STORY = ("We fell out over my wedding and I didn't speak to him for two years. He died in March "
         "before I called him.")
LETTER = ("I loved you the whole time, even when I was too proud to ring. I just want to be with "
          "you again. I don't see the point of any of it without you.")
TO_DIED = ["", "yes", "Dad", "family", STORY, "yes"]
FUNERAL = ("At Mum's funeral I told him he never shows up and that money is all he thinks love "
           "is. He walked out of the wake.")
INSULT = "money is all you think love is"


def test_grief_stop_speaks_to_grief_without_abuse_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, said = coached(tmp_path, [*TO_DIED, LETTER, "not sure"], capsys)
    assert session.state is State.STOPPED_CRISIS
    stop = said[said.index("(yes / no / not sure)"):]
    assert "Repair can wait" not in stop
    assert "Grief can bring thoughts of wanting to be with the person who died" in stop
    assert "Samaritans" in stop
    assert ABUSE_LINE not in stop


def test_grief_end_after_a_no_lists_no_abuse_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, said = coached(tmp_path, [*TO_DIED, LETTER, "no", "I'm sorry I let pride win.",
                                       "Teaching me to fish.", ""], capsys)
    assert session.state is State.DONE
    end = said[said.index("Here is your letter"):]
    assert "Samaritans" in end
    assert ABUSE_LINE not in end


def test_death_is_checked_straight_after_the_story(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, said = coached(tmp_path, TO_DIED[:5], capsys)
    after = said[said.index(STORY) + len(STORY):]
    assert "It sounds like Dad has died" in after
    assert "and in them" not in after
    assert "paste them here" not in after
    assert "How stirred up" not in after


def test_a_plain_no_to_safety_speaks_to_both_kinds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, said = coached(tmp_path, ["", "no"], capsys)
    assert session.state is State.STOPPED_UNSAFE
    assert "your own thoughts" in said
    assert "It sounds like someone may be hurting" not in said
    # Either may be true: the crisis line is not put after the abuse lines.
    assert said.index("Samaritans") < said.index(ABUSE_LINE)


def test_an_unsafe_answer_about_someone_keeps_the_abuse_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Signs of abuse in the story are no plain "no": the abuse stop is as it was.
    session, said = coached(tmp_path, ["", "yes", "my husband", "partner",
                                       "He hit me last night and said he'd kill me if I told "
                                       "anyone."], capsys)
    assert session.state is State.STOPPED_UNSAFE
    assert "your own thoughts" not in said


def test_funeral_story_gets_a_word_for_the_loss_and_no_quoted_insult(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["", "yes", "my brother Mark", "family", FUNERAL, "no",
               "I was shaking and furious, and then ashamed.", "",
               "7, my chest is tight and I keep crying", "skip", "skip", "not sure", "yes",
               "I took my grief out on you in front of everyone and said cruel things I don't "
               "believe.", "I regret saying money is all you think love is. I know you loved "
               "her.", "Come with me to scatter her ashes next month."]
    _, said = coached(tmp_path, answers, capsys)
    assert "I'm sorry for your loss" in said
    assert "part of grief" in said[:said.index("You sound flooded")]
    draft = next(line for line in said.splitlines() if line.startswith("Can we talk"))
    assert INSULT not in draft
    assert "what I said about money" in draft


def test_the_critic_flags_an_insult_quoted_back() -> None:
    twice = (f"At Mum's funeral I told you that you never show up and that {INSULT}. I'm sorry. "
             f"I regret saying {INSULT}. I know you loved her.")
    named = ("At Mum's funeral I said hurtful things to you. I'm sorry. I regret what I said "
             "about money. I know you loved her.")
    flagged = critique(twice, mode="rules")
    assert "quoted_hurt" in {i.kind for i in flagged.issues}
    assert "quoted_hurt" not in {i.kind for i in critique(named, mode="rules").issues}
    assert flagged.repair_quality < critique(named, mode="rules").repair_quality
    # An insult quoted once is flagged too (as contempt, or as words said again).
    assert {"quoted_hurt", "contempt"} & {i.kind for i in critique(
        "I'm sorry I said you were pathetic.", mode="rules").issues}


def test_naming_what_one_said_once_is_still_ownership() -> None:
    result = critique("I'm sorry I said you never listen. I'll ask before I assume.",
                      mode="rules")
    assert "quoted_hurt" not in {i.kind for i in result.issues}


def test_composer_names_an_insult_given_as_the_regret() -> None:
    draft = compose(DraftParts(context="family", other="my brother Mark", situation=FUNERAL,
                               my_part="said cruel things I don't believe",
                               regret=f"I regret saying {INSULT}"))
    assert INSULT not in draft
    assert "what I said about money" in draft


def test_grief_talk_at_the_death_check_is_asked_again_not_read_as_no() -> None:
    # Verifier, round 19: "never" inside grief talk was read as "no, he has not died".
    session = Session(id="g", state=State.OPENNESS, answers={
        State.RECOGNISE_WHO.value: "Dad", State.RECOGNISE_CONTEXT.value: "family",
        State.RECOGNISE_WHAT.value: "My dad died in May and I never answered his last card."})
    assert openness_event(session, "I feel sick with guilt. He sent a birthday card and I never "
                                   "answered.") is None
    plain_no = openness_event(session, "No, he's in a care home now.")
    assert plain_no is not None and plain_no.type is EventType.NOT_THAT
    assert openness_event(session, "no") is not None
