"""Round 8: the critic's spans and rewrites, and one rule for the text every check surface gives."""

from __future__ import annotations

import json

import pytest

import mendkit
from mendkit.cli.main import main


def _rules(text: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode="rules")


# -- one rule for the checked text on every surface: the text as given, offsets into it ----------
# (since round 11: a client marking its own text box needs offsets into what it sent, spaces and
# CRLF line ends included; the analysis itself reads the trimmed, LF text)

@pytest.mark.parametrize("given", [
    "  I am sorry you feel that way.  ",
    "\tI am sorry you feel that way.\n",
    "\ufeffI am sorry you feel that way.",
])
def test_the_api_gives_the_text_and_offsets_that_mend_check_gives(
        given: str, capsys: pytest.CaptureFixture[str]) -> None:
    api = _rules(given).to_dict()
    assert main(["check", given, "--json", "--mode", "rules"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert api["text"] == cli["text"] == given
    assert [(i["kind"], given[i["start"]:i["end"]]) for i in api["issues"]] == [
        ("non_apology", "I am sorry you feel")]
    assert api["issues"] == cli["issues"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_breaks_mark_the_same_words_as_lf(newline: str) -> None:
    lf_text = "Hi.\nYou're so selfish.\nI'm sorry you feel that way."
    other_text = lf_text.replace("\n", newline) + newline
    lf, other = _rules(lf_text).to_dict(), _rules(other_text).to_dict()
    assert other["text"] == other_text
    for key in ("issues", "evidence"):
        assert [(i.get("kind") or i["label"], other_text[i["start"]:i["end"]]) for i in other[key]] \
            == [(i.get("kind") or i["label"], lf_text[i["start"]:i["end"]]) for i in lf[key]]
        assert other[key]


def test_the_rewrite_treats_spaces_around_the_message_the_same_way_each_time() -> None:
    assert _rules("   Sorry you feel that way.   ").rewrite == "I'm sorry I ..."
    assert _rules("   I'm sorry but you always do this.   ").rewrite == "I'm sorry."


# -- an eye-roll is cut, not the apology before it ------------------------------------------------

@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I'm sorry I snapped at you. I felt overwhelmed. Can we talk tonight? \U0001f644",
     "I'm sorry I snapped at you. I felt overwhelmed. Can we talk tonight?"),
    ("\U0001f621 I'm sorry if you were hurt. \U0001f644",
     "\U0001f621 I'm sorry I ..."),
])
def test_an_eye_roll_at_the_end_goes_and_the_apology_stays(draft: str, rewrite: str) -> None:
    result = _rules(draft)
    contempt = [i for i in result.issues if i.kind == "contempt"]
    assert contempt
    assert all("sorry" not in draft[i.start:i.end] for i in contempt)
    assert result.rewrite == rewrite
    assert "contempt" not in {i.kind for i in _rules(rewrite).issues}


# -- a non-apology followed by "but" is a "sorry, but" too ---------------------------------------

@pytest.mark.parametrize("draft", [
    "I'm sorry that you're upset, but I did nothing wrong.",
    "I'm sorry you feel that way!!! But you're wrong.",
])
def test_a_non_apology_with_a_but_names_the_but_and_does_not_keep_it(draft: str) -> None:
    result = _rules(draft)
    kinds = {i.kind for i in result.issues}
    assert {"non_apology", "sorry_but"} <= kinds
    but = next(i for i in result.issues if i.kind == "sorry_but")
    assert draft[but.start:but.end].lower().startswith("but ")
    assert result.rewrite == "I'm sorry I ..."


# -- cutting the complaint leaves no rewrite that says nothing of it -----------------------------

@pytest.mark.parametrize("draft", [
    "Hey\nYou never listen to me.",
    "Hey\r\nYou never listen to me.",
    "Jos\u00e9 is tired. You never help, you never listen, you never care.",
])
def test_a_rewrite_never_deletes_the_whole_complaint(draft: str) -> None:
    result = _rules(draft)
    assert "always_never" in {i.kind for i in result.issues}
    assert result.rewrite is None


def test_a_cut_jab_after_an_apology_still_leaves_the_apology() -> None:
    result = _rules("I'm sorry I was late. You never listen to me.")
    assert result.rewrite == "I'm sorry I was late."


# -- punctuation around emoji ---------------------------------------------------------------------

def test_a_sorry_but_before_an_emoji_leaves_no_comma_before_the_stop() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    thumbs = "\U0001f44d\U0001f3fd"
    result = _rules(f"{family} I'm {thumbs} sorry, {thumbs} but you were the one who started it.")
    assert result.rewrite == f"{family} I'm {thumbs} sorry {thumbs}."


def test_a_withdrawal_cut_keeps_the_emoji_that_opened_the_message() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    thumbs = "\U0001f44d\U0001f3fd"
    result = _rules(f"{family} Whatever. {thumbs} Fine.")
    assert result.rewrite is None or result.rewrite.startswith(family)


@pytest.mark.parametrize("message", ["I'm sorry but you always do this.",
                                     "Sorry you feel that way, but you always overreact."])
def test_a_sorry_but_issue_starts_at_the_word_but(message: str) -> None:
    found = mendkit.check(message, mode="rules")
    spans = [message[i.start:i.end] for i in found.issues if i.kind == "sorry_but"]
    assert spans and all(span.startswith("but ") for span in spans)


def test_full_width_always_never_gets_the_always_never_issue() -> None:
    found = mendkit.check("ＹＯＵ ＮＥＶＥＲ ＬＩＳＴＥＮ", mode="rules")
    assert [i.kind for i in found.issues] == ["always_never"]


@pytest.mark.parametrize(("message", "rewrite"), [
    ("I'm sorry I forgot your birthday \U0001f644", "I'm sorry I forgot your birthday."),
    ("I'm sorry I forgot your birthday. \U0001f643", "I'm sorry I forgot your birthday."),
    ("Sure. \U0001f644", "Sure."),
])
def test_an_eye_roll_is_what_the_rewrite_takes_out_not_the_words_before_it(
        message: str, rewrite: str) -> None:
    found = _rules(message)
    contempt = [message[i.start:i.end] for i in found.issues if i.kind == "contempt"]
    assert contempt and all(span.startswith(("\U0001f644", "\U0001f643")) for span in contempt)
    assert found.rewrite == rewrite


def test_an_invisible_mark_inside_never_keeps_the_always_never_issue() -> None:
    found = _rules("You ne\u00adver listen to me.")
    assert [i.kind for i in found.issues] == ["always_never"]
