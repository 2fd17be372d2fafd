"""Round 15 (testers t2 and t3): repair by deed, an ex or co-parent, and the relationship question.

A family that repairs without words gets no apology written for it: the coach helps plan the deed
and a few words that are not an apology, and does not score the plan against a spoken apology;
``mend check`` says a deed of repair counts instead of listing every spoken part as missing; "ex"
and "co-parent" are a relationship of their own, never filed as a partner; a story typed at the
relationship question is not taken for one, and is kept for "What happened?"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from test_round12_coach_follow import Script

from mendkit.coach import State
from mendkit.coach.content import CONTEXT_NOTES
from mendkit.coach.driver import run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore
from mendkit.critic import critique, missing_components

NOW = datetime(2026, 12, 7, 21, 0)
STORY = ("We argued about my wedding plans. I said he cared more about what the neighbours "
         "think than about me, and I walked out.")
OUR_WAY = ("In my family we don't apologise in words. Nobody says sorry, especially not to an "
           "elder; he is 74 and it would embarrass him. We show it by turning up and bringing "
           "food.")
TO_DRAFT = ["", "yes", "my father (he/him)", "family", STORY, OUR_WAY, "", "4", "", "yes",
            "What I said about the neighbours was unfair. I walked out.",
            "I feel ashamed, and I miss him.", "I want him to come to the wedding."]


def _go(tmp_path: Path, answers: list[str]) -> tuple[Session, Script]:
    script = Script(answers)
    session = run(start("r15deed"), script, SessionStore(tmp_path), now=lambda: NOW,
                  mode="rules")
    return session, script


# ---- t3 P3: "in my family we don't apologise in words" ----

def test_a_family_that_repairs_without_words_gets_no_apology_written(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*TO_DRAFT, ""])
    said = "\n".join(script.said)
    assert not any(s.startswith("Can we talk about") for s in script.said)  # no apology
    assert "Repair can be a deed" in said
    assert any("Do you want to send a written message at all?" in a for a in script.asked)
    draft = str(session.answers[State.RESPONSIBILITY_DRAFT.value])
    assert "sorry" not in draft.lower() and "apolog" not in draft.lower()
    assert draft.startswith("I'd like to come and see you")


def test_a_deed_plan_is_not_scored_against_a_spoken_apology(tmp_path: Path) -> None:
    plan = "I will go to his house on Sunday with jalebi and touch his feet."
    session, script = _go(tmp_path, [*TO_DRAFT, plan, "keep", "", "", "", ""])
    assert not any(s.startswith("Repair quality") or s.startswith("Not there yet")
                   for s in script.said)
    assert any("this one counts" in s for s in script.said)
    assert any('"I\'m coming on Sunday."' in s for s in script.said)  # words that are no apology
    assert session.answers[State.RESPONSIBILITY_DRAFT.value] == plan
    # No feelings put into the message unasked afterwards.
    assert not any("you could add" in s for s in script.said)


def test_said_only_at_the_draft_step_is_respected_too(tmp_path: Path) -> None:
    answers = [*TO_DRAFT[:5], "He went quiet.", *TO_DRAFT[6:]]
    own = ("I don't want to send a message with the word sorry in it. That is not how we do "
           "it. I will go to his house on Sunday with jalebi and touch his feet.")
    _, script = _go(tmp_path, [*answers, own, "keep"])
    assert any(s.startswith("Can we talk about") for s in script.said)  # no deed said yet
    assert not any(s.startswith("Repair quality") for s in script.said)
    assert any("this one counts" in s for s in script.said)


def test_the_family_note_does_not_call_the_rift_small() -> None:
    assert "small" not in CONTEXT_NOTES["family"]


# ---- t3 P12: mend check on a deed of repair ----

def test_check_says_a_deed_counts_instead_of_listing_what_is_missing() -> None:
    result = critique("Thanks for the lift.",
                      context=["I'll drive you to your appointment on Friday."], mode="rules")
    assert "reconnect" in result.labels
    assert missing_components(result) == []
    assert any("Repair by deed counts" in n for n in result.notes)
    spoken = critique("I'm sorry I yelled.", mode="rules")
    assert "validation" in missing_components(spoken)  # a spoken apology is still checked


# ---- t2 P10: an ex or co-parent ----

def test_co_parent_is_a_relationship_of_its_own(tmp_path: Path) -> None:
    for said in ("co-parent", "co-parent (my ex)", "my ex husband"):
        session, script = _go(tmp_path, ["", "yes", "Sam (she/her)", said])
        assert session.answers[State.RECOGNISE_CONTEXT.value] == "ex", said
        assert not any("Please answer" in s for s in script.said)


def test_a_message_to_a_co_parent_keeps_longing_out(tmp_path: Path) -> None:
    answers = ["", "yes", "Sam (she/her)", "co-parent",
               "I was 45 minutes late for the handover and didn't call.", "She was angry.", "",
               "3", "", "yes", "I was late for the handover and didn't call.",
               "I feel ashamed, and I miss her.", "Tell me if the time needs to change."]
    _, script = _go(tmp_path, answers)
    said = "\n".join(script.said)
    assert "With an ex or a co-parent" in said
    draft = next(s for s in script.said if s.startswith("Can we talk about"))
    assert "miss" not in draft and "ashamed" in draft
    assert any("not to missing them" in s for s in script.said)


# ---- t3 P13: a story at "What is this relationship?" ----

def test_a_story_is_not_taken_for_the_relationship_and_is_kept(tmp_path: Path) -> None:
    story = "My dad and I argued about money last night and I walked out."
    session, script = _go(tmp_path, ["", "yes", "Dad", story, "family", ""])
    assert session.answers[State.RECOGNISE_CONTEXT.value] == "family"
    assert any("I've kept it for the next question" in s for s in script.said)
    assert any(story in a for a in script.asked if a.startswith("What happened?"))
    assert session.answers[State.RECOGNISE_WHAT.value] == story
