"""Round 14, the coach re-checked: a plea for reassurance given as the request ("please promise
you won't leave") is left out like the same plea as a need, and the note says so; an answer
kept through the risk check loses only its sentence that fails a screen, and the critic does
not ask for a part the coach itself left out; sensory overload in everyday words, on the
flooded path too; "maybe" left at the front of an answer; "the truth, all of it"; "behind my
husband's back"; the request step for the person who broke trust; a clock time that may be
morning or evening says which it was taken as."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from test_round12_draft_screen import _walk

from mendkit.coach import content
from mendkit.coach.break_time import break_end
from mendkit.coach.composer import DraftParts, compose, withheld_note
from mendkit.coach.driver import not_asked, review
from mendkit.coach.machine import State
from mendkit.coach.replies import overloaded
from mendkit.coach.session import Session
from mendkit.critic import MISSING_NOTE
from mendkit.web.coach import question
from test_round10_coach_joined import Walk, plain

NOW = datetime(2026, 12, 7, 18, 0)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    app.state.coach_clock = lambda: NOW
    return TestClient(app)

DEBT = "I hid twenty thousand in credit card debt from Aaron for two years. He found the statements."


def _to_draft(what: str, part: str, regret: str, request: str, *, who: str = "Aaron (he/him)"
              ) -> list[str]:
    # Welcome, safe, who, context, what happened, noticed, messages, calm, no breathing, open.
    return ["", "yes", who, "partner", what, "", "", "3", "skip", "yes", part, regret, request]


# ---- 1: a plea for reassurance as the request is left out, and the note says so -------------

@pytest.mark.parametrize("plea", ["please promise you won't leave", "promise me you'll stay",
                                  "please don't leave me", "say you still love me"])
def test_a_plea_for_reassurance_as_the_request_is_left_out_with_the_note(
        tmp_path: Path, plea: str) -> None:
    session, said = _walk(tmp_path, [*_to_draft(DEBT, "I hid the debt and lied about it.",
                                                "every lie", plea), "", "keep"])
    draft = str(session.answers["responsibility_draft"])
    assert "leave" not in draft and "love me" not in draft and "stay" not in draft
    # The note says the request is left out ("please don't leave me" pleads: its own note).
    assert any(line.startswith("I left out what you asked of them, because ")
               for line in said)


def test_an_ordinary_request_with_leave_or_promise_is_kept() -> None:
    for request in ("don't leave me hanging when you're late", "promise to call when you're late"):
        draft = compose(DraftParts(other="Aaron", situation="we argued", my_part="I yelled",
                                   request=request))
        assert "Could you" in draft, request


# ---- 2: an answer kept through the risk check loses only the sentence that fails ------------

CHECKED = {"recognise_who": "Sean (he/him)",
           "recognise_what": "Sean told me I'm lazy. I told him to go to hell and left.",
           "responsibility_part": "I told him to go to hell and walked out mid-sentence.",
           "responsibility_regret": "walking out mid-sentence"}


def test_a_checked_account_keeps_its_sentences_that_pass_and_owns_the_insult() -> None:
    parts = DraftParts.from_answers(CHECKED, withheld=("recognise_what", "responsibility_part"))
    draft = compose(parts)
    assert "told me I'm lazy" in draft
    assert "I'm sorry that I told you to go to hell and walked out mid-sentence" in draft
    assert "I told him to go to hell and left" not in draft
    note = withheld_note(parts)
    assert note.startswith("I left out a sentence of what you told me about what happened")
    assert "what you did" not in note


def test_a_checked_threat_still_leaves_the_whole_part_out() -> None:
    parts = DraftParts.from_answers(
        {**CHECKED, "responsibility_part": "I said I'd smash his phone."},
        withheld=("responsibility_part",))
    assert "smash" not in compose(parts)
    assert withheld_note(parts).startswith("I left out what you told me about what you did")


def _reviewed(answers: dict[str, str], withheld: tuple[str, ...] = ()) -> Session:
    session = Session(id="r14", state=State.RESPONSIBILITY_REVIEW, answers=answers,
                      withheld=withheld)
    draft = compose(DraftParts.from_answers(answers, withheld=withheld))
    return replace(session, answers={**answers, "responsibility_draft": draft})


def _asked(session: Session) -> str:
    result = review(str(session.answers["responsibility_draft"]), session)
    return " ".join(n for n in result.notes if n.startswith(MISSING_NOTE))


def test_the_critic_does_not_ask_for_ownership_the_coach_left_out() -> None:
    answers = {**CHECKED, "responsibility_part": "I said I'd smash his phone.",
               "responsibility_regret": ""}
    session = _reviewed(answers, withheld=("responsibility_part",))
    assert "ownership" in not_asked(session)
    assert "ownership" not in _asked(session)
    # The person's own draft, with no ownership in it, is still asked for it.
    own = replace(session, answers={**session.answers,
                                    "responsibility_draft": "Can we talk about last night?"})
    assert "ownership" not in not_asked(own)


def test_the_critic_does_not_ask_for_a_request_they_said_they_dont_know() -> None:
    session = _reviewed({"recognise_who": "Sam", "recognise_what": "We argued about the dishes.",
                         "responsibility_part": "I yelled at Sam.",
                         "responsibility_know": "I don't know"})
    assert "request" not in _asked(session)


# ---- 3: sensory overload in everyday words, and on the flooded path ---------------------------

@pytest.mark.parametrize("said", [
    "The bar was so loud and the lights were hurting my eyes, I just wanted to get out of there",
    "it's too bright in here", "too many people talking", "everything is too much",
    "I can't handle the noise", "spaced out, far away, and the noise in here is unbearable",
    "I covered my ears and left", "can't stand the noise"])
def test_overload_in_everyday_words(said: str) -> None:
    assert overloaded(said)


@pytest.mark.parametrize("said", ["the music was too loud to hear him",
                                  "he said I was too loud for the library",
                                  "I covered for him at work", "he can't stand my music",
                                  "he was so loud when he shouted", "it hurt my feelings"])
def test_near_misses_are_not_overload(said: str) -> None:
    assert not overloaded(said)


def test_the_flooded_path_offers_less_input_before_the_break(tmp_path: Path) -> None:
    answers = ["", "yes", "Kai", "partner", "Kai put music on loud. I left.", "", "",
               "9, everything is too loud and too bright, I can't think", "45 minutes"]
    _, said = _walk(tmp_path, answers)
    assert content.BREAK_OVERLOAD in said
    calm = ["", "yes", "Kai", "partner", "Kai said I'm cold. I left.", "", "", "9",
            "45 minutes"]
    _, said = _walk(tmp_path / "calm", calm)
    assert content.BREAK_OVERLOAD not in said


# ---- 4: hedges, "all of it", "behind my husband's back" -----------------------------------

def test_a_hedge_after_i_dont_know_is_not_pasted_into_the_draft() -> None:
    draft = compose(DraftParts(
        other="Tomás (he/him)", situation="we argued about the bill", my_part="I shouted at him",
        regret="I don't really know, maybe that I shouted in front of his mum",
        request="I'm not sure, maybe remind me by text instead of in front of people"))
    assert "maybe" not in draft.lower()
    assert "I regret that I shouted in front of your mum." in draft
    assert "Could you remind me by text" in draft


def test_the_truth_all_of_it_is_a_need_kept_whole(tmp_path: Path) -> None:
    parts = DraftParts(other="Rafi", situation="Rafi hid a dating app for a year",
                       my_part="I threw his phone at the wall", feeling="humiliated",
                       need="the truth, all of it")
    assert "I need the truth, all of it." in compose(parts)
    assert withheld_note(parts) == ""


def test_behind_my_husbands_back_is_your_back() -> None:
    draft = compose(DraftParts(other="Hal (he/him)", situation=(
        "I kept texting her for a year behind my husband's back and he found the messages"),
        my_part="I lied to him for a year"))
    assert "behind your back" in draft and "you're back" not in draft


# ---- 5: the request step for the person who broke trust ------------------------------------

LIES = ("For months I hid my gambling losses from Jo and lied about the money. "
        "She found the bank statements.")


def test_after_owning_a_betrayal_the_request_is_optional_and_not_demanded(
        tmp_path: Path) -> None:
    _, said = _walk(tmp_path, [*_to_draft(LIES, "I lied to her for months.",
                                                "lying for so long", "", who="Jo (she/her)"),
                                     "", "keep"])
    assert content.REQUEST_AFTER_BETRAYAL in said
    assert content.PROMPTS[State.RESPONSIBILITY_KNOW] not in said
    assert not any(line.startswith(MISSING_NOTE) and "request" in line for line in said)


def test_the_hurt_partner_is_still_asked_what_they_would_like(tmp_path: Path) -> None:
    _, said = _walk(tmp_path, [*_to_draft("Jo lied to me for months about the money.",
                                          "I screamed at her.", "screaming", "",
                                          who="Jo (she/her)")])
    assert content.PROMPTS[State.RESPONSIBILITY_KNOW] in said


def test_the_page_asks_the_optional_request_too() -> None:
    session = Session(id="r14", state=State.RESPONSIBILITY_KNOW, answers={
        "recognise_what": LIES, "responsibility_part": "I lied to her for months."})
    assert question(State.RESPONSIBILITY_KNOW, session).startswith(
        "Is there anything small you would like to ask of them?")


# ---- 6: a time that may be morning or evening says which it was taken as ---------------------

@pytest.mark.parametrize(("said", "hour", "taken"), [
    ("9:30", 9, 'I took "9:30" as 21:30.'), ("9:30", 22, 'I took "9:30" as 09:30 tomorrow.'),
    ("until 9", 18, 'I took "9" as 21:00.')])
def test_a_clock_time_without_am_or_pm_says_which_it_was_taken_as(
        said: str, hour: int, taken: str) -> None:
    now = datetime(2026, 12, 7, hour, 49).astimezone()
    assert break_end(said, now).read_as == taken  # type: ignore[union-attr]


def test_a_plain_time_says_nothing_more() -> None:
    now = datetime(2026, 12, 7, 9, 49).astimezone()
    for said in ("8pm", "at 21:30", "45 minutes"):
        assert break_end(said, now).read_as == ""  # type: ignore[union-attr]


# ---- the web pages alike ----------------------------------------------------------------------

def test_the_break_page_offers_less_input_when_overloaded(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    page = walk.walk([{"answer": "yes"}, {"answer": "Kai"}, {"answer": "partner"},
                      {"answer": "Kai put music on. I left."},
                      {"answer": "I can't handle the noise, too many people talking"},
                      {"skip": "1"}, {"level": "9"}])
    assert walk.session.state is State.REGULATE_BREAK
    text = plain(page)
    assert content.BREAK_OVERLOAD in text
    assert "a walk, music" not in text


def test_the_review_page_does_not_ask_a_betrayer_for_a_request(client: TestClient,
                                                               home: Path) -> None:
    walk = Walk(client, home)
    page = walk.walk([{"answer": "yes"}, {"answer": "Jo (she/her)"}, {"answer": "partner"},
                      {"answer": LIES}, {"skip": "1"}, {"skip": "1"}, {"level": "3"},
                      {"skip": "1"}, {"answer": "yes"}, {"answer": "I lied to her for months."},
                      {"answer": "lying for so long"}])
    assert "Is there anything small you would like to ask of them?" in plain(page)
    walk.answer({"skip": "1"})
    page = walk.answer({"answer": ""}) if walk.session.state is State.RESPONSIBILITY_DRAFT \
        else walk.html
    assert walk.session.state is State.RESPONSIBILITY_REVIEW
    assert "Not there yet: request" not in plain(page)
    assert "Not there yet" not in plain(page) or "request" not in plain(page).split(
        "Not there yet")[1][:60]
