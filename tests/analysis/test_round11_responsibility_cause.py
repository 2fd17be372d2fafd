"""Round 11: "I'm sorry that you were left out, I lost track of time" owns a cause, so it is an
apology that takes responsibility; "I'm sorry that you lost your job" is sympathy, not one."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode

_RESPONSIBILITY = "repair.responsibility"


def _responsibility_rules(text: str, mode: Mode) -> list[str]:
    return [e.source for e in mendkit.check(text, mode=mode).evidence
            if e.label == _RESPONSIBILITY and e.source.startswith("rule:")]


_OWNED_CAUSE = [
    "I'm sorry that you were left out, I lost track of time",
    "I'm sorry you were left out. I lost track of time.",
    "Sorry you had to wait so long, I didn't check the time.",
    "I'm so sorry that you were stuck there on your own, I got the date wrong.",
    "I'm really sorry you found out like that - I forgot to tell you first.",
    "i'm sorry u were left off the list, i should have checked",
    "I'm sorry you missed the start because I wasn't paying attention to the time.",
]


@pytest.mark.parametrize("text", _OWNED_CAUSE)
def test_sorry_that_you_beside_an_owned_cause_is_responsibility(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert _RESPONSIBILITY in result.labels
    assert result.components["ownership"]
    assert _responsibility_rules(text, "rules")


# In full mode the shipped model may still overrule a repair rule it scores under its floor
# (fusion.RULE_FLOOR): it does so for "Sorry you had to wait so long, I didn't check the time."
@pytest.mark.parametrize("text", [t for t in _OWNED_CAUSE if not t.startswith("Sorry you had")])
def test_the_owned_cause_is_responsibility_in_full_mode_too(text: str) -> None:
    result = mendkit.check(text, mode="full")
    assert _RESPONSIBILITY in result.labels
    assert result.components["ownership"]
    assert _responsibility_rules(text, "full")


_SYMPATHY = [
    "I'm sorry that you lost your job.",
    "I'm sorry that you lost your job, I know how much you loved it.",
    "I'm sorry you had such a rough week, I hope the weekend is kinder.",
    "I'm sorry you were left out, Sam forgot to tell you.",
    "She's sorry that you were left out, she lost track of time.",
    "I'm not sorry that you were left out, I forgot on purpose.",
]


@pytest.mark.parametrize("text", _SYMPATHY)
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_sympathy_or_someone_elses_cause_is_no_rule_responsibility(text: str, mode: Mode) -> None:
    assert _responsibility_rules(text, mode) == []


@pytest.mark.parametrize("text", _SYMPATHY[:4])
def test_sympathy_takes_no_ownership_in_rules_mode(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert _RESPONSIBILITY not in result.labels
    assert not result.components["ownership"]
