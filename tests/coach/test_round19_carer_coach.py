"""Round 19: the coach's leftovers with a carer of a parent with dementia.

- A crisis stop for the person's own thoughts shows no domestic-abuse lines in two-person mode
  either (it used to show every line), and leaves out the children's line (Childline) when the
  person plainly reads as an adult (a husband, their own children, an age); when Mend cannot
  tell, the children's line stays: young carers look after parents too.
- A message for someone with dementia (said earlier in the session) is short, warm and about
  now, never a retelling ("You have dementia and I look after you ..."); the coach says why,
  and for a carer, that support and breaks exist for carers too.
- "Nothing but a bit of patience" at the request step is asked as a need, never "Could you
  nothing but ...".
- A message changed at "Press Enter to keep it, or change it" is checked by the critic as the
  draft was, and offered back; a crisis in it stops.
- Two-person mode remembers a clear no to the risk check, as the one-person coach does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.cli.main import main
from mendkit.coach import State, content
from mendkit.coach.composer import DraftParts, compose, draft_notes
from mendkit.coach.draft_sentences import request_sentences
from mendkit.coach.driver import run, start
from mendkit.coach.pair import RISK_CHECK
from mendkit.coach.store import SessionStore
from mendkit.coach.youth import reads_adult

MUM = "I snapped at Mum when she asked the same question again. She has dementia and I look after her."
BEFORE_PART = ["", "yes", "Mum", "family", MUM, "I was so tired I was shaking.", "", "6", "skip",
               "not sure, she won't remember it", "yes",
               "I shouted at her and told her to stop asking"]
CRISIS = "I can't do this any more, I think about ending it"


def _file(tmp_path: Path, name: str, answers: list[str]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _stop_lines(out: str) -> str:
    return out[out.index("If you need someone now:"):]


# --- 1. whose lines a crisis stop shows -------------------------------------------------------

def test_a_pair_stop_for_own_thoughts_shows_no_abuse_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _file(tmp_path, "jo", ["Jo", "yes", f"I was exhausted. {CRISIS}."])
    assert main(["coach", "--pair", "--answers", answers, "--region", "GB"]) == 0
    shown = _stop_lines(capsys.readouterr().out)
    assert "Samaritans" in shown
    assert "Domestic Abuse" not in shown


@pytest.mark.parametrize(("story", "childline"), [
    (MUM.replace("after her.", "after her while my husband works away."), False),
    (MUM, True),  # no word of an adult's own life: a young carer may be speaking
])
def test_the_childrens_line_is_left_out_only_for_a_plain_adult(
        tmp_path: Path, story: str, childline: bool) -> None:
    answers = [*BEFORE_PART, CRISIS]
    answers[4] = story
    script = Script(answers)
    session = run(start("r19adult"), script, SessionStore(tmp_path), region="GB", mode="rules")
    assert session.state is State.STOPPED_CRISIS
    shown = _stop_lines(script.text)
    assert "Samaritans" in shown and "Domestic Abuse" not in shown
    assert ("Childline" in shown) is childline


@pytest.mark.parametrize(("text", "adult"), [
    ("I look after my dad and my kids are at school all day", True),
    ("I'm 52 and I care for my mother", True),
    ("I look after my mum, she has dementia", False),
    ("my boss shouted at me", False),
    ("im 15 and my mum has dementia", False),
])
def test_reads_adult(text: str, adult: bool) -> None:
    assert reads_adult(text) is adult


# --- 2. a message for someone with dementia -------------------------------------------------

def _parts(situation: str = MUM, other: str = "Mum") -> DraftParts:
    return DraftParts(context="family", other=other, situation=situation,
                      my_part="I shouted at her and told her to stop asking",
                      regret="making her cry", request="a bit of patience")


def test_a_message_for_someone_with_dementia_does_not_retell_it() -> None:
    draft = compose(_parts())
    assert "dementia" not in draft and "shouted" not in draft and "Could you" not in draft
    assert draft.startswith("Mum, ") and len(draft.split()) < 30
    why, support = draft_notes(_parts())
    assert "dementia" in why and "may not remember" in why
    assert "carers" in support and "GP" in support and not any(ch.isdigit() for ch in support)


@pytest.mark.parametrize("situation", [
    "I have early dementia and I forgot to pick Mum up.",  # their own condition
    "I snapped at Mum when she asked about the bills again.",  # none named
])
def test_a_retelling_stays_when_the_other_has_no_memory_condition(situation: str) -> None:
    assert "Can we talk about" in compose(_parts(situation))


def test_the_coach_says_why_and_offers_carer_support(tmp_path: Path) -> None:
    script = Script([*BEFORE_PART, "I regret making her cry", "Nothing but a bit of patience"])
    run(start("r19mum"), script, SessionStore(tmp_path), mode="rules")
    assert "You have dementia" not in script.text
    assert "respite" in script.text and "may not remember" in script.text


# --- 3. "nothing but X" at the request step --------------------------------------------------

@pytest.mark.parametrize("said", ["Nothing but a bit of patience", "Just a bit of patience",
                                  "Only a bit of patience"])
def test_nothing_but_is_asked_as_a_need(said: str) -> None:
    (sentence,) = request_sentences(said, "Sam")
    assert "nothing" not in sentence.lower() and "only" not in sentence.lower()
    assert "patience" in sentence


def test_nothing_except_keeps_the_verb() -> None:
    assert request_sentences("nothing except that you listen to me", "Sam") == [
        "Could you listen to me?"]


# --- 4. a message changed at the rebuild step --------------------------------------------------

STORY = ["", "yes", "Sam", "partner", "Sam came home late and I shouted at him.", "", "", "3",
         "skip", "yes", "yes", "I shouted at him", "skip", "text me when you're late", "",
         "keep", "angry", "hurt", "to feel respected"]
CHANGED = "I'm sorry I shouted. But you never listen and you're always late."


def test_a_changed_message_is_checked_and_offered_back(tmp_path: Path) -> None:
    script = Script([*STORY, CHANGED, ""])
    session = run(start("r19chg"), script, SessionStore(tmp_path), mode="rules")
    assert script.asked.count(content.PROMPTS[State.REBUILD_MESSAGE]) == 2  # offered back once
    checked = next(line for line in script.said if line.startswith("Mend checked your changed"))
    assert "Repair quality" in checked and '"but"' in checked
    assert session.answers[State.REBUILD_MESSAGE.value] == CHANGED


def test_a_crisis_in_a_changed_message_stops(tmp_path: Path) -> None:
    script = Script([*STORY, f"I'm sorry I shouted. {CRISIS}."])
    session = run(start("r19chgc"), script, SessionStore(tmp_path), mode="rules")
    assert session.state is State.STOPPED_CRISIS


# --- 5. two-person mode remembers a no to the risk check ----------------------------------------

SOCKS = "My husband leaves his socks everywhere and I've had enough"


def test_pair_mode_does_not_ask_again_after_a_no(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["Dana", "yes", SOCKS, "no", "yes",
               "He leaves his socks everywhere and I've had enough", "yes", "work", "yes",
               "I shouted", "yes", "I will breathe", "yes"]
    assert main(["coach", "--pair", "--answers", _file(tmp_path, "dana", answers)]) == 0
    out = capsys.readouterr().out
    assert out.count(RISK_CHECK) == 1
    assert "Give this code to the other person" in out
