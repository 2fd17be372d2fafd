"""The terminal's "Missing:" line and the Check page's component list say what the critic's note
says: no request asked of a letter that needs no answer, nothing asked of a limit."""

from __future__ import annotations

import re

import pytest

import mendkit
from mendkit.cli import render
from mendkit.web.pages import component_rows

LETTER = ("Dad, it's been a year since you died. I'm sorry I never visited you in hospital. "
          "I won't send this, I just needed to write it.")
LIMIT = "Please stop calling me at work. If you call again I won't pick up."
APOLOGY = "I'm sorry I missed your recital."


def _missing(text: str, capsys: pytest.CaptureFixture[str]) -> set[str]:
    render.check(mendkit.check(text, mode="rules"), footer="")
    line = re.search(r"^Missing: (.*)$", capsys.readouterr().out, re.MULTILINE)
    assert line is not None
    return {m.strip() for m in line.group(1).split(",")} - {"none"}


def test_a_letter_is_not_asked_for_a_request_in_the_terminal(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert "request" not in _missing(LETTER, capsys)
    assert "request" in _missing(APOLOGY, capsys)


def test_a_limit_is_asked_for_nothing_more_in_the_terminal(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert _missing(LIMIT, capsys) == set()


def test_the_check_page_marks_what_a_letter_or_limit_is_not_asked_for() -> None:
    letter = {name: words for name, _, words in component_rows(mendkit.check(LETTER, mode="rules"))}
    assert letter["request"] == "not needed here"
    apology = {name: words for name, _, words in
               component_rows(mendkit.check(APOLOGY, mode="rules"))}
    assert apology["request"] == "not yet"
    limit = component_rows(mendkit.check(LIMIT, mode="rules"))
    assert all(words != "not yet" for _, _, words in limit)
