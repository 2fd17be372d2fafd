"""Round 13, self-blame and grovelling in the coach's draft.

Blaming myself for their yelling or insults is no part of mine to own: once, it is left out of
the draft with a kind word; as a pattern ("it's my fault he screams at me all the time") it stops
the repair coaching, as the README promises for "blaming yourself for their anger". Pleading,
running myself down and taking all the blame ("I'll do anything, please don't leave me", "I'm the
worst girlfriend", "I ruin everything") never go into a draft either. A farewell-like phrase left
out of the draft is never called danger from them; and at work, blaming myself for a manager's
temper gets words for work, not a domestic abuse plan, and a way to own only my own part."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_round12_draft_screen import _walk

from mendkit.coach import State
from mendkit.coach.composer import DraftParts, compose, later_sentences, left_out_notes
from mendkit.coach.machine import EventType
from mendkit.coach.my_part import my_part_sentences
from mendkit.coach.safety_gate import gate


def _notes(parts: DraftParts) -> str:
    return " ".join(left_out_notes(parts))


# ---- 1. Blaming myself for their yelling or insults ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I made him yell at me by being annoying. It's my fault he screams at me all the time.",
        "it's my fault she keeps calling me stupid",
        "its my fault he yells at me, I know how he is",
        "it's my fault he always screams at me",
        "I always make him yell at me",
        "my fault she calls me names every time we argue",
    ],
)
def test_a_pattern_of_their_yelling_or_insults_owned_as_my_fault_stops(text: str) -> None:
    assert gate(text, mode="rules") is EventType.ABUSE


@pytest.mark.parametrize(
    "text",
    [
        "I raised my voice first",
        "I yelled at him all the time last week, that's on me",
        "it's my fault we argue all the time",
        "I always call him names when I'm tired",
        "it's my fault she got angry, I was late again",
        "I made him yell at me by being annoying",
        "I made her wait an hour",
    ],
)
def test_ordinary_ownership_and_one_off_blame_do_not_stop(text: str) -> None:
    assert gate(text, mode="rules") is None


THEIRS = re.compile(
    r"\b(?:yell|scream|call(?:ing)? (?:me|them)|stupid|smarter|temper"
    r"|deserved)\w*",
    re.I,
)


@pytest.mark.parametrize(
    ("my_part", "kept"),
    [
        (
            "I made him yell at me by being annoying. I asked at the wrong time",
            "I'm sorry that I asked at the wrong time.",
        ),
        (
            "I mixed up the dates. It's my fault for making them call me stupid, I should be smarter",
            "I'm sorry that I mixed up the dates.",
        ),
        (
            "I made the typo, and it's my fault she lost her temper, I deserved to be screamed at",
            "I'm sorry that I made the typo.",
        ),
    ],
)
def test_blame_for_their_yelling_or_insults_is_left_out_and_my_own_act_kept(my_part: str, kept: str) -> None:
    parts = DraftParts(other="Jordan (they/them)", situation="the trip planning", my_part=my_part)
    draft = compose(parts)
    assert kept in draft, draft
    assert not THEIRS.search(draft), draft
    assert "theirs to own" in _notes(parts), _notes(parts)


def test_sorry_you_had_to_yell_at_me_is_not_sent() -> None:
    parts = DraftParts(
        other="Sam", situation="the dishes", regret="I'm sorry you had to yell at me, I forgot the dishes"
    )
    assert "had to yell" not in compose(parts)
    assert "theirs to own" in _notes(parts)


def test_a_pattern_of_yelling_in_my_part_stops_the_coach(tmp_path: Path) -> None:
    answers = [
        "",
        "yes",
        "Ryan (he/him)",
        "partner",
        "Ryan shouted at me when I asked him to help with the kids.",
        "I went quiet, he slammed the door.",
        "",
        "4",
        "skip",
        "yes",
        "I made him yell at me by being annoying. It's my fault he screams at me all the time.",
        "asking at the wrong time",
    ]
    session, said = _walk(tmp_path, answers)
    assert session.state is State.STOPPED_UNSAFE
    assert any("never means owning someone else's anger" in line for line in said)


# ---- 2. Pleading, running myself down, taking all the blame --------------------------------

GROVEL = {
    "I'll do anything, please don't leave me": r"do anything|leave me",
    "I'm always too much": r"too much",
    "I'm the worst girlfriend": r"\bworst\b",
    "I ruin everything": r"ruin",
    "it's all my fault, everything is": r"all my fault|everything is",
    "I'm such a burden": r"burden",
}


@pytest.mark.parametrize("said", list(GROVEL))
@pytest.mark.parametrize(
    "part", ["situation", "my_part", "regret", "request", "need", "feeling", "commitment"]
)
def test_grovelling_never_reaches_any_part_of_the_draft(part: str, said: str) -> None:
    base = {"situation": "We argued about the dishes", "my_part": "I snapped at him"}
    parts = DraftParts(other="Tom (he/him)", **{**base, part: said})
    words = re.compile(GROVEL[said], re.I)
    assert not words.search(compose(parts)), compose(parts)
    assert not words.search(later_sentences(parts)), later_sentences(parts)
    note = _notes(parts)
    assert "danger from them" not in note
    # "I'm such a burden" is also a crisis rule's sign: its note says where help is.
    assert ("type help" if said == "I'm such a burden" else "run yourself down") in note, note


def test_the_anxious_draft_keeps_only_what_can_be_owned_and_asked() -> None:
    parts = DraftParts(
        other="Tom (he/him)",
        situation="We argued about the dishes",
        my_part="I sent you 14 messages. I'm sorry for everything, I'll do anything, please don't leave me",
        regret="everything I said, I'm always too much",
        request="please just don't leave me and tell me we're ok",
        feeling="terrified",
        need="to know he still loves me",
    )
    draft = compose(parts)
    assert "I'm sorry that I sent you 14 messages." in draft
    assert "Could you tell me we're ok?" in draft
    assert not re.search(r"leave me|do anything|too much|sorry for everything", draft, re.I), draft


def test_global_self_blame_is_left_out_and_the_note_asks_for_something_specific() -> None:
    parts = DraftParts(
        other="Mia (she/her)",
        situation="Mia was an hour late and I said 'you could have texted'. "
        "It's all my fault, everything is, I ruin everything.",
        my_part="everything. I'm the worst girlfriend, I always ruin everything and I'm sorry for all of it",
        regret="being like this, being too much",
        feeling="shame, like I'm a terrible person",
    )
    draft = compose(parts)
    assert "You were an hour late and I said 'you could have texted'." in draft, draft
    assert not re.search(r"everything|worst|ruin|all of it|too much|like this|terrible", draft, re.I), draft
    assert "I feel shame" in draft
    note = _notes(parts)
    assert "doesn't need you to run yourself down" in note
    assert "specific" in note
    assert "some of what happened" in note  # the account itself is still said


@pytest.mark.parametrize(
    ("my_part", "sentence"),
    [
        ("I raised my voice first", "I'm sorry that I raised my voice first."),
        ("I was late and didn't text", "I'm sorry that I was late and didn't text."),
        ("I made her wait an hour", "I'm sorry that I made you wait an hour."),
        ("I called her lazy", "I'm sorry that I called you lazy."),
    ],
)
def test_plain_ownership_stays_as_it_was(my_part: str, sentence: str) -> None:
    parts = DraftParts(other="Mia (she/her)", situation="the dinner", my_part=my_part)
    assert sentence in compose(parts)
    assert not left_out_notes(parts)


# ---- 3. A farewell-like phrase is no danger from them --------------------------------------


@pytest.mark.parametrize("part", ["my_part", "situation"])
def test_a_farewell_like_phrase_left_out_is_not_called_danger_from_them(part: str) -> None:
    said = "I'm sorry for everything"
    parts = DraftParts(
        other="Tom", **{"situation": "We argued about the dishes", "my_part": "I snapped at him", part: said}
    )
    assert "sorry for everything" not in compose(parts).lower()
    note = _notes(parts)
    assert note
    assert "danger from them" not in note
    assert "help" in note


def test_danger_from_them_is_still_named_as_such() -> None:
    parts = DraftParts(
        other="Tom",
        situation="We argued about the dishes",
        my_part="he blocks the door and I freeze. I shouted at him",
    )
    assert "danger from them" in _notes(parts)


# ---- 4. Work --------------------------------------------------------------------------------

BOSS = [
    "",
    "yes",
    "my manager Karen (she/her)",
    "work",
    "My manager screamed at me in front of the whole team because I left a typo in the slides.",
    "I went red and couldn't speak. She stormed out.",
    "",
    "5",
    "skip",
    "yes",
]
BOSS_PART = "I made the typo, and it's my fault she lost her temper, I deserved to be screamed at"
# Regret skipped, the request, the draft kept, feelings, need, message kept, commitment, 3 days.
LATER = [
    "skip",
    "check the slides with me before the meeting",
    "",
    "keep",
    "embarrassed",
    "ashamed",
    "to feel respected",
    "",
    "check my slides twice",
    "3",
]


def test_at_work_blame_for_their_temper_gets_work_words_and_my_own_part(tmp_path: Path) -> None:
    session, said = _walk(tmp_path, [*BOSS, BOSS_PART, *LATER])
    shown = "\n".join(said)
    assert session.state is State.AWAITING_FOLLOW_UP, shown
    assert "Domestic" not in shown and "documents and some money" not in shown
    message = str(session.answers["rebuild_message"])
    assert "typo" in message
    assert not re.search(r"temper|deserved", message, re.I), message
    assert "theirs to own" in shown
    assert re.search(r"\bHR\b|someone you trust", shown)


def test_at_work_harm_from_them_still_stops(tmp_path: Path) -> None:
    session, _ = _walk(tmp_path, [*BOSS, "I made the typo, and she grabbed my arm so hard it hurt"])
    assert session.state is State.STOPPED_UNSAFE


def test_with_a_partner_blame_for_their_temper_still_stops(tmp_path: Path) -> None:
    answers = [
        "",
        "yes",
        "Karen (she/her)",
        "partner",
        "Karen screamed at me about a typo.",
        "I went red.",
        "",
        "5",
        "skip",
        "yes",
        BOSS_PART,
    ]
    session, _ = _walk(tmp_path, answers)
    assert session.state is State.STOPPED_UNSAFE


@pytest.mark.parametrize(
    "answer",
    ["everything", "I ruin everything", "all of it", "I'm the worst girlfriend", "I made him yell at me"],
)
def test_my_part_names_no_act_for_global_blame(answer: str) -> None:
    assert my_part_sentences(answer, work=False) == []
    assert my_part_sentences(f"I forgot the tickets. {answer}", work=False) == [
        "I'm sorry that I forgot the tickets."
    ]
