"""Round 18 (testers t1 and t2): what the coach may compose into a message.

- A passive death wish typed as an answer ("Some days I wish it was all over, I can't keep doing
  this") stops the coach as the start's screen does, in both modes, and is never composed into a
  message; a long draft that holds it is still a crisis when checked (the rule
  ``crisis/suicide-all-over-01``).
- When the person says there is nothing to ask ("Nothing really, she has dementia, she can't help
  it"), the request is left out, never "Could you have dementia ...?".
- "Without making a big deal of it" is my own fuss, not their hurt waved off: the commitment stays.
- A line blaming a third person ("my brother never helps") is not offered for the message.
- A negated reassurance ("you're never a nuisance") is no "always/never" criticism, and the
  critic's rewrite keeps it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.coach import State
from mendkit.coach.composer import DraftParts, compose, later_sentences, left_out_notes
from mendkit.coach.draft_screens import withheld_note
from mendkit.coach.driver import run, start
from mendkit.coach.safety_gate import screened
from mendkit.coach.store import SessionStore
from mendkit.critic import critique
from mendkit.labels import CRISIS
from mendkit.model import Conversation

CONFRONTATION = "rupture.confrontation"
WISH = "Some days I wish it was all over, I can't keep doing this."
REGRET = f"I regret making her cry. {WISH}"
DRAFT = ("Can we talk about what happened? I'm sorry that I shouted at her and told her to stop "
         f"asking, when she can't help forgetting. {REGRET} I understand why you were upset. "
         "I need to change.")


def _labels(text: str, mode: str) -> tuple[str, ...]:
    conversation = Conversation.from_turns([("me", text)])
    return analyze_conversation(conversation, mode=mode).turns[0].labels  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_long_draft_keeps_the_crisis_sentence(mode: str) -> None:
    assert CRISIS in _labels(DRAFT, mode)


@pytest.mark.parametrize("text", ["Some days I wish it was all over.", "I can't keep doing this.",
                                  "I wish this week was all over, I can't keep doing these "
                                  "night shifts."])
def test_each_half_alone_is_no_rule_sign(text: str) -> None:
    assert CRISIS not in _labels(text, "rules")


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_gate_stops_on_the_regret_answer(mode: str) -> None:
    assert screened(REGRET, mode=mode).stop is not None  # type: ignore[arg-type]


START = ["", "yes", "my mum", "family",
         "I snapped at Mum when she asked the same question again.",
         "I was so tired I was shaking.", "", "6, tight chest", "skip",
         "not sure, she probably won't remember it by teatime", "yes",
         "I shouted at her and told her to stop asking"]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_coach_never_drafts_the_wish(tmp_path: Path, mode: str) -> None:
    script = Script([*START, REGRET, "Nothing really, she has dementia, she can't help it.", ""])
    session = run(start("r18carer"), script, SessionStore(tmp_path), mode=mode)  # type: ignore[arg-type]
    said = " ".join(script.said)
    assert "wish it was all over" not in said.replace(REGRET, "")
    assert session.state not in (State.RESPONSIBILITY_DRAFT, State.RESPONSIBILITY_REVIEW)


def test_the_composer_never_quotes_the_wish() -> None:
    parts = DraftParts(context="family", other="Mum", situation="I shouted at Mum",
                       my_part="I shouted", regret=REGRET)
    assert "all over" not in compose(parts)


@pytest.mark.parametrize("asked", [
    "Nothing really, she has dementia, she can't help it. I need to change, not her.",
    "Nothing, honestly. This one is on me. Maybe just tell me when I get it wrong.",
])
def test_nothing_to_ask_leaves_the_request_out(asked: str) -> None:
    parts = DraftParts(context="family", other="Riley", situation="I called it a phase",
                       my_part="I called it a phase", request=asked)
    draft = compose(parts)
    assert "Could you" not in draft and "Could we" not in draft, draft
    assert any("nothing you need them to do differently" in n for n in left_out_notes(parts))


def test_a_real_request_is_still_asked() -> None:
    draft = compose(DraftParts(other="Sam", situation="the dishes", my_part="I yelled",
                               request="tell me when something bothers you"))
    assert "Could you tell me when something bothers you?" in draft, draft


def test_my_own_fuss_is_kept_in_the_commitment() -> None:
    commitment = ("I will use their name and they/them, and correct myself when I slip without "
                  "making a big deal of it")
    parts = DraftParts(context="family", other="Riley", situation="I called it a phase",
                       my_part="I called it a phase", commitment=commitment)
    assert "without making a big deal of it" in compose(parts)
    assert "too sensitive" not in withheld_note(parts)
    waved_off = DraftParts(other="Sam", situation="a joke", my_part="I made a joke",
                           commitment="tell her not to make such a big deal of it")
    assert "big deal" not in compose(waved_off)


def test_blame_of_a_third_person_is_not_offered() -> None:
    parts = DraftParts(context="family", other="Mum", situation="I shouted",
                       feeling="lonely", need="some help and a proper night's sleep. my brother "
                       "never helps")
    offered = later_sentences(parts)
    assert "brother" not in offered and "a proper night's sleep" in offered, offered
    assert "brother" not in compose(parts)


KIND = ("Mum, I'm sorry I shouted at you about Sunday. That was my tiredness, not you, and "
        "you're never a nuisance. I love you. Shall we have a cup of tea and do the crossword "
        "together?")


@pytest.mark.parametrize("text", [KIND, "You are never a trouble. I love you.",
                                  "you're never a burden to me"])
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_negated_reassurance_is_no_criticism(text: str, mode: str) -> None:
    assert CONFRONTATION not in _labels(text, mode)


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_critic_keeps_the_reassurance(mode: str) -> None:
    result = critique(KIND, mode=mode)  # type: ignore[arg-type]
    assert not any("never" in issue.message.lower() for issue in result.issues)
    assert result.rewrite is None or "never a nuisance" in result.rewrite


def test_plain_always_never_criticism_is_still_read() -> None:
    assert CONFRONTATION in _labels("You're never on time.", "rules")


def test_named_pronouns_do_not_hide_the_reader() -> None:
    from mendkit.coach.pronouns import address, uncertain

    said = "I will use their name and they/them, and correct myself when I slip"
    assert address(said, "my kid, Riley (they/them)", "family").startswith(
        "I will use your name and they/them")
    assert uncertain(said, "my kid, Riley (they/them)", "family") == ()


def test_a_story_typed_at_the_relationship_question_is_kept_whole(tmp_path: Path) -> None:
    story = ("Last week Riley told me they're nonbinary. I said it was just a phase and told "
             "them not to tell their grandmother.")
    script = Script(["", "yes", "my kid, Riley (they/them)", story,
                     "Riley: Mum, I'm nonbinary. I use they/them.",
                     "Me: It's just a phase, love. And don't tell your gran, it would kill her.",
                     "family", ""])
    session = run(start("r18story"), script, SessionStore(tmp_path), mode="rules")
    told = str(session.answers.get(State.RECOGNISE_WHAT.value, ""))
    assert story in told and "just a phase, love" in told, told
