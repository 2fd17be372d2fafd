"""Round five of the critic, second pass: a rewrite never keeps a withdrawal it has just flagged,
cuts a blaming feeling's whole "by you ..." phrase or offers nothing, and a non-apology that ends
in an ellipsis keeps its stop."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.cli.main import main


def rules(text: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode="rules")


@pytest.mark.parametrize(("draft", "rewrite"), [
    # The whole "better message" would be the withdrawal: nothing is left to offer.
    ("Fine, whatever. You always do this.", None),
    # A withdrawal that is a sentence of its own goes with the other fixes.
    ("Whatever... I feel ignored by you...", "I feel lonely..."),
    ("Whatever. I'm sorry you feel that way.", "I'm sorry I ..."),
    ("Whatever. I'm sorry I yelled.", "I'm sorry I yelled."),
    # Inside a sentence it cannot be cut cleanly: no rewrite rather than one that keeps it.
    ("I feel ignored by you, so leave me alone.", None),
    ("I'm sorry you feel that way, and I'm not talking about this anymore.", None),
])
def test_a_rewrite_never_keeps_a_flagged_withdrawal(draft: str, rewrite: str | None) -> None:
    result = rules(draft)
    assert "withdrawal" in {i.kind for i in result.issues}
    assert result.rewrite == rewrite


def test_the_cli_offers_no_rewrite_that_is_only_the_withdrawal(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--mode", "rules", "Fine, whatever. You always do this."]) == 0
    out = capsys.readouterr().out
    assert "Pulling away" in out
    assert "rewrite" not in out.lower()


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I feel ignored by you guys when you play games.", "I feel lonely when you play games."),
    ("I feel used by you guys.", "I feel hurt."),
    ("I feel manipulated by you into saying yes.", "I feel uneasy."),
    ("I feel ignored by you all at parties.", "I feel lonely at parties."),
    # Someone of theirs is not the person the message is to: cutting them would blame the reader.
    ("I feel ignored by your mother.", None),
    ("I feel ignored by your mother at parties.", None),
])
def test_a_blaming_feeling_loses_its_whole_agent_phrase(draft: str, rewrite: str | None) -> None:
    assert rules(draft).rewrite == rewrite


@pytest.mark.parametrize("draft", [
    "I feel ignored by you guys when you play games.", "I feel used by you guys.",
    "I feel manipulated by you into saying yes.", "I feel controlled by you for no reason.",
])
def test_no_rewrite_leaves_the_end_of_an_agent_phrase_behind(draft: str) -> None:
    rewrite = rules(draft).rewrite
    assert rewrite is None or not any(
        words in rewrite for words in (" guys", "into saying", "for no reason"))


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I'm sorry you feel that way\u2026", "I'm sorry I ..."),
    ("Okay. I'm sorry you feel that way\u2026", "Okay. I'm sorry I ..."),
])
def test_a_non_apology_ending_in_an_ellipsis_keeps_it(draft: str, rewrite: str) -> None:
    assert rules(draft).rewrite == rewrite
