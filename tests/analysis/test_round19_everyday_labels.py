"""Round 19 (fixer f3): everyday turns the rules read wrongly. A transcriber's note ("[mutters]")
is no contempt of itself, though a sigh before a clipped "Fine." is withdrawal; "Okay" to a plain
piece of homework takes it on; "I'd like you to know I'm sorry" asks nothing; "come on ... you
said maybe" is pressure; an apology buried in running oneself down is appeasing; "I'll pray for
you" is a put-down in a fight or after a choice told, and nothing by itself."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

WITHDRAWAL = "rupture.withdrawal"
CONFRONTATION = "rupture.confrontation"
INVALIDATION = "rupture.invalidation"
REQUEST = "repair.request"
RESPONSIBILITY = "repair.responsibility"
VALIDATE = "repair.validate"


def _last(*texts: str) -> mendkit.TurnAnalysis:
    """The rules' reading of the last of ``texts``, said in turn by two people."""
    turns = [("AB"[i % 2], text) for i, text in enumerate(texts)]
    return mendkit.analyze(Conversation.from_turns(turns), mode="rules").turns[-1]


def _subtypes(turn: mendkit.TurnAnalysis, label: str) -> set[str | None]:
    return {e.subtype for e in turn.evidence if e.label == label}


@pytest.mark.parametrize("note", ["[mutters]", "[sighs]", "(laughs)", "[inaudible]",
                                  "[sighs heavily]"])
def test_a_stage_direction_alone_is_no_contempt(note: str) -> None:
    assert CONFRONTATION not in mendkit.check(note, mode="rules").labels


def test_a_scornful_stage_direction_still_is() -> None:
    assert "contempt" in _subtypes(_last("[smirks]"), CONFRONTATION)


@pytest.mark.parametrize(("before", "turn"), [
    ("I'm only reflecting what's in the data. It isn't personal, and you did sign up for this.",
     "[long exhale] Fine. Next theme."),
    ("Oh, and maybe lose the hoodie for the call? We're pitching a fintech, not a coding club.",
     "[sighs] It's fine. I'm not bothered."),
    ("Och, you're being a wee bit touchy, love. I'm only looking out for you.",
     "[sighs heavily] Aye. Fine."),
])
def test_a_sigh_before_a_clipped_reply_is_withdrawal_not_contempt(before: str, turn: str) -> None:
    got = _last(before, turn)
    assert WITHDRAWAL in got.labels
    assert CONFRONTATION not in got.labels


def test_a_sigh_before_owning_something_is_no_withdrawal() -> None:
    got = _last("Fine. I'll add it to the list, right after the dentist.",
                "[sighs] Okay. That came out like an order, didn't it.")
    assert WITHDRAWAL not in got.labels


@pytest.mark.parametrize("before", [
    "That's a lot to carry. For homework, I'd like you to fill in a thought record each evening.",
    "I hear you, it sounds really hard. For homework, let's try a sleep diary this week.",
])
def test_okay_to_homework_is_agreement(before: str) -> None:
    assert WITHDRAWAL not in _last(before, "Okay").labels


def test_okay_after_a_rejected_apology_is_still_withdrawal() -> None:
    got = _last("I'm sorry I snapped.", "That's not good enough.", "Okay.")
    assert WITHDRAWAL in got.labels


def test_okay_to_a_task_pushed_past_a_rupture_is_withdrawal() -> None:
    got = _last("You never listen to anything I say.",
                "Let's try a grounding exercise and then get back to the script.", "Okay.")
    assert WITHDRAWAL in got.labels


def test_telling_someone_you_are_sorry_is_no_request() -> None:
    got = mendkit.check("I'd like you to know I'm sorry", mode="rules")
    assert REQUEST not in got.labels
    assert RESPONSIBILITY in got.labels
    # the same opening that asks for something still does
    assert REQUEST in mendkit.check("I'd like you to tell me before you book things.",
                                    mode="rules").labels


def test_holding_a_maybe_against_them_is_pressure() -> None:
    got = _last("Come on, don't be like that, you said maybe")
    assert _subtypes(got, CONFRONTATION) == {"pressure"}
    assert INVALIDATION not in got.labels


def test_a_self_abasing_apology_is_appeasing_not_ownership() -> None:
    got = _last("You never do anything right.",
                "I'm sorry. You're right, it's all my fault, I'm a terrible person, I'm sorry")
    assert "appeasing" in _subtypes(got, WITHDRAWAL)
    assert RESPONSIBILITY not in got.labels
    assert VALIDATE not in got.labels


def test_owning_an_act_beside_self_blame_stays_an_apology() -> None:
    got = _last("You never do anything right.",
                "I'm sorry, I shouted at you and that was cruel. I'm a terrible person when I'm "
                "tired.")
    assert RESPONSIBILITY in got.labels


@pytest.mark.parametrize("texts", [
    ("I'm leaving the church, Mum. I've thought about it for a long time.", "I'll pray for you."),
    ("You're such a hypocrite.", "Don't talk to me like that.", "Well, I'll pray for you."),
])
def test_pray_for_you_in_a_fight_or_after_a_choice_is_condescension(
        texts: tuple[str, ...]) -> None:
    assert "condescension" in _subtypes(_last(*texts), INVALIDATION)


@pytest.mark.parametrize("texts", [
    ("My mum died on Tuesday and I can't stop crying.", "I'll pray for you."),
    ("You never visit.", "My scan is on Thursday and I'm terrified.", "I'll pray for you."),
    ("I'll pray for you.",),
])
def test_pray_for_you_after_grief_or_alone_is_no_rupture(texts: tuple[str, ...]) -> None:
    got = _last(*texts)
    assert not any(label.startswith("rupture.") for label in got.labels)
