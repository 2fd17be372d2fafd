"""Round 19 (tester t1, in-laws): draft grammar and voice, and the level question.

- "I won't ..." as what I will do next time is never "I will won't ...".
- A note in brackets after the name ("(she lives with us)") is not part of the name.
- A message said to "you" that also says "her" of the reader is flagged, and scored lower.
- The partner caught between the person and an in-law: a note not to make them the go-between.
- A feeling word at the level question is asked about once, then taken: no loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_kit import coached
from mendkit.coach import State
from mendkit.coach.composer import DraftParts, commitment_sentence
from mendkit.coach.draft_voice import mixed_address
from mendkit.coach.pronouns import reader

WHO = "My mother-in-law (she lives with us)"
STORY = ("At dinner in front of my husband's cousins I told Mummy-ji her dal was too salty and "
         "that she treats me like a servant. She went quiet and went to her room. My husband "
         "Rohit is stuck between us and hasn't said anything since.")
TO_LEVEL = ["", "yes", WHO, "family", STORY, "I felt my face go hot.", ""]


@pytest.mark.parametrize(("said", "expected"), [
    ("I won't raise complaints in front of guests again; I'll talk to her privately first.",
     "Next time, I won't raise complaints in front of guests again"),
    ("I will not shout again", "Next time, I will not shout again."),
    ("If I get angry I won't shout", "If I get angry, I won't shout."),
    ("I'll call him instead", "Next time, I will call him instead."),
])
def test_a_commitment_keeps_its_own_verb(said: str, expected: str) -> None:
    sentence = commitment_sentence(DraftParts(commitment=said, other="Mark", context="family"))
    assert sentence.startswith(expected)
    assert "will won't" not in sentence


def test_a_note_in_brackets_is_no_part_of_the_name() -> None:
    assert reader(WHO).name == "My mother-in-law"
    assert reader(WHO).pronouns == frozenset({"she"})
    assert reader("Robin (they/them)").name == "Robin"


def test_the_story_of_an_in_law_notes_the_partner_in_the_middle(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, said = coached(tmp_path, TO_LEVEL[:5], capsys)
    assert "rather than asking your partner to pass things on" in said
    assert "(she lives with us)" not in said[said.index(STORY):]


def test_no_go_between_note_without_an_in_law(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, said = coached(tmp_path, ["", "yes", "my sister", "family",
                                 "I told my sister she was selfish. My husband was there."],
                      capsys)
    assert "pass things on" not in said


def test_her_beside_you_is_flagged() -> None:
    draft = ("Can we talk about what happened? I'm sorry that I criticised her cooking in front "
             "of guests. I think she felt humiliated. I understand why you were upset.")
    issue = mixed_address(draft, WHO)
    assert issue is not None and draft[issue.start:issue.end] == "her"
    # Someone else named just before: "her" is them, not the reader.
    assert mixed_address("I'm sorry I shouted at you in front of your mum. She was upset too.",
                         WHO) is None
    assert mixed_address("I'm sorry I shouted at you. I know you loved him.", "my brother Mark"
                         ) is not None
    assert mixed_address("I'm sorry I shouted at you at Dad's funeral. I know you loved him.",
                         "my brother Mark") is None


def test_the_coach_review_scores_the_mixed_draft_lower(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = [*TO_LEVEL, "6, tight chest", "skip", "not sure", "yes",
               "I criticised her cooking in front of guests.", "I think she felt humiliated.",
               "skip", ""]
    _, said = coached(tmp_path, answers, capsys)
    assert '- "her": This message speaks to them as "you"' in said


def test_a_feeling_word_at_the_level_question_is_taken_the_second_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, said = coached(tmp_path, [*TO_LEVEL, "embarrassed", "embarrassed"], capsys)
    assert said.count('"embarrassed" tells me how it feels') == 1
    assert session.state is State.REGULATE_BREATHING


def test_a_feeling_word_then_a_number_takes_the_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, _ = coached(tmp_path, [*TO_LEVEL, "embarrassed", "8"], capsys)
    assert session.answers["regulate_check"] == 8
    assert session.state is State.REGULATE_BREAK
