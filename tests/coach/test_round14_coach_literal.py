"""Round 14, the coach for people who read literally (tester t3): "I don't know" answers are left
out of the draft with a note, never made into a sentence; a sentence Mend adds is named as its
own; the same fact is not said twice; a break can be a length or a time to come back, under a
day, and a refusal says why; grounding in sensory overload starts with less input and leaves
hearing to choose; plain words in place of metaphors; "I don't know" at "what was your part?"
gets an example and is asked once more; the internal path offers a ready break script."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_round12_coach_follow import Script

from mendkit.coach import State
from mendkit.coach.break_time import break_end
from mendkit.coach.composer import DraftParts, added_notes, compose, later_sentences
from mendkit.coach.content import PROMPTS, on_break
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 21, 0)
TO_CHECK = ["", "yes", "Alex", "partner", "We argued about the vet.", "", ""]
DONT_KNOW = ["I don't know what I feel.", "I don't know.", "not sure", "idk", "no idea",
             "I can't tell", "I'm not sure what I need"]


def _go(tmp_path: Path, answers: list[str], now: datetime = NOW) -> Script:
    script = Script(answers)
    run(start("r14lit"), script, SessionStore(tmp_path), now=lambda: now, mode="rules")
    return script


# ---- P4: "I don't know" is never made into a sentence, and the note says so ----

@pytest.mark.parametrize("said", DONT_KNOW)
def test_an_unknown_feeling_need_or_regret_is_left_out_of_the_draft(said: str) -> None:
    parts = DraftParts(other="Alex", situation="we argued about the vet",
                       my_part="I forgot to book the vet", regret=said, feeling=said, need=said)
    draft = compose(parts)
    assert "know" not in draft.lower() and "sure" not in draft.lower()
    assert "idk" not in draft.lower() and "idea" not in draft and "tell" not in draft
    assert "I need" not in draft and "I feel" not in draft
    assert later_sentences(parts) == ""


def test_the_message_says_plainly_that_the_unknown_parts_were_left_out(tmp_path: Path) -> None:
    script = _go(tmp_path, [*TO_CHECK, "3", "skip", "yes", "I forgot to book the vet.",
                            "I don't know what I feel.", "", "", "keep",
                            # The feelings help (round 16) is said once, and the question asked again.
                            "I don't know what I feel.", "I don't know what I feel.",
                            "I don't know.", "I don't know what I feel.", ""])
    message = script.said[script.said.index(PROMPTS[State.REBUILD_MESSAGE]) - 2]
    assert "I need I don" not in message and "I don't know" not in message
    notes = [s for s in script.said if "you said you don't know" in s]
    assert any("what you feel and what you need" in n for n in notes)
    assert any("what you regret" in n for n in notes)


def test_a_clause_that_says_i_dont_know_is_dropped_and_the_rest_kept() -> None:
    draft = compose(DraftParts(other="Alex", situation="we argued", my_part="I yelled",
                               need="I don't know, maybe some quiet time"))
    assert "I need some quiet time" in draft or "need maybe some quiet time" in draft
    assert "know" not in draft


def test_a_sentence_mend_added_is_named_as_its_own(tmp_path: Path) -> None:
    parts = DraftParts(other="Alex", situation="we argued about the vet",
                       my_part="I forgot to book the vet")
    assert "I understand why you were upset." in compose(parts)
    (note,) = added_notes(parts)
    assert '"I understand why you were upset."' in note and "You did not write this" in note
    assert "delete" in note
    mine = DraftParts(other="Alex", situation="we argued", my_part="I yelled",
                      their_side="you were scared")
    assert added_notes(mine) == ()
    script = _go(tmp_path, [*TO_CHECK, "3", "skip", "yes", "I forgot to book the vet.", "",
                            "", ""])
    assert any(s.startswith('I added "I understand why you were upset."') for s in script.said)


def test_the_same_fact_is_not_said_twice_in_other_words() -> None:
    draft = compose(DraftParts(
        other="Lee", context="friend",
        situation="Lee told me her dad was in hospital. I talked about my new keyboard for 40 "
                  "minutes and did not ask about her dad",
        my_part="I talked about my keyboard instead of asking about her dad"))
    assert draft.lower().count("keyboard") == 1, draft
    assert "hospital" in draft


# ---- P9: a break is a length or a time to come back, at least 20 minutes and under a day ----

@pytest.mark.parametrize(("said", "back"), [
    ("tomorrow morning", "2026-12-08 09:00"), ("until 9am tomorrow", "2026-12-08 09:00"),
    ("8pm", "2026-12-08 20:00"), ("at 22:30", "2026-12-07 22:30"),
    ("14 hours", "2026-12-08 11:00"), ("an hour and a half", "2026-12-07 22:30"),
    ("45", "2026-12-07 21:45"), ("9:15", "2026-12-08 09:15")])
def test_a_break_can_be_a_length_or_a_time_to_come_back(said: str, back: str) -> None:
    now = NOW.astimezone()
    found = break_end(said, now)
    assert found is not None and found.back is not None, said
    assert f"{found.back:%Y-%m-%d %H:%M}" == back
    assert found.back.utcoffset() == now.utcoffset()  # the person's own time zone
    assert timedelta(minutes=20) <= found.back - now < timedelta(days=1)


@pytest.mark.parametrize(("said", "why"), [
    ("10 minutes", "at least 20 minutes"), ("at 21:10", "only 10 minutes from now"),
    ("2 days", "under a day"), ("at 22:00 tomorrow", "The latest you can come back is 20:59"),
    ("30 hours", "under a day")])
def test_a_break_out_of_range_is_refused_with_the_reason(said: str, why: str) -> None:
    found = break_end(said, NOW.astimezone())
    assert found is not None and found.back is None and why in found.refused


def test_the_coach_takes_a_time_and_says_why_it_refused_one(tmp_path: Path) -> None:
    script = _go(tmp_path, [*TO_CHECK, "10, I can't think", "3 days", "tomorrow morning",
                            "no"])
    assert any("A break is under a day" in s and "latest you can come back" in s
               for s in script.said)
    assert 'I took "tomorrow morning" as 09:00 tomorrow.' in script.said
    assert any(s.startswith("Take your break until 09:00 on 08 Dec") for s in script.said)


def test_a_long_timer_does_not_repeat_the_same_line_each_minute(tmp_path: Path) -> None:
    script = _go(tmp_path, [*TO_CHECK, "9", "3 hours", "yes"])
    left = [s for s in script.said if s.endswith(("minutes left.", "minute left."))]
    assert left[0] == "180 minutes left." and left[-1] == "1 minute left."
    assert len(left) < 20
    assert sum("look out of a window" in s for s in script.said) == 1


# ---- P10: grounding in sensory overload ----

def test_grounding_in_overload_offers_less_input_and_makes_hearing_optional(
        tmp_path: Path) -> None:
    script = _go(tmp_path, [*TO_CHECK, "numb, far away, everything is too loud", ""])
    grounding = next(s for s in script.asked if "5 things you can see" in s)
    assert "quieter place" in grounding and "ear defenders" in grounding
    assert "optional" in grounding and "hear" in grounding
    assert "come back to the room" not in " ".join(script.said)
    calm = _go(tmp_path, [*TO_CHECK, "numb, far away", ""])
    plain = next(s for s in calm.asked if "5 things you can see" in s)
    assert "3 you can hear" in plain and "ear defenders" not in plain


# ---- P13: plain words, and an example when the answer is "I don't know" ----

def test_the_prompts_say_plainly_what_to_do() -> None:
    said = " ".join((*PROMPTS.values(), on_break("21:40")))
    for figure in ("as a camera would", "come back to the room", "Repair can start inside you",
                   "Do something soothing"):
        assert figure not in said
    assert "a walk, music" in on_break("21:40")
    assert "For example" in PROMPTS[State.RECOGNISE_WHAT]


def test_i_dont_know_my_part_gets_an_example_then_is_taken(tmp_path: Path) -> None:
    script = _go(tmp_path, [*TO_CHECK, "3", "skip", "yes", "I don't know.", "I don't know."])
    part = PROMPTS[State.RESPONSIBILITY_PART]
    assert script.asked.count(part) == 2
    assert any('"I raised my voice"' in s for s in script.said)
    assert script.asked[-1] == PROMPTS[State.RESPONSIBILITY_REGRET]


def test_the_internal_path_offers_a_ready_break_script(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    script = Script([*TO_CHECK, "3", "skip", "no", "hurt", "", "", "I don't know", "yes"])
    session = run(start("r14script"), script, store, now=lambda: NOW, mode="rules")
    assert any("I need 20 minutes. I will come back at [time]." in s for s in script.said)
    assert session.answers[State.INTERNAL_NEXT_TIME.value] == (
        "I need 20 minutes. I will come back at [time].")
