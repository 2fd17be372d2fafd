"""Round 14, what the composer puts into an apology: a "my part" answer that starts with an
apology is owned once ("I'm sorry I forgot, but ..." -> "I'm sorry that I forgot.", the excuse
after the "but" left out and said so); a non-apology or a minimising line ("I'm sorry she got so
upset over nothing really") is screened out like a plea; a feeling given as the request is no
request ("Could you annoyed?"); after a betrayal a need for reassurance stays out of the message
with an honest note, and the commitment is "From now on" (never "Next time"); a stance ("I am not
sorry for being angry about the affair") is a sentence of its own, the person's feeling words
are kept, and a need that accuses is flagged, never turned into "I need you to stop ..."."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_round12_coach_follow import Script

from mendkit.coach import State
from mendkit.coach.composer import (
    DraftParts,
    commitment_sentence,
    compose,
    later_sentences,
    left_out_notes,
    withheld_note,
)
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

ALEX = {"recognise_who": "Alex (she/her)",
        "recognise_what": "I forgot to pick Alex up from the station. She waited an hour."}


def _draft(**answers: str) -> tuple[str, str]:
    parts = DraftParts.from_answers({**ALEX, **answers})
    return compose(parts), " ".join(left_out_notes(parts))


# ---- t2 problem 11 ---------------------------------------------------------------------

@pytest.mark.parametrize(("part", "owned"), [
    ("I'm sorry I forgot, but you did worse last year and I never made a fuss",
     "I'm sorry that I forgot."),
    ("I'm sorry that I forgot to pick her up", "I'm sorry that I forgot to pick you up."),
    ("sorry I forgot her, but I had a crazy day at work", "I'm sorry that I forgot you."),
    ("I forgot to pick her up, but she forgets stuff all the time too",
     "I'm sorry that I forgot to pick you up."),
])
def test_my_part_that_starts_with_sorry_is_owned_once_and_the_but_stays_out(
        part: str, owned: str) -> None:
    draft, notes = _draft(responsibility_part=part)
    assert owned in draft
    assert "sorry that I am sorry" not in draft and "sorry that I'm sorry" not in draft
    assert draft.count("sorry") == 1
    assert "worse" not in draft and "crazy day" not in draft and "all the time" not in draft
    assert ('"but"' in notes) == (" but " in part)  # why the excuse is not in it


def test_owning_more_after_a_but_is_kept() -> None:
    draft, notes = _draft(responsibility_part="I was stressed but that's no excuse")
    assert "I'm sorry that I was stressed" in draft and '"but"' not in notes


@pytest.mark.parametrize("regret", [
    "I'm sorry she got so upset over nothing really",
    "I'm sorry you feel that way",
    "I'm sorry if she was offended",
    "that she made such a big deal of it",
    "I'm sorry she overreacted",
])
def test_a_non_apology_or_minimising_regret_is_left_out_and_said_so(regret: str) -> None:
    draft, notes = _draft(responsibility_part="I forgot to pick her up", responsibility_regret=regret)
    assert "over nothing" not in draft and "that way" not in draft and "offended" not in draft
    assert "big deal" not in draft and "overreact" not in draft
    assert "I'm sorry that I forgot to pick you up." in draft
    assert "I left out what you regret" in notes


def test_a_sincere_regret_and_an_acknowledgement_are_kept() -> None:
    draft, notes = _draft(responsibility_part="I forgot to pick her up",
                          responsibility_regret="I'm sorry you waited an hour in the rain")
    assert "waited an hour in the rain" in draft and not notes


def test_a_non_apology_as_my_part_is_no_apology_of_the_draft() -> None:
    draft, notes = _draft(responsibility_part="I'm sorry you were upset")
    assert "upset" not in draft.split("?", 1)[1].replace("why you were upset", "")
    assert "what you did" in notes


@pytest.mark.parametrize("asked", ["annoyed", "I'm so upset", "angry and tired"])
def test_a_feeling_given_as_the_request_is_no_request(asked: str) -> None:
    draft, notes = _draft(responsibility_part="I forgot to pick her up",
                          responsibility_know=asked)
    assert "Could you" not in draft and "Could we" not in draft
    assert "I left out what you asked of them" in notes


def test_a_real_request_is_still_asked() -> None:
    draft, _ = _draft(responsibility_part="I forgot to pick her up",
                      responsibility_know="Could you text me when you're waiting so I see it?")
    assert "Could you text me when you're waiting so I see it?" in draft


# ---- t4 P3: reassurance after a betrayal, and "Next time" ---------------------------------

SAM = {"recognise_who": "Dana (she/her)",
       "recognise_what": "I had an affair for eight months and Dana found the messages.",
       "responsibility_part": "I cheated and lied for eight months. Last night I pushed her to "
                              "forgive me on my schedule.",
       "vulnerability_beneath": "Shame. And fear that she'll leave.",
       "rebuild_commitment": "I'll text her every day when I leave work"}


@pytest.mark.parametrize("need", [
    "I need to know whether there's still a chance.",
    "I need her to forgive me",
    "to know we'll be okay",
    "I need her to tell me she'll stay",
    "I need to know if she still loves me",
])
def test_a_need_for_reassurance_stays_out_with_an_honest_note(need: str) -> None:
    parts = DraftParts.from_answers({**SAM, "vulnerability_needs": need})
    draft = compose(parts)
    assert "chance" not in draft and "okay" not in draft
    assert "she'll stay" not in draft and "you'll stay" not in draft and "loves" not in draft
    assert "I need" not in draft
    note = withheld_note(parts)  # said where the message is shown after the need step
    assert "their timeline" in note and "steady actions over weeks" in note
    assert "I feel shame" in draft  # the feeling stays


def test_after_a_betrayal_the_commitment_is_from_now_on() -> None:
    parts = DraftParts.from_answers(SAM)
    assert commitment_sentence(parts) == ("From now on, I will text you every day when I leave "
                                          "work.")
    assert "Next time" not in compose(parts)
    assert "From now on, I will" in later_sentences(parts)


def test_an_everyday_rupture_keeps_next_time() -> None:
    parts = DraftParts.from_answers({**ALEX, "responsibility_part": "I forgot to pick her up",
                                     "rebuild_commitment": "I'll set a reminder"})
    assert commitment_sentence(parts) == "Next time, I will set a reminder."


def test_a_plain_need_after_a_betrayal_is_kept() -> None:
    parts = DraftParts.from_answers({**SAM, "vulnerability_needs": "time, and honesty"})
    assert "I need time, and honesty" in compose(parts)


# ---- t4 P5 and t2 problem 12 --------------------------------------------------------------

DANA = {"recognise_who": "Sam (she/her)",
        "recognise_what": "Three weeks ago I found out Sam had an affair for eight months.",
        "responsibility_part": "I called her a coward. That's the part I'd take back. I am not "
                               "sorry for being angry about the affair.",
        "vulnerability_beneath": "Underneath it I'm terrified I'll never feel safe with her "
                                 "again, and humiliated.",
        "vulnerability_needs": "I need honesty without me having to dig for it, and time."}


def test_the_apology_covers_the_act_and_the_stance_is_its_own_sentence() -> None:
    draft = compose(DraftParts.from_answers(DANA))
    assert "I'm sorry that I called you a coward." in draft
    assert "I am not sorry for being angry about the affair." in draft
    assert "sorry that I am not" not in draft and "and am not sorry" not in draft
    assert "sorry that I that's" not in draft.lower()


def test_the_persons_own_feeling_words_are_kept() -> None:
    draft = compose(DraftParts.from_answers(DANA))
    assert "humiliated" in draft
    assert "terrified I'll never feel safe with you again" in draft
    assert "underneath it" not in draft.lower()


def test_a_lone_blaming_feeling_is_still_said_as_the_feeling_beneath() -> None:
    # Round twelve: "humiliated" alone is said as "hurt" (never "shame").
    draft = compose(DraftParts(situation="what happened at the party", feeling="humiliated"))
    assert "I feel hurt" in draft


@pytest.mark.parametrize("need", ["I need her to stop keeping score",
                                  "him to cut me some slack", "I need her to stop nagging"])
def test_a_need_that_accuses_is_flagged_not_rewritten(need: str) -> None:
    parts = DraftParts.from_answers({**ALEX, "responsibility_part": "I forgot to pick her up",
                                     "vulnerability_needs": need})
    assert "I need you to" not in compose(parts)
    assert "I need you to" not in later_sentences(parts)
    assert "could read as blame" in withheld_note(parts)


# ---- the coach, end to end (rules mode) ----------------------------------------------------

def test_the_coach_says_what_it_left_out_of_the_need(tmp_path: Path) -> None:
    answers = ["", "yes", "Dana (she/her)", "partner", SAM["recognise_what"], "", "", "3", "skip",
               "yes", SAM["responsibility_part"], "", "", "", "keep", "ashamed",
               "Shame. And fear that she'll leave.",
               "I need to know whether there's still a chance.", "",
               "I'll text her every day when I leave work"]
    script = Script(answers)
    session = run(start("r14need"), script, SessionStore(tmp_path), mode="rules")
    said = "\n".join(script.said)
    assert session.state is State.REBUILD_FOLLOW_UP
    message = str(session.answers["rebuild_message"])
    assert "chance" not in message and "From now on, I will text you" in message
    assert "their timeline" in said
