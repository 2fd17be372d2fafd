"""Round 8, the coach's core as a person meets it: drafts that never carry an insult, that talk to
their reader and read as English; relationship words matched as words; follow-up and yes/no answers
taken as people write them; a kind ending when a repair did not land; the slow pace said first."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.test_driver import Script
from mendkit.coach import State
from mendkit.coach.composer import DraftParts, compose, left_out
from mendkit.coach.driver import run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 27, 18, 0)
TO_CONTEXT = ["", "yes", "Jo"]
TO_OPENNESS = [*TO_CONTEXT, "friend", "Jo cancelled our trip", "", "", "3", "skip"]
TO_FOLLOW_UP = [*TO_OPENNESS, "yes", "I shouted", "", "Tell me earlier", "", "keep", "", "", "",
                "", "", "2"]


def _run(tmp_path: Path, answers: list[str], session: Session | None = None,
         now: datetime = NOW, attachment: str | None = None) -> tuple[Session, Script]:
    script = Script(answers)
    session = run(session or start("r8", attachment=attachment), script,
                  SessionStore(tmp_path), now=lambda: now)
    return session, script


# Bug 1: Mend's own draft never carries the person's insult or blame.

@pytest.mark.parametrize(("situation", "ask", "words"), [
    ("SHE CALLED ME NAMES", "SHUT HER STUPID MOUTH", ("stupid", "shut")),
    ("she called me names", "stop being a bitch", ("bitch",)),
    ("SHE CALLED ME A WORTHLESS PIECE OF SHIT IN FRONT OF MY FRIENDS", "be nicer",
     ("shit", "worthless")),
])
def test_the_draft_never_carries_an_insult(situation: str, ask: str,
                                           words: tuple[str, ...]) -> None:
    draft = compose(DraftParts(other="Sam", situation=situation, request=ask)).lower()
    assert draft.startswith("can we talk about what happened?")
    assert not [w for w in words if w in draft]
    assert "i understand why you were upset" not in draft


def test_the_coach_says_why_an_insulting_request_was_left_out(tmp_path: Path) -> None:
    answers = [*TO_OPENNESS, "yes", "I shouted", "", "stop being a bitch", ""]
    session, script = _run(tmp_path, answers)
    draft = str(session.answers["responsibility_draft"])
    assert "bitch" not in draft.lower()
    assert any("left out" in s and "your own words" in s for s in script.said)


def test_a_plain_request_is_still_in_the_draft() -> None:
    draft = compose(DraftParts(other="Sam", situation="the dishes",
                               request="Tell me when you need space"))
    assert "Could you tell me when you need space?" in draft


# Bug 2: the relationship is matched by whole words, with the common words for each.

@pytest.mark.parametrize(("answer", "context"), [
    ("boyfriend", "partner"), ("he is my husband", "partner"), ("my wife", "partner"),
    ("girlfriend", "partner"), ("fam", "family"), ("my mum", "family"), ("boss", "work"),
    ("colleague", "work"), ("friend", "friend"), ("Work", "work"),
])
def test_the_relationship_is_read_by_whole_words(tmp_path: Path, answer: str,
                                                 context: str) -> None:
    session, _ = _run(tmp_path, [*TO_CONTEXT, answer])
    assert session.state is State.RECOGNISE_WHAT
    assert session.answers["recognise_context"] == context


def test_a_word_that_only_contains_a_relationship_is_not_one(tmp_path: Path) -> None:
    session, script = _run(tmp_path, [*TO_CONTEXT, "Yesterday he has said bad words before his "
                                      "friends"])
    assert session.state is State.RECOGNISE_CONTEXT
    # Round 15: a story at this question is kept for "What happened?", and the question asked again.
    assert any(s.startswith("That sounds like what happened") for s in script.said)


# Bugs 4 and 5: the follow-up takes "badly"; a repair that did not land gets a kind ending.

def _at_follow_up(tmp_path: Path) -> Session:
    session, _ = _run(tmp_path, TO_FOLLOW_UP)
    assert session.state is State.AWAITING_FOLLOW_UP
    return session


@pytest.mark.parametrize(("answer", "uptake"), [
    ("badly", "no"), ("it went badly", "no"), ("not well", "no"), ("nope", "no"),
    ("partly", "partly"), ("yes", "yes"), ("it went well", "yes"),
])  # "not yet" asks for a new follow-up date instead (tests/coach/test_round10_coach_b.py)
def test_the_follow_up_takes_answers_as_people_write_them(tmp_path: Path, answer: str,
                                                          uptake: str) -> None:
    later = NOW + timedelta(days=5)
    session, _ = _run(tmp_path, [answer, "5"], _at_follow_up(tmp_path), now=later)
    assert session.state is State.DONE
    assert session.answers["follow_up_uptake"] == uptake


@pytest.mark.parametrize("answer", ["not sure", "idk", "maybe"])
def test_an_unsure_follow_up_is_asked_again_not_taken_as_no(tmp_path: Path, answer: str) -> None:
    later = NOW + timedelta(days=5)
    session, script = _run(tmp_path, [answer], _at_follow_up(tmp_path), now=later)
    assert session.state is State.FOLLOW_UP_UPTAKE
    assert "follow_up_uptake" not in session.answers
    assert any(s.startswith("Please answer yes, partly, not yet or no") for s in script.said)


def test_a_repair_that_did_not_land_gets_a_kind_ending_with_a_next_step(tmp_path: Path) -> None:
    later = NOW + timedelta(days=5)
    session, script = _run(tmp_path, ["badly", "2"], _at_follow_up(tmp_path), now=later)
    assert session.state is State.DONE
    ending = " ".join(script.said[-3:])
    assert "Thank you for doing this" not in ending
    assert "sorry" in ending.lower()
    assert "\"not now\"" in ending  # the next step: the internal path, in a new session


def test_a_repair_that_landed_keeps_the_thank_you(tmp_path: Path) -> None:
    later = NOW + timedelta(days=5)
    _, script = _run(tmp_path, ["yes", "8"], _at_follow_up(tmp_path), now=later)
    assert script.said[-1] == "Thank you for doing this. Repair is a practice: each time counts."


# Bug 5: yes/no by whole words; "not sure" at the openness question is a choice of its own.

@pytest.mark.parametrize("answer", ["not sure", "idk", "I don't know", "dunno"])
def test_an_unsure_openness_answer_goes_on_as_not_now(tmp_path: Path, answer: str) -> None:
    # Round 16: "not sure" first says the two ways on; a no to the message goes on as not now.
    session, _ = _run(tmp_path, [*TO_OPENNESS, answer, "no"])
    assert session.state is State.INTERNAL_FEELINGS


def test_maybe_at_the_openness_question_is_asked_again_with_the_way_on(tmp_path: Path) -> None:
    session, script = _run(tmp_path, [*TO_OPENNESS, "maybe"])
    assert session.state is State.OPENNESS
    assert "If you can't tell, answer not sure." in script.said


def test_the_openness_question_offers_not_sure(tmp_path: Path) -> None:
    _, script = _run(tmp_path, TO_OPENNESS)
    assert "not sure" in script.said[-1]


@pytest.mark.parametrize(("answer", "state"), [
    ("nope", State.INTERNAL_FEELINGS), ("no", State.INTERNAL_FEELINGS),
    ("not now", State.RESPONSIBILITY_PART), ("yes", State.RESPONSIBILITY_PART),
    ("yeah", State.RESPONSIBILITY_PART), ("nonsense", State.OPENNESS),
])
def test_openness_is_read_by_whole_words(tmp_path: Path, answer: str, state: State) -> None:
    session, _ = _run(tmp_path, [*TO_OPENNESS, answer])
    assert session.state is state


# Bug 6: "him" and "her" in my part are the reader: "you".

def test_him_in_my_part_becomes_you() -> None:
    draft = compose(DraftParts(other="Jay", situation="He forgot my birthday",
                               my_part="I ignored him for two days"))
    assert "I'm sorry that I ignored you for two days." in draft
    assert "him" not in draft


def test_her_in_my_regret_becomes_you() -> None:
    draft = compose(DraftParts(other="Tomasz", situation="She laughed at my cooking",
                               my_part="I answered her with bad words",
                               regret="I regret shouting at her"))
    assert "I'm sorry that I answered you with bad words." in draft
    assert "I regret shouting at you." in draft


# Bug 7: drafts read as English.

@pytest.mark.parametrize(("ask", "line"), [
    ("I want that he don't compare me with his mother",
     "Could you not compare me with your mother?"),
    ("Don't shout at me", "Could you not shout at me?"),
    ("I want that he stops shouting", "Could you stop shouting?"),
])
def test_a_request_is_fitted_into_could_you(ask: str, line: str) -> None:
    draft = compose(DraftParts(other="Tomasz", situation="He laughed at my cooking",
                               request=ask))
    assert line in draft
    assert "Could you I" not in draft


@pytest.mark.parametrize(("situation", "start"), [
    ("fight", "Can we talk about the fight?"), ("argument", "Can we talk about the argument?"),
    ("big fight", "Can we talk about the big fight?"),
    ("Christmas dinner", "Can we talk about Christmas dinner?"),
])
def test_a_bare_noun_topic_gets_the(situation: str, start: str) -> None:
    assert compose(DraftParts(other="mum", situation=situation)).startswith(start)


# Bug 12: the slow pace is said at the start.

def test_disorganised_go_slowly_is_said_after_the_safety_check(tmp_path: Path) -> None:
    _, script = _run(tmp_path, ["", "yes"], attachment="disorganised")
    said = script.said
    slow = next(i for i, s in enumerate(said) if s.startswith("We'll go slowly"))
    assert said[slow - 1].startswith("First: are you safe")
    assert said[slow + 1].startswith("Who is this about?")


def test_disorganised_go_slowly_is_said_once(tmp_path: Path) -> None:
    answers = [*TO_OPENNESS, "skip", "yes", "I shouted"]  # grounding first, then breathing
    session, script = _run(tmp_path, answers, attachment="disorganised")
    assert session.state is State.RESPONSIBILITY_REGRET
    assert sum(s.startswith("We'll go slowly") for s in script.said) == 1


@pytest.mark.parametrize("answer", ["not sure", "I don't know", "idk", "maybe"])
def test_not_sure_whether_you_are_safe_is_taken_as_not_safe(tmp_path: Path, answer: str) -> None:
    session = _run(tmp_path, ["", answer])[0]
    assert session.state is State.STOPPED_UNSAFE


def test_the_draft_leaves_out_any_hurtful_answer_but_keeps_owning_one() -> None:
    parts = DraftParts(situation="she forgot my birthday", my_part="called her a cow",
                       request="stop being a dumb cow",
                       commitment="stop listening to your bullshit")
    draft = compose(parts)
    assert "dumb cow" not in draft and "bullshit" not in draft
    assert "I'm sorry that I called you a cow." in draft  # owning it is the repair
    assert left_out(parts) == ("what you asked of them", "what you will do differently")


@pytest.mark.parametrize("answer", ["not too bad", "pretty good, not perfect", "not entirely"])
def test_a_mixed_follow_up_answer_is_partly_not_no(answer: str) -> None:
    from mendkit.coach.driver import _UPTAKE

    low = answer.lower()
    assert next(option for option, said in _UPTAKE if said.search(low)) == "partly"


@pytest.mark.parametrize(("reply", "meaning"), [
    ("yes please", True), ("nope", False), ("not sure", False), ("maybe", False),
    ("I'm not Ben", False), ("yse", None), ("", None),
])
def test_two_person_questions_read_yes_and_no_by_whole_words(reply: str,
                                                             meaning: bool | None) -> None:
    from mendkit.coach.pair import yes_or_no

    assert yes_or_no(reply) is meaning


@pytest.mark.parametrize(("reply", "context"), [
    ("my ex", "ex"), ("my ex-husband", "ex"),  # round 15: an ex is no partner ("a work friend", "friend"),
    ("family friend", "friend"), ("my boyfriend", "partner"), ("my sister and my boss", None),
])
def test_the_relationship_reads_an_ex_and_a_work_friend(reply: str, context: str | None) -> None:
    from mendkit.coach.driver import _relationship

    assert _relationship(reply) == context
