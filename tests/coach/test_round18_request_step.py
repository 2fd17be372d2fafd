"""Round 18: the coach's request step when an earlier answer already asks for something ("I
shouted at him. I'd like him to text me when he's running late."): the step shows the request
back and offers to change it, instead of asking afresh; Enter keeps it, a new answer replaces
it, and the message says the request once. The web coach asks the same (a shared core)."""

from __future__ import annotations

from pathlib import Path

from test_round12_coach_follow import Script

from mendkit.coach import State, content
from mendkit.coach.driver import run, start
from mendkit.coach.request_step import already_asked, earlier_request
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

CALM = ["", "", "3", "skip"]  # nothing noticed, no messages, calm, no breathing
ASKED = "I'd like him to text me when he's running late."
BEFORE = ["", "yes", "Sam, he", "partner", "Sam came home late and I shouted at him.", *CALM,
          "yes", f"I shouted at him in front of the kids. {ASKED}", "skip"]


def _go(tmp_path: Path, answers: list[str]) -> tuple[Session, Script]:
    script = Script(answers)
    session = run(start("r18ask"), script, SessionStore(tmp_path), mode="rules")
    return session, script


def _draft(script: Script) -> str:
    at = script.said.index(content.PROMPTS[State.RESPONSIBILITY_DRAFT])
    return next(line for line in script.said[:at] if line.startswith("Can we talk"))


def test_the_request_step_shows_an_earlier_request_back(tmp_path: Path) -> None:
    session, script = _go(tmp_path, BEFORE)
    assert session.state is State.RESPONSIBILITY_KNOW
    asked = script.asked[-1]
    assert asked != content.PROMPTS[State.RESPONSIBILITY_KNOW]
    assert f'You\'ve already asked for this: "{ASKED}"' in asked
    assert "Want to change it?" in asked and "Enter to keep it" in asked


def test_enter_keeps_it_and_the_message_asks_once(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*BEFORE, ""])
    assert session.state is State.RESPONSIBILITY_DRAFT
    assert session.answers["responsibility_know"] == ASKED
    draft = _draft(script)
    assert draft.lower().count("text me when") == 1, draft
    assert "shouted at" in draft


def test_a_new_answer_replaces_the_earlier_request(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*BEFORE, "call me if he'll be after eight"])
    assert session.answers["responsibility_know"] == "call me if he'll be after eight"
    draft = _draft(script)
    assert "text me when" not in draft.lower() and "after eight" in draft, draft


def test_a_bare_yes_asks_what_instead(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*BEFORE, "yes"])
    assert session.state is State.RESPONSIBILITY_KNOW
    assert "responsibility_know" not in session.answers
    assert any("instead" in line for line in script.said[-3:])


def test_without_an_earlier_request_the_step_asks_as_before(tmp_path: Path) -> None:
    answers = [*BEFORE[:-2], "I shouted at him in front of the kids.", "skip"]
    session, script = _go(tmp_path, answers)
    assert session.state is State.RESPONSIBILITY_KNOW
    assert script.asked[-1] == content.PROMPTS[State.RESPONSIBILITY_KNOW]


def test_what_counts_as_asking_already() -> None:
    assert earlier_request({"responsibility_regret": "Shouting. Could you tell me before you "
                                                     "invite people over?"}) is not None
    # A promise of one's own, an ask someone else made, and a demand are no request of theirs.
    for answers in ({"responsibility_part": "I shouted. I'll text you next time."},
                    {"recognise_what": "She asked me to call before coming over."},
                    {"responsibility_part": "I need you to just calm down."}):
        assert earlier_request(answers) is None, answers
    # Kept through the risk check: never quoted back.
    assert earlier_request({"responsibility_part": ASKED}, withheld=("responsibility_part",)) \
        is None


def test_the_page_question_says_to_leave_the_box_empty() -> None:
    session = Session(id="x", state=State.RESPONSIBILITY_KNOW,
                      answers={"responsibility_part": f"I shouted. {ASKED}"})
    asked = already_asked(session, page=True)
    assert asked is not None and ASKED in asked and "Enter" not in asked
    assert "empty" in asked
