"""Round 15: labels in letters and messages to estranged family (tester t1, problem 12).

"You were a terrible father" is criticism of who he was; "Your therapist has clearly turned you
against us" treats their choice as someone else's doing (invalidation); "I guess I wasn't
important enough to keep in touch with. It's fine." is a passive-aggressive complaint. An apology
that keeps to a no-contact wish ("I know you don't want to hear from me, so this is the last time
I'll write") is no appeasing withdrawal, and "I just wanted to say I'm sorry for how I ended
things" owns what the writer did: the words after "I just wanted to say" are the writer's own,
not reported speech.
"""

from __future__ import annotations

import pytest

import mendkit

_MODES = ("rules", "full")


def _has(text: str, mode: str, label: str, subtype: str) -> bool:
    return any(e.label == label and e.subtype == subtype
               for e in mendkit.check(text, mode=mode).evidence)


_LABELLED = [
    ("You were a terrible father and I'm glad I don't have to pretend anymore.",
     "rupture.confrontation", "criticism"),
    ("Your therapist has clearly turned you against us. This isn't you.",
     "rupture.invalidation", "condescension"),
    ("I guess I wasn't important enough to keep in touch with. It's fine.",
     "rupture.confrontation", "complaint"),
    ("I just wanted to say I'm sorry for how I ended things. No need to reply.",
     "repair.responsibility", "apology"),
    ("Hey, I know it's been years. I just wanted to say I'm sorry for how I ended things. "
     "No need to reply.", "repair.responsibility", "apology"),
]
_NOT_LABELLED = [
    ("You weren't a terrible father, you did your best.", "rupture.confrontation", "criticism"),
    ("I was a terrible father to you and I know it.", "rupture.confrontation", "criticism"),
    ("The therapist turned the chairs round to face us.", "rupture.invalidation",
     "condescension"),
    ("I guess I wasn't good enough for the team this year.", "rupture.confrontation",
     "complaint"),
    ("She just wanted to say sorry for how she ended things.", "repair.responsibility",
     "apology"),
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "label", "subtype"), _LABELLED)
def test_label_is_read(text: str, label: str, subtype: str, mode: str) -> None:
    assert _has(text, mode, label, subtype)


@pytest.mark.parametrize(("text", "label", "subtype"), _NOT_LABELLED)
def test_look_alike_is_not(text: str, label: str, subtype: str) -> None:
    assert not _has(text, "rules", label, subtype)


def test_an_apology_that_keeps_to_no_contact_is_not_appeasing() -> None:
    # It may still read as a vague apology; it is not a closed door, and not the worst repair.
    text = ("I'm sorry for everything. I know you don't want to hear from me, so this is the last "
            "time I'll write.")
    result = mendkit.check(text, mode="rules")
    assert "rupture.withdrawal" not in result.labels
    assert not any(i.kind == "withdrawal" for i in result.issues)
    assert result.repair_quality > mendkit.check("I'm sorry for everything.", mode="rules").repair_quality
    # Appeasing with nothing kept to is still appeasing.
    assert "rupture.withdrawal" in mendkit.check(
        "I'm sorry for everything. You know best.", mode="rules").labels
