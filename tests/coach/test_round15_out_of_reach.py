"""Round 15, when the other person is out of reach (tester t1, problems 3, 6, 9, 10, 11 and 13):
"said please do not contact me again" starts the no-contact check, and "no contact" answers it
yes; getting round a block or writing until they answer is named once, plainly, and left out of
the letter; the resources are listed once at an unclear risk check; the check uses the pronouns
given; the internal path offers the person's own part; a grief letter ends with bereavement
support, not the crisis list, unless a sign of crisis was checked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from test_round12_coach_follow import Script

from mendkit.coach import State
from mendkit.coach.content import INTERNAL_BOUNDARY_AFTER_PART, PROMPTS
from mendkit.coach.driver import run, start
from mendkit.coach.goals import suspected
from mendkit.coach.persisting import NOTE
from mendkit.coach.prompter import HELP_HEADING
from mendkit.coach.risk_check import RESOURCES_POINTER
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 8, 20, 0)
CALM = ["", "4", "skip"]  # no messages, calm, no breathing: then the openness step
CHRIS = ["", "yes", "my ex, Chris", "partner", "Chris broke up with me a month ago and said "
         "please do not contact me again. I want to message him to apologise.",
         "I feel sick about it.", *CALM]
ANA = ["", "yes", "my sister Ana", "family", "Ana told me in January she wants no contact with "
       "me. I will keep messaging her until she answers, she is my sister.", "angry and sad",
       *CALM]


def _go(tmp_path: Path, answers: list[str], *, mode: str = "rules", region: str = "default"
        ) -> tuple[Session, Script]:
    script = Script(answers)
    session = run(start("r15reach", region=region), script, SessionStore(tmp_path),
                  now=lambda: NOW, mode=mode)  # type: ignore[arg-type]
    return session, script


# ---- problem 3: the no-contact check starts, and "no contact" answers it yes ----

@pytest.mark.parametrize("story", [
    "Chris broke up with me and said please do not contact me again.",
    "She told me not to contact her again.",
    "He wants nothing to do with me.",
    "She asked me to leave her alone.",
    "My brother cut me off after the wedding.",
    "Jordan ended it in May and said please do not contact me again.",
])
def test_a_request_for_no_contact_in_other_words_reads_as_one(story: str) -> None:
    assert suspected(story) == "no_contact"


@pytest.mark.parametrize("story", [
    "She cut me off mid-sentence and I shouted.", "I said please do not contact me again.",
    "I cut him off last year.", "He kept cutting me off in the meeting.",
])
def test_an_interruption_or_the_persons_own_request_is_no_request_for_no_contact(
        story: str) -> None:
    assert suspected(story) != "no_contact"


def test_the_phrase_starts_the_check_and_no_message_is_written(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*CHRIS, "yes", "no"])
    check = next(asked for asked in script.asked if "asked you not to contact" in asked)
    assert "Is that right?" in check
    assert session.goal() == "no_contact" and session.state is State.DONE
    said = "\n".join(script.said)
    assert "Can we talk" not in said and PROMPTS[State.RESPONSIBILITY_PART] not in script.asked


@pytest.mark.parametrize("reply", ["no contact", "yes, no contact", "No contact.", "she did",
                                   "blocked", "she blocked me"])
def test_no_contact_and_the_like_answer_the_check_yes(tmp_path: Path, reply: str) -> None:
    session, _ = _go(tmp_path, [*ANA, reply, "no"])
    assert session.goal() == "no_contact" and session.state is State.DONE


def test_an_unclear_answer_to_the_check_is_asked_again(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*ANA, "No, she blocked me", "yes", "no"])
    asked = [a for a in script.asked if "asked you not to contact" in a]
    assert len(asked) == 2  # asked again, never taken as a no
    assert session.goal() == "no_contact"


def test_a_denial_of_the_block_is_a_no(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*ANA, "she hasn't blocked me", "yes"])
    assert PROMPTS[State.OPENNESS] in script.asked and session.goal() == "repair"


# ---- problem 10: the pronouns given, and the possessive of "your ex, Chris" ----

def test_the_check_uses_the_pronouns_given(tmp_path: Path) -> None:
    maya = ["", "yes", "Maya (she/her)", "partner", "Maya blocked me on everything after the "
            "fight.", "", *CALM]
    _, script = _go(tmp_path, [*maya, "yes"])
    check = next(asked for asked in script.asked if "asked you not to contact" in asked)
    assert "not to contact her, or blocked you" in check and "contact them" not in check
    said = "\n".join(script.said)
    assert "not contacting her is how you show you heard her" in said


def test_the_possessive_of_a_name_after_a_comma_is_the_names(tmp_path: Path) -> None:
    _, script = _go(tmp_path, [*CHRIS, "yes"])
    said = "\n".join(script.said)
    assert "respecting Chris's request" in said and "your ex, Chris's" not in said
    assert "It sounds like your ex, Chris, has asked" in said


# ---- problem 6: getting round a block, or writing until they answer ----

def test_keeping_on_until_they_answer_is_named_once_and_left_out_of_the_letter(
        tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*ANA, "yes", "yes", "You cannot just erase me. I will keep "
                                     "writing until you answer.", "I am sorry I told mum about "
                                     "your pregnancy before you could.", "", ""])
    said = "\n".join(script.said)
    assert said.count(NOTE) == 1  # once, though the letter says it again
    assert "harassment" in NOTE and "frighten" in NOTE
    letter = str(session.answers["letter_draft"])
    assert "until you answer" not in letter and "I am sorry I told mum" in letter
    assert "I left out some of what you want them to know, because it says you would keep " \
           "contacting them" in said


def test_a_new_account_is_named_and_left_out_of_the_letter(tmp_path: Path) -> None:
    tom = ["", "yes", "Tom", "friend", "Tom blocked me on WhatsApp after I made a joke about his "
           "divorce. I am going to make a new account so I can apologise.", "ashamed", *CALM]
    session, script = _go(tmp_path, [*tom, "yes", "yes", "I made a new account because I need "
                                     "you to hear this. I was cruel about your divorce.", "",
                                     "", ""])
    said = "\n".join(script.said)
    assert said.count(NOTE) == 1
    assert script.said.index(NOTE) < script.said.index(next(
        s for s in script.said if "asked you not to contact" in s))  # said where it was said
    letter = str(session.answers["letter_draft"])
    assert "new account" not in letter and "I was cruel about your divorce" in letter


def test_an_everyday_story_gets_no_note(tmp_path: Path) -> None:
    _, script = _go(tmp_path, ["", "yes", "Sam", "partner", "We argued about the dishes and I "
                               "want to go round to apologise.", "", *CALM, "yes",
                               "I raised my voice."])
    assert NOTE not in script.said


# ---- problem 9: the resources once at an unclear risk check ----

def test_the_resources_are_listed_once_however_often_the_check_is_unclear(
        tmp_path: Path) -> None:
    socks = "My husband leaves his socks everywhere and I've had enough"
    session, script = _go(tmp_path, ["", "yes", "Sam", "partner", socks, "purple", "42",
                                     "banana", "seven", "no"], mode="full")
    assert session.state is State.RECOGNISE_NOTICED  # the clear no goes on
    said = script.said
    assert said.count(HELP_HEADING) == 1
    assert said.count(RESOURCES_POINTER) == 2  # later re-asks point to the list


# ---- problem 11: the internal path keeps the person's own part ----

MAYA_SPACE = ["", "yes", "Maya (she/her)", "partner", "We had a fight about money. Maya asked "
              "for a week of space.", "tight chest", *CALM]


def test_waiting_out_a_request_for_space_still_offers_the_persons_part(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*MAYA_SPACE, "no", "hurt and scared",
                                     "I called her selfish and raised my voice.", "",
                                     "I need a minute, let's talk after dinner."])
    assert PROMPTS[State.INTERNAL_PART] in script.asked
    assert session.answers[State.INTERNAL_PART.value] == "I called her selfish and raised my voice."
    # Having owned a part, the limit is optional and may be their own, not about how they are
    # treated only.
    assert INTERNAL_BOUNDARY_AFTER_PART in script.asked
    assert PROMPTS[State.INTERNAL_BOUNDARY] not in script.asked
    assert session.state is State.DONE


def test_with_no_part_the_limit_on_how_they_are_treated_is_asked(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*MAYA_SPACE, "not sure", "no", "hurt", "", "",
                                     "I need a minute."])
    assert PROMPTS[State.INTERNAL_BOUNDARY] in script.asked
    assert session.state is State.DONE


# ---- problem 13: a grief letter ends with bereavement support ----

GRANDAD = ["", "yes", "Grandad", "family", "Grandad passed away last month. I was short with him "
           "on the phone.", "yes",  # the death check comes first (round 19)
           "I want you to know how much you taught me.",
           "I am sorry I was impatient on that last call.", "Your shed.", ""]


@pytest.mark.parametrize(("region", "line"), [("GB", "Cruse Bereavement Support: call 0808 808 "
                                                     "1677"), ("default", "bereavement service")])
def test_a_grief_letter_ends_with_bereavement_support_not_abuse_lines(
        tmp_path: Path, region: str, line: str) -> None:
    session, script = _go(tmp_path, GRANDAD, region=region)
    assert session.state is State.DONE and session.goal() == "grief"
    end = "\n".join(script.said).split("I will always remember")[-1]
    assert line in end and "GP" in end
    assert HELP_HEADING not in end and "Domestic" not in end and "Abuse" not in end


def test_a_grief_letter_after_a_checked_sign_of_crisis_still_gets_the_crisis_list(
        tmp_path: Path) -> None:
    # Words only the shipped model reads as a sign (tests/coach/test_round14_risk_asked_again.py),
    # still asked about since round sixteen: "had enough" could tell of despair.
    socks = "My husband leaves his socks everywhere and I've had enough"
    answers = [*GRANDAD[:-4], socks, "no", "I am sorry I was impatient.", "", ""]
    session, script = _go(tmp_path, answers, mode="full")
    assert (State.LETTER_SAY.value, "check_risk") in session.path
    assert session.state is State.DONE
    assert HELP_HEADING in "\n".join(script.said).split("Thank you for writing this.")[-1]
