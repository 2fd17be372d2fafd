"""Round 15: pressure after a stated no or a request for space (tester t1, problem 4).

Writing again after "I need space" or "please don't contact me" with a demand ("I need an answer
tonight", "hear me out one last time"), a nudge before the time they named ("Just checking if
you're ready to talk yet?"), a deadline with a visit ("If you don't reply by Friday I'll come by
your work.") or a way round a block ("I made a new account because you blocked my old one.")
overrides the limit they set. It is ``rupture.confrontation/pressure``, never a repair request,
and ``mend check`` says, in its own words, that it goes past a limit they set. A message that
keeps to the limit ("so I'll wait until you reach out") and a plain deadline ("about the venue
deposit") are not.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import CheckResult

_MODES = ("rules", "full")
_SPACE = "I need a week of space. Please don't message me until Saturday."

_PAST_LIMIT: list[tuple[str, tuple[str, ...]]] = [
    ("I know you asked for space but I need an answer tonight. Are we done or not?", ()),
    ("I know you said not to contact me but I just need you to hear me out one last time.", ()),
    ("I know you said not to contact me but I just need you to hear me out one last time.",
     ("Please don't contact me again.",)),
    ("If you don't reply by Friday I'll come by your work.", ()),
    ("I made a new account because you blocked my old one.", ()),
]
_KEEPS_TO_IT = [
    "I know you asked for space, so I'll wait until you reach out.",
    "I need an answer tonight about the venue deposit",
]


def _pressure(result: CheckResult) -> bool:
    return any(e.label == "rupture.confrontation" and e.subtype == "pressure"
               for e in result.evidence)


def _limit_issue(result: CheckResult) -> bool:
    return any(i.kind == "pressure" and "limit they set" in i.message for i in result.issues)


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "context"), _PAST_LIMIT)
def test_pressure_past_a_limit_is_named(text: str, context: tuple[str, ...], mode: str) -> None:
    result = mendkit.check(text, context=context, mode=mode)
    assert _pressure(result)
    assert "repair.request" not in result.labels
    assert _limit_issue(result)


def test_nudge_before_the_time_they_named_is_pressure_with_context() -> None:
    text = "Just checking if you're ready to talk yet? It's been two days."
    result = mendkit.check(text, context=[_SPACE], mode="rules")
    assert _pressure(result)
    assert _limit_issue(result)
    assert not _pressure(mendkit.check(text, context=["How was the trip?"], mode="rules"))


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _KEEPS_TO_IT)
def test_keeping_to_the_limit_is_no_pressure(text: str, mode: str) -> None:
    result = mendkit.check(text, mode=mode)
    assert not _pressure(result)
    assert not _limit_issue(result)

