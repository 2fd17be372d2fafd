"""Round 12, what goes into the coach's draft when a person writes in the heat of the moment.

A threat or violence in any answer never reaches the message ("next time I'll throw his phone
out the window", "I could kill him lol"); swearing and contempt in the later steps (the feeling,
the need, what I will do) are left out or softened, and the coach says so where it happens;
venting given as a regret or as "my part" is no ownership to apologise for; an owned insult is
owned in plain words without the slur or the shouting; and after a "no" at the risk check, only
what fails a screen is withheld: an ordinary answer stays in the apology."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.cli.main import main
from mendkit.coach import State
from mendkit.coach.composer import (
    DraftParts,
    commitment_sentence,
    compose,
    later_sentences,
    left_out,
    withheld_note,
)
from mendkit.coach.content import RISK_NO
from mendkit.coach.driver import offered_draft, run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 27, 18, 0)
# To the draft step: welcome, safe, who, context, what happened, noticed, messages, calm 5,
# breathing skipped, open to repair.
TO_PART = ["", "yes", "Dan", "partner"]
CALM = ["", "", "5", "skip", "yes"]
SWEARING = re.compile(r"\b(?:fuck\w*|shit\w*|dick|piss\w*|pathetic|disgust\w*)\b", re.I)


def _walk(tmp_path: Path, answers: list[str]) -> tuple[Session, list[str]]:
    script = Script(answers)
    session = run(start("r12"), script, SessionStore(tmp_path), now=lambda: NOW, mode="rules")
    return session, script.said


# ---- 1. Threats and violence, in any answer ------------------------------------------------

THREATS = [
    "next time I'll throw his phone out the window",
    "next time I'll hit him back",
    "I could kill him lol",
    "I'll make him pay",
    "I swear I'll smash his phone",
    "i'm gonna punch him when he gets home",
    "i want to slap her",
    "I'm gonna key his car",
    "I'm going to burn his clothes",
    "i'll make her sorry she was born",
    "he'll regret it when I'm done with him",
]
# Words of each threat that must never be in the draft.
THREAT_WORDS = re.compile(r"\b(?:throw|window|hit|kill|pay|smash|punch|slap|key|burn|sorry she"
                          r"|born|regret it|done with)\b", re.I)


@pytest.mark.parametrize("threat", THREATS)
@pytest.mark.parametrize("part", ["situation", "my_part", "regret", "feeling", "need", "request",
                                  "commitment"])
def test_a_threat_never_reaches_the_draft(part: str, threat: str) -> None:
    base = {"situation": "we argued about the phone at dinner", "my_part": "I snapped at him"}
    parts = DraftParts(other="Dan", **{**base, part: threat})
    draft = compose(parts)
    said = draft.replace("I'm sorry that I snapped", "")
    assert not THREAT_WORDS.search(said), draft
    assert not THREAT_WORDS.search(later_sentences(parts))
    assert left_out(parts) or withheld_note(parts), "left out without a word"


@pytest.mark.parametrize("threat", [THREATS[0], "next time I'll smash his phone"])
def test_a_threat_as_the_commitment_is_left_out_and_the_coach_says_so(
        tmp_path: Path, threat: str) -> None:
    # Threats to things, not people: a threat to hit someone is a crisis rule's (the coach stops
    # at once with words on stepping away; test_round12_heat_driver).
    answers = [*TO_PART, "he was on his phone all through dinner", *CALM, "i snapped", "",
               "put the phone away at dinner", "", "accept", "", "", "", "", threat, "3"]
    session, said = _walk(tmp_path, answers)
    assert session.state is State.AWAITING_FOLLOW_UP
    message = str(session.answers["rebuild_message"])
    assert "I'm sorry that I snapped" in message
    assert not THREAT_WORDS.search(message.replace("I'm sorry that I snapped", ""))
    assert not any(THREAT_WORDS.search(line) and line.startswith(("Can we", "Next time"))
                   for line in said)
    told = [line for line in said if line.startswith("I left out what you will do differently")]
    assert len(told) == 1, said
    assert commitment_sentence(DraftParts(commitment=threat)) == ""


def test_a_joke_about_killing_him_is_never_quoted_back_as_a_threat_to_them() -> None:
    parts = DraftParts(other="Dan", situation="he forgot our anniversary AGAIN, I could kill him "
                       "lol", my_part="i ignored his calls")
    draft = compose(parts)
    assert "kill" not in draft.lower() and draft.startswith("Can we talk about what happened?")
    assert left_out(parts) == ("what happened",)


def test_who_he_is_still_follows_an_account_that_is_left_out() -> None:
    draft = compose(DraftParts(other="Dan", situation="he forgot our anniversary AGAIN, I could "
                               "kill him lol", my_part="i ignored his calls"))
    assert "I'm sorry that I ignored your calls." in draft


def test_a_threat_beside_my_part_is_left_out_and_the_rest_owned() -> None:
    parts = DraftParts(other="Dan", situation="He said I always nag",
                       my_part="I snapped at him, next time I'll hit him")
    draft = compose(parts)
    assert "I'm sorry that I snapped at you." in draft and "hit" not in draft
    assert left_out(parts) == ("some of what you did",)


@pytest.mark.parametrize("request_", ["apologise for once", "grow a spine for once", "man up"])
def test_a_dig_as_the_request_is_left_out(request_: str) -> None:
    parts = DraftParts(other="Dan", situation="we fought about money", request=request_)
    assert "Could you" not in compose(parts)
    assert left_out(parts) == ("what you asked of them",)


@pytest.mark.parametrize("owned", [
    "I hurt him when I said he was lazy",  # hurt feelings: owned, not violence
    "I banged on his door and shouted",
    "I slammed the door",
    "I broke his favourite mug by accident",
    "I pushed him to take the job",
])
def test_ordinary_ownership_with_a_strong_verb_is_kept(owned: str) -> None:
    parts = DraftParts(other="Dan", situation="He said I always nag", my_part=owned)
    assert "I'm sorry that I" in compose(parts)
    assert left_out(parts) == ()


@pytest.mark.parametrize("commitment", ["try not to hit the roof", "I'll never hurt you again",
                                        "I won't throw your things around",
                                        "walk away before I say something I regret"])
def test_a_commitment_that_only_sounds_strong_is_kept(commitment: str) -> None:
    # "I won't ..." keeps its own verb (round 19: never "I will won't").
    assert commitment_sentence(DraftParts(commitment=commitment)).startswith(
        ("Next time, I will", "Next time, I won't"))


# ---- 2. Swearing and contempt in the feeling, the need and the commitment -----------------

def test_swearing_in_the_feeling_is_softened_and_the_rest_left_out_with_a_note(
        tmp_path: Path) -> None:
    answers = [*TO_PART, "we argued about the holiday", *CALM, "i said hurtful things", "",
               "listen to me", "", "accept", "pissed off", "fucking furious and disrespected",
               "him to stop being a dick", "", "stop putting up with his shit", "3"]
    session, said = _walk(tmp_path, answers)
    message = str(session.answers["rebuild_message"])
    assert not SWEARING.search(message), message
    assert "furious" in message  # the feeling is kept, without the swearing
    asked_need = said.index(next(s for s in said if s.startswith("What do you need")))
    at_message = said.index(next(s for s in said if s.startswith("Here is your message")))
    notes = [s for s in said[asked_need:at_message] if s.startswith("I left out")]
    assert len(notes) == 1 and "what you feel" in notes[0] and "what you need" in notes[0]
    later = [s for s in said[at_message:] if s.startswith("I left out")]
    assert len(later) == 1 and "what you will do differently" in later[0]


@pytest.mark.parametrize("feeling", ["disgusted with you", "disgusted with him", "disgusted",
                                     "I feel contempt for him"])
def test_disgust_with_them_is_contempt_and_is_left_out(feeling: str) -> None:
    parts = DraftParts(other="Dan", situation="he flirted with the waitress",
                       my_part="i made a scene", feeling=feeling, need="loyalty")
    draft = compose(parts)
    assert "disgust" not in draft and "contempt" not in draft
    assert "I need loyalty" in draft
    note = withheld_note(DraftParts(feeling=feeling, need="loyalty"))
    assert note.startswith("I left out what you feel")


def test_a_clean_later_answer_gets_no_note() -> None:
    assert withheld_note(DraftParts(feeling="hurt", need="respect",
                                    commitment="walk away before I yell")) == ""


# ---- 3. Venting as a regret or as my part --------------------------------------------------

def test_regretting_the_relationship_is_no_regret_to_send() -> None:
    parts = DraftParts(other="Dan", situation="the party on saturday",
                       my_part="i left without telling him", regret="regret ever dating him")
    draft = compose(parts)
    assert "dating" not in draft and "regret regret" not in draft.lower()
    assert "I'm sorry that I left without telling" in draft
    assert left_out(parts) == ("what you regret",)


def test_wanting_to_insult_them_is_no_part_to_apologise_for() -> None:
    parts = DraftParts(other="Dan", situation="we fought about money",
                       my_part="nothing. I want to tell him he's pathetic")
    draft = compose(parts)
    assert "pathetic" not in draft and "I'm sorry" not in draft
    assert left_out(parts) == ("what you did",)


@pytest.mark.parametrize(("regret", "sentence"), [
    ("regret shouting at him", "I regret shouting at you."),
    ("I regret what I said", "I regret what I said."),
])
def test_a_real_regret_is_said_once(regret: str, sentence: str) -> None:
    draft = compose(DraftParts(other="Dan", situation="He said I always nag",
                               my_part="I got loud", regret=regret))
    assert sentence in draft


# ---- 4. An owned insult in capitals --------------------------------------------------------

def test_an_owned_insult_in_capitals_is_owned_in_plain_words() -> None:
    parts = DraftParts(other="Dan", situation="FIGHT ABOUT MONEY",
                       my_part="I SCREAMD AT HIM AND CALLED HIM A USELESS PIECE OF SHIT",
                       request="LISTEN WHEN I TALK")
    draft = compose(parts)
    assert not re.search(r"\b[A-Z]{2,}\b", draft), draft  # no shouting
    assert "shit" not in draft.lower() and "useless" not in draft.lower()
    assert re.search(r"I'm sorry that I screamd at (?:him|you) and called (?:him|you) names\.",
                     draft), draft
    assert "Can we talk about the fight about money?" in draft
    assert "Could you listen when I talk?" in draft
    assert left_out(parts) == ()


def test_owning_a_mild_insult_still_names_it() -> None:
    draft = compose(DraftParts(situation="He said I always nag", other="Sam",
                               my_part="I shouldn't have called him lazy"))
    assert "I'm sorry that I called you lazy." in draft


# ---- 5. Small slips ------------------------------------------------------------------------

@pytest.mark.parametrize(("situation", "topic"), [
    ("argument about the dishes", "the argument about the dishes"),
    ("fight over money", "the fight over money"),
    ("big fight about the holiday", "the big fight about the holiday"),
])
def test_an_event_with_what_it_was_about_gets_its_article(situation: str, topic: str) -> None:
    assert f"Can we talk about {topic}?" in compose(DraftParts(situation=situation))


def test_a_lower_case_i_is_written_as_i() -> None:
    draft = compose(DraftParts(situation="we argued", my_part="i yelled and i'm sorry",
                               commitment="walk away before i yell",
                               request="give me space when im upset"))
    assert not re.search(r"\bi\b|\bim\b", draft), draft
    assert "Next time, I will walk away before I yell." in draft
    assert "when I'm upset" in draft


def test_humiliated_is_not_turned_into_shame() -> None:
    draft = compose(DraftParts(situation="what happened at the party", feeling="humiliated",
                               need="respect"))
    assert "ashamed" not in draft and "shame" not in draft
    assert "I feel hurt" in draft and "I need respect" in draft


# ---- 6. After "no" at the risk check, withhold only what fails a screen -------------------

def _checked(answers: dict[str, str], withheld: tuple[str, ...]) -> str:
    session = Session(id="b1", state=State.RESPONSIBILITY_DRAFT,
                      answers={"recognise_who": "my brother", "recognise_context": "family",
                               **answers}, withheld=withheld)
    return offered_draft(session)


def test_an_ordinary_answer_kept_through_the_check_stays_in_the_apology() -> None:
    draft = _checked({"recognise_what": "My brother didn't show up to Dad's birthday",
                      "responsibility_part": "I told Mum he doesn't care about anyone",
                      "responsibility_know": "let me know when he can't come"},
                     ("responsibility_part",))
    # (Whether "he" becomes "you" is the pronouns' call: "Dad" could be "he" too.)
    assert re.search(r"I'm sorry that I told Mum (?:he doesn't|you don't) care about anyone\.",
                     draft), draft
    assert withheld_note(DraftParts.from_answers(
        {"responsibility_part": "I told Mum he doesn't care about anyone"},
        withheld=("responsibility_part",))) == ""


@pytest.mark.parametrize(("step", "answer", "quoted"), [
    ("recognise_what", "when i try to talk to him about it he blocks the door and i freeze",
     "door"),
    ("recognise_what", "he shoved past me in the hallway", "shoved"),
    ("recognise_what", "I'm scared of him when he drinks", "scared"),
    ("responsibility_part", "it's my fault he gets like that", "fault"),
    ("responsibility_part", "I'll make him pay", "pay"),
    ("rebuild_commitment", "next time I'll hit him back", "hit"),
    ("responsibility_know", "stop being a dumb cow", "cow"),
])
def test_a_checked_answer_that_fails_a_screen_is_still_withheld(
        step: str, answer: str, quoted: str) -> None:
    answers = {"recognise_what": "we argued about the dishes",
               "responsibility_part": "I raised my voice", step: answer}
    parts = DraftParts.from_answers(answers, withheld=(step,))
    assert quoted not in compose(parts).lower()
    assert withheld_note(parts).startswith("I left out what you told me about")


def test_a_checked_account_that_passes_keeps_its_pronouns_right() -> None:
    draft = _checked({"recognise_what": "He's been ignoring my texts and he's got an excuse "
                                        "every time",
                      "responsibility_part": "I accused him of cheating"},
                     ("recognise_what",))
    assert "You've been ignoring my texts" in draft
    assert "I'm sorry that I accused you of cheating." in draft


def test_an_everyday_answer_the_model_misread_stays_in_the_draft_after_no(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The round-11 answer the shipped model reads as a crisis, with no rule: after "no" it passes
    # every screen, so the draft keeps it (and says nothing about leaving it out). A disclosure
    # that fails one stays withheld (test_round11_confirmed_answer). Since round sixteen it ends
    # "I've had enough", words that could tell of despair, so it is still asked about.
    socks = "My husband leaves his socks everywhere and I've had enough"
    answers = ["", "yes", "Sam", "partner", socks, "no", "I felt tired and he went quiet", "",
               "3", "skip", "yes", "I snapped at him about it", "skip",
               "I'd like us to share the tidying"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert RISK_NO in out  # the model's sign was checked, and the person said no
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    session = Session.from_json(files[0].read_text(encoding="utf-8"))
    draft = offered_draft(session)
    assert "socks" in draft and "I'm sorry that I snapped at you about it." in draft
    assert "checked with you" not in out
