"""Round 12, second pass on what the coach's draft may say (tester t4's re-run).

A violent wish, past or present ("i wanted to punch him", "I could have strangled her", "gonna
knock his teeth out") never reaches the message, not even after a "no" at the risk check; a vow
to shut them out or an ultimatum ("I will never speak to him again") is no commitment to send;
an insult I own is owned without repeating it ("I regret calling you names"), in lower case as in
capitals; an insult in the request is left out with a note; "we argued about the weekend" keeps
what it was about; a lead-in ("ok fine.") is no part of the apology; the stop after unclear
answers to the risk check thanks no one for honesty; "3 drinks in and im at a 7" is a 7."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.coach import State
from mendkit.coach.composer import (
    DraftParts,
    commitment_sentence,
    compose,
    later_sentences,
    left_out,
    left_out_notes,
    withheld_note,
)
from mendkit.coach.content import PROMPTS
from mendkit.coach.driver import NoMoreAnswers, offered_draft, run, start
from mendkit.coach.replies import arousal
from mendkit.coach.screening import hurtful, plain_feeling, threatens
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 21, 0)
CHECK = PROMPTS[State.CONFIRM_RISK]


def _walk(tmp_path: Path, answers: list[str], *, mode: str = "rules"
          ) -> tuple[Session, list[str]]:
    script = Script(answers, no_to=CHECK)
    session = run(start("r12s2"), script, SessionStore(tmp_path), now=lambda: NOW,
                  mode=mode)  # type: ignore[arg-type]
    return session, script.said


def _session(*, who: str = "Dan", what: str = "we argued about money", part: str = "i snapped",
             regret: str = "", request: str = "call if you're running late",
             commitment: str = "") -> list[str]:
    """A whole session as the tester scripted it: the draft kept, the later steps skipped
    except what I will do differently."""
    return ["", "yes", who, "partner", what, "", "", "5", "skip", "yes", part, regret, request,
            "", "keep", "", "", "", "", commitment, "3"]


# ---- 1. A violent wish, in any answer, past or present ---------------------------------------

WISHES = [
    "i wanted to punch him",
    "I felt like hitting him",
    "I could have strangled her",
    "I'll beat the crap out of him",
    "gonna knock his teeth out",
    "I was so close to slapping her",
    "i could've smacked him",
    "I was gonna punch him",
    "i'll wring her neck",
    "I wanted to kill him lol",
    "i really wanted to kick his ass",
]
VIOLENCE = re.compile(r"\b(?:punch\w*|hit\w*|strangl\w*|beat|crap|knock|teeth|slap\w*|smack\w*"
                      r"|wring|neck|kill|kick|ass)\b", re.I)


@pytest.mark.parametrize("wish", WISHES)
def test_a_violent_wish_is_a_threat(wish: str) -> None:
    assert threatens(wish)


@pytest.mark.parametrize("wish", WISHES)
@pytest.mark.parametrize("part", ["situation", "my_part", "regret", "feeling", "need", "request",
                                  "commitment"])
def test_a_violent_wish_never_reaches_the_draft(part: str, wish: str) -> None:
    base = {"situation": "we argued about money at dinner", "my_part": "I snapped at him"}
    parts = DraftParts(other="Dan", **{**base, part: wish})
    draft = compose(parts).replace("I'm sorry that I snapped at you", "")
    assert not VIOLENCE.search(draft), draft
    assert not VIOLENCE.search(later_sentences(parts))
    assert left_out(parts) or withheld_note(parts), "left out without a word"


@pytest.mark.parametrize("said", [
    "I never wanted to hurt him", "I didn't want to hurt him", "I felt like leaving",
    "I wanted to scream", "I felt like crying", "I almost forgot his birthday",
    "I wanted to hit the gym", "I was gonna call him"])
def test_what_only_sounds_violent_is_no_threat(said: str) -> None:
    assert not threatens(said)


def test_a_violent_wish_kept_through_the_risk_check_is_left_out_with_a_note() -> None:
    # The tester's D9: the model checked the account, the person said no.
    session = Session(id="d9", state=State.RESPONSIBILITY_DRAFT,
                      answers={"recognise_who": "Dan", "recognise_context": "partner",
                               "recognise_what": "he lied AGAIN, i wanted to punch him",
                               "responsibility_part": "i snapped"},
                      withheld=("recognise_what",))
    draft = offered_draft(session)
    assert "punch" not in draft.lower() and "I'm sorry that I snapped." in draft
    parts = DraftParts.from_answers(session.answers, withheld=session.withheld)
    assert withheld_note(parts).startswith("I left out what you told me about what happened")


def test_a_violent_wish_in_the_account_never_reaches_the_message(tmp_path: Path) -> None:
    # The tester's D9 as a whole session, with the shipped model: if it asks the risk check,
    # the answer is no; either way the wish is left out and the coach says so.
    session, said = _walk(tmp_path, _session(what="he lied AGAIN, i wanted to punch him"),
                          mode="full")
    assert session.state is State.AWAITING_FOLLOW_UP
    for key in ("responsibility_draft", "rebuild_message"):
        assert "punch" not in str(session.answers[key]).lower()
    assert any(line.startswith("I left out") and "what happened" in line for line in said)


# ---- 2. A vow to shut them out, or an ultimatum, as what I will do ---------------------------

VOWS = [
    "I will never speak to him again",
    "never speak to him again",
    "I'm done talking to her",
    "next time I'll just leave and not come back",
    "I'll give him the silent treatment",
    "if he does that again I'm leaving him",
    "I'm not talking to him anymore",
    "block his number",
]


@pytest.mark.parametrize("vow", VOWS)
def test_a_vow_to_shut_them_out_is_no_commitment(vow: str) -> None:
    parts = DraftParts(other="Dan", situation="we argued about money", my_part="i snapped",
                       commitment=vow)
    assert commitment_sentence(parts) == ""
    assert "Next time" not in compose(parts) and "Next time" not in later_sentences(parts)
    note = withheld_note(parts)
    assert note.startswith("I left out what you will do differently, because"), note
    assert "hurt" not in note.split(".")[0]  # says why in its own words, not "could hurt"


@pytest.mark.parametrize("commitment", [
    "walk away and cool off before replying",
    "take a break and come back in 20 minutes",
    "leave the room for a bit and come back when I'm calm",
    "I'll never speak to him like that again",
    "stop talking over him",
    "I won't ignore his texts again",
])
def test_a_commitment_to_pause_or_to_speak_better_is_kept(commitment: str) -> None:
    assert commitment_sentence(DraftParts(other="Dan", commitment=commitment)).startswith(
        ("Next time, I will", "Next time, I won't"))  # never "I will won't" (round 19)


def test_the_coach_says_why_it_left_out_the_vow(tmp_path: Path) -> None:
    session, said = _walk(tmp_path, _session(commitment="never speak to him again"))
    message = str(session.answers["rebuild_message"])
    assert "never speak" not in message and "Next time" not in message
    assert "Your message now also says what you will do next time:" not in said
    assert any(line.startswith("I left out what you will do differently") for line in said)


# ---- 4. An insult I own, in lower case -------------------------------------------------------

@pytest.mark.parametrize(("part", "text", "owned"), [
    ("regret", "calling her a psycho", "I regret calling you names."),
    ("regret", "I regret calling her a psycho", "I regret calling you names."),
    ("my_part", "I told her she's pathetic", "I'm sorry that I said hurtful things to you."),
    ("regret", "telling her she's pathetic", "I regret saying hurtful things to you."),
    ("my_part", "i told her shes a pathetic drunk like her dad",
     "I'm sorry that I said hurtful things to you."),
    ("my_part", "I called her a loser in front of her friends",
     "I'm sorry that I called you names in front of your friends."),
])
def test_an_owned_insult_is_owned_without_repeating_it(part: str, text: str, owned: str) -> None:
    base = {"my_part": "I raised my voice"} if part == "regret" else {}
    parts = DraftParts(other="Jess (she/her)", situation="we argued about money",
                       **{**base, part: text})
    draft = compose(parts)
    assert owned in draft, draft
    assert not re.search(r"psycho|pathetic|drunk|loser", draft, re.I), draft
    assert left_out(parts) == ()  # owned in full, nothing to say was left out


@pytest.mark.parametrize(("part", "owned"), [
    ("idk i guess i was a bitch to her", "I'm sorry that I was unkind to you."),
    ("being a dick about the money", "I'm sorry that I was unkind about the money."),
])
def test_owning_that_i_was_unkind_is_said_without_the_swearing(part: str, owned: str) -> None:
    # The tester's D22: the ownership is kept, in plain words.
    parts = DraftParts(other="Jess (she/her)", situation="we argued about money", my_part=part)
    draft = compose(parts)
    assert owned in draft, draft
    assert left_out(parts) == ()


@pytest.mark.parametrize(("part", "owned"), [
    ("i was a jerk to him", "I'm sorry that I was a jerk to you."),
    ("I shouldn't have called him lazy", "I'm sorry that I called you lazy."),
    ("I called him stupid", "I'm sorry that I called you stupid."),
    ("i told him he was a coward", "I'm sorry that I told you that you were a coward."),
])
def test_a_plainer_word_owned_is_still_named(part: str, owned: str) -> None:
    # Saying what I said is owning it; only scorn ("pathetic", "psycho") is never repeated.
    draft = compose(DraftParts(other="Sam (he/him)", situation="He said I always nag",
                               my_part=part))
    assert owned in draft, draft


# ---- 5. An insult in the request ----------------------------------------------------------

@pytest.mark.parametrize("request_", [
    "stop being a lazy slob", "stop being such a crybaby", "don't be such a moron",
    "quit acting like a spoilt brat", "stop being a useless cow", "you're a pig, clean up"])
def test_an_insult_in_the_request_is_left_out_with_a_note(request_: str) -> None:
    parts = DraftParts(other="Dan", situation="we argued about chores", my_part="i snapped",
                       request=request_)
    assert "Could you" not in compose(parts)
    assert left_out(parts) == ("what you asked of them",)
    assert left_out_notes(parts)[0].startswith("I left out what you asked of them, because")


@pytest.mark.parametrize("request_", [
    "help more with the baby", "stop freaking out at me", "call if you're running late",
    "pick up the kids on fridays", "split the chores with me"])
def test_an_ordinary_request_is_kept(request_: str) -> None:
    assert not hurtful(request_)
    parts = DraftParts(other="Dan", situation="we argued about chores", request=request_)
    assert left_out(parts) == ()


@pytest.mark.parametrize("feeling", ["useless", "I feel useless", "like a failure"])
def test_a_feeling_about_myself_is_no_insult(feeling: str) -> None:
    assert plain_feeling(feeling) == feeling


# ---- 6. What it was about ------------------------------------------------------------------

@pytest.mark.parametrize(("situation", "start"), [
    ("we argued about the weekend", "Can we talk about the weekend? We argued about it."),
    ("we fought about saturday", "Can we talk about Saturday? We fought about it."),
    ("we talked about yesterday", "Can we talk about yesterday? We talked about it."),
    ("we argued last night", "Can we talk about last night? We argued."),
])
def test_the_topic_keeps_what_it_was_about(situation: str, start: str) -> None:
    draft = compose(DraftParts(other="Dan", situation=situation, my_part="i snapped"))
    assert draft.startswith(start), draft


def test_a_time_after_before_or_until_stays_in_the_account() -> None:
    draft = compose(DraftParts(other="Dan", situation="he left before the weekend"))
    assert "You left before the weekend." in draft and not re.search(r"\bbefore\.", draft)


# ---- 7. Lead-ins before my part ------------------------------------------------------------

@pytest.mark.parametrize("part", [
    "ok fine. i ignored his texts", "fine. i ignored his texts", "ugh. i ignored his texts",
    "whatever. i ignored his texts", "ok so i ignored his texts", "ok fine, i ignored his texts",
    "fine i ignored his texts"])
def test_a_lead_in_is_no_part_of_the_apology(part: str) -> None:
    draft = compose(DraftParts(other="Dan", situation="he cancelled our weekend", my_part=part))
    assert "I'm sorry that I ignored your texts." in draft, draft


def test_a_lead_in_before_the_commitment_is_left_out() -> None:
    assert commitment_sentence(DraftParts(commitment="ok fine. i'll call when i'm late")) == (
        "Next time, I will call when I'm late.")


def test_a_lead_in_after_a_change_of_mind_is_left_out(tmp_path: Path) -> None:
    # The tester's s14b: the person changes their mind, gets the kind reply, then answers.
    answers = ["", "yes", "Dan", "partner", "he cancelled our weekend", "", "", "5", "skip",
               "yes", "actually no forget it, i don't even want to fix this",
               "ok fine. i ignored his texts", "", "", ""]
    session, _ = _walk(tmp_path, answers)
    draft = str(session.answers.get("responsibility_draft") or offered_draft(session))
    assert "I'm sorry that I ignored your texts." in draft, draft
    assert "fine" not in draft


# ---- 9. Small remaining defects ------------------------------------------------------------

def test_wanting_to_insult_her_is_left_out_with_a_note() -> None:
    # The tester's D4: no apology is built from it, and the coach says it left it out.
    parts = DraftParts(other="Jess (she/her)", situation="we argued about money",
                       my_part="I want to tell her she's a useless cow",
                       request="call if you're running late")
    draft = compose(parts)
    assert "cow" not in draft and "I'm sorry" not in draft
    assert left_out(parts) == ("what you did",)
    assert left_out_notes(parts)[0].startswith("I left out what you did, because")


class UnclearScript(Script):
    """Answers the risk check with answers that say neither yes nor no."""

    def __init__(self, answers: list[str], at_check: list[str]) -> None:
        super().__init__(answers)
        self.at_check = list(at_check)

    def ask(self, prompt: str) -> str:
        if prompt != CHECK:
            return super().ask(prompt)
        self.said.append(prompt)
        if not self.at_check:
            raise NoMoreAnswers
        return self.at_check.pop(0)


def test_the_stop_after_unclear_answers_thanks_no_one_for_honesty(tmp_path: Path) -> None:
    # The tester's s04: two answers to the risk check that say neither yes nor no ("8", "30").
    script = UnclearScript(["", "yes", "Dan", "partner",
                            "he read my texts again. I swear I'll smash his phone"], ["8", "30"])
    session = run(start("s04"), script, SessionStore(tmp_path), now=lambda: NOW)
    if CHECK in script.said:  # the model asked: after two unclear answers, where help is, and
        # (since round fourteen) the question again, until a clear answer; never coached on
        assert session.state is State.CONFIRM_RISK
    assert not any("honest" in line.lower() for line in script.said)


@pytest.mark.parametrize(("reply", "level"), [
    ("3 drinks in and im at a 7", 7),
    ("2 beers and a 6", 6),
    ("7 2 beers in", 7),  # a page puts its slider's level first
    ("8 i punched the wall", 8),
    ("5 it's been 2 hours", 5),
])
def test_a_count_before_the_rating_is_no_rating(reply: str, level: int) -> None:
    assert arousal(reply) == level
