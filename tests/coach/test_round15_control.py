"""Round 15, manipulation dressed as repair (tester t6, problems 1 and 2): when the person's own
answers show them controlling the other (whom they see, where they go, tracking them, their phone,
silence until they give in), the coach writes and approves no message, limit or repair: it says
what a limit is, that control can be abuse, and where to get help to change, not the victim lines.
A repair draft whose answers justify ("but I was just protecting our marriage") gets no "I
understand why you were upset." on the person's behalf, and "my wife Laura" is said as "you"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from test_round12_coach_follow import Script

from mendkit.coach import State
from mendkit.coach.composer import DraftParts, added_notes, compose
from mendkit.coach.control_signs import CONTROLLED
from mendkit.coach.driver import run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore
from mendkit.critic import critique

NOW = datetime(2026, 12, 7, 20, 0)
CALM = ["4", "skip"]  # calm, no breathing: then the openness step
# What the limit path says of a limit it approved, and of holding it.
APPROVED = ("Nothing to change", "They may push back", "does not make the limit wrong",
            "Holding it kindly")
VICTIM_LINES = ("0808 2000 247", "Domestic abuse services", "National Domestic",
                "not your fault, and you deserve to be safe")


def _go(tmp_path: Path, answers: list[str]) -> tuple[Session, Script]:
    script = Script(answers)
    session = run(start("r15control"), script, SessionStore(tmp_path), now=lambda: NOW,
                  mode="rules")
    return session, script


def _story(who: str, context: str, what: str, noticed: str = "skip", messages: str = "") -> list[str]:
    return ["", "yes", who, context, what, noticed, messages, *CALM]


def _said(script: Script) -> str:
    return "\n".join(script.said)


def _ended_for_control(session: Session, script: Script) -> str:
    said = _said(script)
    assert session.state is State.DONE
    assert session.settings.get(CONTROLLED)
    assert "A limit is about what you will do" in said
    assert "can be a form of abuse" in said
    assert "Respect Phoneline (0808 802 4040)" in said
    for line in (*APPROVED, *VICTIM_LINES, "Here is a draft", "Here is a first draft",
                 "Repair quality", "Thank you for doing this"):
        assert line not in said, line
    return said


JADE = ("I just set a boundary and she got upset. I told her I'm not okay with her seeing her friend "
        "Tom anymore, or going out with her uni friends without me, and that she needs to keep her "
        "location shared so I know she's safe. She cried and said I was being controlling.")
JADE_MESSAGES = ("Me: I'm setting a boundary. I'm not okay with you seeing Tom anymore.\n"
                 "Jade: You can't decide who I see.\n"
                 "Me: If you respect me you'll respect my boundary.\n"
                 "Jade: This isn't a boundary, it's a rule for me. You're being controlling.\n")


def test_the_testers_story_of_control_gets_no_limit_and_no_message(tmp_path: Path) -> None:
    # t6's coach1: the story, what they noticed and the pasted messages all show control.
    answers = [*_story("Jade, she", "partner", JADE,
                       "I felt disrespected. She cried and said I was being controlling.",
                       JADE_MESSAGES), "", "yes", "Please don't see Tom anymore, and keep your "
               "location on so I always know where you are.", "I'll stop talking to her until she "
               "does", "I get anxious when I don't know where you are", "I love you", "", "keep"]
    session, script = _go(tmp_path, answers)
    said = _ended_for_control(session, script)
    assert "set a limit with Jade" not in said  # the limit path is not offered for control
    assert "Deciding whom a partner sees" in said or "deciding whom a partner sees" in said
    assert "needing to know where they are" in said
    assert "worth listening to" in said  # she named it as control


@pytest.mark.parametrize(("limit", "action", "kind"), [
    ("Please don't see Tom anymore, and keep your location on so I always know where you are.",
     "skip", "where they are"),
    ("Don't go out with your work friends without me.", "skip", "whom a partner sees"),
    ("Hand over your phone when I ask.", "skip", "phone"),
    ("Please stop leaving your dishes in the sink.", "I'll stop talking to her until she does",
     "going silent"),
])
def test_a_controlling_limit_is_never_written_or_approved(tmp_path: Path, limit: str,
                                                          action: str, kind: str) -> None:
    story = "We keep arguing about how we spend our evenings. She went quiet last night."
    answers = [*_story("Jade, she", "partner", story), "limit", limit, action,
               "It matters to me", "I love you", "", "keep"]
    session, script = _go(tmp_path, answers)
    said = _ended_for_control(session, script)
    assert kind in said.lower() or kind in said


def test_the_sister_story_gets_no_repair_draft_that_asks_for_control(tmp_path: Path) -> None:
    # t6's coach2: "I told Laura she isn't going to her sister's", then a repair path.
    story = ("I just set a boundary and she got upset. I told Laura she isn't going to her sister's "
             "on Saturday because her sister is toxic and always takes her side against me. Laura "
             "said I don't get to decide that and went to the bedroom.")
    answers = [*_story("my wife Laura", "partner", story, "I felt disrespected. She slammed the "
                       "door."), "no", "yes", "I raised my voice a bit when I said it",
               "she felt like I was controlling her, but I was just protecting our marriage",
               "I need her to respect my boundary about her sister", "", "keep"]
    session, script = _go(tmp_path, answers)
    said = _ended_for_control(session, script)
    assert "respect my boundary about her sister" not in said


def test_a_request_about_whom_they_see_ends_the_repair_before_the_draft(tmp_path: Path) -> None:
    story = "We argued about Saturday and I raised my voice at Laura."
    answers = [*_story("my wife Laura", "partner", story), "yes", "I raised my voice",
               "skip", "I need her to respect my boundary about her sister", "", "keep"]
    session, script = _go(tmp_path, answers)
    said = _ended_for_control(session, script)
    assert "Could you" not in said


def test_a_real_limit_is_still_written_and_held(tmp_path: Path) -> None:
    story = "She shouted at me in front of my friends last night."
    answers = [*_story("Jade, she", "partner", story), "limit", "Please don't shout at me",
               "I'll leave the room and come back when we're calm", "I need to feel safe",
               "I love you", "", "keep"]
    session, script = _go(tmp_path, answers)
    said = _said(script)
    assert session.state is State.DONE and not session.settings.get(CONTROLLED)
    assert "Please don't shout at me" in said
    assert "They may push back" in said
    assert "Respect Phoneline" not in said


@pytest.mark.parametrize(("who", "context", "story"), [
    # Control done to the person is not control of theirs (the abuse stop's business, if any).
    ("Sam, he", "partner", "He told me I can't see my friends anymore. I cried and went to bed."),
    ("Sam, he", "partner", "I forgot to tell him I was going out with my friends and he was hurt."),
    # A parent's rule for a child is not coercive control of a partner.
    ("my son", "family", "I told my son he isn't going to the party on Saturday and he slammed "
     "the door."),
])
def test_no_control_is_read_into_other_stories(tmp_path: Path, who: str, context: str,
                                               story: str) -> None:
    session, script = _go(tmp_path, [*_story(who, context, story), "yes", "I raised my voice"])
    assert not session.settings.get(CONTROLLED)
    assert "Respect Phoneline" not in _said(script)


# ---- P2: the repair draft ----

JUSTIFIED = DraftParts(context="partner", other="my wife Laura",
                       situation="I raised my voice at Laura last night. She went quiet.",
                       my_part="I raised my voice",
                       regret="she felt like I was controlling her, but I was just protecting "
                              "our marriage")


def test_a_justifying_answer_gets_no_claim_to_understand_them() -> None:
    draft = compose(JUSTIFIED)
    assert "I understand why you were upset" not in draft
    assert "I'd like to hear your side too." in draft
    assert any("I'd like to hear your side too." in note for note in added_notes(JUSTIFIED))


def test_an_answer_without_justification_still_gets_the_validating_line() -> None:
    plain = DraftParts(context="partner", other="my wife Laura",
                       situation="I raised my voice at Laura last night.",
                       my_part="I raised my voice", regret="that I scared you")
    assert "I understand why you were upset." in compose(plain)


def test_my_wife_laura_is_you_in_the_draft() -> None:
    draft = compose(JUSTIFIED)
    assert "you felt like I was controlling you" in draft
    assert "she felt" not in draft and "controlling her" not in draft


@pytest.mark.parametrize("text", [
    "I regret she felt like I was controlling her, but I was just protecting our marriage.",
    "I regret that you felt like I was controlling you, but I was just protecting our marriage.",
    "I'm sorry you felt hurt, but I was only trying to keep us safe.",
])
def test_the_critic_calls_regret_for_their_feeling_with_a_justification_a_non_apology(
        text: str) -> None:
    result = critique(text, mode="rules")
    assert "non_apology" in {issue.kind for issue in result.issues}
