"""Round 17 (tester t3, dating): ``mend check`` on a kind ending and on anxious double-texts.

A kind break-up ("I don't think we're a match ... Take care of yourself") was scored as a failed
repair, "Missing: ownership, validation, request, appreciation": the writer was nudged to
apologise and to ask for something, and "I've really liked getting to know you" was not read as
appreciation. An anxious chase ("hello?? did I say something wrong?") got no calmer rewrite and
the advice to "add what you would like next time"; "sorry but you literally never text back"
was rewritten as a bare "sorry".
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.critic import critique, missing_components

KIND_BREAK_UP = ("I don't think we're a match, and I've really liked getting to know you. I'd "
                 "rather say it honestly than drift. Take care of yourself")
_ENDINGS = [
    KIND_BREAK_UP,
    "I don't think we're right for each other, but thank you for the last few weeks.",
    "I think we should stop seeing each other. I've enjoyed our dates and I wish you well.",
    "I don't want to keep seeing you, and I wanted to tell you honestly rather than go quiet.",
    "I'm not feeling a connection, so I'd rather stop here. Take care.",
    "I don't see this going anywhere, and I'd rather be honest with you now.",
    "You haven't done anything wrong, I just don't feel it's right for me.",
]
_NOT_ENDINGS = [
    "I don't want to break up. I'm sorry I shouted at you.",
    "Are you breaking up with me?",
    "I'm sorry I said we should stop seeing each other. I didn't mean it.",
    "I'm sorry I was late tonight. Can we talk later?",
    "I'm scared this isn't right for me anymore.",
]
_REPAIR_ASKS = ("ownership", "validation", "request", "feeling")


def _ending_noted(notes: tuple[str, ...]) -> bool:
    return any("ending" in n.lower() and "repair" in n.lower() for n in notes)


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("text", _ENDINGS)
def test_an_ending_is_said_to_be_one_and_asks_for_no_repair(text: str, mode: str) -> None:
    result = critique(text, mode=mode)  # type: ignore[arg-type]
    assert not result.risk.crisis
    assert _ending_noted(result.notes), result.notes
    assert not set(missing_components(result)) & set(_REPAIR_ASKS), missing_components(result)
    assert not any(n.startswith("Not there yet") for n in result.notes)
    # Closing the door is what an ending does: not flagged as withdrawal or rejection.
    assert not {i.kind for i in result.issues} & {"withdrawal", "rejection", "complaint"}


@pytest.mark.parametrize("text", _NOT_ENDINGS)
def test_a_repair_or_a_question_is_no_ending(text: str) -> None:
    assert not _ending_noted(critique(text, mode="rules").notes)


def test_a_cruel_ending_is_still_flagged() -> None:
    result = critique("I don't think we're a match. Honestly you're pathetic.", mode="rules")
    assert _ending_noted(result.notes)
    assert {i.kind for i in result.issues} & {"contempt", "criticism", "hostility"}


def test_the_check_contract_keeps_its_shape_for_an_ending() -> None:
    ending = mendkit.check(KIND_BREAK_UP, mode="rules").to_dict()
    repair = mendkit.check("I'm sorry I snapped at you.", mode="rules").to_dict()
    assert ending.keys() == repair.keys()
    assert ending["components"].keys() == repair["components"].keys()
    assert isinstance(ending["repair_quality"], float)


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("text", [
    KIND_BREAK_UP,
    "I'm sorry I snapped. I've really liked getting to know you.",
    "I really enjoyed getting to know you.",
    "I've loved spending time with you.",
])
def test_liking_getting_to_know_them_is_appreciation(text: str, mode: str) -> None:
    assert critique(text, mode=mode).components["appreciation"]  # type: ignore[arg-type]


_CHASES = [
    "hello?? did I say something wrong? I can see you've read it",
    "wow ok, guess you're too busy for me",
    "lol ok. so you're just ghosting me now?",
    "hello??",
    "are you ignoring me?",
    "did I do something wrong?? you've gone so quiet",
]


def _chase_noted(notes: tuple[str, ...]) -> bool:
    return any("chas" in n.lower() for n in notes)


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("text", _CHASES)
def test_an_anxious_chase_gets_advice_that_fits_it(text: str, mode: str) -> None:
    result = critique(text, mode=mode)  # type: ignore[arg-type]
    assert _chase_noted(result.notes), result.notes
    assert not any("Add what you would like next time" in i.suggestion for i in result.issues)
    assert "request" not in missing_components(result)  # no third message with a demand in it


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("text", _CHASES[:3])
def test_an_anxious_chase_gets_a_calmer_rewrite(text: str, mode: str) -> None:
    result = critique(text, mode=mode)  # type: ignore[arg-type]
    assert result.rewrite is not None
    calm = result.rewrite.lower()
    for chasing in ("??", "ghost", "busy for me", "read it", "wow", "lol"):
        assert chasing not in calm
    again = critique(result.rewrite, mode="rules")
    assert not any(label.startswith("rupture.") for label in again.labels), again.labels
    assert not _chase_noted(again.notes)


def test_the_worry_is_kept_in_the_rewrite() -> None:
    # "did I say something wrong?": the need (to know if something hurt them) stays.
    rewrite = critique(_CHASES[0], mode="rules").rewrite
    assert rewrite is not None and "said" in rewrite


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("text", [
    "sorry but you literally never text back, what was I supposed to think",
    "sorry but you never listen",
])
def test_a_rewrite_is_never_a_bare_sorry(text: str, mode: str) -> None:
    result = critique(text, mode=mode)  # type: ignore[arg-type]
    assert not any('"sorry."' in i.suggestion.lower() for i in result.issues)
    rewrite = result.rewrite
    if rewrite is not None:
        assert rewrite.strip(" .!").lower() not in ("sorry", "i'm sorry", "im sorry")
        assert rewrite[0].isupper()
        assert "never" not in rewrite


@pytest.mark.parametrize("text", [
    "Can you text me when you're running late?",
    "hello! how was your day?",
    "did you get my message about dinner on Friday?",
    "I'm sorry I snapped at you when you were late.",
])
def test_an_ordinary_message_is_no_chase(text: str) -> None:
    assert not _chase_noted(critique(text, mode="rules").notes)
