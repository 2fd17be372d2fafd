"""Round 11: complaint-02's "when you said" pattern checks the act the writer owns just before it
("I cut you off when you said ...") with a compact look-behind. It used to spell out every act
with every ending in 24 fixed-width look-behinds (about 3,100 characters); it must still read
the same, and stay short."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from itertools import groupby

import pytest

from mendkit.analysis.pipeline import analyze_turn
from mendkit.analysis.rules import engine_rules

_RULE = "confrontation/complaint-02"
# The acts a writer owns just before "when you ...", and the endings they may carry.
_ACTS = (
    "laughed", "snapped", "moved on", "jumped in", "rushed on", "ignored it", "went quiet",
    "cut you off", "ignored you", "interrupted", "moved us on", "rushed past", "didn't react",
    "dismissed it", "changed topic", "didn't listen", "dismissed you", "got defensive",
    "moved past it", "shut you down", "brushed it off", "didn't respond", "brushed you off",
    "interrupted you", "talked over you", "made it about me", "wasn't listening",
    "changed the topic", "moved straight on", "changed the subject", "didn't say anything",
)
_ENDINGS = ("", "right ", "too fast ", "too quickly ")


def _written_patterns() -> list[str]:
    text = (resources.files("mendkit") / "rules" / "confrontation.toml").read_text("utf-8")
    rule = next(r for r in tomllib.loads(text)["rule"] if r["id"] == _RULE)
    return list(rule["patterns"])


def _fires(text: str) -> bool:
    turn = analyze_turn(0, "me", text, [])
    return f"rule:{_RULE}" in {e.source for e in turn.evidence}


def _when_you() -> re.Pattern[str]:
    """The rule's "when you ..." pattern, as the engine compiled it."""
    rule = next(r for r in engine_rules().rules if r.id == _RULE)
    return next(p for p in rule.patterns if "walked out" in p.pattern).compiled()


def _reference() -> re.Pattern[str]:
    """The look-behind as it was first written: every act with every ending, one fixed-width
    look-behind per length."""
    owned = sorted({f"i {act} {ending}" for act in _ACTS for ending in _ENDINGS}, key=len)
    groups = ["|".join(re.escape(s) for s in same) for _, same in groupby(owned, key=len)]
    verbs = "said|told|called|made|laughed|left|walked out|ignored|interrupted|brought up|forgot"
    return re.compile("".join(f"(?<!{g})" for g in groups)
                      + rf"\bwhen you (?:{verbs}|didn'?t)\b")


def test_no_pattern_of_the_rule_is_thousands_of_characters_long() -> None:
    longest = max(_written_patterns(), key=len)
    assert len(longest) < 1_000, f"{len(longest)} characters: {longest[:80]}..."


def _sentences() -> list[str]:
    before = [f"{who}{act} {ending}" for who in ("i ", "so i ", "xi ", "they ", "")
              for act in _ACTS for ending in _ENDINGS]
    before += ["", "i ", "i too fast ", "when you ", "i laughed when you ", "right ", "hi "]
    return [f"{b}when you {verb}{end}" for b in before
            for verb in ("said", "told me", "didn't", "asked") for end in ("", " it.")]


def test_the_rule_matches_where_the_long_look_behind_did() -> None:
    ours, reference = _when_you(), _reference()
    differ = [s for s in _sentences()
              if [m.span() for m in ours.finditer(s)] != [m.span() for m in reference.finditer(s)]]
    assert differ == []


@pytest.mark.parametrize("act", _ACTS)
@pytest.mark.parametrize("ending", _ENDINGS)
def test_an_owned_act_just_before_when_you_is_no_complaint(act: str, ending: str) -> None:
    assert _when_you().search(f"honestly i {act} {ending}when you said it.") is None
    assert not _fires(f"I {act} {ending}when you told me about it.")


@pytest.mark.parametrize("act", _ACTS)
@pytest.mark.parametrize("ending", _ENDINGS)
def test_the_same_act_by_someone_else_leaves_when_you(act: str, ending: str) -> None:
    text = f"it hurt that they {act} {ending}when you said it."
    found = _when_you().search(text)
    assert found is not None and found.start() == text.index("when you")


@pytest.mark.parametrize("text", [
    "It hurt when you laughed at me in front of everyone.",
    "when you said that I felt small",  # at the very start of the message
    "I didn't react when you said it, but it hurt when you laughed at me.",
    "I laughed a bit too fast when you said it.",  # not one of the endings
    "I snapped quite fast when you told me.",
])
def test_when_you_without_an_owned_act_just_before_is_a_complaint(text: str) -> None:
    assert _fires(text)
