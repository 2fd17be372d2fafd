"""Round 14: young people's words for danger and suicide (tester t6, 13-19), found by the rules.

Sextortion as it is really written, a short demand with the threat after "or" ("send more or i
post them"), is danger from someone else in both modes, and in a conversation too: with the
harasser's earlier turns as context the model's score fell to 0.23, so the rule's sign must stand
through fusion. Pressure for nudes, a threat to out someone unless they comply, and being thrown
out of home for being gay are danger as well; "ngl i dont even wanna be here anymore" is a
suicide sign; being told by others to kill oneself ("someone said i should kys") is one too (a
known risk of being bullied), while "kys" said to someone stays hostility, not a crisis.

The wordings are new ones of each family, with everyday look-alikes that must stay clean.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.labels import CRISIS
from mendkit.model import Conversation
from mendkit.model.analysis import Safety


def _risk(text: str, *, mode: str = "rules", context: tuple[str, ...] = ()) -> Safety:
    return mendkit.check(text, mode=mode, context=context).risk  # type: ignore[arg-type]


def _assert_crisis(text: str, kind: str, *, mode: str = "rules") -> None:
    risk = _risk(text, mode=mode)
    assert risk.crisis, text
    assert kind in risk.kinds, (text, risk.kinds)


# -- 1. Sextortion --------------------------------------------------------------------------------

_SEXTORTION = [
    "i have the pics from ur old account. send more or i post them",
    "send more pics or i post the ones i have",
    "pay me or everyone sees them",
    "if u dont send another one im sending this to ur whole school",
    "send another or ill leak the vid",
    "venmo me 300 or ur parents see everything",
    "if you dont send more nudes im posting these on insta",
]


@pytest.mark.parametrize("text", _SEXTORTION)
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_sextortion_as_written_is_danger(text: str, mode: str) -> None:
    _assert_crisis(text, "abuse_danger", mode=mode)


_NOT_SEXTORTION = [
    "send more pics of the puppy",
    "post them on the group chat later",
    "send more pics of the beach or i'll post mine first lol",
    "pay me back or everyone will know ur tight",
    "if u dont send the notes im gonna fail the test",
]


@pytest.mark.parametrize("text", _NOT_SEXTORTION)
def test_holiday_photos_and_favours_are_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


_HARASSMENT = [
    ("anon_77", "ur so ugly no wonder nobody talks to u"),
    ("Jess", "who is this"),
    ("anon_77", "doesnt matter. everyone at school thinks ur a freak"),
    ("Jess", "leave me alone"),
    ("anon_77", "or what lol. u should just kys honestly"),
    ("Jess", "im gonna report u"),
    ("anon_77", "i have the pics from ur old account. send more or i post them"),
    ("Jess", "please dont"),
]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_demand_stands_after_harassment_as_context(mode: str) -> None:
    # Full mode: the model's score for the demand falls with the earlier turns as context; the
    # rule's sign is kept through fusion.
    before = tuple(text for _, text in _HARASSMENT[2:6])
    risk = _risk(_HARASSMENT[6][1], mode=mode, context=before)
    assert risk.crisis and "abuse_danger" in risk.kinds
    safety = analyze_conversation(Conversation.from_turns(_HARASSMENT), mode=mode).safety  # type: ignore[arg-type]
    assert 6 in safety.turns and "abuse_danger" in safety.kinds


# -- 2. Pressure for nudes, outing threats, thrown out --------------------------------------------

_COERCION = [
    "this guy online keeps asking for nudes and says he'll tell my parents i'm gay if i dont",
    "my bf keeps asking for nudes and gets mad when i say no",
    "my gf won't stop asking me to send nudes",
    "he asked for nudes and said he'd break up with me if i dont",
    "she said she'd tell everyone im bi unless i send her pics",
    "my parents said if im gay i can find somewhere else to live",
    "my dad said if i'm trans i'm not welcome in this house",
    "mum threw me out when i came out and i have nowhere to go",
]


@pytest.mark.parametrize("text", _COERCION)
def test_coercion_and_being_thrown_out_are_danger(text: str) -> None:
    _assert_crisis(text, "abuse_danger")


_NOT_COERCION = [
    "my nan keeps asking for pics of the baby",
    "my parents said i can find somewhere else to sit if i hate the view",
    "my landlord said i can find somewhere else to live if i hate the damp",
    "she said she'd tell my parents i'm gay only when i'm ready",
]


@pytest.mark.parametrize("text", _NOT_COERCION)
def test_family_photos_and_being_sent_out_of_a_room_are_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


# -- 3. Not wanting to be here; being told to kill oneself ----------------------------------------

_SUICIDE = [
    "ngl i dont even wanna be here anymore. like at all. everyone would be better off",
    "i honestly dont even want to be here anymore",
    "i just dont wanna exist anymore tbh",
    "everyone in the gc keeps telling me to kys and i kind of think they're right",
    "they keep saying i should kill myself and maybe they're right",
    "they made a whole gc just to make fun of me. someone said i should kys",
    "people keep commenting kys on my posts",
    "this girl in my year told me to go die",
]


@pytest.mark.parametrize("text", _SUICIDE)
def test_teen_words_for_suicide_and_being_told_to_kys_are_signs(text: str) -> None:
    _assert_crisis(text, "suicide")


_NOT_SUICIDE = [
    "i dont wanna be here for the maths lesson",
    "dont wanna be here at 7am lol",
    "i dont even wanna be here in this queue",
    "it's like you don't even want to be here",
    "she said i should dye my hair pink",
    "my coach told me to die trying lol",
    "lmao kys 💀",
    "u should just kys honestly",
]


@pytest.mark.parametrize("text", _NOT_SUICIDE)
def test_lessons_queues_hair_dye_and_kys_said_to_someone_are_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


@pytest.mark.parametrize("text", ["u should just kys honestly", "lmao kys 💀",
                                  "why dont u just kill urself"])
def test_kys_said_to_someone_is_hostility_with_its_words(text: str) -> None:
    turn = analyze_conversation(Conversation.from_turns([("anon", text)]), mode="rules").turns[0]
    found = [e for e in turn.evidence if e.label == "rupture.confrontation"]
    assert found and any("kys" in e.text or "kill" in e.text for e in found), turn.evidence
    assert CRISIS not in turn.labels


def test_a_report_of_being_told_to_kys_is_no_hostility_of_the_writer() -> None:
    text = "everyone in the gc keeps telling me to kys"
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode="rules").turns[0]
    assert CRISIS in turn.labels
    assert "rupture.confrontation" not in turn.labels
