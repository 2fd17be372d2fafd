"""Round five of the critic: rewrites keep the draft's own text outside the fixes (line breaks,
ellipses, double spaces), read as whole sentences, leave nothing they flagged, and the issues'
words fit the words they point at. The critic stays linear in the message length."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.cli.main import main
from mendkit.errors import InvalidInputError


def rules(text: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode="rules")


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I feel so ignored by you.", "I feel so lonely."),
    ("I feel criticized by you, and I feel judged.", "I feel discouraged, and I feel exposed."),
    ("I feel left out of your life, and I feel invisible when we go out.",
     "I feel sad, and I feel lonely when we go out."),
    ("I feel let down by you when you cancel on me.", "I feel disappointed when you cancel on me."),
    ("I feel ignored by you at parties.", "I feel lonely at parties."),
    ("I feel ignored by you and I feel used by you.", "I feel lonely and I feel hurt."),
    ("I feel ignored by my sister and her friends.", "I feel lonely."),
    ("I feel ignored by literally everyone in this house and all of your friends from work.", None),
])
def test_a_blaming_feeling_loses_its_by_you_as_well(draft: str, rewrite: str | None) -> None:
    assert rules(draft).rewrite == rewrite


def test_used_to_something_is_not_the_blaming_feeling_used() -> None:
    result = rules("I feel used to it now, I'm sorry I was late.")
    assert "blaming_feeling" not in {i.kind for i in result.issues}
    assert result.rewrite is None or "hurt to it" not in result.rewrite
    assert "blaming_feeling" in {i.kind for i in rules("I feel used by you.").issues}


def test_no_suggestion_starts_with_try_so_the_renderers_try_is_not_doubled(
        capsys: pytest.CaptureFixture[str]) -> None:
    for text in ("I feel ignored.", "I feel rejected and ignored and abandoned.",
                 "You never listen to me.", "I'm sorry you feel that way.",
                 "I feel like you don't care."):
        for issue in rules(text).issues:
            assert not issue.suggestion.lower().startswith("try"), issue.suggestion
    assert main(["check", "--mode", "rules", "I feel ignored."]) == 0
    out = capsys.readouterr().out
    assert "Try: Try" not in " ".join(out.split())
    assert "Try: Name the feeling and need beneath it" in " ".join(out.split())


def test_several_blaming_feelings_read_as_one_plain_list() -> None:
    result = rules("I feel rejected and ignored and abandoned.")
    issue = next(i for i in result.issues if i.kind == "blaming_feeling")
    assert issue.message == ("\"rejected\", \"ignored\" and \"abandoned\" say what they did more "
                             "than what you feel, so they can land as an accusation.")
    assert "\"I feel hurt, lonely, scared and alone, and I need" in issue.suggestion
    assert result.rewrite == "I feel hurt, lonely, scared and alone."


def test_every_always_or_never_sentence_is_flagged_and_none_is_kept() -> None:
    result = rules("You never listen! You always interrupt me!")
    flagged = [result.text[i.start:i.end] for i in result.issues if i.kind == "always_never"]
    assert len(flagged) == 2
    assert "complaint" not in {i.kind for i in result.issues}
    assert result.rewrite is None or not {"always", "never"} & set(result.rewrite.lower().split())


def test_a_repeated_criticism_is_not_offered_back_as_the_fix() -> None:
    result = rules("You always do this. You always do this!")
    assert result.rewrite is None


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I'm sorry... but you never listen.", "I'm sorry."),
    ("I'm sorry you feel that way... but you never listen.", "I'm sorry I ..."),
    ("I feel ignored... and I feel disrespected.", "I feel lonely... and I feel hurt."),
])
def test_a_rewrite_keeps_ellipses_and_never_doubles_a_stop(draft: str, rewrite: str) -> None:
    assert rules(draft).rewrite == rewrite


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("Hi Sam,\n\nI'm sorry you feel that way.\n\nLove, Jo",
     "Hi Sam,\n\nI'm sorry I ...\n\nLove, Jo"),
    ("I'm sorry I snapped.\n\nYou always do this though.\n\nCan we talk tonight?",
     "I'm sorry I snapped.\n\nCan we talk tonight?"),
    ("I feel ignored.  Can we talk tonight?", "I feel lonely.  Can we talk tonight?"),
])
def test_a_rewrite_keeps_the_drafts_line_breaks_and_spacing(draft: str, rewrite: str) -> None:
    assert rules(draft).rewrite == rewrite


@pytest.mark.parametrize("draft", [
    "I'm very sorry you feel that way.", "I'm just sorry you feel that way.",
    "I'm genuinely sorry you feel that way.", "I\u2019m deeply sorry you feel that way.",
])
def test_a_non_apology_with_any_adverb_is_replaced_whole(draft: str) -> None:
    assert rules(draft).rewrite == "I'm sorry I ..."


def test_a_non_apology_glued_to_other_letters_does_not_double_i_am() -> None:
    hebrew = "Fine.\u05d0\u05e0\u05d9 \u05de\u05e6\u05d8\u05e2\u05e8"  # "I'm sorry", glued on
    result = rules(f"{hebrew}I'm sorry you feel that way")
    assert result.rewrite == f"{hebrew}I'm sorry I ..."


def test_a_complaint_is_not_called_fair_where_it_is_also_a_criticism() -> None:
    result = rules("I feel like you don't care.")
    kinds = {i.kind for i in result.issues}
    assert "criticism" in kinds
    assert "complaint" not in kinds
    assert not any("fair" in i.message for i in result.issues)


def test_pointing_back_to_an_earlier_sorry_is_explained_as_that() -> None:
    result = rules("I said sorry, but you still ignore me.")
    issue = next(i for i in result.issues if i.kind == "non_apology")
    assert "their feelings" not in issue.message and "\"if\"" not in issue.message
    assert "already" in issue.message
    plain = next(i for i in rules("I'm sorry you feel that way.").issues if i.kind == "non_apology")
    assert "their feelings" in plain.message


@pytest.mark.parametrize("text", ["\u200b\u200b", "\ufeff", " \u200d\u2060 ", "\u200e\n"])
def test_an_invisible_only_message_is_refused_as_empty(
        text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InvalidInputError, match="expected a message to check, got an empty one"):
        mendkit.check(text, mode="rules")
    assert main(["check", "--mode", "rules", text]) == 1
    captured = capsys.readouterr()
    assert "expected a message to check, got an empty one" in captured.err
    assert "Traceback" not in captured.err
