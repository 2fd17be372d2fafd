"""Round 15 (tester t8): drafts that deny harm, get round a block, turn up after "leave me alone",
or threaten time with the children.

- A denied or reported "I hurt you" ("Stop telling people I hurt you", "I didn't push you, you
  fell ...") owns nothing: it is invalidation (defensiveness) with an issue, never
  ``repair.responsibility``.
- Contact after a block or a request for space, turning up or waiting at their door, a nudge
  before the time they asked for, and custody threats are confrontation (pressure or hostility)
  with an issue, and never a repair request.
- Breaking no contact with "one message is okay" is no reconnection.
- A rewrite drops a threat's clause and keeps the arrangement before it word for word.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import CheckResult

_MODES = ("rules", "full")
_RUPTURES = frozenset({"rupture.confrontation", "rupture.invalidation"})


def _rupture_issue(result: CheckResult, kinds: set[str]) -> bool:
    return any(i.kind in kinds for i in result.issues)


_DENIALS = [
    "I didn't push you, you fell against the door because you were screaming in my face. "
    "Stop telling people I hurt you.",
    "Stop telling people I hurt you.",
    "You keep telling everyone I pushed you. I never touched you.",
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _DENIALS)
def test_a_denied_hurt_is_not_ownership(text: str, mode: str) -> None:
    result = mendkit.check(text, mode=mode)
    assert "repair.responsibility" not in result.labels
    assert not result.components["ownership"]
    assert "rupture.invalidation" in result.labels
    issue = next(i for i in result.issues if i.kind == "defensiveness")
    assert "stop telling others" in issue.message
    assert result.repair_quality < mendkit.check("That one's on me.", mode=mode).repair_quality


@pytest.mark.parametrize("text", [
    "I hurt you, and I'm sorry.",
    "You keep saying I hurt you, and you're right. I'm so sorry.",
])
def test_owning_the_hurt_is_still_ownership(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.responsibility" in result.labels
    assert "rupture.invalidation" not in result.labels


_SPACE = "I need space. Please leave me alone for now."
_PRESSURE: list[tuple[str, tuple[str, ...], str]] = [
    ("I'm messaging from Jo's phone because you blocked me. We need to sort this out.", (),
     "pressure"),
    ("New number, it's me. Don't block this one, I just want to explain.", (), "pressure"),
    ("Can you at least unblock me on Instagram so we can talk like adults?", (), "pressure"),
    ("I know you said not to come round, but I've left flowers on your doorstep and I'll wait in "
     "the car till you come down.", (), "pressure"),
    ("I respect your need for space. I'll be outside your work at 5 so we can talk in person.",
     (_SPACE,), "pressure"),
    ("It's been four days. How much longer am I supposed to wait?", ("I need a week",),
     "pressure"),
    ("Keep this up and you won't see them at Christmas.", (), "hostility"),
    ("I'll be telling the judge exactly what kind of parent you are.", (), "hostility"),
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "context", "kind"), _PRESSURE)
def test_contact_past_a_limit_and_custody_threats_are_flagged(
        text: str, context: tuple[str, ...], kind: str, mode: str) -> None:
    result = mendkit.check(text, context=context, mode=mode)
    assert "rupture.confrontation" in result.labels
    assert "repair.request" not in result.labels
    assert "reconnect" not in result.labels
    assert _rupture_issue(result, {kind})


@pytest.mark.parametrize("mode", _MODES)
def test_a_new_account_to_say_sorry_is_pressure(mode: str) -> None:
    # (Full mode's model may also raise its crisis guess here, which sets the issues aside: the
    # label is what this checks there.)
    result = mendkit.check("I made a new account just to say sorry. Please don't ignore this one.",
                           mode=mode)
    assert "rupture.confrontation" in result.labels
    assert "repair.request" not in result.labels
    if mode == "rules":
        assert _rupture_issue(result, {"pressure"})


@pytest.mark.parametrize(("text", "context"), [
    ("I'll be outside your work at 5 to pick you up.", ("Can you get me after work?",)),
    ("I know you asked for space, but I'll wait as long as you need.", ()),
    ("You won't see them at Christmas, they're at their dad's this year.", ()),
    ("I'm texting from Jo's phone because mine died. Running 10 mins late.", ()),
    ("Take the week, I'm here when you're ready.", ("I need a week",)),
])
def test_the_same_words_without_the_pressure_are_left_alone(
        text: str, context: tuple[str, ...]) -> None:
    result = mendkit.check(text, context=context, mode="rules")
    assert not _RUPTURES & set(result.labels)
    assert not result.issues


@pytest.mark.parametrize("mode", _MODES)
def test_breaking_no_contact_is_no_reconnection(mode: str) -> None:
    text = ("I know you said no contact, but it's your birthday, so I figured one message is "
            "okay. I miss you so much. Please just reply so I know you're alive.")
    result = mendkit.check(text, context=["Please don't contact me again."], mode=mode)
    assert "reconnect" not in result.labels
    assert "repair.request" not in result.labels
    assert "rupture.confrontation" in result.labels
    assert _rupture_issue(result, {"pressure"})


@pytest.mark.parametrize("mode", _MODES)
def test_a_rewrite_drops_the_threat_and_keeps_the_handover(mode: str) -> None:
    text = ("I'm sorry if I upset you. The handover is 5:30pm Friday at the leisure centre; if "
            "you're late again you can forget about half-term.")
    result = mendkit.check(text, mode=mode)
    assert _rupture_issue(result, {"hostility", "pressure"})
    assert result.rewrite is not None
    assert "5:30pm Friday at the leisure centre" in result.rewrite
    assert "half-term" not in result.rewrite
    assert "late again" not in result.rewrite
